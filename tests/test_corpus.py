"""parse_many at scale: cache, workers, executors (threads, processes, Dask), Parquet datasets."""

import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import polars as pl
import pytest

import toolkit
from toolkit import article, corpus as corpus_mod, frames
from toolkit.corpus import Cache, cache_key
from toolkit.ingest import ArticleInput

TEXTS = {
    "a": "---\ntitle: Talks\npublished: 2025-05-16\n---\nPeskov said on Friday that the talks in Istanbul would resume.",
    "b": "Rubio told reporters on Monday: \u201cWe want a ceasefire now.\u201d Lavrov met Fidan in Ankara.",
    "c": "---\npublished: 2025-06-02\n---\nThe delegations exchanged memoranda on Monday. Zelensky said Kyiv was ready.",
    "d": "Trump spoke with Putin by phone on Tuesday, the Kremlin said.",
}


def write_articles(folder, names):
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    return folder


def assert_same_tables(left, right):
    for name in frames.TABLES:
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name), obj=name)


@pytest.fixture
def count_extract(monkeypatch):
    """Counts calls of the extractor (serial and thread runs share this process)."""
    calls = []
    real = article.extract

    def counting(doc, **kw):
        calls.append(kw["article_id"])
        return real(doc, **kw)

    monkeypatch.setattr(article, "extract", counting)
    return calls


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_articles(tmp_path_factory.mktemp("articles"), "abcd")


@pytest.fixture(scope="module")
def serial(folder, nlp):
    return toolkit.parse_many(folder, nlp=nlp)


def test_serial_corpus_matches_single_article_parses(serial, nlp):
    assert list(serial.articles.article_id) == ["a", "b", "c", "d"]
    for aid in "ac":
        item = toolkit.read_article(serial[aid].records.article["path"])
        one = toolkit.parse(item.text, published=item.published, title=item.title, article_id=aid, nlp=nlp)
        for name in ("dates", "statements", "actors", "mentions", "events"):
            pd.testing.assert_frame_equal(getattr(serial[aid], name), getattr(one, name), obj=name)
    assert serial.stats == {"parsed": 4, "cached": 0, "failed": 0, "corrupt": 0}


def test_cache_rerun_parses_only_the_new_article(tmp_path, nlp, count_extract):
    src = write_articles(tmp_path / "in", "abc")
    cold = toolkit.parse_many(src, nlp=nlp, cache_dir=tmp_path / "cache")
    assert sorted(count_extract) == ["a", "b", "c"] and cold.stats["parsed"] == 3
    count_extract.clear()
    warm = toolkit.parse_many(src, nlp=nlp, cache_dir=tmp_path / "cache")
    assert count_extract == [] and warm.stats == {"parsed": 0, "cached": 3, "failed": 0, "corrupt": 0}
    assert_same_tables(cold, warm)
    write_articles(src, "d")
    again = toolkit.parse_many(src, nlp=nlp, cache_dir=tmp_path / "cache")
    assert count_extract == ["d"] and again.stats["cached"] == 3 and again.stats["parsed"] == 1
    assert_same_tables(again, toolkit.parse_many(src, nlp=nlp))
    assert not list((tmp_path / "cache").glob("*/.tmp-*")), "temporary files left behind"


