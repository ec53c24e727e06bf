"""The import graph of the packages: the store knows records only, and no package loops.

Read from the source with `ast` (every `import`, lazy ones inside functions too),
so a loop is caught even where it would not fail at import time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import storyline

SOURCE = Path(storyline.__file__).resolve().parent

#: The stage packages and the layers above them: what the store may never import.
STAGES = frozenset(
    {"clean", "nlp", "entities", "events", "time", "quotes", "ingest"}
    | {"web", "cli", "export", "evaluation", "knowledge_base"}
)
#: All that `storyline.store` may import besides itself.
STORE_MAY_IMPORT = frozenset({"records", "errors", "settings"})


def _unit(path: Path) -> str:
    """The package (or top-level module) a source file belongs to: "store", "records"."""
    first = path.relative_to(SOURCE).parts[0]
    return first.removesuffix(".py")


def _imported(tree: ast.AST) -> Iterator[str]:
    """The `storyline` units a module imports ("store" for `storyline.store.views`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "storyline":
                continue
            if len(parts) > 1:
                yield parts[1]
            else:  # from storyline import x: a unit when x is a module, else the root
                yield from (
                    alias.name if _is_unit(alias.name) else "__init__" for alias in node.names
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "storyline":
                    yield parts[1] if len(parts) > 1 else "__init__"


def _is_unit(name: str) -> bool:
    return (SOURCE / name).is_dir() or (SOURCE / f"{name}.py").is_file()


def package_imports() -> dict[str, set[str]]:
    """unit -> the other units it imports, over every module of `storyline`."""
    graph: dict[str, set[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        unit = _unit(path)
        found = graph.setdefault(unit, set())
        found.update(u for u in _imported(ast.parse(path.read_text(encoding="utf-8"))) if u != unit)
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one unit (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        for other in sorted(graph.get(unit, ())):
            if other not in index:
                visit(other)
                low[unit] = min(low[unit], low[other])
            elif other in stack:
                low[unit] = min(low[unit], index[other])
        if low[unit] == index[unit]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == unit:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for unit in sorted(graph):
        if unit not in index:
            visit(unit)
    return found


def test_the_store_imports_only_records_errors_and_settings() -> None:
    imported = package_imports()["store"]
    assert not imported & STAGES, f"storyline.store imports {sorted(imported & STAGES)}"
    assert imported <= STORE_MAY_IMPORT, sorted(imported - STORE_MAY_IMPORT)


def test_no_package_imports_itself_through_another() -> None:
    assert loops(package_imports()) == []


def test_the_loop_finder_finds_a_loop() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert loops(graph) == [["a", "b", "c"]]
    assert loops({"a": {"b"}, "b": set()}) == []


#: Which unit may import which (docs/architecture.md, "Packages and what they may import").
#: Layers, bottom up: the record layer; the store; the per-report stages; the ingest
#: that runs them and the corpus steps; the front door; the evaluation, web and CLI.
_BASE = {"errors", "records", "settings", "pipeline"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "records": set(),
    "settings": {"errors"},
    "pipeline": {"errors", "records"},
    "store": {"errors", "records", "settings"},
    "clean": _BASE,
    "time": _BASE | {"clean"},
    "nlp": _BASE | {"store"},
    "quotes": _BASE | {"nlp"},
    "entities": _BASE | {"store", "nlp"},
    "events": _BASE | {"store", "nlp", "entities", "time"},
    "ingest": _BASE | {"store", "clean", "time", "nlp", "quotes", "entities", "events"},
    "export": {"records", "store"},
    # Timeline summaries: days and sentences chosen from what the store holds.
    "briefing": _BASE | {"store", "events"},
    "knowledge_base": _BASE | {"store", "ingest", "export", "nlp", "briefing"},
    "__init__": {"knowledge_base", "settings"},
    "evaluation": _BASE
    | {"store", "clean", "time", "nlp", "quotes", "entities", "events"}
    | {"ingest", "knowledge_base", "briefing"},
    # The web reads through the store's views and the front door; no pipeline of its own.
    "web": _BASE | {"__init__", "store", "nlp", "knowledge_base", "briefing"},
    "cli": _BASE
    | {"__init__", "store", "clean", "time", "nlp", "entities", "events"}
    | {"knowledge_base", "export", "evaluation", "web", "briefing"},
}


def test_every_package_imports_only_what_the_architecture_allows() -> None:
    graph = package_imports()
    unknown = sorted(set(graph) - set(ALLOWED))
    assert not unknown, f"new units {unknown}: add them to ALLOWED and docs/architecture.md"
    excess = {unit: sorted(found - ALLOWED[unit]) for unit, found in graph.items()}
    assert not {unit: extra for unit, extra in excess.items() if extra}
