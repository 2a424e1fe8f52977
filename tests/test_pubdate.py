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
    ("IN WITNESS WHEREOF, I have hereunto set my hand this fifth day of January, in the year of our "
     "Lord two thousand twenty-three.", dt.date(2023, 1, 5), dt.date(2023, 1, 5)),
])
def test_infer_published_signals(nlp, text, lo, hi):
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1))
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
    ("Today we mark the 162nd anniversary of the Battle of Gettysburg, fought in 1863.",
     D(2025, 1, 1), D(2025, 12, 31)),
    ("President Biden marked the 20th anniversary of the September 11th attacks.",
     D(2021, 9, 8), D(2021, 9, 14)),
    ("Four years ago, in 2018, the attack shook the city.", D(2022, 1, 1), D(2022, 12, 31)),
    ("Today, 83 years ago, on June 4, 1942, the Battle of Midway began.", D(2025, 6, 1), D(2025, 6, 7)),
    # the Nth Congress and Public Laws: not before the Congress began
    ("The bill died in the 118th Congress, the senator said.", D(2023, 1, 3), D(2026, 1, 1)),
    # named laws and events (dates.yaml dated_terms): not before
    ("President Biden signed the Inflation Reduction Act.", D(2022, 6, 27), D(2025, 1, 19)),
    ("Since Russia's full-scale invasion, Vice President Harris has met allies.", D(2022, 1, 25), D(2025, 1, 19)),
    # Executive Order numbers and dated links
    ("Section 1 amends Executive Order 14110 and directs the agencies.", D(2023, 10, 30), D(2026, 1, 1)),
    ("To view the letter, visit: https://example.gov/wp-content/uploads/2022/07/Update-7.25.pdf",
     D(2022, 7, 1), D(2022, 7, 31)),
    # a history named in a text that shows it was written later
    ("President Biden honored the soldiers who landed on June 6, 1944.", D(2021, 1, 20), D(2025, 1, 19)),
])
def test_infer_published_new_signals(nlp, text, lo, hi):
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1))
    assert est is not None and lo <= est <= hi, est


def test_infer_published_old_dates_only(nlp):
    """A text that names only a date long past gets a wide range, not that date."""
    est, lo, hi = infer_published(nlp("On July 3, 1863, Union forces held the line at Gettysburg."),
                                  today=dt.date(2026, 1, 1))
    assert est is None and lo == dt.date(1863, 7, 3) and hi == dt.date(2026, 1, 1)


def test_infer_published_time_zone(nlp):
    """EDT on a transcript's clock time puts a period-only estimate in daylight saving time."""
    text = "10:11 A.M. EDT\n\nTHE VICE PRESIDENT: Thank you. Vice President Harris spoke about jobs."
    est, lo, hi = infer_published(nlp(text), today=dt.date(2026, 1, 1))
    assert est is not None and lo <= est <= hi and 3 <= est.month <= 11
    text = text.replace("EDT", "EST")
    est, _, _ = infer_published(nlp(text), today=dt.date(2026, 1, 1))
    assert est is not None and (est.month <= 3 or est.month >= 11)


@pytest.mark.parametrize("text, lo, hi", [
    # a full date written with its weekday, or set next to "today": the day of writing
    ("On Tuesday, March 30, 2021, the President signed into law H.R. 1799, which extends the "
     "application deadline to May 31, 2021.", D(2021, 3, 30), D(2021, 3, 30)),
    ("Families using direct deposit will receive their first payment today, July 15, 2021, and then on "
     "the 15th of every month, with the last on December 15, 2021.", D(2021, 7, 15), D(2021, 7, 15)),
    # the date line that ends a signed document, even with a planned date months later
    ("The amendments in Annex 3 shall take effect on December 27, 2023.\n\nJOSEPH R. BIDEN JR.\n\n"
     "THE WHITE HOUSE,\nJuly 28, 2023.", D(2023, 7, 28), D(2023, 7, 28)),
    # the end of a term is no planned event: the latest past date stays
    ("Jane Doe, of Virginia, to be a Commissioner for the remainder of the term expiring October 26, "
     "2024, vice John Roe, which was sent to the Senate on January 3, 2023.", D(2023, 1, 3), D(2023, 1, 3)),
    # the signing formula without "of our Lord"
    ("IN WITNESS WHEREOF, I have hereunto set my hand this twenty-ninth day of April, in the year two "
     "thousand twenty-two.", D(2022, 4, 29), D(2022, 4, 29)),
    # the latest past date far behind the first planned one: shortly before the planned date
    ("The national emergency declared in Executive Order 13959 of November 12, 2020, and expanded in "
     "Executive Order 14032 of June 3, 2021, is to continue in effect beyond November 12, 2021.",
     D(2021, 11, 5), D(2021, 11, 12)),
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
                                      "meet in Berlin on February 24th."), today=dt.date(2026, 1, 1))
    assert (est.month, est.day) == (2, 22) and lo < est < hi and (hi.month, hi.day) == (2, 24)
