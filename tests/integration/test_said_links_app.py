"""A link the founder said ("customers, their bikes") is a pick-list of the target's records in
the built app, in Chromium: the plan straight from the idea, nothing patched."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.conftest import make_settings, wait_done
from tests.integration.test_pages import CHROMIUM, browsing, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
pytest.importorskip("spacy", reason="the English pipeline is not installed")

IDEA = (
    "A little mobile bike repair van. I keep customers, their bikes (make, model, colour), "
    "each repair job with the parts I used and what I charged."
)


async def test_a_bike_picks_its_customer_from_the_customers_kept(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        project = (await client.post("/api/projects", json={"idea": IDEA})).json()
        bikes = next(e for e in project["brief"]["entities"] if e["plural"] == "Bikes")
        link = next(f for f in bikes["fields"] if f["kind"] == "link")
        assert link["links_to"] == "customers"
        started = await client.post(f"/api/projects/{project['id']}/builds")
        job = await wait_done(client, started.json()["job_id"])
        assert job["status"] == "ready", job["error"]
        base = job["preview_url"].rstrip("/")
        page = (await tabs.open(1280)).page
        # A sample bike already names a sample customer, shown as a link to that customer.
        await page.goto(f"{base}/bikes")
        await page.click("tbody a >> nth=0")
        owner = page.locator("dd a[href^='/customers/']")
        assert (await owner.count()) == 1
        named = await owner.inner_text()
        # A new bike's customer is picked from the customers kept.
        await page.goto(f"{base}/bikes/new")
        await page.click(f"#f-{link['name']}")
        await page.keyboard.type(named[:6])
        options = page.locator(f"#f-{link['name']}-list [role=option]")
        await options.first.wait_for()
        assert named in await options.all_inner_texts()
