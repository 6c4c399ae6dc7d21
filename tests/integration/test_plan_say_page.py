"""The plan corrected in plain words on the start page, in real Chromium against a real
server: the founder types a change, sees the plan change, and confirms a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from tests.conftest import make_settings
from tests.integration.test_pages import CHROMIUM, browsing, open_plan, serving

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)


async def test_founder_changes_the_plan_in_words_and_confirms_a_suggestion(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, width=390)
        page = tab.page
        plan = page.locator("#plan")
        project_id = (await client.get("/api/projects")).json()["projects"][0]["id"]
        first = (await client.get(f"/api/projects/{project_id}")).json()["brief"]["entities"][0]

        words = plan.get_by_label("Or tell us what to change")
        await words.fill(f"{first['plural'].lower()} should have a mobile number too")
        await plan.get_by_role("button", name="Change the plan").click()
        await expect(plan.locator(".plan-said-made")).to_have_text(
            f"Added mobile number to {first['plural']}."
        )
        card = plan.locator(".plan-entity").first
        await expect(card.get_by_label("Field", exact=True).last).to_have_value("Mobile number")
        await expect(words).to_have_value("")

        await words.fill(f"rename {first['plural']} to the people who come to us")
        await plan.get_by_role("button", name="Change the plan").click()
        offer = plan.locator(".plan-said-offer")
        await expect(offer).to_contain_text("Did you mean")
        await offer.get_by_role("button", name="Yes, do that").click()
        await expect(plan.locator(".plan-said-made")).to_have_text(
            f"Renamed {first['plural']} to People."
        )
        await expect(card.get_by_label("Plural")).to_have_value("People")
        saved = (await client.get(f"/api/projects/{project_id}")).json()["brief"]
        assert saved["entities"][0]["plural"] == "People"
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert tab.errors == []
