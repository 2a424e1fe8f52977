"""Guard: list places in the project that share a word 6-gram with the benchmark or corpus texts.

Benchmark and corpus text never goes into the project (see ``../shared/bench/README.md``); a test
pinned to one benchmark sentence is fitting, not testing. This script finds such places: string
literals and comment blocks of Python files (tests, toolkit, benchmarks, tools), comments and long
scalars of the YAML lexicons (scalars of up to 10 words are names and cue phrases, there to match
real text), README and docs, notebook cell sources and the illustrative articles. Words are
normalised (lower case, apostrophes and quotes dropped, punctuation dropped), so re-punctuated or
re-cased copies are found too.

How it stays fast: the n-grams of the PROJECT places are collected first (a small set); the shared
texts are then streamed one document at a time and only looked up in that set, never collected.

Allowed: text that also occurs in the seed articles (``../shared/seeds`` is ours to copy), and
stock phrases and official titles listed in ``ALLOWED_PHRASES`` with a reason each: a match is
reported only when at least ``n`` of its words lie outside every allowed phrase and at least
``MIN_CONTENT`` of those are not function words; an n-gram found in more than ``MAX_DOCS`` shared
documents is a formula, title or name and is not evidence of copying.

Usage::

    python tools/provenance.py            # exit status 1 and one line per match when any is found
    python tools/provenance.py --n 8      # longer n-grams (fewer, surer matches)

Example:
    >>> place = Place("tests/x.py", [("the", 3), ("cat", 3), ("sat", 3), ("on", 3), ("a", 3),
    ...                              ("mat", 3), ("today", 4)])
    >>> hits = find_matches([place], [("bench/doc1", "Yes: the cat sat on a mat today.")], n=6)
    >>> [(h.path, h.line, h.source, h.words) for h in hits]
    [('tests/x.py', 3, 'bench/doc1', 'the cat sat on a mat today')]
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import io
import json
import os
import re
import sys
import time
import tokenize
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("TOOLKIT_SHARED_DIR", PROJECT_DIR.parent / "shared"))

#: Stock phrases and official titles that may be shared with any news or government text.
#: phrase -> one-line reason. Words inside an occurrence of one of these do not count towards a
#: match, so "talks will resume in the near future" is not a match but a long copied sentence that
#: merely contains the phrase still is.
ALLOWED_PHRASES = {
    # stock phrases of news and diplomatic reports
    "in the near future": "stock time phrase",
    "in the coming days": "stock time phrase",
    "at the same time": "stock connective",
    "for the first time": "stock phrase",
    "full scale invasion": "the standard description of 24 February 2022",
    "held a telephone conversation with": "opening formula of every call readout",
    "remain in close contact": "closing formula of call readouts",
    # official titles: a title beside a name ("Turkish President Recep Tayyip Erdogan") is not a passage
    "president": "official title",
    "prime minister": "official title",
    "minister": "official title",
    "secretary of state": "official title",
    "secretary": "official title",
    "spokesman": "official title",
    "spokesperson": "official title",
    "adviser": "official title",
    "director": "official title",
    "ambassador": "official title",
    "speaker": "official title (of a parliament)",
    # credit lines the sources' CC BY 4.0 licence requires us to print
    "official website of the president of ukraine": "attribution required by the licence",
    "president of russia www kremlin ru": "attribution required by the licence",
}

#: An n-gram shared by more distinct benchmark/corpus documents than this is a formula
#: ("in the year of our Lord"), an institution's name or a title, not a passage copied from one
#: text: a copied sentence is found in one document (or in the few that reprint it).
MAX_DOCS = 5

#: Function words (and numerals). A run needs at least ``MIN_CONTENT`` words outside this list: "is a small
#: fraction of the" or "when there are two or more" is ordinary English, not a copied passage.
FUNCTION_WORDS = frozenset("""
    a an the and or but nor so yet if then than that this these those there here
    of in on at by for from to with without into onto over under about after before during since
    until up down out off through between against among around as per via
    is am are was were be been being do does did done have has had having
    will would shall should can could may might must
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    who whom whose which what when where why how all any both each every few more most other some
    such no not only own same too very just also again further once
    one two three four five six seven eight nine ten first second third fourth fifth sixth seventh
    eighth ninth tenth next last
