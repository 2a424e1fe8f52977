"""Per-document state of the rules: ``_Cand`` (a candidate statement, in token and
character offsets) and ``_Ctx`` (the parse, its sentences, quotations, person entities, the
lexicon and resolver), plus ``_tok_at``, the token at a character offset.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

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
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]

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
