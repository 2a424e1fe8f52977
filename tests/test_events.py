import datetime as dt

import pandas as pd
import pytest

from toolkit.events import CHRONOLOGY_COLUMNS, chronology, extract_events
from toolkit.types import DateExpr, ResolvedActor

PUB = dt.date(2025, 5, 30)


def _dates(doc):
    try:
        from toolkit.dates import extract_dates
    except ImportError:
        pytest.skip("toolkit.dates is not available: date anchoring cases need extract_dates")
    return extract_dates(doc, published=PUB)


def _events(nlp, text, *, dates=True, resolver=None):
    doc = nlp(text)
    return extract_events(doc, resolver=resolver, dates=_dates(doc) if dates else (), published=PUB)


def _find(events, action):
    found = [e for e in events if e.action == action]
    assert found, f"no {action!r} event in {[(e.actor, e.action) for e in events]}"
    return found[0]


# (text, action, actor, target, status) without dates
CASES = [
    ("Russia has proposed a second round of discussions with Ukraine.",
     "propose", "Russia", "a second round of discussions", "happened"),
    ("Polish and Czech delegations held two rounds of negotiations in Prague.",
     "negotiate", "Polish and Czech delegations", None, "happened"),
    ("The Russian delegation is prepared to travel to Istanbul.", "travel", "Russian delegation", "Istanbul",
     "planned"),
    ("Technical teams will meet in Oslo to discuss the fishing quotas.", "meet", "Technical teams", None,
     "planned"),
    ("A list of conditions for a temporary truce is being developed.", "develop", None, "A list of conditions",
     "ongoing"),
    ("The two mayors also agreed on a joint plan for the river.", "agree", "two mayors",
     "a joint plan", "happened"),
]


@pytest.mark.parametrize("text,action,actor,target,status", CASES)
def test_event_clauses(nlp, text, action, actor, target, status):
    ev = _find(_events(nlp, text, dates=False), action)
    assert (ev.actor, ev.target, ev.status) == (actor, target, status)
    assert ev.text == text and ev.start_char == 0 and ev.end_char == len(text)


@pytest.mark.parametrize("text", [
    "Dmitry Peskov stated that the talks were useful.",  # reporting verb, copula
    "The focus is currently on the direct negotiations between Russia and Ukraine.",
    "The specifics of this memorandum will not be made public.",
    "Russia did not attack the city.",  # negated
    "Any future agreement must deliver a just peace.",  # obligation, not an event
])
def test_statements_copulas_negations_are_not_events(nlp, text):
    assert _events(nlp, text, dates=False) == []


def test_proposal_happened_round_planned_with_date(nlp):
    text = "Russia has proposed a second round of discussions with Ukraine, scheduled for the 2nd of June in Istanbul."
    evs = _events(nlp, text)
    prop = _find(evs, "propose")
    assert (prop.actor, prop.status, prop.date_value) == ("Russia", "happened", None)
    rnd = _find(evs, "discuss")
    assert (rnd.status, rnd.date_value, rnd.start, rnd.end) == (
        "planned", "2025-06-02", dt.date(2025, 6, 2), dt.date(2025, 6, 2))


def test_invasion_light_verb_month_date(nlp):
    text = "Iraq initiated an invasion of Kuwait in August 1990."
    ev = _find(_events(nlp, text), "invade")
    assert (ev.actor, ev.target, ev.status) == ("Iraq", "Kuwait", "happened")
    assert (ev.date_value, ev.start, ev.end) == ("1990-08", dt.date(1990, 8, 1), dt.date(1990, 8, 31))


def test_date_attaches_to_its_own_verb(nlp):
    text = ("Peskov stated that the Russian delegation is prepared to travel to Istanbul "
            "and is ready to commence talks with Ukraine on Monday.")
    evs = _events(nlp, text)
    talk = _find(evs, "talk")
    assert (talk.actor, talk.target, talk.status, talk.start) == (
        "Russian delegation", "Ukraine", "planned", dt.date(2025, 6, 2))
    assert _find(evs, "travel").date_value is None


