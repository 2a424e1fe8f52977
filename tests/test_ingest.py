import pytest

from toolkit.ingest import expand_paths, iter_articles, read_article, read_articles, split_front_matter


def test_front_matter_header_and_body_offsets(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Talks resume\nsource: Wire\npublished: 2025-06-02\nlicense: CC: BY\n---\nBody text.\n",
                 encoding="utf-8")
    art = read_article(p)
    assert (art.title, art.source, art.published) == ("Talks resume", "Wire", "2025-06-02")
    assert art.text == "Body text.\n"
    assert art.article_id == "a"
    assert art.meta == {"license": "CC: BY"}


def test_plain_text_without_header(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Just a body.", encoding="utf-8")
    art = read_article(p)
    assert art.text == "Just a body." and art.title is None


@pytest.mark.parametrize("raw, message", [
    ("---\ntitle: x\nBody never closes", "never closed"),
    ("---\nthis is not a header line\n---\nBody", "malformed front matter at line 2"),
])
def test_malformed_front_matter_names_the_problem(raw, message):
    with pytest.raises(ValueError, match=message):
        split_front_matter(raw, path="f.txt")


def test_bad_files_get_clear_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(ValueError, match=r"empty\.txt: the article body is empty"):
        read_article(tmp_path / "empty.txt")
    with pytest.raises(ValueError, match=r"latin\.txt: not valid utf-8"):
        read_article(tmp_path / "latin.txt")
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        read_article(tmp_path / "missing.txt")


def test_iter_articles_never_loses_an_input(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    items = list(iter_articles(tmp_path))
    assert [type(i).__name__ for i in items] == ["ReadError", "ArticleInput"]
    with pytest.raises(ValueError, match="bad.txt"):
        read_articles(tmp_path)


def test_globs_and_folders_are_deduplicated_and_sorted(tmp_path):
    for n in ("b.txt", "a.md"):
        (tmp_path / n).write_text("x", encoding="utf-8")
    found = expand_paths([tmp_path, str(tmp_path / "*.txt")])
    assert [p.name for p in found] == ["a.md", "b.txt"]
