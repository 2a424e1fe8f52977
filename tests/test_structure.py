"""The shape of the package (tools/check_structure.py): no import circles among ``toolkit``
modules, no function over 120 lines, no class over 300. Known exceptions are the allowlists
of the script, printed here so they can be shrunk."""

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("check_structure", PROJECT_DIR / "tools" / "check_structure.py")
structure = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = structure  # its dataclasses look their module up
_SPEC.loader.exec_module(structure)


def _package(tmp_path: Path, files: dict) -> Path:
    """A throwaway package ``pkg`` under ``tmp_path`` with ``files`` (relative path -> source)."""
    root = tmp_path / "pkg"
    for rel, src in {"__init__.py": "", **files}.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(textwrap.dedent(src), encoding="utf-8")
    return root


def test_toolkit_has_no_circles_and_no_giant_functions():
    rep = structure.check(PROJECT_DIR / "toolkit")
    for line in rep.allowed:  # the allowlist, for whoever shrinks it
        print("allowed:", line)
    assert rep.problems == [], "\n".join(rep.problems)


@pytest.mark.parametrize("files, expected", [
    # module-level imports, relative and absolute
    ({"a.py": "from .b import x\n", "b.py": "import pkg.a\nx = 1\n"}, [("pkg.a", "pkg.b")]),
    # a lazy import inside a function counts too
    ({"a.py": "from . import b\n", "b.py": "def f():\n    from .a import g\n    return g\n"}, [("pkg.a", "pkg.b")]),
    # three modules in a ring, one in a subpackage reaching up with ".."
    ({"a.py": "from .sub import c\n", "sub/__init__.py": "", "sub/c.py": "from ..b import y\n",
      "b.py": "from .a import z\n"}, [("pkg.a", "pkg.b", "pkg.sub.c")]),
    # one way only: no circle
    ({"a.py": "from .b import x\n", "b.py": "import json\nx = 1\n"}, []),
])
def test_import_circles_are_found(tmp_path, files, expected):
    root = _package(tmp_path, files)
    assert structure.cycles(structure.import_graph(root)) == expected


def test_cycle_message_names_the_path(tmp_path):
    root = _package(tmp_path, {"a.py": "from .b import x\n", "b.py": "from .a import y\n"})
    graph = structure.import_graph(root)
    assert structure._cycle_path(structure.cycles(graph)[0], graph) == "pkg.a -> pkg.b -> pkg.a"


@pytest.mark.parametrize("body_lines, kind, flagged", [
    (118, "def", False),   # def line + 118 + return = 120 lines: at the limit
    (119, "def", True),    # 121 lines
    (298, "class", False),
    (299, "class", True),
])
def test_long_definitions_are_found(tmp_path, body_lines, kind, flagged):
    if kind == "def":
        src = "def f():\n" + "    x = 1\n" * body_lines + "    return x\n"
    else:
        src = "class C:\n" + "    x = 1\n" * body_lines + "    y = 2\n"
    root = _package(tmp_path, {"m.py": src})
    found = [name for name, *_ in structure.long_definitions(root)]
    assert found == ([f"pkg.m:{'f' if kind == 'def' else 'C'}"] if flagged else [])


def test_methods_are_named_by_their_class(tmp_path):
    src = "class C:\n    def m(self):\n" + "        x = 1\n" * 125
    root = _package(tmp_path, {"m.py": src})
    assert [name for name, *_ in structure.long_definitions(root)] == ["pkg.m:C.m"]


def test_every_relative_import_names_something_that_exists():
    """Imports inside functions run only when the function does (`toolkit demo`, a report):
    every `from .module import name` in the package, at any depth, must resolve."""
    import ast
    import importlib

    root = Path(__file__).resolve().parent.parent / "toolkit"
    missing = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = list(rel.parts)
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package[: len(package) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            module = importlib.import_module(target)
            for alias in node.names:
                if alias.name == "*" or hasattr(module, alias.name):
                    continue
                try:
                    importlib.import_module(f"{target}.{alias.name}")
                except ImportError:
                    missing.append(f"{path.relative_to(root.parent)}:{node.lineno}: {target} has no {alias.name!r}")
    assert not missing, "\n".join(missing)
