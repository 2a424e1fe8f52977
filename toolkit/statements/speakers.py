"""Speakers and addressees: from the head token of a noun phrase to the speaker's words,
name and resolved actor (``_Who``), trimming titles, relative clauses and focus particles, and
the addressee's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Token

from ..types import ResolvedActor
from .context import _Ctx
from .helpers import (
    _clean_name, _conjuncts, _kids, _np_core, _np_full, _RELATIVE, _SUBJ_DEPS, _subtree_range,
    _TITLES, _trim,
)


# --------------------------------------------------------------------------- speakers


@dataclass
class _Who:
    name: Optional[str]
    actor_id: Optional[str]
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]
    kind: Optional[str] = None  # one of toolkit.types.SPEAKER_KINDS


def _person_in(ctx: _Ctx, a: int, b: int, head: Optional[Token] = None) -> Optional[tuple[int, int]]:
    """The last PERSON entity inside tokens a..b that names ``head`` (token range).

    A possessor is never the speaker, nor is a person inside a relative clause or a
    prepositional phrase of the noun phrase: "Mark Ellison, who's running Laura Whitaker's
    fundraising drive," is Ellison; "Tom Kessler, a spokesman for Mrs. Whitaker," is Kessler.
    """
    doc = ctx.doc
    best = None
    for e in ctx.persons_within(a, b):
        end = e.end - 1
        while end > e.start and doc[end].tag_ == "POS":
            end -= 1  # NER sometimes takes the possessive marker into the name
        if doc[end].tag_ == "POS" or (end + 1 < len(doc) and doc[end + 1].tag_ == "POS"):
            continue
        while end + 1 <= b and doc[end + 1].pos_ == "PROPN" and doc[end + 1].tag_ != "POS":
            end += 1  # NER often stops short: "Ursula von der | Leyen"
        if head is not None and not any(_in_name(doc[k], head) for k in range(e.start, end + 1)) \
                and not _role_apposition(doc, e.start, end, head):
            continue
        best = (e.start, end)
    return best


def _role_apposition(doc, a: int, b: int, head: Token) -> bool:
    """A name set off by a comma after a role noun ("A spokesman for Mrs. Whitaker, Tom
    Kessler, said"), whichever noun the parser attached it to."""
    return head.pos_ == "NOUN" and a > head.i and doc[a - 1].text == "," and \
        any(doc[k].dep_ == "appos" for k in range(a, b + 1))


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
            if all(doc[q].ent_type_ in {"ORG", "FAC"} for q in range(k, end + 1)):
                return k, end  # an organisation's name keeps its words ("State Department")
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
    poss = [c for c in _kids(head) if c.dep_ == "poss"]
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
    if head.tag_ == "NNS" and head.pos_ == "NOUN":
        # a plural common noun speaks as a group: a name modifying it is not the speaker
        # ("Cruz supporters", "Colorado Republican leaders")
        return [core, _np_no_clauses(head, full)] if core != full else [core]
    pers = _person_in(ctx, *full, head)
    if pers is not None and not (head.pos_ == "NOUN" and pers[1] < head.i):
        spans.append(pers)  # "the Kasich campaign", "Cruz supporters": the name only modifies
    run = _name_run(ctx, *full, head)
    if run is not None and not (head.pos_ == "NOUN" and run[1] < head.i):
        spans.append(run)  # not a name that only modifies a common noun ("the Vermont senator")
    if head.pos_ == "PROPN" and head.ent_type_ and head.ent_iob_ in {"B", "I"}:
        ent = ctx.ent_at(head.i)
        if ent is not None and ent.label_ != "PERSON":
            spans.append((ent.start, ent.end - 1))
    spans += [core, _np_no_clauses(head, full)]
    seen, out = set(), []
    for s in spans:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def _np_no_clauses(head: Token, full: tuple[int, int]) -> tuple[int, int]:
    """``full`` cut before a relative clause of ``head``: a name inside the clause is
    never the speaker ("a nurse, who said she and her sister met Governor Ruiz ...",
    "the fund that pays the rebels and backed a truce in Yemen")."""
    a, b = full
    for c in _kids(head):
        if c.dep_ == "relcl" and c.i > head.i and c.left_edge.i > head.i:
            b = min(b, c.left_edge.i - 1)
    while b > a and head.doc[b].is_punct:
        b -= 1
    return (a, max(a, b)) if b >= head.i else (a, head.i)


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
    for rc in _kids(head):
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
                rel = [x for x in _kids(rc) if x.dep_ in _SUBJ_DEPS and x.lower_ in _RELATIVE]
                if rel:
                    return rel[0].i, rel[0].i
    if head.lemma_.lower() in lex.speech_nouns and any(c.dep_ == "poss" for c in _kids(head)):
        return None
    conj = [c for c in _kids(head) if c.dep_ == "conj"]
    if conj:
        return None
    a, b = _np_full(head)
    for rc in _kids(head):
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
    """Resolve the speaker noun phrase headed by ``head``.

    The speaker is the actor the words name; a document with a named issuer speaks for the
    issuer ("the FBI's letter", "a poll by Marquette Law School": ``kind`` document); words
    that name nobody keep their head words as the name with ``kind`` unnamed ("a senior
    official", "critics"); an unresolved pronoun gives no name at all.
    """
    if head is None:
        return _Who(None, None, None, None, None)
    doc = ctx.doc
    conj = _conjuncts(head)
    members = _described(conj)
    poss = [c for c in _kids(head) if c.dep_ == "poss"]
    if text_range is None:
        if head.lemma_.lower() in ctx.lex.speech_nouns and poss:
            text_range = (poss[0].left_edge.i, head.i)
        elif len(conj) > 1:
            a, b = _subtree_range(head)
            text_range = _trim(doc, a, b, drop_mark=False) or (head.i, head.i)
        else:
            text_range = _np_full(head)
    ta, tb = text_range
    stext = doc[ta : tb + 1].text
    sstart, send = doc[ta].idx, doc[tb].idx + len(doc[tb])
    if len(members) > 1:
        return _joint_who(ctx, members, stext, sstart, send)
    if _is_document(ctx, head):
        issuer = _issuer(ctx, head)
        w = _issuers_who(ctx, issuer) if issuer is not None else None
        if w is None or not w.name or w.kind == "unnamed":
            w = _bridged_issuer(ctx, head) if issuer is None else None
        if w is not None and w.name and w.kind != "unnamed":
            return _Who(w.name, w.actor_id, stext, sstart, send, "document")
        ca, cb = _np_core(head)  # no named issuer: an unnamed source, never a name further on
        return _Who(_clean_name(doc[ca : cb + 1].text), None, stext, sstart, send, "unnamed")
    spans = _member_spans(ctx, head)
    whole = _np_no_clauses(head, text_range) if ta <= head.i <= tb else text_range
    r = _resolve(ctx, spans + [whole])
    if r is not None:
        return _Who(r.name, r.actor_id, stext, sstart, send, _actor_kind(r.kind))
    if head.pos_ == "PRON":
        w = _pronoun_who(ctx, head)
        if w is not None and w.name:
            return _Who(w.name, w.actor_id, stext, sstart, send, w.kind)
        if head.lower_ in _QUANTIFIERS:  # "some of her allies", "those surveyed", "others"
            ca, cb = _np_no_clauses(head, _np_full(head))
            while ca < head.i and doc[ca].dep_ in {"advmod", "cc", "punct"}:
                ca += 1  # "Even some ...", "Nearly all ..."
            name = _clean_name(doc[ca : cb + 1].text)
            if name.lower() in _BARE_PRONOUNS:  # "those who said the economy came first"
                fa, fb = _np_full(head)
                name = _clean_name(doc[max(fa, ca) : fb + 1].text)
            if name.lower() not in _BARE_PRONOUNS:
                return _Who(name, None, stext, sstart, send, "unnamed")
        return _Who(None, None, stext, sstart, send)  # never a bare pronoun as the speaker
    a, b = spans[0]
    return _Who(_clean_name(doc[a : b + 1].text), None, stext, sstart, send,
                _unresolved_kind(doc[a : b + 1]))


def _described(members: list[Token]) -> list[Token]:
    """Conjuncts without a second description of the first one: in "Steve Bell, senior
    director of a think tank, and a Republican who headed the committee", "a Republican"
    (indefinite, singular, after an apposition) is Bell again, not a second speaker."""
    out = members[:1]
    for m in members[1:]:
        prev = out[-1]
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in _kids(m)) and \
                m.tag_ in {"NN", "NNP"} and m.ent_type_ != "PERSON" and \
                any(c.dep_ == "appos" for c in _kids(prev)):
            continue
        out.append(m)
    return out


