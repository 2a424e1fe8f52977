"""Scaling benchmark: does every stage after the spaCy parse grow linearly with the input?

Two inputs, each at 1x and 4x its base size, written here (no external data):

* ``sentence``: one very long sentence of nested reports, "Russia said that Ukraine said
  that ... the talks had failed." (``--reps`` reports at 1x);
* ``article``: an ordinary news article, paragraphs with quotations, reported speech,
  dates and events, written for this benchmark and repeated (``--copies`` at 1x) with the
  dates and names varied so that the copies are not identical.

For each input and size it parses once with spaCy and times every stage over that parse:
``pubdate`` (publication date estimate), ``dates``, ``actors``, ``statements``,
``events``. It prints the time at 1x and 4x and the ratio 4x / 1x per stage (the target is
<= 4.5, i.e. linear or n log n with some slack), and exits with status 1 when a ratio is
over ``--max-ratio``. Times are the best of ``--repeat`` runs or more (a stage of a few
milliseconds runs until 0.3 s in all), alternating 1x and 4x, with the garbage collector
paused during each run.

Usage::

    .venv/bin/python benchmarks/bench_scaling.py                 # reps 500, copies 6
    .venv/bin/python benchmarks/bench_scaling.py --reps 500 --copies 10 --repeat 3
    .venv/bin/python benchmarks/bench_scaling.py --profile sentence   # cProfile at 4x
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from typing import Callable

from toolkit import actors, dates, events, pubdate, statements
from toolkit.models import load_pipeline

PUBLISHED = None  # like an article without a date: the estimate runs too

NAMES = ("Russia", "Ukraine", "France", "Germany", "Poland", "Japan", "Brazil", "Canada")

#: Paragraphs written for this benchmark ({n} varies the day, {who} the official's name).
PARAGRAPHS = (
    "BRUSSELS, March {n} — Foreign ministers of the alliance met on Tuesday to discuss "
    "new aid for the region, officials said, as talks on a ceasefire stalled again.",
    "“We will not accept a deal that rewards aggression,” Minister {who} told reporters "
    "after the meeting. “We will keep helping them until this is over.”",
    "According to two diplomats familiar with the talks, the ministers agreed to send more "
    "air defence systems by the end of April, though the exact number was not disclosed.",
    "The Kremlin spokesman said on Wednesday that Moscow was ready to negotiate but accused "
    "the West of prolonging the war. He added that any agreement would have to reflect "
    "what he called the new realities on the ground.",
    "Analysts believe the government wants to secure a loan before the summer. “The "
    "budget gap is real,” said Anna Weber, an economist at a Berlin research institute, "
    "who expects growth to slow next year.",
    "On Thursday, the parliament approved a law that raises defence spending to three per "
    "cent of output by 2027. The opposition criticized the vote, warning that schools and "
    "hospitals would pay for it.",
    "Minister {who} later wrote on social media that the meeting had been “productive and "
    "frank”, and said she would travel to Warsaw on March {m} to meet her counterparts.",
    "A poll published last week found that most voters support the aid, but a majority "
    "also say the government should push harder for talks.",
)
WHO = ("Kallas", "Dupont", "Novak", "Sato", "Silva", "Brown", "Meyer", "Rossi")


def long_sentence(reps: int) -> str:
    """One sentence of ``reps`` nested reports ("Russia said that Ukraine said that ...")."""
    parts = [f"{NAMES[i % len(NAMES)]} said that" for i in range(reps)]
    return " ".join(parts) + " the talks had failed."


def long_article(copies: int) -> str:
    """``copies`` times the benchmark's paragraphs, with days and names varied."""
    out = []
    for k in range(copies):
        who = WHO[k % len(WHO)]
        for p in PARAGRAPHS:
            out.append(p.format(n=1 + k % 27, m=2 + k % 26, who=who))
    return "\n\n".join(out)


