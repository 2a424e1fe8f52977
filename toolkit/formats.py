"""Readers for each input format: bytes or text in, plain :class:`Record` objects out.

:mod:`toolkit.ingest` picks the reader from the file suffix, runs the checks common to every
article (empty, size, date, language, duplicates) and turns records into ``ArticleInput``
objects. Readers never raise for one bad record of a many-record file: the record carries an
``error`` instead, so every input ends as an article or an error row.

Formats:
    * text (``.txt``, ``.md``): optional front-matter header, see :func:`split_front_matter`;
    * saved web pages (``.html``, ``.htm``): main text, title, author with trafilatura,
      publication date with htmldate (both offline);
    * ``.json`` (one object, a list, or an object holding one list), ``.jsonl`` and
      ``.csv``/``.tsv`` with configurable field names (:data:`DEFAULT_FIELDS`);
    * RSS/Atom feeds (``.xml``, ``.rss``, ``.atom``) with feedparser, one record per entry.

Example:
    >>> recs = read_json('[{"body": "Talks resumed.", "headline": "Talks"}]', fields=None)
    >>> recs[0].text, recs[0].title, recs[0].index
    ('Talks resumed.', 'Talks', 1)
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Iterable, Mapping, Optional, Union

#: Field names tried, in order, for each article attribute of a JSON/CSV record
#: (case-insensitive; a dotted name such as ``source.name`` reads a nested object).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext", "story"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publishedat", "pubdate", "date_published",
                  "publish_date", "datetime", "time", "created_at"),
    "source": ("source", "publisher", "outlet", "site_name", "sitename", "source.name"),
    "url": ("url", "link", "source_url", "href"),
    "id": ("id", "article_id", "uid", "guid", "doc_id"),
}

#: Words of visible text a web page needs before it counts as having an article body.
MIN_HTML_WORDS = 10

FieldsLike = Optional[Mapping[str, Union[str, Iterable[str]]]]


class FormatError(ValueError):
    """A whole input could not be read; ``stage`` says at which step (see ``ingest.STAGES``)."""

    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


@dataclass
class Record:
    """One article as a reader found it, before the common checks.

    ``index`` is the 1-based position in a many-record file (``None`` for a one-article file);
    ``error`` is ``(stage, reason)`` when this record alone could not be read.
    """

    text: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    id: Optional[str] = None
    index: Optional[int] = None
    meta: dict = field(default_factory=dict)
    error: Optional[tuple[str, str]] = None


# --------------------------------------------------------------------------- bytes to text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .epub...)"),
    (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "a legacy MS Office document"),
    (b"\x7fELF", "an executable"), (b"SQLite format 3", "an SQLite database"),
    (b"BZh91AY", "a bzip2 archive"), (b"\xfd7zXZ", "an xz archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
)
#: Share of control characters (other than tab, newline, form feed) above which a file is binary.
MAX_CONTROL_RATIO = 0.05
_SAMPLE = 65536
# Non-ASCII characters that plausibly occur in Western-European text saved as cp1252/latin-1.
_PLAUSIBLE_PUNCT = set("\u2019\u2018\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u00a3\u00a5\u00a9\u00ae"
                       "\u00b0\u00a7\u00ab\u00bb\u00b7\u00a0\u00bf\u00a1\u00b2\u00b3\u00bd\u00bc\u00be\u00b4"
                       "\u2122\u00b5\u00ba\u00aa\u00b1\u00d7\u2020")
_MOJIBAKE = re.compile("(?:\u00c3[\u0080-\u00bf\u0160\u0161\u017d\u017e\u0152\u0153\u0178\u2018-\u201e\u2020-\u2026\u2030\u2039\u203a\u20ac\u2122]"
                       "|\u00e2\u20ac[\u2122\u0153\u009d\u02dc\u201c\u201d\u00a6\u00a2\u00a0]|\u00c2[\u00a0-\u00bf])")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v\x1b"


def binary_reason(data: bytes) -> Optional[str]:
    """Why ``data`` looks like a binary file rather than text, or ``None``.

    Example:
        >>> binary_reason(b"%PDF-1.7 ...")
        'looks like a PDF document, not text'
        >>> binary_reason("Plain text.".encode()) is None
        True
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"looks like {what}, not text"
    sample = data[:_SAMPLE]
    if not sample:
        return None
    nul = sample.count(0)
    if nul and nul / len(sample) > 0.01:
        return f"looks like a binary file ({nul / len(sample):.0%} NUL bytes in the first {len(sample):,} bytes)"
    ctrl = sum(1 for b in sample if (b < 32 and b not in (9, 10, 12, 13, 11, 27)) or b == 127)
    if ctrl / len(sample) > MAX_CONTROL_RATIO:
        return f"looks like a binary file ({ctrl / len(sample):.0%} control bytes in the first {len(sample):,} bytes)"
    return None


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if z_odd > 0.3 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.3 and z_odd < 0.05:
        return "utf-16-be"
    return None


