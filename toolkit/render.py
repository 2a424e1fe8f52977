"""A self-contained HTML view of an article with its actors, dates and statements highlighted.

displaCy-style inline marks with inline CSS (no scripts, no external files): actor
mentions coloured by actor kind, dates with their TIMEX3 value, statement contents
underlined with the speaker and cue as a label. Spans may overlap in any way: the text
is cut at every span boundary and tags are closed and reopened so that the HTML is
always well nested (statements outside, mentions and dates inside). Every piece of text
is escaped. Blank lines and line breaks become paragraphs.

Example:
    >>> html = render_html("Peskov said talks start on Monday.",
    ...                    dates=pd.DataFrame({"text": ["Monday"], "start_char": [27], "end_char": [33],
    ...                                        "type": ["DATE"], "value": ["2025-06-02"]}))  # doctest: +SKIP
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from typing import Optional

import pandas as pd

from .frames import is_missing

#: Background colour per actor kind (unknown kinds: grey).
KIND_COLORS = {
    "person": "#aa9cfc",
    "organization": "#7aecec",
    "country": "#feca74",
    "location": "#ff9561",
    "group": "#c887fb",
}
OTHER_COLOR = "#dddddd"
DATE_COLOR = "#bfe1d9"
STATEMENT_COLOR = "#fff6c2"
MODE_BORDER = {"direct": "2px solid #d62728", "indirect": "2px dashed #1f77b4", "mixed": "2px dotted #9467bd"}

_MARK = "padding:0.1em 0.3em;margin:0 0.1em;border-radius:0.3em;line-height:1.9;"
_LABEL = ("font-size:0.6em;font-weight:bold;line-height:1;border-radius:0.3em;"
          "vertical-align:middle;margin-left:0.4em;text-transform:uppercase;")
_PARA = re.compile(r"[ \t]*(?:\r?\n)+[ \t]*")

# layer order: lower opens first (outermost)
_STATEMENT, _MENTION, _DATE = 0, 1, 2


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    layer: int
    order: int
    open_tag: str
    label: str  # escaped HTML put just before the span's final close ("" for none)
    head: str  # escaped HTML put right after the span's first open ("" for none)


def _s(v) -> str:
    return "" if is_missing(v) else str(v)


def _rows(frame, columns, name):
    if frame is None:
        return []
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    for c in columns:
        if c not in frame.columns:
            raise ValueError(f"{name} frame has no column {c!r}")
    return frame.to_dict("records")


def _offsets(rec, s_col, e_col, n):
    s, e = rec.get(s_col), rec.get(e_col)
    if is_missing(s) or is_missing(e):
        return None
    s, e = max(0, int(s)), min(n, int(e))
    return (s, e) if e > s else None


def _attr(text: str) -> str:
    return _html.escape(text, quote=True)


def _spans(text, actors, mentions, dates, statements) -> list[_Span]:
    n = len(text)
    info = {}
    for a in _rows(actors, ["actor_id"], "actors"):
        if not is_missing(a.get("actor_id")):
            info[str(a["actor_id"])] = a
    spans: list[_Span] = []
    k = 0
    for m in _rows(mentions, ["actor_id", "start_char", "end_char"], "mentions"):
        off = _offsets(m, "start_char", "end_char", n)
        if off is None:
            continue
        a = info.get(_s(m.get("actor_id")), {})
        kind = _s(a.get("kind"))
        name = _s(a.get("name")) or _s(m.get("actor_id"))
        tip = name + (f" ({kind})" if kind else "") + (f", {_s(a.get('role'))}" if _s(a.get("role")) else "")
        if _s(m.get("how")):
            tip += f" [{_s(m.get('how'))}]"
        color = KIND_COLORS.get(kind, OTHER_COLOR)
        spans.append(_Span(off[0], off[1], _MENTION, k,
                           f'<mark class="tk-actor" data-kind="{_attr(kind or "other")}" title="{_attr(tip)}" '
                           f'style="background:{color};{_MARK}">',
                           f'<span style="{_LABEL}">{_html.escape(kind or "actor")}</span>', ""))
        k += 1
    for d in _rows(dates, ["start_char", "end_char"], "dates"):
        off = _offsets(d, "start_char", "end_char", n)
        if off is None:
            continue
        typ, val = _s(d.get("type")), _s(d.get("value"))
        tip = f"{typ or 'DATE'} {val}".strip()
        spans.append(_Span(off[0], off[1], _DATE, k,
                           f'<mark class="tk-date" title="{_attr(tip)}" style="background:{DATE_COLOR};{_MARK}">',
                           f'<span style="{_LABEL}">{_html.escape(val or typ or "date")}</span>', ""))
        k += 1
    for st in _rows(statements, ["content_start", "content_end"], "statements"):
        off = _offsets(st, "content_start", "content_end", n)
        if off is None:
            continue
        speaker, cue, mode = _s(st.get("speaker")), _s(st.get("cue")), _s(st.get("mode"))
        tip = f"{speaker or 'unknown speaker'}" + (f" — {cue}" if cue else "") + (f" ({mode})" if mode else "")
        border = MODE_BORDER.get(mode, "2px solid #999999")
        head = (f'<span class="tk-speaker" style="{_LABEL}background:#333333;color:#ffffff;'
                f'padding:0.1em 0.3em;margin:0 0.3em 0 0;">{_html.escape(speaker or "?")}'
                f'{" · " + _html.escape(cue) if cue else ""}</span>')
        spans.append(_Span(off[0], off[1], _STATEMENT, k,
                           f'<span class="tk-statement" data-mode="{_attr(mode)}" title="{_attr(tip)}" '
                           f'style="background:{STATEMENT_COLOR};border-bottom:{border};">',
                           "", head))
        k += 1
    return spans


def _paragraph_breaks(text) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if "\n" in m.group(0)]


def _body(text: str, spans: list[_Span]) -> str:
    n = len(text)
    breaks = _paragraph_breaks(text)
    cuts = {0, n}
    for sp in spans:
        cuts.update((sp.start, sp.end))
    for s, e in breaks:
        cuts.update((s, e))
    cuts = sorted(c for c in cuts if 0 <= c <= n)
    in_break = {}
    for s, e in breaks:
        in_break[s] = e
    out = ["<p>"]
    stack: list[_Span] = []
    opened: set = set()

    def close_to(depth: int, pos: int):
        while len(stack) > depth:
            sp = stack.pop()
            if sp.end == pos and sp.label:
                out.append(sp.label)
            out.append("</mark>" if sp.open_tag.startswith("<mark") else "</span>")

    key = lambda sp: (sp.layer, sp.start, -sp.end, sp.order)  # noqa: E731
    for a, b in zip(cuts, cuts[1:]):
        if a in in_break and in_break[a] >= b:
            close_to(0, a)
            if a != 0 and in_break[a] != n:
                out.append("</p>\n<p>")
            continue
        active = sorted((sp for sp in spans if sp.start <= a and b <= sp.end), key=key)
        depth = 0
        while depth < len(stack) and depth < len(active) and stack[depth] is active[depth]:
            depth += 1
        close_to(depth, a)
        for sp in active[depth:]:
            stack.append(sp)
            out.append(sp.open_tag)
            if sp.head and id(sp) not in opened:
                out.append(sp.head)
            opened.add(id(sp))
        out.append(_html.escape(text[a:b]))
    close_to(0, n)
    out.append("</p>")
    return "".join(out)


def _legend() -> str:
    items = [f'<span style="background:{c};{_MARK}">{_html.escape(k)}</span>' for k, c in KIND_COLORS.items()]
    items.append(f'<span style="background:{DATE_COLOR};{_MARK}">date</span>')
    items += [f'<span style="background:{STATEMENT_COLOR};border-bottom:{b};padding:0 0.3em;">'
              f'{_html.escape(m)} statement</span>' for m, b in MODE_BORDER.items()]
    return ('<div class="tk-legend" style="font-size:0.8em;margin:0 0 1em 0;color:#555555;">'
            + " ".join(items) + "</div>")


def render_html(text: str, *, actors: Optional[pd.DataFrame] = None, mentions: Optional[pd.DataFrame] = None,
                dates: Optional[pd.DataFrame] = None, statements: Optional[pd.DataFrame] = None,
                title: Optional[str] = None) -> str:
    """Render an article as self-contained HTML with its annotations highlighted.

    Args:
        text: the article text the offsets refer to.
        actors: ``actor_id, name, kind, role`` (for colours and tooltips of mentions).
        mentions: ``actor_id, text, start_char, end_char, how``.
        dates: ``text, start_char, end_char, type, value``.
        statements: ``speaker, cue, mode, content_start, content_end``.
        title: an optional heading.

    Returns:
        An HTML fragment (one ``<div>``) with inline CSS; the same input always gives
        the same output. Offsets outside the text are clipped, empty spans dropped.

    Raises:
        ValueError: a frame lacks an offset column (the message names it).

    Example:
        >>> html = render_html(art.text, mentions=art.mentions, actors=art.actors)  # doctest: +SKIP
    """
    text = "" if text is None else str(text)
    spans = _spans(text, actors, mentions, dates, statements)
    parts = ['<div class="tk-article" style="font-family:Georgia,serif;line-height:1.8;max-width:46em;">']
    if title:
        parts.append(f'<h2 style="font-family:sans-serif;">{_html.escape(str(title))}</h2>')
    parts.append(_legend())
    parts.append(_body(text, spans))
    parts.append("</div>")
    return "\n".join(parts)
