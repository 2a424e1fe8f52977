"""Attributed statements: reported speech, quotations, passives, noun cues, non-statements."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from toolkit.statements import extract_statements, find_quotes, load_lexicon
from toolkit.types import DateExpr


def _one(nlp, text, **kw):
    stmts = extract_statements(nlp(text), **kw)
    assert len(stmts) == 1, [(s.cue, s.content) for s in stmts]
    return stmts[0]


def _check_offsets(doc, stmts):
    for s in stmts:
        assert doc.text[s.content_start : s.content_end] == s.content
        assert not s.content.startswith(("“", '"')) or s.mode != "direct"
        if s.cue_start is not None:
            assert s.cue_end > s.cue_start


# 1. reported speech with a clause complement --------------------------------------------

CLAUSE_CASES = [
    ("Dmitry Peskov, the spokesperson for the Kremlin, stated that the Russian delegation is "
     "prepared to travel to Istanbul.",
     "the Russian delegation is prepared to travel to Istanbul", "state", "Dmitry Peskov"),
    ("He stressed that negotiations with Russia would continue in the next two weeks.",
     "negotiations with Russia would continue in the next two weeks", "stress", "He"),
    ("Vladimir Putin emphasised that such settlement is possible only with guarantees.",
     "such settlement is possible only with guarantees", "emphasize", "Vladimir Putin"),
    ("In his statement, he mentioned the United States does not desire to see Ukraine within "
     "the alliance.",
     "the United States does not desire to see Ukraine within the alliance", "mention", "he"),
]


@pytest.mark.parametrize("text,content,cue,speaker_text", CLAUSE_CASES)
def test_clause_complement(nlp, text, content, cue, speaker_text):
    s = _one(nlp, text)
    assert (s.content, s.cue, s.mode) == (content, cue, "indirect")
    assert s.speaker_text.startswith(speaker_text)


def test_cue_class_and_american_spelling(nlp):
    s = _one(nlp, "The minister emphasised that the talks would go on.")
    assert (s.cue, s.cue_class) == ("emphasize", "emphatic")


# 2. direct quotations --------------------------------------------------------------------

QUOTE_CASES = [
    ("“A list of conditions for a temporary truce is being developed,” Peskov informed reporters.",
     "A list of conditions for a temporary truce is being developed", "inform", "Peskov", "reporters"),
    ('"All controversial issues have been more or less discussed," said Mykhailo Podolyak.',
     "All controversial issues have been more or less discussed", "say", "Mykhailo Podolyak", None),
    ("The minister said: “We will not give up our land.”",
     "We will not give up our land", "say", "The minister", None),
]


@pytest.mark.parametrize("text,content,cue,speaker_text,addressee", QUOTE_CASES)
def test_direct_quote(nlp, text, content, cue, speaker_text, addressee):
    s = _one(nlp, text)
    assert (s.content, s.cue, s.mode, s.addressee) == (content, cue, "direct", addressee)
    assert s.speaker_text == speaker_text


def test_quote_over_several_sentences_is_one_statement(nlp):
    text = ("“We are pleased that these explanations are understood. And, of course, this is "
            "quite appealing to us,” Peskov mentioned.")
    s = _one(nlp, text)
    assert s.mode == "direct" and s.cue == "mention"
    assert s.content.startswith("We are pleased") and s.content.endswith("appealing to us")


def test_split_quote_is_one_statement(nlp):
    text = "“We are ready for talks,” he said. “But we will not accept an ultimatum.”"
    doc = nlp(text)
    stmts = extract_statements(doc)
    assert len(stmts) == 1
    s = stmts[0]
    assert s.mode == "direct" and s.cue == "say"
    assert "ready for talks" in s.content and "ultimatum" in s.content
    _check_offsets(doc, stmts)


def test_mixed_quote(nlp):
    text = ('The acting President Oleksandr Turchynov spoke prior to the mission, stating that it '
            'would be "conducted step by step, responsibly, cautiously".')
    s = _one(nlp, text)
    assert s.mode == "mixed" and s.cue == "state"
    assert s.content.startswith("it would be") and "cautiously" in s.content
    assert "Turchynov" in s.speaker


# 3. passives and backward-pointing attributions ------------------------------------------


def test_backward_pointing_passive_takes_previous_sentence_and_date(nlp):
    text = ("Ukraine, however, seeks to review Russia’s peace proposals before sending its "
            "delegation to Turkey. This was stated by Ukraine’s Foreign Minister, Andrii Sybiha, "
            "on Friday.")
    doc = nlp(text)
    k = text.index("Friday")
    friday = DateExpr(text="Friday", start_char=k, end_char=k + 6, sent_id=1, type="DATE",
                      value="2025-05-30", start=dt.date(2025, 5, 30), end=dt.date(2025, 5, 30))
    stmts = extract_statements(doc, dates=[friday])
    assert len(stmts) == 1
    s = stmts[0]
    assert s.content == ("Ukraine, however, seeks to review Russia’s peace proposals before sending "
                         "its delegation to Turkey")
    assert (s.cue, s.speaker, s.said_on, s.sent_id) == ("state", "Andrii Sybiha", dt.date(2025, 5, 30), 1)


def test_passive_subject_is_content(nlp):
    text = ("The role of the United States in mediating these talks has been acknowledged and "
            "appreciated by the Kremlin’s spokesperson.")
    s = _one(nlp, text)
    assert (s.content, s.cue) == ("The role of the United States in mediating these talks", "acknowledge")
    assert s.speaker_text == "the Kremlin’s spokesperson"


def test_expletive_passive_goes_to_the_readout_speaker(nlp):
    text = ("Vladimir Putin emphasised that a settlement is possible. It was noted that Russia is "
            "open to negotiations with representatives of Ukraine.")
    stmts = extract_statements(nlp(text))
    noted = [s for s in stmts if s.cue == "note"]
    assert noted and noted[0].speaker == "Vladimir Putin"
    assert noted[0].content == "Russia is open to negotiations with representatives of Ukraine"


# 4. noun-headed, possessive, according to, object contents -------------------------------

NOUN_CASES = [
    ("Peskov’s response to Kellogg’s statement emphasized Putin’s consistent message on NATO.",
     "Putin’s consistent message on NATO", "emphasize", "Peskov", "Peskov’s response"),
    ("According to him, the future treaty must contain a provision on consultations.",
     "the future treaty must contain a provision on consultations", "according to", "him", "him"),
    ("The claim was dismissed by the United States as Russian propaganda.",
     "The claim", "dismiss", "United States", "the United States"),
    ("Keith Kellogg recognized Russia’s concern over NATO’s eastward enlargement as legitimate.",
     "Russia’s concern over NATO’s eastward enlargement as legitimate", "recognize",
     "Keith Kellogg", "Keith Kellogg"),
]


@pytest.mark.parametrize("text,content,cue,speaker,speaker_text", NOUN_CASES)
def test_noun_possessive_and_object_contents(nlp, text, content, cue, speaker, speaker_text):
    s = _one(nlp, text)
    assert (s.content, s.cue, s.speaker, s.speaker_text) == (content, cue, speaker, speaker_text)


def test_condemned_object_and_adding_clause_are_two_statements(nlp):
    text = ("US President Joe Biden condemned the attack as unprovoked, adding that he will be "
            "meeting with G7 leaders today.")
    stmts = extract_statements(nlp(text))
    assert [(s.cue, s.content) for s in stmts] == [
        ("condemn", "the attack as unprovoked"),
        ("add", "he will be meeting with G7 leaders today")]
    assert {s.speaker for s in stmts} == {"Joe Biden"}


def test_plea_noun_with_light_verb(nlp):
    text = "Antonio Guterres made a plea to Putin to stop the war."
    s = _one(nlp, text)
    assert (s.cue, s.content, s.addressee, s.speaker) == ("plea", "to stop the war", "Putin", "Antonio Guterres")


def test_view_is_that(nlp):
    s = _one(nlp, "Moscow's view is that the sanctions are illegal.")
    assert (s.cue, s.content, s.speaker) == ("view", "the sanctions are illegal", "Moscow")


# 5. organisations, joint speakers, readouts -----------------------------------------------

JOINT_CASES = [
    ("The Kremlin has announced that it expects a discussion between Russia and Ukraine.",
     "Kremlin", "announce", "it expects a discussion between Russia and Ukraine"),
    ("Vladimir Putin and Emmanuel Macron agreed that the talks should continue.",
     "Vladimir Putin and Emmanuel Macron", "agree", "the talks should continue"),
    ("Recep Erdogan expressed gratitude for the assistance provided by the ministry.",
     "Recep Erdogan", "express", "the assistance provided by the ministry"),
    ("The parties expressed hope that the conflict will be settled through dialogue.",
     "parties", "express", "the conflict will be settled through dialogue"),
]


@pytest.mark.parametrize("text,speaker,cue,content", JOINT_CASES)
def test_organisations_and_joint_speakers(nlp, text, speaker, cue, content):
    s = _one(nlp, text)
    assert (s.speaker, s.cue, s.content, s.mode) == (speaker, cue, content, "indirect")


def test_thanked_addressee_and_content(nlp):
    s = _one(nlp, "The President of Russia thanked Turkey for its assistance in hosting the talks.")
    assert (s.cue, s.addressee, s.content) == ("thank", "Turkey", "its assistance in hosting the talks")


def test_informed_counterpart_with_clause(nlp):
    s = _one(nlp, "Vladimir Putin informed Emmanuel Macron that the evacuation had begun.")
    assert (s.cue, s.addressee, s.content) == ("inform", "Emmanuel Macron", "the evacuation had begun")


class _FakeResolver:
    """Resolves every span whose text contains a known surname."""

    NAMES = {"Peskov": ("dmitry-peskov", "Dmitry Peskov"), "spokesperson": ("dmitry-peskov", "Dmitry Peskov")}

    def __init__(self, text):
        self.text = text

    def resolve(self, start, end):
        from toolkit.types import ResolvedActor
        span = self.text[start:end]
        for key, (aid, name) in self.NAMES.items():
            if key in span:
                return ResolvedActor(actor_id=aid, name=name, how="surname")
        return None


def test_resolver_gives_canonical_speaker(nlp):
    text = "“Talks will resume,” Peskov told reporters."
    doc = nlp(text)
    s = extract_statements(doc, resolver=_FakeResolver(text))[0]
    assert (s.speaker, s.speaker_id, s.speaker_text) == ("Dmitry Peskov", "dmitry-peskov", "Peskov")
    assert text[s.speaker_start : s.speaker_end] == "Peskov"


# 6. not statements; unbalanced quotes -----------------------------------------------------

NON_STATEMENTS = [
    "Trump called him a “blowhard” on Monday.",
    "The troops seized the airfield near “Kramatorsk”.",
    "Russian troops began an invasion of Ukraine by firing missiles at several cities.",
    "The “Minsk II” agreement was signed in 2015.",
    "Prices rose by “15” percent.",
    "Lukashenko called President Zelenskyy.",
    "",
    "1 2 3 4",
]


@pytest.mark.parametrize("text", NON_STATEMENTS)
def test_not_statements(nlp, text):
    assert extract_statements(nlp(text)) == []


UNBALANCED = [
    "“We will never give up, he said.\n\nThe weather in Kyiv was mild. Markets opened higher.",
    'He said "we will fight on.\nOfficials said the talks would resume on Monday.',
    "” stray closing mark. Officials said the talks would resume.",
    "“” “",
]


@pytest.mark.parametrize("text", UNBALANCED)
def test_unbalanced_quotes_never_swallow_the_article(nlp, text):
    doc = nlp(text)
    stmts = extract_statements(doc)
    _check_offsets(doc, stmts)
    for s in stmts:
        assert "\n" not in s.content
    for q in find_quotes(text):
        assert "\n" not in text[q.start : q.end]


def test_user_lexicon_extends_default(nlp, tmp_path):
    text = "The minister opined that the talks were going nowhere."
    assert extract_statements(nlp(text)) == []
    path = tmp_path / "extra.yaml"
    path.write_text("classes:\n  neutral: [opine]\n", encoding="utf-8")
    s = _one(nlp, text, lexicon=path)
    assert (s.cue, s.cue_class, s.content) == ("opine", "neutral", "the talks were going nowhere")
    assert load_lexicon().cue_class("say") == "neutral"


# 7. rules generalised from news at large (PolNeAR errors; sentences written for the tests) --


def test_newswire_double_apostrophe_quotes(nlp):
    s = _one(nlp, "''We will win this election,'' the senator said.")
    assert (s.content, s.mode, s.cue, s.speaker_text) == (
        "We will win this election", "direct", "say", "the senator")
    assert [("''A,'' he said." [q.start:q.end]) for q in find_quotes("''A,'' he said.")] == ["A,"]


def test_split_quote_continued_after_comma(nlp):
    text = "“We are ready to talk,” the minister said, “but not at any price.”"
    s = _one(nlp, text)
    assert s.mode == "direct" and s.content.startswith("We are ready") and s.content.endswith("any price")


def test_split_partial_quote_is_one_mixed_statement(nlp):
    text = "The deal “puts lenders first,” the senator wrote. “That is unacceptable.”"
    s = _one(nlp, text)
    assert s.mode == "mixed" and s.content.startswith("The deal") and s.content.endswith("unacceptable")


def test_quote_after_another_sentence_is_not_merged(nlp):
    text = "“We are ready to talk,” he said. Then he left the room. “Nobody followed,” a witness said."
    stmts = extract_statements(nlp(text))
    assert [s.content for s in stmts] == ["We are ready to talk", "Nobody followed"]


def test_split_quote_ignores_nested_cue_in_second_part(nlp):
    text = ("“The budget is balanced,” the mayor said. “I think the voters know that very "
            "well by now.”")
    s = _one(nlp, text)
    assert s.cue == "say" and s.content.endswith("by now")


def test_relative_pronoun_source(nlp):
    text = "Reporters met Anna Berg, who said that the bridge would reopen in May."
    s = _one(nlp, text)
    assert (s.speaker, s.speaker_text, s.content) == ("Anna Berg", "who", "the bridge would reopen in May")
    assert text[s.speaker_start:s.speaker_end] == "who"


def test_speaker_span_drops_relative_clause_with_its_own_cue(nlp):
    text = "Tom Reed, who announced his retirement last year, said the bill was flawed."
    stmts = extract_statements(nlp(text))
    said = [s for s in stmts if s.cue == "say"]
    assert said and said[0].speaker_text == "Tom Reed"
    assert said[0].content == "the bill was flawed"


def test_two_word_cue_span_covers_particle(nlp):
    text = "She pointed out that the budget was balanced."
    s = _one(nlp, text)
    assert (s.cue, text[s.cue_start:s.cue_end]) == ("point out", "pointed out")


def test_attribution_inside_the_sentence(nlp):
    text = "The new plan, the minister said, will fail within a year."
    s = _one(nlp, text)
    assert (s.cue, s.speaker_text, s.mode) == ("say", "the minister", "indirect")
    assert s.content.startswith("The new plan") and s.content.endswith("within a year")


DOCUMENT_CASES = [
    ("A new poll found that most voters oppose the plan.", "find", "most voters oppose the plan"),
    ("The data show that rents rose sharply last year.", "show", "rents rose sharply last year"),
]


@pytest.mark.parametrize("text,cue,content", DOCUMENT_CASES)
def test_documents_and_polls_as_sources(nlp, text, cue, content):
    s = _one(nlp, text)
    assert (s.cue, s.content, s.cue_class) == (cue, content, "informing")


@pytest.mark.parametrize("text", ["He found a job in Berlin.", "The museum will show the film tonight."])
def test_document_verbs_need_a_document_subject(nlp, text):
    assert extract_statements(nlp(text)) == []


def test_more_reporting_verbs(nlp):
    s = _one(nlp, "The senator described the bill as a disaster for farmers.")
    assert (s.cue, s.content) == ("describe", "the bill as a disaster for farmers")


def test_according_to_a_document(nlp):
    s = _one(nlp, "According to the study, rents rose by ten percent.")
    assert (s.cue, s.content, s.speaker_text) == ("according to", "rents rose by ten percent", "the study")


def test_headline_colon_attribution(nlp):
    text = "Kerry: Refugee numbers will rise next year\n\nThe secretary spoke on Monday."
    s = _one(nlp, text)
    assert (s.cue, s.speaker, s.content) == (":", "Kerry", "Refugee numbers will rise next year")
    assert extract_statements(nlp("Update: The vote was delayed.\nMore text follows.")) == []


# end to end on the seed article ------------------------------------------------------------


def test_seed_article_end_to_end(nlp, gold_dir, shared_dir):
    try:
        from toolkit.actors import extract_actors
    except ImportError as exc:  # pragma: no cover - depends on the actors helper
        pytest.skip(f"toolkit.actors is not available yet ({exc}); seed end-to-end test skipped")
    from toolkit.evaluate import norm_name, overlap_f1

    gold = json.loads((gold_dir / "000_a191f6331583f074.json").read_text(encoding="utf-8"))
    text = (shared_dir / gold["file"]).read_text(encoding="utf-8")
    published = dt.date.fromisoformat(gold["published"])
    doc = nlp(text)
    ar = extract_actors(doc, published=published)
    try:
        from toolkit.dates import extract_dates
        dates = extract_dates(doc, published=published)
    except ImportError:
        dates = []
    stmts = extract_statements(doc, resolver=ar.resolver, dates=dates, published=published)
    _check_offsets(doc, stmts)
    required = [g for g in gold["statements"] if not g.get("optional")]
    found = spoken = 0
    for g in required:
        best = max(stmts, key=lambda s: overlap_f1(s.content, g["content"]))
        if overlap_f1(best.content, g["content"]) >= 0.5:
            found += 1
            spoken += norm_name(best.speaker) == norm_name(g["speaker"])
    assert found / len(required) >= 0.85
    assert spoken / max(found, 1) >= 0.85
    sybiha = [s for s in stmts if s.content.startswith("Ukraine, however")]
    if dates:
        assert sybiha and sybiha[0].said_on == dt.date(2025, 5, 30)


# 9. PolNeAR-driven rules: attribution forms, beliefs and intentions ----------------------

ATTRIBUTION_FORM_CASES = [
    # the outer attribution wins over a belief quoted inside it
    ("“I think it shows how desperate the Republicans are,” she said.",
     "she", "say", "I think it shows how desperate the Republicans are"),
    # a that-clause hanging on the noun of "in a statement"
    ("Rep. Zoe Lofgren said in a statement that the announcements were important steps.",
     "Rep. Zoe Lofgren", "say", "the announcements were important steps"),
    # a fronted clause with an inverted, long speaker
    ("He also had a voice in decisions about investments in Ukraine, said a former spokesman "
     "for the Foreign Ministry, Oleg Voloshyn, who also ran as a candidate in the new bloc.",
     "a former spokesman for the Foreign Ministry, Oleg Voloshyn, who also ran as a candidate "
     "in the new bloc", "say", "He also had a voice in decisions about investments in Ukraine"),
    # a fronted clause whose attribution is followed by a coordinated clause
    ("Facebook created the tool to help in times of crisis, a spokeswoman said on Saturday, "
     "and it has activated it five times.",
     "a spokeswoman", "say", "Facebook created the tool to help in times of crisis"),
    # "as X reported, ...", before or after the clause
    ("As Politico reported, Trump would win the primary easily.",
     "Politico", "report", "Trump would win the primary easily"),
    ("Those voters will give Sanders a second look, as Clyburn noted.",
     "Clyburn", "note", "Those voters will give Sanders a second look"),
    # a clause misparsed as a gerund complement
    ("He said legalizing it could put thousands of people to work.",
     "He", "say", "legalizing it could put thousands of people to work"),
    # "it" as a referent of an active reporting verb
    ("It said it decided to intensify its push against extremist posts.",
     "It", "say", "it decided to intensify its push against extremist posts"),
    # a temporal clause inside the content stays in it
    ("The governor said he would sign the bill after the session ends.",
     "The governor", "say", "he would sign the bill after the session ends"),
]


@pytest.mark.parametrize("text,speaker_text,cue,content", ATTRIBUTION_FORM_CASES)
def test_attribution_forms(nlp, text, speaker_text, cue, content):
    s = _one(nlp, text)
    assert (s.speaker_text, s.cue, s.content) == (speaker_text, cue, content)


BELIEF_INTENTION_CASES = [
    ("The senator wants to expand background checks.", "want", "intention",
     "to expand background checks"),
    ("The spokesman declined to comment on the report.", "decline", "intention",
     "to comment on the report"),
    ("Paradis didn’t know that the candidates would surge to victory.", "know", "cognitive",
     "the candidates would surge to victory"),
]


@pytest.mark.parametrize("text,cue,cue_class,content", BELIEF_INTENTION_CASES)
def test_beliefs_and_intentions(nlp, text, cue, cue_class, content):
    s = _one(nlp, text)
    assert (s.cue, s.cue_class, s.content) == (cue, cue_class, content)


NESTED_OR_NOT_STATEMENT_CASES = [
    # a belief or intention inside another statement's content is part of it
    ("The minister said that Ukraine seeks to review the proposals.", "say",
     "Ukraine seeks to review the proposals"),
]


@pytest.mark.parametrize("text,cue,content", NESTED_OR_NOT_STATEMENT_CASES)
def test_nested_belief_is_not_a_statement(nlp, text, cue, content):
    s = _one(nlp, text)
    assert (s.cue, s.content) == (cue, content)


def test_quote_around_its_attribution_is_one_direct_statement(nlp):
    text = "“That, unfortunately,” he said, “is part of the reality of life.”"
    doc = nlp(text)
    s = _one(nlp, text)
    assert (s.cue, s.mode) == ("say", "direct")
    assert s.content.startswith("That, unfortunately") and s.content.endswith("reality of life")
    _check_offsets(doc, [s])


# positions, raising verbs, "as" phrases, findings, colon speakers, continued quotations --

NEW_FORM_CASES = [
    # (text, expected (speaker_text, cue, cue_class, content) of the one statement)
    # positions towards something or someone (expressive / oppositional)
    ("Clinton supported the bill.", ("Clinton", "support", "expressive", "the bill")),
    ("Minorities support her.", ("Minorities", "support", "expressive", "her")),
    ("Mr. Trump attacked him.", ("Mr. Trump", "attack", "oppositional", "him")),
    ("Sanders railed against Wall Street banks.",
     ("Sanders", "rail against", "oppositional", "Wall Street banks")),
    ("The super PAC supporting Jeb Bush spent millions.",
     ("The super PAC", "support", "expressive", "Jeb Bush")),
    # the small model lemmatizes "hopes" as "hop"
    ("Christie hopes his endorsement will help.",
     ("Christie", "hope", "expressive", "his endorsement will help")),
    # raising verbs and agentless passives with an infinitive: the writer's belief
    ("Clinton seems to have found a message.",
     (None, "seem", "cognitive", "Clinton seems to have found a message")),
    ("It seems that the race is over.", (None, "seem", "cognitive", "the race is over")),
    ("The sale is expected to expand the company.",
     (None, "expect", "cognitive", "The sale is expected to expand the company")),
    # object + "as" phrase (pronoun objects too)
    ("He sees him as a real threat.", ("He", "see", "cognitive", "him as a real threat")),
    ("Some of her allies have described it as a serious lapse in judgment.",
     ("Some of her allies", "describe", "neutral", "it as a serious lapse in judgment")),
    # findings stated as a clause, and organisations as finders
    ("The authors found that voters were angry.",
     ("The authors", "find", "informing", "voters were angry")),
    ("Gallup finds states shifting toward the GOP.",
     ("Gallup", "find", "informing", "states shifting toward the GOP")),
    # colon speakers the small model does not tag as names; transcripts; joint speakers
    ("Sanders: Clinton Email Story Has Moved\n\nBody text here.",
     ("Sanders", ":", None, "Clinton Email Story Has Moved")),
    ("Intro.\n\nFALLIN: I think he is trying to campaign as a racial healer. He did well.",
     ("FALLIN", ":", None, "I think he is trying to campaign as a racial healer. He did well")),
    ("Mark Blumenthal and Jon Cohen: “The polls were not dead wrong.”",
     ("Mark Blumenthal and Jon Cohen", ":", None, "The polls were not dead wrong")),
]


@pytest.mark.parametrize("text,expected", NEW_FORM_CASES)
def test_positions_raising_as_phrases_findings_colons(nlp, text, expected):
    doc = nlp(text)
    s = _one(nlp, text)
    assert (s.speaker_text, s.cue, s.cue_class, s.content) == expected
    _check_offsets(doc, [s])


NEW_NON_STATEMENTS = [
    "She saw the film on Sunday.",  # "see" needs a clause or an "as" phrase
    "Clinton appeared on CNN on Sunday.",  # "appear" without a complement
    "Russia passed a bill recognizing the republics as independent states.",
    "Update: The vote was delayed.\nMore text follows.",
]


@pytest.mark.parametrize("text", NEW_NON_STATEMENTS)
def test_new_forms_not_statements(nlp, text):
    assert extract_statements(nlp(text)) == []


CONTINUED_QUOTE_CASES = [
    # (text, expected [(speaker_text, content start, content end)])
    ("“We will win,” Clinton said.\n\n“And that’s why leadership is so important.”\n\nThe race went on.",
     [("Clinton", "We will win", "leadership is so important")]),
    ("Trump said: “We will build the wall.\n\n“Believe me, they will pay for it.”",
     [("Trump", "We will build the wall", "they will pay for it")]),
    # the next paragraph has its own attribution, or the quotation is part of a sentence
    ("“We will win,” Clinton said.\n\n“We will lose,” Trump said.",
     [("Clinton", "We will win", "We will win"), ("Trump", "We will lose", "We will lose")]),
    ("“We will win,” Clinton said.\n\n“Whatever” was the answer from the crowd, which booed.",
     [("Clinton", "We will win", "We will win")]),
]


@pytest.mark.parametrize("text,expected", CONTINUED_QUOTE_CASES)
def test_quotation_continued_in_next_paragraph_joins_the_statement(nlp, text, expected):
    doc = nlp(text)
    stmts = extract_statements(doc)
    assert [(s.speaker_text, s.content[:len(a)], s.content[-len(b):]) for s, (_, a, b)
            in zip(stmts, expected)] == expected
    assert len(stmts) == len(expected)
    assert all(s.mode == "direct" for s in stmts)
    _check_offsets(doc, stmts)


# round 3: content and source boundaries ---------------------------------------------------

QUOTE_MARK_CASES = [
    # (text, expected quotation texts): marks typed inconsistently, nested straight quotes
    ('“The current risk pool is out of balance," the group wrote. "A fix is needed.“',
     ["The current risk pool is out of balance,", "A fix is needed."]),
    ('"This would be on top of it,” she said. “That is just the floor.”',
     ["This would be on top of it,", "That is just the floor."]),
    ("“It's unusual,“ said Larry Noble. “It's hard.”", ["It's unusual,", "It's hard."]),
    ('“He called it "fake" today,” she said.', ['He called it "fake" today,']),
    ('He said "yes" and “no”.', ["yes", "no"]),
]


@pytest.mark.parametrize("text,expected", QUOTE_MARK_CASES)
def test_quotation_marks_typed_inconsistently(text, expected):
    assert [text[q.start:q.end] for q in find_quotes(text)] == expected


BOUNDARY_CASES = [
    # (text, expected [(speaker_text, cue, content)])
    # a quotation split around a long attribution and continued after a sentence end
    ('"The current risk pool is out of balance," the group wrote. "A course correction is '
     'needed now or this trend will only get worse."',
     [("the group", "write", 'The current risk pool is out of balance," the group wrote. '
       '"A course correction is needed now or this trend will only get worse')]),
    ("''Obama doesn't get along with Putin,'' he said on ABC's ''This Week.'' ''Putin can't "
     "stand our president.''",
     [("he", "say", "Obama doesn't get along with Putin,'' he said on ABC's ''This Week.'' "
       "''Putin can't stand our president")]),
    ("“It's pretty cool working there,” she said, describing how she puts together “tubular "
     "mixers.” “And when you do it for 60 hours a week, people are like family.”",
     [("she", "say", "It's pretty cool working there,” she said, describing how she puts "
       "together “tubular mixers.” “And when you do it for 60 hours a week, people are like "
       "family"), ("she", "describe", "how she puts together “tubular mixers.”")]),
    # the words before an attribution set inside the sentence belong to the content
    ("It is no surprise, Mr. Garin said, that Mrs. Clinton did better among African-Americans.",
     [("Mr. Garin", "say", "It is no surprise, Mr. Garin said, that Mrs. Clinton did better "
       "among African-Americans")]),
    ("At times last year, people close to the vice president said, the mere mention of her "
     "name could make him fume.",
     [("people close to the vice president", "say", "At times last year, people close to the "
       "vice president said, the mere mention of her name could make him fume")]),
    ("''In Fisher,'' Dean Amar said, ''the dissent was not as barbed as it could have been.''",
     [("Dean Amar", "say", "In Fisher,'' Dean Amar said, ''the dissent was not as barbed as "
       "it could have been")]),
    # ... but not the narrator's words before a quotation, nor a participle clause after it
    ("In February, as a protester was being removed, Mr. Trump said, ''I'd like to punch him "
     "in the face.''",
     [("Mr. Trump", "say", "I'd like to punch him in the face")]),
    ("''It's an expansion at a busy time in the campaign,'' she said, adding that Mr. Manafort "
     "would remain in his role.",
     [("she", "say", "It's an expansion at a busy time in the campaign"),
      ("she", "add", "Mr. Manafort would remain in his role")]),
    ("The Presidents emphasized that in further meetings, the teams can agree on all aspects.",
     [("The Presidents", "emphasize", "in further meetings, the teams can agree on all aspects")]),
    # a relative clause after a quotation is no attribution
    ("“We could win enough delegates in Pennsylvania,” which votes on April 26.", []),
    # focus particles and conjunctions are not part of the speaker's words
    ("Even critics say the plan will work.", [("critics", "say", "the plan will work")]),
    ("And Mr. Smith said the plan will work.", [("Mr. Smith", "say", "the plan will work")]),
]


@pytest.mark.parametrize("text,expected", BOUNDARY_CASES)
def test_content_and_source_boundaries(nlp, text, expected):
    doc = nlp(text)
    stmts = extract_statements(doc)
    assert [(s.speaker_text, s.cue, s.content) for s in stmts] == expected
    _check_offsets(doc, stmts)


# recall: constructions of known cues ---------------------------------------------------------

RECALL_CASES = [
    # "according to" a common noun with a name in it, or a listed source noun
    ("Turnout rose by ten points in the county, according to the Gallup tracking average.",
     [("the Gallup tracking average", "according to", "Turnout rose by ten points in the county")]),
    ("The mayor had lived in the town since 1990, according to her campaign profile.",
     [("her campaign profile", "according to", "The mayor had lived in the town since 1990")]),
    # a clause before a long named speaker ("..., spokeswoman A B C D said Friday.")
    ("Farm prices fell sharply last spring, agriculture ministry spokeswoman Maria Elena "
     "Vasquez Torres said Friday.",
     [("agriculture ministry spokeswoman Maria Elena Vasquez Torres", "say",
       "Farm prices fell sharply last spring")]),
    # a quotation after the addressee or a modifier of the cue verb
    ("The senator told reporters on Tuesday: “We will not give up on this bill.”",
     [("The senator", "tell", "We will not give up on this bill")]),
    ("He then turned to the crowd, telling supporters: “We will win this state in November.”",
     [("He", "tell", "We will win this state in November")]),
    # an indirect question parsed as an adverbial clause
    ("The host asked the senator if she would run for governor next year.",
     [("The host", "ask", "she would run for governor next year")]),
    # headline speakers before a colon: "Name camp:", "Name to/at X:", quoted words after it
    ("Garcia camp: Tariffs are a disaster for every grower in the valley.",
     [("Garcia camp", ":", "Tariffs are a disaster for every grower in the valley")]),
    ("Smith to Farm Bureau: Tariffs will hurt every grower in the valley.",
     [("Smith", ":", "Tariffs will hurt every grower in the valley")]),
    ("Maria Lopez: “You Will See Me On The Ballot In November.”",
     [("Maria Lopez", ":", "You Will See Me On The Ballot In November")]),
    # a participle of speech after an utterance noun: its publisher, or the noun, speaks
    ("The mayor’s office issued a statement saying the bridge would reopen next week.",
     [("The mayor’s office", "say", "the bridge would reopen next week")]),
    ("Police received several calls saying a truck had blocked the highway.",
     [("several calls", "say", "a truck had blocked the highway")]),
    # a fronted clause before a short attribution followed by a comma clause ("adding ...")
    ("The plan will fail, a senior official said, adding that the talks were over.",
     [("a senior official", "say", "The plan will fail"),
      ("a senior official", "add", "the talks were over")]),
    # the subject of a copula before an adjective ("was quick to add")
    ("Smith was quick to add that the deal was not final.",
     [("Smith", "add", "the deal was not final")]),
    # an active cue verb coordinated with a passive verb: the passive subject speaks
    ("The mayor was pressed on the issue and said that he would resign.",
     [("The mayor", "say", "he would resign")]),
    # a colon at the end of a paragraph, the quotation in the next one
    ("The debate went on.\n\nHe said:\n\n\"In every job I have had, the first month is hard.\"\n\n"
     "Then he left.",
     [("He", "say", "In every job I have had, the first month is hard")]),
]


@pytest.mark.parametrize("text,expected", RECALL_CASES)
def test_recall_constructions(nlp, text, expected):
    doc = nlp(text)
    stmts = extract_statements(doc)
    assert [(s.speaker_text, s.cue, s.content) for s in stmts] == expected


# content boundaries: the writer's additions around the reported words ------------------

CONTENT_EDGE_CASES = [
    # a non-restrictive relative clause closing an unquoted content is the writer's ...
    ("The mayor said the bridge would reopen in May, which critics doubt.",
     ("say", "the bridge would reopen in May")),
    # ... unless the speaker is reported inside it, or it holds quoted words
    ("The mayor said the city would build a new bridge, which he said would cost $40 million.",
     ("say", "the city would build a new bridge, which he said would cost $40 million")),
    ("The mayor said the city would sell the old stadium, which “nobody wants.”",
     ("say", "the city would sell the old stadium, which “nobody wants.”")),
    # the occasion of the words is not part of an object content ...
    ("Trump praised the governor at a rally in Ohio.", ("praise", "the governor")),
    ("The senator endorsed the mayor in an interview with a local radio station.",
     ("endorse", "the mayor")),
    ("She criticized the senator during the debate.", ("criticize", "the senator")),
    # ... but coordinated time phrases are
    ("She praised the plan before, during and after the vote.",
     ("praise", "the plan before, during and after the vote")),
    # an infinitive right after an object noun completes it
    ("The senator defended his call to raise the minimum wage to $15 an hour.",
     ("defend", "his call to raise the minimum wage to $15 an hour")),
    ("The senator questioned the governor's fitness to lead.",
     ("question", "the governor's fitness to lead")),
    # a second "that"-clause is part of what was said
    ("He said the country needs to secure the border and create a guest-worker program, but "
     "that he would not support mass deportation.",
     ("say", "the country needs to secure the border and create a guest-worker program, but "
      "that he would not support mass deportation")),
    # a purpose clause inside the reported clause is no second cue
    ("She said she came to the meeting to support the mayor.",
     ("say", "she came to the meeting to support the mayor")),
    # the writer's connective or concession before a content whose attribution follows it
    ("Still, the plan will fail, the minister said.", ("say", "the plan will fail")),
    ("Despite a month of attacks, the senator has failed to gain ground, according to a new "
     "poll.", ("according to", "the senator has failed to gain ground")),
    ("Still, he said, officials have to decide who gets extra scrutiny.",
     ("say", "officials have to decide who gets extra scrutiny")),
    ("In addition, according to the ministry, nine million workers will be protected.",
     ("according to", "nine million workers will be protected")),
    # ... but not a time phrase
    ("In 2014, the plan failed, he said.", ("say", "In 2014, the plan failed")),
    # one word before an attribution set inside the sentence belongs to the content
    ("Loyalty, he noted, has long been a core value of the party.",
     ("note", "Loyalty, he noted, has long been a core value of the party")),
    ("Instead, she said, her boss had booked a room for them.",
     ("say", "Instead, she said, her boss had booked a room for them")),
    # "according to X" inside one clause: the content is the clause around it
    ("Since last November, according to the monitor, security forces have killed 400 "
     "protesters.",
     ("according to", "Since last November, according to the monitor, security forces have "
      "killed 400 protesters")),
]


@pytest.mark.parametrize("text,expected", CONTENT_EDGE_CASES)
def test_content_edges(nlp, text, expected):
    doc = nlp(text)
    stmts = extract_statements(doc)
    assert expected in [(s.cue, s.content) for s in stmts]
    _check_offsets(doc, stmts)


def test_narrator_clause_after_a_closed_quotation_is_not_content(nlp):
    # “A,” he said, when ...: the quotation is the content, the clause after it the writer's
    doc = nlp("“Are you all right? Don't fall,” he said, when a protester seemed to stumble.")
    stmts = extract_statements(doc)
    assert ("he", "say", "Are you all right? Don't fall") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]
    _check_offsets(doc, stmts)


def test_split_quote_not_joined_past_another_speakers_clause(nlp):
    # “A,” she said, and her husband cut in. “B.”: B is not joined to her words
    doc = nlp("“Tell her I promised you a picture,” Ebeling said, and her husband cut in. "
              "“Don’t forget Tom.”")
    stmts = extract_statements(doc)
    assert ("Ebeling", "say", "Tell her I promised you a picture") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]


def test_adverbial_before_the_attribution_is_not_the_content(nlp):
    # "Asked whether ..., X said, “...”": the participle clause belongs to the attribution;
    # the quotation after the verb is what was said
    doc = nlp("Asked whether the long campaign had been hard for the governor, Mr. Daley said, "
              "''Of course. He wanted to run.''")
    stmts = extract_statements(doc)
    assert ("Mr. Daley", "say", "Of course. He wanted to run") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]
    _check_offsets(doc, stmts)
