"""Pass 2, exact and name-variant matching: link every detected name to one cluster."""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Span

from .dictionary import Entry
from .lexicon import _MOTION_VERBS, _PLACE_NOUNS, _PLACE_PREPS, _POSS, _SUBJ_DEPS, _norm, slugify
from .records import Cluster, Ment
from .gender import first_name_gender
from .variants import name_parts


def link_names(art) -> None:
    doc, d = art.doc, art.d
    art.ments.sort(key=lambda m: m.start)
    keep: list[Ment] = []
    full_people = {}  # last token lower -> act key (NER full names)
    dict_people = set()
    for m in art.ments:
        if m.how in {"name", "alias"} and m.kind == "person" and m.key in d.entries:
            dict_people.add(m.key)
    for m in art.ments:
        if getattr(m, "label", None) == "PERSON" and m.end - m.start > 1:
            full_people[doc[m.end - 1].lower_] = m.key
    for m in art.ments:
        span = doc[m.start:m.end]
        if m.kind == "capital":
            cid = m.key
            if is_place(art, m):
                loc = d.entries.get(slugify(span.text))
                if loc is None or loc.kind != "location":
                    loc = Entry(id=slugify(span.text), name=span.text, kind="location",
                                country=d.entries[cid].country)
                a = art._act_for_entry(loc)
                m.key, m.kind, m.how = a.key, "location", "name"
            else:
                a = art._act_for_entry(d.entries[cid])
                m.key, m.kind, m.how = a.key, "country", "alias"
            keep.append(m)
            continue
        if m.how == "surname":
            # a dictionary person owns a bare surname only where the article supports it: it
            # names them in full, or a title before the surname fits their offices
            cands = [c for c in getattr(m, "cands", [m.key]) if c in dict_people]
            if not cands and art._title_before(m.start):
                cands = [c for c in getattr(m, "cands", [m.key]) if _title_fits(art, m.start - 1, d.entries[c])]
            if not cands:
                if span.root.ent_type_ == "PERSON" and m.end - m.start == 1:
                    m.key, m.how, m.label = slugify(span.text), "name", "PERSON"
                    _ner_person(art, m, span, full_people, keep)
                continue
            m.key = cands[0]
            art._act_for_entry(d.entries[m.key])
            keep.append(m)
            continue
        if m.key in d.entries and m.how in {"name", "alias"} and not hasattr(m, "label"):
            e = d.entries[m.key]
            art._act_for_entry(e)
            keep.append(m)
            continue
        # NER-only entities
        label = getattr(m, "label", "")
        if label == "PERSON":
            _ner_person(art, m, span, full_people, keep)
            continue
        kind = m.kind
        if label in {"GPE", "ORG"} and art._is_speech_subject(span.root) and label == "GPE":
            kind = "organization"
        a = art.acts.get(m.key)
        if a is None:
            a = Cluster(key=m.key, name=span.text, kind=kind, country=country_in(art, span))
            art.acts[m.key] = a
        keep.append(m)
    art.ments = keep
    art.tok_ment = {}
    for m in keep:
        art._occupy(m)



def _ner_person(art, m: Ment, span, full_people: dict, keep: list) -> None:
    """A person named by NER only: a bare surname joins the full name, others get a cluster."""
    doc = art.doc
    if m.end - m.start == 1:
        last = span.text.lower()
        if last in full_people:
            m.key, m.how = full_people[last], "surname"
        elif not (art._title_before(m.start) or art._is_speech_subject(span.root)
                  or _person_like(art, span)):
            return
    elif m.key not in art.acts and doc[m.end - 1].lower_ in full_people and \
            name_parts([t.text for t in span]) is None:
        m.key = full_people[doc[m.end - 1].lower_]  # "Mr. Peskov"; "Bob Suter" is not Gary Suter
    a = art.acts.get(m.key)
    if a is None:
        name = span.text
        if m.how == "surname":
            # the full name, even where the surname comes first (a headline "Clinton, ...")
            full = max((x for x in art.ments if x.key == m.key), key=lambda x: x.end - x.start)
            name = doc[full.start:full.end].text
        a = Cluster(key=m.key, name=name, kind="person")
        a.gender = art.d.gendered.get(doc[m.start - 1].lower_.rstrip(".")) if m.start else None
        art.acts[m.key] = a
    keep.append(m)


