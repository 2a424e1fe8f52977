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

Two samples, reported separately:

* ``dev``: ``random.Random(0)`` (``--seed``), the sample the rules were developed and tuned on
  (with ``random.Random(1)``, also read while tuning); its figures are in-sample;
* ``fresh``: a confirmation sample drawn once and not read while tuning: the eligible
  briefings that are in neither the seed-0 nor the seed-1 sample, then
  ``random.Random(2).sample(..., n)`` of them.

Abstention: ``infer_published`` returns no estimate when the evidence leaves more than a year
open (only an office held for years, say); such documents count as wrong in the first table and
are left out of the second ("answered"), whose size is the coverage.

Usage: ``.venv/bin/python benchmarks/bench_pubdate.py [--sample dev|fresh|both] [--n 1000] [--seed 0]
[--show 20] [--cache PATH]``

``--cache PATH`` (one file per sample: ``PATH.dev``, ``PATH.fresh``) stores the parsed sample as a spaCy ``DocBin`` (with the pipeline, the sample's
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
from toolkit.pubdate import infer_published_evidence
from toolkit.models import load_pipeline, pipeline_id
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def _eligible(max_words: int = 1500) -> list[dict]:
    eligible = []
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if 1 <= len(rec["text"].split()) < max_words:
                eligible.append(rec)
    return eligible


def sample(n: int, seed: int, max_words: int = 1500) -> list[dict]:
    """``random.Random(seed).sample`` of the eligible briefings (the development samples)."""
    eligible = _eligible(max_words)
    rng = random.Random(seed)
    return rng.sample(eligible, min(n, len(eligible)))


def fresh_sample(n: int, max_words: int = 1500) -> list[dict]:
    """A confirmation sample disjoint from the seed-0 and seed-1 samples (both read while
    tuning): ``random.Random(2).sample`` of the eligible briefings in neither."""
    eligible = _eligible(max_words)
    seen = set()
    for seed in (0, 1):
        seen.update(r["id"] for r in random.Random(seed).sample(eligible, min(n, len(eligible))))
    rest = [r for r in eligible if r["id"] not in seen]
    return random.Random(2).sample(rest, min(n, len(rest)))


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


def run(recs: list[dict], docs: list, *, label: str, show: int) -> None:
    """Score ``infer_published`` and the baseline on one sample and print the tables."""
    ours = Counter()
    base = Counter()
    answered = Counter()
    always = Counter()  # abstain=False: the middle of a wide range instead of no estimate
    in_range = no_est = 0
    misses = []
    by_year = Counter()
    by_year_ok = Counter()
    basis = Counter()
    t_infer = 0.0
    for rec, doc in zip(recs, docs):
        truth = dt.date.fromisoformat(rec["published"])
        t1 = time.perf_counter()
        inf = infer_published_evidence(doc)
        t_infer += time.perf_counter() - t1
        est, lo, hi = inf.estimate, inf.earliest, inf.latest
        basis[inf.evidence[0].split(":")[0] if inf.evidence else "none"] += 1
        y, m, d3 = judge(est, truth)
        ours.update(year=y, month=m, d3=d3)
        forced = est if est is not None else infer_published_evidence(doc, abstain=False).estimate
        fy, fm, fd = judge(forced, truth)
        always.update(year=fy, month=fm, d3=fd)
        if est is not None:
            answered.update(n=1, year=y, month=m, d3=d3)
        by_year[truth.year] += 1
        by_year_ok[truth.year] += y
        no_est += est is None
        if lo is not None and hi is not None and lo <= truth <= hi:
            in_range += 1
        by, bm, bd = judge(baseline(doc), truth)
        base.update(year=by, month=bm, d3=bd)
        if not d3 and len(misses) < show:
            misses.append((rec["id"], truth, est, lo, hi, inf.evidence[:3]))
    n = len(recs)
    k = answered["n"] or 1
    print(f"\nPublication-date inference, {label}: {n} White House briefings (1-1,499 words)")
    print(f"{'':30s} {'year':>6s} {'month':>6s} {'<=3 days':>9s}")
    print(f"{'baseline (latest date)':30s} {base['year'] / n:6.3f} {base['month'] / n:6.3f} {base['d3'] / n:9.3f}")
    print(f"{'infer_published, all':30s} {ours['year'] / n:6.3f} {ours['month'] / n:6.3f} {ours['d3'] / n:9.3f}")
    print(f"{'infer_published, abstain=False':30s} {always['year'] / n:6.3f} {always['month'] / n:6.3f} "
          f"{always['d3'] / n:9.3f}")
    print(f"{'infer_published, answered':30s} {answered['year'] / k:6.3f} {answered['month'] / k:6.3f} "
          f"{answered['d3'] / k:9.3f}   (n={answered['n']})")
    print(f"abstention (no estimate): {no_est / n:.3f}; truth inside the returned [earliest, latest]: {in_range / n:.3f}")
    print("basis of the estimate: " + ", ".join(f"{b} {c}" for b, c in basis.most_common()))
    print("year right by true year: " + ", ".join(f"{k} {by_year_ok[k] / by_year[k]:.2f} (n={by_year[k]})"
                                                 for k in sorted(by_year)))
    print(f"time: {t_infer:.2f} s in infer_published")
    for m in misses:
        print("  miss", *m)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", choices=["dev", "fresh", "both"], default="both")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0, help="seed of the development sample")
    ap.add_argument("--show", type=int, default=0, help="print this many misses (within 3 days)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="DocBin file to store the parsed sample in and reuse (skips the parse)")
    args = ap.parse_args()
    if not PATH.is_file():
        print(f"benchmark data not found: {PATH} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    nlp = load_pipeline()
    for which in (["dev", "fresh"] if args.sample == "both" else [args.sample]):
        recs = sample(args.n, args.seed) if which == "dev" else fresh_sample(args.n)
        cache = args.cache.with_name(args.cache.name + "." + which) if args.cache else None
        docs = parse(nlp, recs, cache)
        label = (f"development sample (seed {args.seed}, in-sample)" if which == "dev"
                 else "fresh confirmation sample (seed 2, disjoint from seeds 0 and 1)")
        run(recs, docs, label=label, show=args.show if which == "dev" else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