def _issuers_who(ctx: _Ctx, issuer: Token) -> Optional[_Who]:
    """The issuer of a document; issuers joined by a slash ("a Gallup/Knight survey", "a
    Marist College/Boston Globe poll") are a joint issuer ("Gallup and Knight")."""
    doc = ctx.doc
    a = issuer.left_edge.i
    while a < issuer.i and doc[a].dep_ == "det":
        a += 1
    toks = list(doc[a:issuer.i + 1])
    if not any(t.text == "/" for t in toks):
        # the parser often hangs the first name on the second ("CNN" as nmod of "poll")
        prev = issuer.i - 1
        if prev > 0 and doc[prev].text == "/" and doc[prev - 1].pos_ in {"PROPN", "NOUN"}:
            a = prev - 1
            while a > 0 and doc[a - 1].pos_ == "PROPN" and doc[a - 1].text[:1].isupper():
                a -= 1
            toks = list(doc[a:issuer.i + 1])
        nxt = issuer.i + 1
        if not any(t.text == "/" for t in toks) and nxt + 1 < len(doc) and doc[nxt].text == "/" \
                and doc[nxt + 1].pos_ == "PROPN":
            e = nxt + 1
            while e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN" and doc[e + 1].text[:1].isupper():
                e += 1
            toks = list(doc[a:e + 1])
    if not any(t.text == "/" for t in toks):
        return _who(ctx, issuer)
    parts, cur = [], []
    for t in toks:
        if t.text == "/":
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    names, ids = [], []
    for part in parts:
        if not part:
            continue
        r = _resolve(ctx, [(part[0].i, part[-1].i)])
        nm = r.name if r else _clean_name(doc[part[0].i:part[-1].i + 1].text)
        if nm and nm not in names:
            names.append(nm)
            ids.append(r.actor_id if r else None)
    if not names:
        return None
    if len(names) == 1:
        return _Who(names[0], ids[0], None, None, None, "organization")
    return _Who(" and ".join(names), None, None, None, None, "organization")