def test_future_date_makes_planned(nlp):
    ev = _find(_events(nlp, "This discussion is set to take place next week in Istanbul."), "discuss")
    assert (ev.status, ev.date_value) == ("planned", "2025-W23")


class _Resolver:
    def __init__(self, text, names):
        self.text, self.names = text, names

    def resolve(self, start, end):
        span = self.text[start:end]
        for key, (aid, name) in self.names.items():
            if span == key:
                return ResolvedActor(aid, name, "name")
        return None


def test_resolver_gives_canonical_actor(nlp):
    text = "Peskov met Erdogan in Ankara."
    res = _Resolver(text, {"Peskov": ("dmitry-peskov", "Dmitry Peskov")})
    ev = _find(_events(nlp, text, dates=False, resolver=res), "meet")
    assert (ev.actor, ev.actor_id, ev.target) == ("Dmitry Peskov", "dmitry-peskov", "Erdogan")


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "“ unbalanced quote", "!!!"])
def test_strange_text_never_crashes(nlp, text):
    assert isinstance(extract_events(nlp(text), dates=(), published=None), list)


def test_hand_made_dates_without_published(nlp):
    text = "The delegations met on Monday."
    doc = nlp(text)
    d = DateExpr("Monday", 23, 29, 0, "DATE", "2025-06-02", dt.date(2025, 6, 2), dt.date(2025, 6, 2))
    ev = _find(extract_events(doc, dates=[d]), "meet")
    assert (ev.status, ev.date_value) == ("happened", "2025-06-02")


# ---------------------------------------------------------------- chronology
def _events_frame():
    ts = pd.Timestamp
    return pd.DataFrame({
        "article_id": ["b", "a", "a", "c", "c"],
        "event_id": [1, 1, 2, 1, 2],
        "sent_id": [0, 0, 1, 0, 3],
        "actor": ["Russia", "Russia", "Russia", "Russia", "Ukraine"],
        "actor_id": ["russia", "russia", "russia", None, "ukraine"],
        "action": ["invade", "invade", "propose", "invade", "talk"],
        "target": ["Ukraine", "Ukraine", "talks", "Ukraine", None],
        "date_value": ["2022-02-24", "2022-02", None, "2022-02-24", "2025-06-02"],
        "start": [ts("2022-02-24"), ts("2022-02-01"), pd.NaT, dt.date(2022, 2, 24), dt.date(2025, 6, 2)],
        "end": [ts("2022-02-24"), ts("2022-02-28"), pd.NaT, dt.date(2022, 2, 24), dt.date(2025, 6, 2)],
        "status": ["happened", "happened", "happened", "happened", "planned"],
        "text": ["..."] * 5, "start_char": [0] * 5, "end_char": [3] * 5,
    })


def _articles_frame():
    return pd.DataFrame({
        "article_id": ["a", "b", "c"], "title": ["A", "B", "C"], "source": ["s"] * 3, "url": [None] * 3,
        "published": pd.to_datetime(["2025-05-30", "2022-02-25", "2025-05-31"]),
        "published_inferred": [False] * 3, "n_sentences": [3] * 3, "n_words": [30] * 3,
    })


def test_chronology_merges_overlapping_reports():
    ev, art = _events_frame(), _articles_frame()
    ev_before, art_before = ev.copy(), art.copy()
    chron = chronology(ev, art)
    pd.testing.assert_frame_equal(ev, ev_before)
    pd.testing.assert_frame_equal(art, art_before)
    assert tuple(chron.columns) == CHRONOLOGY_COLUMNS
    assert chron["event_key"].tolist() == ["russia|invade|2022-02-24", "ukraine|talk|2025-06-02",
                                           "russia|propose|undated"]
    inv = chron.iloc[0]
    assert (inv["n_articles"], inv["article_ids"], inv["date_value"]) == (3, "a,b,c", "2022-02-24")
    assert inv["start"] == pd.Timestamp("2022-02-24") and inv["end"] == pd.Timestamp("2022-02-24")
    assert inv["first_reported"] == pd.Timestamp("2022-02-25")
    assert inv["last_reported"] == pd.Timestamp("2025-05-31")
    assert chron["status"].tolist() == ["happened", "planned", "happened"]


