"""Speed benchmark of the actor extractor: its cost as a share of the bare spaCy parse.

Reads a spread-out sample of White House briefings from ../shared/bench/whitehouse/ (never
copied into the project), parses them once with ``nlp.pipe`` and then runs
:func:`toolkit.actors.extract_actors` over the same docs. The machine may be shared and loaded,
so only ratios measured in this one run are printed:

* ``extract_actors`` time / bare ``nlp.pipe`` time (the issue's target: at most 0.10);
* the time the resolver spends answering the statements and events extractors
  (``resolve()`` calls), as a share of the same parse time;
* with ``--profile``, the top functions of a cProfile run over the actor extraction.

Usage: ``.venv/bin/python benchmarks/bench_actors.py [--n 30] [--max-words 3000] [--repeat 3] [--profile]``

Example output::

    30 briefings, 26,000 words; bare nlp.pipe 9,000 words/s
    extract_actors / bare nlp.pipe: 0.061  (best of 3)
    resolver calls from statements+events / bare nlp.pipe: 0.004
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import json
import pstats
import sys
import time

from toolkit import actors, dates, events, statements
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR


def sample(n: int, max_words: int, step: int = 37) -> list[dict]:
    """Every ``step``-th briefing with 100..max_words words, up to ``n`` of them."""
    path = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (set TOOLKIT_SHARED_DIR)")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % step:
                continue
            rec = json.loads(line)
            if 100 <= len(rec["text"].split()) <= max_words:
                out.append(rec)
            if len(out) >= n:
                break
    return out


class _TimedResolver:
    """Wraps a resolver and adds up the time spent in ``resolve``."""

    def __init__(self, inner):
        self.inner, self.seconds, self.calls = inner, 0.0, 0

    def resolve(self, start_char, end_char):
        t = time.perf_counter()
        try:
            return self.inner.resolve(start_char, end_char)
        finally:
            self.seconds += time.perf_counter() - t
            self.calls += 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--max-words", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the extractor; the best counts")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the actor extraction")
    args = ap.parse_args()
    nlp = load_pipeline()
    recs = sample(args.n, args.max_words)
    texts = [r["text"] for r in recs]
    pubs = [dt.date.fromisoformat(r["published"]) for r in recs]
    n_words = sum(len(t.split()) for t in texts)
    nlp("warm up")
    t0 = time.perf_counter()
    actors.load_dictionary()  # loaded once per process (cached), not per article
    t_dict = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_pipe = time.perf_counter() - t0

    best = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        results = [actors.extract_actors(doc, published=pub) for doc, pub in zip(docs, pubs)]
        best = min(best, time.perf_counter() - t0)

    t_res = 0.0
    calls = 0
    for doc, pub, ar in zip(docs, pubs, results):
        ds = dates.extract_dates(doc, published=pub)
        tr = _TimedResolver(ar.resolver)
        statements.extract_statements(doc, resolver=tr, dates=ds, published=pub)
        events.extract_events(doc, resolver=tr, dates=ds, published=pub)
        t_res += tr.seconds
        calls += tr.calls

    print(f"{len(docs)} briefings, {n_words:,} words; bare nlp.pipe {n_words / t_pipe:,.0f} words/s")
    print(f"extract_actors / bare nlp.pipe: {best / t_pipe:.3f}  (best of {max(1, args.repeat)})")
    print(f"resolver calls from statements+events ({calls}) / bare nlp.pipe: {t_res / t_pipe:.3f}")
    print(f"actors total (extraction + resolver calls) / bare nlp.pipe: {(best + t_res) / t_pipe:.3f}")
    print(f"one-off dictionary load (once per process) / bare nlp.pipe of these texts: {t_dict / t_pipe:.3f}")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for doc, pub in zip(docs, pubs):
            actors.extract_actors(doc, published=pub)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
