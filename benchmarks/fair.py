"""The one fair-timing protocol of the speed benchmarks (issue 13).

Timing the toolkit after a bare ``nlp.pipe`` of the same texts favours the toolkit (spaCy's
vocabulary and string store are warm the second time), and repeating rounds over the same
texts favours whichever side caches per word (``toolkit.dates`` keeps a table of token
classes). So every speed script here measures like this:

1. **Disjoint batches.** The sample is cut into a warm-up batch and, per round, one fresh
   batch per side (``shared=True``: one batch per round for all sides, only for sides that
   share no state, such as our dates tagger and ``dateparser``). No text is timed twice,
   and no side times a text another side has seen. The batches of a round are matched in
   length: the round's articles are sorted by words and dealt out in turn, the direction
   alternating (1-2, 2-1, ...), so no side always gets the longer text of a pair.
2. **Warm-up.** Every side runs once on the warm-up batch (one-off loading: pipelines,
   lexicons, matchers), untimed.
3. **No reused caches.** Before every side of every round, :func:`reset_caches` empties the
   toolkit's per-word memo tables (``toolkit.dates``'s token-class table, the
   ``functools.lru_cache`` tables of 1,024 entries or more in ``toolkit``); lexicons and
   pipelines, loaded once per process in real use too, stay loaded. This is the cold case
   of a batch of the given size; a long corpus run keeps its tables warm from *other*
   texts, which the scripts' ``--keep-caches`` measures (tables filled by the warm-up and
   earlier rounds, never by the texts timed).
4. **Alternating order.** Sides run in the given order in even rounds and reversed in odd
   rounds, so a drift of load on a shared machine does not favour one of them.
5. **Per word.** Times are divided by the words of the batch (seconds per 1,000 words), so
   sides on different batches compare; every round's ratio is printed, and the median.

A side is a function ``run(batch) -> seconds`` or ``-> {component: seconds}`` that does its
own untimed preparation (for instance parsing a batch before timing an extractor on it) and
returns only the time measured.

Example::

    warm, rounds = split_batches(texts, rounds=5, per_batch=20, n_sides=2, words=n_words)
    res = run_rounds({"bare": time_pipe, "full": time_toolkit}, warm=warm, rounds=rounds,
                     words=n_words)
    print_ratios(res, {"full / bare": ("full", "bare")})
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence, Union

Timing = Union[float, dict]
#: functools caches at least this large are per-word memo tables, cleared between rounds.
MEMO_MIN_SIZE = 1024


def n_words(text: str) -> int:
    """Words of a text (white-space tokens), the unit of the per-word times.

    Example:
        >>> n_words("Talks resume on Monday.")
        4
    """
    return len(text.split())


def briefings(path: Path, *, n: int, step: int = 17, min_words: int = 100,
              max_words: int = 1500) -> list[dict]:
    """A spread-out, deterministic sample of White House briefings (read in place).

    Args:
        path: ``../shared/bench/whitehouse/briefings.jsonl.gz``.
        n: records wanted.
        step: every ``step``-th record is considered.
        min_words, max_words: bounds on the words of a record's text.

    Returns:
        Up to ``n`` records (``id``, ``title``, ``published``, ``text`` ...); exits with a
        message when the file is absent.

    Example:
        >>> recs = briefings(SHARED / "bench/whitehouse/briefings.jsonl.gz", n=40)  # doctest: +SKIP
    """
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (set TOOLKIT_SHARED_DIR); skipping")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % step:
                continue
            rec = json.loads(line)
            if min_words <= n_words(rec["text"]) <= max_words:
                out.append(rec)
            if len(out) >= n:
                break
    return out


def split_batches(items: Sequence, *, rounds: int, per_batch: int, n_sides: int,
                  words: Callable[[object], int], shared: bool = False) -> tuple[list, list]:
    """Cut ``items`` into a warm-up batch and disjoint, length-matched batches per round.

    Args:
        items: the sample, in a fixed order.
        rounds: timed rounds.
        per_batch: items per batch (the warm-up batch too).
        n_sides: sides timed per round (one batch each unless ``shared``).
        words: the size of an item (for length matching).
        shared: one batch per round for all sides (sides that share no state).

    Returns:
        ``(warm, rounds)`` with ``rounds[r][s]`` the batch of side ``s`` in round ``r``.

    Raises:
        SystemExit: when ``items`` are too few, naming how many are needed.

    Example:
        >>> warm, rs = split_batches(list(range(10)), rounds=2, per_batch=2, n_sides=2, words=int)
        >>> warm, rs[0], len(rs)
        ([0, 1], [[2, 5], [3, 4]], 2)
    """
    k = 1 if shared else n_sides
    need = per_batch * (1 + rounds * k)
    if len(items) < need:
        sys.exit(f"{len(items)} texts are too few for {rounds} rounds of {k} batch(es) of "
                 f"{per_batch} plus a warm-up batch ({need} needed): lower --rounds or --per-batch")
    warm = list(items[:per_batch])
    out = []
    pos = per_batch
    for _ in range(rounds):
        chunk = sorted(items[pos:pos + per_batch * k], key=words)
        pos += per_batch * k
        batches: list[list] = [[] for _ in range(k)]
        for g in range(0, len(chunk), k):  # dealt in turn, the direction alternating
            group = chunk[g:g + k] if (g // k) % 2 == 0 else chunk[g:g + k][::-1]
            for s, item in enumerate(group):
                batches[s].append(item)
        out.append(batches)
    return warm, out


def no_reset() -> None:
    """Keep the caches (``--keep-caches``): they hold only the warm-up's and earlier rounds'
    words, never the texts being timed.

    Example:
        >>> no_reset() is None
        True
    """
    gc.collect()


def add_cache_option(parser) -> None:
    """The ``--keep-caches`` option every speed script offers (see :func:`reset_for`)."""
    parser.add_argument("--keep-caches", action="store_true",
                        help="keep the toolkit's per-word caches between rounds (warm from the warm-up "
                             "and earlier rounds, never from the texts timed: a long corpus run)")


def reset_for(args) -> Callable[[], object]:
    """The reset to run before every side: :func:`no_reset` with ``--keep-caches``, else
    :func:`reset_caches`."""
    return no_reset if getattr(args, "keep_caches", False) else reset_caches


def caches_label(args) -> str:
    """How the caches were treated, for the line that describes a run."""
    return "caches kept warm from other texts" if getattr(args, "keep_caches", False) else "caches emptied every round"


def reset_caches() -> int:
    """Empty the toolkit's per-word memo tables, so no round reuses another round's.

    Clears ``toolkit.dates``'s token-class tables and every ``functools.lru_cache`` of
    ``MEMO_MIN_SIZE`` entries or more (or unbounded) in the loaded ``toolkit`` modules;
    smaller caches hold lexicons and pipelines, loaded once per process, and stay.

    Returns:
        The number of tables cleared.

    Example:
        >>> reset_caches() >= 0
        True
    """
    cleared = 0
    for name, mod in list(sys.modules.items()):
        if not (name == "toolkit" or name.startswith("toolkit.")) or mod is None:
            continue
        for attr in list(vars(mod).values()):
            info = getattr(attr, "cache_info", None)
            if callable(info) and isinstance(attr, functools._lru_cache_wrapper):
                size = info().maxsize
                if size is None or size >= MEMO_MIN_SIZE:
                    attr.cache_clear()
                    cleared += 1
    dates = sys.modules.get("toolkit.dates")
    for table in ("_ARRAY_CLASSES", "_STRONG_CLS_CACHE", "_SUBSETS"):
        if dates is not None and isinstance(getattr(dates, table, None), dict):
            getattr(dates, table).clear()
            cleared += 1
    gc.collect()
    return cleared


def run_rounds(sides: dict[str, Callable[[list], Timing]], *, warm: list, rounds: list,
               words: Callable[[object], int], reset: Callable[[], object] = reset_caches,
               verbose: bool = True) -> list[dict[str, float]]:
    """Warm every side up, then time the rounds in alternating order.

    Args:
        sides: name -> ``run(batch)`` returning seconds, or ``{component: seconds}``.
        warm: the warm-up batch (every side runs on it once, untimed).
        rounds: from :func:`split_batches` (one batch per side, or one shared batch).
        words: the size of an item.
        reset: called before each side of each round (default :func:`reset_caches`).
        verbose: print each side's time as it is measured.

    Returns:
        Per round, component -> seconds per 1,000 words (a side returning a float is one
        component named after the side).

    Example:
        >>> res = run_rounds({"a": lambda b: 0.1, "b": lambda b: 0.2}, warm=[1],
        ...                  rounds=[[[1000]], [[1000]]], words=int, verbose=False)
        >>> [round(r["b"] / r["a"], 2) for r in res]
        [2.0, 2.0]
    """
    names = list(sides)
    for name in names:
        reset()
        sides[name](list(warm))
    out = []
    for r, batches in enumerate(rounds):
        order = names if r % 2 == 0 else names[::-1]
        res: dict[str, float] = {}
        for name in order:
            batch = batches[names.index(name)] if len(batches) > 1 else batches[0]
            kw = sum(words(x) for x in batch) / 1000
            reset()
            timing = sides[name](list(batch))
            parts = timing if isinstance(timing, dict) else {name: timing}
            for comp, sec in parts.items():
                res[comp] = sec / kw
            if verbose:
                shown = ", ".join(f"{c} {s / kw:.3f}" for c, s in parts.items())
                print(f"  round {r + 1} {name:<10} {kw * 1000:>7,.0f} words: {shown} s/1000 words",
                      flush=True)
        out.append(res)
    return out


def ratios(results: list[dict[str, float]], num: Union[str, Iterable[str]],
           den: Union[str, Iterable[str]]) -> list[float]:
    """Per round, the time of ``num`` over ``den`` (each a component, or a sum of several).

    Example:
        >>> ratios([{"a": 1.0, "b": 2.0, "c": 4.0}], ("a", "b"), "c")
        [0.75]
        >>> ratios([{"a": 1.0, "b": 2.0, "c": 6.0}], "c", ("a", "b"))
        [2.0]
    """
    def total(r: dict, keys) -> float:
        return sum(r[k] for k in ([keys] if isinstance(keys, str) else keys))
    return [total(r, num) / total(r, den) for r in results]


def print_ratios(results: list[dict[str, float]], pairs: dict[str, tuple], *,
                 digits: int = 3) -> dict[str, float]:
    """Print every round's ratio and the median of each pair; return the medians.

    Args:
        results: from :func:`run_rounds`.
        pairs: label -> ``(numerator, denominator)``, each a component or a tuple of them.
        digits: decimals printed.

    Example:
        >>> print_ratios([{"a": 1.0, "b": 2.0}], {"a / b": ("a", "b")})["a / b"]
        a / b: median 0.500   rounds 0.500
        0.5
    """
    medians = {}
    for label, (num, den) in pairs.items():
        vals = ratios(results, num, den)
        medians[label] = statistics.median(vals)
        per = " ".join(f"{v:.{digits}f}" for v in vals)
        print(f"{label}: median {medians[label]:.{digits}f}   rounds {per}")
    return medians


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """``(seconds, result)`` of calling ``fn`` once.

    Example:
        >>> timed(lambda: 42)[1]
        42
    """
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out