""".split())
MIN_CONTENT = 3

#: Project places scanned, as (glob pattern relative to the project, kind).
PROJECT_GLOBS: Tuple[Tuple[str, str], ...] = (
    ("tests/*.py", "python"),
    ("toolkit/**/*.py", "python"),
    ("benchmarks/*.py", "python"),
    ("tools/*.py", "python"),
    ("toolkit/data/*.yaml", "yaml"),
    ("README.md", "text"),
    ("docs/*.md", "text"),
    ("benchmarks/*.md", "text"),
    ("notebooks/*.ipynb", "notebook"),
    ("data/articles/*", "text"),
)

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same words on ASCII text, about twice as fast
_APOSTROPHES = ("\u2019", "'", "\u2018", "\u02bc")
_SPACES = ("\u2014", "\u2013", "\u201c", "\u201d", "\u2026", "\u2060", "\xa0", "\u2010", "\u2011",
           "\u00ad", "\u200b")


def words(text: str) -> List[str]:
    """The normalised words of ``text``: lower case, apostrophes and curly quotes dropped, no punctuation.

    Example:
        >>> words("Don\u2019t   STOP -- the \u2018talks\u2019! \u010capu\u0165ov\u00e1 said.")
        ['dont', 'stop', 'the', 'talks', '\u010dapu\u0165ov\u00e1', 'said']
    """
    text = text.lower()
    for mark in _APOSTROPHES:  # "don't" -> "dont", "'talks'" -> "talks"
        text = text.replace(mark, "")
    if not text.isascii():
        for mark in _SPACES:
            text = text.replace(mark, " ")
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


@dataclass(frozen=True)
class Place:
    """One scanned unit of project text: a file (or string literal) as (word, line) pairs."""

    path: str
    tokens: Sequence[Tuple[str, object]]


@dataclass(frozen=True)
class Match:
    """A run of project words that also occurs in a shared text."""

    path: str
    line: object
    source: str
    words: str
    n_sources: int


# ---------------------------------------------------------------- reading the project


def _lines_to_tokens(text: str, *, first_line: int = 1, prefix: str = "") -> List[Tuple[str, object]]:
    out: List[Tuple[str, object]] = []
    for k, line in enumerate(text.split("\n")):
        where = f"{prefix}{first_line + k}" if prefix else first_line + k
        out.extend((w, where) for w in words(line))
    return out


def _string_value(token: str) -> str:
    """The text of a Python string token (f-strings and bytes keep their raw inside)."""
    try:
        value = ast.literal_eval(token)
    except (ValueError, SyntaxError):
        value = None
    if isinstance(value, str):
        return value
    body = token.lstrip("rRbBuUfF")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    return body[len(quote):len(body) - len(quote)]


def python_places(path: Path, rel: str) -> List[Place]:
    """String literals and comment blocks of a Python source, one place each.

    Adjacent string pieces (implicit concatenation) form one place, and so do consecutive
    comment lines; every word keeps the line it is on.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "t.py"
        >>> _ = p.write_text('x = ("one two "\\n     "three")  # four five\\n# six\\ny = 1\\n')
        >>> [[w for w, _ in pl.tokens] for pl in python_places(p, "t.py")]
        [['one', 'two', 'three'], ['four', 'five', 'six']]
    """
    places: List[Place] = []
    strings: List[Tuple[str, object]] = []
    comments: List[Tuple[str, object]] = []

    def flush(group):
        if group:
            places.append(Place(rel, list(group)))
            group.clear()

    source = path.read_text(encoding="utf-8")
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.STRING:
                strings.extend(_lines_to_tokens(_string_value(tok.string), first_line=tok.start[0]))
            elif tok.type == tokenize.COMMENT:
                comments.extend(_lines_to_tokens(tok.string, first_line=tok.start[0]))
            elif tok.type not in (tokenize.NL, tokenize.NEWLINE):
                flush(strings)
                flush(comments)
            elif tok.type == tokenize.NEWLINE:
                flush(strings)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return [Place(rel, _lines_to_tokens(source))]
    flush(strings)
    flush(comments)
    return sorted(places, key=lambda pl: pl.tokens[0][1] if pl.tokens else 0)


#: YAML flow punctuation and list markers: each scalar of a lexicon is a place of its own.
_YAML_SPLIT = re.compile(r"[\[\]{},]|:\s|:$|^\s*-\s")


def yaml_places(path: Path, rel: str, *, entry_words: int = 10) -> List[Place]:
    """Comment blocks and scalars of a YAML lexicon, one place each.

    Scalars of at most ``entry_words`` words are lexicon entries (names, titles, cue phrases):
    their job is to match real text, so they are not scanned; longer scalars (descriptions,
    examples) and comments are.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "t.yaml"
        >>> _ = p.write_text("# a note that runs\\n# over two lines\\nk: [Ministry of Defence of Ruritania, b]\\n")
        >>> [[w for w, _ in pl.tokens] for pl in yaml_places(p, "t.yaml")]
        [['a', 'note', 'that', 'runs', 'over', 'two', 'lines']]
    """
    places: List[Place] = []
    comment: List[Tuple[str, object]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), start=1):
        if line.lstrip().startswith("#"):
            body, sep, note = "", "#", line.lstrip()[1:]
        else:
            body, sep, note = line.partition(" #")
        if sep:
            comment.extend((w, number) for w in words(note))
        if body.strip() or not sep:
            if comment:
                places.append(Place(rel, list(comment)))
                comment.clear()
        for piece in _YAML_SPLIT.split(body):
            ws = words(piece)
            if len(ws) > entry_words:
                places.append(Place(rel, [(w, number) for w in ws]))
    if comment:
        places.append(Place(rel, comment))
    return places


def notebook_places(path: Path, rel: str) -> List[Place]:
    """The cell sources of a notebook, one place per cell; lines read ``cell N line M``."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except ValueError as exc:
        raise ValueError(f"{rel}: not a valid notebook ({exc}); fix or remove the file") from None
    places = []
    for k, cell in enumerate(cells, start=1):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        places.append(Place(rel, _lines_to_tokens(src, prefix=f"cell {k} line ")))
    return places


