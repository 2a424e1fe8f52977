"""Train the pronoun ranker of pass 5 (``toolkit/data/pronoun_ranker.yaml``).

Training data: GAP development only (``../shared/bench/gap/gap-development.tsv``, 2,000
Wikipedia snippets; GAP, Webster et al. 2018, licence Apache 2.0; the snippets are Wikipedia
text, CC BY-SA; read in place, never copied). GAP validation and the confirmation half of the
speaker references are never read here.

How. Every snippet is parsed once (``nlp.pipe``; with ``--cache DIR`` the parses are kept
as a spaCy ``DocBin`` in DIR, outside the project) and run through ``extract_actors`` with
:func:`toolkit.actors.ranker.trace`, which records, for every pronoun that pass 5 ranks, the
feature matrix of its agreeing candidates and their actors. For the labelled pronoun of a
row, a candidate is positive when its actor is the actor of a name GAP marks as coreferent
(A or B); rows with no positive candidate (GAP's "neither", or the right person filtered
out or never detected) are left out. The model is a conditional logistic regression: a
softmax over one pronoun's candidates, trained to give the positives (all mentions of the
right actor together) a high probability, with an L2 penalty, by full-batch gradient
descent (Adam) from zero weights; everything is deterministic (``--seed`` fixes the fold
split of the cross-validation figure). Because pronouns resolved earlier in a snippet become
candidates ("kind_pronoun") of later ones, the traces depend on the weights in use: the
first round traces with zero weights (the nearest candidate wins; ``--from-shipped`` uses
the shipped weights instead), then the script re-runs the extraction with the new weights
and trains again (``--rounds``, 3; the weights no longer change after the second).

Optionally (``--speakers-weight W``) the development half of the speaker references
(``benchmarks/bench_speakers.py``; PolNeAR articles) adds examples: statements whose speaker
words are one personal pronoun, labelled by the reference speaker, each weighing W. The
shipped weights do not use it: the 27 such statements of that half are already 26 right, and
W = 5 costs 0.006 GAP F1.

Prints per round: pronouns ranked, reachable (a positive among the candidates), the
in-sample choice accuracy, a 5-fold cross-validated choice accuracy, the in-sample choice
accuracy of masculine and of feminine pronouns (the bias to watch), and GAP development
P/R/F1 by gender (in-sample) with the new weights; at the end the weights, written to
``--out`` (default: ``toolkit/data/pronoun_ranker.yaml``). About a minute once the parses
are cached (the first run parses the 2,000 snippets: 2-3 minutes).

Usage::

    .venv/bin/python benchmarks/train_pronoun_ranker.py --cache /tmp/you/rank
    .venv/bin/python benchmarks/train_pronoun_ranker.py --cache /tmp/you/rank --out /tmp/w.yaml

Only aggregate figures are printed (no GAP text).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_gap as G  # noqa: E402

HEADER = """\
# Weights of the pronoun ranker of pass 5 (toolkit/actors/ranker.py): feature name -> weight
# of a conditional logistic regression (a softmax over the candidate antecedents of a pronoun;
# the actor whose mentions get the most probability wins).
# Written by benchmarks/train_pronoun_ranker.py ({args}).
# Training data: GAP development (gap-development.tsv, 2,000 rows; Webster et al. 2018,
# "Mind the GAP", github.com/google-research-datasets/gap-coreference), licence Apache 2.0;
# the snippets are Wikipedia text (CC BY-SA). Only these learned numbers are shipped, no text.
# GAP validation and the speaker references' confirmation half were not used.
# Training figures: {figures}
"""


def _cached_docs(texts: list[str], path: Path | None, *, batch_size: int) -> list:
    """spaCy Docs of ``texts``, kept as a DocBin at ``path`` when given (read back if present)."""
    from spacy.tokens import DocBin

    from toolkit.models import load_pipeline

    nlp = load_pipeline()
    if path is not None and path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def parse_docs(rows, cache):
    """spaCy Docs of the snippets (kept as a DocBin in ``cache`` when given)."""
    path = Path(cache) / f"gap-development-{len(rows)}.spacy" if cache else None
    return _cached_docs([r.text for r in rows], path, batch_size=64)


def _key_at(art, start: int, end: int):
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        m = art.tok_ment.get(t.i)
        if m is not None and m.how != "pronoun":
            return m.key
    return None


def collect(rows, docs):
    """Run the extraction; (training examples, GAP predictions, counts)."""
    from toolkit.actors import extract_actors, ranker

    examples, preds = [], {}
    n_ranked = n_reach = 0
    for r, d in zip(rows, docs):
        with ranker.trace() as log:
            res = extract_actors(d, published=G.PUBLISHED)
        preds[r.gid] = G.predict(r, [dataclasses.asdict(m) for m in res.mentions])
        p = d.char_span(r.p_off, r.p_off + len(r.pronoun), alignment_mode="expand")
        hit = [e for e in log if p is not None and e[0] == p.start]
        if not hit:
            continue
        n_ranked += 1
        _, X, keys, starts = hit[-1]
        art = res.resolver._art
        gold = {k for k, ok in ((_key_at(art, r.a_off, r.a_off + len(r.a)), r.a_coref),
                                (_key_at(art, r.b_off, r.b_off + len(r.b)), r.b_coref)) if ok and k}
        y = np.array([k in gold for k in keys], dtype=float)
        if y.any():
            n_reach += 1
            examples.append((X, y, keys, starts, r.gender))
    return examples, preds, n_ranked, n_reach


def parse_speaker_dev(cache):
    """The development half of the speaker references: (articles, docs)."""
    import bench_speakers as B

    arts = B.load_articles()["dev"]
    path = Path(cache) / "speakers-dev.spacy" if cache else None
    return arts, _cached_docs([a.text for a in arts], path, batch_size=4)


def collect_speakers(arts, docs):
    """Examples from the speaker references' development half: a statement whose speaker
    words are one personal pronoun ("he said"), paired with a reference attribution whose
    speaker is named; a candidate is positive when its actor's name is the reference's
    (the benchmark's own rule, ``bench_speakers.speaker_right``). (examples, accuracy)."""
    import bench_speakers as B

    from toolkit import article as A
    from toolkit.actors.lexicon import _PERSON_PRON

    examples, n_right, n_stmt = [], 0, 0
    seen = []
    inner = A._actors.extract_actors

    def keep(*a, **k):  # the actor result, for the names of the candidate actors
        seen.append(inner(*a, **k))
        return seen[-1]

    for art, d in zip(arts, docs):
        A._actors.extract_actors = keep
        try:
            with ranker_trace() as log:
                res = A.extract(d, article_id=art.name, published=A.parse_published(art.published))
        finally:
            A._actors.extract_actors = inner
        rows = sorted(res.statements, key=lambda r: r["statement_id"])
        by_tok = {e[0]: e for e in log}
        pairs = B.pair(art.text, art.attributions, [(r["content_start"], r["content_end"]) for r in rows])
        for i, j in pairs.items():
            r, ref = rows[i], art.attributions[j].ref
            words = (r.get("speaker_text") or "").strip().lower()
            if not B.named(ref) or words not in _PERSON_PRON or r.get("speaker_start") is None:
                continue
            span = d.char_span(r["speaker_start"], r["speaker_end"], alignment_mode="expand")
            e = by_tok.get(span.start) if span is not None else None
            if e is None:
                continue
            n_stmt += 1
            n_right += B.speaker_right(r.get("speaker"), ref, art.aliases)
            _, X, keys, starts = e
            acts = seen[-1].resolver._art.acts
            y = np.array([B.speaker_right(acts[k].name, ref, art.aliases) for k in keys], dtype=float)
            if y.any():
                examples.append((X, y, keys, starts))
    return examples, (n_right / n_stmt if n_stmt else 0.0), n_stmt


def ranker_trace():
    from toolkit.actors import ranker

    return ranker.trace()


def fit(examples, *, l2: float, steps: int, lr: float = 0.05, weights=None) -> np.ndarray:
    """Weights of the conditional logit (softmax over each pronoun's candidates); ``weights``
    gives each example's weight in the loss (default 1)."""
    nf = examples[0][0].shape[1]
    X = np.vstack([e[0] for e in examples])
    Y = np.concatenate([e[1] for e in examples])
    grp = np.concatenate([np.full(len(e[1]), i) for i, e in enumerate(examples)])
    n = len(examples)
    ew = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    ew = ew * n / ew.sum()
    w = np.zeros(nf)
    m = np.zeros(nf)
    v = np.zeros(nf)
    for t in range(1, steps + 1):
        s = X @ w
        smax = np.full(n, -np.inf)
        np.maximum.at(smax, grp, s)
        e = np.exp(s - smax[grp])
        z = np.bincount(grp, e, n)
        zp = np.bincount(grp, e * Y, n)
        p = e / z[grp]
        q = e * Y / zp[grp]
        g = X.T @ ((p - q) * ew[grp]) / n + l2 * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def _right(example, w) -> bool:
    from toolkit.actors import ranker

    x, y, keys, starts = example[:4]
    return bool(y[ranker._best(x @ w, keys, starts)])


def accuracy(examples, w) -> float:
    """Share of pronouns whose chosen actor (as the ranker chooses) is right."""
    return sum(_right(e, w) for e in examples) / len(examples) if examples else 0.0


def by_gender(examples, w) -> str:
    """In-sample choice accuracy of the masculine and the feminine pronouns (GAP examples)."""
    return ", ".join(f"{g} {accuracy([e for e in examples if e[4:] == (g,)], w):.3f}"
                     for g in ("masculine", "feminine"))


def cross_validated(examples, *, l2, steps, seed, folds=5) -> float:
    idx = np.random.default_rng(seed).permutation(len(examples))
    ok = 0
    for f in range(folds):
        test = set(idx[f::folds].tolist())
        train = [e for i, e in enumerate(examples) if i not in test]
        w = fit(train, l2=l2, steps=steps)
        ok += sum(_right(examples[i], w) for i in test)
    return ok / len(examples)


def write(path: Path, w: np.ndarray, *, args: str, figures: str) -> None:
    from toolkit.actors import ranker

    lines = [HEADER.format(args=args, figures=figures), "weights:"]
    lines += [f"  {f}: {x:.4f}" for f, x in zip(ranker.FEATURES, w)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="a directory OUTSIDE the project for the parses")
    ap.add_argument("--n", type=int, default=None, help="only the first N development rows")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--speakers-weight", type=float, default=0.0,
                    help="weight of each speaker-reference example (development half; 0: not used)")
    ap.add_argument("--from-shipped", action="store_true",
                    help="trace the first round with the shipped weights instead of zero weights")
    ap.add_argument("--out", type=Path, default=None, help="weights file (default: the shipped one)")
    args = ap.parse_args()
    from toolkit.actors import ranker

    out = args.out or ranker.WEIGHTS_FILE
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    rows = G.load_rows("development", args.n)
    docs = parse_docs(rows, args.cache)
    spk = parse_speaker_dev(args.cache) if args.speakers_weight > 0 else None
    tmp_dir = Path(tempfile.mkdtemp())
    desc = f"--rounds {args.rounds} --l2 {args.l2} --steps {args.steps} --seed {args.seed}" + \
        (f" --speakers-weight {args.speakers_weight}" if spk else "") + (f" --n {args.n}" if args.n else "")
    if not args.from_shipped:  # start from zero weights (every candidate ties: the nearest wins)
        zero = tmp_dir / "round0.yaml"
        write(zero, np.zeros(len(ranker.FEATURES)), args=desc, figures="")
        ranker.WEIGHTS_FILE = zero
    examples, preds, n_ranked, n_reach = collect(rows, docs)
    f1 = G.prf(G.tally(rows, preds)["overall"])[2]
    line = (f"start ({'shipped weights' if args.from_shipped else 'zero weights'}): GAP development F1 {f1:.3f}; "
            f"{n_ranked} labelled pronouns ranked, {n_reach} reachable")
    news = []
    if spk:
        news, spk_acc, n_spk = collect_speakers(*spk)
        line += f"; speaker references (dev half): {n_spk} pronoun speakers, {spk_acc:.3f} right, {len(news)} reachable"
    print(line, flush=True)
    figures = ""
    for rnd in range(1, args.rounds + 1):
        w = fit(examples + news, l2=args.l2, steps=args.steps,
                weights=[1.0] * len(examples) + [args.speakers_weight] * len(news))
        acc = accuracy(examples, w)
        cv = cross_validated(examples, l2=args.l2, steps=args.steps, seed=args.seed)
        tmp = tmp_dir / f"round{rnd}.yaml"  # a new name per round: the weights are cached by path
        write(tmp, w, args=desc, figures="")
        ranker.WEIGHTS_FILE = tmp  # the next extraction uses the new weights
        examples, preds, n_ranked, n_reach = collect(rows, docs)
        counts = G.tally(rows, preds)
        f = {part: G.prf(counts[part])[2] for part in ("overall", "masculine", "feminine")}
        prec, rec, _ = G.prf(counts["overall"])
        bias = f["feminine"] / f["masculine"] if f["masculine"] else 0.0
        figures = (f"{len(rows)} rows, choice accuracy {acc:.3f} in-sample, {cv:.3f} 5-fold (GAP only); "
                   f"GAP development F1 {f['overall']:.3f} (in-sample), bias {bias:.3f}")
        line = (f"round {rnd}: {n_ranked} ranked, {n_reach} reachable; choice accuracy {acc:.3f} "
                f"(5-fold {cv:.3f}; {by_gender(examples, w)}); GAP development P {prec:.3f} R {rec:.3f} F1 {f['overall']:.3f} "
                f"masculine {f['masculine']:.3f} feminine {f['feminine']:.3f} bias {bias:.3f}")
        if spk:
            news, spk_acc, n_spk = collect_speakers(*spk)
            figures += f"; pronoun speakers of the speaker references' dev half {spk_acc:.3f} right (of {n_spk})"
            line += f"; pronoun speakers (dev half) {spk_acc:.3f} right of {n_spk}"
        print(line, flush=True)
    write(out, w, args=desc, figures=figures)
    print(f"weights written to {out}:")
    for name, x in zip(ranker.FEATURES, w):
        print(f"  {name:22s} {x:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
