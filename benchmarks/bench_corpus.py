"""Corpus benchmark: streaming parse, cache, workers and memory on White House briefings.

Reads a deterministic sample of ../shared/bench/whitehouse/briefings.jsonl.gz (never copied
into the project; set TOOLKIT_SHARED_DIR if it lives elsewhere) and prints ratios measured
in this one run, since absolute times on a shared machine mean little:

* full toolkit parse (``parse_many``, tables built) / bare ``nlp.pipe`` on the same texts
  (target <= 1.25);
* 2 workers vs 1: speed-up (target >= 1.6; needs 2 idle cores);
* warm rerun of the cached articles / cold parse (target <= 0.03);
* peak memory (RSS of a fresh process, workers=1, no cache) for a small and a large corpus
  (target <= 1.5 GB for 5,000 articles and not growing with corpus size).

Usage::

    .venv/bin/python benchmarks/bench_corpus.py            # 1,000 articles; memory 1,000 vs 5,000
    .venv/bin/python benchmarks/bench_corpus.py --quick    # 150 articles; memory 200 vs 600
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from toolkit.paths import SHARED_DIR

DATA = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"


def sample(n: int, *, max_words: int = 1500, min_words: int = 100, step: int = 2) -> Iterator:
    """The first ``n`` briefings with ``min_words..max_words`` words among every ``step``-th record (streamed)."""
    from toolkit.ingest import ArticleInput

    if not DATA.is_file():
        sys.exit(f"benchmark data not found: {DATA} (set TOOLKIT_SHARED_DIR)")
    k = 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % step:
                continue
            rec = json.loads(line)
            if min_words <= len(rec["text"].split()) <= max_words:
                yield ArticleInput(text=rec["text"], article_id=rec["id"].replace("/", "_"), title=rec["title"],
                                   url=rec["url"], published=rec["published"], source="whitehouse.gov")
                k += 1
                if k >= n:
                    return


def peak_rss_mb() -> float:
    """Peak RSS of this process: VmHWM on Linux (ru_maxrss survives exec, so a child started
    by a big parent would report the parent's peak), else ru_maxrss."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 2**20)


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux
        return float("nan")


def memory_child(n: int, max_words: int, stream: bool = False) -> None:
    """Run in a fresh process: parse ``n`` articles (inputs streamed, no cache) and report peak
    RSS; with ``stream``, straight to Parquet (``parse_to_parquet``, tables written every 500
    articles) instead of a corpus held in memory."""
    import tempfile

    import toolkit

    nlp = toolkit.load_pipeline()
    nlp("Warm up the pipeline.")
    base = peak_rss_mb()
    t0 = time.perf_counter()
    if stream:
        with tempfile.TemporaryDirectory() as tmp:
            res = toolkit.parse_to_parquet(sample(n, max_words=max_words, step=1), tmp, nlp=nlp, flush_every=500)
            words = int(toolkit.read_corpus(tmp, backend="polars").scan("articles")
                        .select("n_words").sum().collect().item())
        print(json.dumps({"n": res["articles"], "errors": len(res["errors"]), "seconds": time.perf_counter() - t0,
                          "words": words, "base_mb": base, "peak_mb": peak_rss_mb(), "after_mb": current_rss_mb()}))
        return
    corpus = toolkit.parse_many(sample(n, max_words=max_words, step=1), nlp=nlp)
    for name in ("sentences", "actors", "mentions", "dates", "statements", "events"):
        corpus.table(name)
    print(json.dumps({"n": len(corpus), "errors": len(corpus.error_list), "seconds": time.perf_counter() - t0,
                      "words": int(corpus.articles["n_words"].sum()), "base_mb": base, "peak_mb": peak_rss_mb(),
                      "after_mb": current_rss_mb()}))


def measure_memory(args, mem_sizes, results: dict) -> None:
    """Peak RSS of fresh processes parsing the two sample sizes (and, with --stream, parsing
    straight to Parquet)."""
    mem = {}
    for size in mem_sizes:
        out = subprocess.run([sys.executable, __file__, "--memory-child", str(size), "--max-words",
                              str(args.max_words)], capture_output=True, text=True, check=True)
        mem[size] = json.loads(out.stdout.strip().splitlines()[-1])
        m = mem[size]
        print(f"memory, {m['n']} articles ({m['words']:,} words, {m['seconds']:.0f}s): pipeline loaded "
              f"{m['base_mb']:.0f} MB, peak RSS {m['peak_mb']:.0f} MB, RSS with the corpus in memory "
              f"{m['after_mb']:.0f} MB", flush=True)
    small, large = (mem[s] for s in mem_sizes)
    if args.stream:
        for size in mem_sizes:
            out = subprocess.run([sys.executable, __file__, "--memory-child", str(size), "--child-stream",
                                  "--max-words", str(args.max_words)], capture_output=True, text=True, check=True)
            m = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"memory, {m['n']} articles straight to Parquet ({m['seconds']:.0f}s): pipeline loaded "
                  f"{m['base_mb']:.0f} MB, peak RSS {m['peak_mb']:.0f} MB", flush=True)
            results[f"peak RSS, {m['n']} articles to Parquet (MB)"] = (m["peak_mb"], "flat in n")
    results[f"peak RSS for {large['n']} articles (MB)"] = (large["peak_mb"], "<= 1536")
    grow = (large["after_mb"] - small["after_mb"]) / max(1, large["n"] - small["n"]) * 1000
    results[f"peak RSS {large['n']} / {small['n']} articles"] = (large["peak_mb"] / small["peak_mb"], "~1")
    results["RSS growth per 1,000 extra articles (MB)"] = (grow, "small (the tables themselves)")