def test_chronology_keeps_separate_dates_apart_and_is_deterministic():
    ev = _events_frame()
    ev.loc[0, ["start", "end", "date_value"]] = [pd.Timestamp("2022-03-10"), pd.Timestamp("2022-03-10"), "2022-03-10"]
    chron = chronology(ev, _articles_frame())
    assert chron["event_key"].tolist()[:2] == ["russia|invade|2022-02-24", "russia|invade|2022-03-10"]
    pd.testing.assert_frame_equal(chron, chronology(ev.iloc[::-1].reset_index(drop=True), _articles_frame()))


def test_chronology_empty_and_missing_column():
    empty = _events_frame().iloc[0:0]
    assert chronology(empty, _articles_frame()).empty
    with pytest.raises(ValueError, match="events frame has no column 'action'"):
        chronology(_events_frame().drop(columns="action"), _articles_frame())


def test_since_does_not_anchor_the_event(nlp):
    evs = _events(nlp, "Russia and Ukraine carried out the largest prisoner exchange since February 2022.")
    ev = _find(evs, "exchange")
    assert ev.date_value is None


def test_chronology_merges_actions_of_one_family():
    # "met" and "discussed" on the same day by the same actor report one round of talks
    ts = pd.Timestamp
    ev = pd.DataFrame({
        "article_id": ["a", "b", "c"], "event_id": [0, 0, 0], "sent_id": [0, 0, 0],
        "actor": ["Russia", "Russia", "Russia"], "actor_id": ["RU", "RU", "RU"],
        "action": ["meet", "discuss", "discuss"], "target": ["Ukraine", "Ukraine", "Ukraine"],
        "date_value": ["2025-06-02"] * 3, "start": [ts("2025-06-02")] * 3, "end": [ts("2025-06-02")] * 3,
        "status": ["planned", "planned", "happened"], "text": ["..."] * 3, "start_char": [0] * 3,
        "end_char": [3] * 3,
    })
    chron = chronology(ev, _articles_frame())
    assert len(chron) == 1
    row = chron.iloc[0]
    assert (row["action"], row["n_articles"], row["event_key"]) == ("discuss", 3, "ru|discuss|2025-06-02")
    # without families, only identical actions merge
    assert chronology(ev, _articles_frame(), families={})["action"].tolist() == ["discuss", "meet"]


def test_chronology_merges_talks_by_their_parties():
    # "Russia talked with Ukraine" and "the Russian and Ukrainian delegations met": one round
    ts = pd.Timestamp
    ev = pd.DataFrame({
        "article_id": ["a", "c", "c"], "event_id": [0, 0, 1], "sent_id": [0, 0, 1],
        "actor": ["Russia", "Russian delegation and Ukrainian delegation", "Russia"],
        "actor_id": ["russia", "russian-delegation+ukrainian-delegation", "russia"],
        "action": ["talk", "meet", "invade"], "target": ["Ukraine", None, "Ukraine"],
        "date_value": ["2025-06-02", "2025-06-02", "2022-02-24"],
        "start": [ts("2025-06-02"), ts("2025-06-02"), ts("2022-02-24")],
        "end": [ts("2025-06-02"), ts("2025-06-02"), ts("2022-02-24")],
        "status": ["planned", "happened", "happened"], "text": ["..."] * 3, "start_char": [0] * 3,
        "end_char": [3] * 3,
    })
    actors = pd.DataFrame({
        "article_id": ["a", "a", "c", "c"], "actor_id": ["russia", "ukraine", "russia", "ukraine"],
        "name": ["Russia", "Ukraine", "Russia", "Ukraine"], "country": ["RU", "UA", "RU", "UA"],
    })
    chron = chronology(ev, _articles_frame(), actors=actors)
    talks = chron[chron["action"].isin(["talk", "meet"])]
    assert len(talks) == 1
    assert (talks.iloc[0]["n_articles"], talks.iloc[0]["status"]) == (2, "happened")
    assert talks.iloc[0]["event_key"].startswith("parties-ru-ua|")
    # an asymmetric event keeps its actor; without the actors table talks stay apart
    assert "russia|invade|2022-02-24" in chron["event_key"].tolist()
    assert len(chronology(ev, _articles_frame()).query("action in ['talk', 'meet']")) == 2
    with pytest.raises(ValueError, match="actors frame has no column 'country'"):
        chronology(ev, _articles_frame(), actors=actors.drop(columns="country"))


