"""Reproduce the pronoun salience weights (``toolkit.actors.pronouns.SALIENCE``).

The weights were set by a coordinate search on DEVELOPMENT data only: the first 400 rows of
GAP development (``../shared/bench/gap/gap-development.tsv``; GAP, Webster et al. 2018,
licence Apache 2.0) and the development half of the speaker references
(``benchmarks/bench_speakers.py``, PolNeAR articles). The objective is GAP F1 plus speaker
accuracy; a change of one weight to a value of its grid is kept when the objective rises by
more than 0.002; two rounds over all weights. GAP validation and the confirmation half are
never read here.

The documents are parsed once with ``nlp.pipe`` (the parse does not depend on the weights)
and kept in memory; each trial runs only the extraction. Prints every kept change and the
final weights (copy them into ``SALIENCE``). Takes a few minutes on one core.

Usage::

    .venv/bin/python benchmarks/tune_salience.py            # start from the shipped weights
    .venv/bin/python benchmarks/tune_salience.py --rounds 1

Only aggregate figures are printed (no GAP or PolNeAR text).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_gap as G  # noqa: E402
import bench_speakers as B  # noqa: E402

#: The values tried for each weight. ``speech_parallel`` is not searched: it is fixed at 1.0
#: for the news convention "X said that Y ... . He also said" (X), which GAP's Wikipedia
#: snippets hardly contain and the 14 development articles are too few to weigh
#: (tests/test_coref_pronouns.py holds the case).
GRID = {
    "nearest": [0, 0.5, 1, 1.5, 2],
    "sentence_back": [-3, -2, -1.5, -1, -0.5], "subject": [0, 0.5, 1, 2], "parallel": [0, 0.5, 1],
    "frequency": [0, 0.25, 0.5, 1], "main_subject": [0, 0.5, 1, 2], "unknown_gender": [-1, -0.5, 0],
}


def _load(n_gap: int):
    from toolkit.models import load_pipeline

    nlp = load_pipeline()
    rows = G.load_rows("development", n_gap)
    arts = B.load_articles()["dev"]
    gap_docs = list(nlp.pipe([r.text for r in rows], batch_size=32))
    art_docs = list(nlp.pipe([a.text for a in arts], batch_size=4))
    return rows, gap_docs, arts, art_docs


def evaluate(rows, gap_docs, arts, art_docs) -> tuple[float, float]:
    """(GAP F1, speaker accuracy) with the current ``SALIENCE``."""
    from toolkit import article as A, frames
    from toolkit.actors import extract_actors

    preds = {}
    for r, d in zip(rows, gap_docs):
        ms = [dataclasses.asdict(m) for m in extract_actors(d, published=G.PUBLISHED).mentions]
        preds[r.gid] = G.predict(r, ms)
    f1 = G.prf(G.tally(rows, preds)["overall"])[2]
    st = []
    for a, d in zip(arts, art_docs):
        st += A.extract(d, article_id=a.name, published=A.parse_published(a.published)).statements
    return f1, B.score(arts, frames.build("statements", st))["accuracy"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--n-gap", type=int, default=400, help="GAP development rows (first N)")
    args = ap.parse_args()
    from toolkit.actors import pronouns as P

    data = _load(args.n_gap)
    f1, acc = evaluate(*data)
    best = f1 + acc
    print(f"start: GAP F1 {f1:.3f}, speaker accuracy {acc:.3f}", flush=True)
    for rnd in range(args.rounds):
        for key, values in GRID.items():
            for v in values:
                old = P.SALIENCE[key]
                if v == old:
                    continue
                P.SALIENCE[key] = v
                f1, acc = evaluate(*data)
                if f1 + acc > best + 0.002:
                    best = f1 + acc
                    print(f"  {key} = {v}: GAP F1 {f1:.3f}, speaker accuracy {acc:.3f}", flush=True)
                else:
                    P.SALIENCE[key] = old
        print(f"round {rnd + 1}: {P.SALIENCE}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
