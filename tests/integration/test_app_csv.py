"""Spreadsheets in and out of a generated app: CSV export of every kind, an all-or-nothing
import with plain per-row messages, over HTTP and in Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from pathlib import Path

from playwright.async_api import Browser

from livebuild.appgen import app_files
from livebuild.core.stages import Stage
from tests.integration.test_app_phone import needs_chromium
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import fetch, running_app, write_app


def post_csv(url: str, text: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url, data=text.encode(), headers={"Content-Type": "text/csv"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def count(base: str, slug: str) -> int:
    found = re.search(r'data-count="(\d+)"', fetch(f"{base}/{slug}")[1])
    assert found is not None
    return int(found.group(1))


def test_export_gives_every_record_with_links_as_titles(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        assert fetch(f"{base}/walkers", {"name": '=HYPERLINK("http://x")', "rate": "5"})[0] == 303
        status, text, headers = fetch(f"{base}/walkers.csv")
        assert status == 200 and headers["Content-Type"].startswith("text/csv")
        assert "attachment" in headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["Name", "Phone", "Website"]
        assert ["Maya Ortiz", "+1 555 010 0142"] in [r[:2] for r in rows]
        assert len(rows) == 1 + 3
        # A spreadsheet would run it as a formula; the export keeps it as text.
        assert any(r[0] == '\'=HYPERLINK("http://x")' for r in rows)
        walks = list(csv.reader(io.StringIO(fetch(f"{base}/walks.csv")[1])))
        assert ["Biscuit", "Sam Lee", "2026-03-02"] in walks


def test_import_is_all_or_nothing_with_a_message_per_row(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        before = count(base, "walks")
        bad = "Dog,Walker,Date\nRolo,Sam Lee,2026-04-01\nGhost,Nobody,2026-04-02\nFig,,31/02/2026\n"
        status, answer = post_csv(f"{base}/walks.csv", bad)
        assert status == 422
        assert answer["rows"] == [
            {"row": 3, "message": "No walker called \u201cNobody\u201d."},
            {"row": 4, "message": "Date must be a real date, like 2026-05-14."},
        ]
        assert "Nothing was imported" in str(answer["detail"])
        assert count(base, "walks") == before
        good = "\ufeffdate;dog;WALKER\n2026-04-01;Rolo;sam lee\n2026-04-02;Fig;\n"
        status, answer = post_csv(f"{base}/walks.csv", good)
        assert (status, answer) == (200, {"imported": 2})
        assert count(base, "walks") == before + 2
        assert re.search(r"Rolo.*Sam Lee", fetch(f"{base}/walks")[1], re.S)
        status, answer = post_csv(f"{base}/walks.csv", "Colour\nred\n")
        assert status == 422 and "Dog" in str(answer["detail"])
        assert post_csv(f"{base}/walks.csv", "")[0] == 422


def test_an_invisible_control_character_is_refused_plainly_not_kept(tmp_path: Path) -> None:
    # A NUL or an escape code in a cell (a binary file saved as CSV) was stored as it was.
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        before = count(base, "walks")
        status, answer = post_csv(
            f"{base}/walks.csv", "Dog,Walker\nRo\x00lo,Sam Lee\nFig\x1b[2J,\n"
        )
        assert status == 422 and count(base, "walks") == before
        rows = answer["rows"]
        assert isinstance(rows, list) and [r["row"] for r in rows] == [2, 3]
        assert all("invisible" in r["message"] for r in rows)
        # A tab inside a quoted cell is ordinary text.
        status, answer = post_csv(f"{base}/walks.csv", 'Dog,Walker\n"Fig\tand Rolo",\n')
        assert status == 200, answer


@needs_chromium
async def test_a_founder_imports_a_spreadsheet_in_the_browser(
    browser: Browser, tmp_path: Path
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    sheet = tmp_path / "walkers.csv"
    sheet.write_text(
        "Full name,Mobile,Insured?\nAna Ruiz,+1 555 010 0199,yes\nBo Chen,+44 20 7946 0958,no\n"
    )
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        page = await context.new_page()
        await page.goto(f"{base}/walkers")
        await page.click("text=Import")
        await page.set_input_files("#f-file", str(sheet))
        await page.click("text=Check the file")
        # "Full name" matches no field by itself: the founder matches it to Name.
        assert await page.locator(".error-summary").is_visible()
        await page.select_option("#map-0", "name")
        await page.select_option("#map-1", "phone")
        await page.select_option("#map-2", "insured")
        await page.click("text=Check again")
        await page.click("text=Import 2 rows")
        await page.wait_for_selector(".flash")
        assert "Imported 2 walkers." in await page.inner_text(".flash")
        await page.screenshot(path=str(tmp_path / "imported.png"), full_page=True)
        listing = await page.content()
        assert "Ana Ruiz" in listing and "+44 20 7946 0958" in listing
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        await context.close()


def test_editing_a_record_keeps_a_link_beyond_the_first_thousand_choices(
    tmp_path: Path,
) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        names = "".join(f"Aaron {n:04d}\n" for n in range(1001))
        assert post_csv(f"{base}/walkers.csv", "Name\n" + names + "Zoe Zimmer\n")[0] == 200
        zoe = re.search(r'href="/walkers/(\d+)">Zoe Zimmer<', fetch(f"{base}/walkers?q=Zoe")[1])
        assert zoe is not None
        status, _, _ = fetch(f"{base}/walks", {"dog": "Rolo", "walker": zoe.group(1), "on": ""})
        assert status == 303
        rolo = re.search(r'href="/walks/(\d+)">Rolo<', fetch(f"{base}/walks?q=Rolo")[1])
        assert rolo is not None
        form = fetch(f"{base}/walks/{rolo.group(1)}/edit")[1]
        # Zoe sorts after the first thousand walkers, yet the form shows her chosen ...
        assert 'name="walker__find" value="Zoe Zimmer"' in form
        assert f'<input type="hidden" name="walker" value="{zoe.group(1)}">' in form
        # ... so saving the form as it is keeps the walk hers.
        saved = fetch(
            f"{base}/walks/{rolo.group(1)}/edit",
            {"dog": "Rolo", "walker__find": "Zoe Zimmer", "walker": zoe.group(1)},
        )
        assert saved[0] == 303
        assert "Zoe Zimmer" in fetch(f"{base}/walks/{rolo.group(1)}")[1]


def test_a_yes_or_no_column_that_says_neither_is_refused_by_its_row(tmp_path: Path) -> None:
    """An imported "maybe" under Insured was stored as No, silently; it is now a row to fix,
    while yes/no as a spreadsheet writes them (Y, TRUE, 1, ✓, blank) still import."""
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        before = count(base, "walkers")
        bad = "Name,Insured\nAda Park,maybe\nBo Chan,Y\n"
        status, answer = post_csv(f"{base}/walkers.csv", bad)
        assert status == 422
        assert answer["rows"] == [{"row": 2, "message": "Insured must be yes or no."}]
        assert count(base, "walkers") == before
        good = "Name,Insured\nAda Park,TRUE\nBo Chan,\nCy Dee,\u2713\nDi Eve,no\n"
        assert post_csv(f"{base}/walkers.csv", good) == (200, {"imported": 4})
