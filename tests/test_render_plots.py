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
