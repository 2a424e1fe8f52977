"""Quotation finding: ``Quote`` spans and ``find_quotes``, which locates curly and straight
double quotes, guillemets and the newswire marks ``''...''`` in raw text, including marks
typed inconsistently and quotations left unclosed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .helpers import _CLOSE_QUOTES, _OPEN_QUOTES, _QUOTE_CHARS


# --------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` are the offsets of the text inside the marks."""

    open_char: int
    start: int
    end: int
    close_char: Optional[int]  # None when unclosed (capped at the paragraph end)
    close_len: int = 1  # 2 for the two-character mark ''

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end

    @property
    def outer_end(self) -> int:
        return self.end + self.close_len if self.close_char is not None else self.end


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The quotation mark at ``text[i]`` as (kind, length); kind '' when none.

    Kinds: '"' for toggling marks (straight double quotes and the newswire style ``''``,
    which some feeds use for both ends), 'open' and 'close' for directional marks
    (curly quotes, guillemets, ````` `` `````).
    """
    ch = text[i]
    if ch == '"':
        return '"', 1
    if ch in "'`" and text.startswith(ch * 2, i) and not text.startswith(ch * 3, i):
        return ('"', 2) if ch == "'" else ("open", 2)
    if ch in _OPEN_QUOTES:
        return "open", 1
    if ch in _CLOSE_QUOTES:
        return "close", 1
    return "", 0


def _closing_shape(text: str, i: int, ln: int) -> bool:
    """Whether the mark at ``text[i]`` sits where a quotation closes: after a word or
    punctuation and before a space, punctuation or the end ("...,” he said")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + ln] if i + ln < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-")


def find_quotes(text: str) -> list[Quote]:
    """Quotation spans in ``text``: curly and straight double quotes, guillemets, and the
    newswire marks ``''...''`` (also opened by two backticks).

    A quotation never crosses a paragraph (a line break): an unclosed one ends at the
    paragraph end; a stray closing mark is ignored.

    Example:
        >>> [t[q.start:q.end] for t in ['He said "yes" and “no”.'] for q in find_quotes(t)]
        ['yes', 'no']
        >>> [t[q.start:q.end] for t in ["''Maybe,'' he said."] for q in find_quotes(t)]
        ['Maybe,']
    """
    quotes: list[Quote] = []
    open_pos: Optional[int] = None
    open_len = 1
    open_kind = ""
    inner = False
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_pos is not None:
                if i > open_pos + open_len:
                    quotes.append(Quote(open_pos, open_pos + open_len, i, None))
                open_pos = None
            i += 1
            continue
        if ch not in _QUOTE_CHARS and ch not in "'`":
            i += 1
            continue
        kind, ln = _mark_at(text, i)
        if not kind:
            i += 1
            continue
        closing = open_pos is not None and i > open_pos + open_len and _closing_shape(text, i, ln)
        if kind == '"' and ln == 1 and open_kind == "open" and open_pos is not None and (
                inner or not closing):
            inner = not inner  # “... "a word" ...”: straight marks nested in curly ones
        elif kind == '"':
            if open_pos is not None and open_kind in {'"', "open"} and (
                    open_kind == '"' or ln == 2 or closing):
                quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
                open_pos = None
            elif open_pos is None:
                open_pos, open_len, open_kind, inner = i, ln, kind, False
        elif kind == "open" and closing and ch == "“":
            # a curly opening mark typed where the quotation closes (“It's unusual,“ said X)
            quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
            open_pos = None
        elif kind == "open" and not (ch == "„" and open_pos is not None):
            if open_pos is not None and i > open_pos + open_len:  # the earlier one was unclosed
                quotes.append(Quote(open_pos, open_pos + open_len, i, None))
            open_pos, open_len, open_kind, inner = i, ln, kind, False
        elif kind == "close" and open_pos is not None and (open_kind == "open" or ln == open_len == 1):
            quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
            open_pos = None
        i += ln
    if open_pos is not None and n > open_pos + open_len:
        quotes.append(Quote(open_pos, open_pos + open_len, n, None))
    return quotes
