"""How `toolkit report` grows with the number of articles: 24 articles against 3, one run each.

A report's cost should be mostly fixed (one parse, the corpus notebooks run once), not per
article: the target is time(24) / time(3) <= 1.5.

Articles: the 12 real articles of ``../shared/corpus/articles/`` (files, read in place) and 12
press releases of ``../shared/bench/kremlin_ukraine_2022/press_releases.jsonl.gz`` (the first
12, in file order, of 150 to 500 words; read in place and given to the report as
``toolkit.ArticleInput`` objects, since ``toolkit report`` does not read ``.jsonl.gz``).
The 3-article run takes every eighth of the 24, so both runs have articles of the same mix and
length. Each run is a fresh process (``python bench_report.py --run N OUT``), timed as a user
waits: interpreter start-up, imports, model loading, parsing, article pages, the two corpus
notebooks and the index. Order: 3 first, then 24 (one run each: the report takes a minute).

Usage::

    .venv/bin/python benchmarks/bench_report.py [--workers N]

Skips with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from toolkit.paths import SHARED_DIR  # noqa: E402

CORPUS = SHARED_DIR / "corpus" / "articles"
RELEASES = SHARED_DIR / "bench" / "kremlin_ukraine_2022" / "press_releases.jsonl.gz"


def inputs(n: int) -> list:
    """The first ``n`` of the 24 benchmark inputs, or every eighth when ``n == 3``."""
    from toolkit import ArticleInput

    files = sorted(CORPUS.glob("*.txt"))[:12]
    items: list = list(files)
    with gzip.open(RELEASES, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(items) >= 24:
                break
            rec = json.loads(line)
            if 150 <= len(rec["text"].split()) <= 500:
                items.append(ArticleInput(text=rec["text"], article_id=rec["id"], title=rec["title"],
                                          source=rec["publisher"], url=rec["url"], published=rec["published"]))
    return items[::8] if n == 3 else items[:n]


def _run(n: int, out: str, workers: int) -> int:
    from toolkit.report import build_report

    rep = build_report(inputs(n), out_dir=out, workers=workers, log=lambda s: print("  " + s))
    for f in rep.failures:
        print("  FAILED:", f)
    return 1 if rep.failures else 0


def _words(items) -> int:
    return sum(len((p.read_text(encoding="utf-8") if isinstance(p, Path) else p.text).split()) for p in items)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", nargs=2, metavar=("N", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help="processes for parsing and article pages")
    args = ap.parse_args(argv)
    if args.run:
        return _run(int(args.run[0]), args.run[1], args.workers)
    if not CORPUS.is_dir() or not RELEASES.is_file():
        print(f"skipped: {CORPUS} or {RELEASES} not found (set TOOLKIT_SHARED_DIR)")
        return 0
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        for n in (3, 24):
            items = inputs(n)
            print(f"{n} articles, {_words(items):,} words (header included):")
            t0 = time.perf_counter()
            rc = subprocess.call([sys.executable, __file__, "--run", str(n), f"{tmp}/r{n}",
                                  "--workers", str(args.workers)])
            times[n] = time.perf_counter() - t0
            print(f"  {times[n]:.1f}s" + ("" if rc == 0 else f" (exit status {rc})"))
    ratio = times[24] / times[3]
    print(f"time(24) / time(3) = {times[24]:.1f}s / {times[3]:.1f}s = {ratio:.2f} (target <= 1.5: "
          f"{'met' if ratio <= 1.5 else 'not met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
