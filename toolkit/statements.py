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
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import yaml
from spacy.tokens import Doc, Token

from .paths import LEXICON_DIR
from .types import DateExpr, ResolvedActor, SpeakerResolver, Statement

DEFAULT_LEXICON = LEXICON_DIR / "reporting_verbs.yaml"

LexiconLike = Union[str, Path, Mapping[str, Any], None]

_OPEN_QUOTES = {"“": "”", "«": "»", "„": "”"}
_CLOSE_QUOTES = {"”", "»"}
_QUOTE_CHARS = set("“”«»„\"")
_QUOTE_TOKENS = {"''", "``"}
_EXPLETIVES = {"it"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_RELATIVE = {"who", "which", "that", "whom"}
_OBJ_PRONOUNS = {"it", "this", "that", "them", "him", "her", "us", "me", "so", "something",
                 "nothing", "anything", "everything", "what", "which", "these", "those"}
_SUBJ_DEPS = ("nsubj", "nsubjpass")
#: Words of a title before a name ("UK Prime Minister Boris Johnson" -> "Boris Johnson").
_TITLES = {"president", "minister", "prime", "secretary", "general", "foreign", "defence",
           "defense", "spokesperson", "spokesman", "spokeswoman", "chancellor", "king", "queen",
           "prince", "crown", "mr", "mrs", "ms", "dr", "sir", "pope", "senator", "governor",
           "mayor", "ambassador", "envoy", "special", "head", "adviser", "advisor", "deputy",
           "vice", "chairman", "chairwoman", "chair", "chief", "acting", "us", "u.s", "uk",
           "un", "nato", "eu", "commander", "colonel", "lieutenant", "major", "premier",
           "speaker", "representative", "rep", "sen", "gov", "state", "interior", "security",
           "national", "advisor", "former", "member", "leader", "director", "spokesperson"}
_CLIMB_DEPS = {"conj", "advcl", "xcomp", "pcomp", "prep", "dobj", "pobj"}


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
                   utterance_nouns=fs("utterance_nouns"), publish_verbs=fs("publish_verbs"))


@functools.lru_cache(maxsize=16)
def _load_yaml(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a reporting-verb lexicon must be a YAML mapping")
    return data


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


# --------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` are the offsets of the text inside the marks."""

    open_char: int
    start: int
    end: int
    close_char: Optional[int]  # None when unclosed (capped at the paragraph end)
    close_len: int = 1  # 2 for the two-character mark ''

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end

    @property
    def outer_end(self) -> int:
        return self.end + self.close_len if self.close_char is not None else self.end


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The quotation mark at ``text[i]`` as (kind, length); kind '' when none.

    Kinds: '"' for toggling marks (straight double quotes and the newswire style ``''``,
    which some feeds use for both ends), 'open' and 'close' for directional marks
    (curly quotes, guillemets, ````` `` `````).
    """
    ch = text[i]
    if ch == '"':
        return '"', 1
    if ch in "'`" and text.startswith(ch * 2, i) and not text.startswith(ch * 3, i):
        return ('"', 2) if ch == "'" else ("open", 2)
    if ch in _OPEN_QUOTES:
        return "open", 1
    if ch in _CLOSE_QUOTES:
        return "close", 1
    return "", 0


def _closing_shape(text: str, i: int, ln: int) -> bool:
    """Whether the mark at ``text[i]`` sits where a quotation closes: after a word or
    punctuation and before a space, punctuation or the end ("...,” he said")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + ln] if i + ln < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)—–-")


def find_quotes(text: str) -> list[Quote]:
    """Quotation spans in ``text``: curly and straight double quotes, guillemets, and the
    newswire marks ``''...''`` (also opened by two backticks).

    A quotation never crosses a paragraph (a line break): an unclosed one ends at the
    paragraph end; a stray closing mark is ignored.

    Example:
        >>> [t[q.start:q.end] for t in ['He said "yes" and “no”.'] for q in find_quotes(t)]
        ['yes', 'no']
        >>> [t[q.start:q.end] for t in ["''Maybe,'' he said."] for q in find_quotes(t)]
        ['Maybe,']
    """
    quotes: list[Quote] = []
    open_pos: Optional[int] = None
    open_len = 1
    open_kind = ""
    inner = False
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_pos is not None:
                if i > open_pos + open_len:
                    quotes.append(Quote(open_pos, open_pos + open_len, i, None))
                open_pos = None
            i += 1
            continue
        if ch not in _QUOTE_CHARS and ch not in "'`":
            i += 1
            continue
        kind, ln = _mark_at(text, i)
        if not kind:
            i += 1
            continue
        closing = open_pos is not None and i > open_pos + open_len and _closing_shape(text, i, ln)
        if kind == '"' and ln == 1 and open_kind == "open" and open_pos is not None and (
                inner or not closing):
            inner = not inner  # “... "a word" ...”: straight marks nested in curly ones
        elif kind == '"':
            if open_pos is not None and open_kind in {'"', "open"} and (
                    open_kind == '"' or ln == 2 or closing):
                quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
                open_pos = None
            elif open_pos is None:
                open_pos, open_len, open_kind, inner = i, ln, kind, False
        elif kind == "open" and closing and ch == "“":
            # a curly opening mark typed where the quotation closes (“It's unusual,“ said X)
            quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
            open_pos = None
        elif kind == "open" and not (ch == "„" and open_pos is not None):
            if open_pos is not None and i > open_pos + open_len:  # the earlier one was unclosed
                quotes.append(Quote(open_pos, open_pos + open_len, i, None))
            open_pos, open_len, open_kind, inner = i, ln, kind, False
        elif kind == "close" and open_pos is not None and (open_kind == "open" or ln == open_len == 1):
            quotes.append(Quote(open_pos, open_pos + open_len, i, i, ln))
            open_pos = None
        i += ln
    if open_pos is not None and n > open_pos + open_len:
        quotes.append(Quote(open_pos, open_pos + open_len, n, None))
    return quotes


# --------------------------------------------------------------------------- context


@dataclass
class _Cand:
    cue: str
    cue_tok: Token
    cue_start: int
    cue_end: int
    content: tuple[int, int]  # token indices, inclusive
    speaker_np: Optional[Token] = None  # head token of the speaker noun phrase
    speaker_kind: str = "np"  # np | readout | none | author (the writer: "X seems to ...")
    addressee: Optional[Token] = None
    kind: str = "clause"
    chars: Optional[tuple[int, int]] = None  # content char offsets after post-processing
    extra_cues: list = field(default_factory=list)
    skip: Optional[tuple[int, int]] = None  # chars of an attribution inside the content
    speaker_span: Optional[tuple[int, int]] = None  # token range of the speaker, when fixed


class _Ctx:
    def __init__(self, doc: Doc, lex: Lexicon, resolver: Optional[SpeakerResolver],
                 dates: Sequence[DateExpr], topics: bool):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.resolver = resolver
        self.dates = list(dates or ())
        self.topics = topics
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]

    def sent_of(self, tok: Token) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, tok.i) - 1)

    def quote_at(self, pos: int) -> Optional[Quote]:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        if k >= 0 and self.quotes[k].contains(pos):
            return self.quotes[k]
        return None


# --------------------------------------------------------------------------- helpers


def _is_punct(t: Token) -> bool:
    return t.is_punct or t.is_space or t.text in _QUOTE_CHARS or t.text in _QUOTE_TOKENS \
        or t.text in {"-", "—", "–"}


def _trim(doc: Doc, a: int, b: int, *, drop_mark: bool = True) -> Optional[tuple[int, int]]:
    """Trim punctuation, spaces and a leading complementizer from a token range."""
    while a <= b and (_is_punct(doc[a]) or (drop_mark and doc[a].dep_ == "mark"
                                               and doc[a].lower_ in {"that", "whether", "if"})
                      or doc[a].dep_ == "cc" and a == b):
        a += 1
    while b >= a and (_is_punct(doc[b]) and doc[b].text not in {"?", "!", ")", "%"}
                      or doc[b].dep_ in {"cc"}):
        b -= 1
    if a > b:
        return None
    return a, b


