"""``statements.speaker_kind``: person, organization, country, group, unnamed sources, and
documents that speak for their named issuer; an unresolved pronoun is never the speaker."""

import pytest

from toolkit.actors import extract_actors
from toolkit.statements import extract_statements


def _last(nlp, text):
    doc = nlp(text)
    return extract_statements(doc, resolver=extract_actors(doc).resolver)[-1]


@pytest.mark.parametrize("text, speaker, kind", [
    ("Curt Schilling said he was sorry.", "Curt Schilling", "person"),
    ("Russia said it would respond.", "Russia", "country"),
    ("The Congressional Budget Office said costs rose.", "Congressional Budget Office", "organization"),
    ("The Russian delegation said talks would resume.", "Russian delegation", "group"),
    # unnamed sources keep their head words
    ("Critics said the plan failed.", "Critics", "unnamed"),
    ("A senior official said talks would resume.", "senior official", "unnamed"),
    ("The report said that costs rose.", "report", "unnamed"),
    # a document with a named issuer speaks for the issuer
    ("The FBI's letter said the case was closed.", "FBI", "document"),
    ("A Fox News poll found that the senator led.", "Fox News", "document"),
    ("A 2011 study by economists Laura Brandt and Samuel Ortiz found that wages fell.",
     "Laura Brandt and Samuel Ortiz", "document"),
    ("A poll released by Monmouth University found that the senator led.", "Monmouth University",
     "document"),
    # a document without a named issuer never takes a name from what it says
    ("Poll: Bernie Sanders Leads Hillary Clinton by 14 Points in New Hampshire", "Poll", "unnamed"),
])
def test_speaker_kind(nlp, text, speaker, kind):
    s = _last(nlp, text)
    assert (s.speaker, s.speaker_kind) == (speaker, kind)


@pytest.mark.parametrize("text, words, kind", [
    ("According to him, the new contract must include a clause on overtime.", "him", None),
    # the writer's "we" in an unsigned piece: an unnamed source (with an author, the author)
    ("We said the plan would fail.", "We", "unnamed"),
])
def test_unresolved_pronoun_is_not_a_speaker(nlp, text, words, kind):
    s = _last(nlp, text)
    assert s.speaker is None and s.speaker_kind == kind
    assert s.speaker_text == words
