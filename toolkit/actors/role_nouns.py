"""Pass 4, role nouns without a name ("the Kremlin's spokesperson") to the person holding the
role; and, for a definite role noun that no holder matches, the nearest compatible antecedent:
a leader noun naming its body ("the union chief"), a title the article gave someone ("the
governor" after "Ohio Gov. John Kasich"), a campaign role ("the Democratic nominee", "the
front-runner": ``anaphoric_roles``) and an organisation noun ("the department", "the
newspaper": ``org_role_nouns``), both lexicons in ``data/actors.yaml``."""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Token

from .lexicon import _NP_DEPS, _title_key
from .records import Cluster, Ment
from .appositions import parse_role
from ..names import load_names


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
    if doc[s].lower_ == "the" and root.tag_ not in {"NNS", "NNPS"}:
        word = role_word(doc, root.i)
        two = f"{doc[root.i - 1].lower_} {word}" if root.i > s + 1 else ""
        if word in art.d.anaphoric_roles or two in art.d.anaphoric_roles:
            return anaphoric_role(art, s, root)
        if root.lower_ in art.d.org_role_nouns and root.pos_ == "NOUN":
            return org_role_antecedent(art, s, root)
        if root.lower_ in art.d.title_words or (root.pos_ == "NOUN" and root.lower_ not in art.d.org_role_nouns):
            # a title, or any other noun the article used for one person ("the pollster"
            # after "Republican pollster Daron Shaw")
            a = titled_antecedent(art, s, root)
            if a is not None:
                return a
    if root.lower_ not in LEADER_NOUNS or root.tag_ in {"NNS", "NNPS"}:
        return None
    if art.n and art.sent_of[s] == 0 and root.i > s and doc[s].text[:1].isupper():
        return headline_holder(art, s, e)  # "ACME chief says ..." (a tagger may call "ACME" ADJ)
    if not (doc[s].lower_ == "the" or doc[s].pos_ == "PROPN"):
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


def headline_holder(art, s: int, e: int) -> Optional[Cluster]:
    """A leader noun in the headline ("Dockers' chief warns of a long strike"), before anyone is
    named: the person the article then mentions most, when they are not named in the
    headline, are mentioned at least three times, and clearly more than anyone else.

    Example: "Union chief says talks failed.⏎⏎Jane Roe said ... Roe said ... she ..." -> Jane Roe.
    """
    doc = art.doc
    sent = art.sents[0]
    if not ("\n" in doc[sent.end - 1].whitespace_ or "\n" in doc[sent.end - 1].text or (
            sent.end < art.n and doc[sent.end].is_space and "\n" in doc[sent.end].text)):
        return None  # not a headline line
    counts: dict[str, int] = {}
    in_head: set[str] = set()
    for m in art.ments:
        a = art.acts.get(m.key)
        if a is None or a.kind != "person":
            continue
        if m.start < sent.end:
            in_head.add(m.key)
            continue
        counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(((n, k) for k, n in counts.items() if k not in in_head), reverse=True)
    if not ranked or ranked[0][0] < 3 or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return art.acts[ranked[0][1]]


def role_word(doc, i: int) -> str:
    """The lower-case word ending at token ``i``, a hyphenated compound joined back
    ("front-runner" is three tokens)."""
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{doc[i].lower_}"
    return doc[i].lower_


#: Abbreviated titles as the title word ("Gov." is "governor"), from ``data/names.yaml``.
_TITLE_FORMS = {"gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
                "gen": "general", "sec": "secretary", **dict(getattr(load_names(), "title_forms", {}) or {})}

#: Party words of a role phrase or a person's context ("the Democratic nominee", "GOP
#: front-runner Donald Trump"): two different parties never corefer.
PARTIES = {"democratic": "D", "democrat": "D", "democrats": "D", "republican": "R", "gop": "R",
           "republicans": "R"}


def _context_words(art, a: Cluster, before: int) -> set[str]:
    """Lower-case words that describe person ``a`` before token ``before``: its role and
    affiliation, and the (up to four) words right before each of its name mentions
    ("GOP front-runner Donald Trump")."""
    doc = art.doc
    out = {w.lower() for w in f"{a.role or ''} {a.affiliation or ''}".split()}
    for m in art.ments:
        if m.start >= before:
            break
        if m.key != a.key or m.how == "pronoun":
            continue
        k = m.start
        while k > 0 and m.start - k < 4 and (doc[k - 1].pos_ in {"PROPN", "NOUN", "ADJ"} or doc[k - 1].text == "-"):
            k -= 1
        out.update(role_word(doc, q) for q in range(k, m.start))
        out.update(t.lower_ for t in doc[k:m.start])
        # an apposition right after the name ("Paul Ryan, the House speaker,")
        if m.end + 1 < art.n and doc[m.end].text == ",":
            for t in doc[m.end + 1:min(art.n, m.end + 8)]:
                if t.is_punct or t.pos_ in {"ADP", "VERB", "AUX", "PRON", "SCONJ"}:
                    break  # the apposition's head words only ("senior director" of ...)
                out.add(t.lower_)
    return {_TITLE_FORMS.get(w.rstrip("."), w.rstrip(".")) for w in out} | out