def _plausible(ch: str) -> bool:
    return ch in _PLAUSIBLE_PUNCT or unicodedata.category(ch).startswith("L")


def _fallback_decode(data: bytes) -> tuple[str, list[str], bool]:
    """UTF-8 where valid, cp1252 (else latin-1) for each invalid byte.

    Returns the text, the characters the fallback gave, and whether valid non-ASCII UTF-8
    was seen too (a file of mixed encodings).
    """
    out: list[str] = []
    fallback: list[str] = []
    utf8_seen = False
    pos = 0
    while True:
        try:
            part = data[pos:].decode("utf-8")
            out.append(part)
            utf8_seen = utf8_seen or not part.isascii()
            break
        except UnicodeDecodeError as exc:
            part = data[pos : pos + exc.start].decode("utf-8")
            out.append(part)
            utf8_seen = utf8_seen or not part.isascii()
            for b in data[pos + exc.start : pos + exc.end]:
                try:
                    ch = bytes([b]).decode("cp1252")
                except UnicodeDecodeError:
                    ch = bytes([b]).decode("latin-1")
                out.append(ch)
                fallback.append(ch)
            pos += exc.end
    return "".join(out), fallback, utf8_seen


def _repair_mojibake(text: str) -> Optional[str]:
    """Undo UTF-8 text that was decoded as cp1252 once ("â€™" for "’"), when that is certain."""
    if len(_MOJIBAKE.findall(text[:200_000])) < 2:
        return None
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                raw.append(ord(ch))
            else:
                return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if not _MOJIBAKE.search(fixed) else None


def decode_bytes(data: bytes, *, declared: Optional[str] = None) -> tuple[str, str, Optional[str]]:
    """Decode a file's bytes, detecting the encoding.

    Tries a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16 without one, the ``declared``
    charset (from an HTML/XML header), UTF-8, then cp1252/latin-1 for the bytes that are not
    UTF-8 (a whole cp1252 file, or UTF-8 mixed with cp1252). The fallback is used only when
    the characters it gives look like Western-European text (letters and typographic
    punctuation); otherwise the file is reported. UTF-8 that was once mis-decoded as cp1252
    ("â€™" for "’") is repaired. Newlines are normalised to ``\\n``.

    Returns:
        ``(text, encoding, note)``; ``note`` describes a repair worth a warning, else ``None``.

    Raises:
        FormatError: stage ``"binary"`` (not text) or ``"encoding"`` (no confident decoding).

    Example:
        >>> decode_bytes("Caf\\xe9 au lait, s'il vous pla\\xeet".encode("cp1252"))[:2]
        ("Café au lait, s'il vous plaît", 'cp1252')
    """
    text: Optional[str] = None
    encoding = note = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise FormatError("encoding", f"starts with a {codec.upper()} byte-order mark but is not valid "
                                  f"{codec.upper()} ({exc.reason} at byte {exc.start})") from None
            text = text.lstrip("\ufeff")
            break
    if text is None:
        codec = _utf16_without_bom(data[:_SAMPLE])
        if codec:
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError:
                text = None
    if text is None:
        why = binary_reason(data)
        if why:
            raise FormatError("binary", why)
        if declared:
            try:
                codec_name = codecs.lookup(declared).name
            except LookupError:
                codec_name = None
            if codec_name and codec_name not in ("utf-8", "ascii"):
                try:
                    text, encoding = data.decode(codec_name), codec_name
                except UnicodeDecodeError:
                    text = None
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            first = exc.start
            text, fallback, mixed = _fallback_decode(data)
            letters = sum(1 for ch in text[:_SAMPLE] if ch.isalpha())
            share = sum(1 for ch in fallback if _plausible(ch)) / len(fallback)
            if share < 0.9 or len(fallback) > max(3, 0.3 * letters):
                raise FormatError(
                    "encoding",
                    f"not valid UTF-8 ({len(fallback):,} bad bytes, the first at byte {first:,}) and not "
                    f"confidently cp1252/latin-1 either; re-save the file as UTF-8") from None
            encoding = "utf-8+cp1252" if mixed else "cp1252"
            note = (f"mixed encodings: UTF-8 with {len(fallback):,} cp1252 bytes (the first at byte {first:,}), "
                    f"decoded each part" if mixed else "not UTF-8; decoded as cp1252 (Western European)")
    fixed = _repair_mojibake(text)
    if fixed is not None:
        text, note = fixed, "repaired UTF-8 text that had been decoded as cp1252 once (mojibake such as 'â€™')"
    ctrl = sum(1 for ch in text[:_SAMPLE] if _is_control(ch))
    if text and ctrl / min(len(text), _SAMPLE) > MAX_CONTROL_RATIO:
        raise FormatError("binary", f"looks like a binary file ({ctrl:,} control characters after decoding as "
                          f"{encoding})")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding or "utf-8", note


