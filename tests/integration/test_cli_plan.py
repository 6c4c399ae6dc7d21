"""The plan on the command line: printed as JSON to edit, shown before a build, and an
edited plan built as written, or refused plainly."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.test_cli import _run

IDEA = "A booking app for independent dog walkers called Pawpath"


def test_plan_prints_the_derived_plan_as_json(tmp_path: Path) -> None:
    result = _run(tmp_path, "plan", IDEA)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["product_name"] == "Pawpath"
    assert plan["entities"] and all(e["fields"] for e in plan["entities"])
    assert "idea" not in plan
    assert plan["reader"] == "rules" and plan["app_kind"] == "records"


def test_plan_of_an_idea_that_is_not_a_record_app_is_a_plain_answer(tmp_path: Path) -> None:
    result = _run(tmp_path, "plan", "A metronome app for drummers with tap tempo")
    assert result.returncode == 1
    assert "keep records" in result.stderr and "can't build" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_build_shows_and_builds_an_edited_plan(tmp_path: Path) -> None:
    plan = json.loads(_run(tmp_path, "plan", IDEA).stdout)
    first = plan["entities"][0]
    old_plural = first["plural"]
    first["singular"] = "Hike"
    del first["plural"], first["slug"]
    first["fields"].append({"label": "Distance (km)", "kind": "number"})
    plan["features"] = ["Plan hikes together"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))

    result = _run(tmp_path, "build", IDEA, "--plan", str(path))

    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Here's what we'll build: Pawpath" in out
    assert "Read by: the built-in planner" in out
    assert "Hikes" in out and "Distance (km) (number)" in out and "Plan hikes together" in out
    assert out.index("Hikes") < out.index("Building Pawpath")
    content = next((tmp_path / "data").rglob("app/content.py")).read_text()
    assert "'plural': 'Hikes'" in content and f"'plural': '{old_plural}'" not in content


def test_a_plan_file_that_cant_be_built_is_refused_plainly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"entities": [')
    result = _run(tmp_path, "build", IDEA, "--plan", str(broken))
    assert result.returncode == 2
    assert "isn't valid JSON" in result.stderr and "line 1" in result.stderr

    unbuildable = tmp_path / "unbuildable.json"
    unbuildable.write_text(
        json.dumps(
            {"entities": [{"singular": "Hike", "fields": [{"label": "Colour", "kind": "hue"}]}]}
        )
    )
    result = _run(tmp_path, "build", IDEA, "--plan", str(unbuildable))
    assert result.returncode == 2
    assert "Your plan can't be built: Hike, field “Colour”" in result.stdout
    assert "kind “hue”" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "Building" not in result.stdout


def test_plan_says_who_read_the_idea(tmp_path: Path) -> None:
    result = _run(tmp_path, "plan", IDEA)
    assert json.loads(result.stdout)["reader"] == "rules"
    assert "Read by the rules." in result.stderr
