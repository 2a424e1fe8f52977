"""Reported speech keeps its own reference time (issue 16, item 4): quoted "tomorrow",
"tonight", "this week" count from the day the words were said, also when that day comes
from an occasion of speaking the sentence, or the one before, dates ("At a rally on
Tuesday ...", "The minister held a news conference on Tuesday. ..."), not from the
statement's ``said_on``. Sentences written for these tests; the article is of Friday
2025-05-30."""

import datetime as dt

import pytest

from toolkit import parse
from toolkit.dates import extract_dates, reanchor_in_quotes
from toolkit.types import Statement

FRIDAY = dt.date(2025, 5, 30)


@pytest.mark.parametrize("text, expected", [
    # the sentence itself dates the occasion
    ('At a rally on Tuesday, she said: "Tomorrow we vote."', {"Tomorrow": "2025-05-28"}),
    ('Speaking on March 3, the minister said: "We will decide this week."', {"this week": "2025-W10"}),
    # the sentence before dates it: an occasion of speaking, a verb of speaking, an audience
    ('The minister held a news conference in Lyon on Tuesday. "We will decide tomorrow," she said.',
     {"tomorrow": "2025-05-28"}),
    ('The senator spoke to reporters on Monday. "The vote is tonight," he said.', {"tonight": "2025-05-26TNI"}),
    ('In Tuesday’s speech, the president was blunt. "We will sign the deal tomorrow," he said.',
     {"tomorrow": "2025-05-28"}),
    ('Kallas spoke to reporters on Monday. "We will decide tomorrow," Kaja Kallas said.', {"tomorrow": "2025-05-27"}),
    # a quotation of two sentences
    ('The candidate addressed supporters on Sunday. "We lost today. Tomorrow we fight again," she said.',
     {"today": "2025-05-25", "Tomorrow": "2025-05-26"}),
])
def test_quoted_words_count_from_the_dated_occasion(nlp, text, expected):
    art = parse(text, published=FRIDAY, nlp=nlp)
    got = dict(zip(art.dates.text, art.dates.value))
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    # the day before dates another named speaker's words
    ('Trump spoke to reporters on Monday. "We will respond tomorrow," Zelensky said.', {"tomorrow": "2025-05-31"}),
    # the day before dates something else than speaking
    ('The talks collapsed on Tuesday. "We will decide tomorrow," the minister said.', {"tomorrow": "2025-05-31"}),
    ('On Tuesday the army shelled the town. "We will respond tomorrow," the general said.',
     {"tomorrow": "2025-05-31"}),
    # an occasion still to come is not when the words were said
    ('The minister will hold a news conference on Monday, June 2. "We will decide tomorrow," she said.',
     {"tomorrow": "2025-05-31"}),
    # no occasion at all; and indirect speech keeps the reporter's reference time
    ('The minister said: "We will decide tomorrow."', {"tomorrow": "2025-05-31"}),
    ("The minister spoke to reporters on Tuesday. She said they would decide tomorrow.", {"tomorrow": "2025-05-31"}),
])
def test_quoted_words_keep_the_publication_without_an_occasion(nlp, text, expected):
    art = parse(text, published=FRIDAY, nlp=nlp)
    got = dict(zip(art.dates.text, art.dates.value))
    assert {k: got.get(k) for k in expected} == expected


def _statement(text: str, content: str, cue: str, said_on=None) -> Statement:
    start = text.index(content)
    return Statement(speaker="minister", speaker_id=None, speaker_text=None, cue="say", mode="direct",
                     content=content, content_start=start, content_end=start + len(content), sent_id=1,
                     said_on=said_on, cue_start=text.index(cue))


def test_said_on_wins_over_the_occasion(nlp):
    """A statement's own ``said_on`` is used as it is; the occasion only fills its absence."""
    text = 'The minister gave a speech on Monday. "We will decide tomorrow," she said on Wednesday.'
    doc = nlp(text)
    dates = extract_dates(doc, published=FRIDAY)
    st = _statement(text, "We will decide tomorrow", "said", said_on=dt.date(2025, 5, 28))
    got = {d.text: d.value for d in reanchor_in_quotes(doc, dates, [st], published=FRIDAY)}
    assert got["tomorrow"] == "2025-05-29"
    st = _statement(text, "We will decide tomorrow", "said")
    out = reanchor_in_quotes(doc, dates, [st], published=FRIDAY)
    assert [d.start_char for d in out] == [d.start_char for d in dates]


def test_occasion_words_can_be_extended(nlp, tmp_path):
    text = 'The minister held a picnic for volunteers on Tuesday. "We will decide tomorrow," she said.'
    doc = nlp(text)
    dates = extract_dates(doc, published=FRIDAY)
    st = _statement(text, "We will decide tomorrow", "said")
    words = tmp_path / "my_occasions.yaml"
    words.write_text("nouns: [picnic]\n", encoding="utf-8")
    plain = {d.text: d.value for d in reanchor_in_quotes(doc, dates, [st], published=FRIDAY)}
    more = {d.text: d.value for d in reanchor_in_quotes(doc, dates, [st], published=FRIDAY, occasions=words)}
    assert plain["tomorrow"] == "2025-05-31" and more["tomorrow"] == "2025-05-28"


@pytest.mark.parametrize("text", ['', '"', 'On Tuesday "tomorrow', '12 34 "56" 78.', '"Tomorrow," said.'])
def test_strange_text_does_not_break(nlp, text):
    art = parse(text, published=FRIDAY, nlp=nlp)
    assert len(art.dates) >= 0
