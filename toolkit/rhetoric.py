"""Rhetoric tables: who gets a voice, how they are quoted, with which words.

Frame-in / frame-out functions over the statements table (pandas). They never mutate
their input and return new frames with plain columns, sorted deterministically;
:mod:`toolkit.plots` draws them.

* Per statement, :func:`statement_features`: the reporting stance implied by the cue
  class, hedges, boosters, modal verbs, negation, sentiment (VADER compound), evaluative
  terms, self reference and directness (quoted share of the words). The words come from
  the lexicon ``toolkit/data/hedges.yaml``, which users can extend (``lexicon=``).
* Per article, :func:`article_terms`: contested and framing terms ("special military
  operation" / "invasion" / "war", "Kiev" / "Kyiv", ...) with whose vocabulary each is,
  from ``toolkit/data/contested_terms.yaml`` (also extensible).
* Aggregations: :func:`voice_share`, :func:`mode_by_speaker`, :func:`cue_profile`,
  :func:`reporting_profile`, :func:`direct_quote_share`, :func:`hedging_by_speaker`,
  :func:`sentiment_by_speaker`, :func:`term_usage`, :func:`term_usage_by_outlet`.

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

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

from .frames import is_missing
from .paths import LEXICON_DIR
from .types import STATEMENT_MODES
from .yamlfiles import read_mapping

#: Label of statements whose grouping value is missing.
UNKNOWN = "(unknown)"
#: Label of the one group of statements from unnamed sources ("a senior official",
#: "critics", "polls": ``speaker_kind == "unnamed"``) when grouping by speaker.
UNNAMED = "(unnamed sources)"
_SPEAKER_COLUMNS = ("speaker", "speaker_id", "speaker_text")
WEIGHTS = ("statements", "words")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _require(frame, columns, *, name: str = "statements") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    for c in columns:
        if c not in frame.columns:
            raise ValueError(f"{name} frame has no column {c!r}")


def _labels(series: pd.Series) -> pd.Series:
    return pd.Series([UNKNOWN if is_missing(v) or str(v).strip() == "" else str(v) for v in series],
                     index=series.index, dtype=object)


def _by_labels(frame: pd.DataFrame, by: str) -> pd.Series:
    """Group labels of ``frame[by]``; grouped by speaker, the statements of unnamed sources
    (``speaker_kind == "unnamed"``, where the column exists) are one group, :data:`UNNAMED`."""
    labels = _labels(frame[by])
    if by in _SPEAKER_COLUMNS and "speaker_kind" in frame.columns:
        unnamed = pd.Series([not is_missing(k) and str(k) == "unnamed" for k in frame["speaker_kind"]],
                            index=labels.index, dtype=bool)
        labels = labels.where(~unnamed, UNNAMED)
    return labels


def word_count(text) -> int:
    """Number of words in a text (letters/digits runs, inner apostrophes and hyphens kept).

    Example:
        >>> word_count("We're pleased, of course.")
        4
    """
    if is_missing(text):
        return 0
    return len(_WORD.findall(str(text)))


def voice_share(statements: pd.DataFrame, *, by: str = "speaker", weight: str = "statements") -> pd.DataFrame:
    """Share of statements (or of quoted words) per speaker or per another column.

    Args:
        statements: the statements table (needs ``by`` and, for words, ``content``).
            Grouped by speaker, statements from unnamed sources (``speaker_kind ==
            "unnamed"``, when the column is there) are one group, :data:`UNNAMED`
            (:func:`unnamed_sources` lists them).
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
    labels = _by_labels(statements, by)
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


def unnamed_sources(statements: pd.DataFrame) -> pd.DataFrame:
    """How many statements come from unnamed sources, and in which words.

    The per-speaker tables (:func:`voice_share` and the others, grouped by ``speaker``)
    show these statements as one group, :data:`UNNAMED`; this table opens it.

    Args:
        statements: the statements table; unnamed sources are the rows with
            ``speaker_kind == "unnamed"`` (none when the column is absent).

    Returns:
        New frame ``[source, n_statements, share]``: the speaker words (``speaker_text``,
        lower-cased, a leading article dropped), their statements and the share of all
        statements; sorted by ``n_statements`` (descending) then source.

    Example:
        >>> st = pd.DataFrame({"speaker_text": ["Officials", "a senior official", "Peskov"],
        ...                    "speaker_kind": ["unnamed", "unnamed", "person"]})
        >>> unnamed_sources(st).values.tolist()
        [['officials', 1, 0.3333333333333333], ['senior official', 1, 0.3333333333333333]]
    """
    if not isinstance(statements, pd.DataFrame):
        raise TypeError(f"statements must be a pandas DataFrame, not {type(statements).__name__}")
    counts: Counter = Counter()
    if "speaker_kind" in statements.columns:
        texts = statements["speaker_text"] if "speaker_text" in statements.columns else [None] * len(statements)
        for kind, text in zip(statements["speaker_kind"], texts):
            if not is_missing(kind) and str(kind) == "unnamed":
                words = " ".join(("" if is_missing(text) else str(text)).lower().split())
                counts[re.sub(r"^(?:a|an|the|some|several|many)\s+", "", words) or UNKNOWN] += 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total = len(statements)
    return pd.DataFrame({"source": pd.Series([k for k, _ in rows], dtype=object),
                         "n_statements": pd.Series([n for _, n in rows], dtype="int64"),
                         "share": pd.Series([n / total for _, n in rows], dtype="float64")})


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
    labels = _by_labels(statements, by)
    modes = [None if is_missing(m) else str(m) for m in statements["mode"]]
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
    labels = _by_labels(statements, by)
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
    lacks it). Joint speakers ("a+b") get the country both share, else missing. A
    ``speaker_kind`` the statements already have ("unnamed", "document") is kept; the
    actor's kind fills the rest. The inputs are not mutated.

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
        if not is_missing(r.country) and r.actor_id not in anywhere:
            anywhere[r.actor_id] = (r.country, r.kind)

    def lookup(article_id, speaker_id):
        if is_missing(speaker_id):
            return (None, None)
        parts = str(speaker_id).split("+")
        found = [per_article.get((article_id, p)) or anywhere.get(p) or (None, None) for p in parts]
        countries = {c for c, _ in found if not is_missing(c)}
        kinds = {k for _, k in found if not is_missing(k)}
        country = countries.pop() if len(countries) == 1 and all(not is_missing(c) for c, _ in found) else None
        kind = (kinds.pop() if len(kinds) == 1 else None) if len(parts) == 1 else "group"
        return (country, kind)

    looked = [lookup(a, s) for a, s in zip(statements["article_id"], statements["speaker_id"])]
    kinds = [k for _, k in looked]
    if "speaker_kind" in statements.columns:  # the extractor's kind ("unnamed", "document") comes first
        kinds = [k if is_missing(old) else str(old) for k, old in zip(kinds, statements["speaker_kind"])]
    out = statements.copy()
    out["country"] = pd.array([c for c, _ in looked], dtype=pd.StringDtype())
    out["speaker_kind"] = pd.array(kinds, dtype=pd.StringDtype())
    return out


