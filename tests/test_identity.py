"""Actor identity across a corpus (toolkit.identity): hand-made tables and one tiny corpus
of invented articles."""

import pandas as pd
import polars as pl
import pytest

import toolkit
from toolkit import identity as I
from toolkit.ingest import ArticleInput


def actors(*rows):
    """An actors table from (article_id, name, kind[, n_mentions]) rows; ids are slugs."""
    recs = [{"article_id": r[0], "actor_id": I.slug(r[1]), "name": r[1], "kind": r[2],
             "role": None, "affiliation": None, "country": None, "n_mentions": r[3] if len(r) > 3 else 1}
            for r in rows]
    return pd.DataFrame(recs)


def new_id(identity, article_id, name):
    """The corpus actor id of ``name`` in ``article_id`` after identity."""
    return identity.changes.get((article_id, I.slug(name)), (I.slug(name), name))[0]


# --------------------------------------------------------------------------- name variants


@pytest.mark.parametrize("a, b, same", [
    (("Robert S. Mueller", "person"), ("Robert Mueller", "person"), True),        # middle initial
    (("Mary Kay Henry", "person"), ("Mary Henry", "person"), True),               # middle name
    (("Robert S. Mueller", "person"), ("Robert T. Mueller", "person"), False),    # other initial
    (("Mrs. Jane Doe", "person"), ("Jane Doe", "person"), True),                  # title
    (("Martin Luther Jr.", "person"), ("Martin Luther", "person"), False),        # generational suffix: another person
    (("Jane Doe, PhD", "person"), ("Jane Doe", "person"), True),                  # a degree is dropped
    (("U.N.", "organization"), ("United Nations", "organization"), True),         # acronym with dots
    (("UN", "organization"), ("United Nations", "organization"), True),           # acronym
    (("TPP", "organization"), ("Trans-Pacific Partnership", "organization"), True),
    (("Department of State", "organization"), ("State Department", "organization"), True),
    (("the Sierra Club", "organization"), ("Sierra Club", "organization"), True),
    (("Jane Doe", "person"), ("John Doe", "person"), False),                      # other first name
    (("UN", "organization"), ("Uganda", "country"), False),                       # one word: no acronym
    (("S.C.", "location"), ("Supreme Court", "organization"), False),             # a place is no body
])
def test_variants_across_articles(a, b, same):
    ident = I.resolve_identity(actors(("x",) + a, ("y",) + b))
    assert (new_id(ident, "x", a[0]) == new_id(ident, "y", b[0])) is same


def test_canonical_name_is_the_full_form_without_initial():
    ident = I.resolve_identity(actors(("x", "Robert S. Mueller", "person", 9), ("y", "Robert Mueller", "person", 1)))
    assert set(ident.changes.values()) == {("robert-mueller", "Robert Mueller")}


def test_acronym_of_two_full_names_stays_apart_and_is_reported():
    ident = I.resolve_identity(actors(("x", "AP", "organization"), ("y", "Associated Press", "organization"),
                                      ("z", "American Pharmacists", "organization")))
    assert ("x", "ap") not in ident.changes
    assert [(a.name, a.candidates) for a in ident.ambiguous] == [("AP", ("American Pharmacists", "Associated Press"))]


# --------------------------------------------------------------------------- surnames


def mentions(*rows):
    """A mentions table from (article_id, actor_id, text, start_char) rows."""
    return pd.DataFrame({"article_id": [r[0] for r in rows], "actor_id": [r[1] for r in rows],
                         "text": [r[2] for r in rows], "start_char": [r[3] for r in rows],
                         "end_char": [r[3] + len(r[2]) for r in rows], "sent_id": [0] * len(rows),
                         "how": ["pronoun" if r[2].islower() else "name" for r in rows]})


def test_surname_the_article_gives_no_support_for_stays_apart_and_is_reported():
    ident = I.resolve_identity(actors(("x", "Margaret Holloway", "person"), ("y", "Holloway", "person"),
                                      ("x", "Dan Ortiz", "person"), ("z", "Ortiz", "person")))
    assert ("y", "holloway") not in ident.changes
    assert [(a.name, a.candidates, a.articles) for a in ident.unsupported] == [
        ("Holloway", ("Margaret Holloway",), ("y",)), ("Ortiz", ("Dan Ortiz",), ("z",))]
    assert not ident.ambiguous


