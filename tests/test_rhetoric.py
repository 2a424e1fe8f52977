"""Rhetoric: per-statement features, contested terms, aggregations and their plots."""

import json

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import toolkit  # noqa: E402
from toolkit import plots, rhetoric  # noqa: E402

PUB = "2025-05-30"


def _features(nlp, text):
    art = toolkit.parse(text, published=PUB, nlp=nlp)
    # attributions: the beliefs ("believes that": stance tentative) are not statements
    assert len(art.attributions) == 1, art.attributions[["cue", "content"]]
    return rhetoric.statement_features(art.attributions).iloc[0]


# ---------------------------------------------------------------- lexicon features on parsed sentences

@pytest.mark.parametrize("text,column,expected", [
    # hedges and boosters: the words, in text order
    ("Peskov said that the talks may possibly resume next week.", "hedges", "may; possibly"),
    ("Peskov said that Moscow was not ruling out a ceasefire.", "hedges", "not ruling out"),
    ('Lavrov said: "We will of course firmly defend our interests."', "boosters", "of course; firmly"),
    ("Erdogan said that the talks were clearly useful.", "boosters", "clearly"),
    # modal verbs; "May" the month is not one
    ("Sybiha said that Ukraine should act and must respond.", "modals", "should; must"),
    ("Peskov said that talks would resume on May 16.", "modals", "would"),
    # evaluative terms
    ("Kellogg recognized Russia's concern as legitimate.", "evaluative", "legitimate"),
    ("Sybiha said that the demands were unacceptable and futile.", "evaluative", "unacceptable; futile"),
    # reporting stance implied by the cue class
    ("Peskov claimed that the sanctions had failed.", "stance", "distancing"),
    ("Peskov insisted that the sanctions had failed.", "stance", "emphatic"),
    ("Peskov admitted that the sanctions had failed.", "stance", "concessive"),
    ("Peskov denied that the sanctions had failed.", "stance", "oppositional"),
    ("Peskov revealed that the sanctions had failed.", "stance", "factive"),
    ("Peskov believes that the sanctions had failed.", "stance", "tentative"),
    ("Peskov said that the sanctions had failed.", "stance", "neutral"),
])
def test_lexicon_words_and_stance(nlp, text, column, expected):
    assert _features(nlp, text)[column] == expected


@pytest.mark.parametrize("text,negated", [
    ("Zelenskyy said that Russia did not want peace.", True),
    ("Zelenskyy said that Russia never wanted peace.", True),
    ("Zelenskyy said that Russia wanted peace.", False),
])
def test_negation(nlp, text, negated):
    assert bool(_features(nlp, text)["negated"]) is negated


@pytest.mark.parametrize("text,sign", [
    ("Erdogan said that the talks were excellent and very productive.", 1),
    ("Sybiha said that the strikes were brutal, horrible and criminal.", -1),
])
def test_sentiment_sign(nlp, text, sign):
    assert _features(nlp, text)["sentiment"] * sign > 0.3


@pytest.mark.parametrize("text,self_ref,quoted,directness", [
    ('Lavrov said: "We will of course firmly defend our interests."', 2, 8, 1.0),
    ("Medinsky told reporters that we are ready and our delegation is in Istanbul.", 2, 0, 0.0),
    ("Peskov said the talks were \u201cvery useful\u201d for Moscow.", 0, 2, 2 / 7),
])
def test_self_reference_and_directness(nlp, text, self_ref, quoted, directness):
    f = _features(nlp, text)
    assert (f["self_reference"], f["n_quoted_words"]) == (self_ref, quoted)
    assert f["directness"] == pytest.approx(directness)


# ---------------------------------------------------------------- frame contract

FRAME = pd.DataFrame({
    "article_id": ["b", "a", "a"],
    "statement_id": [0, 1, 0],
    "speaker": ["Sybiha", "Peskov", "Peskov"],
    "cue": ["claim", "stress", "say"],
    "mode": ["indirect", "direct", "mixed"],
    "content": ["Russia may be stalling", "We will never accept it, of course", 'talks were "useful"'],
})


def test_statement_features_keys_sorted_and_no_mutation():
    before = FRAME.copy()
    f = rhetoric.statement_features(FRAME)
    pd.testing.assert_frame_equal(FRAME, before)
    assert list(f.columns) == ["article_id", "statement_id", *rhetoric.FEATURE_COLUMNS]
    assert list(zip(f["article_id"], f["statement_id"])) == [("a", 0), ("a", 1), ("b", 0)]
    assert f["cue_class"].tolist() == ["neutral", "emphatic", "distancing"]  # looked up from cue
    assert f["n_quoted_words"].tolist() == [1, 7, 0]
    assert f["boosters"].tolist() == ["", "never; of course", ""]


