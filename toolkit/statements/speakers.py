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
    _clean_name, _conjuncts, _kids, _np_core, _np_full, _RELATIVE, _SUBJ_DEPS, _subtree_range,
    _TITLES, _trim,
)


# --------------------------------------------------------------------------- speakers


@dataclass
class _Who:
    name: Optional[str]
    actor_id: Optional[str]
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]
    kind: Optional[str] = None  # one of toolkit.types.SPEAKER_KINDS


def _person_in(ctx: _Ctx, a: int, b: int, head: Optional[Token] = None) -> Optional[tuple[int, int]]:
    """The last PERSON entity inside tokens a..b that names ``head`` (token range).

    A possessor is never the speaker, nor is a person inside a relative clause or a
    prepositional phrase of the noun phrase: "Mark Ellison, who's running Laura Whitaker's
    fundraising drive," is Ellison; "Tom Kessler, a spokesman for Mrs. Whitaker," is Kessler.
    """
    doc = ctx.doc
    best = None
    for e in ctx.persons_within(a, b):
        end = e.end - 1
        while end > e.start and doc[end].tag_ == "POS":
            end -= 1  # NER sometimes takes the possessive marker into the name
        if doc[end].tag_ == "POS" or (end + 1 < len(doc) and doc[end + 1].tag_ == "POS"):
            continue
        while end + 1 <= b and doc[end + 1].pos_ == "PROPN" and doc[end + 1].tag_ != "POS":
            end += 1  # NER often stops short: "Ursula von der | Leyen"
        if head is not None and not any(_in_name(doc[k], head) for k in range(e.start, end + 1)) \
                and not _role_apposition(doc, e.start, end, head):
            continue
        best = (e.start, end)
    return best


def _role_apposition(doc, a: int, b: int, head: Token) -> bool:
    """A name set off by a comma after a role noun ("A spokesman for Mrs. Whitaker, Tom
    Kessler, said"), whichever noun the parser attached it to."""
    return head.pos_ == "NOUN" and a > head.i and doc[a - 1].text == "," and \
        any(doc[k].dep_ == "appos" for k in range(a, b + 1))


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
    poss = [c for c in _kids(head) if c.dep_ == "poss"]
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
    pers = _person_in(ctx, *full, head)
    if pers is not None:
        spans.append(pers)
    run = _name_run(ctx, *full, head)
    if run is not None:
        spans.append(run)
    if head.pos_ == "PROPN" and head.ent_type_ and head.ent_iob_ in {"B", "I"}:
        ent = ctx.ent_at(head.i)
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
    for rc in _kids(head):
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
                rel = [x for x in _kids(rc) if x.dep_ in _SUBJ_DEPS and x.lower_ in _RELATIVE]
                if rel:
                    return rel[0].i, rel[0].i
    if head.lemma_.lower() in lex.speech_nouns and any(c.dep_ == "poss" for c in _kids(head)):
        return None
    conj = [c for c in _kids(head) if c.dep_ == "conj"]
    if conj:
        return None
    a, b = _np_full(head)
    for rc in _kids(head):
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
    """Resolve the speaker noun phrase headed by ``head``.

    The speaker is the actor the words name; a document with a named issuer speaks for the
    issuer ("the FBI's letter", "a poll by Marquette Law School": ``kind`` document); words
    that name nobody keep their head words as the name with ``kind`` unnamed ("a senior
    official", "critics"); an unresolved pronoun gives no name at all.
    """
    if head is None:
        return _Who(None, None, None, None, None)
    doc = ctx.doc
    members = _conjuncts(head)
    poss = [c for c in _kids(head) if c.dep_ == "poss"]
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
        return _joint_who(ctx, members, stext, sstart, send)
    if _is_document(ctx, head):
        issuer = _issuer(ctx, head)
        w = _who(ctx, issuer) if issuer is not None else None
        if w is not None and w.name and w.kind != "unnamed":
            return _Who(w.name, w.actor_id, stext, sstart, send, "document")
        ca, cb = _np_core(head)  # no named issuer: an unnamed source, never a name further on
        return _Who(_clean_name(doc[ca : cb + 1].text), None, stext, sstart, send, "unnamed")
    spans = _member_spans(ctx, head)
    r = _resolve(ctx, spans + [text_range])
    if r is not None:
        return _Who(r.name, r.actor_id, stext, sstart, send, _actor_kind(r.kind))
    if head.pos_ == "PRON":
        return _Who(None, None, stext, sstart, send)  # never a bare pronoun as the speaker
    a, b = spans[0]
    return _Who(_clean_name(doc[a : b + 1].text), None, stext, sstart, send,
                _unresolved_kind(doc[a : b + 1]))


