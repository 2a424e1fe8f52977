"""Long inputs: a very long sentence of nested reports parses in full and nothing is dropped;
the extraction after the parse stays fast (linear, not quadratic, in the input)."""

from __future__ import annotations

import gc
import time

import pytest

import toolkit
from toolkit.article import extract
from toolkit.statements import extract_statements

NAMES = ("Russia", "Ukraine", "France", "Germany", "Poland", "Japan")


def chain(n: int) -> str:
    """One sentence of ``n`` nested reports: "Russia said that Ukraine said that ..."."""
    return " ".join(f"{NAMES[i % len(NAMES)]} said that" for i in range(n)) + " the talks had failed."


@pytest.fixture(scope="module")
def long_doc(nlp):
    return nlp(chain(300))


def test_a_long_sentence_of_nested_reports_keeps_every_report(long_doc):
    stmts = extract_statements(long_doc)
    assert len(stmts) == 300
    assert [s.speaker_text for s in stmts] == [NAMES[i % len(NAMES)] for i in range(300)]
    assert all(s.cue == "say" and s.kind == "speech" for s in stmts)
    # each content is everything after its own "that", down to the innermost report
    assert stmts[-1].content == "the talks had failed"
    assert stmts[0].content == long_doc.text[len("Russia said that "):].rstrip(".")
    assert all(a.content.endswith(b.content) and len(a.content) > len(b.content)
               for a, b in zip(stmts, stmts[1:]))


def test_a_long_sentence_goes_through_every_table(long_doc):
    recs = extract(long_doc, article_id="long", published=None)
    assert len(recs.sentences) == 1
    assert len(recs.statements) == len(recs.attributions) == 300


@pytest.mark.parametrize("text,n", [
    ("He said that she said that they said that it rained.", 3),
    ("Peskov said that Lavrov told reporters that Kyiv claimed that talks were over.", 3),
])
def test_short_chains_of_reports_give_one_statement_per_report(nlp, text, n):
    assert len(extract_statements(nlp(text))) == n


def test_extraction_time_grows_linearly_with_the_sentence(nlp):
    """Statements over 4x the reports take well under 16x the time (quadratic would).
    Timed with the garbage collector paused, so that a collection of earlier garbage
    does not land on one of the two timings."""
    small, big = nlp(chain(100)), nlp(chain(400))

    def best(doc):
        out = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t = time.perf_counter()
                extract_statements(doc)
                out = min(out, time.perf_counter() - t)
            finally:
                gc.enable()
        return out

    best(small)  # warm up the lexicon cache
    ratio = best(big) / best(small)
    assert ratio < 9, ratio


def test_a_quotation_heavy_article_keeps_its_statements_when_repeated(nlp):
    para = ("“We will not give in,” the minister told reporters. “Talks must go on,” she added. "
            "Officials said on Monday that the border would stay closed.")
    one = toolkit.parse(para, nlp=nlp).statements
    many = toolkit.parse("\n\n".join([para] * 12), nlp=nlp).statements
    assert len(one) == 3 and len(many) == 12 * len(one)
