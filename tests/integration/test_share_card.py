"""The share card tells the truth, in real Chromium at desktop and phone widths: it lists a
version's live links on load, stops one or all of them for real, and shows a failure as one."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Route, expect

from tests.conftest import make_settings, start_build, stream_all
from tests.integration.test_pages import CHROMIUM, browsing, page_url, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")


@pytest.mark.parametrize("width", [1440, 390])
async def test_share_links_are_listed_and_really_stop(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        job = build["job_id"]
        tab = await tabs.open(width)
        page = tab.page
        await page.goto(page_url(client, build))
        card = page.locator(".share")
        await card.get_by_role("button", name="Create a share link").click()
        await expect(card.locator("[data-share-link]")).to_have_count(1)
        first = await card.locator("[data-share-url]").input_value()
        assert (await client.get(first)).status_code == 200

        # After a reload the page still knows the link, when it was made, and can stop it.
        await page.reload()
        links = card.locator("[data-share-link]")
        await expect(links).to_have_count(1)
        await expect(links.first.locator("[data-share-url]")).to_have_value(first)
        await expect(links.first.locator("time")).to_contain_text("Made ")
        await card.get_by_role("button", name="Create another link").click()
        await expect(links).to_have_count(2)
        second = await links.nth(1).locator("[data-share-url]").input_value()
        await card.scroll_into_view_if_needed()
        await page.screenshot(path=str(SHOTS / f"share-{width}.png"))
        assert await page.evaluate("document.documentElement.scrollWidth") <= width

        # Stopping one link stops that one only.
        await links.first.get_by_role("button", name="Stop this link").click()
        await expect(links).to_have_count(1)
        await expect(card.locator("[data-share-status]")).to_have_text("That link no longer works.")
        assert (await client.get(first)).status_code == 404
        assert (await client.get(second)).status_code == 200

        # A refusal is shown as one, and the link stays listed.
        async def refuse(route: Route) -> None:
            await route.fulfill(status=403, json={"detail": "You can't do that."})

        await page.route(f"**/api/jobs/{job}/share", refuse)
        await card.get_by_role("button", name="Stop sharing").click()
        await expect(card.locator("[data-share-error]")).to_contain_text("still work")
        await expect(links).to_have_count(1)
        assert (await client.get(second)).status_code == 200
        await page.unroute(f"**/api/jobs/{job}/share")

        # "Stop sharing" stops every link.
        await card.get_by_role("button", name="Stop sharing").click()
        await expect(links).to_have_count(0)
        await expect(card.locator("[data-share-status]")).to_contain_text("stopped sharing")
        assert (await client.get(second)).status_code == 404
        listed = (await client.get(f"/api/jobs/{job}/shares")).json()
        assert listed == {"shares": []}
        assert [e for e in tab.errors if "status of 403" not in e] == []


DIVIDER = """el => { const b = document.querySelector('.topbar .brand').getBoundingClientRect();
    const t = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return {sameRow: t.top < b.bottom && b.top < t.bottom,
            border: parseFloat(s.borderLeftWidth)}; }"""


@pytest.mark.parametrize("width", [1440, 390])
async def test_the_shared_page_top_bar_draws_a_divider_only_between_two_things(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        url = (await client.post(f"/api/jobs/{build['job_id']}/share")).json()["url"]
        page = (await tabs.open(width)).page
        await page.goto(url)
        title = page.locator(".topbar .build-title")
        await expect(title).to_contain_text("v0.1")
        look = await title.evaluate(DIVIDER)
        # Beside "Made with livebuild" the line parts the two; on a row of its own, none.
        assert look["sameRow"] or look["border"] == 0, look
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
