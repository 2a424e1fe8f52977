"""Pass 5, pronouns: hard agreement filters, then a learned ranker.

The candidates of a pronoun are the mentions of the pronoun's sentence and the three before
that agree with it in number, gender, person and animacy and that binding allows ("him" is
never the subject of its own clause); :mod:`toolkit.actors.ranker` scores them
(``toolkit/data/pronoun_ranker.yaml``, trained on GAP development by
``benchmarks/train_pronoun_ranker.py``) and the best one's actor is the antecedent.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.strings import hash_string
from spacy.tokens import Token

from . import ranker
from .gender import first_name_gender
from .lexicon import (_FAC_HEADS, _IT_PRON, _LINK_DEPS, _OBJ_PRON, _ORG_HEADS, _PERSON_PRON, _PLACE_PREPS,
                      _SUBJ_DEPS)
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
        if low in _PERSON_PRON and _PERSON_PRON[low]:  # the genders of the pronouns bound so far
            art.__dict__.setdefault("pron_genders", {}).setdefault(a.key, set()).add(_PERSON_PRON[low])
        _mention_starts(art).setdefault(a.key, []).append(t.i)  # pronouns come in text order
        m = Ment(t.i, t.i + 1, a.key, "pronoun", a.kind)
        art.ments.append(m)
        art._occupy(m)
        art._by_sent_index().setdefault(art.sent_of[t.i], []).append(m)
    art.ments.sort(key=lambda m: m.start)
    art._by_sent = None  # rebuilt on demand, in text order
    art.starts = [m.start for m in art.ments]


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
    pronoun's sentence (before it) and the three sentences before.

    For "he"/"she", a name the parser took for an organisation or a place but that is used
    as people are ("Magee remained editor", "Tinning confessed") is a candidate too (the
    ranker weighs it down: ``cand_not_person``); so is, after the pronoun, the subject of
    its sentence's main verb when the pronoun comes first in a phrase before it ("In his
    youth, Smith played ...").
    """
    si = art.sent_of[tok.i]
    # binding: "him"/"her" as an object is never its own clause's subject ("Ann saw her");
    # a possessive "her" may be ("Ann lost her keys")
    banned = clause_verbs(art, tok) if tok.lower_ in _OBJ_PRON and tok.dep_ != "poss" else set()
    person = "person" in kinds
    cata = person and _cataphora_ok(tok)
    out = []
    for back in range(0, 4):
        s_idx = si - back
        if s_idx < 0:
            break
        for m in art._by_sent_index().get(s_idx, ()):
            if back == 0 and m.start >= tok.i and not (cata and m.start > tok.i):
                continue
            a = art.acts.get(m.key)
            if a is None or art.in_quote[m.start]:
                continue
            if a.kind not in kinds and not (person and _person_like(art, a, gender)):
                continue
            if gender and a.gender and a.gender != gender:
                continue
            root = art.doc[m.end - 1]
            subj = subject_like(art, root)
            if back == 0 and m.start > tok.i and not (subj and _main_subject(root)
                                                       and not ranker._in_parenthesis(art, m.start)):
                continue
            if subj and banned and root.head.i in banned and head_verb(art, root) in banned:
                continue
            if back == 0 and _inside_own_phrase(tok, root):
                continue
            out.append((back, m, a, subj))
    if gender and any(c[2].gender == gender for c in out):
        # a person known to agree ("Chris Christie" for "he") before one whose first name
        # is common to both genders ("Hillary Clinton" in the lists of both)
        out = [c for c in out if not c[2].ambiguous_name]
    return out


def _inside_own_phrase(tok: Token, root: Token) -> bool:
    """Whether the possessive ``tok`` describes the mention ending at ``root`` itself: "Bonnie,
    her younger sister," "her sister, Bonnie," "Dresser as her mother" (no one is their own
    sister).

    Example:
        In "Kate met Ann Lee, her old teacher." "her" is Kate's, not Ann Lee's.
    """
    if tok.dep_ != "poss":
        return False
    noun = tok.head
    h = root
    while h.dep_ in {"compound", "flat"} and h.head.i != h.i:
        h = h.head
    if noun.dep_ == "appos" and noun.head.i == h.i or h.dep_ == "appos" and h.head.i == noun.i:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.i == h.i


def _main_subject(root: Token) -> bool:
    h = root
    while h.dep_ in _LINK_DEPS and h.head.i != h.i:
        h = h.head
    return h.dep_ in _SUBJ_DEPS and h.head.dep_ == "ROOT"


