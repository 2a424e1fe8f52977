"""Pass 2b, name variants: a surname, a name with or without a middle initial or an honorific,
and a surname the parser took for an organisation, join the person the article named in full.

"Christie" after "New Jersey Gov. Chris Christie" (even where NER calls it an organisation),
"Mrs. Clinton" after "Hillary Clinton", "Robert S. Mueller" beside "Robert Mueller" are one
cluster. Two full names that share a surname ("Gary Suter and his brother Bob Suter") stay two
people; a bare surname then goes to the nearest one named before it. A generational suffix
names another person ("Donald Trump Jr." is not "Donald Trump"; "Trump Jr." and "Donald Jr."
join him; a bare "Trump" goes to the one named without the suffix), and so does another
middle initial ("George W. Bush" is not "George H. W. Bush").

Example:
    >>> from toolkit.models import load_pipeline
    >>> from toolkit.actors import extract_actors
    >>> doc = load_pipeline()("Former pitcher Curt Schilling was fired. Schilling said he was sorry.")
    >>> [(m.text, m.actor_id) for m in extract_actors(doc).mentions][:2]
    [('Curt Schilling', 'curt-schilling'), ('Schilling', 'curt-schilling')]
"""

from __future__ import annotations

import bisect
from typing import Optional

from .gender import first_name_gender
from .lexicon import _hashes, _norm
from .records import Ment

from ..names import load_names

_NAMES = load_names()
#: Honorifics before a name; they give no first name (``data/names.yaml``).
HONORIFICS = frozenset(_NAMES.honorifics)
#: Small words left out of an acronym ("Department of Justice" -> "DOJ" keeps only D, J).
_SMALL_WORDS = _NAMES.function_words
#: Name suffixes that are not a surname.
SUFFIXES = _NAMES.suffixes
#: Generational suffixes ("Jr.", "III"): they name another person of the family.
GENERATIONAL = _NAMES.generational


def name_suffix(words: list[str]) -> str:
    """The generational suffix ending a written person name ("jr", "iii"), else "".

    Example:
        >>> name_suffix(["Donald", "Trump", "Jr."]), name_suffix(["Robert", "S.", "Mueller"])
        ('jr', '')
    """
    w = [x.strip(".,").lower() for x in words if x.strip(".,")]
    while len(w) > 1 and w[-1] in SUFFIXES and w[-1] not in GENERATIONAL:
        w = w[:-1]  # "John Smith Jr., PhD"
    return w[-1] if len(w) > 1 and w[-1] in GENERATIONAL else ""


def name_parts(words: list[str]) -> Optional[tuple[str, str, tuple[str, ...]]]:
    """(first, last, middles) of a written person name, honorifics and suffixes removed.

    Example:
        >>> name_parts(["Robert", "S.", "Mueller", "Jr."])
        ('robert', 'mueller', ('s',))
    """
    w = [x.strip(".,").lower() for x in words if x.strip(".,")]
    w = [x for x in w if x not in {"'s", "'", "’s"}]
    while w and w[0] in HONORIFICS:
        w = w[1:]
    while len(w) > 1 and w[-1] in SUFFIXES:
        w = w[:-1]
    if len(w) < 2:
        return None
    return w[0], w[-1], tuple(w[1:-1])


def _compatible(a: tuple, b: tuple) -> bool:
    """Same first and last name and generational suffix ("Donald Trump Jr." is not "Donald
    Trump"); middles equal, one missing, or one an initial of the other, as many of them
    ("George W. Bush" is not "George H. W. Bush")."""
    if a[0] != b[0] or a[1] != b[1] or a[3:] != b[3:]:
        return False
    if not a[2] or not b[2]:
        return True
    return len(a[2]) == len(b[2]) and all(x[:1] == y[:1] for x, y in zip(a[2], b[2]))


