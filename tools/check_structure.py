"""Check the shape of the ``toolkit`` package: no import circles, no giant functions or classes.

Reads the source only (the AST; nothing is imported or run), so it is fast and safe. Rules:

- **No import circles** among ``toolkit`` modules. Module-level and function-level imports
  both count (a lazy import inside a function still ties two modules together). A package's
  ``__init__`` is counted as importing what it imports, but a module inside a package does
  not import its package's ``__init__`` by importing a sibling.
- **No function over** :data:`MAX_FUNCTION_LINES` lines (``def`` line to last line, docstring
  and comments included), **no class over** :data:`MAX_CLASS_LINES`.

Known exceptions sit in :data:`ALLOWED_CYCLES` and :data:`ALLOWED_LONG`, each with the reason;
they are printed on every run so they can be shrunk, and an entry that no longer applies is
reported as stale (and fails) so the list cannot rot.

Usage:
    python tools/check_structure.py            # exit status 1 and the problems when any

Example:
    >>> from tools.check_structure import check  # doctest: +SKIP
    >>> check(Path("toolkit")).problems          # doctest: +SKIP
    []
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAX_FUNCTION_LINES = 120
MAX_CLASS_LINES = 300

ROOT = Path(__file__).resolve().parent.parent / "toolkit"

#: Known import circles, each a frozenset of modules with the reason it is tolerated (a circle
#: is allowed when all its modules are in one entry's set). Empty: keep it so.
ALLOWED_CYCLES: dict[frozenset, str] = {}

#: Functions or classes known to be over the limit, as "module:qualified.name" (or a whole
#: module as "module:*"), with the reason. Empty: keep it so.
ALLOWED_LONG: dict[str, str] = {}


@dataclass
class Report:
    """What :func:`check` found: ``problems`` fail the check, ``allowed`` are known exceptions."""

    problems: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)


def module_name(path: Path, root: Path) -> str:
    """Dotted module name of ``path`` inside the package directory ``root``.

    Example:
        >>> module_name(Path("toolkit/statements/cues.py"), Path("toolkit"))
        'toolkit.statements.cues'
    """
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """Absolute module named by a ``from ... import`` in module ``here``."""
    if not node.level:
        return node.module or ""
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(tree: ast.AST, here: str, *, is_package: bool, modules: set[str]) -> set[str]:
    """The ``toolkit`` modules a module imports, anywhere in its body (functions included).

    ``from .x import name`` counts as importing ``x.name`` when that is a module, else ``x``.
    """
    found: set[str] = set()

    def add(name: str) -> None:
        while name and name not in modules:  # "toolkit.events.chronology" -> "toolkit.events"
            name = name.rpartition(".")[0]
        if name and name != here:
            found.add(name)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, here, is_package)
            for alias in node.names:
                add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """``{module: modules it imports}`` for every ``.py`` file under ``root``."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(f, root) for f in files}
    graph = {}
    for f in files:
        here = module_name(f, root)
        tree = ast.parse(f.read_text(encoding="utf-8"), filename=str(f))
        graph[here] = imports_of(tree, here, is_package=f.name == "__init__.py", modules=modules)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[tuple[str, ...]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(tuple(sorted(comp)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _cycle_path(comp: tuple[str, ...], graph: dict[str, set[str]]) -> str:
    """One closed path through a component, for the message: ``a -> b -> a``."""
    start, members = comp[0], set(comp)
    path, seen = [start], {start}
    while True:
        nxt = sorted(m for m in graph[path[-1]] if m in members)
        back = [m for m in nxt if m == start]
        fresh = [m for m in nxt if m not in seen]
        if back and (len(path) > 1 or not fresh):
            return " -> ".join(path + [start])
        if not fresh:
            return " -> ".join(path + [nxt[0]])
        path.append(fresh[0])
        seen.add(fresh[0])


def long_definitions(root: Path = ROOT) -> list[tuple[str, int, int, str]]:
    """``(module:qualname, lines, limit, file:line)`` for every function or class over its limit."""
    out = []
    for f in sorted(root.rglob("*.py")):
        here = module_name(f, root)
        tree = ast.parse(f.read_text(encoding="utf-8"), filename=str(f))

        def walk(node, prefix: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = prefix + child.name
                    first = min([child.lineno] + [d.lineno for d in child.decorator_list])
                    lines = child.end_lineno - first + 1
                    limit = MAX_CLASS_LINES if isinstance(child, ast.ClassDef) else MAX_FUNCTION_LINES
                    if lines > limit:
                        rel = f.relative_to(root.parent)
                        out.append((f"{here}:{name}", lines, limit, f"{rel}:{child.lineno}"))
                    walk(child, name + ".")
                else:
                    walk(child, prefix)

        walk(tree, "")
    return out


def _allowed_long(key: str) -> str | None:
    module, _, name = key.partition(":")
    for pattern, why in ALLOWED_LONG.items():
        mod, _, pat = pattern.partition(":")
        if pat == "*" and (module == mod or module.startswith(mod + ".")):
            return why
        if pattern == key:
            return why
    return None


def check(root: Path = ROOT) -> Report:
    """Run every rule over the package at ``root``; see the module docstring."""
    rep = Report()
    graph = import_graph(root)
    found = cycles(graph)
    used_cycles = set()
    for comp in found:
        path = _cycle_path(comp, graph)
        entry = next((k for k in ALLOWED_CYCLES if set(comp) <= k), None)
        if entry is not None:
            used_cycles.add(entry)
            rep.allowed.append(f"import circle {path} (allowed: {ALLOWED_CYCLES[entry]})")
        else:
            rep.problems.append(f"import circle {path}: make the imports run one way (move the "
                                "shared part to a lower module)")
    for entry in ALLOWED_CYCLES:
        if entry not in used_cycles:
            rep.problems.append(f"stale allowlist entry in tools/check_structure.py: no circle among "
                                f"{sorted(entry)} any more; remove it from ALLOWED_CYCLES")
    used = set()
    for key, lines, limit, where in long_definitions(root):
        why = _allowed_long(key)
        kind = "class" if limit == MAX_CLASS_LINES else "function"
        msg = f"{kind} {key} has {lines} lines (limit {limit}) at {where}"
        if why is None:
            rep.problems.append(msg + ": split it into named steps")
        else:
            rep.allowed.append(f"{msg} (allowed: {why})")
            used.update(p for p in ALLOWED_LONG if _allowed_long(key) == ALLOWED_LONG[p])
    for pattern in sorted(set(ALLOWED_LONG) - used):
        if not pattern.endswith(":*"):  # whole-module entries may fall silent while work lands
            rep.problems.append(f"stale allowlist entry in tools/check_structure.py: {pattern} is no longer "
                                "over the limit; remove it from ALLOWED_LONG")
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="package directory (default: toolkit/)")
    args = ap.parse_args(argv)
    rep = check(args.root)
    for line in rep.allowed:
        print("allowed:", line)
    for line in rep.problems:
        print("PROBLEM:", line)
    print(f"{len(rep.problems)} problem(s), {len(rep.allowed)} allowed exception(s)")
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main())
