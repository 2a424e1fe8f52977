"""Temporal expressions: find them in a parsed article and normalise them, TIMEX3 style.

Detection starts from token patterns (a spaCy ``Matcher`` built once per vocabulary from the
lexicon ``toolkit/data/dates.yaml``) and adds spaCy's own ``DATE``/``TIME`` entities that
the patterns missed, when a temporal word can be read in them. Normalisation follows the
TimeML / TempEval-3 conventions: calendar values (``2025-06-02``, ``2025-W23``, ``2022-02``,
``2022``, ``199``), durations (``P8Y``, ``PT3H``), sets (``P1D``) and the reference values
``PRESENT_REF``, ``PAST_REF`` and ``FUTURE_REF``. Expressions relative to the publication
date (weekdays, "next week", "yesterday", a month without a year) are resolved against
``published`` and the tense of their clause; without ``published`` they keep ``X``
placeholders (``XXXX-WXX-5``, ``XXXX-06-02``).

Example:
    >>> from toolkit.models import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("The talks will take place next week, after eight years of conflict.")
    >>> [(d.text, d.type, d.value) for d in extract_dates(doc, published=dt.date(2025, 5, 30))]
    [('next week', 'DATE', '2025-W23'), ('eight years', 'DURATION', 'P8Y')]
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import numpy
from spacy.attrs import LOWER, NORM, ORTH, POS, TAG
from spacy.lang.en.lex_attrs import like_num as _like_num
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from .paths import LEXICON_DIR
from .types import DateExpr
from .words import DAY_ORDINALS as _DAY_ORDINALS
from .words import TEEN_WORDS as _TEEN_WORDS
from .words import TENS as _TENS
from .words import UNIT_WORDS as _UNIT_WORDS
from .yamlfiles import read_mapping

__all__ = ["extract_dates", "load_lexicon", "reanchor_in_quotes", "value_bounds"]

LEXICON_PATH = LEXICON_DIR / "dates.yaml"

_DAY_RE = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?$", re.I)
_YEAR_RE = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
_DECADE_RE = re.compile(r"^((1[0-9]|20)[0-9]0)'?s$", re.I)
#: a year or decade with its modifier in one token ("mid-1996", "the mid-1990s", "post-1959")
_MOD_YEAR_RE = re.compile(r"^(early|mid|late|post|pre)-((1[0-9]|20)[0-9]{2})('?s)?$", re.I)
_DECADE_WORDS = {"thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                 "nineties": 9}
_CLOCK_RE = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")
_DIGITS_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_ISO_RE = re.compile(r"^(1[0-9]{3}|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
_QUARTER_RE = re.compile(r"^q([1-4])$", re.I)

_RANGE_WORDS = {"-", "–", "—", "to", "through", "until", "till", "and"}
_REL_WORDS = {"this", "last", "next", "past", "coming", "previous", "preceding", "following",
              "recent", "current", "that", "same"}
_MOD_WORDS = {"early", "mid", "late", "earlier", "later", "end", "beginning", "start", "middle"}
_REL_UNITS = {"week", "month", "year", "weekend", "quarter", "decade", "century"}
_AMPM = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m"}
_BLOCK_ENTS = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "LOC",
               "MONEY", "PERCENT", "QUANTITY"}


# --------------------------------------------------------------------------------------------
# lexicon


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Union[str, Path, None] = None) -> dict:
    """The lexicon of month names, units, reference words ... (``toolkit/data/dates.yaml``).

    Args:
        path: another YAML file with the same keys; default the packaged one.

    Example:
        >>> load_lexicon()["months"]["june"]
        6
    """
    lex = read_mapping(path or LEXICON_PATH, what="dates")
    for key in ("ambiguous_months", "month_cues", "clock_units", "number_only_units",
                "duration_modifiers", "time_zones", "name_heads", "leading_prepositions",
                "set_event_nouns", "nowadays_verbs", "nowadays_cues", "duration_verbs", "refusal_verbs",
                "deadline_verbs", "same_form_past"):
        lex[key] = {str(x).lower() for x in lex.get(key) or []}
    lex["refs"] = {str(k).lower(): v for k, v in (lex.get("refs") or {}).items()}
    lex["ref_adjectives"] = {str(k).lower(): v for k, v in (lex.get("ref_adjectives") or {}).items()}
    lex["reference_words"] = _reference_options(lex.get("reference_words") or {})
    # keys as the tokenizer splits them ("new year 's day")
    lex["holidays"] = {str(k).lower().replace("'s", " 's"): str(v) for k, v in (lex.get("holidays") or {}).items()}
    lex["numbers"] = {str(k).lower(): v for k, v in (lex.get("numbers") or {}).items()}
    lex["ordinals"] = {str(k).lower(): v for k, v in (lex.get("ordinals") or {}).items()}
    return lex


def _reference_options(raw: dict) -> dict:
    """The ``reference_words`` switches of the lexicon, with their defaults."""
    return {
        "enabled": bool(raw.get("enabled", True)),
        "discourse_now": bool(raw.get("discourse_now", True)),
        "fixed_terms": {str(k).lower(): frozenset(str(x).lower() for x in v or [])
                        for k, v in (raw.get("fixed_terms") or {}).items()},
        "past_now_modifiers": frozenset(str(x).lower() for x in raw.get("past_now_modifiers") or []),
    }


LEX = load_lexicon()

# token classes, for the matcher ("|MONTH|DAY|") ---------------------------------------------


def _is_titled(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _token_classes(tok: Token) -> str:
    return _classes_of(tok.text, tok.tag_, tok.pos_)


@functools.lru_cache(maxsize=65536)
def _classes_of(text: str, tag: str, pos: str) -> str:
    """The token classes of a word (cached: the matcher asks for them many times)."""
    w = text.lower()
    titled = text[:1].isupper()
    cls = []
    if w in LEX["months"] and titled and not tag.startswith(("MD", "VB")):
        cls.append("MONTH")
    if w in LEX["weekdays"] and titled:
        cls.append("WD")
    if _DAY_RE.match(w):
        cls.append("DAY")
    if _YEAR_RE.match(w):
        cls.append("YEAR")
    if _DECADE_RE.match(w):
        cls.append("DECADE")
    m = _MOD_YEAR_RE.match(w)
    if m:
        cls.append("DECADE" if m[4] else "YEAR")
    if w in LEX["numbers"] and w not in ("a", "an", "half") and LEX["numbers"][w] != "X":
        cls.append("NUM")
    elif _DIGITS_RE.match(w) or (_like_num(text) and w not in LEX["ordinals"] and not w.endswith(("st", "nd", "rd", "th"))):
        cls.append("NUM")
    elif "-" in w and all(p in LEX["numbers"] for p in w.split("-") if p):
        cls.append("NUM")
    if w in ("a", "an"):
        cls.append("ART")
    if w in LEX["numbers"] and LEX["numbers"][w] == "X":
        cls.append("VAGUE")
    if w in LEX["units"] and tag not in ("JJ", "JJR", "JJS", "RB"):
        cls.append("UNIT")
        if w not in LEX["number_only_units"]:
            cls.append("UNITA")  # may follow "a", "several"
        if w.endswith("s") or w == "centuries":
            cls.append("UNITP")
    if w in _REL_UNITS:
        cls.append("RUNIT")
    if w in LEX["ordinals"]:
        cls.append("ORD")
    if w in LEX["deictic_days"]:
        cls.append("DEIC")
    if w in LEX["parts_of_day"] and w not in ("tonight", "overnight"):
        cls.append("POD")
    if w in LEX["seasons"] and not (w == "fall" and pos == "VERB"):
        cls.append("SEASON")
    if w in LEX["set_words"]:
        cls.append("SETW")
    if _CLOCK_RE.match(w) and ":" in w:
        cls.append("CLOCK")
    if w in _AMPM:
        cls.append("AMPM")
    if w in LEX["time_zones"]:
        cls.append("TZ")
    if w in _REL_WORDS:
        cls.append("REL")
    if w in _MOD_WORDS:
        cls.append("MOD")
    if _ISO_RE.match(w):
        cls.append("ISO")
    return "|" + "|".join(cls) + "|"


if not Token.has_extension("tkdate_cls"):
    Token.set_extension("tkdate_cls", getter=_token_classes)


def _c(name: str, op: Optional[str] = None) -> dict:
    # The classes are read from NORM, where :func:`_candidates` puts them for the time of the
    # match: a native attribute costs the matcher far less than a ``Token._`` extension.
    d: dict = {"NORM": {"REGEX": rf"\|{name}\|"}}
    if op:
        d["OP"] = op
    return d


def _w(words, op: Optional[str] = None) -> dict:
    d: dict = {"LOWER": {"IN": sorted(words)} if not isinstance(words, str) else words}
    if op:
        d["OP"] = op
    return d


#: pieces the pattern tables share
_THE = _w("the", "?")
_COMMA = {"ORTH": ",", "OP": "?"}
_QTY = {"NORM": {"REGEX": r"\|(NUM|VAGUE)\|"}, "OP": "+"}
_DUR_REL = _w({"next", "past", "last", "coming", "first", "previous", "following", "final", "recent"})


def _date_patterns() -> list[list[dict]]:
    """Calendar dates, relative dates ("next week") and offsets ("two years ago")."""
    the, comma, qty = _THE, _COMMA, _QTY
    return [
        [the, _c("DAY"), _w("of", "?"), _c("MONTH"), comma, _c("YEAR", "?")],
        [_c("WD"), comma, the, _c("DAY"), _w("of", "?"), _c("MONTH"), _c("YEAR", "?")],
        [_c("MONTH"), _c("DAY"), comma, _c("YEAR", "?")],
        [_c("WD"), comma, _c("MONTH"), _c("DAY"), comma, _c("YEAR", "?")],
        [_c("MONTH"), _w("of", "?"), _c("YEAR")],
        # "March eighth", "the eighth of March": days in words, as transcripts write them
        [_c("MONTH"), _w({"twenty", "thirty"}, "?"), {"ORTH": "-", "OP": "?"}, _w(set(_DAY_ORDINALS))],
        [_w("the"), _w({"twenty", "thirty"}, "?"), {"ORTH": "-", "OP": "?"}, _w(set(_DAY_ORDINALS)),
         _w("of"), _c("MONTH")],
        [_w("this", "?"), _w("coming"), _c("WD")],
        [_w("the", "?"), {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}, _w("century")],
        [_w("fiscal"), _c("YEAR")],
        [_w("around", "?"), _w("year"), {"ORTH": {"IN": ["-", "'s"]}, "OP": "?"}, _w("end")],
        [_w("the"), _w({"full", "fiscal", "calendar"}, "?"), _w("year")],
        [_w("year"), {"ORTH": "-"}, _w({"ago", "earlier"})],
        [_c("MONTH"), _c("DAY", "?"), _w({"this", "last", "next"}), _w("year")],
        [_w("the"), _w("weekend")],
        [_c("MOD"), {"ORTH": "-", "OP": "?"}, _c("MONTH"), _c("YEAR", "?")],
        [_c("MOD"), {"ORTH": "-", "OP": "?"}, _c("YEAR")],
        [the, _w({"end", "beginning", "start", "middle"}), _w("of"), _c("MONTH", "?"), _c("YEAR")],
        [the, _w({"end", "beginning", "start", "middle"}), _w("of"), _c("MONTH")],
        [_c("MONTH")],
        [_c("YEAR")],
        [the, _c("DECADE")],
        [_w("the"), _w({"thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"})],
        [_c("MOD"), the, _c("DECADE")],
        [_c("ISO")],
        [the, _c("ORD"), {"ORTH": "-", "OP": "?"}, _w("quarter"), _w("of", "?"), _c("YEAR", "?")],
        [{"TEXT": {"REGEX": r"^Q[1-4]$"}}, _c("YEAR", "?")],
        [the, _w({"comparable", "corresponding", "same"}, "?"), _w("year"), {"ORTH": "-", "OP": "?"},
         _w({"ago", "earlier"}), _c("ORD", "?"), {"ORTH": "-", "OP": "?"}, _w({"quarter", "period"})],
        [the, _c("YEAR"), _c("ORD", "?"), {"ORTH": "-", "OP": "?"}, _w({"quarter", "period"})],
        # "the first half of 1990", "the first two quarters": a half year
        [_w("the"), _w({"first", "second", "latter", "last"}), _w("half"), _w("of", "?"), _c("YEAR", "?")],
        [_w("the"), _w({"first", "last"}), _w("two"), _w("quarters"), _w("of", "?"), _c("YEAR", "?")],
        # "the latest period", "the most recent period": the reporting period
        [_w("the"), _w({"latest", "most"}), _w("recent", "?"), _w("period")],
        # "the corresponding period last year", "the quarter a year ago": the period a year back
        *[[_w("the"), _w({"corresponding", "comparable", "same", "like"}, "?"), _w({"quarter", "period"}),
           _w("of", "?")] + back for back in (
            [_w("last"), _w("year")], [_w("a"), _w("year"), _w({"ago", "earlier", "before"})],
            [_w("the"), _w({"previous", "prior", "preceding"}), _w("year")])],
        [_w({"this", "last", "next", "current"}), _w("year"), _w("'s"), _c("ORD", "?"),
         {"ORTH": "-", "OP": "?"}, _w("quarter")],
        [the, _c("REL", "?"), _c("SEASON"), _w("of", "?"), _c("YEAR")],
        [_c("MOD", "?"), _w({"this", "last", "next"}), _c("SEASON")],
        [_w("the"), _c("MOD", "?"), _c("SEASON")],  # "into the summer", "the early summer"
        [_w({"last", "next", "this"}, "?"), _w({k for k in LEX["holidays"] if " " not in k})],
        *[[_w({"last", "next", "this"}, "?")] + [_w(w) for w in k.split()] for k in LEX["holidays"] if " " in k],
        # relative
        [_c("MOD", "?"), _w({"this", "last", "next", "that", "the"}), _c("RUNIT")],
        [_w("the", "?"), _w("current"), _w("fiscal", "?"), _c("RUNIT")],
        [_c("MOD"), _w("in"), _w("the"), _c("RUNIT")],
        [_w({"this", "last", "next"}), _c("WD")],
        [_w({"this", "last", "next"}), _c("MONTH")],
        [_w({"last", "next"}), _c("MONTH"), _c("DAY"), _COMMA, _c("YEAR", "?")],  # "last Oct. 23"
        [_c("DEIC")],
        [_w("the"), _w("day"), _w({"before", "after"}), _w({"yesterday", "tomorrow"})],
        [_w("the"), dict(_c("UNIT"), LOWER={"IN": ["day", "month", "week", "year"]}), _w({"before", "after"})],
        [_w({"by", "until", "till"}), _w("then")],
        [_c("WD")],
        [the, _w({"following", "next", "previous", "preceding", "same"}), _w({"day", "week", "month", "year", "weekend"})],
        [qty, _c("UNIT"), _w({"ago", "earlier", "later"})],
        [_c("ART"), _c("VAGUE", "?"), _c("UNITA"), _w({"ago", "earlier", "later"})],
        [_c("UNITP"), _w({"ago", "earlier", "later"})],
    ]


def _time_patterns() -> list[list[dict]]:
    """Clock times and parts of days ("3 p.m.", "this morning")."""
    return [
        [_c("CLOCK"), _c("AMPM", "?"), _c("TZ", "?")],
        [_c("CLOCK"), _c("AMPM", "?"), {"IS_TITLE": True, "OP": "?"}, _w("time")],
        [_c("CLOCK"), _c("AMPM", "?"), _w("local"), _w("time")],
        [_c("NUM"), _c("AMPM"), _c("TZ", "?")],
        [_c("NUM"), _w("o'clock")],
        [_w({"noon", "midnight", "overnight", "midday"})],
        [_c("DEIC"), _c("POD")],
        [_c("MOD", "?"), {"ORTH": "-", "OP": "?"}, _c("POD"), _c("DEIC")],  # "mid-afternoon yesterday"
        [_w({"this", "last", "that"}), _c("POD")],
        [_w("tonight")],
        [_c("WD"), _c("POD")],
        [_w({"earlier", "later"}), _w("that"), _c("POD")],
    ]


def _duration_patterns() -> list[list[dict]]:
    """Lengths of time ("eight years", "the past week", "a year or two")."""
    the, qty, dur_rel = _THE, _QTY, _DUR_REL
    return [
        [qty, {"ORTH": "-", "OP": "?"}, _c("UNIT")],
        [qty, _w("more"), _c("UNIT")],  # "for two more weeks"
        [_w({"for", "in", "after"}), _w("a"), _w("while")],
        [_w({"over", "through", "throughout"}), _w("the"), _w({"years", "decades", "months", "centuries"})],
        [_w("the"), _w({"days", "weeks", "months", "years"}), _w("ahead")],
        [_w("the"), dur_rel, qty, {"ORTH": "-", "OP": "?"}, _c("UNIT")],
        [_w({"next", "past", "last", "coming"}), qty, _c("UNIT")],
        [_c("ART"), _c("VAGUE", "?"), _c("UNITA")],
        [_w("the"), dur_rel, _c("ART"), _c("VAGUE", "?"), _c("UNITA")],
        [_w("the"), dur_rel, _c("ART", "?"), _w("couple"), _w("of"), _c("UNITA")],
        [_c("ART", "?"), _w("couple"), _w("of"), _c("UNITA")],
        [_c("VAGUE"), _c("UNITA")],
        [_w("the"), dur_rel, _c("VAGUE"), _c("UNITA")],
        [_w("the"), _w({"past", "last", "coming", "next", "previous", "recent", "following"}), _c("UNITP")],
        [_w({"recent", "coming"}), _c("UNITP")],
        [_w({"for", "over", "within"}), _w({"years", "months", "decades", "weeks", "days", "hours", "centuries"})],
        # "a year or two", "two or three weeks": a vague number of units
        [_c("ART"), _c("UNITA"), _w("or"), _w({"two", "three", "so"})],
        [_c("NUM"), _w("or"), _c("NUM"), _c("UNIT")],
        # "two to three weeks", "the next 12 to 18 months": a range, vague as a whole
        [_w("the", "?"), _w({"next", "past", "last", "coming", "first"}, "?"), _c("NUM"), _w("to"), _c("NUM"), _c("UNIT")],
        [_w("half"), _c("ART"), _c("UNITA")],
        [qty, _c("UNIT"), _w("and"), _w("a"), _w("half")],
        [_c("ART"), _c("UNITA"), _w("and"), _w("a"), _w("half")],
        [_w("the"), _w({"past", "last", "coming"}), _c("RUNIT")],
    ]


def _set_patterns() -> list[list[dict]]:
    """Recurring times ("every Monday", "twice a week", "on weekends")."""
    qty = _QTY
    return [
        [_w({"every", "each"}), _w("other", "?"), qty, _c("UNIT")],
        [_w({"every", "each"}), _w("other", "?"), _c("UNITA")],
        [_w({"every", "each"}), _c("WD")],
        [_w({"every", "each"}), _c("MONTH")],
        [{"LOWER": {"IN": [w + "s" for w in LEX["weekdays"]]}, "IS_TITLE": True}],
        [_w({"every", "each"}), _c("POD")],
        [_c("SETW")],
        [_w({"once", "twice", "thrice"}), _w({"a", "per", "every", "each"}), _c("UNITA")],
        [_c("NUM"), _w("times"), _w({"a", "per", "every", "each"}), _c("UNITA")],
        [_w("per"), _c("UNITA")],
        # "on a daily basis", "day after day", "each spring", "on weekends"
        [_c("ART"), _c("SETW"), _w("basis")],
        [dict(_c("UNIT"), LOWER={"IN": ["day", "month", "night", "week", "year"]}), _w("after"),
         _w({"day", "week", "month", "year", "night"})],
        [_w({"every", "each"}), _c("SEASON")],
        [_w({"every", "each"}), dict(_c("RUNIT"), LOWER="weekend")],
        [_w("weekends")],
    ]


def _ref_patterns() -> list[list[dict]]:
    """Reference words ("now", "recently", "the current") from the lexicon's ``refs``."""
    # one pattern for the one-word references (a pattern per word would cost the matcher
    # a state per word at every token)
    return ([[_w(w) for w in key.split()] for key in LEX["refs"] if " " in key] +
            [[_w({key for key in LEX["refs"] if " " not in key})]] +
            [[_w("then", "?"), {"LOWER": {"IN": sorted(LEX["ref_adjectives"])}, "TAG": "JJ", "DEP": "amod"}]])


