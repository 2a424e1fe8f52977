"""Publication-date inference: when was an article published, judged from its own text.

Used when an article comes without a ``published`` date (``articles.published_inferred``).
The temporal expressions come from :mod:`toolkit.dates`; the dated offices from the actor
dictionary (``toolkit/data/actors.yaml``) and the ``period_cues`` of ``dates.yaml``; the
editions of recurring events ("this year's G7 summit in Hiroshima", "COP28") from
``toolkit/data/dated_series.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from .dates import LEX, _resolve_all, _safe_date
from .paths import LEXICON_DIR
from .words import ORDINAL_DAYS as _ORDINAL_DAYS
from .words import TEEN_WORDS as _TEEN_WORDS
from .words import TENS as _TENS
from .words import UNIT_WORDS as _UNIT_WORDS
from .yamlfiles import read_mapping

__all__ = ["PublishedEstimate", "infer_published", "infer_published_evidence", "load_series",
           "series_windows", "series_years"]

_UNITS_WORDS = {"zero": 0, **_UNIT_WORDS, **_TEEN_WORDS}
_TENS_WORDS = _TENS
#: "this fifth day of January, in the year of our Lord two thousand twenty-three": the signing
#: formula of proclamations and other formal documents.
_FORMULA_RE = re.compile(
    r"\bthis\s+([a-z]+(?:[\s-][a-z]+)?)\s+day\s+of\s+([A-Z][a-z]+)\s*,?\s+in\s+the\s+year\s+(?:of\s+our\s+Lord\s+)?"
    r"two\s+thousand(?:\s+and)?(?:\s+([a-z]+(?:-[a-z]+)?))?", re.I)
_NOT_IN_OFFICE = ("former", "then", "then-", "ex", "ex-", "late", "previous", "prior", "past")
#: "the funeral for Queen Margit of Veldoria", "the passing of President Carter": no longer in office
_MEMORIAL_RE = re.compile(r"\b(?:funeral (?:of|for)|death of|passing of|memory of|legacy of|mourn(?:ing)?|"
                          r"remembering|honor(?:ing)? the life of)\s+(?:the\s+)?(?:late\s+)?$", re.I)


def _words_number(text: Optional[str]) -> Optional[int]:
    if not text:
        return 0
    parts = text.lower().split("-")
    total = 0
    for w in parts:
        if w in _UNITS_WORDS:
            total += _UNITS_WORDS[w]
        elif w in _TENS_WORDS:
            total += _TENS_WORDS[w]
        else:
            return None
    return total


def _formula_date(text: str) -> Optional[dt.date]:
    """The date of a "this Nth day of Month, in the year of our Lord ..." signing formula."""
    best = None
    for m in _FORMULA_RE.finditer(text):
        day = _ORDINAL_DAYS.get(re.sub(r"\s+", "-", m[1].lower()))
        month = LEX["months"].get(m[2].lower())
        n = _words_number(m[3])
        if day and month and n is not None:
            d = _safe_date(2000 + n, month, day)
            if d and (best is None or d > best):
                best = d
    return best


@functools.lru_cache(maxsize=1)
def _office_patterns() -> list[tuple[re.Pattern, list[tuple[dt.date, dt.date]], tuple[str, ...]]]:
    """Regexes "<office> <name>" ("President Biden") with the periods the office was held,
    from the actor dictionary's dated roles."""
    path = LEXICON_DIR / "actors.yaml"
    try:
        data = read_mapping(path, what="actor dictionary")
    except OSError:
        return []
    far = dt.date(9999, 12, 31)
    out = []
    for a in data.get("actors") or []:
        roles = a.get("roles") or []
        if not roles or a.get("kind", "person") != "person":
            continue
        names = {str(a["name"])} | {str(x) for x in a.get("aliases") or []}
        surname = a.get("surname", str(a["name"]).split()[-1])
        if isinstance(surname, (list, tuple)):
            names.update(str(x) for x in surname if x)
        elif surname:
            names.add(str(surname))
        by_title: dict[str, list] = {}
        for r in roles:
            title = str(r.get("role") or "").strip()
            if not title or not title[:1].isupper():
                continue
            lo = _as_date(r.get("from"))
            hi = _as_date(r.get("to")) or far
            if lo is None:
                continue
            titles = {title}
            if " of " in title:  # "Secretary of State Blinken" and "Secretary Blinken"
                titles.add(title.split(" of ")[0])
            for t in titles:
                by_title.setdefault(t, []).append((lo, hi))
        for title, periods in by_title.items():
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            up = "|".join(re.escape(n.upper()) for n in sorted(names, key=len, reverse=True))
            # "President Biden", and the speaker label of a transcript: "PRESIDENT BIDEN:"
            pat = re.compile(rf"(?<![\w-])(?<!-)(?:{re.escape(title)}\s+(?:{alt})|{re.escape(title.upper())}\s+(?:{up}))"
                             rf"\b(?!-)")
            out.append((pat, periods, tuple(names) + tuple(n.upper() for n in names)))
        # the signature of a document signed in office: "JOSEPH R. BIDEN JR." as the last line
        top = [p for p in by_title.get(str(roles[0].get("role") or ""), [])]
        if top:
            sig = "|".join(re.escape(n.upper()) for n in sorted(names, key=len, reverse=True) if " " in n)
            if sig:
                out.append((re.compile(rf"(?:{sig})[ .,A-Z]*\s*$"), top, tuple(n.upper() for n in names if " " in n)))
    for phrase, periods in (LEX.get("period_cues") or {}).items():
        ps = [(_as_date(a), _as_date(b)) for a, b in periods or []]
        ps = [(a, b) for a, b in ps if a and b]
        if ps:
            out.append((re.compile(rf"(?<![\w-]){re.escape(str(phrase))}\b"), ps, (str(phrase),)))
    return out


def _as_date(v) -> Optional[dt.date]:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None


def _office_periods(text: str, ev: Optional[list[str]] = None) -> Optional[list[tuple[dt.date, dt.date]]]:
    """Periods compatible with every "<office> <name>" the text names in the present
    ("President Biden" -> 2021-01-20 .. 2025-01-20); ``None`` without such evidence.

    The periods of all offices named are intersected, the most often named first; one that
    contradicts those before it (a quoted title, a history: "the Trump Administration" in a
    text that names "President Biden" five times) is left out. The offices used are added to
    ``ev`` ("office: President Biden 2021-01-20..2025-01-19")."""
    tail = text[-300:]
    hits = []
    for order, (pat, periods, needles) in enumerate(_office_patterns()):
        sig = pat.pattern.endswith("$")
        if not any(n in (tail if sig else text) for n in needles):  # cheap test first
            continue
        n = 0
        first = None
        for m in pat.finditer(tail if sig else text):
            before = text[max(0, m.start() - 12):m.start()].lower().split()
            if before and before[-1].strip("“\"'(") in _NOT_IN_OFFICE:
                continue
            if _MEMORIAL_RE.search(text, max(0, m.start() - 30), m.start()):
                continue
            n += 1
            first = first or m.group(0).strip()
        if n:
            hits.append((-n, order, periods, first))
    allowed: Optional[list[tuple[dt.date, dt.date]]] = None
    for _, _, periods, first in sorted(hits, key=lambda h: (h[0], h[1])):
        if allowed is None:
            allowed = list(periods)
        else:
            inter = [(max(a, c), min(b, d)) for a, b in allowed for c, d in periods if max(a, c) < min(b, d)]
            if not inter:
                continue
            allowed = inter
        if ev is not None:
            ev.append(f"office: {first} " + ", ".join(f"{a.isoformat()}..{_last_day(b)}" for a, b in periods))
    return allowed


