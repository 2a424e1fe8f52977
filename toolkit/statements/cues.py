"""Cue finding with reporting verbs: lemmas and cue ends, subjects and passive agents,
clause and object contents, addressees, impersonal and inverted forms ("it is said that",
"said X"), attributions set inside the sentence, "as X noted", and the extension of a
content to the right; ``_verb_cands`` collects the verb candidates of a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Token

from .context import _Cand, _Ctx, _tok_at
from .helpers import (
    _kids,
    _children, _CLIMB_DEPS, _CONNECTIVES, _DEMONSTRATIVES, _EXPLETIVES, _has_to, _is_punct,
    _OBJ_PRONOUNS, _RELATIVE, _SUBJ_DEPS, _subtree_range, _trim,
)


# --------------------------------------------------------------------------- cue finding


#: Word forms the small model lemmatizes wrongly ("hoping" -> "hop").
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _verb_lemma(ctx: _Ctx, t: Token) -> str:
    lem = ctx.lex.normalize(_LEMMA_FIXES.get(t.lower_, t.lemma_))
    for c in _kids(t):
        if c.dep_ in {"prep", "prt"}:
            two = f"{lem} {c.lower_}"
            if two in ctx.lex.verb_class or two in ctx.lex.topic_verbs:
                return two
    return lem


def _cue_end(t: Token, lem: str) -> int:
    """End offset of a cue: a two-word cue ("point out", "call for") covers its particle."""
    end = t.idx + len(t)
    if " " in lem and t.pos_ in {"VERB", "AUX"}:
        second = lem.split()[-1]
        for c in _kids(t):
            if c.dep_ in {"prt", "prep"} and c.lower_ == second and c.i > t.i:
                return c.idx + len(c)
    return end


def _subject(ctx: _Ctx, verb: Token) -> tuple[Optional[Token], str]:
    """Speaker head of a reporting verb: (token, kind) with kind np | readout | none."""
    acting = _acting_noun(verb)
    if acting is not None:
        return acting, "np"
    cur = verb
    for _ in range(6):
        subj = _children(cur, "nsubj")
        if subj:
            s = subj[0]
            if s.lower_ in _RELATIVE and cur.dep_ == "relcl":
                return cur.head, "np"
            if s.lower_ in _EXPLETIVES and s.pos_ == "PRON" and not (
                    cur is verb and any(c.dep_ in {"ccomp", "dobj"} for c in _kids(cur))
                    and ctx.lex.normalize(cur.lemma_) in ctx.lex.verb_class):
                return None, "none"  # "it" says something only as a referent ("It said it ...")
            return s, "np"
        if cur.tag_ == "VBG":  # "Truss adding ...": the parser files the subject as compound
            pre = [c for c in _kids(cur) if c.dep_ in {"compound", "npadvmod", "nmod"}
                   and c.i == cur.i - 1 and c.pos_ in {"PROPN", "NOUN"}]
            if pre:
                return pre[0], "np"
        spass = _children(cur, "nsubjpass")
        if spass or any(c.dep_ == "auxpass" for c in _kids(cur)):
            agent = _agent(cur)
            if agent is not None:
                return agent, "np"
            if spass and spass[0].lower_ in _EXPLETIVES:
                return None, "readout"
            if _passive_conj_subject(verb, cur, spass):
                return spass[0], "np"
            return None, "none"
        if cur.dep_ == "acomp" and cur.head.i != cur.i and cur.head.lemma_ == "be":
            cur = cur.head  # "was quick to add that ...": the subject of the copula
            continue
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i:
            break
        if cur.dep_ == "conj" and cur.head.pos_ not in {"VERB", "AUX"}:
            break
        cur = cur.head
    return None, "none"


def _passive_conj_subject(verb: Token, head: Token, spass: list) -> bool:
    """Whether the passive subject of ``head`` is the speaker of ``verb``, an active verb
    coordinated with it ("The mayor was pressed on it *and said* ..."): not a pronoun
    standing for another noun (relative, expletive)."""
    return bool(spass) and verb.dep_ == "conj" and verb.head.i == head.i and not _is_passive(verb) \
        and spass[0].lower_ not in _RELATIVE and spass[0].lower_ not in _EXPLETIVES \
        and spass[0].tag_ not in {"WDT", "WP"}


def _agent(verb: Token) -> Optional[Token]:
    for v in [verb] + [c for c in _kids(verb) if c.dep_ == "conj"] + (
            [verb.head] if verb.dep_ == "conj" else []):
        for c in _kids(v):
            if c.dep_ == "agent":
                pobj = _children(c, "pobj")
                if pobj:
                    return pobj[0]
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in _kids(verb)):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and any(
        c.dep_ in {"nsubjpass", "auxpass"} for c in _kids(verb.head))


def _prep_content(ctx: _Ctx, owners: Sequence[Token], preps: frozenset) -> Optional[tuple[int, int]]:
    for o in owners:
        for c in _kids(o):
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = _children(c, "pobj", "pcomp")
                if obj:
                    return _subtree_range(obj[0])
    return None


def _to_addressee(owners: Sequence[Token]) -> Optional[Token]:
    for o in owners:
        for c in _kids(o):
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to":
                obj = _children(c, "pobj")
                if obj and obj[0].pos_ in {"PROPN", "NOUN", "PRON"}:
                    return obj[0]
    return None


def _verb_cands(ctx: _Ctx) -> list[_Cand]:
    lex, doc = ctx.lex, ctx.doc
    out: list[_Cand] = []
    for t in doc:
        cue_tok = t
        if t.pos_ == "ADJ" and t.lemma_.lower() in lex.adjective_cues and t.dep_ == "acomp" \
                and t.head.lemma_ == "be":
            lem = f"be {t.lemma_.lower()}"
            verb = t.head
        elif t.pos_ == "VERB":
            lem = _verb_lemma(ctx, t)
            verb = t
        else:
            continue
        if lem not in lex.verb_class and not (ctx.topics and lem in lex.topic_verbs):
            continue
        speech_acl = _speech_acl(ctx, verb)
        if verb.dep_ in {"amod", "acl", "compound"} and not _agent(verb) and not (
                _acting_noun(verb) and (lem in lex.inner_cues or lex.verb_class.get(lem) in _POSITION_CLASSES)) \
                and speech_acl is None:
            continue
        if lem in lex.document_verbs and not _document_subject(ctx, verb):
            continue
        if lem in lex.impersonal:
            cand = _impersonal_cand(ctx, verb, lem)
            if cand is not None:
                out.append(cand)
            continue
        if lem in lex.as_verbs and not _as_phrase(verb) and not _children(verb, "ccomp"):
            continue
        cand = _verb_cand(ctx, verb, cue_tok, lem)
        if cand is None and cue_tok is verb:
            cand = _inverted_cand(ctx, verb, lem)
        if cand is not None and speech_acl is not None and cand.speaker_np is not None \
                and cand.speaker_np.i == speech_acl.i:
            # "His office issued a statement saying ...", "..., he said in a statement saying ...":
            # the speaker is the subject of the verb the utterance noun hangs on
            owner = speech_acl.head if speech_acl.dep_ == "dobj" else (
                speech_acl.head.head if speech_acl.dep_ == "pobj" and speech_acl.head.dep_ == "prep" else None)
            if owner is not None and owner.pos_ == "VERB" and (
                    _verb_lemma(ctx, owner) in ctx.lex.verb_class or owner.lemma_.lower() in ctx.lex.light_verbs
                    or owner.lemma_.lower() in ctx.lex.publish_verbs):  # not "received calls saying ..."
                s, k = _subject(ctx, owner)
                if s is not None and k == "np":
                    cand.speaker_np, cand.speaker_kind = s, k
        if cand is not None:
            out.append(cand)
    return out


def _speech_acl(ctx: _Ctx, verb: Token) -> Optional[Token]:
    """The utterance noun a participle of speech describes: "a statement *saying* that ...",
    "calls *saying* shots were fired", "emailed supporters a message *saying*: “...”" (the
    participle has a clause of its own); None otherwise."""
    noun = _acting_noun(verb)
    if noun is None or ctx.lex.verb_class.get(_verb_lemma(ctx, verb)) not in _PRE_CLAUSE_CLASSES:
        return None
    if noun.lemma_.lower() not in ctx.lex.speech_nouns | ctx.lex.document_nouns | ctx.lex.utterance_nouns:
        return None
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in _kids(verb)):
        return None
    return noun


def _acting_noun(verb: Token) -> Optional[Token]:
    """The noun a participle clause describes as speaking: "a super PAC *supporting* Cruz",
    "ads attacking his rivals" (the noun is the speaker)."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i > verb.head.i \
            and verb.head.pos_ in {"NOUN", "PROPN"} and not _children(verb, "nsubj"):
        return verb.head
    return None


