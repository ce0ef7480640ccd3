"""The rooms of the code import one another in one direction only (docs/architecture.md):

    core ← audit ← accounts ← locations ← {assistants, cases, platforms} ← reports ← {svl, demo}

A module may import its own room and the rooms to its left; rooms side by side (assistants and cases, svl and
demo) do not import each other, and nothing imports svl, the project package. Checked over the source, imports
inside functions included, so a cycle cannot hide in a function body.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

RANK = {
    "core": 0,
    "audit": 1,
    "accounts": 2,
    "locations": 3,
    "assistants": 4,
    "cases": 4,
    "platforms": 4,
    "reports": 5,
    "svl": 6,
    "demo": 6,
}
BASE = Path(settings.BASE_DIR)


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]


def _offences() -> list[str]:
    offences = []
    for room, rank in RANK.items():
        for path in sorted((BASE / room).rglob("*.py")):
            for line, imported in _imports(path):
                if imported not in RANK or imported == room:
                    continue
                if imported == "svl" or RANK[imported] >= rank:
                    offences.append(f"{path.relative_to(BASE)}:{line} ({room}) imports {imported}")
    return offences


def test_every_room_imports_only_the_rooms_below_it():
    offences = _offences()

    assert not offences, "Imports against the order of docs/architecture.md:\n" + "\n".join(offences)


def test_the_check_sees_every_room_and_every_installed_app():
    project_apps = {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == BASE}

    assert project_apps <= set(RANK)
    assert all((BASE / room / "__init__.py").exists() for room in RANK)
