"""Publication-date inference: when was an article published, judged from its own text.

Used when an article comes without a ``published`` date (``articles.published_inferred``).
The temporal expressions come from :mod:`toolkit.dates`; the dated offices from the actor
dictionary (``toolkit/data/actors.yaml``) and the ``period_cues`` of ``dates.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Optional

import yaml
from spacy.tokens import Doc

from .dates import LEX, _resolve_all, _safe_date
from .paths import LEXICON_DIR

__all__ = ["infer_published"]

_ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINAL_DAYS.update({"twenty-" + w: 20 + i for w, i in _ORDINAL_DAYS.items() if i < 10})
_ORDINAL_DAYS.update({"thirtieth": 30, "thirty-first": 31})
_UNITS_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
#: "this fifth day of January, in the year of our Lord two thousand twenty-three": the signing
#: formula of proclamations and other formal documents.
_FORMULA_RE = re.compile(
    r"\bthis\s+([a-z]+(?:[\s-][a-z]+)?)\s+day\s+of\s+([A-Z][a-z]+)\s*,?\s+in\s+the\s+year\s+of\s+our\s+Lord\s+"
    r"two\s+thousand(?:\s+and)?(?:\s+([a-z]+(?:-[a-z]+)?))?", re.I)
_NOT_IN_OFFICE = ("former", "then", "then-", "ex", "ex-", "late")


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
def _office_patterns() -> list[tuple[re.Pattern, list[tuple[dt.date, dt.date]]]]:
    """Regexes "<office> <name>" ("President Biden") with the periods the office was held,
    from the actor dictionary's dated roles."""
    path = LEXICON_DIR / "actors.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
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
        if surname:
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
            pat = re.compile(rf"(?<![\w-])(?<!-){re.escape(title)}\s+(?:{alt})\b(?!-)")
            out.append((pat, periods))
        # the signature of a document signed in office: "JOSEPH R. BIDEN JR." as the last line
        top = [p for p in by_title.get(str(roles[0].get("role") or ""), [])]
        if top:
            sig = "|".join(re.escape(n.upper()) for n in sorted(names, key=len, reverse=True) if " " in n)
            if sig:
                out.append((re.compile(rf"(?:{sig})[ .,A-Z]*\s*$"), top))
    for phrase, periods in (LEX.get("period_cues") or {}).items():
        ps = [(_as_date(a), _as_date(b)) for a, b in periods or []]
        ps = [(a, b) for a, b in ps if a and b]
        if ps:
            out.append((re.compile(rf"(?<![\w-]){re.escape(str(phrase))}\b"), ps))
    return out


def _as_date(v) -> Optional[dt.date]:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None


def _office_periods(text: str) -> Optional[list[tuple[dt.date, dt.date]]]:
    """Periods compatible with every "<office> <name>" the text names in the present
    ("President Biden" -> 2021-01-20 .. 2025-01-20); ``None`` without such evidence."""
    allowed: Optional[list[tuple[dt.date, dt.date]]] = None
    tail = text[-300:]
    for pat, periods in _office_patterns():
        hit = False
        for m in pat.finditer(tail if pat.pattern.endswith("$") else text):
            before = text[max(0, m.start() - 8):m.start()].lower().split()
            if before and before[-1].strip("“\"'(") in _NOT_IN_OFFICE:
                continue
            hit = True
            break
        if not hit:
            continue
        if allowed is None:
            allowed = list(periods)
            continue
        inter = [(max(a, c), min(b, d)) for a, b in allowed for c, d in periods if max(a, c) < min(b, d)]
        if inter:  # contradictory evidence (a quoted title, a history): keep the first
            allowed = inter
    return allowed


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