def _as_phrase(verb: Token) -> Optional[Token]:
    """The "as" phrase after the object of ``verb`` ("sees him *as a threat*")."""
    dobj = _children(verb, "dobj")
    if not dobj:
        return None
    for c in _kids(verb):
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > dobj[0].i and _children(c, "pobj", "pcomp"):
            return c
    for c in _kids(dobj[0]):  # attached to the object by the parser
        if c.dep_ == "prep" and c.lower_ == "as" and _children(c, "pobj", "pcomp"):
            return c
    return None


#: Complements of a raising verb that carry what is believed ("seems *ready*", "appears
#: *to have ...*", "seemed *a good idea*").
_RAISING_COMPS = {"xcomp", "acomp", "attr", "oprd"}


def _impersonal_cand(ctx: _Ctx, verb: Token, lem: str) -> Optional[_Cand]:
    """"X seems to ... / X appears ready / It seems that ...": the writer's belief, with no
    speaker of its own; the content is the subject with the complement (around the cue)."""
    doc = ctx.doc
    sent = ctx.sents[ctx.sent_of(verb)]
    subj = _children(verb, "nsubj")
    if not subj or subj[0].lower_ in _RELATIVE or subj[0].tag_ in {"WDT", "WP"}:
        return None
    s = subj[0]
    end = _cue_end(verb, lem)
    if s.lower_ in _EXPLETIVES and s.pos_ == "PRON":
        cl = [c for c in _kids(verb) if c.dep_ == "ccomp" and c.i > verb.i]
        if not cl:
            return None
        return _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=end,
                     content=_subtree_range(cl[0]), speaker_kind="author", kind="clause")
    if s.i > verb.i:
        return None
    comps = [c for c in _kids(verb) if c.i > verb.i and (
        c.dep_ in _RAISING_COMPS or (c.dep_ == "advmod" and c.tag_ in {"JJ", "JJR", "RBR"}))]
    if not comps:
        return None
    comp = comps[0]
    if comp.dep_ == "xcomp" and comp.pos_ in {"VERB", "AUX"} and not _has_to(comp):
        return None
    b = _extend_right(ctx, verb, comp.right_edge.i, sent_end=sent.end - 1)
    a = s.left_edge.i
    first = min([verb.i] + [c.i for c in _kids(verb) if c.dep_ in {"aux", "neg", "advmod"}
                            and s.i < c.i < verb.i])
    cand = _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=end, content=(a, b),
                 speaker_kind="author", kind="raised")
    cand.skip = (doc[first].idx, end)
    return cand


