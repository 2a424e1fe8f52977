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
    ("He stressed that the repairs to the dam would finish within the next three weeks.",
     "the repairs to the dam would finish within the next three weeks", "stress", "He"),
    ("Olena Marchenko emphasised that such a deal is possible only with firm guarantees.",
     "such a deal is possible only with firm guarantees", "emphasize", "Olena Marchenko"),
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
    ('"Most of the open questions have now been settled," said Tomasz Zielinski.',
     "Most of the open questions have now been settled", "say", "Tomasz Zielinski", None),
    ("The minister said: “We will not sell our farms.”",
     "We will not sell our farms", "say", "The minister", None),
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
    text = ('The acting mayor Ivan Petrenko spoke before the vote, stating that the repairs '
            'would be "done street by street, carefully, quietly".')
    s = _one(nlp, text)
    assert s.mode == "mixed" and s.cue == "state"
    assert s.content.startswith("the repairs would be") and "quietly" in s.content
    assert "Petrenko" in s.speaker


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
    text = ("Olena Marchenko emphasised that a compromise is possible. It was noted that Ukraine "
            "is open to talks with the unions.")
    stmts = extract_statements(nlp(text))
    noted = [s for s in stmts if s.cue == "note"]
    assert noted and noted[0].speaker == "Olena Marchenko"
    assert noted[0].content == "Ukraine is open to talks with the unions"


# 4. noun-headed, possessive, according to, object contents -------------------------------

NOUN_CASES = [
    ("Peskov’s response to Kellogg’s statement emphasized Putin’s consistent message on NATO.",
     "Putin’s consistent message on NATO", "emphasize", "Peskov", "Peskov’s response"),
    # an unresolved pronoun is never the speaker: no name, the words kept in speaker_text
    ("According to him, the new contract must include a clause on overtime.",
     "the new contract must include a clause on overtime", "according to", None, "him"),
    ("The rumor was dismissed by Canada as pure invention.",
     "The rumor", "dismiss", "Canada", "Canada"),
    ("Keith Kellogg recognized Russia’s concern over NATO’s eastward enlargement as legitimate.",
     "Russia’s concern over NATO’s eastward enlargement as legitimate", "recognize",
     "Keith Kellogg", "Keith Kellogg"),
]


@pytest.mark.parametrize("text,content,cue,speaker,speaker_text", NOUN_CASES)
def test_noun_possessive_and_object_contents(nlp, text, content, cue, speaker, speaker_text):
    s = _one(nlp, text)
    assert (s.content, s.cue, s.speaker, s.speaker_text) == (content, cue, speaker, speaker_text)


def test_condemned_object_and_adding_clause_are_two_statements(nlp):
    text = ("US President Joe Biden condemned the raid as reckless, adding that he will be "
            "speaking with NATO allies tomorrow.")
    stmts = extract_statements(nlp(text))
    assert [(s.cue, s.content) for s in stmts] == [
        ("condemn", "the raid as reckless"),
        ("add", "he will be speaking with NATO allies tomorrow")]
    assert {s.speaker for s in stmts} == {"Joe Biden"}


def test_plea_noun_with_light_verb(nlp):
    text = "Maria Santos made a plea to the rebels to free the hostages."
    s = _one(nlp, text)
    assert (s.cue, s.content, s.addressee, s.speaker) == ("plea", "to free the hostages", "rebels", "Maria Santos")


def test_view_is_that(nlp):
    s = _one(nlp, "Moscow's view is that the sanctions are illegal.")
    assert (s.cue, s.content, s.speaker) == ("view", "the sanctions are illegal", "Moscow")


# 5. organisations, joint speakers, readouts -----------------------------------------------

JOINT_CASES = [
    ("The Kremlin has announced that it expects a discussion between Russia and Ukraine.",
     "Kremlin", "announce", "it expects a discussion between Russia and Ukraine"),
    ("Karl Nehammer and Petr Fiala agreed that the talks should continue.",
     "Karl Nehammer and Petr Fiala", "agree", "the talks should continue"),
    ("Recep Erdogan expressed gratitude for the help offered by the ministry.",
     "Recep Erdogan", "express", "the help offered by the ministry"),
    ("Both delegations expressed hope that the dispute will be resolved through talks.",
     "Both delegations", "express", "the dispute will be resolved through talks"),
]