def infer_published(doc: Doc, *, today: Optional[dt.date] = None
                    ) -> tuple[Optional[dt.date], Optional[dt.date], Optional[dt.date]]:
    """Estimate when an article was published from its own text.

    Evidence, strongest first:

    1. a weekday paired with a day of the month ("talks on Monday ... scheduled for the 2nd
       of June", "Monday, March 3") fixes the year and brackets the publication in the week
       before or after that day, by the clause's tense;
    2. a signing formula ("this fifth day of January, in the year of our Lord two thousand
       twenty-three");
    3. full dates: the latest one not in a future clause (a planned date bounds the
       publication from above);
    4. without a full date, the latest year the text names, with the latest day or month
       named without a year;
    and throughout, who holds which office: "President Biden" bounds the date to
    2021-01-20 .. 2025-01-20 (the dated roles of ``toolkit/data/actors.yaml``); estimates
    outside the offices' periods are discarded.

    Args:
        doc: the parsed article.
        today: upper bound for the estimate (default: today).

    Returns:
        ``(estimate, earliest, latest)``; ``(None, None, None)`` without evidence.

    Example:
        >>> infer_published(nlp(seed_text))  # doctest: +SKIP
        (datetime.date(2025, 5, 30), datetime.date(2025, 5, 26), datetime.date(2025, 6, 1))
    """
    if doc is None or len(doc) == 0:
        return None, None, None
    today = today or dt.date.today()
    try:
        found = _resolve_all(doc, None)
        text = doc.text
        periods = _office_periods(text)
    except Exception:  # never let a strange text break the article
        return None, None, None
    if periods is not None:
        periods = [(a, min(b, today + dt.timedelta(days=1))) for a, b in periods if a <= today] or None
    full: list[tuple[dt.date, Optional[str]]] = []
    years: list[tuple[int, Optional[str]]] = []
    month_days: list[tuple[int, int, Optional[str], int]] = []
    months: list[tuple[int, Optional[str]]] = []
    weekdays: list[tuple[int, Optional[str], int]] = []
    paired: list[tuple[int, int, int, Optional[str]]] = []  # "Monday, March 3"
    for f in found:
        if f.type not in ("DATE", "TIME"):
            continue
        v = f.value
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
        if m:
            d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
            if d:
                full.append((d, f.tense))
                years.append((d.year, f.tense))
            continue
        m = re.match(r"^(\d{4})(-\d{2})?", v)
        if m and not v.startswith("XXXX"):
            years.append((int(m[1]), f.tense))
        m = re.match(r"^XXXX-(\d{2})-(\d{2})$", v)
        if m:
            month_days.append((int(m[1]), int(m[2]), f.tense, f.cand.start))
            wds = [LEX["weekdays"][t.lower_] for t in doc[f.cand.start:f.cand.end] if "|WD|" in t._.tkdate_cls]
            if wds:
                paired.append((wds[0], int(m[1]), int(m[2]), f.tense))
        m = re.match(r"^XXXX-(\d{2})$", v)
        if m:
            months.append((int(m[1]), f.tense))
        m = re.match(r"^XXXX-WXX-(\d)$", v)
        if m:
            weekdays.append((int(m[1]), f.tense, f.cand.start))

    def year_range():
        if periods:
            return range(max(b for _, b in periods).year, min(a for a, _ in periods).year - 1, -1)
        known = [y for y, t in years if t != "future" and y <= today.year]
        floor = max(known) if known else None
        return range(floor, min(floor + 12, today.year + 1)) if floor else range(today.year, today.year - 12, -1)

    # 1. "Monday, March 3" in one expression: the year whose March 3 is a Monday
    for wdn, mo, dy, tense in paired:
        for y in year_range():
            d = _safe_date(y, mo, dy)
            if d and d.isoweekday() == wdn and _within(d, periods):
                if tense == "future":
                    return d - dt.timedelta(days=3), d - dt.timedelta(days=7), d - dt.timedelta(days=1)
                return d, d - dt.timedelta(days=1), d + dt.timedelta(days=6)
    # 1b. a weekday and a day of the month in separate expressions (the seed's case)
    bracket = _weekday_bracket(month_days, weekdays, full, years, periods, today)
    if bracket is not None:
        return bracket
    # 2. the signing formula of proclamations
    fd = _formula_date(text)
    if fd and _within(fd, periods) and fd <= today:
        return fd, fd - dt.timedelta(days=1), fd + dt.timedelta(days=1)
    # 3. full dates
    inside = [(d, t) for d, t in full if _within(d, periods) and d <= today + dt.timedelta(days=400)]
    past = [d for d, t in inside if t != "future" and d <= today]
    planned = [d for d, t in inside if t == "future"]
    if past:
        est = max(past)
        later = [d for d in planned if d >= est]
        return est, est, (min(later) if later else None)
    if planned:
        first = min(planned)
        return first - dt.timedelta(days=2), first - dt.timedelta(days=30), first
    # 4. a year, then the latest day or month named without one
    ys = [y for y, _ in years if y <= today.year and
          (periods is None or any(a.year <= y <= b.year for a, b in periods))]
    if ys:
        year = max(ys)
    elif periods:
        a, b = periods[-1] if len(periods) == 1 else max(periods, key=lambda p: p[0])
        year = a.year if (b - a).days < 800 else min(b.year, a.year + 1)
    else:
        return None, None, None
    cands = [d for mo, dy, t, _ in month_days if t != "future"
             for d in [_safe_date(year, mo, dy)] if d and _within(d, periods) and d <= today]
    if cands:
        est = max(cands)
        return est, est, est + dt.timedelta(days=14)
    mons = [mo for mo, t in months if t != "future"]
    if mons:
        mo = max(mons)
        d = _clip(dt.date(year, mo, 15), periods)
        return d, dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1])
    lo = _clip(dt.date(year, 1, 1), periods)
    hi = _clip(dt.date(year, 12, 31), periods)
    return _clip(dt.date(year, 7, 1), periods), lo, hi


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
