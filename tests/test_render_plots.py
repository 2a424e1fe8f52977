import datetime as dt
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from toolkit import plots, rhetoric  # noqa: E402
from toolkit.render import render_html  # noqa: E402

# ---------------------------------------------------------------- render_html
TEXT = 'Peskov said: "Talks <b>start</b> on Monday & go on."\n\nRussia agreed.'
# offsets: "Talks" 14, "Monday" 36, "Russia" 54


class _Nesting(HTMLParser):
    """Checks that every tag closes in order (well-formed nesting)."""

    VOID = {"br", "hr", "img", "meta"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _check(html):
    p = _Nesting()
    p.feed(html)
    p.close()
    assert p.errors == [] and p.stack == [], (p.errors, p.stack)
    return p


def _frames():
    actors = pd.DataFrame({"actor_id": ["dmitry-peskov", "russia"], "name": ["Dmitry Peskov", "Russia"],
                           "kind": ["person", "country"], "role": ["spokesperson", None]})
    mentions = pd.DataFrame({"actor_id": ["dmitry-peskov", "russia"], "text": ["Peskov", "Russia"],
                             "start_char": [0, 54], "end_char": [6, 60], "how": ["surname", "name"]})
    dates = pd.DataFrame({"text": ["Monday"], "start_char": [36], "end_char": [42], "type": ["DATE"],
                          "value": ["2025-06-02"]})
    # the content overlaps "Monday" partly on purpose (crossing spans must still nest)
    statements = pd.DataFrame({"speaker": ["Dmitry Peskov"], "cue": ["say"], "mode": ["direct"],
                               "content_start": [14], "content_end": [39]})
    return actors, mentions, dates, statements


def test_render_escapes_and_nests():
    actors, mentions, dates, statements = _frames()
    html = render_html(TEXT, actors=actors, mentions=mentions, dates=dates, statements=statements,
                       title="A <title>")
    p = _check(html)
    assert "<b>" not in html and "&lt;b&gt;start&lt;/b&gt;" in html
    assert "&amp; go on" in html and "A &lt;title&gt;" in html
    assert 'title="Dmitry Peskov (person), spokesperson [surname]"' in html
    assert 'title="DATE 2025-06-02"' in html
    assert html.count('class="tk-statement"') == 1  # statements are the outer layer
    assert html.count('class="tk-date"') == 2  # the date crossing the statement's end is split
    assert html.count("tk-speaker") == 1  # the speaker label is shown once
    assert "".join(p.text).count("Talks <b>start</b> on Mo") == 1


def test_render_paragraphs_and_determinism():
    actors, mentions, dates, statements = _frames()
    a = render_html(TEXT, actors=actors, mentions=mentions, dates=dates, statements=statements)
    b = render_html(TEXT, actors=actors, mentions=mentions, dates=dates, statements=statements)
    assert a == b
    body = a.split("</div>", 1)[1]  # after the legend
    assert body.count("<p>") == 2


def test_render_plain_text_and_bad_offsets():
    _check(render_html("x < y\nz", dates=pd.DataFrame({"start_char": [-5, 3], "end_char": [99, 3]})))
    with pytest.raises(ValueError, match="mentions frame has no column 'start_char'"):
        render_html("x", mentions=pd.DataFrame({"actor_id": ["a"], "end_char": [1]}))


# ---------------------------------------------------------------- rhetoric tables
STATEMENTS = pd.DataFrame({
    "speaker": ["Peskov", "Peskov", "Sybiha", None, "Peskov"],
    "cue": ["say", "inform", "state", "say", "say"],
    "cue_class": ["neutral", "neutral", "neutral", "neutral", "neutral"],
    "mode": ["direct", "indirect", "indirect", "mixed", "direct"],
    "content": ["We are pleased.", "talks are possible", "Ukraine's position is clear, of course", "x", "yes"],
    "country": ["RU", "RU", "UA", None, "RU"],
})


def test_voice_share_statements_and_words():
    before = STATEMENTS.copy()
    got = rhetoric.voice_share(STATEMENTS)
    expected = pd.DataFrame({
        "speaker": pd.Series(["Peskov", "(unknown)", "Sybiha"], dtype=object),
        "n_statements": pd.Series([3, 1, 1], dtype="int64"),
        "n_words": pd.Series([7, 1, 6], dtype="int64"),
        "share": [0.6, 0.2, 0.2],
    })
    pd.testing.assert_frame_equal(got, expected)
    words = rhetoric.voice_share(STATEMENTS, by="country", weight="words")
    pd.testing.assert_frame_equal(words, pd.DataFrame({
        "country": pd.Series(["RU", "UA", "(unknown)"], dtype=object),
        "n_statements": pd.Series([3, 1, 1], dtype="int64"),
        "n_words": pd.Series([7, 6, 1], dtype="int64"),
        "share": [7 / 14, 6 / 14, 1 / 14],
    }))
    pd.testing.assert_frame_equal(STATEMENTS, before)


def test_mode_by_speaker_and_cue_profile():
    got = rhetoric.mode_by_speaker(STATEMENTS)
    pd.testing.assert_frame_equal(got, pd.DataFrame({
        "speaker": pd.Series(["Peskov", "(unknown)", "Sybiha"], dtype=object),
        "direct": pd.Series([2, 0, 0], dtype="int64"),
        "indirect": pd.Series([1, 0, 1], dtype="int64"),
        "mixed": pd.Series([0, 1, 0], dtype="int64"),
        "total": pd.Series([3, 1, 1], dtype="int64"),
    }))
    prof = rhetoric.cue_profile(STATEMENTS)
    pd.testing.assert_frame_equal(prof, pd.DataFrame({
        "speaker": pd.Series(["Peskov", "(unknown)", "Sybiha"], dtype=object),
        "say": pd.Series([2, 1, 0], dtype="int64"),
        "inform": pd.Series([1, 0, 0], dtype="int64"),
        "state": pd.Series([0, 0, 1], dtype="int64"),
    }))


@pytest.mark.parametrize("func,kwargs", [
    (rhetoric.voice_share, {}), (rhetoric.mode_by_speaker, {}), (rhetoric.cue_profile, {}),
])
def test_rhetoric_missing_column(func, kwargs):
    with pytest.raises(ValueError, match="statements frame has no column 'speaker'"):
        func(STATEMENTS.drop(columns="speaker"), **kwargs)


def test_voice_share_bad_weight():
    with pytest.raises(ValueError, match="weight 'chars' is invalid"):
        rhetoric.voice_share(STATEMENTS, weight="chars")


# ---------------------------------------------------------------- plots
EVENTS = pd.DataFrame({
    "article_id": ["a", "a", "b", "b"],
    "actor": ["Russia", "Ukraine", "Russia", None],
    "action": ["invade", "talk", "propose", "meet"],
    "start": [dt.date(2022, 2, 24), dt.date(2025, 6, 2), None, dt.date(2025, 5, 16)],
    "end": [dt.date(2022, 2, 24), dt.date(2025, 6, 2), None, dt.date(2025, 5, 16)],
    "status": ["happened", "planned", "happened", "happened"],
})
ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2025-05-30", "2025-05-31"])})


def _points(ax):
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def test_timeline_points_and_rows():
    fig = plots.timeline(EVENTS, title="t")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert _points(ax) == 3  # the undated proposal is skipped
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia: invade", "?: meet", "Ukraine: talk"]


def test_report_lag_scatter_and_histogram():
    fig = plots.report_lag(EVENTS, ARTICLES)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert _points(fig.axes[0]) == 3


def test_voice_share_bars():
    fig = plots.voice_share(STATEMENTS, top=2)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].patches) == 2


