"""Provenance guard: benchmark and corpus text never enters the project (tools/provenance.py)."""

import importlib.util
import sys

import pytest

from toolkit.paths import PROJECT_DIR, SHARED_DIR

_SPEC = importlib.util.spec_from_file_location("provenance", PROJECT_DIR / "tools" / "provenance.py")
provenance = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("provenance", provenance)  # dataclasses look their module up here
_SPEC.loader.exec_module(provenance)

BENCH_TEXT = ("The committee chairwoman, Delphine Arbogast, told reporters on Tuesday that the "
              "harbour dredging contract would be re-tendered in the near future, and that it was one "
              "of the first of its kind.")


def _place(text, path="tests/x.py", line=7):
    return provenance.Place(path, [(w, line) for w in provenance.words(text)])


def _find(project_text, shared_text=BENCH_TEXT, **kw):
    return provenance.find_matches([_place(project_text)], [("bench/doc.txt", shared_text)], **kw)


@pytest.mark.parametrize("text, expected", [
    # a re-punctuated, re-cased copy of six benchmark words is found
    ("Chairwoman DELPHINE ARBOGAST told reporters: on Tuesday!",
     "chairwoman delphine arbogast told reporters on tuesday"),
    # quotes and hyphens are punctuation
    ("\u201cThe harbour dredging contract would be re\u2011tendered,\u201d",
     "the harbour dredging contract would be re tendered"),
    # five shared words are not a match
    ("Delphine Arbogast told reporters yesterday", None),
    # the stock phrase does not count towards the six words
    ("the contract would be re-tendered in the near future", None),
    # function words do not make a match on their own
    ("We knew that it was one of the first.", None),
])
def test_find_matches_on_invented_text(text, expected):
    hits = _find(text)
    assert [h.words for h in hits] == ([expected] if expected else [])
    if expected:
        assert (hits[0].path, hits[0].line, hits[0].source) == ("tests/x.py", 7, "bench/doc.txt")


@pytest.mark.parametrize("text, expected", [
    ("Don\u2019t STOP", ["dont", "stop"]),
    ("don't stop", ["dont", "stop"]),
    ("\u2018Talks\u2019 -- resume (soon).", ["talks", "resume", "soon"]),
])
def test_words_are_normalised(text, expected):
    assert provenance.words(text) == expected


def test_seed_text_and_common_formulae_are_allowed():
    copy = "Delphine Arbogast told reporters on Tuesday that the harbour"
    assert _find(copy) != []
    assert _find(copy, seeds=[BENCH_TEXT]) == []
    many = [(f"bench/{k}.txt", BENCH_TEXT) for k in range(provenance.MAX_DOCS + 1)]
    assert provenance.find_matches([_place(copy)], many) == []


def test_python_places_join_implicit_concatenation_and_keep_lines(tmp_path):
    src = tmp_path / "t.py"
    src.write_text('CASES = [("alpha beta "\n          "gamma delta"),  # epsilon zeta\n         "eta"]\n')
    places = provenance.python_places(src, "t.py")
    assert [[(w, ln) for w, ln in p.tokens] for p in places] == [
        [("alpha", 1), ("beta", 1), ("gamma", 2), ("delta", 2)],
        [("epsilon", 2), ("zeta", 2)],
        [("eta", 3)],
    ]


def test_project_shares_no_passage_with_benchmark_texts():
    if not (SHARED_DIR / "bench").is_dir():
        pytest.skip(f"benchmark texts not found at {SHARED_DIR / 'bench'} (set TOOLKIT_SHARED_DIR)")
    matches = provenance.scan(shared_dir=SHARED_DIR)
    report = "\n".join(provenance.format_match(m) for m in matches)
    assert not matches, (f"{len(matches)} project place(s) share a 6-word run with benchmark/corpus "
                         f"text; replace them with sentences of our own (tools/provenance.py):\n{report}")


def test_yaml_places_scan_comments_and_long_scalars_not_entries(tmp_path):
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("# the cue as in \"told reporters on Tuesday\n# that the harbour\"\n"
                       "aliases: [Delphine Arbogast told reporters on Tuesday that, Ruritania]\n"
                       "description: Delphine Arbogast told reporters on Tuesday that the harbour plan was late\n")
    hits = provenance.find_matches(provenance.yaml_places(lexicon, "lexicon.yaml"),
                                   [("bench/doc.txt", BENCH_TEXT)])
    assert [(h.line, h.words) for h in hits] == [
        (1, "told reporters on tuesday that the harbour"),
        (4, "delphine arbogast told reporters on tuesday that the harbour"),
    ]