def _last_day(b: dt.date) -> str:
    return "" if b >= _FAR else (b - dt.timedelta(days=1)).isoformat()


def _within(d: dt.date, periods: Optional[list[tuple[dt.date, dt.date]]]) -> bool:
    return periods is None or any(a <= d < b for a, b in periods)


def _clip(d: dt.date, periods: Optional[list[tuple[dt.date, dt.date]]]) -> dt.date:
    if _within(d, periods):
        return d
    best = None
    for a, b in periods or []:
        c = a if d < a else b - dt.timedelta(days=1)
        if best is None or abs((c - d).days) < abs((best - d).days):
            best = c
    return best or d


_ORDINAL_WORDS = dict(_ORDINAL_DAYS)
_ORDINAL_WORDS.update({"fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
                       "ninetieth": 90, "hundredth": 100, "one-hundredth": 100, "seventy-fifth": 75,
                       "forty-fifth": 45, "fifty-fifth": 55, "sixty-fifth": 65, "eighty-fifth": 85})
#: "the 162nd anniversary of", "the twentieth anniversary of"
_ANNIV_RE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\b|\b([a-z]+(?:-[a-z]+)?)\s+anniversary\b", re.I)
#: "four years ago", "25 years since"
_AGO_RE = re.compile(r"\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+years?\s+(ago|since|after)\b", re.I)
_CONGRESS_RE = re.compile(r"\b(\d{2,3})(?:st|nd|rd|th)\s+Congress\b")
_YEAR_RE = re.compile(r"(?<![\d$.,/:-])(1[5-9]\d\d|20\d\d)(?![\d%])")
#: the clock time of a transcript with its US Eastern zone label ("4:56 P.M. EDT")
_ZONE_RE = re.compile(r"\b\d{1,2}:\d{2}\s*[AP]\.?M\.?\s+(EDT|EST)\b", re.I)
#: an anniversary still to come is no date of the text ("next year marks the 250th anniversary")
_NOT_YET_RE = re.compile(r"\b(?:next year|upcoming|approach(?:es|ing)?|will (?:mark|celebrate|commemorate|be)|"
                         r"would (?:mark|have been)|ahead of|lead-up|leading up to|run-up|in the coming)\b", re.I)
_FAR = dt.date(9999, 12, 31)


@functools.lru_cache(maxsize=1)
def _dated_terms() -> list[tuple[re.Pattern, dt.date]]:
    """The ``dated_terms`` of ``dates.yaml``: names of laws and events with their date."""
    out = []
    for phrase, day in (LEX.get("dated_terms") or {}).items():
        d = _as_date(day)
        if d:
            out.append((re.compile(rf"(?<![\w-]){re.escape(str(phrase))}(?![\w-])"), d))
    return out


