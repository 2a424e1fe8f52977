"""Nested voices: a quotation inside a quotation with its own reporting verb.

“At dinner one of the ministers told me, ‘Let's wait until autumn,’ and I said no,” the
president said. -> the president's statement keeps all its words, and the minister's
statement is the inner quotation ‘Let's wait until autumn’ (mode ``direct``).

The inner quotation is set off by single marks (‘...’ or '...') inside a double-quoted
quotation; its reporting verb stands inside the outer quotation, right before the inner
quotation (only its addressee, a modifier and punctuation between: "told me, ‘...’") or
right after it ("‘...,’ he told me"), and has a subject of its own. A quotation that is
not set off like a quotation of speech is a title or a scare-quoted phrase ("would never
say ‘back of the queue’", "the ‘Flesh and Bone’ star said"), not a voice: before the
inner quotation a comma or colon, or a capital letter opening it, is required ("told me,
‘...’", "says ‘Let's ...’"); after it, a comma, question or exclamation mark closing it.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .context import _Cand, _Ctx, _tok_at
from .cues import _cue_end, _subject, _verb_lemma
from .helpers import _kids, _children

#: Dependencies of the words that may stand between a cue verb and the inner quotation it
#: introduces ("told *me*, ‘...’", "said *to him* ‘...’").
_BETWEEN_DEPS = {"dobj", "dative", "iobj", "prep", "pobj", "npadvmod", "punct", "advmod"}
#: Characters after which a single mark opens an inner quotation.
_OPEN_AFTER = set(" \t(—–-:,“\"«")
#: Characters before which a single mark closes one.
_CLOSE_BEFORE = set(" \t.,;:!?)—–-”\"»")


def inner_quotes(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Single-quoted spans inside ``text[start:end]`` (the words of a quotation), as
    (open mark, first char, end char, close mark) offsets; apostrophes ("Let's",
    "ministers'") are not marks: an opening mark follows a space or punctuation and
    precedes a word, a closing mark follows a word and precedes a space or punctuation.

    Example:
        >>> t = "He told me, ‘Let's wait,’ and left"
        >>> [t[a:b] for _, a, b, _ in inner_quotes(t, 0, len(t))]
        ["Let's wait,"]
    """
    out = []
    open_at: Optional[int] = None
    for i in range(start, end):
        ch = text[i]
        if ch not in "‘’'":
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if open_at is None:
            if ch in "‘'" and (before in _OPEN_AFTER or i == start) and after.isalnum():
                open_at = i
        elif ch in "’'" and not before.isspace() and (after in _CLOSE_BEFORE or i + 1 == end) \
                and i > open_at + 1 and (ch == "’" or text[open_at] == "'"):
            out.append((open_at, open_at + 1, i, i))
            open_at = None
    return out


def _char_before(text: str, i: int) -> str:
    """The last character before offset ``i`` that is not white space ('' at the start)."""
    k = i - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _cue_before(ctx: _Ctx, mark: Token) -> Optional[Token]:
    """The reporting verb right before the inner quotation opened at ``mark``."""
    doc, text = ctx.doc, ctx.text
    k = mark.idx + len(mark)
    set_off = _char_before(text, mark.idx) in {",", ":"} or text[k:k + 1].isupper()
    if not set_off:
        return None
    for k in range(mark.i - 1, max(-1, mark.i - 6), -1):
        t = doc[k]
        if t.pos_ in {"VERB", "AUX"}:
            return t if _is_cue(ctx, t) and all(
                doc[j].dep_ in _BETWEEN_DEPS for j in range(t.i + 1, mark.i)) else None
    return None


def _cue_after(ctx: _Ctx, mark: Token, limit: int) -> Optional[Token]:
    """The reporting verb right after the inner quotation closed at ``mark`` ("‘...,’ he
    told me"), before token ``limit`` (the end of the outer quotation)."""
    doc, text = ctx.doc, ctx.text
    if _char_before(text, mark.idx) not in {",", "?", "!"}:
        return None
    for k in range(mark.i + 1, min(limit, mark.i + 6)):
        t = doc[k]
        if t.pos_ in {"VERB", "AUX"}:
            return t if _is_cue(ctx, t) and any(
                c.dep_ == "nsubj" and mark.i < c.i for c in _kids(t)) else None
        if t.text in {".", "!", "?", ";"}:
            return None
    return None


def _is_cue(ctx: _Ctx, t: Token) -> bool:
    lem = _verb_lemma(ctx, t)
    return lem in ctx.lex.verb_class and ctx.lex.kind(lem) == "speech" \
        and any(c.dep_ == "nsubj" for c in _kids(t))


def _nested_voices(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Add the statements of speakers quoted inside a quotation (see the module docstring);
    a candidate of the same cue with another content (the parser's guess) is replaced."""
    text, doc = ctx.text, ctx.doc
    added: dict[int, _Cand] = {}
    for q in ctx.quotes:
        last = _tok_at(ctx, max(q.start, q.end - 1))
        if last is None:
            continue
        for om, a, b, cm in inner_quotes(text, q.start, q.end):
            o_tok, c_tok = _tok_at(ctx, om), _tok_at(ctx, cm)
            if o_tok is None or c_tok is None:
                continue
            verb = _cue_before(ctx, o_tok) or _cue_after(ctx, c_tok, last.i + 1)
            if verb is None or verb.i in added:
                continue
            while b > a and (text[b - 1].isspace() or text[b - 1] in ",.;:—–-"):
                b -= 1
            if b - a < 2:
                continue
            lem = _verb_lemma(ctx, verb)
            qa, qb = _tok_at(ctx, a), _tok_at(ctx, b - 1)
            subj, skind = _subject(ctx, verb)
            if qa is None or qb is None or subj is None:
                continue
            added[verb.i] = _Cand(
                cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=_cue_end(verb, lem),
                content=(qa.i, qb.i), speaker_np=subj, speaker_kind=skind,
                addressee=(_children(verb, "dobj") or _children(verb, "dative") or [None])[0]
                if lem in ctx.lex.addressee_object else None,
                kind="nested", chars=(a, b))
    if not added:
        return cands
    return [c for c in cands if c.cue_tok.i not in added] + list(added.values())
