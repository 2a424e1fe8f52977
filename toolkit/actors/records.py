"""The records the passes share: a mention (token span -> cluster key) and a cluster (one actor)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .dictionary import Entry


@dataclass
class Ment:
    start: int  # token indices [start, end)
    end: int
    key: str  # actor key (entry id / slug)
    how: str
    kind: str = ""
    sure: bool = True


@dataclass
class Cluster:
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
    ambiguous_name: bool = False  # a first name common to both genders ("Hillary", "Jean")
    gender_from: str = ""  # where ``gender`` came from: "article", "name" (first-name lists) or ""


def _sent_index(starts: np.ndarray) -> list[int]:
    """Sentence index of every token, from the SENT_START column (1 marks a start)."""
    is_start = starts == 1
    if len(is_start):
        is_start[0] = True
    return (np.cumsum(is_start) - 1).tolist()


