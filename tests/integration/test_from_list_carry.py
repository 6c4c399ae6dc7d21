"""A founder's records across "X should come from our Ys" (`change_from_list`): an amount is
never made a pick, so the prices written in version 1 still show, and still add up, in
version 2 (a walk priced 25.50 once showed "25.50 (not linked)"). A plan written for this
test; no request is from a held-out round."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from livebuild.appgen import app_files
from livebuild.brief import Field
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import fetch, running_app, write_app


def test_a_price_said_to_come_from_another_list_keeps_its_amounts(tmp_path: Path) -> None:
    plan = walkers_and_walks()
    walks = plan.entities[1]
    priced = replace(walks, fields=(*walks.fields, Field("price", "Price", "money")))
    before = replace(plan, entities=(plan.entities[0], priced))
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(before, Stage.CHECKS)), data) as base:
        walk = {"dog": "Rolo", "walker": "1", "on": "2026-03-09", "price": "25.50"}
        assert fetch(f"{base}/walks", walk)[0] == 303
    after = apply_change(before, "the price should come from the walkers")
    assert not after.made
    assert after.unmade == [
        "Price is an amount of money, so it can't be picked from your walkers. Nothing was changed."
    ]
    with running_app(
        write_app(tmp_path / "v2", app_files(after.brief, Stage.CHECKS)), data
    ) as base:
        page = fetch(f"{base}/walks")[1]
        assert "25.50" in page and "not linked" not in page, page


def test_a_number_made_a_phone_keeps_the_digits_written_in_it(tmp_path: Path) -> None:
    plan = walkers_and_walks()
    walkers = plan.entities[0]
    numbered = replace(walkers, fields=(*walkers.fields, Field("contact", "Contact", "number")))
    before = replace(plan, entities=(numbered, plan.entities[1]))
    data = tmp_path / "data"
    with running_app(write_app(tmp_path / "v1", app_files(before, Stage.CHECKS)), data) as base:
        walker = {"name": "Ana Diaz", "contact": "5550100199"}
        assert fetch(f"{base}/walkers", walker)[0] == 303
    after = apply_change(before, "make contact a phone number")
    assert after.made == ["Made Contact a phone number."], after.unmade
    with running_app(
        write_app(tmp_path / "v2", app_files(after.brief, Stage.CHECKS)), data
    ) as base:
        ana = re.search(r'href="/walkers/(\d+)">Ana Diaz<', fetch(f"{base}/walkers")[1])
        assert ana is not None
        page = fetch(f"{base}/walkers/{ana.group(1)}")[1]
        assert 'href="tel:5550100199"' in page, page
