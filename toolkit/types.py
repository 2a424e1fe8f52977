"""Named records that the extractors yield, and the small protocols between them.

Every extractor works on a spaCy ``Doc`` and yields plain records with character
offsets into the article text. Only :mod:`toolkit.frames` turns records into
dataframes, with one declared schema per table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional, Protocol

ACTOR_KINDS = ("person", "organization", "country", "location", "group")
DATE_TYPES = ("DATE", "TIME", "DURATION", "SET")
STATEMENT_MODES = ("direct", "indirect", "mixed")
#: What an attribution reports: words said or written, or what the source believes, means
#: to do or perceives (``Statement.kind``; the ``statements`` table keeps ``speech``).
ATTRIBUTION_KINDS = ("speech", "belief", "intention", "perception")
EVENT_STATUSES = ("happened", "planned", "ongoing", "unknown")
#: Who speaks (``Statement.speaker_kind``): an actor's kind, ``unnamed`` for an unnamed or
#: generic source ("a senior official", "critics", "polls"), ``document`` for a document
#: whose issuer is named ("the FBI's letter": the speaker is the FBI).
SPEAKER_KINDS = ("person", "organization", "country", "group", "unnamed", "document")
MENTION_HOWS = ("name", "alias", "surname", "role", "pronoun")


@dataclass(frozen=True)
class Sentence:
    sent_id: int
    start_char: int
    end_char: int
    text: str


@dataclass
class Actor:
    """One real-world actor of an article (not one mention)."""

    actor_id: str  # stable slug of the canonical name, the same across articles
    name: str
    kind: str  # one of ACTOR_KINDS
    role: Optional[str] = None
    affiliation: Optional[str] = None
    country: Optional[str] = None  # ISO 3166-1 alpha-2
    n_mentions: int = 0


@dataclass(frozen=True)
class Mention:
    actor_id: str
    text: str
    start_char: int
    end_char: int
    sent_id: int
    how: str  # one of MENTION_HOWS


@dataclass(frozen=True)
class DateExpr:
    """A temporal expression, TIMEX3 style."""

    text: str
    start_char: int
    end_char: int
    sent_id: int
    type: str  # one of DATE_TYPES
    value: str  # TIMEX3 value: 2025-06-02, 2025-W23, 2022-02, P8Y, PRESENT_REF ...
    start: Optional[dt.date] = None  # first calendar day covered, where it is a date
    end: Optional[dt.date] = None  # last calendar day covered


@dataclass(frozen=True)
class Statement:
    """Who said what, to whom, when."""

    speaker: Optional[str]  # canonical actor name
    speaker_id: Optional[str]
    speaker_text: Optional[str]  # the words in the sentence naming the speaker
    cue: Optional[str]  # lemma of the reporting word ("say", "according to", "statement")
    mode: str  # one of STATEMENT_MODES
    content: str
    content_start: int
    content_end: int
    sent_id: int
    addressee: Optional[str] = None
    said_on: Optional[dt.date] = None
    cue_class: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    kind: str = "speech"  # one of ATTRIBUTION_KINDS
    speaker_kind: Optional[str] = None  # one of SPEAKER_KINDS


@dataclass(frozen=True)
class Event:
    """A clause reporting something that happened, is planned or is ongoing."""

    sent_id: int
    actor: Optional[str]
    actor_id: Optional[str]
    action: str  # lemma of the event verb or noun
    target: Optional[str]
    date_value: Optional[str]
    start: Optional[dt.date]
    end: Optional[dt.date]
    status: str  # one of EVENT_STATUSES
    text: str  # the sentence text
    start_char: int  # offsets of the sentence
    end_char: int


@dataclass(frozen=True)
class ResolvedActor:
    actor_id: str
    name: str
    how: str
    kind: Optional[str] = None  # the actor's kind (one of ACTOR_KINDS), "group" for joint actors


class SpeakerResolver(Protocol):
    """What the actors extractor offers to statements and events.

    ``resolve(start_char, end_char)`` maps a span of the article text (a name, a
    surname, a pronoun, a role phrase such as "the Kremlin's spokesperson", a
    possessive "Peskov's response") to the actor it refers to, or ``None``.
    """

    def resolve(self, start_char: int, end_char: int) -> Optional[ResolvedActor]: ...


@dataclass
class ActorResult:
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    resolver: Optional[SpeakerResolver] = None
