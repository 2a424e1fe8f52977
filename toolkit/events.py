"""Events: clauses that report something happening, planned or ongoing.

A rule-based reading of the dependency parse (no second spaCy pass). For each clause
whose head is an *event verb* (``propose``, ``meet``, ``invade``, ``sign`` ...) or a
*light verb* with an *event noun* (``hold talks``, ``launch an invasion``, ``talks took
place``, ``a round scheduled for ...``) one :class:`~toolkit.types.Event` is emitted
with its actor (the subject, resolved to a canonical actor), action, target, the date
attached to that clause and a status relative to publication.

Decisions:
    * ``action`` is the lemma of the event verb. For a light verb with an event noun
      (``hold talks``, ``launch an invasion``, ``talks took place``, ``carry out an
      exchange``) the action is the verb form of the noun (``talk``, ``invade``,
      ``exchange``, from :data:`EVENT_NOUNS`), so that "Russia invaded Ukraine" and
      "Russia launched an invasion of Ukraine" are the same event in a chronology.
      ``round``/``session`` take the action of their ``of`` complement ("a second
      round of discussions" -> ``discuss``).
    * "X proposed a round of talks, scheduled for June 2" gives two events: ``propose``
      (happened, no date) and ``discuss`` (planned, 2 June), because the date attaches
      to "scheduled", not to "proposed".
    * Reporting verbs (say, state, tell, announce ...), copulas, auxiliaries, negated
      clauses and verbs inside a noun's complement ("conditions for ending the war")
      are skipped: precision over recall.
    * ``status``: tense, aspect and modality first (past -> happened; will / is set to
      / scheduled / plans to / is ready to -> planned; present progressive or
      "continues" -> ongoing; else unknown); then a resolved date wholly after
      publication makes it planned and one wholly before publication makes an
      unknown or ongoing event happened.

Example:
    >>> doc = nlp("Russia initiated a full-scale invasion of Ukraine in February 2022.")  # doctest: +SKIP
    >>> extract_events(doc, dates=extract_dates(doc))[0].action                          # doctest: +SKIP
    'invade'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Optional, Sequence

from .chronology import CHRONOLOGY_COLUMNS, chronology, default_families  # noqa: F401 (re-exported)
from .statements.helpers import _kids
from .types import DateExpr, Event, SpeakerResolver

# --------------------------------------------------------------------------- lexicons
#: Verbs that report an event on their own (action = the verb lemma).
EVENT_VERBS = frozenset("""
    propose offer invade attack strike shell bomb capture seize occupy annex withdraw retreat
    sign ratify adopt approve veto agree meet negotiate discuss talk call phone visit travel
    arrive depart fly send dispatch deliver hand transfer submit present release free exchange
    swap host chair mediate broker convene attend join impose lift suspend halt cancel postpone
    delay resume begin start commence end conclude complete implement violate deploy mobilize
    mobilise kill wound destroy damage hit launch fire shoot evacuate sanction arrest detain
    establish create form develop draft prepare publish provide supply allocate receive return
    invite visit vote elect appoint resign open close block enter cross liberate
    repel intercept down schedule
""".split())

#: Verbs that only frame an event noun ("hold talks", "launch an invasion"): the event is the noun.
LIGHT_VERBS = frozenset("""
    hold have conduct launch initiate carry stage mount begin start commence resume organize
    organise plan schedule expect arrange