def _number(word: str) -> Optional[int]:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    return _words_number(w) or None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around ``text[start:end]`` (by punctuation)."""
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start),
            text.rfind("! ", 0, start))
    a = a + 1 if a >= 0 else 0
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return a, (min(ends) if ends else len(text))


def _anniversaries(text: str, full: list, today: dt.date) -> list[tuple[int, Optional[dt.date]]]:
    """Years (and days) of the text from anniversaries and durations anchored to a year the
    sentence names: "the 150th anniversary of the Treaty of Veldoria (1875)" -> 2025,
    "four years ago, in 2018" -> 2022, "the 80th anniversary of D-Day" -> 2024-06-06 (the
    event's year from ``dated_terms``), "twenty years after the September 11th attacks" ->
    2021 (only before a dated event). A day comes from the event's full date in the text."""
    out = []
    hits = [(m, "anniv") for m in _ANNIV_RE.finditer(text)] + [(m, "ago") for m in _AGO_RE.finditer(text)]
    for m, kind in hits:
        if kind == "anniv":
            n = int(m[1]) if m[1] else _ORDINAL_WORDS.get(m[2].lower())
        else:
            n = _number(m[1])
        if not n or n > 400:
            continue
        a, b = _sentence(text, m.start(), m.end())
        sent = text[a:b]
        if _NOT_YET_RE.search(sent):
            continue
        event: Optional[tuple[dt.date, int]] = None  # the first dated term after the phrase
        after = text[m.end():b]
        for pat, d in _dated_terms():
            hit = pat.search(after)
            if hit and (event is None or hit.start() < event[1]):
                event = (d, hit.start())
        year = None
        md = None
        if m.lastindex and m[m.lastindex].lower() == "after":
            # "twenty years after the September 11th attacks": only right before a dated event
            if event is None or event[1] > 12:
                continue
            year = event[0].year
        elif event is not None:
            year, md = event[0].year, (event[0].month, event[0].day)
        else:
            best = None
            for ym in _YEAR_RE.finditer(sent):
                y = int(ym[1])
                pos = a + ym.start()
                if y + n > today.year or pos in range(m.start(), m.end()):
                    continue
                dist = abs(pos - m.end())
                if best is None or dist < best[0]:
                    best = (dist, y)
            if best is None:
                continue
            year = best[1]
            days = sorted({(d.month, d.day) for d, _ in full if d.year == year})
            if len(days) == 1:
                md = days[0]
        r = year + n
        if r > today.year or r < 1900:
            continue
        out.append((r, _safe_date(r, *md) if md else None))
    return out


def _not_before(text: str, ev: Optional[list[str]] = None) -> Optional[dt.date]:
    """The earliest possible day of writing from the named laws and events (``dated_terms``,
    less a month) and the Nth Congress ("the 117th Congress" began 2021-01-03); the one that
    bounds is added to ``ev`` ("named: Inflation Reduction Act, not before 2022-06-27")."""
    best = None
    why = ""
    for pat, d in _dated_terms():
        m = pat.search(text)
        if m:
            d = d - dt.timedelta(days=30)
            if best is None or d > best:
                best, why = d, m.group(0)
    for m in list(_EO_RE.finditer(text)) + list(_CONGRESS_RE.finditer(text)) + list(_PUBLAW_RE.finditer(text)):
        n = int(m[1])
        if m.re is _EO_RE:
            d = max((a for k, a in _EO_ANCHORS if k <= n), default=None)
        else:
            d = _safe_date(1789 + 2 * (n - 1), 1, 3) if 1 <= n <= 200 else None
        if d and (best is None or d > best):
            best, why = d, m.group(0)
    if best is not None and ev is not None:
        ev.append(f"named: {why}, not before {best.isoformat()}")
    return best


#: Executive Orders are numbered in order of signing: the number of one the text cites gives
#: a day the text cannot be older than, the date of the greatest anchor below it (Federal
#: Register, public record).
_EO_ANCHORS = [(13765, dt.date(2017, 1, 20)), (13985, dt.date(2021, 1, 20)), (14008, dt.date(2021, 1, 27)),
               (14024, dt.date(2021, 4, 15)), (14028, dt.date(2021, 5, 12)), (14036, dt.date(2021, 7, 9)),
               (14066, dt.date(2022, 3, 8)), (14105, dt.date(2023, 8, 9)), (14110, dt.date(2023, 10, 30)),
               (14147, dt.date(2025, 1, 20)), (14257, dt.date(2025, 4, 2))]
_EO_RE = re.compile(r"\bExecutive Orders?(?:\s*\(EO\))?\s+(?:No\.\s*)?(1[34]\d{3})\b")
#: "Public Law 117-58", "Pub. L. 118-5": the Congress that passed it
_PUBLAW_RE = re.compile(r"\b(?:Public Law|Pub\. ?L\.|P\.L\.)\s*(\d{2,3})[-–]\d+")
#: a dated path in a link the text gives ("/wp-content/uploads/2022/07/Update.pdf")
_URL_DATE_RE = re.compile(r"(?:https?://|www\.)\S*?/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")


def _url_month(text: str, today: dt.date) -> Optional[dt.date]:
    """The latest year/month of a dated link path, as the first of the month."""
    best = None
    for m in _URL_DATE_RE.finditer(text):
        d = dt.date(int(m[1]), int(m[2]), 1)
        if d <= today and (best is None or d > best):
            best = d
    return best


#: "today, July 15th", "(today) March 3": a date given as the day of writing
_TODAY_BEFORE_RE = re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\s*[,(–—-]?\s*(?:on\s+)?$", re.I)
_TODAY_AFTER_RE = re.compile(r"^\s*[,)]?\s*(?:[–—-]\s*)?(?:today|tonight)\b(?!['’]s)", re.I)


def _is_dateline(doc: Doc, f, d: dt.date) -> Optional[str]:
    """Is the full date ``f`` the day of writing? ``"today"`` for a date set next to "today"
    ("they will receive their payment today, July 15, 2021"), ``"weekday"`` for one written
    with its (matching) weekday ("On Thursday, April 15, 2021, the Governor signed into
    law"; the caller checks the tense), else ``None``."""
    toks = doc[f.cand.start:f.cand.end]
    if not len(toks):
        return None
    text = doc.text
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    if _TODAY_BEFORE_RE.search(text[max(0, a - 20):a]) or _TODAY_AFTER_RE.match(text[b:b + 16]):
        return "today"
    if not text[b:].strip(" \t\n.,") and "\n" in text[max(0, a - 40):a]:
        return "signature"  # the date line that ends a signed document ("THE WHITE HOUSE,\nJuly 28, 2023")
    wds = [LEX["weekdays"][t.lower_] for t in toks if "|WD|" in t._.tkdate_cls]
    return "weekday" if wds and wds[0] == d.isoweekday() else None


_TERM_END_RE = re.compile(r"\bexpir(?:ing|es|e)\s+(?:on\s+)?$", re.I)


def _dst(d: dt.date) -> bool:
    """Is US daylight saving time in force on ``d`` (second Sunday of March to the first
    Sunday of November, the rule since 2007)?"""
    start = dt.date(d.year, 3, 8 + (6 - dt.date(d.year, 3, 8).weekday()) % 7)
    end = dt.date(d.year, 11, 1 + (6 - dt.date(d.year, 11, 1).weekday()) % 7)
    return start <= d < end


def _zone(text: str) -> Optional[bool]:
    """``True`` when the text's clock times are in EDT, ``False`` in EST, else ``None``."""
    labels = {m[1].upper() for m in _ZONE_RE.finditer(text[:400])} or \
        {m[1].upper() for m in _ZONE_RE.finditer(text)}
    if len(labels) != 1:
        return None
    return labels == {"EDT"}


def _intersect(periods, window):
    """``periods`` cut to ``window`` (a list of periods); the old ones if they do not meet."""
    if periods is None:
        return list(window)
    inter = [(max(a, c), min(b, d)) for a, b in periods for c, d in window if max(a, c) < min(b, d)]
    return inter or periods


def _midpoint(periods, zone: Optional[bool]) -> dt.date:
    """The middle of the latest period, moved to the nearest day that fits the time zone."""
    a, b = max(periods, key=lambda p: p[0])
    mid = a + (b - a) / 2
    if zone is not None:
        for k in range(0, 200):
            for c in (mid - dt.timedelta(days=k), mid + dt.timedelta(days=k)):
                if a <= c < b and _dst(c) == zone:
                    return c
    return mid


# dated series: "this year's G7 summit in Hiroshima" --------------------------------------------

SERIES_PATH = LEXICON_DIR / "dated_series.yaml"
_MONTH_NAMES = {calendar.month_name[i]: i for i in range(1, 13)}
#: "this year's", "last year’s", "next year's" and up to four words before the series' name
_REL_RE = re.compile(r"\b(this|last|next)\s+year['’]s\s+(?:[\w.'’&-]+\s+){0,4}$", re.I)
_ORD_BEFORE_RE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:annual\s+|session\s+of\s+(?:the\s+)?)?$", re.I)
_NUM_AFTER_RE = re.compile(r"^\s?(\d{1,3}|[IVXLC]{2,8})\b")
_YEAR_BEFORE_RE = re.compile(r"\b((?:19|20)\d\d)\s+(?:[\w.'’&-]+\s+){0,2}$")
_YEAR_AFTER_RE = re.compile(r"^\s+(?:(?:in|at)\s+(?:[A-Z][\w'’.-]*,?\s){1,3}(?:(?:of|in)\s+)?|(?:of|in)\s+|\(?)"
                            r"((?:19|20)\d\d)\b")
#: "in Hiroshima", "at Schloss Elmau": a place named right after the series (in-article editions)
_PLACE_AFTER_RE = re.compile(r"^\s*,?\s+(?:in|at|hosted by)\s+"
                             r"([A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|el|de|da|del)){0,2})")
_MONTH_AFTER_RE = re.compile(r"^\s*,?\s+(?:\w+\s+){0,3}?in\s+(" + "|".join(_MONTH_NAMES) + r")\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class _Edition:
    year: int
    number: Optional[int] = None
    places: tuple[str, ...] = ()
    months: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Series:
    """One recurring event of ``dated_series.yaml``."""

    name: str
    aliases: tuple[str, ...]
    head: Optional[str] = None
    every: int = 1
    first: Optional[int] = None
    skipped: tuple[int, ...] = ()
    known_until: Optional[int] = None
    editions: tuple[_Edition, ...] = ()

    def year_of_number(self, n: int) -> Optional[int]:
        """The year of edition number ``n`` ("the 49th G7 summit" -> 2023)."""
        for e in self.editions:
            if e.number == n:
                return e.year
        if self.first is None or n < 1:
            return None
        y = self.first + (n - 1) * self.every
        for s in sorted(self.skipped):
            if s <= y:
                y += self.every
        return y


def _roman(s: str) -> Optional[int]:
    vals = [_ROMAN.get(c) for c in s]
    if None in vals:
        return None
    total = sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))
    return total if total > 0 else None


