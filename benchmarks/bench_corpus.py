"""Corpus benchmark: streaming parse, cache, workers and memory on White House briefings.

Reads a deterministic sample of ../shared/bench/whitehouse/briefings.jsonl.gz in place (never
copied into the project; set TOOLKIT_SHARED_DIR if it lives elsewhere; without it the script
says so and stops). Every timing follows the fair protocol of ``benchmarks/fair.py``: a
warm-up batch, then per round one fresh batch per side that no side has seen (length-matched),
the order alternating, times per word; every round is printed, and the median:

* full toolkit parse (``parse_many``, tables built, cache written) / bare ``nlp.pipe``
  (target <= 1.25), and the rerun of the same batch from that cache / its cold parse (target
  <= 0.03); one process, pipeline loaded, a fresh cache per run;
* 2 workers vs 1 (target >= 1.7; needs 2 idle cores): each run is a fresh Python process, as
  a user starts a script, timing ``parse_many(batch, workers=N)`` with the tables built, so
  loading the pipeline and starting the workers count; the process's wall time (which adds
  the import) is printed too, and, with forked workers, the CPU time of the whole run (this
  process and its workers) over the serial run's: unlike wall time it barely moves with other
  load on the machine, and it is the workers' overhead (near 1: on 2 idle cores the speed-up
  approaches 2 / that ratio). Before the rounds, serial and 2-worker frames of the warm-up
  batch are compared (identical, or the script stops). On a shared machine whose scheduler
  groups processes by session (Linux autogroup), 2 workers get no more CPU than 1 while other
  sessions are busy: read the wall-time speed-up only with the load average below 1;
* peak memory (RSS of a fresh process, workers=1, no cache) for a small and a large corpus
  (target <= 1.5 GB for 5,000 articles and not growing with corpus size).

``--half a`` (development) and ``--half b`` (confirmation) take disjoint halves of the sample.

Usage::

    .venv/bin/python benchmarks/bench_corpus.py                  # 3 rounds of 2 x 160 briefings; memory 1,000 vs 5,000
    .venv/bin/python benchmarks/bench_corpus.py --workers-only --half b
    .venv/bin/python benchmarks/bench_corpus.py --quick          # batches of 40; memory 200 vs 600
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

import fair  # benchmarks/fair.py (this script's folder is on sys.path)
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


# --------------------------------------------------------------------------- fair speed rounds


def half_sample(n: int, half: str, max_words: int) -> list[dict]:
    """``n`` briefings of one half: every 2nd record of the file (100..max_words words), then
    the even positions of that sample for half ``a``, the odd ones for half ``b`` (disjoint)."""
    recs = fair.briefings(DATA, n=2 * n, step=2, max_words=max_words)
    return recs["ab".index(half)::2]


def inputs(recs: list[dict]) -> list:
    from toolkit.ingest import ArticleInput

    return [ArticleInput(text=r["text"], article_id=r["id"].replace("/", "_"), title=r["title"], url=r["url"],
                         published=r["published"], source="whitehouse.gov") for r in recs]


def words(rec: dict) -> int:
    return fair.n_words(rec["text"])


def with_tables(corpus):
    """The pandas frames of every table: building them is part of the work a user waits for."""
    import toolkit

    for name in toolkit.frames.TABLES:
        if name != "errors":
            corpus.table(name)
    return corpus


def parse_sides(nlp, tmp: Path) -> dict:
    """In one process (pipeline loaded): bare ``nlp.pipe``; the toolkit's parse of the same
    batch size into a fresh cache, then its rerun from that cache (no cache outlives a run)."""
    import toolkit

    runs = iter(range(10**6))

    def bare(batch):
        return fair.timed(lambda: sum(1 for _ in nlp.pipe([r["text"] for r in batch], batch_size=32)))[0]

    def full(batch):
        items, cache = inputs(batch), tmp / f"cache-{next(runs)}"
        t_cold, cold = fair.timed(lambda: with_tables(toolkit.parse_many(items, nlp=nlp, cache_dir=cache)))
        t_warm, warm = fair.timed(lambda: with_tables(toolkit.parse_many(items, nlp=nlp, cache_dir=cache)))
        assert warm.stats["cached"] == len(cold) and cold.stats["cached"] == 0, (cold.stats, warm.stats)
        return {"full": t_cold, "rerun": t_warm}

    return {"bare": bare, "full": full}


def worker_side(workers: int, tmp: Path, max_words: int):
    """A fresh Python process per run, as a user starts a script: it imports the toolkit, then
    times ``parse_many(batch, workers=N)`` with the tables built; loading the pipeline and
    starting the workers are inside the time. Returns that time and the process's wall time
    (which adds the import)."""
    def run(batch):
        batch_file = tmp / "batch.json"
        batch_file.write_text(json.dumps(batch), encoding="utf-8")
        cmd = [sys.executable, __file__, "--speed-child", str(workers), str(batch_file)]
        wall, out = fair.timed(lambda: subprocess.run(cmd, capture_output=True, text=True))
        if out.returncode:
            sys.exit(f"worker run failed:\n{out.stderr[-3000:]}")
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"    {workers} worker(s): {res['n']} articles, {res['failed']} failed, started by "
              f"{res['method']}{' (' + res['reason'] + ')' if res['reason'] else ''}", flush=True)
        out = {f"{workers}w": res["seconds"], f"{workers}w process": wall}
        if res["method"] in ("serial", "fork"):  # forkserver workers are not our children: no CPU time
            out[f"{workers}w cpu"] = res["cpu"]
        return out

    return run


def speed_child(workers: int, batch_file: str) -> None:
    """Run in a fresh process by :func:`worker_side`."""
    import toolkit
    from toolkit import corpus

    items = inputs(json.loads(Path(batch_file).read_text(encoding="utf-8")))
    chosen = getattr(corpus, "worker_start_method", lambda: ("forkserver", "this version always uses it"))
    method, reason = chosen() if workers > 1 else ("serial", "")
    cpu0 = cpu_seconds()
    t, corpus = fair.timed(lambda: with_tables(toolkit.parse_many(items, workers=workers)))
    print(json.dumps({"seconds": t, "cpu": cpu_seconds() - cpu0, "n": len(corpus), "failed": len(corpus.error_list),
                      "method": method, "reason": reason}))


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (the worker processes, once the
    pool is shut down): unlike wall time, barely changed by other load on the machine."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def check_identical(nlp, batch: list[dict]) -> str:
    """Serial and 2-worker frames of one batch must be identical (raises if not)."""
    import pandas as pd

    import toolkit
    from toolkit.corpus import worker_start_method

    serial = with_tables(toolkit.parse_many(inputs(batch), nlp=nlp))
    par = with_tables(toolkit.parse_many(inputs(batch), nlp=nlp, workers=2))
    for name in toolkit.frames.TABLES:
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(par, name), obj=name)
    return (f"frames identical, 1 vs 2 workers ({len(serial)} articles, {len(serial.statements)} statements, "
            f"workers started by {worker_start_method(nlp)[0]})")


def speed(args) -> dict:
    """The fair rounds (benchmarks/fair.py): parse ratios in this process, then the workers
    ratio with fresh processes. Returns label -> median."""
    import toolkit

    k, per = args.rounds, args.per_batch
    recs = half_sample(per * (1 + 2 * k), args.half, args.max_words)
    warm, rounds = fair.split_batches(recs, rounds=k, per_batch=per, n_sides=2, words=words)
    kw = [sum(words(r) for r in b) for rb in rounds for b in rb]
    print(f"half {args.half}: {k} rounds of 2 batches of {per} briefings ({min(kw):,}-{max(kw):,} words each) "
          f"+ a warm-up batch; cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}", flush=True)
    medians = {}
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as tmp:
        tmp = Path(tmp)
        if not args.workers_only:
            nlp = toolkit.load_pipeline()
            print(check_identical(nlp, warm), flush=True)
            res = fair.run_rounds(parse_sides(nlp, tmp), warm=warm, rounds=rounds, words=words)
            medians |= fair.print_ratios(res, {"full toolkit parse / bare nlp.pipe": ("full", "bare"),
                                               "rerun from the cache / cold parse": ("rerun", "full")})
        sides = {"1 worker": worker_side(1, tmp, args.max_words), "2 workers": worker_side(2, tmp, args.max_words)}
        res = fair.run_rounds(sides, warm=warm, rounds=rounds, words=words, reset=fair.no_reset)
        pairs = {"speed-up, 2 workers vs 1 (parse_many call)": ("1w", "2w"),
                 "speed-up, whole process (with the import)": ("1w process", "2w process")}
        if all("2w cpu" in r for r in res):
            pairs["CPU time, 2 workers / 1 (overhead of the workers)"] = ("2w cpu", "1w cpu")
        medians |= fair.print_ratios(res, pairs)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)
    return medians


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smaller run (minutes, not tens of minutes)")
    ap.add_argument("--per-batch", type=int, default=None,
                    help="briefings per timed batch (default 160, about 96k words; quick 40)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds, each side on its own batch (default 3)")
    ap.add_argument("--half", choices=("a", "b"), default="a",
                    help="which half of the sample (a: development, b: confirmation; disjoint)")
    ap.add_argument("--workers-only", action="store_true", help="only the 1 vs 2 workers rounds")
    ap.add_argument("--mem", type=int, nargs=2, default=None, metavar=("SMALL", "LARGE"),
                    help="corpus sizes for the memory test (default 1000 5000; quick 200 600)")
    ap.add_argument("--max-words", type=int, default=1500)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--stream", action="store_true",
                    help="also measure memory when parsing straight to Parquet (parse_to_parquet)")
    ap.add_argument("--memory-only", action="store_true", help="skip the speed rounds")
    ap.add_argument("--steady", type=int, default=None, metavar="N",
                    help="only the steady-state memory check: N articles parsed 5 times, then 3 x N new")
    ap.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--child-stream", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--speed-child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.speed_child:
        speed_child(int(args.speed_child[0]), args.speed_child[1])
        return 0
    if args.memory_child is not None:
        memory_child(args.memory_child, args.max_words, stream=args.child_stream)
        return 0
    if args.steady:
        steady_state(args.steady, args.max_words)
        return 0
    if not DATA.is_file():
        print(f"benchmark data not found: {DATA} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    args.per_batch = args.per_batch or (40 if args.quick else 160)
    mem_sizes = args.mem or ((200, 600) if args.quick else (1000, 5000))
    results: dict = {}
    if not args.memory_only:
        for label, v in speed(args).items():
            results[label] = (v, TARGETS.get(label, ""))
    if not (args.skip_memory or args.workers_only):
        measure_memory(args, mem_sizes, results)
    print("\nsummary (medians of the rounds of this run; memory from fresh processes)")
    for k, (v, target) in results.items():
        print(f"  {k:<48} {v:>9.3f}   target {target}")
    return 0


#: What each ratio should reach.
TARGETS = {"full toolkit parse / bare nlp.pipe": "<= 1.25", "rerun from the cache / cold parse": "<= 0.03",
           "speed-up, 2 workers vs 1 (parse_many call)": ">= 1.7 (needs 2 idle cores)",
           "speed-up, whole process (with the import)": "(for information)",
           "CPU time, 2 workers / 1 (overhead of the workers)": "close to 1"}


if __name__ == "__main__":
    sys.exit(main())