def stages(doc) -> dict[str, Callable[[], object]]:
    """The stages after the parse, each a thunk over ``doc`` (later stages reuse earlier
    results, computed once outside the timing)."""
    ds = dates.extract_dates(doc, published=PUBLISHED)
    ar = actors.extract_actors(doc, published=PUBLISHED)
    return {
        "pubdate": lambda: pubdate.infer_published(doc),
        "dates": lambda: dates.extract_dates(doc, published=PUBLISHED),
        "actors": lambda: actors.extract_actors(doc, published=PUBLISHED),
        "statements": lambda: statements.extract_statements(doc, resolver=ar.resolver, dates=ds),
        "events": lambda: events.extract_events(doc, resolver=ar.resolver, dates=ds),
    }


#: Each stage runs at least ``--repeat`` times and until it has run this many seconds in
#: all (at most MAX_RUNS times): the best of many runs of a millisecond stage is stable.
MIN_SECONDS = 0.3
MAX_RUNS = 40


def _time(fn: Callable[[], object]) -> float:
    """Seconds of one call, with the garbage collector run before and paused during it
    (a collection of earlier garbage would otherwise land on whichever stage runs)."""
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    finally:
        gc.enable()


def measure(nlp, texts: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    """Best-of-``repeat`` seconds per size and stage (``parse`` included), sizes alternating."""
    docs = {}
    best: dict[str, dict[str, float]] = {size: {} for size in texts}
    for size, text in texts.items():
        t = time.perf_counter()
        docs[size] = nlp(text)
        best[size]["parse"] = time.perf_counter() - t
    thunks = {size: stages(doc) for size, doc in docs.items()}
    spent: dict = {}
    for k in range(MAX_RUNS):
        for size in texts:
            for name, fn in thunks[size].items():
                if k >= repeat and spent.get((size, name), 0.0) >= MIN_SECONDS:
                    continue  # a stage of a few milliseconds is run until timer noise fades
                dt_ = _time(fn)
                spent[size, name] = spent.get((size, name), 0.0) + dt_
                best[size][name] = min(best[size].get(name, dt_), dt_)
    return best


def report(title: str, best: dict[str, dict[str, float]], n_words: dict[str, int],
           max_ratio: float) -> bool:
    print(f"\n{title}: {n_words['1x']:,} words at 1x, {n_words['4x']:,} at 4x")
    print(f"{'stage':<11} {'1x s':>8} {'4x s':>8} {'ratio':>6}  {'4x / parse':>10}")
    ok = True
    for name in best["1x"]:
        a, b = best["1x"][name], best["4x"][name]
        ratio = b / a if a > 0 else float("inf")
        flag = "" if name == "parse" or ratio <= max_ratio else "  OVER"
        ok &= not flag
        print(f"{name:<11} {a:8.3f} {b:8.3f} {ratio:6.2f}  {b / best['4x']['parse']:10.3f}{flag}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=500, help="reports in the long sentence at 1x")
    ap.add_argument("--copies", type=int, default=6, help="copies of the paragraphs at 1x")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many timings")
    ap.add_argument("--max-ratio", type=float, default=4.5)
    ap.add_argument("--only", choices=("sentence", "article"), default=None)
    ap.add_argument("--profile", choices=("sentence", "article"), default=None,
                    help="print a cProfile of the stages at 4x for this input instead")
    args = ap.parse_args()
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, 2_000_000)
    nlp("warm up")
    inputs = {
        "sentence": {"1x": long_sentence(args.reps), "4x": long_sentence(4 * args.reps)},
        "article": {"1x": long_article(args.copies), "4x": long_article(4 * args.copies)},
    }
    if args.profile:
        import cProfile
        import pstats

        doc = nlp(inputs[args.profile]["4x"])
        thunks = stages(doc)
        prof = cProfile.Profile()
        prof.enable()
        for fn in thunks.values():
            fn()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        return 0
    ok = True
    for name, texts in inputs.items():
        if args.only and name != args.only:
            continue
        best = measure(nlp, texts, args.repeat)
        ok &= report(name, best, {k: len(v.split()) for k, v in texts.items()}, args.max_ratio)
    print(f"\nall stages within {args.max_ratio}x at 4x input" if ok
          else f"\nsome stage grew more than {args.max_ratio}x at 4x input (OVER above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
