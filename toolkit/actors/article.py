"""One article under resolution: the token arrays, the clusters and mentions, and the ordered passes."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import numpy as np
from spacy.attrs import IS_QUOTE, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Token

from ..types import Actor, Mention
from .appositions import add_offices, assign_roles
from .detect import add_ner, match_dictionary
from .dictionary import ActorDictionary, Entry
from .gender import assign_genders
from .groups import add_groups
from .lexicon import _LINK_DEPS, _SUBJ_DEPS, slugify
from .names import link_names
from .pairs import add_pairs
from .pronouns import add_pronouns
from .quotes import quote_mask
from .records import Cluster, Ment, _sent_index
from .role_nouns import add_role_mentions
from .variants import link_variants


class Article:
    """Everything computed for one Doc."""

    def __init__(self, doc: Doc, d: ActorDictionary, published: Optional[dt.date]):
        self.doc, self.d, self.published = doc, d, published
        self.n = len(doc)
        # one pass over the token array; every later scan looks only at candidate positions
        arr = doc.to_array([ORTH, LOWER, SENT_START, IS_QUOTE]) if self.n else np.zeros((0, 4), np.uint64)
        self.orth, self.low = arr[:, 0], arr[:, 1]
        self.sent_of = _sent_index(arr[:, 2]) if self.n else []
        self.is_quote = arr[:, 3] == 1
        self.sents = list(doc.sents) if self.n else []
        self.acts: dict[str, Cluster] = {}
        self.ments: list[Ment] = []
        self.tok_ment: dict[int, Ment] = {}
        self._by_sent: Optional[dict[int, list[Ment]]] = None
        self._lower_words: Optional[set] = None
        self.in_quote = quote_mask(self)
        match_dictionary(self)
        add_ner(self)
        link_names(self)
        link_variants(self)
        assign_roles(self)
        add_offices(self)
        add_groups(self)
        add_role_mentions(self)
        assign_genders(self)
        add_pronouns(self)
        add_pairs(self)

    def _positions(self, col: np.ndarray, hashes: np.ndarray) -> list[int]:
        """Token indices whose ``col`` value (ORTH or LOWER hash) is one of ``hashes``."""
        if not self.n or not len(hashes):
            return []
        pos = np.searchsorted(hashes, col)  # ``hashes`` is sorted
        pos[pos == len(hashes)] = 0
        return np.flatnonzero(hashes[pos] == col).tolist()

    def _act_for_entry(self, e: Entry) -> Cluster:
        a = self.acts.get(e.id)
        if a is None:
            a = Cluster(key=e.id, name=e.name, kind=e.kind, country=e.country, gender=e.gender, entry=e)
            self.acts[e.id] = a
        return a

    def _add_ment(self, m: Ment) -> None:
        self.ments.append(m)

    def _free(self, i: int, j: int) -> bool:
        return all(k not in self.tok_ment for k in range(i, j))

    def _occupy(self, m: Ment) -> None:
        for k in range(m.start, m.end):
            self.tok_ment[k] = m

    def _is_speech_subject(self, tok: Token) -> bool:
        h = tok
        while h.dep_ in _LINK_DEPS and h.head.i != h.i:
            h = h.head
        if h.dep_ in _SUBJ_DEPS and h.head.lemma_.lower() in self.d.speech_verbs:
            return True
        if h.dep_ == "pobj" and h.head.lower_ in {"by", "from"}:
            g = h.head.head
            return g.lemma_.lower() in self.d.speech_verbs or g.lower_ in self.d.speech_nouns
        return False

    def _title_before(self, i: int) -> bool:
        j = i - 1
        return j >= 0 and self.doc[j].lower_ in self.d.title_or_gendered

    def _mention_entity(self, i: int) -> Optional[Cluster]:
        m = self.tok_ment.get(i)
        return self.acts.get(m.key) if m else None

    def _country_key(self, iso: Optional[str]) -> Optional[str]:
        e = self.d.by_iso.get(iso) if iso else None
        if e is None:
            return None
        self._act_for_entry(e)
        return e.id

    def _has_mention(self, key: str) -> bool:
        return any(m.key == key for m in self.ments)

    def _by_sent_index(self) -> dict[int, list[Ment]]:
        """Mentions by sentence index (built once, kept up to date by _pronouns)."""
        if self._by_sent is None:
            self._by_sent = {}
            for m in self.ments:
                self._by_sent.setdefault(self.sent_of[m.start], []).append(m)
        return self._by_sent

    def result(self) -> tuple[list[Actor], list[Mention]]:
        doc = self.doc
        text = doc.text  # Doc.text joins every token: compute it once
        counts: dict[str, int] = {}
        mentions = []
        for m in self.ments:
            a = self.acts.get(m.key)
            if a is None:
                continue
            first, last = doc[m.start], doc[m.end - 1]
            sc, ec = first.idx, last.idx + len(last.text)
            mentions.append(Mention(actor_id=slugify(a.name), text=text[sc:ec], start_char=sc,
                                    end_char=ec, sent_id=self.sent_of[m.start], how=m.how))
            counts[a.key] = counts.get(a.key, 0) + 1
        actors = []
        for a in self.acts.values():
            if not counts.get(a.key):
                continue
            if a.kind == "group" and not a.emit:
                continue
            actors.append(self.to_actor(a, counts[a.key]))
        actors.sort(key=lambda x: x.actor_id)
        # only mentions of emitted actors
        emitted = {x.actor_id for x in actors}
        mentions = [m for m in mentions if m.actor_id in emitted]
        n_by_id: dict[str, int] = {}
        for m in mentions:
            n_by_id[m.actor_id] = n_by_id.get(m.actor_id, 0) + 1
        for x in actors:
            x.n_mentions = n_by_id.get(x.actor_id, 0)
        return actors, mentions

    def to_actor(self, a: Cluster, n: int = 0) -> Actor:
        country = a.country
        if a.kind == "country" and a.entry is not None:
            country = a.entry.country
        return Actor(actor_id=slugify(a.name), name=a.name, kind=a.kind if a.kind else "organization",
                     role=a.role, affiliation=a.affiliation, country=country, n_mentions=n)