def _patterns() -> dict[str, list[list[dict]]]:
    """The token patterns of each expression type, in the order the matcher indexes them."""
    return {"DATE": _date_patterns(), "TIME": _time_patterns(), "DURATION": _duration_patterns(),
            "SET": _set_patterns(), "REF": _ref_patterns()}


_MATCHERS: dict[tuple, tuple] = {}
#: window keys -> indices of the patterns that can match in such a window
_SUBSETS: dict[frozenset, tuple] = {}
_CLASS_RE = re.compile(r"^\\\|(\w+)\\\|$")


def _element_keys(spec: dict) -> Optional[frozenset]:
    """The window keys (see :func:`_window_keys`) one of which a token matching ``spec`` has,
    or ``None`` when the spec also matches tokens that start no window."""
    if "NORM" in spec:
        m = _CLASS_RE.match(spec["NORM"].get("REGEX", ""))
        if m is None:
            return None
        name = {"UNITA": "UNIT", "UNITP": "UNIT"}.get(m[1], m[1])
        return frozenset({name}) if f"|{name}|" in _STRONG_CLASSES else None
    if "TEXT" in spec:
        return frozenset({"QUARTER"})
    low = spec.get("LOWER")
    words = [low] if isinstance(low, str) else list((low or {}).get("IN", []))
    strong, _ = _strong_words()
    if words and all(w in strong for w in words):
        return frozenset("W:" + w for w in words)
    return None


@functools.lru_cache(maxsize=1)
def _pattern_index() -> list[tuple[str, list[dict], list[frozenset]]]:
    """Every pattern with the key sets of its required strong tokens: a pattern can only
    match in a window that has a key of each set."""
    out = []
    for label, pats in _patterns().items():
        for pat in pats:
            need = []
            for spec in pat:
                keys = _element_keys(spec)
                if keys is not None and spec.get("OP") in (None, "+", "!"):
                    need.append(keys)
            if label == "REF" and all(isinstance(sp.get("LOWER"), str) for sp in pat) and len(pat) > 1:
                need.append(frozenset({"P:" + " ".join(sp["LOWER"] for sp in pat)}))
            out.append((label, pat, need))
    return out


def _matcher(vocab, keys: frozenset) -> Matcher:
    """The matcher of the patterns that can match in a window with these keys, built once
    per vocabulary and key set and cached: a window with only a year in it is not tried
    against the patterns of clock times."""
    subset = _SUBSETS.get(keys)
    if subset is None:
        if len(_SUBSETS) > 65536:
            _SUBSETS.clear()
        subset = _SUBSETS[keys] = tuple(i for i, (_, _, need) in enumerate(_pattern_index())
                                        if all(n & keys for n in need))
    ck = (id(vocab), subset)  # many key sets select the same patterns: one matcher for them
    hit = _MATCHERS.get(ck)
    if hit is not None and hit[0] is vocab:
        return hit[1]
    m = Matcher(vocab)
    index = _pattern_index()
    for label in _patterns():  # labels and pattern words outlive a spaCy memory zone
        vocab.strings.add(label, allow_transient=False)
    for i in subset:
        label, pat, _ = index[i]
        for spec in pat:
            for w in ([spec["LOWER"]] if isinstance(spec.get("LOWER"), str) else []):
                vocab.strings.add(w, allow_transient=False)
        m.add(label, [pat])
    if len(_MATCHERS) > 1024:
        _MATCHERS.clear()
    _MATCHERS[ck] = (vocab, m)
    return m


# --------------------------------------------------------------------------------------------
# calendar helpers


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def value_bounds(value: str) -> tuple[Optional[dt.date], Optional[dt.date]]:
    """First and last calendar day a TIMEX3 calendar value covers (``None`` otherwise).

    Example:
        >>> value_bounds("2025-W23")
        (datetime.date(2025, 6, 2), datetime.date(2025, 6, 8))
    """
    v = value or ""
    try:
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$", v)
        if m:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        m = re.match(r"^(\d{4})-W(\d{2})(-WE|-(\d))?$", v)
        if m:
            mon = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3] == "-WE":
                return mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
            if m[4]:
                d = mon + dt.timedelta(days=int(m[4]) - 1)
                return d, d
            return mon, mon + dt.timedelta(days=6)
        m = re.match(r"^(\d{4})-(\d{2})$", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        m = re.match(r"^(\d{4})-Q([1-4])$", v)
        if m:
            y, q = int(m[1]), int(m[2])
            last = q * 3
            return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        m = re.match(r"^(\d{4})(-(SP|SU|FA|WI))?$", v)
        if m:
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = re.match(r"^(\d{3})$", v)
        if m:
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    except ValueError:
        pass
    return None, None


# --------------------------------------------------------------------------------------------
# tense of the clause a date belongs to

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_FUTURE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "slate", "intend", "aim", "hope",
                  "ready", "prepared", "prepare", "going", "upcoming", "forthcoming", "planned",
                  "propose", "invite", "agree"}


_MODALS = {"would", "could", "might", "may", "should", "must", "can", "ca"}
_PLAN_VERBS = {"plan", "schedule", "slate"}
#: Participles of arranged events take the tense of the clause they hang on ("is to host a
#: conference held on Thursday"); other participles report a done act ("issued Thursday").
_ARRANGED_LEMMAS = {"hold", "host", "convene", "organize", "organise", "stage", "call", "open"}
#: Verbs whose infinitive complement is still to come even when they are in the past.
_INTENT_LEMMAS = {"want", "seek", "try", "attempt", "decide", "promise", "pledge", "vow", "threaten",
                  "offer", "ask", "urge", "call", "order", "need", "wish"}


def _clause_tense(tok: Token, depth: int = 0) -> Optional[str]:
    """``"past"``, ``"future"``, ``"present"`` or ``None`` for the clause governing ``tok``."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            break
        if t.lower_ in ("upcoming", "forthcoming", "next", "planned", "scheduled"):
            return "future"
        if t.head.i == t.i:
            return None
        t = t.head
    else:
        return None
    if t.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    low = {a.lower_ for a in auxes}
    if low & _FUTURE_AUX:
        return "future"
    if low & _MODALS:  # "would be traveling Thursday"; "would have met" is past
        if low & {"could", "would"} and t.lemma_.lower() in LEX["refusal_verbs"] and _negated(t):
            return "past"  # "would not comment Friday", "could not be reached Tuesday": a refusal made
        return "past" if "have" in low and t.tag_ == "VBN" else "future"
    if t.lemma_ in _PLAN_VERBS and t.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
        return "future"  # "has scheduled a press briefing Thursday", "planned a rally on Saturday"
    if t.tag_ == "VBN" and t.lemma_ in _FUTURE_LEMMAS and not low & {"has", "have", "had"}:
        return "future"
    if "to" in low or t.tag_ == "VB" and t.dep_ == "xcomp":
        # "voted to back the measure Friday": the infinitive of a past, non-planning verb
        g = t.head
        # "had been due (scheduled) to expire Friday": planned, but in the past perfect
        gv = g.head if g.dep_ in ("acomp", "attr", "xcomp", "ccomp", "oprd") and g.pos_ not in ("VERB", "AUX") else g
        if g.i != t.i and any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in
                              list(g.children) + (list(gv.children) if gv is not g else [])):
            return "past"
        if g.i != t.i and g.pos_ not in ("VERB", "AUX") and gv is not g and g.lemma_ not in _FUTURE_LEMMAS and \
                g.lemma_ not in _INTENT_LEMMAS:
            g = gv  # "made it difficult to meet demand", "was able to attend": the verb of the adjective
        if g.i != t.i and g.pos_ in ("VERB", "AUX") and g.lemma_ not in _FUTURE_LEMMAS and \
                g.lemma_ not in _INTENT_LEMMAS and (g.tag_ == "VBD" or (g.tag_ == "VBN" and any(
                    c.lower_ in ("has", "have", "had", "was", "were") for c in g.children))):
            return "past"  # also a past passive: "was taken abroad to attend the May summit"
        return "future"
    if t.tag_ == "VBG" and low & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if low & {"has", "have", "had", "'ve", "did", "was", "were"} or t.tag_ == "VBD":
        return "past"
    if t.tag_ == "VBN" and not auxes:
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") and t.lemma_ not in _ARRANGED_LEMMAS \
                and t.lemma_ not in _FUTURE_LEMMAS:
            return "past"  # "the injunction issued Thursday"; but "a conference held on Thursday"
        if t.dep_ in ("acl", "relcl", "advcl") and depth < 3 and t.head.i != t.i and \
                (t.lemma_ in _ARRANGED_LEMMAS or t.lemma_ in _FUTURE_LEMMAS):
            return _clause_tense(t.head, depth + 1) or "past"
        return "past"  # "the decision, announced Wednesday, ...": a done act
    if t.tag_ == "VBG" and not auxes and depth < 3 and t.head.i != t.i and \
            t.dep_ in ("advcl", "pcomp", "acl", "xcomp", "conj"):
        # a participle clause ("with shareholders tendering their shares by the Tuesday
        # deadline") is in the time of the clause it hangs on
        return _clause_tense(t.head, depth + 1)
    if t.tag_ in ("VBZ", "VBP"):
        if t.lemma_ in ("be",) and any(c.dep_ == "xcomp" for c in t.children):
            return "future"
        if t.tag_ == "VBP" and t.lower_ in LEX["same_form_past"] and not auxes and \
                any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in t.children):
            return "past"  # "Weakness in chip stocks hurt the index on Friday": no present with that subject
        return "present"
    if t.tag_ == "VB":
        if low & {"would", "could", "might", "may", "should", "must", "can"}:
            return "future"
        if depth < 3 and t.head.i != t.i:
            return _clause_tense(t.head, depth + 1)
    return None


# --------------------------------------------------------------------------------------------
# normalisation


@dataclass
class _Ctx:
    published: Optional[dt.date]
    anchor: Optional[dt.date] = None  # last day-precision date mentioned
    tense: Optional[str] = None
    inherit: dict = field(default_factory=dict)
    last: Optional[tuple[int, Optional[int], Optional[int]]] = None  # (year, month, day) named last


def _num(words: list[str]) -> Union[float, str, None]:
    """The quantity of a duration's number words: ``["two", "a", "half"]`` -> 2.5, vague -> "X"."""
    ws = [w for w in words if w not in ("of", "and", "-")]
    if any(LEX["numbers"].get(w) == "X" for w in ws) and not (ws and ws[0] == "some" and len(ws) > 1):
        return "X"
    if "couple" in ws:
        return 2
    half = "half" in ws
    total: Optional[float] = None
    for w in ws:
        if w in ("a", "an", "half", "some"):
            continue
        v = LEX["numbers"].get(w)
        if v is None and "-" in w:
            parts = [LEX["numbers"].get(x) for x in w.split("-") if x]
            if parts and all(isinstance(x, (int, float)) for x in parts):
                v = sum(parts)
        if v is None and re.fullmatch(r"\d+/\d+", w) and int(w.split("/")[1]):
            a, b = w.split("/")
            v = int(a) / int(b)
            total = (total or 0) + v  # "2 1/2": added, never multiplied
            continue
        if v is None:
            try:
                v = float(w.replace(",", ""))
            except ValueError:
                continue
        if total is None:
            total = v
        elif v in (100, 12) and w in ("hundred", "dozen"):
            total *= v
        else:
            total += v
    if half:
        if total is None:  # "half an hour" 0.5, "a year and a half" 1.5
            return 1.5 if ws[0] in ("a", "an", "one") else 0.5
        return total + 0.5
    if total is None and any(w in ("a", "an") for w in ws):
        return 1
    return total