def _bridged_issuer(ctx: _Ctx, head: Token) -> Optional[_Who]:
    """The issuer of a document named without one ("the poll", "a poll"): the issuer of the
    nearest document of the same noun named before it with its issuer ("A Fox News poll
    ... The poll found"); in the lead (headline and first paragraph), the first one named
    after it ("Poll: X leads" ... "A Fox News poll shows"). A plural ("polls") stays unnamed."""
    if head.tag_ not in {"NN", "NNP"}:
        return None
    named = _named_documents(ctx).get(head.lemma_.lower(), ())
    before = [w for i, w in named if i < head.i]
    if before:
        return before[-1]
    if _in_lead(ctx, head.idx):
        after = [w for i, w in named if i > head.i]
        return after[0] if after else None
    return None


def _named_documents(ctx: _Ctx) -> dict[str, list[tuple[int, _Who]]]:
    """Document noun lemma -> (token, issuer) of every singular document of the article
    whose issuer is named, in text order (computed once per article)."""
    cached = getattr(ctx, "_named_docs", None)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[int, _Who]]] = {}
    ctx._named_docs = out  # set first: _who below may ask again
    for t in ctx.doc:
        if t.pos_ != "NOUN" or t.tag_ != "NN" or not _is_document(ctx, t):
            continue
        issuer = _issuer(ctx, t)
        if issuer is None:
            continue
        w = _issuers_who(ctx, issuer)
        if w is not None and w.name and w.kind != "unnamed":
            out.setdefault(t.lemma_.lower(), []).append((t.i, w))
    return out


