"""The one reader of the YAML lexicon files (the packaged ones and those users pass in).

Example:
    >>> from toolkit.paths import LEXICON_DIR
    >>> sorted(read_mapping(LEXICON_DIR / "event_actions.yaml", what="event-action"))
    ['families', 'symmetric']
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

import yaml

#: libyaml's loader when it is installed (about ten times faster on the actor dictionary).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(path: Union[str, Path], *, what: str) -> dict:
    """The YAML mapping stored in ``path`` (an empty file gives ``{}``).

    Args:
        path: the YAML file.
        what: what the file holds, for error messages ("reporting-verb", "dates").

    Raises:
        ValueError: the file is not valid YAML, or holds something other than a mapping;
            the message names the file and, for syntax errors, the line.
        OSError: the file cannot be read.
    """
    with open(path, encoding="utf-8") as fh:
        try:
            data = yaml.load(fh, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc)
            raise ValueError(f"{path}{where}: not valid YAML in this {what} lexicon ({problem})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a {what} lexicon must be a YAML mapping (keys and values), "
                         f"not a {type(data).__name__}")
    return data
