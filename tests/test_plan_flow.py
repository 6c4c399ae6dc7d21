"""The plan as a place, in real Chromium at desktop and phone widths: the editor keeps what
the founder typed, an unbuilt plan is a draft that reopens where it was, and "Change the
idea" updates the same project."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.conftest import IDEA, make_settings
from tests.test_pages import CHROMIUM, browsing, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")
WIDTHS = [1440, 390]


async def show_plan(page: Page, base_url: str, idea: str = IDEA) -> None:
    await page.goto(f"{base_url}/")
    await page.locator("#idea").fill(idea)
    await page.get_by_role("button", name="Show me the plan").click()
    await expect(page.get_by_role("heading", name="Here's what we'll build")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
async def test_plural_is_never_doubled(browser: Browser, tmp_path: Path, width: int) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await tabs.open(width)
        page = tab.page
        await show_plan(page, str(client.base_url))
        thing = page.locator(".plan-entity").first
        name, plural = thing.get_by_label("Name", exact=True), thing.get_by_label("Plural")
        await name.click()
        await name.press("Control+a")
        await page.keyboard.type("Device")
        await page.keyboard.press("Tab")
        await expect(plural).to_be_focused()
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        await page.keyboard.type("Devices")
        await page.keyboard.press("Tab")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        await expect(plural).to_have_value("Devices")
        project_id = await page.evaluate("location.hash.slice(1)") or None
        projects = (await client.get("/api/projects")).json()["projects"]
        saved = projects[0]["brief"]["entities"][0]
        assert (saved["singular"], saved["plural"], saved["slug"]) == (
            "Device",
            "Devices",
            "devices",
        ), project_id

        # A plural the founder wrote stays when the name changes again.
        await plural.fill("Kit")
        await plural.press("Tab")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        await name.fill("Gadget")
        await name.press("Tab")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        await expect(plural).to_have_value("Kit")
        # A derived plural follows the name.
        second = page.locator(".plan-entity").nth(1)
        await second.get_by_label("Name", exact=True).fill("Invoice")
        await second.get_by_label("Name", exact=True).press("Tab")
        await expect(second.get_by_label("Plural")).to_have_value("Invoices")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        await page.screenshot(path=str(SHOTS / f"plan-{width}.png"), full_page=True)
        assert tab.errors == []
