"""The writer's "I" and "we", bylines, and interview transcripts (issue 14). Invented texts only."""

import pytest

import toolkit
from toolkit.ingest import normalise_author, read_article


def _rows(nlp, text, **kw):
    art = toolkit.parse(text, published="2025-05-30", nlp=nlp, **kw)
    df = art.attributions
    return [(None if toolkit.frames.is_missing(r.speaker) else r.speaker, r.speaker_kind, r.speaker_text, r.cue)
            for r in df.itertuples(index=False)]


@pytest.mark.parametrize("value, expected", [
    ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
    ("Jane Doe; John Roe", "Jane Doe and John Roe"),
    ("By Ann Lee, Bo Chan and Cy Diaz", "Ann Lee and Bo Chan and Cy Diaz"),
    ("Opinion by Mary Smith", "Mary Smith"),
    ("Doe, Jane", "Doe, Jane"),
    ("newsdesk@example.com", None),
    ("", None),
])
def test_bylines_become_author_names(value, expected):
    assert normalise_author(value) == expected


@pytest.mark.parametrize("text, cue", [
    ("I think the new tariff plan is a mistake.", "think"),
    ("Last week I wrote that the tariffs would raise prices.", "write"),
    ("We argued in March that the harbour bill was badly flawed.", "argue"),
])
def test_the_writers_i_and_we_are_the_author(nlp, text, cue):
    rows = _rows(nlp, text, author="By Jane Doe and John Roe")
    assert [r[:2] for r in rows if r[3] == cue] == [("Jane Doe and John Roe", "person")], rows


def test_without_an_author_the_writer_is_unnamed_and_never_a_pronoun(nlp):
    rows = _rows(nlp, "I think the new tariff plan is a mistake.")
    assert rows == [(None, "unnamed", "I", "think")]


def test_words_inside_someone_elses_unquoted_statement_are_not_the_writers(nlp):
    rows = _rows(nlp, "Tom Walsh said that I think too much about the harbour.", author="Jane Doe")
    assert all(r[0] != "Jane Doe" for r in rows), rows


def test_i_inside_a_quotation_stays_the_quoted_speaker(nlp):
    rows = _rows(nlp, "“I will not resign,” Tom Walsh said on Friday.", author="Jane Doe")
    assert rows[0][:2] == ("Tom Walsh", "person")


@pytest.mark.parametrize("label", ["OKAFOR", "Mr. Okafor"])
def test_a_named_label_gives_the_line_to_that_person(nlp, label):
    text = ("The council met Daniel Okafor, the city's finance chief, on Monday.\n"
            f"{label}: The mayor says the debt is huge, but I believe the budget will balance.\n")
    rows = _rows(nlp, text, author="Jane Doe")
    believe = [r for r in rows if r[3] == "believe"]
    assert believe and believe[0][:2] == ("Daniel Okafor", "person"), rows


def test_answers_belong_to_the_interviewee_and_questions_to_the_interviewer(nlp):
    text = ("In an interview with Maria Lopez, the water board chair, we asked about the drought.\n"
            "Q: I wonder whether the reservoirs will last. What do you think?\n"
            "A: I think the reservoirs will last until October.\n")
    rows = _rows(nlp, text, author="Jane Doe")
    think = [r for r in rows if r[3] == "think" and r[2] == "I"]
    assert think and think[0][:2] == ("Maria Lopez", "person"), rows
    asked = [r for r in rows if r[3] == "ask"]
    assert asked and asked[0][:2] == ("Jane Doe", "person"), rows


def test_answers_without_a_named_interviewee_are_unnamed(nlp):
    text = "The drought\nQ: How long will the water last?\nA: I think the reservoirs will last until October.\n"
    rows = _rows(nlp, text)
    think = [r for r in rows if r[3] == "think"]
    assert think and think[0][:2] == (None, "unnamed"), rows


@pytest.mark.parametrize("key", ["author", "byline"])
def test_front_matter_author_reaches_the_articles_table(nlp, tmp_path, key):
    p = tmp_path / "column.txt"
    p.write_text(f"---\ntitle: Tariffs\n{key}: By Jane Doe and John Roe\npublished: 2025-05-30\n---\n"
                 "I think the new tariff plan is a mistake.\n", encoding="utf-8")
    assert read_article(p).author == "Jane Doe and John Roe"
    corpus = toolkit.parse_many([p], nlp=nlp)
    assert corpus.articles.author.tolist() == ["Jane Doe and John Roe"]
    assert corpus.to_polars().articles["author"].to_list() == ["Jane Doe and John Roe"]
    st = corpus.attributions
    assert st.speaker.tolist() == ["Jane Doe and John Roe"]


def test_no_author_leaves_the_column_empty(nlp):
    art = toolkit.parse("Talks resumed on Monday.", nlp=nlp, backend="polars")
    assert art.articles["author"].to_list() == [None]


def test_q_dot_a_dot_transcripts(nlp):
    text = ("Maria Lopez on the drought\n"
            "Q. How long will the water last?\n"
            "A. I think the reservoirs will last until October.\n")
    rows = _rows(nlp, text, author="Jane Doe")
    think = [r for r in rows if r[3] == "think"]
    assert think and think[0][:2] == ("Maria Lopez", "person"), rows


def test_an_article_input_byline_is_normalised(nlp):
    item = toolkit.ingest.ArticleInput(text="I think the talks will fail.", article_id="a", author="By Jo Lee")
    corpus = toolkit.parse_many([item], nlp=nlp)
    assert corpus.articles.author.tolist() == ["Jo Lee"]
    assert corpus.attributions.speaker.tolist() == ["Jo Lee"]


def test_a_section_label_before_a_colon_is_not_a_speaker(nlp):
    from toolkit import parse
    art = parse("Interview: Maria Lopez on the new harbour plan\n\nThe harbour will open in May.",
                published="2024-05-02", nlp=nlp)
    assert "Interview" not in set(art.statements["speaker_text"].dropna())
