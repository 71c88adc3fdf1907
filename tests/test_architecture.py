"""The house style, checked on the source: only services write, imports flow one way."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "thidua"
# An app may import the apps before it in the campaign's life, never those after it.
# `public` sits on top: it reads the others and nothing imports it.
ORDER = [
    "core",
    "organizations",
    "accounts",
    "campaigns",
    "planimport",
    "monitoring",
    "awards",
    "public",
    "reports",
    "api",
]
WRITE_CALLS = {"save", "delete", "create", "bulk_create", "update", "bulk_update"}


def _modules(name: str):
    """The modules called `name`, and those of a package of that name."""
    return sorted(
        p
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts
        and (p.stem == name or name in p.parent.relative_to(SRC).parts)
    )


@pytest.mark.parametrize(
    "path", _modules("views") + _modules("screens"), ids=lambda p: str(p.relative_to(SRC))
)
def test_views_never_write_models_themselves(path):
    tree = ast.parse(path.read_text())
    writes = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITE_CALLS
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "services")
    ]
    assert writes == []


@pytest.mark.parametrize("app", ORDER)
def test_apps_import_only_the_apps_before_them(app):
    later = ORDER[ORDER.index(app) + 1 :]
    offending = []
    for path in (SRC / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[0] == "thidua" and len(parts) > 1 and parts[1] in later:
                    offending.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offending == []
