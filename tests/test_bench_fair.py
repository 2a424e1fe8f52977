"""The fair-timing protocol of the speed benchmarks and the fixed PolNeAR held-out split
(no benchmark data needed: invented items, rows and sentences)."""

import importlib.util
import sys

import pytest

from toolkit.paths import PROJECT_DIR


def _load(name):
    spec = importlib.util.spec_from_file_location(name, PROJECT_DIR / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return mod


fair = _load("fair")
split = _load("polnear_split")


@pytest.mark.parametrize("rounds, per_batch, n_sides, shared", [(3, 4, 2, False), (2, 5, 3, False), (4, 3, 2, True)])
def test_batches_are_disjoint_and_never_reuse_the_warm_up(rounds, per_batch, n_sides, shared):
    items = list(range(200))
    warm, rs = fair.split_batches(items, rounds=rounds, per_batch=per_batch, n_sides=n_sides,
                                  words=lambda x: x, shared=shared)
    timed = [x for r in rs for b in r for x in b]
    assert len(rs) == rounds and all(len(r) == (1 if shared else n_sides) for r in rs)
    assert all(len(b) == per_batch for r in rs for b in r) and len(warm) == per_batch
    assert len(timed) == len(set(timed))          # no text timed twice
    assert not set(timed) & set(warm)             # nor one seen in the warm-up


def test_batches_of_a_round_are_length_matched():
    sizes = [5, 100, 7, 90, 30, 31, 60, 64, 1, 2, 3, 4]
    warm, rs = fair.split_batches(sizes, rounds=1, per_batch=4, n_sides=2, words=lambda x: x)
    a, b = rs[0]
    assert abs(sum(a) - sum(b)) <= 5              # 30+90 / 31+100 ... dealt 1-2, 2-1


def test_too_few_items_stop_with_a_message():
    with pytest.raises(SystemExit, match="too few"):
        fair.split_batches(list(range(5)), rounds=3, per_batch=2, n_sides=2, words=lambda x: x)


def test_rounds_alternate_the_order_and_reset_before_every_side():
    calls = []
    sides = {"a": lambda b: calls.append("a") or 1.0, "b": lambda b: calls.append("b") or 2.0}
    res = fair.run_rounds(sides, warm=[10], rounds=[[[1000], [1000]], [[1000], [2000]]],
                          words=lambda x: x, reset=lambda: calls.append("reset"), verbose=False)
    assert calls == ["reset", "a", "reset", "b",            # warm-up
                     "reset", "a", "reset", "b",            # round 1: a first
                     "reset", "b", "reset", "a"]            # round 2: b first
    assert fair.ratios(res, "b", "a") == [2.0, 1.0]         # per 1,000 words: b's batch is twice as long


def test_reset_empties_the_dates_token_class_table(nlp):
    from toolkit import dates
    dates.extract_dates(nlp("The talks resumed on Monday, 2 June 2025."))
    assert dates._ARRAY_CLASSES and dates._classes_of.cache_info().currsize
    fair.reset_caches()
    assert not dates._ARRAY_CLASSES and dates._classes_of.cache_info().currsize == 0
    assert dates.load_lexicon.cache_info().currsize  # lexicons stay loaded


def _rows(per_pub=30, pubs=("p", "q")):
    return [{"filename": f"{p}_{i:03d}", "publisher": p, "annotators": "a|b" if i == 0 else "a"}
            for p in pubs for i in range(per_pub)]


def test_heldout_takes_a_fixed_number_per_publisher_and_excludes_reserved_articles():
    rows = _rows()
    s = split.split_names(rows, speakers={"p_001", "q_002"}, per_publisher=10)
    assert len(s["heldout"]) == 20 and len(s["dev"]) == 40
    assert sum(n.startswith("p_") for n in s["heldout"]) == 10
    assert s["heldout"] | s["dev"] == {r["filename"] for r in rows} and not s["heldout"] & s["dev"]
    everything = split.split_names(rows, speakers={"p_001", "q_002"}, per_publisher=1000)["heldout"]
    assert len(everything) == 56                                       # all eligible ones ...
    assert not {"p_000", "q_000", "p_001", "q_002"} & everything       # ... but multi-annotated, speakers


def test_heldout_does_not_depend_on_row_order():
    rows = _rows()
    a = split.split_names(rows, speakers=set(), per_publisher=7)
    b = split.split_names(rows[::-1], speakers=set(), per_publisher=7)
    assert a == b and split.digest(a["heldout"]) == split.digest(b["heldout"])


def test_bench_polnear_refuses_errors_on_heldout(monkeypatch):
    bench = _load("bench_polnear")
    monkeypatch.setattr(sys, "argv", ["bench_polnear.py", "--split", "heldout", "--errors", "5"])
    with pytest.raises(SystemExit, match="refused on --split heldout"):
        bench.main()