def _series_entry(raw: dict) -> Optional[_Series]:
    """A :class:`_Series` from one YAML entry; ``None`` when it names nothing."""
    aliases = tuple(str(a) for a in raw.get("aliases") or [raw.get("name")] if a)
    if not aliases:
        return None
    eds = []
    for e in raw.get("editions") or []:
        try:
            eds.append(_Edition(int(e["year"]), int(e["number"]) if e.get("number") else None,
                                tuple(str(p) for p in e.get("places") or []),
                                tuple(int(m) for m in e.get("months") or [])))
        except (KeyError, TypeError, ValueError):
            continue
    num = raw.get("numbered") or {}
    try:
        return _Series(str(raw.get("name") or aliases[0]), aliases, raw.get("head"),
                       int(raw["every"]) if raw.get("every") is not None else 1,
                       int(num["first"]) if num.get("first") else None,
                       tuple(int(y) for y in num.get("skipped") or []),
                       int(raw["known_until"]) if raw.get("known_until") else None, tuple(eds))
    except (AttributeError, TypeError, ValueError):  # a malformed entry of a user's file
        return None


@functools.lru_cache(maxsize=8)
def load_series(path: Optional[str] = None) -> tuple[_Series, ...]:
    """The dated series of ``toolkit/data/dated_series.yaml``, plus those of ``path``.

    Example:
        >>> [s.year_of_number(49) for s in load_series() if s.name == "G7 summit"]
        [2023]
    """
    out = []
    for p in [SERIES_PATH] + ([path] if path else []):
        try:
            data = read_mapping(p, what="dated-series")
        except OSError:
            continue
        out.extend(s for s in (_series_entry(r) for r in data.get("series") or [] if isinstance(r, dict)) if s)
    return tuple(out)


def _alias_re(alias: str) -> str:
    """A lower-case word also matches with a capital: "G7 summit" finds "G7 Summit"."""
    words = []
    for w in alias.split(" "):
        w_re = re.escape(w)
        if w[:1].islower():
            w_re = f"[{w[0]}{w[0].upper()}]" + re.escape(w[1:])
        words.append(w_re)
    return r"\s+".join(words)


@functools.lru_cache(maxsize=8)
def _series_matcher(path: Optional[str] = None) -> tuple[Optional[re.Pattern], dict]:
    """One regex for every alias and head of the series, and lower-cased alias -> series."""
    by_alias: dict[str, list[_Series]] = {}
    for s in load_series(path):
        for a in s.aliases:
            if s not in by_alias.setdefault(a.lower(), []):
                by_alias[a.lower()].append(s)
    if not by_alias:
        return None, {}
    alt = "|".join(_alias_re(a) for a in sorted({a for s in load_series(path) for a in s.aliases},
                                                 key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![A-Za-z-])"), by_alias


@dataclass
class _Mention:
    """A series named in the text, with what identifies its edition."""

    series: _Series
    start: int
    end: int
    rel: Optional[str] = None  # "this", "last", "next" (year's)
    number: Optional[int] = None
    year: Optional[int] = None  # written: "the 2024 summit"
    place: Optional[str] = None  # written after it: "in Hiroshima"
    month: Optional[int] = None  # "last year's summit in June"


def _series_mentions(text: str, path: Optional[str] = None) -> list[_Mention]:
    """Every series the text names (the longest alias at a place), then the bare heads
    ("this year's summit") of a series named elsewhere, with their qualifiers."""
    pat, by_alias = _series_matcher(path)
    if pat is None:
        return []
    found = []
    for m in pat.finditer(text):
        for s in by_alias.get(re.sub(r"\s+", " ", m.group(0)).lower(), []):
            found.append((m.start(), m.end(), s))
    heads: dict[str, set] = {}
    for _, _, s in found:
        if s.head:
            heads.setdefault(s.head, set()).add(s.name)
    named = {s.name: s for _, _, s in found}
    for head, names in heads.items():
        if len(names) != 1:
            continue  # "this year's summit" in a text naming two summits
        s = named[next(iter(names))]
        for m in re.finditer(rf"(?<![\w-]){_alias_re(head)}(?![A-Za-z-])", text):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), s))
    return [_qualify(text, a, b, s) for a, b, s in sorted(found, key=lambda f: f[:2])]


def _qualify(text: str, a: int, b: int, s: _Series) -> _Mention:
    """The relative year, number, year, place and month written around a mention."""
    m = _Mention(s, a, b)
    before, after = text[max(0, a - 60):a], text[b:b + 80]
    r = _REL_RE.search(before)
    if r:
        m.rel = r[1].lower()
    o = _ORD_BEFORE_RE.search(before)
    n = _NUM_AFTER_RE.match(after)
    if o:
        m.number = int(o[1])
    elif n and (s.first is not None or any(e.number for e in s.editions)):
        m.number = int(n[1]) if n[1].isdigit() else _roman(n[1])
    y = _YEAR_BEFORE_RE.search(before) or _YEAR_AFTER_RE.match(after)
    if y:
        m.year = int(y[1])
    p = _PLACE_AFTER_RE.match(after)
    if p:
        m.place = p[1].strip()
        if m.place in _MONTH_NAMES:
            m.place = None
    mo = _MONTH_AFTER_RE.match(after)
    if mo:
        m.month = _MONTH_NAMES[mo[1]]
    return m


def _window(text: str, m: _Mention) -> str:
    """The words around a mention that may name its place: from the start of the clause
    before it to the end of the clause after it."""
    a = max(text.rfind(c, max(0, m.start - 60), m.start) for c in ".;,\n(")
    tail = text[m.end:m.end + 90]
    cut = [i for i in (tail.find(c) for c in (". ", ";", "\n", " and ", " while ")) if i >= 0]
    nxt = re.search(r"\b(?:this|last|next)\s+year['’]s\b", tail, re.I)
    if nxt:
        cut.append(nxt.start())
    return text[a + 1:m.start] + " " + tail[:min(cut) if cut else len(tail)]