@pytest.mark.parametrize("text_y, role_x, role_y, joined", [
    ("Sen. Holloway said so.", "Senator", None, True),           # a title that fits her role
    ("Senator Holloway said so.", None, None, False),            # a title she is not known by
    ("Holloway said so.", "state senator", "Senator", True),     # a role that fits
    ("Holloway said so.", "senator", "accountant", False),       # a role that does not fit
    ("Mrs. Holloway said so.", None, None, True),                # her gender ("Margaret"), a title
    ("Mr. Holloway said so.", None, None, False),                # the other gender
    ("Holloway, the clinic's accountant, said so.", "Senator", None, False),   # an apposition
    ("Holloway, a senator from Ohio, said so.", "Senator", None, True),
])
def test_surname_joins_another_articles_full_name_only_with_a_title_or_role_that_fits(
        text_y, role_x, role_y, joined):
    acts = actors(("x", "Margaret Holloway", "person"), ("y", "Holloway", "person"))
    acts["role"] = [role_x, role_y]
    start = text_y.index("Holloway")
    ident = I.resolve_identity(acts, mentions(("y", "holloway", "Holloway", start)),
                               texts={"x": "", "y": text_y})
    assert (("y", "holloway") in ident.changes) is joined


def test_a_rank_fits_only_the_same_rank():
    acts = actors(("x", "Mohammed bin Salman", "person"), ("y", "Salman", "person"))
    acts["role"] = ["Crown Prince", None]
    ident = I.resolve_identity(acts, mentions(("y", "salman", "Salman", 5)), texts={"x": "", "y": "King Salman said so."})
    assert ("y", "salman") not in ident.changes and not ident.unsupported   # a king is not a crown prince


def test_a_person_named_in_both_articles_is_no_support():
    # one president is named in half of a White House corpus: sharing him says little
    acts = actors(("x", "Margaret Holloway", "person"), ("x", "Joe Biden", "person"),
                  ("y", "Holloway", "person"), ("y", "Joe Biden", "person"))
    ident = I.resolve_identity(acts)
    assert ("y", "holloway") not in ident.changes
    assert [(a.name, a.articles) for a in ident.unsupported] == [("Holloway", ("y",))]


def test_two_clintons_stay_apart_and_the_ambiguity_is_reported():
    ident = I.resolve_identity(actors(("x", "Hillary Clinton", "person"), ("y", "Bill Clinton", "person"),
                                      ("z", "Clinton", "person")))
    assert ("z", "clinton") not in ident.changes
    assert [(a.name, a.candidates, a.articles) for a in ident.ambiguous] == [
        ("Clinton", ("Bill Clinton", "Hillary Clinton"), ("z",))]


def test_surname_prefers_the_full_name_of_its_own_article():
    ident = I.resolve_identity(actors(("x", "Hillary Clinton", "person"), ("x", "Clinton", "person"),
                                      ("y", "Bill Clinton", "person")))
    assert ident.changes[("x", "clinton")] == ("hillary-clinton", "Hillary Clinton")
    assert not ident.ambiguous and not ident.unsupported


def test_title_gender_picks_between_two_candidates():
    acts = actors(("x", "Hillary Clinton", "person"), ("y", "Bill Clinton", "person"), ("z", "Clinton", "person"))
    ments = mentions(("x", "hillary-clinton", "she", 30), ("y", "bill-clinton", "he", 40),
                     ("z", "clinton", "Clinton", 5))
    ident = I.resolve_identity(acts, ments, texts={"x": "", "y": "", "z": "Mrs. Clinton said so."})
    assert ident.changes[("z", "clinton")] == ("hillary-clinton", "Hillary Clinton")
    ident = I.resolve_identity(acts, ments, texts={"x": "", "y": "", "z": "Dr. Clinton said so."})
    assert [a.name for a in ident.ambiguous] == ["Clinton"]           # no gender: both fit


def test_organisation_tagged_surname_needs_person_evidence_to_join_across_articles():
    acts = actors(("x", "Bill Gates", "person"), ("y", "Gates", "organization"))
    ident = I.resolve_identity(acts)
    assert ("y", "gates") not in ident.changes and not ident.unsupported   # not a candidate
    he = mentions(("y", "gates", "Gates", 4), ("y", "gates", "he", 30))
    ident = I.resolve_identity(acts, he, texts={"x": "", "y": "The Gates said so."})
    assert ("y", "gates") not in ident.changes                          # "he": a person, no support
    assert [a.name for a in ident.unsupported] == ["Gates"]
    ident = I.resolve_identity(acts, he, texts={"x": "", "y": "Mr. Gates said so."})
    assert ident.changes[("y", "gates")] == ("bill-gates", "Bill Gates")   # a title of his gender


# --------------------------------------------------------------------------- user rules


