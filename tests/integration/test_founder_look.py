"""What a founder sees when they look closely, in real Chromium against a real server: a
text box that looks like the others, a change that was declined not passed off as a version
that exists, and what each version changed listed line by line."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from livebuild.brief import Brief
from livebuild.brief.change_intents import people
from tests.conftest import build_then_change, make_settings
from tests.integration.test_pages import CHROMIUM, browsing, open_plan, page_url, serving

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)

CANT_DO = "take card payments"


async def _box(page: Page, selector: str) -> dict[str, float]:
    box: dict[str, float] = await page.locator(selector).evaluate(
        """e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
          return {height: r.height, padding: parseFloat(s.paddingLeft),
                  radius: parseFloat(s.borderTopLeftRadius)}; }"""
    )
    return box


@pytest.mark.parametrize("width", [1440, 390])
async def test_the_plan_page_boxes_match_and_its_remove_buttons_say_what_goes(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, width, idea="A booking app for a small yoga studio")
        page = tab.page
        await expect(page.get_by_label("Or tell us what to change")).to_be_visible()
        # Its example speaks of this plan's records, not of another app's clients.
        await expect(page.locator("#plan-say")).to_have_attribute(
            "placeholder", "Members should have a phone number too"
        )
        words = await _box(page, "#plan-say")
        name = await _box(page, "#plan .plan-field input >> nth=0")
        # Not the browser's bare 20-pixel field: as tall and as padded as the plan's own.
        assert words["height"] >= name["height"] - 1
        assert words["padding"] >= 6 and words["radius"] > 0
        # The button that removes a whole kind of record names it: on a phone a bare
        # "Remove" sits just above the first field, as if it removed that.
        card = page.locator(".plan-entity").first
        plural = await card.get_by_label("Plural").input_value()
        await expect(card.locator(".plan-names .button")).to_have_text(f"Remove {plural}")
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        # The rename box on the projects list is the same kind of field.
        await page.goto(f"{client.base_url}/")
        await page.get_by_role("button", name="Rename").first.click()
        rename = await _box(page, "[data-rename-form] input[name=name]")
        assert rename["height"] >= 32 and rename["padding"] >= 6
        assert tab.errors == []


async def test_the_plan_pages_example_change_speaks_of_the_plans_own_records(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, 390)
        page = tab.page
        # A dog walkers' plan: its example is about its own people, not a studio's members.
        await expect(page.locator("#plan-say")).to_have_attribute(
            "placeholder", re.compile(r"^(Walkers|Clients|Owners) should have a phone number too$")
        )
        assert tab.errors == []


async def _declined(
    client: httpx.AsyncClient, first: dict[str, str] | None = None, request: str = CANT_DO
) -> tuple[dict[str, str], dict[str, str]]:
    """A built project (`first`, else a new one), and a change to it it can't make."""
    first, declined, events = await build_then_change(client, request, first)
    assert events[-1]["type"] == "build.failed"
    return first, declined


