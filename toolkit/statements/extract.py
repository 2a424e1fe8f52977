"""The entry point ``extract_statements``: runs the cue rules over one parse, fixes the
content spans, adds quotation candidates, cleans up and turns candidates into ``Statement``
records with speaker, addressee, mode and date.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from spacy.tokens import Doc

from ..types import DateExpr, SpeakerResolver, Statement
from .content import (
    _content_chars, _dedupe, _drop_nested, _join_continued_quotes, _merge_split_quotes, _mode,
    _pronoun_fallback, _readout_speaker, _said_on, _split_chained,
)
from .context import _Cand, _Ctx
from .cues import _verb_cands
from .lexicon import LexiconLike, load_lexicon
from .nested import _nested_voices
from .noun_cues import _according_cands, _colon_cands, _noun_cands
from .quote_cands import _quote_cands
from .readouts import find_meetings, readout_who
from .speakers import _addressee, _speaker_kind, _speaker_range, _Who, _who
from .voice import label_speaker, writer_voice, WRITER_PRONOUNS


def extract_statements(
    doc: Doc,
    *,
    resolver: Optional[SpeakerResolver] = None,
    dates: Sequence[DateExpr] = (),
    published: Optional[dt.date] = None,
    lexicon: LexiconLike = None,
    topics: bool = False,
    author: Optional[str] = None,
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
        author: the writer(s), "A and B" (``articles.author``): the speaker of the writer's
            own "I"/"we" outside quotations; without one that speaker is unnamed (empty
            ``speaker``, ``speaker_kind`` ``unnamed``). Transcript lines ("SMITH: I think
            ...", "A: ...") give their "I" to the label's person (see :mod:`.voice`).

    Returns:
        Attributions in text order, each with its ``kind``: ``speech`` (said, written,
        announced), ``belief``, ``intention`` or ``perception``. The ``statements`` table
        keeps the speech rows, the ``attributions`` table all of them.

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
    cands = _nested_voices(ctx, cands)
    cands.sort(key=lambda c: (c.cue_start if c.kind != "previous" else c.chars[0], c.chars[0]))
    modes = {id(c): _mode(ctx, c, *c.chars) for c in cands}
    cands = _drop_nested(ctx, cands, modes)

    out: list[Statement] = []
    done: list[tuple[_Cand, _Who]] = []
    meetings = find_meetings(ctx)  # calls and meetings a readout reports (readouts.py)
    for c in sorted(cands, key=lambda c: c.cue_start):
        cs, ce = c.chars
        if c.speaker_kind == "author":
            w = _Who(None, None, None, None, None)
        elif c.speaker_kind == "readout":
            w = _readout_speaker(done) or _Who(None, None, None, None, None)
            w = _Who(w.name, w.actor_id, None, None, None)
        else:
            w = label_speaker(ctx, c, author=author) or _who(
                ctx, c.speaker_np, text_range=c.speaker_span or _speaker_range(ctx, c.speaker_np, c.cue_tok))
            if w.actor_id is None and c.speaker_np is not None and c.speaker_np.pos_ == "PRON":
                w = _writer(ctx, c, w, cands, author) or _pronoun_fallback(ctx, c.speaker_np, done, w)
        if c.speaker_kind in {"np", "readout"}:
            w = readout_who(ctx, meetings, c, w)
        done.append((c, w))
        out.append(Statement(
            speaker=w.name, speaker_id=w.actor_id, speaker_text=w.text, cue=c.cue,
            mode=modes[id(c)], content=ctx.text[cs:ce], content_start=cs, content_end=ce,
            sent_id=ctx.sent_of(c.cue_tok), addressee=_addressee(ctx, c.addressee),
            said_on=_said_on(ctx, c, cs, ce), cue_class=ctx.lex.cue_class(c.cue),
            speaker_start=w.start, speaker_end=w.end, cue_start=c.cue_start, cue_end=c.cue_end,
            speaker_kind=_speaker_kind(w),
            kind=ctx.lex.kind(c.cue)))
    out.sort(key=lambda s: (s.sent_id, s.cue_start or 0, s.content_start))
    return out


def _writer(ctx: _Ctx, c: _Cand, w: _Who, cands: Sequence[_Cand], author: Optional[str]) -> Optional[_Who]:
    """The writer's (or a transcript line's) "I"/"we" (:func:`.voice.writer_voice`); words
    inside another candidate's unquoted content are that candidate's, not the writer's."""
    pron = c.speaker_np
    if pron.lower_ not in WRITER_PRONOUNS:
        return None
    inside = any(o is not c and o.chars and o.chars[0] <= pron.idx < o.chars[1] and not (
        o.speaker_np is not None and o.speaker_np.lower_ in WRITER_PRONOUNS) for o in cands)
    return writer_voice(ctx, c, w, author=author, inside_other=inside)
