"""The reporting-word lexicon: the ``Lexicon`` dataclass, reading and merging the YAML files
(``toolkit/data/reporting_verbs.yaml`` plus user extensions) and ``load_lexicon``, which turns
a path, a mapping or None into a cached ``Lexicon``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from ..paths import LEXICON_DIR
from ..yamlfiles import read_mapping

DEFAULT_LEXICON = LEXICON_DIR / "reporting_verbs.yaml"

LexiconLike = Union[str, Path, Mapping[str, Any], None]


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """The reporting-word lexicon (see ``toolkit/data/reporting_verbs.yaml``)."""

    verb_class: Mapping[str, str]
    topic_verbs: frozenset
    addressee_object: frozenset
    no_object_content: frozenset
    infinitive: frozenset
    content_preps: Mapping[str, frozenset]
    stance_nouns: frozenset
    adjective_cues: frozenset
    noun_class: Mapping[str, str]
    light_verbs: frozenset
    speech_nouns: frozenset
    spelling: Mapping[str, str]
    source_nouns: frozenset = frozenset()
    document_verbs: frozenset = frozenset()
    document_nouns: frozenset = frozenset()
    as_verbs: frozenset = frozenset()
    impersonal: frozenset = frozenset()
    inner_cues: frozenset = frozenset()
    question_verbs: frozenset = frozenset()
    utterance_nouns: frozenset = frozenset()
    publish_verbs: frozenset = frozenset()
    kinds: Mapping[str, str] = field(default_factory=dict)
    _normalized: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def normalize(self, lemma: str) -> str:
        """American spelling of a cue lemma ("emphasise" -> "emphasize")."""
        out = self._normalized.get(lemma)
        if out is None:
            out = self._normalized[lemma] = self._normalize(lemma)
        return out

    def _normalize(self, lemma: str) -> str:
        lemma = lemma.lower()
        if lemma in self.spelling:
            return self.spelling[lemma]
        for suf, rep in (("ise", "ize"), ("isation", "ization"), ("our", "or")):
            if lemma.endswith(suf):
                alt = lemma[: -len(suf)] + rep
                if alt in self.verb_class or alt in self.noun_class:
                    return alt
        return lemma

    def cue_class(self, cue: Optional[str]) -> Optional[str]:
        if not cue:
            return None
        return self.verb_class.get(cue) or self.noun_class.get(cue)

    def kind(self, cue: Optional[str]) -> str:
        """The kind of attribution a cue makes (``speech``, ``belief``, ``intention``,
        ``perception``): listed in ``kinds``, else by class (``cognitive`` -> belief,
        ``intention`` -> intention), else speech."""
        if cue and cue in self.kinds:
            return self.kinds[cue]
        return _CLASS_KINDS.get(self.cue_class(cue) or "", "speech")


#: The kind of attribution of a cue class, unless ``kinds`` in the lexicon says otherwise.
_CLASS_KINDS = {"cognitive": "belief", "intention": "intention"}
#: The values ``kinds`` may map a cue to.
KINDS = ("speech", "belief", "intention", "perception")


def _merge_raw(base: dict, extra: Mapping[str, Any]) -> dict:
    out = {k: (dict(v) if isinstance(v, Mapping) else list(v) if isinstance(v, list) else v)
           for k, v in base.items()}
    for key, val in extra.items():
        if key == "replace":
            continue
        if isinstance(val, Mapping):
            cur = out.setdefault(key, {})
            for k2, v2 in val.items():
                if isinstance(v2, list) and isinstance(cur.get(k2), list):
                    cur[k2] = cur[k2] + [x for x in v2 if x not in cur[k2]]
                else:
                    cur[k2] = v2
        elif isinstance(val, list):
            cur = out.setdefault(key, [])
            out[key] = cur + [x for x in val if x not in cur]
        else:
            out[key] = val
    return out


def _build_lexicon(raw: Mapping[str, Any]) -> Lexicon:
    def fs(key: str) -> frozenset:
        return frozenset(str(x).lower() for x in (raw.get(key) or []))

    verb_class = {str(lem).lower(): cls for cls, lems in (raw.get("classes") or {}).items()
                  for lem in (lems or [])}
    verb_class.setdefault("according to", "neutral")
    for lem in raw.get("document_verbs") or []:
        verb_class.setdefault(str(lem).lower(), "informing")
    noun_class = {str(lem).lower(): cls for cls, lems in (raw.get("noun_cues") or {}).items()
                  for lem in (lems or [])}
    preps = {str(k).lower(): frozenset(str(p).lower() for p in (v or []))
             for k, v in (raw.get("content_preps") or {}).items()}
    spelling = {str(k).lower(): str(v).lower() for k, v in (raw.get("spelling") or {}).items()}
    kinds = _kinds(raw.get("kinds") or {})
    return Lexicon(verb_class=verb_class, topic_verbs=fs("topic_verbs"),
                   addressee_object=fs("addressee_object"),
                   no_object_content=fs("no_object_content"), infinitive=fs("infinitive"),
                   content_preps=preps, stance_nouns=fs("stance_nouns"),
                   adjective_cues=fs("adjective_cues"), noun_class=noun_class,
                   light_verbs=fs("light_verbs"), speech_nouns=fs("speech_nouns"),
                   spelling=spelling, source_nouns=fs("source_nouns"),
                   document_verbs=fs("document_verbs"), document_nouns=fs("document_nouns"),
                   as_verbs=fs("as_verbs"), impersonal=fs("impersonal"),
                   inner_cues=fs("inner_cues"), question_verbs=fs("question_verbs"),
                   utterance_nouns=fs("utterance_nouns"), publish_verbs=fs("publish_verbs"),
                   kinds=kinds)


def _kinds(raw: Mapping[str, Any]) -> dict[str, str]:
    """``kinds: {belief: [...], ...}`` -> cue -> kind, checking the kind names."""
    out = {}
    for kind, lems in raw.items():
        if kind not in KINDS:
            raise ValueError(f"reporting-verb lexicon: kinds has {kind!r}; the kinds are "
                             f"{', '.join(KINDS)} (fix the key under 'kinds:')")
        out.update({str(lem).lower(): kind for lem in (lems or [])})
    return out


@functools.lru_cache(maxsize=16)
def _load_yaml(path: str) -> dict:
    return read_mapping(path, what="reporting-verb")


@functools.lru_cache(maxsize=16)
def _lexicon_from_path(path: Optional[str]) -> Lexicon:
    base = _load_yaml(str(DEFAULT_LEXICON))
    if path is None:
        return _build_lexicon(base)
    extra = _load_yaml(path)
    return _build_lexicon(extra if extra.get("replace") else _merge_raw(base, extra))


def load_lexicon(lexicon: LexiconLike = None) -> Lexicon:
    """Load the reporting-word lexicon (cached), optionally extended by a user's YAML.

    Args:
        lexicon: ``None`` for the built-in lexicon; a path to a YAML file with the same
            keys, whose lists are added to the built-in ones (or replace them when the
            file sets ``replace: true``); or a mapping of the same shape.

    Example:
        >>> load_lexicon().cue_class("emphasize")
        'emphatic'
    """
    if lexicon is None:
        return _lexicon_from_path(None)
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        base = _load_yaml(str(DEFAULT_LEXICON))
        return _build_lexicon(lexicon if lexicon.get("replace") else _merge_raw(base, lexicon))
    return _lexicon_from_path(str(Path(lexicon).resolve()))