# =========================================================================== lexicons

#: The built-in word lexicon (hedges, boosters, modals, negation, evaluative terms, ...).
WORDS_LEXICON = LEXICON_DIR / "hedges.yaml"
#: The built-in lexicon of contested and framing terms.
TERMS_LEXICON = LEXICON_DIR / "contested_terms.yaml"
#: Word lists of :data:`WORDS_LEXICON` (besides ``evaluative`` and ``stance``).
WORD_LISTS = ("hedges", "boosters", "modals", "negation", "self_reference", "first_person")
#: Columns :func:`statement_features` adds, in order (after the keys).
FEATURE_COLUMNS = (
    "cue_class", "stance", "n_words", "n_quoted_words", "directness", "n_hedges", "hedges",
    "n_boosters", "boosters", "n_modals", "modals", "negated", "negations", "sentiment",
    "n_evaluative", "evaluative", "n_positive", "n_negative", "self_reference", "first_person",
)
#: Columns of :func:`article_terms`.
TERM_COLUMNS = ("article_id", "group", "term", "side", "start_char", "end_char", "text")

LexiconLike = Union[str, Path, Mapping[str, Any], None]
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_OPEN_Q = set("\u201c\u00ab\u201e")
_CLOSE_Q = set("\u201d\u00bb")


@functools.lru_cache(maxsize=8)
def _cached_yaml(path: str, what: str) -> dict:
    return read_mapping(path, what=what)


def _merge(base: Mapping, extra: Mapping) -> dict:
    """Deep merge: mappings merged per key, lists extended (no duplicates), scalars replaced."""
    out = dict(base)
    for key, val in extra.items():
        if key == "replace":
            continue
        cur = out.get(key)
        if isinstance(val, Mapping) and isinstance(cur, Mapping):
            out[key] = _merge(cur, val)
        elif isinstance(val, list) and isinstance(cur, list):
            out[key] = cur + [x for x in val if x not in cur]
        else:
            out[key] = val
    return out


def _raw_lexicon(lexicon: LexiconLike, default: Path, what: str) -> dict:
    base = _cached_yaml(str(default), what)
    if lexicon is None:
        return base
    extra = dict(lexicon) if isinstance(lexicon, Mapping) else _cached_yaml(str(Path(lexicon).resolve()), what)
    return extra if extra.get("replace") else _merge(base, extra)


# --------------------------------------------------------------------------- phrase matching


def _entry_regex(entry: str) -> tuple[str, int]:
    """Regex of one lexicon entry (whole words, apostrophes either way, trailing ``*``)."""
    e = " ".join(str(entry).translate(_APOS).split())
    wild = e.endswith("*")

    def word(w: str) -> str:
        star = w.endswith("*") and len(w) > 1
        w = w[:-1] if star else w
        return re.escape(w).replace("'", "['\u2019\u2018\u02bc]") + (r"\w*" if star else "")

    body = r"\s+".join(word(w) for w in e.split(" "))
    e = e.replace("*", "")
    lead = r"(?<![\w-])" if e[:1].isalnum() and not e.lower().startswith("n'") else ""
    trail = r"(?!\w)" if (e[-1:].isalnum() or wild) else ""
    return lead + body + trail, len(e)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    payload: Any
    text: str


class PhraseMatcher:
    """Finds lexicon entries in a text: whole words, longest match wins, no overlaps.

    Args:
        entries: ``(entry, payload, case_sensitive)`` triples; a payload of ``None`` marks
            a blocker (its matches hide shorter entries inside them and are not returned).
        skip: optional ``skip(entry_payload, text, start, end) -> bool`` context check.

    Example:
        >>> m = PhraseMatcher([("of course", "booster", False), ("course", "x", False)])
        >>> [(h.text, h.payload) for h in m.find("Of course, the course.")]
        [('Of course', 'booster'), ('course', 'x')]
    """

    def __init__(self, entries: Iterable[tuple[str, Any, bool]],
                 skip: Optional[Callable[[Any, str, int, int], bool]] = None):
        self._skip = skip
        # Candidates are looked up by the entry's first word at each word start of the
        # text (a dictionary hit), then checked with the entry's own regex.
        self._by_word: dict[str, list] = {}
        self._by_prefix: list[tuple[str, re.Pattern, Any]] = []
        self._scan: list[tuple[re.Pattern, Any]] = []
        seen = set()
        for entry, payload, cs in entries:
            e = " ".join(str(entry).translate(_APOS).split())
            if not e.strip("* "):
                continue
            rx_src, _ = _entry_regex(e)
            flags = 0 if cs else re.IGNORECASE
            if (rx_src, flags, repr(payload)) in seen:
                continue
            seen.add((rx_src, flags, repr(payload)))
            rx = re.compile(rx_src, flags)
            first = e.split(" ")[0]
            head = re.match(r"\w+", first)
            if head is None:
                self._scan.append((rx, payload))
            elif head.end() == len(first) - 1 and first.endswith("*"):
                self._by_prefix.append((head.group().lower(), rx, payload))
            else:
                self._by_word.setdefault(head.group().lower(), []).append((rx, payload))

    def find(self, text: Optional[str]) -> list[_Hit]:
        """Non-overlapping hits in text order (longest first where candidates overlap)."""
        if not text:
            return []
        cands = []
        for w in re.finditer(r"\w+", text):
            s = w.start()
            low = w.group().lower()
            checks = list(self._by_word.get(low, ()))
            checks += [(rx, p) for pre, rx, p in self._by_prefix if low.startswith(pre)]
            for rx, p in checks:
                m = rx.match(text, s)
                if m and m.end() > s:
                    cands.append((s, m.end(), p))
        for rx, p in self._scan:
            cands += [(m.start(), m.end(), p) for m in rx.finditer(text) if m.end() > m.start()]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        hits = []
        for s, e, p in cands:
            if any(s < te and ts < e for ts, te in taken):
                continue
            if p is not None and self._skip is not None and self._skip(p, text, s, e):
                continue
            taken.append((s, e))
            if p is not None:
                hits.append(_Hit(s, e, p, text[s:e]))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


