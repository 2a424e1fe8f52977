"""Publication-date inference from an article's own text (``toolkit.pubdate``)."""

import datetime as dt

import pytest

from toolkit.paths import SHARED_DIR
from toolkit.pubdate import infer_published


SEED = SHARED_DIR / "seeds" / "000_a191f6331583f074.txt"


def test_infer_published_on_the_seed(nlp):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (set TOOLKIT_SHARED_DIR)")
    est, earliest, latest = infer_published(nlp(SEED.read_text(encoding="utf-8")))
    assert dt.date(2025, 5, 26) <= earliest <= est <= latest <= dt.date(2025, 6, 1)


def test_infer_published_without_evidence(nlp):
    assert infer_published(nlp("Officials met and talked.")) == (None, None, None)
    assert infer_published(nlp("")) == (None, None, None)


@pytest.mark.parametrize("text, lo, hi", [
    ("President Biden spoke today with the Chancellor.", dt.date(2021, 1, 20), dt.date(2025, 1, 19)),
    ("Sealed at the town hall this thirtieth day of August, in the year of our Lord two thousand "
     "eleven, by the council.", dt.date(2011, 8, 30), dt.date(2011, 8, 30)),
])
def test_infer_published_signals(nlp, text, lo, hi):
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1), abstain=False)
    assert est is not None and lo <= est <= hi


D = dt.date


@pytest.mark.parametrize("text, lo, hi", [
    # dated office holders (actors.yaml), the periods intersected
    ("Press Secretary Karine Jean-Pierre briefed reporters.", D(2022, 5, 13), D(2025, 1, 19)),
    ("President Biden met Prime Minister Rishi Sunak in London.", D(2022, 10, 25), D(2024, 7, 4)),
    ("President Biden called Speaker Kevin McCarthy about the budget.", D(2023, 1, 7), D(2023, 10, 2)),
    ("Prime Minister Kishida and President Yoon met at Camp David.", D(2022, 5, 10), D(2024, 9, 30)),
    ("President Biden spoke with King Charles III.", D(2022, 9, 8), D(2025, 1, 19)),
    ("Taoiseach Varadkar visited the White House.", D(2017, 6, 14), D(2024, 4, 8)),
    # a title named once against one named many times: the majority wins
    ("President Biden said the Trump Administration failed. President Biden spoke. President Biden left.",
     D(2021, 1, 20), D(2025, 1, 19)),
    # anniversaries and durations anchored to a year in the text or to a dated term
    ("Today the town honors the 162nd anniversary of Pickett's Charge, fought in 1863.",
     D(2025, 1, 1), D(2025, 12, 31)),
    ("On this 20th anniversary, President Biden laid a wreath; the September 11th attacks shaped a generation.",
     D(2021, 9, 8), D(2021, 9, 14)),
    ("Four years ago, in 2018, the attack shook the city.", D(2022, 1, 1), D(2022, 12, 31)),
    ("Twenty years after the September 11th attacks, the square is full again.", D(2021, 1, 1), D(2021, 12, 31)),
    ("Today, 83 years ago, on June 4, 1942, the Battle of Midway began.", D(2025, 6, 1), D(2025, 6, 7)),
    # the Nth Congress and Public Laws: not before the Congress began
    ("The bill died in the 118th Congress, the senator said.", D(2023, 1, 3), D(2026, 1, 1)),
    # named laws and events (dates.yaml dated_terms): not before
    ("The Inflation Reduction Act was praised by President Biden at the rally.", D(2022, 6, 27), D(2025, 1, 19)),
    ("Since Russia's full-scale invasion, Vice President Harris has met allies.", D(2022, 1, 25), D(2025, 1, 19)),
    # Executive Order numbers and dated links
    ("Section 1 amends Executive Order 14110 and directs the agencies.", D(2023, 10, 30), D(2026, 1, 1)),
    ("The full audit is posted at https://example.gov/wp-content/uploads/2022/07/Audit-summary.pdf",
     D(2022, 7, 1), D(2022, 7, 31)),
    # a history named in a text that shows it was written later
    ("President Biden honored the soldiers who landed on June 6, 1944.", D(2021, 1, 20), D(2025, 1, 19)),
])
def test_infer_published_new_signals(nlp, text, lo, hi):
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1), abstain=False)
    assert est is not None and lo <= est <= hi, est


def test_infer_published_old_dates_only(nlp):
    """A text that names only a date long past gets a wide range, not that date."""
    est, lo, hi = infer_published(nlp("On July 3, 1863, Union forces held the line at Gettysburg."),
                                  today=dt.date(2026, 1, 1))
    assert est is None and lo == dt.date(1863, 7, 3) and hi == dt.date(2026, 1, 1)