def test_mode_by_speaker_stacked_bars():
    fig = plots.mode_by_speaker(STATEMENTS)
    assert len(fig.axes[0].patches) == 3 * 3  # 3 speakers x 3 modes


def test_cue_heatmap_cells():
    fig = plots.cue_heatmap(STATEMENTS, top=10)
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (3, 3)
    assert len(ax.texts) == 9


def test_plots_on_given_axes_and_empty_frames():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.voice_share(STATEMENTS, ax=ax) is fig
    assert isinstance(plots.timeline(EVENTS.iloc[0:0]), Figure)
    assert isinstance(plots.cue_heatmap(STATEMENTS.iloc[0:0]), Figure)


def test_with_speaker_country_joins_on_actor_ids_without_mutating():
    from toolkit import rhetoric

    st = pd.DataFrame({"article_id": ["a", "a", "b", "a"],
                       "speaker_id": ["dmitry-peskov", "russia+ukraine", "dmitry-peskov", None]})
    ac = pd.DataFrame({"article_id": ["a", "a", "a"], "actor_id": ["dmitry-peskov", "russia", "ukraine"],
                       "country": ["RU", "RU", "UA"], "kind": ["person", "country", "country"]})
    before = st.copy()
    out = rhetoric.with_speaker_country(st, ac)
    assert out["country"].tolist() == ["RU", pd.NA, "RU", pd.NA]
    assert out["speaker_kind"].tolist() == ["person", "group", "person", pd.NA]
    pd.testing.assert_frame_equal(st, before)
    with pytest.raises(ValueError, match="no column 'speaker_id'"):
        rhetoric.with_speaker_country(st.drop(columns="speaker_id"), ac)