def declared_charset(data: bytes) -> Optional[str]:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


# --------------------------------------------------------------------------- text files


def _yaml_header(block: str) -> Optional[dict]:
    try:
        import yaml

        data = yaml.safe_load(block)
    except Exception:  # noqa: BLE001 - any YAML problem means "not a header"
        return None
    if not isinstance(data, dict):
        return None
    out = {}
    for key, value in data.items():
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif value is None:
            value = ""
        out[str(key).strip().lower()] = str(value).strip()
    return out


def split_front_matter(raw: str, *, path: str = "<text>") -> tuple[dict, str]:
    """Split a front-matter header from the body.

    The header is ``key: value`` lines between two ``---`` lines at the top; a header in
    richer YAML (lists, quoted values) is read with PyYAML. The body is the text after the
    closing ``---`` line and its newline, unchanged, so offsets refer to it exactly.

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
    problem: Optional[str] = None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            if problem:
                parsed = _yaml_header("\n".join(lines[1:i]))
                if parsed is None:
                    raise ValueError(problem)
                header = parsed
            return header, "\n".join(lines[i + 1 :])
        if not line.strip() or problem:
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            problem = f"{path}: malformed front matter at line {i + 1}: expected 'key: value', got {line[:80]!r}"
            continue
        header[key.strip().lower()] = value.strip().strip('"').strip("'")
    raise ValueError(f"{path}: front matter opened with '---' on line 1 but never closed with '---'")


def read_text(raw: str, *, path: str = "<text>") -> Record:
    """A ``.txt``/``.md`` article: header fields and body.

    Raises:
        FormatError: stage ``"format"`` for a malformed header.
    """
    try:
        header, body = split_front_matter(raw, path=path)
    except ValueError as exc:
        raise FormatError("format", str(exc)) from None
    rec = Record(text=body)
    used = _take_fields(rec, header, resolve_fields(None), keep_id=False)
    rec.meta = {k: v for k, v in header.items() if k not in used}
    return rec


# --------------------------------------------------------------------------- HTML


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
               "article", "header", "footer", "pre", "ul", "ol", "table", "hr", "dd", "dt", "figcaption"}


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry, a JSON ``content`` field): paragraphs
    separated by a blank line, scripts and styles dropped.

    Example:
        >>> html_fragment_to_text("<p>One &amp; two.</p><p>Three.</p>")
        'One & two.\\n\\nThree.'
    """
    parser = _TextOfHtml()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; keep whatever it got
        pass
    text = "".join(parser.parts)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