def _full_names(art) -> list[tuple[int, str, tuple]]:
    """(token start, cluster key, name parts) of every multi-word person mention, text order;
    the parts are (first, last, middles, generational suffix)."""
    out = []
    for m in art.ments:
        if m.end - m.start < 2:
            continue
        a = art.acts.get(m.key)
        if a is None or a.kind != "person":
            continue
        words = [t.text for t in art.doc[m.start:m.end]]
        parts = name_parts(words)
        if parts is not None:
            out.append((m.start, m.key, parts + (name_suffix(words),)))
    return out


def _merge_full(art, fulls: list[tuple[int, str, tuple]]) -> dict[str, str]:
    """Re-key full names that are variants of an earlier one ("Robert S. Mueller")."""
    canon: list[tuple[tuple, str]] = []
    remap: dict[str, str] = {}
    for _, key, parts in fulls:
        if key in remap:
            continue
        hit = next((k for p, k in canon if k != key and _compatible(p, parts)), None)
        if hit is not None and art.acts[key].entry is None:
            remap[key] = hit
        elif all(k != key for _, k in canon):
            canon.append((parts, key))
    return remap


def _by_surname(art, fulls) -> dict[str, list[tuple[int, str]]]:
    """Surname -> (start, key) of the full names with it. A bare surname names the one
    named without a generational suffix when the article names one ("Trump" beside
    "Donald Trump" and "Donald Trump Jr.", as news style calls the son "Trump Jr."), else
    the suffixed one ("King" after "Martin Luther King Jr.")."""
    out: dict[str, list[tuple[int, str]]] = {}
    plain: set = set()
    for start, key, parts in fulls:
        key = art.remap.get(key, key)
        out.setdefault(parts[1], []).append((start, key, parts[3]))
        if not parts[3]:
            plain.add(parts[1])
    return {s: [(a, k) for a, k, suf in c if not suf or s not in plain] for s, c in out.items()}


def _by_suffixed(art, fulls) -> dict[tuple, list[tuple[int, str]]]:
    """(surname or first name, generational suffix) -> (start, key) of the full names with
    them ("Trump Jr.", "Donald Jr." for "Donald Trump Jr.")."""
    out: dict[tuple, list[tuple[int, str]]] = {}
    for start, key, parts in fulls:
        if parts[3]:
            for word in {parts[0], parts[1]}:
                out.setdefault((word, parts[3]), []).append((start, art.remap.get(key, key)))
    return out


def _suffixed_surnames(art, fulls) -> None:
    """A surname or first name with a generational suffix ("Trump Jr.", "Donald Jr.") joins
    the person the article names in full with both ("Donald Trump Jr."), whether NER tagged
    it, a dictionary surname took its first word, or nothing did."""
    table = _by_suffixed(art, fulls)
    if not table:
        return
    doc = art.doc
    forms = set()
    for _, w in table:
        forms.update({w.capitalize(), w.capitalize() + ".", w.upper(), w.upper() + "."})
    for i in art._positions(art.orth, _hashes(forms)):
        suf = doc[i].text.strip(".").lower()
        if i == 0 or not doc[i - 1].text[:1].isupper():
            continue
        cands = table.get((doc[i - 1].text.lower().strip("."), suf))
        if not cands:
            continue
        keys = {k for _, k in cands}
        old = []
        for k in (i - 1, i):
            if k in art.tok_ment and all(art.tok_ment[k] is not o for o in old):
                old.append(art.tok_ment[k])
        if any(m.start < i - 1 or m.end > i + 1 or (m.start, m.end) == (i - 1, i + 1) and m.key in keys
               for m in old):
            continue  # part of a longer name ("Donald Trump Jr."), or already joined
        for m in old:
            art.ments.remove(m)
            for k in range(m.start, m.end):
                art.tok_ment.pop(k, None)
        m = Ment(i - 1, i + 1, _nearest(cands, i), "surname", "person")
        art.ments.append(m)
        art._occupy(m)


