"""A generated app's records through real HTTP: edit, delete that asks first, every field
kind, links between records, and any version's files over any older version's data."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from livebuild.appgen import app_files
from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_appgen import (
    DOG_IDEA,
    assert_smoke_passes,
    fetch,
    post_records,
    running_app,
    serving,
    write_app,
)

SHOP = "Inventory app for my bike repair shop — track parts, repair jobs and customer bikes."


def walkers_and_walks() -> Brief:
    walker = Entity(
        "Walker",
        "Walkers",
        "walkers",
        (
            Field("name", "Name", "text"),
            Field("phone", "Phone", "phone"),
            Field("site", "Website", "url"),
            Field("insured", "Insured", "boolean"),
            Field("starts", "Starts at", "time"),
            Field("joined", "Joined", "datetime"),
            Field("walks_done", "Walks done", "number"),
            Field("rate", "Rate", "money"),
        ),
        (
            {"name": "Maya Ortiz", "phone": "+1 555 010 0142", "insured": "yes", "rate": "18"},
            {"name": "Sam Lee", "phone": "+1 555 010 0177", "insured": "no", "rate": "20"},
        ),
    )
    walk = Entity(
        "Walk",
        "Walks",
        "walks",
        (
            Field("dog", "Dog", "text"),
            Field("walker", "Walker", "link", links_to="walkers"),
            Field("on", "Date", "date"),
        ),
        (
            {"dog": "Biscuit", "walker": "Sam Lee", "on": "2026-03-02"},
            {"dog": "Pepper", "walker": "Maya Ortiz", "on": "2026-03-03"},
        ),
    )
    return replace(derive_brief(DOG_IDEA), entities=(walker, walk))


def record_ids(page: str, slug: str) -> list[str]:
    return list(dict.fromkeys(re.findall(rf'href="/{re.escape(slug)}/(\d+)"', page)))


def test_every_record_can_be_edited_with_the_add_form_filled_in(tmp_path: Path) -> None:
    brief = derive_brief(SHOP)
    with serving(brief, tmp_path) as (_, base):
        for entity in brief.entities:
            first = record_ids(fetch(f"{base}/{entity.slug}")[1], entity.slug)[0]
            detail = fetch(f"{base}/{entity.slug}/{first}")[1]
            assert f'href="/{entity.slug}/{first}/edit"' in detail
            status, form, _ = fetch(f"{base}/{entity.slug}/{first}/edit")
            assert status == 200 and "Save changes" in form
            title = re.search(r"<h1>Edit (.*?)</h1>", form)
            assert title is not None and f'value="{title.group(1)}"' in form
        status, _, _ = fetch(f"{base}/parts/99999/edit")
        assert status == 404
        part = record_ids(fetch(f"{base}/parts")[1], "parts")[0]
        fields = {"part": "Brake cable", "quantity": "12", "price": "7.5", "notes": "Shimano"}
        status, _, headers = fetch(f"{base}/parts/{part}/edit", fields)
        assert status == 303 and headers["Location"] == f"/parts/{part}?saved=1"
        page = fetch(f"{base}/parts/{part}?saved=1")[1]
        assert "Brake cable" in page and "$7.50" in page and "Saved your changes." in page
        # A bad edit is refused with plain words and changes nothing.
        status, page, _ = fetch(f"{base}/parts/{part}/edit", dict(fields, quantity="lots", part=""))
        assert status == 422
        assert "Part is required." in page and "In stock must be a number" in page
        assert 'value="lots"' in page
        assert "Brake cable" in fetch(f"{base}/parts/{part}")[1]
        listing = fetch(f"{base}/parts")[1]
        assert listing.count("Brake cable") == 1


def test_delete_asks_first(tmp_path: Path) -> None:
    brief = derive_brief(SHOP)
    with serving(brief, tmp_path) as (_, base):
        part = record_ids(fetch(f"{base}/parts")[1], "parts")[0]
        detail = fetch(f"{base}/parts/{part}")[1]
        # The record's page offers Delete as a way to the question, not a button that deletes.
        assert f'action="/parts/{part}/delete"' not in detail
        assert f'href="/parts/{part}/delete"' in detail
        status, ask, _ = fetch(f"{base}/parts/{part}/delete")
        assert status == 200 and "Delete \u201c" in ask and "can\u2019t be undone" in ask
        assert f'action="/parts/{part}/delete"' in ask
        assert fetch(f"{base}/parts/{part}")[0] == 200
        status, _, _ = fetch(f"{base}/parts/{part}/delete", {})
        assert status == 303 and fetch(f"{base}/parts/{part}")[0] == 404
        assert fetch(f"{base}/parts/{part}/delete")[0] == 404


def test_nothing_claims_what_the_app_cannot_do(tmp_path: Path) -> None:
    brief = derive_brief(SHOP)
    with serving(brief, tmp_path) as (_, base):
        claims = fetch(base + "/about")[1] + fetch(base + "/")[1]
        assert "edit" in claims.lower()
        part = record_ids(fetch(f"{base}/parts")[1], "parts")[0]
        # What the pages promise answers: edit and delete pages exist for a real record.
        assert fetch(f"{base}/parts/{part}/edit")[0] == 200
        assert fetch(f"{base}/parts/{part}/delete")[0] == 200


def test_new_files_run_over_older_data_and_back(tmp_path: Path) -> None:
    v1 = derive_brief(SHOP)
    v2 = apply_change(v1, "add a supplier to parts").brief
    old = write_app(tmp_path / "v1", app_files(v1, Stage.CHECKS))
    new = write_app(tmp_path / "v2", app_files(v2, Stage.CHECKS))
    data = tmp_path / "data"
    with running_app(old, data) as base:
        assert fetch(f"{base}/parts", {"part": "Greenfield chain", "quantity": "3"})[0] == 303
    for attempt in range(2):  # upgrading twice changes nothing the second time
        with running_app(new, data) as base:
            if attempt == 0:
                status, _, _ = fetch(
                    f"{base}/parts", {"part": "Tubeless valve", "quantity": "9", "supplier": "Acme"}
                )
                assert status == 303
            listing = fetch(f"{base}/parts")[1]
            assert "Greenfield chain" in listing and "Tubeless valve" in listing
    # The older version's files over the newer data: the extra column stays, unseen.
    with running_app(old, data) as base:
        listing = fetch(f"{base}/parts")[1]
        assert "Greenfield chain" in listing and "Tubeless valve" in listing
        assert fetch(f"{base}/parts", {"part": "Old again", "quantity": "1"})[0] == 303
    with running_app(new, data) as base:
        part = record_ids(fetch(f"{base}/parts?q=Tubeless")[1], "parts")[0]
        assert "Acme" in fetch(f"{base}/parts/{part}")[1]
    with sqlite3.connect(data / "app.sqlite3") as conn:
        names = [row[0] for row in conn.execute("SELECT part FROM records_parts")]
    assert names.count("Greenfield chain") == 1 and names.count("Tubeless valve") == 1


def test_renames_waiting_in_the_data_folder_carry_records(tmp_path: Path) -> None:
    v1 = derive_brief(SHOP)
    v2 = apply_change(v1, "rename parts to components").brief
    v3 = apply_change(v2, "rename notes on components to details").brief
    assert [f.name for f in v3.entities[0].fields][-1] == "details"
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(v1, Stage.CHECKS)), data) as base:
        assert fetch(f"{base}/parts", {"part": "Greenfield chain", "notes": "Kept"})[0] == 303
    # The title field named after the record kind follows it, as livebuild's carry says.
    (data / "carry.json").write_text(
        '{"tables": [["parts", "components"]], "columns": [["components", "part", "component"]]}'
    )
    with running_app(write_app(tmp_path / "v2", app_files(v2, Stage.CHECKS)), data) as base:
        assert "Greenfield chain" in fetch(f"{base}/components")[1]
        # No sample components were added to the founder's renamed list.
        assert fetch(f"{base}/components")[1].count("Part #1040<") == 1
    assert not (data / "carry.json").exists()
    (data / "carry.json").write_text(
        '{"tables": [], "columns": [["components", "notes", "details"]]}'
    )
    with running_app(write_app(tmp_path / "v3", app_files(v3, Stage.CHECKS)), data) as base:
        page = fetch(f"{base}/components?q=Greenfield")[1]
        record = record_ids(page, "components")[0]
        assert "Kept" in fetch(f"{base}/components/{record}")[1]


def test_every_field_kind_checks_and_shows_its_values(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    good = {
        "name": "Ana Ruiz",
        "phone": "+1 555 010 0199",
        "site": "anawalks.example.com",
        "insured": "yes",
        "starts": "7:30 am",
        "joined": "2026-02-01T09:15",
        "walks_done": "1,204",
        "rate": "$22",
    }
    with running_app(app_dir, tmp_path / "data") as base:
        form = fetch(f"{base}/walkers/new")[1]
        for kind in ('type="tel"', 'type="url"', 'type="checkbox"', 'type="time"'):
            assert kind in form
        assert 'type="datetime-local"' in form
        status, _, headers = fetch(f"{base}/walkers", good)
        assert status == 303, _
        record = headers["Location"].split("added=")[1]
        page = fetch(f"{base}/walkers/{record}")[1]
        assert 'href="tel:+15550100199"' in page and "+1 555 010 0199" in page
        assert 'href="https://anawalks.example.com"' in page
        assert "7:30 AM" in page and "Feb 1, 2026, 9:15 AM" in page
        assert "1,204" in page and "$22.00" in page
        assert re.search(r"<dt>Insured</dt><dd>Yes</dd>", page)
        edit = fetch(f"{base}/walkers/{record}/edit")[1]
        assert 'value="2026-02-01T09:15"' in edit and "checked" in edit
        bad = dict(
            good,
            phone="call me",
            site="javascript:alert(1)",
            starts="25:00",
            joined="yesterday",
            walks_done="many",
            rate="-3",
        )
        status, page, _ = fetch(f"{base}/walkers", bad)
        assert status == 422
        for message in (
            "Phone must be a phone number",
            "Website must be a web address",
            "Starts at must be a time of day",
            "Joined must be a date and time",
            "Walks done must be a number",
            "Rate must be an amount",
        ):
            assert message in page
        assert "javascript:alert" not in fetch(f"{base}/walkers")[1]
        # Unticked is a plain no.
        status, _, headers = fetch(f"{base}/walkers", {"name": "No box"})
        record = headers["Location"].split("added=")[1]
        assert re.search(r"<dt>Insured</dt><dd>No</dd>", fetch(f"{base}/walkers/{record}")[1])


def test_records_link_to_each_other(tmp_path: Path) -> None:
    with serving(walkers_and_walks(), tmp_path) as (_, base):
        walkers = fetch(f"{base}/walkers")[1]
        sam = re.search(r'href="/walkers/(\d+)">Sam Lee<', walkers)
        assert sam is not None
        sam_id = sam.group(1)
        # The samples link to each other: Biscuit is walked by Sam.
        walks = fetch(f"{base}/walks")[1]
        assert f'<a href="/walkers/{sam_id}">Sam Lee</a>' in walks
        form = fetch(f"{base}/walks/new")[1]
        # A box to type a walker's name in, whose matches the app looks up as you type.
        assert 'name="walker__find"' in form and 'data-choices="/walkers/choices"' in form
        found = json.loads(fetch(f"{base}/walkers/choices?q=sam")[1])
        assert found == {"choices": [{"id": sam_id, "title": "Sam Lee"}], "more": False}
        status, _, _ = fetch(f"{base}/walks", {"dog": "Rolo", "walker": sam_id, "on": "2026-03-09"})
        assert status == 303
        status, page, _ = fetch(f"{base}/walks", {"dog": "Ghost", "walker": "99999"})
        assert status == 422 and "Please pick one of the listed" in page
        sam_page = fetch(f"{base}/walkers/{sam_id}")[1]
        assert "Biscuit" in sam_page and "Rolo" in sam_page
        ask = fetch(f"{base}/walkers/{sam_id}/delete")[1]
        assert "2 walks link to" in html.unescape(ask) and 'value="delete"' in ask
        assert fetch(f"{base}/walkers/{sam_id}/delete", {"linked": "unlink"})[0] == 303
        walks = fetch(f"{base}/walks")[1]
        assert "Rolo" in walks and "Sam Lee" not in walks
        maya = re.search(r'href="/walkers/(\d+)">Maya Ortiz<', fetch(f"{base}/walkers")[1])
        assert maya is not None
        ask = html.unescape(fetch(f"{base}/walkers/{maya.group(1)}/delete")[1])
        assert "1 walk links to “Maya Ortiz”. What should happen to it?" in ask
        assert "Walks with this walker" in fetch(f"{base}/walkers/{maya.group(1)}")[1]
        assert fetch(f"{base}/walkers/{maya.group(1)}/delete", {"linked": "delete"})[0] == 303
        assert "Pepper" not in fetch(f"{base}/walks")[1]


def test_a_link_is_picked_by_typing_its_name_without_a_script(tmp_path: Path) -> None:
    with serving(walkers_and_walks(), tmp_path) as (_, base):
        # Beside the sample Sam Lee:
        names = ("Sam Leeds", "Ann 100% Sure", "Ann_Other")
        post_records(base, "walkers", [{"name": name} for name in names])
        # The whole name, in any case: linked.
        status = fetch(f"{base}/walks", {"dog": "Rolo", "walker__find": "sam lee"})[0]
        assert status == 303
        walks = fetch(f"{base}/walks")[1]
        assert re.search(r"Rolo.*?Sam Lee</a>", walks, re.S)
        # Part of a name one walker has: that walker.
        status, _, _ = fetch(f"{base}/walks", {"dog": "Kiwi", "walker__find": "leeds"})
        assert status == 303 and re.search(r"Kiwi.*?Sam Leeds</a>", fetch(f"{base}/walks")[1], re.S)
        # Part several share: the form comes back with them to pick from, the dog kept.
        status, page, _ = fetch(f"{base}/walks", {"dog": "Mo", "walker__find": "Sam"})
        assert status == 422 and "More than one walker matches" in html.unescape(page)
        assert 'value="Mo"' in page and page.count('name="walker__pick"') == 2
        leeds = re.search(r'name="walker__pick" value="(\d+)"> Sam Leeds', page)
        assert leeds is not None
        form = {"dog": "Mo", "walker__find": "Sam", "walker__pick": leeds.group(1)}
        assert fetch(f"{base}/walks", form)[0] == 303
        # A name nobody has, and LIKE's own characters, are taken as typed.
        status, page, _ = fetch(f"{base}/walks", {"dog": "X", "walker__find": "Nobody"})
        assert status == 422 and "No walker is called" in html.unescape(page)
        for typed, title in (("%25", "Ann 100% Sure"), ("_", "Ann_Other")):
            found = json.loads(fetch(f"{base}/walkers/choices?q={typed}")[1])["choices"]
            assert [c["title"] for c in found] == [title]
        # A hostile name is shown as text, never as markup.
        status, page, _ = fetch(f"{base}/walks", {"dog": "Y", "walker__find": "<b>x</b>"})
        assert status == 422 and "<b>x</b>" not in page


def test_the_readme_says_how_to_upgrade_over_old_data() -> None:
    readme = app_files(derive_brief(SHOP), Stage.CHECKS)["README.md"]
    assert "same data folder" in readme and "never deleting" in readme
    # What carries renames, and what it doesn't do, said plainly.
    assert "`renames.json`" in readme and "don't undo a rename" in readme
    assert "customer quotes" not in readme and "edit, delete" in readme


def test_the_apps_own_smoke_test_passes_with_every_field_kind(tmp_path: Path) -> None:
    brief = walkers_and_walks()
    with serving(brief, tmp_path) as (app_dir, base):
        assert_smoke_passes(app_dir, base)
    # The walks (whose first field is text and whose walker is a link) pass as well.
    walks = replace(brief, entities=(brief.entities[1], brief.entities[0]))
    with serving(walks, tmp_path, "walks") as (app_dir, base):
        assert_smoke_passes(app_dir, base)


@pytest.mark.parametrize(
    "idea",
    [
        SHOP,
        "A CRM for freelance photographers: clients, shoots and invoices in one place",
        "Dog walking: walks, walkers and dogs, each dog with a date of birth",
        "A baby sleep journal for new parents: log naps, night wakings and feeds",
    ],
)
def test_samples_read_like_real_records(idea: str) -> None:
    spec = build_spec(derive_brief(idea))
    today = date.today().isoformat()
    for entity in spec.entities:
        for row in entity["seed"]:
            title = row[entity["fields"][0]["name"]]
            assert not re.fullmatch(r"(?:sample\s+)?[\w ]+ (?:\d{1,2}|[A-Z])", title, re.I), title
            assert not any(str(v).lower().startswith("sample") for v in row.values()), row
            for field in entity["fields"]:
                if field["kind"] == "date" and "birth" in field["label"].lower():
                    assert row[field["name"]] < today


def test_no_sample_is_born_in_the_future() -> None:
    dog = Entity(
        "Dog",
        "Dogs",
        "dogs",
        (Field("name", "Name", "text"), Field("dob", "Date of birth", "date")),
        tuple({"name": f"Dog {i}", "dob": "2026-11-30"} for i in range(1, 6)),
    )
    spec = build_spec(replace(derive_brief(DOG_IDEA), entities=(dog,)))
    births = [row["dob"] for row in spec.entities[0]["seed"]]
    assert births and all("1950" < b < date.today().isoformat() for b in births)
    assert len(set(births)) == len(births)


def test_lists_total_their_money_and_numbers_over_every_page(tmp_path: Path) -> None:
    brief = derive_brief(SHOP)
    seed = build_spec(brief).entities[0]["seed"]
    money = sum(float(r["price"]) for r in seed) + 600
    stock = sum(int(r["quantity"]) for r in seed) + 120
    with serving(brief, tmp_path) as (_, base):
        spokes = [{"part": f"Spoke {n:02d}", "price": "10", "quantity": "2"} for n in range(60)]
        post_records(base, "parts", spokes)
        page = fetch(f"{base}/parts")[1]
        everything = len(seed) + 60
        assert f"Total of {everything}" in page
        assert f"${money:,.2f}" in page and f">{stock:,}<" in page
        assert 'rel="next"' in page and page.count('<td class="title">') == 50
        second = fetch(f"{base}/parts?page=2")[1]
        assert second.count('<td class="title">') == everything - 50
        found = fetch(f"{base}/parts?q=Spoke+0")[1]
        assert "Total of 10" in found and "$100.00" in found
        ordered = fetch(f"{base}/parts?sort=-price")[1]
        top = max(seed, key=lambda r: float(r["price"]))["part"]
        assert ordered.index(html.escape(top)) < ordered.index("Spoke 59")


def test_a_kind_with_a_date_has_a_month_calendar(tmp_path: Path) -> None:
    with serving(walkers_and_walks(), tmp_path) as (_, base):
        assert 'href="/walks/calendar"' in fetch(f"{base}/walks")[1]
        assert 'href="/walkers/calendar"' in fetch(f"{base}/walkers")[1]  # joined: a datetime
        status, month, _ = fetch(f"{base}/walks/calendar?month=2026-03")
        assert status == 200 and "March 2026" in month
        biscuit = re.search(r'<span class="day-no">2</span><ul class="day-items">(.*?)</ul>', month)
        assert biscuit is not None and "Biscuit" in biscuit.group(1)
        assert 'href="/walks/calendar?month=2026-04"' in month
        assert "Biscuit" not in fetch(f"{base}/walks/calendar?month=2026-04")[1]
        # Nonsense months fall back to this month rather than failing.
        assert fetch(f"{base}/walks/calendar?month=2026-13")[0] == 200
        assert fetch(f"{base}/walks/calendar?month=%00")[0] == 200
    shop = write_app(tmp_path / "shop", app_files(derive_brief(SHOP), Stage.CHECKS))
    with running_app(shop, tmp_path / "shop-data") as base:
        assert fetch(f"{base}/parts/calendar")[0] == 404
        assert 'href="/parts/calendar"' not in fetch(f"{base}/parts")[1]


def test_the_calendar_opens_on_a_month_with_records(tmp_path: Path) -> None:
    with serving(walkers_and_walks(), tmp_path) as (_, base):
        page = fetch(f"{base}/walks/calendar")[1]
        assert "Biscuit" in page and "March 2026" in page


def test_the_dashboard_charts_counts_per_status_and_month_inline(tmp_path: Path) -> None:
    brief = derive_brief("A CRM for freelance photographers: clients, shoots and invoices")
    with serving(brief, tmp_path) as (_, base):
        page = fetch(f"{base}/dashboard")[1]
        assert "By status" in page and "By month" in page
        chart = re.search(r'<svg class="chart" role="img" aria-label="([^"]+)"', page)
        assert chart is not None and "by month" in chart.group(1)
        assert re.search(r">Mar 2026</text>", page)
        assert "<script" not in page and "http" not in page.split("<svg", 1)[1][:2000]


def test_the_apps_smoke_test_fails_an_app_that_cannot_edit(tmp_path: Path) -> None:
    files = app_files(derive_brief(SHOP), Stage.CHECKS)
    route = 'web.route("GET", base + one + "/edit", partial(forms.edit_form, entity)),'
    assert route in files["records.py"]
    files["records.py"] = files["records.py"].replace(route, "")
    app_dir = write_app(tmp_path / "app", files)
    with running_app(app_dir, tmp_path / "data") as base:
        smoke = subprocess.run(
            [sys.executable, "-I", "tests/smoke.py", base],
            cwd=app_dir,
            capture_output=True,
            timeout=30,
        )
    assert smoke.returncode == 1 and "has no edit form" in smoke.stderr.decode()


def test_a_field_that_becomes_a_link_keeps_what_was_written_in_it(tmp_path: Path) -> None:
    # Version 1 types the walker's name; version 2, after "the walker should be picked from
    # our walkers", links it: the walks written before keep their walker.
    linked = walkers_and_walks()
    walks = linked.entities[1]
    typed = replace(
        walks,
        fields=tuple(
            replace(f, kind="text", links_to="") if f.name == "walker" else f for f in walks.fields
        ),
    )
    before = replace(linked, entities=(linked.entities[0], typed))
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(before, Stage.CHECKS)), data) as base:
        assert (
            fetch(f"{base}/walks", {"dog": "Rolo", "walker": "sam lee", "on": "2026-03-09"})[0]
            == 303
        )
    after = apply_change(before, "the walker on a walk should be picked from our walkers")
    assert after.made == ["Walker is now picked from your walkers."], after.unmade
    with running_app(
        write_app(tmp_path / "v2", app_files(after.brief, Stage.CHECKS)), data
    ) as base:
        walkers = fetch(f"{base}/walkers")[1]
        sam = re.search(r'href="/walkers/(\d+)">Sam Lee<', walkers)
        assert sam is not None
        page = fetch(f"{base}/walks")[1]
        assert page.count(f'<a href="/walkers/{sam.group(1)}">Sam Lee</a>') == 2, page


def test_a_new_record_starts_at_its_first_status(tmp_path: Path) -> None:
    """A record added without touching its Status was saved with none: it showed "—" and was
    missing from every filter of the list but All ("Active" hid the dog just added)."""
    brief = derive_brief(DOG_IDEA)
    with serving(brief, tmp_path) as (_, base):
        entity = next(
            e for e in brief.entities if any(f.name == "status" and f.choices for f in e.fields)
        )
        first = next(f for f in entity.fields if f.name == "status").choices[0]
        form = fetch(f"{base}/{entity.slug}/new")[1]
        assert f'<option value="{html.escape(first)}" selected>' in form
        # Any other choice still asks: only a record's status has a place to start.
        others = [f for f in entity.fields if f.kind == "choice" and f.name != "status"]
        for other in others:
            shown = re.search(rf'name="{other.name}">(.*?)</select>', form)
            assert shown is not None and " selected" not in shown.group(1)


def test_a_record_address_with_a_huge_number_is_not_found(tmp_path: Path) -> None:
    """A record's address with a number past what the database counts to (a mistyped or
    hostile link) answered "Something went wrong on our side"; it is not found, as any other."""
    brief = derive_brief(SHOP)
    huge = "9" * 25
    with serving(brief, tmp_path) as (_, base):
        for path in (f"/parts/{huge}", f"/parts/{huge}/edit", f"/parts/{huge}/delete"):
            status, page, _ = fetch(f"{base}{path}")
            assert status == 404 and "find that page" in page, path
        for path in (f"/parts/{huge}/edit", f"/parts/{huge}/delete"):
            status, page, _ = fetch(f"{base}{path}", {"part": "Chain"})
            assert status == 404 and "find that page" in page, path
        assert fetch(f"{base}/parts/{'9' * 19}")[0] == 404
        # A link sent holding such a number is refused beside its field, as any unknown one.
        job = {"repair_job": "Brake bleed", "status": "Open", "bike": huge, "bike__find": ""}
        status, page, _ = fetch(f"{base}/repair-jobs", job)
        assert status in (303, 422) and "went wrong" not in page


def test_a_box_stops_at_the_length_the_app_accepts(tmp_path: Path) -> None:
    # A founder typed a 5,000-character address and learned only on saving that 200 is the most.
    app_dir = write_app(tmp_path / "app", app_files(walkers_and_walks(), Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        form = fetch(f"{base}/walkers/new")[1]
    boxes = re.findall(r'<input type="(text|tel|url|email)" ([^>]*)>', form)
    assert boxes
    for kind, attrs in boxes:
        if "disabled" in attrs or 'type="hidden"' in attrs:
            continue
        limit = "500" if kind == "url" else "200"
        assert f'maxlength="{limit}"' in attrs, (kind, attrs)
