"""Name words shared by the actor resolver (:mod:`toolkit.actors`) and corpus identity
(:mod:`toolkit.identity`): honorifics and the gender they imply, name suffixes and the
generational ones among them that name another person ("Jr."), the small words an acronym
skips, the heads of "Department of X" names, and the forms titles and role heads are
compared as ("sen" -> "senator"). One YAML file,
``toolkit/data/names.yaml``, so both read the same lists.

Example:
    >>> load_names().honorifics["mrs"]
    'female'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Union

from .paths import LEXICON_DIR
from .yamlfiles import read_mapping

NAMES_PATH = LEXICON_DIR / "names.yaml"


@dataclass(frozen=True, eq=False)  # hashed by identity: callers cache per lexicon
class NameWords:
    """The word lists of ``names.yaml``."""

    honorifics: Mapping[str, Optional[str]]  # word -> "female" / "male" / None
    suffixes: frozenset
    function_words: frozenset
    heads: frozenset
    title_forms: Mapping[str, str] = field(default_factory=dict)  # "sen" -> "senator"; optional key
    courtesy_titles: frozenset = frozenset({"mr", "mrs", "ms", "miss"})  # optional key
    generational: frozenset = frozenset({"jr", "sr", "ii", "iii", "iv"})  # optional key


@functools.lru_cache(maxsize=4)
def load_names(path: Union[str, Path] = NAMES_PATH) -> NameWords:
    """The name word lists (cached). Raises ``ValueError`` naming the file when malformed."""
    data = read_mapping(path, what="name-words")
    try:
        hon = {w.lower(): (None if g == "none" else g) for g, ws in data["honorifics"].items() for w in ws}
        forms = {str(k).lower(): str(v).lower() for k, v in (data.get("title_forms") or {}).items()}
        courtesy = frozenset(w.lower() for w in data.get("courtesy_titles") or ("mr", "mrs", "ms", "miss"))
        gen = frozenset(str(w).lower().strip(".") for w in
                        data.get("generational_suffixes") or ("jr", "sr", "ii", "iii", "iv"))
        return NameWords(hon, frozenset(data["suffixes"]), frozenset(data["function_words"]),
                         frozenset(data["institution_heads"]), forms, courtesy, gen)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: the name lexicon needs the keys honorifics (female/male/none "
                         f"lists), suffixes, function_words and institution_heads, and optionally "
                         f"title_forms (a mapping), courtesy_titles and generational_suffixes ({exc!r})") from None
