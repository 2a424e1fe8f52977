"""Speed benchmark of the actor extractor: its cost as a share of the bare spaCy parse.

Reads a spread-out sample of White House briefings from ../shared/bench/whitehouse/ (never
copied into the project; every 17th record with 100 to ``--max-words`` words) and times, with
the protocol of ``fair.py`` (a warm-up batch, then per round a fresh, length-matched batch
per side, order alternating, the toolkit's per-word caches emptied, times per word):

* side ``parse``: a bare ``nlp.pipe`` of its batch;
* side ``actors``: its own batch parsed (untimed), then :func:`toolkit.actors.extract_actors`
  on every doc (``actors``), then the time the resolver spends answering the statements and
  events extractors (``resolve()`` calls, ``resolver``).

Prints each round and the median of extract_actors / bare parse (the target: at most 0.10)
and of the resolver calls / bare parse, the one-off dictionary load, and with ``--profile``
the top functions of a cProfile run of the extraction on a further, unseen batch.

Usage: ``.venv/bin/python benchmarks/bench_actors.py [--rounds 5] [--per-batch 10] [--max-words 3000] [--keep-caches] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import time

import fair  # benchmarks/fair.py (this script's folder is on sys.path)
from toolkit import actors, dates, events, statements
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def words(rec: dict) -> int:
    return fair.n_words(rec["text"])


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


def parse_side(nlp):
    """``run(batch)``: the bare parse of the batch."""
    def run(batch: list[dict]) -> float:
        return fair.timed(lambda: list(nlp.pipe([r["text"] for r in batch], batch_size=32)))[0]
    return run


def actors_side(nlp):
    """``run(batch)``: parse untimed, then time ``extract_actors`` and the resolver calls."""
    def run(batch: list[dict]) -> dict[str, float]:
        docs = list(nlp.pipe([r["text"] for r in batch], batch_size=32))
        pubs = [dt.date.fromisoformat(r["published"]) for r in batch]
        t_act, results = fair.timed(lambda: [actors.extract_actors(d, published=p)
                                             for d, p in zip(docs, pubs)])
        t_res = 0.0
        for doc, pub, ar in zip(docs, pubs, results):
            ds = dates.extract_dates(doc, published=pub)
            tr = _TimedResolver(ar.resolver)
            statements.extract_statements(doc, resolver=tr, dates=ds, published=pub)
            events.extract_events(doc, resolver=tr, dates=ds, published=pub)
            t_res += tr.seconds
        return {"actors": t_act, "resolver": t_res}
    return run


def profile(nlp, batch: list[dict]) -> None:
    """Print the top functions of a cProfile run of ``extract_actors`` over ``batch``."""
    docs = list(nlp.pipe([r["text"] for r in batch], batch_size=32))
    fair.reset_caches()
    prof = cProfile.Profile()
    prof.enable()
    for doc, rec in zip(docs, batch):
        actors.extract_actors(doc, published=dt.date.fromisoformat(rec["published"]))
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-batch", type=int, default=10, help="briefings per batch")
    ap.add_argument("--max-words", type=int, default=3000)
    fair.add_cache_option(ap)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the actor extraction")
    args = ap.parse_args()
    nlp = load_pipeline()
    n = args.per_batch * (2 + 2 * args.rounds)  # warm-up, rounds, and one batch to profile
    recs = fair.briefings(PATH, n=n, max_words=args.max_words)
    spare, recs = recs[-args.per_batch:], recs[:-args.per_batch]
    t_dict = fair.timed(actors.load_dictionary)[0]  # loaded once per process (cached)
    warm, rounds = fair.split_batches(recs, rounds=args.rounds, per_batch=args.per_batch,
                                      n_sides=2, words=words)
    print(f"{len(recs)} briefings, {sum(map(words, recs)):,} words: a warm-up batch and "
          f"{args.rounds} rounds of two fresh batches of {args.per_batch} (fair.py protocol; "
          f"{fair.caches_label(args)})")
    res = fair.run_rounds({"parse": parse_side(nlp), "actors": actors_side(nlp)},
                          warm=warm, rounds=rounds, words=words,
                          reset=fair.reset_for(args))
    print()
    med = fair.print_ratios(res, {"extract_actors / bare nlp.pipe": ("actors", "parse"),
                                  "resolver calls from statements+events / bare nlp.pipe": ("resolver", "parse"),
                                  "actors total (extraction + resolver calls) / bare nlp.pipe":
                                      (("actors", "resolver"), "parse")})
    parse_kw = sorted(r["parse"] for r in res)[len(res) // 2]
    print(f"one-off dictionary load (once per process): {t_dict:.2f} s, the bare parse of "
          f"{t_dict / parse_kw * 1000:,.0f} words")
    if args.profile:
        profile(nlp, spare)
    return 0 if med else 1


if __name__ == "__main__":
    raise SystemExit(main())
