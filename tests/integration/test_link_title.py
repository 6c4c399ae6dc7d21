"""A kind whose title is picked from another kind ("each placement is for one of our
families"): the linked record's name is the record's name everywhere a founder looks, over
real HTTP and in Chromium, through CSV, a delete, a rename and a version that makes a typed
title a link."""

from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

from playwright.async_api import Browser

from livebuild.appgen import app_files
from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_app_csv import post_csv
from tests.integration.test_app_phone import needs_chromium
from tests.integration.test_app_records import record_ids
from tests.integration.test_appgen import (
    DOG_IDEA,
    assert_smoke_passes,
    fetch,
    running_app,
    serving,
    write_app,
)

HOSTILE = '<b>Bold</b> "Quoted" O\'Brien & <script>alert(1)</script>' + "x" * 10_000


def families_and_placements(title_kind: str = "link") -> Brief:
    family = Entity(
        "Family",
        "Families",
        "families",
        (Field("name", "Name", "text"), Field("phone", "Phone", "phone")),
        (
            {"name": "The Okafor family", "phone": "+1 555 010 0142"},
            {"name": "The Lindqvist family", "phone": "+1 555 010 0177"},
        ),
    )
    linked = title_kind == "link"
    placement = Entity(
        "Placement",
        "Placements",
        "placements",
        (
            Field("family", "Family", title_kind, links_to="families" if linked else ""),
            Field("starts", "Starts", "date"),
            Field("nights", "Nights", "number"),
        ),
        (
            {"family": "The Okafor family", "starts": "2026-03-02", "nights": "3"},
            {"family": "The Lindqvist family", "starts": "2026-03-09", "nights": "5"},
        ),
    )
    return replace(derive_brief(DOG_IDEA), entities=(family, placement))


def _families(base: str) -> dict[str, str]:
    page = fetch(f"{base}/families")[1]
    return {
        html.unescape(name): ident
        for ident, name in re.findall(r'<td class="title"><a href="/families/(\d+)">([^<]*)<', page)
    }


def _placement(base: str, family_id: str, starts: str) -> None:
    form = {"family": family_id, "starts": starts, "nights": "2"}
    status, page, _ = fetch(f"{base}/placements", form)
    assert status == 303, page[:400]