def test_infer_published_time_zone(nlp):
    """EDT on a transcript's clock time puts a period-only estimate in daylight saving time."""
    text = "2:47 P.M. EDT\n\nVice President Harris spoke about jobs and thanked the workers."
    est, lo, hi = infer_published(nlp(text), today=dt.date(2026, 1, 1), abstain=False)
    assert est is not None and lo <= est <= hi and 3 <= est.month <= 11
    text = text.replace("EDT", "EST")
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1), abstain=False)
    assert est is not None and (est.month <= 3 or est.month >= 11)


@pytest.mark.parametrize("text, lo, hi", [
    # a full date written with its weekday, or set next to "today": the day of writing
    ("On Thursday, April 8, 2021, the mayor approved the budget, which extends the funding of the "
     "libraries to June 30, 2021.", D(2021, 4, 8), D(2021, 4, 8)),
    ("Families using direct deposit will receive their first payment today, July 15, 2021, and then on "
     "the 15th of every month, with the last on December 15, 2021.", D(2021, 7, 15), D(2021, 7, 15)),
    # the date line that ends a signed document, even with a planned date months later
    ("The new parking rules of the annex shall apply from December 27, 2023.\n\nJane Roe, Mayor\n\n"
     "Town Hall, Springfield,\nJuly 28, 2023.", D(2023, 7, 28), D(2023, 7, 28)),
    # the end of a term is no planned event: the latest past date stays
    ("Mary Major, of Ohio, joins the river board for a term expiring March 14, 2027; her name reached "
     "the council on February 2, 2024.", D(2024, 2, 2), D(2024, 2, 2)),
    # the signing formula without "of our Lord"
    ("The charter was sealed this twenty-ninth day of October, in the year two thousand twelve, by "
     "the guild.", D(2012, 10, 29), D(2012, 10, 29)),
    # the latest past date far behind the first planned one: shortly before the planned date
    ("The state of alert that the governor declared on March 2, 2020, and widened on June 9, 2020, "
     "is to stay in force beyond March 2, 2021.", D(2021, 2, 23), D(2021, 3, 2)),
    # a month named without a day, with or without its year: its end
    ("In March 2025, the economy added 228,000 jobs.", D(2025, 3, 28), D(2025, 4, 3)),
    ("In 2025 the economy grew. In March, the economy added 228,000 jobs.", D(2025, 3, 28), D(2025, 4, 3)),
])
def test_infer_published_day_signals(nlp, text, lo, hi):
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1))
    assert est is not None and lo <= est <= hi, est


def test_infer_published_planned_day_only(nlp):
    """A planned day of the month and nothing else dated: the estimate falls just before it."""
    est, lo, hi = infer_published(nlp("President Biden spoke with the Chancellor. The two leaders will "
                                      "meet in Berlin on February 24th."), today=dt.date(2026, 1, 1),
                                  abstain=False)
    assert (est.month, est.day) == (2, 22) and lo < est < hi and (hi.month, hi.day) == (2, 24)


# --- issue 16: the evidence behind the estimate, and abstention (sentences written for the tests)

@pytest.mark.parametrize("text, estimate, first_evidence, also", [
    # a weekday written with its date: the year whose May 30 is a Friday
    ("The ministers met on Friday, May 30, in Geneva.", D(2025, 5, 30), "weekday and date", None),
    # an office holder with a dated term bounds the year; the weekday then picks it
    ("Secretary of State Rubio arrived on Monday, June 2, for the talks.", D(2025, 6, 2), "weekday and date",
     "office: Secretary of State Rubio"),
    # an anniversary of a dated event gives the year
    ("On the 80th anniversary, veterans walked again on the sands of D-Day.", D(2024, 6, 6), "latest full date",
     "anniversary"),
])
def test_evidence_is_listed(nlp, text, estimate, first_evidence, also):
    from toolkit.pubdate import infer_published_evidence

    e = infer_published_evidence(nlp(text), today=dt.date(2026, 1, 1))
    assert e.estimate == estimate, e
    assert e.evidence and e.evidence[0].startswith(first_evidence), e.evidence
    assert also is None or any(x.startswith(also) for x in e.evidence), e.evidence


def test_abstains_when_only_a_long_term_is_known(nlp):
    """"President Biden" alone leaves four years open: no estimate, the range and the reason kept."""
    from toolkit.pubdate import infer_published_evidence

    doc = nlp("President Biden spoke with the Chancellor about trade.")
    e = infer_published_evidence(doc, today=dt.date(2026, 1, 1))
    assert e.estimate is None and (e.earliest, e.latest) == (D(2021, 1, 20), D(2025, 1, 19))
    assert e.evidence[0].startswith("abstained") and any("President Biden" in x for x in e.evidence)
    assert infer_published_evidence(doc, today=dt.date(2026, 1, 1), abstain=False).estimate is not None