async def test_a_declined_change_is_not_called_the_latest_version_or_a_stopped_build(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        first, declined = await _declined(client)
        tab = await tabs.open(390)
        page = tab.page
        await page.goto(page_url(client, declined))
        await expect(page.get_by_role("heading", name="Your change wasn't made")).to_be_visible()
        # The top bar and the feed say the same as the panel: the change was not made.
        await expect(page.locator("[data-stage-text]")).to_have_text("Not made")
        await expect(page.locator("[data-feed]")).not_to_contain_text("The build stopped")
        await expect(page.locator("[data-feed]")).to_contain_text("Your change wasn't made")
        # A plain decline is not a fault: no support reference to quote, and it can be reworded.
        failure = page.locator("[data-failure]")
        await expect(failure).to_contain_text("can't take payments")
        await expect(failure).not_to_contain_text("Reference")
        await expect(failure.get_by_role("button", name="Try again")).to_be_visible()
        # The app is still at v0.1: the top bar doesn't name a v0.2 that was never made.
        await expect(page.locator("[data-version]")).to_have_text("v0.1")
        # Trying again offers what can be made, not the words just declined.
        await failure.get_by_role("button", name="Try again").click()
        box = page.locator("#retry-text")
        await expect(box).to_be_focused()
        await expect(box).to_have_value("add a Payments page with amount, date paid and method")
        await expect(page.locator("[data-retry-form]")).to_contain_text("The closest we can make")
        # Nothing was lost from the guide either.
        await expect(page.locator("[data-docs-empty]")).to_have_text(
            "Your user guide is as it was: it stays with the version that runs."
        )

        # On a small laptop the feed sits beside the panel, in view without scrolling.
        laptop = await tabs.open(1024)
        await laptop.page.goto(page_url(client, declined))
        await expect(laptop.page.get_by_text("Your change wasn't made").first).to_be_visible()
        feed = laptop.page.locator("[data-panel=feed]")
        await expect(feed.locator("[data-feed-entry]").last).to_be_in_viewport()
        await expect(laptop.page.locator("[data-failure]")).to_be_in_viewport()
        assert await laptop.page.evaluate("document.documentElement.scrollWidth") <= 1024
        await laptop.page.screenshot(path=str(tmp_path / "declined-1024.png"))
        assert laptop.errors == []

        # On the projects list the version that runs is the latest; the request is "not made".
        await page.goto(f"{client.base_url}/")
        card = page.locator(f"[data-project='{first['project_id']}']")
        await expect(card.locator("[data-latest]")).to_have_text("Latest: v0.1")
        # The request took no version number: it is "Not made", and v0.2 is still to come.
        await expect(card.locator(".build-list")).to_contain_text("Not made The app is as it was")
        await expect(card.locator(".build-list")).not_to_contain_text("v0.2")
        await expect(card.locator(".build-list")).not_to_contain_text("The build stopped")
        # Each pill is one line on a phone: "Not made" never folds into "Not / made".
        heights = await card.locator(".build-list .chip").evaluate_all(
            "chips => chips.map(c => Math.round(c.getBoundingClientRect().height))"
        )
        assert len(heights) == 2 and len(set(heights)) == 1, heights
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        # The versions list on v0.1's page says the same: the declined try has no number.
        await page.goto(page_url(client, first))
        versions = page.locator("[data-version-list]")
        await expect(versions.locator("li.version .chip")).to_have_text(["v0.1", "Not made"])
        assert tab.errors == []


async def test_a_declined_change_with_nothing_close_offers_an_empty_box_with_a_hint(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        first, _ = await _declined(client)
        # A second decline in a row: the app is still at v0.1, not at v0.2 or v0.3.
        _, declined = await _declined(client, first, "let clients sign in with a password")
        tab = await tabs.open(1024)
        page = tab.page
        await page.goto(page_url(client, declined))
        await expect(page.locator("[data-stage-text]")).to_have_text("Not made")
        await expect(page.locator("[data-version]")).to_have_text("v0.1")
        await page.get_by_role("button", name="Try again").click()
        box = page.locator("#retry-text")
        await expect(box).to_have_value("")
        assert await box.get_attribute("placeholder")
        await expect(page.locator("[data-retry-form]")).to_contain_text("Ask for it another way")
        # An empty box is not sent: it asks for words first.
        await page.get_by_role("button", name="Build the next version").first.click()
        await expect(page.locator("[data-retry-form-error]")).to_contain_text("Please say")
        # In the versions list the two requests not made say so where a picture would be,
        # not in an empty frame that looks like a blank app.
        await page.goto(page_url(client, first))
        # The change box's example is about this app's own records.
        brief = (await client.get(f"/api/projects/{first['project_id']}")).json()["brief"]
        singular = people(Brief.from_dict(brief)).singular.lower()
        await expect(page.locator("#change-text")).to_have_attribute(
            "placeholder", f"Add a phone number to each {singular}, and use a dark theme."
        )
        shots = page.locator("[data-version-list] > li .version-shot")
        await expect(shots).to_have_count(3)
        await expect(shots.nth(0)).not_to_have_text("Not made")
        for n in (1, 2):
            await expect(shots.nth(n)).to_have_text("Not made")
        assert tab.errors == []


async def test_each_thing_a_version_changed_is_its_own_line(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        _, changed, _ = await build_then_change(
            client, "rename walks to outings and make it dark blue"
        )
        tab = await tabs.open(390)
        page = tab.page
        await page.goto(page_url(client, changed))
        # A later version seeded nothing: it opened on the founder's own records.
        stats = page.locator("[data-stats]")
        await expect(stats).to_contain_text("Carried over")
        await expect(stats).not_to_contain_text("Records seeded")
        versions = page.locator("[data-version-list] > li")
        await expect(versions).to_have_count(2)
        # Never "Switched to a dark theme New colours" run together as one sentence.
        lines = versions.nth(1).locator(".version-summary li")
        assert await lines.count() >= 2
        for text in await lines.all_inner_texts():
            assert text.strip() and "  " not in text
        # The first version says where it came from once, not twice.
        first_text = await versions.nth(0).inner_text()
        assert first_text.count("first version") == 1, first_text
        assert tab.errors == []


@pytest.mark.parametrize("width", [1440, 390])
async def test_a_long_unbroken_change_request_said_back_never_widens_the_page(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    # 5,000 letters with no space, said back in "We couldn't work out how to ...", once made
    # the plan page 3,000 pixels wide, its header cut off.
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, width)
        page = tab.page
        await page.fill("#plan-say", "x" * 5000)
        await page.get_by_role("button", name="Change the plan").click()
        await expect(page.locator("[data-plan-said]")).to_contain_text("xxxx")
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
