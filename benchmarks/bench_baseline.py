"""Off-the-shelf baseline on the reference annotations, scored like the toolkit.

The figures the toolkit's accuracy table sets beside its own: what a user gets from the
installed parts alone, with no rules of ours, scored by ``toolkit.evaluate``'s scorers
(``score_actors``, ``score_dates``, ``score_statements``: the matching rules of
``../shared/gold/README.md``) on the seed reference and on the 12 dev references
(``../shared/gold/*.json`` without the seed). The baseline, exactly:

* **actors**: spaCy's entities (the toolkit's default pipeline) labelled ``PERSON``, ``ORG``,
  ``GPE``, ``LOC`` or ``FAC``, one row per distinct name (the entity text, compared after the
  scorer's own normalisation: case, apostrophes, a leading "the", a trailing "'s").
* **dates**: ``dateparser.search_dates(body, languages=["en"])`` with ``RELATIVE_BASE`` the
  reference's publication date; every hit is located in the body in order (the scorer's
  ``locate``), typed ``DATE`` and valued as the calendar day found (``YYYY-MM-DD``).
* **statements**: every stretch between a pair of double quotation marks (“…” or "…") of at
  least three words is a direct statement; its speaker is the text of the nearest ``PERSON``
  or ``ORG`` entity outside the quotation, by character distance, in the sentences the
  quotation touches or the sentence before or after (none: an empty speaker); no cue (an
  empty one: the scorer reads a missing cue or speaker as an error).

The README used to quote a baseline with textacy's quotation extractor (seed 0.80 / 0.27 /
0.20, dev 0.73 / 0.54 / 0.05) that had no script; textacy is not installed, this script is
the baseline now. Both references were read while the toolkit's rules were developed, so
the toolkit's figures on them are in-sample; the baseline was not tuned on them (the rules
above were fixed before its first run).

Usage: ``.venv/bin/python benchmarks/bench_baseline.py [--per-file]``

Example output::

    references                   actors F1  dates value F1  statements attribution F1
    seed                             0.857           0.267                      0.364
    12 dev references                0.784           0.542                      0.157
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import warnings
from pathlib import Path

from toolkit import frames
from toolkit.evaluate import Score, _headline, load_gold, locate, score_actors, score_dates, score_statements
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

GOLD = SHARED_DIR / "gold"
SEED = "000_a191f6331583f074.json"
ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "LOC": "location",
                "FAC": "location"}
SPEAKER_LABELS = {"PERSON", "ORG"}
#: a quotation: curly pair, or straight pair (no line break inside)
QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
MIN_QUOTE_WORDS = 3


def baseline_actors(doc) -> list[dict]:
    """One actor row per distinct spaCy entity name of the kept labels.

    Example:
        >>> [a["name"] for a in baseline_actors(nlp("Peskov spoke in Moscow."))]  # doctest: +SKIP
        ['Peskov', 'Moscow']
    """
    seen, out = set(), []
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS and ent.text.lower() not in seen:
            seen.add(ent.text.lower())
            out.append({"name": ent.text, "kind": ACTOR_LABELS[ent.label_]})
    return out


def baseline_dates(body: str, published: dt.date, search_dates) -> list[dict]:
    """``search_dates`` hits as date rows located in ``body`` (a hit not found is dropped).

    Example:
        >>> baseline_dates("Talks resume on June 2.", dt.date(2025, 5, 30), search_dates)[0]["value"]  # doctest: +SKIP
        '2025-06-02'
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = search_dates(body, languages=["en"], settings={
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time())}) or []
    spans = locate(body, [text for text, _ in hits])
    return [{"text": text, "start_char": sp[0], "end_char": sp[1], "type": "DATE",
             "value": when.date().isoformat()}
            for (text, when), sp in zip(hits, spans) if sp is not None]


def _nearest_speaker(doc, a: int, b: int) -> str | None:
    """The nearest PERSON/ORG entity outside ``a:b`` in the quotation's sentences +-1."""
    sents = list(doc.sents)
    idx = [i for i, s in enumerate(sents) if s.start_char < b and s.end_char > a]
    if not idx:
        return None
    lo, hi = sents[max(0, idx[0] - 1)].start_char, sents[min(len(sents) - 1, idx[-1] + 1)].end_char
    best = None
    for ent in doc.ents:
        if ent.label_ not in SPEAKER_LABELS or ent.start_char < lo or ent.end_char > hi:
            continue
        if ent.end_char > a and ent.start_char < b:
            continue  # inside the quotation
        dist = a - ent.end_char if ent.end_char <= a else ent.start_char - b
        if best is None or dist < best[0]:
            best = (dist, ent.text)
    return best[1] if best else None


def baseline_statements(doc) -> list[dict]:
    """Quotations of three words or more, each with the nearest PERSON/ORG as speaker.

    Example:
        >>> baseline_statements(nlp('“We will attend the talks,” Peskov said.'))[0]["speaker"]  # doctest: +SKIP
        'Peskov'
    """
    out = []
    for m in QUOTE.finditer(doc.text):
        g = 1 if m.group(1) is not None else 2
        a, b = m.start(g), m.end(g)
        if len(doc.text[a:b].split()) < MIN_QUOTE_WORDS:
            continue
        out.append({"content": doc.text[a:b].strip(), "content_start": a, "content_end": b,
                    "speaker": _nearest_speaker(doc, a, b) or "", "mode": "direct", "cue": ""})
    return out


def score_file(path: Path, nlp, search_dates) -> dict[str, Score]:
    """The three baseline scores of one reference file."""
    gold, body = load_gold(path)
    published = dt.date.fromisoformat(gold["published"])
    doc = nlp(body)
    return {
        "actors": score_actors(frames.build("actors", baseline_actors(doc)), gold.get("actors", [])),
        "dates": score_dates(frames.build("dates", baseline_dates(body, published, search_dates)),
                             gold.get("dates", []), body),
        "statements": score_statements(frames.build("statements", baseline_statements(doc)),
                                       gold.get("statements", []), gold.get("actors", [])),
    }


def _line(label: str, scores: dict[str, Score]) -> str:
    vals = [_headline(t, scores[t])[1] for t in ("actors", "dates", "statements")]
    return f"{label:<28} {vals[0]:9.3f} {vals[1]:15.3f} {vals[2]:26.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-file", action="store_true", help="also print each reference's scores")
    args = ap.parse_args()
    if not (GOLD / SEED).is_file():
        print(f"reference annotations not found in {GOLD} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed (it comes with the dev extra: make setup); skipping")
        return 0
    nlp = load_pipeline()
    dev = sorted(p for p in GOLD.glob("*.json") if p.name != SEED)
    groups = {"seed": [GOLD / SEED], f"{len(dev)} dev references": dev}
    print(f"{'references':<28} {'actors F1':>9} {'dates value F1':>15} {'statements attribution F1':>26}")
    for label, paths in groups.items():
        total = {t: Score() for t in ("actors", "dates", "statements")}
        for p in paths:
            scores = score_file(p, nlp, search_dates)
            for t, s in scores.items():
                total[t].merge(s)
            if args.per_file and len(paths) > 1:
                print(_line("  " + p.stem[:26], scores))
        print(_line(label, total))
        detail = ", ".join(f"{t} P {s.precision:.2f} R {s.recall:.2f}" for t, s in total.items())
        acc = (f"speaker acc {total['statements'].accuracy('speaker'):.2f}, "
               f"date value acc {total['dates'].accuracy('value'):.2f}")
        print(f"{'':<28} ({detail}; {acc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
