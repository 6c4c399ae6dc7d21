"""Generated apps on a phone and on a desktop, in real Chromium: no sideways scroll on any page,
every navigation link reachable, and internal tools opening on their list."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.screenshots.browser import find_chromium
from tests.integration.test_appgen import fetch, serving

CHROMIUM = find_chromium(None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)

PHONE = {"width": 390, "height": 844}


@asynccontextmanager
async def _on_a_phone(
    browser: Browser, tmp_path: Path, brief: Brief
) -> AsyncIterator[tuple[Page, str]]:
    """`brief`'s app running, and a phone-sized page to open it in: the page and the app's
    address."""
    with serving(brief, tmp_path) as (_, base):
        context = await browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
        try:
            yield await context.new_page(), base
        finally:
            await context.close()


DESKTOP = {"width": 1440, "height": 900}

MARKETPLACE = "A dog walking marketplace that lets owners book vetted walkers and pay in the app"
# Three records with long names and many fields: the widest tables and the fullest menu.
WORKSHOP = (
    "Inventory app for my bicycle restoration workshop, called Spokesperson Workshop Manager "
    "— track replacement components, restoration appointments and customer bicycles, each "
    "component with a supplier, a cost price, a quantity in stock, a reorder level, a shelf "
    "location and a status"
)
REFUNDS = (
    "Help my small team handle customer refund requests. Each refund has an order number, "
    "amount, reason and approval status."
)


def app_paths(base: str, idea: str) -> list[str]:
    brief = derive_brief(idea)
    paths = ["/", "/dashboard", "/about"]
    for entity in brief.entities:
        slug = entity.slug
        paths += [f"/{slug}", f"/{slug}/new"]
        _, listing, _ = fetch(f"{base}/{slug}")
        first = re.search(rf'href="/{re.escape(slug)}/(\d+)"', listing)
        assert first is not None, f"{slug} has no sample records"
        record = f"/{slug}/{first.group(1)}"
        paths += [record, record + "/edit", record + "/delete", f"/{slug}/import"]
        if any(f.kind == "date" for f in entity.fields):
            paths.append(f"/{slug}/calendar?month=2026-03")
    return paths


async def nav_reachable(page: Page) -> list[str]:
    """Labels of navigation links a visitor can neither see nor reach with one tap."""
    hidden: list[str] = []
    for link in await page.locator("nav a").all():
        label = (await link.inner_text()).strip()
        if await link.is_visible():
            box = await link.bounding_box()
            if box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]:
                continue
        hidden.append(label)
    if not hidden:
        return []
    toggle = page.locator("[data-menu-toggle]")
    if await toggle.count() == 0:
        return hidden
    await toggle.first.click()
    still = [
        label
        for label in hidden
        if not await page.locator("nav a", has_text=label).first.is_visible()
    ]
    await toggle.first.click()
    return still


@needs_chromium
@pytest.mark.parametrize("idea", [MARKETPLACE, WORKSHOP, REFUNDS])
async def test_every_page_fits_a_phone_without_sideways_scroll(
    browser: Browser, tmp_path: Path, idea: str
) -> None:
    with serving(derive_brief(idea), tmp_path) as (_, base):
        paths = app_paths(base, idea)
        for viewport in (PHONE, DESKTOP):
            context = await browser.new_context(viewport=viewport)  # type: ignore[arg-type]
            page = await context.new_page()
            for path in paths:
                await page.goto(base + path)
                name = f"{viewport['width']}{path.replace('/', '_') or '_'}.png"
                # For a person reading a failure; the view only: a whole long page can be
                # past what Chromium will capture ("Unable to capture screenshot", seen in CI).
                await page.screenshot(path=str(tmp_path / name))
                width = await page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{path} scrolls sideways at {viewport}"
                if viewport is PHONE:
                    assert await nav_reachable(page) == [], f"{path}: nav out of reach"
            await context.close()


@pytest.mark.parametrize(
    "idea",
    [
        REFUNDS,
        "HR tool to keep track of employees, their leave requests and performance reviews",
        "Inventory app for my bike repair shop — track parts, repair jobs and customer bikes.",
        "A baby sleep journal for new parents: log naps, night wakings and feeds",
        "i want to track my houseplants and when i last watered them",
        "A CRM for freelance photographers: clients, shoots and invoices in one place",
        "A scheduling app for dog groomers to book grooming appointments and keep pet records",
        "Gym membership management for a boxing gym: members, classes and check-ins.",
    ],
)
def test_internal_tools_open_on_their_list(tmp_path: Path, idea: str) -> None:
    brief = derive_brief(idea)
    first = brief.entities[0]
    with serving(brief, tmp_path) as (_, base):
        status, page, _ = fetch(base + "/")
    assert status == 200
    assert '<table class="data">' in page
    assert f'href="/{first.slug}/new"' in page
    assert "What you can do today" not in page


@pytest.mark.parametrize(
    "idea",
    [
        MARKETPLACE,
        "Marketplace for home bakers to sell cakes, cookies and sourdough to their neighbours",
        "A booking site for a yoga studio where students book classes with teachers",
        "A social network for birdwatchers to share sightings and follow each other",
        "Book a dog walker near you. Owners post walks, walkers accept them and get paid.",
        "A platform where neighbours can lend and borrow tools from each other",
    ],
)
def test_public_products_keep_a_landing_page(tmp_path: Path, idea: str) -> None:
    with serving(derive_brief(idea), tmp_path) as (_, base):
        status, page, _ = fetch(base + "/")
    assert status == 200
    assert 'class="hero"' in page
    assert "What you can do today" in page


@needs_chromium
@pytest.mark.parametrize(
    "idea",
    [WORKSHOP, "A CRM for freelance photographers: clients, shoots and invoices in one place"],
)
async def test_lists_show_their_whole_width_on_a_phone(
    browser: Browser, tmp_path: Path, idea: str
) -> None:
    brief = derive_brief(idea)
    async with _on_a_phone(browser, tmp_path, brief) as (page, base):
        for entity in brief.entities:
            await page.goto(f"{base}/{entity.slug}")
            hidden = await page.evaluate(
                "() => [...document.querySelectorAll('.table-card')]"
                ".map(c => c.scrollWidth - c.clientWidth)"
            )
            assert hidden and max(hidden) <= 0, f"/{entity.slug}: {hidden} px cut off"


@needs_chromium
async def test_an_email_address_on_a_phone_breaks_after_its_at_never_mid_word(
    browser: Browser, tmp_path: Path
) -> None:
    brief = derive_brief("A small climbing gym wants to track members and their memberships")
    first = brief.entities[0]
    assert any(f.kind == "email" for f in first.fields)
    async with _on_a_phone(browser, tmp_path, brief) as (page, base):
        await page.goto(f"{base}/{first.slug}")
        # Each run of the address between break points is drawn on one line.
        pieces: list[list[int]] = await page.locator(".data a[href^='mailto:']").evaluate_all(
            """links => links.map(a => [...a.childNodes].filter(n => n.nodeType === 3)
                .map(n => { const r = document.createRange(); r.selectNodeContents(n);
                  const tops = [...r.getClientRects()].map(b => Math.round(b.top));
                  return new Set(tops).size; }))"""
        )
        assert pieces and all(lines == 1 for link in pieces for lines in link), pieces
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]


# Short words in every column, and one pasted address far wider than a phone.
IMPORT_CSV = (
    "Name,Billing cycle,Plan,Status,Cost,Website\n"
    "Streaming,Monthly,Family,Active,15.99,https://www.example.com/account/membership/family-plan\n"
    "Cloud storage,Yearly,Premium,Paused,99.00,https://example.org\n"
)


@needs_chromium
async def test_the_import_preview_on_a_phone_never_breaks_a_word(
    browser: Browser, tmp_path: Path
) -> None:
    brief = derive_brief("Track my subscriptions: each with a billing cycle, plan, cost and status")
    slug = brief.entities[0].slug
    async with _on_a_phone(browser, tmp_path, brief) as (page, base):
        await page.goto(f"{base}/{slug}/import")
        await page.get_by_label("Or paste it here").fill(IMPORT_CSV)
        await page.get_by_role("button", name="Check the file").click()
        preview = page.locator("table.data").last
        await preview.wait_for()
        await page.screenshot(path=str(tmp_path / "import-preview.png"), full_page=True)
        # Each short word of a heading or cell is drawn on one line: "Monthly", not "Monthl y".
        broken: list[str] = await preview.evaluate(
            """table => [...table.querySelectorAll('th, td')].flatMap(cell => {
                const text = cell.textContent.trim();
                const words = text.split(/\\s+/);
                if (!text || words.some(w => w.length > 18)) return [];
                const range = document.createRange(); range.selectNodeContents(cell);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return lines.size > words.length ? [text] : [];
            })"""
        )
        assert broken == [], f"words broken mid-word: {broken}"
        headings = await preview.locator("th").all_inner_texts()
        assert [h.lower() for h in headings] == [
            h.lower() for h in IMPORT_CSV.split("\n", 1)[0].split(",")
        ]
        # Every column is there; a preview wider than the phone scrolls inside its card
        # and says so, and the page itself never scrolls sideways.
        assert await preview.locator("th:visible").count() == 6
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        card = preview.locator("xpath=..")
        wider = await card.evaluate("c => c.scrollWidth > c.clientWidth")
        # A long pasted address breaks rather than stretching the table ever wider.
        assert await card.evaluate("c => c.scrollWidth") < 3 * PHONE["width"]
        if wider:
            await expect(page.get_by_text("Slide the table sideways")).to_be_visible()


def _plants() -> Brief:
    """Plants whose sums (days between waterings, price) sit past the three columns a phone
    shows."""
    plant = Entity(
        "Plant",
        "Plants",
        "plants",
        (
            Field("name", "Name", "text"),
            Field("species", "Species", "text"),
            Field("watered", "Last watered", "date"),
            Field("every", "Water every (days)", "number"),
            Field("price", "Price", "money"),
        ),
        (
            {"name": "Fern", "species": "Boston", "every": "7", "price": "12.50"},
            {"name": "Cactus", "species": "Saguaro", "every": "30", "price": "20"},
        ),
    )
    return replace(derive_brief("Track the plants of my nursery"), entities=(plant,))


@needs_chromium
async def test_the_totals_row_on_a_phone_shows_the_sums_of_the_columns_it_hides(
    browser: Browser, tmp_path: Path
) -> None:
    async with _on_a_phone(browser, tmp_path, _plants()) as (page, base):
        await page.goto(f"{base}/plants")
        # The price column is not drawn on a phone; its total still is, in words.
        await expect(page.locator(".data thead th", has_text="Price")).to_be_hidden()
        totals = page.locator(".data tfoot")
        await expect(totals).to_contain_text("Total of 2")
        await expect(totals).to_contain_text("Price: $32.50")
        # Days between waterings don't add up: no "37" for a fern and a cactus.
        await expect(totals).not_to_contain_text("Water every")
        await expect(totals).not_to_contain_text("37")
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        await page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
        # On a desktop each sum sits under its own column, said once.
        await expect(page.locator(".data tfoot td.num", has_text="$32.50")).to_be_visible()
        await expect(page.get_by_text("Price: $32.50")).to_be_hidden()


@needs_chromium
async def test_the_totals_label_reads_on_one_line_on_a_phone(
    browser: Browser, tmp_path: Path
) -> None:
    # Under short titles beside long details the label wrapped to "Total of / 3".
    job = Entity(
        "Job",
        "Jobs",
        "jobs",
        (
            Field("job", "Job", "text"),
            Field("client", "Client", "text"),
            Field("brief", "Brief", "text"),
            Field("rate", "Rate", "money"),
        ),
        tuple(
            {
                "job": f"J{n}",
                "client": "Harbourside Legal Translations",
                "brief": "Contract for the sale of a warehouse",
                "rate": "0.12",
            }
            for n in range(3)
        ),
    )
    brief = replace(derive_brief("Translation jobs"), entities=(job,))
    async with _on_a_phone(browser, tmp_path, brief) as (page, base):
        await page.goto(f"{base}/jobs")
        label = page.locator(".data tfoot tr.totals th")
        await expect(label).to_have_text("Total of 3")
        lines = await label.evaluate(
            "th => { const r = document.createRange(); r.selectNodeContents(th);"
            " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
        )
        assert lines == 1
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]


@needs_chromium
async def test_the_top_bar_keeps_its_margins_on_a_laptop(browser: Browser, tmp_path: Path) -> None:
    # Between a phone and a wide screen (1024 px) the name and the add button sat flush
    # against the window's edges: the bar's own padding cancelled the page's side margins.
    async with _on_a_phone(browser, tmp_path, derive_brief(REFUNDS)) as (page, base):
        await page.set_viewport_size({"width": 1024, "height": 768})
        await page.goto(f"{base}/")
        brand = await page.locator(".topbar .brand").bounding_box()
        button = await page.locator(".topbar .btn-small").bounding_box()
        assert brand is not None and button is not None
        assert brand["x"] >= 16 and button["x"] + button["width"] <= 1024 - 16
        assert await page.evaluate("document.documentElement.scrollWidth") <= 1024