# ---------------------------------------------------------------- every plot, drawn from its frame
# Each plot function is checked directly (the notebooks' figures are not compared by nbval):
# axes, labels, titles, number of marks, and that the data drawn equals the frame given.
MIXED = pd.DataFrame({
    "speaker": ["Peskov", "Peskov", "Sybiha", "Sybiha", "Peskov", None],
    "cue": ["say", "stress", "claim", "say", "deny", "say"],
    "mode": ["direct", "indirect", "indirect", "mixed", "direct", "indirect"],
    "content": ["We are pleased.", "talks are possible", "Russia is stalling", "a clear and excellent plan",
                "that is false and terrible", "x"],
})


def _ticks(labels):
    return [t.get_text() for t in labels]


def _day(d):
    from matplotlib.dates import date2num

    return float(date2num(pd.Timestamp(d)))


def test_timeline_draws_each_dated_event_at_its_date_and_row():
    fig = plots.timeline(EVENTS, title="What happened")
    ax = fig.axes[0]
    assert ax.get_title() == "What happened" and ax.get_xlabel() == "event date"
    rows = _ticks(ax.get_yticklabels())
    assert rows == ["Russia: invade", "?: meet", "Ukraine: talk"]  # by first date
    drawn = {c.get_label(): [(x, rows[int(y)]) for x, y in c.get_offsets().tolist()]
             for c in ax.collections if isinstance(c, PathCollection)}
    assert drawn == {"happened": [(_day("2022-02-24"), "Russia: invade"), (_day("2025-05-16"), "?: meet")],
                     "planned": [(_day("2025-06-02"), "Ukraine: talk")]}
    assert _ticks(ax.get_legend().get_texts()) == ["happened", "planned"]
    assert tuple(fig.get_size_inches()) == pytest.approx((8.0, 2.55))  # height grows with the rows


def test_report_lag_draws_event_against_report_date_and_the_lags():
    fig = plots.report_lag(EVENTS, ARTICLES, bins=10)
    scatter, hist = fig.axes
    assert (scatter.get_xlabel(), scatter.get_ylabel()) == ("event date", "report date")
    pts = scatter.collections[0].get_offsets().tolist()
    assert pts == [[_day("2022-02-24"), _day("2025-05-30")], [_day("2025-06-02"), _day("2025-05-30")],
                   [_day("2025-05-16"), _day("2025-05-31")]]
    assert [ln.get_label() for ln in scatter.lines] == ["same day"]
    assert (hist.get_xlabel(), hist.get_ylabel()) == ("lag (days, report - event)", "events")
    assert len(hist.patches) == 10 and sum(p.get_height() for p in hist.patches) == 3
    lags = sorted(p.get_x() for p in hist.patches if p.get_height())
    assert lags[0] == pytest.approx(-3) and lags[-1] >= 1000  # a planned event 3 days ahead, an old one
    assert tuple(fig.get_size_inches()) == (10.0, 4.0)
    one = Figure().add_subplot()
    assert len(plots.report_lag(EVENTS, ARTICLES, ax=one).axes) == 1  # scatter only on a given axes


@pytest.mark.parametrize("weight,xlabel", [("statements", "share of statements"), ("words", "share of quoted words")])
def test_voice_share_bars_are_the_shares(weight, xlabel):
    table = rhetoric.voice_share(STATEMENTS, weight=weight)
    fig = plots.voice_share(STATEMENTS, weight=weight)
    ax = fig.axes[0]
    assert ax.get_xlabel() == xlabel
    assert _ticks(ax.get_yticklabels()) == table["speaker"].tolist()
    assert [p.get_width() for p in ax.patches] == pytest.approx(table["share"].tolist())
    assert _ticks(ax.texts) == [f" {v:.0%}" for v in table["share"]]
    top = plots.voice_share(STATEMENTS, weight=weight, top=2).axes[0]
    assert [p.get_width() for p in top.patches] == pytest.approx(table["share"].head(2).tolist())


def test_mode_by_speaker_stacks_the_counts_of_each_mode():
    ax = plots.mode_by_speaker(MIXED).axes[0]
    table = rhetoric.mode_by_speaker(MIXED)
    assert _ticks(ax.get_yticklabels()) == table["speaker"].tolist() == ["Peskov", "Sybiha", "(unknown)"]
    assert ax.get_xlabel() == "statements"
    assert _ticks(ax.get_legend().get_texts()) == ["direct", "indirect", "mixed"]
    n = len(table)
    bars = ax.patches
    assert len(bars) == 3 * n
    left = [0.0] * n
    for k, mode in enumerate(("direct", "indirect", "mixed")):
        group = bars[k * n:(k + 1) * n]
        assert [b.get_width() for b in group] == table[mode].tolist()
        assert [b.get_x() for b in group] == left  # stacked after the previous modes
        assert all(b.get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(plots.MODE_COLORS[mode]))
                   for b in group)
        left = [a + w for a, w in zip(left, table[mode])]


