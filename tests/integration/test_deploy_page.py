"""The Open & download page in real Chromium at desktop and phone widths: "Open your app"
leads to the app's own address, and the founder's records go out and come in as
spreadsheets, all rows or none, each problem named by its row."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import Browser, FilePayload, expect

from tests.conftest import make_settings, start_build, stream_all
from tests.integration.test_pages import CHROMIUM, browsing, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")
GARDEN = "A garden planner for allotment growers: beds, plantings and harvests to plan the season."


def _sheet(text: str) -> FilePayload:
    return {"name": "beds.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.mark.parametrize("width", [1440, 390])
async def test_records_come_in_and_go_out_from_the_page(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client, GARDEN)
        await stream_all(client, build["job_id"])
        project_id = build["project_id"]
        tab = await tabs.open(width)
        page = tab.page
        await page.goto(f"{client.base_url}/projects/{project_id}/deploy?job_id={build['job_id']}")
        project = (await client.get(f"/api/projects/{project_id}")).json()
        await expect(page.locator("[data-open-app]")).to_have_attribute("href", project["app_url"])
        records = page.locator("[data-records]")
        await expect(records.get_by_role("heading", name="Your records")).to_be_visible()

        # Nothing chosen: said plainly.
        await records.get_by_role("button", name="Import").click()
        await expect(records.locator("[data-import-status]")).to_contain_text(
            "choose a spreadsheet"
        )
        # A sheet with a bad row: each problem by its row, and nothing imported.
        await records.get_by_label("Bring a spreadsheet into").select_option("beds")
        bad = "Bed,Status\nHalf imported bed,\n,\n,Active\nTwo,Nonsense\n"
        await records.locator("#import-file").set_input_files(files=_sheet(bad))
        await records.get_by_role("button", name="Import").click()
        await expect(records.locator("[data-import-rows] li").first).to_contain_text("Row 4")
        await page.screenshot(path=str(SHOTS / f"deploy-import-errors-{width}.png"), full_page=True)
        exported = await client.get(f"/api/projects/{project_id}/data/beds.csv")
        assert "Half imported bed" not in exported.text
        # A good sheet: imported, and there in the spreadsheet that comes back out.
        good = "Bed,Status\nGreenfield raised bed,\nHerb spiral,\n"
        await records.locator("#import-file").set_input_files(files=_sheet(good))
        await records.get_by_role("button", name="Import").click()
        await expect(records.locator("[data-import-status]")).to_have_text(
            "Imported 2 records into Beds."
        )
        await expect(records.locator("[data-import-rows] li")).to_have_count(0)
        async with page.expect_download() as download:
            await records.get_by_role("link", name="Download Beds (.csv)").click()
        saved = await (await download.value).path()
        assert b"Greenfield raised bed" in await asyncio.to_thread(saved.read_bytes)
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await page.screenshot(path=str(SHOTS / f"deploy-{width}.png"), full_page=True)
        assert [e for e in tab.errors if "422" not in e] == []
