"""A founder's records in a generated app, driven in Chromium as they use it: edit a record
with the add form filled in, link it to another record, find it on the month calendar,
follow the link back, and delete a linked record after being asked what to do."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from tests.integration.test_app_phone import needs_chromium
from tests.integration.test_app_records import SHOP, walkers_and_walks
from tests.integration.test_appgen import running_app, write_app

pytestmark = needs_chromium


async def test_edit_link_calendar_and_delete_in_the_browser(
    browser: Browser, tmp_path: Path
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 1024, "height": 800})
        page = await context.new_page()
        await page.goto(f"{base}/walks")
        await page.click("text=Biscuit")
        await page.click("a:has-text('Edit')")
        # The add form, filled in with the record's values.
        assert await page.input_value("#f-dog") == "Biscuit"
        await page.fill("#f-dog", "Biscuit the Second")
        # The walker is picked by typing part of her name and choosing from the matches.
        await page.fill("#f-walker", "")
        await page.type("#f-walker", "maya")
        await page.click("#f-walker-list [role=option]:has-text('Maya Ortiz')")
        assert await page.input_value("#f-walker") == "Maya Ortiz"
        await page.fill("#f-on", "2026-03-14")
        await page.click("button[type=submit]")
        await page.wait_for_selector(".flash")
        assert "Saved your changes." in await page.inner_text(".flash")
        assert "Biscuit the Second" in await page.inner_text("h1")
        # The list shows the linked walker's name as a link to her page ...
        await page.goto(f"{base}/walks")
        await page.click("a:has-text('Maya Ortiz')")
        # ... whose page lists the walks that link to her.
        panel = await page.inner_text(".backlinks")
        assert "Biscuit the Second" in panel and "Pepper" in panel
        # The month calendar shows the walk on its new day.
        await page.goto(f"{base}/walks")
        await page.click("a:has-text('Calendar')")
        await page.wait_for_url("**/walks/calendar**")
        await page.goto(f"{base}/walks/calendar?month=2026-03")
        assert "March 2026" in await page.inner_text("h1")
        day = page.locator(".day", has=page.locator(".day-no", has_text="14")).first
        assert "Biscuit the Second" in await day.inner_text()
        # Deleting a walker walks link to asks first what happens to them.
        await page.goto(f"{base}/walkers")
        await page.click("a:has-text('Maya Ortiz')")
        await page.click("a:has-text('Delete')")
        assert "What should happen to them?" in await page.inner_text("form")
        await page.check("input[value=unlink]")
        await page.click("button:has-text('Delete')")
        await page.goto(f"{base}/walks")
        listing = await page.inner_text("main")
        assert "Biscuit the Second" in listing and "Maya Ortiz" not in listing
        await context.close()


async def test_the_totals_row_reads_as_a_total_not_a_column_heading(
    browser: Browser, tmp_path: Path
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(derive_brief(SHOP), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await context.new_page()
        await page.goto(f"{base}/parts")
        look = """el => { const s = getComputedStyle(el);
            return [s.textTransform, s.backgroundColor, s.fontSize, s.color]; }"""
        heading = await page.locator(".data thead th").first.evaluate(look)
        total = await page.locator(".data tfoot th").evaluate(look)
        cell = await page.locator(".data tfoot td.num").first.evaluate(look)
        assert (await page.inner_text(".data tfoot th")).startswith("Total of")
        # Headings are small capitals on a tinted band; the total's label is written like the
        # sums beside it, on the table's own background.
        assert heading[0] == "uppercase" and total[0] == "none"
        assert total[1] != heading[1] and total[1:] == cell[1:]
        await context.close()


async def test_the_apps_tab_has_its_own_icon_and_the_page_asks_for_nothing_missing(
    browser: Browser, tmp_path: Path
) -> None:
    brief = derive_brief(SHOP)
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        await page.goto(f"{base}/")
        await page.wait_for_load_state("networkidle")
        href = await page.locator("link[rel=icon]").get_attribute("href")
        assert href is not None
        icon = await page.request.get(f"{base}{href}")
        assert icon.status == 200 and icon.headers["content-type"] == "image/svg+xml"
        # The header's logo: the product's initial.
        assert f">{brief.product_name[0].upper()}</text>" in await icon.text()
        # The browser's own ask for a tab icon finds one: no "404" on any page it opens.
        await page.goto(f"{base}/{brief.entities[0].slug}")
        await page.wait_for_load_state("networkidle")
        assert errors == []
        await context.close()