""".split())

#: Verbs that, with an event noun as subject, report that event ("talks took place").
HAPPEN_VERBS = frozenset("take occur happen begin start commence resume hold conduct carry launch "
                         "initiate schedule set plan expect slate arrange continue".split())

#: Intransitive verbs whose event-noun subject is the event ("talks began", "the discussion continued").
_INTRANSITIVE_HAPPEN = frozenset({"take", "occur", "happen", "begin", "start", "commence", "resume", "continue"})

#: Event nouns and the action they stand for (noun lemma -> action).
EVENT_NOUNS = {
    "talk": "talk", "negotiation": "negotiate", "meeting": "meet", "discussion": "discuss",
    "consultation": "consult", "conversation": "talk", "call": "call", "summit": "summit",
    "visit": "visit", "trip": "travel", "invasion": "invade", "attack": "attack",
    "offensive": "attack", "assault": "attack", "strike": "strike", "airstrike": "strike",
    "bombardment": "bomb", "shelling": "shell", "operation": "operation", "exchange": "exchange",
    "swap": "exchange", "ceasefire": "ceasefire", "truce": "ceasefire", "withdrawal": "withdraw",
    "evacuation": "evacuate", "vote": "vote", "referendum": "referendum", "election": "election",
    "conference": "conference", "hearing": "hearing", "session": "meet", "round": "talk",
    "dialogue": "talk", "handover": "hand", "deployment": "deploy",
}
#: Objects that make "exchange" a conversation rather than a swap.
_TOPIC_OBJECTS = frozenset({"view", "opinion", "greeting", "idea", "information", "assessment"})
#: Objects that make "offer" a courtesy statement ("offered his condolences").
_COURTESY_OBJECTS = frozenset({"greeting", "condolence", "congratulation", "gratitude", "thanks", "apology",
                               "wish", "sympathy", "support"})
#: Verbs that end an event noun subject ("talks concluded"): action = the verb, target = the noun.
_ENDING_VERBS = frozenset({"end", "conclude", "complete", "finish"})
#: Event nouns whose action comes from their ``of`` complement ("round of negotiations").
_CONTAINER_NOUNS = frozenset({"round", "session", "series", "stage", "phase"})

#: Governors that make the infinitive they govern a plan ("plans to", "is set to", "ready to").
PLAN_WORDS = frozenset("""
    plan intend set schedule expect prepare prepared ready aim agree decide seek want hope
    propose offer promise pledge vow threaten consider due slate poised try attempt wish
    need must going willing able
""".split())
#: Governors that make what they govern ongoing ("continues to play").
ONGOING_WORDS = frozenset({"continue", "keep"})
#: Reporting verbs: their clauses are statements, not events.
REPORTING_VERBS = frozenset("""
    say state tell announce declare add note stress emphasize emphasise claim report inform
    mention explain confirm deny insist warn assert argue suggest remark reply respond write
    acknowledge believe think express thank welcome condemn urge
