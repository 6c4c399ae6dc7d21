""" "Use a dark theme" asked of a running app, checked where the founder will look: the new
version's real pages in Chromium, every piece of text against what is painted behind it
(computed styles of real elements), must pass WCAG AA before "Switched to a dark theme"
stands as made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.conftest import build_then_change, make_settings
from tests.integration.test_app_theme import unreadable
from tests.integration.test_pages import CHROMIUM, browsing, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")


@pytest.mark.parametrize("width", [1440, 390])
async def test_a_dark_theme_change_is_readable_everywhere_before_it_is_called_made(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        first, asked, _ = await build_then_change(client, "Use a dark theme")
        status = (await client.get(f"/api/jobs/{asked['job_id']}")).json()
        assert status["status"] == "ready", status.get("error")
        assert "Switched to a dark theme." in status["change_result"]["made"]
        brief = (await client.get(f"/api/projects/{first['project_id']}")).json()["brief"]
        base = status["preview_url"].rstrip("/")
        page = (await tabs.open(width)).page
        paths = ["/", "/dashboard", "/about", "/no-such-page"]
        for entity in brief["entities"]:
            paths += [f"/{entity['slug']}", f"/{entity['slug']}/new", f"/{entity['slug']}/import"]
        problems: list[str] = []
        for path in paths:
            await page.goto(base + path)
            problems += [f"{path}: {p}" for p in await unreadable(page)]
        # A record's own page, its edit form, its delete question, and a form's errors.
        slug = brief["entities"][0]["slug"]
        await page.goto(f"{base}/{slug}")
        record = await page.locator(f"a[href^='/{slug}/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        first_record = next(h for h in record if re.fullmatch(rf"/{slug}/\d+", h))
        for path in (first_record, first_record + "/edit", first_record + "/delete"):
            await page.goto(base + path)
            problems += [f"{path}: {p}" for p in await unreadable(page)]
        await page.goto(f"{base}/{slug}/new")
        await page.click("button[type=submit]")
        await page.wait_for_selector(".error-summary")
        problems += [f"form errors: {p}" for p in await unreadable(page)]
        await page.screenshot(path=str(SHOTS / f"dark-form-{width}.png"), full_page=True)
        await page.goto(f"{base}/{slug}")
        background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
        await page.screenshot(path=str(SHOTS / f"dark-list-{width}.png"), full_page=True)
    assert problems == []
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 80, background  # the page itself is dark
