"""A change reads right at a glance, in real Chromium at desktop and phone widths: what was
made and not is at the top of the hero, a failed change says the app is unchanged and
offers the version that still runs, and "Try again" re-offers the same request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.conftest import built_then_changed, make_settings, stream_all
from tests.integration.test_pages import CHROMIUM, Tab, Tabs, browsing, page_url, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")


async def open_partial_change(
    client: httpx.AsyncClient, tabs: Tabs, width: int, asked: str
) -> tuple[Tab, dict[str, Any]]:
    """A change only part of which could be made, open in Chromium at `width`: the hero
    leads with it."""
    _, partial = await built_then_changed(client, asked)
    tab = await tabs.open(width)
    await tab.page.goto(page_url(client, partial))
    title = tab.page.locator("[data-hero] #done-title")
    await expect(title).to_have_text("Part of your change is ready")
    return tab, partial


@pytest.mark.parametrize("width", [1440, 390])
async def test_failed_change_says_the_app_is_unchanged_and_retries_the_request(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        first, failed = await built_then_changed(client, "make it sparkle")
        assert (await client.get(f"/api/jobs/{failed['job_id']}")).json()["status"] == "failed"
        tab = await tabs.open(width)
        page = tab.page
        await page.goto(page_url(client, failed))
        failure = page.locator("[data-failure]")
        await expect(failure.get_by_role("heading")).to_have_text("Your change wasn't made")
        await expect(failure).to_contain_text("Your app is unchanged: v0.1 still runs")
        back = failure.get_by_role("link", name="Back to v0.1")
        await expect(back).to_have_attribute(
            "href", f"/projects/{first['project_id']}/build?job_id={first['job_id']}"
        )
        await failure.get_by_role("button", name="Try again").click()
        # A declined request is never offered back as it was: the closest one, or a fresh box.
        box = failure.get_by_label(re.compile("^(Ask for it another way|The closest we can make)"))
        await expect(box).to_be_focused()
        await expect(box).not_to_have_value("make it sparkle")
        await page.screenshot(path=str(SHOTS / f"failed-change-{width}.png"), full_page=True)
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await box.fill("Add a phone number to each client")
        await failure.get_by_role("button", name="Build the next version").click()
        await page.wait_for_url(lambda url: failed["job_id"] not in url and "job_id=" in url)
        retried = page.url.rsplit("job_id=", 1)[1]
        status = (await client.get(f"/api/jobs/{retried}")).json()
        assert status["change_request"] == "Add a phone number to each client"
        assert status["version"] == "v0.2"  # the change that wasn't made took no number
        await stream_all(client, retried)
        await expect(page.locator("#done-title")).to_have_text("Your change is ready")
        await expect(page.locator("[data-result=made]")).to_be_visible()
        assert [e for e in tab.errors if "status of" not in e] == []


@pytest.mark.parametrize("width", [1440, 390])
async def test_partial_change_leads_the_hero_and_offline_spends_no_tokens(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        asked = "Add a phone number to each client and make it sparkle"
        tab, _ = await open_partial_change(client, tabs, width, asked)
        page = tab.page
        hero = page.locator("[data-hero]")
        await expect(hero.locator("[data-change-asked]")).to_have_text(asked)
        for kind in ("made", "unmade"):
            await expect(hero.locator(f"[data-result={kind}]")).to_be_in_viewport()
        await expect(hero.locator("[data-result=unmade]")).to_contain_text("Not made")
        await expect(page.locator("[data-confetti] i")).to_have_count(0)
        await page.screenshot(path=str(SHOTS / f"partial-change-{width}.png"))
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await hero.get_by_role("button", name="Reword the change").click()
        await expect(page.locator("#change-text")).to_have_value(asked)
        await expect(page.locator("#change-text")).to_be_focused()
        # Offline, no model spent tokens: none are claimed anywhere on the page.
        await page.locator("[data-history] > summary").click()
        await expect(page.locator("[data-feed]")).to_contain_text("Done in")
        assert "tokens" not in (await page.locator("body").inner_text()).lower()

        # Any version can start a new project: that version's plan, files and records.
        versions = page.locator("[data-version-list]")
        await versions.get_by_role("button", name="New project from v0.1").click()
        await expect(page.locator("#done-title")).to_have_text("Your copy is ready")
        projects = (await client.get("/api/projects")).json()["projects"]
        assert len(projects) == 2 and f"/projects/{projects[0]['id']}/build" in page.url
        assert tab.errors == []


@pytest.mark.parametrize("width", [1440, 390])
async def test_a_suggestion_is_made_in_one_click(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        _, unsure = await built_then_changed(client, "rename walks to the trips we take")
        status = (await client.get(f"/api/jobs/{unsure['job_id']}")).json()
        offered = status["change_result"]["suggestions"][0]["change_request"]
        assert offered == "rename Walks to Trips"
        tab = await tabs.open(width)
        page = tab.page
        await page.goto(page_url(client, unsure))
        failure = page.locator("[data-failure]")
        await expect(failure).to_contain_text("Your app is unchanged: v0.1 still runs")
        make = failure.get_by_role("button", name=re.compile("^Make the suggestion"))
        await expect(make).to_be_visible()
        await expect(make).to_contain_text(offered)
        await page.screenshot(path=str(SHOTS / f"suggestion-{width}.png"), full_page=True)
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await make.click()
        await page.wait_for_url(lambda url: unsure["job_id"] not in url and "job_id=" in url)
        made = page.url.rsplit("job_id=", 1)[1]
        status = (await client.get(f"/api/jobs/{made}")).json()
        assert status["change_request"] == offered and status["version"] == "v0.2"
        await stream_all(client, made)
        await expect(page.locator("#done-title")).to_have_text("Your change is ready")
        await expect(page.locator("[data-result=made]")).to_contain_text("Trips")
        assert [e for e in tab.errors if "status of" not in e] == []


@pytest.mark.parametrize("width", [1440, 390])
async def test_a_partial_changes_suggestion_is_made_from_the_hero(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        asked = "Add a phone number to each client. Rename walks to the trips we take"
        tab, partial = await open_partial_change(client, tabs, width, asked)
        page = tab.page
        hero = page.locator("[data-hero]")
        make = hero.get_by_role("button", name=re.compile("^Make the suggestion"))
        await expect(make).to_contain_text("rename Walks to Trips")
        await expect(make).to_be_in_viewport()
        await page.screenshot(path=str(SHOTS / f"hero-suggestion-{width}.png"))
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await make.click()
        await page.wait_for_url(lambda url: partial["job_id"] not in url and "job_id=" in url)
        made = page.url.rsplit("job_id=", 1)[1]
        status = (await client.get(f"/api/jobs/{made}")).json()
        assert status["change_request"] == "rename Walks to Trips"
        await stream_all(client, made)
        await expect(page.locator("#done-title")).to_have_text("Your change is ready")
        assert [e for e in tab.errors if "status of" not in e] == []