def _nearest(cands: list[tuple[int, str]], i: int) -> str:
    """The person a bare surname at token ``i`` names among those the article names in full
    with it: the one named in full most often (news calls the main one by the surname and
    the other by the full name: "Bill Clinton" beside "Clinton" for Hillary Clinton); on a
    tie, the one named last before token ``i`` (else the first after it)."""
    counts: dict[str, int] = {}
    for _, k in cands:
        counts[k] = counts.get(k, 0) + 1
    if len(counts) > 1:
        top = max(counts.values())
        best = [k for k, c in counts.items() if c == top]
        if len(best) == 1:
            return best[0]
        cands = [c for c in cands if c[1] in best]
    starts = [s for s, _ in cands]
    j = bisect.bisect_right(starts, i) - 1
    return cands[j][1] if j >= 0 else cands[0][1]


def _single_surname(art, m: Ment, surnames: dict) -> Optional[str]:
    """The person a one-word mention is the surname of, or None."""
    t = art.doc[m.start]
    if m.end - m.start != 1 or not t.text[:1].isupper():
        return None
    cands = surnames.get(t.text.lower().strip("."))
    if not cands:
        return None
    a = art.acts.get(m.key)
    if a is None:
        return None
    if a.kind == "person" and a.entry is not None and m.how not in {"surname"}:
        return None  # a dictionary alias of its own ("Putin")
    if a.kind != "person" and (a.entry is not None or m.how not in {"name"}):
        return None  # a known organisation or place keeps its name
    key = _nearest(cands, m.start)
    return key if key != m.key else None


def _complete_surnames(art) -> None:
    """A person known only by a surname takes the full name the article gives once where NER
    missed it ("Cecile Richards" in a headline): a known first name right before the surname."""
    doc = art.doc
    singles = {}
    for a in art.acts.values():
        if a.kind == "person" and a.entry is None and " " not in a.name and a.name[:1].isupper():
            singles[a.name] = a
    if not singles:
        return
    for i in art._positions(art.orth, _hashes(set(singles))):
        if i == 0 or (i in art.tok_ment and art.tok_ment[i].end - art.tok_ment[i].start > 1):
            continue
        first = doc[i - 1]
        if not first.text[:1].isupper() or first.is_sent_start and first.pos_ != "PROPN" or \
                first_name_gender(first.text) is None and first.ent_type_ != "PERSON" and \
                not _unknown_first_name(art, first):
            continue
        a = singles.pop(doc[i].text, None)
        if a is None:
            continue
        a.name = f"{first.text} {doc[i].text}"
        old = art.tok_ment.get(i)
        if old is not None:
            art.ments.remove(old)
        m = Ment(i - 1, i + 1, a.key, "name", "person")
        art.ments.append(m)
        art._occupy(m)


def _unknown_first_name(art, t) -> bool:
    """A capitalised proper noun before a surname that is no title, nationality, place or
    organisation word, in mid-sentence: a first name the lists do not know ("Matdos")."""
    return t.pos_ == "PROPN" and t.is_alpha and t.is_title and not t.is_sent_start and \
        t.ent_type_ in {"", "PERSON"} and t.i not in art.tok_ment and \
        t.lower_ not in art.d.title_or_mod and t.lower_ not in art.d.demonym and \
        t.lower_.rstrip(".") not in HONORIFICS


def _initials(name: str) -> str:
    """"Congressional Budget Office" -> "CBO" (small words skipped)."""
    return "".join(w[0] for w in name.replace("-", " ").split()
                   if w[:1].isupper() and w.lower() not in _SMALL_WORDS)


