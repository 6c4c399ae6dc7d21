"""A change's pictures show where it happened: a founder who asked for a new detail on
jobs sees the job form with it, not a home page that looks exactly as it did before."""

from __future__ import annotations

from livebuild.brief import Brief
from livebuild.brief.changes import apply_change
from livebuild.brief.derive import derive_brief
from livebuild.engine.pictured_page import pictured_page

BIKES = derive_brief(
    "A mobile bike repair van: customers, the jobs we go out to, and the parts we order"
)


def _after(request: str) -> tuple[dict[str, object], Brief]:
    result = apply_change(BIKES, request)
    assert result.made, result.unmade
    return BIKES.to_dict(), result.brief


def test_a_first_version_is_pictured_on_its_home_page() -> None:
    assert pictured_page(None, BIKES) == "/"


def test_a_new_detail_is_pictured_on_the_form_that_shows_it() -> None:
    before, after = _after("each job needs the bike's make")
    assert pictured_page(before, after) == "/jobs/new"


def test_a_new_kind_of_record_is_pictured_on_its_list() -> None:
    before, after = _after("add a Payments page with amount and date paid")
    assert pictured_page(before, after) == "/payments"


def test_a_renamed_kind_is_pictured_on_its_list_under_the_new_name() -> None:
    before, after = _after("rename customers to riders")
    assert pictured_page(before, after) == "/riders"


def test_a_change_no_list_shows_is_pictured_on_the_home_page() -> None:
    before, after = _after("use a dark theme")
    assert pictured_page(before, after) == "/"
    assert pictured_page(before, BIKES) == "/"
