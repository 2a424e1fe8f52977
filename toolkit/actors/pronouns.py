"""Pass 5, pronouns: agreement and salience."""

from __future__ import annotations

import bisect
import math
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
        _mention_starts(art).setdefault(a.key, []).append(t.i)  # pronouns come in text order
        m = Ment(t.i, t.i + 1, a.key, "pronoun", a.kind)
        art.ments.append(m)
        art._occupy(m)
        art._by_sent_index().setdefault(art.sent_of[t.i], []).append(m)
    art.ments.sort(key=lambda m: m.start)
    art._by_sent = None  # rebuilt on demand, in text order
    art.starts = [m.start for m in art.ments]


#: Salience weights of a candidate antecedent (score = sum of weight x feature; the highest
#: score wins, the nearest on a tie). Set by a coordinate search on GAP development and the
#: development half of the speaker references (``benchmarks/tune_salience.py``); see
#: docs/actors.md.
SALIENCE = {
    "sentence_back": -2.0,   # per sentence between the candidate and the pronoun
    "subject": 1.0,          # the candidate is a subject
    "parallel": 0.5,         # the candidate has the pronoun's role (subject / not)
    "frequency": 0.25,       # log(1 + earlier mentions of the actor)
    "main_subject": 1.0,     # subject of its sentence's main verb
    "unknown_gender": 0.0,   # the actor's gender is not known
    "nearest": 1.0,          # the nearest candidate before the pronoun
    "speech_parallel": 1.0,  # both speak: "X said that Y ... . He also said"
}


def _mention_starts(art) -> dict[str, list[int]]:
    """Cluster key -> starts of its mentions, in text order (kept up to date by add_pronouns)."""
    idx = getattr(art, "_ment_starts", None)
    if idx is None:
        idx = {}
        for m in sorted(art.ments, key=lambda m: m.start):
            idx.setdefault(m.key, []).append(m.start)
        art._ment_starts = idx
    return idx


def _candidates(art, tok: Token, *, gender: Optional[str], kinds: set[str]) -> list[tuple]:
    """(sentence distance, mention, cluster, is subject) for every agreeing mention in the
    pronoun's sentence (before it) and the three sentences before."""
    si = art.sent_of[tok.i]
    banned = clause_verbs(art, tok) if tok.lower_ in _OBJ_PRON else set()
    out = []
    for back in range(0, 4):
        s_idx = si - back
        if s_idx < 0:
            break
        for m in art._by_sent_index().get(s_idx, ()):
            if back == 0 and m.start >= tok.i:
                continue
            a = art.acts.get(m.key)
            if a is None or a.kind not in kinds or art.in_quote[m.start]:
                continue
            if gender and a.gender and a.gender != gender:
                continue
            root = art.doc[m.end - 1]
            subj = subject_like(art, root)
            if subj and banned and root.head.i in banned and head_verb(art, root) in banned:
                continue
            out.append((back, m, a, subj))
    if gender and any(c[2].gender == gender for c in out):
        # a person known to agree ("Chris Christie" for "he") before one whose first name
        # is common to both genders ("Hillary Clinton" in the lists of both)
        out = [c for c in out if not c[2].ambiguous_name]
    return out


def _salience(art, tok: Token, cand: tuple, *, nearest: int, gender: Optional[str]) -> float:
    back, m, a, subj = cand
    w = SALIENCE
    root = art.doc[m.end - 1]
    p_subj = tok.dep_ in _SUBJ_DEPS
    starts = _mention_starts(art).get(a.key, ())
    n_before = bisect.bisect_left(starts, tok.i)
    main = subj and root.head.dep_ == "ROOT"
    return (w["sentence_back"] * back + w["subject"] * subj + w["parallel"] * (subj == p_subj)
            + w["frequency"] * math.log1p(n_before) + w["main_subject"] * main
            + w["unknown_gender"] * (bool(gender) and not a.gender) + w["nearest"] * (m.start == nearest)
            + w["speech_parallel"] * (subj and art._is_speech_subject(root) and art._is_speech_subject(tok)))


def antecedent(art, tok: Token, *, gender: Optional[str], kinds: Iterable[str] = ("person",)) -> Optional[Cluster]:
    """The most salient agreeing actor for a pronoun (see ``SALIENCE``), or None.

    Example:
        ``antecedent(art, doc[7], gender="f")`` for "she" in "Ann Lee met Kate Ray. Then she
        left." is Ann Lee's cluster (the main subject, as "she" is; Kate Ray is an object).
    """
    cands = _candidates(art, tok, gender=gender, kinds=set(kinds))
    if not cands:
        return None
    nearest = max(c[1].start for c in cands)
    best = max(cands, key=lambda c: (_salience(art, tok, c, nearest=nearest, gender=gender), c[1].start))
    return best[2]


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