def test_changed_text_or_metadata_misses_the_cache(tmp_path, nlp, count_extract):
    item = ArticleInput(text="Peskov said on Friday that talks would resume.", article_id="x")
    toolkit.parse_many([item], nlp=nlp, cache_dir=tmp_path)
    toolkit.parse_many([ArticleInput(text=item.text, article_id="x", published="2025-05-30")], nlp=nlp,
                       cache_dir=tmp_path)
    toolkit.parse_many([ArticleInput(text=item.text + " ", article_id="x")], nlp=nlp, cache_dir=tmp_path)
    toolkit.parse_many([item], nlp=nlp, cache_dir=tmp_path)
    assert count_extract == ["x", "x", "x"]
    k = cache_key(item, None, pipeline="p")
    assert k != cache_key(item, None, pipeline="q") and len(k) == 64


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "valid_checksum_bad_parquet"])
def test_corrupted_cache_entry_is_detected_and_recomputed(tmp_path, nlp, serial, folder, damage, count_extract):
    toolkit.parse_many(folder, nlp=nlp, cache_dir=tmp_path)
    entries = sorted(tmp_path.glob("*/*.tkc"))
    assert len(entries) == 4
    victim = entries[1]
    blob = victim.read_bytes()
    if damage == "flip":
        victim.write_bytes(blob[:-20] + bytes([blob[-20] ^ 0xFF]) + blob[-19:])
    elif damage == "truncate":
        victim.write_bytes(blob[: len(blob) // 2])
    elif damage == "empty":
        victim.write_bytes(b"")
    else:
        Cache(tmp_path).put(victim.stem, b"PAR1 this is not parquet")
    count_extract.clear()
    rerun = toolkit.parse_many(folder, nlp=nlp, cache_dir=tmp_path)
    assert rerun.stats["corrupt"] == 1 and rerun.stats["parsed"] == 1 and rerun.stats["cached"] == 3
    assert len(count_extract) == 1
    assert_same_tables(rerun, serial)
    assert Cache(tmp_path).get(victim.stem) is not None, "the entry was rewritten"


def test_thread_pool_executor_equals_serial(folder, nlp, serial):
    with ThreadPoolExecutor(max_workers=2) as ex:
        par = toolkit.parse_many(folder, nlp=nlp, executor=ex, batch_size=1)
    assert_same_tables(par, serial)


@pytest.mark.parametrize("batch_size", [1, 4])  # 4: a and c in one chunk, with b between them
def test_cache_hits_between_parsed_articles_keep_input_order(tmp_path, nlp, serial, folder, batch_size):
    toolkit.parse_many([folder / "b.txt", folder / "d.txt"], nlp=nlp, cache_dir=tmp_path)
    with ThreadPoolExecutor(max_workers=2) as ex:
        mixed = toolkit.parse_many(folder, nlp=nlp, executor=ex, batch_size=batch_size, cache_dir=tmp_path)
    assert mixed.stats["cached"] == 2 and mixed.stats["parsed"] == 2
    assert_same_tables(mixed, serial)


def test_two_worker_processes_equal_serial(folder, nlp, serial):
    par = toolkit.parse_many(folder, nlp=nlp, workers=2, batch_size=2)
    assert_same_tables(par, serial)


def test_dask_local_cluster_equals_serial(folder, nlp, serial):
    distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        par = toolkit.parse_many(folder, nlp=nlp, executor=client, batch_size=1)
    assert_same_tables(par, serial)


def test_extractor_failure_becomes_an_error_row(folder, nlp, monkeypatch):
    real = article.extract

    def flaky(doc, **kw):
        if kw["article_id"] == "b":
            raise RuntimeError("boom")
        return real(doc, **kw)

    monkeypatch.setattr(article, "extract", flaky)
    c = toolkit.parse_many(folder, nlp=nlp)
    assert list(c.articles.article_id) == ["a", "c", "d"]
    err = c.errors.iloc[0]
    assert (err.article_id, err.stage) == ("b", "extract") and "boom" in err.reason
    assert c.stats["failed"] == 1


def test_parquet_dataset_roundtrip_and_lazy_scan(tmp_path, serial):
    written = serial.write_parquet(tmp_path / "ds")
    assert set(written) == {*frames.TABLES, "texts"}
    lazy = serial.scan("statements")
    assert isinstance(lazy, pl.LazyFrame) and "parquet" in lazy.explain().lower()
    assert lazy.collect().equals(serial.to_polars().statements)
    again = toolkit.read_corpus(tmp_path / "ds")
    assert_same_tables(again, serial)
    assert again["c"].text == serial["c"].text and len(again["c"].dates) == len(serial["c"].dates)
    assert "parquet" in again.scan("dates").explain().lower()
    assert toolkit.Corpus.from_parquet(tmp_path / "ds", backend="polars").statements.equals(
        serial.to_polars().statements)
    # readable by other Parquet readers (pandas through pyarrow)
    assert len(pd.read_parquet(written["mentions"])) == len(serial.mentions)


def test_scan_without_a_dataset_is_lazy_over_memory(serial):
    assert serial.scan("dates").collect().equals(serial.to_polars().dates)


def test_csv_export(tmp_path, serial):
    written = serial.write_csv(tmp_path / "csv")
    df = pd.read_csv(written["dates"])
    assert list(df.columns) == list(frames.SCHEMAS["dates"]) and len(df) == len(serial.dates)


def test_corpus_from_article_objects_still_works(nlp):
    arts = [toolkit.parse(TEXTS["b"], article_id="b", nlp=nlp, published="2025-05-19"),
            toolkit.parse(TEXTS["d"], article_id="d", nlp=nlp, published="2025-05-20")]
    c = toolkit.Corpus(arts)
    assert len(c) == 2 and c["d"] is arts[1]
    pd.testing.assert_frame_equal(c.dates, pd.concat([a.dates for a in arts], ignore_index=True))


def test_streams_a_generator_with_progress(nlp, capsys):
    gen = (ArticleInput(text=TEXTS[k], article_id=k) for k in "bd")
    c = toolkit.parse_many(gen, nlp=nlp, progress=True)
    assert len(c) == 2
    # the bar's last state counts both articles (tqdm: "parsing: 2article [...]"; without
    # tqdm: "parsing: 2 articles"); the total of a generator is unknown, so no "/N"
    last = capsys.readouterr().err.rstrip("\n").split("\r")[-1]
    assert re.match(r"parsing: 2 ?article", last), last
    toolkit.parse_many((ArticleInput(text=TEXTS[k], article_id=k) for k in "bd"), nlp=nlp)
    assert "parsing" not in capsys.readouterr().err  # progress is off by default


@pytest.mark.parametrize("kw, match", [({"workers": 0}, "workers"), ({"batch_size": 0}, "batch_size"),
                                       ({"workers": 2, "keep_docs": True}, "keep_docs"),
                                       ({"executor": object()}, "executor")])
def test_bad_options_raise_clear_errors(folder, nlp, kw, match):
    with pytest.raises((ValueError, TypeError), match=match):
        toolkit.parse_many(folder, nlp=nlp, **kw)


def test_keep_docs_keeps_the_parse(folder, nlp):
    c = toolkit.parse_many(folder, nlp=nlp, keep_docs=True)
    assert c["a"].doc is not None and c["a"].doc.text == c["a"].text


def test_unwritable_cache_only_warns(tmp_path, folder, nlp, monkeypatch):
    def fail(*a, **k):
        raise PermissionError("read-only")

    monkeypatch.setattr(corpus_mod.tempfile, "mkstemp", fail)
    with pytest.warns(RuntimeWarning, match="cannot write"):
        c = toolkit.parse_many(folder, nlp=nlp, cache_dir=tmp_path)
    assert len(c) == 4 and c.stats["parsed"] == 4
    assert not list(tmp_path.glob("*/*.tkc"))


def test_parse_to_parquet_streams_the_same_tables(tmp_path, folder, nlp, serial):
    # two articles per slice: several row groups, the same tables as parse_many + write_parquet
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    res = toolkit.parse_to_parquet([folder, bad], tmp_path / "ds", flush_every=2, nlp=nlp)
    assert (res["articles"], res["parsed"], res["failed"]) == (4, 4, 1)
    assert [e.stage for e in res["errors"]] == ["empty"]
    assert set(res["written"]) == {*frames.TABLES, "texts"}
    import pyarrow.parquet as pq

    assert pq.ParquetFile(res["written"]["articles"]).num_row_groups == 2
    again = toolkit.read_corpus(tmp_path / "ds")
    for name in corpus_mod.TABLES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(serial, name), obj=name)
    assert again["b"].text == serial["b"].text
    assert len(again.error_list) == 1 and again.error_list[0].path.endswith("empty.txt")
    assert not list((tmp_path / "ds").glob(".*.tmp"))


def test_parse_to_parquet_rejects_bad_options(tmp_path, folder, nlp):
    with pytest.raises(ValueError, match="flush_every=0 is invalid"):
        toolkit.parse_to_parquet(folder, tmp_path / "x", flush_every=0, nlp=nlp)
    with pytest.raises(TypeError, match="does not take 'keep_docs'"):
        toolkit.parse_to_parquet(folder, tmp_path / "x", keep_docs=True, nlp=nlp)


class _FlakyExecutor(ThreadPoolExecutor):
    """Threads whose chunks fail as a whole when they hold the article naming Lavrov, as
    when a worker process dies on it."""

    def submit(self, fn, *args, **kwargs):
        items = args[1] if len(args) > 1 else []
        if any("Lavrov" in it[1] for it in items):
            fut = super().submit(lambda: None)
            fut.result()
            failed = type(fut)()
            failed.set_exception(RuntimeError("worker lost"))
            return failed
        return super().submit(fn, *args, **kwargs)


def test_a_failed_chunk_is_retried_one_article_at_a_time(folder, nlp, serial):
    with _FlakyExecutor(max_workers=2) as ex:
        par = toolkit.parse_many(folder, nlp=nlp, executor=ex, batch_size=4)  # one chunk of four
    assert list(par.articles.article_id) == ["a", "c", "d"]
    (err,) = par.errors.itertuples()
    assert (err.article_id, err.stage) == ("b", "worker") and "worker lost" in err.reason
    keep = serial.statements[serial.statements.article_id != "b"].reset_index(drop=True)
    pd.testing.assert_frame_equal(par.statements, keep)


def test_a_process_pool_whose_worker_died_is_replaced(nlp):
    import os

    runner = corpus_mod._make_runner(nlp, None, workers=2, executor=None, batch_size=2, keep_docs=False)
    try:
        old = runner.executor
        exc = old.submit(os._exit, 1).exception(timeout=120)  # a worker dies, as when killed
        assert isinstance(exc, corpus_mod.BrokenProcessPool)
        runner.recover(exc)
        assert runner.executor is not old
        item = (0, TEXTS["d"], "d", None, None, None, None, "d.txt")
        ((pos, payload, err, _doc),) = runner.submit([item]).result(timeout=300)
        assert (pos, err) == (0, None) and payload is not None
    finally:
        runner.close()


def test_an_article_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path, nlp):
    folder = write_articles(tmp_path / "arts", "ad")
    # about 100,000 words: far more than a second of parsing
    (folder / "huge.txt").write_text("Peskov said on Friday that the talks would resume. " * 12000,
                                     encoding="utf-8")
    res = toolkit.parse_many(folder, nlp=nlp, workers=2, batch_size=1, timeout=1.5)
    assert sorted(res.articles.article_id) == ["a", "d"]
    (err,) = res.errors.itertuples()
    assert (err.article_id, err.stage) == ("huge", "timeout") and "timeout=1.5" in err.reason


