"""Pass 5's learned ranker: the weights file, and the choices a reader relies on (gender,
parallel roles, binding, a pronoun before its name)."""

import math

import pytest

from toolkit.actors import extract_actors, ranker


def _pronoun_ids(nlp, text):
    """(pronoun, actor_id) of every resolved pronoun, in text order."""
    return [(m.text, m.actor_id) for m in extract_actors(nlp(text)).mentions if m.how == "pronoun"]


def test_the_weights_file_names_every_feature_and_its_training_data():
    w = ranker.weights()
    assert list(w) == list(ranker.FEATURES)
    assert all(math.isfinite(x) for x in w.values())
    assert sum(1 for x in w.values() if x) >= len(w) - 2  # trained, not a placeholder
    head = ranker.WEIGHTS_FILE.read_text(encoding="utf-8")
    assert "GAP development" in head and "Apache 2.0" in head


def test_an_unknown_feature_in_a_weights_file_is_an_error(tmp_path):
    p = tmp_path / "w.yaml"
    p.write_text("weights:\n  parallel: 1.0\n  shoe_size: 2.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shoe_size"):
        ranker.weights(p)


def test_trace_records_the_candidates_of_each_ranked_pronoun(nlp):
    with ranker.trace() as log:
        extract_actors(nlp("Paul Grant met Tom Hale in Leeds. He was late."))
    assert len(log) == 1
    i, X, keys, starts = log[0]
    assert X.shape == (len(keys), len(ranker.FEATURES)) and set(keys) == {"paul-grant", "tom-hale"}


@pytest.mark.parametrize("text, pronoun, actor_id", [
    # gender: "she" and "him" each go to the one person who agrees
    ("Paul Grant met Anna Cole at the station. She gave him a ticket.", "She", "anna-cole"),
    ("Paul Grant met Anna Cole at the station. She gave him a ticket.", "him", "paul-grant"),
    # parallel roles: a subject pronoun takes the subject of the sentence before
    ("Mark Stone hired Peter Hill in 2004. He later sold the firm.", "He", "mark-stone"),
    # binding: an object pronoun is never the subject of its own clause
    ("Peter Hill said that John Marsh had hired him.", "him", "peter-hill"),
    # ... but a possessive may be ("Cole lost her passport": Cole's)
    ("Maria Lopez visited Anna Cole in Madrid. Cole lost her passport there.", "her", "anna-cole"),
    # a pronoun before its name, in a phrase before the main verb
    ("In his first season, Mark Dale scored ten goals.", "his", "mark-dale"),
])
def test_ranker_choices(nlp, text, pronoun, actor_id):
    ids = _pronoun_ids(nlp, text)
    assert (pronoun, actor_id) in ids, ids


@pytest.mark.parametrize("text, pronoun, actor_id", [
    # a person to whom a pronoun of the other gender is already bound is a poor antecedent
    ("Pat Moore thanked Chris Lane. His speech was short. Later she praised the crew.",
     "she", "pat-moore"),
    ("Pat Moore thanked Chris Lane. His speech was short. Later she praised the crew.",
     "His", "chris-lane"),
])
def test_pronouns_already_bound_inform_gender(nlp, text, pronoun, actor_id):
    ids = _pronoun_ids(nlp, text)
    assert (pronoun, actor_id) in ids, ids


def test_her_features_fire_only_for_her(nlp):
    k = ranker.FEATURES.index("her_to_subject")
    with ranker.trace() as log:
        extract_actors(nlp("Anna Cole met Rita Diaz. Later she sold her house. Paul Grant met "
                           "Tom Hale. He sold his house."))
    fired = {X[:, k].any() for _, X, _, _ in log}
    assert fired == {True, False}, log
