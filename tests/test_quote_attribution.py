"""Who a quotation belongs to: the words after its closing mark (an attribution, or a new
sentence) and a speaker named before a colon ("Ann Lee: “...”")."""

import pytest

from toolkit.statements import extract_statements


def _speeches(nlp, text):
    return [s for s in extract_statements(nlp(text)) if s.kind == "speech"]


def _of_quote(nlp, text, words):
    """Statements whose content holds ``words``."""
    return [s for s in _speeches(nlp, text) if words in s.content]


# A quotation that ends its sentence, then a sentence whose verb has an object or clause of
# its own: that sentence is news, not who said the quotation.
NEW_SENTENCE_CASES = [
    "The survey has run for a decade. “We will not sign this.” Lee and Ortiz run the survey together.",
    "The talks stalled in March. “Nobody wants another delay!” Marta Diaz wants a deal by June.",
    "The plant closed last year. “It was the only job in town.” Workers found new posts in Leeds.",
]


@pytest.mark.parametrize("text", NEW_SENTENCE_CASES)
def test_next_sentence_with_its_own_object_is_not_the_attribution(nlp, text):
    quoted = text.split("“")[1].split("”")[0].rstrip(".!?")
    for s in _of_quote(nlp, text, quoted):
        assert s.speaker_text is None or s.speaker_text not in text.split("”")[1], s


# The same shapes that stay attributions: a bare verb, a verb with its addressee, a
# verb-first attribution followed by more.
ATTRIBUTION_CASES = [
    ("“We will not sign this,” Lee said.", "Lee", "say"),
    ("“We will not sign this.” Lee said.", "Lee", "say"),
    ("“We will not sign this.” Lee told reporters on Monday.", "Lee", "tell"),
    ("“We will not sign this.” said Lee, adding that talks would go on.", "Lee", "say"),
    ("“We will not sign this!” Lee wrote in a post on Monday.", "Lee", "write"),
]


@pytest.mark.parametrize("text,speaker,cue", ATTRIBUTION_CASES)
def test_attribution_after_the_quotation_is_kept(nlp, text, speaker, cue):
    got = _of_quote(nlp, text, "We will not sign this")
    assert [(s.speaker, s.cue) for s in got] == [(speaker, cue)]


# "Name: “...”" in the middle of an article, with or without a role: cue ":".
COLON_CASES = [
    ("The board met on Monday. Ann Lee: “Nobody expected the numbers to move that fast.”", "Ann Lee"),
    ("The board met on Monday. Pollster Ann Lee: “Nobody expected the numbers to move that fast.”",
     "Ann Lee"),
    ("The board met on Monday. Ann Lee, the pollster: “Nobody expected the numbers to move that fast.”",
     "Ann Lee"),
    ("Turnout fell again.\n\nGeorge Mills, a county clerk: “We had lines out the door all morning.”",
     "George Mills"),
]


@pytest.mark.parametrize("text,speaker", COLON_CASES)
def test_name_before_colon_is_the_speaker(nlp, text, speaker):
    quoted = text.split("“")[1].split("”")[0].rstrip(".")
    got = _of_quote(nlp, text, quoted)
    assert [(s.speaker, s.cue, s.mode) for s in got] == [(speaker, ":", "direct")]


# A colon after words that name no one introduces no speaker.
NO_SPEAKER_CASES = [
    "The board met on Monday. The result: “Nobody expected the numbers to move that fast.”",
    "The board met on Monday. On Monday: “Nobody expected the numbers to move that fast.”",
    "The board met on Monday. Update: “Nobody expected the numbers to move that fast.”",
]


@pytest.mark.parametrize("text", NO_SPEAKER_CASES)
def test_colon_without_a_name_gives_no_speaker(nlp, text):
    assert not [s for s in _speeches(nlp, text) if s.cue == ":"]


def test_strange_text_does_not_crash(nlp):
    for text in [": “", "Lee: “", "“.” Lee runs it.", "A: “” B: “x y z w”", "“!!!” ::: “?”"]:
        extract_statements(nlp(text))


def test_name_and_colon_before_a_quoted_paragraph(nlp):
    text = "The council met on Monday.\n\nAnn Lee, a clerk:\n\n“The books are in order, and nobody took a cent.”"
    found = _of_quote(nlp, text, "The books are in order")
    assert [(s.speaker, s.cue) for s in found] == [("Ann Lee", ":")]
