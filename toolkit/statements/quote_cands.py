"""Quotation-based candidates: attributed quotations that the dependency rules did not
reach, with the attribution found after the closing mark or before the opening one
("“...,” Peskov told reporters", "He said: “...”").
"""

from __future__ import annotations

import bisect
from typing import Optional

from spacy.tokens import Token

from .context import _Cand, _Ctx, _tok_at
from .cues import _cue_end, _POSITION_CLASSES, _subject, _verb_lemma
from .helpers import _kids, _children, _INNER_CLASSES, _OPEN_QUOTES, _RELATIVE
from .quotes import Quote


# --------------------------------------------------------------------------- quotes


def _quote_words(ctx: _Ctx, q: Quote) -> int:
    return sum(1 for w in ctx.text[q.start:q.end].split() if any(ch.isalpha() for ch in w))


def _attribution_after(ctx: _Ctx, q: Quote) -> Optional[Token]:
    if q.close_char is None:
        return None
    doc = ctx.doc
    t = _tok_at(ctx, q.close_char)
    if t is None:
        return None
    i = t.i + 1
    window = []
    while i < len(doc) and len(window) < 14:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in _OPEN_QUOTES or tok.text == "``" or (
                tok.text in {'"', "''"} and ctx.quote_at(tok.idx + len(tok)) is not None):
            break
        window.append(tok)
        if tok.text in {".", "!", "?", ";"}:
            break
        i += 1
    ids = {w.i for w in window}
    for w in window:
        if w.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i in ids for c in _kids(w)):
            if any(c.dep_ == "nsubj" and (c.lower_ in _RELATIVE or c.tag_ in {"WDT", "WP"})
                   for c in _kids(w)):
                return None  # “...,” which votes June 7: a relative clause, no attribution
            return w
    return None


def _attribution_before(ctx: _Ctx, q: Quote) -> Optional[Token]:
    doc = ctx.doc
    t = _tok_at(ctx, q.open_char)
    if t is None:
        return None
    i = t.i - 1
    while i >= 0 and (doc[i].text in {":", ",", "—", "-"} | {" "} or doc[i].is_space):
        i -= 1
    if i < 0 or ("\n" in ctx.text[doc[i].idx:q.open_char] and not _colon_before_break(ctx, i, q)):
        return None
    w = doc[i]
    if w.pos_ == "VERB" and ctx.lex.normalize(w.lemma_) in ctx.lex.verb_class:
        return w
    # "told reporters: “...”", "telling the crowd on Monday, “...”", "asks at the school, “...”":
    # the addressee or a modifier of the cue verb stands between it and the quotation
    cur = w
    for _ in range(4):
        if cur.dep_ not in _BEFORE_QUOTE_DEPS or cur.head.i >= cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB" and ctx.lex.normalize(cur.lemma_) in ctx.lex.verb_class \
                and ctx.lex.cue_class(ctx.lex.normalize(cur.lemma_)) not in _INNER_CLASSES | _POSITION_CLASSES:
            if any(c.dep_ in {"ccomp", "xcomp"} and c.i < t.i for c in _kids(cur)):
                return None
            return cur
    return None


def _colon_before_break(ctx: _Ctx, i: int, q: Quote) -> bool:
    """Whether the words ending at token ``i`` introduce the quotation ``q`` of the next
    paragraph with a colon ("He said:⏎⏎“...”"): a colon right after them, then only white
    space up to the quotation mark."""
    doc = ctx.doc
    return i + 1 < len(doc) and doc[i + 1].text == ":" \
        and not ctx.text[doc[i + 1].idx + 1:q.open_char].strip()


#: Dependencies from the words between a cue verb and the quotation it introduces up to the
#: verb (its addressee and modifiers: "told *reporters on Monday*: “...”").
_BEFORE_QUOTE_DEPS = {"dobj", "dative", "prep", "pobj", "npadvmod", "compound", "appos"}


class _Covered:
    """Content spans, for "the most of ``a..b`` one span covers" without reading them all:
    of the spans starting before ``a``, the one reaching furthest (a running maximum);
    the spans starting inside ``a..b`` are read (each starts inside at most one quotation)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach, top = [], -1
        for _, e in self.spans:
            top = max(top, e)
            self.reach.append(top)

    def most(self, a: int, b: int) -> int:
        k = bisect.bisect_right(self.starts, a)
        best = min(self.reach[k - 1], b) - a if k else 0
        for s, e in self.spans[k:bisect.bisect_left(self.starts, b)]:
            best = max(best, min(e, b) - s)
        return best


def _quote_cands(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Attributed quotations that the dependency rules did not reach."""
    out = []
    covered = _Covered([c.chars for c in cands if c.chars])
    for q in ctx.quotes:
        if _quote_words(ctx, q) < 4:
            continue
        if covered.most(q.start, q.end) > 0.5 * (q.end - q.start):
            continue
        verb = _attribution_after(ctx, q) or _attribution_before(ctx, q)
        if verb is None:
            continue
        qa = _tok_at(ctx, q.start)
        qb = _tok_at(ctx, max(q.start, q.end - 1))
        if qa is None or qb is None:
            continue
        subj, skind = _subject(ctx, verb)
        if subj is None or (qa.i <= subj.i <= qb.i):
            continue
        lem = _verb_lemma(ctx, verb)
        out.append(_Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=_cue_end(verb, lem),
                         content=(qa.i, qb.i), speaker_np=subj, speaker_kind=skind,
                         addressee=(_children(verb, "dobj") or [None])[0]
                         if lem in ctx.lex.addressee_object else None, kind="quote"))
    return out
