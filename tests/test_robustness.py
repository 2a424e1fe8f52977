"""Property-based tests: the parser never crashes on strange text, and reading never crashes on
strange files; every input ends as an article or an error row.

Runs about 1,200 generated inputs in about 30 s (a minute on a busy machine). For a longer hunt:
``TOOLKIT_HYPOTHESIS_PROFILE=thorough pytest tests/test_robustness.py`` (10x the examples,
random seeds).
"""

import json
import os
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.ingest import SUFFIXES, ArticleInput, ArticleWarning, ReadError, iter_articles

THOROUGH = os.environ.get("TOOLKIT_HYPOTHESIS_PROFILE") == "thorough"
SCALE = 10 if THOROUGH else 1
# Fixed seeds by default (same examples on every run, no database files in the tree);
# random ones in the thorough profile.
BASE = settings(max_examples=200 * SCALE, deadline=None, derandomize=not THOROUGH, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a", "``", "''"]
CONTROL = [chr(c) for c in range(32)] + ["\x7f", "\x85", "\u00ad", "\u200b", "\u200d", "\u200e", "\u202e",
                                         "\u2028", "\u2029", "\ufeff", "\ufffd"]
WORDS = ["said", "Peskov", "Zelenskyy", "Putin", "talks", "Istanbul", "on", "Friday", "the", "a", "ceasefire",
         "told", "reporters", "May", "next", "week", "Russia", "Ukraine", "would", "resume", "according", "to",
         "officials", "Kremlin", "spokesman", "Dmitry", "U.S.", "Mr.", "yesterday", "in", "2025", "and", "that"]
PUNCT = [".", ",", ":", ";", "\u2014", "-", "(", ")", "!", "?", "...", "\u2026", "/", "&", "*", "#"]
SCRIPTS = ["\u041a\u0440\u0435\u043c\u043b\u044c", "\u4e2d\u6587", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
           "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
           "\u0939\u093f\u0928\u094d\u0926\u0940", "\u65e5\u672c\u8a9e", "\ud55c\uad6d\uc5b4", "\u0130stanbul",
           "Erdo\u011fan", "Z\u00fcrich", "e\u0301", "\u202eRTL"]
EMOJI = ["\U0001F680", "\U0001F525", "\U0001F44D\U0001F3FD", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
         "\U0001F1FA\U0001F1E6", "\u2764\ufe0f", "\U0001F600"]
NUMBERS = st.one_of(
    st.integers(-10**15, 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["2025-05-30", "30/05/2025", "1990s", "9/11", "3:45 p.m.", "$1.5bn", "50%", "No. 1",
                     "2025-02-30", "0000-00-00", "99999", "1st", "XIV", "+7 495 123-45-67"]),
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "\t", "  ", "\r\n"])
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(QUOTES),
                  st.sampled_from(CONTROL), st.sampled_from(SCRIPTS), st.sampled_from(EMOJI), NUMBERS,
                  st.text(max_size=4))
STRANGE_TEXT = st.lists(st.tuples(TOKEN, SEPARATORS), max_size=250).map(lambda ts: "".join(a + b for a, b in ts))
ONLY_QUOTES = st.lists(st.sampled_from(QUOTES + [" ", "\n", "."]), min_size=1, max_size=600).map("".join)
ONLY_NUMBERS = st.lists(st.tuples(NUMBERS, SEPARATORS), min_size=1, max_size=300).map(
    lambda ts: "".join(a + b for a, b in ts))
LONG_SENTENCE = st.tuples(st.lists(st.sampled_from(WORDS + QUOTES + [","]), min_size=3, max_size=25),
                          st.integers(20, 200)).map(lambda t: " ".join(t[0] * t[1]))

# Every table with character offsets, and the column that must equal the slice.
SLICES = {"sentences": [("start_char", "end_char", "text")], "mentions": [("start_char", "end_char", "text")],
          "dates": [("start_char", "end_char", "text")],
          "statements": [("content_start", "content_end", "content"), ("speaker_start", "speaker_end", "speaker_text")],
          "events": [("start_char", "end_char", None)]}


def check_parse(text, nlp):
    art = toolkit.parse(text, published="2025-05-30", nlp=nlp)
    recs = art.records
    for table, spans in SLICES.items():
        rows = getattr(recs, table)
        for row in rows:
            for start, end, col in spans:
                s, e = row.get(start), row.get(end)
                if s is None or e is None:
                    continue
                assert 0 <= s <= e <= len(text), (table, row)
                if col is not None and row.get(col) is not None:
                    assert text[s:e] == row[col], (table, col, row)
    for name in art.tables():  # frames build from whatever came out
        assert getattr(art, name) is not None
    return art


@given(text=STRANGE_TEXT)
@BASE
def test_parse_never_crashes_on_strange_text(nlp, text):
    check_parse(text, nlp)


