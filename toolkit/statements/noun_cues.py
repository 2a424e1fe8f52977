"""Cue finding without a reporting verb: "according to" (with its parenthetical forms),
headline-style colons ("Name: ...") and noun cues ("his warning that ...", "a plea to ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .context import _Cand, _Ctx
from .cues import _subject, _to_addressee
from .helpers import (
    _kids,
    _children, _CONNECTIVES, _has_to, _INNER_CLASSES, _RELATIVE, _SUBJ_DEPS, _subtree_range, _trim,
)


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
                 "where", "full", "text", "summary", "key", "points", "takeaway", "takeaways",
                 "interview", "profile", "podcast", "explainer", "review", "obituary", "factbox"}


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
               and any(c.dep_ in _SUBJ_DEPS and c.lower_ not in {"i", "we"} for c in _kids(x))
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
            for c in _kids(o):
                if c.i <= t.i or c.pos_ not in {"VERB", "AUX"}:
                    continue
                that = any(m.dep_ == "mark" and m.lower_ == "that" for m in _kids(c))
                if c.dep_ in {"acl", "ccomp", "relcl", "xcomp", "advcl"} and (
                        that or (infinitive_ok and _has_to(c))):
                    if o is not t and c.left_edge.i > t.right_edge.i + 4:
                        continue
                    content = _subtree_range(c)
                    break
            if content:
                break
        if content is None and infinitive_ok:
            # "warnings from the regulators in Rome not to intervene ...": an adjacent infinitive
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
            cl = [c for c in _kids(copula) if c.dep_ in {"ccomp", "attr", "acomp"} and c.i > copula.i
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
            for c in _kids(t):
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