def _document_subject(ctx: _Ctx, verb: Token) -> bool:
    """Whether a document verb ("show", "find") has a speaker of its own or a document
    subject ("the poll found"): plain "he found a job" is no statement."""
    lem = ctx.lex.normalize(verb.lemma_)
    if lem not in ctx.lex.document_verbs:
        return True
    if any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in _kids(c))
           for c in _kids(verb)):
        return True  # "The authors found that ...": a finding stated as a clause
    cur = verb
    for _ in range(3):
        subj = _children(cur, "nsubj")
        if subj:
            return subj[0].lemma_.lower() in ctx.lex.document_nouns \
                or subj[0].lower_ in ctx.lex.document_nouns or subj[0].ent_type_ == "ORG"
        if cur.dep_ != "conj":
            return False
        cur = cur.head
    return False


_CLAUSE_DEPS = {"dobj", "dative", "prep", "npadvmod", "advmod", "prt", "agent", "neg", "aux",
                "auxpass", "punct"}


def _inverted_cand(ctx: _Ctx, verb: Token, lem: str) -> Optional[_Cand]:
    """An attribution clause set off by commas whose content is the rest of the sentence,
    which the parser did not attach as the verb's complement: "The plan, he said, will
    fail." / "Instead, Okafor told the BBC, her plan would change." / "Taxes will rise, the
    minister told reporters on Monday."
    """
    lex, doc = ctx.lex, ctx.doc
    if lem in lex.topic_verbs or lex.verb_class.get(lem) in {"expressive", "directive"}:
        return None
    subj = [c for c in _kids(verb) if c.dep_ == "nsubj" and c.lower_ not in _EXPLETIVES
            and c.lower_ not in _RELATIVE]
    if len(subj) != 1 or any(c.dep_ in {"ccomp", "xcomp", "nsubjpass", "csubj"} for c in _kids(verb)):
        return None
    if verb.dep_ not in {"parataxis", "ccomp", "conj", "ROOT", "advcl"}:
        return None
    s = subj[0]
    sent = ctx.sents[ctx.sent_of(verb)]
    kids = [c for c in _kids(verb) if c.dep_ in _CLAUSE_DEPS and c.dep_ != "punct"]
    fronted = [c for c in kids if c.right_edge.i < s.left_edge.i and c.left_edge.i <= sent.start + 1
               and any(doc[k].text == "," for k in range(c.right_edge.i + 1, s.left_edge.i))]
    if fronted:  # "Early last spring, aides to the mayor said, ...": part of the content
        kids = [c for c in kids if not any(c is f for f in fronted)]
    a = min([s.left_edge.i, verb.i] + [c.left_edge.i for c in kids])
    b = max([verb.i, s.right_edge.i] + [c.right_edge.i for c in kids])
    if any(doc[k].dep_ in {"ccomp", "conj"} and doc[k].head.i == verb.i for k in range(a, b + 1)):
        return None
    before = doc[a - 1] if a > sent.start else None
    after = doc[b + 1] if b + 1 < sent.end else None
    if before is not None and not (before.text == "," or _is_punct(before)):
        return None
    if after is not None and not (after.text in {",", ".", ";", "!", "?"} or _is_punct(after)):
        return None
    left = _trim(doc, sent.start, a - 1) if a > sent.start else None
    right = _trim(doc, b + 1, sent.end - 1) if b + 1 < sent.end else None
    words = lambda r: 0 if r is None else sum(1 for t in doc[r[0]:r[1] + 1] if t.is_alpha)
    nl, nr = words(left), words(right)
    if left is not None and " ".join(x.lower_ for x in doc[left[0]:left[1] + 1]) in _CONNECTIVES:
        nl = 0  # "Still, he said, ...": the writer's connective
    tops = [x for x in doc[left[0]:left[1] + 1] if not left[0] <= x.head.i <= left[1]] if left else []
    quoted = False
    adverbial = bool(tops) and all(x.head.i == verb.i and x.dep_ in {"advcl", "prep", "npadvmod"}
                                   for x in tops) \
        and not any(ctx.quote_at(x.idx) is not None for x in doc[left[0]:left[1] + 1])
    if adverbial and nr == 0:
        # "Asked whether ..., he said, “Of course. ...”": the clause before the attribution is
        # its own adverbial; the content is the quotation after the verb
        k = verb.i + 1
        while k < len(doc) and _is_punct(doc[k]) and "\n" not in doc[k].text:
            k += 1
        q = ctx.quote_at(doc[k].idx) if k < len(doc) else None
        if q is not None and q.open_char > verb.idx:
            last = _tok_at(ctx, max(q.start, q.end - 1))
            if last is not None and last.i >= k:
                left, nl, right, nr = None, 0, (k, last.i), 3
                quoted = True
    ql = ctx.quote_at(doc[left[1]].idx) if left is not None else None
    if ql is not None and ql.close_char is not None and ql.close_char < verb.idx and nl >= 2 \
            and ql.start <= doc[left[0]].idx and right is not None \
            and not any(ctx.quote_at(x.idx) is not None for x in doc[right[0]:right[1] + 1]) \
            and not (doc[right[0]].pos_ in {"VERB", "AUX"} and doc[right[0]].tag_ != "VBG"):
        # “A,” he said, when ... / “A,” she said, and ...: the words after the attribution are
        # the writer's, unlike the rest of a sentence (“Only you,” she said, would ...)
        nr, nl = 0, max(nl, 3)
    if quoted:
        content, kind = right, "clause"
    elif nr >= 2 and (nl >= 2 or (nl == 1 and doc[left[0]].dep_ != "cc" and doc[left[0]].is_alpha)):
        # "The plan, he said, will fail." / "Loyalty, he noted, has ..." / "Instead, she
        # said, ...": one content around the attribution (not a leading "But, he said, ...")
        content, kind = (left[0], right[1]), "around"
    elif nl >= 3 and nr == 0:
        content, kind = left, "clause"
    elif nr >= 3 and nl <= 1 and after is not None and after.text == ",":
        content, kind = right, "clause"
    else:
        return None
    if not quoted and not any(t.pos_ in {"VERB", "AUX"} for t in doc[content[0]:content[1] + 1]
               if not (a <= t.i <= b)):
        return None
    cand = _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=_cue_end(verb, lem),
                 content=content, speaker_np=s, speaker_kind="np", kind=kind,
                 addressee=(_children(verb, "dobj") or [None])[0] if lem in lex.addressee_object else None)
    if not quoted:
        cand.skip = (doc[a].idx, doc[b].idx + len(doc[b]))
    return cand


