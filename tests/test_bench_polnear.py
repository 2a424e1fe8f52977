"""The PolNeAR benchmark's scorer on an invented brat file (no PolNeAR data needed)."""

import importlib.util
import sys

import pytest

from toolkit.paths import PROJECT_DIR

_spec = importlib.util.spec_from_file_location("bench_polnear", PROJECT_DIR / "benchmarks" / "bench_polnear.py")
B = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_polnear", B)  # dataclasses look their module up there
_spec.loader.exec_module(B)

TEXT = ('“We will win,” she said. “No doubt.” The mayor told reporters that taxes would fall. '
        'Aides think it is over.')
ANN = (
    "T1\tContent 0 14;25 36\t“We will win,” “No doubt.”\n"
    "T2\tSource 15 18\tshe\n"
    "T3\tCue 19 23\tsaid\n"
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1\n"
    "T5\tSource 37 46\tThe mayor\n"
    "T6\tCue 47 51\ttold\n"
    "T7\tContent 62 83\tthat taxes would fall\n"
    "T8\tAttribution 47 51\ttold\n"
    "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n"
    "T9\tContent 100\n"          # a broken line is skipped, not fatal
    "T10\tCue 91 96\tthink\n"
    "T11\tContent 97 107\tit is over\n"
    "T12\tAttribution-no-source 91 96\tthink\n"
    "E3\tAttribution-no-source:T12 Cue:T10 Content:T11\n"
)


@pytest.fixture()
def gold(tmp_path):
    p = tmp_path / "x_a.ann"
    p.write_text(ANN, encoding="utf-8")
    return B._parse_ann(p, TEXT)


def test_brat_is_read_with_discontinuous_spans_and_no_source(gold):
    assert len(gold) == 3
    assert gold[0].content == [(0, 14), (25, 36)]
    assert gold[2].source == []
    assert TEXT[slice(*gold[1].cue[0])] == "told"


def test_span_conventions_strip_quotes_punctuation_and_that(gold):
    assert B.norm_span(TEXT, gold[0].content, role="content") == (1, 34)  # hull, no quotes or final period
    a, b = B.norm_span(TEXT, gold[1].content, role="content")
    assert TEXT[a:b] == "taxes would fall"


def _score(gold, preds):
    t = B.Tally()
    art = B.Article("x", TEXT, None, gold)
    t.add(art, None, gold, preds, B.align(TEXT, gold, preds))
    return t.rows()


def test_identical_annotations_score_one_and_a_shifted_span_counts_as_a_miss(gold):
    rows = _score(gold, B._as_preds(TEXT, gold))
    assert all(rows[r][2] == pytest.approx(1.0) for r in B.ROLES)
    shifted = B._as_preds(TEXT, gold)
    shifted[1].content = [(73, 83)]  # "would fall" instead of "taxes would fall"
    rows = _score(gold, shifted)
    assert rows["content"][2] == pytest.approx(2 / 3)  # P 2/3, R 2/3
    assert rows["source"][2] == pytest.approx(1.0) and rows["cue"][2] == pytest.approx(1.0)


def test_a_missed_attribution_lowers_recall_only(gold):
    rows = _score(gold, B._as_preds(TEXT, gold)[:2])
    p, r, f = rows["cue"][:3]
    assert (p, r) == (pytest.approx(1.0), pytest.approx(2 / 3))
