"""Scaling benchmark of :func:`toolkit.chronology` on large synthetic event tables.

A corpus of thousands of articles gives tens of thousands of event rows, and merging them
must stay close to linear: an earlier version compared every one-sided report of talks
with every two-sided one and took 147 s on 60,000 rows (4.3 s now). This script builds a
synthetic events table (8 countries, talks / meetings / exchanges / attacks on random days
of one year, half of them one-sided, 8 events per article; no shared data needed), times
``chronology(events, articles, actors=...)`` on ``n`` and ``4 n`` rows, best of
``--repeat``, and prints the ratio. Linear work gives a ratio near 4, quadratic work near 16.

Usage: ``.venv/bin/python benchmarks/bench_chronology.py [--n 15000] [--repeat 3]``

Example output::

    chronology of 15,000 event rows: 0.99 s (9,738 merged rows)
    chronology of 60,000 event rows: 4.09 s (22,453 merged rows)
    time ratio for 4x the rows: 4.1 (linear: 4, quadratic: 16)
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import pandas as pd

from toolkit import chronology

COUNTRIES = {"RU": "Russia", "UA": "Ukraine", "US": "United States", "TR": "Turkey",
             "FR": "France", "DE": "Germany", "GB": "United Kingdom", "CN": "China"}
ACTIONS = ("talk", "meet", "exchange", "attack", "propose")


def synthetic(n: int, *, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(events, articles, actors)`` tables with ``n`` event rows, 8 per article."""
    rng = random.Random(seed)
    codes = sorted(COUNTRIES)
    rows = []
    for i in range(n):
        c1, c2 = rng.sample(codes, 2)
        day = pd.Timestamp("2025-01-01") + pd.Timedelta(days=rng.randrange(365))
        rows.append({
            "article_id": f"a{i // 8:06d}", "event_id": i, "sent_id": 0,
            "actor": COUNTRIES[c1], "actor_id": COUNTRIES[c1].lower().replace(" ", "-"),
            "action": rng.choice(ACTIONS), "target": COUNTRIES[c2] if rng.random() < 0.5 else None,
            "date_value": day.date().isoformat(), "start": day, "end": day, "status": "happened",
            "text": "...", "start_char": 0, "end_char": 3,
        })
    events = pd.DataFrame(rows)
    ids = sorted(set(events["article_id"]))
    articles = pd.DataFrame({"article_id": ids, "published": pd.Timestamp("2025-06-01")})
    actors = pd.DataFrame([{"article_id": a, "actor_id": COUNTRIES[c].lower().replace(" ", "-"),
                            "name": COUNTRIES[c], "country": c} for a in ids for c in codes])
    return events, articles, actors


def timed(n: int, repeat: int) -> tuple[float, int]:
    events, articles, actors = synthetic(n)
    best, rows = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(chronology(events, articles, actors=actors))
        best = min(best, time.perf_counter() - t)
    return best, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=15000, help="event rows of the small run (the large run has 4x)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per size")
    args = ap.parse_args()
    small, rows_small = timed(args.n, args.repeat)
    print(f"chronology of {args.n:,} event rows: {small:.2f} s ({rows_small:,} merged rows)")
    large, rows_large = timed(4 * args.n, max(1, args.repeat - 1))
    print(f"chronology of {4 * args.n:,} event rows: {large:.2f} s ({rows_large:,} merged rows)")
    print(f"time ratio for 4x the rows: {large / small:.1f} (linear: 4, quadratic: 16)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