""".split())
#: Light verbs that make their event noun a plan ("expects talks", "plans a meeting").
_PLANNING_LIGHT = frozenset({"plan", "schedule", "expect", "arrange"})
_MODALS_PLANNED = frozenset({"will", "shall", "'ll", "wo"})
_MODALS_PLANNED_PAST = frozenset({"would"})  # future in the past: "said allies would meet"
_MODALS_HYPOTHETICAL = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
#: Nouns that make an infinitive they govern a plan ("a decision was made to hold talks").
PLAN_NOUNS = frozenset("decision plan agreement proposal intention offer request readiness".split())
#: Prepositions before a gerund that still report an event ("by firing", "after meeting").
_EVENT_GERUND_PREPS = frozenset({"by", "after", "before", "upon", "while", "following", "ahead"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_PRONOUNS = frozenset("it he she they we i you this that these those who which".split())
_TARGET_PREPS = ("with", "to", "into", "against", "on", "from")
_NOUN_TARGET_PREPS = ("with", "of", "against", "on", "to")
_MAX_TARGET_TOKENS = 10
#: Determiners that make an event noun point back to an event already reported.
_ANAPHORIC_DETS = frozenset({"this", "that", "these", "those", "same", "such"})
#: Words before a date that make it a bound, not the time of the clause's event: "the
#: largest exchange since February 2022" did not happen in February 2022.
_NOT_ANCHOR_PREPS = frozenset({"since", "until", "till", "pending"})


# --------------------------------------------------------------------------- helpers
def _is_verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in _kids(tok))


def _np_core(head) -> list:
    """Tokens of a compact noun phrase: left modifiers, the head and ``of`` complements."""
    toks = []
    for c in head.lefts:
        if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod",
                      "advmod", "punct", "predet") and not (c.dep_ == "punct" and c.text in ",;"):
            toks.extend(c.subtree)
    toks.append(head)
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [g for g in _kids(c) if g.dep_ == "pobj"]
            if objs:
                toks.append(c)
                toks.extend(_np_core(objs[0]))
        elif c.dep_ in ("case",) or (c.dep_ == "punct" and c.text == "-"):
            toks.append(c)
    toks = sorted(set(toks), key=lambda t: t.i)
    # keep one contiguous block around the head
    i0 = toks.index(head)
    lo = i0
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    hi = i0
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    return toks[lo:hi + 1]


def _span_text(doc, toks: Sequence) -> str:
    if not toks:
        return ""
    return doc[toks[0].i:toks[-1].i + 1].text  # not doc.text, which joins every token on each access


def _short(doc, head) -> Optional[str]:
    if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
        if _is_relativizer(head) and head.head.dep_ == "relcl":
            head = head.head.head
        else:
            return None
    toks = _np_core(head)
    if len(toks) > _MAX_TARGET_TOKENS:
        toks = [t for t in toks if t.i <= head.i][-_MAX_TARGET_TOKENS:]
    text = _span_text(doc, toks).strip(" ,;:\"“”'-–—")
    return text or None


def _conjuncts(tok) -> list:
    out = [tok]
    for c in _kids(tok):
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(_conjuncts(c))
    return out


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def _resolve_one(doc, head, resolver) -> tuple[Optional[str], Optional[str]]:
    toks = _np_core(head)
    core = [t for t in toks if t.i <= head.i] or [head]
    candidates = []
    if toks:
        candidates.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    if core and core != toks:
        candidates.append((core[0].idx, core[-1].idx + len(core[-1].text)))
    candidates.append((head.idx, head.idx + len(head.text)))
    if resolver is not None:
        for s, e in candidates:
            try:
                ra = resolver.resolve(s, e)
            except Exception:  # a resolver bug must not crash extraction
                ra = None
            if ra is not None:
                return ra.name, ra.actor_id
    if head.lower_ in _PRONOUNS or head.pos_ == "PRON":
        return None, None
    if len(toks) > _MAX_TARGET_TOKENS:
        toks = core
    text = _strip_det(_span_text(doc, toks).strip(" ,;:\"“”'-–—"))
    return (text or None), None


def _resolve_text(doc, toks, resolver) -> tuple[Optional[str], Optional[str]]:
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks = toks[:-1]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    if not toks:
        return None, None
    if resolver is not None:
        try:
            ra = resolver.resolve(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        except Exception:
            ra = None
        if ra is not None:
            return ra.name, ra.actor_id
    if len(toks) == 1 and (toks[0].pos_ == "PRON" or toks[0].lower_ in _PRONOUNS):
        return None, None
    return _strip_det(_span_text(doc, toks).strip(" ,;:\"“”'-–—")) or None, None


def _coordinated_parts(doc, head):
    """Parts of a noun phrase joined by "and" that the parser left unlinked ("A and B's C D")."""
    toks = _np_core(head)
    cuts = [i for i, t in enumerate(toks)
            if t.lower_ == "and" and t.dep_ == "cc" and t.head.pos_ in ("PROPN", "NOUN")]
    if not cuts:
        return None
    parts, prev = [], 0
    for i in cuts + [len(toks)]:
        parts.append(toks[prev:i])
        prev = i + 1
    return [p for p in parts if p]


def _resolve_actor(doc, head, resolver) -> tuple[Optional[str], Optional[str]]:
    """Actor name and id for a subject head (coordinations joined with " and ")."""
    names, ids = [], []
    parts = _coordinated_parts(doc, head) if not any(c.dep_ == "conj" for c in _kids(head)) else None
    resolved = ([_resolve_text(doc, p, resolver) for p in parts] if parts
                else [_resolve_one(doc, t, resolver) for t in _conjuncts(head)])
    for name, aid in resolved:
        if name and name not in names:
            names.append(name)
            ids.append(aid)
    if not names:
        return None, None
    name = " and ".join(names)
    aid = "+".join(ids) if all(ids) else None
    return name, aid


def _is_relativizer(tok) -> bool:
    return tok.tag_ in ("WDT", "WP") or (tok.lower_ == "that" and tok.head.dep_ == "relcl")


def _subject(verb, *, keep_events: bool = False):
    """The subject of a verb and whether it is the verb's patient (passive voice).

    Inherited through xcomp (the controller is the actor: "Russia is set to sign"),
    conj (with its voice) and adverbial clauses (only from an active governor); a
    relative pronoun stands for the noun the relative clause modifies.
    """
    seen = 0
    tok = verb
    path = []
    while tok is not None and seen < 8:
        seen += 1
        subs = [c for c in _kids(tok) if c.dep_ in _SUBJ]
        if subs:
            subj = subs[0]
            if _is_relativizer(subj) and tok.dep_ == "relcl" and tok.head.i != tok.i:
                subj = tok.head
            passive = subj.dep_ == "nsubjpass" or subs[0].dep_ == "nsubjpass"
            if tok.i == verb.i:
                return subj, passive
            own_passive = any(c.dep_ == "auxpass" for c in _kids(verb))
            if own_passive:
                return subj, True
            if not keep_events and (subj.lemma_.lower() in PLAN_NOUNS or _noun_action(subj)):
                return None, False  # "a decision was made to hold ...": not an actor
            if passive and all(d == "conj" for d in path) and verb.tag_ == "VBN":
                return subj, True
            if passive and any(d in ("advcl", "pcomp") for d in path):
                return None, False
            return subj, False
        path.append(tok.dep_)
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp") and tok.head.i != tok.i:
            nxt = tok.head
            if tok.dep_ == "pcomp":  # "before sending": prep -> governing verb
                nxt = nxt.head if nxt.dep_ == "prep" else nxt
            tok = nxt
            if tok.pos_ in ("ADJ",):  # "ready to commence": the adjective's copula
                tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None, False
        break
    return None, False


def _agent(verb):
    for c in _kids(verb):
        if c.dep_ == "agent":
            for g in _kids(c):
                if g.dep_ == "pobj":
                    return g
    return None


def _noun_action(noun) -> Optional[str]:
    """Action of an event noun, or None if the noun is not an event noun."""
    lemma = noun.lemma_.lower()
    if lemma not in EVENT_NOUNS:
        return None
    if lemma == "exchange" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in _TOPIC_OBJECTS for g in _kids(c))
            for c in _kids(noun)):
        return None  # "an exchange of views" is a conversation topic, not an exchange
    if lemma in _CONTAINER_NOUNS:
        for c in _kids(noun):
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in _kids(c):
                    if g.dep_ == "pobj":
                        inner = _noun_action(g)
                        if inner:
                            return inner
    if lemma == "call" and not any(c.lower_ in ("phone", "telephone", "video") for c in noun.lefts) \
            and not any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in _kids(noun)):
        return None  # "a call for restraint" is a demand, not a phone call
    return EVENT_NOUNS[lemma]


def _noun_target_and_parties(doc, noun, resolver):
    """(target, parties) of an event noun: "talks with Ukraine", "talks between A and B"."""
    heads = [noun]
    # "a round of negotiations with Ukraine": look inside the of-complement too
    for c in _kids(noun):
        if c.dep_ == "prep" and c.lower_ == "of" and noun.lemma_.lower() in _CONTAINER_NOUNS:
            heads.extend(g for g in _kids(c) if g.dep_ == "pobj")
    parties = None
    for h in heads:
        for c in _kids(h):
            if c.dep_ == "prep" and c.lower_ == "between":
                objs = [g for g in _kids(c) if g.dep_ == "pobj"]
                if objs:
                    parties = _resolve_actor(doc, objs[0], resolver)
    for prep in _NOUN_TARGET_PREPS:
        for h in heads:
            if prep == "of" and h.lemma_.lower() in _CONTAINER_NOUNS:
                continue
            for c in _kids(h):
                if c.dep_ == "prep" and c.lower_ == prep:
                    objs = [g for g in _kids(c) if g.dep_ == "pobj"]
                    if objs and not (objs[0].ent_type_ in ("DATE", "TIME")):
                        return _short(doc, objs[0]), parties
    return None, parties


def _verb_target(doc, verb):
    for c in _kids(verb):
        if c.dep_ in ("dobj", "obj"):
            return _short(doc, c)
    for prep in _TARGET_PREPS:
        for c in _kids(verb):
            if c.dep_ in ("prep", "dative") and c.lower_ == prep:
                objs = [g for g in _kids(c) if g.dep_ == "pobj"]
                if objs and objs[0].ent_type_ not in ("DATE", "TIME") and objs[0].pos_ != "NUM":
                    return _short(doc, objs[0])
    return None


def _in_noun_complement(verb) -> bool:
    """True for verbs inside a noun's complement ("conditions for ending", "a requirement to halt")."""
    tok = verb
    for _ in range(8):
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "prep", "pobj", "aux") \
                and tok.head.i != tok.i:
            parent = tok.head
            if parent.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("advcl", "acl", "prep"):
                if tok.dep_ == "acl" and tok.tag_ == "VBN":
                    return False  # "talks held in Istanbul", "a round scheduled for"
                return True
            tok = parent
            continue
        return False
    return False


