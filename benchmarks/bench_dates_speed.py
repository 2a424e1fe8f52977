"""Speed of the dates tagger versus ``dateparser.search_dates`` on the same texts, in one run.

Reads a deterministic sample of White House briefings from ``../shared/bench/whitehouse/``
(never copied into the project): every 37th record with 100 to 1,499 words, the first ``--n``
of them. Times, on the same texts:

* ``dateparser.search_dates(text, languages=["en"])`` (the dateparser package);
* our extraction alone: :func:`toolkit.dates.extract_dates` on already parsed docs;
* our extraction plus the spaCy parse it needs (``nlp.pipe`` of the same texts), which is the
  honest comparison when nothing else uses the parse.

The two taggers run in alternating rounds (``--rounds``, default 5) and the median time of each
is reported (the first round of each includes its warm-up), so that a change of load on a shared machine does not favour one of them.
Prints both ratios (dateparser time / ours). Absolute times on a shared machine mean little.

Usage: ``.venv/bin/python benchmarks/bench_dates_speed.py [--n 100] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import warnings

from toolkit.dates import extract_dates
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def sample(n: int) -> list[str]:
    out = []
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 37:
                continue
            rec = json.loads(line)
            if 100 <= len(rec["text"].split()) < 1500:
                out.append(rec["text"])
            if len(out) >= n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds of the two taggers (median time)")
    args = ap.parse_args()
    if not PATH.is_file():
        print(f"benchmark data not found: {PATH} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed (it comes with the dev extra: make setup); skipping")
        return 0
    texts = sample(args.n)
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    nlp("warm up")
    search_dates("warm up on Monday", languages=["en"])

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_parse = time.perf_counter() - t0

    # alternate the two taggers, round after round: on a shared machine the load drifts, and
    # a drift must not favour the one measured second
    times_ours: list[float] = []
    times_dp: list[float] = []
    n_ours = n_dp = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        n_ours = sum(len(extract_dates(doc)) for doc in docs)
        times_ours.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        n_dp = 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for t in texts:
                n_dp += len(search_dates(t, languages=["en"]) or [])
        times_dp.append(time.perf_counter() - t0)
    t_ours = statistics.median(times_ours)
    t_dp = statistics.median(times_dp)

    print(f"\n{len(texts)} briefings, {words:,} words (100-1,499 words each, every 37th record)")
    print(f"  dateparser.search_dates      {t_dp:8.2f} s   {words / t_dp:9,.0f} words/s   {n_dp} expressions")
    print(f"  extract_dates (parsed docs)  {t_ours:8.2f} s   {words / t_ours:9,.0f} words/s   {n_ours} expressions")
    print(f"  spaCy parse (nlp.pipe)       {t_parse:8.2f} s   {words / t_parse:9,.0f} words/s")
    print(f"  ratio dateparser / extraction alone:       {t_dp / t_ours:6.1f}x")
    print(f"  ratio dateparser / parse + extraction:     {t_dp / (t_parse + t_ours):6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