@pytest.mark.parametrize("text,speaker,cue,content", JOINT_CASES)
def test_organisations_and_joint_speakers(nlp, text, speaker, cue, content):
    s = _one(nlp, text)
    assert (s.speaker, s.cue, s.content, s.mode) == (speaker, cue, content, "indirect")


def test_thanked_addressee_and_content(nlp):
    s = _one(nlp, "The President of Chile thanked Norway for its help in organizing the meeting.")
    assert (s.cue, s.addressee, s.content) == ("thank", "Norway", "its help in organizing the meeting")


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
    "Rebel troops began an assault on the capital by shelling several bridges.",
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
    from toolkit.actors import extract_actors
    from toolkit.dates import extract_dates
    from toolkit.evaluate import norm_name, overlap_f1

    gold = json.loads((gold_dir / "000_a191f6331583f074.json").read_text(encoding="utf-8"))
    text = (shared_dir / gold["file"]).read_text(encoding="utf-8")
    published = dt.date.fromisoformat(gold["published"])
    doc = nlp(text)
    ar = extract_actors(doc, published=published)
    dates = extract_dates(doc, published=published)
    stmts = extract_statements(doc, resolver=ar.resolver, dates=dates, published=published)
    _check_offsets(doc, stmts)
    required = [g for g in gold["statements"] if not g.get("optional")]
    found = spoken = 0
    for g in required:
        best = max(stmts, key=lambda s: overlap_f1(s.content, g["content"]))
        if overlap_f1(best.content, g["content"]) >= 0.5:
            found += 1
            spoken += norm_name(best.speaker) == norm_name(g["speaker"])
    # measured 2026-12-07: every required statement found, every speaker right (in-sample)
    assert (found, spoken) == (len(required), len(required))
    assert dates, "the seed article has dates; said_on below depends on them"
    sybiha = [s for s in stmts if s.content.startswith("Ukraine, however")]
    assert sybiha and sybiha[0].said_on == dt.date(2025, 5, 30)


# 9. PolNeAR-driven rules: attribution forms, beliefs and intentions ----------------------