def _aux_words(tok) -> list:
    return [c for c in _kids(tok) if c.dep_ in ("aux", "auxpass")]


def _hypothetical(verb) -> bool:
    """A modal of possibility or obligation on the verb or the verb it is coordinated with."""
    tok = verb
    for _ in range(4):
        if any(a.lower_ in _MODALS_HYPOTHETICAL for a in _aux_words(tok)):
            return True
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _own_status(verb) -> str:
    """Status from the verb's own tense, aspect and modality."""
    auxes = _aux_words(verb)
    lowers = [a.lower_ for a in auxes]
    if any(a in _MODALS_PLANNED for a in lowers):
        return "planned"
    if any(a in _MODALS_PLANNED_PAST for a in lowers):
        return "planned"
    if any(a in _MODALS_HYPOTHETICAL for a in lowers):
        return "unknown"
    lemma = verb.lemma_.lower()
    present_aux = any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    past_aux = any(a.tag_ == "VBD" for a in auxes)
    if lemma in ONGOING_WORDS and verb.tag_ in ("VBZ", "VBP"):
        return "ongoing"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return "happened" if past_aux else "ongoing"
    if verb.tag_ == "VBN" and any(a.lower_ == "being" for a in auxes):
        return "happened" if past_aux else "ongoing"
    if verb.tag_ == "VBD":
        return "happened"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxes) or past_aux:
            return "happened"
        if lemma in ("schedule", "set", "plan", "slate", "expect") and (present_aux or verb.dep_ == "acl"):
            return "planned"
        return "unknown"
    return "unknown"


