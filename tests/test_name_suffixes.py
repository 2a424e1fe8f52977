"""Generational suffixes and middle initials: "X Jr." / "X Sr." / "X II" / "X III" is another
person than "X", in one article (toolkit.actors) and across a corpus (toolkit.identity);
"George W. Bush" is not "George H. W. Bush"; "Robert S. Mueller" is "Robert Mueller"."""

import pandas as pd
import pytest

import toolkit
from toolkit import identity as I
from toolkit.actors import extract_actors
from toolkit.actors.variants import name_suffix
from toolkit.ingest import ArticleInput

FATHER_AND_SON = ("President Donald Trump praised his eldest son on Monday. Donald Trump Jr. "
                  "said the campaign was strong. Trump Jr. thanked the voters in Ohio. "
                  "Trump said he was proud of the result.")
INVENTED_FAMILY = ("Harold Brandt Sr. founded the mill in 1961. His son, Harold Brandt Jr., "
                   "runs it today. Brandt Jr. said the mill would stay open.")


def _ids(nlp, text):
    """Mention text (without a final dot) -> actor ids it was given in the article."""
    out = {}
    for m in extract_actors(nlp(text)).mentions:
        out.setdefault(m.text.rstrip("."), set()).add(m.actor_id)
    return out


@pytest.mark.parametrize("words, suffix", [
    (["Donald", "Trump", "Jr."], "jr"),
    (["Harold", "Brandt", "Sr"], "sr"),
    (["John", "Smith", "III"], "iii"),
    (["John", "Smith", "Jr.", "PhD"], "jr"),   # a degree after it
    (["Robert", "S.", "Mueller"], ""),
    (["Jane", "Doe", "PhD"], ""),             # a degree names no other person
])
def test_name_suffix(words, suffix):
    assert name_suffix(words) == suffix


def test_father_and_son_in_one_article(nlp):
    ids = _ids(nlp, FATHER_AND_SON)
    father, son = ids["Donald Trump"], ids["Donald Trump Jr"]
    assert father != son and len(father) == len(son) == 1
    assert ids["Trump Jr"] == son            # surname and suffix: the son
    assert ids["Trump"] == father             # a bare surname: the one named without a suffix


def test_sr_and_jr_of_a_family_outside_the_dictionary(nlp):
    ids = _ids(nlp, INVENTED_FAMILY)
    assert ids["Harold Brandt Sr"] != ids["Harold Brandt Jr"]
    assert ids["Brandt Jr"] == ids["Harold Brandt Jr"]


def test_bare_surname_takes_the_only_suffixed_holder(nlp):
    ids = _ids(nlp, "Martin Luther King Jr. spoke in Washington in 1963. King said he had a dream.")
    assert ids["King"] == ids["Martin Luther King Jr"]


@pytest.mark.parametrize("text, a, b, same", [
    ("George W. Bush met George H. W. Bush in Texas on Sunday.", "George W. Bush", "George H. W. Bush", False),
    ("Robert S. Mueller testified on Monday. Later Robert Mueller said the report was clear.",
     "Robert S. Mueller", "Robert Mueller", True),
])
def test_middle_initials_in_one_article(nlp, text, a, b, same):
    ids = _ids(nlp, text)
    assert (ids[a] == ids[b]) is same


@pytest.mark.parametrize("a, b, same", [
    ("Donald Trump Jr.", "Donald Trump", False),
    ("Harold Brandt Sr.", "Harold Brandt Jr.", False),
    ("John Smith III", "John Smith", False),
    ("George W. Bush", "George H. W. Bush", False),
    ("Robert S. Mueller", "Robert Mueller", True),
    ("Jane Doe, PhD", "Jane Doe", True),
])
def test_names_across_articles(a, b, same):
    rows = [{"article_id": art, "actor_id": I.slug(n), "name": n, "kind": "person", "role": None,
             "affiliation": None, "country": None, "n_mentions": 1} for art, n in (("x", a), ("y", b))]
    ident = I.resolve_identity(pd.DataFrame(rows))

    def new(art, n):
        return ident.changes.get((art, I.slug(n)), (I.slug(n),))[0]
    assert (new("x", a) == new("y", b)) is same


def test_surname_with_suffix_across_articles():
    rows = [("x", "Donald Trump Jr."), ("x", "Trump Jr."), ("y", "Donald Trump"), ("z", "Trump Jr.")]
    ident = I.resolve_identity(pd.DataFrame(
        [{"article_id": a, "actor_id": I.slug(n), "name": n, "kind": "person", "n_mentions": 1} for a, n in rows]))
    assert ident.changes[("x", "trump-jr")][0] == "donald-trump-jr"   # the article names him in full
    assert ("z", "trump-jr") not in ident.changes                     # never "Donald Trump"
    assert [u.candidates for u in ident.unsupported] == [("Donald Trump Jr.",)]


@pytest.fixture(scope="module")
def two_articles(nlp):
    texts = ["Donald Trump Jr. spoke at a rally in Ohio on Monday. Trump Jr. said turnout was high.",
             "President Donald Trump signed the bill on Tuesday. Trump said it would pass easily."]
    return toolkit.parse_many([ArticleInput(text=t, article_id=f"s{i}", published="2024-03-04")
                               for i, t in enumerate(texts, 1)], nlp=nlp)


def test_corpus_keeps_father_and_son_apart(two_articles):
    st = two_articles.statements
    speakers = dict(zip(st["article_id"], st["speaker_id"]))
    assert speakers["s1"] != speakers["s2"]
    actors = two_articles.actors
    names = set(actors.loc[actors["kind"] == "person", "name"])
    assert {"Donald Trump Jr.", "Donald Trump"} <= names
