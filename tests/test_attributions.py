"""Attributions and statements: what kind of attribution each cue makes, the two tables
(statements are the speech rows of attributions, with the same ids) and nested voices."""

from __future__ import annotations

import pytest

import toolkit
from toolkit import frames
from toolkit.article import extract
from toolkit.statements import extract_statements, load_lexicon


def _by_cue(nlp, text):
    return {s.cue: s for s in extract_statements(nlp(text))}


# 1. the kind of each attribution -------------------------------------------------------

KIND_CASES = [
    ("Peskov said that talks would resume on Monday.", "say", "speech"),
    ("According to two officials, the talks collapsed.", "according to", "speech"),
    ("The minister wrote that the border would stay closed.", "write", "speech"),
    ("The plan was announced by the minister on Friday.", "announce", "speech"),
    ("Her warning that the talks would fail was ignored.", "warning", "speech"),
    ("A poll found that most voters back the plan.", "find", "speech"),
    ("Moscow wants to weaken the alliance.", "want", "intention"),
    ("The company plans to close two factories next year.", "plan", "intention"),
    ("I think the talks will fail.", "think", "belief"),
    ("Many economists believe that inflation will fall.", "believe", "belief"),
    ("The deal is expected to collapse within weeks.", "expect", "belief"),
    ("The mayor seems to have lost the argument.", "seem", "perception"),
]


@pytest.mark.parametrize("text,cue,kind", KIND_CASES)
def test_each_attribution_has_its_kind(nlp, text, cue, kind):
    found = _by_cue(nlp, text)
    assert cue in found, sorted(found)
    assert found[cue].kind == kind


def test_a_belief_quoted_in_speech_is_speech(nlp):
    # "“I think X,” she said": what she said, not what she thinks
    found = _by_cue(nlp, "“I think the talks will fail,” she said.")
    assert list(found) == ["say"] and found["say"].kind == "speech"


def test_the_kinds_of_the_lexicon_are_checked():
    with pytest.raises(ValueError, match="kinds"):
        load_lexicon({"kinds": {"feeling": ["sense"]}})


def test_a_user_lexicon_can_change_a_kind(nlp):
    lex = {"kinds": {"speech": ["think"]}}
    (s,) = extract_statements(nlp("I think the talks will fail."), lexicon=lex)
    assert s.kind == "speech"


# 2. the two tables ---------------------------------------------------------------------

ARTICLE = (
    "Peskov said on Friday that talks would resume. Moscow wants to weaken the alliance, "
    "analysts believe. “We will not give in,” the minister told reporters. Many voters think "
    "the war will last for years. The deal seems to be close."
)


@pytest.fixture(scope="module")
def article(nlp):
    return extract(nlp(ARTICLE), article_id="a1", published=None)


def test_statements_are_the_speech_rows_of_attributions_with_the_same_ids(article):
    attrs, stmts = article.attributions, article.statements
    assert {r["kind"] for r in attrs} >= {"speech", "belief", "intention"}
    assert [r["statement_id"] for r in attrs] == list(range(1, len(attrs) + 1))
    assert stmts == [r for r in attrs if r["kind"] == "speech"]
    assert [r["cue"] for r in stmts] == ["say", "tell"]


def test_attributions_are_numbered_in_text_order(article):
    starts = [r["content_start"] for r in article.attributions]
    assert starts == sorted(starts)


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_both_tables_have_the_same_columns_in_both_backends(nlp, backend):
    art = toolkit.parse(ARTICLE, nlp=nlp, backend=backend)
    assert list(art.attributions.columns) == list(art.statements.columns) \
        == list(frames.SCHEMAS["statements"])
    assert len(art.attributions) > len(art.statements) == 2
    assert set(art.statements["kind"].to_list()) == {"speech"}


def test_both_tables_are_written_to_parquet(tmp_path, nlp):
    import polars as pl

    written = toolkit.parse(ARTICLE, nlp=nlp).write_parquet(tmp_path)
    attrs = pl.read_parquet(written["attributions"])
    stmts = pl.read_parquet(written["statements"])
    assert attrs.filter(pl.col("kind") == "speech").equals(stmts)


# 3. nested voices ----------------------------------------------------------------------

NESTED_CASES = [
    # (text, inner speaker words, inner cue, inner content, outer content)
    ("“At dinner one of the ministers told me, ‘Let's wait until autumn,’ and I said no,” "
     "the president said.",
     "one of the ministers", "tell", "Let's wait until autumn",
     "At dinner one of the ministers told me, ‘Let's wait until autumn,’ and I said no"),
    ("“My brother said, ‘We will never give up,’ and I agreed,” Smith told reporters.",
     "My brother", "say", "We will never give up",
     "My brother said, ‘We will never give up,’ and I agreed"),
    ("\"Then the general said, 'We attack at dawn,' and we all left,\" the soldier recalled.",
     "the general", "say", "We attack at dawn",
     "Then the general said, 'We attack at dawn,' and we all left"),
    ("“‘We are ready,’ the colonel told us, and then the shelling began,” she said.",
     "the colonel", "tell", "We are ready",
     "‘We are ready,’ the colonel told us, and then the shelling began"),
]


@pytest.mark.parametrize("text,speaker,cue,content,outer", NESTED_CASES)
def test_a_quotation_inside_a_quotation_is_the_inner_speakers_statement(
        nlp, text, speaker, cue, content, outer):
    stmts = extract_statements(nlp(text))
    inner = [s for s in stmts if s.content == content]
    assert len(inner) == 1, [(s.speaker_text, s.cue, s.content) for s in stmts]
    assert (inner[0].speaker_text, inner[0].cue, inner[0].mode) == (speaker, cue, "direct")
    rest = [s for s in stmts if s is not inner[0]]
    assert [s.content for s in rest] == [outer]
    assert rest[0].speaker_text != speaker


@pytest.mark.parametrize("text", [
    "“The ministers' plan is good, and we will back it,” he said.",
    "“We call it ‘the long war’ now, and nobody laughs,” he said.",
    "“Let's not rush,” she told reporters, “because the ‘deal’ is not ready.”",
])
def test_apostrophes_and_scare_quotes_are_not_nested_voices(nlp, text):
    stmts = extract_statements(nlp(text))
    assert len(stmts) == 1, [(s.speaker_text, s.cue, s.content) for s in stmts]