def _person_like(art, span) -> bool:
    """A one-word PERSON entity that acts as a person: the subject or object of a verb, a
    possessor, or an apposition; a capitalised word the article also writes in lower case
    ("Health", "Friends") is not."""
    t = span.root
    if not t.text[:1].isupper() or t.pos_ not in {"PROPN", "NOUN"}:
        return False
    if t.pos_ == "NOUN" and t.is_sent_start and first_name_gender(t.text) is None:
        return False  # the tagger's common noun: a person only where it is clearly a name
    if art._lower_words is None:
        art._lower_words = set(art.low[art.orth == art.low].tolist())
    if int(art.low[t.i]) in art._lower_words:
        return False
    if t.is_sent_start and first_name_gender(t.text) is None and not _acting_subject(t) and not any(
            k != t.i and not art.doc[k].is_sent_start for k in art._positions(art.orth, art.orth[t.i:t.i + 1])):
        return False  # "Gunfire was heard": a sentence-initial word seen nowhere else
    return t.dep_ in {"nsubj", "nsubjpass", "dobj", "poss", "appos", "pobj", "conj", "dative"}


def _acting_subject(t) -> bool:
    """A proper noun that is the subject of a verb ("Penn was elected", "Dyer joined"): a
    sentence-initial word the tagger calls a proper noun and the parser a subject acts as a
    person, even when the article writes it nowhere else."""
    return t.pos_ == "PROPN" and t.dep_ in {"nsubj", "nsubjpass"} and t.head.pos_ in {"VERB", "AUX"} and \
        pronoun_follows(t)


#: Third-person pronouns of one gender: a word they point back to is a person.
_GENDERED = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})


def pronoun_follows(t) -> bool:
    """Whether a gendered pronoun follows ``t`` in its sentence or among the first twelve
    words of the next one ("Penn was elected in 1849. He served ..."; not "Gunfire was
    heard. Officials said ...")."""
    sent = t.sent
    if any(w.lower_ in _GENDERED for w in t.doc[t.i + 1:sent.end]):
        return True
    nxt = t.doc[sent.end].sent if sent.end < len(t.doc) else None
    return nxt is not None and any(w.lower_ in _GENDERED for w in nxt[:12])


def _title_fits(art, i: int, e) -> bool:
    """Whether the title word at token ``i`` is part of one of the entry's offices."""
    w = art.doc[i].lower_.rstrip(".")
    return any(w in str(r.get("role", "")).lower().split() for r in e.roles)

def country_in(art, span: Span) -> Optional[str]:
    for t in span:
        cid = art.d.demonym.get(t.lower_)
        if cid:
            return art.d.entries[cid].country
        e = art.d.alias.get((_norm(t.text),))
        if e and art.d.entries[e[0]].kind == "country":
            return art.d.entries[e[0]].country
    return None


def is_place(art, m: Ment) -> bool:
    """Is a capital-city mention a place ("talks in Moscow") rather than a government?"""
    doc = art.doc
    tok = doc[m.end - 1]
    h = tok
    while h.dep_ in {"compound", "appos", "conj", "flat"} and h.head.i != h.i:
        h = h.head
    nxt = doc[m.end] if m.end < art.n else None
    if nxt is not None and _norm(nxt.text) in _POSS:
        after = doc[m.end + 1: min(art.n, m.end + 4)]
        return any(t.lower_ in _PLACE_NOUNS for t in after)
    if h.dep_ == "pobj":
        prep = h.head
        if prep.lower_ in _PLACE_PREPS:
            gov = prep.head
            if gov.pos_ in {"NOUN", "PROPN"}:
                return True
            if gov.lemma_.lower() in art.d.speech_verbs or gov.lemma_ in {"understand", "see", "believe", "view", "perceive", "welcome"}:
                return False
            if prep.lower_ == "in" and prep.head.lower_ == "including":
                return False
            return True
        if prep.lower_ in {"to", "from"}:
            return prep.head.lemma_.lower() in _MOTION_VERBS
        return False
    if h.dep_ in _SUBJ_DEPS | {"dobj", "poss", "agent", "dative"}:
        return False
    return h.pos_ != "VERB" and h.dep_ not in {"nsubj"} and h.dep_ in {"npadvmod", "ROOT"}