def _fronted_part(ctx: _Ctx, verb: Token, comp: Token) -> Optional[tuple[int, int, int]]:
    """An attribution set inside the sentence with its content split around it: "Most
    days, aides to the mayor said, the slightest delay ...", "It is no secret, Ms. Dunlop
    said, that ...", "“In Fisher,” Amar said, “even though ...”". The attribution clause
    (subject, verb and the verb's modifiers) stands between commas, the complement comes
    after it and the sentence starts before it: (first token of the content, first and last
    token of the attribution clause), or None. Not when an unquoted phrase comes before a
    quotation ("In February, Trump said, “...”": the narrator's words), nor for a
    participle clause ("“A,” she said, adding that ...")."""
    doc = ctx.doc
    subj = [c for c in _kids(verb) if c.dep_ == "nsubj" and c.i < verb.i]
    if not subj or subj[0].lower_ in _RELATIVE or subj[0].lower_ in _EXPLETIVES \
            or "\n" in ctx.text[verb.idx:comp.left_edge.idx] \
            or (comp.tag_ == "VBG" and not _children(comp, *_SUBJ_DEPS)):
        return None  # "“A,” she said, adding that ...": a participle clause of the narrator
    s0 = subj[0].left_edge.i
    if any(c.i < s0 and c.dep_ in {"aux", "neg", "advmod"} and c.i > s0 - 2 for c in _kids(verb)):
        return None
    # the attribution clause ends before the complement, at a comma
    e = max([verb.i] + [c.right_edge.i for c in _kids(verb)
                        if verb.i < c.i < comp.left_edge.i and c.dep_ not in {"punct", "cc", "conj"}])
    k = e + 1
    while k < comp.left_edge.i and (_is_punct(doc[k]) and doc[k].text != ","):
        k += 1
    if k >= len(doc) or doc[k].text != ",":
        return None
    # a comma before the subject (after the closing mark of a first quotation, if any)
    j = s0 - 1
    while j >= 0 and _is_punct(doc[j]) and doc[j].text != "," and "\n" not in doc[j].text:
        j -= 1
    if j < 1 or doc[j].text != ",":
        return None
    start = ctx.sents[ctx.sent_of(doc[j])].start
    para = ctx.newline_before(subj[0].idx) + 1
    while start < j and doc[start].idx < para:
        start += 1
    words = [t for t in doc[start:j] if t.is_alpha]
    if not words:
        return None
    k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k < len(doc) and ctx.quote_at(doc[k].idx + len(doc[k])) is not None \
            and ctx.quote_at(doc[k].idx) is None and ctx.quote_at(words[-1].idx) is None:
        return None  # "In February, Mr. Trump said, “...”": the narrator's words before a quotation
    return start, s0, e


#: Personal pronoun objects that are a content for verbs stating a position towards someone
#: ("supports her", "attacked him"), unlike "said it".
_PERSONAL_OBJECTS = {"him", "her", "them", "us", "me", "you", "himself", "herself", "themselves"}
_POSITION_CLASSES = {"expressive", "oppositional"}

_PRE_CLAUSE_CLASSES = {"neutral", "informing", "emphatic", "distancing", "concessive"}