def _governor(tok):
    """The word governing an infinitive / participle clause, skipping adjectives' copulas."""
    if tok.dep_ in ("xcomp", "advcl", "pcomp", "conj") and tok.head.i != tok.i:
        h = tok.head
        if tok.dep_ == "pcomp" and h.dep_ == "prep":
            h = h.head
        return h
    return None


def _status(verb) -> str:
    """Status of a verb: its own tense, else what governs it (plans to, is set to, continues to)."""
    own = _own_status(verb)
    if own != "unknown" or not (verb.tag_ in ("VB", "VBG") or verb.dep_ == "conj"):
        return own
    tok = verb
    for _ in range(6):
        gov = _governor(tok)
        if gov is None:
            break
        lemma = gov.lemma_.lower()
        if tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.lower_ == "to" for c in _kids(tok))):
            if lemma in PLAN_WORDS or (lemma == "be" and any(c.lower_ == "to" for c in _kids(tok))):
                return "planned"
            if any(c.dep_ in ("nsubjpass", "nsubj", "dobj") and c.lemma_.lower() in PLAN_NOUNS
                   for c in _kids(gov)):
                return "planned"
            if lemma in ONGOING_WORDS:
                st = _own_status(gov)
                return "ongoing" if st in ("unknown", "ongoing") else st
        if tok.dep_ == "pcomp":
            prep = tok.head.lower_ if tok.head.dep_ == "prep" else ""
            if prep in ("before", "ahead"):
                st = _status(gov) if gov.i != verb.i else "unknown"
                return "planned" if st in ("planned", "unknown") else st
        st = _own_status(gov)
        if st != "unknown":
            return st
        tok = gov
    return "unknown"