def test_cue_heatmap_cells_are_the_cue_counts():
    fig = plots.cue_heatmap(MIXED)
    ax = fig.axes[0]
    prof = rhetoric.cue_profile(MIXED)
    cols = [c for c in prof.columns if c != "speaker"]
    assert ax.images[0].get_array().tolist() == prof[cols].to_numpy(dtype=float).tolist()
    assert _ticks(ax.get_xticklabels()) == cols and _ticks(ax.get_yticklabels()) == prof["speaker"].tolist()
    assert _ticks(ax.texts) == [str(v) for v in prof[cols].to_numpy().ravel()]
    assert ax.get_xlabel() == "cue" and fig.axes[1].get_ylabel() == "statements"  # the colour bar
    classed = MIXED.assign(cue_class=["neutral", "emphatic", "distancing", "neutral", "oppositional", "neutral"])
    by_class = plots.cue_heatmap(classed, column="cue_class").axes[0]
    assert by_class.get_xlabel() == "cue_class" and "distancing" in _ticks(by_class.get_xticklabels())


def test_stance_heatmap_colours_row_shares_and_labels_counts():
    fig = plots.stance_heatmap(MIXED)
    ax = fig.axes[0]
    prof = rhetoric.reporting_profile(MIXED)
    assert _ticks(ax.get_xticklabels()) == ["neutral", "emphatic", "distancing", "oppositional"]
    assert _ticks(ax.get_yticklabels()) == ["Peskov (3)", "Sybiha (2)", "(unknown) (1)"]
    counts = prof[["neutral", "emphatic", "distancing", "oppositional"]].to_numpy(dtype=float)
    shares = counts / prof["n_statements"].to_numpy(dtype=float)[:, None]
    assert ax.images[0].get_array().ravel().tolist() == pytest.approx(shares.ravel().tolist())
    assert _ticks(ax.texts) == [str(int(v)) for v in counts.ravel() if v]  # zero cells stay blank
    assert ax.get_xlabel() == "reporting stance"
    assert fig.axes[1].get_ylabel() == "share of the speaker's statements"
    raw = plots.stance_heatmap(MIXED, normalize=False)
    assert raw.axes[0].images[0].get_array().tolist() == counts.tolist()
    assert raw.axes[1].get_ylabel() == "statements"


def test_term_usage_cells_rows_and_side_colours():
    terms = rhetoric.article_terms({"a1": "Kiev, Kiev and Kyiv.", "a2": "Kyiv and Donbas.", "a3": "A truce."})
    arts = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "source": ["TASS", "Kyiv Independent", "TASS"]})
    ax = plots.term_usage(terms, arts).axes[0]
    assert _ticks(ax.get_xticklabels()) == ["Kyiv Independent", "TASS"]
    rows = _ticks(ax.get_yticklabels())
    assert rows == ["ceasefire: truce", "donbas: Donbas", "kyiv: Kiev", "kyiv: Kyiv"]
    assert ax.images[0].get_array().tolist() == [[0, 1], [1, 0], [0, 2], [1, 1]]
    colours = [matplotlib.colors.to_hex(t.get_color()) for t in ax.get_yticklabels()]
    assert colours == [plots.SIDE_COLORS[s] for s in ("neutral", "UA", "RU", "UA")]
    assert _ticks(ax.get_legend().get_texts()) == ["RU vocabulary", "UA vocabulary", "neutral vocabulary"]
    only = plots.term_usage(terms, arts, groups=["kyiv"]).axes[0]
    assert _ticks(only.get_yticklabels()) == ["kyiv: Kiev", "kyiv: Kyiv"]


def test_sentiment_bars_are_the_mean_sentiment_with_sign_colours():
    ax = plots.sentiment_by_speaker(MIXED).axes[0]
    table = rhetoric.sentiment_by_speaker(MIXED).sort_values(["mean_sentiment", "speaker"], ascending=[False, True])
    assert _ticks(ax.get_yticklabels()) == table["speaker"].tolist()
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx(table["mean_sentiment"].tolist())
    assert widths[0] > 0 > widths[-1]  # this frame has a positive and a negative speaker
    green, red = matplotlib.colors.to_rgb("#2ca02c"), matplotlib.colors.to_rgb("#d62728")
    assert [p.get_facecolor()[:3] for p in ax.patches] == [pytest.approx(green if w >= 0 else red) for w in widths]
    assert _ticks(ax.texts) == [f" n={n} " for n in table["n_statements"]]
    lo, hi = ax.get_xlim()
    assert lo == -hi and hi >= max(abs(w) for w in widths)
    assert ax.get_xlabel() == "mean sentiment of the statements (VADER compound)"
    assert len(plots.sentiment_by_speaker(MIXED, min_statements=2).axes[0].patches) == 2
