"""The writer's own voice and interview layouts: who "I" and "we" outside quotations are.

Inside a quotation, "I" and "we" are the quotation's speaker (:mod:`.speakers`). Outside one
they are the writer's (a signed opinion piece or column: "I think ...", "we argued last
week ..."): the speaker is the article's ``author`` (the byline, "A and B" for several
writers), else nobody named (``speaker`` empty, ``speaker_kind`` ``unnamed``, the words kept).

In an interview laid out as a transcript, a line that starts with a speaker label gives that
line's "I"/"we" to the label's person: a name ("SMITH:", "Mr. Smith:", "Maria Lopez:") the
article supports (a person it names, or an honorific); "Q:"/"INTERVIEWER:" lines (and "Q."
when "A." lines answer them) are the
interviewer's (the author, else unnamed); "A:"/"ANSWER:" lines the interviewee's, the person
the article says it interviews ("in an interview with X", "X was interviewed", the one person
of the headline), else unnamed.

Example:
    >>> import toolkit
    >>> art = toolkit.parse("I think the tariffs are a mistake.", author="By Jane Doe")  # doctest: +SKIP
    >>> art.attributions[["speaker", "speaker_kind"]].iloc[0].tolist()  # doctest: +SKIP
    ['Jane Doe', 'person']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from .context import _Cand, _Ctx
from .helpers import _clean_name, _kids
from .speakers import _resolve, _who, _Who

#: First-person pronouns that speak for the writer (or a transcript line's speaker).
WRITER_PRONOUNS = frozenset({"i", "we", "me", "us"})
#: Speaker labels of the interviewer's lines.
INTERVIEWER_LABELS = frozenset({"q", "question", "interviewer", "host", "moderator", "anchor", "reporter"})
#: Speaker labels of the interviewee's lines.
INTERVIEWEE_LABELS = frozenset({"a", "answer"})
#: Honorifics that make a label a person's name without further support ("Mr. Smith:").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep",
                         "gov", "governor", "gen", "president", "mayor", "judge", "rev", "sir", "dame"})

#: A speaker label at the start of a line: up to four capitalised words and a colon.
_LABEL = re.compile(r"^[ \t]*([A-Z][\w'’\-]*\.?(?:[ \t]+[A-Z][\w'’\-]*\.?){0,3})[ \t]*:[ \t]*(?=\S)", re.M)
#: "Q." / "A." at the start of a line (labels only when the text has both).
_QA_DOT = re.compile(r"^[ \t]*([QA])\.[ \t]+(?=\S)", re.M)


@dataclass
class _Line:
    start: int  # first character of the line
    end: int  # its end (the newline or the end of the text)
    role: str  # "name", "interviewer" or "interviewee"
    label: tuple[int, int]  # characters of the label


class _Layout:
    """The labelled lines of one article and who speaks on them (built once per article)."""

    def __init__(self, ctx: _Ctx):
        self.lines: list[_Line] = []
        text = ctx.text
        for m in _LABEL.finditer(text):
            role = _label_role(ctx, m.group(1))
            if role is None:
                continue
            end = text.find("\n", m.end())
            self.lines.append(_Line(m.start(), len(text) if end < 0 else end, role, (m.start(1), m.end(1))))
        dots = list(_QA_DOT.finditer(text))
        if {m.group(1) for m in dots} == {"Q", "A"}:
            for m in dots:
                end = text.find("\n", m.end())
                role = "interviewer" if m.group(1) == "Q" else "interviewee"
                self.lines.append(_Line(m.start(), len(text) if end < 0 else end, role, (m.start(1), m.end(1) + 1)))
            self.lines.sort(key=lambda ln: ln.start)
        self.starts = [ln.start for ln in self.lines]
        self._interviewee: Optional[_Who] = None
        self._names: dict[tuple[int, int], _Who] = {}

    def line_at(self, pos: int) -> Optional[_Line]:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.lines[k].start <= pos < self.lines[k].end:
            return self.lines[k]
        return None


def _layout(ctx: _Ctx) -> _Layout:
    lay = getattr(ctx, "_voice_layout", None)
    if lay is None:
        lay = _Layout(ctx)
        ctx._voice_layout = lay
    return lay


def _label_role(ctx: _Ctx, label: str) -> Optional[str]:
    """``interviewer``, ``interviewee``, ``name`` (a person the article supports) or None."""
    words = [w.strip(".").lower() for w in label.split()]
    if len(words) == 1 and words[0] in INTERVIEWER_LABELS:
        return "interviewer"
    if len(words) == 1 and words[0] in INTERVIEWEE_LABELS:
        return "interviewee"
    if len(words) > 1 and words[0] in _HONORIFICS:
        return "name"
    return "name" if _person_named(ctx, words[-1]) is not None else None


def _person_named(ctx: _Ctx, surname: str):
    """The longest PERSON entity of the article whose last word is ``surname`` (any case)."""
    best = None
    for e in ctx.person_ents:
        last = e[-1] if e[-1].tag_ != "POS" or len(e) == 1 else e[-2]
        if last.lower_.strip(".") == surname and (best is None or len(e) > len(best)):
            best = e
    return best


def _label_who(ctx: _Ctx, lay: _Layout, line: _Line, author: Optional[str]) -> _Who:
    if line.role == "interviewer":
        return _author_who(author)
    if line.role == "interviewee":
        return interviewee(ctx)
    if line.label not in lay._names:
        a, b = line.label
        label = ctx.text[a:b]
        words = label.split()
        ent = _person_named(ctx, words[-1].strip(".").lower())
        r = _resolve(ctx, [(ent.start, ent.end - 1)]) if ent is not None else None
        if r is not None:
            w = _Who(r.name, r.actor_id, None, None, None, "person")
        elif ent is not None:
            w = _Who(_clean_name(ent.text), None, None, None, None, "person")
        else:
            if len(words) > 1 and words[0].strip(".").lower() in _HONORIFICS:
                words = words[1:]
            w = _Who(" ".join(x if not x.isupper() else x.title() for x in words), None, None, None, None,
                     "person")
        lay._names[line.label] = w
    return lay._names[line.label]


def _author_who(author: Optional[str]) -> _Who:
    if author:
        return _Who(author, None, None, None, None, "person")
    return _Who(None, None, None, None, None, "unnamed")


def interviewee(ctx: _Ctx) -> _Who:
    """The person the article interviews: the object of "an interview with X" or of
    "interviewed X", the subject of "X was interviewed", else the one person named in the
    headline (the first line of a text of several lines); unnamed when none."""
    lay = _layout(ctx)
    if lay._interviewee is None:
        tok = _interviewed_token(ctx)
        w = _who(ctx, tok) if tok is not None else None
        if w is None or not w.name or w.kind not in (None, "person"):
            w = _headline_person(ctx)
        lay._interviewee = _Who(w.name, w.actor_id, None, None, None, "person") if w is not None and w.name \
            else _Who(None, None, None, None, None, "unnamed")
    return lay._interviewee


def _interviewed_token(ctx: _Ctx) -> Optional[Token]:
    for t in ctx.doc:
        if t.lemma_.lower() != "interview":
            continue
        if t.pos_ == "NOUN":
            for p in _kids(t):
                if p.dep_ == "prep" and p.lower_ == "with":
                    obj = [c for c in _kids(p) if c.dep_ == "pobj" and c.ent_type_ == "PERSON"]
                    if obj:
                        return obj[0]
        elif t.pos_ == "VERB":
            for c in _kids(t):
                if c.ent_type_ == "PERSON" and (c.dep_ == "dobj" or (c.dep_ == "nsubjpass")):
                    return c
    return None


def _headline_person(ctx: _Ctx) -> Optional[_Who]:
    text = ctx.text
    first = text.find("\n")
    if first < 0 or not text[first:].strip():
        return None
    ents = [e for e in ctx.person_ents if e.end_char <= first]
    names = {_clean_name(e.text) for e in ents}
    if len(names) != 1:
        return None
    e = ents[0]
    r = _resolve(ctx, [(e.start, e.end - 1)])
    return _Who(r.name, r.actor_id, None, None, None, "person") if r is not None \
        else _Who(_clean_name(e.text), None, None, None, None, "person")


def writer_voice(ctx: _Ctx, c: _Cand, w: _Who, *, author: Optional[str] = None,
                 inside_other: bool = False) -> Optional[_Who]:
    """The speaker of a candidate whose speaker is "I"/"we" outside quotations, or None to
    keep ``w`` (inside a quotation; the resolver named someone; words of someone else's
    unquoted statement, ``inside_other``). A transcript line's label wins over everything.

    Example:
        >>> # "SMITH: I think ..." -> Smith; "I think ..." in a column by Jane Doe -> Jane Doe
    """
    pron = c.speaker_np
    if pron is None or pron.pos_ != "PRON" or pron.lower_ not in WRITER_PRONOUNS:
        return None
    if ctx.quote_at(pron.idx) is not None:
        return None
    lay = _layout(ctx)
    line = lay.line_at(pron.idx)
    if line is not None and pron.idx >= line.label[1]:
        v = _label_who(ctx, lay, line, author)
    elif w.name or inside_other:
        return None
    else:
        v = _author_who(author)
    return _Who(v.name, v.actor_id, w.text, w.start, w.end, v.kind)


def label_speaker(ctx: _Ctx, c: _Cand, *, author: Optional[str] = None) -> Optional[_Who]:
    """A "Q: ..." / "A: ..." transcript line read as a statement (cue ":"): the interviewer's
    or the interviewee's words, with the label as the speaker's words; None for other cues."""
    if c.cue != ":":
        return None
    lay = _layout(ctx)
    line = lay.line_at(c.cue_start)
    if line is None or line.role == "name" or not (line.label[1] <= c.cue_start):
        return None
    v = _label_who(ctx, lay, line, author)
    a, b = line.label
    return _Who(v.name, v.actor_id, ctx.text[a:b], a, b, v.kind)