@given(text=st.one_of(ONLY_QUOTES, ONLY_NUMBERS, st.text(max_size=400)))
@settings(BASE, max_examples=150 * SCALE)
def test_parse_never_crashes_on_only_quotes_numbers_or_any_unicode(nlp, text):
    check_parse(text, nlp)


@given(text=LONG_SENTENCE)
@settings(BASE, max_examples=15 * SCALE)
def test_parse_never_crashes_on_very_long_sentences(nlp, text):
    check_parse(text, nlp)


# --------------------------------------------------------------------------- reading files

ARTICLE = ("---\ntitle: Talks resume\npublished: 2025-05-16\n---\n"
           "Russian and Ukrainian delegations met in Istanbul on Friday, officials said. \u201cWe are ready,\u201d "
           "Kremlin spokesman Dmitry Peskov told reporters. The talks in Z\u00fcrich will resume next week.\n").encode()


def read_one(name, data, **kwargs):
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ArticleWarning)
            items = list(iter_articles(p, **kwargs))
    assert items, "every file gives at least one item"
    for item in items:
        assert isinstance(item, (ArticleInput, ReadError))
        if isinstance(item, ArticleInput):
            assert item.text.strip() and isinstance(item.text, str) and item.article_id
        else:
            assert item.reason.startswith(str(p)) and item.stage in toolkit.ingest.STAGES
    return items


@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES + (".bin", "")))
@settings(BASE, max_examples=250 * SCALE)
def test_random_bytes_never_crash_the_reader(data, suffix):
    items = read_one("f" + suffix, data)
    if suffix in (".txt", ".md", ".html", ".htm", ""):
        assert len(items) == 1


@st.composite
def mangled(draw):
    data = bytearray(ARTICLE)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "control", "recode", "dup"]))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "cut":
            data = data[:pos]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(max_size=20))
        elif op == "control":
            data[pos:pos] = draw(st.sampled_from(CONTROL)).encode("utf-8")
        elif op == "recode":
            codec = draw(st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig", "mac-roman"]))
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(codec, "replace"))
        elif op == "dup":
            data += data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@given(data=mangled(), suffix=st.sampled_from([".txt", ".md", ".json", ".html", ".xml"]))
@settings(BASE, max_examples=250 * SCALE)
def test_mangled_articles_are_read_or_reported_never_lost(data, suffix):
    items = read_one("a" + suffix, data)
    if suffix in (".txt", ".md", ".html"):
        assert len(items) == 1


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=12)
RECORD = st.fixed_dictionaries({}, optional={"text": st.one_of(st.text(max_size=200), JSON_VALUES),
                                             "title": JSON_VALUES, "published": st.one_of(NUMBERS, JSON_VALUES),
                                             "id": JSON_VALUES, "url": JSON_VALUES})


@given(records=st.lists(st.one_of(RECORD, JSON_VALUES), max_size=6), kind=st.sampled_from(["json", "jsonl", "csv"]))
@settings(BASE, max_examples=150 * SCALE)
def test_strange_records_never_crash_and_each_gives_one_item(records, kind):
    if kind == "json":
        items = read_one("r.json", json.dumps(records).encode())
        assert len(items) == max(1, len(records))
    elif kind == "jsonl":
        lines = [json.dumps(r) for r in records]
        items = read_one("r.jsonl", "\n".join(lines).encode())
        assert len(items) == max(1, sum(1 for line in lines if line.strip()))
    else:
        rows = ["title,text,published"] + [
            ",".join(json.dumps(str(r.get(k, ""))) if isinstance(r, dict) else json.dumps(str(r))
                     for k in ("title", "text", "published")) for r in records]
        read_one("r.csv", "\n".join(rows).encode())


def test_parse_many_keeps_every_mangled_input(tmp_path, nlp):
    """A folder of mangled copies: every file ends as a parsed article or an error row."""
    import random

    rng = random.Random(7)
    n = 0
    for i in range(40):
        data = bytearray(ARTICLE.replace(b"Friday", f"Friday ({i})".encode()))
        for _ in range(rng.randint(0, 4)):
            pos = rng.randrange(len(data))
            data[pos] = rng.randrange(256)
        if i % 7 == 0:
            data = data[: rng.randrange(len(data))]
        (tmp_path / f"m{i:02d}.txt").write_bytes(bytes(data))
        n += 1
    (tmp_path / "copy.txt").write_bytes((tmp_path / "m01.txt").read_bytes())
    n += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        corpus = toolkit.parse_many(tmp_path, nlp=nlp)
    assert len(corpus) + len(corpus.errors) == n
    assert not (corpus.errors.stage == "extract").any(), corpus.errors[corpus.errors.stage == "extract"]
    assert "duplicate" in set(corpus.errors.stage) or "m01" in set(corpus.errors.article_id)