_TAGS = re.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|li|ul|h[1-6]|img|blockquote)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True when a field value is HTML markup rather than plain text (three or more tags)."""
    return len(_TAGS.findall(text[:5000])) >= 3


def _date_only(value: Optional[str]) -> Optional[str]:
    return value[:10] if value else None


def read_html(raw: str, *, path: str = "<html>", min_words: int = MIN_HTML_WORDS) -> Record:
    """A saved web page: main text, title, author and site with trafilatura, date with htmldate.

    Paragraphs are separated by a blank line; a first line repeating the title is dropped
    (the title goes to the ``title`` column). Nothing is fetched from the network.

    Example:
        >>> rec = read_html(open("page.html").read())  # doctest: +SKIP
        >>> rec.title, rec.published  # doctest: +SKIP
    """
    import logging

    import htmldate
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    lines: list[str] = []
    doc = None
    for fast in (True, False):  # the fast extractor first; the fallback extractors only when it finds little
        try:
            doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, fast=fast,
                                              include_tables=True, deduplicate=False)
        except Exception as exc:  # noqa: BLE001 - a broken page is an error row, not a crash
            raise FormatError("format", f"{path}: the HTML page could not be read "
                                        f"({type(exc).__name__}: {exc})") from None
        lines = [ln.strip() for ln in ((doc.text if doc is not None else "") or "").split("\n")]
        lines = [ln for ln in lines if ln]
        if sum(len(ln.split()) for ln in lines) >= max(min_words, 50):
            break
    title = (doc.title or None) if doc is not None else None
    if lines and title and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]
    body = "\n\n".join(lines)
    n_words = len(body.split())
    if n_words < min_words:
        return Record(title=title, error=("no_body", f"{path}: no article body found in the HTML page "
                                                      f"({n_words} words of main text, need {min_words})"))
    try:
        published = htmldate.find_date(raw, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001
        published = None
    published = published or _date_only(getattr(doc, "date", None))
    meta = {k: v for k, v in (("author", doc.author), ("hostname", doc.hostname),
                              ("description", doc.description)) if v}
    return Record(text=body, title=title, source=doc.sitename or None, url=doc.url or None,
                  published=published, meta=meta)


# --------------------------------------------------------------------------- JSON, JSONL, CSV


def resolve_fields(fields: FieldsLike) -> dict[str, tuple[str, ...]]:
    """Merge user field names into :data:`DEFAULT_FIELDS` (a user name replaces the defaults).

    Raises:
        ValueError: an unknown attribute name.

    Example:
        >>> resolve_fields({"text": "story_body"})["text"]
        ('story_body',)
    """
    out = dict(DEFAULT_FIELDS)
    for key, names in (fields or {}).items():
        if key not in DEFAULT_FIELDS:
            raise ValueError(f"fields key {key!r} is invalid; must be one of {', '.join(DEFAULT_FIELDS)}")
        out[key] = (names,) if isinstance(names, str) else tuple(names)
    return out


def _lookup(obj: Mapping, name: str) -> Any:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    if "." in name:
        head, _, rest = name.partition(".")
        inner = lowered.get(head.lower())
        if isinstance(inner, Mapping):
            return _lookup(inner, rest)
    return None


def _scalar(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (list, dict)) and not value:
        return None
    if isinstance(value, Mapping):
        for key in ("name", "title", "value", "href", "url"):
            if isinstance(value.get(key), (str, int, float)):
                return str(value[key]).strip() or None
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None) or None
    return str(value).strip() or None


def _take_fields(rec: Record, obj: Mapping, fields: dict, *, keep_id: bool = True) -> set:
    used = set()
    for attr in ("title", "source", "url", "published", "id"):
        if attr == "id" and not keep_id:
            continue
        for name in fields[attr]:
            value = _scalar(_lookup(obj, name))
            if value is not None:
                setattr(rec, attr, value)
                used.add(name.split(".")[0].lower())
                break
    return used


def record_from_mapping(obj: Any, *, fields: dict, index: Optional[int], where: str) -> Record:
    """A record from one JSON object or CSV row; a missing text field is a record error."""
    if not isinstance(obj, Mapping):
        return Record(index=index, error=("format", f"{where}: expected an object with a text field, "
                                                    f"got {type(obj).__name__}"))
    rec = Record(index=index)
    text = None
    used = set()
    for name in fields["text"]:
        value = _lookup(obj, name)
        if value is not None:
            used.add(name.split(".")[0].lower())
            text = value
            break
    used |= _take_fields(rec, obj, fields)
    if isinstance(text, (list, tuple)) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)
    if text is None:
        keys = ", ".join(str(k) for k in list(obj)[:12]) or "none"
        rec.error = ("format", f"{where}: no text field (looked for {', '.join(fields['text'])}; "
                               f"the record has {keys}); set fields={{'text': ...}}")
        return rec
    if not isinstance(text, str):
        rec.error = ("format", f"{where}: the text field holds {type(text).__name__}, not text")
        return rec
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_fragment_to_text(text)
        rec.meta["text_was_html"] = True
    rec.text = text
    for key, value in obj.items():
        if str(key).lower() not in used and isinstance(value, (str, int, float, bool)) and value != "":
            rec.meta[str(key)] = value
    return rec


def _records_of(data: Any, *, fields: dict, where: str) -> list[Record]:
    if isinstance(data, Mapping):
        has_text = any(_lookup(data, n) is not None for n in fields["text"])
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, Mapping) for x in v)]
        if not has_text and len(lists) == 1:
            data = lists[0]
        else:
            return [record_from_mapping(data, fields=fields, index=None, where=where)]
    if isinstance(data, list):
        if not data:
            raise FormatError("empty", f"{where}: the JSON list is empty")
        return [record_from_mapping(item, fields=fields, index=i, where=f"{where} item {i}")
                for i, item in enumerate(data, start=1)]
    raise FormatError("format", f"{where}: JSON holds {type(data).__name__}; expected an object or a list of objects")


def read_json(raw: str, *, fields: FieldsLike = None, path: str = "<json>") -> list[Record]:
    """Records of a ``.json`` file: one object, a list of objects, or an object holding one list.

    Raises:
        FormatError: not valid JSON, or no object in it.
    """
    resolved = resolve_fields(fields)
    try:
        data = json.loads(raw, strict=False)  # control characters inside strings are kept
    except json.JSONDecodeError as exc:
        raise FormatError("format", f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, "
                                    f"column {exc.colno})") from None
    return _records_of(data, fields=resolved, where=path)


def read_jsonl(raw: str, *, fields: FieldsLike = None, path: str = "<jsonl>") -> list[Record]:
    """Records of a JSON Lines file, one per non-blank line; ``index`` is the line number.

    A line that is not valid JSON becomes a record error; the other lines are kept.
    """
    resolved = resolve_fields(fields)
    out = []
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path} line {lineno}"
        try:
            obj = json.loads(line, strict=False)
        except json.JSONDecodeError as exc:
            out.append(Record(index=lineno, error=("format", f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")))
            continue
        out.append(record_from_mapping(obj, fields=resolved, index=lineno, where=where))
    if not out:
        raise FormatError("empty", f"{path}: the JSON Lines file has no records")
    return out


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(raw: str, *, fields: FieldsLike = None, path: str = "<csv>", suffix: str = ".csv",
             max_field: int = 10_000_000) -> list[Record]:
    """Records of a ``.csv``/``.tsv`` file with a header row; ``index`` is the data row number.

    The delimiter (comma, semicolon, tab or bar) is guessed from the header line. A CSV
    error stops the file there; the rows before it are kept and the rest is one record error.

    Raises:
        FormatError: no header or no text column.
    """
    resolved = resolve_fields(fields)
    if csv.field_size_limit() < max_field:
        csv.field_size_limit(max_field)
    first = raw.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=_delimiter(first, suffix))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise FormatError("format", f"{path}: not a readable CSV file ({exc})") from None
    if not header or not any(h and h.strip() for h in header):
        raise FormatError("format", f"{path}: the CSV file has no header row")
    names = {h.strip().lower() for h in header if h}
    if not any(n.lower().split(".")[0] in names for n in resolved["text"]):
        raise FormatError("format", f"{path}: no text column (looked for {', '.join(resolved['text'])}; "
                                    f"the columns are {', '.join(h for h in header if h)[:300]}); "
                                    f"set fields={{'text': ...}}")
    out = []
    row_no = 0
    try:
        for row_no, row in enumerate(reader, start=1):
            clean = {(k or "").strip(): v for k, v in row.items() if k is not None}
            out.append(record_from_mapping(clean, fields=resolved, index=row_no, where=f"{path} row {row_no}"))
    except csv.Error as exc:
        out.append(Record(index=row_no + 1, error=("format", f"{path} row {row_no + 1} (line {reader.line_num}): "
                                                             f"CSV error, the rest of the file is not read ({exc})")))
    if not out:
        raise FormatError("empty", f"{path}: the CSV file has a header but no rows")
    return out


# --------------------------------------------------------------------------- feeds


def _struct_date(t) -> Optional[str]:
    try:
        return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat() if t else None
    except (AttributeError, ValueError):
        return None


def read_feed(data: bytes, *, path: str = "<feed>") -> list[Record]:
    """One record per entry of an RSS/Atom feed (feedparser; nothing is fetched).

    The entry's full content is preferred over its summary; HTML is turned into plain text.

    Raises:
        FormatError: not a feed, or a feed without entries.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001
        raise FormatError("format", f"{path}: not a readable RSS/Atom feed ({type(exc).__name__}: {exc})") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            why = parsed.get("bozo_exception")
            raise FormatError("format", f"{path}: not an RSS/Atom feed" + (f" ({why})" if why else ""))
        raise FormatError("empty", f"{path}: the feed has no entries")
    feed_title = (parsed.get("feed") or {}).get("title") or None
    out = []
    for i, entry in enumerate(entries, start=1):
        contents = [c for c in entry.get("content") or [] if c.get("value")]
        best = max(contents, key=lambda c: len(c["value"])) if contents else None
        value = best["value"] if best else entry.get("summary") or ""
        kind = (best or entry.get("summary_detail") or {}).get("type", "text/html")
        text = html_fragment_to_text(value) if "html" in kind or looks_like_html(value) else value.strip()
        published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed")) or \
            entry.get("published") or entry.get("updated") or None
        meta = {k: entry.get(k) for k in ("id", "author") if isinstance(entry.get(k), str) and entry.get(k)}
        if "id" in meta:
            meta["guid"] = meta.pop("id")
        out.append(Record(text=text, title=entry.get("title") or None, source=feed_title,
                          url=entry.get("link") or None, published=published, index=i, meta=meta))
    return out
