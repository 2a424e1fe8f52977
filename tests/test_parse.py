"""The public contract of toolkit.parse / parse_many: columns, offsets, backends, errors."""

import datetime as dt
import re

import pandas as pd
import polars as pl
import pytest

import toolkit
from toolkit import frames
from toolkit.paths import ARTICLES_DIR, SEED_ARTICLE

# The column contract is the declared schema in toolkit/frames.py (one place), not a copy here:
# every table of an article has exactly those columns, in that order, in pandas and polars.
CONTRACT = {t: list(cols) for t, cols in frames.SCHEMAS.items() if t != "errors"}
OFFSETS = {"mentions": ("start_char", "end_char", "text"), "dates": ("start_char", "end_char", "text"),
           "statements": ("content_start", "content_end", "content"), "sentences": ("start_char", "end_char", "text")}


@pytest.fixture(scope="module")
def seed(nlp):
    return toolkit.parse(SEED_ARTICLE.read_text(encoding="utf-8"), published="2025-05-30",
                         article_id="seed", nlp=nlp)


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_in_order(seed, table):
    assert list(seed.table(table).columns) == CONTRACT[table]
    assert seed.to_polars().table(table).columns == CONTRACT[table]
    assert (seed.table(table)["article_id"] == "seed").all()


def test_contract_names_the_columns_users_rely_on():
    """Columns the README and the notebooks use by name: dropping or renaming one in
    frames.SCHEMAS must fail here, not only downstream."""
    relied_on = {
        "articles": ["article_id", "published", "published_inferred", "published_earliest",
                     "published_latest", "n_sentences", "n_words", "path"],
        "actors": ["actor_id", "name", "kind", "role", "country", "n_mentions"],
        "mentions": ["actor_id", "start_char", "end_char", "how"],
        "dates": ["date_id", "type", "value", "start", "end"],
        "statements": ["statement_id", "speaker", "speaker_id", "cue", "cue_class", "mode", "content",
                       "content_start", "content_end", "said_on", "sent_id"],
        "events": ["event_id", "actor", "actor_id", "action", "target", "date_value", "status"],
    }
    for table, cols in relied_on.items():
        missing = [c for c in cols if c not in CONTRACT[table]]
        assert not missing, f"{table}: {missing} left frames.SCHEMAS"


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_readme_column_dictionary_lists_every_column(table):
    """Every declared column is documented under its table's heading in the README
    (``article_id``, common to all tables, is documented once above them)."""
    from toolkit.paths import PROJECT_DIR

    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Tables (column dictionary)", 1)[1].split("\n## ", 1)[0]
    block = section.split(f"**{table}**", 1)
    assert len(block) == 2, f"README.md: add a **{table}** entry to the column dictionary"
    block = block[1].split("\n**", 1)[0]
    missing = [c for c in CONTRACT[table][1:] if not re.search(rf"(?<![\w]){c}(?![\w])", block)]
    assert not missing, f"README.md: document columns {missing} of {table} in its column dictionary"


@pytest.mark.parametrize("table", sorted(OFFSETS))
def test_offsets_slice_back_to_the_text_and_rows_are_sorted(seed, table):
    start, end, text = OFFSETS[table]
    df = getattr(seed, table)
    assert len(df), f"the seed article should give {table}"
    for r in df.itertuples(index=False):
        assert seed.text[getattr(r, start):getattr(r, end)] == getattr(r, text)
    assert df[start].is_monotonic_increasing


@pytest.mark.parametrize("table", frames.TABLES[:-1])
def test_pandas_and_polars_frames_agree(seed, table):
    pd_df = getattr(seed, table)
    pl_df = getattr(seed.to_polars(), table)
    assert isinstance(pd_df, pd.DataFrame) and isinstance(pl_df, pl.DataFrame)
    assert list(pd_df.columns) == pl_df.columns
    assert pd_df.shape == pl_df.shape
    # same values row by row, and the same frame after a declared-dtype conversion
    pd.testing.assert_frame_equal(frames.polars_to_pandas(table, pl_df), pd_df)
    assert frames.pandas_to_polars(table, pd_df).equals(pl_df)


def test_backend_option_gives_polars(nlp):
    art = toolkit.parse("Talks were held on Monday.", published="2025-06-03", nlp=nlp, backend="polars")
    assert isinstance(art.dates, pl.DataFrame)


def test_nothing_found_gives_empty_frames_with_full_schema(nlp):
    art = toolkit.parse("", nlp=nlp)
    for table in CONTRACT:
        if table == "articles":
            continue
        df = getattr(art, table)
        assert len(df) == 0 and list(df.columns) == list(frames.SCHEMAS[table])
        pl_df = getattr(art.to_polars(), table)
        assert pl_df.height == 0 and pl_df.columns == list(frames.SCHEMAS[table])


