"""Coordinated actors ("Putin and Macron"), for plural references."""

from __future__ import annotations

import numpy as np

from spacy.tokens import Token

from .lexicon import _DETS, _PAIR_DASHES, _POSS, _norm
from .records import Ment


def add_pairs(art) -> None:
    """Conjoined actors ("Putin and Macron", "Ukrainian and Russian delegations"), in text order."""
    doc = art.doc
    art.pairs: list[tuple[int, list[str]]] = []
    by_tok = art.tok_ment
    # tokens of mentions attached as conjuncts: the only ones a coordination can add
    conj_by_sent: dict[int, list[Token]] = {}
    for k in sorted(by_tok):
        c = doc[k]
        if c.dep_ == "conj":
            conj_by_sent.setdefault(art.sent_of[k], []).append(c)
    for m in art.ments:
        if m.how == "pronoun":
            continue
        r = doc[m.end - 1]
        if r.dep_ == "conj":
            continue
        keys = [m.key]
        for c in conj_by_sent.get(art.sent_of[r.i], ()):
            if c.i < m.end or not r.is_ancestor(c):
                continue
            if c.i in by_tok:
                h = c.head
                if h.i in range(m.start, m.end) or (h.i in by_tok and by_tok[h.i].key in keys):
                    k2 = by_tok[c.i].key
                    if k2 not in keys:
                        keys.append(k2)
        if len(keys) > 1:
            kinds = {art.acts[k].kind for k in keys if k in art.acts}
            if len(kinds) == 1 or kinds <= {"country", "group", "organization"}:
                art.pairs.append((m.start, keys))
    for gs, ge, keys in art.group_spans:
        if len(keys) > 1:
            art.pairs.append((gs, list(keys)))
    # surface "A and [Ukraine's] [President] B" where the parse fails
    heads = [m for m in art.ments if m.how != "pronoun" and not is_modifier(art, m)]
    seen = {p[0] for p in art.pairs}
    for m1, m2 in zip(heads, heads[1:]):
        a1, a2 = art.acts.get(m1.key), art.acts.get(m2.key)
        if a1 is None or a2 is None or a1.key == a2.key or a1.kind != a2.kind or m1.start in seen:
            continue
        if art.sent_of[m1.start] != art.sent_of[m2.start]:
            continue
        words = [t.lower_ for t in doc[m1.end:m2.start]
                 if not (t.i in by_tok or t.is_punct or _norm(t.text) in _POSS)]
        words = [w for w in words if w not in art.d.title_or_mod and w not in _DETS]
        if words == ["and"]:
            art.pairs.append((m1.start, [a1.key, a2.key]))
        elif a1.kind == "country" and m2.start == m1.end + 1 and doc[m1.end].text in _PAIR_DASHES \
                and not doc[m1.end].whitespace_ and not doc[m1.end - 1].whitespace_:
            art.pairs.append((m1.start, [a1.key, a2.key]))  # "Russia–Ukraine talks"
    art.pairs.sort(key=lambda p: p[0])


def is_modifier(art, m: Ment) -> bool:
    """A country/organisation mention modifying a title ("Ukraine's President", "U.S. President")."""
    a = art.acts.get(m.key)
    if a is None or a.kind not in {"country", "organization"}:
        return False
    k = m.end
    if k < art.n and _norm(art.doc[k].text) in _POSS:
        k += 1
    while k < art.n and art.doc[k].lower_ in art.d.modifiers:
        k += 1
    return k < art.n and art.doc[k].lower_ in art.d.title_words