def _fmt_num(n) -> str:
    if n == "X" or n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


#: a fraction of a unit is written in the next smaller one, as TimeML does ("2 1/2 years" ->
#: P2Y6M, "half an hour" -> PT30M): (smaller unit, how many in one, clock unit?)
_SMALLER = {"CE": ("Y", 100), "DE": ("Y", 10), "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7),
            "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _duration_value(n, unit: str) -> str:
    if isinstance(n, float) and not n.is_integer() and unit in _SMALLER:
        small, k = _SMALLER[unit]
        whole, part = int(n), round((n - int(n)) * k)
        if unit in ("DE", "CE") and abs(n * k - round(n * k)) < 1e-6:
            return f"P{round(n * k)}Y"  # "a decade and a half": P15Y
        if abs(part - (n - int(n)) * k) < 1e-6:
            names = {"MIN": "M"}
            clock = {"H", "MIN", "S"}
            big = f"{whole}{names.get(unit, unit)}" if whole else ""
            if unit == "D":  # "a day and a half": P1DT12H
                return f"P{big}T{part}H"
            prefix = "PT" if unit in clock else "P"
            return f"{prefix}{big}{part}{names.get(small, small)}"
    if unit == "MIN":
        return f"PT{_fmt_num(n)}M"
    if unit in ("H", "S"):
        return f"PT{_fmt_num(n)}{unit}"
    if unit == "2W":
        return f"P{_fmt_num(n if n == 'X' else n * 2)}W"
    return f"P{_fmt_num(n)}{unit}"


_PRECISION_NEEDED = {"Y": 1, "DE": 1, "CE": 1, "M": 2, "Q": 2, "W": 3, "2W": 3, "D": 3, "H": 3, "MIN": 3, "S": 3}


def _last_as_base(last: Optional[tuple[int, Optional[int], Optional[int]]], unit: str) -> Optional[dt.date]:
    """The time named last as a date to count from, when it is precise enough for ``unit``
    ("in 2014 ... two years later" counts in years from 2014; weeks need a day)."""
    if last is None:
        return None
    y, m, d = last
    have = 1 + (m is not None) + (d is not None and m is not None)
    if have < _PRECISION_NEEDED.get(unit, 3):
        return None
    return _safe_date(y, m or 1, d or 1)


def _format_last(last: tuple[int, Optional[int], Optional[int]]) -> str:
    y, m, d = last
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")


#: "by then" / "until then" refer to a time named at most this many characters before (about
#: two sentences); further back, "then" is more often an event ("Until then" = until a deal)
_THEN_REACH = 250


def _narrative(words: list[str], ctx: "_Ctx") -> Optional[tuple]:
    """Narrative time, counted from the time named last in the text, not the publication.

    "by then" is that time (named at most ``_THEN_REACH`` characters before); "the day
    before" / "the week after" one unit from it. Returns ``()`` when such an expression has
    no time to count from (it is then left out), ``None`` for other expressions.

    Example:
        "The treaty was signed on March 3, 2019. The day before, ..." -> ``("DATE", "2019-03-02")``
    """
    if words == ["then"]:
        recent = ctx.inherit.get("_recent_last")
        return ("DATE", _format_last(recent)) if recent else ()
    if len(words) == 3 and words[0] == "the" and words[2] in ("before", "after") and \
            words[1] in ("day", "week", "month", "year"):
        unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[words[1]]
        base = ctx.anchor if unit in ("D", "W") else _last_as_base(ctx.last, unit)
        if base is None:
            return ()
        return "DATE", _unit_shift(base, words[1], 1 if words[2] == "after" else -1)
    return None


def _weekday_date(p: dt.date, wd: int, tense: Optional[str]) -> dt.date:
    delta = (wd - p.isoweekday()) % 7
    if tense == "future":
        return p + dt.timedelta(days=delta or 7)
    if tense == "present":
        return p + dt.timedelta(days=delta)
    return p - dt.timedelta(days=(p.isoweekday() - wd) % 7)


def _infer_year(p: dt.date, month: int, day: Optional[int], tense: Optional[str]) -> int:
    """The year of a month (and day) written without one.

    The nearest occurrence to the publication date, a past one preferred; the clause's tense
    moves it only when that occurrence is more than two months on the wrong side ("met on
    Dec. 3" written in February is last December; "will meet in March" written in
    November is next March).
    """
    best, dist, best_gap = p.year, None, 0
    for cand in (p.year - 1, p.year, p.year + 1):
        d = _safe_date(cand, month, day or 15)
        if d is None:
            continue
        gap = (d - p).days
        score = 2 * gap if gap > 0 else -gap  # news reports the past more than the future
        if dist is None or score < dist:
            best, dist, best_gap = cand, score, gap
    slack = 60 if day else 45
    if tense == "past" and best_gap > slack:
        return best - 1
    if tense == "future" and best_gap < -slack:
        return best + 1
    return best


def _shift_value(base: dt.date, n, unit: str, sign: int) -> str:
    if n == "X":
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    k = int(round(float(n))) * sign
    if unit == "Y":
        return f"{base.year + k:04d}"
    if unit == "M":
        y, m = _add_months(base.year, base.month, k)
        return f"{y:04d}-{m:02d}"
    if unit in ("W", "2W"):
        return _iso_week(base + dt.timedelta(weeks=k * (2 if unit == "2W" else 1)))
    if unit == "DE":
        return f"{(base.year + 10 * k) // 10:03d}"
    if unit == "CE":
        return f"{(base.year + 100 * k) // 100:02d}"
    if unit == "D":
        return (base + dt.timedelta(days=k)).isoformat()
    return base.isoformat()


def _unit_shift(base: dt.date, unit: str, k: int) -> str:
    if unit == "week":
        return _iso_week(base + dt.timedelta(weeks=k))
    if unit == "weekend":
        return _iso_week(base + dt.timedelta(weeks=k)) + "-WE"
    if unit == "month":
        y, m = _add_months(base.year, base.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "year":
        return f"{base.year + k:04d}"
    if unit == "quarter":
        q = (base.month - 1) // 3 + k
        return f"{base.year + q // 4:04d}-Q{q % 4 + 1}"
    if unit == "decade":
        return f"{base.year // 10 + k:03d}"
    if unit == "century":
        return f"{base.year // 100 + k:02d}"
    if unit == "day":
        return (base + dt.timedelta(days=k)).isoformat()
    return base.isoformat()


_UNRESOLVED_UNIT = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
                    "quarter": "XXXX-QX", "decade": "XXX", "century": "XX", "day": "XXXX-XX-XX"}


#: a resolver's answer "not mine, ask the next one" (``None`` means "not temporal": stop)
_PASS = object()


@dataclass
class _Expr:
    """A candidate expression as the resolvers see it: its words, and the slots (month, day,
    unit, ...) :func:`_read_slots` fills from them."""

    toks: list
    words: list[str]
    text: str
    label: str
    ctx: _Ctx
    p: Optional[dt.date]
    month: Optional[int] = None
    year: Optional[int] = None
    day: Optional[int] = None
    wd: Optional[int] = None
    decade: Optional[int] = None
    season: Optional[str] = None
    quarter: Union[int, bool, None] = None
    pod: Optional[str] = None
    deic: Optional[int] = None
    unit: Optional[str] = None
    clock: Optional[list[int]] = None
    rel: Optional[str] = None
    mod: Optional[str] = None
    direction: Optional[str] = None
    rel_unit: Optional[str] = None
    qty_words: list[str] = field(default_factory=list)
    is_set: bool = False


def _normalise(toks: list[Token], label: str, ctx: _Ctx) -> Optional[tuple[str, str]]:
    """``(type, value)`` of a candidate expression, or ``None`` when it is not temporal.

    Fixed phrases are tried first (:data:`_PHRASE_RESOLVERS`), then the words are read into
    slots and the resolvers of :data:`_SLOT_RESOLVERS` are asked in turn, by the kind of
    expression; the first that answers decides.

    Example:
        ``["next", "week"]`` published 2025-05-30 -> ``("DATE", "2025-W23")``
    """
    words = [t.lower_ for t in toks]
    e = _Expr(toks, words, " ".join(words), label, ctx, ctx.published)
    for _kind, resolve in _PHRASE_RESOLVERS:
        r = resolve(e)
        if r is not _PASS:
            return r
    e.month = ctx.inherit.get("month")
    e.year = ctx.inherit.get("year")
    r = _read_slots(e)
    if r is not _PASS:
        return r
    for _kind, resolve in _SLOT_RESOLVERS:
        r = resolve(e)
        if r is not _PASS:
            return r
    return None


# ---- fixed phrases, before any slot is read


def _resolve_reference(e: _Expr):
    """"now", "recently", "the current" -> ``PRESENT_REF`` / ``PAST_REF`` ..."""
    words, text = e.words, e.text
    if text in LEX["refs"]:
        if text == "now" and e.ctx.tense == "past" and \
                any(ch.lower_ in LEX["reference_words"]["past_now_modifiers"] for ch in e.toks[0].children):
            return "DATE", "PAST_REF"  # "I saw him just now": a moment ago
        return "DATE", LEX["refs"][text]
    if text in LEX["ref_adjectives"] and e.label == "DATE":
        return "DATE", LEX["ref_adjectives"][text]
    if words[0] == "then" and " ".join(words[1:]) in LEX["ref_adjectives"]:
        return "DATE", "PAST_REF"  # "the then current price"
    return _PASS


def _resolve_narrative(e: _Expr):
    """"by then", "the day before": counted from the time named last (:func:`_narrative`)."""
    narrative = _narrative(e.words, e.ctx)
    if narrative is not None:
        return narrative or None
    return _PASS


def _resolve_holiday(e: _Expr):
    """"Christmas", "last Easter": the holiday rules of the lexicon."""
    words = e.words
    hw = words[1:] if words[0] in ("the", "last", "next", "this") else words
    if " ".join(hw) in LEX["holidays"]:
        return _holiday(LEX["holidays"][" ".join(hw)], words[0], e.ctx)
    return _PASS


def _resolve_reported_year(e: _Expr):
    """"the year-ago results", "by year-end", "for the full year": the year reported on."""
    words, p, ctx, label = e.words, e.p, e.ctx, e.label
    if words in (["year", "-", "ago"], ["year", "-", "earlier"]):  # "the year-ago results"
        return ("DATE", f"{p.year - 1:04d}") if p else ("DATE", "XXXX")
    if words[-1] == "end" and "year" in words and label == "DATE" and words[0] != "the":
        # "by year-end", "year's end": the end of the year the clause points to
        return ("DATE", f"{p.year - (1 if ctx.tense == 'past' else 0):04d}") if p else ("DATE", "XXXX")
    if words[0] == "the" and words[-1] == "year" and len(words) <= 3 and words[1:2] != ["same"] and \
            e.toks[-1].text == "year" and \
            (len(words) == 2 or words[1] in ("full", "fiscal", "calendar")):
        # "for the year", "the full year": the year being reported on; "the year ended June 30"
        # is a length of time
        if ctx.inherit.get("_next") in ("-", "ended", "ending", "to", "before", "after", "since", "that", "when"):
            return ("DURATION", "P1Y") if ctx.inherit.get("_next") in ("ended", "ending") else None
        return ("DATE", f"{p.year:04d}") if p else ("DATE", "XXXX")
    return _PASS


_YEAR_BACK_TAILS = (["last", "year"], ["a", "year", "ago"], ["a", "year", "earlier"], ["a", "year", "before"],
                   ["the", "previous", "year"], ["the", "prior", "year"], ["the", "preceding", "year"])


def _resolve_period_back(e: _Expr):
    """"the corresponding period last year", "the quarter a year ago": the quarter named last
    (else the last completed one), a year back; a "period" after a longer one is that year."""
    words, p = e.words, e.p
    if e.label != "DATE" or words[0] != "the" or not any(words[-len(t):] == t for t in _YEAR_BACK_TAILS) or \
            not {"period", "quarter"} & set(words[:4]):
        return _PASS
    named = e.ctx.inherit.get("_quarter")
    if named:
        return "DATE", "%04d-Q%d" % (named[0] - 1, named[1])
    if p is None:
        return "DATE", "XXXX-QX" if "quarter" in words else "XXXX"
    if "quarter" in words:
        y, q = _last_quarter(p)
        return "DATE", f"{y - 1:04d}-Q{q}"
    return "DATE", f"{p.year - 1:04d}"


def _resolve_half(e: _Expr):
    """"the first half of 1990", "the second half", "the first two quarters": ``1990-H1``; without
    a year, the half the tense points to."""
    words, p = e.words, e.p
    if e.label != "DATE" or len(words) < 3 or words[0] != "the" or \
            not ("half" in words or words[2:4] == ["two", "quarters"]):
        return _PASS
    k = 1 if words[1] == "first" else 2
    year = next((int(t.lower_) for t in e.toks if "|YEAR|" in t._.tkdate_cls), None)
    if year is None and e.ctx.inherit.get("_next") == "of":
        return None  # "the first half of the match"
    if year is None:
        if p is None:
            return "DATE", f"XXXX-H{k}"
        year = p.year
        if e.ctx.tense == "past" and p.month <= 6 * k:
            year -= 1  # "profit fell in the second half", said in October: not over yet, so last year's
        elif e.ctx.tense == "future" and p.month > 6 * k:
            year += 1
    return "DATE", f"{year:04d}-H{k}"


def _resolve_latest_period(e: _Expr):
    """"the latest period": the quarter the text reports on (named last), else the last one
    completed before publication."""
    words = e.words
    if e.label != "DATE" or len(words) < 3 or words[-1] != "period" or words[1] not in ("latest", "most"):
        return _PASS
    named = e.ctx.inherit.get("_quarter")
    if named:
        return "DATE", "%04d-Q%d" % named
    if e.p is None:
        return "DATE", "XXXX-QX"
    return "DATE", "%04d-Q%d" % _last_quarter(e.p)


def _resolve_fiscal(e: _Expr):
    """"the fourth quarter", "the same period last year" (:func:`_fiscal_quarter`)."""
    if ("quarter" in e.words or "period" in e.words) and e.label == "DATE":
        fq = _fiscal_quarter(e.toks, e.words, e.ctx)
        if fq is not None:
            return fq
    return _PASS


def _resolve_set_phrase(e: _Expr):
    """"the nineties", "a while", "the weeks ahead", "the 11th century"."""
    words, label = e.words, e.label
    if label == "DATE" and len(words) == 2 and words[1] in _DECADE_WORDS:
        return "DATE", f"19{_DECADE_WORDS[words[1]]}"  # "the nineties"; "the twenties" is left out
    if label == "DURATION" and words[-1] == "while":
        return "DURATION", "PXX"
    if label == "DURATION" and words[-1] == "ahead" or (label == "DURATION" and words[0] in ("over", "through", "throughout")):
        return "DURATION", _duration_value("X", LEX["units"][words[-2] if words[-1] == "ahead" else words[-1]])
    if label == "DATE" and words[-1] == "century" and re.match(r"^\d{1,2}(st|nd|rd|th)$", words[-2]):
        return "DATE", "%02d" % (int(re.match(r"\d+", words[-2])[0]) - 1)  # "the 11th century": 10
    return _PASS


def _resolve_ordinal_day(e: _Expr):
    """"May the eighth", "the twenty-first of June": a month with a day written as a word."""
    toks, words, p = e.toks, e.words, e.p
    if e.label == "DATE" and any("|MONTH|" in t._.tkdate_cls for t in toks) and \
            any(w in _DAY_ORDINALS for w in words) and not any("|DAY|" in t._.tkdate_cls for t in toks):
        k = next(k for k, w in enumerate(words) if w in _DAY_ORDINALS)
        day_w = _DAY_ORDINALS[words[k]] + (20 if "twenty" in words[:k] else 30 if "thirty" in words[:k] else 0)
        mo = next(LEX["months"][t.lower_] for t in toks if "|MONTH|" in t._.tkdate_cls)
        if not 1 <= day_w <= 31:
            return None
        if p is None:
            return "DATE", f"XXXX-{mo:02d}-{day_w:02d}"
        return "DATE", f"{_infer_year(p, mo, day_w, e.ctx.tense):04d}-{mo:02d}-{day_w:02d}"
    return _PASS


#: fixed phrases, asked in this order before the slots are read: (kind, resolver)
_PHRASE_RESOLVERS = (
    ("reference", _resolve_reference),
    ("narrative", _resolve_narrative),
    ("holiday", _resolve_holiday),
    ("reported_year", _resolve_reported_year),
    ("period_back", _resolve_period_back),
    ("latest_period", _resolve_latest_period),
    ("half", _resolve_half),
    ("fiscal", _resolve_fiscal),
    ("set_phrase", _resolve_set_phrase),
    ("ordinal_day", _resolve_ordinal_day),
)


# ---- slots


def _read_slots(e: _Expr):
    """Read each word into its slot of ``e`` (month, weekday, unit, quantity words ...).

    Returns ``_PASS``, or the answer when one word settles it ("daily": a set).
    """
    toks, words, label, ctx = e.toks, e.words, e.label, e.ctx
    month, year = e.month, e.year
    day = wd = decade = season = quarter = pod = deic = unit = clock = None
    rel = mod = direction = rel_unit = None
    qty_words: list[str] = []
    is_set = False
    for i, t in enumerate(toks):
        w = t.lower_
        cls = t._.tkdate_cls
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if "|ISO|" in cls:
            m = _ISO_RE.match(w)
            year, month, day = int(m[1]), int(m[2]), int(m[3])
        elif "|MONTH|" in cls:
            month = LEX["months"][w]
        elif "|WD|" in cls:
            wd = LEX["weekdays"][w]
        elif "|YEAR|" in cls and not (label in ("DURATION", "SET") or nxt in LEX["units"]):
            year = int(w) if w.isdigit() else int(_MOD_YEAR_RE.match(w)[2])
        elif "|DECADE|" in cls:
            m = _DECADE_RE.match(w)
            decade = int(m[1] if m else _MOD_YEAR_RE.match(w)[2]) // 10
        elif "|DAY|" in cls and label == "DATE" and (month is not None or "|MONTH|" in "".join(x._.tkdate_cls for x in toks)) and unit is None and nxt not in LEX["units"]:
            day = int(re.match(r"\d+", w)[0])
        elif "|CLOCK|" in cls:
            m = _CLOCK_RE.match(w)
            clock = [int(m[1]), int(m[2])]
        elif "|AMPM|" in cls:
            if clock is None and qty_words:
                clock = [int(_num(qty_words) or 0), 0]
                qty_words = []
            if clock is not None:
                if w.startswith("p") and clock[0] < 12:
                    clock[0] += 12
                elif w.startswith("a") and clock[0] == 12:
                    clock[0] = 0
        elif w in ("noon", "midnight", "midday"):
            clock = [0, 0] if w == "midnight" else [12, 0]
        elif w == "o'clock" and qty_words:
            clock = [int(_num(qty_words) or 0), 0]
            qty_words = []
        elif "|DEIC|" in cls:
            deic = LEX["deictic_days"][w]
            if w == "tonight":
                pod = "NI"
        elif w == "overnight":
            pod = "NI"
            deic = -1 if ctx.tense == "past" else 0
        elif "|POD|" in cls and label != "SET":
            pod = LEX["parts_of_day"][w]
        elif "|SEASON|" in cls:
            season = LEX["seasons"][w]
        elif w == "quarter" and quarter is None and rel is None:
            quarter = True
        elif "|ORD|" in cls and "quarter" in words[i + 1:i + 3]:
            quarter = LEX["ordinals"][w]
        elif _QUARTER_RE.match(w) and t.text[0] == "Q":
            quarter = int(w[1])
        elif w in ("every", "each", "per", "times", "once", "twice", "thrice") or "|SETW|" in cls:
            is_set = True
            if "|SETW|" in cls:
                return "SET", LEX["set_words"][w]
        elif "|UNIT|" in cls and (label != "DATE" or qty_words or nxt in ("ago", "earlier", "later", "before", "after") or not rel):
            unit = LEX["units"][w]
        elif w in _REL_UNITS or w == "day":
            rel_unit = w
        elif w in ("ago", "earlier", "later") and (unit or qty_words or i > 0 and toks[i - 1].lower_ in LEX["units"]):
            direction = w
        elif "|REL|" in cls and rel is None:
            rel = w
        elif "|MOD|" in cls:
            mod = w
        elif ("|NUM|" in cls or "|VAGUE|" in cls or "|ART|" in cls or w in ("half", "couple")) and w != "-":
            if unit is None:
                qty_words.append(w)
            elif w == "half":  # "a year and a half"
                qty_words.append("half")
    if label == "DATE" and unit and not qty_words and direction is None and mod and "in" in words and \
            words[-1] in _REL_UNITS:
        rel_unit, unit = words[-1], None  # "earlier in the year", "late in the month"
    e.month, e.year, e.day, e.wd, e.decade, e.season, e.quarter = month, year, day, wd, decade, season, quarter
    e.pod, e.deic, e.unit, e.clock, e.rel, e.mod = pod, deic, unit, clock, rel, mod
    e.direction, e.rel_unit, e.qty_words, e.is_set = direction, rel_unit, qty_words, is_set
    return _PASS


# ---- resolvers by kind of expression, once the slots are read


def _resolve_set(e: _Expr):
    """"every weekend", "each spring", "on Mondays", "twice a week"."""
    if not (e.is_set or e.label == "SET"):
        return _PASS
    words, wd = e.words, e.wd
    if "weekend" in words or "weekends" in words:
        return "SET", "XXXX-WXX-WE"  # "on weekends", "every weekend"
    if e.season and not e.month:
        return "SET", f"XXXX-{e.season}"  # "each spring"
    if wd is None and words[-1][:-1] in LEX["weekdays"]:
        wd = LEX["weekdays"][words[-1][:-1]]
    if wd:
        return "SET", f"XXXX-WXX-{wd}"
    if e.month:
        return "SET", f"XXXX-{e.month:02d}"
    if e.unit:
        n = _num(e.qty_words) if e.qty_words and "times" not in words else 1
        if "other" in words:
            n = (n if isinstance(n, (int, float)) else 1) * 2
        if n == "X" or n is None:
            n = 1
        return "SET", _duration_value(n, e.unit)
    if e.pod:
        return "SET", f"XXXX-XX-XXT{e.pod}"
    return None


def _resolve_clock(e: _Expr):
    """"at 3 p.m.", "midnight tonight"."""
    if e.clock is None:
        return _PASS
    p, clock = e.p, e.clock
    base = p.isoformat() if p is not None else "XXXX-XX-XX"
    if e.deic is not None and p is not None:
        base = (p + dt.timedelta(days=e.deic)).isoformat()
    return "TIME", f"{base}T{clock[0]:02d}:{clock[1]:02d}"


def _resolve_offset(e: _Expr):
    """"two years ago", "a week later", "three days earlier"."""
    direction, unit, p, ctx = e.direction, e.unit, e.p, e.ctx
    if not (direction and unit):
        return _PASS
    n = _num(e.qty_words) if e.qty_words else "X"
    if direction == "ago":
        if p is None:
            return "DATE", "PAST_REF" if n == "X" else _unresolved_for_unit(unit)
        return "DATE", _shift_value(p, n, unit, -1)
    base = ctx.anchor
    sign = 1 if direction in ("later", "after") else -1
    if sign > 0:  # "two years later": after the time named last, at its precision
        base = _last_as_base(ctx.last, unit) or base
    if base is None and sign < 0 and p is not None:
        base = p  # "a year earlier" with no date before it: a year before publication
    if base is None:  # no time to count from: the offset itself ("three years later": P3Y)
        return "DURATION", _duration_value(n, unit)
    return "DATE", _shift_value(base, n, unit, sign)


def _resolve_duration(e: _Expr):
    """"eight years", "a year or two", "the past week"."""
    words, unit, rel, qty_words = e.words, e.unit, e.rel, e.qty_words
    if unit and (e.label == "DURATION" or qty_words) and not (e.wd or e.month or e.deic is not None):
        n = _num(qty_words) if qty_words else "X"
        if n is None or "or" in words:  # "a year or two", "two or three weeks": vague
            n = "X"
        if not qty_words and rel in ("past", "last", "coming", "next", "previous", "following") and \
                not e.toks[-1].lower_.endswith("s"):
            n = 1
        return "DURATION", _duration_value(n, unit)
    if e.label == "DURATION" and e.rel_unit and words[0] == "the" and rel in ("past", "last", "coming"):
        u = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q"}.get(e.rel_unit)
        if u:
            return "DURATION", ("P3M" if u == "Q" else f"P1{u}")
    return _PASS


#: the month a season starts in (northern hemisphere, as TimeML's SP / SU / FA / WI)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _resolve_calendar(e: _Expr):
    """Explicit calendar dates: "the 1990s", "June 2, 2025", "the third quarter", "last spring"."""
    if e.decade is not None:
        return "DATE", f"{e.decade:03d}"
    month, year, day, quarter, season, rel = e.month, e.year, e.day, e.quarter, e.season, e.rel
    if not (month is not None or year is not None or quarter or (season and (rel or year or e.words[0] == "the"))):
        return _PASS
    p, ctx = e.p, e.ctx
    p_ok = p is not None
    if quarter is True:  # "the quarter": the one just reported, unless "this" / future
        ended = _period_end(e.toks[-1], p)
        if ended is not None:  # "the quarter ended July 31": May to July, mostly the second
            y, m = _add_months(ended[0], ended[1], -1)
            return "DATE", f"{y:04d}-Q{(m - 1) // 3 + 1}"
        if not p_ok:
            return "DATE", "XXXX-QX"
        quarter = (p.month - 1) // 3 + 1
        if not ({"this", "current"} & set(e.words)) and ctx.tense != "future":
            year, quarter = (p.year, quarter - 1) if quarter > 1 else (p.year - 1, 4)
    if quarter and isinstance(quarter, int) and quarter is not True:
        if year is None:
            if not p_ok:
                return "DATE", f"XXXX-Q{quarter}"
            cur = (p.month - 1) // 3 + 1
            year = p.year - (1 if ctx.tense != "future" and quarter > cur else 0)
        return "DATE", f"{year:04d}-Q{quarter}"
    if season and month is None:
        if year is None and rel is None:  # "the summer": the one the clause's tense points to
            if not p_ok or ctx.tense == "present":
                return "DATE", f"XXXX-{season}"
            start = _SEASON_START[season]
            if ctx.tense == "future":
                year = p.year if start >= p.month else p.year + 1
            else:
                year = p.year if start <= p.month else p.year - 1
        if year is None:
            if not p_ok:
                return "DATE", f"XXXX-{season}"
            k = {"last": -1, "next": 1}.get(rel or "", 0)
            year = p.year + k
        return "DATE", f"{year:04d}-{season}"
    if month is None:
        return "DATE", f"{year:04d}"
    if year is None and e.rel_unit == "year" and rel in ("this", "last", "next") and p_ok:
        year = p.year + {"this": 0, "last": -1, "next": 1}[rel]
    if year is None:
        if rel in ("last", "next", "this") and day is None:
            if not p_ok:
                return "DATE", f"XXXX-{month:02d}"
            if rel == "last":
                year = p.year if month < p.month else p.year - 1
            elif rel == "next":
                year = p.year if month > p.month else p.year + 1
            else:
                year = p.year
        elif p_ok:
            year = _infer_year(p, month, day, {"last": "past", "next": "future"}.get(rel or "", ctx.tense))
            d = _safe_date(year, month, day or 1)
            if d is not None and day is not None and (rel == "last" and d >= p or rel == "next" and d <= p):
                year += -1 if rel == "last" else 1  # "last Oct. 23" is before publication
        else:
            return "DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    if day is not None:
        if _safe_date(year, month, day) is None:
            return None
        v = f"{year:04d}-{month:02d}-{day:02d}"
        return ("TIME", f"{v}T{e.pod}") if e.pod else ("DATE", v)
    return "DATE", f"{year:04d}-{month:02d}"


def _period_end(last: Token, p: Optional[dt.date]) -> Optional[tuple[int, int]]:
    """``(year, month)`` of the date after "ended" / "ending" that follows ``last`` ("the
    quarter ended Sept. 30, 1989"), the year inferred as a past one when not written."""
    doc = last.doc
    i = last.i + 1
    if i >= len(doc) or doc[i].lower_ not in ("ended", "ending"):
        return None
    month = year = None
    for t in doc[i + 1:i + 6]:
        cls = t._.tkdate_cls
        if "|MONTH|" in cls and month is None:
            month = LEX["months"][t.lower_]
        elif "|YEAR|" in cls and month is not None:
            year = int(t.lower_)
            break
        elif not ("|DAY|" in cls or t.text == ","):
            break
    if month is None:
        return None
    if year is None:
        if p is None:
            return None
        year = _infer_year(p, month, None, "past")
    return year, month


def _resolve_weekday(e: _Expr):
    """"on Friday", "last Monday", "this coming Sunday"."""
    wd, rel, p, words = e.wd, e.rel, e.p, e.words
    if wd is None:
        return _PASS
    if p is None:
        v = f"XXXX-WXX-{wd}"
    elif rel == "last":
        d = p - dt.timedelta(days=((p.isoweekday() - wd) % 7) or 7)
        v = d.isoformat()
    elif rel == "next":
        mon = p - dt.timedelta(days=p.isoweekday() - 1) + dt.timedelta(weeks=1)
        v = (mon + dt.timedelta(days=wd - 1)).isoformat()
    elif rel == "this" and "coming" not in words:
        mon = p - dt.timedelta(days=p.isoweekday() - 1)
        v = (mon + dt.timedelta(days=wd - 1)).isoformat()
    elif rel == "coming" or "coming" in words:  # "this coming Sunday": the next one
        v = (p + dt.timedelta(days=((wd - p.isoweekday()) % 7) or 7)).isoformat()
    else:
        v = _weekday_date(p, wd, e.ctx.tense).isoformat()
    return ("TIME", f"{v}T{e.pod}") if e.pod else ("DATE", v)


def _resolve_deictic(e: _Expr):
    """"today", "yesterday", "the day before yesterday"."""
    deic, words, p = e.deic, e.words, e.p
    if deic is None:
        return _PASS
    if "before" in words and "day" in words:
        deic -= 1
    elif "after" in words and "day" in words:
        deic += 1
    if p is None:
        v = "XXXX-XX-XX"
    else:
        v = (p + dt.timedelta(days=deic)).isoformat()
    return ("TIME", f"{v}T{e.pod}") if e.pod else ("DATE", v)


def _resolve_part_of_day(e: _Expr):
    """"this morning", "last night", "that evening"."""
    pod, rel, p, ctx = e.pod, e.rel, e.p, e.ctx
    if not pod:
        return _PASS
    if p is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    base = p
    if rel == "last" or (rel == "that" and ctx.anchor) or e.words[0] in ("earlier", "later"):
        base = ctx.anchor if rel == "that" and ctx.anchor else (p - dt.timedelta(days=1) if rel == "last" else p)
    return "TIME", f"{base.isoformat()}T{pod}"


_REL_STEPS = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1,
              "following": 1, "previous": -1, "preceding": -1, "same": 0, "that": 0}


