"""The resolver: maps any span of the article text to its actor."""

from __future__ import annotations

import bisect
from typing import Optional

from ..types import ActorResult, ResolvedActor
from .appositions import parse_role
from .article import Article  # noqa: F401  (type of ``_art``)
from .lexicon import (_DETS, _IT_PRON, _JOINT_ANY_NOUNS, _JOINT_PERSON_NOUNS, _PERSON_PRON, _PLURAL_PRON, _POSS,
                      _SIDE_NOUNS, _norm, _title_key, slugify)
from .pronouns import antecedent
from .records import Cluster, Ment
from .role_nouns import match_role, role_noun_antecedent, role_word


class ActorResolver:
    """Maps spans of the article text to actors (see :class:`toolkit.types.SpeakerResolver`).

    Contract: when a span resolves to an actor that has no row yet (a holder taken from the
    dictionary for a role phrase such as "the President of France", or a group that turns out
    to speak), ``resolve`` appends that actor to the ``ActorResult.actors`` list it was built
    with, so read ``ar.actors`` after the statements and events extractors have run.

    Example:
        >>> from toolkit.actors import extract_actors
        >>> from toolkit.models import load_pipeline
        >>> doc = load_pipeline()("Vladimir Putin and Emmanuel Macron spoke. The leaders agreed.")
        >>> r = extract_actors(doc, published=None).resolver
        >>> r.resolve(0, 34).name
        'Vladimir Putin and Emmanuel Macron'
    """

    def __init__(self, art: Article, result: ActorResult):
        self._art = art
        self._result = result
        self._cache: dict[tuple[int, int], Optional[ResolvedActor]] = {}

    # public -------------------------------------------------------------------------------
    def resolve(self, start_char: int, end_char: int) -> Optional[ResolvedActor]:
        """The actor a span of the text refers to, or None."""
        key = (start_char, end_char)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(start_char, end_char)
            except Exception:  # never let a strange span crash a caller
                self._cache[key] = None
        return self._cache[key]

    # internals ----------------------------------------------------------------------------
    def _ra(self, a: Cluster, how: str) -> ResolvedActor:
        self._ensure_listed(a)
        return ResolvedActor(actor_id=slugify(a.name), name=a.name, how=how,
                             kind=a.kind or "organization")

    def _ensure_listed(self, a: Cluster) -> None:
        if a.kind == "group" and not a.emit:
            return  # an unnamed collective is a row only when it speaks
        aid = slugify(a.name)
        if any(x.actor_id == aid for x in self._result.actors):
            return
        self._result.actors.append(self._art.to_actor(a, 1))

    def _joint(self, acts: list[Cluster], how: str) -> Optional[ResolvedActor]:
        seen, uniq = set(), []
        for a in acts:
            if a.key not in seen:
                seen.add(a.key)
                uniq.append(a)
        if len(uniq) < 2:
            return self._ra(uniq[0], how) if uniq else None
        for a in uniq:
            self._ensure_listed(a)
        kinds = {a.kind for a in uniq}
        return ResolvedActor(actor_id="+".join(slugify(a.name) for a in uniq),
                             name=" and ".join(a.name for a in uniq), how=how,
                             kind=kinds.pop() if len(kinds) == 1 else "group")

    def _resolve(self, start_char: int, end_char: int) -> Optional[ResolvedActor]:
        art = self._art
        doc = art.doc
        if not len(doc) or end_char <= start_char:
            return None
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None or not len(span):
            return None
        s, e = span.start, span.end
        while s < e and (doc[s].is_punct or doc[s].is_space):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if e <= s:
            return None
        span = doc[s:e]
        # 1. a single pronoun
        if e - s == 1:
            t = doc[s]
            if t.i in art.pron:
                return self._ra(art.acts[art.pron[t.i]], "pronoun")
            if t.lower_ in _PERSON_PRON:
                a = antecedent(art, t, gender=_PERSON_PRON[t.lower_])
                return self._ra(a, "pronoun") if a else None
            if t.lower_ in _PLURAL_PRON:
                return self._plural(s, person=False, how="pronoun")
            if t.lower_ in _IT_PRON:
                a = antecedent(art, t, gender=None, kinds={"organization", "country"})
                return self._ra(a, "pronoun") if a else None
        # 2. the mentions inside the span, top-level ones first
        top = self._top_mentions(s, e)
        conj = self._conjoined(top)
        if conj:
            return self._joint(conj, "name")
        if top:
            people = [(m, a) for m, a in top if a.kind == "person"]
            m, a = (people or top)[0]
            return self._ra(a, m.how)
        # 3. a group phrase
        for gs, ge, keys in art.group_spans:
            if gs >= s and ge <= e:
                acts = [art.acts[k] for k in keys]
                if art._is_speech_subject(doc[ge - 1]):
                    for a in acts:
                        a.emit = True
                if len(acts) > 1:
                    return self._joint(acts, "name")
                return self._ra(acts[0], "name")
        # 4. a role phrase without a name
        low = {t.lower_ for t in span}
        root = span.root
        if root.tag_ in {"NNS", "NNPS"} and root.lemma_.lower() in art.d.title_words:
            people = [a for a in art.acts.values() if a.kind == "person" and a.role
                      and _title_key(a.role).split()[-1] == _title_key(root.lemma_)]
            if len(people) >= 2:
                r = self._plural(s, person=True, how="role", among={a.key for a in people})
                if r is not None:
                    return r
                first = {a.key: min(m.start for m in art.ments if m.key == a.key) for a in people}
                return self._joint(sorted(people, key=lambda a: first[a.key]), "role")
        if root.lower_ in _JOINT_PERSON_NOUNS or root.lower_ in _JOINT_ANY_NOUNS or (low & {"both"}):
            if root.lower_ in {"presidents", "leaders", "politicians", "heads", "ministers"} or \
                    root.lower_ in _JOINT_PERSON_NOUNS:
                return self._plural(s, person=True, how="role")
            return self._plural(s, person=False, how="role", sides=root.lower_ in _SIDE_NOUNS)
        r = parse_role(art, s, e)
        if r:
            a = match_role(art, r[0], r[1], create=r[1] is not None)
            if a:
                return self._ra(a, "role")
        a = role_noun_antecedent(art, s, e)
        return self._ra(a, "role") if a is not None else None

    def _top_mentions(self, s: int, e: int) -> list[tuple[Ment, Cluster]]:
        """Mentions inside [s, e) that can be the referent (not an affiliation of a role)."""
        art, doc = self._art, self._art.doc
        seen, out, ranked = set(), [], []
        lo, hi = bisect.bisect_left(art.starts, s), bisect.bisect_left(art.starts, e)
        for m in art.ments[lo:hi]:
            if m.start < s or m.end > e or id(m) in seen:
                continue
            seen.add(id(m))
            a = art.acts.get(m.key)
            if a is None:
                continue
            # possessive: "Trump's envoy ..." (role noun follows): an affiliation, not the referent
            nxt = doc[m.end] if m.end < len(doc) else None
            if nxt is not None and _norm(nxt.text) in _POSS and m.end + 1 < e:
                after = doc[m.end + 1]
                j = m.end + 1
                while j < e and (doc[j].lower_ in art.d.modifiers or doc[j].lower_ in art.d.title_words
                                 or doc[j].pos_ == "ADJ"):
                    j += 1
                if j > m.end + 1 and any(doc[q].lower_ in art.d.title_words for q in range(m.end + 1, j)):
                    continue  # "the Kremlin's spokesperson" / "Trump's envoy"
                if after.lower_ in art.d.title_words:
                    continue
                if m.end + 1 in art.tok_ment and art.tok_ment[m.end + 1].end <= e:
                    continue  # "Ban Ki-moon's press office": the office speaks
                if _owned_noun(doc, m.end + 1, e, art.d.speech_nouns):
                    continue  # "Hillary Clinton's presidential campaign": the owner does not speak
            # inside a prepositional phrase of a role ("the spokesperson for the Kremlin")
            prev = doc[m.start - 1] if m.start > 0 else None
            if prev is not None and m.start > s:
                p = m.start - 1
                while p > s and doc[p].lower_ in _DETS:
                    p -= 1
                if doc[p].lower_ in {"of", "for", "to", "in", "at", "with", "from"} and p > s:
                    continue
            # a nationality / country modifying a title ("U.S. President Donald Trump", "the
            # GOP front-runner")
            if a.kind in {"country", "organization"} and m.end < e and \
                    any(doc[q].lower_ in art.d.title_words or role_word(doc, q) in art.d.anaphoric_roles
                        for q in range(m.end, min(e, m.end + 3))):
                continue
            # a name modifying a plural noun: the group speaks, not the name ("Senate
            # Republicans", "Colorado Republican leaders", "Cruz supporters")
            if _modifies_plural(doc, m, s, e):
                continue
            # a name modifying another mention: "the Kasich campaign" is the campaign
            if doc[m.end - 1].dep_ == "compound" and m.end < e and m.end in art.tok_ment and \
                    art.tok_ment[m.end].end <= e and art.tok_ment[m.end].key != m.key and \
                    doc[m.end - 1].head.i in range(m.end, art.tok_ment[m.end].end):
                continue
            ranked.append((m, a))
        # the appositive name of a titled head wins: "X's envoy to Ukraine, Keith Kellogg"
        return ranked

    def _conjoined(self, top: list) -> list[Cluster]:
        art, doc = self._art, self._art.doc
        if len(top) < 2:
            return []
        acts = []
        for i, (m, a) in enumerate(top):
            if i == 0:
                acts.append(a)
                continue
            pm = top[i - 1][0]
            between = doc[pm.end:m.start]
            words = [t.lower_ for t in between if not t.is_punct and _norm(t.text) not in _POSS]
            words = [w for w in words if w not in art.d.title_words and w not in art.d.modifiers
                     and w not in _DETS and w not in art.d.demonym]
            if "and" in words and all(w in {"and", "both"} for w in words):
                acts.append(a)
            elif a.key == acts[-1].key:
                continue
            else:
                return []
        keys = {a.key for a in acts}
        return acts if len(keys) > 1 else []

    def _plural(self, s: int, *, person: bool, how: str, among: Optional[set] = None,
                sides: bool = False) -> Optional[ResolvedActor]:
        """'The parties', 'both sides', 'the leaders', 'they': the main conjoined pair before s.

        Pairs of people win over other pairs (with ``sides``, for "the two sides", "the
        parties", pairs of countries, delegations and organisations win over pairs of
        people), then the pair named most often, then the most recent; the names come in
        the order of the pair's first occurrence.
        """
        art = self._art
        stats: dict[frozenset, list] = {}
        for pos, keys in art.pairs:
            if pos >= s:
                break
            acts = [art.acts[k] for k in keys if k in art.acts]
            if len(acts) < 2:
                continue
            is_person = all(a.kind == "person" for a in acts)
            if (person and not is_person) or (among is not None and not set(keys) <= among):
                continue
            fs = frozenset(keys)
            st = stats.setdefault(fs, [is_person, 0, pos, acts])
            st[1] += 1
            st[2] = pos
        if stats:
            best = max(stats.values(), key=lambda v: (v[0] != sides, v[1], v[2]))
            return self._joint(best[3], how)
        if among is not None:
            return None
        # the two people (or actors; with ``sides``, countries, groups or organisations
        # first) of the nearest sentence naming exactly two
        si = art.sent_of[s]
        kinds_tried = ([{"country", "group", "organization"}] if sides else []) + \
            [{"person"} if person else {"person", "group"}]
        for kinds in kinds_tried:
            for k in range(si, max(-1, si - 6), -1):
                acts = []
                for m in art._by_sent_index().get(k, ()):
                    if m.start >= s or m.how == "pronoun":
                        continue
                    a = art.acts.get(m.key)
                    if a and a.kind in kinds and a not in acts:
                        acts.append(a)
                if len(acts) == 2:
                    return self._joint(acts, how)
        return None


