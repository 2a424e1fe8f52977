"""Pass 3 of the actor resolver and the speaker of a statement: a possessor inside an
apposition or a relative clause is never the speaker; a person's campaign speaks as an
organisation."""

import pytest

from toolkit.actors import extract_actors
from toolkit.statements import extract_statements


def _speakers(nlp, text):
    doc = nlp(text)
    return [s.speaker for s in extract_statements(doc, resolver=extract_actors(doc).resolver)]


@pytest.mark.parametrize("text, speaker", [
    ("Mark Ellison, who's running Laura Whitaker's fundraising drive, said the plan worked.",
     "Mark Ellison"),
    ("Tom Kessler, a spokesman for Mrs. Whitaker, said the files were private.", "Tom Kessler"),
    ("A spokesman for Mrs. Whitaker, Tom Kessler, said the files were private.", "Tom Kessler"),
    ("Paul Renner spoke on Monday. Renner, who now chairs Laura Whitaker's "
     "Senate campaign, said the deal was good.", "Paul Renner"),
    # the owner of the words does speak: "Peskov's statement"
    ("Dmitry Peskov's statement said the talks would continue.", "Dmitry Peskov"),
])
def test_possessor_in_apposition_is_not_the_speaker(nlp, text, speaker):
    assert _speakers(nlp, text)[-1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("John Kasich spoke in Ohio. Kasich's campaign said the vote was rigged.", "Kasich campaign"),
    ("John Kasich spoke in Ohio. Kasich's team said the vote was rigged.", "Kasich team"),
])
def test_campaign_speaks_as_organisation(nlp, text, speaker):
    doc = nlp(text)
    res = extract_actors(doc)
    st = extract_statements(doc, resolver=res.resolver)
    assert st[-1].speaker == speaker
    assert st[-1].speaker_kind == "organization"
