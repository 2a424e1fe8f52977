"""Readouts of calls and meetings: who "the parties", "both sides", "the two leaders" and
"they" are, and who speaks in "It was noted that ...".

An official readout opens with the call or meeting it reports ("Vladimir Putin had a
telephone conversation with President of France Emmanuel Macron", "X met with Y", "talks
between the Chilean and Norwegian delegations") and then writes "The parties agreed ...",
"Both sides welcomed ...", "They underscored ...". The speaker of those sentences is the set
of participants, names joined with " and " in text order (reference convention 6). A
readout passive ("It was noted / emphasised that ...") is the readout's principal: the
participant the meeting sentence has as its subject, the one whose office issues the
readout (convention 5); "It was agreed ..." is a joint decision, so the participants.

Meetings and participants come from the parse only: a meeting noun (conversation, call,
talks, meeting ...) with "with X" or "between X and Y", or a meeting verb (meet, speak,
talk) with its subject and "with X" or its object.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..paths import LEXICON_DIR
from ..yamlfiles import read_mapping

from .context import _Cand, _Ctx
from .helpers import _children, _clean_name, _conjuncts, _kids, _TITLES
from .speakers import _actor_kind, _member_spans, _resolve, _unresolved_kind, _who, _Who

#: The lexicon of this module (meeting words, references to participants): see the YAML.
READOUTS_PATH = LEXICON_DIR / "readouts.yaml"


def _words(data: dict, key: str) -> frozenset:
    if not isinstance(data.get(key), list):
        raise ValueError(f"{READOUTS_PATH}: `{key}` must be a list of words; add it back "
                         f"(see the comments in that file)")
    return frozenset(str(w).lower() for w in data[key])


_LEX = read_mapping(READOUTS_PATH, what="readout")
MEETING_NOUNS = _words(_LEX, "meeting_nouns")
MEETING_VERBS = _words(_LEX, "meeting_verbs")
PHONE_VERBS = _words(_LEX, "phone_verbs")
PHONE_WORDS = _words(_LEX, "phone_words")
PARTICIPANT_NOUNS = _words(_LEX, "participant_nouns")
PERSON_NOUNS = _words(_LEX, "person_nouns")
JOINT_CUES = _words(_LEX, "joint_cues")
STATE_WORDS = _words(_LEX, "state_words")
#: Entity labels of places, never part of a person's name.
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
#: How many sentences back "they" may look for the meeting it refers to.
THEY_WINDOW = 3


@dataclass(frozen=True)
class Meeting:
    """A call or meeting found in the text.

    Attributes:
        tok: index of the meeting word (noun or verb).
        sent: index of its sentence.
        names: participant names in text order.
        ids: their actor ids (None where unresolved).
        kinds: their speaker kinds.
        main: whether the meeting is what its sentence reports (the clause's root), not a
            mention inside it ("in the context of talks between ...").
        principal: the participant named as the subject, when there is one.
    """

    tok: int
    sent: int
    names: tuple[str, ...]
    ids: tuple[Optional[str], ...]
    kinds: tuple[Optional[str], ...]
    main: bool
    principal: Optional[_Who]

    def who(self, w: _Who) -> _Who:
        """The participants as a joint speaker, keeping the words of ``w``."""
        aid = "+".join(self.ids) if all(self.ids) else None
        kinds = set(self.kinds)
        kind = kinds.pop() if len(kinds) == 1 else "group"
        return _Who(" and ".join(self.names), aid, w.text, w.start, w.end, kind)


class Meetings:
    """The meetings of one article, looked up by position in logarithmic time."""

    def __init__(self, items: list[Meeting]):
        self.items = items
        self.toks = [m.tok for m in items]
        self.last_main: list[int] = []  # per meeting: the last main meeting up to it, or -1
        for i, m in enumerate(items):
            self.last_main.append(i if m.main else (self.last_main[-1] if i else -1))

    def __len__(self) -> int:
        return len(self.items)

    def nearest(self, tok: int) -> Optional[Meeting]:
        """The meeting a readout sentence at ``tok`` reports: the last main one before it,
        else the last one of any kind."""
        k = bisect.bisect_left(self.toks, tok) - 1
        if k < 0:
            return None
        j = self.last_main[k]
        return self.items[j if j >= 0 else k]


def find_meetings(ctx: _Ctx) -> Meetings:
    """Calls and meetings with at least two named participants, in text order.

    Example:
        >>> # "Putin had a telephone conversation with Macron." -> one Meeting,
        >>> # names ("Vladimir Putin", "Emmanuel Macron"), principal Putin
    """
    out: list[Meeting] = []
    for t in ctx.doc:
        low = t.lemma_.lower()
        if t.pos_ in {"NOUN", "PROPN"} and (low in MEETING_NOUNS or t.lower_ in MEETING_NOUNS):
            m = _noun_meeting(ctx, t)
        elif t.pos_ == "VERB" and low in MEETING_VERBS:
            m = _verb_meeting(ctx, t)
        else:
            continue
        if m is not None:
            out.append(m)
    return Meetings(out)


def _noun_meeting(ctx: _Ctx, noun: Token) -> Optional[Meeting]:
    """"X had a conversation with Y", "held talks with Y", "talks between X and Y"."""
    between = _pobjs(noun, "between")
    if between:
        return _meeting(ctx, noun, None, between, main=_is_main(noun))
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"VERB", "AUX"}:
        # "During the conversation, Putin and Abbas exchanged ...": a coordinated subject
        verb = noun.head.head
        subj = _children(verb, "nsubj")
        if subj and len(_conjuncts(subj[0])) > 1:
            return _meeting(ctx, noun, subj[0], [], main=_is_main(verb))
        return None
    verb = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"} else None
    others = _pobjs(noun, "with") or (_pobjs(verb, "with") if verb is not None else [])
    if verb is None or not others:
        return None
    subj = _children(verb, "nsubj")
    if not subj:
        return None
    return _meeting(ctx, noun, subj[0], others, main=_is_main(verb))


def _verb_meeting(ctx: _Ctx, verb: Token) -> Optional[Meeting]:
    """"X met (with) Y", "X spoke by phone with Y", "X and Y met"."""
    subj = _children(verb, "nsubj")
    if not subj:
        return None
    others = _pobjs(verb, "with") or _pobjs(verb, "to") or [
        o for p in _pobjs(verb, "by") + _pobjs(verb, "over") for o in _pobjs(p, "with")]  # "by phone with"
    if not others and verb.lemma_.lower() == "meet":
        others = _children(verb, "dobj")
    if verb.lemma_.lower() in PHONE_VERBS and not _by_phone(verb) and not any(
            o.ent_type_ == "PERSON" for o in others):
        return None  # "spoke highly of the Russian side", "talked to reporters"
    return _meeting(ctx, verb, subj[0], others, main=_is_main(verb))


def _by_phone(verb: Token) -> bool:
    """Whether a phone or video word hangs on ``verb`` ("spoke by phone", "talked over the
    telephone")."""
    return any(o.lower_ in PHONE_WORDS for p in _kids(verb) if p.dep_ == "prep"
               for o in _children(p, "pobj"))


def _meeting(ctx: _Ctx, tok: Token, subj: Optional[Token], others: list[Token], *,
             main: bool) -> Optional[Meeting]:
    """Resolve the participants; None unless at least two distinct ones are named."""
    heads = [_represented(h) for h in ([subj] if subj is not None else []) + others]
    whos = [_participant(ctx, t) for head in heads for t in _members(head)]
    names: list[str] = []
    ids: list[Optional[str]] = []
    kinds: list[Optional[str]] = []
    for w in whos:
        if not w.name or w.kind == "unnamed":
            return None  # "reporters", "officials": not a readout's participants
        parts = w.name.split(" and ")
        pids = (w.actor_id or "").split("+")
        pids = pids if len(pids) == len(parts) else [None] * len(parts)
        for n, i in zip(parts, pids):
            if n not in names:
                names.append(n)
                ids.append(i or None)
                kinds.append(w.kind)
    if len(names) < 2:
        return None
    principal = None
    if subj is not None and " and " not in whos[0].name and (
            len(_conjuncts(heads[0])) == 1 or heads[0] is subj):
        principal = whos[0]  # the subject, or its first-named member ("Putin and Abbas")
    return Meeting(tok.i, ctx.sent_of(tok), tuple(names), tuple(ids), tuple(kinds), main, principal)


def _members(head: Token) -> list[Token]:
    """The members of a coordination; titles of one person ("Crown Prince of X and Deputy
    Commander of Y Mohamed bin Zayed") are one member, the last title."""
    members = _conjuncts(head)
    if len(members) > 1 and all(m.lower_ in _TITLES for m in members):
        return [members[-1]]
    return members


def _represented(tok: Token) -> Token:
    """Whom a delegation stands for: "representatives of Canada and Mexico"
    -> Canada (with its conjuncts); other words unchanged."""
    if tok.pos_ == "NOUN" and tok.lower_ not in _TITLES:
        objs = _pobjs(tok, "of") or _pobjs(tok, "from")
        if objs and objs[0].pos_ == "PROPN":
            return objs[0]
    return tok


def _participant(ctx: _Ctx, tok: Token) -> _Who:
    """One participant, never a coordination: the person a title phrase names ("President
    of the Republic of Veldoria Tomas Rind" -> Tomas Rind), a name with its
    first names ("Armenia Nikol Pashinyan" -> Nikol Pashinyan), else the actor the words
    name."""
    doc = ctx.doc
    titled = [c for c in _kids(tok) if c.dep_ == "appos" and c.i > tok.i and c.lower_ in _TITLES]
    if titled and tok.is_title:
        return _participant(ctx, titled[0])  # "Chairperson of the Union, President of X Y"
    if tok.lemma_.lower() in _TITLES or tok.lower_ in _TITLES:
        a, b = tok.left_edge.i, tok.right_edge.i
        conj = [c for c in _kids(tok) if c.dep_ in {"conj", "cc", "relcl", "acl"} and c.i > tok.i]
        if conj:
            b = min(c.left_edge.i for c in conj) - 1
        for e in ctx.persons_within(a, b):
            return _member(ctx, doc[e.end - 1])
        heads = [c.i for c in _kids(tok) if c.dep_ in {"appos", "flat"}] + [o.i for o in _pobjs(tok, "of")]
        for end in heads + [b]:  # "President of Serbia Aleksandar Vucic in Belgrade": the pobj
            name = _final_name(ctx, tok, a, end)
            if name is not None:
                return name
    elif tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACE_LABELS:
        name = _final_name(ctx, tok, tok.left_edge.i, tok.i)
        if name is not None:
            return name
    if len(_conjuncts(tok)) == 1:
        return _who(ctx, tok)
    return _member(ctx, tok)


def _member(ctx: _Ctx, tok: Token) -> _Who:
    """The actor one member of a coordination names ("Putin" in "Putin and Abbas")."""
    doc = ctx.doc
    spans = _member_spans(ctx, tok)
    r = _resolve(ctx, spans)
    a, b = spans[0]
    sa, sb = doc[a].idx, doc[b].idx + len(doc[b])
    if r is not None:
        return _Who(r.name, r.actor_id, doc[a:b + 1].text, sa, sb, _actor_kind(r.kind))
    return _Who(_clean_name(doc[a:b + 1].text), None, doc[a:b + 1].text, sa, sb,
                _unresolved_kind(doc[a:b + 1]))


def _final_name(ctx: _Ctx, tok: Token, a: int, b: int) -> Optional[_Who]:
    """The name closing a phrase, when the tagger did not mark it as a person: a proper
    noun with its proper-noun compounds, places left out ("... of Serbia Aleksandar
    Vucic" -> "Aleksandar Vucic")."""
    doc = ctx.doc
    while b > a and (doc[b].is_punct or doc[b].is_space):
        b -= 1
    last = doc[b]
    if (b == tok.i and tok.lower_ in _TITLES) or last.pos_ != "PROPN" or last.lower_ in _TITLES | STATE_WORDS:
        return None
    for k in range(b - 1, max(a, b - 3) - 1, -1):  # a person the article names elsewhere
        if doc[k].pos_ != "PROPN" or doc[k].lower_ in _TITLES:
            break
        r = _resolve(ctx, [(k, b)])
        if r is not None and r.kind == "person":
            return _Who(r.name, r.actor_id, doc[k:b + 1].text, doc[k].idx, last.idx + len(last), "person")
    k, after_place = b, False
    while k - 1 >= a and k <= doc[k - 1].head.i <= b and (
            (doc[k - 1].pos_ == "PROPN" and doc[k - 1].dep_ in {"compound", "flat"})
            or (doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and k - 2 >= a)):
        prev = doc[k - 1]  # the name's own words, over a hyphen ("Kassym-Jomart Tokayev")
        if prev.lower_ in _TITLES | STATE_WORDS or _is_place(ctx, k - 1):
            after_place = True
            break
        k -= 1
        if k - 1 >= a and doc[k - 1].lower_ == "of" and b - k >= 2:
            k, after_place = k + 1, True  # "of Tajikistan Emomali Rahmon": the place first
            break
    if k - 1 >= a and doc[k - 1].pos_ == "PROPN" and doc[k - 1].head.i != b:
        after_place = True  # "of Tajikistan | Emomali Rahmon": another name's phrase before it
    if k == b or (last.ent_type_ in _PLACE_LABELS and not after_place):
        return None  # one word, or a place ("of South Africa"): not a person's name
    r = _resolve(ctx, [(k, b)])
    if r is not None and r.kind in {"country", "location"}:
        return None
    sa, sb = doc[k].idx, doc[b].idx + len(doc[b])
    if r is not None:
        return _Who(r.name, r.actor_id, doc[k:b + 1].text, sa, sb, _actor_kind(r.kind))
    return _Who(doc[k:b + 1].text, None, doc[k:b + 1].text, sa, sb, "person")


def _is_place(ctx: _Ctx, i: int) -> bool:
    """Whether token ``i`` alone names a country or place ("Romania" in "President of
    Romania Klaus Iohannis", which the tagger may take into the name)."""
    r = _resolve(ctx, [(i, i)])
    return r is not None and r.kind in {"country", "location"}


def _pobjs(head: Optional[Token], prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` under ``head`` ("with Macron" -> [Macron])."""
    if head is None:
        return []
    out: list[Token] = []
    for c in _kids(head):
        if c.dep_ == "prep" and c.lower_ == prep:
            out += _children(c, "pobj")
    return out


def _is_main(t: Token) -> bool:
    """Whether ``t`` (a verb, or a noun of "talks between ...") heads its sentence."""
    if t.dep_ == "ROOT":
        return True
    return t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"


def _participant_ref(np: Optional[Token]) -> Optional[str]:
    """``"they"``, ``"person"`` (the two leaders) or ``"any"`` (the parties, both sides, the
    talks themselves) when the speaker words refer to a meeting's participants; None
    otherwise."""
    if np is None:
        return None
    if np.lower_ == "they" and np.pos_ == "PRON":
        return "they"
    if np.lemma_.lower() in MEETING_NOUNS and \
            any(c.lower_ == "the" for c in _kids(np) if c.i < np.i):
        return "any"  # "The talks were constructive, underscoring ...": the participants
    if np.lower_ not in PARTICIPANT_NOUNS or np.tag_ not in {"NNS", "NNPS", "NN"}:
        return None
    mods = {c.lower_ for c in _kids(np) if c.i < np.i}
    plural = np.tag_ in {"NNS", "NNPS"} or np.lower_.endswith("s")
    if not (mods & {"the", "both", "two"}) or not (plural or "both" in mods):
        return None
    if _kids(np) and any(c.dep_ == "prep" for c in _kids(np) if c.i > np.i and c.lower_ != "of"):
        return None  # "the leaders in Europe": not the participants
    return "person" if np.lower_ in PERSON_NOUNS else "any"


def readout_who(ctx: _Ctx, meetings: Meetings, c: _Cand, w: _Who) -> _Who:
    """The speaker of a readout sentence: the meeting's participants for "the parties",
    "both sides", "the two leaders", "they" and "It was agreed ...", the principal for the
    other readout passives; ``w`` unchanged when the sentence is not a readout's.

    Example:
        >>> # "Putin had a call with Macron. The two leaders agreed that ..." ->
        >>> # _Who("Vladimir Putin and Emmanuel Macron", ...)
    """
    if not meetings:
        return w
    m = meetings.nearest(c.cue_tok.i)
    if m is None:
        return w
    if c.speaker_kind == "readout":
        if c.cue in JOINT_CUES:
            return m.who(w)
        if m.principal is not None and m.main:
            p = m.principal
            return _Who(p.name, p.actor_id, w.text, w.start, w.end, p.kind)
        return w
    ref = _participant_ref(c.speaker_np) if c.speaker_kind == "np" else None
    if ref is None:
        return w
    if ref == "they" and ctx.sent_of(c.cue_tok) - m.sent > THEY_WINDOW:
        return w
    if ref == "person" and any(k != "person" for k in m.kinds):
        return w
    return m.who(w)