def _date_root(doc, d: DateExpr):
    span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _attached_verb(tok):
    """The nearest verb above a date token (the clause the date belongs to)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return cur if _is_verbal(cur) else None
        cur = cur.head
        if cur.pos_ == "VERB" or (cur.pos_ == "AUX" and cur.dep_ in ("ROOT", "ccomp", "conj", "xcomp")):
            return cur
    return None


def _bound_only(text: str, d: DateExpr) -> bool:
    """True for "since February 2022", "until June": a bound of a state, not an event's date."""
    before = text[max(0, d.start_char - 40):d.start_char].split()
    while before and before[-1].lower() in ("the", "early", "late", "mid", "as", "of", "end", "beginning"):
        before.pop()
    return bool(before) and before[-1].lower().strip("(\"“") in _NOT_ANCHOR_PREPS


def _usable_date(d: DateExpr) -> bool:
    return d.type in ("DATE", "TIME") and d.start is not None and not str(d.value).endswith("_REF")


def _pick_date(cands: list) -> Optional[DateExpr]:
    if not cands:
        return None
    return min(cands, key=lambda d: ((d.end or d.start) - d.start, d.start_char))


def _apply_date(status: str, d: Optional[DateExpr], published: Optional[dt.date]) -> str:
    if d is None or published is None or d.start is None:
        return status
    end = d.end or d.start
    if d.start > published:
        return "planned"
    if end < published:
        return "happened" if status in ("unknown", "ongoing", "happened") else status
    return "ongoing" if status == "unknown" else status


# --------------------------------------------------------------------------- candidates
def _talk_family() -> frozenset:
    """The actions that report talks: the ``talk`` family of ``event_actions.yaml``."""
    return frozenset(str(a).lower() for a in default_families().get("talk") or ())


def _antecedent(verb, action: str, previous: list):
    """The earlier event an anaphoric event noun subject ("this discussion") points to."""
    esubj, _ = _subject(verb, keep_events=True)
    if esubj is None or not _anaphoric(esubj):
        return None
    talks = _talk_family()
    family = talks if action in talks else {action}
    for ev in reversed(previous[-12:]):
        if ev.actor and (ev.action in family or (ev.target and any(
                w in ev.target.lower() for w in ("talk", "negotiation", "discussion", "meeting", "round"))
                and action in talks)):
            return ev
    return None


def _anaphoric(noun) -> bool:
    """"this discussion", "these talks", "the same meeting": a noun pointing back."""
    return any(c.dep_ in ("det", "amod") and c.lower_ in _ANAPHORIC_DETS for c in _kids(noun))