@pytest.mark.parametrize("drop,column", [("content", "content"), ("statement_id", "statement_id")])
def test_statement_features_missing_column(drop, column):
    with pytest.raises(ValueError, match=f"statements frame has no column '{column}'"):
        rhetoric.statement_features(FRAME.drop(columns=drop))


def test_user_word_lexicon_extends(tmp_path):
    extra = tmp_path / "words.yaml"
    extra.write_text("hedges: [stalling]\nevaluative:\n  negative: [stalling]\n", encoding="utf-8")
    f = rhetoric.statement_features(FRAME, lexicon=extra)
    assert f.loc[f["article_id"] == "b", "hedges"].item() == "may; stalling"


def test_aggregations():
    h = rhetoric.hedging_by_speaker(FRAME)
    assert h["speaker"].tolist() == ["Peskov", "Sybiha"]
    assert h["n_boosters"].tolist() == [2, 0] and h["n_hedges"].tolist() == [0, 1]
    s = rhetoric.sentiment_by_speaker(FRAME)
    assert list(s.columns[:3]) == ["speaker", "n_statements", "mean_sentiment"]
    prof = rhetoric.reporting_profile(FRAME, normalize=True)
    assert list(prof.columns) == ["speaker", "n_statements", "neutral", "emphatic", "distancing"]
    assert prof.iloc[0][["neutral", "emphatic"]].tolist() == [0.5, 0.5]
    d = rhetoric.direct_quote_share(FRAME)
    assert d[["n_direct", "n_mixed", "n_indirect"]].values.tolist() == [[1, 1, 0], [0, 0, 1]]
    assert d["quoted_word_share"].tolist() == [pytest.approx(8 / 10), 0.0]
    with pytest.raises(ValueError, match="no column 'mode'"):
        rhetoric.direct_quote_share(FRAME.drop(columns="mode"))


# ---------------------------------------------------------------- contested terms

@pytest.mark.parametrize("text,expected", [
    ("Moscow insists on special military operation, while Kyiv says invasion.",
     [("war_name", "special military operation", "RU"), ("kyiv", "Kyiv", "UA"), ("war_name", "invasion", "UA")]),
    ("Officials in Kiev spoke of the war, not of World War II.", [("kyiv", "Kiev", "RU"), ("war_name", "war", "neutral")]),
    ("He praised Crimea's reunification and the annexation.",
     [("crimea", "Crimea's reunification", "RU"), ("annexation", "annexation", "UA")]),
    ("The DPR militia and pro-Russian separatists held Donbass, not Donbas.",
     [("republics", "DPR/LPR", "RU"), ("armed_groups", "militias", "RU"), ("armed_groups", "separatists", "UA"),
      ("donbas", "Donbass", "RU"), ("donbas", "Donbas", "UA")]),
    ("A ceasefire, a truce, a peace plan or capitulation? Denazification of neo-Nazis.",
     [("ceasefire", "ceasefire", "neutral"), ("ceasefire", "truce", "neutral"), ("settlement", "peace plan", "neutral"),
      ("settlement", "capitulation", "UA"), ("nazism", "denazification", "RU"), ("nazism", "neo-Nazi", "RU")]),
    ("the dpr is lowercase here", []),
])
def test_article_terms(text, expected):
    t = rhetoric.article_terms({"x": text})
    assert list(t.columns) == list(rhetoric.TERM_COLUMNS)
    assert list(zip(t["group"], t["term"], t["side"])) == expected
    for s, e, w in zip(t["start_char"], t["end_char"], t["text"]):
        assert text[s:e] == w


def test_user_terms_lexicon(tmp_path):
    extra = tmp_path / "terms.yaml"
    extra.write_text(json.dumps({"groups": {"kyiv": {"terms": {"Kyiv": {"side": "UA", "patterns": ["Kyyiv"]}}},
                                            "gaza": {"terms": {"IDF": {"side": "IL", "case_sensitive": True}}}}}),
                     encoding="utf-8")
    t = rhetoric.article_terms([("a", "Kyyiv and Kyiv; the IDF")], lexicon=extra)
    assert t["term"].tolist() == ["Kyiv", "Kyiv", "IDF"] and t["side"].tolist() == ["UA", "UA", "IL"]


def test_term_usage_by_outlet():
    terms = rhetoric.article_terms({"a1": "Kiev, Kiev and Kyiv", "a2": "Kyiv and Donbas", "a3": "a truce"})
    arts = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"], "source": ["TASS", "Kyiv Independent", "TASS", "TASS"]})
    u = rhetoric.term_usage(terms, articles=arts)
    row = u[(u["source"] == "TASS") & (u["term"] == "Kiev")].iloc[0]
    assert (row["n"], row["n_articles"], row["share"]) == (2, 1, pytest.approx(2 / 3))
    o = rhetoric.term_usage_by_outlet(terms, arts)
    assert o["source"].tolist() == ["Kyiv Independent", "TASS"]
    assert o["n_articles"].tolist() == [1, 3]
    assert o[["n_RU", "n_UA", "n_neutral"]].values.tolist() == [[0, 2, 0], [2, 1, 1]]
    assert o["leaning"].tolist() == ["UA", "RU"]
    with pytest.raises(ValueError, match="terms frame has no column 'source'"):
        rhetoric.term_usage(terms)


