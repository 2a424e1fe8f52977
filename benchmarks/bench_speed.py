"""Speed benchmark: the toolkit's parse versus a bare spaCy parse of the same texts.

Reads a sample of White House briefings from ../shared/bench/whitehouse/ (never copied into
the project) and prints ratios measured in this one run, since absolute times on a shared
machine mean little:

* full toolkit (``parse_many``) time / bare ``nlp.pipe`` time;
* each extractor's share of the bare parse time (dates, actors, statements, events).

Usage: ``.venv/bin/python benchmarks/bench_speed.py [--n 200] [--max-words 1500]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

from toolkit import actors, dates, events, statements
from toolkit.article import extract, parse_many
from toolkit.ingest import ArticleInput
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR


def sample(n: int, max_words: int) -> list[ArticleInput]:
    path = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (set TOOLKIT_SHARED_DIR)")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 37:  # a spread-out, deterministic sample
                continue
            rec = json.loads(line)
            if 100 <= len(rec["text"].split()) <= max_words:
                out.append(ArticleInput(text=rec["text"], article_id=rec["id"].replace("/", "_"),
                                        title=rec["title"], published=rec["published"]))
            if len(out) >= n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--max-words", type=int, default=1500)
    args = ap.parse_args()
    nlp = load_pipeline()
    arts = sample(args.n, args.max_words)
    n_words = sum(len(a.text.split()) for a in arts)
    nlp("warm up")

    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in arts], batch_size=32))
    t_pipe = time.perf_counter() - t0

    timings = {"dates": 0.0, "actors": 0.0, "statements": 0.0, "events": 0.0}
    import datetime as dt
    for a, doc in zip(arts, docs):
        pub = dt.date.fromisoformat(a.published)
        t = time.perf_counter(); ds = dates.extract_dates(doc, published=pub); timings["dates"] += time.perf_counter() - t
        t = time.perf_counter(); ar = actors.extract_actors(doc, published=pub); timings["actors"] += time.perf_counter() - t
        t = time.perf_counter(); statements.extract_statements(doc, resolver=ar.resolver, dates=ds, published=pub); timings["statements"] += time.perf_counter() - t
        t = time.perf_counter(); events.extract_events(doc, resolver=ar.resolver, dates=ds, published=pub); timings["events"] += time.perf_counter() - t

    t0 = time.perf_counter()
    corpus = parse_many(arts)
    for name in ("actors", "mentions", "dates", "statements", "events"):
        corpus.table(name)
    t_full = time.perf_counter() - t0

    print(f"{len(arts)} briefings, {n_words:,} words; bare nlp.pipe {n_words / t_pipe:,.0f} words/s")
    print(f"full toolkit parse (incl. frames) / bare nlp.pipe: {t_full / t_pipe:.3f}")
    for k, v in timings.items():
        print(f"  {k:<10} extraction / bare parse: {v / t_pipe:.3f}")
    print(f"  all extractors / bare parse: {sum(timings.values()) / t_pipe:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
