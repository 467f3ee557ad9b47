"""The core (``byline`` outside ``byline.plugins``) stands alone: the CLI, the language server and the
engagement server run it without MkDocs, so no core module may import mkdocs, material or the
plugins, at module level or inside a function. Modules are found by walking the installed package,
so a new module is held to the contract without touching this test."""
from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import byline

FORBIDDEN = ("mkdocs", "material", "byline.plugins")


def core_modules() -> list[tuple[str, Path]]:
    found = [("byline", Path(byline.__file__))]
    for info in pkgutil.walk_packages(byline.__path__, "byline."):
        if info.name == "byline.plugins" or info.name.startswith("byline.plugins."):
            continue
        spec = importlib.util.find_spec(info.name)
        assert spec is not None and spec.origin is not None
        found.append((info.name, Path(spec.origin)))
    return found


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def imported_names(module: str, path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names, anywhere in the file, relative imports resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names += [(node.lineno, base)] + [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.append((node.lineno, node.args[0].value))
    return names


def test_the_walk_finds_the_whole_core() -> None:
    names = {name for name, _ in core_modules()}
    assert {"byline.cli", "byline.posts", "byline.rules.voice", "byline.comments.gate", "byline.report.sarif"} <= names
    assert not any(forbidden(name) for name in names)


def test_no_core_module_names_mkdocs_material_or_the_plugins() -> None:
    offences = [f"{path.name}:{line}: {name}" for module, path in core_modules() for line, name in imported_names(module, path) if forbidden(name)]
    assert offences == []


def test_importing_every_core_module_loads_none_of_them() -> None:
    """What the modules really load, third-party packages included (one of them might import MkDocs)."""
    modules = [name for name, _ in core_modules()]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print('\\n'.join(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_configuration_readers_do_not_load_the_rule_registry() -> None:
    """``byline.config`` needs one small type (``Where``) for its errors, not every rule."""
    code = "import sys, byline.config; print(sorted(m for m in sys.modules if m.startswith('byline.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "byline.rules" not in loaded and "byline.settings" not in loaded and "byline.prose" not in loaded
