"""Who is in an article: people, organisations, countries, places and groups.

:func:`extract_actors` links the names of a parsed article (spaCy NER plus a dictionary of
known actors, countries and places) to one :class:`~toolkit.types.Actor` per real-world
actor, with its role, affiliation and ISO country code, lists every linked mention, and
returns a resolver that maps any span of the text (a name, a surname, a pronoun, a role
phrase, "Peskov's response", "Putin and Macron", "the parties") to its actor.

The dictionary is three YAML files under ``toolkit/data`` (``actors.yaml``,
``countries.yaml``, ``places.yaml``; their formats are documented at their top). Pass your
own ``actors.yaml``-style file (or a loaded mapping) as ``dictionary=`` to add actors.

Example:
    >>> from toolkit.models import load_pipeline
    >>> doc = load_pipeline()("Dmitry Peskov, the spokesperson for the Kremlin, said talks "
    ...                       "would go ahead. Peskov added that he was pleased.")
    >>> res = extract_actors(doc, published=None)
    >>> [(a.name, a.role, a.affiliation, a.country) for a in res.actors if a.kind == "person"]
    [('Dmitry Peskov', 'spokesperson', 'Kremlin', 'RU')]
    >>> i = doc.text.index(" he ") + 1
    >>> res.resolver.resolve(i, i + 2).name
    'Dmitry Peskov'
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

import numpy as np
from spacy.attrs import DEP, IS_QUOTE, LOWER, ORTH, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .paths import LEXICON_DIR
from .types import Actor, ActorResult, Mention, ResolvedActor
from .yamlfiles import read_mapping

__all__ = ["extract_actors", "load_dictionary", "ActorDictionary", "ActorResolver", "slugify"]

# ---------------------------------------------------------------------------------------------
# small helpers

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSS = {"'s", "'", "’s", "’"}
_DETS = {"the", "a", "an"}
_DETS_OF = _DETS | {"of", "for", "to"}
_SALUTATIONS = {"dear", "mr", "mrs", "ms", "madam", "hon", "honourable", "honorable", "esteemed"}
_NP_DEPS = {"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"}
_PERSON_PRON = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
_PLURAL_PRON = {"they", "them", "their", "theirs", "themselves"}
_IT_PRON = {"it", "its"}
_OBJ_PRON = {"him", "her", "them"}
_JOINT_PERSON_NOUNS = {"leaders", "presidents", "politicians", "heads", "ministers", "two", "men"}
_JOINT_ANY_NOUNS = {"parties", "sides", "countries", "nations", "states", "governments", "both"}
#: Dashes that join two countries into a pair ("the Russia–Ukraine talks", "US-China trade").
_PAIR_DASHES = {"-", "–", "—", "/"}
#: Nouns for the two sides of a negotiation or a conflict: a pair of countries, delegations or
#: organisations before a pair of people ("the two sides agreed to exchange prisoners").
_SIDE_NOUNS = {"parties", "sides", "countries", "nations", "states", "governments", "delegations"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_LINK_DEPS = {"appos", "compound", "flat", "nmod", "amod"}
_MOTION_VERBS = {"travel", "go", "fly", "come", "arrive", "return", "move", "head", "visit",
                 "deploy", "leave", "flee", "evacuate", "drive", "march", "advance"}
_OFFICES = [("press", "office"), ("press", "service"), ("press", "secretariat"), ("office",),
            ("administration",), ("government",), ("cabinet",), ("chancellery",)]
_ENVOYS = {"envoy", "ambassador", "representative", "negotiator", "emissary", "mediator"}
_BACKED = {"backed", "led", "controlled", "installed", "speaking", "aligned", "occupied", "appointed"}
_PLACE_PREPS = {"in", "at", "near", "around", "outside", "inside", "across", "through", "throughout",
                "into", "within", "over", "towards", "toward", "via", "between", "across"}
_PLACE_NOUNS = {"airport", "outskirts", "centre", "center", "streets", "street", "residents", "mayor",
                "suburbs", "region", "district", "city", "downtown", "metro", "skies", "sky", "airspace"}
_ORG_HEADS = {"ministry", "council", "office", "party", "commission", "committee", "agency", "service",
              "bank", "parliament", "assembly", "court", "union", "organization", "organisation",
              "forces", "group", "fund", "institute", "university", "company", "corporation", "army",
              "navy", "guard", "department", "administration", "government", "cabinet", "duma",
              "secretariat", "mission", "alliance", "federation", "association", "foundation",
              "network", "media", "news", "agency", "press", "tribunal", "board", "authority",
              "directorate", "staff", "headquarters", "command", "brigade", "battalion", "regiment",
              "movement", "front", "church", "nations", "times", "post", "journal", "radio", "tv"}
_FAC_HEADS = {"airport", "airfield", "station", "plant", "bridge", "port", "base", "square", "palace",
              "building", "hall", "centre", "center", "hospital", "stadium", "dam", "harbour", "harbor",
              "factory", "works", "mine", "terminal", "pipeline", "embassy", "house", "tower", "camp",
              "garden", "gardens", "park", "cemetery", "memorial", "monument", "tomb", "cathedral"}


@functools.lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """Stable ASCII id of a name: ``"Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"``."""
    s = unicodedata.normalize("NFKD", name.translate(_APOS))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "actor"


def _norm(text: str) -> str:
    return text.translate(_APOS)


def _date(v: Any) -> Optional[dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _toks(text: str) -> tuple[str, ...]:
    return tuple(_norm(t.text) for t in _tokenizer()(text) if not t.is_space)


# ---------------------------------------------------------------------------------------------
# the dictionary


@dataclass
class Entry:
    """One known actor (person, organisation, country or place)."""

    id: str
    name: str
    kind: str
    country: Optional[str] = None
    gender: Optional[str] = None
    roles: list = field(default_factory=list)
    capitals: tuple = ()
    demonyms: tuple = ()

    def role_on(self, day: Optional[dt.date]) -> Optional[dict]:
        """The first listed office held on ``day`` (the first listed when ``day`` is None)."""
        if not self.roles:
            return None
        if day is None:
            return self.roles[0]
        for r in self.roles:
            f, t = _date(r.get("from")), _date(r.get("to"))
            if (f is None or f <= day) and (t is None or day < t):
                return r
        return None


class ActorDictionary:
    """Known actors, countries and places, with the indexes the extractor matches against.

    Build it with :func:`load_dictionary`; the default one is loaded once and cached.
    """

    def __init__(self, data: Mapping, countries: Iterable[Mapping] = (), places: Iterable[Mapping] = ()):
        self.entries: dict[str, Entry] = {}
        self.alias: dict[tuple, tuple[str, str]] = {}  # token tuple -> (entry id, how)
        self.surname: dict[tuple, list[str]] = {}
        self.capital: dict[tuple, str] = {}  # token tuple -> country id
        self.demonym: dict[str, str] = {}  # lower demonym -> country id
        self.by_name: dict[str, str] = {}  # normalised any name -> entry id
        self.maxlen = 1
        for c in countries:
            self._add_country(c)
        for p in places:
            self._add(p, kind="location")
        for a in data.get("actors") or []:
            self._add(a, kind=a.get("kind", "person"))
        for c in data.get("countries") or []:
            self._add_country(c)
        for p in data.get("places") or []:
            self._add(p, kind="location")
        self.titles = {_lower(_toks(t)) for t in data.get("titles") or []}
        self.title_maxlen = max((len(t) for t in self.titles), default=1)
        self.title_words = {w for t in self.titles for w in t if w not in {"of", "the", "-", "to", "for"}}
        self.modifiers = {m.lower() for m in data.get("title_modifiers") or []}
        g = data.get("gendered_titles") or {}
        self.gendered = {t.lower().rstrip("."): k for k, ts in g.items() for t in ts}
        self.group_nouns = {n.lower() for n in data.get("group_nouns") or []}
        self.speech_verbs = {v.lower() for v in data.get("speech_verbs") or []}
        self.speech_nouns = {v.lower() for v in data.get("speech_nouns") or []}
        self.not_actors = {_norm(str(v)).lower() for v in data.get("not_actors") or []}
        self.given_names = {str(v) for v in data.get("given_names") or []}
        self._build_indexes()

    def _build_indexes(self) -> None:
        """Precompiled lookups, so that an article is scanned with array operations only."""
        self.title_or_gendered = self.title_words | set(self.gendered)
        self.title_or_mod = self.title_words | self.modifiers
        firsts = {k[0] for table in (self.alias, self.capital, self.surname) for k in table}
        variants = set()
        for f in firsts:
            variants.add(f)
            if "'" in f:
                variants.update(f.replace("'", q) for q in "\u2019\u2018\u02bc`")
        self.first_hashes = _hashes(variants)
        # every proper prefix of a key: the matcher walks forward only while it is on one
        self.prefixes = {k[:j] for table in (self.alias, self.capital, self.surname) for k in table
                         for j in range(1, len(k))}
        self.group_hashes = _hashes(self.group_nouns | _OFFICIAL_NOUNS)
        self.pron_hashes = _hashes(set(_PERSON_PRON) | _IT_PRON)
        self.title_hashes = _hashes(self.title_words)
        self.by_iso: dict[str, Entry] = {}
        self.capital_lower: dict[tuple, str] = {}
        self.role_index: dict[str, list[Entry]] = {}
        for e in self.entries.values():
            if e.kind == "country" and e.country:
                self.by_iso.setdefault(e.country, e)
            if e.kind == "person":
                for r in e.roles:
                    lst = self.role_index.setdefault(_title_key(str(r.get("role", ""))), [])
                    if not lst or lst[-1] is not e:
                        lst.append(e)
        for k, v in self.capital.items():
            self.capital_lower.setdefault(_lower(k), v)

    # -- building
    def _key_add(self, text: str, eid: str, how: str) -> None:
        key = _toks(text)
        if not key:
            return
        if key[0].lower() == "the" and len(key) > 1:
            key = key[1:]
        self.maxlen = max(self.maxlen, len(key))
        old = self.alias.get(key)
        if old is None or (old[1] != "name" and how == "name"):
            self.alias[key] = (eid, how)
        # sentence-initial capitalised form of lower-case-initial aliases ("von der Leyen")
        if key[0][:1].islower():
            cap = (key[0][:1].upper() + key[0][1:],) + key[1:]
            self.alias.setdefault(cap, (eid, how))
        self.by_name.setdefault(_lower(key), eid)

    def _add(self, item: Mapping, *, kind: str) -> Entry:
        name = str(item["name"])
        eid = slugify(name)
        e = self.entries.get(eid)
        if e is None:
            e = Entry(id=eid, name=name, kind=kind, country=item.get("country") or item.get("iso"),
                      gender=item.get("gender"), roles=list(item.get("roles") or []))
            self.entries[eid] = e
        self._key_add(name, eid, "name")
        for a in item.get("aliases") or []:
            self._key_add(str(a), eid, "alias")
        if kind == "person":
            sn = item.get("surname", "__default__")
            if sn == "__default__":
                sn = [name.split()[-1]] if len(name.split()) > 1 else []
            elif sn is None:
                sn = []
            elif isinstance(sn, str):
                sn = [sn]
            for s in sn:
                self.surname.setdefault(_toks(str(s)), []).append(eid)
                self.maxlen = max(self.maxlen, len(_toks(str(s))))
        return e

    def _add_country(self, c: Mapping) -> None:
        e = self._add(c, kind="country")
        e.country = c.get("iso") or c.get("country")
        e.capitals = tuple(c.get("capital") or ())
        e.demonyms = tuple(c.get("demonyms") or ())
        for cap in e.capitals:
            key = _toks(str(cap))
            self.capital[key] = e.id
            self.maxlen = max(self.maxlen, len(key))
            cid = slugify(str(cap))
            if cid not in self.entries:
                self.entries[cid] = Entry(id=cid, name=str(cap), kind="location", country=e.country)
        for d in e.demonyms:
            self.demonym.setdefault(str(d).lower(), e.id)

    # -- lookups
    def entry(self, eid: Optional[str]) -> Optional[Entry]:
        return self.entries.get(eid) if eid else None

    def find(self, name: str) -> Optional[Entry]:
        """The entry a name or alias refers to (case-insensitive), or None."""
        key = _lower(_toks(name))
        if key and key[0] == "the":
            key = key[1:]
        eid = self.by_name.get(key)
        if eid is None:
            eid = self.capital_lower.get(key)
        return self.entries.get(eid) if eid else None

    def holders(self, title: str, affiliation_id: Optional[str], day: Optional[dt.date]) -> list[Entry]:
        """People who held ``title`` for ``affiliation_id`` on ``day``."""
        out = []
        tkey = _title_key(title)
        for e in self.role_index.get(tkey, ()):
            r = e.role_on(day)
            if r and _title_key(str(r.get("role", ""))) == tkey:
                aff = self.find(str(r.get("affiliation", ""))) if r.get("affiliation") else None
                if affiliation_id is None or (aff is not None and aff.id == affiliation_id):
                    out.append(e)
        return out


_OFFICIAL_NOUNS = {"officials", "representatives", "authorities", "diplomats"}
_QUOTE_TEXTS = ("\u201c", "\u201d", '"', "``", "''")


def _hashes(words: Iterable[str]) -> np.ndarray:
    """The spaCy string hashes of ``words``, for ``np.isin`` over ``Doc.to_array`` columns."""
    return np.array(sorted({hash_string(w) for w in words}), dtype=np.uint64)


_QUOTE_HASHES = _hashes(_QUOTE_TEXTS)


def _lower(key: tuple) -> tuple:
    return tuple(k.lower() for k in key)


@functools.lru_cache(maxsize=16384)
def _title_key(title: str) -> str:
    t = _norm(title).lower().replace("-", " ")
    t = re.sub(r"\b(spokesman|spokeswoman|press secretary)\b", "spokesperson", t)
    t = re.sub(r"\badviser\b", "advisor", t)
    t = re.sub(r"\bdefense\b", "defence", t)
    t = re.sub(r"^(acting|former|then|interim) ", "", t)
    return re.sub(r"\s+", " ", t).strip()


def _read_yaml(path: Union[str, Path]) -> dict:
    return read_mapping(path, what="actor dictionary")


@functools.lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    data = _read_yaml(LEXICON_DIR / "actors.yaml")
    countries = _read_yaml(LEXICON_DIR / "countries.yaml").get("countries") or []
    places = _read_yaml(LEXICON_DIR / "places.yaml").get("places") or []
    return ActorDictionary(data, countries, places)


def load_dictionary(dictionary: Union[None, str, Path, Mapping, ActorDictionary] = None) -> ActorDictionary:
    """The actor dictionary: the default one (cached), or the default extended by yours.

    Args:
        dictionary: None (default), a path to a YAML file in the format of
            ``toolkit/data/actors.yaml`` (``actors``, and optionally ``countries``,
            ``places``, ``titles`` ... lists), the same as a loaded mapping, or an
            :class:`ActorDictionary`.

    Example:
        >>> d = load_dictionary({"actors": [{"name": "Jane Roe", "kind": "person", "country": "GB"}]})
        >>> d.find("Jane Roe").country, d.find("Vladimir Putin").country
        ('GB', 'RU')
    """
    if dictionary is None:
        return _default_dictionary()
    if isinstance(dictionary, ActorDictionary):
        return dictionary
    if isinstance(dictionary, (str, Path)):
        return _extended(str(Path(dictionary).resolve()))
    return _build_extended(dict(dictionary))


@functools.lru_cache(maxsize=8)
def _extended(path: str) -> ActorDictionary:
    return _build_extended(_read_yaml(path))


def _build_extended(user: dict) -> ActorDictionary:
    base = _read_yaml(LEXICON_DIR / "actors.yaml")
    merged = dict(base)
    for k, v in user.items():
        if isinstance(v, list) and isinstance(base.get(k), list):
            merged[k] = list(base[k]) + list(v)
        else:
            merged[k] = v
    countries = _read_yaml(LEXICON_DIR / "countries.yaml").get("countries") or []
    places = _read_yaml(LEXICON_DIR / "places.yaml").get("places") or []
    return ActorDictionary(merged, countries, places)


# ---------------------------------------------------------------------------------------------
# article-level records


@dataclass
class _Ment:
    start: int  # token indices [start, end)
    end: int
    key: str  # actor key (entry id / slug)
    how: str
    kind: str = ""
    sure: bool = True


@dataclass
class _Act:
    key: str
    name: str
    kind: str
    country: Optional[str] = None
    gender: Optional[str] = None
    role: Optional[str] = None
    affiliation: Optional[str] = None
    aff_id: Optional[str] = None
    role_from_text: bool = False
    entry: Optional[Entry] = None
    emit: bool = True


def _sent_index(starts: np.ndarray) -> list[int]:
    """Sentence index of every token, from the SENT_START column (1 marks a start)."""
    is_start = starts == 1
    if len(is_start):
        is_start[0] = True
    return (np.cumsum(is_start) - 1).tolist()


class _Article:
    """Everything computed for one Doc."""

    def __init__(self, doc: Doc, d: ActorDictionary, published: Optional[dt.date]):
        self.doc, self.d, self.published = doc, d, published
        self.n = len(doc)
        # one pass over the token array; every later scan looks only at candidate positions
        arr = doc.to_array([ORTH, LOWER, SENT_START, IS_QUOTE]) if self.n else np.zeros((0, 4), np.uint64)
        self.orth, self.low = arr[:, 0], arr[:, 1]
        self.sent_of = _sent_index(arr[:, 2]) if self.n else []
        self.is_quote = arr[:, 3] == 1
        self.sents = list(doc.sents) if self.n else []
        self.acts: dict[str, _Act] = {}
        self.ments: list[_Ment] = []
        self.tok_ment: dict[int, _Ment] = {}
        self._by_sent: Optional[dict[int, list[_Ment]]] = None
        self._lower_words: Optional[set] = None
        self.in_quote = self._quote_mask()
        self._match_dictionary()
        self._add_ner()
        self._index()
        self._roles()
        self._offices()
        self._groups()
        self._role_mentions()
        self._pronouns()
        self._pairs()

    # ---------------------------------------------------------------- quotes
    def _positions(self, col: np.ndarray, hashes: np.ndarray) -> list[int]:
        """Token indices whose ``col`` value (ORTH or LOWER hash) is one of ``hashes``."""
        if not self.n or not len(hashes):
            return []
        pos = np.searchsorted(hashes, col)  # ``hashes`` is sorted
        pos[pos == len(hashes)] = 0
        return np.flatnonzero(hashes[pos] == col).tolist()

    def _quote_mask(self) -> list[bool]:
        mask = np.zeros(self.n, dtype=bool)
        inside, prev = False, 0
        strings = self.doc.vocab.strings
        for q in self._positions(self.orth, _QUOTE_HASHES):
            if inside:
                mask[prev:q] = True
            txt = strings[int(self.orth[q])]
            if txt == "\u201c":
                inside = True
            elif txt == "\u201d":
                inside = False
            else:
                inside = not inside
            prev = q + 1
        if inside:
            mask[prev:self.n] = True
        # a "quote" running over more than three sentences wraps a whole release: not a quote
        if mask.any():
            cover = mask | self.is_quote
            i = 0
            while i < self.n:
                if not mask[i]:
                    nz = np.flatnonzero(mask[i:])
                    if not len(nz):
                        break
                    i += int(nz[0])
                    continue
                off = np.flatnonzero(~cover[i:])
                j = i + int(off[0]) if len(off) else self.n
                if self.sent_of[j - 1] - self.sent_of[i] > 3:
                    mask[i:j] = False
                i = j
        return mask.tolist()

    # ---------------------------------------------------------------- actors
    def _act_for_entry(self, e: Entry) -> _Act:
        a = self.acts.get(e.id)
        if a is None:
            a = _Act(key=e.id, name=e.name, kind=e.kind, country=e.country, gender=e.gender, entry=e)
            self.acts[e.id] = a
        return a

    def _add_ment(self, m: _Ment) -> None:
        self.ments.append(m)

    def _free(self, i: int, j: int) -> bool:
        return all(k not in self.tok_ment for k in range(i, j))

    def _occupy(self, m: _Ment) -> None:
        for k in range(m.start, m.end):
            self.tok_ment[k] = m

    # ---------------------------------------------------------------- dictionary matching
    def _match_dictionary(self) -> None:
        doc, d = self.doc, self.d
        strings = doc.vocab.strings
        cache: dict[int, str] = {}

        class _Texts:  # normalised token texts, computed only around candidate positions
            def __getitem__(_, sl):
                if isinstance(sl, slice):
                    return [_.get(k) for k in range(*sl.indices(self.n))]
                return _.get(sl)

            def get(_, k):
                t = cache.get(k)
                if t is None:
                    t = cache[k] = _norm(strings[int(self.orth[k])])
                return t

        texts = _Texts()
        cands = self._positions(self.orth, d.first_hashes)
        ci = 0
        i = 0
        while ci < len(cands):
            if cands[ci] < i:
                ci += 1
                continue
            i = cands[ci]
            hit = None
            key: tuple = ()
            for k in range(i, min(i + d.maxlen, self.n)):  # the longest key wins
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
            nxt = doc[i + L] if i + L < self.n else None
            if typ in {"alias", "capital"} and nxt is not None and nxt.text[:1].isupper() and \
                    nxt.pos_ in {"PROPN", "NOUN"} and nxt.lower_ not in d.title_words and \
                    (typ == "capital" or d.entries[val[0]].kind == "location") and \
                    tuple(texts[i + L:i + L + 1]) not in d.alias and not nxt.is_sent_start:
                i += L
                continue  # "Budapest Memorandum", "Geneva Conventions"
            if typ == "alias":
                eid, how = val
                e = d.entries[eid]
                # "Georgia"/"Jordan" style words and the like: a person label from NER wins
                m = _Ment(i, i + L, eid, how, e.kind)
            elif typ == "capital":
                m = _Ment(i, i + L, val, "capital", "capital")
            else:
                m = _Ment(i, i + L, val[0], "surname", "person", sure=False)
                m.cands = val  # type: ignore[attr-defined]
            self._add_ment(m)
            self._occupy(m)
            i += L

    # ---------------------------------------------------------------- NER
    def _add_ner(self) -> None:
        doc, d = self.doc, self.d
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
            # salutations ("Dear Presidents", "Dear Mr. President") are not part of a name
            while s < e and doc[s].lower_.rstrip(".") in _SALUTATIONS:
                s += 1
            if e <= s:
                continue
            if label != "PERSON":
                # an entity cut off mid-phrase ("Internal Affairs of", "Labour and") is noise
                if doc[e - 1].pos_ in {"ADP", "CCONJ", "DET", "PART", "SCONJ"}:
                    continue
                if self._noise(s, e):
                    continue
                p = self._person_inside(s, e)
                if p is not None:
                    if self._free(p, e):
                        m = _Ment(p, e, slugify(doc[p:e].text), "name", "person", sure=False)
                        m.label = "PERSON"  # type: ignore[attr-defined]
                        self._add_ment(m)
                        self._occupy(m)
                    continue
            elif _norm(doc[s:e].text).lower() in d.not_actors:
                continue
            toks = doc[s:e]
            if not self._free(s, e):
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
                nxt = doc[e] if e < self.n else None
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
            text = toks.text
            m = _Ment(s, e, slugify(text), "name", kind, sure=False)
            m.label = label  # type: ignore[attr-defined]
            self._add_ment(m)
            self._occupy(m)

    def _noise(self, s: int, e: int) -> bool:
        """A non-person entity that is no actor: listed in ``not_actors``, or one common word."""
        d, doc = self.d, self.doc
        text = _norm(doc[s:e].text).lower()
        if text in d.not_actors:
            return True
        if e - s == 1:
            low, lemma = doc[s].lower_, doc[s].lemma_.lower()
            if any(w in _ORG_HEADS or w in _FAC_HEADS or w in d.title_words or w in d.group_nouns
                   for w in (low, lemma)):
                return True  # "Government", "Ministry", "Office", "League"
            # a capitalised word the article also writes in lower case ("Health", "Friends")
            if self._lower_words is None:
                lower_rows = self.orth == self.low
                self._lower_words = set(self.low[lower_rows].tolist())
            if int(self.low[s]) in self._lower_words and doc[s].text[:1].isupper() and \
                    not doc[s].text.isupper():
                return True
        return False

    def _person_inside(self, s: int, e: int) -> Optional[int]:
        """Start of a "<given name> <Surname>" ending a non-person entity, else None."""
        doc, d = self.doc, self.d
        for p in range(s, e - 1):
            if doc[p].text not in d.given_names:
                continue
            rest = doc[p + 1:e]
            if len(rest) > 2 or any(not t.text[:1].isupper() or not t.is_alpha and "-" not in t.text for t in rest):
                return None
            last = rest[-1].lower_
            if last in _ORG_HEADS or last in _FAC_HEADS or last in d.title_words or (rest[-1].text,) in d.alias:
                return None
            return p
        return None

    # ---------------------------------------------------------------- linking
    def _is_speech_subject(self, tok: Token) -> bool:
        h = tok
        while h.dep_ in _LINK_DEPS and h.head.i != h.i:
            h = h.head
        if h.dep_ in _SUBJ_DEPS and h.head.lemma_.lower() in self.d.speech_verbs:
            return True
        if h.dep_ == "pobj" and h.head.lower_ in {"by", "from"}:
            g = h.head.head
            return g.lemma_.lower() in self.d.speech_verbs or g.lower_ in self.d.speech_nouns
        return False

    def _title_before(self, i: int) -> bool:
        j = i - 1
        return j >= 0 and self.doc[j].lower_ in self.d.title_or_gendered

    def _index(self) -> None:
        doc, d = self.doc, self.d
        self.ments.sort(key=lambda m: m.start)
        keep: list[_Ment] = []
        full_people = {}  # last token lower -> act key (NER full names)
        dict_people = set()
        for m in self.ments:
            if m.how in {"name", "alias"} and m.kind == "person" and m.key in d.entries:
                dict_people.add(m.key)
        for m in self.ments:
            if getattr(m, "label", None) == "PERSON" and m.end - m.start > 1:
                full_people[doc[m.end - 1].lower_] = m.key
        for m in self.ments:
            span = doc[m.start:m.end]
            if m.kind == "capital":
                cid = m.key
                if self._is_place(m):
                    loc = d.entries.get(slugify(span.text))
                    if loc is None or loc.kind != "location":
                        loc = Entry(id=slugify(span.text), name=span.text, kind="location",
                                    country=d.entries[cid].country)
                    a = self._act_for_entry(loc)
                    m.key, m.kind, m.how = a.key, "location", "name"
                else:
                    a = self._act_for_entry(d.entries[cid])
                    m.key, m.kind, m.how = a.key, "country", "alias"
                keep.append(m)
                continue
            if m.how == "surname":
                cands = [c for c in getattr(m, "cands", [m.key]) if c in dict_people]
                ner_name = any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in span)
                if not cands and (self._title_before(m.start) or ner_name or self._is_speech_subject(span.root)):
                    cands = list(getattr(m, "cands", [m.key]))
                    # a bare capitalised word that NER does not see as a name stays unlinked
                    if not (self._title_before(m.start) or span.root.ent_type_ == "PERSON"
                            or self._is_speech_subject(span.root)):
                        cands = []
                if not cands:
                    continue
                m.key = cands[0]
                self._act_for_entry(d.entries[m.key])
                keep.append(m)
                continue
            if m.key in d.entries and m.how in {"name", "alias"} and not hasattr(m, "label"):
                e = d.entries[m.key]
                self._act_for_entry(e)
                keep.append(m)
                continue
            # NER-only entities
            label = getattr(m, "label", "")
            if label == "PERSON":
                if m.end - m.start == 1:
                    last = span.text.lower()
                    if last in full_people:
                        m.key, m.how = full_people[last], "surname"
                    elif not (self._title_before(m.start) or self._is_speech_subject(span.root)):
                        continue
                elif m.key not in self.acts and doc[m.end - 1].lower_ in full_people:
                    m.key = full_people[doc[m.end - 1].lower_]
                a = self.acts.get(m.key)
                if a is None:
                    name = span.text
                    if m.how == "surname":
                        name = next(doc[x.start:x.end].text for x in self.ments if x.key == m.key)
                    a = _Act(key=m.key, name=name, kind="person")
                    g = self.d.gendered.get(doc[m.start - 1].lower_.rstrip(".")) if m.start else None
                    a.gender = g
                    self.acts[m.key] = a
                keep.append(m)
                continue
            kind = m.kind
            if label in {"GPE", "ORG"} and self._is_speech_subject(span.root) and label == "GPE":
                kind = "organization"
            a = self.acts.get(m.key)
            if a is None:
                a = _Act(key=m.key, name=span.text, kind=kind, country=self._country_in(span))
                self.acts[m.key] = a
            keep.append(m)
        self.ments = keep
        self.tok_ment = {}
        for m in keep:
            self._occupy(m)

    def _country_in(self, span: Span) -> Optional[str]:
        for t in span:
            cid = self.d.demonym.get(t.lower_)
            if cid:
                return self.d.entries[cid].country
            e = self.d.alias.get((_norm(t.text),))
            if e and self.d.entries[e[0]].kind == "country":
                return self.d.entries[e[0]].country
        return None

    def _is_place(self, m: _Ment) -> bool:
        """Is a capital-city mention a place ("talks in Moscow") rather than a government?"""
        doc = self.doc
        tok = doc[m.end - 1]
        h = tok
        while h.dep_ in {"compound", "appos", "conj", "flat"} and h.head.i != h.i:
            h = h.head
        nxt = doc[m.end] if m.end < self.n else None
        if nxt is not None and _norm(nxt.text) in _POSS:
            after = doc[m.end + 1: min(self.n, m.end + 4)]
            return any(t.lower_ in _PLACE_NOUNS for t in after)
        if h.dep_ == "pobj":
            prep = h.head
            if prep.lower_ in _PLACE_PREPS:
                gov = prep.head
                if gov.pos_ in {"NOUN", "PROPN"}:
                    return True
                if gov.lemma_.lower() in self.d.speech_verbs or gov.lemma_ in {"understand", "see", "believe", "view", "perceive", "welcome"}:
                    return False
                if prep.lower_ == "in" and prep.head.lower_ == "including":
                    return False
                return True
            if prep.lower_ in {"to", "from"}:
                return prep.head.lemma_.lower() in _MOTION_VERBS
            return False
        if h.dep_ in _SUBJ_DEPS | {"dobj", "poss", "agent", "dative"}:
            return False
        return h.pos_ != "VERB" and h.dep_ not in {"nsubj"} and h.dep_ in {"npadvmod", "ROOT"}

    # ---------------------------------------------------------------- roles
    def _mention_entity(self, i: int) -> Optional[_Act]:
        m = self.tok_ment.get(i)
        return self.acts.get(m.key) if m else None

    def _title_at(self, i: int, limit: int) -> int:
        """Length of the longest title starting at token i (0 if none)."""
        doc, d = self.doc, self.d
        for L in range(min(d.title_maxlen, limit - i), 0, -1):
            key = tuple(_norm(t.lower_) for t in doc[i:i + L])
            if key in d.titles:
                return L
        return 0

    def parse_role(self, s: int, e: int) -> Optional[tuple[str, Optional[str], list[int]]]:
        """Parse tokens [s, e) as a role phrase: (role text, affiliation act key, title tokens)."""
        doc, d = self.doc, self.d
        while s < e and (doc[s].lower_ in _DETS or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in {")"}):
            e -= 1
        if e <= s:
            return None
        # a possessive person inside: the role is what follows it ("Trump's envoy to Ukraine")
        poss_aff = None
        for k in range(e - 1, s, -1):
            if _norm(doc[k].text) in _POSS:
                owner = self._mention_entity(k - 1)
                if owner is not None and owner.kind == "person":
                    poss_aff = owner
                    s = k + 1
                    break
        # find title start, allowing modifiers / affiliations before it
        aff: Optional[str] = None
        mods: list[Token] = []
        k = s
        tstart = tlen = 0
        while k < e:
            L = self._title_at(k, e)
            if L:
                tstart, tlen = k, L
                # extend with further title words ("Foreign Minister" after "foreign")
                while k + tlen < e:
                    L2 = self._title_at(k + tlen, e)
                    if not L2 or doc[k + tlen].lower_ in {"head", "member"}:
                        break
                    tlen += L2
                break
            t = doc[k]
            act = self._mention_entity(k)
            if act is not None and act.kind in {"country", "organization"}:
                if aff is None:
                    aff = act.key
                m = self.tok_ment[k]
                k = m.end
                if k < e and _norm(doc[k].text) in _POSS:
                    k += 1
                continue
            if t.lower_ in d.demonym:
                cid = d.demonym[t.lower_]
                self._act_for_entry(d.entries[cid]).emit = self.acts[cid].emit if cid in self.acts else False
                if aff is None:
                    aff = cid
                k += 1
                continue
            if t.lower_ in d.modifiers or t.text in {"-"}:
                mods.append(t)
                k += 1
                continue
            return None
        if not tlen:
            return None
        # a role never contains another person's name: in lists ("Director of the FSB
        # Alexander Bortnikov, Director of ... Sergei Naryshkin") the chunk is someone else's
        for q in range(tstart, e):
            if doc[q].lower_ in d.title_or_mod:
                continue  # the small model tags some titles as names ("the Adviser to ...")
            if doc[q].ent_type_ == "PERSON" or doc[q].text in d.given_names:
                return None
            owner = self._mention_entity(q)
            if owner is not None and owner.kind == "person":
                return None
        title_toks = mods + list(doc[tstart:tstart + tlen])
        rest_s = tstart + tlen
        role = " ".join(t.text for t in title_toks).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        if rest_s < e:
            prep = doc[rest_s]
            if prep.lower_ not in {"of", "for", "to", "at", "in"}:
                return None
            q = rest_s + 1
            while q < e and doc[q].lower_ in _DETS:
                q += 1
            obj = self._mention_entity(q)
            m = self.tok_ment.get(q)
            envoy = doc[tstart + tlen - 1].lower_ in _ENVOYS
            if prep.lower_ in {"of", "for"} and obj is not None and m is not None and m.end == e \
                    and obj.kind in {"country", "organization"} and not envoy:
                aff = obj.key
            else:
                role = role + " " + doc[rest_s:e].text
                for q2 in range(rest_s + 1, e):
                    o = self._mention_entity(q2)
                    if o is not None and o.kind == "organization" and not envoy:
                        aff = aff or o.key
                        break
                    if o is not None and o.kind == "country" and doc[q2 - 1].lower_ in {"of", "the"} \
                            and q2 - 1 > rest_s and not envoy and aff is None:
                        aff = o.key  # "aide to the President of the Russian Federation"
                        break
        if aff is None and poss_aff is not None:
            aff = poss_aff.aff_id or (self._country_key(poss_aff.country) if poss_aff.country else None)
        return role, aff, [t.i for t in title_toks]

    def _country_key(self, iso: Optional[str]) -> Optional[str]:
        e = self.d.by_iso.get(iso) if iso else None
        if e is None:
            return None
        self._act_for_entry(e)
        return e.id

    def _left_region(self, i: int) -> tuple[int, int]:
        doc = self.doc
        sent_start = self.sents[self.sent_of[i]].start
        j = i
        while j > sent_start and i - j < 16:
            t = doc[j - 1]
            txt = _norm(t.text)
            if txt in _POSS or txt in {",", "-"} or t.lower_ in self.d.modifiers:
                j -= 1
                continue
            if t.is_punct or t.pos_ in {"VERB", "AUX", "CCONJ", "PRON", "SCONJ", "NUM"} or t.is_quote:
                break
            if t.pos_ == "ADP" and t.lower_ not in {"of", "for", "to"}:
                break
            if t.is_lower and t.lower_ not in self.d.title_or_mod and t.lower_ not in _DETS_OF \
                    and t.lower_ not in self.d.demonym and t.pos_ not in {"ADJ", "NOUN"}:
                break
            j -= 1
        return j, i

    def _role_for(self, m: _Ment) -> Optional[tuple[str, Optional[str]]]:
        doc = self.doc
        # pre-nominal: the region left of the name, by comma chunks, the first with a title
        j, i = self._left_region(m.start)
        chunks, cur = [], []
        for k in range(j, i):
            if doc[k].text == ",":
                if cur:
                    chunks.append(cur)
                cur = []
            else:
                cur.append(k)
        if cur:
            chunks.append(cur)
        root = doc[m.end - 1]
        coordinated = root.dep_ == "conj" or any(c.dep_ in {"cc", "conj"} for c in root.children) or \
            (m.end < self.n and doc[m.end].lower_ == "and")
        for n_ch, ch in enumerate(chunks):
            # a chunk set off by a comma is a title only in apposition, not before "A and B"
            if coordinated and (n_ch < len(chunks) - 1 or doc[i - 1].text == ","):
                continue
            r = self.parse_role(ch[0], ch[-1] + 1)
            if r:
                return r[0], r[1]
        # appositive after the name: ", the spokesperson for the Kremlin,"
        k = m.end
        if k < self.n and doc[k].text == ",":
            q = k + 1
            sent_end = self.sents[self.sent_of[m.start]].end
            while q < sent_end and doc[q].text not in {",", ";", ".", "\u201c", '"', "(", ")"} and \
                    doc[q].pos_ not in {"VERB", "AUX"} and doc[q].lower_ not in {"who", "which", "and"}:
                q += 1
            if q > k + 1:
                r = self.parse_role(k + 1, q)
                if r:
                    return r[0], r[1]
        return None

    def _roles(self) -> None:
        d = self.d
        for m in self.ments:
            a = self.acts.get(m.key)
            if a is None or a.kind != "person" or a.role_from_text:
                continue
            r = self._role_for(m)
            if r:
                a.role, a.aff_id, a.role_from_text = r[0], r[1], True
        for a in list(self.acts.values()):
            if a.kind != "person":
                continue
            dr = a.entry.role_on(self.published) if a.entry else None
            if a.role_from_text:
                if dr and a.aff_id is None and _title_key(dr.get("role", "")).endswith(_title_key(a.role).split()[-1]):
                    aff = d.find(str(dr.get("affiliation", "")))
                    a.aff_id = aff.id if aff else None
                    if aff:
                        self._act_for_entry(aff).emit = self.acts[aff.id].emit if aff.id in self.acts and self._has_mention(aff.id) else False
                if dr and len(a.role.split()) == 1 and _title_key(dr.get("role", "")).startswith(_title_key(a.role)):
                    a.role = dr["role"]
            elif dr:
                a.role = dr.get("role")
                aff = d.find(str(dr.get("affiliation", ""))) if dr.get("affiliation") else None
                if aff:
                    a.aff_id = aff.id
                    if aff.id not in self.acts:
                        self._act_for_entry(aff).emit = False
            if a.aff_id:
                aff = self.acts.get(a.aff_id) or _Act(key=a.aff_id, name=a.aff_id, kind="")
                a.affiliation = aff.name
                if aff.kind == "country":
                    a.country = aff.country
                elif aff.kind == "organization":
                    a.country = aff.country
                elif aff.kind == "person":
                    a.country = aff.country
            elif a.entry is not None:
                a.country = a.entry.country
            if a.gender is None and a.entry is not None:
                a.gender = a.entry.gender
        # persons in possessive before a role (Trump's envoy) may get their affiliation late
        for m in self.ments:
            a = self.acts.get(m.key)
            if a and a.kind == "person" and a.role_from_text and a.affiliation is None:
                pass

    def _offices(self) -> None:
        """A person's office as an organisation: "Ban Ki-moon's press office", "Zelenskyy's office"."""
        doc = self.doc
        for m in list(self.ments):
            a = self.acts.get(m.key)
            if a is None or a.kind != "person" or m.end + 1 >= self.n or _norm(doc[m.end].text) not in _POSS:
                continue
            s = m.end + 1
            L = next((len(p) for p in _OFFICES if tuple(t.lower_ for t in doc[s:s + len(p)]) == p), 0)
            if not L:
                continue
            name = f"{a.name}'s {doc[s:s + L].text}"
            key = slugify(name)
            if key not in self.acts:
                self.acts[key] = _Act(key=key, name=name, kind="organization", country=a.country,
                                      affiliation=a.affiliation)
            om = _Ment(s, s + L, key, "name", "organization")
            self.ments.append(om)
            self._occupy(om)
        self.ments.sort(key=lambda m: m.start)

    def _has_mention(self, key: str) -> bool:
        return any(m.key == key for m in self.ments)

    # ---------------------------------------------------------------- groups
    def _groups(self) -> None:
        """Nationality + collective noun: "the Russian delegation", "Ukrainian troops"."""
        doc, d = self.doc, self.d
        self.group_spans: list[tuple[int, int, list[str]]] = []
        cand = self._positions(self.low, d.group_hashes)
        for t in (doc[i] for i in cand if i not in self.tok_ment):
            if t.lower_ not in d.group_nouns or t.i in self.tok_ment:
                continue
            if t.dep_ in {"compound", "amod"} or (t.i + 1 < self.n and doc[t.i + 1].pos_ in {"NOUN", "PROPN"}
                                                  and doc[t.i + 1].lower_ not in d.group_nouns):
                continue  # "military alliance": not a group
            # walk left over adjectives / demonyms / "and"
            k = t.i
            demonyms: list[tuple[int, str]] = []
            backed = False
            while k > 0:
                p = doc[k - 1]
                low = p.lower_
                if low in _BACKED and k >= 2 and doc[k - 2].text == "-":
                    backed = True
                    k -= 2
                    continue
                if low == "pro" or low.startswith("pro-") or any(low.endswith("-" + b) for b in _BACKED):
                    backed = True
                    k -= 1
                    continue
                cid = d.demonym.get(low)
                ment = self.tok_ment.get(p.i)
                if cid:
                    demonyms.append((p.i, cid))
                    k -= 1
                    continue
                if ment is not None and self.acts.get(ment.key) and self.acts[ment.key].kind == "country" and \
                        p.dep_ in {"compound", "amod", "nmod"}:
                    demonyms.append((p.i, ment.key))
                    k = ment.start
                    continue
                if low in {"and", "-", "pro", "military", "nationalist"} or (p.pos_ == "ADJ" and p.is_lower):
                    k -= 1
                    continue
                break
            if not demonyms:
                continue
            start = k
            while start < t.i and not backed and (doc[start].lower_ in {"and", "-"} or (
                    doc[start].pos_ == "ADJ" and doc[start].is_lower and doc[start].lower_ not in d.demonym)):
                start += 1
            noun = t.text
            keys = []
            coord = len({c for _, c in demonyms}) > 1
            for pos, cid in sorted(demonyms):
                if backed:
                    break
                country = d.entries.get(cid)
                demo = country.demonyms[0] if country and country.demonyms else doc[pos].text
                n = noun
                if coord and t.lemma_ and t.lemma_.lower() in {"delegation", "side", "party", "team"}:
                    n = t.lemma_
                name = f"{demo} {n}" if not coord else f"{demo} {n}"
                key = slugify(name)
                if key not in self.acts:
                    g = _Act(key=key, name=name, kind="group", country=country.country if country else None,
                             affiliation=country.name if country else None, emit=False)
                    self.acts[key] = g
                keys.append(key)
            if not keys:
                # "Russian-backed separatists"
                name = doc[start:t.i + 1].text
                key = slugify(name)
                if key not in self.acts:
                    self.acts[key] = _Act(key=key, name=name, kind="group", emit=False)
                keys = [key]
            if self._is_speech_subject(t):
                for key in keys:
                    self.acts[key].emit = True
            self.group_spans.append((start, t.i + 1, keys))
            if len(keys) == 1:
                m = _Ment(start, t.i + 1, keys[0], "name", "group")
                self.ments.append(m)
                self._occupy(m)
        # "officials in Moscow", "representatives of Ukraine"
        for t in (doc[i] for i in cand if i not in self.tok_ment):
            if t.lower_ not in _OFFICIAL_NOUNS or t.i in self.tok_ment:
                continue
            if t.i + 2 < self.n and doc[t.i + 1].lower_ in {"in", "of", "from"}:
                m = self.tok_ment.get(t.i + 2) or (self.tok_ment.get(t.i + 3) if doc[t.i + 2].lower_ == "the" else None)
                if m is None:
                    continue
                a = self.acts.get(m.key)
                if a is None or a.kind not in {"country", "location"} or not a.country:
                    continue
                if m.end < self.n and doc[m.end].lower_ == "and":
                    continue  # "representatives of the United States and Ukraine": a joint group
                ce = next((e for e in self.d.entries.values() if e.kind == "country" and e.country == a.country), None)
                if ce is None or not ce.demonyms:
                    continue
                name = f"{ce.demonyms[0]} {t.text}"
                key = slugify(name)
                if key not in self.acts:
                    self.acts[key] = _Act(key=key, name=name, kind="group", country=ce.country,
                                          affiliation=ce.name, emit=False)
                if self._is_speech_subject(t):
                    self.acts[key].emit = True
                mm = _Ment(t.i, t.i + 1, key, "name", "group")
                self.ments.append(mm)
                self._occupy(mm)
        self.ments.sort(key=lambda m: m.start)

    # ---------------------------------------------------------------- role-only mentions
    def _role_key_of(self, a: _Act) -> Optional[tuple[str, Optional[str]]]:
        if not a.role:
            return None
        return _title_key(a.role), a.aff_id

    def match_role(self, role: str, aff: Optional[str], *, create: bool) -> Optional[_Act]:
        """The person of the article holding ``role`` (for ``aff``), else the dictionary's holder."""
        rk = _title_key(role)
        head = rk.split(" of ")[0].split(" to ")[0].split(" for ")[0]
        people = [a for a in self.acts.values() if a.kind == "person" and a.role]
        exact = [a for a in people if _title_key(a.role) == rk and (aff is None or a.aff_id == aff)]
        if not exact:
            exact = [a for a in people if _title_key(a.role).split(" of ")[0].split(" to ")[0].split(" for ")[0] == head
                     and (aff is None or a.aff_id == aff) and (aff is not None or " " not in head or True)]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            counts = {a.key: sum(1 for m in self.ments if m.key == a.key) for a in exact}
            best = sorted(exact, key=lambda a: -counts[a.key])
            if counts[best[0].key] > counts[best[1].key]:
                return best[0]
            return None
        if aff is None or not create:
            return None
        hs = self.d.holders(role, aff, self.published)
        if len(hs) != 1:
            return None
        a = self._act_for_entry(hs[0])
        a.emit = True
        if not a.role:
            a.role, a.aff_id = hs[0].role_on(self.published).get("role"), aff
            a.affiliation = self.acts[aff].name if aff in self.acts else None
            affa = self.acts.get(aff)
            a.country = affa.country if affa else hs[0].country
        return a

    def _role_mentions(self) -> None:
        """Role phrases without a name: "the Kremlin's spokesperson", "The President of France"."""
        doc, d = self.doc, self.d
        for s, e, root in self._title_chunks():
            if any(k in self.tok_ment and self.acts.get(self.tok_ment[k].key, _Act("", "", "")).kind == "person"
                   for k in range(s, e)):
                continue
            if root.tag_ in {"NNS", "NNPS"} or root.lower_ not in d.title_words:
                continue
            # extend with a following "of/for X" prepositional phrase
            ee = e
            if ee < self.n and doc[ee].lower_ in {"of", "for", "to"}:
                for child in root.children:
                    if child.dep_ == "prep" and child.i == ee:
                        ee = child.right_edge.i + 1
            # do not take over a following name ("President Putin" is handled by names)
            if ee < self.n and ee in self.tok_ment and self.acts.get(self.tok_ment[ee].key, _Act("", "", "")).kind == "person":
                continue
            r = self.parse_role(s, ee)
            if not r:
                continue
            role, aff, title_idx = r
            if doc[s].lower_ != "the" and aff is None:
                continue
            a = self.match_role(role, aff, create=aff is not None)
            if a is None:
                continue
            first = min(title_idx)
            last = max(title_idx) + 1
            # the mention spans the title words (not the affiliation's own mention)
            if any(k in self.tok_ment for k in range(first, last)):
                continue
            m = _Ment(first, last, a.key, "role", "person")
            m.phrase = (s, ee)  # type: ignore[attr-defined]
            self.ments.append(m)
            self._occupy(m)
        self.ments.sort(key=lambda m: m.start)

    def _title_chunks(self) -> list[tuple[int, int, Token]]:
        """The noun chunks (``doc.noun_chunks``) whose root is a title word, as (start, end, root).

        spaCy's English chunker visits every token in Python; here only the tokens that are
        title words are looked at, with the chunker's own rules (noun root, clause-level
        dependency or coordinated with one, no nesting inside an earlier chunk).
        """
        if not self.n or not self.doc.has_annotation("DEP"):
            return []
        out = []
        for i in self._positions(self.low, self.d.title_hashes):
            w = self.doc[i]
            if not self._chunk_root(w):
                continue
            left = w.left_edge.i
            if any(self._chunk_root(self.doc[k]) for k in range(left, i)):
                continue  # an earlier chunk starts inside this one's left edge
            out.append((left, i + 1, w))
        return out

    @staticmethod
    def _chunk_root(w: Token) -> bool:
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

    # ---------------------------------------------------------------- pronouns
    def _subject_like(self, tok: Token) -> bool:
        h = tok
        while h.dep_ in _LINK_DEPS and h.head.i != h.i:
            h = h.head
        if h.dep_ in _SUBJ_DEPS:
            return True
        return h.dep_ == "pobj" and h.head.dep_ == "agent"

    def _clause_verbs(self, tok: Token) -> set[int]:
        out, h = set(), tok
        while h.head.i != h.i:
            h = h.head
            if h.pos_ in {"VERB", "AUX"}:
                out.add(h.i)
                if h.dep_ in {"ccomp", "advcl", "relcl", "ROOT", "conj", "parataxis"}:
                    break
        return out

    def _pronouns(self) -> None:
        doc = self.doc
        self.pron: dict[int, str] = {}
        for i in self._positions(self.low, self.d.pron_hashes):
            if self.in_quote[i] or i in self.tok_ment:
                continue
            t = doc[i]
            low = t.lower_
            if low in _PERSON_PRON:
                a = self.antecedent(t, gender=_PERSON_PRON[low])
            elif low in _IT_PRON:
                if t.dep_ == "expl" or (t.dep_ == "nsubjpass") or (low == "it" and t.dep_ == "nsubj" and
                                                                   any(c.dep_ in {"ccomp", "xcomp", "acomp"} for c in t.head.children) and t.head.lemma_ == "be"):
                    continue
                a = self.antecedent(t, gender=None, kinds={"organization", "country"})
            else:
                continue
            if a is None:
                continue
            self.pron[t.i] = a.key
            m = _Ment(t.i, t.i + 1, a.key, "pronoun", a.kind)
            self.ments.append(m)
            self._occupy(m)
            self._by_sent_index().setdefault(self.sent_of[t.i], []).append(m)
        self.ments.sort(key=lambda m: m.start)
        self._by_sent = None  # rebuilt on demand, in text order
        self.starts = [m.start for m in self.ments]

    def antecedent(self, tok: Token, *, gender: Optional[str], kinds: Iterable[str] = ("person",)) -> Optional[_Act]:
        kinds = set(kinds)
        si = self.sent_of[tok.i]
        banned: set[int] = set()
        if tok.lower_ in _OBJ_PRON:
            banned = self._clause_verbs(tok)
        best = None
        for back in range(0, 4):
            s_idx = si - back
            if s_idx < 0:
                break
            cands = []
            for m in self._by_sent_index().get(s_idx, ()):
                if back == 0 and m.start >= tok.i:
                    continue
                a = self.acts.get(m.key)
                if a is None or a.kind not in kinds:
                    continue
                if gender and a.gender and a.gender != gender:
                    continue
                if "person" in kinds and a.kind == "person" and gender and not a.gender and a.role is None and a.entry is None:
                    pass
                root = self.doc[m.end - 1]
                subj = self._subject_like(root)
                if subj and banned and root.head.i in banned and self._head_verb(root) in banned:
                    continue
                if self.in_quote[m.start]:
                    continue
                cands.append((subj, m.start, a))
            if cands:
                subj = [c for c in cands if c[0]]
                pool = subj or cands
                best = max(pool, key=lambda c: c[1])[2] if back == 0 else (min(pool, key=lambda c: c[1])[2] if subj else max(pool, key=lambda c: c[1])[2])
                break
        return best

    def _by_sent_index(self) -> dict[int, list[_Ment]]:
        """Mentions by sentence index (built once, kept up to date by _pronouns)."""
        if self._by_sent is None:
            self._by_sent = {}
            for m in self.ments:
                self._by_sent.setdefault(self.sent_of[m.start], []).append(m)
        return self._by_sent

    def _head_verb(self, tok: Token) -> int:
        h = tok
        while h.head.i != h.i and h.pos_ not in {"VERB", "AUX"}:
            h = h.head
        return h.i

    # ---------------------------------------------------------------- coordinations
    def _pairs(self) -> None:
        """Conjoined actors ("Putin and Macron", "Ukrainian and Russian delegations"), in text order."""
        doc = self.doc
        self.pairs: list[tuple[int, list[str]]] = []
        by_tok = self.tok_ment
        # tokens of mentions attached as conjuncts: the only ones a coordination can add
        conj_by_sent: dict[int, list[Token]] = {}
        for k in sorted(by_tok):
            c = doc[k]
            if c.dep_ == "conj":
                conj_by_sent.setdefault(self.sent_of[k], []).append(c)
        for m in self.ments:
            if m.how == "pronoun":
                continue
            r = doc[m.end - 1]
            if r.dep_ == "conj":
                continue
            keys = [m.key]
            for c in conj_by_sent.get(self.sent_of[r.i], ()):
                if c.i < m.end or not r.is_ancestor(c):
                    continue
                if c.i in by_tok:
                    h = c.head
                    if h.i in range(m.start, m.end) or (h.i in by_tok and by_tok[h.i].key in keys):
                        k2 = by_tok[c.i].key
                        if k2 not in keys:
                            keys.append(k2)
            if len(keys) > 1:
                kinds = {self.acts[k].kind for k in keys if k in self.acts}
                if len(kinds) == 1 or kinds <= {"country", "group", "organization"}:
                    self.pairs.append((m.start, keys))
        for gs, ge, keys in self.group_spans:
            if len(keys) > 1:
                self.pairs.append((gs, list(keys)))
        # surface "A and [Ukraine's] [President] B" where the parse fails
        heads = [m for m in self.ments if m.how != "pronoun" and not self._is_modifier(m)]
        seen = {p[0] for p in self.pairs}
        for m1, m2 in zip(heads, heads[1:]):
            a1, a2 = self.acts.get(m1.key), self.acts.get(m2.key)
            if a1 is None or a2 is None or a1.key == a2.key or a1.kind != a2.kind or m1.start in seen:
                continue
            if self.sent_of[m1.start] != self.sent_of[m2.start]:
                continue
            words = [t.lower_ for t in doc[m1.end:m2.start]
                     if not (t.i in by_tok or t.is_punct or _norm(t.text) in _POSS)]
            words = [w for w in words if w not in self.d.title_or_mod and w not in _DETS]
            if words == ["and"]:
                self.pairs.append((m1.start, [a1.key, a2.key]))
            elif a1.kind == "country" and m2.start == m1.end + 1 and doc[m1.end].text in _PAIR_DASHES \
                    and not doc[m1.end].whitespace_ and not doc[m1.end - 1].whitespace_:
                self.pairs.append((m1.start, [a1.key, a2.key]))  # "Russia–Ukraine talks"
        self.pairs.sort(key=lambda p: p[0])

    def _is_modifier(self, m: _Ment) -> bool:
        """A country/organisation mention modifying a title ("Ukraine's President", "U.S. President")."""
        a = self.acts.get(m.key)
        if a is None or a.kind not in {"country", "organization"}:
            return False
        k = m.end
        if k < self.n and _norm(self.doc[k].text) in _POSS:
            k += 1
        while k < self.n and self.doc[k].lower_ in self.d.modifiers:
            k += 1
        return k < self.n and self.doc[k].lower_ in self.d.title_words

    # ---------------------------------------------------------------- output
    def result(self) -> tuple[list[Actor], list[Mention]]:
        doc = self.doc
        text = doc.text  # Doc.text joins every token: compute it once
        counts: dict[str, int] = {}
        mentions = []
        for m in self.ments:
            a = self.acts.get(m.key)
            if a is None:
                continue
            first, last = doc[m.start], doc[m.end - 1]
            sc, ec = first.idx, last.idx + len(last.text)
            mentions.append(Mention(actor_id=slugify(a.name), text=text[sc:ec], start_char=sc,
                                    end_char=ec, sent_id=self.sent_of[m.start], how=m.how))
            counts[a.key] = counts.get(a.key, 0) + 1
        actors = []
        for a in self.acts.values():
            if not counts.get(a.key):
                continue
            if a.kind == "group" and not a.emit:
                continue
            actors.append(self.to_actor(a, counts[a.key]))
        actors.sort(key=lambda x: x.actor_id)
        # only mentions of emitted actors
        emitted = {x.actor_id for x in actors}
        mentions = [m for m in mentions if m.actor_id in emitted]
        n_by_id: dict[str, int] = {}
        for m in mentions:
            n_by_id[m.actor_id] = n_by_id.get(m.actor_id, 0) + 1
        for x in actors:
            x.n_mentions = n_by_id.get(x.actor_id, 0)
        return actors, mentions

    def to_actor(self, a: _Act, n: int = 0) -> Actor:
        country = a.country
        if a.kind == "country" and a.entry is not None:
            country = a.entry.country
        return Actor(actor_id=slugify(a.name), name=a.name, kind=a.kind if a.kind else "organization",
                     role=a.role, affiliation=a.affiliation, country=country, n_mentions=n)