def _event_candidates(doc, sent, resolver, dated_verbs=frozenset()):
    """Yield (anchor tokens, action, actor head or parties, target, status-verb) per event clause."""
    for tok in sent:
        if tok.pos_ != "VERB" or _negated(tok):
            continue
        lemma = tok.lemma_.lower()
        if lemma in REPORTING_VERBS:
            continue
        if _in_noun_complement(tok):
            continue
        if _hypothetical(tok):
            continue  # "must deliver", "can agree": obligations and possibilities, not events
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ not in _EVENT_GERUND_PREPS:
            continue  # "efforts aimed at ending the strike", "toward ending"
        objs = [c for c in _kids(tok) if c.dep_ in ("dobj", "obj")]
        subj, passive = _subject(tok)
        esubj, epassive = _subject(tok, keep_events=True)
        # 0. an event noun that ends: "the round of talks that concluded today"
        if esubj is not None and lemma in _ENDING_VERBS and not objs and _noun_action(esubj):
            target, parties = _noun_target_and_parties(doc, esubj, resolver)
            yield tok, lemma, parties, _short(doc, esubj), None
            continue
        # 1. event noun as the subject: "talks took place", "the round is scheduled for"
        if esubj is not None and lemma in HAPPEN_VERBS and (epassive or lemma in _INTRANSITIVE_HAPPEN):
            action = _noun_action(esubj)
            if lemma == "take" and not any(c.lemma_ == "place" for c in objs):
                action = None
            if action:
                target, parties = _noun_target_and_parties(doc, esubj, resolver)
                agent = _agent(tok)
                actor = _resolve_actor(doc, agent, resolver) if agent is not None else parties
                yield tok, action, actor, target, None
                continue
        # 2. acl participle on an event noun: "a round of discussions, scheduled for June 2"
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in HAPPEN_VERBS:
            action = _noun_action(tok.head)
            if action:
                target, parties = _noun_target_and_parties(doc, tok.head, resolver)
                agent = _agent(tok)
                actor = _resolve_actor(doc, agent, resolver) if agent is not None else parties
                if actor is None:
                    gov = tok.head.head if tok.head.dep_ in ("dobj", "obj", "pobj") else None
                    while gov is not None and gov.dep_ == "prep":
                        gov = gov.head
                    if gov is not None and gov.pos_ == "VERB":
                        gsubj, gpass = _subject(gov)
                        if gsubj is not None and not gpass:
                            actor = _resolve_actor(doc, gsubj, resolver)
                yield tok, action, actor, target, None
                continue
        # 3. light verb with an event noun object: "held talks", "launched an invasion"
        if lemma in LIGHT_VERBS and objs:
            action = _noun_action(objs[0])
            if action:
                target, parties = _noun_target_and_parties(doc, objs[0], resolver)
                actor = _resolve_actor(doc, subj, resolver) if subj is not None and not passive else None
                if actor is None or actor == (None, None) or (lemma in _PLANNING_LIGHT and parties):
                    actor = parties  # "the Kremlin expects talks between Russia and Ukraine"
                hint = None
                if lemma in _PLANNING_LIGHT:  # "expects talks": planned; "planned an attack": unknown
                    hint = "unknown" if _own_status(tok) == "happened" else "planned"
                yield tok, action, actor, target, hint
                continue
        if lemma not in EVENT_VERBS:
            continue
        # 4. an event verb
        if any(c.dep_ == "ccomp" for c in _kids(tok)) and lemma in ("agree", "propose", "offer", "suggest"):
            continue  # "agreed that ...": a statement
        if lemma in ("agree", "propose", "offer", "plan", "prepare", "schedule") and \
                any(c.dep_ == "xcomp" for c in _kids(tok)):
            continue  # "agreed to hold talks": the infinitive carries the event
        if lemma == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") or
                                   (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")) for c in _kids(tok)):
            continue  # "called for", "called on X to", "called it a ..."
        if lemma in ("offer", "extend") and objs and objs[0].lemma_.lower() in _COURTESY_OBJECTS:
            continue  # "offered my sincere greetings / condolences": a statement
        if lemma == "exchange" and objs and objs[0].lemma_.lower() in _TOPIC_OBJECTS:
            continue
        if lemma in ("develop", "prepare", "draft", "form", "create", "open", "close", "receive",
                     "return", "end", "complete", "hit") and not objs and not passive:
            continue  # intransitive uses of these are rarely events
        if lemma == "agree" and not (
                any(c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" for c in _kids(tok))
                or any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") for c in _kids(tok))):
            continue  # "agreed Ukraine will ...": a statement without "that"
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "the assistance provided by Russia", "the Declaration adopted on July 16, 1990"
            agent = _agent(tok)
            if agent is None and tok.i not in dated_verbs:
                continue
            actor = _resolve_actor(doc, agent, resolver) if agent is not None else (None, None)
            yield tok, lemma, actor, _short(doc, tok.head), None
            continue
        if passive:
            agent = _agent(tok)
            actor = _resolve_actor(doc, agent, resolver) if agent is not None else (None, None)
            target = _short(doc, subj)
        else:
            actor = _resolve_actor(doc, subj, resolver) if subj is not None else (None, None)
            target = _verb_target(doc, tok)
        yield tok, lemma, actor, target, None


def _anchors(verb) -> set:
    """The verb and the governors/xcomps it forms one clause with (dates may hang on any)."""
    out = {verb.i}
    tok = verb
    for _ in range(4):
        if tok.dep_ == "xcomp" and tok.head.i != tok.i:
            tok = tok.head
            out.add(tok.i)
            if tok.pos_ == "ADJ":
                out.add(tok.head.i)
        else:
            break
    for c in _kids(verb):
        if c.dep_ == "xcomp":
            out.add(c.i)
        if c.dep_ == "prep" and c.lower_ == "by":  # "began an invasion by firing missiles yesterday"
            out.update(g.i for g in _kids(c) if g.dep_ == "pcomp")
    return out


def extract_events(doc, *, resolver: Optional[SpeakerResolver] = None, dates: Iterable[DateExpr] = (),
                   published: Optional[dt.date] = None) -> list[Event]:
    """Events reported by the clauses of a parsed article.

    Args:
        doc: a parsed spaCy ``Doc``.
        resolver: the actors module's resolver (``resolve(start_char, end_char)``); when
            ``None`` or when it returns ``None`` the subject words are the actor.
        dates: the article's :class:`~toolkit.types.DateExpr` records.
        published: publication date, to tell planned from happened when a date is known.

    Returns:
        Events sorted by position (sentence, then verb).

    Example:
        >>> doc = nlp("Russia has proposed a second round of talks with Ukraine.")  # doctest: +SKIP
        >>> [(e.actor, e.action, e.target, e.status) for e in extract_events(doc)]  # doctest: +SKIP
        [('Russia', 'propose', 'a second round of talks', 'happened')]
    """
    if doc is None or not len(doc):
        return []
    text = doc.text
    date_list = [d for d in dates if _usable_date(d) and not _bound_only(text, d)]
    by_verb: dict[int, list] = {}
    for d in date_list:
        try:
            root = _date_root(doc, d)
        except Exception:
            root = None
        if root is None:
            continue
        v = _attached_verb(root)
        if v is not None:
            by_verb.setdefault(v.i, []).append(d)
    out: list[Event] = []
    for sent_id, sent in enumerate(doc.sents):
        seen = set()
        sent_text = sent.text  # once per sentence: per event it is quadratic in long sentences
        for verb, action, actor, target, hint in _event_candidates(doc, sent, resolver, by_verb):
            name, aid = actor if actor else (None, None)
            anchors = _anchors(verb)
            cands = [d for i in sorted(anchors) for d in by_verb.get(i, [])
                     if sent.start_char <= d.start_char and d.end_char <= sent.end_char]
            d = _pick_date(cands)
            if name is None:  # "This discussion is set to take place ...": the talks named before
                prior = _antecedent(verb, action, out)
                if prior is not None:
                    name, aid = prior.actor, prior.actor_id
                    target = target or prior.target
            if name is None and target is None and d is None:
                continue  # "were carried out", "began": nothing to place or attribute
            status = _apply_date(hint or _status(verb), d, published)
            key = (action, name, target, d.value if d else None)
            if key in seen:
                continue
            seen.add(key)
            out.append(Event(
                sent_id=sent_id, actor=name, actor_id=aid, action=action, target=target,
                date_value=d.value if d else None, start=d.start if d else None,
                end=(d.end or d.start) if d else None, status=status, text=sent_text,
                start_char=sent.start_char, end_char=sent.end_char,
            ))
    return out