def _joint_who(ctx: _Ctx, members: list[Token], stext: str, sstart: int, send: int) -> _Who:
    """Coordinated speakers ("Putin and Macron"): names joined with " and "."""
    doc = ctx.doc
    names, ids, kinds = [], [], set()
    for m in members:
        spans = _member_spans(ctx, m)
        r = _resolve(ctx, spans)
        if r is None and m.pos_ == "PRON":
            continue
        nm = r.name if r else _clean_name(doc[spans[0][0] : spans[0][1] + 1].text)
        kinds.add(_actor_kind(r.kind) if r else _unresolved_kind(doc[spans[0][0] : spans[0][1] + 1]))
        if nm not in names:
            names.append(nm)
            ids.append(r.actor_id if r else None)
    kind = kinds.pop() if len(kinds) == 1 else ("group" if kinds else None)
    if not names:
        return _Who(None, None, stext, sstart, send)
    if len(names) == 1:
        return _Who(names[0], ids[0], stext, sstart, send, kind)
    return _Who(" and ".join(names), None, stext, sstart, send, kind)


#: Actor kinds as speaker kinds: a place that speaks is its authorities.
_KIND_OF_ACTOR = {"location": "organization"}
#: NER labels of an unresolved name as speaker kinds.
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
                  "FAC": "organization", "LOC": "country"}
#: Document nouns that are someone's words rather than a document ("Peskov's statement").
_NOT_DOCUMENTS = {"statement", "statements"}


def _actor_kind(kind: Optional[str]) -> str:
    return _KIND_OF_ACTOR.get(kind or "", kind or "person")


def _unresolved_kind(span) -> Optional[str]:
    """``person``/``organization``/... for a name the resolver does not know, ``unnamed`` for
    common nouns ("a senior official", "critics"), None for anything else."""
    root = span.root
    if root.ent_type_ in _KIND_OF_LABEL:
        return _KIND_OF_LABEL[root.ent_type_]
    if root.pos_ == "PROPN":
        return None
    if root.pos_ in {"NOUN", "NUM", "ADJ"}:
        return "unnamed"
    return None


def _is_document(ctx: _Ctx, head: Token) -> bool:
    low = head.lemma_.lower()
    return head.pos_ == "NOUN" and low not in _NOT_DOCUMENTS and (
        low in ctx.lex.document_nouns or head.lower_ in ctx.lex.document_nouns)


def _issuer(ctx: _Ctx, head: Token) -> Optional[Token]:
    """The head of the words naming who issued a document: its possessor ("the FBI's letter"),
    a name before it ("a Fox News poll"), or the object of "by"/"from" ("a study by X")."""
    for c in _kids(head):
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
    for c in _kids(head):
        if c.dep_ in {"compound", "nmod"} and c.i < head.i and (c.pos_ == "PROPN" or c.ent_type_):
            return c
    preps = [p for p in _kids(head) if p.dep_ == "prep"]
    preps += [p for c in _kids(head) if c.dep_ == "acl" for p in _kids(c) if p.dep_ in {"prep", "agent"}]
    for p in preps:  # "a study by X", "an image captured by X", "a poll released by X"
        if p.lower_ in {"by", "from"} and p.i > head.i:
            obj = [c for c in _kids(p) if c.dep_ == "pobj"]
            if obj and (obj[0].pos_ == "PROPN" or obj[0].ent_type_ or any(
                    t.pos_ == "PROPN" for t in obj[0].subtree)):
                return obj[0]
    return None


def _speaker_kind(w: _Who) -> Optional[str]:
    """``Statement.speaker_kind``: the kind found with the name; a pronoun that another rule
    resolved to a named speaker is that speaker's (he/she: a person; they/we: a group)."""
    if not w.name:
        return None
    if w.kind:
        return w.kind
    low = (w.text or "").lower()
    if low in {"he", "she", "him", "her", "i", "me"}:
        return "person"
    if low in {"they", "we", "them", "us"}:
        return "person" if " and " not in w.name else "group"
    return None


def _addressee(ctx: _Ctx, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    spans = _member_spans(ctx, tok)
    r = _resolve(ctx, spans)
    if r is not None:
        return r.name
    a, b = spans[0]
    return _clean_name(ctx.doc[a : b + 1].text) or None
