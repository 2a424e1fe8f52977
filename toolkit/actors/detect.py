"""Pass 1, mention detection: dictionary names, NER entities (names, organisations, places)."""

from __future__ import annotations

import re
from typing import Optional

import numpy as np

from .gender import first_name_gender
from .names import pronoun_follows
from .lexicon import _DETS, _FAC_HEADS, _ORG_HEADS, _PLACE_PREPS, _POSS, _SALUTATIONS, _norm, slugify
from .records import Ment
from .variants import GENERATIONAL, HONORIFICS


def match_dictionary(art) -> None:
    doc, d = art.doc, art.d
    strings = doc.vocab.strings
    cache: dict[int, str] = {}

    class _Texts:  # normalised token texts, computed only around candidate positions
        def __getitem__(_, sl):
            if isinstance(sl, slice):
                return [_.get(k) for k in range(*sl.indices(art.n))]
            return _.get(sl)

        def get(_, k):
            t = cache.get(k)
            if t is None:
                t = cache[k] = _norm(strings[int(art.orth[k])])
            return t

    texts = _Texts()
    cands = art._positions(art.orth, d.first_hashes)
    ci = 0
    i = 0
    while ci < len(cands):
        if cands[ci] < i:
            ci += 1
            continue
        i = cands[ci]
        hit = None
        key: tuple = ()
        for k in range(i, min(i + d.maxlen, art.n)):  # the longest key wins
            key = key + (texts.get(k),)
            if key in d.alias:
                hit = ("alias", len(key), d.alias[key])
            elif key in d.capital:
                hit = ("capital", len(key), d.capital[key])
            elif key in d.surname:
                hit = ("surname", len(key), d.surname[key])
            if key not in d.prefixes:
                break
        if hit is None:
            i += 1
            continue
        typ, L, val = hit
        # a capitalised alias must not be a lower-case word in the text; acronyms need exact case
        if not any(c.isupper() for c in "".join(texts[i:i + L])) and not texts[i][:1].isdigit():
            i += 1
            continue
        nxt = doc[i + L] if i + L < art.n else None
        if typ in {"alias", "capital"} and nxt is not None and nxt.text[:1].isupper() and \
                nxt.pos_ in {"PROPN", "NOUN"} and nxt.lower_ not in d.title_words and \
                (typ == "capital" or d.entries[val[0]].kind == "location") and \
                tuple(texts[i + L:i + L + 1]) not in d.alias and not nxt.is_sent_start:
            i += L
            continue  # "Budapest Memorandum", "Geneva Conventions"
        extra = _generational_after(art, i + L, val) if typ in {"alias", "surname"} else 0
        if extra:  # "Donald Trump Jr.", "Trump Jr.": another person of the family than the entry
            s = i
            while s > 0 and i - s < 2 and s - 1 not in art.tok_ment and doc[s - 1].pos_ == "PROPN" and \
                    doc[s - 1].is_title and not {doc[s - 1].lower_, doc[s - 1].lower_.rstrip(".")} & \
                    (d.title_or_gendered | d.modifiers | HONORIFICS):
                s -= 1  # a first name before a surname the dictionary knows ("Ferdinand Marcos Sr.")
            m = Ment(s, i + L + extra, slugify(doc[s:i + L + extra].text), "name", "person", sure=False)
            m.label = "PERSON"  # type: ignore[attr-defined]
            art._add_ment(m)
            art._occupy(m)
            i += L + extra
            continue
        if typ == "alias":
            eid, how = val
            e = d.entries[eid]
            # "Georgia"/"Jordan" style words and the like: a person label from NER wins
            m = Ment(i, i + L, eid, how, e.kind)
        elif typ == "capital":
            m = Ment(i, i + L, val, "capital", "capital")
        else:
            m = Ment(i, i + L, val[0], "surname", "person", sure=False)
            m.cands = val  # type: ignore[attr-defined]
        art._add_ment(m)
        art._occupy(m)
        i += L