#: Prepositions that always give the time or circumstances of the utterance.
_OCCASION_PREPS = {"during", "after", "before", "following", "amid", "ahead", "while"}
#: Nouns naming the occasion or channel of an utterance ("in an interview", "at a rally",
#: "on its Facebook page"), besides the lexicon's ``speech_nouns``.
_OCCASION_NOUNS = {"interview", "rally", "event", "debate", "conference", "appearance",
                   "broadcast", "show", "page", "program", "programme", "meeting", "hearing",
                   "session", "briefing", "forum", "stop", "visit", "call", "video", "ad",
                   "op-ed", "column", "editorial", "radio", "television", "podcast", "website",
                   "town", "hall", "occasion", "condition", "anonymity", "appearances",
                   "speeches", "interviews", "rallies", "events", "debates", "tweets", "posts",
                   "statements", "campaign", "trail", "floor", "episode", "edition", "night",
                   "morning", "afternoon", "evening"}


def _occasion(ctx: _Ctx, prep: Token) -> bool:
    """Whether a prepositional modifier of the cue verb tells when, where or through what
    the words were said ("at a rally", "in an interview", "during a debate"), not what."""
    if prep.dep_ != "prep" or any(c.dep_ in {"conj", "cc"} for c in _kids(prep)):
        return False  # "before, during and after the attacks": part of the content
    if prep.lower_ in _OCCASION_PREPS:
        return True
    objs = _children(prep, "pobj")
    if prep.lower_ not in {"in", "at", "on", "via", "through", "over", "from"} or not objs:
        return False
    o, lem = objs[0], objs[0].lemma_.lower()
    if lem in {"response", "reply", "answer", "view", "position", "opinion"} \
            or (prep.lower_ == "on" and lem == "debate"):
        return False  # "in response to ...", "on the debate over ...": what it is about
    return o.lower_ in _OCCASION_NOUNS or lem in _OCCASION_NOUNS or lem in ctx.lex.speech_nouns


def _extend_right(ctx: _Ctx, verb: Token, b: int, *, sent_end: int) -> int:
    """Grow an object content over the verb's following prepositional modifiers (not the
    occasion of the utterance: "at a rally", "in an interview", "during a debate")."""
    doc = ctx.doc
    edge = b  # b, or the end of an occasion phrase kept only if the content goes on past it
    for c in sorted(_kids(verb), key=lambda x: x.i):
        if c.i <= edge:
            continue
        gap = [doc[k] for k in range(edge + 1, c.left_edge.i)]
        if any(not (g.text == "," or g.is_space or g.dep_ == "cc" or g.tag_ == "POS"
               or g.lower_ in {"’s", "'s", "’", "'"}) for g in gap):
            break
        if edge > b and (c.dep_ not in {"prep", "oprd"} or any(g.text == "," for g in gap)):
            break  # only a complement right after an occasion phrase ("... for Y") goes on
        if _occasion(ctx, c):
            edge = c.right_edge.i  # "criticized X during the debate for Y": kept with "for Y"
            continue
        if c.dep_ == "oprd" or (c.dep_ in {"prep", "advmod", "npadvmod"} and c.lower_ not in {"to", "by"}
                                and not any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)):
            b = edge = c.right_edge.i
            continue
        if c.dep_ == "advcl" and c.tag_ == "VBG" and _verb_lemma(ctx, c) not in ctx.lex.verb_class \
                and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c)):
            b = edge = c.right_edge.i
            continue
        if c.dep_ in {"conj", "xcomp"} and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c)) \
                and (c.tag_ == "VB" or c.pos_ == "NOUN") and _verb_lemma(ctx, c) not in ctx.lex.verb_class:
            b = edge = c.right_edge.i  # "agreed to ensure X, eliminate Y, and prevent Z"
            continue
        if c.dep_ in {"advcl", "xcomp"} and c.tag_ == "VB" and _has_to(c) and not gap and edge == b \
                and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c)):
            b = edge = c.right_edge.i  # "defended her plan to cut the fare": the noun's infinitive
            continue
        if c.dep_ in {"cc", "punct"}:
            continue
        break
    return min(b, sent_end)


def _comma_clause(verb: Token, c: Token) -> bool:
    """Whether ``c`` is an adverbial clause set off by a comma after ``verb`` ("..., an
    official said, *adding that ...*", "..., he said, *because ...*"): not part of the
    attribution clause, whose length decides whether a fronted clause is its content."""
    return c.dep_ == "advcl" and c.i > verb.i and c.left_edge.i > 0 \
        and c.doc[c.left_edge.i - 1].text == ","


def _extend_clause(ctx: _Ctx, verb: Token, b: int) -> int:
    """Grow a reported clause over a second "that"-clause the parser hung on the cue verb
    ("said A, and that B", "predicted A but that B"): both are what was said."""
    doc = ctx.doc
    for c in sorted(_kids(verb), key=lambda x: x.i):
        if c.i <= b or c.dep_ in {"punct", "cc"}:
            continue
        gap = doc[b + 1:c.left_edge.i]
        if c.dep_ in {"conj", "ccomp"} and c.pos_ in {"VERB", "AUX"} and any(g.dep_ == "cc" for g in gap) \
                and all(g.text == "," or g.dep_ == "cc" for g in gap) \
                and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in _kids(c)) \
                and "\n" not in ctx.text[doc[b].idx:c.idx]:
            b = c.right_edge.i
            continue
        break
    return b


