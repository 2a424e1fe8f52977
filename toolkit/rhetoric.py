"""Rhetoric tables: who gets a voice, how they are quoted, with which reporting words.

Frame-in / frame-out aggregations over the statements table (pandas). They never
mutate their input and return new frames with plain columns, sorted deterministically;
:mod:`toolkit.plots` draws them.

Missing values in the grouping column (an unattributed statement) are grouped under
:data:`UNKNOWN`.

Example:
    >>> import pandas as pd
    >>> st = pd.DataFrame({"speaker": ["Peskov", "Peskov", "Sybiha"],
    ...                    "mode": ["direct", "indirect", "indirect"],
    ...                    "cue": ["say", "state", "say"],
    ...                    "content": ["a b", "c", "d e f"]})
    >>> voice_share(st)["share"].round(3).tolist()
    [0.667, 0.333]
"""

from __future__ import annotations

import re

import pandas as pd

from .types import STATEMENT_MODES

#: Label of statements whose grouping value is missing.
UNKNOWN = "(unknown)"
WEIGHTS = ("statements", "words")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _require(frame, columns, *, name: str = "statements") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    for c in columns:
        if c not in frame.columns:
            raise ValueError(f"{name} frame has no column {c!r}")


def _labels(series: pd.Series) -> pd.Series:
    return pd.Series([UNKNOWN if _isna(v) or str(v).strip() == "" else str(v) for v in series],
                     index=series.index, dtype=object)


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def word_count(text) -> int:
    """Number of words in a text (letters/digits runs, inner apostrophes and hyphens kept).

    Example:
        >>> word_count("We're pleased, of course.")
        4
    """
    if _isna(text):
        return 0
    return len(_WORD.findall(str(text)))