def _resolve_relative_unit(e: _Expr):
    """"this week", "last month", "late last year", "the following day", "that quarter"."""
    rel_unit, rel, words, p, ctx = e.rel_unit, e.rel, e.words, e.p, e.ctx
    if not rel_unit:
        return _PASS
    anchored = rel in ("following", "previous", "preceding", "same", "that") or (rel == "next" and words[0] == "the")
    if rel is None and "the" in words and e.mod:  # "late in the year"
        rel = "this"
    if rel is None and rel_unit == "weekend":  # "the weekend": by tense
        if p is None:
            return "DATE", "XXXX-WXX-WE"
        if ctx.tense in ("future", "present"):
            sat = p + dt.timedelta(days=(6 - p.isoweekday()) % 7)
        else:
            sat = p - dt.timedelta(days=(p.isoweekday() - 6) % 7)
        return "DATE", _iso_week(sat) + "-WE"
    k = _REL_STEPS.get(rel or "")
    if k is None:
        return None
    if anchored and rel_unit == "quarter" and rel in ("that", "same") and ctx.inherit.get("_quarter"):
        return "DATE", "%04d-Q%d" % ctx.inherit["_quarter"]  # "that quarter": the one named last
    if rel == "this" and rel_unit == "quarter" and ctx.inherit.get("_quarter") and \
            (ctx.tense == "past" or ctx.inherit.get("_next") == "'s"):
        return "DATE", "%04d-Q%d" % ctx.inherit["_quarter"]  # "This quarter's loss" in a report on Q3
    base = ctx.anchor if anchored else p
    if anchored and ctx.last is not None:
        # "that year", "the following month": the year (month) named last, be it alone
        # ("in 1988 ... later that year") or in a full date
        y, m, d = ctx.last
        if rel_unit == "year" or (rel_unit in ("month", "quarter") and m):
            base = dt.date(y, m or 1, d or 1)
    if base is None:
        if rel == "that":  # "trades made that day" with no day named before: generic
            return None
        return "DATE", _UNRESOLVED_UNIT.get(rel_unit, "XXXX-XX-XX")
    return "DATE", _unit_shift(base, rel_unit, k)


