"""Actors: entities, roles, countries, groups, and the span resolver."""

import datetime as dt
import json

import pytest

from toolkit.actors import extract_actors, load_dictionary, slugify
from toolkit.evaluate import norm_name
from toolkit.ingest import split_front_matter
from toolkit.paths import SHARED_DIR

SEED = SHARED_DIR / "seeds" / "000_a191f6331583f074.txt"
SEED_DATE = dt.date(2025, 5, 30)


def _actors(nlp, text, published=None):
    res = extract_actors(nlp(text), published=published)
    return {a.name: a for a in res.actors}, res


@pytest.fixture(scope="module")
def seed(nlp):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (set TOOLKIT_SHARED_DIR)")
    text = SEED.read_text(encoding="utf-8")
    return text, extract_actors(nlp(text), published=SEED_DATE)


# name -> (kind, role, affiliation, country); None means "don't care"
CASES = [
    ("Dmitry Peskov, the spokesperson for the Kremlin, said talks were planned.",
     {"Dmitry Peskov": ("person", "spokesperson", "Kremlin", "RU"), "Kremlin": ("organization", None, None, "RU")}),
    ("This was stated by Ukraine’s Foreign Minister, Andrii Sybiha, on Friday.",
     {"Andrii Sybiha": ("person", "Foreign Minister", "Ukraine", "UA"), "Ukraine": ("country", None, None, "UA")}),
    ("U.S. President Donald Trump’s envoy to Ukraine, Keith Kellogg, recognized the concern.",
     {"Keith Kellogg": ("person", "envoy to Ukraine", "United States", "US"),
      "Donald Trump": ("person", "President", "United States", "US")}),
    ("The acting Ukrainian President Oleksandr Turchynov arrived late for the ceremony.",
     {"Oleksandr Turchynov": ("person", "acting President", "Ukraine", "UA")}),
    ("Spokesperson for the Chinese Foreign Ministry Mao Ning said the talks had been useful.",
     {"Mao Ning": ("person", "Spokesperson", "Chinese Foreign Ministry", "CN")}),
    ("NATO Secretary General Jens Stoltenberg praised the new members.",
     {"Jens Stoltenberg": ("person", "Secretary General", "NATO", None), "NATO": ("organization", None, None, None)}),
    ("Oksana Hrytsenko, Adviser to the Head of the Office of the President of Ukraine, answered the question.",
     {"Oksana Hrytsenko": ("person", "Adviser to the Head of the Office of the President of Ukraine",
                            "Office of the President of Ukraine", "UA")}),
    ("President Zelenskyy welcomed President Trump's call and thanked the United States.",
     {"Volodymyr Zelenskyy": ("person", "President", "Ukraine", "UA"),
      "Donald Trump": ("person", "President", "United States", "US"),
      "United States": ("country", None, None, "US")}),
    ("Crown Prince Mohammed bin Salman hosted the talks in Riyadh, Saudi Arabia.",
     {"Mohammed bin Salman": ("person", "Crown Prince", "Saudi Arabia", "SA"),
      "Riyadh": ("location", None, None, "SA"), "Saudi Arabia": ("country", None, None, "SA")}),
    ("The strike follows warnings from officials in Moscow.",
     {"Moscow": ("location", None, None, "RU"), "Russian officials": ("group", None, None, "RU")}),
    ("Russian troops shelled Kharkiv and Odessa as sirens sounded over the Black Sea.",
     {"Kharkiv": ("location", None, None, "UA"), "Odesa": ("location", None, None, "UA"),
      "Black Sea": ("location", None, None, None)}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_actors_roles_kinds_countries(nlp, text, expected):
    got, _ = _actors(nlp, text, published=SEED_DATE)
    for name, (kind, role, aff, country) in expected.items():
        assert name in got, f"{name} not in {sorted(got)}"
        a = got[name]
        assert a.kind == kind
        if role is not None:
            assert a.role == role
        if aff is not None:
            assert a.affiliation == aff
        assert a.country == country


def test_person_mislabelled_by_ner_is_a_person_and_one_row(seed):
    _, res = seed
    names = [a.name for a in res.actors]
    assert len(names) == len(set(names))
    kellogg = [a for a in res.actors if a.actor_id == "keith-kellogg"]
    assert len(kellogg) == 1 and kellogg[0].kind == "person"
    # "Kellogg’s statement": the possessive is a mention of Kellogg, without the ’s
    assert any(m.text == "Kellogg" and m.actor_id == "keith-kellogg" and m.how in {"surname", "alias"}
               for m in res.mentions)


def test_mentions_slice_back_to_the_text(seed):
    text, res = seed
    assert res.mentions
    ids = {a.actor_id for a in res.actors}
    for m in res.mentions:
        assert text[m.start_char:m.end_char] == m.text
        assert m.actor_id in ids
    assert [(m.start_char, m.end_char) for m in res.mentions] == sorted((m.start_char, m.end_char) for m in res.mentions)


def _span(text, needle, after=None):
    start = text.index(after) if after else 0
    i = text.index(needle, start)
    return i, i + len(needle)


@pytest.mark.parametrize("needle,after,expected", [
    ("he", "In his statement, ", "Keith Kellogg"),                       # pronoun: nearest subject
    ("the Kremlin’s spokesperson", None, "Dmitry Peskov"),              # role phrase
    ("Peskov’s response", None, "Dmitry Peskov"),                       # possessive noun phrase
    ("Dmitry Peskov, the spokesperson for the Kremlin,", None, "Dmitry Peskov"),  # apposition
    ("U.S. President Donald Trump’s envoy to Ukraine, Keith Kellogg", None, "Keith Kellogg"),
    ("Ukraine’s Foreign Minister, Andrii Sybiha", None, "Andrii Sybiha"),
    ("The Kremlin", None, "Kremlin"),
    ("Washington", "the mediating role that ", "United States"),        # metonym
    ("Peskov", "developed,” ", "Dmitry Peskov"),                        # surname
])
def test_resolver_on_the_seed(seed, needle, after, expected):
    text, res = seed
    s, e = _span(text, needle, after)
    r = res.resolver.resolve(s, e)
    assert r is not None and r.name == expected


@pytest.mark.parametrize("text,span,expected", [
    ("Emmanuel Macron rang Vladimir Putin late on Friday evening. "
     "The President of France shared his concerns.", "The President of France", "Emmanuel Macron"),
    ("Vladimir Putin and Emmanuel Macron spoke by phone.", "Vladimir Putin and Emmanuel Macron",
     "Vladimir Putin and Emmanuel Macron"),
    ("Ukrainian and Russian delegations held talks. The parties discussed the ceasefire.", "The parties",
     "Ukrainian delegation and Russian delegation"),
    ("Alexander Lukashenko phoned President of Ukraine Volodymyr Zelenskyy on Sunday. The politicians agreed to meet.",
     "The politicians", "Alexander Lukashenko and Volodymyr Zelenskyy"),
    # "the two sides" are the countries of the talks, not the last pair of people named
    ("Russia and Ukraine met in Istanbul. Later Donald Trump and Recep Tayyip Erdogan spoke by phone. "
     "The two sides agreed to exchange prisoners.", "The two sides", "Russia and Ukraine"),
    ("Donald Trump and Recep Tayyip Erdogan discussed the Russia–Ukraine talks. "
     "The sides agreed to exchange prisoners.", "The sides", "Russia and Ukraine"),
    # no pair named before: the two countries or groups of the nearest sentence, not a group and its head
    ("A Russian delegation led by presidential aide Vladimir Medinsky arrived in Istanbul for talks with "
     "Ukraine, but the meeting was pushed back as the two sides sparred over the seating.", "the two sides",
     "Russian delegation and Ukraine"),
    # people still win for "they"
    ("Russia and Ukraine met in Istanbul. Later Donald Trump and Recep Tayyip Erdogan spoke by phone. "
     "They agreed to talk again.", "They", "Donald Trump and Recep Tayyip Erdogan"),
])
def test_resolver_roles_and_joint_speakers(nlp, text, span, expected):
    res = extract_actors(nlp(text), published=dt.date(2022, 2, 28))
    i = text.rindex(span)
    r = res.resolver.resolve(i, i + len(span))
    assert r is not None and r.name == expected
    if " and " in expected:
        assert r.actor_id == "+".join(slugify(n) for n in expected.split(" and "))


def test_role_without_name_uses_dictionary_and_date(nlp):
    text = "The President of France called for calm."
    for day, who in [(dt.date(2016, 1, 1), "Francois Hollande"), (dt.date(2022, 1, 1), "Emmanuel Macron")]:
        res = extract_actors(nlp(text), published=day)
        r = res.resolver.resolve(0, len("The President of France"))
        assert r is not None and r.name == who


@pytest.mark.parametrize("text", ["", "   ", "123 456.", "“Unbalanced quote", "he said. they said. it is."])
def test_strange_text_does_not_crash(nlp, text):
    res = extract_actors(nlp(text), published=None)
    assert isinstance(res.actors, list) and isinstance(res.mentions, list)
    assert res.resolver.resolve(0, len(text)) is None or res.resolver.resolve(0, len(text)).name
    assert res.resolver.resolve(5, 2) is None


def test_actor_ids_are_stable_across_articles(nlp):
    a, _ = _actors(nlp, "Zelensky met Erdoğan in Istanbul.")
    b, _ = _actors(nlp, "Volodymyr Zelenskiy thanked Recep Tayyip Erdogan.")
    assert a["Volodymyr Zelenskyy"].actor_id == b["Volodymyr Zelenskyy"].actor_id == "volodymyr-zelenskyy"
    assert a["Recep Tayyip Erdogan"].actor_id == b["Recep Tayyip Erdogan"].actor_id == "recep-tayyip-erdogan"


def test_user_dictionary_extends_default(nlp):
    d = {"actors": [{"name": "Jane Roe", "kind": "person", "gender": "f", "country": "GB",
                     "aliases": ["J. Roe"], "roles": [{"role": "Envoy", "affiliation": "United Kingdom"}]}]}
    res = extract_actors(nlp("J. Roe met Vladimir Putin."), published=None, dictionary=d)
    got = {a.name: a for a in res.actors}
    assert got["Jane Roe"].country == "GB" and got["Jane Roe"].role == "Envoy"
    assert "Vladimir Putin" in got
    assert load_dictionary() is load_dictionary()  # the default is cached


def _gold_score(nlp, path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    _, body = split_front_matter((SHARED_DIR / gold["file"]).read_text(encoding="utf-8"))
    res = extract_actors(nlp(body), published=dt.date.fromisoformat(gold["published"]))
    index = [({norm_name(g["name"])} | {norm_name(x) for x in g.get("aliases") or []}, g) for g in gold["actors"]]
    tp = fp = 0
    matched = set()
    for a in res.actors:
        hit = next((i for i, (names, _) in enumerate(index) if norm_name(a.name) in names), None)
        if hit is None:
            fp += 1
        elif not index[hit][1].get("optional"):
            if hit in matched:
                fp += 1
            else:
                matched.add(hit)
                tp += 1
    fn = sum(1 for i, (_, g) in enumerate(index) if not g.get("optional") and i not in matched)
    return tp, fp, fn


def test_gold_actor_f1(nlp, gold_dir):
    tp = fp = fn = 0
    for path in sorted(gold_dir.glob("*.json")):
        t, f, n = _gold_score(nlp, path)
        tp, fp, fn = tp + t, fp + f, fn + n
        f1 = 2 * t / (2 * t + f + n) if t else 0.0
        # floors just under the figures measured on 2026-12-07 (every file 1.00, 141 actors,
        # in-sample: these files were read while the rules were written), so one error fails
        assert f1 >= 0.95, f"{path.name}: actor F1 {f1:.2f} (tp {t}, fp {f}, fn {n})"
    assert 2 * tp / (2 * tp + fp + fn) >= 0.99, (tp, fp, fn)


# ---------------------------------------------------------------------------------------------
# across articles: one actor_id per real actor, whatever the spelling


def test_same_actor_id_across_two_articles_with_different_spellings(nlp):
    one = ("Ukrainian President Volodymyr Zelenskyy said Kyiv would send a delegation. "
           "Kremlin spokesman Dmitry Peskov said Moscow was ready.")
    two = ("Zelenskiy told reporters that the talks had stalled. Kiev said it would not cede land, "
           "and Dmitri Peskov declined to comment.")
    a, _ = _actors(nlp, one, published=dt.date(2022, 3, 1))
    b, _ = _actors(nlp, two, published=dt.date(2022, 3, 1))
    ids_a = {x.actor_id for x in a.values()}
    ids_b = {x.actor_id for x in b.values()}
    for aid in ("volodymyr-zelenskyy", "dmitry-peskov", "ukraine"):
        assert aid in ids_a and aid in ids_b, (aid, sorted(ids_a), sorted(ids_b))
    # the capital standing for the government is the country, not a second actor
    assert "kiev" not in ids_b and "kyiv" not in ids_a


@pytest.mark.parametrize("name,iso", [("Holy See", "VA"), ("State of Palestine", "PS"), ("Kosovo", "XK"),
                                      ("Taiwan", "TW"), ("Tuvalu", "TV"), ("Slovak Republic", "SK"),
                                      ("Federative Republic of Brazil", "BR")])
def test_country_table_covers_un_members_observers_and_official_names(name, iso):
    e = load_dictionary().find(name)
    assert e is not None and e.kind == "country" and e.country == iso


def test_country_table_has_all_un_members():
    d = load_dictionary()
    isos = {e.country for e in d.entries.values() if e.kind == "country"}
    assert len(isos) >= 197  # 193 UN members + Holy See, Palestine, Kosovo, Taiwan


@pytest.mark.parametrize("text,absent,present", [
    # diseases, currencies, salutations and common words the small NER model calls organisations
    ("The Cabinet discussed COVID-19 support of 8,000 UAH for Friends of the region.", ["COVID-19", "UAH", "Friends"], []),
    ("Dear Presidents, Prime Ministers! Dear friends!", ["Dear Presidents", "Presidents"], []),
    # a title + name the model tags as one organisation: the name part is a person
    ("Governor of the Tver Region Igor Rudenya asked the President for more funding.", ["Tver Region Igor Rudenya"],
     ["Igor Rudenya"]),
    # a role never swallows another person's name in a list of officials
    ("Among those present were Director of the State Archive Service Pavel Orlov, "
     "Director of the National Weather Service Irina Sokolova.", [], ["Pavel Orlov", "Irina Sokolova"]),
])
def test_ner_noise_and_names_inside_organisations(nlp, text, absent, present):
    got, _ = _actors(nlp, text, published=dt.date(2022, 2, 18))
    for name in absent:
        assert name not in got, sorted(got)
    for name in present:
        assert name in got and got[name].kind == "person", sorted(got)
    for a in got.values():
        if a.role:
            assert not any(other in a.role for other in got if other != a.name and got[other].kind == "person")


def test_extract_actors_is_fast_relative_to_the_parse(nlp):
    """The actor pass is a small fraction of the spaCy parse (benchmarks/bench_actors.py measures it)."""
    import time
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else "Vladimir Putin met Emmanuel Macron. " * 40
    extract_actors(nlp("warm up"))
    t = time.perf_counter()
    doc = nlp(text)
    t_parse = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(3):
        extract_actors(doc, published=SEED_DATE)
    t_act = (time.perf_counter() - t) / 3
    assert t_act < 0.5 * t_parse, (t_act, t_parse)  # loose bound: the machine may be loaded
