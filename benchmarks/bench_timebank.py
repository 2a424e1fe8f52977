"""TempEval-3-style scorer for the dates tagger on TimeBank + AQUAINT (TBAQ-cleaned, TimeML).

Reads the TimeML files from ``../shared/bench/timebank/`` (never copied into the project),
strips the tags of each document's ``<TEXT>``, parses all texts with ``nlp.pipe`` and runs
:func:`toolkit.dates.extract_dates` with the document creation time (DCT) as ``published``.
Scores, as the TempEval-3 scorer does for TIMEX3:

* strict extent match (same characters) and relaxed match (overlap): P / R / F1;
* type and value accuracy over relaxed matches (exact string equality of the attributes);
* value F1 = value accuracy x relaxed F1 (likewise type F1).

Alignment is one-to-one: every gold expression takes the overlapping system expression with
the largest overlap that is still free. Extents are compared after trimming surrounding
whitespace; nothing else is normalised.

Halves (a fixed split, the same in every run): the documents of each subset sorted by file
name, the 1st, 3rd, 5th ... in the *development* half (``dev``: 129 documents, 939 TIMEX3), the
2nd, 4th ... in the *confirmation* half (``confirm``: 127 documents, 883 TIMEX3). Rules are developed on ``dev`` (errors
are printed for it only) and checked on ``confirm``. Every figure measured before this split
existed (value F1 0.801 and earlier) was in-sample: the rules were tuned on all 256 documents.

Usage::

    .venv/bin/python benchmarks/bench_timebank.py [--subset TimeBank|AQUAINT] [--errors 40]
        [--limit N] [--half dev|confirm|both] [--cache /tmp/tb.pickle]

``--errors N`` prints N misses, N spurious expressions and N value errors of the development
half (to guide rules). ``--cache PATH`` keeps the parsed documents (a spaCy ``DocBin``, keyed by
the pipeline and the file names) outside the project and reuses them, which skips the parse;
the extraction time and its fraction of the parse time are then from the stored parse time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from toolkit.dates import extract_dates
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

BENCH = SHARED_DIR / "bench" / "timebank"


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    dct: dt.date
    text: str
    gold: list[Timex] = field(default_factory=list)


def _walk(el: ET.Element, parts: list[str], gold: list[Timex], pos: list[int]) -> None:
    """Append the text of ``el`` (tags removed) to ``parts``, recording TIMEX3 offsets."""
    start = pos[0]
    if el.text:
        parts.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, parts, gold, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if el.tag == "TIMEX3":
        gold.append(Timex(start, pos[0], "", el.get("type", ""), el.get("value", "")))


def read_tml(path: Path) -> TmlDoc:
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        raise ValueError(f"{path.name}: no DCT")
    dct = dt.date.fromisoformat(dct_el.get("value", "")[:10])
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    pos = [0]
    # the TEXT element itself: its text and children, not its tail
    if text_el.text:
        parts.append(text_el.text)
        pos[0] += len(text_el.text)
    for child in text_el:
        _walk(child, parts, gold, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    text = "".join(parts)
    for g in gold:  # trim whitespace inside the tags, as the scorer compares tokens
        while g.start < g.end and text[g.start].isspace():
            g.start += 1
        while g.end > g.start and text[g.end - 1].isspace():
            g.end -= 1
        g.text = text[g.start:g.end]
    gold.sort(key=lambda g: g.start)
    return TmlDoc(path.stem, dct, text, gold)


def load(subsets: list[str], limit: int = 0) -> list[TmlDoc]:
    docs = []
    for sub in subsets:
        for p in sorted((BENCH / sub).glob("*.tml")):
            docs.append(read_tml(p))
    return docs[:limit] if limit else docs


def half_of(docs: list[TmlDoc]) -> dict[str, str]:
    """``{name: "dev" | "confirm"}``: alternate documents of each subset in file-name order."""
    out: dict[str, str] = {}
    for sub in ("TimeBank", "AQUAINT"):
        names = sorted(p.stem for p in (BENCH / sub).glob("*.tml"))
        for i, name in enumerate(names):
            out[name] = "dev" if i % 2 == 0 else "confirm"
    return out


def parse_docs(nlp, docs: list[TmlDoc], cache: Optional[Path]) -> tuple[list, float]:
    """The parsed texts of ``docs`` and the seconds the parse took (stored with a cache)."""
    import hashlib
    import pickle

    from spacy.tokens import DocBin

    from toolkit.models import pipeline_id

    key = hashlib.sha1((pipeline_id(nlp) + "\n" + "\n".join(d.name for d in docs)).encode()).hexdigest()
    if cache is not None and cache.is_file():
        with open(cache, "rb") as fh:
            stored_key, seconds, payload = pickle.load(fh)
        if stored_key == key:
            return list(DocBin().from_bytes(payload).get_docs(nlp.vocab)), seconds
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    seconds = time.perf_counter() - t0
    if cache is not None:
        db = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "LEMMA",
                           "MORPH", "POS", "SENT_START", "SPACY", "NORM"], store_user_data=True)
        for d in parsed:
            db.add(d)
        with open(cache, "wb") as fh:
            pickle.dump((key, seconds, db.to_bytes()), fh)
    return parsed, seconds


def align(gold: list[Timex], syst: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(syst):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_s, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        pairs.append((gold[i], syst[j]))
    return pairs


def prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[TmlDoc], parsed: list, *, errors: int = 0) -> dict:
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    misses, spurious, wrong_val = [], [], []
    by_type: Counter = Counter()
    by_type_ok: Counter = Counter()
    t_extract = 0.0
    for d, doc in zip(docs, parsed):
        t1 = time.perf_counter()
        found = extract_dates(doc, published=d.dct)
        t_extract += time.perf_counter() - t1
        syst = [Timex(x.start_char, x.end_char, x.text, x.type, x.value) for x in found]
        n_gold += len(d.gold)
        n_sys += len(syst)
        pairs = align(d.gold, syst)
        relaxed += len(pairs)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        for g, s in pairs:
            if (g.start, g.end) == (s.start, s.end):
                strict += 1
            type_ok += g.type == s.type
            value_ok += g.value == s.value
            by_type[g.type] += 1
            by_type_ok[g.type] += g.value == s.value
            if g.value != s.value:
                wrong_val.append((d.name, d.dct, g, s))
        misses += [(d.name, d.dct, g, _context(d.text, g)) for g in d.gold if id(g) not in matched_g]
        spurious += [(d.name, d.dct, s, _context(d.text, s)) for s in syst if id(s) not in matched_s]
    sp, sr, sf = prf(strict, n_sys, strict, n_gold)
    rp, rr, rf = prf(relaxed, n_sys, relaxed, n_gold)
    type_acc = type_ok / relaxed if relaxed else 0.0
    value_acc = value_ok / relaxed if relaxed else 0.0
    res = {
        "docs": len(docs), "gold": n_gold, "system": n_sys, "strict_match": strict, "relaxed_match": relaxed,
        "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_acc": type_acc, "value_acc": value_acc, "type_f1": type_acc * rf, "value_f1": value_acc * rf,
        "seconds_extract": t_extract,
        "value_acc_by_type": {k: by_type_ok[k] / by_type[k] for k in sorted(by_type)},
    }
    if errors:
        print(f"\n--- misses ({len(misses)})")
        for name, dct, g, ctx in misses[:errors]:
            print(f"  {name} [{g.type} {g.value}] {g.text!r}  | {ctx}")
        print(f"\n--- spurious ({len(spurious)})")
        for name, dct, s, ctx in spurious[:errors]:
            print(f"  {name} [{s.type} {s.value}] {s.text!r}  | {ctx}")
        print(f"\n--- value errors ({len(wrong_val)})")
        for name, dct, g, s in wrong_val[:errors]:
            print(f"  {name} dct={dct} gold {g.text!r} {g.type} {g.value}  | ours {s.text!r} {s.type} {s.value}")
    return res


def _context(text: str, x: Timex, width: int = 50) -> str:
    a, b = max(0, x.start - width), min(len(text), x.end + width)
    return (text[a:x.start] + "[" + text[x.start:x.end] + "]" + text[x.end:b]).replace("\n", " ")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subset", choices=["TimeBank", "AQUAINT", "all"], default="all")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--half", choices=["dev", "confirm", "both"], default="both",
                    help="score the development half, the confirmation half or both (default)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="file to keep the parsed documents in and reuse (outside the project)")
    args = ap.parse_args()
    if not BENCH.is_dir():
        print(f"TimeBank benchmark data not found: {BENCH} (set TOOLKIT_SHARED_DIR); skipping")
        return 0
    subsets = ["TimeBank", "AQUAINT"] if args.subset == "all" else [args.subset]
    docs = load(subsets, args.limit)
    nlp = load_pipeline()
    parsed, parse_seconds = parse_docs(nlp, docs, args.cache)
    halves = half_of(docs)
    extract_total = 0.0
    for half in (["dev", "confirm"] if args.half == "both" else [args.half]):
        pick = [k for k, d in enumerate(docs) if halves[d.name] == half]
        r = score([docs[k] for k in pick], [parsed[k] for k in pick], errors=args.errors if half == "dev" else 0)
        extract_total += r["seconds_extract"]
        _report(r, f"{'+'.join(subsets)}, {half} half")
    if args.half == "both":
        _report(score(docs, parsed), f"{'+'.join(subsets)}, both halves")
    print(f"\ntime: parse {parse_seconds:.1f} s ({'when the cache was made' if args.cache else 'this run'}), "
          f"extract_dates {extract_total:.2f} s ({extract_total / parse_seconds:.3f} of the parse time)")
    return 0


def _report(r: dict, what: str) -> None:
    print(f"\nTempEval-3-style TIMEX3 scores on {what}: {r['docs']} documents, "
          f"{r['gold']} gold, {r['system']} system expressions")
    print(f"  strict  extent  P {r['strict_p']:.3f}  R {r['strict_r']:.3f}  F1 {r['strict_f1']:.3f}")
    print(f"  relaxed extent  P {r['relaxed_p']:.3f}  R {r['relaxed_r']:.3f}  F1 {r['relaxed_f1']:.3f}")
    print(f"  type  accuracy {r['type_acc']:.3f}   type  F1 {r['type_f1']:.3f}")
    print(f"  value accuracy {r['value_acc']:.3f}   value F1 {r['value_f1']:.3f}")
    print("  value accuracy by gold type: " +
          ", ".join(f"{k} {v:.3f}" for k, v in r["value_acc_by_type"].items()))


if __name__ == "__main__":
    sys.exit(main())