ATTRIBUTION_FORM_CASES = [
    # the outer attribution wins over a belief quoted inside it
    ("“I think it proves how worried the landlords are,” she said.",
     "she", "say", "I think it proves how worried the landlords are"),
    # a that-clause hanging on the noun of "in a statement"
    ("Sen. Maria Ortiz said in a statement that the new rules were a good start.",
     "Sen. Maria Ortiz", "say", "the new rules were a good start"),
    # a fronted clause with an inverted, long speaker
    ("The mill had paid its workers late for months, said a former manager of the plant, "
     "Piotr Nowak, who left the company last spring.",
     "a former manager of the plant, Piotr Nowak, who left the company last spring", "say",
     "The mill had paid its workers late for months"),
    # a fronted clause whose attribution is followed by a coordinated clause
    ("The library built the app to help students find books, a librarian said on Monday, "
     "and it has been downloaded a thousand times.",
     "a librarian", "say", "The library built the app to help students find books"),
    # "as X reported, ...", before or after the clause
    ("As Politico reported, Trump would win the primary easily.",
     "Politico", "report", "Trump would win the primary easily"),
    ("The farmers will give the plan a fair hearing, as Okafor noted.",
     "Okafor", "note", "The farmers will give the plan a fair hearing"),
    # a clause misparsed as a gerund complement
    ("She said taxing it could bring millions of dollars to the city.",
     "She", "say", "taxing it could bring millions of dollars to the city"),
    # "it" as a referent of an active reporting verb
    ("It said it planned to widen its review of unpaid invoices.",
     "It", "say", "it planned to widen its review of unpaid invoices"),
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
    ("The spokeswoman declined to comment on the lawsuit.", "decline", "intention",
     "to comment on the lawsuit"),
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
    text = "“That, sadly,” he said, “is how the market works now.”"
    doc = nlp(text)
    s = _one(nlp, text)
    assert (s.cue, s.mode) == ("say", "direct")
    assert s.content.startswith("That, sadly") and s.content.endswith("how the market works now")
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
    ("The group supporting Mayor Diaz raised thousands.",
     ("The group", "support", "expressive", "Mayor Diaz")),
    # the small model lemmatizes "hopes" as "hop"
    ("Christie hopes his endorsement will help.",
     ("Christie", "hope", "expressive", "his endorsement will help")),
    # raising verbs and agentless passives with an infinitive: the writer's belief
    ("The mayor seems to have found a new slogan.",
     (None, "seem", "cognitive", "The mayor seems to have found a new slogan")),
    ("It seems that the race is over.", (None, "seem", "cognitive", "the race is over")),
    ("The merger is expected to lower prices.",
     (None, "expect", "cognitive", "The merger is expected to lower prices")),
    # object + "as" phrase (pronoun objects too)
    ("She sees him as a serious rival.", ("She", "see", "cognitive", "him as a serious rival")),
    ("Several of his neighbors have described it as a costly mistake.",
     ("Several of his neighbors", "describe", "neutral", "it as a costly mistake")),
    # findings stated as a clause, and organisations as finders
    ("The researchers found that tenants were worried.",
     ("The researchers", "find", "informing", "tenants were worried")),
    ("The Pew Research Center finds suburbs shifting toward the Democrats.",
     ("The Pew Research Center", "find", "informing", "suburbs shifting toward the Democrats")),
    # colon speakers the small model does not tag as names; transcripts; joint speakers
    ("Okafor: Budget Fight Is Far From Over\n\nBody text here.",
     ("Okafor", ":", None, "Budget Fight Is Far From Over")),
    ("Intro.\n\nMORALES: I think she is trying to run as a moderate. She did well.",
     ("MORALES", ":", None, "I think she is trying to run as a moderate. She did well")),
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
    "The council passed a law recognizing the old mill as a heritage site.",
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
    ('“The new tariff is out of proportion," the union wrote. "A fix is needed.“',
     ["The new tariff is out of proportion,", "A fix is needed."]),
    ('"This would come on top of the fee,” she said. “That is only the start.”',
     ["This would come on top of the fee,", "That is only the start."]),
    ("“It's unusual,“ said Dana Reyes. “It's hard.”", ["It's unusual,", "It's hard."]),
    ('“He called it "fake" today,” she said.', ['He called it "fake" today,']),
    ('He said "yes" and “no”.', ["yes", "no"]),
]


@pytest.mark.parametrize("text,expected", QUOTE_MARK_CASES)
def test_quotation_marks_typed_inconsistently(text, expected):
    assert [text[q.start:q.end] for q in find_quotes(text)] == expected