# Context checks for a few ambiguous words (payload = (list name, entry)).
_MONTH_BEFORE = re.compile(r"(?:\d,?|\b(?:of|in|on|since|until|till|by|from|through|early|late|mid|end|"
                           r"beginning|before|after|during|last|next|this))[\s-]*$", re.IGNORECASE)
_NOUN_WILL = re.compile(r"\b(?:the|a|political|good|free|own|his|her|their|its|our|my|your|popular|"
                        r"people's|people’s|strong|of|no)\s+$", re.IGNORECASE)


_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:[\w'’]+\s+)?$", re.IGNORECASE)


def _skip_word(payload, text: str, s: int, e: int) -> bool:
    name, entry = payload
    word = text[s:e]
    before, after = text[max(0, s - 40):s], text[e:e + 12]
    low = entry.lower()
    if name == "boosters" and low not in ("never", "at all") and _NEGATED.search(before):
        return True  # "may not know", "not clearly": a negated booster does not boost
    if low == "may" and word[:1] == "M":
        return bool(re.match(r"\s*\d", after) or (s > 0 and _MONTH_BEFORE.search(before)))
    if low == "us":
        return word.isupper() or after.startswith(".")  # "US", "U.S."
    if low == "i":
        return word != "I" or after.startswith(".") or bool(re.search(r"\bWar\s+$", before))
    if low == "will":
        return bool(_NOUN_WILL.search(before))
    if low == "can":
        return bool(re.search(r"\b(?:a|the)\s+$", before, re.IGNORECASE))
    if low == "rather":
        return bool(re.match(r"\s+than\b", after))
    if low == "certain":  # "certain areas" (some) vs "is certain" (booster)
        return not re.search(r"\b(?:is|are|was|were|be|been|am|not|quite|absolutely|almost|'m|'re)\s+$",
                             before.translate(_APOS), re.IGNORECASE)
    if low == "known":
        return bool(re.match(r"\s+as\b", after))
    if low == "no":
        return bool(re.match(r"\.\s*\d", after))
    return False


@dataclass(frozen=True)
class WordLexicon:
    """The word lexicon of :func:`statement_features` (see ``toolkit/data/hedges.yaml``)."""

    matchers: Mapping[str, PhraseMatcher]
    stance_classes: Mapping[str, str]
    stance_cues: Mapping[str, str]


def _word_lexicon(raw: Mapping[str, Any]) -> WordLexicon:
    matchers = {}
    for name in WORD_LISTS:
        vals = raw.get(name) or []
        if not isinstance(vals, list):
            raise ValueError(f"word lexicon: {name!r} must be a list, not {type(vals).__name__}")
        matchers[name] = PhraseMatcher([(str(v), (name, str(v)), False) for v in vals], skip=_skip_word)
    ev = raw.get("evaluative") or {}
    if isinstance(ev, list):
        ev = {"positive": ev}
    matchers["evaluative"] = PhraseMatcher(
        [(str(v), (str(pol), str(v)), False) for pol, vals in ev.items() for v in (vals or [])], skip=_skip_word)
    st = raw.get("stance") or {}
    classes = {str(k).lower(): str(v) for k, v in (st.get("classes") or {}).items()}
    cues = {str(k).lower(): str(v) for k, v in (st.get("cues") or {}).items()}
    return WordLexicon(matchers=matchers, stance_classes=classes, stance_cues=cues)


@functools.lru_cache(maxsize=8)
def _word_lexicon_from_path(path: Optional[str]) -> WordLexicon:
    return _word_lexicon(_raw_lexicon(path, WORDS_LEXICON, "word"))


def load_words(lexicon: LexiconLike = None) -> WordLexicon:
    """Load the word lexicon (cached), optionally extended by a user's YAML file or mapping.

    Args:
        lexicon: ``None`` (built-in ``toolkit/data/hedges.yaml``), a path to a YAML file
            with the same keys (its lists are added; ``replace: true`` replaces), or a mapping.

    Example:
        >>> [h.text for h in load_words().matchers["hedges"].find("It may well be possible.")]
        ['may', 'possible']
    """
    if isinstance(lexicon, WordLexicon):
        return lexicon
    if lexicon is None or isinstance(lexicon, (str, Path)):
        return _word_lexicon_from_path(None if lexicon is None else str(Path(lexicon).resolve()))
    return _word_lexicon(_raw_lexicon(lexicon, WORDS_LEXICON, "word"))


@dataclass(frozen=True)
class TermLexicon:
    """Contested-term groups (see ``toolkit/data/contested_terms.yaml``)."""

    matcher: PhraseMatcher
    terms: pd.DataFrame  # group, term, side, description


def _term_lexicon(raw: Mapping[str, Any]) -> TermLexicon:
    groups = raw.get("groups") or {}
    if not isinstance(groups, Mapping):
        raise ValueError("contested-terms lexicon: 'groups' must be a mapping of group -> terms")
    entries, rows = [], []
    for group, spec in groups.items():
        spec = spec or {}
        terms = spec.get("terms") or {}
        if not isinstance(terms, Mapping):
            raise ValueError(f"contested-terms lexicon: group {group!r} needs a 'terms' mapping")
        for phrase in spec.get("exclude") or []:
            entries.append((str(phrase), None, False))
        for term, tspec in terms.items():
            tspec = tspec or {}
            side = tspec.get("side")
            side = "neutral" if side is None else str(side)
            pats = tspec.get("patterns") or [term]
            cs = bool(tspec.get("case_sensitive"))
            for p in pats:
                entries.append((str(p), (str(group), str(term), side), cs))
            rows.append({"group": str(group), "term": str(term), "side": side,
                         "description": str(spec.get("description") or "")})
    table = pd.DataFrame(rows, columns=["group", "term", "side", "description"])
    return TermLexicon(matcher=PhraseMatcher(entries), terms=table)


@functools.lru_cache(maxsize=8)
def _term_lexicon_from_path(path: Optional[str]) -> TermLexicon:
    return _term_lexicon(_raw_lexicon(path, TERMS_LEXICON, "contested-terms"))


def load_terms(lexicon: LexiconLike = None) -> TermLexicon:
    """Load the contested-terms lexicon (cached), optionally extended by a user's YAML.

    ``load_terms().terms`` lists every group, term and side.

    Example:
        >>> t = load_terms().terms
        >>> t[t["group"] == "kyiv"][["term", "side"]].values.tolist()
        [['Kiev', 'RU'], ['Kyiv', 'UA']]
    """
    if isinstance(lexicon, TermLexicon):
        return lexicon
    if lexicon is None or isinstance(lexicon, (str, Path)):
        return _term_lexicon_from_path(None if lexicon is None else str(Path(lexicon).resolve()))
    return _term_lexicon(_raw_lexicon(lexicon, TERMS_LEXICON, "contested-terms"))


# =========================================================================== per statement


@functools.lru_cache(maxsize=1)
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ImportError("sentiment needs the vaderSentiment package (pip install vaderSentiment)") from exc
    return SentimentIntensityAnalyzer()


def sentiment(text) -> float:
    """VADER compound score of a text, from -1 (negative) to 1 (positive); NaN for no text.

    Example:
        >>> sentiment("We are pleased with the talks.") > 0.3
        True
    """
    if is_missing(text) or not str(text).strip():
        return float("nan")
    return float(_vader().polarity_scores(str(text))["compound"])


def quoted_word_count(content, mode=None) -> int:
    """Words of a statement's content that are inside quotation marks.

    A ``direct`` statement is quoted throughout (its content has no marks at its ends);
    otherwise the marks inside the content decide, a leading closing mark meaning the
    content starts inside a quotation and an unclosed opening mark that it ends inside one.

    Example:
        >>> quoted_word_count('he would go, adding: “we will see”')
        3
    """
    if is_missing(content):
        return 0
    text = str(content)
    if not is_missing(mode) and str(mode) == "direct":
        return word_count(text)
    marks = []
    for i, ch in enumerate(text):
        if ch in _OPEN_Q:
            marks.append((i, "open"))
        elif ch in _CLOSE_Q:
            marks.append((i, "close"))
        elif ch == '"':
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"
            marks.append((i, "open" if opening else "close"))
    if not marks:
        return 0
    inside = marks[0][1] == "close"
    n, last = 0, 0
    for i, kind in marks:
        if inside and kind == "close":
            n += word_count(text[last:i])
            inside = False
        elif not inside and kind == "open":
            inside = True
        last = i + 1 if (kind == "open" and inside) or kind == "close" else last
    if inside:
        n += word_count(text[last:])
    return n


def _joined(hits: Sequence[_Hit]) -> str:
    return "; ".join(" ".join(h.text.translate(_APOS).lower().split()) for h in hits)


def _stance(cue, cue_class, lex: WordLexicon) -> Optional[str]:
    if not is_missing(cue) and str(cue).lower() in lex.stance_cues:
        return lex.stance_cues[str(cue).lower()]
    if is_missing(cue_class) or not str(cue_class):
        return None
    return lex.stance_classes.get(str(cue_class).lower(), str(cue_class))


def _cue_classes(statements: pd.DataFrame, verbs) -> list:
    """The statements' cue classes: their ``cue_class`` or, where missing, their cue's class."""
    has_class = "cue_class" in statements.columns
    has_cue = "cue" in statements.columns
    if not has_class and not has_cue:
        return [None] * len(statements)
    out = list(statements["cue_class"]) if has_class else [None] * len(statements)
    if has_cue:
        from .statements import load_lexicon

        vlex = load_lexicon(verbs)
        for i, (cls, cue) in enumerate(zip(out, statements["cue"])):
            if (is_missing(cls) or cls == "") and not is_missing(cue) and str(cue):
                out[i] = vlex.cue_class(vlex.normalize(str(cue)))
    return [None if is_missing(c) or c == "" else str(c) for c in out]


def _feature_columns(statements: pd.DataFrame, *, lexicon: LexiconLike = None, verbs: LexiconLike = None) -> dict:
    """Feature columns (lists aligned with the rows of ``statements``)."""
    lex = load_words(lexicon)
    contents = [None if is_missing(c) else str(c) for c in statements["content"]]
    modes = list(statements["mode"]) if "mode" in statements.columns else [None] * len(statements)
    cues = list(statements["cue"]) if "cue" in statements.columns else [None] * len(statements)
    classes = _cue_classes(statements, verbs)
    cols: dict = {c: [] for c in FEATURE_COLUMNS}
    m = lex.matchers
    for content, mode, cue, cls in zip(contents, modes, cues, classes):
        n_words = word_count(content)
        n_quoted = quoted_word_count(content, mode)
        hedges, boosters = m["hedges"].find(content), m["boosters"].find(content)
        modals, negs = m["modals"].find(content), m["negation"].find(content)
        evals = m["evaluative"].find(content)
        cols["cue_class"].append(cls)
        cols["stance"].append(_stance(cue, cls, lex))
        cols["n_words"].append(n_words)
        cols["n_quoted_words"].append(n_quoted)
        cols["directness"].append(n_quoted / n_words if n_words else float("nan"))
        cols["n_hedges"].append(len(hedges))
        cols["hedges"].append(_joined(hedges))
        cols["n_boosters"].append(len(boosters))
        cols["boosters"].append(_joined(boosters))
        cols["n_modals"].append(len(modals))
        cols["modals"].append(_joined(modals))
        cols["negated"].append(bool(negs))
        cols["negations"].append(_joined(negs))
        cols["sentiment"].append(sentiment(content))
        cols["n_evaluative"].append(len(evals))
        cols["evaluative"].append(_joined(evals))
        cols["n_positive"].append(sum(1 for h in evals if h.payload[0] == "positive"))
        cols["n_negative"].append(sum(1 for h in evals if h.payload[0] == "negative"))
        cols["self_reference"].append(len(m["self_reference"].find(content)))
        cols["first_person"].append(len(m["first_person"].find(content)))
    return cols


_FEATURE_DTYPES = {
    "cue_class": "string", "stance": "string", "hedges": "string", "boosters": "string",
    "modals": "string", "negations": "string", "evaluative": "string", "negated": "bool",
    "directness": "float64", "sentiment": "float64",
}


def _typed(cols: dict, index=None) -> dict:
    out = {}
    for c, vals in cols.items():
        dtype = _FEATURE_DTYPES.get(c, "int64")
        if dtype == "string":
            out[c] = pd.Series(pd.array(vals, dtype=pd.StringDtype()), index=index)
        else:
            out[c] = pd.Series(vals, dtype=dtype, index=index)
    return out


def statement_features(statements: pd.DataFrame, *, lexicon: LexiconLike = None,
                       verbs: LexiconLike = None) -> pd.DataFrame:
    """How each statement is reported and how its speaker speaks.

    Args:
        statements: the statements table: ``article_id, statement_id, content`` and
            ``cue_class`` or ``cue`` (``cue`` also picks per-cue stances; ``mode`` makes
            direct quotes count as quoted throughout).
        lexicon: word lexicon (path to a YAML file or a mapping) extending
            ``toolkit/data/hedges.yaml``.
        verbs: reporting-verb lexicon used when a cue class must be looked up from ``cue``
            (default ``toolkit/data/reporting_verbs.yaml``).

    Returns:
        New frame keyed by ``article_id, statement_id`` (sorted by them), then
        :data:`FEATURE_COLUMNS`: ``cue_class`` and the ``stance`` it implies; ``n_words``,
        ``n_quoted_words`` and ``directness`` (quoted share of the words, NaN without
        words); ``n_hedges``/``hedges``, ``n_boosters``/``boosters``, ``n_modals``/``modals``
        (the words found, "; "-joined, lower case, in text order); ``negated`` and
        ``negations``; ``sentiment`` (VADER compound of the content); ``n_evaluative``,
        ``evaluative``, ``n_positive``, ``n_negative`` (evaluative terms by polarity);
        ``self_reference`` (we/us/our...) and ``first_person`` (I/me/my...) counts.

    Raises:
        ValueError: a missing column (the message names it).

    Example:
        >>> st = pd.DataFrame({"article_id": ["a"], "statement_id": [0], "cue": ["claim"],
        ...                    "mode": ["direct"], "content": ["We will clearly not accept it"]})
        >>> f = statement_features(st)
        >>> f[["stance", "boosters", "modals", "negated", "self_reference"]].values.tolist()
        [['distancing', 'clearly', 'will', True, 1]]
    """
    _require(statements, ["article_id", "statement_id", "content"])
    if "cue_class" not in statements.columns and "cue" not in statements.columns:
        raise ValueError("statements frame has no column 'cue_class' (nor 'cue' to look it up)")
    cols = _feature_columns(statements, lexicon=lexicon, verbs=verbs)
    out = pd.DataFrame({
        "article_id": pd.Series(pd.array([None if is_missing(a) else str(a) for a in statements["article_id"]],
                                         dtype=pd.StringDtype())),
        "statement_id": pd.Series(pd.array(list(statements["statement_id"]), dtype="Int64")),
        **_typed(cols),
    })
    return out.sort_values(["article_id", "statement_id"], kind="mergesort").reset_index(drop=True)


def with_features(statements: pd.DataFrame, *, lexicon: LexiconLike = None, verbs: LexiconLike = None) -> pd.DataFrame:
    """The statements with the :func:`statement_features` columns added (a new frame).

    Columns the statements already have (``cue_class``) are kept as they are, except that
    missing cue classes are filled from the cue. Only ``content`` is required.

    Example:
        >>> with_features(st)[["speaker", "n_hedges", "sentiment"]]  # doctest: +SKIP
    """
    _require(statements, ["content"])
    cols = _typed(_feature_columns(statements, lexicon=lexicon, verbs=verbs), index=statements.index)
    out = statements.copy()
    for c, s in cols.items():
        out[c] = s
    return out


def _ensure_features(statements: pd.DataFrame, needed: Sequence[str], *, lexicon=None, verbs=None) -> pd.DataFrame:
    if all(c in statements.columns for c in needed) and lexicon is None:
        return statements
    return with_features(statements, lexicon=lexicon, verbs=verbs)


# =========================================================================== aggregations


def _group_rows(frame: pd.DataFrame, by: str) -> dict:
    """label -> list of row positions, labels from :func:`_labels`."""
    groups: dict = {}
    for i, lab in enumerate(_by_labels(frame, by)):
        groups.setdefault(lab, []).append(i)
    return groups


def _sorted_by_size(out: pd.DataFrame, by: str, size: str = "n_statements") -> pd.DataFrame:
    if out.empty:
        return out.reset_index(drop=True)
    return out.sort_values([size, by], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _top_words(joined: Iterable, k: int = 3) -> str:
    c = Counter(w for s in joined if not is_missing(s) and s for w in str(s).split("; "))
    return "; ".join(w for w, _ in sorted(c.items(), key=lambda x: (-x[1], x[0]))[:k])


def hedging_by_speaker(statements: pd.DataFrame, *, by: str = "speaker", lexicon: LexiconLike = None) -> pd.DataFrame:
    """Hedges, boosters, modals and negation per speaker (or another column).

    Args:
        statements: the statements table (``by`` and ``content``), with or without the
            :func:`statement_features` columns (computed when absent).
        by: grouping column.
        lexicon: word lexicon extending ``toolkit/data/hedges.yaml``.

    Returns:
        New frame ``[by, n_statements, n_words, n_hedges, n_boosters, n_modals,
        hedges_per_100_words, boosters_per_100_words, hedged_share, boosted_share,
        negated_share, top_hedges, top_boosters]``; shares are of statements; sorted by
        ``n_statements`` (descending) then label.

    Example:
        >>> hedging_by_speaker(st)[["speaker", "n_boosters"]].values.tolist()  # doctest: +SKIP
        [['Peskov', 1]]
    """
    _require(statements, [by, "content"])
    f = _ensure_features(statements, ["n_words", "n_hedges", "n_boosters", "n_modals", "negated", "hedges",
                                      "boosters"], lexicon=lexicon)
    rows = []
    for lab, idx in _group_rows(f, by).items():
        g = f.iloc[idx]
        n, w = len(g), int(g["n_words"].sum())
        nh, nb = int(g["n_hedges"].sum()), int(g["n_boosters"].sum())
        rows.append({by: lab, "n_statements": n, "n_words": w, "n_hedges": nh, "n_boosters": nb,
                     "n_modals": int(g["n_modals"].sum()),
                     "hedges_per_100_words": 100 * nh / w if w else float("nan"),
                     "boosters_per_100_words": 100 * nb / w if w else float("nan"),
                     "hedged_share": float((g["n_hedges"] > 0).mean()),
                     "boosted_share": float((g["n_boosters"] > 0).mean()),
                     "negated_share": float(g["negated"].astype(bool).mean()),
                     "top_hedges": _top_words(g["hedges"]), "top_boosters": _top_words(g["boosters"])})
    cols = [by, "n_statements", "n_words", "n_hedges", "n_boosters", "n_modals", "hedges_per_100_words",
            "boosters_per_100_words", "hedged_share", "boosted_share", "negated_share", "top_hedges",
            "top_boosters"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({c: "int64" for c in cols[1:6]} | {c: "float64" for c in cols[6:11]})
    out[by] = out[by].astype(object)
    return _sorted_by_size(out, by)


def sentiment_by_speaker(statements: pd.DataFrame, *, by: str = "speaker", lexicon: LexiconLike = None,
                         threshold: float = 0.05) -> pd.DataFrame:
    """Sentiment (VADER compound of the content) and evaluative terms per speaker.

    Args:
        statements: the statements table (``by`` and ``content``), with or without the
            feature columns.
        by: grouping column.
        lexicon: word lexicon extending ``toolkit/data/hedges.yaml``.
        threshold: a statement is positive above ``threshold``, negative below its
            negative (VADER's convention: 0.05).

    Returns:
        New frame ``[by, n_statements, mean_sentiment, median_sentiment, positive_share,
        negative_share, n_evaluative, n_positive, n_negative, top_evaluative]``, sorted by
        ``n_statements`` (descending) then label.

    Example:
        >>> sentiment_by_speaker(st)[["speaker", "mean_sentiment"]]  # doctest: +SKIP
    """
    _require(statements, [by, "content"])
    f = _ensure_features(statements, ["sentiment", "n_evaluative", "n_positive", "n_negative", "evaluative"],
                         lexicon=lexicon)
    rows = []
    for lab, idx in _group_rows(f, by).items():
        g = f.iloc[idx]
        s = pd.to_numeric(g["sentiment"], errors="coerce").astype("float64")
        ok = s.dropna()
        rows.append({by: lab, "n_statements": len(g),
                     "mean_sentiment": float(ok.mean()) if len(ok) else float("nan"),
                     "median_sentiment": float(ok.median()) if len(ok) else float("nan"),
                     "positive_share": float((ok > threshold).mean()) if len(ok) else float("nan"),
                     "negative_share": float((ok < -threshold).mean()) if len(ok) else float("nan"),
                     "n_evaluative": int(g["n_evaluative"].sum()), "n_positive": int(g["n_positive"].sum()),
                     "n_negative": int(g["n_negative"].sum()), "top_evaluative": _top_words(g["evaluative"])})
    cols = [by, "n_statements", "mean_sentiment", "median_sentiment", "positive_share", "negative_share",
            "n_evaluative", "n_positive", "n_negative", "top_evaluative"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({"n_statements": "int64", "mean_sentiment": "float64", "median_sentiment": "float64",
                      "positive_share": "float64", "negative_share": "float64", "n_evaluative": "int64",
                      "n_positive": "int64", "n_negative": "int64"})
    out[by] = out[by].astype(object)
    return _sorted_by_size(out, by)


def _class_order(column: str, values: Iterable[str]) -> list[str]:
    from .statements import _load_yaml, DEFAULT_LEXICON

    raw = _load_yaml(str(DEFAULT_LEXICON))
    canon = [str(c) for c in (raw.get("classes") or {})]
    if column == "stance":
        lex = load_words()
        canon = list(dict.fromkeys([lex.stance_classes.get(c, c) for c in canon] + list(lex.stance_cues.values())))
    present = set(values)
    order = [c for c in canon if c in present]
    order += sorted(v for v in present if v not in order and v != UNKNOWN)
    return order + ([UNKNOWN] if UNKNOWN in present else [])


def reporting_profile(statements: pd.DataFrame, *, by: str = "speaker", column: str = "cue_class",
                      normalize: bool = False) -> pd.DataFrame:
    """Reporting-verb classes (or stances) per speaker: how each actor is reported.

    Args:
        statements: the statements table (``by`` and ``column``; ``cue_class`` is looked up
            from ``cue`` where missing, ``stance`` computed when absent).
        by: row grouping column.
        column: ``"cue_class"`` (default) or ``"stance"`` (or any categorical column).
        normalize: shares of each row's statements instead of counts.

    Returns:
        New frame ``[by, n_statements, <class>...]``, classes in the lexicon's order
        (neutral, emphatic, distancing, ...; only those present; missing ones last as
        :data:`UNKNOWN`), rows sorted by ``n_statements`` (descending) then label.

    Example:
        >>> reporting_profile(st, normalize=True)  # doctest: +SKIP
    """
    if column == "stance" and "stance" not in statements.columns:
        _require(statements, [by, "content"])
        statements = with_features(statements)
    elif column == "cue_class" and "cue_class" not in statements.columns and "cue" in statements.columns:
        statements = statements.assign(cue_class=_cue_classes(statements, None))
    _require(statements, [by, column])
    vals = list(_labels(statements[column]))
    if column == "cue_class" and "cue" in statements.columns:
        filled = _cue_classes(statements, None)
        vals = [UNKNOWN if f is None else f for f in filled]
    labels = list(_by_labels(statements, by))
    order = _class_order(column, vals)
    table: dict = {}
    for lab, v in zip(labels, vals):
        table.setdefault(lab, Counter())[v] += 1
    out = pd.DataFrame({by: pd.Series(list(table), dtype=object),
                        "n_statements": pd.Series([sum(c.values()) for c in table.values()], dtype="int64")})
    for c in order:
        counts = pd.Series([table[r][c] for r in table], dtype="int64")
        out[c] = (counts / out["n_statements"]).astype("float64") if normalize else counts
    return _sorted_by_size(out, by)


def direct_quote_share(statements: pd.DataFrame, *, by: str = "speaker") -> pd.DataFrame:
    """How directly each speaker is quoted: statements by mode and quoted words.

    Returns:
        New frame ``[by, n_statements, n_direct, n_mixed, n_indirect, direct_share,
        n_words, n_quoted_words, quoted_word_share]``: ``direct_share`` is the share of
        statements quoted throughout, ``quoted_word_share`` the share of their words inside
        quotation marks (the speaker's own words); sorted by ``n_statements`` (descending)
        then label.

    Example:
        >>> direct_quote_share(st)[["speaker", "direct_share"]]  # doctest: +SKIP
    """
    _require(statements, [by, "mode", "content"])
    labels = list(_by_labels(statements, by))
    modes = [None if is_missing(m) else str(m) for m in statements["mode"]]
    if "n_words" in statements.columns and "n_quoted_words" in statements.columns:
        nw, nq = list(statements["n_words"]), list(statements["n_quoted_words"])
    else:
        nw = [word_count(c) for c in statements["content"]]
        nq = [quoted_word_count(c, m) for c, m in zip(statements["content"], modes)]
    acc: dict = {}
    for lab, m, w, q in zip(labels, modes, nw, nq):
        a = acc.setdefault(lab, [0, 0, 0, 0, 0, 0])
        a[0] += 1
        a[1] += m == "direct"
        a[2] += m == "mixed"
        a[3] += m == "indirect"
        a[4] += int(w)
        a[5] += int(q)
    rows = [{by: lab, "n_statements": a[0], "n_direct": a[1], "n_mixed": a[2], "n_indirect": a[3],
             "direct_share": a[1] / a[0], "n_words": a[4], "n_quoted_words": a[5],
             "quoted_word_share": a[5] / a[4] if a[4] else float("nan")} for lab, a in acc.items()]
    cols = [by, "n_statements", "n_direct", "n_mixed", "n_indirect", "direct_share", "n_words",
            "n_quoted_words", "quoted_word_share"]
    out = pd.DataFrame(rows, columns=cols).astype(
        {"n_statements": "int64", "n_direct": "int64", "n_mixed": "int64", "n_indirect": "int64",
         "direct_share": "float64", "n_words": "int64", "n_quoted_words": "int64", "quoted_word_share": "float64"})
    out[by] = out[by].astype(object)
    return _sorted_by_size(out, by)


# =========================================================================== per article: terms


def _texts_of(articles_text) -> list[tuple[str, str]]:
    if isinstance(articles_text, Mapping):
        return [(str(k), "" if is_missing(v) else str(v)) for k, v in articles_text.items()]
    if isinstance(articles_text, pd.Series):
        return [(str(k), "" if is_missing(v) else str(v)) for k, v in articles_text.items()]
    if isinstance(articles_text, pd.DataFrame):
        _require(articles_text, ["article_id", "text"], name="articles")
        return [(str(k), "" if is_missing(v) else str(v)) for k, v in zip(articles_text["article_id"], articles_text["text"])]
    if hasattr(articles_text, "text") and hasattr(articles_text, "article_id"):  # one Article
        return [(str(articles_text.article_id), articles_text.text or "")]
    if hasattr(articles_text, "table") and hasattr(articles_text, "_texts"):  # a Corpus: no rebuild per article
        ids = list(articles_text.table("articles")["article_id"])
        return [(str(k), v or "") for k, v in zip(ids, articles_text._texts)]
    if isinstance(articles_text, (str, bytes)):
        raise TypeError("article_terms needs a mapping article_id -> text, a corpus or articles, not a string")
    out = []
    for item in articles_text:
        if hasattr(item, "text") and hasattr(item, "article_id"):
            out.append((str(item.article_id), item.text or ""))
        else:
            k, v = item
            out.append((str(k), "" if is_missing(v) else str(v)))
    return out


def article_terms(articles_text, *, lexicon: LexiconLike = None) -> pd.DataFrame:
    """Contested and framing terms in each article, one row per occurrence (long form).

    Args:
        articles_text: a mapping ``article_id -> text``, a :class:`~toolkit.Corpus`, an
            :class:`~toolkit.Article` or an iterable of them / of ``(article_id, text)``
            pairs, or a frame with ``article_id, text``.
        lexicon: a YAML file (or mapping) extending ``toolkit/data/contested_terms.yaml``.

    Returns:
        New frame ``[article_id, group, term, side, start_char, end_char, text]``: the
        group ("war_name", "kyiv", ...), the variant used (``term``), whose vocabulary it is
        (``side``), its offsets in the text and the words as written; sorted by
        ``article_id`` then position.

    Example:
        >>> t = article_terms({"a": "Talks in Kyiv on the war; Moscow's special military operation."})
        >>> t[["group", "term", "side"]].values.tolist()
        [['kyiv', 'Kyiv', 'UA'], ['war_name', 'war', 'neutral'], ['war_name', 'special military operation', 'RU']]
    """
    lex = load_terms(lexicon)
    rows = []
    for aid, text in _texts_of(articles_text):
        for h in lex.matcher.find(text):
            group, term, side = h.payload
            rows.append((aid, group, term, side, h.start, h.end, h.text))
    rows.sort(key=lambda r: (r[0], r[4], r[5]))
    cols = list(zip(*rows)) if rows else [[] for _ in TERM_COLUMNS]
    data = {}
    for name, vals in zip(TERM_COLUMNS, cols):
        dtype = "int64" if name in ("start_char", "end_char") else pd.StringDtype()
        data[name] = pd.Series(pd.array(list(vals), dtype=dtype))
    return pd.DataFrame(data)


def _with_by(terms: pd.DataFrame, by: str, articles: Optional[pd.DataFrame]) -> pd.DataFrame:
    _require(terms, ["article_id", "group", "term", "side"], name="terms")
    if by in terms.columns:
        return terms
    if articles is None:
        raise ValueError(f"terms frame has no column {by!r} (pass articles= with article_id and {by!r})")
    _require(articles, ["article_id", by], name="articles")
    lookup = {str(a): v for a, v in zip(articles["article_id"], articles[by])}
    out = terms.copy()
    out[by] = [lookup.get(str(a)) for a in terms["article_id"]]
    return out


def term_usage(terms: pd.DataFrame, by: str = "source", *, articles: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Which variant of each contested term each outlet (or article, speaker...) uses.

    Args:
        terms: :func:`article_terms` output.
        by: grouping column, taken from ``terms`` or, when absent there, joined from
            ``articles`` on ``article_id`` (``"source"`` needs the articles table).
        articles: the articles table (``article_id`` and ``by``).

    Returns:
        New frame ``[by, group, term, side, n, n_articles, share]``: occurrences, articles
        using the variant, and its share of the group's occurrences for that ``by`` value;
        sorted by ``by``, group, ``n`` (descending), term.

    Raises:
        ValueError: a missing column (named), e.g. ``source`` without ``articles``.

    Example:
        >>> term_usage(terms, articles=corpus.articles)  # doctest: +SKIP
    """
    t = _with_by(terms, by, articles)
    labels = list(_labels(t[by]))
    acc: dict = {}
    arts: dict = {}
    for lab, aid, g, term, side in zip(labels, t["article_id"], t["group"], t["term"], t["side"]):
        key = (lab, str(g), str(term), "neutral" if is_missing(side) else str(side))
        acc[key] = acc.get(key, 0) + 1
        arts.setdefault(key, set()).add(str(aid))
    group_tot: dict = {}
    for (lab, g, _, _), n in acc.items():
        group_tot[(lab, g)] = group_tot.get((lab, g), 0) + n
    rows = [{by: k[0], "group": k[1], "term": k[2], "side": k[3], "n": n, "n_articles": len(arts[k]),
             "share": n / group_tot[(k[0], k[1])]} for k, n in acc.items()]
    out = pd.DataFrame(rows, columns=[by, "group", "term", "side", "n", "n_articles", "share"]).astype(
        {"n": "int64", "n_articles": "int64", "share": "float64"})
    out[by] = out[by].astype(object)
    if out.empty:
        return out
    return out.sort_values([by, "group", "n", "term"], ascending=[True, True, False, True],
                           kind="mergesort").reset_index(drop=True)


def _side_order(sides: Iterable[str]) -> list[str]:
    s = set(sides)
    return sorted(x for x in s if x != "neutral") + (["neutral"] if "neutral" in s else [])


def term_usage_by_outlet(terms: pd.DataFrame, articles: Optional[pd.DataFrame] = None, *,
                         by: str = "source") -> pd.DataFrame:
    """Whose vocabulary each outlet (or article: ``by="article_id"``) uses.

    Args:
        terms: :func:`article_terms` output.
        articles: the articles table; needed when ``by`` is not a column of ``terms``,
            and then also counts the outlet's articles without any contested term.
        by: grouping column (``"source"``, ``"article_id"``, ...).

    Returns:
        New frame ``[by, n_articles, n_terms, n_<side>..., leaning, leaning_share]``:
        occurrences per side (sides sorted, ``neutral`` last); ``leaning`` is the side
        with most non-neutral occurrences ("mixed" on a tie, missing when there are none)
        and ``leaning_share`` its share of the non-neutral occurrences. Sorted by ``by``.

    Example:
        >>> term_usage_by_outlet(terms, corpus.articles)  # doctest: +SKIP
    """
    t = _with_by(terms, by, articles)
    sides = _side_order("neutral" if is_missing(s) else str(s) for s in t["side"])
    labels = list(_labels(t[by]))
    counts: dict = {}
    arts: dict = {}
    for lab, aid, side in zip(labels, t["article_id"], t["side"]):
        counts.setdefault(lab, Counter())["neutral" if is_missing(side) else str(side)] += 1
        arts.setdefault(lab, set()).add(str(aid))
    if articles is not None and by in articles.columns and "article_id" in articles.columns:
        for lab, aid in zip(_labels(articles[by]), articles["article_id"]):
            counts.setdefault(lab, Counter())
            arts.setdefault(lab, set()).add(str(aid))
    rows = []
    for lab in sorted(counts):
        c = counts[lab]
        row = {by: lab, "n_articles": len(arts.get(lab, ())), "n_terms": sum(c.values())}
        for s in sides:
            row[f"n_{s}"] = c.get(s, 0)
        partisan = {s: c[s] for s in sides if s != "neutral" and c.get(s, 0)}
        tot = sum(partisan.values())
        if not tot:
            row["leaning"], row["leaning_share"] = None, float("nan")
        else:
            top = max(partisan.values())
            winners = sorted(s for s, n in partisan.items() if n == top)
            row["leaning"] = winners[0] if len(winners) == 1 else "mixed"
            row["leaning_share"] = top / tot
        rows.append(row)
    cols = [by, "n_articles", "n_terms", *[f"n_{s}" for s in sides], "leaning", "leaning_share"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({c: "int64" for c in cols[1:-2]} | {"leaning_share": "float64"})
    out[by] = out[by].astype(object)
    out["leaning"] = out["leaning"].astype(object)
    return out.reset_index(drop=True)