@dataclass
class _Reading:
    """What :func:`_verb_cand` has found out about one cue verb so far: the verb's parts, then
    the content span (token indices), its kind, the words inside it that are not content
    (``skip``, characters), the addressee and whether the writer is the source (``author``)."""

    verb: Token
    cue_tok: Token
    lem: str
    cls: Optional[str]
    dobj: Optional[Token]
    dative: Optional[Token]
    passive: bool
    sent: object
    content: Optional[tuple[int, int]] = None
    kind: str = "clause"
    skip: Optional[tuple[int, int]] = None
    addressee: Optional[Token] = None
    author: bool = False


def _verb_cand(ctx: _Ctx, verb: Token, cue_tok: Token, lem: str) -> Optional[_Cand]:
    """The candidate statement of a cue verb, or ``None``.

    The content is a clausal complement when there is one (:func:`_clause_complements`,
    :func:`_clause_content`), else the first of :data:`_CONTENT_FALLBACKS` that finds one
    ("as X reported", a raised passive, an infinitive, a prepositional or object content);
    :func:`_with_speaker` adds the addressee and the speaker.

    Example:
        "Peskov said that talks would resume." -> content "talks would resume", kind "clause"
    """
    r = _Reading(verb=verb, cue_tok=cue_tok, lem=lem, cls=ctx.lex.verb_class.get(lem),
                 dobj=(_children(verb, "dobj") or [None])[0], dative=(_children(verb, "dative") or [None])[0],
                 passive=_is_passive(verb), sent=ctx.sents[ctx.sent_of(verb)])
    ccomps = _clause_complements(ctx, r)
    if ccomps:
        _clause_content(ctx, r, ccomps)
    for find in _CONTENT_FALLBACKS:
        if r.content is not None:
            break
        find(ctx, r)
    if r.content is None:
        return None
    return _with_speaker(ctx, r)


def _clause_complements(ctx: _Ctx, r: _Reading) -> list[Token]:
    """The clauses that hold what was said: ``ccomp`` children (a fronted one only when
    quoted or the attribution is short), else a misparsed gerund, a question's "if"
    clause or a "that" clause on the noun of a prepositional phrase."""
    verb, lem, lex, dobj = r.verb, r.lem, ctx.lex, r.dobj
    ccomps = [c for c in _kids(verb) if c.dep_ == "ccomp"]
    if ccomps and ccomps[0].i < verb.i:
        # a fronted clause ("..., he said") needs quotation marks or a short attribution
        c0 = ccomps[0]
        quoted = ctx.quote_at(c0.idx) is not None
        tail = max([c.right_edge.i for c in _kids(verb)
                    if c.dep_ not in {"ccomp", "conj", "cc", "punct"} and not _comma_clause(verb, c)]
                   + [verb.i]) - c0.right_edge.i
        # a long name counts as one word ("..., ministry spokesman Benali Cherif Abdelaziz said")
        tail -= sum(max(0, x.i - x.left_edge.i) for x in _kids(verb)
                    if x.dep_ == "nsubj" and c0.right_edge.i < x.i < verb.i and x.pos_ == "PROPN")
        inverted = any(c.dep_ == "nsubj" and c.i > verb.i for c in _kids(verb)) \
            and c0.right_edge.i < verb.i  # "..., said a former spokesman for X, who ..."
        if not quoted and not inverted and not (r.cls in _PRE_CLAUSE_CLASSES and tail <= 10):
            ccomps = [c for c in ccomps if c.i > verb.i]
    if not ccomps and lem in lex.no_object_content and dobj is None:
        # "He said legalizing it could ...": a clause misparsed as a gerund complement
        xs = [c for c in _kids(verb) if c.dep_ == "xcomp" and c.i == verb.i + 1 and c.tag_ == "VBG"
              and any(x.dep_ == "ccomp" and x.i > c.i for x in _kids(c))]
        if xs:
            ccomps = xs
    if not ccomps and lem in lex.question_verbs:
        # "asked the senator if he would run": the question parsed as an adverbial clause
        ccomps = [c for c in _kids(verb) if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ in {"if", "whether"} and m.i == c.left_edge.i for m in _kids(c))][:1]
    if not ccomps:
        # "said in a statement that ...": the clause hangs on the noun of a prepositional phrase
        for p in _children(verb, "prep"):
            for o in _children(p, "pobj"):
                cl = [c for c in _kids(o) if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > o.i
                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in _kids(c))]
                if cl and o.pos_ == "NOUN" and p.i > verb.i:
                    ccomps = cl[:1]
                    break
            if ccomps:
                break
    return ccomps


