"""Speakers and addressees: from the head token of a noun phrase to the speaker's words,
name and resolved actor (``_Who``), trimming titles, relative clauses and focus particles, and
the addressee's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Token

from ..types import ResolvedActor
from .context import _Ctx
from .helpers import (
    _clean_name, _conjuncts, _np_core, _np_full, _RELATIVE, _SUBJ_DEPS, _subtree_range, _TITLES,
    _trim,
)


# --------------------------------------------------------------------------- speakers


@dataclass
class _Who:
    name: Optional[str]
    actor_id: Optional[str]
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]


def _person_in(ctx: _Ctx, a: int, b: int) -> Optional[tuple[int, int]]:
    """The last PERSON entity inside tokens a..b that is not a possessor (token range)."""
    doc = ctx.doc
    best = None
    for e in ctx.person_ents:
        if e.start >= a and e.end - 1 <= b:
            end = e.end - 1
            while end + 1 <= b and doc[end + 1].pos_ == "PROPN" and doc[end + 1].tag_ != "POS":
                end += 1  # NER often stops short: "Ursula von der | Leyen"
            if end + 1 < len(doc) and doc[end + 1].tag_ == "POS":
                continue
            best = (e.start, end)
    return best


def _in_name(t: Token, head: Token) -> bool:
    """Whether ``t`` belongs to the name of ``head`` (compound/flat/appos chain, no preposition)."""
    for _ in range(8):
        if t.i == head.i:
            return True
        if t.dep_ not in {"compound", "flat", "appos", "nmod"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def _name_run(ctx: _Ctx, a: int, b: int, head: Token) -> Optional[tuple[int, int]]:
    """The last run of capitalised proper nouns naming ``head``, titles stripped."""
    doc = ctx.doc
    k = b
    while k >= a:
        if doc[k].pos_ == "PROPN" and _in_name(doc[k], head) \
                and not (k + 1 < len(doc) and doc[k + 1].tag_ == "POS"):
            end = k
            while k - 1 >= a and doc[k - 1].pos_ == "PROPN" and doc[k - 1].tag_ != "POS":
                k -= 1
            start = k
            while start <= end and (doc[start].lower_.strip(".") in _TITLES or not doc[start].is_title):
                start += 1
            if start <= end and doc[end].lower_.strip(".") not in _TITLES:
                return start, end
            return None
        if doc[k].pos_ in {"VERB", "AUX"}:
            return None
        k -= 1
    return None


def _resolve(ctx: _Ctx, spans: Sequence[tuple[int, int]]) -> Optional[ResolvedActor]:
    if ctx.resolver is None:
        return None
    doc = ctx.doc
    for a, b in spans:
        try:
            r = ctx.resolver.resolve(doc[a].idx, doc[b].idx + len(doc[b]))
        except Exception:  # a resolver bug must not lose the statement
            r = None
        if r is not None:
            return r
    return None


def _member_spans(ctx: _Ctx, head: Token) -> list[tuple[int, int]]:
    """Candidate token spans naming one actor, tightest first."""
    lex = ctx.lex
    poss = [c for c in head.children if c.dep_ == "poss"]
    if head.lemma_.lower() in lex.speech_nouns and poss:
        pa, pb = _np_core(poss[0])
        while pb > pa and ctx.doc[pb].tag_ == "POS":
            pb -= 1
        return [(pa, pb)]
    spans = []
    if head.pos_ == "PRON":
        return [(head.i, head.i)]
    core = _np_core(head)
    full = _np_full(head)
    pers = _person_in(ctx, *full)
    if pers is not None:
        spans.append(pers)
    run = _name_run(ctx, *full, head)
    if run is not None:
        spans.append(run)
    if head.pos_ == "PROPN" and head.ent_type_ and head.ent_iob_ in {"B", "I"}:
        ent = next((e for e in ctx.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ != "PERSON":
            spans.append((ent.start, ent.end - 1))
    spans += [core, full]
    seen, out = set(), []
    for s in spans:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


#: Focus particles before a speaker noun phrase, left out of its span ("*even* critics").
_FOCUS_PARTICLES = {"even", "just"}


def _speaker_range(ctx: _Ctx, head: Optional[Token], cue: Token) -> Optional[tuple[int, int]]:
    """The words naming the speaker (``speaker_start``/``speaker_end``), or None for the default.

    "X, who said ..." -> the relative pronoun (the speaker is resolved through X, as for
    "he"); otherwise the noun phrase with its appositions and relative clauses, except a
    relative clause that holds a reporting verb ("Crawford, who recalled ..., said") and
    anything before a line break (a headline or byline run into the sentence).
    """
    if head is None or head.pos_ == "PRON":
        return None
    doc, lex = ctx.doc, ctx.lex
    for rc in head.children:
        if rc.dep_ == "relcl" and rc.i <= cue.i <= rc.right_edge.i:
            v = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
            for _ in range(4):
                if v.i == rc.i:
                    break
                if v.dep_ != "conj":
                    v = None
                    break
                v = v.head
            if v is not None:
                rel = [x for x in rc.children if x.dep_ in _SUBJ_DEPS and x.lower_ in _RELATIVE]
                if rel:
                    return rel[0].i, rel[0].i
    if head.lemma_.lower() in lex.speech_nouns and any(c.dep_ == "poss" for c in head.children):
        return None
    conj = [c for c in head.children if c.dep_ == "conj"]
    if conj:
        return None
    a, b = _np_full(head)
    for rc in head.children:
        if rc.dep_ in {"relcl", "acl"} and rc.i > head.i and rc.right_edge.i <= b and any(
                x.pos_ == "VERB" and lex.normalize(x.lemma_) in lex.verb_class for x in rc.subtree):
            b = min(b, rc.left_edge.i - 1)
    for k in range(head.i - 1, a - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            a = k + 1
            break
    while a < head.i and (doc[a].dep_ == "cc" or (doc[a].lower_ in _FOCUS_PARTICLES and doc[a].dep_ == "advmod")):
        a += 1  # "Even critics say ...", "And Mr. X said ...": not part of the name
    return _trim(doc, a, b, drop_mark=False) or (head.i, head.i)


def _who(ctx: _Ctx, head: Optional[Token], *, text_range: Optional[tuple[int, int]] = None) -> _Who:
    """Resolve the speaker noun phrase headed by ``head``."""
    if head is None:
        return _Who(None, None, None, None, None)
    doc = ctx.doc
    members = _conjuncts(head)
    poss = [c for c in head.children if c.dep_ == "poss"]
    if text_range is None:
        if head.lemma_.lower() in ctx.lex.speech_nouns and poss:
            text_range = (poss[0].left_edge.i, head.i)
        elif len(members) > 1:
            a, b = _subtree_range(head)
            text_range = _trim(doc, a, b, drop_mark=False) or (head.i, head.i)
        else:
            text_range = _np_full(head)
    ta, tb = text_range
    stext = doc[ta : tb + 1].text
    sstart, send = doc[ta].idx, doc[tb].idx + len(doc[tb])
    if len(members) > 1:
        names, ids = [], []
        for m in members:
            spans = _member_spans(ctx, m)
            r = _resolve(ctx, spans)
            nm = r.name if r else _clean_name(doc[spans[0][0] : spans[0][1] + 1].text)
            if nm not in names:
                names.append(nm)
                ids.append(r.actor_id if r else None)
        if len(names) == 1:
            return _Who(names[0], ids[0], stext, sstart, send)
        return _Who(" and ".join(names), None, stext, sstart, send)
    spans = _member_spans(ctx, head)
    r = _resolve(ctx, spans + [text_range])
    if r is not None:
        return _Who(r.name, r.actor_id, stext, sstart, send)
    a, b = spans[0]
    return _Who(_clean_name(doc[a : b + 1].text), None, stext, sstart, send)


def _addressee(ctx: _Ctx, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    spans = _member_spans(ctx, tok)
    r = _resolve(ctx, spans)
    if r is not None:
        return r.name
    a, b = spans[0]
    return _clean_name(ctx.doc[a : b + 1].text) or None
