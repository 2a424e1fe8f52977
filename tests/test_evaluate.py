"""The scorer follows gold/README.md's matching rules; the parser meets the seed targets."""

import pandas as pd
import pytest

from toolkit import evaluate
from toolkit.evaluate import norm_name, overlap_f1, score_actors, score_dates, score_statements


def test_name_normalisation_follows_the_matching_rules():
    assert norm_name("The Kremlin’s") == norm_name("kremlin") == "kremlin"
    assert norm_name("U.S.") == "u.s."


def test_actor_duplicates_are_false_positives_and_optional_ignored():
    gold = [{"name": "Dmitry Peskov", "kind": "person", "aliases": ["Peskov"], "country": "RU"},
            {"name": "reporters", "kind": "group", "optional": True, "aliases": []}]
    pred = pd.DataFrame({"name": ["Peskov", "Dmitry Peskov", "reporters", "Nobody"],
                         "kind": ["person"] * 4, "role": [None] * 4, "country": ["RU", "RU", None, None]})
    s = score_actors(pred, gold)
    assert (s.tp, s.fp, s.fn) == (1, 2, 0)
    assert s.accuracy("kind") == 1.0 and s.accuracy("country") == 1.0


def test_dates_match_on_overlapping_spans_and_score_values():
    body = "Talks on Monday and again next week."
    gold = [{"text": "Monday", "type": "DATE", "value": "2025-06-02"},
            {"text": "next week", "type": "DATE", "value": "2025-W23"}]
    pred = pd.DataFrame({"text": ["Monday", "next week"], "start_char": [9, 26], "end_char": [15, 35],
                         "type": ["DATE", "DATE"], "value": ["2025-06-02", "2025-W22"]})
    s = score_dates(pred, gold, body)
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)
    assert s.accuracy("value") == 0.5


def test_statements_pair_by_content_overlap_then_check_speaker():
    gold_actors = [{"name": "Dmitry Peskov", "aliases": ["Peskov"]}]
    gold = [{"speaker": "Dmitry Peskov", "cue": "say", "mode": "indirect", "content": "talks will resume on Monday"}]
    pred = pd.DataFrame({"speaker": ["Peskov", "Someone"], "cue": ["say", "say"], "mode": ["indirect", "direct"],
                         "content": ["talks will resume on Monday in Istanbul", "unrelated words entirely"]})
    s = score_statements(pred, gold, gold_actors)
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert s.accuracy("speaker") == 1.0 and s.accuracy("cue") == 1.0
    assert overlap_f1("a b c d", "a b") == pytest.approx(2 / 3)


# Floors just under the figures measured on 2026-12-07 (`python -m toolkit.evaluate
# ../shared/gold/*.json`), so that one more error fails: these files were read while the
# rules were written, so they are in-sample regression guards, not accuracy claims.
SEED_FLOORS = {"actors": 0.99, "dates": 0.99, "statements": 0.99}  # measured 1.000 / 1.000 / 1.000
ALL_FLOORS = {"actors": 0.99, "dates": 0.98, "statements": 0.97}   # measured 1.000 / 1.000 / 0.975
ALL_ACCURACY_FLOORS = {("actors", "role"): 0.97, ("actors", "kind"): 0.99, ("actors", "country"): 0.99,
                       ("dates", "value"): 0.99, ("statements", "cue"): 0.99, ("statements", "mode"): 0.99}


def test_seed_meets_the_foundation_targets(gold_dir):
    ev = evaluate(gold_dir / "000_a191f6331583f074.json")
    got = {t: round(ev.figure(t), 3) for t in SEED_FLOORS}
    assert all(got[t] >= f for t, f in SEED_FLOORS.items()), got


def test_all_reference_files_score(gold_dir):
    ev = evaluate(sorted(gold_dir.glob("*.json")))
    assert set(ev.summary.table) == {"actors", "dates", "statements"}
    assert len(ev.per_file) == 3 * len(list(gold_dir.glob("*.json")))
    got = {t: round(ev.figure(t), 3) for t in ALL_FLOORS}
    assert all(got[t] >= f for t, f in ALL_FLOORS.items()), got
    acc = ev.summary.set_index("table")["accuracies"]
    got = {k: round(acc[k[0]][k[1]], 3) for k in ALL_ACCURACY_FLOORS}
    assert all(got[k] >= f for k, f in ALL_ACCURACY_FLOORS.items()), got


def test_nothing_to_find_and_nothing_found_is_undefined_not_zero():
    s = score_dates(pd.DataFrame({"text": [], "start_char": [], "end_char": [], "type": [], "value": []}), [], "x")
    assert s.empty and s.f1 != s.f1  # NaN


@pytest.mark.parametrize("missing", [None, pd.NA, float("nan")])
def test_norm_name_treats_a_missing_name_as_empty(missing):
    """An empty speaker cell of a pandas frame (pd.NA) must not crash the scorer."""
    from toolkit.evaluate import norm_name

    assert norm_name(missing) == ""
    assert norm_name("The Kremlin's") == "kremlin"