def _org_variants(art) -> None:
    """Organisation variants: an acronym with or without dots ("CBO", "C.B.O.") and the first
    word of a longer name ("Fox" after "Fox News") join the organisation named in full."""
    orgs = [a for a in art.acts.values() if a.kind == "organization" and " " in a.name]
    if not orgs:
        return
    by_initials: dict[str, set] = {}
    by_first: dict[str, set] = {}
    by_last: dict[str, set] = {}
    for a in orgs:
        ini = _initials(a.name)
        if len(ini) >= 2:
            by_initials.setdefault(ini, set()).add(a.key)
        by_first.setdefault(a.name.split()[0], set()).add(a.key)
        by_last.setdefault(a.name.split()[-1], set()).add(a.key)
    surnames = {a.name.split()[-1] for a in art.acts.values() if a.kind == "person" and " " in a.name}
    for m in art.ments:
        a = art.acts.get(m.key)
        if a is None or m.end - m.start != 1 or a.entry is not None or " " in a.name:
            continue
        word = art.doc[m.start].text
        if word in surnames:
            continue  # "Shaw" of "Daron Shaw", not of "Shaw & Company Research"
        if a.kind == "person" and first_name_gender(word) is not None:
            continue  # "Grant" is a person, not the "Grant Foundation"
        cands = by_initials.get(word.replace(".", "")) if word.replace(".", "").isupper() else None
        if not cands:
            cands = by_first.get(word)
        if not cands and m.start and art.doc[m.start - 1].lower_ == "the":
            cands = by_last.get(word)  # "the Times" after "The New York Times"
        if cands and len(cands) == 1 and m.key not in cands:
            m.key, m.how, m.kind = next(iter(cands)), "alias", "organization"


def _org_nominals(art) -> None:
    """"the budget office" after "the Congressional Budget Office": a definite noun phrase
    whose words, in lower case, end the name of one organisation of the article."""
    orgs = [(tuple(w.lower() for w in a.name.split()), a.key) for a in art.acts.values()
            if a.kind == "organization" and " " in a.name]
    if not orgs:
        return
    doc = art.doc
    heads = {n[-1] for n, _ in orgs}
    for i in art._positions(art.low, _hashes(heads)):
        t = doc[i]
        if i in art.tok_ment or not t.is_lower or t.pos_ != "NOUN":
            continue
        j = i
        while j > 0 and doc[j - 1].is_lower and doc[j - 1].pos_ in {"NOUN", "ADJ", "PROPN"} \
                and j - 1 not in art.tok_ment:
            j -= 1
        if j == i or j == 0 or doc[j - 1].lower_ != "the":
            continue  # a bare "office" is too vague; "the budget office" names one
        words = tuple(x.lower_ for x in doc[j:i + 1])
        cands = {k for n, k in orgs if len(n) > len(words) and n[-len(words):] == words}
        if len(cands) == 1:
            m = Ment(j, i + 1, cands.pop(), "role", "organization")
            art.ments.append(m)
            art._occupy(m)


def _first_names(art, fulls, surnames: dict) -> None:
    """A first name alone ("Hillary said", "Bernie") joins the one person of the article
    named in full with that first name; with two of them ("Bill Clinton", "Bill Daley"), or
    when the word is also someone's surname, it stays apart."""
    firsts: dict[str, set] = {}
    for _, key, parts in fulls:
        firsts.setdefault(parts[0], set()).add(art.remap.get(key, key))
    doc = art.doc
    for m in art.ments:
        if m.end - m.start != 1:
            continue
        a = art.acts.get(m.key)
        word = doc[m.start].text.lower()
        if a is None or a.kind != "person" or a.entry is not None or " " in a.name or word in surnames:
            continue
        keys = firsts.get(word)
        if keys and len(keys) == 1 and m.key not in keys:
            m.key, m.how, m.kind = next(iter(keys)), "alias", "person"


def _kin_names(art) -> None:
    """A first name set beside a family noun of a named person takes that person's surname:
    "Schilling's son, Grant," and "Grant, Schilling's son," are Grant Schilling (the family
    nouns are ``kin_nouns`` of ``data/actors.yaml``; a spouse is not assumed to share it)."""
    doc = art.doc
    kin = getattr(art.d, "kin_nouns", ())
    if not kin:
        return
    for m in art.ments:
        a = art.acts.get(m.key)
        if a is None or a.kind != "person" or a.entry is not None or m.end - m.start != 1 \
                or " " in a.name or first_name_gender(doc[m.start].text) is None:
            continue
        t = doc[m.start]
        noun = None
        if t.dep_ == "appos" and t.head.lower_ in kin:
            noun = t.head  # "Schilling's son, Grant,"
        else:
            noun = next((c for c in t.children if c.dep_ == "appos" and c.lower_ in kin), None)
        if noun is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        om = art.tok_ment.get(owner.i) if owner is not None else None
        oa = art.acts.get(om.key) if om is not None else None
        if oa is None or oa.kind != "person" or " " not in oa.name:
            continue
        surname = oa.name.split()[-1]
        if surname.lower() == a.name.lower():
            continue
        a.name = f"{a.name} {surname}"


