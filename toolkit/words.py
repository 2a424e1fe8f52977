"""Number and ordinal words shared by the date modules (``dates``, ``pubdate``).

A ground-floor module: it imports nothing from ``toolkit``, so any module may use it without
making an import circle. The tables are plain dicts; treat them as read-only.

Example:
    >>> from toolkit.words import ORDINAL_DAYS, TENS, UNIT_WORDS
    >>> ORDINAL_DAYS["twenty-first"], TENS["forty"] + UNIT_WORDS["two"]
    (21, 42)
"""

from __future__ import annotations

__all__ = ["DAY_ORDINALS", "ORDINAL_DAYS", "TEEN_WORDS", "TENS", "UNIT_WORDS"]

#: ordinal words of the days of a month ("eighth", "twenty-first"; the signing formula of
#: toolkit.pubdate uses the hyphenated ones)
ORDINAL_DAYS: dict[str, int] = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
ORDINAL_DAYS.update({"twenty-" + w: 20 + i for w, i in list(ORDINAL_DAYS.items()) if i < 10})
ORDINAL_DAYS.update({"thirtieth": 30, "thirty-first": 31})

#: the one-word ordinals, as the tokenizer splits "twenty-first"
DAY_ORDINALS: dict[str, int] = {w: i for w, i in ORDINAL_DAYS.items() if "-" not in w}

#: "one" .. "nine"
UNIT_WORDS: dict[str, int] = {w: i for i, w in enumerate("one two three four five six seven eight nine".split(), 1)}

#: "ten" .. "nineteen"
TEEN_WORDS: dict[str, int] = {w: i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10)}

#: "twenty" .. "ninety"
TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                        "eighty": 80, "ninety": 90}
