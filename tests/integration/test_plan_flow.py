"""The plan as a place, in real Chromium at desktop and phone widths: the editor keeps what
the founder typed, an unbuilt plan is a draft that reopens where it was, and "Change the
idea" updates the same project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, expect

from tests.conftest import IDEA, make_settings, start_build, stream_all
from tests.integration.test_pages import CHROMIUM, Tab, Tabs, browsing, open_plan, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")
WIDTHS = [1440, 390]


async def built_and_open(
    client: httpx.AsyncClient, tabs: Tabs, width: int
) -> tuple[dict[str, Any], Tab]:
    """A project built to its end, and a tab at `width` to look at it with."""
    build = await start_build(client)
    await stream_all(client, build["job_id"])
    return build, await tabs.open(width)


async def delete_for_good(page: Page, delete: Locator, shot: str | None = None) -> None:
    """Deleting asks first: the dialog opens, and "Delete for good" deletes."""
    await delete.click()
    dialog = page.locator("[data-delete-dialog]")
    await expect(dialog).to_be_visible()
    if shot is not None:
        await page.screenshot(path=str(SHOTS / shot))
    await dialog.get_by_role("button", name="Delete for good").click()


@pytest.mark.parametrize("width", WIDTHS)
async def test_plural_is_never_doubled(browser: Browser, tmp_path: Path, width: int) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, width)
        page = tab.page
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
        projects = (await client.get("/api/projects")).json()["projects"]
        saved = projects[0]["brief"]["entities"][0]
        assert (saved["singular"], saved["plural"], saved["slug"]) == (
            "Device",
            "Devices",
            "devices",
        )

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


@pytest.mark.parametrize("width", WIDTHS)
async def test_a_draft_reopens_changes_in_place_and_can_be_deleted(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        base = str(client.base_url)
        tab = await open_plan(client, tabs, width)
        page = tab.page
        project_id = (await client.get("/api/projects")).json()["projects"][0]["id"]
        await expect(page).to_have_url(f"{base}/projects/{project_id}")
        await page.get_by_label("Product name").fill("Walkwise")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")

        # A reload (or coming back later) opens the plan where it was.
        await page.reload()
        await expect(page.get_by_label("Product name")).to_have_value("Walkwise")
        await expect(page.locator("#idea-form")).to_be_hidden()

        # A new idea replans the same project.
        await page.get_by_role("button", name="Change the idea").click()
        await expect(page.locator("#idea")).to_have_value(IDEA)
        await page.locator("#idea").fill("A recipe box for busy parents")
        await page.get_by_role("button", name="Show me the new plan").click()
        await expect(page.get_by_role("heading", name="Here's what we'll build")).to_be_visible()
        await expect(page).to_have_url(f"{base}/projects/{project_id}")
        projects = (await client.get("/api/projects")).json()["projects"]
        assert [p["id"] for p in projects] == [project_id]
        assert "recipe" in projects[0]["idea"]

        # The start page lists it as a draft that opens its plan.
        await page.goto(f"{base}/")
        item = page.locator(f"[data-project='{project_id}']")
        await expect(item.locator("[data-draft-chip]")).to_have_text("Draft: not built yet")
        await page.screenshot(path=str(SHOTS / f"start-draft-{width}.png"), full_page=True)
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        await item.get_by_role("link", name="Open the plan").click()
        await expect(page.get_by_role("heading", name="Here's what we'll build")).to_be_visible()

        # Deleting asks first, then the draft is gone.
        delete = page.get_by_role("button", name="Delete this draft")
        await delete_for_good(page, delete, shot=f"delete-dialog-{width}.png")
        await expect(page).to_have_url(f"{base}/")
        assert (await client.get("/api/projects")).json()["projects"] == []
        assert tab.errors == []


@pytest.mark.parametrize("width", WIDTHS)
async def test_every_page_address_answers_a_page(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        base = str(client.base_url)
        build, tab = await built_and_open(client, tabs, width)
        project_id = build["project_id"]
        page = tab.page
        for address in (
            f"/projects/{project_id}",
            f"/projects/{project_id}/build",
            f"/projects/{project_id}/deploy",
        ):
            await page.goto(base + address)
            await expect(page).to_have_url(
                f"{base}/projects/{project_id}/build?job_id={build['job_id']}"
            )
            await expect(page.locator("#done-title")).to_be_visible()
        for address in (
            "/projects/nothing-here",
            f"/projects/{project_id}/build?job_id=nothing-here",
            f"/projects/{project_id}/deploy?job_id={'x' * 500}",
            "/s/not-a-link",
            "/no/such/page",
        ):
            answer = await page.goto(base + address)
            assert answer is not None and answer.status == 404, address
            assert "text/html" in answer.headers["content-type"], address
            await expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert "detail" not in await page.locator("body").inner_text()
            if not address.startswith("/s/"):
                await expect(page.get_by_role("link", name="Go to your projects")).to_be_visible()
        await page.screenshot(path=str(SHOTS / f"not-found-{width}.png"))


@pytest.mark.parametrize("width", WIDTHS)
async def test_a_built_project_is_copied_and_deleted(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        base = str(client.base_url)
        build, tab = await built_and_open(client, tabs, width)
        project_id = build["project_id"]
        page = tab.page
        await page.goto(f"{base}/")
        item = page.locator(f"[data-project='{project_id}']")
        await item.get_by_role("button", name="Copy v0.1").click()
        # The copy is v0.1 brought over as it was, files and records: ready, not a plan.
        await expect(page.locator("[data-feed]")).to_contain_text("Copying v0.1 of")
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await expect(page.locator("#done-title")).to_have_text("Your copy is ready")
        await expect(page.locator("[data-result=made]")).to_contain_text("Copied from")
        projects = (await client.get("/api/projects")).json()["projects"]
        assert len(projects) == 2
        copy_id = next(p["id"] for p in projects if p["id"] != project_id)
        assert f"/projects/{copy_id}/build?job_id=" in page.url
        await page.screenshot(path=str(SHOTS / f"copy-ready-{width}.png"))

        await page.goto(f"{base}/")
        await item.get_by_role("button", name="Delete").click()
        dialog = page.locator("[data-delete-dialog]")
        await dialog.get_by_role("button", name="Keep it").click()
        await expect(dialog).to_be_hidden()
        await expect(item).to_be_visible()
        await delete_for_good(page, item.get_by_role("button", name="Delete"))
        await expect(item).to_have_count(0)
        remaining = (await client.get("/api/projects")).json()["projects"]
        assert [p["id"] for p in remaining] == [copy_id]
        gone = await page.goto(f"{base}/projects/{project_id}/build?job_id={build['job_id']}")
        assert gone is not None and gone.status == 404
        assert tab.errors == [] or all("404" in e for e in tab.errors)


@pytest.mark.parametrize("width", WIDTHS)
async def test_a_crawl_of_every_founder_address_meets_only_pages(
    browser: Browser, tmp_path: Path, width: int
) -> None:
    """Every address a founder can reach or type, good or bad, answers an HTML page."""
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        base = str(client.base_url)
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        project_id, job_id = build["project_id"], build["job_id"]
        draft = (await client.post("/api/projects", json={"idea": IDEA})).json()
        shared = (await client.post(f"/api/jobs/{job_id}/share")).json()
        revoked = (await client.post(f"/api/jobs/{job_id}/share")).json()
        gone = await client.delete(f"/api/jobs/{job_id}/shares/{revoked['token']}")
        assert gone.status_code == 204
        tab = await tabs.open(width)
        page = tab.page
        good = {
            "/": "/",
            "/projects": "/",
            f"/projects/{draft['id']}": f"/projects/{draft['id']}",
            f"/projects/{project_id}": f"/projects/{project_id}/build?job_id={job_id}",
            f"/jobs/{job_id}": f"/projects/{project_id}/build?job_id={job_id}",
            f"/jobs/{job_id}/events": f"/projects/{project_id}/build?job_id={job_id}",
            f"/projects/{project_id}/deploy?job_id={job_id}": None,
            shared["url"].removeprefix(base): None,
        }
        for address, lands in good.items():
            answer = await page.goto(base + address)
            assert answer is not None and answer.status == 200, address
            assert "text/html" in answer.headers["content-type"], address
            if lands is not None:
                assert page.url == base + lands, (address, page.url)
            await expect(page.get_by_role("heading", level=1).first).to_be_visible()
            assert '"detail"' not in await page.content(), address
        bad = (
            "/jobs/nothing-here",
            "/jobs/" + "x" * 500,
            "/app/nothing-here/",
            "/preview/nothing-here/",
            "/projects/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "/projects/..%2F..%2Fetc%2Fpasswd",
            f"/projects/{project_id}/nonsense",
            f"/projects/{project_id}/build?job_id={draft['id']}",
            f"/projects/{draft['id']}/build?job_id={job_id}",
            f"/projects/{project_id}/build?job_id=a&job_id=b",
            revoked["url"].removeprefix(base),
            f"/s/{shared['token']}/snapshots/nothing.png",
        )
        for address in bad:
            answer = await page.goto(base + address)
            assert answer is not None, address
            assert answer.status in (404, 422), (address, answer.status)
            assert "text/html" in answer.headers["content-type"], address
            text = await page.locator("body").inner_text()
            assert "detail" not in text and "<script>" not in text, address
            await expect(page.get_by_role("heading", level=1)).to_be_visible()
        await page.screenshot(path=str(SHOTS / f"crawl-bad-{width}.png"))
        assert all("404" in e or "422" in e for e in tab.errors), tab.errors