def test_articles_table_shows_the_evidence(nlp):
    import pandas as pd

    from toolkit import parse

    art = parse("In 2025 the ministers met on Friday, May 30, in Geneva.", nlp=nlp)
    row = art.articles.iloc[0]
    assert row.published_inferred and str(row.published.date()) == "2025-05-30"
    assert row.published_evidence.startswith("weekday and date")
    given = parse("The ministers met on Friday.", published="2025-05-30", nlp=nlp).articles.iloc[0]
    assert pd.isna(given.published_evidence)  # a given date needs no evidence


# --- issue 16: "this year's <dated series>" (toolkit/data/dated_series.yaml; sentences written for the tests)

@pytest.mark.parametrize("text, lo, hi, evidence", [
    # an edition named by its host place
    ("Leaders flew in for this year's G7 summit in Hiroshima, where the talks ran late.",
     D(2023, 1, 1), D(2023, 12, 31), "dated series: this year's G7 summit -> 2023"),
    ("This year’s G7 Summit, hosted by Japan in Hiroshima, closed with a statement.",
     D(2023, 1, 1), D(2023, 12, 31), "dated series: this year's G7 Summit -> 2023"),
    # last year's edition: one year later
    ("Unlike last year's COP in Glasgow, the delegates agreed on the text quickly.",
     D(2022, 1, 1), D(2022, 12, 31), "dated series: last year's COP -> 2022"),
    # a series not held every year, intersected with an office holder's term
    ("President Biden cheered the skiers of this year's Winter Olympics.",
     D(2022, 1, 1), D(2022, 12, 31), "dated series: this year's Winter Olympics"),
    # an edition by its number, with "this year's"
    ("The mayor watched this year's Super Bowl LVIII with the team's fans.",
     D(2024, 1, 1), D(2024, 12, 31), "dated series: this year's Super Bowl -> 2024"),
    # an edition the article dates itself, then "last year's summit" with the same place
    ("The G20 summit in Cannes in 2011 ended in discord. Diplomats said last year's summit in Cannes "
     "had failed the poorest countries.", D(2012, 1, 1), D(2012, 12, 31), "dated series: last year's summit -> 2012"),
    # ... or by its month
    ("The G7 summit in June 2024 was tense. Officials said last year's summit in June had set the agenda.",
     D(2025, 1, 1), D(2025, 12, 31), "dated series: last year's summit -> 2025"),
])
def test_this_years_dated_series(nlp, text, lo, hi, evidence):
    from toolkit.pubdate import infer_published_evidence

    e = infer_published_evidence(nlp(text), today=dt.date(2026, 1, 1))
    assert e.estimate is not None and lo <= e.earliest <= e.estimate <= e.latest <= hi, e
    assert any(x.startswith(evidence) for x in e.evidence), e.evidence


@pytest.mark.parametrize("text, year", [
    ("Negotiators left COP28 with a deal on fossil fuels, the envoy said.", 2023),
    ("The band played at the 59th Presidential Inaugural Ceremonies, the director recalled.", 2021),
])
def test_named_edition_counts_as_a_year(nlp, text, year):
    from toolkit.pubdate import infer_published_evidence

    e = infer_published_evidence(nlp(text), today=dt.date(2026, 1, 1))
    assert e.estimate is not None and e.estimate.year == year, e
    assert any(x.startswith("named edition:") for x in e.evidence), e.evidence


@pytest.mark.parametrize("text", [
    # an annual series without its edition tells nothing
    "President Biden congratulated the winners of this year's Super Bowl.",
    # an edition that contradicts the other evidence is left out
    "President Obama praised this year's G7 summit in Hiroshima.",
])
def test_dated_series_abstains_when_it_does_not_narrow(nlp, text):
    from toolkit.pubdate import infer_published_evidence

    e = infer_published_evidence(nlp(text), today=dt.date(2026, 1, 1))
    assert e.estimate is None and not any("dated series" in x for x in e.evidence), e


def test_dated_series_lexicon_can_be_extended(nlp, tmp_path):
    from toolkit.pubdate import infer_published_evidence

    extra = tmp_path / "my_series.yaml"
    extra.write_text("series:\n  - name: Lakeside Film Festival\n    aliases: [Lakeside Film Festival]\n"
                     "    every: 1\n    editions:\n      - {year: 2019, places: [Port Aster]}\n"
                     "      - {year: 2022, places: [Elm Bay]}\n", encoding="utf-8")
    doc = nlp("Critics loved this year's Lakeside Film Festival in Elm Bay.")
    e = infer_published_evidence(doc, today=dt.date(2026, 1, 1), series=extra)
    assert e.estimate is not None and e.estimate.year == 2022, e
    assert infer_published_evidence(doc, today=dt.date(2026, 1, 1)).estimate is None
