"""Speed of the dates tagger versus ``dateparser.search_dates``, under the fair protocol.

Reads a deterministic sample of White House briefings from ``../shared/bench/whitehouse/``
(never copied into the project): every 17th record with 100 to 1,500 words. Times, with the
protocol of ``fair.py`` (a warm-up batch for both, then per round one fresh batch that
neither tagger has seen, order alternating, the toolkit's per-word caches emptied before
every round, times per word):

* side ``dateparser``: ``dateparser.search_dates(text, languages=["en"])`` on every text;
* side ``ours``: the spaCy parse of the batch (``nlp.pipe``, timed as ``parse``), then
  :func:`toolkit.dates.extract_dates` on the docs (timed as ``extract``).

The two taggers share no state, so they get the same batch in a round (``shared=True``).
Prints each round and the median of dateparser / extraction alone (ours on parsed docs,
when the parse is needed anyway) and dateparser / parse + extraction (the honest comparison
when nothing else uses the parse). Absolute times on a shared machine mean little.

Usage: ``.venv/bin/python benchmarks/bench_dates_speed.py [--rounds 5] [--per-batch 20] [--keep-caches]``
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import fair  # benchmarks/fair.py (this script's folder is on sys.path)
from toolkit.dates import extract_dates
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def ours_side(nlp, counts: dict):
    """``run(texts)``: parse (timed as ``parse``), then ``extract_dates`` (timed as ``extract``)."""
    def run(texts: list[str]) -> dict[str, float]:
        t_parse, docs = fair.timed(lambda: list(nlp.pipe(texts, batch_size=32)))
        t0 = time.perf_counter()
        n = sum(len(extract_dates(doc)) for doc in docs)
        t_ext = time.perf_counter() - t0
        counts["ours"] = counts.get("ours", 0) + n
        return {"parse": t_parse, "extract": t_ext}
    return run


def dateparser_side(search_dates, counts: dict):
    """``run(texts)``: ``search_dates`` on every text."""
    def run(texts: list[str]) -> float:
        t0 = time.perf_counter()
        n = 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for t in texts:
                n += len(search_dates(t, languages=["en"]) or [])
        counts["dateparser"] = counts.get("dateparser", 0) + n
        return time.perf_counter() - t0
    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-batch", type=int, default=20, help="briefings per batch")
    fair.add_cache_option(ap)
    args = ap.parse_args()
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed (it comes with the dev extra: make setup); skipping")
        return 0
    texts = [r["text"] for r in fair.briefings(PATH, n=args.per_batch * (1 + args.rounds))]
    warm, rounds = fair.split_batches(texts, rounds=args.rounds, per_batch=args.per_batch,
                                      n_sides=2, words=fair.n_words, shared=True)
    nlp = load_pipeline()
    print(f"{len(texts)} briefings, {sum(map(fair.n_words, texts)):,} words: a warm-up batch and "
          f"{args.rounds} rounds of one fresh batch of {args.per_batch} (fair.py protocol; "
          f"{fair.caches_label(args)})")
    counts: dict = {}
    res = fair.run_rounds({"ours": ours_side(nlp, counts),
                           "dateparser": dateparser_side(search_dates, counts)},
                          warm=warm, rounds=rounds, words=fair.n_words,
                          reset=fair.reset_for(args))
    print(f"\nexpressions found in the timed rounds: ours {counts['ours']}, "
          f"dateparser {counts['dateparser']} (warm-up and rounds)")
    fair.print_ratios(res, {"dateparser / extract_dates alone (x faster)": ("dateparser", "extract"),
                            "dateparser / (parse + extract_dates)": ("dateparser", ("parse", "extract"))},
                      digits=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