def voice_share(statements: pd.DataFrame, *, by: str = "speaker", weight: str = "statements") -> pd.DataFrame:
    """Share of statements (or of quoted words) per speaker or per another column.

    Args:
        statements: the statements table (needs ``by`` and, for words, ``content``).
        by: grouping column (``"speaker"``, ``"speaker_id"``, or e.g. ``"country"``).
        weight: ``"statements"`` (each statement counts 1) or ``"words"`` (words of
            its content).

    Returns:
        New frame ``[by, n_statements, n_words, share]``, sorted by share (descending)
        then label; ``share`` sums to 1 (empty input -> empty frame).

    Raises:
        ValueError: a missing column or an invalid ``weight``.

    Example:
        >>> voice_share(st, weight="words")  # doctest: +SKIP
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight {weight!r} is invalid; must be one of {', '.join(WEIGHTS)}")
    _require(statements, [by, "content"])
    labels = _labels(statements[by])
    words = pd.Series([word_count(v) for v in statements["content"]], index=statements.index, dtype="int64")
    tmp = pd.DataFrame({by: labels, "n_statements": 1, "n_words": words})
    out = tmp.groupby(by, sort=True).agg(n_statements=("n_statements", "sum"), n_words=("n_words", "sum"))
    out = out.reset_index()
    col = "n_statements" if weight == "statements" else "n_words"
    total = out[col].sum()
    out["share"] = (out[col] / total).astype("float64") if total else 0.0
    out["n_statements"] = out["n_statements"].astype("int64")
    out["n_words"] = out["n_words"].astype("int64")
    out = out.sort_values(["share", by], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    out[by] = out[by].astype(object)
    return out[[by, "n_statements", "n_words", "share"]]


def mode_by_speaker(statements: pd.DataFrame, *, by: str = "speaker") -> pd.DataFrame:
    """Statements per speaker and mode (direct / indirect / mixed).

    Returns:
        New frame ``[by, direct, indirect, mixed, total]`` (int64 counts), sorted by
        total (descending) then label. Modes other than the three known ones are ignored.

    Example:
        >>> mode_by_speaker(st)["direct"].tolist()  # doctest: +SKIP
        [1, 0]
    """
    _require(statements, [by, "mode"])
    labels = _labels(statements[by])
    modes = [None if _isna(m) else str(m) for m in statements["mode"]]
    rows: dict = {}
    for lab, mode in zip(labels, modes):
        counts = rows.setdefault(lab, dict.fromkeys(STATEMENT_MODES, 0))
        if mode in counts:
            counts[mode] += 1
    out = pd.DataFrame(
        {by: pd.Series(list(rows), dtype=object),
         **{m: pd.Series([rows[k][m] for k in rows], dtype="int64") for m in STATEMENT_MODES}}
    )
    out["total"] = out[list(STATEMENT_MODES)].sum(axis=1).astype("int64") if len(out) else pd.Series(dtype="int64")
    out = out.sort_values(["total", by], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    return out[[by, *STATEMENT_MODES, "total"]]


def cue_profile(statements: pd.DataFrame, *, by: str = "speaker", column: str = "cue") -> pd.DataFrame:
    """Counts of reporting words (or cue classes) per speaker, as a wide table.

    Args:
        statements: the statements table.
        by: row grouping column.
        column: the counted column, ``"cue"`` or ``"cue_class"``.

    Returns:
        New frame with the ``by`` column then one int64 column per cue value; rows
        sorted by their total (descending) then label, cue columns by their total
        (descending) then name. Missing cues count under :data:`UNKNOWN`.

    Example:
        >>> cue_profile(st).columns.tolist()  # doctest: +SKIP
        ['speaker', 'say', 'state']
    """
    _require(statements, [by, column])
    labels = _labels(statements[by])
    cues = _labels(statements[column])
    table: dict = {}
    for lab, cue in zip(labels, cues):
        table.setdefault(lab, {}).setdefault(cue, 0)
        table[lab][cue] += 1
    col_tot: dict = {}
    for counts in table.values():
        for cue, n in counts.items():
            col_tot[cue] = col_tot.get(cue, 0) + n
    cols = sorted(col_tot, key=lambda c: (-col_tot[c], c))
    rows = sorted(table, key=lambda r: (-sum(table[r].values()), r))
    out = pd.DataFrame({by: pd.Series(rows, dtype=object)})
    for c in cols:
        out[c] = pd.Series([table[r].get(c, 0) for r in rows], dtype="int64")
    return out


def with_speaker_country(statements: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Add the speaker's ``country`` (ISO code) and ``speaker_kind`` to a statements frame.

    Joins ``statements.speaker_id`` to ``actors.actor_id`` within the same article (actor
    ids are stable across articles, so the first non-missing value is used where an article
    lacks it). Joint speakers ("a+b") get the country both share, else missing. The inputs
    are not mutated.

    Raises:
        ValueError: a frame lacks a needed column (the message names it).

    Example:
        >>> st = pd.DataFrame({"article_id": ["a"], "speaker_id": ["dmitry-peskov"], "speaker": ["Dmitry Peskov"]})
        >>> ac = pd.DataFrame({"article_id": ["a"], "actor_id": ["dmitry-peskov"], "country": ["RU"], "kind": ["person"]})
        >>> with_speaker_country(st, ac)["country"].tolist()
        ['RU']
    """
    _require(statements, ["article_id", "speaker_id"])
    _require(actors, ["article_id", "actor_id", "country", "kind"], name="actors")
    per_article = {(r.article_id, r.actor_id): (r.country, r.kind) for r in actors.itertuples(index=False)}
    anywhere: dict = {}
    for r in actors.sort_values(["actor_id", "article_id"]).itertuples(index=False):
        if not _isna(r.country) and r.actor_id not in anywhere:
            anywhere[r.actor_id] = (r.country, r.kind)

    def lookup(article_id, speaker_id):
        if _isna(speaker_id):
            return (None, None)
        parts = str(speaker_id).split("+")
        found = [per_article.get((article_id, p)) or anywhere.get(p) or (None, None) for p in parts]
        countries = {c for c, _ in found if not _isna(c)}
        kinds = {k for _, k in found if not _isna(k)}
        country = countries.pop() if len(countries) == 1 and all(not _isna(c) for c, _ in found) else None
        kind = (kinds.pop() if len(kinds) == 1 else None) if len(parts) == 1 else "group"
        return (country, kind)

    looked = [lookup(a, s) for a, s in zip(statements["article_id"], statements["speaker_id"])]
    out = statements.copy()
    out["country"] = pd.array([c for c, _ in looked], dtype=pd.StringDtype())
    out["speaker_kind"] = pd.array([k for _, k in looked], dtype=pd.StringDtype())
    return out
