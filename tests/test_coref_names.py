"""Pass 2 of the actor resolver: name variants (surnames, middle initials, acronyms, first
words of organisation names, "the budget office") join the actor the article names in full;
a dictionary entry claims a bare surname only where the article supports it."""

import pytest

from toolkit.actors import extract_actors
from toolkit.actors.variants import name_parts


def _ids(nlp, text):
    """(mention text, actor_id) of every mention, in text order."""
    return [(m.text, m.actor_id) for m in extract_actors(nlp(text)).mentions]


@pytest.mark.parametrize("text, word, actor_id", [
    # a surname the parser misses, or tags as an organisation, joins the full name
    ("Former pitcher Curt Schilling was fired by the network on Wednesday. Schilling said he "
     "was sorry.", "Schilling", "curt-schilling"),
    ("New Jersey Gov. Chris Christie spoke on Monday. Christie said the plan worked.",
     "Christie", "chris-christie"),
    ("Cecile Richards, the president of Planned Parenthood, spoke on Friday. Richards said the "
     "laws were harmful.", "Richards", "cecile-richards"),
    # a middle initial does not make another person
    ("Robert S. Mueller met reporters on Monday. Robert Mueller said the inquiry was over.",
     "Robert Mueller", "robert-s-mueller"),
    # an acronym and the first word of an organisation's name
    ("The Congressional Budget Office released its outlook on Monday. CBO said costs rose.",
     "CBO", "congressional-budget-office"),
    ("A Fox News poll found the senator ahead. Fox said the margin was small.", "Fox", "fox-news"),
    # a definite noun phrase that ends the name of one organisation
    ("The Congressional Budget Office released its outlook on Monday. The budget office said "
     "the deficit would grow.", "budget office", "congressional-budget-office"),
])
def test_variant_joins_full_name(nlp, text, word, actor_id):
    ids = _ids(nlp, text)
    later = [aid for t, aid in ids if t == word]
    assert later and later[-1] == actor_id, ids


def test_two_people_sharing_a_surname_stay_two(nlp):
    text = "Gary Suter and his brother Bob Suter coached the team. Bob Suter said the season was long."
    res = extract_actors(nlp(text))
    assert {a.actor_id for a in res.actors if a.kind == "person"} == {"gary-suter", "bob-suter"}
    assert [m.actor_id for m in res.mentions if m.text == "Bob Suter"] == ["bob-suter", "bob-suter"]


@pytest.mark.parametrize("text, absent, present", [
    # an accountant called Johnson is not the famous Johnson of the dictionary
    ("Johnson, the clinic's accountant, said the books were in order.", "boris-johnson", "johnson"),
    # a title that fits the dictionary person's office does claim the surname
    ("Prime Minister Johnson said the books were in order.", None, "boris-johnson"),
])
def test_dictionary_claims_only_supported_surnames(nlp, text, absent, present):
    ids = {a.actor_id for a in extract_actors(nlp(text)).actors}
    assert present in ids, ids
    assert absent is None or absent not in ids, ids


@pytest.mark.parametrize("words, parts", [
    (["Robert", "S.", "Mueller", "Jr."], ("robert", "mueller", ("s",))),
    (["Mrs.", "Hillary", "Clinton"], ("hillary", "clinton", ())),
    (["Mr.", "Comey"], None),
])
def test_name_parts(words, parts):
    assert name_parts(words) == parts


@pytest.mark.parametrize("text, actor_id", [
    # a headline gives the surname before the article gives the full name: the actor is
    # still named in full
    ("Whitaker, the surprise populist\n\nThe candidate who cares most about trade is Laura "
     "Whitaker.\n\nWhitaker said the deal was bad.", "laura-whitaker"),
])
def test_surname_before_the_full_name_takes_the_full_name(nlp, text, actor_id):
    res = extract_actors(nlp(text))
    assert [a.actor_id for a in res.actors if a.kind == "person"] == [actor_id]
    assert {m.actor_id for m in res.mentions if "Whitaker" in m.text} == {actor_id}


@pytest.mark.parametrize("text, word", [
    # a first name NER leaves untagged or mislabels is a person where it acts as one
    ("Alan had to choose between Gloria and Rita. In the end Alan chose Gloria over Rita.", "Rita"),
    ("Emmie sang and Paola played the piano, with Suzanne on drums.", "Paola"),
])
def test_untagged_first_names_are_people(nlp, text, word):
    res = extract_actors(nlp(text))
    assert any(m.text == word for m in res.mentions), res.mentions
    assert [a.kind for a in res.actors if a.name == word] == ["person"]


@pytest.mark.parametrize("text, word", [
    # a month, a place or a common word is not a person because it is also a first name
    ("Sales rose in May, and the mayor of Florence said prices would fall.", "May"),
    ("Rates will rise in June, the bank said, and fall again by April.", "April"),
])
def test_first_name_words_that_are_not_people(nlp, text, word):
    res = extract_actors(nlp(text))
    assert not any(a.name == word and a.kind == "person" for a in res.actors), res.actors


@pytest.mark.parametrize("text, word, pronoun", [
    # a one-word surname opening a sentence, the subject of its verb, is a person
    ("Kovalchek was elected to the council in 1998. He served two terms.", "Kovalchek", "He"),
    ("Marbury was traded to the Kings in 1985. She retired a year later.", "Marbury", "She"),
    # a surname NER left untagged, the subject of a verb, is a person too
    ("Despite the early losses, Trelawny remained loyal to the club, and he later coached it.",
     "Trelawny", "he"),
    # a first name NER took for a place, used as an object, is a person
    ("Olivia urges Bridget to come home before her mother finds out.", "Bridget", "her"),
])
def test_bare_surname_subject_is_a_person(nlp, text, word, pronoun):
    ids = dict(_ids(nlp, text))
    assert ids.get(word) and ids.get(pronoun) == ids[word], ids


@pytest.mark.parametrize("text, word", [
    # a capitalised common noun opening a sentence, with no person pronoun near, is no actor
    ("Gunfire was heard in the capital. Officials said the streets were empty.", "Gunfire"),
])
def test_sentence_initial_common_noun_is_no_person(nlp, text, word):
    assert word not in dict(_ids(nlp, text))
