"""GAP (gendered ambiguous pronouns): does the toolkit link a pronoun to the right named person?

GAP (Webster et al., TACL 2018) gives Wikipedia snippets, each with one pronoun and two
names A and B, and whether each name corefers with the pronoun. This script reads the
``development`` or ``validation`` split from ``../shared/bench/gap/`` (read in place, never
copied; the script exits with a message when it is absent), parses every snippet with the
toolkit (``toolkit.parse_many``, which runs ``nlp.pipe`` in batches and then the same
extraction as ``toolkit.parse``; a fixed publication date is given, the snippets need none)
and reads the predictions from the ``mentions`` table:

* the mention of the pronoun, of A and of B is the mention overlapping the labelled span
  (offset, offset + length of the labelled text); among several, the one with an
  ``actor_id``, then the largest overlap, then the first;
* A (or B) is predicted to corefer when the pronoun's and A's mentions both exist, both
  have an ``actor_id``, and the two are equal; otherwise it is predicted not to corefer.

Scoring (GAP's own): precision, recall and F1 over all the binary predictions (two per
row, TRUE = positive), overall and by the pronoun's gender (masculine: he, him, his,
himself; feminine: she, her, hers, herself), and the bias factor F1(feminine) /
F1(masculine). Snippet-context setting: the URL column is not used.

Develop on ``development``; ``validation`` confirms (``--errors`` is refused for it).

Usage::

    .venv/bin/python benchmarks/bench_gap.py                           # validation, 454 rows
    .venv/bin/python benchmarks/bench_gap.py --split development --n 300 --errors 20
    .venv/bin/python benchmarks/bench_gap.py --split development --cache /tmp/you/gap

Only aggregate figures are printed, except with ``--errors`` (terminal only; never store
GAP text in the project).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from toolkit.paths import SHARED_DIR

GAP = SHARED_DIR / "bench" / "gap"
SPLITS = ("development", "validation")
MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
PUBLISHED = "2018-01-01"  # any fixed date: spares the publication-date estimate


@dataclass
class Row:
    gid: str
    text: str
    pronoun: str
    p_off: int
    a: str
    a_off: int
    a_coref: bool
    b: str
    b_off: int
    b_coref: bool

    @property
    def gender(self) -> str:
        return "feminine" if self.pronoun.lower() in FEMININE else "masculine"


def load_rows(split: str, n: Optional[int] = None) -> list[Row]:
    """The rows of a GAP split (the first ``n`` in file order when ``n`` is given)."""
    path = GAP / f"gap-{split}.tsv"
    if not path.is_file():
        sys.exit(f"GAP not found at {path} (set TOOLKIT_SHARED_DIR); nothing to do")
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [Row(r["ID"], r["Text"], r["Pronoun"], int(r["Pronoun-offset"]), r["A"], int(r["A-offset"]),
                    r["A-coref"].upper() == "TRUE", r["B"], int(r["B-offset"]), r["B-coref"].upper() == "TRUE")
                for r in reader]
    return rows[:n] if n else rows


def mention_at(mentions: list[dict], start: int, end: int) -> Optional[dict]:
    """The mention overlapping ``[start, end)`` (see the docstring's tie rule)."""
    best, key = None, None
    for k, m in enumerate(mentions):
        ov = min(end, m["end_char"]) - max(start, m["start_char"])
        if ov <= 0:
            continue
        cand = (bool(m.get("actor_id")), ov, -k)
        if key is None or cand > key:
            best, key = m, cand
    return best


def predict(row: Row, mentions: list[dict]) -> tuple[bool, bool]:
    """(A corefers, B corefers) as the mentions table says."""
    p = mention_at(mentions, row.p_off, row.p_off + len(row.pronoun))
    pid = p.get("actor_id") if p else None
    out = []
    for name, off in ((row.a, row.a_off), (row.b, row.b_off)):
        m = mention_at(mentions, off, off + len(name))
        out.append(bool(pid) and m is not None and m.get("actor_id") == pid)
    return out[0], out[1]


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tally(rows: list[Row], preds: dict[str, tuple[bool, bool]]) -> dict[str, Counter]:
    """Confusion counts overall and by gender (GAP's scoring)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        pa, pb = preds.get(row.gid, (False, False))
        for pred, gold in ((pa, row.a_coref), (pb, row.b_coref)):
            kind = "tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"
            out["overall"][kind] += 1
            out[row.gender][kind] += 1
    return out


def parse_rows(rows: list[Row], *, cache: Optional[Path] = None, batch_size: int = 64, model=None):
    """Parse the snippets; article id -> list of mention dicts (text order)."""
    import toolkit
    from toolkit.ingest import ArticleInput

    inputs = [ArticleInput(text=r.text, article_id=r.gid, published=PUBLISHED) for r in rows]
    corpus = toolkit.parse_many(inputs, nlp=model, cache_dir=cache, batch_size=batch_size, backend="polars")
    by_id: dict[str, list[dict]] = defaultdict(list)
    for m in corpus.mentions.iter_rows(named=True):
        by_id[m["article_id"]].append(m)
    return by_id, len(corpus.errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=SPLITS, default="validation")
    ap.add_argument("--n", type=int, default=None, help="only the first N rows (a quick subset)")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong rows (development only)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="a parse_many cache directory OUTSIDE the project (e.g. /tmp/you/gap)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the toolkit's)")
    args = ap.parse_args()
    if args.errors and args.split != "development":
        sys.exit("--errors is only for --split development: validation only confirms")
    rows = load_rows(args.split, args.n)
    t0 = time.perf_counter()
    mentions, n_failed = parse_rows(rows, cache=args.cache, batch_size=args.batch_size, model=args.model)
    secs = time.perf_counter() - t0
    preds = {r.gid: predict(r, mentions.get(r.gid, [])) for r in rows}
    counts = tally(rows, preds)
    print(f"GAP {args.split}: {len(rows)} rows ({2 * len(rows)} pairs), parsed in {secs:.0f} s"
          + (f"; {n_failed} snippet(s) failed to parse (predicted False)" if n_failed else ""))
    f1 = {}
    for part in ("overall", "masculine", "feminine"):
        p, r, f1[part] = prf(counts[part])
        c = counts[part]
        print(f"  {part:10s} P {p:.3f}  R {r:.3f}  F1 {f1[part]:.3f}   (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    bias = f1["feminine"] / f1["masculine"] if f1["masculine"] else 0.0
    print(f"  bias (F1 feminine / F1 masculine) {bias:.3f}")
    no_pron = sum(1 for r in rows if not (mention_at(mentions.get(r.gid, []), r.p_off, r.p_off + len(r.pronoun))
                                          or {}).get("actor_id"))
    print(f"  pronouns without an actor_id: {no_pron} of {len(rows)}")
    if args.errors:
        wrong = [r for r in rows if preds[r.gid] != (r.a_coref, r.b_coref)]
        print(f"\n--- wrong rows: {len(wrong)} (sample of {min(args.errors, len(wrong))})")
        for r in random.Random(7).sample(wrong, min(args.errors, len(wrong))):
            ms = mentions.get(r.gid, [])
            show = [(m["text"], m["actor_id"], m["how"]) for m in ms]
            print(f"  {r.gid}: pronoun {r.pronoun!r}@{r.p_off} A {r.a!r}={r.a_coref} B {r.b!r}={r.b_coref} "
                  f"pred {preds[r.gid]}\n     mentions {show}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