def _clause_content(ctx: _Ctx, r: _Reading, ccomps: list[Token]) -> None:
    """Set the content span of the clausal complements, around the attribution when they
    stand on both sides of it ("“A,” he said, “B.”")."""
    verb, doc, dobj = r.verb, ctx.doc, r.dobj
    kind, skip = "clause", None
    a = min(c.left_edge.i for c in ccomps)
    b = max(c.right_edge.i for c in ccomps)
    before = [c for c in ccomps if c.right_edge.i < verb.i]
    after = [c for c in ccomps if c.left_edge.i > verb.i]
    if before and after and all("\n" in ctx.text[verb.idx:c.left_edge.idx] for c in after):
        # “A,” she said, ... ⏎ “B,” she added: the parse runs into the next paragraph
        after, a, b = [], min(c.left_edge.i for c in before), max(c.right_edge.i for c in before)
    q_after = ctx.quote_at(after[0].left_edge.idx) if after else None
    if before and after and q_after is not None and q_after.open_char > verb.idx \
            and not ctx.text[q_after.start:after[0].left_edge.idx].strip(" ,;:—–-'\"“‘") \
            and "\n" not in ctx.text[verb.idx:after[0].left_edge.idx]:
        # "“A,” he said, “B.”": one content around the attribution
        g0, g1 = max(c.right_edge.i for c in before) + 1, min(c.left_edge.i for c in after) - 1
        skip = (doc[g0].idx, doc[g1].idx + len(doc[g1]))
        kind = "around"
    elif after and _fronted_part(ctx, verb, after[0]) is not None:
        # "At times, people said, ...", "It is no surprise, he said, that ...": the words
        # before the attribution belong to the content too
        a, g0, g1 = _fronted_part(ctx, verb, after[0])
        skip, kind = (doc[g0].idx, doc[g1].idx + len(doc[g1])), "around"
    elif a <= verb.i <= b:  # parse oddity: keep the side after the verb
        a = verb.i + 1
    q_end = ctx.quote_at(doc[b].idx) if kind == "around" else None
    if q_end is not None and q_end.open_char > verb.idx and q_end.end > doc[b].idx + len(doc[b]):
        last = _tok_at(ctx, q_end.end - 1)  # “A,” he said, “B. C.”: the whole second quotation
        b = last.i if last is not None else b
    c0 = ccomps[0]
    if dobj is not None and verb.i < dobj.i < c0.i and r.lem not in ctx.lex.addressee_object \
            and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c0)):
        a = min(a, dobj.left_edge.i)  # "asserting the US and allies “will ...”"
    if kind == "clause" and a > verb.i:
        b = _extend_clause(ctx, verb, b)
    r.content, r.kind, r.skip = (a, b), kind, skip


# ---- contents without a clausal complement, tried in the order of _CONTENT_FALLBACKS


def _as_clause_content(ctx: _Ctx, r: _Reading) -> None:
    """"As Politico reported, Trump would win." / "..., as he noted.": the clause it modifies."""
    verb, sent = r.verb, r.sent
    if verb.dep_ == "advcl" and r.dobj is None and any(
            m.dep_ == "mark" and m.lower_ == "as" for m in _kids(verb)) \
            and r.cls in _PRE_CLAUSE_CLASSES and verb.head.pos_ in {"VERB", "AUX"}:
        h = verb.head
        a, b = _subtree_range(h, [verb])
        a, b = max(a, sent.start), min(b, sent.end - 1)
        if verb.left_edge.i > h.i:
            b = min(b, verb.left_edge.i - 1)
        if b - a >= 2:
            r.content, r.kind = (a, b), "as"


def _object_conjunct_content(ctx: _Ctx, r: _Reading) -> None:
    """Misparse of "agreed Norway and Chile will continue ...": object + finite conjunct."""
    verb, dobj = r.verb, r.dobj
    if dobj is not None and r.lem not in ctx.lex.addressee_object:
        fin = [c for c in _kids(verb) if c.dep_ == "conj" and c.i > dobj.i
               and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c))
               and any(x.dep_ == "aux" and x.tag_ == "MD" for x in _kids(c))]
        if fin and dobj.pos_ in {"PROPN", "NOUN"}:
            r.content = (dobj.left_edge.i, fin[0].right_edge.i)


def _raised_content(ctx: _Ctx, r: _Reading) -> None:
    """"The merger is expected to lift ...", "He is said to have ...": the writer reports what
    is expected or said; the content is the subject with the infinitive."""
    verb, doc = r.verb, ctx.doc
    if r.passive and _agent(verb) is None:
        spass = _children(verb, "nsubjpass")
        xs = [c for c in _kids(verb) if c.dep_ == "xcomp" and _has_to(c) and c.i > verb.i]
        if spass and xs and spass[0].i < verb.i and spass[0].lower_ not in _RELATIVE \
                and spass[0].lower_ not in _EXPLETIVES and spass[0].tag_ not in {"WDT", "WP"}:
            r.content, r.kind, r.author = (spass[0].left_edge.i, xs[0].right_edge.i), "raised", True
            first = min([verb.i] + [c.i for c in _kids(verb) if c.dep_ in {"aux", "auxpass", "neg", "advmod"}
                                    and spass[0].i < c.i < verb.i])
            r.skip = (doc[first].idx, _cue_end(r.cue_tok, r.lem))


def _request_content(ctx: _Ctx, r: _Reading) -> None:
    """"asked for ...", "called for ...", "appealed for ...": the object of the preposition."""
    lex, lem = ctx.lex, r.lem
    if lem in lex.content_preps and lem in {"ask", "call for", "appeal"}:
        content = _prep_content(ctx, [r.verb], lex.content_preps[lem])
        if content is not None:
            r.kind = "prep"
            r.content = (content[0], _extend_right(ctx, r.verb, content[1], sent_end=r.sent.end - 1))


def _infinitive_content(ctx: _Ctx, r: _Reading) -> None:
    """"promised to withdraw ...": the infinitive."""
    verb = r.verb
    if r.lem in ctx.lex.infinitive:
        xs = [c for c in _kids(verb) if c.dep_ in {"xcomp", "advcl"} and _has_to(c) and c.i > verb.i]
        if xs:
            a, b = _subtree_range(xs[0])
            r.content = (a, _extend_right(ctx, verb, b, sent_end=r.sent.end - 1))
            r.kind = "infinitive"


