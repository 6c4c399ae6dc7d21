"""The founder edits the user guide after the build: sanitised, free of secrets, in the
downloads, and kept by the next version unless its plan changed that section."""

from __future__ import annotations

from livebuild.core.stages import Stage
from livebuild.guide.carry import carried_edits
from livebuild.settings import Settings
from livebuild.web.app import create_app
from tests.conftest import _client_for, start_build, wait_done
from tests.fakes import GatedRunner

EDIT = (
    "**Ours, not the robot's.** Walk bookings <script>alert(1)</script> in one place.\n\n"
    "Pay with key sk-live-51HxY8aB3cD4eF5gH6iJ7kL8mN9 at the door."
)


async def test_founder_edits_a_section_and_later_versions_keep_it(settings: Settings) -> None:
    runner = GatedRunner(Stage.SCAFFOLD)
    app = create_app(settings, runner=runner)
    async for client in _client_for(app):
        build = await start_build(client)
        job = build["job_id"]
        await runner.reached.wait()
        early = await client.put(f"/api/jobs/{job}/docs/overview", json={"markdown": "Hi"})
        assert early.status_code == 409 and "still being written" in early.json()["detail"]
        runner.gate.set()
        await wait_done(client, job)
        before = (await client.get(f"/api/jobs/{job}/docs")).json()

        edited = await client.put(f"/api/jobs/{job}/docs/overview", json={"markdown": EDIT})
        assert edited.status_code == 200, edited.text
        guide = edited.json()
        assert guide["overview"].startswith("**Ours, not the robot's.**")
        assert "sk-live" not in guide["overview"] and "[redacted]" in guide["overview"]
        assert "<script>" not in guide["html"]["overview"]
        assert "<strong>Ours, not the robot's.</strong>" in guide["html"]["overview"]
        assert guide["features"] == before["features"] and guide["edited"] == ["overview"]
        assert (await client.get(f"/api/jobs/{job}/docs")).json()["overview"] == guide["overview"]

        markdown = await client.get(f"/api/jobs/{job}/docs.md")
        assert "## Overview\n\n**Ours, not the robot's.**" in markdown.text
        assert "sk-live" not in markdown.text
        pdf = await client.get(f"/api/jobs/{job}/docs.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

        for section, body, status in (
            ("secrets", {"markdown": "x"}, 404),
            ("overview", {"markdown": "   "}, 422),
            ("overview", {"markdown": "x" * 20_001}, 422),
            ("overview", {}, 422),
        ):
            answer = await client.put(f"/api/jobs/{job}/docs/{section}", json=body)
            assert answer.status_code == status, (section, answer.text)
            assert "Traceback" not in answer.text
        faq = await client.put(
            f"/api/jobs/{job}/docs/faq",
            json={"markdown": "**Is it free?**\nYes.\n\n**Can I export?**\nAny time."},
        )
        assert faq.json()["html"]["faq"].count("<dt>") == 2

        # the same plan again: the founder's wording carries into v0.2
        second = (await client.post(f"/api/projects/{build['project_id']}/builds")).json()
        await wait_done(client, second["job_id"])
        later = (await client.get(f"/api/jobs/{second['job_id']}/docs")).json()
        assert later["overview"] == guide["overview"]
        assert later["faq"].startswith("**Is it free?**")
        assert later["features"] == before["features"]
        assert later["edited"] == ["faq", "overview"]
        assert later["changelog"]


def test_an_edit_gives_way_when_the_plan_behind_its_section_changes() -> None:
    plan = {"product_name": "Pawtrack", "tagline": "Walks", "features": ["Book"], "entities": []}
    edits = {"overview": "Mine", "features": "Also mine", "changelog": "Old news"}
    assert carried_edits(edits, plan, dict(plan)) == {"overview": "Mine", "features": "Also mine"}
    retagged = {**plan, "tagline": "Walks and runs"}
    assert carried_edits(edits, plan, retagged) == {"features": "Also mine"}
    more = {**plan, "features": ["Book", "Pay"]}
    assert carried_edits(edits, plan, more) == {"overview": "Mine"}
