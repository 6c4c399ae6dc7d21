"""A field moved in words shows in that place in the running app: on its form and its list."""

from __future__ import annotations

import re
from pathlib import Path

from bench.changes import load
from livebuild.appgen import app_files
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_appgen import fetch, running_app, write_app

STUDIO = load()[0]["studio"]


def _labels(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", m).strip()
        for m in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]


def test_the_running_apps_form_and_list_follow_the_moved_field(tmp_path: Path) -> None:
    result = apply_change(STUDIO, "on members I want to see the phone before the email")
    assert result.made, result.unmade
    app = write_app(tmp_path / "app", app_files(result.brief, Stage.CHECKS))
    with running_app(app, tmp_path / "data") as base:
        status, form, _ = fetch(f"{base}/members/new")
        assert status == 200
        labels = [
            x.split()[0]
            for x in _labels(form)
            if x.split() and x.split()[0] in ("Name", "Email", "Phone", "Notes")
        ]
        assert labels[:3] == ["Name", "Phone", "Email"], labels
        status, listing, _ = fetch(f"{base}/members")
        header = listing[listing.find("<thead") : listing.find("</thead>")]
        assert header.find("Phone") < header.find("Email"), header