def project_places(project_dir: Path = PROJECT_DIR, *,
                   globs: Sequence[Tuple[str, str]] = PROJECT_GLOBS) -> List[Place]:
    """Every scanned place of the project, in a fixed order.

    Example:
        >>> any(p.path == "README.md" for p in project_places())
        True
    """
    places: List[Place] = []
    seen = set()
    for pattern, kind in globs:
        for path in sorted(project_dir.glob(pattern)):
            if not path.is_file() or path in seen or "__pycache__" in path.parts:
                continue
            seen.add(path)
            rel = path.relative_to(project_dir).as_posix()
            if kind == "python":
                places.extend(python_places(path, rel))
            elif kind == "notebook":
                places.extend(notebook_places(path, rel))
            elif kind == "yaml":
                places.extend(yaml_places(path, rel))
            else:
                places.append(Place(rel, _lines_to_tokens(path.read_text(encoding="utf-8", errors="replace"))))
    return places


# ---------------------------------------------------------------- reading the shared texts


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _jsonl_gz(path: Path, label: str) -> Iterator[Tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield f"{label}#{rec.get('id')}", f"{rec.get('title') or ''}\n{rec.get('text') or ''}"


def shared_texts(shared_dir: Path = SHARED_DIR) -> Iterator[Tuple[str, str]]:
    """(name, text) of every benchmark and corpus document under ``shared_dir``, streamed."""
    bench = shared_dir / "bench"
    for path in sorted((bench / "polnear").rglob("*.txt")):
        yield path.relative_to(shared_dir).as_posix(), _read_text(path)
    for path in sorted((bench / "timebank").rglob("*.tml")):
        yield path.relative_to(shared_dir).as_posix(), re.sub(r"<[^>]*>", " ", _read_text(path))
    for path in sorted(bench.rglob("*.jsonl.gz")):
        yield from _jsonl_gz(path, path.relative_to(shared_dir).as_posix())
    for path in sorted((bench / "gap").glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                yield f"{path.relative_to(shared_dir).as_posix()}#{row.get('ID')}", row.get("Text") or ""
    for path in sorted((shared_dir / "corpus").rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md"):
            yield path.relative_to(shared_dir).as_posix(), _read_text(path)


def seed_texts(shared_dir: Path = SHARED_DIR) -> List[str]:
    """The seed articles: ours to copy, so n-grams they contain are allowed."""
    return [_read_text(p) for p in sorted((shared_dir / "seeds").glob("*")) if p.is_file()]


# ---------------------------------------------------------------- matching


def _ngrams(ws: Sequence[str], n: int) -> Iterator[tuple]:
    return zip(*(ws[k:] for k in range(n)))


def _allowed_mask(ws: Sequence[str], allowed: Iterable[str]) -> List[bool]:
    """True for each word inside an occurrence of an allowed phrase."""
    mask = [False] * len(ws)
    phrases = [tuple(words(p)) for p in allowed]
    by_first = defaultdict(list)
    for ph in phrases:
        if ph:
            by_first[ph[0]].append(ph)
    for i, w in enumerate(ws):
        for ph in by_first.get(w, ()):
            if tuple(ws[i:i + len(ph)]) == ph:
                for j in range(i, i + len(ph)):
                    mask[j] = True
    return mask


def find_matches(places: Sequence[Place], shared: Iterable[Tuple[str, str]], *, n: int = 6,
                 allowed: Iterable[str] = tuple(ALLOWED_PHRASES), seeds: Iterable[str] = (),
                 max_docs: int = MAX_DOCS) -> List[Match]:
    """Runs of at least ``n`` project words that also occur in a shared text.

    Args:
        places: the project places (``project_places()``).
        shared: (name, text) pairs streamed once (``shared_texts()``).
        n: n-gram length in words.
        allowed: stock phrases; words inside them do not count towards the ``n`` words a match needs.
        seeds: texts that are ours (their n-grams are never reported).
        max_docs: an n-gram found in more shared documents than this is a formula, title or name
            (the same words recur across many unrelated texts), not a copied passage.

    Returns:
        One ``Match`` per maximal run of shared n-grams in a place, in project order.

    Example:
        >>> p = Place("a.md", [(w, 1) for w in words("we will meet in the near future again")])
        >>> find_matches([p], [("s", "They will meet in the near future again.")], n=6)
        []
    """
    seed_grams = set()
    for text in seeds:
        seed_grams.update(_ngrams(words(text), n))
    index = defaultdict(list)  # n-gram -> [(place index, start)]
    for pi, place in enumerate(places):
        ws = [w for w, _ in place.tokens]
        for start, gram in enumerate(_ngrams(ws, n)):
            if gram not in seed_grams:
                index[gram].append((pi, start))
    keys = index.keys()
    docs = defaultdict(list)  # n-gram -> names of the shared documents holding it (capped)
    df = defaultdict(int)     # n-gram -> number of shared documents holding it
    for name, text in shared:
        for gram in keys & _ngrams(words(text), n):
            df[gram] += 1
            if len(docs[gram]) < 50:
                docs[gram].append(name)
    sources = defaultdict(lambda: defaultdict(int))  # (place, start) -> source -> count
    for gram, names in docs.items():
        if df[gram] > max_docs:
            continue
        for loc in index[gram]:
            for name in names:
                sources[loc][name] += 1
    return _runs(places, sources, n=n, allowed=tuple(allowed))


def _runs(places, sources, *, n, allowed) -> List[Match]:
    """Merge shared n-gram starts into word runs; drop runs of stock phrases and function words."""
    by_place = defaultdict(list)
    for pi, start in sources:
        by_place[pi].append(start)
    out: List[Match] = []
    for pi in sorted(by_place):
        place = places[pi]
        ws = [w for w, _ in place.tokens]
        mask = _allowed_mask(ws, allowed)
        starts = sorted(by_place[pi])
        run = [starts[0]]
        for s in starts[1:] + [None]:
            if s is not None and s <= run[-1] + 1:
                run.append(s)
                continue
            lo, hi = run[0], run[-1] + n
            free = [w for w, m in zip(ws[lo:hi], mask[lo:hi]) if not m]
            if len(free) >= n and sum(w not in FUNCTION_WORDS and not w.isdigit() for w in free) >= MIN_CONTENT:
                counts = defaultdict(int)
                for st in run:
                    for name, c in sources[(pi, st)].items():
                        counts[name] += c
                best = min(counts, key=lambda k: (-counts[k], k))
                out.append(Match(place.path, place.tokens[lo][1], best, " ".join(ws[lo:hi]), len(counts)))
            run = [s]
    return out


# ---------------------------------------------------------------- command line


def scan(*, project_dir: Path = PROJECT_DIR, shared_dir: Path = SHARED_DIR, n: int = 6) -> List[Match]:
    """Every match between the project and the shared texts (seeds and stock phrases allowed).

    Raises:
        FileNotFoundError: ``shared_dir/bench`` is missing (set ``TOOLKIT_SHARED_DIR``).

    Example:
        >>> scan()  # doctest: +SKIP
        []
    """
    if not (shared_dir / "bench").is_dir():
        raise FileNotFoundError(f"benchmark texts not found at {shared_dir / 'bench'} "
                                f"(set TOOLKIT_SHARED_DIR to the folder holding bench/ and corpus/)")
    return find_matches(project_places(project_dir), shared_texts(shared_dir), n=n,
                        seeds=seed_texts(shared_dir))


def format_match(m: Match) -> str:
    """One report line: ``file:line  source  [k more]  "matched words"``."""
    more = f" (+{m.n_sources - 1} more)" if m.n_sources > 1 else ""
    return f'{m.path}:{m.line}  {m.source}{more}  "{m.words}"'


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=6, help="n-gram length in words (default 6)")
    parser.add_argument("--shared", type=Path, default=SHARED_DIR, help=f"shared folder (default {SHARED_DIR})")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        matches = scan(shared_dir=args.shared, n=args.n)
    except FileNotFoundError as exc:
        print(f"provenance: {exc}", file=sys.stderr)
        return 2
    for m in matches:
        print(format_match(m))
    per_file = defaultdict(int)
    for m in matches:
        per_file[m.path] += 1
    for path, count in sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{count:4d}  {path}", file=sys.stderr)
    print(f"provenance: {len(matches)} place(s) share a {args.n}-word run with benchmark/corpus texts "
          f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 1 if matches else 0


if __name__ == "__main__":
    sys.exit(main())