def _generational_after(art, k: int, val) -> int:
    """How many tokens from ``k`` on make a generational suffix ("Jr.", ", Jr.", "III";
    ``generational_suffixes`` of ``data/names.yaml``) after a person's name or surname the
    dictionary matched, which then names another person of the family: 1, 2 or 0."""
    doc = art.doc
    extra = 2 if k + 1 < art.n and doc[k].text == "," else 1
    if k + extra - 1 >= art.n:
        return 0
    t = doc[k + extra - 1]
    if t.text.strip(".").lower() not in GENERATIONAL or not t.text[:1].isupper():
        return 0
    eids = val if isinstance(val, list) else [val[0]]
    return extra if all(art.d.entries[e].kind == "person" for e in eids) else 0


def add_ner(art) -> None:
    doc, d = art.doc, art.d
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
            continue
        s, e = ent.start, ent.end
        # strip determiners, possessives and punctuation at the edges
        while s < e and (doc[s].lower_ in _DETS or doc[s].is_punct):
            s += 1
        while e > s and (_norm(doc[e - 1].text) in _POSS or doc[e - 1].is_punct):
            e -= 1
        if e <= s:
            continue
        label = ent.label_
        if label == "NORP":
            continue
        # salutations ("Dear Presidents", "Dear Mr. President") are not part of a name, nor is
        # the verb of an inverted attribution ("Said Comey, ...")
        while s < e and (doc[s].lower_.rstrip(".") in _SALUTATIONS or
                         e - s > 1 and doc[s].is_sent_start and doc[s].lower_ in _INVERTED_VERBS):
            s += 1
        if e <= s:
            continue
        if label != "PERSON":
            # an entity cut off mid-phrase ("Internal Affairs of", "Labour and") is noise
            if doc[e - 1].pos_ in {"ADP", "CCONJ", "DET", "PART", "SCONJ"}:
                continue
            if noise(art, s, e):
                continue
            p = person_inside(art, s, e)
            if p is not None:
                if art._free(p, e):
                    m = Ment(p, e, slugify(doc[p:e].text), "name", "person", sure=False)
                    m.label = "PERSON"  # type: ignore[attr-defined]
                    art._add_ment(m)
                    art._occupy(m)
                continue
        elif _norm(doc[s:e].text).lower() in d.not_actors:
            continue
        toks = doc[s:e]
        if label == "PERSON" and not art._free(s, e):
            _release_place_in_name(art, s, e)
        if not art._free(s, e):
            continue
        low = [t.lower_ for t in toks]
        # titles only ("Spokesperson", "National Security Advisor")
        if all(w in d.title_words or w in d.modifiers for w in low):
            continue
        # strip leading titles ("Crown Prince X")
        while s < e - 1 and doc[s].lower_ in d.title_or_mod:
            s += 1
        toks = doc[s:e]
        if not toks[0].text[:1].isupper():
            continue
        if any(t.lower_ in d.demonym for t in toks) and toks[-1].is_lower:
            continue  # "the Ukrainian party": a group, see _groups
        if all(t.lower_ in d.demonym for t in toks):
            continue
        head = toks[-1]
        if label == "PERSON":
            # weapon systems and the like: "Javelin missiles", "Patriot missile systems"
            nxt = doc[e] if e < art.n else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in d.title_words and nxt.dep_ != "appos":
                continue
            kind = "person"
        elif label == "ORG":
            kind = "organization"
            if head.lower_.endswith("s") and head.lower_ not in _ORG_HEADS and len(toks) > 1 and \
                    any(t.lower_ in d.demonym or d.alias.get((t.text,), ("", ""))[0] for t in toks[:-1]):
                continue  # "Ukraine Expert Groups"
        elif label == "FAC":
            if head.lower_ not in _FAC_HEADS:
                continue
            kind = "location"
        else:
            kind = "location"
        if kind != "person" and len(toks) == 1 and first_name_gender(toks[0].text) and \
                toks[0].pos_ == "PROPN" and (label == "ORG" or toks[0].dep_ in {"nsubj", "nsubjpass"} or
                                             _person_not_place(toks[0])):
            # "Percy tells Thomas", "Alice" tagged as a place or an organisation; not "in Trenton"
            kind, label = "person", "PERSON"
        elif label == "ORG" and len(toks) == 1 and _APOSTROPHE_NAME.match(toks[0].text):
            kind, label = "person", "PERSON"  # "O’Malley", "D'Souza" tagged as an organisation
        text = toks.text
        m = Ment(s, e, slugify(text), "name", kind, sure=False)
        m.label = label  # type: ignore[attr-defined]
        art._add_ment(m)
        art._occupy(m)
    add_untagged_names(art)