def test_the_linked_name_is_the_records_name_in_list_page_search_sort_and_csv(
    tmp_path: Path,
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        families = _families(base)
        # The samples name the real sample families.
        assert set(families) == {"The Okafor family", "The Lindqvist family"}
        listing = fetch(f"{base}/placements")[1]
        assert "The Okafor family" in listing and "The Lindqvist family" in listing
        assert fetch(f"{base}/families", {"name": "The Abara family"})[0] == 303
        abara = _families(base)["The Abara family"]
        _placement(base, abara, "2026-04-01")
        # Search by the family's name finds the placement.
        found = fetch(f"{base}/placements?q=Abara")[1]
        assert "The Abara family" in found and "Okafor" not in found
        # Sorted by family, A before L before O.
        ordered = fetch(f"{base}/placements?sort=family")[1]
        positions = [ordered.index(f"The {n} family</a>") for n in ("Abara", "Lindqvist")]
        assert positions == sorted(positions) and ordered.index("Okafor") > positions[-1]
        # The record's page is headed by the family, and links to it.
        placement = record_ids(found, "placements")[0]
        page = fetch(f"{base}/placements/{placement}")[1]
        assert "<h1>The Abara family</h1>" in page
        assert f'<a href="/families/{abara}">The Abara family</a>' in page
        # The family's page lists its placements, by name.
        family_page = fetch(f"{base}/families/{abara}")[1]
        assert "Placements of this family" in family_page
        assert f'href="/placements/{placement}">The Abara family<' in family_page
        # The edit form shows the picked family in its picker.
        edit = fetch(f"{base}/placements/{placement}/edit")[1]
        assert 'name="family__find" value="The Abara family"' in edit
        assert "Edit The Abara family" in edit
        # Home and dashboard show it too.
        assert "The Abara family" in fetch(f"{base}/dashboard")[1]
        # CSV: the family's name, never its number.
        rows = list(csv.reader(io.StringIO(fetch(f"{base}/placements.csv")[1])))
        assert rows[0] == ["Family", "Starts", "Nights"]
        assert ["The Abara family", "2026-04-01", "2"] in rows
        assert not any(r[0].isdigit() for r in rows[1:])


def test_an_app_opening_on_a_kind_called_by_a_pick_passes_its_own_smoke_test(
    tmp_path: Path,
) -> None:
    brief = families_and_placements()
    placed_first = replace(brief, entities=(brief.entities[1], brief.entities[0]))
    with serving(placed_first, tmp_path) as (app_dir, base):
        assert_smoke_passes(app_dir, base)
        home = fetch(f"{base}/")[1]
        assert "The Okafor family" in home or "The Lindqvist family" in home


def test_a_csv_goes_round_and_an_unknown_family_is_kept_by_name(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        exported = fetch(f"{base}/placements.csv")[1]
        status, answer = post_csv(f"{base}/placements.csv", exported)
        assert status == 200 and answer == {"imported": 2}, answer
        again = list(csv.reader(io.StringIO(fetch(f"{base}/placements.csv")[1])))
        assert sorted(again[1:]) == sorted(list(csv.reader(io.StringIO(exported)))[1:] * 2)
        other = (
            "Family,Starts,Nights\nthe okafor FAMILY,2026-05-01,1\nThe Nobody family,2026-05-02,1\n"
        )
        status, answer = post_csv(f"{base}/placements.csv", other)
        assert status == 200 and answer == {"imported": 2}, answer
        # An unknown family is kept as written, as a version or a delete keeps it.
        listing = fetch(f"{base}/placements?q=Nobody")[1]
        kept = record_ids(listing, "placements")[0]
        assert "(not linked)" in fetch(f"{base}/placements/{kept}")[1]
        assert fetch(f"{base}/placements")[1].count(">The Okafor family</a>") == 3


def test_a_placements_export_imports_again(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        for name in ("@home", "Ann", "2"):
            assert fetch(f"{base}/families", {"name": name})[0] == 303
        families = _families(base)
        for name in ("@home", "Ann", "2"):
            _placement(base, families[name], "2026-04-01")
        for name in ("Ann", "2"):
            assert fetch(f"{base}/families/{families[name]}/delete", {"linked": "unlink"})[0] == 303
        exported = fetch(f"{base}/placements.csv")[1]
        assert "'@home" in exported
        status, answer = post_csv(f"{base}/placements.csv", exported)
        assert status == 200 and answer == {"imported": 5}, answer
        titles = re.findall(
            r'<td class="title"><a href="/placements/\d+">([^<]*)<', fetch(f"{base}/placements")[1]
        )
        assert sorted(html.unescape(t) for t in titles) == sorted(
            ["@home", "Ann", "2", *NAMES_BOTH] * 2
        )
        home = families["@home"]
        assert fetch(f"{base}/families/{home}")[1].count('href="/placements/') == 2


NAMES_BOTH = ("The Okafor family", "The Lindqvist family")


def test_a_deleted_or_renamed_family_never_leaves_a_placement_untitled(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        families = _families(base)
        okafor, lindqvist = families["The Okafor family"], families["The Lindqvist family"]
        status = fetch(f"{base}/families/{okafor}/edit", {"name": "The Okafor-Reid family"})[0]
        assert status == 303
        assert "The Okafor-Reid family" in fetch(f"{base}/placements")[1]
        confirm = fetch(f"{base}/families/{lindqvist}/delete")[1]
        assert "1 placement links to" in confirm
        assert fetch(f"{base}/families/{lindqvist}/delete", {"linked": "unlink"})[0] == 303
        listing = fetch(f"{base}/placements")[1]
        assert "The Lindqvist family</a>" in listing and "Untitled" not in listing
        kept = record_ids(fetch(f"{base}/placements?q=Lindqvist")[1], "placements")[0]
        page = fetch(f"{base}/placements/{kept}")[1]
        assert "<h1>The Lindqvist family</h1>" in page and "(not linked)" in page


def test_a_typed_title_made_a_link_keeps_every_record(tmp_path: Path) -> None:
    before = families_and_placements("text")
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(before, Stage.CHECKS)), data) as base:
        for family in ("the okafor family", "The Mystery family"):
            form = {"family": family, "starts": "2026-06-01", "nights": "1"}
            assert fetch(f"{base}/placements", form)[0] == 303
    after = apply_change(before, "the family on a placement should be picked from our families")
    assert after.made and not after.unmade, after.unmade
    assert after.made[0].startswith("Family is now picked from your families.")
    with running_app(
        write_app(tmp_path / "v2", app_files(after.brief, Stage.CHECKS)), data
    ) as base:
        okafor = _families(base)["The Okafor family"]
        listing = fetch(f"{base}/placements")[1]
        # Typed names a family has became that family; the rest are kept, and said.
        assert listing.count(">The Okafor family</a>") == 2, listing
        assert "The Mystery family</a>" in listing
        assert fetch(f"{base}/families/{okafor}")[1].count('href="/placements/') == 2
        mystery = record_ids(fetch(f"{base}/placements?q=Mystery")[1], "placements")[0]
        assert "The Mystery family" in fetch(f"{base}/placements/{mystery}")[1]
        assert "(not linked)" in fetch(f"{base}/placements/{mystery}")[1]
        rows = list(csv.reader(io.StringIO(fetch(f"{base}/placements.csv")[1])))
        assert len(rows) == 1 + 4 and ["The Mystery family", "2026-06-01", "1"] in rows
    with sqlite3.connect(data / "app.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM records_placements").fetchone()[0] == 4


@needs_chromium
async def test_a_placement_picked_from_families_reads_as_the_family_in_chromium(
    browser: Browser, tmp_path: Path
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(families_and_placements(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        with sqlite3.connect(tmp_path / "data" / "app.sqlite3") as conn:
            conn.execute("INSERT INTO records_families (name, phone) VALUES (?, '')", (HOSTILE,))
        page = await browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: dialogs.append(d.message))
        await page.goto(f"{base}/placements/new")
        await page.click("#f-family")
        await page.keyboard.type("Lindq")
        option = page.locator("#f-family-list [role=option]")
        await option.first.wait_for()
        assert await option.all_inner_texts() == ["The Lindqvist family"]
        await page.keyboard.press("ArrowDown")
        await page.keyboard.press("Enter")
        await page.fill("#f-starts", "2026-07-01")
        await page.click("button[type=submit]")
        await page.wait_for_selector(".flash")
        assert "The Lindqvist family" in await page.inner_text(".flash")
        titles = await page.locator("td.title > a").all_inner_texts()
        assert titles.count("The Lindqvist family") == 2
        await page.fill("input[name=q]", "lindqvist")
        await page.press("input[name=q]", "Enter")
        await page.wait_for_load_state()
        assert await page.locator("td.title > a").all_inner_texts() == ["The Lindqvist family"] * 2
        await page.click("td.title a >> nth=0")
        assert await page.inner_text("h1") == "The Lindqvist family"
        # The hostile family, picked the same way, is shown as written, never run.
        await page.goto(f"{base}/placements/new")
        await page.click("#f-family")
        await page.keyboard.type("Bold")
        await option.first.wait_for()
        await page.keyboard.press("ArrowDown")
        await page.keyboard.press("Enter")
        await page.click("button[type=submit]")
        await page.wait_for_selector(".flash")
        shown = await page.locator("td.title > a").all_inner_texts()
        assert HOSTILE in shown
        href = await page.locator("td.title a >> text=Quoted").get_attribute("href")
        await page.goto(f"{base}{href}")
        assert await page.inner_text("h1") == HOSTILE
        for path in ("/placements", "/dashboard", "/", "/placements?q=Quoted&sort=-family"):
            await page.goto(base + path)
            assert await page.locator("b, script:has-text('alert')").count() == 0, path
        csv_text = fetch(f"{base}/placements.csv")[1]
        assert [r[0] for r in csv.reader(io.StringIO(csv_text))].count(HOSTILE) == 1
        assert dialogs == []