def _subtree_range(t: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    a, b = t.left_edge.i, t.right_edge.i
    for x in exclude:
        if x.i > t.i:
            b = min(b, x.left_edge.i - 1)
        else:
            a = max(a, x.right_edge.i + 1)
    return a, b


def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _has_to(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _np_core(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head`` without relative clauses, appositions, conjuncts."""
    drop = [c for c in head.children if c.dep_ in {"relcl", "acl", "appos", "conj", "cc"}
            or (c.dep_ == "punct" and c.i > head.i)]
    a, b = _subtree_range(head, [c for c in drop if c.i > head.i])
    left_drop = [c for c in drop if c.i < head.i]
    if left_drop:
        a = max(a, max(c.right_edge.i for c in left_drop) + 1)
    r = _trim(head.doc, a, b, drop_mark=False)
    return r or (head.i, head.i)


def _np_full(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head`` with appositions and relative clauses, without conjuncts."""
    conj = [c for c in head.children if c.dep_ in {"conj", "cc"} and c.i > head.i]
    a, b = _subtree_range(head, conj[:1])
    r = _trim(head.doc, a, b, drop_mark=False)
    return r or (head.i, head.i)


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    cur = head
    while True:
        nxt = [c for c in cur.children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN", "PRON"}]
        if not nxt:
            break
        cur = nxt[0]
        out.append(cur)
    return out


def _clean_name(text: str) -> str:
    s = " ".join(text.split())
    low = s.lower()
    for art in ("the ", "a "):
        if low.startswith(art):
            s = s[len(art):]
            break
    for suf in ("’s", "'s", "’", "'"):
        if s.endswith(suf):
            s = s[: -len(suf)]
            break
    return s.strip(" ,;:")


# --------------------------------------------------------------------------- speakers


@dataclass
class _Who:
    name: Optional[str]
    actor_id: Optional[str]
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]


def _person_in(ctx: _Ctx, a: int, b: int) -> Optional[tuple[int, int]]:
    """The last PERSON entity inside tokens a..b that is not a possessor (token range)."""
    doc = ctx.doc
    best = None
    for e in ctx.person_ents:
        if e.start >= a and e.end - 1 <= b:
            end = e.end - 1
            while end + 1 <= b and doc[end + 1].pos_ == "PROPN" and doc[end + 1].tag_ != "POS":
                end += 1  # NER often stops short: "Ursula von der | Leyen"
            if end + 1 < len(doc) and doc[end + 1].tag_ == "POS":
                continue
            best = (e.start, end)
    return best


def _in_name(t: Token, head: Token) -> bool:
    """Whether ``t`` belongs to the name of ``head`` (compound/flat/appos chain, no preposition)."""
    for _ in range(8):
        if t.i == head.i:
            return True
        if t.dep_ not in {"compound", "flat", "appos", "nmod"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def _name_run(ctx: _Ctx, a: int, b: int, head: Token) -> Optional[tuple[int, int]]:
    """The last run of capitalised proper nouns naming ``head``, titles stripped."""
    doc = ctx.doc
    k = b
    while k >= a:
        if doc[k].pos_ == "PROPN" and _in_name(doc[k], head) \
                and not (k + 1 < len(doc) and doc[k + 1].tag_ == "POS"):
            end = k
            while k - 1 >= a and doc[k - 1].pos_ == "PROPN" and doc[k - 1].tag_ != "POS":
                k -= 1
            start = k
            while start <= end and (doc[start].lower_.strip(".") in _TITLES or not doc[start].is_title):
                start += 1
            if start <= end and doc[end].lower_.strip(".") not in _TITLES:
                return start, end
            return None
        if doc[k].pos_ in {"VERB", "AUX"}:
            return None
        k -= 1
    return None


def _resolve(ctx: _Ctx, spans: Sequence[tuple[int, int]]) -> Optional[ResolvedActor]:
    if ctx.resolver is None:
        return None
    doc = ctx.doc
    for a, b in spans:
        try:
            r = ctx.resolver.resolve(doc[a].idx, doc[b].idx + len(doc[b]))
        except Exception:  # a resolver bug must not lose the statement
            r = None
        if r is not None:
            return r
    return None


def _member_spans(ctx: _Ctx, head: Token) -> list[tuple[int, int]]:
    """Candidate token spans naming one actor, tightest first."""
    lex = ctx.lex
    poss = [c for c in head.children if c.dep_ == "poss"]
    if head.lemma_.lower() in lex.speech_nouns and poss:
        pa, pb = _np_core(poss[0])
        while pb > pa and ctx.doc[pb].tag_ == "POS":
            pb -= 1
        return [(pa, pb)]
    spans = []
    if head.pos_ == "PRON":
        return [(head.i, head.i)]
    core = _np_core(head)
    full = _np_full(head)
    pers = _person_in(ctx, *full)
    if pers is not None:
        spans.append(pers)
    run = _name_run(ctx, *full, head)
    if run is not None:
        spans.append(run)
    if head.pos_ == "PROPN" and head.ent_type_ and head.ent_iob_ in {"B", "I"}:
        ent = next((e for e in ctx.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ != "PERSON":
            spans.append((ent.start, ent.end - 1))
    spans += [core, full]
    seen, out = set(), []
    for s in spans:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


#: Focus particles before a speaker noun phrase, left out of its span ("*even* critics").
_FOCUS_PARTICLES = {"even", "just"}


def _speaker_range(ctx: _Ctx, head: Optional[Token], cue: Token) -> Optional[tuple[int, int]]:
    """The words naming the speaker (``speaker_start``/``speaker_end``), or None for the default.

    "X, who said ..." -> the relative pronoun (the speaker is resolved through X, as for
    "he"); otherwise the noun phrase with its appositions and relative clauses, except a
    relative clause that holds a reporting verb ("Crawford, who recalled ..., said") and
    anything before a line break (a headline or byline run into the sentence).
    """
    if head is None or head.pos_ == "PRON":
        return None
    doc, lex = ctx.doc, ctx.lex
    for rc in head.children:
        if rc.dep_ == "relcl" and rc.i <= cue.i <= rc.right_edge.i:
            v = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
            for _ in range(4):
                if v.i == rc.i:
                    break
                if v.dep_ != "conj":
                    v = None
                    break
                v = v.head
            if v is not None:
                rel = [x for x in rc.children if x.dep_ in _SUBJ_DEPS and x.lower_ in _RELATIVE]
                if rel:
                    return rel[0].i, rel[0].i
    if head.lemma_.lower() in lex.speech_nouns and any(c.dep_ == "poss" for c in head.children):
        return None
    conj = [c for c in head.children if c.dep_ == "conj"]
    if conj:
        return None
    a, b = _np_full(head)
    for rc in head.children:
        if rc.dep_ in {"relcl", "acl"} and rc.i > head.i and rc.right_edge.i <= b and any(
                x.pos_ == "VERB" and lex.normalize(x.lemma_) in lex.verb_class for x in rc.subtree):
            b = min(b, rc.left_edge.i - 1)
    for k in range(head.i - 1, a - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            a = k + 1
            break
    while a < head.i and (doc[a].dep_ == "cc" or (doc[a].lower_ in _FOCUS_PARTICLES and doc[a].dep_ == "advmod")):
        a += 1  # "Even critics say ...", "And Mr. X said ...": not part of the name
    return _trim(doc, a, b, drop_mark=False) or (head.i, head.i)


def _who(ctx: _Ctx, head: Optional[Token], *, text_range: Optional[tuple[int, int]] = None) -> _Who:
    """Resolve the speaker noun phrase headed by ``head``."""
    if head is None:
        return _Who(None, None, None, None, None)
    doc = ctx.doc
    members = _conjuncts(head)
    poss = [c for c in head.children if c.dep_ == "poss"]
    if text_range is None:
        if head.lemma_.lower() in ctx.lex.speech_nouns and poss:
            text_range = (poss[0].left_edge.i, head.i)
        elif len(members) > 1:
            a, b = _subtree_range(head)
            text_range = _trim(doc, a, b, drop_mark=False) or (head.i, head.i)
        else:
            text_range = _np_full(head)
    ta, tb = text_range
    stext = doc[ta : tb + 1].text
    sstart, send = doc[ta].idx, doc[tb].idx + len(doc[tb])
    if len(members) > 1:
        names, ids = [], []
        for m in members:
            spans = _member_spans(ctx, m)
            r = _resolve(ctx, spans)
            nm = r.name if r else _clean_name(doc[spans[0][0] : spans[0][1] + 1].text)
            if nm not in names:
                names.append(nm)
                ids.append(r.actor_id if r else None)
        if len(names) == 1:
            return _Who(names[0], ids[0], stext, sstart, send)
        return _Who(" and ".join(names), None, stext, sstart, send)
    spans = _member_spans(ctx, head)
    r = _resolve(ctx, spans + [text_range])
    if r is not None:
        return _Who(r.name, r.actor_id, stext, sstart, send)
    a, b = spans[0]
    return _Who(_clean_name(doc[a : b + 1].text), None, stext, sstart, send)


def _addressee(ctx: _Ctx, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    spans = _member_spans(ctx, tok)
    r = _resolve(ctx, spans)
    if r is not None:
        return r.name
    a, b = spans[0]
    return _clean_name(ctx.doc[a : b + 1].text) or None


# --------------------------------------------------------------------------- cue finding


#: Word forms the small model lemmatizes wrongly ("hoping" -> "hop").
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _verb_lemma(ctx: _Ctx, t: Token) -> str:
    lem = ctx.lex.normalize(_LEMMA_FIXES.get(t.lower_, t.lemma_))
    for c in t.children:
        if c.dep_ in {"prep", "prt"}:
            two = f"{lem} {c.lower_}"
            if two in ctx.lex.verb_class or two in ctx.lex.topic_verbs:
                return two
    return lem


def _cue_end(t: Token, lem: str) -> int:
    """End offset of a cue: a two-word cue ("point out", "call for") covers its particle."""
    end = t.idx + len(t)
    if " " in lem and t.pos_ in {"VERB", "AUX"}:
        second = lem.split()[-1]
        for c in t.children:
            if c.dep_ in {"prt", "prep"} and c.lower_ == second and c.i > t.i:
                return c.idx + len(c)
    return end


def _subject(ctx: _Ctx, verb: Token) -> tuple[Optional[Token], str]:
    """Speaker head of a reporting verb: (token, kind) with kind np | readout | none."""
    acting = _acting_noun(verb)
    if acting is not None:
        return acting, "np"
    cur = verb
    for _ in range(6):
        subj = _children(cur, "nsubj")
        if subj:
            s = subj[0]
            if s.lower_ in _RELATIVE and cur.dep_ == "relcl":
                return cur.head, "np"
            if s.lower_ in _EXPLETIVES and s.pos_ == "PRON" and not (
                    cur is verb and any(c.dep_ in {"ccomp", "dobj"} for c in cur.children)
                    and ctx.lex.normalize(cur.lemma_) in ctx.lex.verb_class):
                return None, "none"  # "it" says something only as a referent ("It said it ...")
            return s, "np"
        if cur.tag_ == "VBG":  # "Truss adding ...": the parser files the subject as compound
            pre = [c for c in cur.children if c.dep_ in {"compound", "npadvmod", "nmod"}
                   and c.i == cur.i - 1 and c.pos_ in {"PROPN", "NOUN"}]
            if pre:
                return pre[0], "np"
        spass = _children(cur, "nsubjpass")
        if spass or any(c.dep_ == "auxpass" for c in cur.children):
            agent = _agent(cur)
            if agent is not None:
                return agent, "np"
            if spass and spass[0].lower_ in _EXPLETIVES:
                return None, "readout"
            if _passive_conj_subject(verb, cur, spass):
                return spass[0], "np"
            return None, "none"
        if cur.dep_ == "acomp" and cur.head.i != cur.i and cur.head.lemma_ == "be":
            cur = cur.head  # "was quick to add that ...": the subject of the copula
            continue
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i:
            break
        if cur.dep_ == "conj" and cur.head.pos_ not in {"VERB", "AUX"}:
            break
        cur = cur.head
    return None, "none"


def _passive_conj_subject(verb: Token, head: Token, spass: list) -> bool:
    """Whether the passive subject of ``head`` is the speaker of ``verb``, an active verb
    coordinated with it ("The mayor was pressed on it *and said* ..."): not a pronoun
    standing for another noun (relative, expletive)."""
    return bool(spass) and verb.dep_ == "conj" and verb.head.i == head.i and not _is_passive(verb) \
        and spass[0].lower_ not in _RELATIVE and spass[0].lower_ not in _EXPLETIVES \
        and spass[0].tag_ not in {"WDT", "WP"}


def _agent(verb: Token) -> Optional[Token]:
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj"] + (
            [verb.head] if verb.dep_ == "conj" else []):
        for c in v.children:
            if c.dep_ == "agent":
                pobj = _children(c, "pobj")
                if pobj:
                    return pobj[0]
    return None


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and any(
        c.dep_ in {"nsubjpass", "auxpass"} for c in verb.head.children)


def _prep_content(ctx: _Ctx, owners: Sequence[Token], preps: frozenset) -> Optional[tuple[int, int]]:
    for o in owners:
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = _children(c, "pobj", "pcomp")
                if obj:
                    return _subtree_range(obj[0])
    return None


def _to_addressee(owners: Sequence[Token]) -> Optional[Token]:
    for o in owners:
        for c in o.children:
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to":
                obj = _children(c, "pobj")
                if obj and obj[0].pos_ in {"PROPN", "NOUN", "PRON"}:
                    return obj[0]
    return None


def _verb_cands(ctx: _Ctx) -> list[_Cand]:
    lex, doc = ctx.lex, ctx.doc
    out: list[_Cand] = []
    for t in doc:
        cue_tok = t
        if t.pos_ == "ADJ" and t.lemma_.lower() in lex.adjective_cues and t.dep_ == "acomp" \
                and t.head.lemma_ == "be":
            lem = f"be {t.lemma_.lower()}"
            verb = t.head
        elif t.pos_ == "VERB":
            lem = _verb_lemma(ctx, t)
            verb = t
        else:
            continue
        if lem not in lex.verb_class and not (ctx.topics and lem in lex.topic_verbs):
            continue
        speech_acl = _speech_acl(ctx, verb)
        if verb.dep_ in {"amod", "acl", "compound"} and not _agent(verb) and not (
                _acting_noun(verb) and (lem in lex.inner_cues or lex.verb_class.get(lem) in _POSITION_CLASSES)) \
                and speech_acl is None:
            continue
        if lem in lex.document_verbs and not _document_subject(ctx, verb):
            continue
        if lem in lex.impersonal:
            cand = _impersonal_cand(ctx, verb, lem)
            if cand is not None:
                out.append(cand)
            continue
        if lem in lex.as_verbs and not _as_phrase(verb) and not _children(verb, "ccomp"):
            continue
        cand = _verb_cand(ctx, verb, cue_tok, lem)
        if cand is None and cue_tok is verb:
            cand = _inverted_cand(ctx, verb, lem)
        if cand is not None and speech_acl is not None and cand.speaker_np is not None \
                and cand.speaker_np.i == speech_acl.i:
            # "His office issued a statement saying ...", "..., he said in a statement saying ...":
            # the speaker is the subject of the verb the utterance noun hangs on
            owner = speech_acl.head if speech_acl.dep_ == "dobj" else (
                speech_acl.head.head if speech_acl.dep_ == "pobj" and speech_acl.head.dep_ == "prep" else None)
            if owner is not None and owner.pos_ == "VERB" and (
                    _verb_lemma(ctx, owner) in ctx.lex.verb_class or owner.lemma_.lower() in ctx.lex.light_verbs
                    or owner.lemma_.lower() in ctx.lex.publish_verbs):  # not "received calls saying ..."
                s, k = _subject(ctx, owner)
                if s is not None and k == "np":
                    cand.speaker_np, cand.speaker_kind = s, k
        if cand is not None:
            out.append(cand)
    return out


def _speech_acl(ctx: _Ctx, verb: Token) -> Optional[Token]:
    """The utterance noun a participle of speech describes: "a statement *saying* that ...",
    "calls *saying* shots were fired", "emailed supporters a message *saying*: “...”" (the
    participle has a clause of its own); None otherwise."""
    noun = _acting_noun(verb)
    if noun is None or ctx.lex.verb_class.get(_verb_lemma(ctx, verb)) not in _PRE_CLAUSE_CLASSES:
        return None
    if noun.lemma_.lower() not in ctx.lex.speech_nouns | ctx.lex.document_nouns | ctx.lex.utterance_nouns:
        return None
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    return noun


def _acting_noun(verb: Token) -> Optional[Token]:
    """The noun a participle clause describes as speaking: "a super PAC *supporting* Cruz",
    "ads attacking his rivals" (the noun is the speaker)."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i > verb.head.i \
            and verb.head.pos_ in {"NOUN", "PROPN"} and not _children(verb, "nsubj"):
        return verb.head
    return None


def _as_phrase(verb: Token) -> Optional[Token]:
    """The "as" phrase after the object of ``verb`` ("sees him *as a threat*")."""
    dobj = _children(verb, "dobj")
    if not dobj:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > dobj[0].i and _children(c, "pobj", "pcomp"):
            return c
    for c in dobj[0].children:  # attached to the object by the parser
        if c.dep_ == "prep" and c.lower_ == "as" and _children(c, "pobj", "pcomp"):
            return c
    return None


#: Complements of a raising verb that carry what is believed ("seems *ready*", "appears
#: *to have ...*", "seemed *a good idea*").
_RAISING_COMPS = {"xcomp", "acomp", "attr", "oprd"}


def _impersonal_cand(ctx: _Ctx, verb: Token, lem: str) -> Optional[_Cand]:
    """"X seems to ... / X appears ready / It seems that ...": the writer's belief, with no
    speaker of its own; the content is the subject with the complement (around the cue)."""
    doc = ctx.doc
    sent = ctx.sents[ctx.sent_of(verb)]
    subj = _children(verb, "nsubj")
    if not subj or subj[0].lower_ in _RELATIVE or subj[0].tag_ in {"WDT", "WP"}:
        return None
    s = subj[0]
    end = _cue_end(verb, lem)
    if s.lower_ in _EXPLETIVES and s.pos_ == "PRON":
        cl = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if not cl:
            return None
        return _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=end,
                     content=_subtree_range(cl[0]), speaker_kind="author", kind="clause")
    if s.i > verb.i:
        return None
    comps = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in _RAISING_COMPS or (c.dep_ == "advmod" and c.tag_ in {"JJ", "JJR", "RBR"}))]
    if not comps:
        return None
    comp = comps[0]
    if comp.dep_ == "xcomp" and comp.pos_ in {"VERB", "AUX"} and not _has_to(comp):
        return None
    b = _extend_right(ctx, verb, comp.right_edge.i, sent_end=sent.end - 1)
    a = s.left_edge.i
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in {"aux", "neg", "advmod"}
                            and s.i < c.i < verb.i])
    cand = _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=end, content=(a, b),
                 speaker_kind="author", kind="raised")
    cand.skip = (doc[first].idx, end)
    return cand


def _document_subject(ctx: _Ctx, verb: Token) -> bool:
    """Whether a document verb ("show", "find") has a speaker of its own or a document
    subject ("the poll found"): plain "he found a job" is no statement."""
    lem = ctx.lex.normalize(verb.lemma_)
    if lem not in ctx.lex.document_verbs:
        return True
    if any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
           for c in verb.children):
        return True  # "The authors found that ...": a finding stated as a clause
    cur = verb
    for _ in range(3):
        subj = _children(cur, "nsubj")
        if subj:
            return subj[0].lemma_.lower() in ctx.lex.document_nouns \
                or subj[0].lower_ in ctx.lex.document_nouns or subj[0].ent_type_ == "ORG"
        if cur.dep_ != "conj":
            return False
        cur = cur.head
    return False


_CLAUSE_DEPS = {"dobj", "dative", "prep", "npadvmod", "advmod", "prt", "agent", "neg", "aux",
                "auxpass", "punct"}


def _inverted_cand(ctx: _Ctx, verb: Token, lem: str) -> Optional[_Cand]:
    """An attribution clause set off by commas whose content is the rest of the sentence,
    which the parser did not attach as the verb's complement: "The plan, he said, will
    fail." / "Instead, Trump told CNN, his policy would change." / "Taxes will rise, the
    minister told reporters on Monday."
    """
    lex, doc = ctx.lex, ctx.doc
    if lem in lex.topic_verbs or lex.verb_class.get(lem) in {"expressive", "directive"}:
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _EXPLETIVES
            and c.lower_ not in _RELATIVE]
    if len(subj) != 1 or any(c.dep_ in {"ccomp", "xcomp", "nsubjpass", "csubj"} for c in verb.children):
        return None
    if verb.dep_ not in {"parataxis", "ccomp", "conj", "ROOT", "advcl"}:
        return None
    s = subj[0]
    sent = ctx.sents[ctx.sent_of(verb)]
    kids = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.dep_ != "punct"]
    fronted = [c for c in kids if c.right_edge.i < s.left_edge.i and c.left_edge.i <= sent.start + 1
               and any(doc[k].text == "," for k in range(c.right_edge.i + 1, s.left_edge.i))]
    if fronted:  # "At times last year, people close to him said, ...": part of the content
        kids = [c for c in kids if not any(c is f for f in fronted)]
    a = min([s.left_edge.i, verb.i] + [c.left_edge.i for c in kids])
    b = max([verb.i, s.right_edge.i] + [c.right_edge.i for c in kids])
    if any(doc[k].dep_ in {"ccomp", "conj"} and doc[k].head.i == verb.i for k in range(a, b + 1)):
        return None
    before = doc[a - 1] if a > sent.start else None
    after = doc[b + 1] if b + 1 < sent.end else None
    if before is not None and not (before.text == "," or _is_punct(before)):
        return None
    if after is not None and not (after.text in {",", ".", ";", "!", "?"} or _is_punct(after)):
        return None
    left = _trim(doc, sent.start, a - 1) if a > sent.start else None
    right = _trim(doc, b + 1, sent.end - 1) if b + 1 < sent.end else None
    words = lambda r: 0 if r is None else sum(1 for t in doc[r[0]:r[1] + 1] if t.is_alpha)
    nl, nr = words(left), words(right)
    if left is not None and " ".join(x.lower_ for x in doc[left[0]:left[1] + 1]) in _CONNECTIVES:
        nl = 0  # "Still, he said, ...": the writer's connective
    tops = [x for x in doc[left[0]:left[1] + 1] if not left[0] <= x.head.i <= left[1]] if left else []
    quoted = False
    adverbial = bool(tops) and all(x.head.i == verb.i and x.dep_ in {"advcl", "prep", "npadvmod"}
                                   for x in tops) \
        and not any(ctx.quote_at(x.idx) is not None for x in doc[left[0]:left[1] + 1])
    if adverbial and nr == 0:
        # "Asked whether ..., he said, “Of course. ...”": the clause before the attribution is
        # its own adverbial; the content is the quotation after the verb
        k = verb.i + 1
        while k < len(doc) and _is_punct(doc[k]) and "\n" not in doc[k].text:
            k += 1
        q = ctx.quote_at(doc[k].idx) if k < len(doc) else None
        if q is not None and q.open_char > verb.idx:
            last = _tok_at(ctx, max(q.start, q.end - 1))
            if last is not None and last.i >= k:
                left, nl, right, nr = None, 0, (k, last.i), 3
                quoted = True
    ql = ctx.quote_at(doc[left[1]].idx) if left is not None else None
    if ql is not None and ql.close_char is not None and ql.close_char < verb.idx and nl >= 2 \
            and ql.start <= doc[left[0]].idx and right is not None \
            and not any(ctx.quote_at(x.idx) is not None for x in doc[right[0]:right[1] + 1]) \
            and not (doc[right[0]].pos_ in {"VERB", "AUX"} and doc[right[0]].tag_ != "VBG"):
        # “A,” he said, when ... / “A,” she said, and ...: the words after the attribution are
        # the writer's, unlike the rest of a sentence (“Only you,” she said, would ...)
        nr, nl = 0, max(nl, 3)
    if quoted:
        content, kind = right, "clause"
    elif nr >= 2 and (nl >= 2 or (nl == 1 and doc[left[0]].dep_ != "cc" and doc[left[0]].is_alpha)):
        # "The plan, he said, will fail." / "Loyalty, he noted, has ..." / "Instead, she
        # said, ...": one content around the attribution (not a leading "But, he said, ...")
        content, kind = (left[0], right[1]), "around"
    elif nl >= 3 and nr == 0:
        content, kind = left, "clause"
    elif nr >= 3 and nl <= 1 and after is not None and after.text == ",":
        content, kind = right, "clause"
    else:
        return None
    if not quoted and not any(t.pos_ in {"VERB", "AUX"} for t in doc[content[0]:content[1] + 1]
               if not (a <= t.i <= b)):
        return None
    cand = _Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=_cue_end(verb, lem),
                 content=content, speaker_np=s, speaker_kind="np", kind=kind,
                 addressee=(_children(verb, "dobj") or [None])[0] if lem in lex.addressee_object else None)
    if not quoted:
        cand.skip = (doc[a].idx, doc[b].idx + len(doc[b]))
    return cand


def _fronted_part(ctx: _Ctx, verb: Token, comp: Token) -> Optional[tuple[int, int, int]]:
    """An attribution set inside the sentence with its content split around it: "At
    times, people close to him said, the mere mention ...", "It is no surprise, Mr. Garin
    said, that ...", "“In Fisher,” Amar said, “even though ...”". The attribution clause
    (subject, verb and the verb's modifiers) stands between commas, the complement comes
    after it and the sentence starts before it: (first token of the content, first and last
    token of the attribution clause), or None. Not when an unquoted phrase comes before a
    quotation ("In February, Trump said, “...”": the narrator's words), nor for a
    participle clause ("“A,” she said, adding that ...")."""
    doc = ctx.doc
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subj or subj[0].lower_ in _RELATIVE or subj[0].lower_ in _EXPLETIVES \
            or "\n" in ctx.text[verb.idx:comp.left_edge.idx] \
            or (comp.tag_ == "VBG" and not _children(comp, *_SUBJ_DEPS)):
        return None  # "“A,” she said, adding that ...": a participle clause of the narrator
    s0 = subj[0].left_edge.i
    if any(c.i < s0 and c.dep_ in {"aux", "neg", "advmod"} and c.i > s0 - 2 for c in verb.children):
        return None
    # the attribution clause ends before the complement, at a comma
    e = max([verb.i] + [c.right_edge.i for c in verb.children
                        if verb.i < c.i < comp.left_edge.i and c.dep_ not in {"punct", "cc", "conj"}])
    k = e + 1
    while k < comp.left_edge.i and (_is_punct(doc[k]) and doc[k].text != ","):
        k += 1
    if k >= len(doc) or doc[k].text != ",":
        return None
    # a comma before the subject (after the closing mark of a first quotation, if any)
    j = s0 - 1
    while j >= 0 and _is_punct(doc[j]) and doc[j].text != "," and "\n" not in doc[j].text:
        j -= 1
    if j < 1 or doc[j].text != ",":
        return None
    start = ctx.sents[ctx.sent_of(doc[j])].start
    para = ctx.text.rfind("\n", 0, subj[0].idx) + 1
    while start < j and doc[start].idx < para:
        start += 1
    words = [t for t in doc[start:j] if t.is_alpha]
    if not words:
        return None
    k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k < len(doc) and ctx.quote_at(doc[k].idx + len(doc[k])) is not None \
            and ctx.quote_at(doc[k].idx) is None and ctx.quote_at(words[-1].idx) is None:
        return None  # "In February, Mr. Trump said, “...”": the narrator's words before a quotation
    return start, s0, e


#: Personal pronoun objects that are a content for verbs stating a position towards someone
#: ("supports her", "attacked him"), unlike "said it".
_PERSONAL_OBJECTS = {"him", "her", "them", "us", "me", "you", "himself", "herself", "themselves"}
_POSITION_CLASSES = {"expressive", "oppositional"}

_PRE_CLAUSE_CLASSES = {"neutral", "informing", "emphatic", "distancing", "concessive"}


#: Prepositions that always give the time or circumstances of the utterance.
_OCCASION_PREPS = {"during", "after", "before", "following", "amid", "ahead", "while"}
#: Nouns naming the occasion or channel of an utterance ("in an interview", "at a rally",
#: "on its Facebook page"), besides the lexicon's ``speech_nouns``.
_OCCASION_NOUNS = {"interview", "rally", "event", "debate", "conference", "appearance",
                   "broadcast", "show", "page", "program", "programme", "meeting", "hearing",
                   "session", "briefing", "forum", "stop", "visit", "call", "video", "ad",
                   "op-ed", "column", "editorial", "radio", "television", "podcast", "website",
                   "town", "hall", "occasion", "condition", "anonymity", "appearances",
                   "speeches", "interviews", "rallies", "events", "debates", "tweets", "posts",
                   "statements", "campaign", "trail", "floor", "episode", "edition", "night",
                   "morning", "afternoon", "evening"}


def _occasion(ctx: _Ctx, prep: Token) -> bool:
    """Whether a prepositional modifier of the cue verb tells when, where or through what
    the words were said ("at a rally", "in an interview", "during a debate"), not what."""
    if prep.dep_ != "prep" or any(c.dep_ in {"conj", "cc"} for c in prep.children):
        return False  # "before, during and after the attacks": part of the content
    if prep.lower_ in _OCCASION_PREPS:
        return True
    objs = _children(prep, "pobj")
    if prep.lower_ not in {"in", "at", "on", "via", "through", "over", "from"} or not objs:
        return False
    o, lem = objs[0], objs[0].lemma_.lower()
    if lem in {"response", "reply", "answer", "view", "position", "opinion"} \
            or (prep.lower_ == "on" and lem == "debate"):
        return False  # "in response to ...", "on the debate over ...": what it is about
    return o.lower_ in _OCCASION_NOUNS or lem in _OCCASION_NOUNS or lem in ctx.lex.speech_nouns


def _extend_right(ctx: _Ctx, verb: Token, b: int, *, sent_end: int) -> int:
    """Grow an object content over the verb's following prepositional modifiers (not the
    occasion of the utterance: "at a rally", "in an interview", "during a debate")."""
    doc = ctx.doc
    edge = b  # b, or the end of an occasion phrase kept only if the content goes on past it
    for c in sorted(verb.children, key=lambda x: x.i):
        if c.i <= edge:
            continue
        gap = [doc[k] for k in range(edge + 1, c.left_edge.i)]
        if any(not (g.text == "," or g.is_space or g.dep_ == "cc" or g.tag_ == "POS"
               or g.lower_ in {"’s", "'s", "’", "'"}) for g in gap):
            break
        if edge > b and (c.dep_ not in {"prep", "oprd"} or any(g.text == "," for g in gap)):
            break  # only a complement right after an occasion phrase ("... for Y") goes on
        if _occasion(ctx, c):
            edge = c.right_edge.i  # "criticized X during the debate for Y": kept with "for Y"
            continue
        if c.dep_ == "oprd" or (c.dep_ in {"prep", "advmod", "npadvmod"} and c.lower_ not in {"to", "by"}
                                and not any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)):
            b = edge = c.right_edge.i
            continue
        if c.dep_ == "advcl" and c.tag_ == "VBG" and _verb_lemma(ctx, c) not in ctx.lex.verb_class \
                and not any(x.dep_ in _SUBJ_DEPS for x in c.children):
            b = edge = c.right_edge.i
            continue
        if c.dep_ in {"conj", "xcomp"} and not any(x.dep_ in _SUBJ_DEPS for x in c.children) \
                and (c.tag_ == "VB" or c.pos_ == "NOUN") and _verb_lemma(ctx, c) not in ctx.lex.verb_class:
            b = edge = c.right_edge.i  # "agreed to ensure X, eliminate Y, and prevent Z"
            continue
        if c.dep_ in {"advcl", "xcomp"} and c.tag_ == "VB" and _has_to(c) and not gap and edge == b \
                and not any(x.dep_ in _SUBJ_DEPS for x in c.children):
            b = edge = c.right_edge.i  # "defended his call to raise the wage": the noun's infinitive
            continue
        if c.dep_ in {"cc", "punct"}:
            continue
        break
    return min(b, sent_end)


def _comma_clause(verb: Token, c: Token) -> bool:
    """Whether ``c`` is an adverbial clause set off by a comma after ``verb`` ("..., an
    official said, *adding that ...*", "..., he said, *because ...*"): not part of the
    attribution clause, whose length decides whether a fronted clause is its content."""
    return c.dep_ == "advcl" and c.i > verb.i and c.left_edge.i > 0 \
        and c.doc[c.left_edge.i - 1].text == ","


def _extend_clause(ctx: _Ctx, verb: Token, b: int) -> int:
    """Grow a reported clause over a second "that"-clause the parser hung on the cue verb
    ("said A, and that B", "predicted A but that B"): both are what was said."""
    doc = ctx.doc
    for c in sorted(verb.children, key=lambda x: x.i):
        if c.i <= b or c.dep_ in {"punct", "cc"}:
            continue
        gap = doc[b + 1:c.left_edge.i]
        if c.dep_ in {"conj", "ccomp"} and c.pos_ in {"VERB", "AUX"} and any(g.dep_ == "cc" for g in gap) \
                and all(g.text == "," or g.dep_ == "cc" for g in gap) \
                and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children) \
                and "\n" not in ctx.text[doc[b].idx:c.idx]:
            b = c.right_edge.i
            continue
        break
    return b


def _verb_cand(ctx: _Ctx, verb: Token, cue_tok: Token, lem: str) -> Optional[_Cand]:
    lex, doc = ctx.lex, ctx.doc
    content: Optional[tuple[int, int]] = None
    kind = "clause"
    skip: Optional[tuple[int, int]] = None
    addressee: Optional[Token] = None
    passive = _is_passive(verb)
    sent = ctx.sents[ctx.sent_of(verb)]
    cls = lex.verb_class.get(lem)

    dobj = (_children(verb, "dobj") or [None])[0]
    dative = (_children(verb, "dative") or [None])[0]
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    if ccomps and ccomps[0].i < verb.i:
        # a fronted clause ("..., he said") needs quotation marks or a short attribution
        c0 = ccomps[0]
        quoted = ctx.quote_at(c0.idx) is not None
        tail = max([c.right_edge.i for c in verb.children
                    if c.dep_ not in {"ccomp", "conj", "cc", "punct"} and not _comma_clause(verb, c)]
                   + [verb.i]) - c0.right_edge.i
        # a long name counts as one word ("..., ministry spokesman Benali Cherif Abdelaziz said")
        tail -= sum(max(0, x.i - x.left_edge.i) for x in verb.children
                    if x.dep_ == "nsubj" and c0.right_edge.i < x.i < verb.i and x.pos_ == "PROPN")
        inverted = any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children) \
            and c0.right_edge.i < verb.i  # "..., said a former spokesman for X, who ..."
        if not quoted and not inverted and not (cls in _PRE_CLAUSE_CLASSES and tail <= 10):
            ccomps = [c for c in ccomps if c.i > verb.i]
    if not ccomps and lem in lex.no_object_content and dobj is None:
        # "He said legalizing it could ...": a clause misparsed as a gerund complement
        xs = [c for c in verb.children if c.dep_ == "xcomp" and c.i == verb.i + 1 and c.tag_ == "VBG"
              and any(x.dep_ == "ccomp" and x.i > c.i for x in c.children)]
        if xs:
            ccomps = xs
    if not ccomps and lem in lex.question_verbs:
        # "asked the senator if he would run": the question parsed as an adverbial clause
        ccomps = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ in {"if", "whether"} and m.i == c.left_edge.i for m in c.children)][:1]
    if not ccomps:
        # "said in a statement that ...": the clause hangs on the noun of a prepositional phrase
        for p in _children(verb, "prep"):
            for o in _children(p, "pobj"):
                cl = [c for c in o.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > o.i
                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
                if cl and o.pos_ == "NOUN" and p.i > verb.i:
                    ccomps = cl[:1]
                    break
            if ccomps:
                break
    if ccomps:
        a = min(c.left_edge.i for c in ccomps)
        b = max(c.right_edge.i for c in ccomps)
        before = [c for c in ccomps if c.right_edge.i < verb.i]
        after = [c for c in ccomps if c.left_edge.i > verb.i]
        if before and after and all("\n" in ctx.text[verb.idx:c.left_edge.idx] for c in after):
            # “A,” she said, ... ⏎ “B,” she added: the parse runs into the next paragraph
            after, a, b = [], min(c.left_edge.i for c in before), max(c.right_edge.i for c in before)
        q_after = ctx.quote_at(after[0].left_edge.idx) if after else None
        if before and after and q_after is not None and q_after.open_char > verb.idx \
                and not ctx.text[q_after.start:after[0].left_edge.idx].strip(" ,;:—–-'\"“‘") \
                and "\n" not in ctx.text[verb.idx:after[0].left_edge.idx]:
            # "“A,” he said, “B.”": one content around the attribution
            g0, g1 = max(c.right_edge.i for c in before) + 1, min(c.left_edge.i for c in after) - 1
            skip = (doc[g0].idx, doc[g1].idx + len(doc[g1]))
            kind = "around"
        elif after and _fronted_part(ctx, verb, after[0]) is not None:
            # "At times, people said, ...", "It is no surprise, he said, that ...": the words
            # before the attribution belong to the content too
            a, g0, g1 = _fronted_part(ctx, verb, after[0])
            skip, kind = (doc[g0].idx, doc[g1].idx + len(doc[g1])), "around"
        elif a <= verb.i <= b:  # parse oddity: keep the side after the verb
            a = verb.i + 1
        q_end = ctx.quote_at(doc[b].idx) if kind == "around" else None
        if q_end is not None and q_end.open_char > verb.idx and q_end.end > doc[b].idx + len(doc[b]):
            last = _tok_at(ctx, q_end.end - 1)  # “A,” he said, “B. C.”: the whole second quotation
            b = last.i if last is not None else b
        c0 = ccomps[0]
        if dobj is not None and verb.i < dobj.i < c0.i and lem not in lex.addressee_object \
                and not any(x.dep_ in _SUBJ_DEPS for x in c0.children):
            a = min(a, dobj.left_edge.i)  # "asserting the US and allies “will ...”"
        if kind == "clause" and a > verb.i:
            b = _extend_clause(ctx, verb, b)
        content = (a, b)
    if content is None and verb.dep_ == "advcl" and dobj is None and any(
            m.dep_ == "mark" and m.lower_ == "as" for m in verb.children) \
            and cls in _PRE_CLAUSE_CLASSES and verb.head.pos_ in {"VERB", "AUX"}:
        # "As Politico reported, Trump would win." / "..., as he noted.": the clause it modifies
        h = verb.head
        a, b = _subtree_range(h, [verb])
        a, b = max(a, sent.start), min(b, sent.end - 1)
        if verb.left_edge.i > h.i:
            b = min(b, verb.left_edge.i - 1)
        if b - a >= 2:
            content, kind = (a, b), "as"
    if content is None and dobj is not None and lem not in lex.addressee_object:
        # misparse of "agreed Ukraine and America will continue ...": object + finite conjunct
        fin = [c for c in verb.children if c.dep_ == "conj" and c.i > dobj.i
               and not any(x.dep_ in _SUBJ_DEPS for x in c.children)
               and any(x.dep_ == "aux" and x.tag_ == "MD" for x in c.children)]
        if fin and dobj.pos_ in {"PROPN", "NOUN"}:
            content = (dobj.left_edge.i, fin[0].right_edge.i)
    author = False
    if content is None and passive and _agent(verb) is None:
        # "The sale is expected to expand ...", "He is said to have ...": the writer reports
        # what is expected or said; the content is the subject with the infinitive
        spass = _children(verb, "nsubjpass")
        xs = [c for c in verb.children if c.dep_ == "xcomp" and _has_to(c) and c.i > verb.i]
        if spass and xs and spass[0].i < verb.i and spass[0].lower_ not in _RELATIVE \
                and spass[0].lower_ not in _EXPLETIVES and spass[0].tag_ not in {"WDT", "WP"}:
            content, kind, author = (spass[0].left_edge.i, xs[0].right_edge.i), "raised", True
            first = min([verb.i] + [c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "advmod"}
                                    and spass[0].i < c.i < verb.i])
            skip = (doc[first].idx, _cue_end(cue_tok, lem))
    if content is None and lem in lex.content_preps and lem in {"ask", "call for", "appeal"}:
        content = _prep_content(ctx, [verb], lex.content_preps[lem])
        if content is not None:
            kind = "prep"
            content = (content[0], _extend_right(ctx, verb, content[1], sent_end=sent.end - 1))
    if content is None and lem in lex.infinitive:
        xs = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and _has_to(c) and c.i > verb.i]
        if xs:
            a, b = _subtree_range(xs[0])
            content = (a, _extend_right(ctx, verb, b, sent_end=sent.end - 1))
            kind = "infinitive"
    if content is None and lem == "express" and dobj is not None \
            and dobj.lemma_.lower() in lex.stance_nouns:
        cl = [c for c in dobj.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > dobj.i
              and any(m.dep_ == "mark" for m in c.children)]
        if cl:
            content = _subtree_range(cl[0])
        else:
            content = _prep_content(ctx, [dobj, verb], lex.content_preps.get("express", frozenset()))
            if content is not None:
                content = (content[0], _extend_right(ctx, verb, content[1], sent_end=sent.end - 1))
        if content is not None:
            kind = "stance"
            addressee = _to_addressee([verb, dobj])
        else:
            content = _subtree_range(dobj)
            kind = "object"
    if content is None and lem in lex.content_preps:
        owners2 = [verb] + ([dobj] if dobj is not None else [])
        if cue_tok is not verb:
            owners2 = [cue_tok] + owners2
        content = _prep_content(ctx, owners2, lex.content_preps[lem])
        if content is not None:
            kind = "prep"
            content = (content[0], _extend_right(ctx, verb, content[1], sent_end=sent.end - 1))
    if content is None and passive:
        spass = _children(verb, "nsubjpass") or (
            _children(verb.head, "nsubjpass") if verb.dep_ == "conj" else [])
        if spass:
            s = spass[0]
            if s.lower_ in _DEMONSTRATIVES and s.pos_ in {"PRON", "DET"} and not list(s.children):
                si = ctx.sent_of(verb)
                if si > 0:
                    prev = ctx.sents[si - 1]
                    content = (prev.start, prev.end - 1)
                    kind = "previous"
            elif s.lower_ not in _EXPLETIVES:
                content = _subtree_range(s)
                kind = "subject"
        if content is None:
            xs = [c for c in verb.children if c.dep_ == "xcomp" and _has_to(c)]
            if xs and lem in lex.infinitive | {"suggest", "offer", "propose"}:
                content = _subtree_range(xs[0])
                kind = "infinitive"
    if content is None and dobj is not None and lem not in lex.addressee_object \
            and lem not in lex.no_object_content and not passive and (
                (dobj.lower_ not in _OBJ_PRONOUNS and dobj.pos_ != "PRON") or _as_phrase(verb)
                or (dobj.lower_ in _PERSONAL_OBJECTS and (lem in lex.inner_cues or cls in _POSITION_CLASSES))):
        a, b = _subtree_range(dobj)
        content = (a, _extend_right(ctx, verb, b, sent_end=sent.end - 1))
        kind = "object"
    if content is None:
        return None
    if lem in lex.addressee_object and addressee is None:
        addressee = dobj if (dobj is not None and not (content[0] <= dobj.i <= content[1])) else dative
    if addressee is None:
        addressee = _to_addressee([verb]) if kind != "infinitive" else None
        if addressee is not None and content[0] <= addressee.i <= content[1]:
            addressee = None
    subj, skind = _subject(ctx, verb)
    if author:
        subj, skind = None, "author"
    if subj is not None and content[0] <= subj.i <= content[1] and not (
            skip is not None and skip[0] <= subj.idx < skip[1]):
        subj, skind = None, "none"
    if skind == "none":
        return None
    if addressee is not None and subj is not None and verb.i < subj.i < addressee.i:
        addressee = None  # "said the Adviser to the Head of ...": part of the subject
    return _Cand(cue=lem, cue_tok=cue_tok, cue_start=cue_tok.idx, cue_end=_cue_end(cue_tok, lem),
                 content=content, speaker_np=subj, speaker_kind=skind, addressee=addressee, kind=kind,
                 skip=skip)


#: Entity types of a name inside "according to" + common noun ("the RealClearPolitics average").
_NAMED_SOURCE_ENTS = {"ORG", "PERSON", "NORP", "GPE"}


def _one_clause(doc: Doc, head: Token, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether the words on both sides of a parenthetical make one clause: the head the
    parenthetical hangs on is on one side and the other side is a single phrase of it
    ("Among the rules at risk, [according to X,] are six ...")."""
    for here, other in ((right, left), (left, right)):
        if not here[0] <= head.i <= here[1]:
            continue
        tops = [x for x in doc[other[0]:other[1] + 1] if not other[0] <= x.head.i <= other[1]]
        return len(tops) == 1 and tops[0].head.i == head.i
    return False


def _according_cands(ctx: _Ctx) -> list[_Cand]:
    doc = ctx.doc
    out = []
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        pobj = _children(to, "pobj") or _children(t, "pobj")
        if not pobj:
            continue
        who = pobj[0]
        if who.lower_ in _RELATIVE or who.tag_ in {"WDT", "WP"}:
            continue
        if who.pos_ not in {"PROPN", "PRON"} and not who.ent_type_ \
                and who.lemma_.lower() not in ctx.lex.source_nouns and who.lower_ not in ctx.lex.source_nouns \
                and not any(x.i < who.i and (x.pos_ == "PROPN" or x.ent_type_ in _NAMED_SOURCE_ENTS)
                            for x in who.subtree):
            continue  # a common noun: a source only when listed or named ("the Gallup average")
        sent = ctx.sents[ctx.sent_of(t)]
        a0 = t.i
        a1 = max(who.right_edge.i, to.i)
        left = _trim(doc, sent.start, a0 - 1)
        right = _trim(doc, a1 + 1, sent.end - 1)
        skip = None
        if left and " ".join(x.lower_ for x in doc[left[0]:left[1] + 1]) in _CONNECTIVES:
            left = None  # "In addition, according to X, ...": the writer's connective
        if left and right and _one_clause(doc, t.head, left, right) and doc[a0 - 1].text == "," \
                and a1 + 1 < len(doc) and doc[a1 + 1].text == ",":
            # "Since May, according to X, the forces have ...": one clause around the source
            content, skip = (left[0], right[1]), (doc[a0].idx, doc[a1].idx + len(doc[a1]))
        elif left and right:
            content = left if (left[1] - left[0]) > (right[1] - right[0]) else right
        else:
            content = left or right
        if content is None:
            continue
        out.append(_Cand(cue="according to", cue_tok=t, cue_start=t.idx, cue_end=to.idx + len(to),
                         content=content, speaker_np=who, kind="around" if skip else "according",
                         skip=skip))
    return out


#: Entity types that never name a speaker before a colon ("Monday: ...", "2016: ...").
_COLON_NON_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
#: Labels at the start of a line that are not speakers ("Update: ...", "Watch: ...").
_COLON_LABELS = {"update", "updated", "note", "related", "watch", "video", "photo", "photos",
                 "read", "more", "correction", "clarification", "advertisement", "q", "a",
                 "question", "answer", "follow", "subscribe", "via", "credit", "caption", "image",
                 "tags", "topics", "share", "see", "live", "breaking", "exclusive", "analysis",
                 "opinion", "transcript", "warning", "by", "editor", "editors", "listen",
                 "source", "sources", "also", "contact", "email", "twitter", "facebook", "next",
                 "previous", "background", "bottom", "line", "why", "what", "how", "who", "when",
                 "where", "full", "text", "summary", "key", "points", "takeaway", "takeaways"}


#: Prepositions inside a headline speaker before a colon ("Clinton to Planned Parenthood: ...",
#: "Mukasey at RNC: ...", "CNN President on Trump: ...").
_COLON_PREPS = {"to", "at", "on", "in"}


def _colon_cands(ctx: _Ctx) -> list[_Cand]:
    """Headline and transcript style "Name: what they said" at the start of a line (cue
    ":"): the words before the colon are a short capitalised name ("Sanders", "JAKE
    TAPPER", "Mark Blumenthal and Jon Cohen", "Poll"), the content the rest of the line."""
    doc = ctx.doc
    out = []
    for t in doc:
        if t.text != ":" or t.i == 0 or t.i > len(doc) - 4:
            continue
        a = t.i - 1
        while a - 1 >= 0 and not ("\n" in doc[a - 1].text or "\n" in doc[a - 1].whitespace_) \
                and t.i - a < 6:
            a -= 1
        if a > 0 and not ("\n" in doc[a - 1].text or "\n" in doc[a - 1].whitespace_):
            continue  # not at the start of a line
        pre = doc[a:t.i]
        if not len(pre) or not all(
                x.pos_ in {"PROPN", "DET"} or x.tag_ == "POS" or (x.lower_ == "and" and 0 < x.i - a < len(pre) - 1)
                or (x.pos_ in {"NOUN", "ADJ", "X"} and (x.is_title or x.is_upper))
                or (x.i == t.i - 1 and x.pos_ == "NOUN" and x.is_lower and x.i > a
                    and doc[x.i - 1].pos_ == "PROPN")  # "Clinton camp: ...", "Trump aide: ..."
                or (x.lower_ in _COLON_PREPS and a < x.i < t.i - 1 and doc[x.i + 1].is_title
                    and doc[x.i - 1].pos_ == "PROPN")  # "Clinton to Planned Parenthood: ..."
                for x in pre):
            continue
        if any(x.ent_type_ in _COLON_NON_SPEAKER_ENTS for x in pre) or pre[-1].lower_ in _COLON_LABELS \
                or pre[0].lower_ in _COLON_LABELS or not any(x.is_title or x.is_upper for x in pre):
            continue
        line_end = t.i + 1
        while line_end < len(doc) and "\n" not in doc[line_end].text and "\n" not in doc[line_end - 1].whitespace_:
            line_end += 1
        b = line_end - 1
        if sum(1 for x in doc[t.i + 1:b + 1] if x.is_alpha) < 3:
            continue
        if any(x.pos_ == "VERB" and ctx.lex.normalize(x.lemma_) in ctx.lex.verb_class
               and ctx.lex.verb_class[ctx.lex.normalize(x.lemma_)] not in _INNER_CLASSES
               and ctx.lex.normalize(x.lemma_) not in ctx.lex.inner_cues
               and any(c.dep_ in _SUBJ_DEPS and c.lower_ not in {"i", "we"} for c in x.children)
               and ctx.quote_at(x.idx) is None  # not a verb inside the quoted words
               for x in doc[t.i + 1:b + 1]):
            continue  # the line has an attribution of its own
        z = next((x.i for x in pre if x.lower_ in _COLON_PREPS and x.i > a), t.i)
        pre = doc[a:z]  # the speaker ends before a preposition ("Clinton to Planned Parenthood")
        head = max(pre, key=lambda x: (x.pos_ == "PROPN", x.head.i < a or x.head.i >= z, x.i))
        span = _trim(doc, a, z - 1, drop_mark=False)
        if span is None:
            continue
        out.append(_Cand(cue=":", cue_tok=t, cue_start=t.idx, cue_end=t.idx + 1,
                         content=(t.i + 1, b), speaker_np=head, kind="quote", speaker_span=span))
    return out


def _noun_cands(ctx: _Ctx) -> list[_Cand]:
    lex, doc = ctx.lex, ctx.doc
    out = []
    for t in doc:
        if t.pos_ != "NOUN":
            continue
        lem = lex.normalize(t.lemma_)
        if lem not in lex.noun_class and t.lower_ not in lex.noun_class:
            continue
        lem = lem if lem in lex.noun_class else t.lower_
        owners = [t]
        light = t.head if t.dep_ == "dobj" and t.head.lemma_.lower() in lex.light_verbs else None
        if light is not None:
            owners.append(light)
        content = None
        infinitive_ok = lex.noun_class.get(lem) in {"directive", "commissive", "oppositional"} \
            or lem in {"imperative"}
        for o in owners:
            for c in o.children:
                if c.i <= t.i or c.pos_ not in {"VERB", "AUX"}:
                    continue
                that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                if c.dep_ in {"acl", "ccomp", "relcl", "xcomp", "advcl"} and (
                        that or (infinitive_ok and _has_to(c))):
                    if o is not t and c.left_edge.i > t.right_edge.i + 4:
                        continue
                    content = _subtree_range(c)
                    break
            if content:
                break
        if content is None and infinitive_ok:
            # "warnings from officials in Moscow not to interfere ...": an adjacent infinitive
            nxt = t.right_edge.i + 1
            if nxt < len(doc):
                v = doc[nxt]
                while v.head.i != v.i and v.dep_ in {"neg", "aux"}:
                    v = v.head
                if v.pos_ == "VERB" and _has_to(v) and v.left_edge.i == nxt:
                    content = _subtree_range(v)
        copula = None
        if content is None and t.dep_ == "nsubj" and t.head.lemma_ == "be":
            copula = t.head
            cl = [c for c in copula.children if c.dep_ in {"ccomp", "attr", "acomp"} and c.i > copula.i
                  and c.pos_ in {"VERB", "AUX"}]
            if cl:
                content = _subtree_range(cl[0])
        if content is None:
            continue
        speaker = None
        poss = _children(t, "poss")
        if poss:
            speaker = poss[0]
        else:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
                    p = _children(c, "pobj")
                    if p:
                        speaker = p[0]
                        break
        if speaker is None and light is not None:
            s, _k = _subject(ctx, light)
            speaker = s
        if speaker is None:
            continue
        out.append(_Cand(cue=lem, cue_tok=t, cue_start=t.idx, cue_end=t.idx + len(t), content=content,
                         speaker_np=speaker, addressee=_to_addressee(owners), kind="noun"))
    return out


# --------------------------------------------------------------------------- quotes


def _quote_words(ctx: _Ctx, q: Quote) -> int:
    return sum(1 for w in ctx.text[q.start:q.end].split() if any(ch.isalpha() for ch in w))


def _tok_at(ctx: _Ctx, pos: int) -> Optional[Token]:
    doc = ctx.doc
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0]


def _attribution_after(ctx: _Ctx, q: Quote) -> Optional[Token]:
    if q.close_char is None:
        return None
    doc = ctx.doc
    t = _tok_at(ctx, q.close_char)
    if t is None:
        return None
    i = t.i + 1
    window = []
    while i < len(doc) and len(window) < 14:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            break
        if tok.text in _OPEN_QUOTES or tok.text == "``" or (
                tok.text in {'"', "''"} and ctx.quote_at(tok.idx + len(tok)) is not None):
            break
        window.append(tok)
        if tok.text in {".", "!", "?", ";"}:
            break
        i += 1
    ids = {w.i for w in window}
    for w in window:
        if w.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i in ids for c in w.children):
            if any(c.dep_ == "nsubj" and (c.lower_ in _RELATIVE or c.tag_ in {"WDT", "WP"})
                   for c in w.children):
                return None  # “...,” which votes June 7: a relative clause, no attribution
            return w
    return None


def _attribution_before(ctx: _Ctx, q: Quote) -> Optional[Token]:
    doc = ctx.doc
    t = _tok_at(ctx, q.open_char)
    if t is None:
        return None
    i = t.i - 1
    while i >= 0 and (doc[i].text in {":", ",", "—", "-"} | {" "} or doc[i].is_space):
        i -= 1
    if i < 0 or ("\n" in ctx.text[doc[i].idx:q.open_char] and not _colon_before_break(ctx, i, q)):
        return None
    w = doc[i]
    if w.pos_ == "VERB" and ctx.lex.normalize(w.lemma_) in ctx.lex.verb_class:
        return w
    # "told reporters: “...”", "telling the crowd on Monday, “...”", "asks at the school, “...”":
    # the addressee or a modifier of the cue verb stands between it and the quotation
    cur = w
    for _ in range(4):
        if cur.dep_ not in _BEFORE_QUOTE_DEPS or cur.head.i >= cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB" and ctx.lex.normalize(cur.lemma_) in ctx.lex.verb_class \
                and ctx.lex.cue_class(ctx.lex.normalize(cur.lemma_)) not in _INNER_CLASSES | _POSITION_CLASSES:
            if any(c.dep_ in {"ccomp", "xcomp"} and c.i < t.i for c in cur.children):
                return None
            return cur
    return None


def _colon_before_break(ctx: _Ctx, i: int, q: Quote) -> bool:
    """Whether the words ending at token ``i`` introduce the quotation ``q`` of the next
    paragraph with a colon ("He said:⏎⏎“...”"): a colon right after them, then only white
    space up to the quotation mark."""
    doc = ctx.doc
    return i + 1 < len(doc) and doc[i + 1].text == ":" \
        and not ctx.text[doc[i + 1].idx + 1:q.open_char].strip()


#: Dependencies from the words between a cue verb and the quotation it introduces up to the
#: verb (its addressee and modifiers: "told *reporters on Monday*: “...”").
_BEFORE_QUOTE_DEPS = {"dobj", "dative", "prep", "pobj", "npadvmod", "compound", "appos"}


def _quote_cands(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Attributed quotations that the dependency rules did not reach."""
    out = []
    covered = [c.chars for c in cands if c.chars]
    for q in ctx.quotes:
        if _quote_words(ctx, q) < 4:
            continue
        if any(min(e, q.end) - max(s, q.start) > 0.5 * (q.end - q.start) for s, e in covered):
            continue
        verb = _attribution_after(ctx, q) or _attribution_before(ctx, q)
        if verb is None:
            continue
        qa = _tok_at(ctx, q.start)
        qb = _tok_at(ctx, max(q.start, q.end - 1))
        if qa is None or qb is None:
            continue
        subj, skind = _subject(ctx, verb)
        if subj is None or (qa.i <= subj.i <= qb.i):
            continue
        lem = _verb_lemma(ctx, verb)
        out.append(_Cand(cue=lem, cue_tok=verb, cue_start=verb.idx, cue_end=_cue_end(verb, lem),
                         content=(qa.i, qb.i), speaker_np=subj, speaker_kind=skind,
                         addressee=(_children(verb, "dobj") or [None])[0]
                         if lem in ctx.lex.addressee_object else None, kind="quote"))
    return out


# --------------------------------------------------------------------------- post-processing


def _colon_paragraph_end(ctx: _Ctx, c: _Cand, p1: int) -> int:
    """The end of the content's paragraph: ``p1`` (the end of the cue's paragraph), or the
    end of the next paragraph when the cue's paragraph ends with a colon and the next one
    opens with a quotation mark ("He said:⏎⏎“...”")."""
    text = ctx.text
    if p1 >= len(text) or not text[c.cue_end:p1].rstrip().endswith(":"):
        return p1
    k = p1
    while k < len(text) and text[k].isspace():
        k += 1
    if not any(q.open_char == k for q in ctx.quotes):
        return p1
    end = text.find("\n", k)
    return len(text) if end < 0 else end


#: Relative words that open a non-restrictive relative clause after a comma.
_NONRESTRICTIVE = {"which", "who", "whom", "whose", "where"}


def _trim_tail(ctx: _Ctx, c: _Cand, a: int, b: int) -> int:
    """Drop a non-restrictive relative clause that closes an unquoted content ("he said
    the plan would cost more, which critics dispute"): after a comma and a relative word,
    it is mostly the writer's description, not part of what was said. Kept when it holds
    quoted words or a reporting verb of a pronoun ("..., which he called ..."); never
    inside a quotation, and never the whole content."""
    doc = ctx.doc
    if c.kind in {"quote", "around", "previous"}:
        return b
    changed = True
    while changed:
        changed = False
        for x in doc[a:b + 1]:
            if x.right_edge.i != b or not (a <= x.head.i < x.i) or x.head.i > b:
                continue
            k = x.left_edge.i - 1
            if k <= a or doc[k].text != "," or x.head.i >= k:
                continue
            if x.dep_ != "relcl" or (doc[x.left_edge.i].lower_ not in _NONRESTRICTIVE and not (
                    doc[x.left_edge.i].dep_ == "prep" and doc[x.left_edge.i + 1].lower_ in _NONRESTRICTIVE)):
                continue
            if ctx.quote_at(doc[k].idx) is not None or any(
                    t.text in _QUOTE_CHARS or t.text in _QUOTE_TOKENS for t in doc[k:b + 1]):
                continue  # quoted words in the clause: the speaker's
            if any(t.pos_ == "VERB" and _verb_lemma(ctx, t) in ctx.lex.verb_class
                   and any(s.dep_ in _SUBJ_DEPS and s.pos_ == "PRON" for s in t.children)
                   for t in doc[k:b + 1]):
                continue  # "..., which he said ...": the speaker's own words
            if sum(1 for t in doc[a:k] if t.is_alpha) < 1:
                continue
            b = k - 1
            changed = True
            break
    return b


#: Discourse connectives of the writer that open a sentence ("Still, ...", "In fact, ...").
_CONNECTIVES = {"still", "however", "meanwhile", "indeed", "nonetheless", "nevertheless",
                "moreover", "furthermore", "additionally", "conversely", "regardless",
                "in fact", "in contrast", "by contrast", "in particular", "in addition",
                "as a result", "for example", "for instance", "of course", "in turn",
                "at the same time", "on the other hand", "in other words", "even so",
                "in short", "in any case", "after all", "as it stands", "as it currently stands"}
#: Words opening a concessive phrase ("Despite ...,", "Though ...,", "Even if ...,").
_CONCESSIVE = {"despite", "though", "although", "notwithstanding", "whereas"}


def _trim_head(ctx: _Ctx, c: _Cand, a: int, b: int) -> int:
    """Drop the writer's connective or concession that opens a sentence whose attribution
    comes after the content ("Still, X has ..., according to a poll", "Despite a month of
    attacks, X has failed to ..., according to a poll"): set off by a comma before the
    clause's subject, it frames the reported words rather than being part of them. Not in
    quoted words; time and place phrases ("In 2014, ...") stay."""
    doc = ctx.doc
    if c.kind not in {"clause", "according"} or c.cue_tok.i <= b or ctx.quote_at(doc[a].idx) is not None:
        return a
    for _ in range(2):
        k = a
        while k <= b and doc[k].text != ",":
            k += 1
        if k >= b or k - a > 12:
            return a
        words = " ".join(t.lower_ for t in doc[a:k])
        first = doc[a].lower_ if doc[a].lower_ != "even" else doc[min(a + 1, k)].lower_
        if words not in _CONNECTIVES and first not in _CONCESSIVE:
            return a
        head = [t for t in doc[a:k] if not (a <= t.head.i < k)]
        root = head[0].head if len(head) == 1 else None
        if root is None or not (k < root.i <= b) or any(
                x.dep_ in _SUBJ_DEPS and x.i < k for x in root.children):
            return a
        if not any(x.dep_ in _SUBJ_DEPS and x.i > k for x in root.children):
            return a
        a = k + 1
    return a


def _content_chars(ctx: _Ctx, c: _Cand) -> Optional[tuple[int, int]]:
    doc, text = ctx.doc, ctx.text
    r = _trim(doc, *c.content, drop_mark=c.kind in {"clause", "stance", "quote", "noun", "according", "as"})
    if r is None:
        return None
    a, b = r
    b = _trim_tail(ctx, c, a, b)
    a = _trim_head(ctx, c, a, b)
    cs, ce = doc[a].idx, doc[b].idx + len(doc[b])
    # grow to the whole quotation when the content lies inside one (the cue outside it)
    q = ctx.quote_at(cs)
    if q is not None and not q.contains(c.cue_start) and ce <= q.outer_end:
        cs, ce = q.start, q.end
    # keep a quotation mark whose partner is inside the content
    for qq in ctx.quotes if c.kind != "around" else ():  # “A,” he said, “B”: marks dropped
        if qq.close_char is not None and cs <= qq.open_char < ce and qq.close_char >= ce \
                and qq.close_char - ce <= 1 and c.cue_start not in range(ce, qq.close_char + 1):
            ce = qq.outer_end
        if qq.close_char is not None and cs < qq.close_char < ce and cs == qq.start \
                and qq.start > qq.open_char:
            cs = qq.open_char
    if c.kind != "previous":  # never beyond the cue's paragraph
        p0 = text.rfind("\n", 0, c.cue_start) + 1
        p1 = text.find("\n", c.cue_end)
        p1 = len(text) if p1 < 0 else p1
        p1 = _colon_paragraph_end(ctx, c, p1)
        cs, ce = max(cs, p0), min(ce, p1)
    # strip edge whitespace and trailing sentence punctuation
    while cs < ce and (text[cs].isspace() or text[cs] in ",;:—–-"):
        cs += 1
    while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ",.;:—–-"):
        ce -= 1
    if ce - cs < 2:
        return None
    if c.cue_start >= cs and c.cue_end <= ce and c.kind not in {"previous", "around", "raised"}:
        return None
    return cs, ce


def _mode(ctx: _Ctx, c: _Cand, cs: int, ce: int) -> str:
    inside = total = 0
    pos = cs
    for w in ctx.text[cs:ce].split():
        k = ctx.text.find(w, pos)
        pos = k + len(w)
        if not any(ch.isalnum() for ch in w):
            continue
        if c.skip is not None and c.skip[0] <= k < c.skip[1]:
            continue
        total += 1
        j = k + next(i for i, ch in enumerate(w) if ch.isalnum())
        q = ctx.quote_at(j)
        if q is not None and not q.contains(c.cue_start):
            inside += 1
    if total and inside == total:
        return "direct"
    return "mixed" if inside else "indirect"


def _said_on(ctx: _Ctx, c: _Cand, cs: int, ce: int) -> Optional[dt.date]:
    if not ctx.dates:
        return None
    doc = ctx.doc
    sent = ctx.sents[ctx.sent_of(c.cue_tok)]
    anchor = c.cue_tok if c.cue_tok.pos_ in {"VERB", "AUX"} else c.cue_tok.head
    for d in ctx.dates:
        if not (sent.start_char <= d.start_char < sent.end_char):
            continue
        if cs <= d.start_char < ce:
            continue
        if d.start is None or d.end is None or d.start != d.end:
            continue
        t = _tok_at(ctx, d.start_char)
        if t is None:
            continue
        cur, ok = t, False
        for _ in range(8):
            if cur.i == anchor.i or cur.i == c.cue_tok.i:
                ok = True
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        if ok:
            return d.start
    return None


_SINGULAR = {"he", "she", "him", "her", "his"}
_PLURAL = {"they", "them", "their"}


def _pronoun_fallback(ctx: _Ctx, pron: Token, prev: list[tuple[_Cand, _Who]], w: _Who) -> _Who:
    """Without a resolver answer: he/she -> the nearest named person subject before it,
    they -> the last joint speaker."""
    low = pron.lower_
    if low in _SINGULAR:
        for k in range(pron.i - 1, max(-1, pron.i - 400), -1):
            t = ctx.doc[k]
            if t.dep_ in {"nsubj", "nsubjpass", "pobj"} and t.pos_ in {"PROPN", "NOUN"} and (
                    t.ent_type_ == "PERSON" or _person_in(ctx, *_np_full(t))):
                if t.dep_ == "pobj" and t.head.dep_ != "agent":
                    continue
                who = _who(ctx, t)
                if who.name:
                    return _Who(who.name, who.actor_id, w.text, w.start, w.end)
    for c, p in reversed(prev):
        if not p.name or (p.text or "").lower() in _SINGULAR | _PLURAL | {"we", "i", "it"}:
            continue
        joint = " and " in p.name
        if (low in _SINGULAR and not joint) or (low in _PLURAL and joint):
            return _Who(p.name, p.actor_id, w.text, w.start, w.end)
    return w


def _readout_speaker(prev: list[tuple[_Cand, _Who]]) -> Optional[_Who]:
    for c, w in reversed(prev):
        if c.speaker_kind != "np" or not w.name or " and " in w.name:
            continue
        if (w.text or "").lower() in {"we", "i", "you", "they", "it"}:
            continue
        return w
    return None


def extract_statements(
    doc: Doc,
    *,
    resolver: Optional[SpeakerResolver] = None,
    dates: Sequence[DateExpr] = (),
    published: Optional[dt.date] = None,
    lexicon: LexiconLike = None,
    topics: bool = False,
) -> list[Statement]:
    """Find attributed statements in a parsed article.

    Args:
        doc: the spaCy parse of the article body (offsets are into ``doc.text``).
        resolver: maps a speaker span to its actor (``ActorResult.resolver``); without one,
            or when it finds nothing, the speaker is the words of the span.
        dates: the article's temporal expressions, for ``said_on`` (a one-day date
            attached to the reporting clause).
        published: the publication date (kept for symmetry with the other extractors).
        lexicon: a YAML file (or mapping) extending the reporting-word lexicon.
        topics: also report topic-only lead-ins ("discussed ...", "reviewed ...").

    Returns:
        Statements in text order.

    Example:
        >>> from toolkit.models import load_pipeline
        >>> doc = load_pipeline()("“Talks will resume,” Peskov told reporters.")
        >>> s = extract_statements(doc)[0]
        >>> (s.speaker, s.cue, s.mode, s.content, s.addressee)
        ('Peskov', 'tell', 'direct', 'Talks will resume', 'reporters')
    """
    if doc is None or not len(doc) or all(t.is_space for t in doc):
        return []
    ctx = _Ctx(doc, load_lexicon(lexicon), resolver, dates, topics)
    cands = _split_chained(ctx, _verb_cands(ctx) + _according_cands(ctx) + _noun_cands(ctx)
                           + _colon_cands(ctx))
    for c in cands:
        c.chars = _content_chars(ctx, c)
    cands = [c for c in cands if c.chars]
    qc = _quote_cands(ctx, cands)
    for c in qc:
        c.chars = _content_chars(ctx, c)
    cands += [c for c in qc if c.chars]
    cands = _dedupe(ctx, cands)
    cands = _merge_split_quotes(ctx, cands)
    cands = _join_continued_quotes(ctx, cands)
    cands.sort(key=lambda c: (c.cue_start if c.kind != "previous" else c.chars[0], c.chars[0]))
    modes = {id(c): _mode(ctx, c, *c.chars) for c in cands}
    cands = _drop_nested(ctx, cands, modes)

    out: list[Statement] = []
    done: list[tuple[_Cand, _Who]] = []
    for c in sorted(cands, key=lambda c: c.cue_start):
        cs, ce = c.chars
        if c.speaker_kind == "author":
            w = _Who(None, None, None, None, None)
        elif c.speaker_kind == "readout":
            w = _readout_speaker(done) or _Who(None, None, None, None, None)
            w = _Who(w.name, w.actor_id, None, None, None)
        else:
            w = _who(ctx, c.speaker_np, text_range=c.speaker_span
                     or _speaker_range(ctx, c.speaker_np, c.cue_tok))
            if w.actor_id is None and c.speaker_np is not None and c.speaker_np.pos_ == "PRON":
                w = _pronoun_fallback(ctx, c.speaker_np, done, w)
        done.append((c, w))
        out.append(Statement(
            speaker=w.name, speaker_id=w.actor_id, speaker_text=w.text, cue=c.cue,
            mode=modes[id(c)], content=ctx.text[cs:ce], content_start=cs, content_end=ce,
            sent_id=ctx.sent_of(c.cue_tok), addressee=_addressee(ctx, c.addressee),
            said_on=_said_on(ctx, c, cs, ce), cue_class=ctx.lex.cue_class(c.cue),
            speaker_start=w.start, speaker_end=w.end, cue_start=c.cue_start, cue_end=c.cue_end))
    out.sort(key=lambda s: (s.sent_id, s.cue_start or 0, s.content_start))
    return out


def _split_chained(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """"said X, adding Y" / "noted X and thanked Y": the second cue ends the first content
    and shares its speaker."""
    for a in sorted(cands, key=lambda c: c.cue_tok.i):
        a0, a1 = a.content
        for b in sorted(cands, key=lambda c: c.cue_tok.i):
            t = b.cue_tok
            if b is a or not (a0 < t.i <= a1) or t.i < a.cue_tok.i:
                continue
            if any(x.dep_ in _SUBJ_DEPS for x in t.children) or t.dep_ not in {"conj", "advcl"}:
                continue
            if t.dep_ == "conj" and t.tag_ != a.cue_tok.tag_ and t.tag_ != "VBG":
                continue
            if t.dep_ == "advcl" and _has_to(t):
                continue  # "said she came to support him": a purpose clause, not a second cue
            cut = t.left_edge.i - 1
            if cut <= a0:
                continue
            if a.kind == "around" and a.skip is not None and ctx.doc[cut].idx < a.skip[1]:
                # “A,” she said, adding ...: nothing of the content is left after the attribution
                g = _tok_at(ctx, a.skip[0])
                if g is None or g.i - 1 <= a0:
                    continue
                cut, a.kind, a.skip = g.i - 1, "clause", None
            a.content = (a0, cut)
            a1 = cut
            b.speaker_np, b.speaker_kind = a.speaker_np, a.speaker_kind
    return cands


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, max(a[1] - a[0], b[1] - b[0]))


def _nested_in(c: _Cand, k: _Cand) -> bool:
    """Whether ``c``'s cue lies inside ``k``'s content (c is reported by k's speaker)."""
    return k.chars[0] <= c.cue_start < k.chars[1] and not (
        c.chars[0] <= k.cue_start < c.chars[1])


def _dedupe(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """One statement per cue, and one per content: of two near-identical contents in a
    sentence the first found is kept, unless its cue lies inside the other's content
    (“I think X,” she said: the outer attribution wins)."""
    keep: list[_Cand] = []
    seen_cue = set()
    for c in cands:
        if c.cue_tok.i in seen_cue:
            continue
        dup = [k for k in keep if _overlap(c.chars, k.chars) >= 0.9
               and ctx.sent_of(k.cue_tok) == ctx.sent_of(c.cue_tok)]
        if dup:
            if not all(_nested_in(k, c) for k in dup):
                continue
            keep = [k for k in keep if not any(k is d for d in dup)]
        seen_cue.add(c.cue_tok.i)
        keep.append(c)
    return keep


def _merge_split_quotes(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """“A,” he said. “B.” / “A,” he said, “B.” -> one statement when B has no attribution
    of its own (a quotation opening right after the attribution clause, in the same
    paragraph, and the quotations that follow it with nothing but spaces between)."""
    text = ctx.text
    extra: dict[int, tuple[int, int]] = {}
    for c in cands:
        if c.kind not in {"quote", "clause"}:
            continue
        cs, ce = c.chars
        q1 = next((q for q in ctx.quotes if q.close_char is not None and cs <= q.end
                   and q.start <= ce <= q.outer_end and q.close_char <= c.cue_start), None)
        if q1 is None:
            continue  # the content does not end with a quotation before the cue
        nxt = [q for q in ctx.quotes if q.open_char >= c.cue_end and q.open_char - c.cue_end <= 160]
        if not nxt:
            continue
        q2 = None
        for k, q in enumerate(nxt):
            gap = text[c.cue_end:q.open_char]
            end_gap = gap.rstrip().rstrip("'\"”’»").rstrip()
            if "\n" in gap:
                break
            if k == 0 and end_gap.endswith((",", ":", "—", ";", ".", "!", "?")):
                q2 = q
                break
            if end_gap.endswith((".", "!", "?")) and q.open_char + 1 < len(text) \
                    and not text[q.open_char + (2 if text.startswith("''", q.open_char) else 1)].islower():
                # “A,” she said, describing how ... “x” ... . “B.”: the quotation after the
                # attribution's sentence, past quoted words inside that sentence
                q2 = q
                break
        if q2 is None:
            continue  # the attribution clause does not end right before the quotation
        if any(x.dep_ == "conj" and c.cue_end <= x.idx < q2.open_char
               and any(y.dep_ in _SUBJ_DEPS for y in x.children) for x in c.cue_tok.children):
            continue  # “A,” she said, and her husband cut in. “B.”: B may be another speaker's
        si = ctx.sent_of(c.cue_tok)
        if any(c.cue_end < x.start_char < q2.open_char and text[x.start_char:q2.open_char].strip()
               for x in ctx.sents[si + 1:si + 4]):
            continue  # another sentence comes between
        others = [o.chars for o in cands if o is not c and not q2.contains(o.cue_start)]
        if any(_overlap((q2.start, q2.end), u) > 0.3 for u in others):
            continue
        end = q2.end
        k = nxt.index(q2)
        while k + 1 < len(nxt) and not text[nxt[k].outer_end:nxt[k + 1].open_char].strip():
            k += 1  # “B.” “C.”: quotations that follow with nothing in between
            if any(_overlap((nxt[k].start, nxt[k].end), u) > 0.3 for u in others):
                break
            end = nxt[k].end
        while end > c.chars[0] and (text[end - 1].isspace() or text[end - 1] in ",.;:—–-"):
            end -= 1
        extra[id(c)] = (c.chars[0], end, q1.outer_end, q2.open_char)
    for c in cands:
        if id(c) in extra:
            a, b, g0, g1 = extra[id(c)]
            c.chars = (a, b)
            c.kind = "split"
            c.skip = (g0, g1)
    return cands


def _join_continued_quotes(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """A quotation continued in the next paragraph(s) with no attribution of its own
    (“A,” he said.⏎“B.” / He said: “A⏎“B.”) joins the statement, and so its speaker.

    The statement's content must end with a quotation, with nothing but its attribution
    after it in its paragraph; the next paragraph must open with a quotation mark and hold
    no cue of another statement; it joins up to the end of its last quotation."""
    text = ctx.text
    cue_pos = sorted(c.cue_start for c in cands)
    for c in cands:
        if c.kind in {"previous", "raised"} or c.chars is None:
            continue
        cs, ce = c.chars
        q = next((q for q in ctx.quotes if q.start < ce <= q.outer_end + 1), None)
        if q is None or ctx.quote_at(c.cue_start) is not None:
            continue
        p_end = text.find("\n", max(ce, c.cue_end))
        if p_end < 0 or text.rfind("\n", 0, c.cue_start) != text.rfind("\n", 0, cs):
            continue
        if any(q2.open_char > q.outer_end and q2.open_char < p_end for q2 in ctx.quotes):
            continue  # another quotation follows in the paragraph
        if any(ce < p < p_end and p != c.cue_start for p in cue_pos):
            continue
        end, last_q, pos = ce, q, p_end
        for _ in range(6):
            k = pos
            while k < len(text) and text[k].isspace():
                k += 1
            nq = next((x for x in ctx.quotes if x.open_char == k), None)
            if nq is None:
                break
            nxt_end = text.find("\n", k)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            if any(k <= p < nxt_end for p in cue_pos):
                break  # the paragraph has an attribution of its own
            inside = [x for x in ctx.quotes if k <= x.open_char < nxt_end]
            if any(text[x.outer_end:y.open_char].strip() for x, y in zip(inside, inside[1:])) or (
                    inside[-1].close_char is not None and inside[-1].outer_end < nxt_end
                    and text[inside[-1].outer_end:nxt_end].strip(" .,;:!?\u00a0")):
                break  # narrative text around the quotation: not a continued quotation
            end, last_q = inside[-1].end, inside[-1]
            pos = nxt_end
        if end > ce:
            while end > cs and (text[end - 1].isspace() or text[end - 1] in ",.;:—–-"):
                end -= 1
            if c.skip is None and c.cue_start > ce:
                c.skip = (q.outer_end, c.cue_end)
            c.chars = (cs, end)
            if c.kind in {"quote", "clause"}:
                c.kind = "split"
    return cands


#: Classes of beliefs and intentions: inside another statement's content they are part of
#: what was reported ("X said Ukraine seeks to ..."), not statements of their own.
_INNER_CLASSES = {"cognitive", "intention"}


def _drop_nested(ctx: _Ctx, cands: list[_Cand], modes: dict) -> list[_Cand]:
    """Statements whose cue sits inside someone's quoted words are optional: drop them;
    so are beliefs, intentions and positions (``inner_cues``) inside another statement's
    content."""
    quoted = [c.chars for c in cands if modes[id(c)] in {"direct", "mixed"}]
    out = []
    for c in cands:
        if ctx.quote_at(c.cue_start) is not None and any(
                s <= c.cue_start < e for s, e in quoted if (s, e) != c.chars):
            continue
        if (ctx.lex.cue_class(c.cue) in _INNER_CLASSES or c.cue in ctx.lex.inner_cues) and any(
                k is not c and k.chars[0] <= c.cue_start < k.chars[1]
                and not (c.chars[0] <= k.cue_start < c.chars[1]) for k in cands):
            continue
        out.append(c)
    return out