#: Reporting verbs that open an inverted attribution ("Said Comey, ..."), which NER often
#: takes into the name.
_INVERTED_VERBS = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "told",
                   "tells", "recalled", "recalls", "explained", "explains", "noted", "notes"}
#: A surname with an apostrophe ("O’Brien", "D'Souza"), which the tagger often takes for a
#: common noun.
_APOSTROPHE_NAME = re.compile(r"^[A-Z][a-z]?['\u2019][A-Z][a-z]+$")
#: Dependencies of a name that acts as a participant (subject, object, possessor, ...).
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "dative"}
#: NER labels a person's name is sometimes given by mistake ("Rita" as an event), or none.
_NOT_NAME_LABELS = {"", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP"}


def add_untagged_names(art) -> None:
    """Names NER left untagged: a run of proper nouns that starts with a first name of one
    gender and acts as a participant ("... and Elsie, with Sharon", "born to Polly Simmons").

    Example:
        In "Alan had to choose between Gloria and Rita. In the end Alan chose Gloria over
        Rita." both "Rita" are a person, though NER calls the second an event.
    """
    doc, d = art.doc, art.d
    if art._lower_words is None:
        art._lower_words = set(art.low[art.orth == art.low].tolist())
    i = 0
    while i < art.n:
        t = doc[i]
        i += 1
        if t.pos_ != "PROPN" or t.ent_type_ not in _NOT_NAME_LABELS or t.i in art.tok_ment or \
                not t.is_alpha or not t.text[:1].isupper() or t.text.isupper() or \
                int(art.low[t.i]) in art._lower_words:
            continue
        if t.i and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].text[:1].isupper():
            continue  # inside a longer name ("Cape Elizabeth"), not its first word
        if t.lower_ in d.title_or_mod:
            continue
        if first_name_gender(t.text) is None:
            if _bare_subject(art, t):  # "Pavlik was formerly a professor"
                m = Ment(t.i, t.i + 1, slugify(t.text), "name", "person", sure=False)
                m.label = "PERSON"  # type: ignore[attr-defined]
                art._add_ment(m)
                art._occupy(m)
            continue
        e = t.i + 1
        while e < art.n and e - t.i < 3 and (doc[e].pos_ == "PROPN" and doc[e].is_alpha or
                                             _APOSTROPHE_NAME.match(doc[e].text)) and \
                doc[e].text[:1].isupper() and doc[e].ent_type_ in _NOT_NAME_LABELS and e not in art.tok_ment:
            e += 1
        if doc[e - 1].dep_ not in _ARG_DEPS or \
                any(int(art.low[k]) in art._lower_words for k in range(t.i + 1, e)):
            continue  # a word the article also writes in lower case ("North Atlantic treaty")
        if t.ent_type_ and (e - t.i > 1 or t.ent_iob_ != "B" or (e < art.n and doc[e].ent_iob_ == "I")):
            continue  # a mislabelled entity must be one first name, not part of a title
        m = Ment(t.i, e, slugify(doc[t.i:e].text), "name", "person", sure=False)
        m.label = "PERSON"  # type: ignore[attr-defined]
        art._add_ment(m)
        art._occupy(m)
        i = e


def _person_not_place(t) -> bool:
    """A first name tagged as a place but used as people are: an object or possessor, not
    after "in", "at", "near" ... ("Olivia urges Bridget to ...", "Klara's mother")."""
    if t.dep_ == "pobj":
        return t.head.lower_ not in _PLACE_PREPS and t.head.lower_ not in {"to", "from"}
    return t.dep_ in {"dobj", "dative", "poss", "appos", "conj"}


