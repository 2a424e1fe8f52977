"""Plots: the only module that draws (matplotlib).

Every function takes frames (never mutated), an optional ``ax`` to draw on, and
returns the :class:`matplotlib.figure.Figure`. Nothing is shown implicitly: figures
are built with :class:`matplotlib.figure.Figure` (not pyplot's global state) unless an
``ax`` is given, so they do not pile up in a script and display once in Jupyter.
Output is deterministic (sorted rows, fixed colours).

Example:
    >>> from toolkit import plots
    >>> fig = plots.voice_share(article.statements, weight="words")  # doctest: +SKIP
    >>> fig.savefig("voices.png")                                    # doctest: +SKIP
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .frames import is_missing
from . import rhetoric
from .types import EVENT_STATUSES, STATEMENT_MODES

#: Marker and colour per event status.
STATUS_STYLE = {
    "happened": {"marker": "o", "color": "#1f77b4"},
    "planned": {"marker": "^", "color": "#ff7f0e"},
    "ongoing": {"marker": "s", "color": "#2ca02c"},
    "unknown": {"marker": "x", "color": "#7f7f7f"},
}
#: Colour per statement mode.
MODE_COLORS = {"direct": "#d62728", "indirect": "#1f77b4", "mixed": "#9467bd"}


def _axes(ax, *, size=(7.0, 4.0)):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _require(frame, columns, name):
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    for c in columns:
        if c not in frame.columns:
            raise ValueError(f"{name} frame has no column {c!r}")


def _label(actor, action) -> str:
    a = "?" if is_missing(actor) or not str(actor) else str(actor)
    return f"{a}: {action}"


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#7f7f7f")
    ax.set_xticks([])
    ax.set_yticks([])


def timeline(events: pd.DataFrame, *, ax=None, title: Optional[str] = None) -> Figure:
    """What happened (or is planned) when: one row per actor/action, x = event date.

    Args:
        events: events table or :func:`toolkit.events.chronology` frame (``actor,
            action, start, status``; ``end`` draws a span when given). Rows without a
            date are skipped.
        ax: axes to draw on (default: a new figure).
        title: axes title.

    Returns:
        The figure; one marker per dated row, marker style by status.

    Example:
        >>> fig = timeline(chronology(corpus.events, corpus.articles))  # doctest: +SKIP
    """
    _require(events, ["actor", "action", "start", "status"], "events")
    df = pd.DataFrame({
        "label": [_label(a, b) for a, b in zip(events["actor"], events["action"])],
        "start": pd.to_datetime(pd.Series(list(events["start"]), dtype=object), errors="coerce"),
        "end": pd.to_datetime(pd.Series(list(events["end"]) if "end" in events.columns
                                        else [None] * len(events), dtype=object), errors="coerce"),
        "status": ["unknown" if is_missing(s) or s not in STATUS_STYLE else str(s) for s in events["status"]],
    })
    df = df[df["start"].notna()]
    fig, ax = _axes(ax, size=(8.0, max(2.5, 0.35 * df["label"].nunique() + 1.5)))
    if df.empty:
        _empty(ax, "no dated events")
    else:
        first = df.groupby("label")["start"].min().reset_index()
        order = first.sort_values(["start", "label"], kind="mergesort")["label"].tolist()
        ypos = {lab: i for i, lab in enumerate(order)}
        for status in EVENT_STATUSES:
            sub = df[df["status"] == status].sort_values(["start", "label"], kind="mergesort")
            if sub.empty:
                continue
            y = [ypos[lab] for lab in sub["label"]]
            spans = sub[sub["end"].notna() & (sub["end"] > sub["start"])]
            for _, r in spans.iterrows():
                ax.hlines(ypos[r["label"]], r["start"], r["end"], color=STATUS_STYLE[status]["color"],
                          alpha=0.35, linewidth=4)
            ax.scatter(sub["start"].tolist(), y, label=status, zorder=3, **STATUS_STYLE[status])
        ax.set_yticks(range(len(order)), order)
        ax.invert_yaxis()
        ax.set_xlabel("event date")
        ax.legend(loc="best", fontsize="small")
        ax.grid(axis="x", alpha=0.3)
        fig.autofmt_xdate()
    if title:
        ax.set_title(title)
    return fig


def report_lag(events: pd.DataFrame, articles: pd.DataFrame, *, ax=None, bins: int = 20) -> Figure:
    """Event date against report date (``published``), with the diagonal and a lag histogram.

    Points above the diagonal are reports after the event; below, announcements of
    planned events. With ``ax`` given only the scatter is drawn on it; otherwise the
    figure has the scatter and a histogram of the lag in days (report - event start).

    Args:
        events: events (``article_id, start``) or a chronology frame (``start,
            first_reported``).
        articles: articles table (``article_id, published``); ignored for chronology frames.
        ax: axes for the scatter.
        bins: histogram bins.

    Example:
        >>> fig = report_lag(corpus.events, corpus.articles)  # doctest: +SKIP
    """
    if "first_reported" in getattr(events, "columns", ()) and "article_id" not in events.columns:
        _require(events, ["start", "first_reported"], "events")
        ev = pd.to_datetime(pd.Series(list(events["start"]), dtype=object), errors="coerce")
        rep = pd.to_datetime(pd.Series(list(events["first_reported"]), dtype=object), errors="coerce")
    else:
        _require(events, ["article_id", "start"], "events")
        _require(articles, ["article_id", "published"], "articles")
        pub = {str(a): p for a, p in zip(articles["article_id"], articles["published"]) if not is_missing(a)}
        ev = pd.to_datetime(pd.Series(list(events["start"]), dtype=object), errors="coerce")
        rep = pd.to_datetime(pd.Series([pub.get(str(a)) for a in events["article_id"]], dtype=object),
                             errors="coerce")
    ok = ev.notna() & rep.notna()
    ev, rep = ev[ok].reset_index(drop=True), rep[ok].reset_index(drop=True)
    if ax is None:
        fig = Figure(figsize=(10.0, 4.0), layout="constrained")
        ax, hax = fig.subplots(1, 2)
    else:
        fig, hax = ax.figure, None
    if ev.empty:
        _empty(ax, "no dated events with a report date")
        if hax is not None:
            _empty(hax, "no lag to show")
        return fig
    ax.scatter(ev.tolist(), rep.tolist(), s=18, color="#1f77b4", alpha=0.8, zorder=3)
    lo, hi = min(ev.min(), rep.min()), max(ev.max(), rep.max())
    ax.plot([lo, hi], [lo, hi], color="#7f7f7f", linestyle="--", linewidth=1, label="same day")
    ax.set_xlabel("event date")
    ax.set_ylabel("report date")
    ax.legend(loc="best", fontsize="small")
    fig.autofmt_xdate()
    if hax is not None:
        lag = (rep - ev).dt.days.to_numpy()
        hax.hist(lag, bins=bins, color="#1f77b4")
        hax.axvline(0, color="#7f7f7f", linestyle="--", linewidth=1)
        hax.set_xlabel("lag (days, report - event)")
        hax.set_ylabel("events")
    return fig


def voice_share(statements: pd.DataFrame, *, by: str = "speaker", weight: str = "statements", top: int = 10,
                ax=None) -> Figure:
    """Horizontal bars: share of statements (or quoted words) per speaker or other column.

    One bar per label among the ``top`` largest (computed by
    :func:`toolkit.rhetoric.voice_share`, shares over all statements).

    Example:
        >>> fig = voice_share(article.statements, weight="words", top=5)  # doctest: +SKIP
    """
    table = rhetoric.voice_share(statements, by=by, weight=weight).head(top)
    fig, ax = _axes(ax, size=(7.0, max(2.5, 0.35 * len(table) + 1.2)))
    if table.empty:
        _empty(ax, "no statements")
        return fig
    y = np.arange(len(table))
    ax.barh(y, table["share"].to_numpy(), color="#1f77b4")
    ax.set_yticks(y, table[by].astype(str).tolist())
    ax.invert_yaxis()
    ax.set_xlabel(f"share of {'quoted words' if weight == 'words' else 'statements'}")
    ax.set_xlim(0, max(1e-9, float(table["share"].max())) * 1.15)
    for yi, v in zip(y, table["share"]):
        ax.text(v, yi, f" {v:.0%}", va="center", fontsize="small")
    return fig


def mode_by_speaker(statements: pd.DataFrame, *, by: str = "speaker", top: int = 10, ax=None) -> Figure:
    """Stacked horizontal bars of direct / indirect / mixed statements per speaker.

    Example:
        >>> fig = mode_by_speaker(article.statements)  # doctest: +SKIP
    """
    table = rhetoric.mode_by_speaker(statements, by=by).head(top)
    fig, ax = _axes(ax, size=(7.0, max(2.5, 0.35 * len(table) + 1.2)))
    if table.empty:
        _empty(ax, "no statements")
        return fig
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for mode in STATEMENT_MODES:
        vals = table[mode].to_numpy(dtype=float)
        ax.barh(y, vals, left=left, label=mode, color=MODE_COLORS[mode])
        left += vals
    ax.set_yticks(y, table[by].astype(str).tolist())
    ax.invert_yaxis()
    ax.set_xlabel("statements")
    ax.legend(loc="lower right", fontsize="small")
    return fig


def cue_heatmap(statements: pd.DataFrame, *, by: str = "speaker", column: str = "cue", top: int = 10,
                ax=None) -> Figure:
    """Heatmap of reporting-word counts: speakers (rows) x cues (columns), cells labelled.

    Args:
        statements: statements table.
        by: row column.
        column: ``"cue"`` or ``"cue_class"``.
        top: keep the ``top`` most frequent rows and columns.

    Example:
        >>> fig = cue_heatmap(corpus.statements, column="cue_class")  # doctest: +SKIP
    """
    table = rhetoric.cue_profile(statements, by=by, column=column)
    table = table.head(top)
    cols = [c for c in table.columns if c != by][:top]
    fig, ax = _axes(ax, size=(max(4.0, 0.7 * len(cols) + 2.5), max(2.5, 0.4 * len(table) + 1.5)))
    if table.empty or not cols:
        _empty(ax, "no statements")
        return fig
    mat = table[cols].to_numpy(dtype=float)
    im = ax.imshow(mat, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], rotation=45, ha="right")
    ax.set_yticks(range(len(table)), table[by].astype(str).tolist())
    vmax = mat.max() if mat.size else 0
    for i in range(mat.shape[0]):
        for j in range(mat.shape[1]):
            n = int(mat[i, j])
            ax.text(j, i, str(n), ha="center", va="center", fontsize="small",
                    color="white" if vmax and n > vmax / 2 else "black")
    fig.colorbar(im, ax=ax, label="statements")
    ax.set_xlabel(column)
    return fig


#: Colour per side of a contested-term vocabulary (other sides get grey).
SIDE_COLORS = {"RU": "#d62728", "UA": "#1f77b4", "neutral": "#7f7f7f"}


def stance_heatmap(statements: pd.DataFrame, *, by: str = "speaker", column: str = "stance", top: int = 10,
                   normalize: bool = True, ax=None) -> Figure:
    """Heatmap of reporting stances (or cue classes) by speaker: how each actor is reported.

    Rows are the ``top`` speakers with most statements, columns the stances in the
    lexicon's order (neutral, emphatic, distancing, ...). With ``normalize`` the colour is
    the share of the row's statements (rows comparable across speakers); cells show counts.

    Args:
        statements: statements table (``by``, ``content`` and ``cue``/``cue_class``, or a
            ``stance`` column from :func:`toolkit.rhetoric.with_features`).
        by: row column.
        column: ``"stance"`` (default) or ``"cue_class"``.
        top: number of rows.
        normalize: colour by row share (default) or by count.

    Example:
        >>> fig = stance_heatmap(corpus.statements, top=8)  # doctest: +SKIP
    """
    counts = rhetoric.reporting_profile(statements, by=by, column=column).head(top)
    cols = [c for c in counts.columns if c not in (by, "n_statements")]
    fig, ax = _axes(ax, size=(max(4.5, 0.75 * len(cols) + 3.0), max(2.5, 0.4 * len(counts) + 1.5)))
    if counts.empty or not cols:
        _empty(ax, "no statements")
        return fig
    mat = counts[cols].to_numpy(dtype=float)
    shown = mat / np.maximum(counts["n_statements"].to_numpy(dtype=float)[:, None], 1) if normalize else mat
    im = ax.imshow(shown, cmap="Purples", aspect="auto", vmin=0, vmax=1 if normalize else None)
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], rotation=45, ha="right")
    ax.set_yticks(range(len(counts)), [f"{lab} ({n})" for lab, n in zip(counts[by], counts["n_statements"])])
    vmax = float(shown.max()) if shown.size else 0.0
    for i in range(mat.shape[0]):
        for j in range(mat.shape[1]):
            n = int(mat[i, j])
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize="small",
                        color="white" if vmax and shown[i, j] > vmax / 2 else "black")
    fig.colorbar(im, ax=ax, label="share of the speaker's statements" if normalize else "statements")
    ax.set_xlabel("reporting stance" if column == "stance" else column)
    return fig


def term_usage(terms: pd.DataFrame, articles: Optional[pd.DataFrame] = None, *, by: str = "source",
               groups=None, top: int = 25, ax=None) -> Figure:
    """Heatmap of contested-term variants (rows) by outlet (columns), counts in the cells.

    Row labels read ``group: term`` and are coloured by whose vocabulary the term is
    (:data:`SIDE_COLORS`: RU red, UA blue, neutral grey).

    Args:
        terms: :func:`toolkit.rhetoric.article_terms` output.
        articles: the articles table, to get ``by`` (e.g. ``source``) per article.
        by: column grouping (``"source"``, ``"article_id"``, ...).
        groups: only these term groups (default: all).
        top: keep the ``top`` most frequent variants.

    Example:
        >>> fig = term_usage(rhetoric.article_terms(corpus), corpus.articles)  # doctest: +SKIP
    """
    usage = rhetoric.term_usage(terms, by=by, articles=articles)
    if groups is not None:
        usage = usage[usage["group"].isin(list(groups))]
    fig_rows = usage.groupby(["group", "term", "side"], sort=True)["n"].sum().reset_index()
    fig_rows = fig_rows.sort_values(["n", "group", "term"], ascending=[False, True, True], kind="mergesort").head(top)
    fig_rows = fig_rows.sort_values(["group", "n", "term"], ascending=[True, False, True], kind="mergesort")
    outlets = sorted(usage[by].astype(str).unique().tolist())
    fig, ax = _axes(ax, size=(max(4.5, 0.9 * len(outlets) + 4.0), max(2.5, 0.32 * len(fig_rows) + 1.8)))
    if fig_rows.empty:
        _empty(ax, "no contested terms")
        return fig
    cell = {(r[by], r["group"], r["term"]): int(r["n"]) for _, r in usage.assign(**{by: usage[by].astype(str)}).iterrows()}
    keys = list(zip(fig_rows["group"], fig_rows["term"]))
    mat = np.array([[cell.get((o, g, t), 0) for o in outlets] for g, t in keys], dtype=float)
    im = ax.imshow(mat, cmap="Greys", aspect="auto", vmin=0)
    ax.set_xticks(range(len(outlets)), outlets, rotation=30, ha="right")
    ax.set_yticks(range(len(keys)), [f"{g}: {t}" for g, t in keys])
    for lab, side in zip(ax.get_yticklabels(), fig_rows["side"]):
        lab.set_color(SIDE_COLORS.get(str(side), "#555555"))
    vmax = float(mat.max())
    for i in range(mat.shape[0]):
        for j in range(mat.shape[1]):
            n = int(mat[i, j])
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize="small",
                        color="white" if vmax and n > vmax / 2 else "black")
    fig.colorbar(im, ax=ax, label="occurrences")
    for side in sorted(set(map(str, fig_rows["side"]))):
        ax.plot([], [], marker="s", linestyle="", color=SIDE_COLORS.get(side, "#555555"), label=f"{side} vocabulary")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, fontsize="small", frameon=False)
    return fig


def sentiment_by_speaker(statements: pd.DataFrame, *, by: str = "speaker", top: int = 10, min_statements: int = 1,
                         ax=None) -> Figure:
    """Horizontal bars of mean sentiment (VADER compound) per speaker, red below zero.

    The ``top`` speakers with most statements (at least ``min_statements``) are shown,
    ordered by mean sentiment; each bar is labelled with its number of statements.

    Example:
        >>> fig = sentiment_by_speaker(corpus.statements, min_statements=2)  # doctest: +SKIP
    """
    table = rhetoric.sentiment_by_speaker(statements, by=by)
    table = table[(table["n_statements"] >= min_statements) & table["mean_sentiment"].notna()].head(top)
    table = table.sort_values(["mean_sentiment", by], ascending=[False, True], kind="mergesort")
    fig, ax = _axes(ax, size=(7.0, max(2.5, 0.35 * len(table) + 1.2)))
    if table.empty:
        _empty(ax, "no statements")
        return fig
    y = np.arange(len(table))
    vals = table["mean_sentiment"].to_numpy(dtype=float)
    ax.barh(y, vals, color=["#2ca02c" if v >= 0 else "#d62728" for v in vals])
    ax.set_yticks(y, table[by].astype(str).tolist())
    ax.invert_yaxis()
    ax.axvline(0, color="#7f7f7f", linewidth=1)
    lim = max(0.1, float(np.abs(vals).max()) * 1.3)
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("mean sentiment of the statements (VADER compound)")
    for yi, v, n in zip(y, vals, table["n_statements"]):
        ax.text(v, yi, f" n={n} " if v >= 0 else f" n={n} ", va="center", ha="left" if v >= 0 else "right",
                fontsize="small")
    return fig
