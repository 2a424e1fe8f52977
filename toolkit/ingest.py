"""Reading articles from files: plain text or Markdown with an optional front-matter header.

A header is a block of ``key: value`` lines between two ``---`` lines at the top of the
file (``title``, ``source``, ``url``, ``published`` are used; other keys are kept in
``meta``). The body is the text after the closing ``---`` line and its newline, so
character offsets in every table refer to the body exactly.
"""

from __future__ import annotations

import glob as _glob
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

SUFFIXES = (".txt", ".md")
PathLike = Union[str, Path]


@dataclass(frozen=True)
class ArticleInput:
    """One article before parsing: its body text and what the header says of it."""

    text: str
    article_id: str
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    path: Optional[str] = None
    meta: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read, with the reason (never dropped silently)."""

    path: str
    article_id: Optional[str]
    stage: str
    reason: str


def text_id(text: str) -> str:
    """A short, stable id for a text without a file name (first 12 hex digits of SHA-1)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def split_front_matter(raw: str, *, path: str = "<text>") -> tuple[dict, str]:
    """Split a front-matter header from the body.

    Args:
        raw: the whole file content.
        path: used in error messages.

    Returns:
        ``(header, body)``; ``header`` is empty when the text has none.

    Raises:
        ValueError: the header opens with ``---`` but never closes, or a header line is
            not ``key: value``.

    Example:
        >>> split_front_matter("---\\ntitle: Talks\\n---\\nBody.")
        ({'title': 'Talks'}, 'Body.')
    """
    text = raw[1:] if raw.startswith("\ufeff") else raw
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    header: dict = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return header, "\n".join(lines[i + 1 :])
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            raise ValueError(
                f"{path}: malformed front matter at line {i + 1}: expected 'key: value', got {line!r}"
            )
        header[key.strip().lower()] = value.strip().strip('"').strip("'")
    raise ValueError(f"{path}: front matter opened with '---' on line 1 but never closed with '---'")


def read_article(path: PathLike, *, encoding: str = "utf-8") -> ArticleInput:
    """Read one ``.txt``/``.md`` article, with or without a front-matter header.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the file is empty, not valid text in ``encoding``, or its header is malformed.

    Example:
        >>> art = read_article("data/articles/000_a191f6331583f074.txt")  # doctest: +SKIP
        >>> art.article_id
        '000_a191f6331583f074'
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    try:
        raw = p.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{p}: not valid {encoding} text ({exc.reason} at byte {exc.start})") from exc
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_front_matter(raw, path=str(p))
    if not body.strip():
        raise ValueError(f"{p}: the article body is empty")
    return ArticleInput(
        text=body,
        article_id=p.stem,
        title=header.get("title") or None,
        source=header.get("source") or None,
        url=header.get("url") or None,
        published=header.get("published") or None,
        path=str(p),
        meta={k: v for k, v in header.items() if k not in {"title", "source", "url", "published"}},
    )


def expand_paths(inputs: Union[PathLike, Iterable[PathLike]]) -> list[Path]:
    """Folders, glob patterns and file paths to a sorted, de-duplicated list of files."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    found: list[Path] = []
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            found.extend(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in SUFFIXES)
        elif any(ch in s for ch in "*?["):
            found.extend(Path(q) for q in _glob.glob(s, recursive=True) if Path(q).is_file())
        else:
            found.append(p)  # missing files become error rows in read_articles
    seen: dict[str, Path] = {}
    for p in found:
        seen.setdefault(str(p.resolve()), p)
    return sorted(seen.values(), key=lambda q: (q.name, str(q)))


def iter_articles(inputs) -> Iterator[Union[ArticleInput, ReadError]]:
    """Yield an :class:`ArticleInput` or a :class:`ReadError` for every input file."""
    for p in expand_paths(inputs):
        try:
            yield read_article(p)
        except (OSError, ValueError) as exc:
            yield ReadError(path=str(p), article_id=p.stem, stage="read", reason=str(exc))


def read_articles(inputs) -> list[ArticleInput]:
    """Read every article of a folder, glob pattern or list of paths.

    Raises:
        ValueError: any input could not be read (the message lists each file and why).
            Use :func:`iter_articles` or :func:`toolkit.parse_many` to keep going and get
            error rows instead.

    Example:
        >>> arts = read_articles("data/articles")  # doctest: +SKIP
    """
    arts, errors = [], []
    for item in iter_articles(inputs):
        (errors if isinstance(item, ReadError) else arts).append(item)
    if errors:
        raise ValueError("could not read: " + "; ".join(e.reason for e in errors))
    if not arts:
        raise ValueError(f"no .txt or .md articles found in {inputs!r}")
    return arts