#: asked in this order once the slots are read: (kind, resolver); the first that answers
#: (anything but ``_PASS``) decides, ``None`` included
_SLOT_RESOLVERS = (
    ("set", _resolve_set),
    ("clock", _resolve_clock),
    ("offset", _resolve_offset),
    ("duration", _resolve_duration),
    ("calendar", _resolve_calendar),
    ("weekday", _resolve_weekday),
    ("deictic", _resolve_deictic),
    ("part_of_day", _resolve_part_of_day),
    ("relative_unit", _resolve_relative_unit),
)


_WD_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}


def _easter(year: int, orthodox: bool = False) -> dt.date:
    """Easter Sunday (Gregorian calendar; the Orthodox one by the Julian computus)."""
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return dt.date(year, month, day + 1) + dt.timedelta(days=13)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_date(rule: str, year: int) -> Optional[dt.date]:
    """The date of a holiday rule of ``dates.yaml`` in a year."""
    m = re.fullmatch(r"(ORTHODOX_EASTER|EASTER)([+-]\d+)?", rule)
    if m:
        return _easter(year, m[1] == "ORTHODOX_EASTER") + dt.timedelta(days=int(m[2] or 0))
    m = re.fullmatch(r"(\d{2})-(\d{2})", rule)
    if m:
        return _safe_date(year, int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{2})-(MO|TU|WE|TH|FR|SA|SU)([1-5L])([+-]\d+)?", rule)
    if not m:
        return None
    month, wd = int(m[1]), _WD_CODES[m[2]]
    if m[3] == "L":
        d = dt.date(year, month, calendar.monthrange(year, month)[1])
        d -= dt.timedelta(days=(d.isoweekday() - wd) % 7)
    else:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(wd - d.isoweekday()) % 7 + 7 * (int(m[3]) - 1))
        if d.month != month:
            return None
    return d + dt.timedelta(days=int(m[4] or 0))


def _holiday(rule: str, first: str, ctx: _Ctx) -> Optional[tuple[str, str]]:
    """A holiday's date: the one of the publication year the clause's tense points to ("last
    Thanksgiving", "on Election Day" in a future clause, "Easter" in a past one)."""
    p = ctx.published
    week = rule.endswith(":week")  # "Easter week": the week (Monday to Sunday) of the day
    rule = rule[:-5] if week else rule
    if p is None:
        m = re.fullmatch(r"(\d{2})-(\d{2})", rule)
        return "DATE", "XXXX-WXX" if week else (f"XXXX-{rule}" if m else "XXXX-XX-XX")
    tense = {"last": "past", "next": "future"}.get(first, ctx.tense)
    m = re.fullmatch(r"(\d{2})-(\d{2})", rule)
    if m and first not in ("last", "next") and not week:
        mo, dy = int(m[1]), int(m[2])
        return "DATE", f"{_infer_year(p, mo, dy, tense):04d}-{rule}"
    days = [d for d in (_holiday_date(rule, y) for y in (p.year - 1, p.year, p.year + 1)) if d]
    if week:  # placed by the Monday that starts the week
        days = [d - dt.timedelta(days=d.isoweekday() - 1) for d in days]
    if not days:
        return None
    if first == "this":
        pick = next((d for d in days if d.year == p.year), days[0])
    elif tense == "past":
        past = [d for d in days if (d < p if first == "last" else d <= p)]
        pick = max(past) if past else min(days)
    elif tense == "future":
        ahead = [d for d in days if (d > p if first == "next" else d >= p)]
        pick = min(ahead) if ahead else max(days)
    else:
        pick = min(days, key=lambda d: (abs((d - p).days), d > p))
    return "DATE", _iso_week(pick) if week else pick.isoformat()


def _last_quarter(p: dt.date) -> tuple[int, int]:
    q = (p.month - 1) // 3 + 1
    return (p.year, q - 1) if q > 1 else (p.year - 1, 4)


def _fiscal_quarter(toks: list[Token], words: list[str], ctx: _Ctx) -> Optional[tuple[str, str]]:
    """Quarters with a year modifier: "the 1988 third quarter", "next year's first quarter",
    "the year-earlier period", "a year-ago quarter" (= the reported quarter, a year back)."""
    year = shift = q = None
    for i, t in enumerate(toks):
        w = words[i]
        if "|YEAR|" in t._.tkdate_cls:
            year = int(w)
        elif "|ORD|" in t._.tkdate_cls and "quarter" in words[i + 1:i + 3]:
            q = LEX["ordinals"][w]
        elif w == "year" and i + 1 < len(words) and words[i + 1] in ("-", "ago", "earlier", "'s"):
            nxt = words[i + 2] if words[i + 1] == "-" and i + 2 < len(words) else words[i + 1]
            if nxt in ("ago", "earlier"):
                shift = -1
            elif nxt == "'s" and i > 0:
                shift = {"last": -1, "next": 1, "this": 0, "current": 0}.get(words[i - 1])
    year_ago = shift == -1 and any(w in ("ago", "earlier") for w in words)
    if "period" in words and "quarter" not in words and not (year_ago or year):
        return None
    if shift is None and year is None:
        return None  # "the quarter", "the fourth quarter": the general rules (tense, last quarter)
    p = ctx.published
    named = ctx.inherit.get("_quarter")
    if q is None and named:  # "the 2019 period" or "a year-earlier period" is the quarter reported on
        q = named[1]
        year = year if year is not None else named[0]
    if q is None and "quarter" not in words:
        # a "period" after a longer one ("the nine months ... the 1988 period"): that year
        if year is not None:
            return "DATE", f"{year + (shift or 0):04d}"
        return ("DATE", f"{p.year + (shift or 0):04d}") if p is not None else ("DATE", "XXXX")
    if q is None:
        if p is None:
            return "DATE", "XXXX-QX"
        ry, q = _last_quarter(p)
        year = year if year is not None else ry
    if year is None:
        if p is None:
            return "DATE", f"XXXX-Q{q}"
        year = p.year
        if year_ago and _last_quarter(p)[1] < q:  # "the year-ago fourth quarter" said in Q1
            year -= 1
    return "DATE", f"{year + (shift or 0):04d}-Q{q}"


def _unresolved_for_unit(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "2W": "XXXX-WXX", "DE": "XXX",
            "CE": "XX"}.get(unit, "XXXX-XX-XX")


# --------------------------------------------------------------------------------------------
# detection


