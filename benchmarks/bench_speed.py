"""Speed benchmark: the toolkit's parse versus a bare spaCy parse, under the fair protocol.

Reads a sample of White House briefings from ../shared/bench/whitehouse/ (never copied into
the project; every 17th record with 100 to ``--max-words`` words) and times, with the
protocol of ``fair.py`` (a warm-up batch, then per round a fresh, length-matched batch per
side that no side has seen, order alternating, per-word caches emptied, times per word):

* side ``bare``: ``nlp.pipe`` of its batch; then, on the docs just parsed, each extractor
  (dates, actors, statements, events) timed on its own (their caches emptied before);
* side ``full``: ``parse_many`` of its batch, with every table built as pandas frames.

Prints every round and the median of: full toolkit / bare parse, each extractor / bare
parse, all extractors / bare parse. Absolute times on a shared machine mean little.

Usage: ``.venv/bin/python benchmarks/bench_speed.py [--rounds 5] [--per-batch 20] [--max-words 1500] [--keep-caches]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

import fair  # benchmarks/fair.py (this script's folder is on sys.path)
from toolkit import actors, dates, events, statements
from toolkit.corpus import parse_many
from toolkit.ingest import ArticleInput
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

PATH = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"
EXTRACTORS = ("dates", "actors", "statements", "events")


def words(rec: dict) -> int:
    return fair.n_words(rec["text"])


def bare_side(nlp):
    """``run(batch)``: the bare parse, then each extractor on its docs, timed apart."""
    def run(batch: list[dict]) -> dict[str, float]:
        t_pipe, docs = fair.timed(lambda: list(nlp.pipe([r["text"] for r in batch], batch_size=32)))
        out = {"bare": t_pipe, **{k: 0.0 for k in EXTRACTORS}}
        for rec, doc in zip(batch, docs):
            pub = dt.date.fromisoformat(rec["published"])
            t = time.perf_counter(); ds = dates.extract_dates(doc, published=pub); out["dates"] += time.perf_counter() - t
            t = time.perf_counter(); ar = actors.extract_actors(doc, published=pub); out["actors"] += time.perf_counter() - t
            t = time.perf_counter(); statements.extract_statements(doc, resolver=ar.resolver, dates=ds, published=pub); out["statements"] += time.perf_counter() - t
            t = time.perf_counter(); events.extract_events(doc, resolver=ar.resolver, dates=ds, published=pub); out["events"] += time.perf_counter() - t
        return out
    return run


def full_side(nlp):
    """``run(batch)``: ``parse_many`` of the batch with every table built."""
    def run(batch: list[dict]) -> float:
        arts = [ArticleInput(text=r["text"], article_id=r["id"].replace("/", "_"),
                             title=r["title"], published=r["published"]) for r in batch]
        t0 = time.perf_counter()
        corpus = parse_many(arts, nlp=nlp)
        for name in ("articles", "sentences", "actors", "mentions", "dates", "statements", "events"):
            corpus.table(name)
        return time.perf_counter() - t0
    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-batch", type=int, default=20, help="articles per batch")
    ap.add_argument("--max-words", type=int, default=1500)
    fair.add_cache_option(ap)
    args = ap.parse_args()
    nlp = load_pipeline()
    recs = fair.briefings(PATH, n=args.per_batch * (1 + 2 * args.rounds), max_words=args.max_words)
    warm, rounds = fair.split_batches(recs, rounds=args.rounds, per_batch=args.per_batch,
                                      n_sides=2, words=words)
    print(f"{len(recs)} briefings, {sum(map(words, recs)):,} words: a warm-up batch and "
          f"{args.rounds} rounds of two fresh batches of {args.per_batch} (fair.py protocol; "
          f"{fair.caches_label(args)})")
    res = fair.run_rounds({"bare": bare_side(nlp), "full": full_side(nlp)},
                          warm=warm, rounds=rounds, words=words,
                          reset=fair.reset_for(args))
    print()
    pairs = {"full toolkit parse (incl. frames) / bare nlp.pipe": ("full", "bare")}
    pairs.update({f"{k} extraction / bare parse": (k, "bare") for k in EXTRACTORS})
    pairs["all extractors / bare parse"] = (EXTRACTORS, "bare")
    fair.print_ratios(res, pairs)
    bare = sorted(r["bare"] for r in res)[len(res) // 2]
    print(f"(bare nlp.pipe, median round: {1000 / bare:,.0f} words/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
