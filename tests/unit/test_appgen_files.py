"""The generated app's source ships as package data under livebuild/appgen/files/."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

from livebuild.appgen import BUILD_STAGES, app_files
from livebuild.appgen.smoke import generated_expectations, smoke_expectations, smoke_py
from livebuild.appgen.spec import build_spec
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from livebuild.engine.preview_check import generated_smoke

REPO = Path(__file__).resolve().parents[2]
FILES = resources.files("livebuild.appgen").joinpath("files")
# Rendered from the brief alone (the tab icon: its initial and colours); every other file of
# the app comes from a template.
GENERATED = {"content.py", "static/icon.svg"}
# Templates filled in from the spec, so the app's copy differs from the template's text.
FILLED = {"tests/smoke.py", "README.md", "static/style.css"}
IDEA = "Invoicing for freelance designers in London, called Paidup"


def _walk(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            found.update(_walk(entry, f"{prefix}{entry.name}/"))
        else:
            found[prefix + entry.name] = entry
    return found


def _templates() -> dict[str, Traversable]:
    return _walk(FILES)


def _app_paths() -> set[str]:
    return set(app_files(derive_brief(IDEA), Stage.CHECKS)) - GENERATED


def test_every_app_file_has_a_template_in_the_package() -> None:
    templates = _templates()
    missing = _app_paths() - set(templates)
    assert not missing, f"no template in the package for {sorted(missing)}"


def test_every_template_is_used() -> None:
    unused = set(_templates()) - _app_paths()
    assert not unused, f"templates that no stage writes: {sorted(unused)}"


def test_package_data_ships_every_template() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["livebuild"]
    package = REPO / "livebuild"
    # Path.glob resolves `**` the way setuptools does when it collects package data.
    shipped = {
        path.relative_to(package / "appgen" / "files").as_posix()
        for pattern in patterns
        for path in package.glob(pattern)
        if path.is_file() and path.is_relative_to(package / "appgen" / "files")
    }
    assert set(_templates()) <= shipped


@pytest.mark.parametrize("rel", sorted(_app_paths() - FILLED))
def test_static_files_are_copied_verbatim(rel: str) -> None:
    template = _templates()[rel].read_text(encoding="utf-8")
    for stage in (*BUILD_STAGES, Stage.READY):
        files = app_files(derive_brief(IDEA), stage)
        if rel in files:
            assert files[rel] == template


@pytest.mark.parametrize("rel", sorted(name for name in _app_paths() if name.endswith(".py")))
def test_template_and_generated_python_compile(rel: str) -> None:
    compile(_templates()[rel].read_text(encoding="utf-8"), rel, "exec")
    compile(app_files(derive_brief(IDEA), Stage.CHECKS)[rel], rel, "exec")


def test_smoke_test_gets_the_apps_expectations() -> None:
    spec = build_spec(derive_brief(IDEA))
    rendered = smoke_py(spec)
    assert "EXPECT: dict[str, Any] = {}\n" in _templates()["tests/smoke.py"].read_text("utf-8")
    assert "EXPECT: dict[str, Any] = {}\n" not in rendered
    assert f"'name': {spec.name!r}" in rendered


def test_readme_and_stylesheet_are_filled_in() -> None:
    files = app_files(derive_brief(IDEA), Stage.CHECKS)
    assert files["README.md"].startswith("# Paidup\n")
    assert "$" not in files["README.md"]
    css = _templates()["static/style.css"].read_text(encoding="utf-8")
    assert files["static/style.css"].startswith(":root {\n")
    assert files["static/style.css"].endswith("}\n\n" + css)


def test_only_the_generated_smoke_test_is_read_for_the_walk(tmp_path: Path) -> None:
    spec = build_spec(derive_brief(IDEA))
    rendered = smoke_py(spec)
    assert generated_expectations(rendered) == smoke_expectations(spec)
    # A test the app changed or wrote itself is run, not read: what it checks is its own.
    edited = rendered.replace(
        "    return failures\n", "    check(False, 'more')\n    return failures\n"
    )
    assert generated_expectations(edited) is None
    assert generated_expectations("EXPECT = {'name': 'x'}\n") is None
    code = rendered.replace(
        "EXPECT: dict[str, Any] = {", "EXPECT: dict[str, Any] = print() or {", 1
    )
    assert generated_expectations(code) is None
    hostile = smoke_expectations(spec)
    hostile["form"]["slug"] = "//elsewhere.example"
    template = rendered.split("EXPECT: dict[str, Any] = ")[0]
    rest = rendered.split("\n\n\ndef fetch", 1)[1]
    assert (
        generated_expectations(
            f"{template}EXPECT: dict[str, Any] = {hostile!r}\n\n\ndef fetch{rest}"
        )
        is None
    )
    # Read as data from the workspace: never through a link or from a pipe.
    smoke = tmp_path / "smoke.py"
    smoke.write_text(rendered)
    assert generated_smoke(smoke) == smoke_expectations(spec)
    (tmp_path / "link.py").symlink_to(smoke)
    os.mkfifo(tmp_path / "pipe.py")
    assert generated_smoke(tmp_path / "link.py") is None
    assert generated_smoke(tmp_path / "pipe.py") is None


def test_a_smoke_test_listing_more_pages_than_any_app_is_run_not_walked() -> None:
    """Each listed page is a request the worker makes: thousands would take its CPU from
    every other build, so such a test is run in the app's sandbox instead."""
    spec = build_spec(derive_brief(IDEA))
    rendered = smoke_py(spec)
    template = rendered.split("EXPECT: dict[str, Any] = ")[0]
    rest = rendered.split("\n\n\ndef fetch", 1)[1]

    def listing(count: int) -> str:
        expect = smoke_expectations(spec)
        expect["entities"] = [{"slug": f"page-{n}", "plural": "Pages"} for n in range(count)]
        return f"{template}EXPECT: dict[str, Any] = {expect!r}\n\n\ndef fetch{rest}"

    assert generated_expectations(listing(64)) is not None
    assert generated_expectations(listing(8000)) is None
