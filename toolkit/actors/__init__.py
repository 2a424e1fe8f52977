"""Who is in an article: people, organisations, countries, places and groups.

:func:`extract_actors` links the names of a parsed article (spaCy NER plus a dictionary of
known actors, countries and places) to one :class:`~toolkit.types.Actor` per real-world
actor, with its role, affiliation and ISO country code, lists every linked mention, and
returns a resolver that maps any span of the text (a name, a surname, a pronoun, a role
phrase, "Peskov's response", "Putin and Macron", "the parties") to its actor.

Mentions are resolved in ordered passes, most precise first, one module each (see
``docs/actors.md``): ``detect`` (mention detection), ``names`` (exact names, supported
dictionary surnames), ``variants`` (surnames, middle initials, acronyms, "the budget
office"), ``appositions`` (roles, a person's office or campaign), ``groups``, ``role_nouns``,
``gender`` (article first, then faker's first-name lists), ``pronouns`` (agreement and
salience) and ``pairs``; ``article.Article`` runs them over the shared records of
``records`` and ``resolver.ActorResolver`` answers the other extractors.

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

import datetime as dt
from pathlib import Path
from typing import Mapping, Optional, Union

from spacy.tokens import Doc

from ..types import ActorResult
from .article import Article
from .dictionary import ActorDictionary, Entry, load_dictionary
from .lexicon import _date, slugify
from .resolver import ActorResolver

__all__ = ["extract_actors", "load_dictionary", "ActorDictionary", "ActorResolver", "Entry", "slugify"]

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
    art = Article(doc, d, published)
    actors, mentions = art.result() if len(doc) else ([], [])
    res = ActorResult(actors=actors, mentions=sorted(mentions, key=lambda m: (m.start_char, m.end_char)))
    res.resolver = ActorResolver(art, res)
    return res
