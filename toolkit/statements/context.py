"""Per-document state of the rules: ``_Cand`` (a candidate statement, in token and
character offsets) and ``_Ctx`` (the parse, its sentences, quotations, person entities, the
lexicon and resolver), plus ``_tok_at``, the token at a character offset.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from ..types import DateExpr, SpeakerResolver
from .lexicon import Lexicon
from .quotes import find_quotes, Quote


# --------------------------------------------------------------------------- context


@dataclass
class _Cand:
    cue: str
    cue_tok: Token
    cue_start: int
    cue_end: int
    content: tuple[int, int]  # token indices, inclusive
    speaker_np: Optional[Token] = None  # head token of the speaker noun phrase
    speaker_kind: str = "np"  # np | readout | none | author (the writer: "X seems to ...")
    addressee: Optional[Token] = None
    kind: str = "clause"
    chars: Optional[tuple[int, int]] = None  # content char offsets after post-processing
    extra_cues: list = field(default_factory=list)
    skip: Optional[tuple[int, int]] = None  # chars of an attribution inside the content
    speaker_span: Optional[tuple[int, int]] = None  # token range of the speaker, when fixed


class _Ctx:
    def __init__(self, doc: Doc, lex: Lexicon, resolver: Optional[SpeakerResolver],
                 dates: Sequence[DateExpr], topics: bool):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.resolver = resolver
        self.dates = list(dates or ())
        self.topics = topics
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.quote_opens = [q.open_char for q in self.quotes]  # sorted, like the starts
        self.quote_opening = {q.open_char: q for q in self.quotes}
        self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        by_start = sorted(range(len(self.dates)), key=lambda k: self.dates[k].start_char)
        self._date_order = by_start
        self._date_starts = [self.dates[k].start_char for k in by_start]
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]
        self._relcl_ends: Optional[dict[int, list[Token]]] = None
        self._person_starts: Optional[list[int]] = None
        self._ent_of: Optional[dict[int, Span]] = None

    def newline_before(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos)`` by bisection (-1 when none)."""
        k = bisect.bisect_left(self.newlines, pos) - 1
        return self.newlines[k] if k >= 0 else -1

    def newline_from(self, pos: int) -> int:
        """``text.find("\\n", pos)`` by bisection (-1 when none)."""
        k = bisect.bisect_left(self.newlines, max(0, pos))
        return self.newlines[k] if k < len(self.newlines) else -1

    def quotes_opening_in(self, lo: int, hi: int) -> list[Quote]:
        """The quotations whose opening mark is at ``lo <= offset < hi``, in text order."""
        return self.quotes[bisect.bisect_left(self.quote_opens, lo):
                           bisect.bisect_left(self.quote_opens, hi)]

    def quotes_overlapping(self, lo: int, hi: int) -> list[Quote]:
        """The quotations whose marks-included extent overlaps ``lo..hi`` (offsets), in text
        order (quotations are disjoint and sorted)."""
        k = max(0, bisect.bisect_right(self.quote_opens, lo) - 1)
        out = []
        while k < len(self.quotes) and self.quotes[k].open_char <= hi:
            q = self.quotes[k]
            if max(q.outer_end, q.close_char or 0) >= lo:
                out.append(q)
            k += 1
        return out

    def dates_in(self, lo: int, hi: int) -> list[DateExpr]:
        """The dates starting at ``lo <= start_char < hi``, in the order they were given."""
        a = bisect.bisect_left(self._date_starts, lo)
        b = bisect.bisect_left(self._date_starts, hi)
        return [self.dates[k] for k in sorted(self._date_order[a:b])]

    def persons_within(self, a: int, b: int) -> list[Span]:
        """PERSON entities inside tokens ``a..b`` (inclusive), in text order (by bisection,
        not a scan of every entity: linear time over an article's statements)."""
        if self._person_starts is None:
            self._person_starts = [e.start for e in self.person_ents]
        lo = bisect.bisect_left(self._person_starts, a)
        hi = bisect.bisect_right(self._person_starts, b)
        return [e for e in self.person_ents[lo:hi] if e.end - 1 <= b]

    def ent_at(self, i: int) -> Optional[Span]:
        """The named entity that token ``i`` is part of, or None (``doc.ents`` is built once)."""
        if self._ent_of is None:
            self._ent_of = {}
            for e in self.doc.ents:
                for k in range(e.start, e.end):
                    self._ent_of[k] = e
        return self._ent_of.get(i)

    def relcl_ending_at(self, i: int) -> list[Token]:
        """Relative clauses (their head verbs) whose last token is ``doc[i]``, in text order."""
        if self._relcl_ends is None:
            ends: dict[int, list[Token]] = {}
            for t in self.doc:
                if t.dep_ == "relcl":
                    ends.setdefault(t.right_edge.i, []).append(t)
            self._relcl_ends = ends
        return self._relcl_ends.get(i, [])

    def sent_of(self, tok: Token) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, tok.i) - 1)

    def quote_at(self, pos: int) -> Optional[Quote]:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        if k >= 0 and self.quotes[k].contains(pos):
            return self.quotes[k]
        return None


def _tok_at(ctx: _Ctx, pos: int) -> Optional[Token]:
    doc = ctx.doc
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0]