# ---------------------------------------------------------------------------------------------
# the resolver


class ActorResolver:
    """Maps spans of the article text to actors (see :class:`toolkit.types.SpeakerResolver`).

    Contract: when a span resolves to an actor that has no row yet (a holder taken from the
    dictionary for a role phrase such as "the President of France", or a group that turns out
    to speak), ``resolve`` appends that actor to the ``ActorResult.actors`` list it was built
    with, so read ``ar.actors`` after the statements and events extractors have run.

    Example:
        >>> from toolkit.models import load_pipeline
        >>> doc = load_pipeline()("Vladimir Putin and Emmanuel Macron spoke. The leaders agreed.")
        >>> r = extract_actors(doc, published=None).resolver
        >>> r.resolve(0, 34).name
        'Vladimir Putin and Emmanuel Macron'
    """

    def __init__(self, art: _Article, result: ActorResult):
        self._art = art
        self._result = result
        self._cache: dict[tuple[int, int], Optional[ResolvedActor]] = {}

    # public -------------------------------------------------------------------------------
    def resolve(self, start_char: int, end_char: int) -> Optional[ResolvedActor]:
        """The actor a span of the text refers to, or None."""
        key = (start_char, end_char)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(start_char, end_char)
            except Exception:  # never let a strange span crash a caller
                self._cache[key] = None
        return self._cache[key]

    # internals ----------------------------------------------------------------------------
    def _ra(self, a: _Act, how: str) -> ResolvedActor:
        self._ensure_listed(a)
        return ResolvedActor(actor_id=slugify(a.name), name=a.name, how=how)

    def _ensure_listed(self, a: _Act) -> None:
        if a.kind == "group" and not a.emit:
            return  # an unnamed collective is a row only when it speaks
        aid = slugify(a.name)
        if any(x.actor_id == aid for x in self._result.actors):
            return
        self._result.actors.append(self._art.to_actor(a, 1))

    def _joint(self, acts: list[_Act], how: str) -> Optional[ResolvedActor]:
        seen, uniq = set(), []
        for a in acts:
            if a.key not in seen:
                seen.add(a.key)
                uniq.append(a)
        if len(uniq) < 2:
            return self._ra(uniq[0], how) if uniq else None
        for a in uniq:
            self._ensure_listed(a)
        return ResolvedActor(actor_id="+".join(slugify(a.name) for a in uniq),
                             name=" and ".join(a.name for a in uniq), how=how)

    def _resolve(self, start_char: int, end_char: int) -> Optional[ResolvedActor]:
        art = self._art
        doc = art.doc
        if not len(doc) or end_char <= start_char:
            return None
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or not len(span):
            return None
        s, e = span.start, span.end
        while s < e and (doc[s].is_punct or doc[s].is_space):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if e <= s:
            return None
        span = doc[s:e]
        # 1. a single pronoun
        if e - s == 1:
            t = doc[s]
            if t.i in art.pron:
                return self._ra(art.acts[art.pron[t.i]], "pronoun")
            if t.lower_ in _PERSON_PRON:
                a = art.antecedent(t, gender=_PERSON_PRON[t.lower_])
                return self._ra(a, "pronoun") if a else None
            if t.lower_ in _PLURAL_PRON:
                return self._plural(s, person=False, how="pronoun")
            if t.lower_ in _IT_PRON:
                a = art.antecedent(t, gender=None, kinds={"organization", "country"})
                return self._ra(a, "pronoun") if a else None
        # 2. the mentions inside the span, top-level ones first
        top = self._top_mentions(s, e)
        conj = self._conjoined(top)
        if conj:
            return self._joint(conj, "name")
        if top:
            people = [(m, a) for m, a in top if a.kind == "person"]
            m, a = (people or top)[0]
            return self._ra(a, m.how)
        # 3. a group phrase
        for gs, ge, keys in art.group_spans:
            if gs >= s and ge <= e:
                acts = [art.acts[k] for k in keys]
                if art._is_speech_subject(doc[ge - 1]):
                    for a in acts:
                        a.emit = True
                if len(acts) > 1:
                    return self._joint(acts, "name")
                return self._ra(acts[0], "name")
        # 4. a role phrase without a name
        low = {t.lower_ for t in span}
        root = span.root
        if root.tag_ in {"NNS", "NNPS"} and root.lemma_.lower() in art.d.title_words:
            people = [a for a in art.acts.values() if a.kind == "person" and a.role
                      and _title_key(a.role).split()[-1] == _title_key(root.lemma_)]
            if len(people) >= 2:
                r = self._plural(s, person=True, how="role", among={a.key for a in people})
                if r is not None:
                    return r
                first = {a.key: min(m.start for m in art.ments if m.key == a.key) for a in people}
                return self._joint(sorted(people, key=lambda a: first[a.key]), "role")
        if root.lower_ in _JOINT_PERSON_NOUNS or root.lower_ in _JOINT_ANY_NOUNS or (low & {"both"}):
            if root.lower_ in {"presidents", "leaders", "politicians", "heads", "ministers"} or \
                    root.lower_ in _JOINT_PERSON_NOUNS:
                return self._plural(s, person=True, how="role")
            return self._plural(s, person=False, how="role", sides=root.lower_ in _SIDE_NOUNS)
        r = art.parse_role(s, e)
        if r:
            a = art.match_role(r[0], r[1], create=r[1] is not None)
            if a:
                return self._ra(a, "role")
        return None

    def _top_mentions(self, s: int, e: int) -> list[tuple[_Mention_t, _Act]]:  # type: ignore[name-defined]
        """Mentions inside [s, e) that can be the referent (not an affiliation of a role)."""
        art, doc = self._art, self._art.doc
        seen, out, ranked = set(), [], []
        lo, hi = bisect.bisect_left(art.starts, s), bisect.bisect_left(art.starts, e)
        for m in art.ments[lo:hi]:
            if m.start < s or m.end > e or id(m) in seen:
                continue
            seen.add(id(m))
            a = art.acts.get(m.key)
            if a is None:
                continue
            # possessive: "Trump's envoy ..." (role noun follows): an affiliation, not the referent
            nxt = doc[m.end] if m.end < len(doc) else None
            if nxt is not None and _norm(nxt.text) in _POSS and m.end + 1 < e:
                after = doc[m.end + 1]
                j = m.end + 1
                while j < e and (doc[j].lower_ in art.d.modifiers or doc[j].lower_ in art.d.title_words
                                 or doc[j].pos_ == "ADJ"):
                    j += 1
                if j > m.end + 1 and any(doc[q].lower_ in art.d.title_words for q in range(m.end + 1, j)):
                    continue  # "the Kremlin's spokesperson" / "Trump's envoy"
                if after.lower_ in art.d.title_words:
                    continue
                if m.end + 1 in art.tok_ment and art.tok_ment[m.end + 1].end <= e:
                    continue  # "Ban Ki-moon's press office": the office speaks
            # inside a prepositional phrase of a role ("the spokesperson for the Kremlin")
            prev = doc[m.start - 1] if m.start > 0 else None
            if prev is not None and m.start > s:
                p = m.start - 1
                while p > s and doc[p].lower_ in _DETS:
                    p -= 1
                if doc[p].lower_ in {"of", "for", "to", "in", "at", "with", "from"} and p > s:
                    continue
            # a nationality / country modifying a title ("U.S. President Donald Trump")
            if a.kind in {"country", "organization"} and m.end < e and \
                    any(doc[q].lower_ in art.d.title_words for q in range(m.end, min(e, m.end + 3))):
                continue
            ranked.append((m, a))
        # the appositive name of a titled head wins: "X's envoy to Ukraine, Keith Kellogg"
        return ranked

    def _conjoined(self, top: list) -> list[_Act]:
        art, doc = self._art, self._art.doc
        if len(top) < 2:
            return []
        acts = []
        for i, (m, a) in enumerate(top):
            if i == 0:
                acts.append(a)
                continue
            pm = top[i - 1][0]
            between = doc[pm.end:m.start]
            words = [t.lower_ for t in between if not t.is_punct and _norm(t.text) not in _POSS]
            words = [w for w in words if w not in art.d.title_words and w not in art.d.modifiers
                     and w not in _DETS and w not in art.d.demonym]
            if "and" in words and all(w in {"and", "both"} for w in words):
                acts.append(a)
            elif a.key == acts[-1].key:
                continue
            else:
                return []
        keys = {a.key for a in acts}
        return acts if len(keys) > 1 else []

    def _plural(self, s: int, *, person: bool, how: str, among: Optional[set] = None,
                sides: bool = False) -> Optional[ResolvedActor]:
        """'The parties', 'both sides', 'the leaders', 'they': the main conjoined pair before s.

        Pairs of people win over other pairs (with ``sides``, for "the two sides", "the
        parties", pairs of countries, delegations and organisations win over pairs of
        people), then the pair named most often, then the most recent; the names come in
        the order of the pair's first occurrence.
        """
        art = self._art
        stats: dict[frozenset, list] = {}
        for pos, keys in art.pairs:
            if pos >= s:
                break
            acts = [art.acts[k] for k in keys if k in art.acts]
            if len(acts) < 2:
                continue
            is_person = all(a.kind == "person" for a in acts)
            if (person and not is_person) or (among is not None and not set(keys) <= among):
                continue
            fs = frozenset(keys)
            st = stats.setdefault(fs, [is_person, 0, pos, acts])
            st[1] += 1
            st[2] = pos
        if stats:
            best = max(stats.values(), key=lambda v: (v[0] != sides, v[1], v[2]))
            return self._joint(best[3], how)
        if among is not None:
            return None
        # the two people (or actors; with ``sides``, countries, groups or organisations
        # first) of the nearest sentence naming exactly two
        si = art.sent_of[s]
        kinds_tried = ([{"country", "group", "organization"}] if sides else []) + \
            [{"person"} if person else {"person", "group"}]
        for kinds in kinds_tried:
            for k in range(si, max(-1, si - 6), -1):
                acts = []
                for m in art._by_sent_index().get(k, ()):
                    if m.start >= s or m.how == "pronoun":
                        continue
                    a = art.acts.get(m.key)
                    if a and a.kind in kinds and a not in acts:
                        acts.append(a)
                if len(acts) == 2:
                    return self._joint(acts, how)
        return None