@dataclass
class _Cand:
    start: int  # token indices, end exclusive
    end: int
    label: str
    inherit: dict = field(default_factory=dict)


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and space/punctuation at both ends."""
    while start < end and (doc[start].is_space or doc[start].is_punct or
                           doc[start].lower_ in LEX["leading_prepositions"] or
                           (doc[start].lower_ == "last" and doc[start].tag_.startswith("VB"))):
        start += 1  # also the verb "last" ("will last two weeks")
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in (".",)) or
                           doc[end - 1].lower_ in ("of", "and", "to")):
        end -= 1  # also a dangling word ("the third quarter of" before a non-year)
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    return start, end


#: classes of common words that are written in lower case inside a sentence: capitalised
#: there, they belong to a name (a programme, a newspaper, an event)
_TITLE_CLASSES = ("|UNIT|", "|RUNIT|", "|DEIC|", "|POD|", "|SEASON|")


def _in_title(doc: Doc, toks) -> bool:
    """Is a capitalised unit, day word, part of the day or season of the expression part of a
    name ("This Week", "USA Today", "60 Minutes", "Prague Spring")? Not at a sentence start, not
    after punctuation that may open one, and not in a text written all in capitals."""
    for t in toks:
        if not t.text[:1].isupper() or t.is_upper or t.is_sent_start or t.i == 0:
            continue
        if not any(k in t._.tkdate_cls for k in _TITLE_CLASSES):
            continue
        if not any(ch.isalnum() for ch in doc[t.i - 1].text):
            continue  # after a quotation mark, a dash, a line break: may start a sentence
        return True
    return False


def _accept(doc: Doc, c: _Cand) -> bool:
    """Reject the usual false positives of the patterns."""
    toks = doc[c.start:c.end]
    words = [t.lower_ for t in toks]
    first, last = toks[0], toks[-1]
    prev = doc[c.start - 1] if c.start > 0 else None
    nxt = doc[c.end] if c.end < len(doc) else None
    prev_w = prev.lower_ if prev is not None else ""
    nxt_w = nxt.lower_ if nxt is not None else ""
    hw = words[1:] if words[0] in ("the", "last", "next", "this") else words
    if " ".join(hw) in LEX["holidays"] and toks[len(words) - len(hw)].text[:1].isupper():
        return True  # the tagger often takes "Easter" for a place
    if any(t.ent_type_ in _BLOCK_ENTS for t in toks if t.ent_type_ != "DATE" and not t.is_punct) and \
            not any(t.ent_type_ in ("DATE", "TIME") for t in toks):
        return False
    # ages and adjectives such as "58-year-old"
    if nxt_w in ("old", "-") and c.end + 1 < len(doc) and doc[c.end + 1].lower_ == "old" or nxt_w == "old":
        return False
    single = len(toks) == 1
    w = words[0]
    if _in_title(doc, toks):
        return False  # "ABC's This Week", "USA Today", "60 Minutes", "the Arab Spring": names
    if w in ("morning", "afternoon", "evening", "night", "day") and prev_w == "good":
        return False  # "Good evening": a greeting
    if single and "|MONTH|" in first._.tkdate_cls:
        if not first.text[:1].isupper():
            return False
        if w in LEX["ambiguous_months"] or w.endswith("."):
            # "the March accession": a month naming the time of the noun after it
            month_of_noun = prev_w == "the" and nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NN"
            if prev_w not in LEX["month_cues"] and not month_of_noun:
                return False
        if first.ent_type_ and first.ent_type_ not in ("DATE", "TIME"):
            return False
    if single and "|WD|" in first._.tkdate_cls and first.ent_type_ not in ("", "DATE", "TIME"):
        return False
    if single and "|YEAR|" in first._.tkdate_cls and c.label == "DATE":
        if first.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"):
            return False
        if prev is not None and prev.text in ("$", "€", "£", "#", "No", "no."):
            return False
        if nxt is not None and (nxt.tag_ == "NNS" or nxt.text in ("%",) or nxt.lower_ in LEX["units"]):
            return False
        # "the Trade Expansion Act of 1962": the year is part of a name
        if prev_w == "of" and c.start >= 2:
            head = doc[c.start - 2]
            if head.text[:1].isupper() and head.lower_ in LEX["name_heads"]:
                return False
        if first.ent_type_ not in ("DATE", "") and first.ent_type_ != "TIME":
            return False
    if c.label == "REF":
        if w == "soon" and (nxt_w in ("after", "thereafter", "as") or prev_w in ("as", "how", "too")):
            return False
        if words[-1] == "future" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
            return False  # "the future treaty": an adjective
        if w == "future" and single and first.tag_ not in ("NN",):
            return False
        if words == ["the", "past"] and nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN", "NUM"):
            return False
        if not _reference_is_temporal(doc, toks):
            return False
        if w == "now" and single and nxt_w == "that":
            return True
    if c.label == "SET" and words[0] == "per" and prev is not None and not (prev.like_num or prev.pos_ in ("NUM", "NOUN", "SYM")):
        return False
    if c.label == "SET" and words[0] in LEX["set_words"] and single and first.pos_ == "PROPN":
        return False
    if c.label == "SET" and single and w in LEX["set_words"] and nxt is not None and nxt.pos_ == "PROPN" and \
            nxt.text[:1].isupper():
        return False  # "the party daily Granma", "the weekly Der Spiegel": a newspaper
    if c.label == "SET" and single and w in LEX["set_words"] and first.dep_ == "amod" and \
            first.head.i > first.i and first.head.lemma_.lower() not in LEX["set_event_nouns"]:
        return False  # "a quarterly dividend", "daily flights": a property; "monthly meetings" recur
    if c.label == "DURATION" and w in ("a", "an", "per") and prev is not None and \
            (prev.like_num or prev.tag_ in ("CD", "NNS") or prev.text == "%"):
        return False  # "$1.76 a year", "700 seats a week": a rate, not a stretch of time
    if c.label == "DATE" and single and w in ("this", "the", "last", "next"):
        return False
    if c.label == "DATE" and len(words) == 3 and w == "the" and words[2] in ("before", "after") and \
            nxt is not None and not nxt.is_punct:
        return False  # "the day before the vote": counted from an event, not a time
    if c.label == "DATE" and len(words) == 2 and words[1] == "then" and nxt is not None and \
            nxt.lower_ in ("and", "on"):
        return False
    return True


def _reference_is_temporal(doc: Doc, toks) -> bool:
    """False for a reference word used outside time (``reference_words`` of the lexicon).

    "current" / "present" before a noun of ``fixed_terms`` ("the current account deficit",
    "the present value") and a sentence-initial "Now," that opens an imperative or a question
    ("Now, listen to me.") are not temporal.

    Example:
        >>> _reference_is_temporal(nlp("Now, listen to me."), nlp("Now, listen to me.")[:1])  # doctest: +SKIP
        False
    """
    opts = LEX["reference_words"]
    last = toks[-1]
    terms = opts["fixed_terms"].get(last.lower_)
    if terms:
        k = last.i + 1
        while k < len(doc) and doc[k].text == "-":  # "current-account"
            k += 1
        if k < len(doc) and (doc[k].lower_ in terms or doc[k].lemma_.lower() in terms):
            return False
    if len(toks) == 1 and last.lower_ == "now" and opts["discourse_now"] and _discourse_now(doc, last):
        return False
    return True


def _discourse_now(doc: Doc, tok: Token) -> bool:
    """"Now," opening a sentence that gives an order or asks a question: a turn, not a time."""
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return False
    k = tok.i - 1
    while k >= 0 and (doc[k].is_quote or doc[k].lower_ in ("well", "and", "but", "so", ",")):
        k -= 1  # '"Now, ...', "Well, now, ..."
    if k >= 0 and not doc[k + 1].is_sent_start and doc[k].text not in (".", "!", "?", ":", ";"):
        return False
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    for verb in (tok.head, after):  # '"Now, look," he said': "now" may hang on the reporting verb
        if verb is not None and (verb.lemma_ == "let" or verb.tag_ == "VB" and not any(
                ch.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and ch.lower_ != "do" for ch in verb.children)):
            return True  # "Now, let's look", "Now, listen"
    try:
        sent = tok.sent
    except ValueError:  # no sentence boundaries
        return False
    end = next((t for t in reversed(sent) if not (t.is_space or t.is_quote)), None)
    return end is not None and end.text == "?"


def _split_range(doc: Doc, c: _Cand) -> list[_Cand]:
    """"March 23-25, 2025" -> "March 23" and "25, 2025" (two DATE expressions)."""
    toks = doc[c.start:c.end]
    for j, t in enumerate(toks):
        if t.lower_ not in _RANGE_WORDS or j == 0 or j == len(toks) - 1:
            continue
        left, right = toks[j - 1], toks[j + 1]
        lc, rc = left._.tkdate_cls, right._.tkdate_cls
        cut = c.start + j
        if ("|DAY|" in lc or "|YEAR|" in lc) and ("|DAY|" in rc or "|YEAR|" in rc):
            a = _Cand(c.start, cut, c.label)
            b = _Cand(cut + 1, c.end, c.label)
            return [a, b]
    return [c]


#: Token classes and words that every pattern contains at least once: the matcher runs only
#: on windows around them (most of an article has none), which keeps it fast.
_STRONG_CLASSES = ("|MONTH|", "|WD|", "|YEAR|", "|DECADE|", "|UNIT|", "|RUNIT|", "|DEIC|", "|POD|",
                   "|SEASON|", "|SETW|", "|CLOCK|", "|AMPM|", "|ISO|", "|TZ|")
_WINDOW_BEFORE, _WINDOW_AFTER = 6, 5


@functools.lru_cache(maxsize=1)
def _strong_words() -> tuple[frozenset, dict]:
    """Words that start a window, and phrases that do when they are complete ("right now",
    "the foreseeable future", "Christmas Eve"). Words that only occur in patterns next to a
    strong class ("every day", "per year", "New Year's Day") need not start one."""
    words = {"noon", "midnight", "midday", "overnight", "tonight", "o'clock", "while", "ahead", "then", "weekends", "period",
             "half", "quarters",
             "nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties"}
    words.update(w + "s" for w in LEX["weekdays"])
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for key in list(LEX["refs"]) + list(LEX["holidays"]) + list(LEX["ref_adjectives"]):
        parts = tuple(str(key).split())
        if len(parts) == 1:
            words.add(parts[0])
        else:
            phrases.setdefault(parts[0], []).append(parts)
    return frozenset(words), phrases


def _windows(lower: list[str], C: list[str]) -> list[tuple[int, int, frozenset]]:
    """Token windows around words that can be part of a temporal expression, each with the
    keys of the strong tokens in it (their classes, words and phrases)."""
    strong, phrases = _strong_words()
    out: list[tuple[int, int, set]] = []
    n = len(C)
    for i, cls in enumerate(C):
        w = lower[i]
        keys = _STRONG_CLS_CACHE.get(cls)
        if keys is None:
            keys = _STRONG_CLS_CACHE[cls] = frozenset(c.strip("|") for c in _STRONG_CLASSES if c in cls)
        if w in strong:
            keys = keys | {"W:" + w}
        if _QUARTER_RE.match(w):
            keys = keys | {"QUARTER"}
        if w in phrases:
            hits = {"P:" + " ".join(p) for p in phrases[w] if tuple(lower[i:i + len(p)]) == p}
            if hits:
                keys = keys | hits
        if keys:
            a, b = max(0, i - _WINDOW_BEFORE), min(n, i + _WINDOW_AFTER + 1)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], b, out[-1][2] | keys)
            else:
                out.append((a, b, set(keys)))
    return [(a, b, frozenset(k)) for a, b, k in out]


def _doc_classes(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """Lower-cased words, token classes and the hashes of the classes of a document's tokens,
    read in one pass over its arrays (no ``Token`` objects)."""
    arr = doc.to_array([ORTH, TAG, POS, LOWER])
    strings = doc.vocab.strings
    cache = _ARRAY_CLASSES
    C: list[str] = []
    lower: list[str] = []
    hashes: list[int] = []
    for orth, tag, pos, low in arr.tolist():
        key = (orth, tag, pos)
        hit = cache.get(key)
        if hit is None:
            cls = _classes_of(strings[orth], strings[tag], strings[pos])
            hit = (strings[low], cls, strings.add(cls, allow_transient=False))
            if len(cache) >= 50_000:  # about 20 MB; a new vocabulary refills it
                cache.clear()
            cache[key] = hit
        lower.append(hit[0])
        C.append(hit[1])
        hashes.append(hit[2])
    return lower, C, hashes


#: (orth, tag, pos) hashes -> (lower-cased text, token classes, hash of the classes)
_ARRAY_CLASSES: dict[tuple[int, int, int], tuple[str, str, int]] = {}
#: token classes -> the strong classes among them (a window starts at a token that has one)
_STRONG_CLS_CACHE: dict[str, frozenset] = {}


#: Held while a doc's NORM column is lent to the matcher (the matching is pure Python and C
#: under the GIL, so serialising it costs threads nothing).
_NORM_LOCK = threading.RLock()


def _candidates(doc: Doc) -> list[_Cand]:
    """Every temporal expression of ``doc`` as a candidate span, in text order: the pattern
    matches, ranges, years in words, then spaCy's DATE/TIME entities where no pattern matched."""
    lower, C, hashes = _doc_classes(doc)
    raw = _pattern_matches(doc, C, hashes, _windows(lower, C))
    raw.extend(_range_matches(doc, C))
    raw.extend(_word_year_matches(doc, lower, C))
    chosen, taken, vetoed = _choose_longest(doc, raw)
    chosen.extend(_entity_candidates(doc, taken, vetoed))
    return _merge_clock_dates(doc, _split_ranges(doc, chosen))


def _pattern_matches(doc: Doc, C, hashes, windows) -> list[_Cand]:
    """The token-class patterns, run on the windows that may hold a date."""
    raw: list[_Cand] = []
    seen = set()
    if windows:
        # the matcher reads the token classes from NORM (see ``_c``); the norms come back after
        strings = doc.vocab.strings
        for c in set(C):  # the class strings must be in this vocabulary's store, for good
            strings.add(c, allow_transient=False)  # (not dropped with a spaCy memory zone)
        with _NORM_LOCK:  # one borrower at a time: two threads on one Doc would swap norms
            norms = doc.to_array([NORM])
            doc.from_array([NORM], numpy.array(hashes, dtype="uint64").reshape(-1, 1))
            try:
                for a, b, keys in windows:
                    try:
                        hits = _matcher(doc.vocab, keys)(doc[a:b])
                    except ValueError:  # no tagger or parser (a blank pipeline): no adjectives
                        hits = _matcher(doc.vocab, keys - {"W:" + w for w in LEX["ref_adjectives"]})(doc[a:b])
                    for match_id, s, e in hits:
                        key = (match_id, a + s, a + e)
                        if key not in seen:
                            seen.add(key)
                            raw.append(_Cand(a + s, a + e, strings[match_id]))
            finally:
                doc.from_array([NORM], norms.reshape(-1, 1))
    return raw


def _range_matches(doc: Doc, C) -> list[_Cand]:
    """Range patterns "MONTH DAY - DAY, YEAR" and "DAY - DAY MONTH YEAR"."""
    raw: list[_Cand] = []
    for i in range(len(doc) - 2):
        if "|DAY|" in C[i] and doc[i + 1].lower_ in _RANGE_WORDS and "|DAY|" in C[i + 2]:
            before_month = i > 0 and "|MONTH|" in C[i - 1]
            j = i + 3
            after_month = j < len(doc) and "|MONTH|" in C[j]
            if before_month:
                s, e = i - 1, i + 3
                if e < len(doc) and doc[e].text == ",":
                    e += 1
                if e < len(doc) and "|YEAR|" in C[e]:
                    e += 1
                else:
                    e = i + 3
                raw.append(_Cand(s, e, "RANGE"))
            elif after_month and doc[i + 1].lower_ != "and":
                e = j + 1
                if e < len(doc) and "|YEAR|" in C[e]:
                    e += 1
                raw.append(_Cand(i, e, "RANGE"))
    return raw


def _word_year_matches(doc: Doc, lower, C) -> list[_Cand]:
    """Years in words, as broadcast transcripts write them ("in nineteen ninety-six",
    "January nineteen ninety-seven", "by the year two thousand")."""
    raw: list[_Cand] = []
    i = 0
    while i < len(lower):
        hit = _word_year(lower, i) if lower[i] in _YEAR_WORD_HEADS else None
        if hit is None:
            i += 1
            continue
        end, _year = hit
        start = i
        prev = lower[i - 1] if i > 0 else ""
        nxt_tok = doc[end] if end < len(doc) else None
        # "a nineteen ninety-seven attack": a year (with its century) before a singular noun;
        # before a plural it is a count ("nineteen ninety-six people")
        year_of_noun = lower[i] != "two" and end - i >= 2 and nxt_tok is not None and nxt_tok.tag_ == "NN" and \
            prev in ("a", "an", "the")
        if nxt_tok is not None and not year_of_noun and (
                nxt_tok.lower_ in LEX["units"] or nxt_tok.pos_ == "NOUN" or
                nxt_tok.lower_ in ("percent", "%", "dollars", "people", "times")):
            i = end
            continue
        if i >= 1 and "|MONTH|" in C[i - 1]:
            start = i - 1
        elif i >= 2 and lower[i - 2:i] == ["the", "year"]:
            start = i - 2
        elif i >= 3 and lower[i - 1] == "of" and "|SEASON|" in C[i - 2] and lower[i - 3] == "the":
            start = i - 3
        elif lower[i] == "two" and prev not in ("in", "by", "until", "since", "from", "of", "before", "after"):
            i = end  # "two thousand" alone is a number
            continue
        elif not (prev in ("in", "by", "until", "since", "from", "of", "before", "after", "to", "and") or
                  any(doc[k].ent_type_ == "DATE" for k in range(i, end))):
            i = end
            continue
        raw.append(_Cand(start, end, "WORDYEAR"))
        i = end
    return raw