def _stance_content(ctx: _Ctx, r: _Reading) -> None:
    """"expressed hope that ...", "expressed concern about ...": the stance noun's clause or
    preposition, else the noun itself."""
    lex, verb, dobj = ctx.lex, r.verb, r.dobj
    if r.lem == "express" and dobj is not None and dobj.lemma_.lower() in lex.stance_nouns:
        cl = [c for c in _kids(dobj) if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > dobj.i
              and any(m.dep_ == "mark" for m in _kids(c))]
        if cl:
            content = _subtree_range(cl[0])
        else:
            content = _prep_content(ctx, [dobj, verb], lex.content_preps.get("express", frozenset()))
            if content is not None:
                content = (content[0], _extend_right(ctx, verb, content[1], sent_end=r.sent.end - 1))
        if content is not None:
            r.content, r.kind = content, "stance"
            r.addressee = _to_addressee([verb, dobj])
        else:
            r.content, r.kind = _subtree_range(dobj), "object"


def _preposition_content(ctx: _Ctx, r: _Reading) -> None:
    """"warned of ...", "spoke about ...": the object of the cue's content preposition."""
    lex, verb, lem = ctx.lex, r.verb, r.lem
    if lem in lex.content_preps:
        owners2 = [verb] + ([r.dobj] if r.dobj is not None else [])
        if r.cue_tok is not verb:
            owners2 = [r.cue_tok] + owners2
        content = _prep_content(ctx, owners2, lex.content_preps[lem])
        if content is not None:
            r.kind = "prep"
            r.content = (content[0], _extend_right(ctx, verb, content[1], sent_end=r.sent.end - 1))


def _passive_content(ctx: _Ctx, r: _Reading) -> None:
    """"This was denied by ...", "A ceasefire was proposed": the passive subject (the previous
    sentence for a bare demonstrative), else an infinitive."""
    verb, lem = r.verb, r.lem
    if not r.passive:
        return
    spass = _children(verb, "nsubjpass") or (
        _children(verb.head, "nsubjpass") if verb.dep_ == "conj" else [])
    if spass:
        s = spass[0]
        if s.lower_ in _DEMONSTRATIVES and s.pos_ in {"PRON", "DET"} and not list(_kids(s)):
            si = ctx.sent_of(verb)
            if si > 0:
                prev = ctx.sents[si - 1]
                r.content, r.kind = (prev.start, prev.end - 1), "previous"
        elif s.lower_ not in _EXPLETIVES:
            r.content, r.kind = _subtree_range(s), "subject"
    if r.content is None:
        xs = [c for c in _kids(verb) if c.dep_ == "xcomp" and _has_to(c)]
        if xs and lem in ctx.lex.infinitive | {"suggest", "offer", "propose"}:
            r.content, r.kind = _subtree_range(xs[0]), "infinitive"


def _object_content(ctx: _Ctx, r: _Reading) -> None:
    """"denied the reports", "confirmed the deal": the direct object, when it can be content."""
    lex, verb, lem, dobj = ctx.lex, r.verb, r.lem, r.dobj
    if dobj is not None and lem not in lex.addressee_object \
            and lem not in lex.no_object_content and not r.passive and (
                (dobj.lower_ not in _OBJ_PRONOUNS and dobj.pos_ != "PRON") or _as_phrase(verb)
                or (dobj.lower_ in _PERSONAL_OBJECTS and (lem in lex.inner_cues or r.cls in _POSITION_CLASSES))):
        a, b = _subtree_range(dobj)
        r.content = (a, _extend_right(ctx, verb, b, sent_end=r.sent.end - 1))
        r.kind = "object"


#: asked in this order when the verb has no clausal complement; the first to set a content wins
_CONTENT_FALLBACKS = (_as_clause_content, _object_conjunct_content, _raised_content, _request_content,
                      _infinitive_content, _stance_content, _preposition_content, _passive_content,
                      _object_content)


def _with_speaker(ctx: _Ctx, r: _Reading) -> Optional[_Cand]:
    """The candidate with its addressee and speaker; ``None`` when the verb has no speaker
    or its only subject lies inside the content."""
    verb, lem, dobj, content, skip = r.verb, r.lem, r.dobj, r.content, r.skip
    addressee = r.addressee
    if lem in ctx.lex.addressee_object and addressee is None:
        addressee = dobj if (dobj is not None and not (content[0] <= dobj.i <= content[1])) else r.dative
    if addressee is None:
        addressee = _to_addressee([verb]) if r.kind != "infinitive" else None
        if addressee is not None and content[0] <= addressee.i <= content[1]:
            addressee = None
    subj, skind = _subject(ctx, verb)
    if r.author:
        subj, skind = None, "author"
    if subj is not None and content[0] <= subj.i <= content[1] and not (
            skip is not None and skip[0] <= subj.idx < skip[1]):
        subj, skind = None, "none"
    if skind == "none":
        return None
    if addressee is not None and subj is not None and verb.i < subj.i < addressee.i:
        addressee = None  # "said the Adviser to the Head of ...": part of the subject
    return _Cand(cue=lem, cue_tok=r.cue_tok, cue_start=r.cue_tok.idx, cue_end=_cue_end(r.cue_tok, lem),
                 content=content, speaker_np=subj, speaker_kind=skind, addressee=addressee, kind=r.kind,
                 skip=skip)
