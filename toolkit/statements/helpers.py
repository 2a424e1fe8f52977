"""Word sets, dependency labels and small token helpers shared by the rule modules:
quotation marks, pronouns, titles, the writer's connectives, the classes of beliefs and
intentions, and functions over spaCy tokens (punctuation, trimming, subtree ranges, noun
phrases, conjuncts, name cleaning). No dependency on the other modules of the package.
"""

from __future__ import annotations

import threading
from typing import Iterable, Optional

from spacy.tokens import Doc, Token


_OPEN_QUOTES = {"“": "”", "«": "»", "„": "”"}
_CLOSE_QUOTES = {"”", "»"}
_QUOTE_CHARS = set("“”«»„\"")
_QUOTE_TOKENS = {"''", "``"}
_EXPLETIVES = {"it"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_RELATIVE = {"who", "which", "that", "whom"}
_OBJ_PRONOUNS = {"it", "this", "that", "them", "him", "her", "us", "me", "so", "something",
                 "nothing", "anything", "everything", "what", "which", "these", "those"}
_SUBJ_DEPS = ("nsubj", "nsubjpass")
#: Words of a title before a name ("UK Prime Minister Boris Johnson" -> "Boris Johnson").
_TITLES = {"president", "minister", "prime", "secretary", "general", "foreign", "defence",
           "defense", "spokesperson", "spokesman", "spokeswoman", "chancellor", "king", "queen",
           "prince", "crown", "mr", "mrs", "ms", "dr", "sir", "pope", "senator", "governor",
           "mayor", "ambassador", "envoy", "special", "head", "adviser", "advisor", "deputy",
           "vice", "chairman", "chairwoman", "chair", "chief", "acting", "us", "u.s", "uk",
           "un", "nato", "eu", "commander", "colonel", "lieutenant", "major", "premier",
           "speaker", "representative", "rep", "sen", "gov", "state", "interior", "security",
           "national", "advisor", "former", "member", "leader", "director", "spokesperson"}
_CLIMB_DEPS = {"conj", "advcl", "xcomp", "pcomp", "prep", "dobj", "pobj"}


#: Discourse connectives of the writer that open a sentence ("Still, ...", "In fact, ...").
_CONNECTIVES = {"still", "however", "meanwhile", "indeed", "nonetheless", "nevertheless",
                "moreover", "furthermore", "additionally", "conversely", "regardless",
                "in fact", "in contrast", "by contrast", "in particular", "in addition",
                "as a result", "for example", "for instance", "of course", "in turn",
                "at the same time", "on the other hand", "in other words", "even so",
                "in short", "in any case", "after all", "as it stands", "as it currently stands"}


#: Classes of beliefs and intentions: inside another statement's content they are part of
#: what was reported ("X said Ukraine seeks to ..."), not statements of their own.
_INNER_CLASSES = {"cognitive", "intention"}


# --------------------------------------------------------------------------- helpers


def _is_punct(t: Token) -> bool:
    return t.is_punct or t.is_space or t.text in _QUOTE_CHARS or t.text in _QUOTE_TOKENS \
        or t.text in {"-", "—", "–"}


def _trim(doc: Doc, a: int, b: int, *, drop_mark: bool = True) -> Optional[tuple[int, int]]:
    """Trim punctuation, spaces and a leading complementizer from a token range."""
    while a <= b and (_is_punct(doc[a]) or (drop_mark and doc[a].dep_ == "mark"
                                               and doc[a].lower_ in {"that", "whether", "if"})
                      or doc[a].dep_ == "cc" and a == b):
        a += 1
    while b >= a and (_is_punct(doc[b]) and doc[b].text not in {"?", "!", ")", "%"}
                      or doc[b].dep_ in {"cc"}):
        b -= 1
    if a > b:
        return None
    return a, b


def _subtree_range(t: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    a, b = t.left_edge.i, t.right_edge.i
    for x in exclude:
        if x.i > t.i:
            b = min(b, x.left_edge.i - 1)
        else:
            a = max(a, x.right_edge.i + 1)
    return a, b


_KIDS = threading.local()  # the children of every token of the last doc, per thread


def _kids(t: Token) -> list[Token]:
    """``t.children`` in text order, read from a table built once per doc: spaCy's
    ``Token.children`` walks the token's whole subtree, which makes rules that look at
    the children of every verb quadratic on long sentences of nested clauses."""
    doc = t.doc
    if getattr(_KIDS, "doc", None) is not doc:
        kids: list[list[Token]] = [[] for _ in range(len(doc))]
        for x in doc:
            h = x.head.i
            if h != x.i:
                kids[h].append(x)
        _KIDS.doc, _KIDS.kids = doc, kids
    return _KIDS.kids[t.i]


def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in _kids(t) if c.dep_ in deps]


def _has_to(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in _kids(t))


def _np_core(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head`` without relative clauses, appositions, conjuncts."""
    drop = [c for c in _kids(head) if c.dep_ in {"relcl", "acl", "appos", "conj", "cc"}
            or (c.dep_ == "punct" and c.i > head.i)]
    a, b = _subtree_range(head, [c for c in drop if c.i > head.i])
    left_drop = [c for c in drop if c.i < head.i]
    if left_drop:
        a = max(a, max(c.right_edge.i for c in left_drop) + 1)
    r = _trim(head.doc, a, b, drop_mark=False)
    return r or (head.i, head.i)


def _np_full(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head`` with appositions and relative clauses, without conjuncts."""
    conj = [c for c in _kids(head) if c.dep_ in {"conj", "cc"} and c.i > head.i]
    a, b = _subtree_range(head, conj[:1])
    r = _trim(head.doc, a, b, drop_mark=False)
    return r or (head.i, head.i)


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    cur = head
    while True:
        nxt = [c for c in _kids(cur) if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN", "PRON"}]
        if not nxt:
            break
        cur = nxt[0]
        out.append(cur)
    return out


def _clean_name(text: str) -> str:
    s = " ".join(text.split())
    low = s.lower()
    for art in ("the ", "a "):
        if low.startswith(art):
            s = s[len(art):]
            break
    for suf in ("’s", "'s", "’", "'"):
        if s.endswith(suf):
            s = s[: -len(suf)]
            break
    return s.strip(" ,;:")