def _choose_longest(doc: Doc, raw: list[_Cand]):
    """Longest first, earliest first: the accepted candidates, the tokens they take, and the
    tokens of rejected matches (a spaCy entity over them is no better)."""
    raw.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken = [False] * (len(doc) + 1)
    vetoed = [False] * (len(doc) + 1)
    chosen: list[_Cand] = []
    for c in raw:
        if any(taken[c.start:c.end]):
            continue
        s, e = _strip(doc, c.start, c.end)
        if c.label == "DURATION" and e - s == 1 and s == c.start + 1 and doc[c.start].lower_ == "within":
            s = c.start  # "within days": an upper bound, the preposition is its meaning
        if s >= e:
            continue
        c2 = _Cand(s, e, c.label)
        if c.label not in ("RANGE", "WORDYEAR") and not _accept(doc, c2):
            for k in range(s, e):  # the spaCy entity over a rejected match is no better
                vetoed[k] = True
            continue
        for k in range(c.start, c.end):
            taken[k] = True
        chosen.append(c2)
    return chosen, taken, vetoed


def _entity_candidates(doc: Doc, taken, vetoed) -> list[_Cand]:
    """spaCy DATE / TIME entities the patterns missed."""
    chosen: list[_Cand] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(taken[ent.start:ent.end]) or any(vetoed[ent.start:ent.end]):
            continue
        s, e = _strip(doc, ent.start, ent.end)
        if s >= e or doc[ent.end - 1].lower_ == "of":  # "the night of" Oct. 23: the date says it
            continue
        if _in_title(doc, doc[s:e]) or (s > 0 and doc[s - 1].lower_ == "good" and e - s == 1):
            continue  # a name ("USA Today") or a greeting ("Good evening")
        chosen.append(_Cand(s, e, "ENT_" + ent.label_))
        for k in range(ent.start, ent.end):
            taken[k] = True
    return chosen


def _split_ranges(doc: Doc, chosen: list[_Cand]) -> list[_Cand]:
    """In text order, with date ranges and duration ranges split into their two ends."""
    out: list[_Cand] = []
    for c in sorted(chosen, key=lambda c: c.start):
        if c.label == "RANGE":
            parts = _split_range(doc, c)
            out.extend(_Cand(p.start, p.end, "DATE") for p in parts)
            if len(parts) == 2:
                a, b = out[-2], out[-1]
                a.inherit["_range_right"] = b
                b.inherit["_range_left"] = a
        elif c.label == "DURATION":
            out.extend(_split_duration_range(doc, c))
        else:
            out.append(c)
    return out


def _split_duration_range(doc: Doc, c: _Cand) -> list[_Cand]:
    """"two to three weeks" -> "two" (``P2W``) and "three weeks" (``P3W``), as a range of
    dates gives two expressions; the left one takes the unit of the right one."""
    for k in range(c.start + 1, c.end - 2):
        if doc[k].lower_ in ("to", "-", "–") and doc[k - 1].like_num and doc[k + 1].like_num:
            unit = doc[c.end - 1].lower_
            if unit not in LEX["units"]:
                return [c]
            return [_Cand(c.start, k, "DURATION", {"_range_unit": LEX["units"][unit]}),
                    _Cand(k + 1, c.end, "DURATION")]
    return [c]


