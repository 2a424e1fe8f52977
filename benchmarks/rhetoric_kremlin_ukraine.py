"""Rhetoric benchmark: how the Kremlin and the Ukrainian presidency report and speak, 2021-22.

Runs the rhetoric analysis of notebook 03 on the English press releases of the Russian and the
Ukrainian presidencies (kremlin.ru, president.gov.ua), Oct 2021 - Jun 2022, read
from ../shared/bench/kremlin_ukraine_2022/press_releases.jsonl.gz (never copied into the
project; set TOOLKIT_SHARED_DIR if it lives elsewhere), and prints the contrast between the
two publishers:

* who each side gives a voice to (speakers, their countries);
* how: direct-quote share, reporting-verb classes and stances;
* how the quoted speak: hedges, boosters, negation, sentiment, evaluative terms;
* with which contested terms ("special military operation" / "invasion" / "war", "Kiev" /
  "Kyiv", "Donbass" / "Donbas", "neo-Nazi", ...), before and from 24 February 2022.

Texts: "President of Russia, www.kremlin.ru" and "Official website of the President of
Ukraine, www.president.gov.ua", both CC BY 4.0.

Usage::

    .venv/bin/python benchmarks/rhetoric_kremlin_ukraine.py             # all 1,786 items
    .venv/bin/python benchmarks/rhetoric_kremlin_ukraine.py --n 200     # 100 per publisher
    .venv/bin/python benchmarks/rhetoric_kremlin_ukraine.py --workers 2

The parse dominates (all items: about 13 minutes with 2 workers on a busy 2-core machine);
the rhetoric features take 0.5 ms per statement and the term search 1 ms per article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

import pandas as pd

from toolkit.paths import SHARED_DIR

DATA = SHARED_DIR / "bench" / "kremlin_ukraine_2022" / "press_releases.jsonl.gz"
INVASION = pd.Timestamp("2022-02-24")
PRONOUNS = {"i", "me", "we", "us", "my", "our"}
FIRST_PERSON = "(first person: I / we)"
SHORT = {"President of Russia": "Kremlin", "President of Ukraine": "Ukraine"}


def load(n=None) -> list[dict]:
    """The records; with ``n``, ``n // 2`` per publisher, evenly spaced in time (deterministic)."""
    if not DATA.is_file():
        sys.exit(f"benchmark data not found: {DATA} (set TOOLKIT_SHARED_DIR)")
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    if n is None:
        return recs
    out = []
    for pub in sorted({r["publisher"] for r in recs}):
        rows = [r for r in recs if r["publisher"] == pub]
        k = max(1, min(len(rows), n // 2))
        out += [rows[round(i * (len(rows) - 1) / max(1, k - 1))] for i in range(k)] if k > 1 else rows[:1]
    return sorted(out, key=lambda r: (r["published"], r["id"]))


def show(title: str, frame: pd.DataFrame, *, rows: int = 15) -> None:
    print(f"\n## {title}")
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.max_colwidth", 40,
                           "display.float_format", "{:.3f}".format):
        print(frame.head(rows).to_string(index=False))


def per_side(frame: pd.DataFrame, func, *, top: int = 10, **kw) -> pd.DataFrame:
    """``func(sub_frame, **kw)`` for each publisher, stacked with a ``side`` column."""
    parts = []
    for side in sorted(frame["side"].dropna().unique()):
        sub = func(frame[frame["side"] == side], **kw).head(top)
        parts.append(sub.assign(side=side))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return out[["side", *[c for c in out.columns if c != "side"]]] if len(out) else out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=None, help="sample size (half per publisher); default all")
    ap.add_argument("--workers", type=int, default=1, help="parsing processes")
    args = ap.parse_args(argv)

    import toolkit
    from toolkit import rhetoric
    from toolkit.ingest import ArticleInput

    recs = load(args.n)
    items = [ArticleInput(text=r["text"], article_id=r["id"], title=r["title"] or None, url=r["url"],
                          published=r["published"], source=SHORT.get(r["publisher"], r["publisher"]))
             for r in recs]
    t0 = time.perf_counter()
    corpus = toolkit.parse_many(items, workers=args.workers)
    t_parse = time.perf_counter() - t0
    arts = corpus.articles.assign(side=lambda d: d["source"].astype(object))
    side_of = dict(zip(arts["article_id"], arts["side"]))
    st = rhetoric.with_speaker_country(corpus.statements, corpus.actors)
    st = st.assign(side=[side_of.get(a) for a in st["article_id"]])
    # First-person speakers ("I", "we": the publisher's principal in transcripts and addresses,
    # left unresolved by the extractor) are pooled under one label.
    st["speaker"] = [FIRST_PERSON if isinstance(s, str) and s.lower() in PRONOUNS else s for s in st["speaker"]]
    t1 = time.perf_counter()
    st = rhetoric.with_features(st)
    t_feat = time.perf_counter() - t1
    t2 = time.perf_counter()
    terms = rhetoric.article_terms({r["id"]: r["text"] for r in recs})
    t_terms = time.perf_counter() - t2
    period = {a: ("before 24 Feb" if pd.Timestamp(p) < INVASION else "from 24 Feb")
              for a, p in zip(arts["article_id"], arts["published"])}

    n_words = arts.groupby("side")["n_words"].sum()
    print(f"# Rhetoric benchmark: {len(corpus)} press releases ({', '.join(f'{k} {v}' for k, v in arts['side'].value_counts().sort_index().items())}), "
          f"{int(n_words.sum()):,} words, {len(st)} statements, {len(terms)} contested-term occurrences")
    print(f"parse {t_parse:.1f} s; statement features {t_feat:.2f} s "
          f"({1000 * t_feat / max(1, len(st)):.2f} ms/statement); terms {t_terms:.2f} s "
          f"({1000 * t_terms / max(1, len(recs)):.2f} ms/article); {len(corpus.error_list)} errors")

    # -- who each side quotes
    show("Statements per publisher", st.groupby("side").agg(
        articles=("article_id", "nunique"), statements=("statement_id", "size"),
        per_article=("article_id", lambda s: len(s) / s.nunique())).reset_index())
    show("Who each side quotes (top 10 speakers)", per_side(st, rhetoric.voice_share, by="speaker"), rows=20)
    show("Speakers' countries (share of statements)", per_side(st, rhetoric.voice_share, by="country", top=6), rows=12)

    # -- how
    show("How directly (quote share per publisher)", rhetoric.direct_quote_share(st, by="side"))
    show("Reporting-verb classes per publisher (share of statements)",
         rhetoric.reporting_profile(st, by="side", normalize=True))
    show("Reporting stances per publisher (share of statements)",
         rhetoric.reporting_profile(st, by="side", column="stance", normalize=True))
    show("Most frequent cues per publisher", per_side(st, lambda f: rhetoric.voice_share(f, by="cue"), top=8),
         rows=16)

    # -- how the quoted speak
    hedge_cols = ["side", "n_statements", "hedges_per_100_words", "boosters_per_100_words", "hedged_share",
                  "boosted_share", "negated_share", "top_hedges", "top_boosters"]
    show("Hedging per publisher", rhetoric.hedging_by_speaker(st, by="side")[hedge_cols])
    show("Sentiment per publisher", rhetoric.sentiment_by_speaker(st, by="side"))
    st_c = st.assign(side_country=[f"{s}: {c if isinstance(c, str) else '?'}" for s, c in zip(st["side"], st["country"])])
    show("Hedging and sentiment by publisher and speaker country (>= 20 statements)",
         rhetoric.hedging_by_speaker(st_c, by="side_country")
         .merge(rhetoric.sentiment_by_speaker(st_c, by="side_country")[["side_country", "mean_sentiment",
                                                                         "negative_share", "top_evaluative"]])
         .query("n_statements >= 20")[["side_country", "n_statements", "hedges_per_100_words",
                                       "boosters_per_100_words", "negated_share", "mean_sentiment",
                                       "negative_share", "top_evaluative"]], rows=12)
    top_speakers = st["speaker"].value_counts()
    top_speakers = set(top_speakers[top_speakers >= 15].index)
    show("Sentiment of the most quoted speakers (>= 15 statements)",
         rhetoric.sentiment_by_speaker(st[st["speaker"].isin(top_speakers)])[
             ["speaker", "n_statements", "mean_sentiment", "positive_share", "negative_share", "top_evaluative"]],
         rows=15)

    # -- with which terms
    terms = terms.assign(publisher=[side_of.get(a) for a in terms["article_id"]],
                         period=[period.get(a) for a in terms["article_id"]])
    show("Whose vocabulary each publisher uses",
         rhetoric.term_usage_by_outlet(terms, arts.rename(columns={"side": "publisher"}), by="publisher"))
    both = terms.assign(pub_period=[f"{p} {q}" for p, q in zip(terms["publisher"], terms["period"])])
    show("... before and from 24 February 2022", rhetoric.term_usage_by_outlet(both, by="pub_period"))
    use = rhetoric.term_usage(terms, by="publisher")
    groups = ["war_name", "kyiv", "donbas", "nazism", "armed_groups", "republics", "crimea", "government",
              "occupation", "settlement"]
    wide = (use[use["group"].isin(groups)]
            .pivot_table(index=["group", "term", "side"], columns="publisher", values="n", aggfunc="sum",
                         fill_value=0).reset_index())
    wide.columns.name = None
    wide = wide.assign(_g=wide["group"].map({g: i for i, g in enumerate(groups)}))
    wide = wide.sort_values(["_g", "term"]).drop(columns="_g")
    show("Contested terms by publisher (occurrences)", wide, rows=80)
    smo = use[(use["group"] == "war_name")].copy()
    show("Naming the war: share of the war_name group per publisher", smo[["publisher", "term", "side", "n", "share"]],
         rows=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