def test_timeout_needs_worker_processes(folder, nlp):
    with pytest.raises(ValueError, match="timeout needs workers >= 2 or an executor"):
        toolkit.parse_many(folder, nlp=nlp, timeout=5)
    with pytest.raises(ValueError, match="timeout=0 is invalid"):
        toolkit.parse_many(folder, nlp=nlp, workers=2, timeout=0)


# --------------------------------------------------------------------------- how workers start

SCRIPT = '''
import sys
import pandas as pd
import toolkit
from toolkit.corpus import worker_start_method

with open(sys.argv[1], "a") as fh:  # top-level code: a worker that imports the script runs it again
    fh.write("ran\\n")
{body}
'''
BODY = '''serial = toolkit.parse_many(sys.argv[2])
par = toolkit.parse_many(sys.argv[2], workers=2, batch_size=1)
for name in toolkit.frames.TABLES:
    pd.testing.assert_frame_equal(getattr(serial, name), getattr(par, name), obj=name)
print("identical", len(par), worker_start_method()[0])
'''


def run_script(tmp_path, folder, body, **env):
    import os
    import subprocess
    import sys

    script, marker = tmp_path / "myscript.py", tmp_path / "ran.txt"
    script.write_text(SCRIPT.format(body=body), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(marker), str(folder)], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, **env}, timeout=600)
    return proc, marker.read_text().count("ran")


