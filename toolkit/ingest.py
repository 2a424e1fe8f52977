"""Reading articles from files of any common shape, and reporting every input that fails.

Formats (mixed freely in one call; see :mod:`toolkit.formats`):

* ``.txt`` / ``.md`` with or without a front-matter header: a block of ``key: value`` lines
  between two ``---`` lines at the top (``title``, ``source``, ``url``, ``published`` are
  used, and ``author`` or ``byline`` for :attr:`ArticleInput.author`; other keys are kept in
  ``meta``). The body is the text after the closing ``---``
  line and its newline, so character offsets in every table refer to the body exactly;
* saved web pages ``.html`` / ``.htm`` (main text, title, author: trafilatura; date: htmldate);
* ``.json`` (one object or a list), ``.jsonl`` and ``.csv`` / ``.tsv``, with field names
  set by ``fields=`` (defaults in :data:`toolkit.formats.DEFAULT_FIELDS`);
* RSS/Atom feeds ``.xml`` / ``.rss`` / ``.atom``, one article per entry;
* folders (their files with the suffixes above, hidden files skipped) and glob patterns
  (every matching file; an unknown suffix is sniffed from the content).

One file can give many articles: their ``article_id`` is the record's id field, else the
file stem, ``:`` and the 1-based record number (line number for JSON Lines).

Every input ends as an :class:`ArticleInput` or a :class:`ReadError` (with a
:class:`ArticleWarning`), at one of the :data:`STAGES`. The checks, in order: the file can be
read and is text (binary files, encodings: UTF-8, UTF-8 with BOM, UTF-16/32 with BOM, then
cp1252/latin-1 when the result looks like Western-European text; mixed UTF-8 and cp1252 is
decoded part by part with a warning), the format parses, the body is not empty, it has at
most ``max_chars`` characters (:data:`MAX_CHARS`), the publication date is a real date, the
text is English (a stopword-ratio test on the first :data:`LANGUAGE_SAMPLE` characters,
lexicon in ``toolkit/data/languages.yaml``), and it is not a duplicate of an earlier article
of the same call (same text up to whitespace: the first is kept).

Example:
    >>> for item in iter_articles("data/articles"):  # doctest: +SKIP
    ...     print(item.article_id, getattr(item, "reason", "ok"))
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import glob as _glob
import hashlib
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from . import formats
from .formats import FieldsLike, FormatError, Record, split_front_matter  # noqa: F401 - re-exported

#: Longest article body accepted, in characters (about 300,000 words); ``max_chars=`` overrides it.
MAX_CHARS = 2_000_000
#: Largest file read at all, in bytes (a feed or JSON file can hold many articles).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Characters at the start of an article looked at by the language check.
LANGUAGE_SAMPLE = 2000

#: What each ``ReadError.stage`` means.
STAGES = {
    "read": "the file is missing or cannot be opened (or a folder/pattern found no file)",
    "binary": "the file is not text (NUL or control bytes, a PDF, image or archive)",
    "encoding": "the bytes are not UTF-8 and no other encoding fits confidently",
    "format": "the header, JSON, CSV or feed is malformed, or a record has no text field",
    "empty": "the body is empty or whitespace only",
    "no_body": "a web page without an article body",
    "size": "over the size limit (max_chars, MAX_FILE_BYTES)",
    "date": "the publication date cannot be read or is not a real date",
    "language": "the text is not English",
    "duplicate": "the same text as an earlier input of the batch (the first one is kept)",
}

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
#: Suffixes read from folders (explicit paths and glob matches are read whatever their suffix).
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + FEED_SUFFIXES
PathLike = Union[str, Path]

_LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian",
                   "pt": "Portuguese", "nl": "Dutch", "tr": "Turkish", "pl": "Polish"}
_WORD = re.compile(r"[^\W\d_]+")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%A, %B %d, %Y",
                 "%a, %b %d, %Y", "%A %d %B %Y", "%Y/%m/%d", "%d.%m.%Y", "%B %Y")


class ArticleWarning(UserWarning):
    """Warned for every input that becomes an error row, and for repaired encodings."""


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
    #: The writer(s), "A and B" (front matter ``author``/``byline``, a web page's or feed
    #: entry's author); the writer's own "I"/"we" are theirs (see :func:`normalise_author`).
    author: Optional[str] = None


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


def _text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- checks


def iso_date(value: str, *, what: str = "published") -> Optional[dt.date]:
    """The date of an ISO 8601 string (``2025-05-30``, optionally with a time), else ``None``.

    The one ISO rule of the toolkit, shared by :func:`toolkit.parse_published` and
    :func:`normalise_published`.

    Raises:
        ValueError: ISO-shaped but not a real calendar date, such as ``2025-02-30``.
    """
    m = _ISO.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"{what}={value!r} is not a real calendar date ({exc})") from None


#: Words a byline starts with or ends on that are no part of a name ("By", "Opinion by").
_BYLINE_PREFIX = re.compile(r"^\s*(?:(?:opinion|analysis|column|commentary|story|words|text)\s+)?by\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|&|\||,\s*and\s+|\s+and\s+)\s*")


def normalise_author(value) -> Optional[str]:
    """A byline as the writer's name, several writers joined with " and " in their order.

    A leading "By" goes; "A, B and C", "A; B" (a web page's authors) and "A & B" become
    "A and B and C" (commas split only full names: "Doe, Jane" and "Jane Doe, Reuters" stay
    as they are). Parts that are no name (an e-mail address, a URL) are dropped.

    Example:
        >>> normalise_author("By Jane Doe and John Roe"), normalise_author("Jane Doe; John Roe")
        ('Jane Doe and John Roe', 'Jane Doe and John Roe')
    """
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value if v)
    if not isinstance(value, str) or not value.strip():
        return None
    s = _BYLINE_PREFIX.sub("", " ".join(value.split()))
    parts = []
    for part in _AUTHOR_SPLIT.split(s):
        pieces = part.split(",")
        parts += pieces if len(pieces) > 1 and all(len(x.split()) >= 2 for x in pieces) else [part]
    parts = [p.strip(" .") for p in parts]
    parts = [p for p in parts if p and "@" not in p and "://" not in p and any(ch.isalpha() for ch in p)]
    out: list[str] = []
    for p in parts:
        if p not in out:
            out.append(p)
    return " and ".join(out) or None


def normalise_published(value: Optional[str], *, what: str = "published") -> Optional[str]:
    """A publication date from a header or record as an ISO ``YYYY-MM-DD`` string.

    ISO 8601 follows :func:`toolkit.parse_published` (same rule, same messages); RFC 822
    dates (feeds, e-mail) and spelled-out English dates ("May 30, 2025") are read too.

    Raises:
        ValueError: an unreadable or impossible date such as ``2025-02-30``.

    Example:
        >>> normalise_published("Fri, 30 May 2025 09:15:00 +0000"), normalise_published("May 30, 2025")
        ('2025-05-30', '2025-05-30')
    """
    if value is None or not str(value).strip():
        return None
    s = " ".join(str(value).split())
    iso = iso_date(s, what=what)
    if iso is not None:
        return iso.isoformat()
    try:
        parsed = email.utils.parsedate_to_datetime(s)
        if parsed is not None:
            return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"{what}={value!r} is not a date this toolkit can read; use ISO 8601 such as '2025-05-30'")


@functools.lru_cache(maxsize=1)
def _language_lexicon() -> tuple[float, float, int, dict]:
    from .paths import LEXICON_DIR
    from .yamlfiles import read_mapping

    data = read_mapping(LEXICON_DIR / "languages.yaml", what="language")
    words = {lang: frozenset(str(w).lower() for w in ws) for lang, ws in data["stopwords"].items()}
    return (float(data.get("min_english_ratio", 0.15)), float(data.get("min_english_ratio_unknown", 0.05)),
            int(data.get("min_words", 12)), words)


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "Latin"
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0].title()


def detect_language(text: str) -> Optional[str]:
    """Why ``text`` is not English, or ``None`` when it is (or too short to tell).

    Looks at the first :data:`LANGUAGE_SAMPLE` characters: mostly letters of a non-Latin
    script, or too few English stopwords among at least ``min_words`` words (thresholds and
    word lists in ``toolkit/data/languages.yaml``). Fast: no model, one pass over 2000 characters.

    Example:
        >>> detect_language("Peskov said the talks would resume on Monday in Istanbul.") is None
        True
        >>> detect_language("Les négociations ont repris lundi à Istanbul, selon le Kremlin, "
        ...                 "et les deux délégations se sont dites prêtes à un échange de prisonniers.")
        'not English: looks like French (43% of the first 23 words are French stopwords, 0% English)'
    """
    sample = text[:LANGUAGE_SAMPLE]
    scripts = Counter(_script(ch) for ch in sample if ch.isalpha())
    letters = sum(scripts.values())
    if not letters:
        return None
    other = letters - scripts.get("Latin", 0)
    if other > 0.5 * letters and other >= 5:
        top, n = max(((s, c) for s, c in scripts.items() if s != "Latin"), key=lambda sc: (sc[1], sc[0]))
        return f"not English: {n / letters:.0%} of its letters are in {top} script"
    min_ratio, min_unknown, min_words, lexicon = _language_lexicon()
    words = _WORD.findall(sample.lower())
    if len(words) < min_words:
        return None
    ratios = {lang: sum(1 for w in words if w in ws) / len(words) for lang, ws in lexicon.items()}
    en = ratios.get("en", 0.0)
    if en >= min_ratio:
        return None
    best = max((lang for lang in ratios if lang != "en"), key=lambda k: (ratios[k], k), default=None)
    if best and ratios[best] > en and ratios[best] >= min_ratio:
        name = _LANGUAGE_NAMES.get(best, best)
        return (f"not English: looks like {name} ({ratios[best]:.0%} of the first {len(words)} words are "
                f"{name} stopwords, {en:.0%} English)")
    if en < min_unknown:  # no listed language fits either: another language, or gibberish
        return f"not English: only {en:.0%} of its first {len(words)} words are common English words"
    return None  # few stopwords but no other language: lists of names, tables, headlines


# --------------------------------------------------------------------------- paths


def expand_paths(inputs: Union[PathLike, Iterable[PathLike]]) -> list[Path]:
    """Folders, glob patterns and file paths to a sorted, de-duplicated list of paths.

    A folder gives its files with a known suffix (:data:`SUFFIXES`, hidden files skipped);
    a pattern gives every file it matches. A missing path, a pattern matching nothing and a
    folder without article files are kept as they are, so that they become error rows.

    Example:
        >>> [p.name for p in expand_paths("data/articles")][:1]  # doctest: +SKIP
        ['000_a191f6331583f074.txt']
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    found: list[Path] = []
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            files = [q for q in p.iterdir() if q.is_file() and not q.name.startswith(".")
                     and q.suffix.lower() in SUFFIXES]
            found.extend(files or [p])
        elif not p.exists() and any(ch in s for ch in "*?["):
            matches = [Path(q) for q in _glob.glob(s, recursive=True) if Path(q).is_file()]
            found.extend(matches or [p])
        else:
            found.append(p)  # missing files become error rows in iter_articles
    seen: dict[str, Path] = {}
    for p in found:
        seen.setdefault(str(p.resolve()) + ("/" if p.is_dir() else ""), p)
    return sorted(seen.values(), key=lambda q: (q.name, str(q)))


# --------------------------------------------------------------------------- reading


def _kind(suffix: str) -> Optional[str]:
    suffix = suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("json", JSON_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        if any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf")):
            return "feed"
    if head.startswith("<!doctype html") or head.startswith("<html") or (head.startswith("<") and "<body" in head):
        return "html"
    if head.startswith("[") or (head.startswith("{") and "\n{" not in text.strip()[:200_000]):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _records(p: Path, data: bytes, *, kind: Optional[str], fields: FieldsLike,
             encoding: Optional[str]) -> tuple[list[Record], str, Optional[str]]:
    """Decode and split one file into records; returns ``(records, kind, encoding note)``."""
    where = str(p)
    if encoding:
        try:
            text, note = data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n"), None
        except (UnicodeDecodeError, LookupError) as exc:
            raise FormatError("encoding", f"{where}: not valid {encoding} text ({exc})") from None
    else:
        declared = formats.declared_charset(data) if kind in (None, "html", "feed") else None
        try:
            text, _enc, note = formats.decode_bytes(data, declared=declared)
        except FormatError as exc:
            raise FormatError(exc.stage, f"{where}: {exc.reason}") from None
    if not text.strip():
        raise FormatError("empty", f"{where}: the file is empty" if not text else f"{where}: the file holds only whitespace")
    kind = kind or _sniff(text)
    if kind == "feed":  # decoded here (BOMs, UTF-16, cp1252), handed to feedparser as UTF-8
        text = re.sub(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""", r"\1", text, count=1)
        return formats.read_feed(text.encode("utf-8"), path=where), kind, note
    if kind == "html":
        return [formats.read_html(text, path=where)], kind, note
    if kind == "json":
        return formats.read_json(text, fields=fields, path=where), kind, note
    if kind == "jsonl":
        return formats.read_jsonl(text, fields=fields, path=where), kind, note
    if kind == "csv":
        return formats.read_csv(text, fields=fields, path=where, suffix=p.suffix.lower()), kind, note
    return [formats.read_text(text, path=where)], kind, note


class _Batch:
    """What one call has seen: text hashes (duplicates) and article ids (kept unique)."""

    def __init__(self):
        self.texts: dict[str, str] = {}
        self.ids: set[str] = set()

    def unique_id(self, aid: str) -> str:
        out, n = aid, 1
        while out in self.ids:
            n += 1
            out = f"{aid}~{n}"
        self.ids.add(out)
        return out


def _error(path: str, article_id: Optional[str], stage: str, reason: str) -> ReadError:
    warnings.warn(reason, ArticleWarning, stacklevel=3)
    return ReadError(path=path, article_id=article_id, stage=stage, reason=reason)


def _clean(value: Optional[str]) -> Optional[str]:
    if not isinstance(value, str):
        return value
    return " ".join(value.split()) or None


def _check(rec: Record, *, p: Path, kind: str, batch: _Batch, max_chars: int,
           check_language: bool, note: Optional[str]) -> Union[ArticleInput, ReadError]:
    label = f"{p}" if rec.index is None else (f"{p} line {rec.index}" if kind == "jsonl" else f"{p} #{rec.index}")
    if rec.id:
        aid = rec.id
    elif rec.index is not None:
        aid = f"{p.stem}:{rec.index}"
    else:
        aid = p.stem
    aid = batch.unique_id(aid)
    if rec.error:
        return _error(str(p), aid, rec.error[0], rec.error[1])
    text = rec.text or ""
    if not text.strip():
        return _error(str(p), aid, "empty", f"{label}: the article body is empty")
    if len(text) > max_chars:
        return _error(str(p), aid, "size", f"{label}: the article has {len(text):,} characters, over the limit "
                                           f"of {max_chars:,} (max_chars=)")
    try:
        published = normalise_published(rec.published, what=f"{label}: published")
    except ValueError as exc:
        return _error(str(p), aid, "date", str(exc))
    if check_language:
        why = detect_language(text)
        if why:
            return _error(str(p), aid, "language", f"{label}: {why}")
    key = _text_key(text)
    first = batch.texts.get(key)
    if first is not None:
        return _error(str(p), aid, "duplicate", f"{label}: duplicate of {first}")
    batch.texts[key] = label
    meta = dict(rec.meta)
    if kind != "text":
        meta["format"] = kind
    if note:
        meta["encoding_note"] = note
    if published and rec.published and published != str(rec.published).strip():
        meta["published_raw"] = rec.published
    author = normalise_author(meta.get("author") or meta.get("byline"))
    return ArticleInput(text=text, article_id=aid, title=_clean(rec.title), source=_clean(rec.source),
                        url=_clean(rec.url), published=published, path=str(p), meta=meta, author=author)


def _read_path(p: Path, *, fields: FieldsLike, max_chars: int, check_language: bool, batch: _Batch,
               encoding: Optional[str] = None) -> Iterator[Union[ArticleInput, ReadError]]:
    where = str(p)
    if p.is_dir():
        yield _error(where, None, "read", f"{where}: the folder holds no article files "
                                          f"({', '.join(SUFFIXES)})")
        return
    if not p.is_file():
        what = "no file matches this pattern" if any(ch in where for ch in "*?[") else "no such file"
        yield _error(where, batch.unique_id(p.stem), "read", f"{where}: {what}")
        return
    kind = _kind(p.suffix)
    try:
        size = p.stat().st_size
        limit = 4 * max_chars + 4096 if kind == "text" else MAX_FILE_BYTES
        if size > limit:
            raise FormatError("size", f"{where}: the file has {size:,} bytes, over the limit of {limit:,} "
                                      f"({'max_chars=' if kind == 'text' else 'MAX_FILE_BYTES'})")
        data = p.read_bytes()
        records, kind, note = _records(p, data, kind=kind, fields=fields, encoding=encoding)
    except FormatError as exc:
        yield _error(where, batch.unique_id(p.stem), exc.stage, exc.reason if where in exc.reason else f"{where}: {exc.reason}")
        return
    except OSError as exc:
        yield _error(where, batch.unique_id(p.stem), "read", f"{where}: cannot be read ({exc.strerror or exc})")
        return
    except RecursionError:
        yield _error(where, batch.unique_id(p.stem), "format", f"{where}: nested too deeply to read")
        return
    if note:
        warnings.warn(f"{where}: {note}", ArticleWarning, stacklevel=3)
    for rec in records:
        yield _check(rec, p=p, kind=kind, batch=batch, max_chars=max_chars,
                     check_language=check_language, note=note)


def iter_articles(inputs, *, fields: FieldsLike = None, max_chars: int = MAX_CHARS,
                  check_language: bool = True) -> Iterator[Union[ArticleInput, ReadError]]:
    """Yield an :class:`ArticleInput` or a :class:`ReadError` for every article of the inputs.

    Nothing is lost: each file (or each record of a many-article file) gives exactly one
    item, and each :class:`ReadError` is also warned as an :class:`ArticleWarning`.

    Args:
        inputs: a folder, a glob pattern, a path, or a list of them (formats mixed).
        fields: JSON/CSV field names, e.g. ``{"text": "body", "published": "pub_date"}``;
            a name or a list of names per attribute (``text``, ``title``, ``published``,
            ``source``, ``url``, ``id``), replacing :data:`toolkit.formats.DEFAULT_FIELDS`.
        max_chars: longest body accepted (characters); longer articles are error rows.
        check_language: report non-English texts (stage ``"language"``) instead of yielding them.

    Raises:
        ValueError: ``fields`` names an unknown attribute.

    Example:
        >>> items = list(iter_articles(["news/", "feeds/*.rss"], fields={"text": "body"}))  # doctest: +SKIP
        >>> [i.reason for i in items if isinstance(i, ReadError)]  # doctest: +SKIP
    """
    resolved = formats.resolve_fields(fields)
    batch = _Batch()
    for p in expand_paths(inputs):
        yield from _read_path(p, fields=resolved, max_chars=max_chars, check_language=check_language, batch=batch)


def read_article(path: PathLike, *, encoding: Optional[str] = None, fields: FieldsLike = None,
                 max_chars: int = MAX_CHARS, check_language: bool = True) -> ArticleInput:
    """Read one article from a file of any supported format.

    Args:
        path: the file.
        encoding: decode with this codec only (default: detect, see :mod:`toolkit.ingest`).
        fields, max_chars, check_language: as for :func:`iter_articles`.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the file cannot be read as one article (the message names the file and
            the problem), or it holds several articles (use :func:`read_articles`).

    Example:
        >>> art = read_article("data/articles/000_a191f6331583f074.txt")  # doctest: +SKIP
        >>> art.article_id  # doctest: +SKIP
        '000_a191f6331583f074'
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        items = list(_read_path(p, fields=formats.resolve_fields(fields), max_chars=max_chars,
                                check_language=check_language, batch=_Batch(), encoding=encoding))
    errors = [i for i in items if isinstance(i, ReadError)]
    if errors:
        raise ValueError("; ".join(e.reason for e in errors))
    if len(items) != 1:
        raise ValueError(f"{p}: holds {len(items)} articles; use read_articles() or iter_articles()")
    return items[0]


def read_articles(inputs, *, fields: FieldsLike = None, max_chars: int = MAX_CHARS,
                  check_language: bool = True) -> list[ArticleInput]:
    """Read every article of a folder, glob pattern or list of paths.

    Raises:
        ValueError: any input could not be read (the message lists each file and why).
            Use :func:`iter_articles` or :func:`toolkit.parse_many` to keep going and get
            error rows instead.

    Example:
        >>> arts = read_articles("data/articles")  # doctest: +SKIP
    """
    arts, errors = [], []
    for item in iter_articles(inputs, fields=fields, max_chars=max_chars, check_language=check_language):
        (errors if isinstance(item, ReadError) else arts).append(item)
    if errors:
        raise ValueError("could not read: " + "; ".join(e.reason for e in errors))
    if not arts:
        raise ValueError(f"no articles found in {inputs!r} (suffixes read from folders: {', '.join(SUFFIXES)})")
    return arts
