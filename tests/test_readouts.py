"""Readouts of calls and meetings: "the parties", "both sides", "the two leaders", "they"
speak for the participants of the call or meeting the readout reports (names joined with
" and "), a readout passive ("It was noted that ...") for its principal, "It was agreed ..."
for the participants. All readouts here are invented for the tests."""

from __future__ import annotations

import pytest

import toolkit

CALL = ("Prime Minister John Carter had a telephone conversation with President of Brazil "
        "Maria Santos. The two leaders agreed that trade between their countries should grow. "
        "The parties expressed concern over rising food prices. They underscored the "
        "importance of the climate summit. It was noted that the railway project is on "
        "schedule. It was agreed to maintain contact.")

CASES = [
    # a call between leaders: plural references and the joint passive -> both leaders
    (CALL, "trade between their countries should grow", "John Carter and Maria Santos"),
    (CALL, "rising food prices", "John Carter and Maria Santos"),
    (CALL, "the importance of the climate summit", "John Carter and Maria Santos"),
    (CALL, "to maintain contact", "John Carter and Maria Santos"),
    # a readout passive -> the principal: the subject of the call sentence
    (CALL, "the railway project is on schedule", "John Carter"),
    # "spoke by phone with", a name after a title phrase the tagger misses
    ("President Maria Santos spoke by phone with Chancellor Peter Lindqvist on Monday. "
     "Both sides welcomed the new trade agreement.",
     "the new trade agreement", "Maria Santos and Peter Lindqvist"),
    ("Vladimir Orlov met with President of the Republic of Veldoria Tomas Rind in "
     "Korsk. The leaders agreed to widen cooperation on river shipping.",
     "to widen cooperation on river shipping", "Vladimir Orlov and Tomas Rind"),
    # title phrases: a state's name, a hyphenated name, two titles of one person
    ("Anna Keller had a telephone conversation with President of the Marvanian Republic Luka "
     "Berant. The two presidents reaffirmed their support for the pact.",
     "their support for the pact", "Anna Keller and Luka Berant"),
    ("Anna Keller had a telephone conversation with President of the Republic of Tarvenia "
     "Jan-Erik Solvang. The presidents agreed to keep in touch.",
     "to keep in touch", "Anna Keller and Jan-Erik Solvang"),
    ("Anna Keller had a phone conversation with Chairperson of the Coastal League, "
     "President of the Republic of Ardania Oumar Delmas. The leaders agreed to keep in touch.",
     "to keep in touch", "Anna Keller and Oumar Delmas"),
    # "During the conversation, X and Y ...": the coordinated subject; X is the principal
    ("During the telephone conversation, Prime Minister John Carter and President Maria "
     "Santos exchanged greetings. It was emphasised that the bridge will open in May.",
     "the bridge will open in May", "John Carter"),
    # a meeting of delegations: the countries as the readout names them
    ("Talks between the delegations of Norway and Chile took place in Oslo. The parties "
     "agreed that fishing quotas would be reviewed.",
     "fishing quotas would be reviewed", "Norway and Chile"),
    ("Representatives of Canada and Mexico met in Ottawa on Tuesday. The talks were "
     "productive, underscoring a shared commitment to open markets.",
     "a shared commitment to open markets", "Canada and Mexico"),
]


@pytest.mark.parametrize("text,content,speaker", CASES)
def test_readout_sentences_speak_for_the_participants(nlp, text, content, speaker):
    st = toolkit.parse(text, published="2024-05-02", nlp=nlp).statements
    rows = st[st.content == content]
    assert len(rows) == 1, st[["speaker", "cue", "content"]]
    assert rows.speaker.iloc[0] == speaker


def test_a_joint_speaker_has_the_participants_ids(nlp):
    st = toolkit.parse(CALL, published="2024-05-02", nlp=nlp).statements
    row = st[st.content == "rising food prices"].iloc[0]
    assert row.speaker_id == "john-carter+maria-santos"
    assert row.speaker_text == "The parties"


NOT_READOUTS = [
    # people met in passing are not a readout's participants: "they" are the reporters
    ("The finance minister met reporters in Rome. They asked whether taxes would rise.",
     "taxes would rise", "finance minister and reporters"),
    # a topic meeting inside the sentence is not the meeting the readout reports
    ("Prime Minister John Carter had a telephone conversation with President Maria Santos. "
     "The leaders discussed the outcome of talks between Norway and Chile. The parties "
     "agreed that the talks were useful.",
     "the talks were useful", "Norway and Chile"),
]


@pytest.mark.parametrize("text,content,wrong", NOT_READOUTS)
def test_other_meetings_do_not_become_speakers(nlp, text, content, wrong):
    st = toolkit.parse(text, published="2024-05-02", nlp=nlp).statements
    rows = st[st.content == content]
    assert len(rows) == 1, st[["speaker", "cue", "content"]]
    assert str(rows.speaker.iloc[0]) != wrong


PREDICATE_CUES = [
    # predicate cues of readouts: "was critical of", "was clear that"; not without content
    ("The Chancellor was critical of the new tariffs.", "be critical", "the new tariffs"),
    ("The minister was clear that the border would stay open.", "be clear",
     "the border would stay open"),
    ("It is clear that the deal will fail.", None, None),
    ("The reasons for the delay are clear.", None, None),
    ("Fresh water is critical for the region.", None, None),
]


@pytest.mark.parametrize("text,cue,content", PREDICATE_CUES)
def test_predicate_cues_are_statements_only_with_a_content(nlp, text, cue, content):
    st = toolkit.parse(text, published="2024-05-02", nlp=nlp).statements
    if cue is None:
        assert st.empty, st[["speaker", "cue", "content"]]
    else:
        assert list(zip(st.cue, st.content)) == [(cue, content)]
