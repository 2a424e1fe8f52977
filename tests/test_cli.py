"""The `toolkit` command line: parse, show, report, eval, and its error messages."""

import shutil

import polars as pl
import pytest

from toolkit import cli
from toolkit.paths import ARTICLES_DIR, GOLD_DIR

SEED = ARTICLES_DIR / "000_a191f6331583f074.txt"
SECOND = ARTICLES_DIR / "03_20250516_meridian_istanbul_first_round_swap.txt"


@pytest.fixture
def two_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in (SEED, SECOND):
        shutil.copy(p, folder / p.name)
    return folder


def test_parse_writes_tables_and_a_summary_then_reuses_the_cache(tmp_path, two_articles, capsys):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert cli.main(["parse", str(two_articles), "-o", str(out), "--cache", str(cache), "--csv"]) == 0
    captured = capsys.readouterr()
    assert "2 parsed, 0 from cache, 0 failed" in captured.out
    assert "parsing" in captured.err  # the progress bar
    assert pl.read_parquet(out / "articles.parquet").height == 2
    # the row counts printed are those of the Parquet files written
    n = {t: pl.read_parquet(out / f"{t}.parquet").height for t in ("actors", "dates", "statements", "events")}
    assert min(n.values()) > 0, n
    assert (f"2 articles parsed, 0 errors; {n['actors']} actor rows, {n['dates']} dates, "
            f"{n['statements']} statements, {n['events']} events") in captured.out
    assert (out / "statements.csv").is_file()
    (two_articles / "bad.txt").write_text("---\npublished: 2025-02-30\n---\nText.", encoding="utf-8")
    assert cli.main(["parse", str(two_articles), "-o", str(out), "--cache", str(cache), "-q"]) == 0
    captured = capsys.readouterr()
    assert "0 parsed, 2 from cache, 1 failed" in captured.out
    assert "bad.txt" in captured.err


def test_parse_on_a_local_dask_cluster_writes_the_same_files_as_serial(tmp_path, two_articles, capsys):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    serial, dask = tmp_path / "serial", tmp_path / "dask"
    assert cli.main(["parse", str(two_articles), "-o", str(serial), "-q"]) == 0
    # worker processes (not threads): the pipeline travels by name and is loaded in each worker
    assert cli.main(["parse", str(two_articles), "-o", str(dask), "-q", "--dask", "local"]) == 0
    assert "2 parsed, 0 from cache, 0 failed" in capsys.readouterr().out
    for name in ("articles", "actors", "mentions", "dates", "statements", "events", "sentences"):
        assert (serial / f"{name}.parquet").read_bytes() == (dask / f"{name}.parquet").read_bytes(), name


def test_show_prints_actors_dates_and_statements(capsys):
    assert cli.main(["show", str(SEED)]) == 0
    out = capsys.readouterr().out
    for heading in ("Actors (", "Dates (", "Statements ("):
        assert heading in out
    assert "published 2025-05-30" in out


@pytest.mark.parametrize("argv, message", [
    (["show", "no/such/file.txt"], "no such file"),
    (["eval", "no/such/gold.json"], "no such gold file"),
    (["report", "no/such/file.txt", "-o", "x"], "no such file"),
    (["parse", "x", "--published", "2025-02-30", "-q"], "not a real calendar date"),
])
def test_errors_print_toolkit_error_and_exit_2(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "toolkit: error:" in err and message in err


def test_bad_option_values_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["parse", "x", "--workers", "0"])
    assert exc.value.code == 2
    assert "positive integer" in capsys.readouterr().err


def test_eval_prints_the_scores_of_the_gold_files(capsys):
    gold = sorted(GOLD_DIR.glob("*.json"))
    if not gold:
        pytest.skip(f"reference annotations not found at {GOLD_DIR} (set TOOLKIT_SHARED_DIR)")
    assert cli.main(["eval", *map(str, gold)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the printed table is the scorer's: one row per table with its P, R, F1 and headline
    # (all files, not only the seed, whose figures are all 1.000 and could not tell P from R)
    from toolkit import evaluate

    summary = evaluate(gold).summary.set_index("table")
    rows = {ln.split()[0]: ln.split() for ln in lines[1:] if ln.strip()}
    assert lines[0].split()[:4] == ["table", "P", "R", "F1"] and sorted(rows) == sorted(summary.index)
    for table, r in summary.iterrows():
        printed = rows[table]
        assert printed[1:4] == [f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}"], printed
        assert printed[4:6] == [r.headline_name, f"{r.headline:.3f}"], printed


def test_report_only_must_match_a_notebook(tmp_path, capsys):
    assert cli.main(["report", str(SEED), "-o", str(tmp_path), "--only", "zz-none"]) == 2
    assert "no notebook" in capsys.readouterr().err


def test_curated_notebooks_carry_no_run_noise():
    """Stored notebooks diff cleanly: fixed cell ids, no execution timestamps (``make notebooks``
    rewrites them byte for byte when the outputs are unchanged)."""
    import re

    import nbformat

    from toolkit import paths

    nbs = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    assert nbs
    for p in nbs:
        nb = nbformat.read(p, as_version=4)
        ids = [c.get("id", "") for c in nb.cells]
        assert all(re.fullmatch(rf"nb{p.name[:2]}-\d\d", i) for i in ids), f"{p.name}: random cell ids {ids[:3]}"
        timed = [i for i, c in enumerate(nb.cells) if "execution" in c.get("metadata", {})]
        assert not timed, f"{p.name}: execution timestamps in cells {timed}"
