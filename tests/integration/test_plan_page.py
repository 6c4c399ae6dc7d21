"""The plan on the start page, in real Chromium against a real server: the founder sees what
we'll build, corrects it in place, and the build makes exactly that."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.conftest import get_preview, make_settings, stream_all
from tests.integration.test_pages import CHROMIUM, browsing, open_plan, serving

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)


async def _no_sideways_scroll(page: Page) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    viewport = await page.evaluate("window.innerWidth")
    assert width <= viewport, f"the page scrolls sideways at {viewport}px ({width}px wide)"


async def test_founder_corrects_the_plan_and_the_build_follows_it(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs)
        page = tab.page
        plan = page.locator("#plan")
        await expect(plan.get_by_label("Product name")).not_to_have_value("")
        await expect(plan.get_by_label("Tagline")).not_to_have_value("")
        await expect(plan.get_by_label("Who it's for")).not_to_have_value("")
        await expect(plan.get_by_label("The problem it solves")).not_to_have_value("")
        pets = plan.locator(".plan-entity").first
        old_plural = await pets.get_by_label("Plural").input_value()
        assert await plan.locator(".plan-feature input").count() >= 3

        # Rename the entity: its plural follows once saved.
        await pets.get_by_label("Name", exact=True).fill("Hike")
        await pets.get_by_label("Name", exact=True).press("Tab")
        await expect(pets.get_by_label("Plural")).to_have_value("Hikes")

        # Rename the title field, make the third field a choice, add a field.
        fields = pets.locator(".plan-field-row")
        await fields.nth(0).get_by_label("Field (the title)").fill("Trail name")
        await fields.nth(3).get_by_label("Kind").select_option("choice")
        choices = fields.nth(3).get_by_label("Choices (separate them with commas)")
        await expect(choices).to_be_focused()
        await choices.fill("Easy, Steep")
        await pets.get_by_role("button", name="Add a field").click()
        added = pets.locator(".plan-field-row").last
        await expect(added.get_by_label("Field", exact=True)).to_be_focused()
        await page.keyboard.type("Distance (km)")
        await added.get_by_label("Kind").select_option("number")

        # A field left without a name is refused beside it, and the build waits.
        await fields.nth(1).get_by_label("Field", exact=True).fill("")
        await fields.nth(1).get_by_label("Field", exact=True).press("Tab")
        error = fields.nth(1).locator(".field-error").first
        await expect(error).to_contain_text("can't be empty")
        await expect(fields.nth(1).get_by_label("Field", exact=True)).to_have_attribute(
            "aria-invalid", "true"
        )
        await fields.nth(1).get_by_label("Field", exact=True).fill("Kind of trail")
        await fields.nth(1).get_by_label("Field", exact=True).press("Tab")
        await expect(error).to_be_hidden()
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")

        await page.screenshot(path=str(tmp_path / "plan-1440.png"), full_page=True)
        await _no_sideways_scroll(page)
        for width in (1024, 390):
            await page.set_viewport_size({"width": width, "height": 900})
            await _no_sideways_scroll(page)
        await page.screenshot(path=str(tmp_path / "plan-390.png"), full_page=True)

        await page.get_by_role("button", name="Build it").click()
        await page.wait_for_url(re.compile(r"/projects/[^/]+/build\?job_id="))
        job_id = page.url.split("job_id=")[1]
        await stream_all(client, job_id)
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")

        preview_url = (await client.get(f"/api/jobs/{job_id}")).json()["preview_url"]
        home = await get_preview(preview_url)
        assert ">Hikes</a>" in home.text and f">{old_plural}</a>" not in home.text
        form = await get_preview(preview_url, "hikes/new")
        for label in ("Trail name", "Kind of trail", "Steep", "Distance (km)"):
            assert label in form.text
        # The refused save shows in the console as a failed request, and nothing else does.
        assert [e for e in tab.errors if "status of 422" not in e] == []


CHOIR = (
    "Our choir has 40 singers. I need to know who's coming to each rehearsal and concert, "
    "and which music folders each singer has borrowed."
)


async def test_a_link_between_lists_shows_on_the_plan_and_the_founder_can_make_one(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs, idea=CHOIR)
        page = tab.page
        plan = page.locator("#plan")
        project_id = (await client.get("/api/projects")).json()["projects"][0]["id"]
        brief = (await client.get(f"/api/projects/{project_id}")).json()["brief"]
        linked = [
            (e, f, field["links_to"])
            for e, entity in enumerate(brief["entities"])
            for f, field in enumerate(entity["fields"])
            if field["kind"] == "link"
        ]
        assert linked, brief["entities"]
        # The plan's own link shows as what it is, never as an empty choice.
        for kind in await plan.locator(".plan-kind select").all():
            assert (await kind.evaluate("s => s.selectedOptions[0]?.textContent || ''")) != ""
        e, f, target = linked[0]
        entities = {e["slug"]: e for e in brief["entities"]}
        kind = plan.locator(f"select[data-where='brief.entities.{e}.fields.{f}.kind']")
        await expect(kind).to_have_value(f"link:{target}")
        await expect(kind.locator("option:checked")).to_have_text(
            f"Link to {entities[target]['plural']}"
        )

        # Editing a list keeps its links: the founder renames a field, and the link stays.
        await plan.get_by_label("Product name").fill("Choirbook")
        title = plan.locator(".plan-entity").first.get_by_label("Field (the title)")
        await title.fill("What we sang")
        await title.press("Tab")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        after = (await client.get(f"/api/projects/{project_id}")).json()["brief"]
        assert after["entities"][e]["fields"][f]["links_to"] == target

        # The founder makes a plain field of another list a link, and it is saved as one.
        first = plan.locator(".plan-entity").first
        other = next(s for s in entities if s != brief["entities"][0]["slug"])
        notes = first.locator(".plan-field-row").last
        await notes.get_by_label("Kind").select_option(f"link:{other}")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        saved = (await client.get(f"/api/projects/{project_id}")).json()["brief"]["entities"][0]
        assert (saved["fields"][-1]["kind"], saved["fields"][-1]["links_to"]) == ("link", other)
        assert tab.errors == []


async def test_every_kind_of_field_shows_on_the_plan_and_can_be_chosen(
    browser: Browser, tmp_path: Path
) -> None:
    """A yes/no, phone, web address, time or date-and-time field showed an empty kind, and the
    founder could not make a field one of them."""
    from livebuild.brief.schema import FIELD_KINDS, KIND_NAMES

    plain = [k for k in FIELD_KINDS if k not in ("link", "choice")]
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await open_plan(client, tabs)
        page = tab.page
        project_id = (await client.get("/api/projects")).json()["projects"][0]["id"]
        fields = [{"label": "Name", "kind": "text"}]
        fields += [{"label": f"A {k} field", "kind": k} for k in plain if k != "text"]
        entity = {"singular": "Walk", "fields": fields}
        patched = await client.patch(
            f"/api/projects/{project_id}", json={"brief": {"entities": [entity]}}
        )
        assert patched.status_code == 200, patched.text
        await page.goto(f"{client.base_url}/projects/{project_id}")
        plan = page.locator("#plan")
        kinds = plan.locator(".plan-kind select")
        await expect(kinds).to_have_count(len(fields))
        for n, field in enumerate(fields):
            shown = kinds.nth(n).locator("option:checked")
            await expect(shown).to_have_text(KIND_NAMES[field["kind"]], ignore_case=True)

        # The founder makes the notes a yes/no and a web address a phone number: both saved.
        rows = plan.locator(".plan-field-row")
        await rows.nth(1).get_by_label("Kind").select_option(label="Yes/no")
        await rows.nth(2).get_by_label("Kind").select_option(label="Phone")
        await expect(page.locator("[data-plan-status]")).to_have_text("All changes saved")
        saved = (await client.get(f"/api/projects/{project_id}")).json()["brief"]["entities"][0]
        assert [f["kind"] for f in saved["fields"][1:3]] == ["boolean", "phone"]
        assert tab.errors == []
