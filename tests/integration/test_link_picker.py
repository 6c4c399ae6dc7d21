"""A link picked by typing part of a name, among 10,000 records, in Chromium through the
preview at a phone's width: the keyboard alone finds the 5,000th walker and saves the walk
linked to her."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.conftest import make_settings, wait_done
from tests.integration.test_pages import CHROMIUM, browsing, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

IDEA = "A dog walking service for my neighbourhood: keep walkers and walks."
WALKERS = 10_000


def _sheet() -> str:
    rows = [f"Walker {n:05d},walker{n}@example.com" for n in range(1, WALKERS + 1)]
    return "Name,Email\n" + "\n".join(rows) + "\n"


async def test_the_5000th_record_is_picked_by_typing_part_of_its_name(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        project = (await client.post("/api/projects", json={"idea": IDEA})).json()
        plan = project["brief"]
        walks = next(e for e in plan["entities"] if e["slug"] == "walks")
        # Each walk's walker links to the walkers (the plan may have linked them already).
        walks["fields"] = [f for f in walks["fields"] if f["label"] != "Walker"]
        walks["fields"].append({"label": "Walker", "kind": "link", "links_to": "walkers"})
        fixed = await client.patch(f"/api/projects/{project['id']}", json={"brief": plan})
        assert fixed.status_code == 200, fixed.text
        started = await client.post(f"/api/projects/{project['id']}/builds")
        job = await wait_done(client, started.json()["job_id"])
        assert job["status"] == "ready", job["error"]
        imported = await client.post(
            f"/api/projects/{project['id']}/data/walkers.csv",
            content=_sheet(),
            headers={"Content-Type": "text/csv"},
        )
        assert imported.json() == {"imported": WALKERS}, imported.text[:300]
        base = job["preview_url"].rstrip("/")
        tab = await tabs.open(390)
        page = tab.page
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
        await page.goto(f"{base}/walks/new")
        await page.fill("#f-walk", "Evening loop")
        await page.click("#f-walker")
        await page.keyboard.type("05000")
        option = page.locator("#f-walker-list [role=option]")
        await option.first.wait_for()
        assert await option.all_inner_texts() == ["Walker 05000"]
        # The list fits the phone's width.
        box = await page.locator("#f-walker-list").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        await page.keyboard.press("ArrowDown")
        assert await page.get_attribute("#f-walker", "aria-activedescendant") == "f-walker-list-0"
        await page.keyboard.press("Enter")  # picks; a second Enter saves
        assert await page.input_value("#f-walker") == "Walker 05000"
        assert await page.is_hidden("#f-walker-list")
        await page.keyboard.press("Enter")
        await page.wait_for_selector(".flash")
        await page.click("a:has-text('Evening loop')")
        link = page.locator("dd a", has_text="Walker 05000")
        href = await link.get_attribute("href")
        assert href is not None and re.fullmatch(r"/walkers/\d+", href)
        await link.click()
        assert await page.inner_text("h1") == "Walker 05000"
        assert "Evening loop" in await page.inner_text(".backlinks")
        # Nothing the pages asked for was missing (a browser's own icon request aside).
        assert [u for u in missing if not u.endswith("/favicon.ico")] == []
        # Without scripts: the whole name typed, looked up when the walk is saved.
        bare = await browser.new_context(java_script_enabled=False)
        try:
            plain = await bare.new_page()
            await plain.set_viewport_size({"width": 390, "height": 900})
            await plain.goto(f"{base}/walks/new")
            await plain.fill("#f-walk", "Morning loop")
            await plain.fill("#f-walker", "walker 04999")
            await plain.click("button[type=submit]")
            await plain.click("a:has-text('Morning loop')")
            assert await plain.inner_text("dd a >> nth=0") == "Walker 04999"
        finally:
            await bare.close()
