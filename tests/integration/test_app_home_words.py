"""The generated app's home page tells the truth about what is in it: it asks for a "first"
record only when there is none yet."""

from __future__ import annotations

import re
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from tests.integration.test_appgen import fetch, running_app, write_app


def test_home_asks_for_a_first_record_only_when_there_is_none(tmp_path: Path) -> None:
    brief = derive_brief("A booking app for a small yoga studio: members book classes")
    first = brief.entities[0]
    noun = first.singular.lower()
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.READY))
    with running_app(app_dir, tmp_path / "data") as base:
        _, listing, _ = fetch(f"{base}/{first.slug}")
        ids = set(re.findall(rf'href="/{first.slug}/(\d+)"', listing))
        assert ids, "the app starts with sample records"
        _, home, _ = fetch(base + "/")
        assert f"Add your first {noun}" not in home
        assert f"Add another {noun}" in home

        for record in ids:
            assert fetch(f"{base}/{first.slug}/{record}/delete", {})[0] == 303
        _, home, _ = fetch(base + "/")
        assert f"Add your first {noun}" in home


def test_the_top_bar_adds_the_kind_of_record_on_its_own_pages(tmp_path: Path) -> None:
    brief = derive_brief("A booking app for a small yoga studio: members book classes")
    first, other = brief.entities[0], brief.entities[1]
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.READY))
    bar = re.compile(r'<header class="topbar">.*?</header>', re.DOTALL)

    def top_bar(page: str) -> str:
        found = bar.search(page)
        assert found is not None
        return found.group(0)

    with running_app(app_dir, tmp_path / "data") as base:
        for path in (f"/{other.slug}", f"/{other.slug}/new", f"/{other.slug}/import"):
            _, page, _ = fetch(base + path)
            assert f"Add {other.singular.lower()}</a>" in top_bar(page), path
            assert f"Add {first.singular.lower()}</a>" not in top_bar(page), path
        for path in ("/", "/dashboard", f"/{first.slug}"):
            _, page, _ = fetch(base + path)
            assert f"Add {first.singular.lower()}</a>" in top_bar(page), path