def test_script_without_main_guard_forks_workers_and_runs_once(tmp_path, folder):
    proc, runs = run_script(tmp_path, folder, BODY, TOOLKIT_START_METHOD="")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["identical", "4", "fork"]
    assert runs == 1  # the workers did not run the script again


def test_script_without_main_guard_and_a_reimporting_start_method_gets_a_clear_error(tmp_path, folder):
    proc, runs = run_script(tmp_path, folder, BODY, TOOLKIT_START_METHOD="forkserver")
    assert proc.returncode != 0 and runs == 1
    assert "myscript.py, line 10, outside an `if __name__ == \"__main__\":` block" in proc.stderr
    assert "forkserver" in proc.stderr and "workers=1" in proc.stderr


def test_forkserver_workers_equal_serial(folder, nlp, serial, monkeypatch):
    # the fallback when fork is unsafe: fresh workers that load the pipeline themselves (pytest's
    # own main script has the guard, so the check lets it through)
    monkeypatch.setenv("TOOLKIT_START_METHOD", "forkserver")
    made = []
    real = corpus_mod._PoolFactory.__call__
    monkeypatch.setattr(corpus_mod._PoolFactory, "__call__", lambda self: made.append(self.method) or real(self))
    assert_same_tables(toolkit.parse_many(folder, nlp=nlp, workers=2, batch_size=2), serial)
    assert made == ["forkserver"]


