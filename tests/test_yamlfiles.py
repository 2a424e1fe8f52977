"""User lexicon files that are not what they should be get a message naming the file."""

import pytest

from toolkit.statements import load_lexicon
from toolkit.yamlfiles import read_mapping


def test_a_list_instead_of_a_mapping_names_the_file(tmp_path):
    p = tmp_path / "my_verbs.yaml"
    p.write_text("- say\n- tell\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"my_verbs\.yaml: a reporting-verb lexicon must be a YAML mapping.*not a list"):
        load_lexicon(p)


def test_a_syntax_error_names_the_file_and_the_line(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("verbs:\n  say: neutral\n  tell: [neutral\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yaml, line \d+: not valid YAML in this dates lexicon"):
        read_mapping(p, what="dates")


def test_an_empty_file_is_an_empty_mapping(tmp_path):
    p = tmp_path / "empty.yaml"
    p.write_text("# nothing yet\n", encoding="utf-8")
    assert read_mapping(p, what="dates") == {}