def test_user_merge_and_split():
    acts = actors(("x", "Hillary Clinton", "person"), ("y", "HRC", "organization"),
                  ("z", "Boris Johnson", "person"), ("w", "Johnson", "person"))
    acts["role"] = [None, None, "Prime Minister", "the prime minister"]
    ident = I.resolve_identity(acts, rules={"merge": {"Hillary Clinton": ["HRC"]}, "split": ["Johnson"]})
    assert ident.changes[("y", "hrc")] == ("hillary-clinton", "Hillary Clinton")
    assert ("w", "johnson") not in ident.changes
    assert I.resolve_identity(acts).changes[("w", "johnson")] == ("boris-johnson", "Boris Johnson")


def test_rules_file_is_read_and_errors_name_the_file(tmp_path):
    good = tmp_path / "ids.yaml"
    good.write_text("merge:\n  United Nations: [UNO]\nsplit: [Johnson]\n", encoding="utf-8")
    rules = I.read_identity_rules(good)
    assert rules.merge == (("United Nations", ("UNO",)),) and rules.split == frozenset({"johnson"})
    bad = tmp_path / "bad.yaml"
    bad.write_text("merges:\n  A: [B]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml.*unknown key 'merges'"):
        I.read_identity_rules(bad)


# --------------------------------------------------------------------------- applying, index


def test_apply_rewrites_ids_names_and_collapses_actor_rows():
    acts = actors(("x", "Hillary Clinton", "person", 3), ("x", "Clinton", "person", 2))
    st = pd.DataFrame({"article_id": ["x", "x"], "speaker": ["Clinton", "Hillary Clinton"],
                       "speaker_id": ["clinton", "hillary-clinton"]})
    ident = I.resolve_identity(acts)
    out = I.apply_identity({"actors": acts, "statements": st}, ident)
    assert out["statements"]["speaker"].tolist() == ["Hillary Clinton", "Hillary Clinton"]
    assert out["statements"]["speaker_id"].tolist() == ["hillary-clinton", "hillary-clinton"]
    assert out["actors"][["actor_id", "n_mentions"]].values.tolist() == [["hillary-clinton", 5]]
    assert st["speaker"].tolist() == ["Clinton", "Hillary Clinton"]  # input not mutated


def test_identity_is_deterministic_whatever_the_row_order():
    acts = actors(("x", "Hillary Clinton", "person"), ("y", "Clinton", "person"), ("z", "U.N.", "organization"),
                  ("w", "United Nations", "organization"), ("v", "Robert S. Mueller", "person"),
                  ("u", "Robert Mueller", "person"))
    acts["role"] = ["Democratic nominee", "the nominee"] + [None] * 4
    first = I.resolve_identity(acts)
    again = I.resolve_identity(pl.from_pandas(acts.iloc[::-1].reset_index(drop=True)))
    assert first == again and len(first.changes) == 3


def test_actor_index_counts():
    acts = actors(("x", "United Nations", "organization", 2), ("y", "United Nations", "organization", 1))
    ments = pd.DataFrame({"article_id": ["x", "x", "y"], "actor_id": ["united-nations"] * 3,
                          "text": ["United Nations", "U.N.", "it"], "start_char": [0, 30, 50],
                          "end_char": [14, 34, 52], "sent_id": [0, 1, 0], "how": ["name", "alias", "pronoun"]})
    st = pd.DataFrame({"article_id": ["x"], "speaker_id": ["united-nations"], "speaker": ["United Nations"]})
    idx = I.actor_index(acts, ments, st)
    assert list(idx.columns) == ["actor_id", "name", "aliases", "kind", "n_articles", "n_mentions", "n_statements"]
    assert idx.iloc[0].tolist() == ["united-nations", "United Nations", "U.N.", "organization", 2, 3, 1]


# --------------------------------------------------------------------------- a tiny corpus


TEXTS = [
    "Hillary Clinton said on Monday that the budget would pass. Mrs. Clinton spoke to reporters in Denver.",
    "Bill Clinton said the vote was close. Mr. Clinton later told reporters that he was confident.",
    "Mrs. Clinton said aid would arrive soon.",
    "Clinton said on Friday that the talks had failed.",
]


@pytest.fixture(scope="module")
def corpus(nlp):
    return toolkit.parse_many([ArticleInput(text=t, article_id=f"a{i}", published="2024-03-04")
                               for i, t in enumerate(TEXTS, 1)], nlp=nlp)


def _speakers(c):
    st = c.statements
    return dict(zip(st["article_id"], st["speaker"]))


