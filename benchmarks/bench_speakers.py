"""Who speaks: ``statements.speaker`` against resolved speaker references (28 PolNeAR articles).

The references (``../shared/gold/speakers/*.speakers.json``, read in place, never copied)
resolve the Source of 522 PolNeAR attributions to the real actor who spoke ("he" -> "Chris
Christie"), in 28 articles of the PolNeAR train split, 4 per publisher. Texts come from
``../shared/bench/polnear/text/``, the attributions from the reference's ``annotator_file``
in ``../shared/bench/polnear/attributions/``, the publication date from the
``publication_date`` column of ``../shared/bench/polnear/metadata.tsv``. The script exits
with a message when the data is absent.

Each half's 14 articles are parsed together as one corpus (``toolkit.parse_many``), so
that the corpus-level actor identity counts for "names per actor"; the halves are parsed
apart, so that a half's figures do not depend on the other half. Where the corpus has
an actor identity, the figures without it (the ids the articles gave) are printed too.

Pairing. Predicted statements are paired with ALL the attributions (``E`` lines) of the
annotator file by content: token-overlap F1 of the content word tokens (``\\w+``; a
leading "that"/"whether"/"if" dropped on both sides, as in ``bench_polnear.py``) >= 0.5,
one-to-one, best first. Only attributions listed in the reference are scored.

Measures (exactly those of ``../shared/gold/speakers/README.md``), over the attributions
whose reference speaker is named (not ``anonymous``, not ``unclear``):

* speaker accuracy: right / paired. Right: the predicted ``speaker`` equals the canonical
  name or one of its ``aliases`` (case-insensitive; dots, curly quotes and a leading "the"
  ignored); for ``surname_only``, the surname or a name ending in it; for a joint speaker
  ("A and B"), the same set of names in any order;
* attributed recall: right / all named reference attributions (found and right);
* pronoun rate: predicted statements (all of them, paired or not) whose ``speaker`` is
  empty or a bare pronoun, over all predicted statements of the articles; printed with its
  parts: bare pronouns, empty with speaker words (``speaker_text``), empty without;
* names per actor: over the articles of the half, for each reference actor (canonical
  name) with at least two paired attributions, the number of distinct non-empty predicted
  speaker names (normalised as for accuracy), averaged ("Clinton" beside "Hillary
  Clinton" makes 2; 1.00 is the goal).

Split (fixed, stable): within each publisher, the 4 articles sorted by file name (which
starts with the publication date) are numbered 1-4; ``dev`` holds numbers 1 and 3,
``confirm`` numbers 2 and 4 (14 articles each). Develop on ``dev``; ``confirm`` only
confirms, so ``--errors`` is refused for it.

Usage::

    .venv/bin/python benchmarks/bench_speakers.py                 # both halves
    .venv/bin/python benchmarks/bench_speakers.py --half dev --errors 30
    .venv/bin/python benchmarks/bench_speakers.py --cache /tmp/d2/cache

Only aggregate figures are printed, except with ``--errors`` (misses printed to the
terminal, never stored in the project).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from toolkit.paths import SHARED_DIR

POLNEAR = SHARED_DIR / "bench" / "polnear"
SPEAKERS = SHARED_DIR / "gold" / "speakers"
HALVES = ("dev", "confirm")

_WORD = re.compile(r"\w+")
_COMPLEMENTIZERS = frozenset({"that", "whether", "if"})
PRONOUNS = frozenset("""
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves who whom whose which that this
these those one someone somebody anyone everyone
""".split())


# --------------------------------------------------------------------------- data


@dataclass
class Attribution:
    """One PolNeAR attribution (``E`` line): its id and content pieces."""

    eid: str
    content: list
    ref: Optional[dict] = None  # the reference entry, when the attribution has one


@dataclass
class Article:
    name: str
    publisher: str
    text: str
    published: Optional[str]
    attributions: list = field(default_factory=list)
    aliases: dict = field(default_factory=dict)


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of a brat file's text: each ``E`` line with its content pieces."""
    spans: dict[str, list] = {}
    out = []
    for line in text.split("\n"):
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            try:
                spans[parts[0]] = [(int(a), int(b)) for a, b in (p.split() for p in head[1].split(";"))]
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            content = []
            for arg in parts[1].split()[1:]:
                role, _, tid = arg.partition(":")
                if role.lower().startswith("content") and tid in spans:
                    content.extend(spans[tid])
            out.append(Attribution(parts[0], sorted(content)))
    return out


def half_of(names_by_publisher: dict[str, list[str]]) -> dict[str, str]:
    """Article name -> ``dev`` or ``confirm`` (see the docstring's split rule)."""
    out = {}
    for names in names_by_publisher.values():
        for k, name in enumerate(sorted(names)):
            out[name] = HALVES[k % 2]
    return out


