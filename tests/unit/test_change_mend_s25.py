"""Change requests of session 25, read by the rules on the real spaCy pipeline (no app is
started): two "should be" wishes joined by "and" are each made or each said plainly; the
tagline said "should read: X" is X, not ": X"; a change said after its reason ("we only ever
…, so X should be a number") is made; "we're 'X' now" names the business only where the
request says it was named, on the rules path and on the model path alike."""

from __future__ import annotations

import asyncio
import json

import pytest

from livebuild.brief.changes import apply_change
from livebuild.brief.model_change import read_and_make
from tests.unit.founder_plans import field_of, said
from tests.unit.founder_plans import plan as _plan
from tests.unit.test_change_aim import CLASSES, MEMBERS, _Answers, _app

pytestmark = pytest.mark.spacy

SALON = _plan(
    "a dog grooming salon: the pets we groom and their appointments",
    [
        {
            "singular": "Pet",
            "fields": [["Name", "text"], ["Breed", "text"], ["Weight", "text"]],
        },
        {
            "singular": "Appointment",
            "fields": [["Title", "text"], ["Date", "date"], ["Status", "text"], ["Notes", "text"]],
        },
    ],
)


def test_a_second_should_be_wish_is_made_when_the_first_cannot_be() -> None:
    result = apply_change(
        SALON, "the title should be the pet's name and the status should be a choice"
    )
    assert field_of(result, "Appointments", "Status").kind == "choice", said(result)
    # The first wish is answered, not dropped, and not made literally: Title keeps its name
    # and "Pet's name" is only offered to confirm.
    assert field_of(result, "Appointments", "Title") is not None, said(result)
    assert field_of(result, "Appointments", "Pet's name") is None, said(result)
    assert "Title" in said(result), said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "the title should be the pet's name",
        "the status should be red",
        "the title should be the pet's name and the status should be red",
    ],
)
def test_a_field_is_never_renamed_to_a_colour_or_to_another_records_name(request_: str) -> None:
    result = apply_change(SALON, request_)
    labels = [f.label for f in result.brief.entities[1].fields]
    assert labels == ["Title", "Date", "Status", "Notes"], said(result)
    assert said(result), "the founder is told what became of the wish"


@pytest.mark.parametrize(
    "request_",
    [
        "the tagline should read: Happy dogs, happy owners",
        "the words under the name should read: Happy dogs, happy owners",
        "the slogan should say: Happy dogs, happy owners",
    ],
)
def test_the_tagline_said_after_should_read_and_a_colon_is_the_words(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.tagline == "Happy dogs, happy owners", said(result)


@pytest.mark.parametrize(
    ("request_", "label", "kind"),
    [
        ("we only ever write a weight like 6.8, so it should be a number", "Weight", "number"),
        ("we only ever weigh them in kilos, so the weight should be a number", "Weight", "number"),
        ("the notes get really long, so notes should be long text", "Notes", "longtext"),
    ],
)
def test_a_change_said_after_its_reason_is_made(request_: str, label: str, kind: str) -> None:
    result = apply_change(SALON, request_)
    plural = "Pets" if label == "Weight" else "Appointments"
    assert field_of(result, plural, label).kind == kind, said(result)


def test_a_removal_said_after_its_reason_is_made() -> None:
    result = apply_change(SALON, "we only ever book by the day, so drop the notes")
    assert field_of(result, "Appointments", "Notes") is None, said(result)
    assert field_of(result, "Appointments", "Date") is not None


def test_no_word_of_a_reason_said_first_becomes_a_field() -> None:
    result = apply_change(SALON, "every appointment has notes now so the status box is pointless")
    assert field_of(result, "Appointments", "Status") is None, said(result)
    labels = [f.label for e in result.brief.entities for f in e.fields]
    assert not any("now" in label.lower() for label in labels), said(result)


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("New sponsor, new name: it's Willowbrook & Hartley Grooming now",
         "Willowbrook & Hartley Grooming"),
        ("we are now called 'Muddy Paws'", "Muddy Paws"),
        ("we rebranded, we're 'Paws' now", "Paws"),
    ],
)  # fmt: skip
def test_who_the_business_now_is_renames_the_app_on_the_rules_path(
    request_: str, name: str
) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == name, said(result)
    assert result.brief.entities == SALON.entities, said(result)


_STATES = [
    "we're 'Fully Booked' now",
    "we're 'Sold Out' now",
    "we're 'Closed For Winter' now",
    "we're 'Open Late' now",
    "we're 'Back Soon' now",
    "we're 'Under New Management' now",
]


@pytest.mark.parametrize(
    "request_",
    ["we're 'Closed' now", "we're 'Full' now, sorry", "it's 'Booked' now", *_STATES],
)
def test_a_quoted_state_after_we_are_never_renames_the_app(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == SALON.product_name, said(result)
    assert result.brief.entities == SALON.entities, said(result)


@pytest.mark.parametrize(
    ("request_", "wanted"),
    [
        ("we're 'Closed' now", None),
        *((state, None) for state in _STATES),
        ("we're 'Dot's Dog Barn' now", None),
        ("we rebranded, we're 'Paws' now", "Paws"),
    ],
)
def test_the_model_path_and_the_rules_agree_on_who_the_business_now_is(
    request_: str, wanted: str | None
) -> None:
    # The model read the quoted words as a rename of a kind the request never names.
    quoted = request_.split(" '", 1)[1].rsplit("'", 1)[0]  # the words in quotes
    answer = json.dumps([{"op": "rename_entity", "entity": "classes", "new": quoted}])
    plan = _app(MEMBERS, CLASSES)
    result = asyncio.run(
        read_and_make(_Answers(answer), plan, request_, timeout_s=60, rules_first=False)
    )
    rules = apply_change(plan, request_)
    assert result.brief.product_name == rules.brief.product_name, result.notes()
    assert result.brief.product_name == (wanted or plan.product_name), result.notes()
    assert [e.plural for e in result.brief.entities] == ["Members", "Classes"], result.notes()


def test_a_quoted_name_without_a_naming_cue_is_offered_to_confirm_not_applied() -> None:
    result = apply_change(SALON, "we're 'Dot's Dog Barn' now")
    assert result.brief.product_name == SALON.product_name, said(result)
    assert "Dot's Dog Barn" in said(result), said(result)


@pytest.mark.parametrize(
    "request_",
    [
        "new name for the status field: it's Stage now",
        "rename Status, new name: it's Stage now",
        "we merged the notes and the status: it's Progress now",
        "we merged two fields, it is Progress now",
    ],
)
def test_a_fields_new_name_said_with_it_is_now_never_renames_the_app(request_: str) -> None:
    result = apply_change(SALON, request_)
    assert result.brief.product_name == SALON.product_name, said(result)