BOUNDARY_CASES = [
    # (text, expected [(speaker_text, cue, content)])
    # a quotation split around a long attribution and continued after a sentence end
    ('"The new tariff is out of proportion," the union wrote. "A change of course is '
     'needed soon or the damage will only spread."',
     [("the union", "write", 'The new tariff is out of proportion," the union wrote. '
       '"A change of course is needed soon or the damage will only spread')]),
    ("''Rivera doesn't get along with Kowalski,'' he said on the radio show ''Morning Call.'' "
     "''Kowalski can't stand our mayor.''",
     [("he", "say", "Rivera doesn't get along with Kowalski,'' he said on the radio show "
       "''Morning Call.'' ''Kowalski can't stand our mayor")]),
    ("“It's tiring work in the plant,” she said, describing how she sews together “leather "
     "saddles.” “And when you do it for 50 hours a week, the team is like family.”",
     [("she", "say", "It's tiring work in the plant,” she said, describing how she sews "
       "together “leather saddles.” “And when you do it for 50 hours a week, the team is like "
       "family"), ("she", "describe", "how she sews together “leather saddles.”")]),
    # the words before an attribution set inside the sentence belong to the content
    ("It is no surprise, Mr. Haddad said, that the mayor did better among older voters.",
     [("Mr. Haddad", "say", "It is no surprise, Mr. Haddad said, that the mayor did better "
       "among older voters")]),
    ("For most of the spring, people close to the governor said, the mere mention of the "
     "audit could make her furious.",
     [("people close to the governor", "say", "For most of the spring, people close to the "
       "governor said, the mere mention of the audit could make her furious")]),
    ("''In Fisher,'' Dean Amar said, ''the dissent was not as barbed as it could have been.''",
     [("Dean Amar", "say", "In Fisher,'' Dean Amar said, ''the dissent was not as barbed as "
       "it could have been")]),
    # ... but not the narrator's words before a quotation, nor a participle clause after it
    ("In March, as a heckler was being led out, Mr. Novak said, ''I'd like to send him the "
     "bill.''",
     [("Mr. Novak", "say", "I'd like to send him the bill")]),
    ("''It's a reshuffle at a hard time for the team,'' she said, adding that Mr. Osei would "
     "keep his post.",
     [("she", "say", "It's a reshuffle at a hard time for the team"),
      ("she", "add", "Mr. Osei would keep his post")]),
    ("The ministers stressed that in later rounds, the experts can settle the remaining details.",
     [("The ministers", "stress", "in later rounds, the experts can settle the remaining details")]),
    # a relative clause after a quotation is no attribution
    ("“We could carry enough counties in Ohio,” which votes on May 6.", []),
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
    ("The mayor defended her plan to cut bus fares to $1 a ride.",
     ("defend", "her plan to cut bus fares to $1 a ride")),
    ("The senator questioned the governor's fitness to lead.",
     ("question", "the governor's fitness to lead")),
    # a second "that"-clause is part of what was said
    ("He said the city needs to repair the roads and build a new rail line, but that he would "
     "not raise property taxes.",
     ("say", "the city needs to repair the roads and build a new rail line, but that he would "
      "not raise property taxes")),
    # a purpose clause inside the reported clause is no second cue
    ("She said she came to the meeting to support the mayor.",
     ("say", "she came to the meeting to support the mayor")),
    # the writer's connective or concession before a content whose attribution follows it
    ("Still, the plan will fail, the minister said.", ("say", "the plan will fail")),
    ("Despite a month of attacks, the senator has failed to gain ground, according to a new "
     "poll.", ("according to", "the senator has failed to gain ground")),
    ("Still, she said, the board has to choose which schools get new roofs.",
     ("say", "the board has to choose which schools get new roofs")),
    ("In addition, according to the ministry, nine million workers will be protected.",
     ("according to", "nine million workers will be protected")),
    # ... but not a time phrase
    ("In 2014, the plan failed, he said.", ("say", "In 2014, the plan failed")),
    # one word before an attribution set inside the sentence belongs to the content
    ("Patience, he noted, has always been the secret of the business.",
     ("note", "Patience, he noted, has always been the secret of the business")),
    ("Instead, he said, his sister had paid for the tickets.",
     ("say", "Instead, he said, his sister had paid for the tickets")),
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
    doc = nlp("“Is everyone safe? Don't push,” he said, when a child seemed to trip.")
    stmts = extract_statements(doc)
    assert ("he", "say", "Is everyone safe? Don't push") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]
    _check_offsets(doc, stmts)


def test_split_quote_not_joined_past_another_speakers_clause(nlp):
    # “A,” she said, and a colleague objected. “B.”: B is not joined to her words
    doc = nlp("“Bring the blue folder,” Marlowe said, and her husband interrupted. "
              "“Don’t forget the keys.”")
    stmts = extract_statements(doc)
    assert ("Marlowe", "say", "Bring the blue folder") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]


def test_adverbial_before_the_attribution_is_not_the_content(nlp):
    # "Asked whether ..., X said, “...”": the participle clause belongs to the attribution;
    # the quotation after the verb is what was said
    doc = nlp("Asked whether the long strike had been hard for the drivers, Mr. Okoye said, "
              "''Of course. They wanted to stop.''")
    stmts = extract_statements(doc)
    assert ("Mr. Okoye", "say", "Of course. They wanted to stop") in [
        (s.speaker_text, s.cue, s.content) for s in stmts]
    _check_offsets(doc, stmts)