def load_articles() -> dict[str, list[Article]]:
    """The reference articles by half (``dev``, ``confirm``)."""
    if not SPEAKERS.is_dir() or not (POLNEAR / "metadata.tsv").is_file():
        sys.exit(f"speaker references or PolNeAR not found under {SHARED_DIR} "
                 f"(set TOOLKIT_SHARED_DIR); nothing to do")
    with open(POLNEAR / "metadata.tsv", encoding="utf-8", newline="") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    arts = []
    for path in sorted(SPEAKERS.glob("*.speakers.json")):
        ref = json.loads(path.read_text(encoding="utf-8"))
        name = ref["article"]
        text = (POLNEAR / "text" / f"{name}.txt").read_text(encoding="utf-8")
        atts = parse_ann((POLNEAR / "attributions" / ref["annotator_file"]).read_text(encoding="utf-8"))
        by_id = {s["id"]: s for s in ref["speakers"]}
        for a in atts:
            a.ref = by_id.get(a.eid)
        row = meta.get(name, {})
        arts.append(Article(name, row.get("publisher") or name.split("_")[0], text,
                            row.get("publication_date") or None, atts, ref.get("aliases") or {}))
    by_pub = defaultdict(list)
    for a in arts:
        by_pub[a.publisher].append(a.name)
    half = half_of(by_pub)
    return {h: [a for a in arts if half[a.name] == h] for h in HALVES}


# --------------------------------------------------------------------------- matching