def _in_lead(ctx: _Ctx, pos: int) -> bool:
    """Whether ``pos`` is in the headline or the first paragraph of a text of at least
    three paragraphs (lines that are not empty)."""
    text = ctx.text
    starts = getattr(ctx, "_para_starts", None)
    if starts is None:
        starts, k = [], 0
        for line in text.split("\n"):
            if line.strip():
                starts.append(k)
            k += len(line) + 1
        ctx._para_starts = starts
    return len(starts) >= 3 and pos < (starts[2] if len(starts) > 2 else len(text))


#: Quantifier and demonstrative pronouns that head an unnamed source ("some of her allies",
#: "many", "others", "those surveyed", "all of the mayors"): the words are the name, the kind
#: ``unnamed``.
_QUANTIFIERS = {"some", "many", "most", "all", "several", "few", "both", "none", "others",
                "another", "those", "half", "one", "each", "either", "neither", "majority",
                "anyone", "anybody", "someone", "somebody", "everyone", "everybody"}
#: Words that are no name on their own (a speaker is never a bare pronoun).
_BARE_PRONOUNS = {"one", "those", "that", "this", "these", "someone", "somebody", "anyone",
                  "everyone", "who", "which", "it", "they", "we", "i", "he", "she", "you"}


#: Distributive quantifiers that, standing alone as the subject of a reported clause, take
#: the plural subject of the reporting verb ("The two unions agreed that each would ...");
#: with an "of" phrase ("each of the mayors") they stay unnamed sources.
_DISTRIBUTIVE = {"each", "both", "all"}
#: First-person pronouns: inside a quotation, the quoted speaker.
_FIRST_PERSON = {"i", "me", "we", "us"}
#: Pronouns that may be the subject of a clause reported by their own antecedent.
_REPORTED_PRONOUNS = {"he": "sing", "she": "sing", "they": "plur", "we": "plur", "i": "sing"}


def _pronoun_who(ctx: _Ctx, pron: Token) -> Optional[_Who]:
    """A pronoun speaker the resolver leaves open: "I"/"we" inside a quotation are the
    quotation's speaker; the subject of a clause reported by a speech verb is that verb's
    subject when they agree in number ("Other Republicans have said they support her")."""
    low = pron.lower_
    if low in _FIRST_PERSON:
        q = ctx.quote_at(pron.idx)
        if q is not None:
            subj = _quote_speaker_head(ctx, q)
            if subj is not None and subj.pos_ != "PRON":
                return _who(ctx, subj)
        return None
    num = _REPORTED_PRONOUNS.get(low)
    if num is None and low in _DISTRIBUTIVE and not any(c.dep_ == "prep" for c in pron.children):
        num = "plur"  # a bare "each" / "both": the members of the plural that reports it
    if num is None or pron.dep_ not in _SUBJ_DEPS:
        return None
    clause = pron.head
    if clause.dep_ == "ccomp" and clause.head.pos_ in {"VERB", "AUX"} and \
            ctx.lex.normalize(clause.head.lemma_) in ctx.lex.verb_class:
        subj = [c for c in _kids(clause.head) if c.dep_ in {"nsubj"} and c.i < pron.i]
        if subj and subj[0].pos_ != "PRON":
            if _is_plural(subj[0]) == (num == "plur"):
                return _who(ctx, subj[0])
            return None
    if low == "they":
        return _plural_subject_before(ctx, pron)
    return None


def _is_plural(t: Token) -> bool:
    return len(_conjuncts(t)) > 1 or t.tag_ in {"NNS", "NNPS"}