def titled_antecedent(art, s: int, root) -> Optional[Cluster]:
    """"The governor", "the Vermont senator" with no holder of that role in the article: the
    last person named before it whose context gives the title ("Ohio Gov. John Kasich",
    "Vermont Sen. Bernie Sanders", "Paul Ryan, the House speaker,") and every modifier of
    the phrase ("Vermont"); None when no one fits (no guess by salience).

    Example: "Ohio Gov. John Kasich spoke. The governor said ..." -> John Kasich.
    """
    doc = art.doc
    word = root.lower_
    mods = {t.lower_ for t in doc[s + 1:root.i] if t.pos_ in {"PROPN", "NOUN", "ADJ"}
            and t.lower_ not in art.d.modifiers}
    party = _party(mods)
    mods -= set(PARTIES)
    best, titled = None, set()
    for a, ctx in _named_people_before(art, s):
        if word in ctx and (party is None or _party(ctx) in {None, party}):
            titled.add(a.key)
            if mods <= ctx:
                best = a
    if best is None and mods and len(titled) == 1:
        # "the Vermont senator" after "Sen. Bernie Sanders (I-Vt.)": the one person the
        # article gave the title, when the modifiers are not in their context
        best = art.acts[titled.pop()]
    return best


def _named_people_before(art, s: int):
    """Each person mention before token ``s`` that is not a pronoun, in text order, as
    (actor, the words of the actor's contexts before ``s``), read once per actor."""
    ctxs: dict[str, set] = {}
    for m in art.ments:
        if m.start >= s:
            break
        a = art.acts.get(m.key)
        if a is None or a.kind != "person" or m.how == "pronoun":
            continue
        if a.key not in ctxs:
            ctxs[a.key] = _context_words(art, a, s)
        yield a, ctxs[a.key]


def _party(words) -> Optional[str]:
    ps = {PARTIES[w] for w in words if w in PARTIES}
    return ps.pop() if len(ps) == 1 else None


def anaphoric_role(art, s: int, root) -> Optional[Cluster]:
    """"The GOP front-runner", "the Democratic nominee": the last person named before it
    whose context gives that role (and no other party), else the most salient person
    before it, as for "he"/"she" (``pronouns.antecedent``), unless their party words
    disagree.

    Example: "Donald Trump spoke in Ohio. ... The GOP front-runner said ..." -> Donald Trump.
    """
    from .pronouns import antecedent

    doc = art.doc
    word = role_word(doc, root.i)
    if root.i > s + 1 and f"{doc[root.i - 1].lower_} {word}" in art.d.anaphoric_roles:
        word = f"{doc[root.i - 1].lower_} {word}"
    party = _party(t.lower_ for t in doc[s:root.i])
    best = None
    for a, ctx in _named_people_before(art, s):
        if all(w in ctx for w in word.split()) and (party is None or _party(ctx) in {None, party}):
            best = a
    if best is not None or word in PARTIES:
        return best  # "the Wisconsin Republican": only a person the article calls one
    gender = art.d.gendered.get(word)
    a = antecedent(art, root, gender=gender, kinds={"person"})
    if a is None:
        return None
    if party is not None and _party(_context_words(art, a, s)) not in {None, party}:
        return None
    return a


def org_role_antecedent(art, s: int, root) -> Optional[Cluster]:
    """"The department", "the magazine", "the law enforcement agency": the nearest
    organisation named in the ten sentences before whose name holds the noun ("the State
    Department"), that the text calls by the noun ("Family Circle magazine"), or whose name
    holds a word listed for the noun (``org_role_nouns`` of ``data/actors.yaml``: "the
    newspaper" after "The Washington Post"). A word of the phrase that is not in the name
    must not be a capitalised name word either ("the appeals court" is no named court).

    Example: "After the State Department obtained the e-mails, the department asked ..."
    -> State Department.
    """
    doc = art.doc
    noun = root.lower_
    words = art.d.org_role_nouns.get(noun, set())
    si = art.sent_of[s]
    mods = [t.lower_ for t in doc[s + 1:root.i] if t.pos_ in {"NOUN", "PROPN"}]
    best = None
    for m in art.ments:
        if m.start >= s:
            break
        if si - art.sent_of[m.start] > 10 or m.how == "pronoun":
            continue
        a = art.acts.get(m.key)
        if a is None or a.kind != "organization":
            continue
        name = {w.lower().strip(".,") for w in a.name.replace("-", " ").split()}
        called = m.end < art.n and doc[m.end].lower_ == noun
        if noun in name or called or "*" in words or name & words or a.name.lower() in words:
            if mods and not called and not all(w in name for w in mods) and "*" not in words and not (name & words):
                continue  # "the budget committee" is not the Judiciary Committee
            best = a
    return best
