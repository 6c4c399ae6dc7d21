"""Without the English layer (not installed, or installed but failing to load), livebuild still
starts and plans, and says plainly who read the idea, that the English layer is missing and
how to add it: in the terminal and on the plan page, with no framework name or path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from livebuild.english import nlp, reading
from tests.conftest import make_settings
from tests.integration.test_pages import CHROMIUM, browsing, open_plan, serving

# Not installed: no pipeline package is found. Broken: what is found is no pipeline.
PACKAGES: dict[str, tuple[str, ...]] = {"not installed": (), "broken": ("json",)}
IDEA = "Walkies log: my clients, their dogs, and each walk with how long it took"
# What a founder must never read about it.
TECHNICAL = ("spaCy", "spacy", "Traceback", "en_core", "site-packages", "pipeline", "/root")

_CLI = """
import sys
from livebuild.english import nlp
nlp.MODEL_PACKAGES = tuple(sys.argv[2:])
from livebuild.cli.main import main
main(["plan", sys.argv[1]])
"""


@pytest.mark.parametrize("how", PACKAGES)
def test_livebuild_plan_says_the_english_layer_is_missing(how: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CLI, IDEA, *PACKAGES[how]],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LIVEBUILD_DATA_DIR": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["entities"] and plan["english"] is False
    said = done.stderr
    assert "Read by the rules" in said
    assert "without the English layer" in said and "scripts/setup" in said
    for word in TECHNICAL:
        assert word not in said, said


@pytest.fixture(params=list(PACKAGES))
def english_missing(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """This process's English layer, as on a machine where it is not installed or broken."""
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", PACKAGES[request.param])
    monkeypatch.setattr(nlp, "_pipeline", None)
    nlp.parsed.cache_clear()
    reading.read.cache_clear()
    yield
    monkeypatch.undo()
    nlp.parsed.cache_clear()
    reading.read.cache_clear()


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: `apt-get install chromium`")
async def test_the_plan_page_says_the_english_layer_is_missing(
    english_missing: None, browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, idea=IDEA)
        notice = tab.page.locator("#plan [data-english-missing]")
        await expect(notice).to_be_visible()
        await expect(notice).to_contain_text("without the English layer")
        await expect(notice).to_contain_text("running its setup again")
        await expect(notice).not_to_contain_text("scripts/")
        await expect(tab.page.locator("#plan .plan-reader")).to_contain_text("built-in planner")
        said = await tab.page.locator("#plan").inner_text()
        for word in TECHNICAL:
            assert word not in said
        # The plan as the API gives it says so too.
        project = (await client.get("/api/projects")).json()["projects"][0]
        assert project["brief"]["english"] is False


@pytest.mark.spacy
async def test_a_plan_read_with_the_english_layer_says_nothing_of_it(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, idea=IDEA)
        await expect(tab.page.locator("#plan .plan-reader")).to_be_visible()
        await expect(tab.page.locator("#plan [data-english-missing]")).to_have_count(0)
        project = (await client.get("/api/projects")).json()["projects"][0]
        assert project["brief"]["english"] is True