def _edition_years(text: str, m: _Mention, article_eds: list) -> Optional[set[int]]:
    """The years of the editions a mention can mean, by number, written year, host place
    (from the lexicon, or an edition the article dates itself: ``article_eds``, tuples of
    series, year, place, month) and month; ``None`` when it does not say which."""
    s = m.series
    if m.number is not None:
        y = s.year_of_number(m.number)
        return {y} if y else None
    if m.year is not None:
        return {m.year}
    win = _window(text, m)
    eds = [e for e in s.editions if any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", win) for p in e.places)]
    years = {e.year for e in eds}
    if m.place:  # editions the article dates itself: "the 2024 summit in Apulia"
        years |= {y for ss, y, p, _ in article_eds if ss is s and p and (p in m.place or m.place in p)}
    if m.month is not None:
        own = {y for ss, y, _, mo in article_eds if ss is s and mo == m.month}  # "the summit in June 2024"
        by_month = own or {e.year for e in (eds or s.editions) if m.month in e.months}
        years = (years & by_month) if years else by_month
        if s.known_until is None and not eds and not own:
            return None  # a month of an annual series whose list may be incomplete
    return years or None


#: a sentence about an edition still to come: its year bounds the text from above
_AHEAD_RE = re.compile(r"\b(?:will|upcoming|ahead of|lead-up|run-up|leading up to|to host|to be held|"
                       r"scheduled|next)\b|['’]ll\b", re.I)


def series_years(text: str, *, path: Optional[str] = None) -> list[tuple[str, int, Optional[str], tuple]]:
    """Years of the editions a text names by number or by host place, without "this/last
    year's": "COP28" -> 2023, "the 59th Presidential Inaugural Ceremonies" -> 2021, "the G7
    Summit in Hiroshima" -> 2023 (a text is most often written near the edition it names;
    used like a year the text writes, and as a year in a future clause when the sentence
    speaks of it as still to come: "will host the World Cup"). An edition the place leaves
    open ("the NATO summit in Brussels": 2018 or 2021) gives nothing.

    Returns:
        ``(evidence, year, tense, months)``: ``tense`` ``"future"`` or ``None``, ``months``
        those of the edition in the lexicon (may be empty).

    Example:
        >>> series_years("Delegates left COP28 in Dubai.")
        [('COP no. 28 -> 2023', 2023, None, (11, 12))]
    """
    out = []
    for m in _series_mentions(text, path):
        if m.rel is not None or m.year is not None:
            continue  # "this year's": series_windows; "the 2024 summit": a year written
        if m.number is None and not m.series.editions:
            continue
        m.month = None  # a month names no edition on its own
        years = _edition_years(text, m, [])
        if years and len(years) == 1:
            y = next(iter(years))
            label = text[m.start:m.end] + (f" no. {m.number}" if m.number is not None else "")
            a, b = _sentence(text, m.start, m.end)
            months = tuple(sorted({mo for e in m.series.editions if e.year == y for mo in e.months}))
            out.append((f"{label} -> {y}", y, "future" if _AHEAD_RE.search(text, a, b) else None, months))
    return out


def series_windows(text: str, *, path: Optional[str] = None) -> list[tuple[str, list[tuple[dt.date, dt.date]]]]:
    """Periods the text is placed in by "this/last/next year's <series>".

    "this year's G7 summit in Hiroshima" -> 2023; "last year's COP in Glasgow" -> 2022;
    "this year's Winter Olympics" -> the years of Winter Games (2022, 2026, ...). An annual
    series named without its edition gives nothing.

    Returns:
        ``(evidence, periods)`` pairs, ``periods`` as ``[from, to)`` dates.

    Example:
        >>> series_windows("Leaders gathered for this year's G7 summit in Hiroshima.")[0]
        ("this year's G7 summit -> 2023", [(datetime.date(2023, 1, 1), datetime.date(2024, 1, 1))])
    """
    if "year" not in text:
        return []
    mentions = _series_mentions(text, path)
    article_eds = [(m.series, m.year, m.place, m.month) for m in mentions
                   if m.year and (m.place or m.month) and not m.rel]
    out = []
    for m in mentions:
        if m.rel is None:
            continue
        shift = {"this": 0, "last": 1, "next": -1}[m.rel]
        years = _edition_years(text, m, article_eds)
        open_from = None
        if years is None:
            if m.series.every == 1 or not m.series.editions:
                continue  # "this year's Super Bowl": every year has one
            years = {e.year for e in m.series.editions}
            open_from = m.series.known_until + 1 if m.series.known_until else None
        periods = [(dt.date(y + shift, 1, 1), dt.date(y + shift + 1, 1, 1)) for y in sorted(years)]
        if open_from is not None:
            periods.append((dt.date(open_from + shift, 1, 1), _FAR))
        said = text[m.start:m.end]
        what = ", ".join(str(y + shift) for y in sorted(years)) + (f" or from {open_from + shift}" if open_from else "")
        out.append((f"{m.rel} year's {said} -> {what}", periods))
    return out


@dataclass(frozen=True)
class PublishedEstimate:
    """When an article was written, as far as its text tells, and why.

    ``estimate`` is ``None`` when the evidence does not narrow the date to a year or less
    (abstention); ``earliest`` / ``latest`` still give the range the evidence allows.
    ``evidence`` lists the basis of the estimate first, then the facts that bound it
    ("office: President Biden 2021-01-20..2025-01-19", "named: Inflation Reduction Act,
    not before 2022-06-27", "anniversary: 20th anniversary -> 2021").
    """

    estimate: Optional[dt.date]
    earliest: Optional[dt.date]
    latest: Optional[dt.date]
    evidence: tuple[str, ...] = ()


#: the widest range (days) an estimate may stand for; a wider one is an abstention
MAX_RANGE_DAYS = 366


def infer_published_evidence(doc: Doc, *, today: Optional[dt.date] = None,
                             abstain: bool = True, series: Optional[str] = None) -> PublishedEstimate:
    """Estimate when an article was published, with the evidence for it.

    The rules are those of :func:`infer_published`. With ``abstain`` (the default) the
    estimate is ``None`` when the evidence leaves more than a year open (a text whose only
    clue is "President Biden" names four equally likely years); the range stays.

    Example:
        >>> e = infer_published_evidence(nlp("On Friday, May 30, 2025, the talks ended."))  # doctest: +SKIP
        >>> e.estimate, e.evidence[0]  # doctest: +SKIP
        (datetime.date(2025, 5, 30), 'day of writing: 2025-05-30')
    """
    ev: list[str] = []
    basis, (est, lo, hi) = _infer(doc, today or dt.date.today(), ev, str(series) if series else None)
    if basis == "none":
        return PublishedEstimate(None, None, None, ())
    if abstain and est is not None and lo is not None and hi is not None and \
            (hi - lo).days > MAX_RANGE_DAYS:
        basis = "abstained, range wider than a year: " + basis
        est = None
    seen: list[str] = []
    for e in [basis] + ev:  # the basis first, each fact once, in the order found
        if e not in seen:
            seen.append(e)
    return PublishedEstimate(est, lo, hi, tuple(seen))


def infer_published(doc: Doc, *, today: Optional[dt.date] = None, abstain: bool = True,
                    series: Optional[str] = None
                    ) -> tuple[Optional[dt.date], Optional[dt.date], Optional[dt.date]]:
    """Estimate when an article was published from its own text.

    Evidence, strongest first:

    1. a weekday paired with a day of the month ("talks on Monday ... scheduled for the 2nd
       of June", "Monday, March 3") fixes the year and brackets the publication in the week
       before or after that day, by the clause's tense;
       A full date written with its weekday ("On Thursday, April 15, 2021, the Governor
       signed"), set next to "today" ("today, July 15, 2021") or ending a signed document
       (its last line: "July 28, 2023") is taken as the day of writing;
    2. a signing formula ("this fifth day of January, in the year of our Lord two thousand
       twenty-three", also without "of our Lord");
    3. full dates: the latest one not in a future clause (a planned date bounds the
       publication from above; when it lies more than three weeks after that latest past
       date, the text is dated two days before it: "is to stay in force until June
       3, 2021"; "a term expiring ..." is no planned date);
    4. without a full date, the year of an anniversary or duration anchored to a year ("the
       150th anniversary of the Treaty of Veldoria (1875)", "four years ago, in 2018"), else
       the latest year the text names (a year in a future clause bounds from above), with the
       latest day named without a year, else two days before a planned day ("will meet on
       February 24th"), else the end of the latest month named ("In March", "in July 2025");
       without any year, the middle of the period
       the other evidence allows (moved to fit the EDT/EST label of a transcript's clock time).

    Throughout, the date must fit the period the text allows:

    - who holds which office: "President Biden" bounds the date to 2021-01-20 .. 2025-01-20
      (the dated roles of ``toolkit/data/actors.yaml`` and the ``period_cues`` of ``dates.yaml``);
      the periods of several offices are intersected;
    - named laws and events (``dated_terms`` of ``dates.yaml``: "the Inflation Reduction Act")
      and "the 118th Congress" give a day the text cannot be older than;
    - an anniversary or duration anchored to a year gives the year;
    - "this year's <dated series>" (``toolkit/data/dated_series.yaml``): "this year's G7
      summit in Hiroshima" -> 2023, "last year's COP in Glasgow" -> 2022, "this year's
      Winter Olympics" -> a year of Winter Games; editions the text dates itself ("the 2024
      summit in Apulia") count too. A series held every year, named without its edition,
      is not used.

    Dates outside the period are discarded, so a history ("in 1865 ...") does not become the
    estimate of a text that shows it was written later. A text whose only evidence is a date
    more than 20 years before ``today`` gets no estimate, only the range from that date on.

    Args:
        doc: the parsed article.
        today: upper bound for the estimate (default: today).
        abstain: give no estimate (``None``, the range kept) when the evidence leaves more
            than a year open; ``False`` returns the middle of that range instead.
        series: a YAML file of more dated series (the format of
            ``toolkit/data/dated_series.yaml``), added to the packaged ones.

    Returns:
        ``(estimate, earliest, latest)``; ``(None, None, None)`` without evidence. The
        evidence behind it: :func:`infer_published_evidence`.

    Example:
        >>> infer_published(nlp(seed_text))  # doctest: +SKIP
        (datetime.date(2025, 5, 30), datetime.date(2025, 5, 26), datetime.date(2025, 6, 1))
    """
    e = infer_published_evidence(doc, today=today, abstain=abstain, series=series)
    return e.estimate, e.earliest, e.latest


@dataclass
class _Facts:
    """What the text says about its own date, sorted by kind; filled by :func:`_collect` and
    :func:`_bound`, read by the steps of :data:`_STEPS`."""

    text: str
    today: dt.date
    full: list = field(default_factory=list)  # (date, tense)
    years: list = field(default_factory=list)  # (year, tense)
    month_days: list = field(default_factory=list)  # (month, day, tense, token index)
    months: list = field(default_factory=list)  # (month, tense)
    year_months: list = field(default_factory=list)  # (year, month, tense): "in July 2025"
    weekdays: list = field(default_factory=list)  # (weekday, tense, token index)
    paired: list = field(default_factory=list)  # (weekday, month, day, tense): "Monday, March 3"
    term_ends: set = field(default_factory=set)  # "whose term expires on May 9, 2026": no planned event
    strong: list = field(default_factory=list)  # "On Thursday, April 15, 2021, the Governor signed", "today, July 15, 2021"
    periods: Optional[list] = None  # the periods the text allows (offices, named terms, anniversaries)
    zone: Optional[bool] = None  # daylight saving time by a transcript's EDT/EST
    anniv: list = field(default_factory=list)
    anniv_year: Optional[int] = None
    present: bool = False  # any evidence besides the dates themselves
    edition_months: dict = field(default_factory=dict)  # year -> months of the editions named ("COP28")


def _infer(doc: Doc, today: dt.date, ev: list[str], series_path: Optional[str] = None) -> tuple[str, tuple]:
    """``(basis, (estimate, earliest, latest))``; facts that bound it are added to ``ev``.

    The temporal expressions are sorted by kind (:func:`_collect`), the periods the text
    allows are worked out (:func:`_bound`), then the steps of :data:`_STEPS` are asked,
    strongest evidence first; the first that answers decides.
    """
    if doc is None or len(doc) == 0:
        return "none", (None, None, None)
    try:
        found = _resolve_all(doc, None)
        text = doc.text
        periods = _office_periods(text, ev)
        nb = _not_before(text, ev)
        zone = _zone(text)
        url_month = _url_month(text, today)
        series = series_windows(text, path=series_path)
        editions = series_years(text, path=series_path)
    except Exception:  # never let a strange text break the article
        return "none", (None, None, None)
    fx = _collect(doc, found, text, today)
    fx.periods, fx.zone = periods, zone
    for what, year, tense, months in editions:  # "COP28": like a year the text writes
        if year <= today.year:
            fx.years.append((year, tense))
            if months:
                fx.edition_months[year] = months
            ev.append(f"named edition: {what}")
    _bound(fx, nb, url_month, ev, series)
    for step in _STEPS:
        answer = step(fx)
        if answer is not None:
            return answer
    return "none", (None, None, None)


def _collect(doc: Doc, found: list, text: str, today: dt.date) -> _Facts:
    """Sort the resolved DATE and TIME expressions by what they fix: full dates, years,
    days of a month, months, weekdays ..."""
    fx = _Facts(text, today)
    for f in found:
        if f.type not in ("DATE", "TIME"):
            continue
        v = f.value
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
        if m:
            d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
            if d:
                fx.full.append((d, f.tense))
                fx.years.append((d.year, f.tense))
                if _TERM_END_RE.search(text, max(0, doc[f.cand.start].idx - 30), doc[f.cand.start].idx):
                    fx.term_ends.add(d)
                kind = _is_dateline(doc, f, d)
                if kind in ("today", "signature") or (kind == "weekday" and f.tense != "future"):
                    fx.strong.append(d)
            continue
        m = re.match(r"^(\d{4})(-\d{2})?", v)
        if m and not v.startswith("XXXX"):
            fx.years.append((int(m[1]), f.tense))
            if re.match(r"^\d{4}-\d{2}$", v):  # "in July 2025"
                fx.year_months.append((int(m[1]), int(v[5:7]), f.tense))
        m = re.match(r"^XXXX-(\d{2})-(\d{2})$", v)
        if m:
            fx.month_days.append((int(m[1]), int(m[2]), f.tense, f.cand.start))
            wds = [LEX["weekdays"][t.lower_] for t in doc[f.cand.start:f.cand.end] if "|WD|" in t._.tkdate_cls]
            if wds:
                fx.paired.append((wds[0], int(m[1]), int(m[2]), f.tense))
        m = re.match(r"^XXXX-(\d{2})$", v)
        if m:
            fx.months.append((int(m[1]), f.tense))
        m = re.match(r"^XXXX-WXX-(\d)$", v)
        if m:
            fx.weekdays.append((int(m[1]), f.tense, f.cand.start))
    return fx


def _bound(fx: _Facts, nb: Optional[dt.date], url_month: Optional[dt.date], ev: list[str],
           series: Optional[list] = None) -> None:
    """Narrow ``fx.periods`` by a dated link, the day the text cannot be older than (``nb``),
    "this year's <dated series>" (:func:`series_windows`) and the year of an anniversary;
    set ``fx.present`` and ``fx.anniv_year``."""
    today = fx.today
    if url_month is not None:  # a link to a file uploaded that month
        ev.append(f"dated link: {url_month.isoformat()[:7]}")
        nb = url_month if nb is None or url_month > nb else nb
        fx.years.append((url_month.year, None))
        fx.months.append((url_month.month, None))
    try:
        fx.anniv = _anniversaries(fx.text, fx.full, today)
    except Exception:
        fx.anniv = []
    periods = fx.periods
    fx.present = periods is not None or nb is not None or bool(fx.anniv)
    if nb is not None and nb <= today:
        periods = _intersect(periods, [(nb, _FAR)])
    periods = _by_series(periods, series or [], today, ev)
    fx.present = fx.present or periods is not None
    if fx.anniv:
        count: dict[int, int] = {}
        for y, _ in fx.anniv:
            count[y] = count.get(y, 0) + 1
        anniv_year = max(count, key=lambda y: (count[y], y))
        ev.append(f"anniversary or 'N years since': {anniv_year}")
        window = [(dt.date(anniv_year, 1, 1), dt.date(anniv_year + 1, 1, 1))]
        if periods is None or _intersect(periods, window) != periods or \
                all(a >= window[0][0] and b <= window[0][1] for a, b in periods):
            periods = _intersect(periods, window)
            fx.anniv_year = anniv_year
        else:
            ev.pop()
    if periods is not None:
        periods = [(a, min(b, today + dt.timedelta(days=1))) for a, b in periods if a <= today] or None
    fx.periods = periods


def _by_series(periods: Optional[list], series: list, today: dt.date, ev: list[str]) -> Optional[list]:
    """``periods`` narrowed by each "this year's <series>" window that narrows them and
    does not contradict them (a window that leaves nothing, or nothing up to ``today``, is
    left out; so is one that changes nothing)."""
    for what, window in series:
        window = [(a, b) for a, b in window if a <= today]
        inter = [(max(a, c), min(b, d)) for a, b in (periods or [(dt.date.min, _FAR)])
                 for c, d in window if max(a, c) < min(b, d)]
        if not inter or inter == periods:
            continue
        periods = inter
        ev.append(f"dated series: {what}")
    return periods


def _year_range(fx: _Facts) -> range:
    """The years a weekday-and-date pair is looked for in, latest first within the periods."""
    periods, today = fx.periods, fx.today
    if periods:
        return range(max(b for _, b in periods).year, min(a for a, _ in periods).year - 1, -1)
    known = [y for y, t in fx.years if t != "future" and y <= today.year]
    floor = max(known) if known else None
    return range(floor, min(floor + 12, today.year + 1)) if floor else range(today.year, today.year - 12, -1)


def _by_weekday_and_date(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """1. "Monday, March 3" in one expression: the year whose March 3 is a Monday."""
    for wdn, mo, dy, tense in fx.paired:
        for y in _year_range(fx):
            d = _safe_date(y, mo, dy)
            if d and d.isoweekday() == wdn and _within(d, fx.periods):
                if tense == "future":
                    return f"weekday and date: {d.strftime('%A')} {d.isoformat()} (planned)", (d - dt.timedelta(days=3), d - dt.timedelta(days=7), d - dt.timedelta(days=1))
                return f"weekday and date: {d.strftime('%A')} {d.isoformat()}", (d, d - dt.timedelta(days=1), d + dt.timedelta(days=6))
    return None


def _by_day_of_writing(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """1a. A full date with its weekday, set next to "today" or ending a signed document."""
    sd = [d for d in fx.strong if _within(d, fx.periods) and d <= fx.today]
    if sd:
        d = max(sd)
        return f"day of writing: {d.isoformat()}", (d, d - dt.timedelta(days=1), d + dt.timedelta(days=1))
    return None


def _by_separate_weekday(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """1b. A weekday and a day of the month in separate expressions (:func:`_weekday_bracket`)."""
    bracket = _weekday_bracket(fx.month_days, fx.weekdays, fx.full, fx.years, fx.periods, fx.today)
    if bracket is not None:
        return "weekday and date in separate expressions", bracket
    return None


def _by_signing_formula(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """2. The signing formula of proclamations ("this fifth day of January, in the year ...")."""
    fd = _formula_date(fx.text)
    if fd and _within(fd, fx.periods) and fd <= fx.today:
        return f"signing formula: {fd.isoformat()}", (fd, fd - dt.timedelta(days=1), fd + dt.timedelta(days=1))
    return None


def _by_full_dates(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """3. Full dates (an anniversary's day counts as one): the latest past one, bounded by
    the first planned one; or shortly before a planned date."""
    today, periods = fx.today, fx.periods
    full = fx.full + [(d, None) for y, d in fx.anniv if d is not None and y == fx.anniv_year]
    inside = [(d, t) for d, t in full if _within(d, periods) and d <= today + dt.timedelta(days=400)]
    past = [d for d, t in inside if t != "future" and d <= today]
    planned = [d for d, t in inside if t == "future"]
    if past:
        est = max(past)
        if not fx.present and (today - est).days > 20 * 365:  # only a history: no estimate
            return f"only old dates: {est.isoformat()}", (None, est, today)
        later = [d for d in planned if d >= est]
        events = [d for d in later if d not in fx.term_ends]
        if events and 21 < (min(events) - est).days < 730 and min(events) == min(later):
            # the latest past date is far behind the first planned one ("the state of alert
            # declared on June 3, 2020 ... is to stay in force until June 3,
            # 2021"): the text was written shortly before the planned date
            return f"before a planned date: {min(events).isoformat()}", (min(events) - dt.timedelta(days=2), est, min(later))
        return f"latest full date: {est.isoformat()}", (est, est, (min(later) if later else None))
    if planned:
        first = min(planned)
        return f"planned full date: {first.isoformat()}", (first - dt.timedelta(days=2), first - dt.timedelta(days=30), first)
    return None


def _by_year(fx: _Facts) -> Optional[tuple[str, tuple]]:
    """4. A year (an anniversary's, the latest named, a planned one, the middle of the
    periods), then the latest day or month named without one (:func:`_within_year`)."""
    today, periods = fx.today, fx.periods

    def fits(y: int) -> bool:
        return y <= today.year and (periods is None or any(a.year <= y <= b.year for a, b in periods))

    ys = [y for y, t in fx.years if t != "future" and fits(y)]
    ahead = [y for y, t in fx.years if t == "future" and fits(y)]
    if ahead and periods:  # "in 2024 we will ...": written in 2024 at the latest
        periods = _intersect(periods, [(dt.date.min, dt.date(min(ahead) + 1, 1, 1))])
    if fx.anniv_year is not None:
        year = fx.anniv_year
    elif ys:
        year = max(ys)
        if ahead and min(ahead) < year:
            year = min(ahead)
    elif ahead:  # "in 2024 we will ...", most often written that year
        year = min(ahead)
    elif periods:
        year = _midpoint(periods, fx.zone).year
    else:
        return "none", (None, None, None)
    if not fx.present and periods is None and today.year - year > 20:
        return f"only an old year: {year}", (None, dt.date(year, 1, 1), today)
    answer = _within_year(fx, year, periods)
    if answer is not None:
        return answer
    yr = [(max(a, dt.date(year, 1, 1)), min(b, dt.date(year + 1, 1, 1))) for a, b in periods or [(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))]]
    yr = [(a, b) for a, b in yr if a < b] or [(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))]
    if not ys and not ahead and fx.anniv_year is None and periods:
        lo, hi = min(a for a, _ in periods), max(b for _, b in periods) - dt.timedelta(days=1)
        return "middle of the period", (_midpoint(periods, fx.zone), lo, hi)
    lo, hi = min(a for a, _ in yr), max(b for _, b in yr) - dt.timedelta(days=1)
    mid = _midpoint(yr, fx.zone)
    months = fx.edition_months.get(year)
    if months:  # "the G7 summit in Apulia" and no day or month named: the month of the edition
        mid = min(max(dt.date(year, months[-1], 15), lo), hi, fx.today)
    return f"year: {year}", (mid, lo, hi)


def _within_year(fx: _Facts, year: int, periods: Optional[list]) -> Optional[tuple[str, tuple]]:
    """In a known ``year``: the latest day of the month named, else a planned day, else the
    end of the latest month named; ``None`` when the text names none."""
    today = fx.today
    cands = [d for mo, dy, t, _ in fx.month_days if t != "future"
             for d in [_safe_date(year, mo, dy)] if d and _within(d, periods) and d <= today]
    if cands:
        est = max(cands)
        return f"day of the month in {year}: {est.isoformat()}", (est, est, est + dt.timedelta(days=14))
    # only a planned day ("they will meet on February 24th"): written shortly before it
    ahead_days = [d for mo, dy, t, _ in fx.month_days if t == "future"
                  for d in [_safe_date(year, mo, dy)] if d and _within(d, periods) and d <= today]
    if ahead_days:
        first = min(ahead_days)
        return f"planned day of the month in {year}: {first.isoformat()}", (first - dt.timedelta(days=2), first - dt.timedelta(days=30), first)
    mons = [mo for mo, t in fx.months if t != "future"] + \
        [mo for y, mo, t in fx.year_months if y == year and t != "future" and dt.date(y, mo, 1) <= today]
    if mons:
        mo = max(mons)
        # a month named without a day ("job growth in March") is most often written about at
        # its end or just after: its last day
        d = _clip(min(dt.date(year, mo, calendar.monthrange(year, mo)[1]), today), periods)
        return f"month named: {year}-{mo:02d}", (d, dt.date(year, mo, 1), min(today, dt.date(year, mo, calendar.monthrange(year, mo)[1]) + dt.timedelta(days=31)))
    return None


#: the evidence, strongest first: each step returns ``(basis, (estimate, earliest, latest))``
#: or ``None`` to pass to the next
_STEPS = (_by_weekday_and_date, _by_day_of_writing, _by_separate_weekday, _by_signing_formula,
          _by_full_dates, _by_year)


def _weekday_bracket(month_days, weekdays, full, years, periods, today):
    """Publication bracket from a weekday and a day of the month named apart ("talks on
    Monday ... scheduled for the 2nd of June"), or ``None``."""
    known = [y for y, t in years if y <= today.year]
    floor = max(known) if known else None

    def compatible(a: Optional[str], b: Optional[str]) -> bool:
        norm = {"present": "future"}
        a, b = norm.get(a, a), norm.get(b, b)
        return a is None or b is None or a == b

    lo: Optional[dt.date] = None
    hi: Optional[dt.date] = None
    for mo, dy, mt, _ in month_days:
        for wdn, wt, _ in weekdays:
            if not compatible(mt, wt):
                continue
            cands = range(floor, floor + 12) if floor else range(today.year, today.year - 12, -1)
            year = next((y for y in cands if (_safe_date(y, mo, dy) or dt.date.min).isoweekday() == wdn
                         and _safe_date(y, mo, dy) and _within(_safe_date(y, mo, dy), periods)), None)
            if year is None:
                continue
            a = dt.date(year, mo, dy)
            tense = wt or mt
            if tense in ("future", "present"):
                lo, hi = a - dt.timedelta(days=7), a - dt.timedelta(days=1)
            elif tense == "past":
                lo, hi = a, a + dt.timedelta(days=6)
            else:
                lo, hi = a - dt.timedelta(days=6), a + dt.timedelta(days=6)
            break
        if lo is not None:
            break
    if lo is None:
        return None
    for d, t in full:
        if t == "past" and lo < d <= hi:
            lo = d
        elif t == "future" and lo <= d < hi:
            hi = d
    est = None
    for wdn, wt, _ in weekdays:
        if wt != "past":
            continue
        d = hi
        while d >= lo:
            if d.isoweekday() == wdn:
                est = d if est is None or d > est else est
                break
            d -= dt.timedelta(days=1)
    if est is None:
        d = hi
        while d > lo and d.isoweekday() > 5:
            d -= dt.timedelta(days=1)
        est = d
    return est, lo, hi
