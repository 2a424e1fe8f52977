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
