"""The actor dictionary: known actors, countries and places, and their lookup indexes."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from ..paths import LEXICON_DIR
from ..yamlfiles import read_mapping
from .lexicon import (_IT_PRON, _OFFICIAL_NOUNS, _PERSON_PRON, _date, _hashes, _lower, _norm, _title_key,
                      _toks, slugify)


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
        self.kin_nouns = {str(v).lower() for v in data.get("kin_nouns") or []}
        self.anaphoric_roles = {str(v).lower() for v in data.get("anaphoric_roles") or []}
        self.org_role_nouns = {str(k).lower(): {str(w).lower() for w in (v or [])}
                               for k, v in (data.get("org_role_nouns") or {}).items()}
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