def steady_state(n: int, max_words: int) -> None:
    """Resident memory of one process parsing to Parquet again and again: the same ``n``
    articles five times (a leak would grow), then three slices of ``n`` new ones (what new
    text adds: spaCy's vocabulary grows with every new word)."""
    import gc

    import toolkit

    nlp = toolkit.load_pipeline()
    nlp("Warm up the pipeline.")
    arts = list(sample(4 * n, max_words=max_words, step=1))
    same, new = arts[:n], arts[n:]
    for r in range(5):
        with tempfile.TemporaryDirectory() as tmp:
            toolkit.parse_to_parquet(same, tmp, nlp=nlp, flush_every=50)
        gc.collect()
        print(f"same {n} articles, run {r + 1}: RSS {current_rss_mb():.0f} MB, "
              f"{len(nlp.vocab.strings):,} strings", flush=True)
    for r in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            toolkit.parse_to_parquet(new[r * n:(r + 1) * n], tmp, nlp=nlp, flush_every=50)
        gc.collect()
        print(f"{n} new articles, slice {r + 1}: RSS {current_rss_mb():.0f} MB, "
              f"{len(nlp.vocab.strings):,} strings", flush=True)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smaller run (minutes, not tens of minutes)")
    ap.add_argument("--n", type=int, default=None, help="articles for the speed ratios (default 1000; quick 150)")
    ap.add_argument("--mem", type=int, nargs=2, default=None, metavar=("SMALL", "LARGE"),
                    help="corpus sizes for the memory test (default 1000 5000; quick 200 600)")
    ap.add_argument("--max-words", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=4, help="alternating bare/toolkit rounds (default 4)")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--stream", action="store_true",
                    help="also measure memory when parsing straight to Parquet (parse_to_parquet)")
    ap.add_argument("--memory-only", action="store_true", help="skip the speed rounds")
    ap.add_argument("--steady", type=int, default=None, metavar="N",
                    help="only the steady-state memory check: N articles parsed 5 times, then 3 x N new")
    ap.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--child-stream", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child, args.max_words, stream=args.child_stream)
        return 0
    if args.steady:
        steady_state(args.steady, args.max_words)
        return 0
    n = args.n or (150 if args.quick else 1000)
    mem_sizes = args.mem or ((200, 600) if args.quick else (1000, 5000))
    if args.memory_only:
        results: dict = {}
        measure_memory(args, mem_sizes, results)
        for k, (v, target) in results.items():
            print(f"  {k:<45} {v:>9.3f}   target {target}")
        return 0

    import toolkit

    arts = list(sample(n, max_words=args.max_words))
    texts = [a.text for a in arts]
    n_words = sum(len(t.split()) for t in texts)
    nlp = toolkit.load_pipeline()
    list(nlp.pipe(texts[:16]))  # warm up
    print(f"sample: {len(arts)} briefings, {n_words:,} words; cpus: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    def full(**kw):
        return full_of(arts, **kw)

    def full_of(items, **kw):
        corpus = toolkit.parse_many(items, nlp=nlp, **kw)
        for name in ("sentences", "actors", "mentions", "dates", "statements", "events"):
            corpus.table(name)  # the tables, as pandas frames, are part of the work
        return corpus

    results = {}
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as tmp:
        # bare and full alternate over rounds of the sample, so that the machine's drift
        # (shared, noisy) hits both sides alike
        t_pipe = t_cold = 0.0
        k = max(1, min(args.rounds, len(arts)))
        bounds = [len(arts) * i // k for i in range(k + 1)]
        for r in range(k):
            part = arts[bounds[r]:bounds[r + 1]]
            tp, _ = timed(lambda: sum(1 for _ in nlp.pipe([a.text for a in part], batch_size=32)))
            tc, _ = timed(lambda: full_of(part, cache_dir=Path(tmp) / "cache"))
            t_pipe, t_cold = t_pipe + tp, t_cold + tc
            print(f"  round {r + 1}/{k}: {len(part)} articles, bare {tp:.1f}s, toolkit {tc:.1f}s, "
                  f"ratio {tc / tp:.3f}", flush=True)
        print(f"bare nlp.pipe: {t_pipe:.1f}s ({n_words / t_pipe:,.0f} words/s)", flush=True)
        results["full toolkit parse / bare nlp.pipe"] = (t_cold / t_pipe, "<= 1.25")
        print(f"toolkit parse, 1 worker, cold (writes the cache): {t_cold:.1f}s; ratio {t_cold / t_pipe:.3f}", flush=True)
        cold = full(cache_dir=Path(tmp) / "cache")  # all from the cache: the frames to compare with
        assert cold.stats["cached"] == len(arts) - cold.stats["failed"], cold.stats
        t_warm, warm = timed(lambda: full(cache_dir=Path(tmp) / "cache"))
        assert warm.stats["cached"] == len(cold), warm.stats
        results[f"warm rerun of {len(warm)} cached / cold parse"] = (t_warm / t_cold, "<= 0.03")
        print(f"warm rerun: {t_warm:.2f}s; ratio {t_warm / t_cold:.4f}", flush=True)
        t_w2, par = timed(lambda: full(cache_dir=Path(tmp) / "cache2", workers=2))
        results["2 workers / bare nlp.pipe (1 process)"] = (t_w2 / t_pipe, "< 1: faster than a bare parse")
        import pandas as pd

        for name in toolkit.frames.TABLES:
            pd.testing.assert_frame_equal(getattr(cold, name), getattr(par, name))
        results["speed-up 2 workers vs 1"] = (t_cold / t_w2, ">= 1.6")
        print(f"toolkit parse, 2 workers (incl. start-up): {t_w2:.1f}s; speed-up {t_cold / t_w2:.2f}x "
              f"(frames identical to 1 worker)", flush=True)
        del cold, warm, par

    if not args.skip_memory:
        measure_memory(args, mem_sizes, results)

    print("\nsummary (ratios measured in this run)")
    for k, (v, target) in results.items():
        print(f"  {k:<45} {v:>9.3f}   target {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
