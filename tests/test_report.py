"""`toolkit report`: a report folder with an index, article pages and the corpus notebooks,
complete on small and odd corpora, and with no prose about the bundled articles.

The articles are invented here (a city council and a library); the two papermill runs are the
slow part, so each covers several cases at once.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import toolkit
from toolkit import cli, report

BUDGET = """---
title: Council approves a leaner budget
source: Riverside Ledger
published: 2024-03-14
---
The Riverside city council approved a budget of 48 million dollars on Tuesday, after a debate that lasted four hours.

"We had to make hard choices," said Mayor Linda Okafor. She told reporters that the library would keep its weekend hours.

Councillor James Whitfield voted against the plan. He said the cuts to road repairs would cost the city more next year.
"""

PARKS = """---
title: Parks department asks for more <staff>
source: Valley Courier
published: 2024-03-20
---
The parks department asked the council for six new gardeners on Monday.

Director Maria Gonzales said the department had lost a third of its staff since 2019.
"""

# no statement, no date, no header: nothing to quote, to place on a calendar or to date the article by
LIBRARY = """The library opened a new reading room for children. Volunteers painted the walls in bright
colours and built low shelves.

Families can borrow up to ten books at a time.
"""

# words that only prose about the bundled articles (talks between Russia and Ukraine) would bring
BUNDLED_WORDS = re.compile(r"\b(?:Istanbul|Russia\w*|Ukrain\w*|Kremlin|Peskov|Zelensk\w*|Putin|Kyiv|Kiev|"
                           r"Medinsky|Umerov)\b", re.IGNORECASE)


def _write(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.links.append(value)


def _local_links(html_file: Path) -> list[str]:
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [link for link in parser.links
            if not re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", link, re.IGNORECASE)]


def _broken_links(folder: Path) -> list[str]:
    broken = []
    for page in sorted(folder.rglob("*.html")):
        for link in _local_links(page):
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(folder)} -> {link}")
    return broken


# --------------------------------------------------------------------------- fast: no notebooks


@pytest.mark.parametrize("value, n, expected", [
    ("all", 5, 5), ("none", 5, 0), ("2", 5, 2), ("9", 5, 5), (None, 3, 3),
])
def test_article_pages_option(value, n, expected):
    assert report.n_article_pages(value, n) == expected


@pytest.mark.parametrize("value", ["some", "-1", "2.5"])
def test_article_pages_option_rejects_other_values(value, capsys):
    with pytest.raises(ValueError, match="none, all or a number"):
        report.n_article_pages(value, 5)
    with pytest.raises(SystemExit) as exc:
        cli.main(["report", "x", "--article-pages", value])
    assert exc.value.code == 2 and "none, all or a number" in capsys.readouterr().err


def test_page_names_are_safe_and_unique():
    taken = set()
    names = [report.page_name(a, taken) for a in ("a/b c", "a_b_c", "../x", "A_B_C")]
    assert names == ["a_b_c.html", "a_b_c-2.html", "x.html", "A_B_C-3.html"]


@pytest.fixture(scope="module")
def tiny_corpora(tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("tiny")
    council = _write(root / "council", {"budget.md": BUDGET, "parks.md": PARKS})
    library = _write(root / "library", {"library.txt": LIBRARY})
    return {"council": toolkit.parse_many(council, nlp=nlp), "library": toolkit.parse_many(library, nlp=nlp)}


@pytest.mark.parametrize("name, analysis, present, absent", [
    ("library", "chronology", ["1 article (", "No article has a publication date", "There is one article",
                               "no source given"], []),
    ("library", "rhetoric", ["No statement was found"], ["Fewer than two speakers"]),
    ("council", "chronology", ["2 articles (", "1 from Riverside Ledger, 1 from Valley Courier.", "Published from 14 March 2024 to 20 March 2024"],
     ["There is one article", "No article has a publication date", "No event"]),
    ("council", "rhetoric", ["{statements} statements by {speakers} named speakers"],
     ["No statement was found", "Fewer than two"]),
])
def test_notebooks_describe_the_corpus_from_its_tables(tiny_corpora, name, analysis, present, absent):
    corpus = tiny_corpora[name]
    text = report.describe_corpus(corpus, analysis=analysis)
    st = corpus.statements
    present = [p.format(statements=len(st), speakers=st["speaker"].nunique()) for p in present]
    for phrase in present:
        assert phrase in text, text
    for phrase in absent:
        assert phrase not in text, text


def test_article_page_shows_the_text_and_tables_escaped(tiny_corpora):
    parks = tiny_corpora["council"]["parks"]
    html = report.article_page(parks)
    assert "<h1>Parks department asks for more &lt;staff&gt;</h1>" in html
    assert "<staff>" not in html
    assert 'href="../index.html"' in html
    assert "Maria Gonzales" in html and 'class="tk-statement"' in html
    for heading in ("Actors (", "Dates (", "Statements (", "Events (", "Mentions ("):
        assert f"<h2>{heading}" in html
    assert "&lt;NA&gt;" not in html and "NaT" not in html


def test_article_pages_in_worker_processes_equal_the_serial_ones(tmp_path, nlp):
    # eight short articles: enough for the pages to go to worker processes
    texts = {f"note{i}.md": f"---\ntitle: Note {i}\npublished: 2024-03-{10 + i}\n---\n"
                            f'Mayor Linda Okafor said on Monday that the pool would open {i + 2} days later.\n'
             for i in range(8)}
    corpus = toolkit.parse_many(_write(tmp_path / "in", texts), nlp=nlp)
    serial = report.write_article_pages(corpus, tmp_path / "serial")
    parallel = report.write_article_pages(corpus, tmp_path / "parallel", workers=2)
    assert serial == parallel and len(serial) == 8
    for name in serial.values():
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes()
    assert len(report.write_article_pages(corpus, tmp_path / "three", limit=3)) == 3


def test_the_link_check_finds_a_missing_file(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html">b</a> <a href="https://example.org">x</a> '
                                     '<img src="img/c.png"> <a href="#top">top</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>b</p>", encoding="utf-8")
    assert _broken_links(tmp_path) == ["a.html -> img/c.png"]


def test_report_with_only_unreadable_inputs_says_so_and_fails(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02 not text")
    out = tmp_path / "out"
    assert cli.main(["report", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "nothing could be parsed: all 2 inputs failed" in err and "index.html" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Nothing was parsed" in index
    assert "empty.txt" in index and "blob.txt" in index
    assert not list(out.glob("*.ipynb"))  # no notebook runs on nothing
    assert _broken_links(out) == []


# --------------------------------------------------------------------------- papermill runs


def test_report_on_other_articles_has_an_index_pages_and_no_bundled_prose(tmp_path, capsys, monkeypatch):
    pytest.importorskip("papermill")
    folder = _write(tmp_path / "in", {"budget.md": BUDGET, "parks.md": PARKS})
    out = tmp_path / "out"
    # the notebooks run in threads: none may change the caller's working directory (a race
    # between two of them once left a test session in notebooks/)
    here, moves = os.getcwd(), set()
    monkeypatch.setattr(os, "chdir", lambda path: moves.add(os.path.abspath(path)))
    assert cli.main(["report", str(folder), "-o", str(out), "--article-pages", "1"]) == 0, capsys.readouterr().err
    monkeypatch.undo()
    assert moves <= {here}
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["budget.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for piece in ('href="02-chronology.html"', 'href="03-rhetoric.html"', 'href="articles/budget.html"',
                  'href="tables/statements.parquet"', '<table class="sortable"', "<script>",
                  "1 of 2 articles have a page", "Linda Okafor (2)", "Every input was parsed"):
        assert piece in index, piece
    assert "http" not in index.split("<script>")[1]  # sorting works offline
    # every page of the folder: notebook reports (their reading replaced by a note), article page, index
    pages = sorted(out.rglob("*.html"))
    assert [p.relative_to(out).as_posix() for p in pages] == [
        "02-chronology.html", "03-rhetoric.html", "articles/budget.html", "index.html"]
    for page in pages:
        found = BUNDLED_WORDS.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} speaks of the bundled articles: {sorted(set(found))}"
    assert "The reading of the bundled articles" in (out / "03-rhetoric.html").read_text(encoding="utf-8")
    assert _broken_links(out) == []


def test_report_on_one_article_without_statements_or_dates_completes(tmp_path, capsys):
    pytest.importorskip("papermill")
    folder = _write(tmp_path / "in", {"library.txt": LIBRARY})
    out = tmp_path / "out"
    assert cli.main(["report", str(folder), "-o", str(out), "--article-pages", "none"]) == 0, capsys.readouterr().err
    chronology = (out / "02-chronology.html").read_text(encoding="utf-8")
    rhetoric = (out / "03-rhetoric.html").read_text(encoding="utf-8")
    assert "No article has a publication date" in chronology and "There is one article" in chronology
    assert "No statement was found" in rhetoric
    assert not (out / "articles").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Report on 1 article<" in index and "href=\"articles/" not in index
    assert _broken_links(out) == []
