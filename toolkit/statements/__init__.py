"""Attributed statements: who said what, to whom, when (rule work over one spaCy parse).

A statement is a reporting cue (a verb such as "said", "emphasized", "denied", a noun such
as "plea" or "warning", or "according to") with a speaker and a content. The content is a
clause ("stated that ..."), a quotation ("“...,” Peskov informed reporters."), an object
noun phrase ("condemned the invasion"), the subject of a passive ("The role of ... has been
acknowledged by ..."), or the previous sentence for backward-pointing passives ("This was
stated by ..."). Also: attributions set inside the sentence ("The plan, he said, will
fail."), quotations split around their attribution ("“A,” he said, “B.”"), documents and
polls as sources ("A poll found that ..."), headline style ("Name: ..."), "as X noted, ...",
beliefs and intentions (classes ``cognitive`` and ``intention``: "thinks that ...", "wants
to ..."; not when they sit inside another statement's content), and the newswire
quotation marks ``''...''`` (also marks typed inconsistently: “...," / "...” / “...“).
Content boundaries: words before an attribution set inside the sentence belong to the
content ("It is no surprise, he said, that ...", "“In Fisher,” Amar said, “even ..."),
except the narrator's words before a quotation ("In February, Trump said, “...”"); a quotation split
around a long attribution ("“A,” said X, who ... . “B.”") is one content. Cues and their rhetorical classes come from the YAML lexicon
``toolkit/data/reporting_verbs.yaml``, which users can extend.

Example:
    >>> from toolkit.models import load_pipeline
    >>> doc = load_pipeline()("Peskov said that talks would resume on Monday.")
    >>> [(s.speaker, s.cue, s.content) for s in extract_statements(doc)]
    [('Peskov', 'say', 'talks would resume on Monday')]

Package layout (imports go one way, top to bottom)::

    lexicon      the YAML lexicon of reporting words and ``load_lexicon``
    helpers      shared word sets and token helpers
    quotes       ``Quote`` and ``find_quotes``
    context      ``_Cand``, ``_Ctx``: per-document state
    speakers     speaker and addressee spans, names and actors
    cues         cue finding with reporting verbs
    noun_cues    "according to", headline colons, noun cues
    quote_cands  attributed quotations the dependency rules missed
    content      post-processing: content spans, mode, dates, merging, nesting
    extract      ``extract_statements``
"""

from __future__ import annotations

from ..types import DateExpr, ResolvedActor, SpeakerResolver, Statement
from .extract import extract_statements
from .lexicon import DEFAULT_LEXICON, Lexicon, LexiconLike, _load_yaml, load_lexicon
from .quotes import Quote, find_quotes

__all__ = [
    "DEFAULT_LEXICON",
    "DateExpr",
    "Lexicon",
    "LexiconLike",
    "Quote",
    "ResolvedActor",
    "SpeakerResolver",
    "Statement",
    "extract_statements",
    "find_quotes",
    "load_lexicon",
]
