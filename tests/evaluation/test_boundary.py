"""Evaluation code stays in `storyline.evaluation`: only the CLI and that package import it."""

from __future__ import annotations

import ast
from pathlib import Path

import storyline

PACKAGE = Path(storyline.__file__).resolve().parent
ALLOWED = {"cli", "evaluation"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_runtime_module_imports_the_evaluation_package() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in ALLOWED:
            continue
        if any(n.startswith("storyline.evaluation") for n in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
