"""Pass 4 of the actor resolver: a leader noun naming its body ("the union chief", "the SEIU
chief") is the last person named before it whose role, affiliation or title names that body."""

import pytest

from toolkit.actors import extract_actors
from toolkit.statements import extract_statements


def _speakers(nlp, text):
    doc = nlp(text)
    return [s.speaker for s in extract_statements(doc, resolver=extract_actors(doc).resolver)]


@pytest.mark.parametrize("text, speaker", [
    ("SEIU President Mary Kay Henry endorsed Clinton on Monday. The SEIU chief said the union "
     "would campaign hard.", "Mary Kay Henry"),
    ("Ann Porter, the president of the National Nurses Union, endorsed "
     "Whitaker. The union chief said members would campaign hard.", "Ann Porter"),
    # a body nobody named leads stays an unnamed source
    ("Mary Kay Henry endorsed Clinton. The agency chief said the rules would change.", "agency chief"),
])
def test_leader_noun_to_named_leader(nlp, text, speaker):
    assert _speakers(nlp, text)[-1] == speaker
