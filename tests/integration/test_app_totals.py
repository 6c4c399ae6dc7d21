"""A generated list's totals row and dashboard through real HTTP: they add up what adds up
(hours, money), average what reads as a mean (a rating), and never show the sum of years or
reference numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from livebuild.brief import Brief, Entity, Field, derive_brief
from tests.integration.test_appgen import fetch, post_records, serving


def _jobs() -> Brief:
    job = Entity(
        "Job",
        "Jobs",
        "jobs",
        (
            Field("title", "Title", "text"),
            Field("year", "Year", "number"),
            Field("fee", "Fee", "money"),
            Field("rating", "Rating", "number"),
            Field("ref", "Reference number", "number"),
        ),
        (),
    )
    return replace(derive_brief("Track the jobs of my joinery"), entities=(job,))


def _foot(page: str) -> str:
    found = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S)
    assert found is not None, "the list has no totals row"
    return found.group(1)


def test_a_list_totals_hours_and_money_averages_ratings_and_leaves_years_alone(
    tmp_path: Path,
) -> None:
    with serving(_jobs(), tmp_path) as (_, base):
        rows = ("2019", "120", "4", "10041"), ("2024", "80.50", "5", "10042")
        names = ("title", "year", "fee", "rating", "ref")
        jobs = [dict(zip(names, (f"Job {r[0]}", *r), strict=True)) for r in rows]
        post_records(base, "jobs", jobs)
        page = fetch(f"{base}/jobs")[1]
        # A year and a reference read as written, not as counts with a thousands comma.
        assert ">2024<" in page and ">10042<" in page and "2,024" not in page
        foot = _foot(page)
        assert "$200.50" in foot and "Average 4.5" in foot
        # 2019 + 2024 and 10041 + 10042 mean nothing to anyone.
        assert "4,043" not in foot and "4043" not in foot
        assert "20,083" not in foot and "20083" not in foot
        board = fetch(f"{base}/dashboard")[1]
        # Whose total it is, so two kinds' "Total price" cards can be told apart.
        assert "Total fee of jobs" in board and "$200.50" in board
        assert "Total year" not in board and "Total reference" not in board