def _bare_subject(art, t) -> bool:
    """One untagged proper noun that is the subject of a verb and no part of a longer name
    ("Dyer then joined ...", "Despite ..., Byas remained ..."): a surname NER missed."""
    d = art.doc
    nxt = d[t.i + 1] if t.i + 1 < art.n else None
    if t.ent_type_ not in {"", "NORP"} or t.tag_ != "NNP" or t.dep_ not in {"nsubj", "nsubjpass"} or \
            t.ent_type_ == "NORP" and not pronoun_follows(t):
        return False  # a singular proper noun; a "nationality" only where a pronoun follows
    return t.head.pos_ in {"VERB", "AUX"} and len(t.text) > 2 and not t.text.isupper() and \
        t.lower_ not in art.d.demonym and t.lower_ not in art.d.group_nouns and \
        (nxt is None or nxt.pos_ != "PROPN" and nxt.text[:1] not in {"'", "\u2019"} or nxt.is_punct) and \
        not noise(art, t.i, t.i + 1) and not any(c.dep_ == "det" for c in t.children) and \
        not (t.i and d[t.i - 1].pos_ == "DET")


def noise(art, s: int, e: int) -> bool:
    """A non-person entity that is no actor: listed in ``not_actors``, or one common word."""
    d, doc = art.d, art.doc
    text = _norm(doc[s:e].text).lower()
    if text in d.not_actors:
        return True
    if e - s == 1:
        low, lemma = doc[s].lower_, doc[s].lemma_.lower()
        if any(w in _ORG_HEADS or w in _FAC_HEADS or w in d.title_words or w in d.group_nouns
               for w in (low, lemma)):
            return True  # "Government", "Ministry", "Office", "League"
        # a capitalised word the article also writes in lower case ("Health", "Friends")
        if art._lower_words is None:
            lower_rows = art.orth == art.low
            art._lower_words = set(art.low[lower_rows].tolist())
        if int(art.low[s]) in art._lower_words and doc[s].text[:1].isupper() and \
                not doc[s].text.isupper():
            return True
    return False


def person_inside(art, s: int, e: int) -> Optional[int]:
    """Start of a "<given name> <Surname>" ending a non-person entity, else None."""
    doc, d = art.doc, art.d
    for p in range(s, e - 1):
        if doc[p].text not in d.given_names and not (
                p > s and first_name_gender(doc[p].text) is not None and doc[p].is_title and
                (all(doc[q].lower_.rstrip(".") in d.title_or_gendered or doc[q].lower_ in d.modifiers
                     for q in range(s, p)) or doc[p - 1].lower_ in _ORG_HEADS)):
            continue  # a first name of the lists after titles or an outlet ("Spokeswoman
            # Haley Morris", "Fox News Sean Hannity" tagged as organisations)
        rest = doc[p + 1:e]
        if len(rest) > 2 or any(not t.text[:1].isupper() or not t.is_alpha and "-" not in t.text for t in rest):
            return None
        last = rest[-1].lower_
        if last in _ORG_HEADS or last in _FAC_HEADS or last in d.title_words or (rest[-1].text,) in d.alias:
            return None
        return p
    return None


def _release_place_in_name(art, s: int, e: int) -> None:
    """A place or country of the dictionary that is only a word of a longer person name
    ("Jordan" in "Jordan Lee", "Georgia" in "Georgia Smith") gives way to the person."""
    for k in range(s, e):
        m = art.tok_ment.get(k)
        if m is None or m.kind not in {"country", "location", "capital"} or m.start < s or m.end > e \
                or (m.start, m.end) == (s, e) or m.how == "surname":
            continue
        nxt = art.doc[m.end] if m.end < e else None
        if nxt is None or nxt.pos_ != "PROPN" or nxt.lower_ in art.d.title_or_mod or \
                _norm(nxt.text) in _POSS:
            continue  # "Ukraine's President Zelensky", "Georgian President X": not a name word
        art.ments.remove(m)
        for q in range(m.start, m.end):
            art.tok_ment.pop(q, None)