def _org_last_words(art) -> None:
    """"The Times" after "The New York Times", "the Journal" after "The Wall Street
    Journal": the capitalised last word of one organisation's name of the article, after
    "the" and not followed by another capitalised word, joins that organisation."""
    orgs: dict[str, set] = {}
    for a in art.acts.values():
        if a.kind == "organization" and " " in a.name and a.name.split()[-1][:1].isupper():
            orgs.setdefault(a.name.split()[-1], set()).add(a.key)
    if not orgs:
        return
    doc = art.doc
    for i in art._positions(art.orth, _hashes(set(orgs))):
        if i in art.tok_ment or i == 0 or doc[i - 1].lower_ != "the" or len(orgs[doc[i].text]) != 1:
            continue
        if i + 1 < art.n and doc[i + 1].text[:1].isupper() and doc[i + 1].pos_ == "PROPN":
            continue
        key = next(iter(orgs[doc[i].text]))
        if not any(m.key == key and m.start < i for m in art.ments):
            continue  # named in full before
        m = Ment(i, i + 1, key, "alias", "organization")
        art.ments.append(m)
        art._occupy(m)


def link_variants(art) -> None:
    """Join name variants and bare surnames to the person the article names in full."""
    art.remap = {}
    _complete_surnames(art)
    _org_variants(art)
    _org_last_words(art)
    _org_nominals(art)
    fulls = _full_names(art)
    if not fulls:
        art.ments.sort(key=lambda m: m.start)
        art.tok_ment = {}
        for m in art.ments:
            art._occupy(m)
        return
    art.remap = _merge_full(art, fulls)
    _suffixed_surnames(art, fulls)
    surnames = _by_surname(art, fulls)
    for m in art.ments:
        if m.key in art.remap:
            m.key = art.remap[m.key]
            continue
        key = _single_surname(art, m, surnames)
        if key is not None:
            m.key, m.how, m.kind = key, "surname", "person"
    _uncovered_surnames(art, surnames)
    _first_names(art, fulls, surnames)
    art.ments.sort(key=lambda m: m.start)
    art.tok_ment = {}
    for m in art.ments:
        art._occupy(m)
    _kin_names(art)
    art.tok_ment = {}
    for m in art.ments:
        art._occupy(m)


def _uncovered_surnames(art, surnames: dict) -> None:
    """Capitalised surnames that no earlier pass saw ("Schilling said")."""
    doc = art.doc
    words = set()
    for s in surnames:
        words.update({s[:1].upper() + s[1:], s.upper()})
    for m in art.ments:  # the article's own spelling ("MacNab", "DeSantis")
        if m.end - m.start > 1 and doc[m.end - 1].text.lower() in surnames:
            words.add(doc[m.end - 1].text)
    for i in art._positions(art.orth, _hashes(words)):
        if i in art.tok_ment:
            continue
        t = doc[i]
        prev = doc[i - 1] if i else None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if t.pos_ not in {"PROPN", "NOUN", "ADJ", "VERB"}:
            continue
        if t.pos_ != "PROPN" and nxt is not None and nxt.pos_ in {"NOUN", "PROPN", "ADJ"} and \
                not ("’" in t.text or "'" in t.text):
            continue  # "Black voters said": a common word that heads a noun phrase
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and i + 1 not in art.tok_ment:
            continue  # part of another name ("Schilling Foundation")
        if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and \
                _norm(prev.text).lower().strip(".") not in HONORIFICS and \
                not (prev.is_sent_start and prev.lemma_.lower() in art.d.speech_verbs):
            continue  # another first name ("Bob Suter" is not Gary Suter); not "Said Comey"
        key = _nearest(surnames[t.text.lower()], i)
        m = Ment(i, i + 1, key, "surname", "person")
        art.ments.append(m)
        art._occupy(m)