def _plural_subject_before(ctx: _Ctx, pron: Token) -> Optional[_Who]:
    """"They" that no rule resolved: the plural subject nearest before it, in its sentence
    or the one before, outside quotations ("Senate Democrats blocked the bill. They said
    ..." -> Senate Democrats); None when there is none."""
    doc = ctx.doc
    sent = pron.sent
    start = sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    own = ctx.quote_at(pron.idx)
    for k in range(pron.i - 1, start - 1, -1):
        t = doc[k]
        if t.dep_ not in {"nsubj", "nsubjpass"} or t.pos_ not in {"NOUN", "PROPN"} or not _is_plural(t):
            continue
        if ctx.quote_at(t.idx) not in (None, own):
            continue
        w = _who(ctx, t)
        if w.name:
            return w
    # the named subjects of two coordinated clauses ("Cruz accuses Obama ... and Trump says
    # ... . Yet they ...")
    subjects = []
    for k in range(start, pron.sent.start):
        t = doc[k]
        if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.ent_type_ == "PERSON" and \
                (t.head.dep_ == "ROOT" or t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"):
            subjects.append(t)
    if len(subjects) == 2:
        ws = [_who(ctx, t) for t in subjects]
        if all(w.name for w in ws) and ws[0].name != ws[1].name:
            return _Who(f"{ws[0].name} and {ws[1].name}", None, None, None, None, "person")
    return None


def _quote_speaker_head(ctx: _Ctx, q, *, follow: bool = True) -> Optional[Token]:
    """The speaker head of a quotation: the subject of the speech verb right after it
    ("..., Pence said") or right before it ("Pence said: ..."), a name right before a colon
    that opens it ("Frank Newport: ..."), or, with ``follow``, the speaker of the quotation
    just before it when nothing but its attribution stands between them ("“...,” Graham
    said. “We cannot ...”")."""
    doc = ctx.doc
    k = _tok_index(doc, q.outer_end)
    for t in doc[k:min(len(doc), k + 8)]:
        if t.text in {".", "!", "?", ";"} or ctx.quote_at(t.idx) is not None:
            break
        if t.pos_ in {"VERB", "AUX"}:
            if ctx.lex.normalize(t.lemma_) in ctx.lex.verb_class:
                subj = [c for c in _kids(t) if c.dep_ == "nsubj"]
                if subj and subj[0].idx >= q.outer_end:
                    return subj[0]
            break
    k = _tok_index(doc, q.open_char) - 1
    if k >= 1 and doc[k].text == ":" and doc[k - 1].pos_ == "PROPN" and "\n" not in doc[k - 1].whitespace_:
        return doc[k - 1]
    for t in reversed(doc[max(0, k - 8):max(0, k + 1)]):
        if t.text in {".", "!", "?", ";"} or ctx.quote_at(t.idx) is not None:
            break
        if t.pos_ in {"VERB", "AUX"}:
            if ctx.lex.normalize(t.lemma_) in ctx.lex.verb_class:
                subj = [c for c in _kids(t) if c.dep_ == "nsubj"]
                if subj and subj[0].i < t.i:
                    return subj[0]
            break
    if follow:
        prev = [p for p in ctx.quotes_overlapping(max(0, q.open_char - 200), q.open_char)
                if p.outer_end <= q.open_char and p is not q]
        gap = ctx.text[prev[-1].outer_end:q.open_char] if prev else ""
        if prev and len(gap) <= 120 and sum(gap.count(c) for c in ".!?") <= 1:
            return _quote_speaker_head(ctx, prev[-1], follow=False)
    return None


def _tok_index(doc, pos: int) -> int:
    """Index of the first token starting at or after character ``pos``."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _joint_who(ctx: _Ctx, members: list[Token], stext: str, sstart: int, send: int) -> _Who:
    """Coordinated speakers ("Putin and Macron"): names joined with " and "."""
    doc = ctx.doc
    names, ids, kinds = [], [], set()
    for m in members:
        spans = _member_spans(ctx, m)
        r = _resolve(ctx, spans)
        if r is None and m.pos_ == "PRON":
            continue
        nm = r.name if r else _clean_name(doc[spans[0][0] : spans[0][1] + 1].text)
        kinds.add(_actor_kind(r.kind) if r else _unresolved_kind(doc[spans[0][0] : spans[0][1] + 1]))
        if nm not in names:
            names.append(nm)
            ids.append(r.actor_id if r else None)
    kind = kinds.pop() if len(kinds) == 1 else ("group" if kinds else None)
    if not names:
        return _Who(None, None, stext, sstart, send)
    if len(names) == 1:
        return _Who(names[0], ids[0], stext, sstart, send, kind)
    return _Who(" and ".join(names), None, stext, sstart, send, kind)


#: Actor kinds as speaker kinds: a place that speaks is its authorities.
_KIND_OF_ACTOR = {"location": "organization"}
#: NER labels of an unresolved name as speaker kinds.
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
                  "FAC": "organization", "LOC": "country"}
#: Document nouns that are someone's words rather than a document ("Peskov's statement").
_NOT_DOCUMENTS = {"statement", "statements"}


def _actor_kind(kind: Optional[str]) -> str:
    return _KIND_OF_ACTOR.get(kind or "", kind or "person")


def _unresolved_kind(span) -> Optional[str]:
    """``person``/``organization``/... for a name the resolver does not know, ``unnamed`` for
    common nouns ("a senior official", "critics"), None for anything else."""
    root = span.root
    if root.ent_type_ in _KIND_OF_LABEL:
        return _KIND_OF_LABEL[root.ent_type_]
    if root.pos_ == "PROPN":
        return None
    if root.tag_ == "NNS" and any(t.ent_type_ in _KIND_OF_LABEL for t in span if t.i < root.i):
        return "group"  # a named body's members: "Colorado Republican leaders", "Cruz supporters"
    if root.pos_ in {"NOUN", "NUM", "ADJ"}:
        return "unnamed"
    return None


def _is_document(ctx: _Ctx, head: Token) -> bool:
    low = head.lemma_.lower()
    return head.pos_ == "NOUN" and low not in _NOT_DOCUMENTS and (
        low in ctx.lex.document_nouns or head.lower_ in ctx.lex.document_nouns)


def _issuer(ctx: _Ctx, head: Token) -> Optional[Token]:
    """The head of the words naming who issued a document: its possessor ("the FBI's letter"),
    a name before it ("a Fox News poll"), or the object of "by"/"from" ("a study by X")."""
    for c in _kids(head):
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
    for c in _kids(head):
        if c.dep_ in {"compound", "nmod"} and c.i < head.i and (c.pos_ == "PROPN" or c.ent_type_):
            return c
    preps = [p for p in _kids(head) if p.dep_ == "prep"]
    preps += [p for c in _kids(head) if c.dep_ == "acl" for p in _kids(c) if p.dep_ in {"prep", "agent"}]
    for p in preps:  # "a study by X", "an image captured by X", "a poll released by X"
        if p.lower_ in {"by", "from"} and p.i > head.i:
            obj = [c for c in _kids(p) if c.dep_ == "pobj"]
            if obj and (obj[0].pos_ == "PROPN" or obj[0].ent_type_ or any(
                    t.pos_ == "PROPN" for t in obj[0].subtree)):
                return obj[0]
    return None


def _speaker_kind(w: _Who) -> Optional[str]:
    """``Statement.speaker_kind``: the kind found with the name; a pronoun that another rule
    resolved to a named speaker is that speaker's (he/she: a person; they/we: a group); an
    unnamed source without a name (the writer's "I" in an unsigned piece) is ``unnamed``."""
    if not w.name:
        return "unnamed" if w.kind == "unnamed" else None
    if w.kind:
        return w.kind
    low = (w.text or "").lower()
    if low in {"he", "she", "him", "her", "i", "me"}:
        return "person"
    if low in {"they", "we", "them", "us"}:
        return "person" if " and " not in w.name else "group"
    return None


def _addressee(ctx: _Ctx, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    spans = _member_spans(ctx, tok)
    r = _resolve(ctx, spans)
    if r is not None:
        return r.name
    a, b = spans[0]
    return _clean_name(ctx.doc[a : b + 1].text) or None