def test_corpus_gives_one_id_per_real_actor(corpus, tmp_path):
    assert _speakers(corpus)["a3"] == "Hillary Clinton"          # "Mrs. Clinton": the one woman
    assert _speakers(corpus)["a4"] == "Clinton"                  # two Clintons: left apart
    assert [a.name for a in corpus.identity.ambiguous] == ["Clinton"]
    assert corpus["a3"].statements["speaker"].tolist() == ["Hillary Clinton"]   # an article: corpus ids
    idx = corpus.actor_index.set_index("actor_id")
    assert idx.loc["hillary-clinton", "n_articles"] == 2 and idx.loc["hillary-clinton", "n_statements"] == 2
    assert corpus.to_polars().actor_index.height == len(corpus.actor_index)
    corpus.write_parquet(tmp_path / "ds")                        # read back: the same identity
    back = toolkit.read_corpus(tmp_path / "ds")
    assert _speakers(back) == _speakers(corpus)
    assert back.scan("statements").collect().get_column("speaker").to_list() == corpus.statements["speaker"].tolist()


def test_corpus_with_user_rules(corpus):
    split = corpus.with_identity({"split": ["Clinton"]})
    assert _speakers(split)["a3"] == "Clinton"
    merged = corpus.with_identity({"merge": {"Hillary Clinton": ["Clinton"]}})
    assert _speakers(merged)["a4"] == "Hillary Clinton"
    assert merged.actor_index.set_index("actor_id").loc["hillary-clinton", "n_statements"] == 3
    assert _speakers(corpus)["a4"] == "Clinton"                  # the corpus itself is unchanged


CROSS_OUTLET = [
    "Hillary Clinton, the Democratic nominee, said on Monday that the budget would pass. She spoke in Denver.",
    "Mrs. Clinton said on Tuesday that the vote would be close.",
    "Clinton, the party's nominee, said on Wednesday that Tim Kaine would campaign in Ohio.",
    "Clinton said on Thursday that the talks had failed.",
    "Robert S. Mueller said the inquiry would continue.",
    "Robert Mueller said on Friday that the report was finished.",
    "Senator Ada Marsh said on Monday that the bill would pass.",
    "Sen. Marsh said on Tuesday that the vote would be close.",
    "Marsh, the clinic's accountant, said the books were in order.",
    "Marsh said the clinic would close in June.",
    "The U.N. said aid would arrive soon.",
    "The UN said on Friday that the convoy had been delayed.",
]


@pytest.fixture(scope="module")
def cross(nlp):
    return toolkit.parse_many([ArticleInput(text=t, article_id=f"b{i}", published="2024-03-04")
                               for i, t in enumerate(CROSS_OUTLET, 1)], nlp=nlp)


@pytest.mark.parametrize("article, speaker", [
    ("b2", "Hillary Clinton"),   # "Mrs.": a title of her gender ("she" in b1)
    ("b3", "Hillary Clinton"),   # a role that fits ("nominee")
    ("b4", "Clinton"),           # nothing in the article supports her: reported
    ("b5", "Robert Mueller"),    # middle initial
    ("b8", "Ada Marsh"),         # "Sen.": a title that fits "Senator Ada Marsh"
    ("b9", "Marsh"),             # an accountant is not the senator
    ("b10", "Marsh"),            # nothing in the article supports the senator: reported
    ("b11", "United Nations"),   # "U.N." and "UN": one actor
    ("b12", "United Nations"),
])
def test_corpus_joins_a_surname_only_where_its_article_supports_it(cross, article, speaker):
    assert _speakers(cross)[article] == speaker


def test_corpus_reports_the_unsupported_surname(cross):
    assert [(a.name, a.candidates, a.articles) for a in cross.identity.unsupported] == [
        ("Clinton", ("Hillary Clinton",), ("b4",)), ("Marsh", ("Ada Marsh",), ("b10",))]
    assert not cross.identity.ambiguous
    fixed = cross.with_identity({"merge": {"Hillary Clinton": ["Clinton"]}})   # the user decides
    assert _speakers(fixed)["b4"] == "Hillary Clinton"


# --------------------------------------------------------------------------- unnamed sources in rhetoric


def test_unnamed_sources_are_one_group_in_voice_share():
    from toolkit import rhetoric as R

    st = pd.DataFrame({"speaker": ["Peskov", None, "officials", "Peskov"],
                       "speaker_text": ["Peskov", "a senior official", "Officials", "he"],
                       "speaker_kind": ["person", "unnamed", "unnamed", "person"],
                       "mode": ["direct"] * 4, "cue": ["say"] * 4, "content": ["a b", "c", "d", "e"]})
    vs = R.voice_share(st)
    assert dict(zip(vs["speaker"], vs["n_statements"])) == {"Peskov": 2, R.UNNAMED: 2}
    assert R.mode_by_speaker(st).set_index("speaker").loc[R.UNNAMED, "total"] == 2
    assert R.unnamed_sources(st)["source"].tolist() == ["officials", "senior official"]
    no_kind = R.voice_share(st.drop(columns="speaker_kind"))   # without the column: as before
    assert set(no_kind["speaker"]) == {"Peskov", "officials", R.UNKNOWN}