def _cataphora_ok(tok: Token) -> bool:
    """Whether a pronoun may point forward: it stands before its sentence's main verb and is
    not that verb's subject ("In his youth, Smith ...", "When she arrived, Lee ...")."""
    root = tok.sent.root
    if tok.i >= root.i or (tok.dep_ in _SUBJ_DEPS and tok.head.i == root.i):
        return False
    h = tok
    while h.head.i != h.i and h.head.i != root.i:
        h = h.head
    # the pronoun's phrase attaches to the main verb before it, but is not its subject
    # ("His father said ..." is the subject phrase: no forward reference)
    return h.i < root.i and h.dep_ not in _SUBJ_DEPS


def _person_like(art, a: Cluster, gender: Optional[str]) -> bool:
    """Whether an organisation or place cluster is a person name the parser mislabelled.

    Not from the dictionary, at most three capitalised words with no organisation or
    facility head ("Magee", "Mekere Morauta", not "Santa Fe Opera"), no first name of the
    other gender, and a mention in proper nouns used as people are: a subject or a
    possessor; an object, apposition or attribute unless NER took it for a place; any
    argument at all when it starts with a first name of the lists ("with Cate Blanchett").
    """
    cache = art.__dict__.setdefault("_person_like", {})
    key = (a.key, gender)
    if key in cache:
        return cache[key]
    ok = a.kind in {"organization", "location"} and a.entry is None
    first = None
    if ok:
        words = a.name.split()
        if art._lower_words is None:
            art._lower_words = set(art.low[art.orth == art.low].tolist())
        ok = 0 < len(words) <= 3 and all(w[:1].isupper() and not w.isupper() and w.lower() not in _ORG_HEADS
                                           and w.lower() not in _FAC_HEADS
                                           and (a.kind == "organization" or hash_string(w.lower()) not in art._lower_words)
                                           for w in words)
        if ok and len(words) > 1:
            first = first_name_gender(words[0])
            ok = not gender or first is None or first == gender
        if ok and a.kind == "location":
            # a place is a person only if no mention of it is used as places are: after "in",
            # "at", "near" ... ("in Wyoming", "In Casper") or before a common noun ("Wyoming
            # delegates")
            ok = not any(_placelike(art.doc, m) for m in art.ments if m.key == a.key and m.how != "pronoun")
    if ok:
        doc = art.doc
        ok = False
        for m in art.ments:
            if m.key != a.key or m.how == "pronoun":
                continue
            root = doc[m.end - 1]
            if not all(t.pos_ == "PROPN" for t in doc[m.start:m.end]):
                continue
            h = root
            while h.dep_ in {"compound", "flat"} and h.head.i != h.i and h.head.pos_ == "PROPN":
                h = h.head
            if h.dep_ in {"nsubj", "nsubjpass", "poss"} or first or (
                    h.dep_ in {"dobj", "dative", "appos", "attr"} and root.ent_type_ not in {"GPE", "LOC"}):
                ok = True
                break
    cache[key] = ok
    return ok


def _placelike(doc, m: Ment) -> bool:
    prev = doc[m.start - 1] if m.start else None
    if prev is not None and (prev.lower_ in _PLACE_PREPS or prev.lower_ in {"from", "to", "of"}):
        return True
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and doc[m.end - 1].dep_ == "compound"


def antecedent(art, tok: Token, *, gender: Optional[str], kinds: Iterable[str] = ("person",)) -> Optional[Cluster]:
    """The agreeing actor a pronoun most likely refers to, or None.

    The candidates are the agreeing mentions of :func:`_candidates`; the learned ranker
    (:mod:`toolkit.actors.ranker`) scores them and picks one.

    Example:
        ``antecedent(art, doc[7], gender="f")`` for "she" in "Ann Lee met Kate Ray. Then she
        left." is Ann Lee's cluster (the main subject, as "she" is; Kate Ray is an object).
    """
    cands = _candidates(art, tok, gender=gender, kinds=set(kinds))
    if not cands:
        return None
    k = ranker.choose(art, tok, cands, gender=gender, starts=_mention_starts(art), is_speech=art._is_speech_subject)
    return cands[k][2]


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
    if a is None or (gender and a.gender and a.gender != gender):
        return None
    if a.kind != "person" and not _person_like(art, a, gender):
        return None
    return a


def head_verb(art, tok: Token) -> int:
    h = tok
    while h.head.i != h.i and h.pos_ not in {"VERB", "AUX"}:
        h = h.head
    return h.i
