"""Post-processing of candidates: content edges (trimming the head and tail, paragraph ends
after colons, the final character span), the mode (direct, indirect, mixed), ``said_on``
dates, pronoun and readout speakers, chained cues, de-duplication, quotations split or
continued across paragraphs, and dropping statements nested in others.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Optional

from spacy.tokens import Token

from .context import _Cand, _Ctx, _tok_at
from .cues import _verb_lemma
from .helpers import (
    _kids,
    _CONNECTIVES, _has_to, _INNER_CLASSES, _np_full, _QUOTE_CHARS, _QUOTE_TOKENS, _SUBJ_DEPS, _trim,
)
from .speakers import _person_in, _Who, _who


# --------------------------------------------------------------------------- post-processing


def _colon_paragraph_end(ctx: _Ctx, c: _Cand, p1: int) -> int:
    """The end of the content's paragraph: ``p1`` (the end of the cue's paragraph), or the
    end of the next paragraph when the cue's paragraph ends with a colon and the next one
    opens with a quotation mark ("He said:⏎⏎“...”")."""
    text = ctx.text
    if p1 >= len(text) or not text[c.cue_start:p1].rstrip().endswith(":"):
        return p1
    k = p1
    while k < len(text) and text[k].isspace():
        k += 1
    if k not in ctx.quote_opening:
        return p1
    end = ctx.newline_from(k)
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
        # a clause ending at b is headed by a token whose subtree ends at b (looked up, not
        # scanned: contents nest, and scanning each one would be quadratic)
        for x in ctx.relcl_ending_at(b):
            if not (a <= x.head.i < x.i) or x.head.i > b:
                continue
            k = x.left_edge.i - 1
            if k <= a or doc[k].text != "," or x.head.i >= k:
                continue
            if doc[x.left_edge.i].lower_ not in _NONRESTRICTIVE and not (
                    doc[x.left_edge.i].dep_ == "prep" and doc[x.left_edge.i + 1].lower_ in _NONRESTRICTIVE):
                continue
            if ctx.quote_at(doc[k].idx) is not None or any(
                    t.text in _QUOTE_CHARS or t.text in _QUOTE_TOKENS for t in doc[k:b + 1]):
                continue  # quoted words in the clause: the speaker's
            if any(t.pos_ == "VERB" and _verb_lemma(ctx, t) in ctx.lex.verb_class
                   and any(s.dep_ in _SUBJ_DEPS and s.pos_ == "PRON" for s in _kids(t))
                   for t in doc[k:b + 1]):
                continue  # "..., which he said ...": the speaker's own words
            if not any(t.is_alpha for t in doc[a:k]):
                continue
            b = k - 1
            changed = True
            break
    return b


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
                x.dep_ in _SUBJ_DEPS and x.i < k for x in _kids(root)):
            return a
        if not any(x.dep_ in _SUBJ_DEPS and x.i > k for x in _kids(root)):
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
    # (only the quotations around the content can change it: looked up, not scanned)
    for qq in ctx.quotes_overlapping(cs - 1, ce + 1) if c.kind != "around" else ():  # “A,” he said, “B”: marks dropped
        if qq.close_char is not None and cs <= qq.open_char < ce and qq.close_char >= ce \
                and qq.close_char - ce <= 1 and c.cue_start not in range(ce, qq.close_char + 1):
            ce = qq.outer_end
        if qq.close_char is not None and cs < qq.close_char < ce and cs == qq.start \
                and qq.start > qq.open_char:
            cs = qq.open_char
    if c.kind != "previous":  # never beyond the cue's paragraph
        p0 = ctx.newline_before(c.cue_start) + 1
        p1 = ctx.newline_from(c.cue_end)
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
    if c.kind == "nested":  # a quotation inside a quotation: the inner speaker's words
        return "direct"
    if not _quotes_within(ctx, cs, ce):
        return "indirect"  # no quoted words (checked by bisection before reading each word)
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


def _quotes_within(ctx: _Ctx, cs: int, ce: int) -> bool:
    """Whether a quotation overlaps the characters ``cs..ce`` (quotations are disjoint and
    sorted by start)."""
    k = max(0, bisect.bisect_right(ctx.quote_starts, cs) - 1)
    while k < len(ctx.quotes) and ctx.quotes[k].start < ce:
        if ctx.quotes[k].end > cs:
            return True
        k += 1
    return False


def _said_on(ctx: _Ctx, c: _Cand, cs: int, ce: int) -> Optional[dt.date]:
    if not ctx.dates:
        return None
    doc = ctx.doc
    sent = ctx.sents[ctx.sent_of(c.cue_tok)]
    anchor = c.cue_tok if c.cue_tok.pos_ in {"VERB", "AUX"} else c.cue_tok.head
    for d in ctx.dates_in(sent.start_char, sent.end_char):
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
    own_quote = ctx.quote_at(pron.idx)
    if low in _SINGULAR:
        for k in range(pron.i - 1, max(-1, pron.i - 400), -1):
            t = ctx.doc[k]
            if ctx.quote_at(t.idx) not in (None, own_quote):
                continue  # a person named inside someone's quoted words
            if t.dep_ in {"nsubj", "nsubjpass", "pobj"} and t.pos_ in {"PROPN", "NOUN"} and (
                    t.ent_type_ == "PERSON" or _person_in(ctx, *_np_full(t))):
                if t.dep_ == "pobj" and t.head.dep_ != "agent":
                    continue
                who = _who(ctx, t)
                if who.name:
                    return _Who(who.name, who.actor_id, w.text, w.start, w.end)
    for c, p in reversed(prev):
        if c.kind == "nested" or not p.name or (p.text or "").lower() in _SINGULAR | _PLURAL | {"we", "i", "it"}:
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


def _split_chained(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """"said X, adding Y" / "noted X and thanked Y": the second cue ends the first content
    and shares its speaker."""
    order = sorted(cands, key=lambda c: c.cue_tok.i)
    # only a cue with no subject of its own, coordinated or adverbial, can be the second
    # one: looked up by position among those, not tested against every pair (linear time)
    seconds = [c for c in order if c.cue_tok.dep_ in {"conj", "advcl"}
               and not any(x.dep_ in _SUBJ_DEPS for x in _kids(c.cue_tok))]
    pos = [c.cue_tok.i for c in seconds]
    for a in order:
        a0, a1 = a.content
        lo = bisect.bisect_right(pos, max(a0, a.cue_tok.i - 1))
        for b in seconds[lo:bisect.bisect_right(pos, a1)]:
            t = b.cue_tok
            if b is a or not (a0 < t.i <= a1) or t.i < a.cue_tok.i:
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


class _Sorted:
    """Candidates kept sorted by one key (an offset), for range look-ups by bisection."""

    def __init__(self, key):
        self.key, self.rows = key, []

    def add(self, c: _Cand) -> None:
        bisect.insort(self.rows, (self.key(c), id(c), c), key=lambda r: r[:2])

    def remove(self, c: _Cand) -> None:
        k = bisect.bisect_left(self.rows, (self.key(c), id(c)), key=lambda r: r[:2])
        del self.rows[k]

    def within(self, lo: float, hi: float) -> list[_Cand]:
        """The candidates whose key is in ``lo..hi`` (inclusive)."""
        a = bisect.bisect_left(self.rows, lo, key=lambda r: r[0])
        b = bisect.bisect_right(self.rows, hi, key=lambda r: r[0])
        return [r[2] for r in self.rows[a:b]]


def _dup_cands(c: _Cand, starts: _Sorted, ends: _Sorted, cues: _Sorted) -> list[_Cand]:
    """Kept candidates that may duplicate ``c``: near-identical contents (overlap >= 0.9 of
    the longer) start and end within 0.12 of ``c``'s length of ``c``'s; and a duplicate is
    not a report around ``c``'s cue, so it either holds ``c``'s cue outside its content or
    has its own cue inside ``c``'s content. Each case is one range look-up (linear time on
    long chains of nested reports, where every content is near-identical to the next)."""
    c0, c1 = c.chars
    slack = (c1 - c0) // 8 + 1
    if c0 <= c.cue_start < c1:  # a cue inside its own content (a passive): no exemption
        return starts.within(c0 - slack, c0 + slack)
    found = {id(k): k for k in starts.within(max(c0 - slack, c.cue_start + 1), c0 + slack)}
    found.update((id(k), k) for k in ends.within(c1 - slack, min(c1 + slack, c.cue_start)))
    found.update((id(k), k) for k in cues.within(c0, c1 - 1)
                 if abs(k.chars[0] - c0) <= slack)
    return list(found.values())


def _dedupe(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """One statement per cue, and one per content: of two near-identical contents in a
    sentence the first found is kept, unless its cue lies inside the other's content
    (“I think X,” she said: the outer attribution wins). A report inside another's content
    ("Russia said that Ukraine said that X": Ukraine's cue inside Russia's content) is
    nested, not a duplicate, however long X is; not so a passive whose cue is inside its
    own content, near-identical to the content around it ("X said the item was offered to
    be fixed")."""
    keep: dict[int, _Cand] = {}  # id -> candidate, in the order kept
    starts, ends = _Sorted(lambda k: k.chars[0]), _Sorted(lambda k: k.chars[1])
    cues = _Sorted(lambda k: k.cue_start)
    seen_cue = set()
    for c in cands:
        if c.cue_tok.i in seen_cue:
            continue
        sent = ctx.sent_of(c.cue_tok)
        own = c.chars[0] <= c.cue_start < c.chars[1]
        dup = [k for k in _dup_cands(c, starts, ends, cues)
               if _overlap(c.chars, k.chars) >= 0.9 and ctx.sent_of(k.cue_tok) == sent
               and (own or not _nested_in(c, k))]
        if dup:
            if not all(_nested_in(k, c) for k in dup):
                continue
            for d in dup:
                del keep[id(d)]
                for index in (starts, ends, cues):
                    index.remove(d)
        seen_cue.add(c.cue_tok.i)
        keep[id(c)] = c
        for index in (starts, ends, cues):
            index.add(c)
    return list(keep.values())


def _overlapped(spans: list, starts: list[int], a: int, b: int, c: _Cand, q2) -> bool:
    """Whether another candidate's content (not ``c``'s, nor one whose cue is inside ``q2``)
    overlaps ``a..b`` by more than 0.3 of the longer. Such a content is shorter than 3.34
    times ``b - a`` and starts at most that far before ``a``: only that window is read."""
    lo = bisect.bisect_left(starts, a - int(3.34 * (b - a)) - 1)
    hi = bisect.bisect_left(starts, b)
    return any(_overlap((a, b), (s, e)) > 0.3 for s, e, oid, cue in spans[lo:hi]
               if oid != id(c) and not q2.contains(cue))


def _merge_split_quotes(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """“A,” he said. “B.” / “A,” he said, “B.” -> one statement when B has no attribution
    of its own (a quotation opening right after the attribution clause, in the same
    paragraph, and the quotations that follow it with nothing but spaces between)."""
    text = ctx.text
    extra: dict[int, tuple[int, int]] = {}
    spans = sorted(((o.chars[0], o.chars[1], id(o), o.cue_start) for o in cands),
                   key=lambda r: r[0])
    starts = [r[0] for r in spans]
    for c in cands:
        if c.kind not in {"quote", "clause"}:
            continue
        cs, ce = c.chars
        k = bisect.bisect_right(ctx.quote_starts, ce)  # the quotation the content ends with
        q1 = next((q for q in ctx.quotes[max(0, k - 2):k] if q.close_char is not None and cs <= q.end
                   and q.start <= ce <= q.outer_end and q.close_char <= c.cue_start), None)
        if q1 is None:
            continue  # the content does not end with a quotation before the cue
        nxt = ctx.quotes_opening_in(c.cue_end, c.cue_end + 161)
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
               and any(y.dep_ in _SUBJ_DEPS for y in _kids(x)) for x in _kids(c.cue_tok)):
            continue  # “A,” she said, and a colleague objected. “B.”: B may be another speaker's
        si = ctx.sent_of(c.cue_tok)
        if any(c.cue_end < x.start_char < q2.open_char and text[x.start_char:q2.open_char].strip()
               for x in ctx.sents[si + 1:si + 4]):
            continue  # another sentence comes between
        if _overlapped(spans, starts, q2.start, q2.end, c, q2):
            continue
        end = q2.end
        k = nxt.index(q2)
        while k + 1 < len(nxt) and not text[nxt[k].outer_end:nxt[k + 1].open_char].strip():
            k += 1  # “B.” “C.”: quotations that follow with nothing in between
            if _overlapped(spans, starts, nxt[k].start, nxt[k].end, c, q2):
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


def _within(sorted_pos: list[int], lo: int, hi: int) -> list[int]:
    """The values of the sorted list ``sorted_pos`` in ``lo <= p < hi``."""
    return sorted_pos[bisect.bisect_left(sorted_pos, lo):bisect.bisect_left(sorted_pos, hi)]


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
        k = bisect.bisect_left(ctx.quote_starts, ce)  # the quotation the content ends with
        q = next((q for q in ctx.quotes[max(0, k - 2):k] if q.start < ce <= q.outer_end + 1), None)
        if q is None or ctx.quote_at(c.cue_start) is not None:
            continue
        p_end = ctx.newline_from(max(ce, c.cue_end))
        if p_end < 0 or ctx.newline_before(c.cue_start) != ctx.newline_before(cs):
            continue
        if ctx.quotes_opening_in(q.outer_end + 1, p_end):
            continue  # another quotation follows in the paragraph
        if any(p != c.cue_start for p in _within(cue_pos, ce + 1, p_end)):
            continue
        end, last_q, pos = ce, q, p_end
        for _ in range(6):
            k = pos
            while k < len(text) and text[k].isspace():
                k += 1
            if k not in ctx.quote_opening:
                break
            nxt_end = ctx.newline_from(k)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            if _within(cue_pos, k, nxt_end):
                break  # the paragraph has an attribution of its own
            inside = ctx.quotes_opening_in(k, nxt_end)
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


class _Containers:
    """Candidates sorted by content start with the running maximum of their content ends,
    to find the contents that contain an offset without reading every candidate."""

    def __init__(self, cands: list[_Cand]):
        self.cands = sorted(cands, key=lambda k: k.chars[0])
        self.starts = [k.chars[0] for k in self.cands]
        self.reach, top = [], -1
        for k in self.cands:
            top = max(top, k.chars[1])
            self.reach.append(top)

    def containing(self, pos: int):
        """The candidates whose content holds ``pos``, nearest start first."""
        j = bisect.bisect_right(self.starts, pos) - 1
        while j >= 0 and self.reach[j] > pos:  # nothing earlier reaches ``pos`` otherwise
            if self.cands[j].chars[1] > pos:
                yield self.cands[j]
            j -= 1


def _drop_nested(ctx: _Ctx, cands: list[_Cand], modes: dict) -> list[_Cand]:
    """Statements whose cue sits inside someone's quoted words are optional: drop them;
    so are beliefs, intentions and positions (``inner_cues``) inside another statement's
    content. (Containing contents are looked up by position: linear time on long chains
    of nested reports.)"""
    quoted = _Containers([c for c in cands if modes[id(c)] in {"direct", "mixed"}])
    every = _Containers(cands)
    out = []
    for c in cands:
        if c.kind == "nested":  # a voice quoted inside a quotation (see ``nested``)
            out.append(c)
            continue
        if ctx.quote_at(c.cue_start) is not None and any(
                k.chars != c.chars for k in quoted.containing(c.cue_start)):
            continue
        if (ctx.lex.cue_class(c.cue) in _INNER_CLASSES or c.cue in ctx.lex.inner_cues) and any(
                k is not c and not (c.chars[0] <= k.cue_start < c.chars[1])
                for k in every.containing(c.cue_start)):
            continue
        out.append(c)
    return out
