import json
import warnings

import pytest

import toolkit
from toolkit.ingest import (
    MAX_CHARS, STAGES, ArticleInput, ArticleWarning, ReadError, detect_language, expand_paths, iter_articles,
    normalise_published, read_article, read_articles, split_front_matter,
)

EN = ("Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks in three "
      "years, officials said. The meeting lasted less than two hours, and both sides agreed to a large "
      "prisoner exchange.")
FR = ("Les délégations russe et ukrainienne se sont réunies vendredi à Istanbul pour leurs premières "
      "négociations directes depuis trois ans, selon les responsables. La réunion a duré moins de deux heures.")

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks resume in Istanbul | Wire</title><meta property="og:title" content="Talks resume in Istanbul">
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2025-05-16T10:00:00+03:00">
<link rel="canonical" href="https://example.org/talks"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Istanbul</h1><p>{en}</p>
<p>Kremlin spokesman Dmitry Peskov said on Saturday that Moscow was satisfied with the outcome.</p></article>
<footer>Copyright 2025 Wire. All rights reserved.</footer></body></html>""".format(en=EN)

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire feed</title>
<item><title>Talks resume</title><link>https://example.org/1</link><guid>tag:wire,1</guid>
<pubDate>Fri, 30 May 2025 09:15:00 +0000</pubDate><description>&lt;p&gt;{en}&lt;/p&gt;&lt;p&gt;More.&lt;/p&gt;</description></item>
<item><title>Swap agreed</title><link>https://example.org/2</link><pubDate>Sat, 31 May 2025 10:00:00 GMT</pubDate>
<description>Both sides agreed to swap prisoners on Sunday, the ministry said.</description></item>
</channel></rss>""".format(en=EN)

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Talks</title><link href="https://example.org/a"/><id>urn:a</id><updated>2025-06-02T12:00:00Z</updated>
<content type="html">&lt;p&gt;{en}&lt;/p&gt;</content></entry></feed>""".format(en=EN)


def items_of(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        return list(iter_articles(path, **kwargs))


def only(path, **kwargs):
    items = items_of(path, **kwargs)
    assert len(items) == 1, items
    return items[0]


# --------------------------------------------------------------------------- text files


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


def test_yaml_front_matter_with_lists_and_aliases(tmp_path):
    p = tmp_path / "wh.md"
    p.write_text("---\ntitle: \"Readout: call\"\ntags:\n  - statements\n  - readouts\nsource_url: https://ex.org/r\n"
                 "date: 2025-01-10\n---\n" + EN, encoding="utf-8")
    art = read_article(p)
    assert (art.title, art.url, art.published) == ("Readout: call", "https://ex.org/r", "2025-01-10")
    assert art.meta["tags"] == "statements, readouts"


@pytest.mark.parametrize("raw, message", [
    ("---\ntitle: x\nBody never closes", "never closed"),
    ("---\nthis is not a header line\n---\nBody", "malformed front matter at line 2"),
])
def test_malformed_front_matter_names_the_problem(raw, message):
    with pytest.raises(ValueError, match=message):
        split_front_matter(raw, path="f.txt")


# --------------------------------------------------------------------------- other formats


def test_saved_web_page_gives_main_text_title_author_and_date(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    art = read_article(p)
    assert art.title == "Talks resume in Istanbul" and art.published == "2025-05-16"
    assert art.meta["author"] == "Jane Roe" and art.url == "https://example.org/talks"
    assert art.text.startswith("Russian and Ukrainian delegations") and "Peskov said" in art.text
    assert "Home" not in art.text and "Copyright" not in art.text and "\n\n" in art.text


def test_web_page_without_article_body_is_an_error(tmp_path):
    (tmp_path / "nav.htm").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    err = only(tmp_path / "nav.htm")
    assert isinstance(err, ReadError) and err.stage == "no_body" and "nav.htm" in err.reason


@pytest.mark.parametrize("name, feed, expected", [
    ("wire.rss", RSS, [("wire:1", "Talks resume", "2025-05-30", "https://example.org/1"),
                       ("wire:2", "Swap agreed", "2025-05-31", "https://example.org/2")]),
    ("wire.atom", ATOM, [("wire:1", "Talks", "2025-06-02", "https://example.org/a")]),
])
def test_feeds_give_one_article_per_entry(tmp_path, name, feed, expected):
    (tmp_path / name).write_text(feed, encoding="utf-8")
    arts = read_articles(tmp_path / name)
    assert [(a.article_id, a.title, a.published, a.url) for a in arts] == expected
    assert arts[0].text.startswith("Russian and Ukrainian") and "<p>" not in arts[0].text


def test_json_list_object_and_jsonl_with_default_field_names(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([
        {"headline": "One", "body": EN, "date": "May 30, 2025", "source": {"name": "Wire"}, "link": "https://e/1"},
        {"title": "Two", "content": EN + " Again.", "id": 42, "section": "world"}]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": EN + " Once.", "published": "2025-06-01T08:00:00Z"}),
                                       encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": EN + " Line."}) + "\n\n"
                                          + json.dumps({"text": EN + " Line 3."}) + "\n", encoding="utf-8")
    arts = {a.article_id: a for a in read_articles(tmp_path)}
    assert sorted(arts) == ["42", "lines:1", "lines:3", "list:1", "one"]
    a = arts["list:1"]
    assert (a.title, a.published, a.source, a.url) == ("One", "2025-05-30", "Wire", "https://e/1")
    assert arts["42"].meta["section"] == "world" and arts["one"].published == "2025-06-01"


def test_csv_with_configured_field_names(tmp_path):
    (tmp_path / "news.csv").write_text(
        "story_id;hed;copy_text;when\n7;Talks;\"" + EN + "\";2025-05-16\n8;Swap;\"" + EN + " Swap.\";\n", encoding="utf-8")
    arts = read_articles(tmp_path / "news.csv",
                         fields={"text": "copy_text", "title": "hed", "published": "when", "id": "story_id"})
    assert [(a.article_id, a.title, a.published) for a in arts] == [("7", "Talks", "2025-05-16"), ("8", "Swap", None)]
    with pytest.raises(ValueError, match="no text column"):
        read_articles(tmp_path / "news.csv")
    with pytest.raises(ValueError, match="fields key 'body' is invalid"):
        read_articles(tmp_path / "news.csv", fields={"body": "copy_text"})


def test_html_in_a_json_text_field_becomes_plain_text(tmp_path):
    (tmp_path / "h.json").write_text(json.dumps({"text": f"<p>{EN}</p><p>Second <b>bold</b> paragraph.</p>"}),
                                     encoding="utf-8")
    art = read_article(tmp_path / "h.json")
    assert art.text == EN + "\n\nSecond bold paragraph."


def test_unknown_suffix_is_sniffed_when_named_explicitly(tmp_path):
    (tmp_path / "feed.dat").write_text(RSS, encoding="utf-8")
    (tmp_path / "story").write_text(EN, encoding="utf-8")
    assert [a.article_id for a in read_articles([tmp_path / "feed.dat", tmp_path / "story"])] == \
        ["feed:1", "feed:2", "story"]
    assert expand_paths(tmp_path) == [tmp_path]  # folders read known suffixes only


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("name, content, stage, message", [
    ("empty.txt", b"", "empty", "empty.txt: the file is empty"),
    ("blank.txt", b"  \n\t\n", "empty", "only whitespace"),
    ("body.txt", b"---\ntitle: T\n---\n   \n", "empty", "the article body is empty"),
    ("nul.txt", b"\x00\x01\x02\x03abc" * 40, "binary", "NUL bytes"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
    ("ctrl.txt", b"abc\x01\x02\x03\x04\x05\x06" * 50, "binary", "control"),
    ("random.txt", bytes(range(128, 256)) * 8, "encoding", "not valid UTF-8"),
    ("bad16.txt", b"\xff\xfeA\x00\x00\xd8", "encoding", "byte-order mark"),
    ("header.md", b"---\ntitle x\n---\nBody", "format", "malformed front matter at line 2"),
    ("open.md", b"---\ntitle: x\nBody", "format", "never closed"),
    ("bad.json", b'{"text": "unclosed', "format", "not valid JSON"),
    ("notext.json", b'{"headline": "No body"}', "format", "no text field"),
    ("scalar.json", b"42", "format", "expected an object"),
    ("none.csv", b"a,b\n1,2\n", "format", "no text column"),
    ("notfeed.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "format", "not an RSS/Atom feed"),
    ("date.txt", b"---\npublished: 2025-02-30\n---\nText.", "date", "not a real calendar date"),
    ("when.txt", b"---\npublished: last Tuesday-ish\n---\nText.", "date", "not a date this toolkit can read"),
    ("french.txt", FR.encode(), "language", "looks like French"),
    ("russian.txt", "Переговоры возобновились в Стамбуле в пятницу.".encode(), "language", "Cyrillic"),
])
def test_bad_inputs_become_error_rows_that_name_the_file_and_problem(tmp_path, name, content, stage, message):
    (tmp_path / name).write_bytes(content)
    with pytest.warns(ArticleWarning, match=message):
        items = list(iter_articles(tmp_path / name))
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    err = items[0]
    assert (err.stage, err.path, err.article_id) == (stage, str(tmp_path / name), name.split(".")[0])
    assert name in err.reason and message in err.reason and stage in STAGES


def test_missing_files_patterns_and_empty_folders_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    items = items_of([tmp_path / "missing.txt", str(tmp_path / "*.nothing"), tmp_path / "empty"])
    assert sorted(i.reason.split(": ")[-1] for i in items) == [
        "no file matches this pattern", "no such file",
        "the folder holds no article files (" + ", ".join(toolkit.ingest.SUFFIXES) + ")"]
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        read_article(tmp_path / "missing.txt")


def test_one_bad_record_does_not_lose_the_others(tmp_path):
    (tmp_path / "mixed.jsonl").write_text(json.dumps({"text": EN}) + "\n{broken\n" + json.dumps({"text": ""}) + "\n"
                                          + json.dumps({"text": FR}) + "\n", encoding="utf-8")
    items = items_of(tmp_path / "mixed.jsonl")
    assert [(i.article_id, getattr(i, "stage", "ok")) for i in items] == [
        ("mixed:1", "ok"), ("mixed:2", "format"), ("mixed:3", "empty"), ("mixed:4", "language")]
    assert "mixed.jsonl line 2: not valid JSON" in items[1].reason


@pytest.mark.parametrize("raw, expected_text, note", [
    ("Café owners in Istanbul said the talks were good.".encode("cp1252"), "Café owners", "cp1252"),
    ("\ufeffBOM text “quoted”.".encode("utf-8"), "BOM text “quoted”.", None),
    ("Kyiv’s “talks” resumed.".encode("utf-16"), "Kyiv’s “talks” resumed.", None),
    ("Kyiv’s talks in Zürich.".encode("utf-16-le"), "Kyiv’s talks in Zürich.", None),
    ("Kyiv’s “talks” — ".encode("utf-8") + "Renée said so.".encode("cp1252"), "Kyiv’s “talks” — Renée", "mixed"),
    ("Kyiv’s talks resumed — Zürich said.".encode("utf-8").decode("cp1252").encode("utf-8"),
     "Kyiv’s talks resumed — Zürich", "mojibake"),
    (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three", None),
])
def test_encodings_are_detected_and_decoded(tmp_path, raw, expected_text, note):
    (tmp_path / "enc.txt").write_bytes(raw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        art = read_articles(tmp_path / "enc.txt")[0]
    assert art.text.startswith(expected_text)
    if note:
        assert note in art.meta["encoding_note"]
        assert any(note in str(w.message) and w.category is ArticleWarning for w in caught)
    else:
        assert "encoding_note" not in art.meta


def test_read_article_with_an_explicit_encoding(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    assert read_article(tmp_path / "latin.txt", encoding="latin-1").text == "Café"
    with pytest.raises(ValueError, match=r"latin\.txt: not valid utf-8"):
        read_article(tmp_path / "latin.txt", encoding="utf-8")


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / "long.txt").write_text(EN * 3, encoding="utf-8")
    err = only(tmp_path / "long.txt", max_chars=100)
    assert err.stage == "size" and "over the limit of 100" in err.reason
    assert isinstance(only(tmp_path / "long.txt"), ArticleInput) and MAX_CHARS == 2_000_000


def test_duplicates_keep_the_first_and_name_it(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\ntitle: Copy\n---\n  " + EN.replace(" ", "\n", 3) + "\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": EN}) + "\n", encoding="utf-8")
    items = items_of(tmp_path)
    assert [(i.article_id, getattr(i, "stage", "ok")) for i in items] == [
        ("a", "ok"), ("b", "duplicate"), ("c:1", "duplicate")]
    assert items[1].reason == f"{tmp_path / 'b.txt'}: duplicate of {tmp_path / 'a.txt'}"


def test_article_ids_stay_unique(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.md").write_text(EN + " Other.", encoding="utf-8")
    assert [a.article_id for a in read_articles(tmp_path)] == ["a", "a~2"]


# --------------------------------------------------------------------------- language and dates


@pytest.mark.parametrize("text, reason", [
    ("Fine.", None),
    ("Peskov said talks would resume.", None),
    (EN, None),
    ("CITY HALL – Today, Mayor Alvarez announced the members of the new parks board:\n"
     "- Dr. Lena Fischer, Chair\n- John Smith, Member\n- Maria Lopez, Member\n- Ahmed Khan, Member", None),
    ("1 2 3 4 5 6 7 8 9 " * 30, None),
    ("“”“”" * 50, None),
    (FR, "French"),
    ("Las delegaciones de Rusia y Ucrania se reunieron el viernes en Estambul para sus primeras "
     "conversaciones directas en tres años, según los funcionarios.", "Spanish"),
    ("Die Delegationen Russlands und der Ukraine trafen sich am Freitag in Istanbul zu den ersten direkten "
     "Gesprächen seit drei Jahren, wie Beamte sagten.", "German"),
    ("Переговоры возобновились в Стамбуле в пятницу, заявили официальные лица.", "Cyrillic"),
    ("伊斯坦布尔会谈于周五恢复，官员表示双方同意交换战俘。", "Cjk"),
    ("xq zvb wrtp klm nvq prst gh jkl mnb vcx zlk qwp rty", "common English words"),
])
def test_language_check(text, reason):
    got = detect_language(text)
    assert (got is None) if reason is None else (reason in got)


def test_language_check_can_be_switched_off(tmp_path):
    (tmp_path / "fr.txt").write_text(FR, encoding="utf-8")
    assert only(tmp_path / "fr.txt").stage == "language"
    assert isinstance(only(tmp_path / "fr.txt", check_language=False), ArticleInput)


@pytest.mark.parametrize("value", ["2025-05-30", "2025-05-30T10:00:00Z", " 2025-05-30 ", "2025-05-30 23:59:59+03:00"])
def test_iso_dates_agree_with_parse_published(value):
    assert normalise_published(value) == toolkit.parse_published(value).isoformat()


@pytest.mark.parametrize("value, expected", [
    ("Fri, 30 May 2025 09:15:00 +0000", "2025-05-30"), ("May 30, 2025", "2025-05-30"),
    ("30 May 2025", "2025-05-30"), ("Friday, May 30, 2025", "2025-05-30"), ("", None), (None, None),
])
def test_other_date_forms(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "30/05/2025", "soon"])
def test_impossible_or_unreadable_dates_raise(value):
    with pytest.raises(ValueError, match="published="):
        normalise_published(value)


# --------------------------------------------------------------------------- whole batches


def test_iter_articles_never_loses_an_input(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("", encoding="utf-8")
    (tmp_path / "ignored.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    items = items_of(tmp_path)
    assert [type(i).__name__ for i in items] == ["ReadError", "ArticleInput"]
    with pytest.raises(ValueError, match="bad.txt"):
        read_articles(tmp_path)


def test_globs_and_folders_are_deduplicated_and_sorted(tmp_path):
    for n in ("b.txt", "a.md"):
        (tmp_path / n).write_text("x", encoding="utf-8")
    found = expand_paths([tmp_path, str(tmp_path / "*.txt")])
    assert [p.name for p in found] == ["a.md", "b.txt"]


def make_mixed_folder(folder):
    """A folder of every format and problem; returns (inputs, expected stage counts)."""
    folder.mkdir(exist_ok=True)
    files = {
        "01_plain.txt": EN.encode(),
        "02_header.md": ("---\ntitle: T\npublished: 2025-05-16\n---\n" + EN + " Header.").encode(),
        "03_page.html": HTML_PAGE.replace("Peskov", "Dmitry Peskov").encode(),
        "04_feed.rss": RSS.replace("More.", "More news.").encode(),
        "05_items.json": json.dumps([{"body": EN + " J1."}, {"body": EN + " J2.", "date": "2025-13-01"}]).encode(),
        "06_lines.jsonl": (json.dumps({"text": EN + " L1."}) + "\nnot json\n" + json.dumps({"text": FR}) + "\n").encode(),
        "07_table.csv": ("title,text\nC1,\"" + EN + " C1.\"\nC2,\n").encode(),
        "08_copy.txt": EN.encode(),
        "09_copy.jsonl": (json.dumps({"text": EN + " J1."}) + "\n").encode(),
        "10_binary.txt": b"\x00\x01\x02\x03" * 100,
        "11_latin.txt": ("Café owners said " + EN).encode("cp1252"),
        "12_nav.html": b"<html><body><nav>Home</nav></body></html>",
        "13_empty.md": b"",
        "14_header.txt": b"---\nbroken header\n---\nText.",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    # plain, header, page, 2 feed entries, J1, J1-date, L1, L-bad, L-fr, C1, C2-empty, 2 copies,
    # binary, latin, nav, empty, header
    expected = {"ok": 9, "duplicate": 2, "date": 1, "format": 2, "language": 1, "empty": 2,
                "binary": 1, "no_body": 1}
    return sum(expected.values()), expected


def test_inputs_equal_parsed_plus_errors_plus_duplicates(tmp_path, nlp):
    n_inputs, expected = make_mixed_folder(tmp_path / "mixed")
    with pytest.warns(ArticleWarning):
        corpus = toolkit.parse_many(tmp_path / "mixed", nlp=nlp)
    errors = corpus.errors
    duplicates = int((errors.stage == "duplicate").sum())
    parsed = len(corpus)
    assert parsed + (len(errors) - duplicates) + duplicates == n_inputs
    assert (parsed, duplicates) == (expected["ok"], expected["duplicate"])
    assert errors.stage.value_counts().to_dict() == {k: v for k, v in expected.items() if k != "ok"}
    assert set(corpus.articles.article_id).isdisjoint(set(errors.article_id))
    assert errors.reason.str.len().min() > 10 and errors.path.str.contains("mixed").all()


def test_parquet_of_a_mixed_folder_is_byte_identical_across_runs(tmp_path, nlp):
    make_mixed_folder(tmp_path / "mixed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        a = toolkit.parse_many(tmp_path / "mixed", published="2025-05-30", nlp=nlp).write_parquet(tmp_path / "one")
        b = toolkit.parse_many(tmp_path / "mixed", published="2025-05-30", nlp=nlp).write_parquet(tmp_path / "two")
    assert "errors" in a
    for name in a:
        assert a[name].read_bytes() == b[name].read_bytes(), name


def test_feeds_in_utf16_or_a_declared_legacy_charset_are_decoded(tmp_path):
    (tmp_path / "a.rss").write_bytes(RSS.encode("utf-16"))
    (tmp_path / "b.xml").write_bytes(RSS.replace("Talks resume", "Zürich talks").replace('encoding="utf-8"', 'encoding="iso-8859-1"')
                                     .encode("latin-1"))
    arts = read_articles([tmp_path / "a.rss"]) + read_articles([tmp_path / "b.xml"])
    assert [a.title for a in arts] == ["Talks resume", "Swap agreed", "Zürich talks", "Swap agreed"]


def test_control_characters_inside_json_strings_are_kept(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "Officials said\x07 the talks\twould resume."}\n', encoding="utf-8")
    assert read_article(tmp_path / "c.jsonl").text == "Officials said\x07 the talks\twould resume."