def _talk_rows(rows):
    ts = pd.Timestamp
    n = len(rows)
    return pd.DataFrame({
        "article_id": [r[0] for r in rows], "event_id": list(range(n)), "sent_id": [0] * n,
        "actor": [r[1] for r in rows], "actor_id": [None] * n, "action": [r[2] for r in rows],
        "target": [r[3] for r in rows], "date_value": [r[4] for r in rows],
        "start": [ts(r[4]) for r in rows], "end": [ts(r[4]) for r in rows],
        "status": ["happened"] * n, "text": ["..."] * n, "start_char": [0] * n, "end_char": [3] * n,
    })


def test_chronology_joins_one_sided_reports_of_talks():
    actors = pd.DataFrame({
        "article_id": ["a", "a", "b"], "actor_id": ["russia", "ukraine", "ukraine"],
        "name": ["Russia", "Ukraine", "Ukraine"], "country": ["RU", "UA", "UA"],
    })
    ev = _talk_rows([
        ("a", "Russia", "talk", "Ukraine", "2025-06-02"),           # two sides
        ("b", "the Ukrainian delegation", "meet", None, "2025-06-02"),  # one side, same day
        ("c", "the Ukrainian delegation", "meet", None, "2025-07-23"),  # one side, another day
    ])
    chron = chronology(ev, _articles_frame(), actors=actors)
    assert chron["n_articles"].tolist() == [2, 1]
    assert chron["parties"].tolist() == ["RU+UA", "UA"]
    assert chron["event_key"].tolist()[0].startswith("parties-ru-ua|")
    # two sets of parties with Ukraine on that day: which talks is ambiguous, so it stays apart
    ev2 = pd.concat([ev, _talk_rows([("a", "Ukraine", "talk", "the United States", "2025-06-02")])],
                    ignore_index=True)
    actors2 = pd.concat([actors, pd.DataFrame({"article_id": ["a"], "actor_id": ["united-states"],
                                               "name": ["United States"], "country": ["US"]})])
    chron2 = chronology(ev2, _articles_frame(), actors=actors2)
    june = chron2[chron2["start"] == pd.Timestamp("2025-06-02")]
    assert sorted(june["parties"].tolist()) == ["RU+UA", "UA", "UA+US"]
    assert june["n_articles"].tolist() == [1, 1, 1]
    # without the actors table there are no parties
    assert chronology(ev, _articles_frame())["parties"].isna().all()


def test_chronology_parties_from_a_surname():
    actors = pd.DataFrame({
        "article_id": ["a", "a", "b", "b"], "actor_id": ["marco-rubio", "rustem-umerov", "x", "y"],
        "name": ["Marco Rubio", "Rustem Umerov", "Anna Smith", "John Smith"],
        "country": ["US", "UA", "GB", "US"],
    })
    ev = _talk_rows([("a", "Marco Rubio", "meet", "Umerov", "2025-05-16"),
                     ("b", "Anna Smith", "meet", "Smith", "2025-05-17")])  # two Smiths: unknown
    chron = chronology(ev, _articles_frame(), actors=actors)
    assert chron["parties"].tolist() == ["UA+US", "GB"]