# ---------------------------------------------------------------- plots

def test_rhetoric_plots():
    fig = plots.stance_heatmap(FRAME)
    assert isinstance(fig, Figure) and fig.axes[0].images[0].get_array().shape == (2, 3)
    fig = plots.sentiment_by_speaker(FRAME)
    assert len(fig.axes[0].patches) == 2
    terms = rhetoric.article_terms({"a1": "Kiev and Kyiv", "a2": "Kyiv"})
    fig = plots.term_usage(terms, pd.DataFrame({"article_id": ["a1", "a2"], "source": ["X", "Y"]}))
    assert fig.axes[0].images[0].get_array().shape == (2, 2)
    assert isinstance(plots.term_usage(terms.iloc[0:0], by="article_id"), Figure)
    assert isinstance(plots.stance_heatmap(FRAME.iloc[0:0]), Figure)


# ---------------------------------------------------------------- cue classes

# Hand-written expectations from the meaning of each word (not looked up in the lexicon
# under test): a verb moved to the wrong class in reporting_verbs.yaml fails here.
CUE_CLASS_CASES = [
    ("say", "neutral"), ("tell", "neutral"), ("explain", "neutral"), ("reply", "neutral"),
    ("according to", "neutral"),
    ("stress", "emphatic"), ("insist", "emphatic"), ("reiterate", "emphatic"), ("emphasise", "emphatic"),
    ("claim", "distancing"), ("allege", "distancing"), ("argue", "distancing"),
    ("admit", "concessive"), ("concede", "concessive"), ("recognise", "concessive"),
    ("announce", "informing"), ("confirm", "informing"), ("reveal", "informing"), ("point out", "informing"),
    ("urge", "directive"), ("demand", "directive"), ("call on", "directive"),
    ("promise", "commissive"), ("vow", "commissive"), ("pledge", "commissive"),
    ("deny", "oppositional"), ("reject", "oppositional"), ("warn", "oppositional"),
    ("criticise", "oppositional"),
    ("thank", "expressive"), ("welcome", "expressive"), ("condemn", "expressive"),
    ("believe", "cognitive"), ("think", "cognitive"), ("fear", "cognitive"),
    ("want", "intention"), ("plan", "intention"), ("refuse", "intention"),
    # nouns of "in a statement", "his denial", "her call for"
    ("statement", "neutral"), ("denial", "oppositional"), ("call", "directive"), ("pledge", "commissive"),
    # not a reporting word
    ("eat", None), ("", None),
]


@pytest.mark.parametrize("lemma,expected", CUE_CLASS_CASES)
def test_cue_class_of_reporting_words(lemma, expected):
    from toolkit.statements import load_lexicon

    vlex = load_lexicon()
    assert vlex.cue_class(vlex.normalize(lemma) if lemma else lemma) == expected


def test_every_cue_class_has_hand_written_cases():
    """A class added to (or renamed in) reporting_verbs.yaml must get expectations above."""
    from toolkit.paths import LEXICON_DIR
    from toolkit.yamlfiles import read_mapping

    classes = set(read_mapping(LEXICON_DIR / "reporting_verbs.yaml", what="reporting-verb")["classes"])
    assert classes == {c for _, c in CUE_CLASS_CASES if c}


# Statements parsed from sentences written for this test: the cue found and its class.
@pytest.mark.parametrize("text,cue,cue_class", [
    ("The mayor said that the bridge would reopen in March.", "say", "neutral"),
    ("The coach insisted that his team had played well.", "insist", "emphatic"),
    ("The company claimed that its profits had doubled.", "claim", "distancing"),
    ("The senator admitted that the budget was too small.", "admit", "concessive"),
    ("The ministry announced that the border crossing would close at noon.", "announce", "informing"),
    ("The union urged its members to vote against the deal.", "urge", "directive"),
    ("The governor promised that taxes would not rise this year.", "promise", "commissive"),
    ("The spokesman denied that the factory had been sold.", "deny", "oppositional"),
    ("The president condemned the attack on the embassy.", "condemn", "expressive"),
    ("The envoy emphasised that the talks were serious.", "emphasize", "emphatic"),
    ("According to the agency, the harvest was the smallest in a decade.", "according to", "neutral"),
])
def test_parsed_statements_carry_the_class_of_their_cue(nlp, text, cue, cue_class):
    st = toolkit.parse(text, published=PUB, nlp=nlp).statements
    assert st[["cue", "cue_class"]].values.tolist() == [[cue, cue_class]]
    feats = rhetoric.statement_features(st)
    assert feats["cue_class"].tolist() == [cue_class]