def test_running_threads_make_workers_start_without_fork(nlp, monkeypatch):
    import threading

    monkeypatch.delenv("TOOLKIT_START_METHOD", raising=False)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait, name="user-thread")
    t.start()
    try:
        method, reason = corpus_mod.worker_start_method(nlp)
    finally:
        stop.set()
        t.join()
    assert method in ("forkserver", "spawn") and "user-thread" in reason


@pytest.mark.parametrize("value, expected", [("spawn", "spawn"), ("forkserver", "forkserver"), ("fork", "fork")])
def test_start_method_can_be_set_by_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("TOOLKIT_START_METHOD", value)
    assert corpus_mod.worker_start_method()[0] == expected


def test_an_unknown_start_method_is_refused(monkeypatch):
    monkeypatch.setenv("TOOLKIT_START_METHOD", "threads")
    with pytest.raises(ValueError, match="TOOLKIT_START_METHOD='threads' is invalid"):
        corpus_mod.worker_start_method()


@pytest.mark.parametrize("test, expected", [('__name__ == "__main__"', True), ("'__main__' == __name__", True),
                                            ('__name__ != "__main__"', False), ('name == "__main__"', False),
                                            ('__name__ == "main"', False)])
def test_main_guard_is_recognised(test, expected):
    import ast

    assert corpus_mod._is_main_test(ast.parse(test, mode="eval").body) is expected


class _RecordingExecutor(ThreadPoolExecutor):
    """Threads that note how many articles each chunk holds."""

    def __init__(self):
        super().__init__(max_workers=2)
        self.chunks = []

    def submit(self, fn, *args, **kwargs):
        if fn is corpus_mod.run_chunk:
            self.chunks.append(len(args[1]))
        return super().submit(fn, *args, **kwargs)


@pytest.mark.parametrize("chunk_words, batch_size, expected", [(1, 32, [1, 1, 1, 1]), (10**6, 3, [3, 1]),
                                                                (10**6, 32, [4])])
def test_chunks_are_sized_by_words_and_capped_by_batch_size(folder, nlp, serial, monkeypatch, chunk_words,
                                                            batch_size, expected):
    monkeypatch.setattr(corpus_mod, "CHUNK_WORDS", chunk_words)
    with _RecordingExecutor() as ex:
        par = toolkit.parse_many(folder, nlp=nlp, executor=ex, batch_size=batch_size)
    assert ex.chunks == expected
    assert_same_tables(par, serial)


def test_cache_fingerprint_covers_the_subpackages():
    """A change to any extraction module, in a subpackage too, must give new cache keys."""
    from toolkit.corpus import fingerprint_files

    from pathlib import Path

    root = Path(toolkit.__file__).resolve().parent.parent
    names = {p.relative_to(root).as_posix() for p in fingerprint_files()}
    assert "toolkit/statements/cues.py" in names
    assert "toolkit/actors/pronouns.py" in names
    assert "toolkit/data/reporting_verbs.yaml" in names
    assert "toolkit/report.py" not in names and "toolkit/plots.py" not in names


def test_read_corpus_opens_a_dataset_written_before_new_columns(tmp_path):
    """Tables written by an earlier version (no speaker_kind/kind columns) still open: the
    newer columns are empty and a warning names the file and the columns."""
    corpus = toolkit.parse_many([toolkit.ArticleInput(text="Officials said the bridge would reopen.",
                                                      article_id="a1", published="2025-05-30")])
    corpus.write_parquet(tmp_path)
    old = pl.read_parquet(tmp_path / "statements.parquet").drop(["speaker_kind", "kind"])
    old.write_parquet(tmp_path / "statements.parquet")
    with pytest.warns(UserWarning, match=r"statements\.parquet.*speaker_kind, kind"):
        back = toolkit.read_corpus(tmp_path)
    assert list(back.statements.columns) == list(frames.SCHEMAS["statements"])
    assert back.statements["kind"].isna().all() and len(back.statements) == len(corpus.statements)
    pl.DataFrame({"x": [1]}).write_parquet(tmp_path / "events.parquet")
    with pytest.raises(ValueError, match="events.parquet"), pytest.warns(UserWarning):
        toolkit.read_corpus(tmp_path)
