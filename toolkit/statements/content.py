"""Post-processing of candidates: content edges (trimming the head and tail, paragraph ends
after colons, the final character span), the mode (direct, indirect, mixed), ``said_on``
dates, pronoun and readout speakers, chained cues, de-duplication, quotations split or
continued across paragraphs, and dropping statements nested in others.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from spacy.tokens import Token

from .context import _Cand, _Ctx, _tok_at
from .cues import _verb_lemma
from .helpers import (
    _CONNECTIVES, _has_to, _INNER_CLASSES, _np_full, _QUOTE_CHARS, _QUOTE_TOKENS, _SUBJ_DEPS, _trim,
)
from .speakers import _person_in, _Who, _who


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
