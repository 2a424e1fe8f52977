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
from .noun_cues import _COLON_LABELS, _COLON_NON_SPEAKER_ENTS
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
    ends = _ends_sentence(ctx, q)
    for w in window:
        if w.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i in ids for c in _kids(w)):
            if any(c.dep_ == "nsubj" and (c.lower_ in _RELATIVE or c.tag_ in {"WDT", "WP"})
                   for c in _kids(w)):
                return None  # “...,” which votes June 7: a relative clause, no attribution
            if ends and _own_complement(ctx, w):
                return None  # “... this.” Lee and Ortiz run the survey: a new sentence
            return w
    return None


#: Dependencies of a verb's own object or clause complement: after a quotation that ends a
#: sentence, a verb that has one starts a new sentence ("“...” Lee runs *the survey*").
_OWN_COMPLEMENT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative"}


def _ends_sentence(ctx: _Ctx, q: Quote) -> bool:
    """Whether the quotation ``q`` ends its sentence: a closing ".", "!", "?" or "…" inside
    (or just before) the closing mark ("“We will not sign this.” ...")."""
    return ctx.text[q.start:q.end].rstrip()[-1:] in {".", "!", "?", "…"}


def _own_complement(ctx: _Ctx, verb: Token) -> bool:
    """Whether ``verb`` has an object or clause complement of its own after it, so that it
    tells something new rather than who said the quotation before it ("Lee and Ortiz run the
    survey together", "Lee wants to leave"); the addressee of "tell" is no such object
    ("“...” Lee told reporters."). A clause does count: "“...” Lee said the deal was dead."
    reports new words, not the quotation's speaker."""
    lem = _verb_lemma(ctx, verb)
    for c in _kids(verb):
        if c.i <= verb.i or c.dep_ not in _OWN_COMPLEMENT_DEPS:
            continue
        if c.dep_ in {"dobj", "dative"} and lem in ctx.lex.addressee_object:
            continue
        return True
    return False


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


#: At most this many words name a speaker before a colon ("Ann Lee, the pollster: “...”").
_COLON_SPEAKER_MAX = 8
#: Words, besides names, roles and "the", in a speaker before a colon ("director *of* the
#: institute, Ann Lee: “...”", "Lee *and* Ortiz: “...”").
_COLON_SPEAKER_WORDS = {"the", "a", "an", "of", "for", "at", "and", "'s", "’s", "-", "."}
#: Entity types preferred, in order, as the speaker among the words before the colon.
_COLON_SPEAKER_ENTS = ("PERSON", "ORG", "NORP", "GPE")


def _sentence_boundary(tok: Token) -> bool:
    """Whether a sentence ends at ``tok``: a full stop, "!" or "?", a line break, or the
    closing mark of a quotation that ended one."""
    return tok.text in {".", "!", "?", "”", "»", "''"} or "\n" in tok.text or "\n" in tok.whitespace_


def _colon_speaker(ctx: _Ctx, q: Quote) -> Optional[tuple[Token, Token, tuple[int, int]]]:
    """A speaker named before a colon that opens the quotation ``q`` ("Ann Lee: “...”",
    "pollster Ann Lee: “...”", "Ann Lee, the pollster: “...”"): (colon, speaker head, the
    name's token range), or None.

    The words run from a sentence start (or line start) to the colon, at most
    ``_COLON_SPEAKER_MAX`` of them: names, role nouns, "the", at most one comma, and a
    capitalised name among them; no verb, no date or number, no label ("Update:").

    Example:
        ``The board met. Ann Lee, the pollster: “Nobody expected this at all.”`` gives
        the colon and "Ann Lee".
    """
    doc = ctx.doc
    t = _tok_at(ctx, q.open_char)
    if t is None:
        return None
    i = t.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ":" or ctx.quote_at(doc[i].idx) is not None \
            or ctx.text[doc[i].idx + 1:q.open_char].strip():
        return None
    colon = doc[i]
    a = i
    while a - 1 >= 0 and i - a < _COLON_SPEAKER_MAX and not _sentence_boundary(doc[a - 1]):
        a -= 1
    if a > 0 and not _sentence_boundary(doc[a - 1]):
        return None
    pre = doc[a:i]
    if not len(pre) or not (pre[0].is_title or pre[0].is_upper) or sum(x.text == "," for x in pre) > 1:
        return None
    for x in pre:
        if x.pos_ in {"PROPN", "NOUN", "ADJ"} and (x.is_alpha or "." in x.text or "-" in x.text):
            continue
        if x.lower_ in _COLON_SPEAKER_WORDS and x.i > a or (x.text == "," and a < x.i < i - 1):
            continue
        return None
    if any(x.ent_type_ in _COLON_NON_SPEAKER_ENTS for x in pre) or pre[0].lower_ in _COLON_LABELS \
            or pre[-1].lower_ in _COLON_LABELS:
        return None
    ents = [e for e in doc.ents if a <= e.start and e.end <= i and e.label_ in _COLON_SPEAKER_ENTS]
    if ents:
        e = min(ents, key=lambda e: (_COLON_SPEAKER_ENTS.index(e.label_), e.start))
        span = (e.start, e.end - 1)
    else:
        names = [x.i for x in pre if x.pos_ == "PROPN" and (x.is_title or x.is_upper)]
        if not names:
            return None
        b = names[-1]
        s = b
        while s - 1 >= a and doc[s - 1].pos_ == "PROPN":
            s -= 1
        span = (s, b)
    return colon, doc[span[1]], span


def _covered_from_outside(cands: list[_Cand], q: Quote) -> bool:
    """Whether a candidate whose cue stands outside the quotation ``q`` takes most of it
    as content (the quotation is attributed already)."""
    half = 0.5 * (q.end - q.start)
    return any(c.chars and not (q.open_char <= c.cue_start < q.outer_end)
               and min(c.chars[1], q.end) - max(c.chars[0], q.start) > half for c in cands)


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
        qa = _tok_at(ctx, q.start)
        qb = _tok_at(ctx, max(q.start, q.end - 1))
        if qa is None or qb is None:
            continue
        named = _colon_speaker(ctx, q)
        if named is not None:
            # “Name: “...”” mid-article (cue ":", as the headline "Name: ..." form): words
            # that a cue inside the quotation reaches do not make it attributed already
            if not _covered_from_outside(cands, q):
                colon, head, span = named
                out.append(_Cand(cue=":", cue_tok=colon, cue_start=colon.idx, cue_end=colon.idx + 1,
                                 content=(qa.i, qb.i), speaker_np=head, kind="quote",
                                 speaker_span=span))
            continue
        if covered.most(q.start, q.end) > 0.5 * (q.end - q.start):
            continue
        verb = _attribution_after(ctx, q) or _attribution_before(ctx, q)
        if verb is None:
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
