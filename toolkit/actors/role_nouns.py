"""Pass 4, role nouns without a name ("the Kremlin's spokesperson") to the person holding the role."""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Token

from .lexicon import _NP_DEPS, _title_key
from .records import Cluster, Ment
from .appositions import parse_role


def role_key_of(art, a: Cluster) -> Optional[tuple[str, Optional[str]]]:
    if not a.role:
        return None
    return _title_key(a.role), a.aff_id


def match_role(art, role: str, aff: Optional[str], *, create: bool) -> Optional[Cluster]:
    """The person of the article holding ``role`` (for ``aff``), else the dictionary's holder."""
    rk = _title_key(role)
    head = rk.split(" of ")[0].split(" to ")[0].split(" for ")[0]
    people = [a for a in art.acts.values() if a.kind == "person" and a.role]
    exact = [a for a in people if _title_key(a.role) == rk and (aff is None or a.aff_id == aff)]
    if not exact:
        exact = [a for a in people if _title_key(a.role).split(" of ")[0].split(" to ")[0].split(" for ")[0] == head
                 and (aff is None or a.aff_id == aff) and (aff is not None or " " not in head or True)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        counts = {a.key: sum(1 for m in art.ments if m.key == a.key) for a in exact}
        best = sorted(exact, key=lambda a: -counts[a.key])
        if counts[best[0].key] > counts[best[1].key]:
            return best[0]
        return None
    if aff is None or not create:
        return None
    hs = art.d.holders(role, aff, art.published)
    if len(hs) != 1:
        return None
    a = art._act_for_entry(hs[0])
    a.emit = True
    if not a.role:
        a.role, a.aff_id = hs[0].role_on(art.published).get("role"), aff
        a.affiliation = art.acts[aff].name if aff in art.acts else None
        affa = art.acts.get(aff)
        a.country = affa.country if affa else hs[0].country
    return a


def add_role_mentions(art) -> None:
    """Role phrases without a name: "the Kremlin's spokesperson", "The President of France"."""
    doc, d = art.doc, art.d
    for s, e, root in title_chunks(art):
        if any(k in art.tok_ment and art.acts.get(art.tok_ment[k].key, Cluster("", "", "")).kind == "person"
               for k in range(s, e)):
            continue
        if root.tag_ in {"NNS", "NNPS"} or root.lower_ not in d.title_words:
            continue
        # extend with a following "of/for X" prepositional phrase
        ee = e
        if ee < art.n and doc[ee].lower_ in {"of", "for", "to"}:
            for child in root.children:
                if child.dep_ == "prep" and child.i == ee:
                    ee = child.right_edge.i + 1
        # do not take over a following name ("President Putin" is handled by names)
        if ee < art.n and ee in art.tok_ment and art.acts.get(art.tok_ment[ee].key, Cluster("", "", "")).kind == "person":
            continue
        r = parse_role(art, s, ee)
        if not r:
            continue
        role, aff, title_idx = r
        if doc[s].lower_ != "the" and aff is None:
            continue
        a = match_role(art, role, aff, create=aff is not None)
        if a is None:
            continue
        first = min(title_idx)
        last = max(title_idx) + 1
        # the mention spans the title words (not the affiliation's own mention)
        if any(k in art.tok_ment for k in range(first, last)):
            continue
        m = Ment(first, last, a.key, "role", "person")
        m.phrase = (s, ee)  # type: ignore[attr-defined]
        art.ments.append(m)
        art._occupy(m)
    art.ments.sort(key=lambda m: m.start)


def title_chunks(art) -> list[tuple[int, int, Token]]:
    """The noun chunks (``doc.noun_chunks``) whose root is a title word, as (start, end, root).

    spaCy's English chunker visits every token in Python; here only the tokens that are
    title words are looked at, with the chunker's own rules (noun root, clause-level
    dependency or coordinated with one, no nesting inside an earlier chunk).
    """
    if not art.n or not art.doc.has_annotation("DEP"):
        return []
    out = []
    for i in art._positions(art.low, art.d.title_hashes):
        w = art.doc[i]
        if not chunk_root(w):
            continue
        left = w.left_edge.i
        if any(chunk_root(art.doc[k]) for k in range(left, i)):
            continue  # an earlier chunk starts inside this one's left edge
        out.append((left, i + 1, w))
    return out


def chunk_root(w: Token) -> bool:
    if w.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return False
    if w.dep_ in _NP_DEPS:
        return True
    if w.dep_ == "conj":
        head = w.head
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        return head.dep_ in _NP_DEPS
    return False


#: Nouns for whoever leads a body ("the union chief", "the SEIU head", "the agency's boss").
LEADER_NOUNS = {"chief", "head", "leader", "boss", "president", "chairman", "chairwoman", "chair",
                "director", "founder", "spokesman", "spokeswoman", "spokesperson", "secretary"}


def role_noun_antecedent(art, s: int, e: int) -> Optional[Cluster]:
    """A definite leader noun with a modifier naming the body ("the SEIU chief", "the union
    chief"): the last person named before it whose role, affiliation or the words just before
    their name mention that body.

    Example: "SEIU President Mary Kay Henry ... The SEIU chief said" -> Mary Kay Henry.
    """
    doc = art.doc
    span = doc[s:e]
    root = span.root
    if root.lower_ not in LEADER_NOUNS or root.tag_ in {"NNS", "NNPS"} or \
            not (doc[s].lower_ == "the" or doc[s].pos_ == "PROPN"):
        return None
    mods = {t.lower_ for t in doc[s:root.i] if t.pos_ in {"PROPN", "NOUN"}}
    if not mods:
        return None
    best = None
    for m in art.ments:
        if m.start >= s:
            break
        a = art.acts.get(m.key)
        if a is None or a.kind != "person" or m.how == "pronoun":
            continue
        context = {w.lower() for w in f"{a.role or ''} {a.affiliation or ''}".split()}
        k = m.start  # the title words right before the name ("SEIU President Mary Kay Henry")
        while k > 0 and m.start - k < 4 and doc[k - 1].pos_ in {"PROPN", "NOUN", "ADJ"}:
            k -= 1
        context.update(t.lower_ for t in doc[k:m.start])
        if mods <= context:
            best = a
    return best
