"""Pass 5, pronouns: agreement and salience."""

from __future__ import annotations

from typing import Iterable, Optional

import numpy as np
from spacy.tokens import Token

from .lexicon import _IT_PRON, _LINK_DEPS, _OBJ_PRON, _PERSON_PRON, _SUBJ_DEPS
from .records import Cluster, Ment


def subject_like(art, tok: Token) -> bool:
    h = tok
    while h.dep_ in _LINK_DEPS and h.head.i != h.i:
        h = h.head
    if h.dep_ in _SUBJ_DEPS:
        return True
    return h.dep_ == "pobj" and h.head.dep_ == "agent"


def clause_verbs(art, tok: Token) -> set[int]:
    out, h = set(), tok
    while h.head.i != h.i:
        h = h.head
        if h.pos_ in {"VERB", "AUX"}:
            out.add(h.i)
            if h.dep_ in {"ccomp", "advcl", "relcl", "ROOT", "conj", "parataxis"}:
                break
    return out


def add_pronouns(art) -> None:
    doc = art.doc
    art.pron: dict[int, str] = {}
    for i in art._positions(art.low, art.d.pron_hashes):
        if art.in_quote[i] or i in art.tok_ment:
            continue
        t = doc[i]
        low = t.lower_
        if low in _PERSON_PRON:
            a = relative_antecedent(art, t, gender=_PERSON_PRON[low]) or \
                antecedent(art, t, gender=_PERSON_PRON[low])
        elif low in _IT_PRON:
            if t.dep_ == "expl" or (t.dep_ == "nsubjpass") or (low == "it" and t.dep_ == "nsubj" and
                                                               any(c.dep_ in {"ccomp", "xcomp", "acomp"} for c in t.head.children) and t.head.lemma_ == "be"):
                continue
            a = antecedent(art, t, gender=None, kinds={"organization", "country"})
        else:
            continue
        if a is None:
            continue
        art.pron[t.i] = a.key
        m = Ment(t.i, t.i + 1, a.key, "pronoun", a.kind)
        art.ments.append(m)
        art._occupy(m)
        art._by_sent_index().setdefault(art.sent_of[t.i], []).append(m)
    art.ments.sort(key=lambda m: m.start)
    art._by_sent = None  # rebuilt on demand, in text order
    art.starts = [m.start for m in art.ments]


def antecedent(art, tok: Token, *, gender: Optional[str], kinds: Iterable[str] = ("person",)) -> Optional[Cluster]:
    kinds = set(kinds)
    si = art.sent_of[tok.i]
    banned: set[int] = set()
    if tok.lower_ in _OBJ_PRON:
        banned = clause_verbs(art, tok)
    best = None
    for back in range(0, 4):
        s_idx = si - back
        if s_idx < 0:
            break
        cands = []
        for m in art._by_sent_index().get(s_idx, ()):
            if back == 0 and m.start >= tok.i:
                continue
            a = art.acts.get(m.key)
            if a is None or a.kind not in kinds:
                continue
            if gender and a.gender and a.gender != gender:
                continue
            root = art.doc[m.end - 1]
            subj = subject_like(art, root)
            if subj and banned and root.head.i in banned and head_verb(art, root) in banned:
                continue
            if art.in_quote[m.start]:
                continue
            cands.append((subj, m.start, a))
        if cands and gender and any(c[2].gender == gender for c in cands):
            # a person known to agree ("Chris Christie" for "he") before one whose first name
            # is common to both genders ("Hillary Clinton" in the lists of both)
            cands = [c for c in cands if not c[2].ambiguous_name]
        if cands:
            subj = [c for c in cands if c[0]]
            pool = subj or cands
            best = max(pool, key=lambda c: c[1])[2] if back == 0 else (min(pool, key=lambda c: c[1])[2] if subj else max(pool, key=lambda c: c[1])[2])
            break
    return best


def relative_antecedent(art, tok: Token, *, gender: Optional[str]) -> Optional[Cluster]:
    """A possessive or object pronoun in a relative clause whose relative pronoun is the
    subject: the person the clause describes ("Gordy, who spent most of his time in Japan")."""
    if tok.dep_ in _SUBJ_DEPS:
        return None
    h = tok
    for _ in range(6):
        if h.dep_ == "relcl":
            break
        if h.head.i == h.i:
            return None
        h = h.head
    else:
        return None
    if not any(c.dep_ in _SUBJ_DEPS and c.lower_ in {"who", "that"} for c in h.children):
        return None
    m = art.tok_ment.get(h.head.i)
    a = art.acts.get(m.key) if m else None
    if a is None or a.kind != "person" or (gender and a.gender and a.gender != gender):
        return None
    return a


def head_verb(art, tok: Token) -> int:
    h = tok
    while h.head.i != h.i and h.pos_ not in {"VERB", "AUX"}:
        h = h.head
    return h.i