def _modifies_plural(doc, m: Ment, s: int, e: int) -> bool:
    """Whether mention ``m`` is a modifier ("compound"/"amod"/"nmod") of a plural noun
    inside [s, e) that is not itself part of a name ("Senate Republicans", "Cruz
    supporters"; not "the United States", "Ukrainian forces" of a group mention)."""
    last = doc[m.end - 1]
    if last.dep_ not in {"compound", "amod", "nmod"}:
        return False
    h = last.head
    while h.dep_ in {"compound", "amod", "nmod"} and h.head.i != h.i and h.head.i < e and h.i < h.head.i:
        h = h.head
    if not (m.end <= h.i < e) or h.tag_ not in {"NNS", "NNPS"}:
        return False
    return h.ent_type_ in {"", "NORP"}


def _owned_noun(doc, i: int, e: int, speech_nouns: set) -> bool:
    """Whether tokens [i, e) after a possessive hold a noun other than a speech or document
    noun ("campaign", "team" yes; "statement", "letter" no: those are the owner's words)."""
    for t in doc[i:e]:
        if t.pos_ in {"NOUN", "PROPN"}:
            return t.lemma_.lower() not in speech_nouns and t.lower_ not in speech_nouns
        if t.pos_ not in {"ADJ", "ADV", "NUM", "PUNCT"}:
            return False
    return False