def norm_name(name: Optional[str]) -> str:
    """Lower case, no dots, straight quotes, no leading "the", single spaces."""
    s = (name or "").lower().replace(".", "").replace("’", "'").replace("‘", "'")
    s = s.replace("“", '"').replace("”", '"')
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def _names(joint: str) -> frozenset:
    return frozenset(norm_name(p) for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", joint) if p.strip())


def speaker_right(pred: Optional[str], ref: dict, aliases: dict) -> bool:
    """Whether a predicted speaker names the reference actor (README rules)."""
    p = norm_name(pred)
    if not p:
        return False
    gold = ref["speaker"]
    forms = {norm_name(gold), *(norm_name(a) for a in aliases.get(gold, []))}
    if p in forms:
        return True
    if ref.get("surname_only"):
        sur = norm_name(gold).split()[-1] if gold else ""
        if p == sur or p.endswith(" " + sur):
            return True
    if " and " in gold:
        return _names(pred) == _names(gold)
    return False


def is_pronoun_or_empty(pred: Optional[str]) -> bool:
    p = norm_name(pred)
    return not p or p in PRONOUNS


def content_tokens(text: str, pieces: list) -> set:
    """Start offsets of the word tokens in ``pieces``, a leading complementizer dropped."""
    toks = {m.start() for a, b in pieces for m in _WORD.finditer(text, a, b)}
    if pieces:
        first = _WORD.search(text, min(p[0] for p in pieces))
        if first and first.group().lower() in _COMPLEMENTIZERS:
            toks.discard(first.start())
    return toks


def _f1(a: set, b: set) -> float:
    inter = len(a & b)
    return 2 * inter / (len(a) + len(b)) if inter else 0.0


def pair(text: str, atts: list[Attribution], contents: list[tuple[int, int]]) -> dict[int, int]:
    """Statement index -> attribution index: content F1 >= 0.5, one-to-one, best first."""
    gtoks = [content_tokens(text, a.content) for a in atts]
    ptoks = [content_tokens(text, [c]) for c in contents]
    cands = sorted(((_f1(p, g), i, j) for i, p in enumerate(ptoks) for j, g in enumerate(gtoks)
                    if p and g), key=lambda c: (-c[0], c[1], c[2]))
    out: dict[int, int] = {}
    used = set()
    for f, i, j in cands:
        if f < 0.5:
            break
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


# --------------------------------------------------------------------------- scoring


def named(ref: Optional[dict]) -> bool:
    return bool(ref) and not ref.get("anonymous") and not ref.get("unclear") and bool(ref.get("speaker"))


def score(arts: list[Article], statements) -> dict:
    """The README's measures for ``arts`` given the corpus ``statements`` frame (pandas)."""
    n_named = n_paired = n_right = 0
    n_stmt, parts = 0, {"pronoun": 0, "empty_with_words": 0, "empty_no_words": 0}
    names = defaultdict(set)
    n_matched = defaultdict(int)
    misses = []
    by_art = {k: g for k, g in statements.groupby("article_id", sort=False)} if len(statements) else {}
    for art in arts:
        st = by_art.get(art.name)
        rows = [] if st is None else st.sort_values("statement_id").to_dict("records")
        contents = [(int(r["content_start"]), int(r["content_end"])) for r in rows]
        n_stmt += len(rows)
        for r in rows:
            sp = r["speaker"] if isinstance(r["speaker"], str) else ""
            if norm_name(sp):
                parts["pronoun"] += is_pronoun_or_empty(sp)
            else:
                words = r["speaker_text"] if isinstance(r["speaker_text"], str) else ""
                parts["empty_with_words" if words.strip() else "empty_no_words"] += 1
        pairs = {j: i for i, j in pair(art.text, art.attributions, contents).items()}
        for j, att in enumerate(art.attributions):
            if not named(att.ref):
                continue
            n_named += 1
            if j not in pairs:
                continue
            r = rows[pairs[j]]
            pred = r["speaker"] if isinstance(r["speaker"], str) else None
            n_paired += 1
            ok = speaker_right(pred, att.ref, art.aliases)
            n_right += ok
            n_matched[att.ref["speaker"]] += 1
            if norm_name(pred):
                names[att.ref["speaker"]].add(norm_name(pred))
            if not ok:
                misses.append((art.name, att.ref["speaker"], att.ref.get("source_text"), pred,
                               r.get("speaker_text")))
    multi = [a for a, n in n_matched.items() if n >= 2]
    return {
        "articles": len(arts), "named": n_named, "paired": n_paired, "right": n_right,
        "accuracy": n_right / n_paired if n_paired else 0.0,
        "recall": n_right / n_named if n_named else 0.0,
        "pronoun_rate": sum(parts.values()) / n_stmt if n_stmt else 0.0,
        "statements": n_stmt, "pronoun_parts": parts,
        "names_per_actor": (sum(max(1, len(names[a])) for a in multi) / len(multi)) if multi else 0.0,
        "n_actors": len(multi),
        "misses": misses,
        "split": {a: sorted(names[a]) for a in multi if len(names[a]) > 1},
    }


def report(half: str, s: dict) -> None:
    print(f"{half:8s} {s['articles']:2d} articles, {s['named']} named attributions, {s['paired']} paired: "
          f"speaker accuracy {s['accuracy']:.3f} ({s['right']}/{s['paired']}), "
          f"attributed recall {s['recall']:.3f}, pronoun rate {s['pronoun_rate']:.3f}, "
          f"names per actor {s['names_per_actor']:.2f} ({s['n_actors']} actors)")
    p = s["pronoun_parts"]
    print(f"{'':8s}    pronoun rate parts, of {s['statements']} statements: bare pronoun {p['pronoun']}, "
          f"empty with speaker words {p['empty_with_words']}, empty without {p['empty_no_words']}")


def _parse_half(arts: list[Article], *, cache: Optional[Path], model):
    import toolkit
    from toolkit.ingest import ArticleInput

    inputs = [ArticleInput(text=a.text, article_id=a.name, published=a.published, source=a.publisher)
              for a in arts]
    corpus = toolkit.parse_many(inputs, nlp=model, cache_dir=cache)
    if len(corpus.errors):
        print(f"note: {len(corpus.errors)} article(s) failed to parse: "
              f"{', '.join(corpus.errors['article_id'].astype(str))}")
    return corpus


def run(halves: list[str], *, cache: Optional[Path] = None, errors: int = 0, model=None) -> dict:
    """Parse each half as its own corpus (so a half's figures do not depend on the other
    half) and print the measures per half."""
    import pandas as pd

    by_half = load_articles()
    out, sts, raws = {}, [], []
    for h in halves:
        corpus = _parse_half(by_half[h], cache=cache, model=model)
        st = corpus.statements
        out[h] = score(by_half[h], st)
        report(h, out[h])
        sts.append(st)
        raw = getattr(corpus, "_raw", None)  # the tables as the articles gave them (no corpus identity)
        ident = getattr(corpus, "identity", None)
        if raw is not None and ident is not None:
            from toolkit.corpus import _to_pandas

            s0 = score(by_half[h], _to_pandas("statements", raw[0]["statements"]))
            print(f"{'':8s}    without corpus identity: accuracy {s0['accuracy']:.3f}, names per actor "
                  f"{s0['names_per_actor']:.2f}; identity renamed {len(ident.changes)} (article, actor) "
                  f"pairs, left {len(ident.ambiguous)} ambiguous names apart")
    if len(halves) > 1:
        arts = [a for h in halves for a in by_half[h]]
        out["all"] = score(arts, pd.concat(sts, ignore_index=True))
        report("both", out["all"])
    if errors:
        s = out[halves[0]]
        print(f"\n--- misses ({len(s['misses'])}; first {errors})")
        for art, gold, src, pred, stext in s["misses"][:errors]:
            print(f"  {art[:40]:40s} GOLD {gold!r} (source {src!r}) OURS {pred!r} (speaker_text {stext!r})")
        print("\n--- actors under several predicted names")
        for a, ns in sorted(s["split"].items()):
            print(f"  {a!r}: {ns}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=HALVES, default=None, help="one half only (default: both)")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses (dev half only)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="a parse_many cache directory OUTSIDE the project (e.g. /tmp/you/speakers)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the toolkit's)")
    args = ap.parse_args()
    if args.errors and args.half != "dev":
        sys.exit("--errors is only for the dev half (--half dev): the confirm half only confirms")
    run([args.half] if args.half else list(HALVES), cache=args.cache, errors=args.errors, model=args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