@pytest.mark.parametrize("published", ["2025-02-30", "30/05/2025", "yesterday", 20250530, "2025-13-01"])
def test_bad_publication_dates_raise_a_clear_error(nlp, published):
    with pytest.raises(ValueError, match="published"):
        toolkit.parse("Some text.", published=published, nlp=nlp)


@pytest.mark.parametrize("published, expected", [
    ("2025-05-30", dt.date(2025, 5, 30)), (dt.date(2025, 5, 30), dt.date(2025, 5, 30)),
    (dt.datetime(2025, 5, 30, 14, 5), dt.date(2025, 5, 30)), ("2025-05-30T10:00:00Z", dt.date(2025, 5, 30)),
])
def test_publication_date_forms(published, expected):
    assert toolkit.parse_published(published) == expected


@pytest.mark.parametrize("text", [
    "“Unbalanced quote at the start and never closed. He said so.", "\u201d\u201d\u201c\u201c",
    "1 2 3 4 5 6 7 8 9 0 " * 50, "\x00\x07 control \t chars \u200b", "Emoji 🚀🔥 and Кириллица mixed, 中文.",
    "“" + "word " * 3000, "\n\n\n", "-- --- ---\n---",
])
def test_strange_text_never_crashes(nlp, text):
    art = toolkit.parse(text, published="2025-05-30", nlp=nlp)
    for table in CONTRACT:
        getattr(art, table)
    for r in art.statements.itertuples(index=False):
        assert text[r.content_start:r.content_end] == r.content


def test_text_must_be_a_string(nlp):
    with pytest.raises(TypeError, match="text must be a str"):
        toolkit.parse(b"bytes", nlp=nlp)


def test_missing_pipeline_says_what_to_install():
    with pytest.raises(OSError, match="pip install en_core_web_lg"):
        toolkit.parse("x", nlp="en_core_web_lg")


def test_published_inferred_when_not_given(seed, nlp):
    art = toolkit.parse(seed.text, nlp=nlp)
    row = art.articles.iloc[0]
    assert bool(row.published_inferred) is True
    assert dt.date(2025, 5, 26) <= row.published.date() <= dt.date(2025, 6, 1)
    assert bool(seed.articles.iloc[0].published_inferred) is False


def test_parse_many_concatenates_and_keeps_error_rows(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("---\ntitle: A\npublished: 2025-05-16\n---\nTalks were held in Istanbul on Friday.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Peskov said on Monday that the talks would go on.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    (tmp_path / "d.txt").write_text("---\npublished: 2025-02-30\n---\nText.", encoding="utf-8")
    corpus = toolkit.parse_many([tmp_path, tmp_path / "missing.txt"], nlp=nlp)
    assert sorted(corpus.articles.article_id) == ["a", "b"]
    assert sorted(corpus.errors.article_id) == ["c", "d", "missing"]
    assert len(corpus) + len(corpus.errors) == 5
    assert "not a real calendar date" in corpus.errors.set_index("article_id").loc["d", "reason"]
    assert set(corpus.dates.article_id) <= {"a", "b"}
    assert corpus["a"].dates["value"].tolist() == ["2025-05-16"]
    assert isinstance(corpus.to_polars().statements, pl.DataFrame)


def test_parquet_tables_are_written_and_deterministic(tmp_path, nlp):
    corpus = toolkit.parse_many(ARTICLES_DIR / "000_a191f6331583f074.txt", published="2025-05-30", nlp=nlp)
    a = corpus.write_parquet(tmp_path / "one")
    again = toolkit.parse_many(ARTICLES_DIR / "000_a191f6331583f074.txt", published="2025-05-30", nlp=nlp)
    b = again.write_parquet(tmp_path / "two")
    for name in a:
        assert a[name].read_bytes() == b[name].read_bytes(), name
    st = pl.read_parquet(a["statements"])
    assert st.columns == list(frames.SCHEMAS["statements"]) and st.height == len(corpus.statements)


@pytest.mark.parametrize("text", [
    # verbless headlines and lists: the dependency root is a noun, and a climb to the root
    # must stop there (a token's head is a new object on every access: compare indices)
    "Governor Alvarez Names Three New Members of Her Cabinet. "
    "Jane Doe, Nominee for Treasurer. He previously served in Lisbon. She, his deputy, and he.",
    "Statement by Press Secretary on the Talks. His remarks. Their delegation. It, they, him.",
])
def test_parse_finishes_on_verbless_text(nlp, text):
    import signal

    def _timeout(*_):
        raise TimeoutError("parse did not finish in 60 s")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    try:
        art = toolkit.parse(text, published="2021-03-15", nlp=nlp)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len(art.sentences) >= 2