_YEAR_WORD_HEADS = {"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "two"}


def _word_year(lower: list[str], i: int) -> Optional[tuple[int, int]]:
    """``(end, year)`` of a year written in words from token ``i`` ("nineteen ninety-six",
    "nineteen oh five", "nineteen hundred", "two thousand and one"), or ``None``."""
    n = len(lower)

    def two_digits(j: int) -> Optional[tuple[int, int]]:
        """"ninety-six", "ninety six", "ninety", "seventeen", "oh five" from token j."""
        if j >= n:
            return None
        w = lower[j]
        if w in _TEEN_WORDS:
            return j + 1, _TEEN_WORDS[w]
        if w == "oh" and j + 1 < n and lower[j + 1] in _UNIT_WORDS:
            return j + 2, _UNIT_WORDS[lower[j + 1]]
        if "-" in w and w.split("-")[0] in _TENS and w.split("-")[-1] in _UNIT_WORDS:
            return j + 1, _TENS[w.split("-")[0]] + _UNIT_WORDS[w.split("-")[-1]]
        if w in _TENS:
            if j + 2 < n and lower[j + 1] == "-" and lower[j + 2] in _UNIT_WORDS:
                return j + 3, _TENS[w] + _UNIT_WORDS[lower[j + 2]]
            if j + 1 < n and lower[j + 1] in _UNIT_WORDS:
                return j + 2, _TENS[w] + _UNIT_WORDS[lower[j + 1]]
            return j + 1, _TENS[w]
        return None

    w = lower[i]
    if w == "two":
        if i + 1 < n and lower[i + 1] == "thousand":
            j = i + 2
            if j < n and lower[j] == "and":
                j += 1
            rest = two_digits(j)
            if rest is None and j < n and lower[j] in _UNIT_WORDS:
                rest = (j + 1, _UNIT_WORDS[lower[j]])
            if rest is not None:
                return rest[0], 2000 + rest[1]
            return (i + 2, 2000) if j == i + 2 else None
        return None
    century = {"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}[w]
    if i + 1 < n and lower[i + 1] == "hundred":
        return i + 2, century * 100
    rest = two_digits(i + 1)
    if rest is None or (century == 20 and rest[1] > 40):
        return None
    return rest[0], century * 100 + rest[1]


_CLOCK_END = {"noon", "midnight", "o'clock"}


def _merge_clock_dates(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """"10 p.m. Wednesday", "noon Thursday", "7 p.m. EST, Oct. 4": one TIME expression."""
    out: list[_Cand] = []
    for c in cands:
        if out and c.label in ("DATE", "ENT_DATE") and out[-1].label in ("TIME", "ENT_TIME") and \
                not out[-1].inherit:
            t = out[-1]
            gap = doc[t.end:c.start]
            last = doc[t.end - 1]
            clock_like = last.lower_ in _CLOCK_END or any(k in last._.tkdate_cls for k in ("|AMPM|", "|TZ|", "|CLOCK|"))
            date_ok = any(k in x._.tkdate_cls for x in doc[c.start:c.end] for k in ("|WD|", "|DEIC|")) or (
                any("|MONTH|" in x._.tkdate_cls for x in doc[c.start:c.end]) and
                any("|DAY|" in x._.tkdate_cls for x in doc[c.start:c.end]))
            if clock_like and date_ok and all(g.text == "," for g in gap) and len(gap) <= 1:
                out[-1] = _Cand(t.start, c.end, "TIME", {"_date_part": (c.start, c.end), "_time_end": t.end})
                continue
        out.append(c)
    return out


def _sent_starts(doc: Doc) -> list[int]:
    try:
        return [s.start_char for s in doc.sents]
    except ValueError:  # no sentence boundaries set
        return [0]


@dataclass
class _Found:
    cand: _Cand
    type: str
    value: str
    tense: Optional[str]
    feats: dict


_FUTURE_PREPS = {"until", "till", "through", "by", "ahead", "pending"}
_FUTURE_HEADS = {"payable", "effective", "due", "expiring", "starting", "beginning", "upcoming"}


def _local_tense(doc: Doc, c: "_Cand") -> Optional[str]:
    """Tense implied by the words right around an expression, which beats the clause's.

    "since Jan. 13" is past; "until", "through", "payable Dec. 7", "effective Feb. 1" look
    ahead; a possessive weekday ("Friday's ruling") names a day already gone.
    """
    i = c.start - 1
    while i >= 0 and doc[i].lower_ in ("as", "of", "the", "early", "late", "mid", "-"):
        i -= 1
    prev = doc[i].lower_ if i >= 0 else ""
    if prev == "since":
        return "past"
    if prev in _FUTURE_HEADS:
        return "future"
    if prev in _FUTURE_PREPS:  # "until Friday": ahead, unless the clause is past ("had filed by Friday")
        head = doc[c.start:c.end].root
        if _clause_tense(head) != "past":
            return "future"
        if prev in ("until", "till") and (_present_perfect(head) or _verb_of(head).lemma_.lower() in LEX["deadline_verbs"]):
            return "future"  # "has given them until Tuesday", "extended the offer until Friday": a limit to come
        return None
    last = doc[c.end - 1]
    if c.end < len(doc) and doc[c.end].tag_ == "POS" and "|WD|" in last._.tkdate_cls:
        return "past"
    return None


_PRESENT_MODALS = {"can", "ca", "cannot"}


def _negated(verb: Token) -> bool:
    """Is the clause of ``verb`` negated ("would not say", "Neither he nor she could be reached")?"""
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "neither"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(x.lower_ in ("neither", "no", "none", "nobody")
                                                    for x in c.subtree):
            return True
    return False


def _verb_of(tok: Token) -> Token:
    """The verb of the clause ``tok`` belongs to (``tok`` itself when there is none)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            break
        t = t.head
    return tok


def _present_perfect(tok: Token) -> bool:
    """Is ``tok`` in a clause in the present perfect ("has given", "have extended")?"""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            break
        if t.head.i == t.i:
            return False
        t = t.head
    auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
    return t.tag_ == "VBN" and bool(auxes & {"has", "have", "'s", "'ve"}) and "had" not in auxes


def _present_clause(verb: Token) -> bool:
    """Is the clause of ``verb`` in the simple present ("runs", "can rely", "is")? Progressive,
    perfect, past and future forms are not."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & (_FUTURE_AUX | {"would", "could", "might", "should", "has", "have", "had", "was", "were", "did"}):
        return False
    if auxes & _PRESENT_MODALS:
        return verb.tag_ == "VB"
    if verb.tag_ == "VBG":
        return False  # "is meeting today": the day's plan
    return verb.tag_ in ("VBZ", "VBP")


def _today_is_nowadays(doc: Doc, i: int) -> bool:
    """"today" meaning nowadays (``PRESENT_REF``), not the day of publication.

    It contrasts the present with the past or states a present condition: a present clause
    with a contrast word of ``nowadays_cues`` ("no longer", "still", "than", "ago", "once"),
    a present state ("as it runs today", "who lead the army today": ``nowadays_verbs`` in a
    relative or "as" clause, or after "Today,"), or "Today, X can ...". Events of the day
    ("met today", "today's talks", "will meet today", "announced today") keep the date.
    """
    tok = doc[i]
    if i + 1 < len(doc) and doc[i + 1].tag_ == "POS":
        return False
    verb = tok.head
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    sent = tok.sent if doc.has_annotation("SENT_START") else doc[:]
    # "the officers who lead the army today trained abroad": the parser may hang "today" on
    # the main verb; the relative clause just before it is the one it ends
    before = next((t for t in reversed(doc[sent.start:i]) if t.pos_ in ("VERB", "AUX") or t.is_punct), None)
    if before is not None and not before.is_punct and before.dep_ in ("relcl", "acl") and \
            before.lemma_.lower() in LEX["nowadays_verbs"] and _present_clause(before):
        return True
    if verb.pos_ not in ("VERB", "AUX") or not _present_clause(verb):
        return False
    low = " " + " ".join(t.lower_ for t in sent) + " "
    if any(f" {cue} " in low for cue in LEX["nowadays_cues"]):
        return True
    initial = i == sent.start and i + 1 < len(doc) and doc[i + 1].text == ","
    clause = verb.dep_ in ("relcl", "acl") or any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if verb.lemma_.lower() in LEX["nowadays_verbs"] and (clause or initial):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return initial and bool(auxes & _PRESENT_MODALS)


def _in_time(value: str, published: Optional[dt.date]) -> Optional[tuple[str, str]]:
    """"(will be repaid) in five years": the time that far after publication, not a length
    (``P5Y`` -> ``DATE 1994`` published in 1989; "in a year or two" -> ``FUTURE_REF``)."""
    m = re.fullmatch(r"P(\d+|X)(DE|CE|[YMWD])", value)
    if m is None:
        return None
    if m[1] == "X":
        return "DATE", "FUTURE_REF"
    if published is None:
        return "DATE", _unresolved_for_unit(m[2])
    return "DATE", _shift_value(published, int(m[1]), m[2], 1)


def _some_day(doc: Doc, c: _Cand) -> bool:
    """"one day" / "some day" meaning at some time to come, not a length of a day: between a
    modal and its verb ("the island will one day be a reserve") or opening the sentence ("One
    day, he said, ..."), and not the object of a verb of duration ("will last one day":
    ``duration_verbs`` in ``dates.yaml``)."""
    toks = doc[c.start:c.end]
    if [t.lower_ for t in toks] not in (["one", "day"], ["some", "day"]):
        return False
    prev = doc[c.start - 1] if c.start > 0 else None
    opening = prev is None or toks[0].is_sent_start or not any(ch.isalnum() for ch in prev.text)
    if not opening and not (prev.tag_ == "MD" or prev.lower_ in _FUTURE_AUX):
        return False
    if toks.root.dep_ in ("dobj", "attr", "pobj"):
        return False  # "the trip will be one day"
    head = toks.root.head
    return not (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in LEX["duration_verbs"])


def _normalise_clock_date(doc: Doc, c: _Cand, ctx: _Ctx) -> Optional[tuple[str, str]]:
    """A clock time followed by its day: the day's date with the clock's time."""
    ds, de = c.inherit["_date_part"]
    day = _normalise(list(doc[ds:de]), "DATE", ctx)
    clock = _normalise(list(doc[c.start:c.inherit["_time_end"]]), "TIME", ctx)
    if clock is None:
        return day
    m = re.search(r"T(\d{2}:\d{2})$", clock[1])
    if day is None or m is None or not re.match(r"^(\d{4}|XXXX)-(\d{2}|XX|WXX)-(\d{2}|XX|\d)$", day[1]):
        return clock
    return "TIME", f"{day[1]}T{m[1]}"


def _year_back(toks: list[Token]) -> bool:
    """"a year ago", "a year earlier", "year-earlier", "last year" (one year back)."""
    words = [t.lower_ for t in toks if t.text != "-"]
    return words in (["a", "year", "ago"], ["a", "year", "earlier"], ["year", "earlier"], ["year", "ago"],
                     ["one", "year", "earlier"], ["one", "year", "ago"])


def _reported_quarter(yq: tuple[int, int], published: Optional[dt.date], tense: Optional[str]) -> bool:
    """Can a quarter named in the text be the one reported on? Over before publication, or
    the current one (a fiscal quarter) when the clause is not about the future ("through the
    third quarter of 1990" is a plan, not the report's quarter)."""
    if published is None:
        return True
    if yq <= _last_quarter(published):
        return True
    return yq == (published.year, (published.month - 1) // 3 + 1) and tense != "future"


def _longer_period(typ: str, value: str, toks: list[Token]) -> bool:
    """A reporting period longer than a quarter ("the nine months", "the first half", "the
    year"): a "year earlier" after it compares with that period, not with the quarter."""
    if _year_back(toks):
        return False
    if typ == "DURATION":  # "the nine months", "the first half", not "a two-year contract"
        m = re.match(r"^P(\d+)([MY])$", value)
        return bool(m) and not any(t.text == "-" or "-" in t.text for t in toks) and \
            (value == "P1Y" or m[2] == "M" and 6 <= int(m[1]) <= 12)
    return typ == "DATE" and bool(re.match(r"^\d{4}(-H[12])?$", value)) and \
        any(t.lower_ in ("year", "half") for t in toks)


def _resolve_all(doc: Doc, published: Optional[dt.date]) -> list[_Found]:
    found: list[_Found] = []
    anchor: Optional[dt.date] = None
    last: Optional[tuple[int, Optional[int], Optional[int]]] = None
    quarter_ctx: Optional[tuple[int, int, int]] = None  # the last quarter named, and where
    last_at = 0  # where the time named last is
    cands = _candidates(doc)
    for c in cands:
        toks = list(doc[c.start:c.end])
        label = c.label
        if label.startswith("ENT_"):
            label = "DATE" if label == "ENT_DATE" else "TIME"
        if label == "REF":
            label = "DATE"
        inherit: dict = {}
        if label == "WORDYEAR":
            low = [t.lower_ for t in toks]
            k = next((k for k in range(len(low)) if low[k] in _YEAR_WORD_HEADS and _word_year(low, k)), None)
            if k is None:
                continue
            inherit["year"] = _word_year(low, k)[1]
            label = "DATE"
        span = doc[c.start:c.end]
        tense = _local_tense(doc, c) or _clause_tense(span.root)
        left = c.inherit.get("_range_left")
        right = c.inherit.get("_range_right")
        if right is not None:  # "March 23" of "March 23-25, 2025": the year comes later
            for t in doc[right.start:right.end]:
                if "|YEAR|" in t._.tkdate_cls:
                    inherit["year"] = int(t.lower_)
                if "|MONTH|" in t._.tkdate_cls and not any("|MONTH|" in x._.tkdate_cls for x in toks):
                    inherit["month"] = LEX["months"][t.lower_]
        if left is not None:
            for t in doc[left.start:left.end]:
                if "|MONTH|" in t._.tkdate_cls and not any("|MONTH|" in x._.tkdate_cls for x in toks):
                    inherit["month"] = LEX["months"][t.lower_]
        inherit["_next"] = doc[c.end].lower_ if c.end < len(doc) else ""
        if last is not None and doc[c.start].idx - last_at <= _THEN_REACH:
            inherit["_recent_last"] = last  # "by then": only a time named just before
        if quarter_ctx:
            inherit["_quarter"] = quarter_ctx[:2]
        ctx = _Ctx(published=published, anchor=anchor, tense=tense, inherit=inherit, last=last)
        try:
            if "_range_unit" in c.inherit:  # "two" of "two to three weeks"
                n = _num([t.lower_ for t in toks if t.like_num or t.lower_ in LEX["numbers"]])
                res = ("DURATION", _duration_value(n, c.inherit["_range_unit"])) if n is not None else None
            elif "_date_part" in c.inherit:
                res = _normalise_clock_date(doc, c, ctx)
            else:
                res = _normalise(toks, label, ctx)
        except (ValueError, KeyError, OverflowError, TypeError):
            res = None
        if res is None:
            continue
        typ, value = res
        if len(toks) == 1 and toks[0].lower_ == "today" and _today_is_nowadays(doc, c.start):
            typ, value = "DATE", "PRESENT_REF"
        elif typ == "DURATION" and tense == "future" and _some_day(doc, c):
            typ, value = "DATE", "FUTURE_REF"
        elif typ == "DURATION" and tense == "future" and c.start > 0 and doc[c.start - 1].lower_ == "in" and \
                any(k in toks[0]._.tkdate_cls for k in ("|NUM|", "|ART|", "|VAGUE|")):
            typ, value = _in_time(value, published) or (typ, value)
        qm = re.match(r"^(\d{4})-Q([1-4])$", value)
        if qm and not {"ago", "earlier", "last", "previous"} & {t.lower_ for t in toks} and \
                _reported_quarter((int(qm[1]), int(qm[2])), published, tense):
            quarter_ctx = (int(qm[1]), int(qm[2]), doc[c.start].idx)
        elif quarter_ctx and _longer_period(typ, value, toks):
            quarter_ctx = None  # "for the nine months ... a year earlier": that period a year back
        elif quarter_ctx and re.match(r"^(\d{4}|PAST_REF)$", value) and _year_back(toks) and \
                doc[c.start].idx - quarter_ctx[2] < 600 and value in ("PAST_REF", f"{quarter_ctx[0] - 1:04d}"):
            # "profit rose in the third quarter from a year earlier": the same quarter a year back
            value = f"{quarter_ctx[0] - 1:04d}-Q{quarter_ctx[1]}"
            typ = "DATE"
        found.append(_Found(c, typ, value, tense, {"inherit": inherit}))
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
        if m and typ in ("DATE", "TIME"):
            anchor = _safe_date(int(m[1]), int(m[2]), int(m[3])) or anchor
        m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])", value)
        if m and typ in ("DATE", "TIME") and (m[3] is None or _safe_date(int(m[1]), int(m[2]), int(m[3]))):
            last = (int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
            last_at = doc[c.start].idx
    return found


def extract_dates(doc: Doc, *, published: Optional[dt.date] = None,
                  references: Optional[bool] = None) -> list[DateExpr]:
    """Every temporal expression of a parsed article, TIMEX3 style, in text order.

    Args:
        doc: the spaCy ``Doc`` of the article body.
        published: the publication date; relative expressions ("Friday", "next week",
            "yesterday", "June 2") are resolved against it and their clause's tense. With
            ``None`` they are still found but keep ``X`` placeholders.
        references: tag the reference words of the lexicon ("now", "currently", "recently",
            "the current system": ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``, as TimeML
            does); ``None`` follows ``reference_words: enabled`` in ``dates.yaml`` (on by
            default), ``False`` leaves them out.

    Returns:
        ``DateExpr`` records with offsets into ``doc.text``; ``text`` never starts with a
        preposition ("Friday", not "on Friday"); ranges ("March 23-25") give two records.

    Note:
        While it runs, the pattern matcher borrows the doc's ``NORM`` column for its token
        classes and restores it afterwards (also on errors), so the doc is unchanged. Date
        extractions in several threads take turns for that moment (a lock), so they are
        safe even on one ``Doc``; other code that reads ``token.norm_`` of the same ``Doc``
        in another thread at that moment would see the classes.

    Example:
        >>> doc = nlp("Ukraine's Foreign Minister said so on Friday.")  # doctest: +SKIP
        >>> extract_dates(doc, published=dt.date(2025, 5, 30))[0].value  # doctest: +SKIP
        '2025-05-30'
    """
    if doc is None or len(doc) == 0:
        return []
    starts = _sent_starts(doc)
    out: list[DateExpr] = []
    if references is None:
        references = LEX["reference_words"]["enabled"]
    for f in _resolve_all(doc, published):
        if not references and f.cand.label == "REF":
            continue
        span = doc[f.cand.start:f.cand.end]
        start, end = span.start_char, span.end_char
        sid = max(0, bisect.bisect_right(starts, start) - 1)
        lo, hi = value_bounds(f.value) if f.type in ("DATE", "TIME") else (None, None)
        out.append(DateExpr(text=span.text, start_char=start, end_char=end, sent_id=sid,
                            type=f.type, value=f.value, start=lo, end=hi))
    out.sort(key=lambda d: (d.start_char, d.end_char))
    return out


_QUOTE_RE = re.compile(r'“[^“”]*”|"[^"]*"')


def reanchor_in_quotes(doc: Doc, dates: list[DateExpr], statements, *,
                       published: Optional[dt.date] = None,
                       occasions: Union[str, Path, None] = None) -> list[DateExpr]:
    """Dates inside quoted words resolved against when the words were said.

    "tomorrow", "tonight", "this week" in a quotation count from the day of the statement
    (its ``said_on``), not from the publication: in an article of Friday, "On Tuesday he
    said: “We will decide tomorrow”" gives Wednesday. A statement without ``said_on`` takes
    the day of an occasion of speaking that its sentence, or the sentence before, dates
    (:func:`_occasion_day`): "She held a rally on Tuesday. “Tomorrow we vote,” she said."
    Only the quoted parts of direct and mixed statements whose day differs from
    ``published`` change; the rest of ``dates`` is returned as it was, in the same order.

    Args:
        doc: the parsed article.
        dates: the records of :func:`extract_dates` for ``doc``.
        statements: ``Statement`` records (``content_start``, ``content_end``, ``mode``,
            ``said_on``, ``cue_start``).
        published: the publication date the ``dates`` were resolved against.
        occasions: a YAML file of more words of speaking (the keys of
            ``toolkit/data/speech_occasions.yaml``), added to the packaged ones.

    Example:
        >>> doc = nlp('On Tuesday he said: "We will decide tomorrow."')  # doctest: +SKIP
        >>> # with a statement said on 2025-05-27: "tomorrow" -> 2025-05-28, not 2025-05-31
    """
    text = doc.text
    quoted = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
    spans: list[tuple[int, int, dt.date]] = []
    starts: Optional[list[int]] = None
    for st in statements:
        if getattr(st, "mode", "") not in ("direct", "mixed"):
            continue
        said = getattr(st, "said_on", None)
        if said is None and quoted and published is not None:
            if starts is None:
                starts = _sent_starts(doc)
            said = _occasion_day(doc, starts, dates, st, quoted, published,
                                 _occasion_words(str(occasions) if occasions else None))
        if said is None or said == published:
            continue
        lo, hi = st.content_start - 1, st.content_end + 1
        spans.extend((a, b, said) for a, b in quoted if a < hi and b > lo)
    if not spans:
        return list(dates)
    again: dict[dt.date, dict[tuple[int, int], DateExpr]] = {}
    out = []
    for d in dates:
        said = next((day for a, b, day in spans if a <= d.start_char and d.end_char <= b), None)
        if said is None:
            out.append(d)
            continue
        if said not in again:  # the whole text once more, with the day of the words
            again[said] = {(x.start_char, x.end_char): x for x in extract_dates(doc, published=said)}
        new = again[said].get((d.start_char, d.end_char))
        out.append(new if new is not None and new.type == d.type else d)
    return out


OCCASIONS_PATH = LEXICON_DIR / "speech_occasions.yaml"


@functools.lru_cache(maxsize=8)
def _occasion_words(path: Optional[str] = None) -> dict[str, frozenset]:
    """``verbs``, ``nouns`` and ``audiences`` of ``speech_occasions.yaml`` (plus ``path``)."""
    words: dict[str, set] = {"verbs": set(), "nouns": set(), "audiences": set()}
    for p in [OCCASIONS_PATH] + ([path] if path else []):
        try:
            data = read_mapping(p, what="speech-occasion")
        except OSError:
            continue
        for key, found in words.items():
            found.update(str(w).lower() for w in data.get(key) or [])
    return {k: frozenset(v) for k, v in words.items()}


def _occasion_day(doc: Doc, starts: list[int], dates: list[DateExpr], st, quoted: list[tuple[int, int]],
                  published: dt.date, lex: dict[str, frozenset]) -> Optional[dt.date]:
    """The day of the occasion a statement's words were spoken at, when its sentence or the
    sentence before dates one: a one-day date, outside quotations and the statement's
    content, not after ``published``, that hangs on a word of speaking
    (:func:`_places_speaking`). In the statement's own sentences the date nearest the cue
    wins, else the last one of the sentence before; ``None`` without one.

    Example:
        "The minister held a news conference on Tuesday. “We decide tomorrow,” she said."
        -> Tuesday's date, for the quotation of the second sentence.
    """
    cue = getattr(st, "cue_start", None)
    anchor = cue if cue is not None else st.content_start
    first = max(0, bisect.bisect_right(starts, min(anchor, st.content_start)) - 1)
    last = max(0, bisect.bisect_right(starts, max(anchor, st.content_start)) - 1)

    def usable(d: DateExpr) -> bool:
        return (d.start is not None and d.start == d.end and d.start <= published
                and not st.content_start <= d.start_char < st.content_end
                and not any(a <= d.start_char < b for a, b in quoted))

    own = sorted((d for d in dates if first <= d.sent_id <= last and usable(d)),
                 key=lambda d: abs(d.start_char - anchor))
    before = [d for d in reversed(dates) if d.sent_id == first - 1 and usable(d)]
    for d in own + before:
        if _places_speaking(doc, d, lex, cue) and (d in own or _same_speaker(doc, d, st)):
            return d.start
    return None


def _same_speaker(doc: Doc, d: DateExpr, st) -> bool:
    """May the subject of the clause dating the occasion be the statement's speaker? Not
    when both are named and share no name ("Trump spoke on Monday. “...,” Zelensky said.");
    a pronoun or a role noun ("the minister") may be anyone."""
    span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    if span is None:
        return True
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return True
    names = {t.lower_ for t in subj.subtree if t.pos_ == "PROPN"}
    said_by = " ".join(x for x in (getattr(st, "speaker", None), getattr(st, "speaker_text", None)) if x)
    theirs = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", said_by)}
    return not names or not theirs or bool(names & theirs)


def _places_speaking(doc: Doc, d: DateExpr, lex: dict[str, frozenset], cue: Optional[int] = None) -> bool:
    """Does the date hang, a few steps up the parse, on a verb of speaking ("spoke on
    Tuesday"), an occasion of speaking ("at a rally on Tuesday", "Tuesday's speech"), a verb
    whose object is one ("held a rally on Tuesday", "met reporters on Tuesday"), or the
    statement's own cue?"""
    span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    if span is None:
        return False
    cur = span.root
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.idx == cue or _speaking_word(cur, lex):
            return True
        if cur.pos_ in ("VERB", "AUX"):
            objs = [c for c in cur.children if c.dep_ in ("dobj", "attr", "dative")]
            objs += [g for c in cur.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() in lex["nouns"] or o.lemma_.lower() in lex["audiences"] for o in objs):
                return True
            return False  # the clause of another verb: "the talks collapsed on Tuesday"
    return False


def _speaking_word(tok: Token, lex: dict[str, frozenset]) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return lemma in lex["verbs"]
    return tok.pos_ in ("NOUN", "PROPN") and lemma in lex["nouns"]