_Mention_t = _Ment


# ---------------------------------------------------------------------------------------------
# entry point


def extract_actors(doc: Doc, *, published: Optional[dt.date] = None,
                   dictionary: Union[None, str, Path, Mapping, ActorDictionary] = None) -> ActorResult:
    """Actors of a parsed article, their mentions, and a resolver for spans.

    Args:
        doc: the spaCy ``Doc`` of the article body.
        published: publication date; picks the office holders of the dictionary
            ("the President of France" on that day) and the roles of named people.
        dictionary: None for the packaged dictionary, or a path / mapping in the format of
            ``toolkit/data/actors.yaml`` whose entries are added to it.

    Returns:
        ``ActorResult(actors, mentions, resolver)``: one :class:`Actor` per real-world actor
        (sorted by ``actor_id``), the :class:`Mention` records in text order, and an
        :class:`ActorResolver`.

    Example:
        >>> from toolkit.models import load_pipeline
        >>> doc = load_pipeline()("Ukraine's Foreign Minister, Andrii Sybiha, spoke on Friday.")
        >>> [(a.actor_id, a.role, a.country) for a in extract_actors(doc).actors if a.kind == "person"]
        [('andrii-sybiha', 'Foreign Minister', 'UA')]
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        published = _date(published)
    d = load_dictionary(dictionary)
    art = _Article(doc, d, published)
    actors, mentions = art.result() if len(doc) else ([], [])
    res = ActorResult(actors=actors, mentions=sorted(mentions, key=lambda m: (m.start_char, m.end_char)))
    res.resolver = ActorResolver(art, res)
    return res
