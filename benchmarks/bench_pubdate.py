"""Publication-date inference benchmark on White House briefings (dates known).

Reads ``../shared/bench/whitehouse/briefings.jsonl.gz`` (never copied into the project) and
scores :func:`toolkit.pubdate.infer_published` against each record's ``published`` field.

Sample (deterministic): every briefing with 1 to 1,499 words (whitespace tokens), then
``random.Random(seed).sample(..., n)`` of them (default seed 0, n 1,000); the same sample in
every run. The title is not given to the parser, only the body text.

For each document: is the inferred year right, the month right (year and month), and the date
within 3 days of the truth? No estimate counts as wrong. The baseline, measured in the same
run on the same parses, takes the latest full date (day, month and year all written) in the
text.

Usage: ``.venv/bin/python benchmarks/bench_pubdate.py [--n 1000] [--seed 0] [--show 20] [--cache PATH]``

``--cache PATH`` stores the parsed sample as a spaCy ``DocBin`` (with the pipeline, the sample's
ids and the word limit as its key) and reads it back on the next run with the same key, which
skips the parse (about 2 minutes). Keep the cache outside the project (e.g. ``/tmp``); the
timing line then counts loading, not parsing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from toolkit.dates import extract_dates
from toolkit.pubdate import infer_published
from toolkit.models import load_pipeline, pipeline_id
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def sample(n: int, seed: int, max_words: int = 1500) -> list[dict]:
    eligible = []
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if 1 <= len(rec["text"].split()) < max_words:
                eligible.append(rec)
    rng = random.Random(seed)
    return rng.sample(eligible, min(n, len(eligible)))


def parse(nlp, recs: list[dict], cache: Path | None) -> list:
    """The parsed texts of ``recs``, from ``cache`` (a DocBin file) when its key matches."""
    import hashlib
    import pickle

    from spacy.tokens import DocBin

    key = hashlib.sha1((pipeline_id(nlp) + "\n" + "\n".join(r["id"] for r in recs)).encode()).hexdigest()
    if cache is not None and cache.is_file():
        with open(cache, "rb") as fh:
            stored_key, payload = pickle.load(fh)
        if stored_key == key:
            return list(DocBin().from_bytes(payload).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["text"] for r in recs), batch_size=32))
    if cache is not None:
        db = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "LEMMA",
                           "MORPH", "POS", "SENT_START", "SPACY", "NORM"], store_user_data=True)
        for d in docs:
            db.add(d)
        with open(cache, "wb") as fh:
            pickle.dump((key, db.to_bytes()), fh)
    return docs


def baseline(doc) -> dt.date | None:
    """The latest full date (day, month and year written) in the text."""
    best = None
    for d in extract_dates(doc, published=None):
        if d.type in ("DATE", "TIME") and re.match(r"^\d{4}-\d{2}-\d{2}", d.value) and d.start:
            best = d.start if best is None or d.start > best else best
    return best


def judge(est: dt.date | None, truth: dt.date) -> tuple[int, int, int]:
    if est is None:
        return 0, 0, 0
    return (int(est.year == truth.year), int((est.year, est.month) == (truth.year, truth.month)),
            int(abs((est - truth).days) <= 3))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print this many misses (within 3 days)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="DocBin file to store the parsed sample in and reuse (skips the parse)")
    args = ap.parse_args()
    if not PATH.is_file():
        print(f"benchmark data not found: {PATH} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    recs = sample(args.n, args.seed)
    nlp = load_pipeline()
    t0 = time.perf_counter()
    ours = Counter()
    base = Counter()
    in_range = 0
    no_est = 0
    misses = []
    by_year = Counter()
    by_year_ok = Counter()
    t_infer = 0.0
    for rec, doc in zip(recs, parse(nlp, recs, args.cache)):
        truth = dt.date.fromisoformat(rec["published"])
        t1 = time.perf_counter()
        est, lo, hi = infer_published(doc)
        t_infer += time.perf_counter() - t1
        y, m, d3 = judge(est, truth)
        ours.update(year=y, month=m, d3=d3)
        by_year[truth.year] += 1
        by_year_ok[truth.year] += y
        no_est += est is None
        if lo is not None and hi is not None and lo <= truth <= hi:
            in_range += 1
        by, bm, bd = judge(baseline(doc), truth)
        base.update(year=by, month=bm, d3=bd)
        if not d3 and len(misses) < args.show:
            misses.append((rec["id"], truth, est, lo, hi))
    n = len(recs)
    elapsed = time.perf_counter() - t0
    print(f"\nPublication-date inference on {n} White House briefings (1-1,499 words, seed {args.seed})")
    print(f"{'':24s} {'year':>6s} {'month':>6s} {'<=3 days':>9s}")
    print(f"{'baseline (latest date)':24s} {base['year'] / n:6.3f} {base['month'] / n:6.3f} {base['d3'] / n:9.3f}")
    print(f"{'infer_published':24s} {ours['year'] / n:6.3f} {ours['month'] / n:6.3f} {ours['d3'] / n:9.3f}")
    print(f"no estimate: {no_est / n:.3f}; truth inside the returned [earliest, latest]: {in_range / n:.3f}")
    print("year right by true year: " + ", ".join(f"{k} {by_year_ok[k] / by_year[k]:.2f} (n={by_year[k]})"
                                                 for k in sorted(by_year)))
    print(f"time: {elapsed:.1f} s (parse + both methods), {t_infer:.2f} s in infer_published")
    for m in misses:
        print("  miss", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
