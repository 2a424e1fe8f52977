"""A learned ranker over the candidate antecedents of a pronoun (pass 5).

Pass 5 (``pronouns.py``) keeps its hard filters (number, gender, person, animacy, binding) and
asks this module which of the agreeing candidate mentions a pronoun refers to. Every candidate
gets a vector of features (:data:`FEATURES`: grammatical roles of the candidate and of the
pronoun, parallelism, distance, the kind of mention, how often the actor is mentioned, the
strength of the gender evidence...); its score is the dot product with weights learned by a
conditional logistic regression (a softmax over the candidates of one pronoun). The actor
whose mentions get the most probability together wins (its best mention; the later one on
a tie), as in training, where all the mentions of the right actor count as right.

The weights are read once from ``toolkit/data/pronoun_ranker.yaml`` (feature name -> weight;
the file names its training data and licence). ``benchmarks/train_pronoun_ranker.py``
reproduces it. A feature missing from the file weighs 0; a name in the file that is not a
feature is an error.

Example:
    >>> w = weights()
    >>> "parallel" in w and len(w) == len(FEATURES)
    True
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import math
from pathlib import Path
from typing import Iterator, Optional, Union

import numpy as np
from spacy.tokens import Token

from ..paths import LEXICON_DIR
from ..yamlfiles import read_mapping
from .gender import first_name_gender
from .lexicon import _LINK_DEPS, _SUBJ_DEPS

WEIGHTS_FILE = LEXICON_DIR / "pronoun_ranker.yaml"

#: The features of a (pronoun, candidate mention) pair, in the order of the weight vector.
FEATURES = (
    "sentence_back",        # sentences between the candidate and the pronoun (0-3)
    "same_sentence",        # the candidate is in the pronoun's sentence
    "token_distance",       # log(1 + tokens between them)
    "nearest",              # the nearest candidate before the pronoun
    "recency_rank",         # log(1 + candidates between it and the pronoun)
    "cand_subject",         # the candidate is a subject (or the agent of a passive)
    "cand_main_subject",    # ... of its sentence's main verb
    "cand_object",          # the candidate is a direct object, dative or attribute
    "cand_prep_object",     # the candidate is the object of a preposition
    "cand_possessor",       # the candidate is a possessor ("Smith's wife")
    "cand_apposition",      # the candidate sits in an apposition
    "cand_subordinate",     # the candidate sits in a subordinate or relative clause
    "parallel",             # the candidate and the pronoun have the same role
    "subject_to_possessive",  # the pronoun is a possessive, the candidate a subject
    "subject_to_object",    # the pronoun is an object, the candidate a subject
    "clause_subject",       # the candidate is the subject of the pronoun's own verb
    "kind_full_name",       # the mention is a name of two words or more
    "kind_short_name",      # a one-word name or a surname
    "kind_role",            # a role noun ("the spokesman")
    "kind_pronoun",         # an earlier pronoun of the chain
    "mentions_before",      # log(1 + the actor's mentions before the pronoun)
    "mentions_total",       # log(1 + the actor's name and role mentions in the text)
    "first_actor",          # the actor is the first person the text names
    "gender_article",       # the gender agrees and comes from the article (Mr./Mrs., "spokeswoman")
    "gender_name",          # the gender agrees and comes from the first name (or the dictionary)
    "gender_unknown",       # the actor's gender is not known
    "ambiguous_name",       # its first name is common to both genders
    "speech_parallel",      # both are subjects of speech verbs ("X said ... . He also said")
    "cand_not_person",      # a name the parser took for an organisation or a place ("Magee")
    "cataphora",            # the candidate comes after the pronoun ("In his youth, Smith ...")
    "prev_main_subject",    # the subject of the main verb of the sentence before
    "possessive_to_possessive",  # both are possessives ("his ... his")
    "object_to_object",     # both are objects
    "most_mentioned",       # no other candidate's actor has more name and role mentions
    "cand_coordinated",     # the candidate is one of a list ("Pinter and Woolf")
    "cand_parenthesis",     # the candidate is inside parentheses
    "governing_subject",    # the subject of the nearest verb above the pronoun that has one
    "ancestor_subject",     # the subject of any verb above the pronoun in its sentence
    "first_name_agrees",    # gender unknown, but the name's first word is a first name of the pronoun's gender
    "first_name_disagrees",  # ... of the other gender
    "her_to_subject",       # the pronoun is "her" (possessive or object: the parser often
                            # mistakes one for the other), the candidate a subject
    "her_parallel",         # the pronoun is "her" and its role as parsed is the candidate's
    "bound_same_gender",    # a pronoun of the pronoun's gender was already bound to the actor
    "bound_other_gender",   # ... a pronoun of the other gender ("Gore ... his victims" for "her")
)
_PLACE_ORG = {"GPE", "ORG", "LOC", "NORP"}
_INDEX = {f: k for k, f in enumerate(FEATURES)}
_SUBORDINATE = {"relcl", "advcl", "ccomp", "acl", "xcomp", "pcomp", "csubj"}

_trace: Optional[list] = None


@functools.lru_cache(maxsize=4)
def _load(path: str) -> tuple[np.ndarray, dict[str, float]]:
    data = read_mapping(path, what="pronoun-ranker")
    w = data.get("weights") or {}
    unknown = sorted(set(w) - set(FEATURES))
    if unknown:
        raise ValueError(f"{path}: unknown pronoun-ranker feature(s) {', '.join(unknown)}")
    vec = np.array([float(w.get(f, 0.0)) for f in FEATURES])
    return vec, {f: float(w.get(f, 0.0)) for f in FEATURES}


def weights(path: Union[None, str, Path] = None) -> dict[str, float]:
    """Feature name -> weight, as shipped (or read from ``path``).

    Example:
        >>> weights()["kind_pronoun"] != 0
        True
    """
    return dict(_load(str(path or WEIGHTS_FILE))[1])


def _vector() -> np.ndarray:
    return _load(str(WEIGHTS_FILE))[0]


@contextlib.contextmanager
def trace() -> Iterator[list]:
    """Record, for every ranked pronoun, ``(token index, feature matrix, cluster keys,
    mention starts)``
    (for training; see ``benchmarks/train_pronoun_ranker.py``).

    Example:
        >>> with trace() as log:
        ...     pass
        >>> log
        []
    """
    global _trace
    old, _trace = _trace, []
    try:
        yield _trace
    finally:
        _trace = old


def _climb(tok: Token) -> Token:
    """The head of the noun phrase ``tok`` names: up through compounds, flat names and
    appositions. A name in apposition to a place or organisation inside a prepositional
    phrase belongs to the noun before the preposition, as the parser often misplaces it
    ("the envoy to Ukraine, Keith Kellogg, said": Kellogg is the envoy)."""
    h = tok
    while h.dep_ in _LINK_DEPS and h.head.i != h.i:
        if h.dep_ == "appos" and h.head.dep_ == "pobj" and h.head.ent_type_ in _PLACE_ORG \
                and h.head.head.dep_ == "prep" and h.head.head.head.pos_ in {"NOUN", "PROPN"}:
            h = h.head.head.head
            continue
        h = h.head
    return h


def _role(tok: Token) -> str:
    """"subj", "obj", "poss", "pobj" or "other" for the head token of a mention."""
    h = _climb(tok)
    dep = h.dep_
    if dep in _SUBJ_DEPS or (dep == "pobj" and h.head.dep_ == "agent"):
        return "subj"
    if dep == "poss":
        return "poss"
    if dep in {"dobj", "dative", "attr", "oprd"}:
        return "obj"
    if dep == "pobj":
        return "pobj"
    return "other"


def _verb_of(tok: Token) -> int:
    h = tok
    while h.head.i != h.i and h.pos_ not in {"VERB", "AUX"}:
        h = h.head
    return h.i


def _subordinate(tok: Token) -> bool:
    h = tok
    for _ in range(40):
        if h.dep_ in _SUBORDINATE:
            return True
        if h.head.i == h.i:
            return False
        h = h.head
    return False


def _in_apposition(tok: Token) -> bool:
    h = tok
    for _ in range(4):
        if h.dep_ == "appos":
            return True
        if h.dep_ not in _LINK_DEPS or h.head.i == h.i:
            return False
        h = h.head
    return False


def _subjects_above(tok: Token) -> tuple[int, set[int]]:
    """The subject token of the nearest verb above ``tok`` that has one (-1 if none), and
    the subject tokens of all the verbs above it."""
    gov, above = -1, set()
    h = tok
    for _ in range(40):
        if h.head.i == h.i:
            break
        h = h.head
        if h.pos_ in {"VERB", "AUX"}:
            subs = [c.i for c in h.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i]
            if subs:
                if gov < 0:
                    gov = subs[0]
                above.update(subs)
    return gov, above


def _in_parenthesis(art, i: int) -> bool:
    """Whether token ``i`` sits inside parentheses (looking back at most 12 tokens, within
    its sentence)."""
    doc = art.doc
    lo = max(art.sents[art.sent_of[i]].start, i - 12) if art.sents else max(0, i - 12)
    for j in range(i - 1, lo - 1, -1):
        t = doc[j].text
        if t == ")":
            return False
        if t == "(":
            return True
    return False


def _article_stats(art) -> tuple[dict[str, int], Optional[str]]:
    """Cluster key -> name and role mentions; the key of the first person named."""
    st = getattr(art, "_ranker_stats", None)
    if st is None:
        counts: dict[str, int] = {}
        first, first_at = None, None
        for m in art.ments:
            if m.how == "pronoun":
                continue
            counts[m.key] = counts.get(m.key, 0) + 1
            a = art.acts.get(m.key)
            if a is not None and a.kind == "person" and (first_at is None or m.start < first_at):
                first, first_at = m.key, m.start
        st = art._ranker_stats = (counts, first)
    return st


def features(art, tok: Token, cands: list[tuple], *, gender: Optional[str],
             starts: dict[str, list[int]], is_speech) -> np.ndarray:
    """The feature matrix (one row per candidate, columns :data:`FEATURES`).

    Args:
        art: the article under resolution.
        tok: the pronoun.
        cands: ``(sentence distance, mention, cluster, is subject)`` per candidate.
        gender: the pronoun's gender ("m", "f") or None.
        starts: cluster key -> starts of its mentions in text order.
        is_speech: ``token -> bool``, whether a token is the subject of a speech verb.
    """
    doc = art.doc
    counts, first_key = _article_stats(art)
    p_role = _role(tok)
    if tok.lower_ in {"his", "hers", "its"}:
        p_role = "poss"
    p_verb = _verb_of(tok)
    p_speech = None
    order = sorted(range(len(cands)), key=lambda k: abs(tok.i - cands[k][1].start))
    rank = {k: r for r, k in enumerate(order)}
    nearest = max((c[1].start for c in cands if c[1].start < tok.i), default=-1)
    gov, above = _subjects_above(tok)
    top = max((counts.get(c[2].key, 0) for c in cands), default=0)
    bound = getattr(art, "pron_genders", {})
    X = np.zeros((len(cands), len(FEATURES)))
    ix = _INDEX
    for k, (back, m, a, subj) in enumerate(cands):
        row = X[k]
        root = doc[m.end - 1]
        c_role = "subj" if subj else _role(root)  # "subj" may also come from _climb's repair
        row[ix["sentence_back"]] = back
        row[ix["same_sentence"]] = back == 0
        row[ix["token_distance"]] = math.log1p(max(0, tok.i - m.end, m.start - tok.i))
        row[ix["nearest"]] = m.start == nearest
        row[ix["recency_rank"]] = math.log1p(rank[k])
        row[ix["cand_subject"]] = c_role == "subj"
        row[ix["cand_main_subject"]] = c_role == "subj" and _climb(root).head.dep_ == "ROOT"
        row[ix["cand_object"]] = c_role == "obj"
        row[ix["cand_prep_object"]] = c_role == "pobj"
        row[ix["cand_possessor"]] = c_role == "poss"
        row[ix["cand_apposition"]] = _in_apposition(root)
        row[ix["cand_subordinate"]] = _subordinate(root)
        row[ix["parallel"]] = c_role == p_role
        row[ix["subject_to_possessive"]] = c_role == "subj" and p_role == "poss"
        row[ix["subject_to_object"]] = c_role == "subj" and p_role in {"obj", "pobj"}
        row[ix["clause_subject"]] = c_role == "subj" and back == 0 and _verb_of(_climb(root)) == p_verb
        if m.how == "pronoun":
            row[ix["kind_pronoun"]] = 1
        elif m.how == "role":
            row[ix["kind_role"]] = 1
        elif m.end - m.start >= 2 and m.how != "surname":
            row[ix["kind_full_name"]] = 1
        else:
            row[ix["kind_short_name"]] = 1
        row[ix["mentions_before"]] = math.log1p(bisect.bisect_left(starts.get(a.key, ()), tok.i))
        row[ix["mentions_total"]] = math.log1p(counts.get(a.key, 0))
        row[ix["first_actor"]] = a.key == first_key
        if a.gender and gender:
            row[ix["gender_article" if a.gender_from == "article" else "gender_name"]] = 1
        row[ix["gender_unknown"]] = not a.gender
        row[ix["ambiguous_name"]] = a.ambiguous_name
        row[ix["prev_main_subject"]] = back == 1 and row[ix["cand_main_subject"]]
        row[ix["possessive_to_possessive"]] = c_role == "poss" and p_role == "poss"
        row[ix["object_to_object"]] = c_role in {"obj", "pobj"} and p_role in {"obj", "pobj"}
        row[ix["most_mentioned"]] = counts.get(a.key, 0) >= top
        h = _climb(root)
        row[ix["cand_coordinated"]] = h.dep_ == "conj" or any(c.dep_ == "conj" for c in h.children)
        row[ix["cand_parenthesis"]] = _in_parenthesis(art, m.start)
        row[ix["governing_subject"]] = back == 0 and h.i == gov
        row[ix["ancestor_subject"]] = back == 0 and h.i in above
        if gender and not a.gender:
            g = first_name_gender(a.name.split()[0]) if a.name else None
            row[ix["first_name_agrees"]] = g == gender
            row[ix["first_name_disagrees"]] = g is not None and g != gender
        if tok.lower_ == "her":
            row[ix["her_to_subject"]] = c_role == "subj"
            row[ix["her_parallel"]] = c_role == p_role
        if gender and a.key in bound:
            row[ix["bound_same_gender"]] = gender in bound[a.key]
            row[ix["bound_other_gender"]] = bool(bound[a.key] - {gender})
        row[ix["cand_not_person"]] = a.kind != "person"
        row[ix["cataphora"]] = m.start > tok.i
        if c_role == "subj":
            if p_speech is None:
                p_speech = bool(is_speech(tok))
            row[ix["speech_parallel"]] = p_speech and bool(is_speech(root))
    return X


def choose(art, tok: Token, cands: list[tuple], *, gender: Optional[str],
           starts: dict[str, list[int]], is_speech) -> int:
    """The index of the best candidate (the highest score; the nearest on a tie).

    Example:
        ``choose(art, doc[7], cands, ...)`` for "she" in "Ann Lee met Kate Ray. Then she
        left." picks Ann Lee's mention (the subject, as "she" is).
    """
    X = features(art, tok, cands, gender=gender, starts=starts, is_speech=is_speech)
    if _trace is not None:
        _trace.append((tok.i, X, [c[2].key for c in cands], [c[1].start for c in cands]))
    return _best(X @ _vector(), [c[2].key for c in cands], [c[1].start for c in cands])


def _best(scores: np.ndarray, keys: list, starts: list) -> int:
    """The candidate of the actor with the most probability mass (a softmax over the
    candidates, summed over each actor's mentions, as in training); its highest-scored
    mention; ties go to the later mention."""
    p = np.exp(scores - scores.max())
    mass: dict = {}
    for k, key in enumerate(keys):
        mass[key] = mass.get(key, 0.0) + float(p[k])
    return max(range(len(keys)), key=lambda k: (round(mass[keys[k]], 9), round(float(scores[k]), 9), starts[k]))
