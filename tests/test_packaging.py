"""Byline installs under one import name, ``byline``, and lives beside other distributions.

The wheel is built from a copy of the working tree and installed, as an editable install is too,
into fresh virtual environments that see the test environment's third-party packages through a
``.pth`` line (nothing is fetched: no index, no build isolation). Each environment then serves
``byline lint``, ``mkdocs build`` with the three plugins and ``byline comments serve --help``
from a site folder that holds only the site, so nothing resolves from the repository by accident.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", ".venv", "site", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".cache", "test-artifacts", "bench")

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def venv(path: Path) -> Path:
    """A new environment without pip that imports the test environment's dependencies (but not its
    Byline: a ``.pth`` line adds a folder to ``sys.path`` without running the ``.pth`` files in it)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=path).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def pip_install(python: Path, *args: str | Path) -> None:
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", "--no-build-isolation", *args, cwd=python.parent)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("packaging")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=SKIP)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", root / "dist", source, cwd=root)
    (wheel,) = (root / "dist").glob("byline-*.whl")
    site = root / "site"
    site.mkdir()
    for name in ("mkdocs.yml", "docs", "authors"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, site / name)
    return {"root": root, "source": source, "wheel": wheel, "site": site}


def top_level_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name.split("/")[0] for name in archive.namelist() if not name.split("/")[0].endswith(".dist-info")}


def test_the_wheel_holds_one_top_level_name(built: dict[str, Path]) -> None:
    assert top_level_names(built["wheel"]) == {"byline"}
    with zipfile.ZipFile(built["wheel"]) as archive:
        names = set(archive.namelist())
        top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
        assert archive.read(top_level).decode().split() == ["byline"]
        entry_points = archive.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "byline = byline.cli:main" in entry_points
    for plugin, target in (("authors", "AuthorsPlugin"), ("comments", "CommentsPlugin"), ("lint", "LintPlugin")):
        assert f"byline/{plugin} = byline.plugins.{plugin}:{target}" in entry_points
    # Every package folder of the tree is in the wheel, with the data the code reads at run time.
    for folder, package in ((REPO / "linters", "byline"), (REPO / "plugins", "byline/plugins")):
        for init in folder.rglob("__init__.py"):
            assert f"{package}/{init.relative_to(folder).as_posix()}" in names
    for template in (REPO / "plugins" / "templates").rglob("*"):
        if template.is_file():
            assert f"byline/plugins/templates/{template.relative_to(REPO / 'plugins' / 'templates').as_posix()}" in names
    assert any(n.startswith("byline/voice/data/") and n.endswith(".txt") for n in names)
    assert "byline/report/lint-report.schema.json" in names


def serves_everything(python: Path, site: Path) -> None:
    """``byline lint``, ``mkdocs build --strict`` with the three plugins and the comments server's help,
    all from the environment's own Byline."""
    where = run(python, "-c", "import byline, byline.plugins; print(byline.__file__); print(byline.plugins.__file__)", cwd=site).stdout
    assert str(REPO / "linters") not in where and str(REPO / "plugins") not in where
    byline = python.parent / "byline"
    assert run(byline, "lint", cwd=site).returncode == 0
    build = run(python, "-m", "mkdocs", "build", "--strict", "-d", site / "out", cwd=site)
    assert "ERROR" not in build.stderr
    out = site / "out"
    assert (out / "blog" / "authors" / "index.html").is_file() and (out / "blog" / "feed.xml").is_file()  # byline/authors
    assert (out / "byline" / "threads.json").is_file()  # byline/comments' manifest
    assert "usage: byline comments serve" in run(byline, "comments", "serve", "--help", cwd=site).stdout
    shutil.rmtree(site / "out")


def test_a_wheel_install_serves_the_commands_and_plugins(built: dict[str, Path]) -> None:
    python = venv(built["root"] / "venv-wheel")
    pip_install(python, built["wheel"])
    assert str(built["root"] / "venv-wheel") in run(python, "-c", "import byline; print(byline.__file__)", cwd=built["site"]).stdout
    assert run(python, "-c", "import linters", cwd=built["site"], check=False).returncode != 0
    serves_everything(python, built["site"])


def test_an_editable_install_serves_the_commands_and_plugins(built: dict[str, Path]) -> None:
    python = venv(built["root"] / "venv-editable")
    pip_install(python, "-e", built["source"])
    shown = run(python, "-c", "import byline, byline.plugins; print(byline.__file__, byline.plugins.__file__)", cwd=built["site"]).stdout
    assert str(built["source"] / "linters") in shown and str(built["source"] / "plugins") in shown
    serves_everything(python, built["site"])


def test_byline_lives_beside_another_top_level_plugins_package(built: dict[str, Path]) -> None:
    """pip does not detect two distributions writing one folder: with Byline's old top-level
    ``plugins`` one overwrote the other's files and uninstalling it deleted Byline's. A site's own
    ``plugins/`` folder, first on ``sys.path`` under ``python -m mkdocs``, shadowed Byline's too."""
    root = built["root"]
    other = root / "other-dist"
    (other / "plugins").mkdir(parents=True)
    (other / "plugins" / "__init__.py").write_text("")
    (other / "plugins" / "theme.py").write_text("NAME = 'other'\n")
    (other / "pyproject.toml").write_text(textwrap.dedent("""\
        [build-system]
        requires = ["setuptools>=68"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "other-plugins"
        version = "1.0"
        [tool.setuptools]
        packages = ["plugins"]
        """))
    python = venv(root / "venv-together")
    pip_install(python, built["wheel"])
    pip_install(python, other)
    site = built["site"]
    assert run(python, "-c", "import plugins.theme; print(plugins.theme.NAME)", cwd=root).stdout.strip() == "other"
    # A site with its own plugins/ folder, first on sys.path under `python -m mkdocs`.
    (site / "plugins").mkdir()
    (site / "plugins" / "__init__.py").write_text("")
    try:
        serves_everything(python, site)
    finally:
        shutil.rmtree(site / "plugins")
    run(sys.executable, "-m", "pip", "--python", python, "uninstall", "-q", "-y", "other-plugins", cwd=root)
    serves_everything(python, site)
