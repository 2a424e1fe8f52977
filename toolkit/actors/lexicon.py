"""Word lists and small text helpers shared by the actor passes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any, Iterable, Optional

import numpy as np
from spacy.strings import hash_string

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
            ("administration",), ("government",), ("cabinet",), ("chancellery",), ("campaign",),
            ("presidential", "campaign"), ("team",), ("campaign", "team")]
#: A person's campaign or team speaks as an organisation named "<surname> campaign".
_CAMPAIGNS = {"campaign", "team"}
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

