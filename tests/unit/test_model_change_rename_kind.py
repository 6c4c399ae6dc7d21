"""A model's rename of a field the named record kind hasn't, where the request names that kind
and no field: the founder renamed the kind ("Classes → 'Workshops'"), never the field of
another kind that happens to hold that key. The local model answering in its wire format;
plans and requests written for these tests (none from a held-out round)."""

from __future__ import annotations

import asyncio
import json

import pytest

from livebuild.brief.model_change import read_and_make
from tests.unit.test_change_aim import CLASSES, MEMBERS, _Answers, _app

PLAN = _app(MEMBERS, CLASSES)


def _read(answer: str, request: str) -> tuple[list[str], str]:
    result = asyncio.run(
        read_and_make(_Answers(answer), PLAN, request, timeout_s=60, rules_first=False)
    )
    plurals = [e.plural for e in result.brief.entities]
    return plurals, " ".join([*result.made, *result.unmade])


def test_a_field_rename_on_a_kind_without_it_is_the_named_kinds_rename() -> None:
    answer = (
        '[{"op":"rename_field","entity":"classes","field":"email","new":"throw & glaze nights"}]'
    )
    plurals, told = _read(answer, "Classes \u2192 'Throw & glaze nights', that's all they are")
    assert "Throw & glaze nights" in plurals and "Classes" not in plurals, told
    assert "email" not in told.lower(), told  # no offer to rename Members' email


def test_a_field_the_request_names_is_still_offered_where_it_is() -> None:
    answer = '[{"op":"rename_field","entity":"classes","field":"email","new":"contact"}]'
    plurals, told = _read(answer, "the email on classes should say contact, hmm")
    assert plurals == ["Members", "Classes"], told


def test_we_are_a_quoted_name_now_is_the_apps_name_not_a_kinds() -> None:
    # The model renamed a kind the request never names to the quoted name (and a word more).
    answer = '[{"op":"rename_entity","entity":"classes","new":"Vale Clay Collective Classes"}]'
    request = "we joined up with the Didcot lot, so we're 'Vale Clay Collective' now"
    result = asyncio.run(
        read_and_make(_Answers(answer), PLAN, request, timeout_s=60, rules_first=False)
    )
    assert result.brief.product_name == "Vale Clay Collective", result.notes()
    assert [e.plural for e in result.brief.entities] == ["Members", "Classes"]


def _app_named(answer: str, request: str) -> tuple[str, list[str], str]:
    result = asyncio.run(
        read_and_make(_Answers(answer), PLAN, request, timeout_s=60, rules_first=False)
    )
    plurals = [e.plural for e in result.brief.entities]
    return result.brief.product_name, plurals, " ".join([*result.made, *result.unmade])


def _renamed_to(new: str) -> str:
    return json.dumps([{"op": "rename_entity", "entity": "classes", "new": new}])


@pytest.mark.parametrize(
    ("request_", "new"),
    [
        ("after the buyout we're 'http://potshed.example' now", "Http potshed example"),
        ("since the merger we're 'hello@potshed.example' now", "Hello potshed example"),
        ("we are now called '<i>Kiln</i> Club' lol", "I kiln i club"),
        ("we're 'Potshed And Friends Of The Wheel Ceramics Collective' now",
         "Potshed and friends of the wheel ceramics collective"),
    ],
)  # fmt: skip
def test_a_quoted_address_markup_or_overlong_name_never_becomes_the_apps_name(
    request_: str, new: str
) -> None:
    name, plurals, told = _app_named(_renamed_to(new), request_)
    assert name == PLAN.product_name, told  # no address, markup or 9-word name as the app's
    assert plurals == ["Members", "Classes"], told  # nor as a record kind's name
    for junk in ("http", "@", "<", "potshed example"):
        assert junk not in f"{name} {' '.join(plurals)}".lower(), told


@pytest.mark.parametrize(
    ("request_", "new", "wanted"),
    [
        ("we've rebranded, we're 'Nan's Pottery' now", "Nan's Pottery Classes", "Nan's Pottery"),
        ("we rebranded, we\u2019re \u201cDot\u2019s Clay Barn\u201d now", "Dot\u2019s Clay Barns",
         "Dot's Clay Barn"),
        ("we are now called 'Crème Céramique'", "Crème Céramique Classes", "Crème Céramique"),
    ],
)  # fmt: skip
def test_a_quoted_name_with_an_apostrophe_is_the_whole_name(
    request_: str, new: str, wanted: str
) -> None:
    name, plurals, told = _app_named(_renamed_to(new), request_)
    assert name.replace("\u2019", "'") == wanted, told
    assert plurals == ["Members", "Classes"], told


def _field_renamed(kind: str, slug: str, new: str) -> str:
    return json.dumps([{"op": "rename_field", "entity": kind, "field": slug, "new": new}])


@pytest.mark.parametrize(
    ("request_", "answer"),
    [
        ("Members: home tel. \u2192 'Landline'",
         _field_renamed("members", "home_telephone", "Landline")),
        ("members, landline => 'Home phone'",
         _field_renamed("members", "landline_number", "Home phone")),
        ("Classes: kiln temp. \u2192 'Firing'",
         _field_renamed("classes", "kiln_temperature", "Firing")),
    ],
)  # fmt: skip
def test_a_field_key_no_kind_has_never_renames_the_kind_the_request_names(
    request_: str, answer: str
) -> None:
    plurals, told = _read(answer, request_)
    assert plurals == ["Members", "Classes"], told  # the founder named a field, not a new kind


def test_a_field_key_no_kind_has_brings_no_offer_to_rename_the_kind() -> None:
    answer = _field_renamed("classes", "tutor_name", "Potter")
    request = "On every class the tutor's name should read 'Potter' please"
    result = asyncio.run(
        read_and_make(_Answers(answer), PLAN, request, timeout_s=60, rules_first=False)
    )
    assert [e.plural for e in result.brief.entities] == ["Members", "Classes"], result.notes()
    offered = " ".join(s.change_request.lower() for s in result.suggestions)
    assert "rename classes" not in offered, offered
