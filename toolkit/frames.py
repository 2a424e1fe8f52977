"""The one place that builds dataframes.

Each table has one declared schema (column name and logical type). Records from the
extractors become pandas frames (the default) or polars frames with the same columns,
the same order, the same rows and matching dtypes. An empty result is an empty frame with
the full schema, never ``None``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import polars as pl

# logical type -> (pandas dtype, polars dtype)
_TYPES = {
    "str": (pd.StringDtype(), pl.String),
    "int": ("Int64", pl.Int64),
    "float": ("Float64", pl.Float64),
    "bool": ("boolean", pl.Boolean),
    "date": ("datetime64[ms]", pl.Date),
}


def _with_attributions(schemas: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """``schemas`` with ``attributions`` right after ``statements``, sharing its columns:
    statements are the speech rows of attributions, so the two never differ in schema."""
    out: dict[str, dict[str, str]] = {}
    for name, cols in schemas.items():
        out[name] = cols
        if name == "statements":
            out["attributions"] = cols
    return out


#: Declared schema of every table: column -> logical type, in column order.
#: ``attributions`` (speech, beliefs, intentions, perceptions) has exactly the columns of
#: ``statements`` (its ``kind == "speech"`` rows).
SCHEMAS: dict[str, dict[str, str]] = _with_attributions({
    "articles": {
        "article_id": "str", "title": "str", "source": "str", "url": "str", "author": "str",
        "published": "date", "published_inferred": "bool", "published_earliest": "date",
        "published_latest": "date", "published_evidence": "str", "n_sentences": "int", "n_words": "int",
        "path": "str",
    },
    "sentences": {
        "article_id": "str", "sent_id": "int", "start_char": "int", "end_char": "int", "text": "str",
    },
    "actors": {
        "article_id": "str", "actor_id": "str", "name": "str", "kind": "str", "role": "str",
        "affiliation": "str", "country": "str", "n_mentions": "int",
    },
    "mentions": {
        "article_id": "str", "actor_id": "str", "text": "str", "start_char": "int",
        "end_char": "int", "sent_id": "int", "how": "str",
    },
    "dates": {
        "article_id": "str", "date_id": "int", "text": "str", "start_char": "int", "end_char": "int",
        "sent_id": "int", "type": "str", "value": "str", "start": "date", "end": "date",
    },
    "statements": {
        "article_id": "str", "statement_id": "int", "speaker": "str", "speaker_id": "str",
        "speaker_kind": "str",
        "speaker_text": "str", "cue": "str", "cue_class": "str", "kind": "str", "mode": "str",
        "content": "str",
        "content_start": "int", "content_end": "int", "addressee": "str", "said_on": "date",
        "sent_id": "int", "speaker_start": "int", "speaker_end": "int", "cue_start": "int",
        "cue_end": "int",
    },
    "events": {
        "article_id": "str", "event_id": "int", "sent_id": "int", "actor": "str", "actor_id": "str",
        "action": "str", "target": "str", "date_value": "str", "start": "date", "end": "date",
        "status": "str", "text": "str", "start_char": "int", "end_char": "int",
    },
    "errors": {
        "path": "str", "article_id": "str", "stage": "str", "reason": "str",
    },
})

TABLES = tuple(SCHEMAS)
BACKENDS = ("pandas", "polars")

#: Tables derived from the others over a whole corpus (not stored per article, not in
#: :data:`TABLES`): ``actor_index`` is one row per actor of a corpus (``toolkit.identity``),
#: ``chronology`` one row per event merged across articles (``toolkit.chronology``).
DERIVED_SCHEMAS: dict[str, dict[str, str]] = {
    "actor_index": {
        "actor_id": "str", "name": "str", "aliases": "str", "kind": "str", "n_articles": "int",
        "n_mentions": "int", "n_statements": "int",
    },
    "chronology": {
        "event_key": "str", "actor": "str", "action": "str", "target": "str", "parties": "str",
        "date_value": "str", "start": "date", "end": "date", "status": "str", "n_articles": "int",
        "article_ids": "str", "first_reported": "date", "last_reported": "date",
    },
}


def is_missing(value: Any) -> bool:
    """Whether a cell is empty: ``None``, ``pd.NA``, ``NaN`` or ``NaT`` (never raises).

    Example:
        >>> is_missing(pd.NA), is_missing(float("nan")), is_missing("x")
        (True, True, False)
    """
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array cell
        return False


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend {backend!r} is invalid; must be one of {', '.join(BACKENDS)}")
    return backend


def _check_table(table: str) -> dict[str, str]:
    try:
        return SCHEMAS[table] if table in SCHEMAS else DERIVED_SCHEMAS[table]
    except KeyError:
        raise ValueError(f"table {table!r} is invalid; must be one of "
                         f"{', '.join(TABLES + tuple(DERIVED_SCHEMAS))}") from None


def _as_dict(rec: Any) -> Mapping[str, Any]:
    if dataclasses.is_dataclass(rec):
        return {f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)}
    return rec


def columns_of(table: str, rows: Iterable[Any]) -> dict[str, list]:
    """Records (dataclasses or mappings) to column lists in schema order; extra fields dropped."""
    schema = _check_table(table)
    cols: dict[str, list] = {c: [] for c in schema}
    for rec in rows:
        d = _as_dict(rec)
        for c, kind in schema.items():
            v = d.get(c)
            if kind == "date" and isinstance(v, dt.datetime):
                v = v.date()
            cols[c].append(v)
    return cols


def _pandas_column(values: list, kind: str) -> pd.Series:
    dtype = _TYPES[kind][0]
    if kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype=dtype)
    return pd.Series(pd.array(values, dtype=dtype))


def build(table: str, rows: Iterable[Any], *, backend: str = "pandas"):
    """Build one table from records, in the declared schema.

    Args:
        table: one of :data:`TABLES`.
        rows: dataclass records or mappings with (at least) the table's columns.
        backend: ``"pandas"`` (default) or ``"polars"``.

    Example:
        >>> build("errors", [{"path": "a.txt", "stage": "read", "reason": "empty"}]).shape
        (1, 4)
    """
    check_backend(backend)
    schema = _check_table(table)
    cols = columns_of(table, rows)
    if backend == "polars":
        return pl.DataFrame(cols, schema={c: _TYPES[k][1] for c, k in schema.items()})
    return pd.DataFrame({c: _pandas_column(cols[c], k) for c, k in schema.items()})


def empty(table: str, *, backend: str = "pandas"):
    """An empty frame with the table's full schema."""
    return build(table, [], backend=backend)


def concat(table: str, frames: Sequence, *, backend: str = "pandas"):
    """Concatenate frames of one table (pandas or polars), keeping the schema when empty."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return empty(table, backend=backend)
    if backend == "polars":
        return pl.concat(frames, how="vertical")
    return pd.concat(frames, ignore_index=True)


def pandas_to_polars(table: str, frame: pd.DataFrame) -> pl.DataFrame:
    """Convert a pandas frame of a known table to polars with the declared dtypes."""
    schema = _check_table(table)
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} frame has no column {missing[0]!r}")
    return pl.from_pandas(frame[list(schema)]).cast({c: _TYPES[k][1] for c, k in schema.items()})


def polars_to_pandas(table: str, frame: pl.DataFrame) -> pd.DataFrame:
    """Convert a polars frame of a known table to pandas with the declared dtypes."""
    schema = _check_table(table)
    return build(table, frame.select(list(schema)).iter_rows(named=True), backend="pandas")
