"""Change requests read by what they are, not by their words (issue 15, round 9).

Each sentence here is new, written for these tests on the dev plans: a can't-do said by its
class (a named outside service, money moving by itself, scanning, something done by itself), a
colour said beside the one the app has or by a likeness ("terracotta", "royal blue"), a new
record kind said with its details after a colon or a question, an option said in passing or as
the next of a series, the app's name said as who the founder is, a field said as a lack or a
question. A wrong change applied is worse than a plain "can't", so each can't-do leaves the plan
as it was and says why in words, never "we couldn't work out".
"""

from __future__ import annotations

import colorsys
import dataclasses

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_limits import limit_in
from livebuild.brief.change_names import derived, find_entity
from livebuild.brief.change_ops import AddChoices, AddEntity, AddField, RemoveField, SetName
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Field

PLANS, _ = load()
STUDIO, SHOP, WALKERS, TUTORING, LETTINGS = (
    PLANS["studio"],
    PLANS["shop"],
    PLANS["walkers"],
    PLANS["tutoring"],
    PLANS["lettings"],
)


def _hue_lightness(colour: str) -> tuple[float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, _ = colorsys.rgb_to_hls(r, g, b)
    return hue * 360, lightness


# ---------------------------------------------------------------- can't-dos by their class

CANT: list[tuple[Brief, str, str]] = [
    (STUDIO, "hook the bookings up to our Mindbody account", "outside services"),
    (LETTINGS, "keep the leases in sync with the agency's Rightmove listings", "outside services"),
    (WALKERS, "line the walks up with our Outlook work calendar", "outside services"),
    (
        STUDIO,
        "refund the members automatically when a class is cancelled",
        "money moving by itself",
    ),
    (LETTINGS, "send the landlords their payouts on the 1st", "money moving by itself"),
    (SHOP, "could it scan the delivery notes when they arrive?", "scanning"),
    (LETTINGS, "renew the leases by itself every year", "acting by itself"),
]


@pytest.mark.parametrize(("plan", "request_", "what"), CANT, ids=[c[1][:50] for c in CANT])
def test_a_cant_do_is_known_by_its_class_and_declined_plainly(
    plan: Brief, request_: str, what: str
) -> None:
    limit = limit_in(request_)
    assert limit is not None and limit.what == what
    result = apply_change(plan, request_)
    assert result.brief == plan and not result.made
    said = " ".join(result.unmade)
    assert "can't" in said or "doesn't" in said
    assert "couldn't work out" not in said


def test_the_rest_of_a_cant_do_request_is_answered_by_the_cant_not_by_a_puzzle() -> None:
    result = apply_change(
        STUDIO, "can it read the handwriting on our sign-up forms and work out who is who? AI maybe"
    )
    assert result.brief == STUDIO
    assert result.unmade == ["The app can't run artificial intelligence of its own."]


def test_where_something_is_done_already_is_a_reason_not_a_wish() -> None:
    result = apply_change(
        WALKERS, "Breed on dogs isn't used, the pedigrees are all kept in Kennel Club records"
    )
    assert result.operations == [RemoveField("dogs", "breed")]
    assert limit_in("the invoices are all done in QuickBooks") is None
    assert limit_in("connect the invoices to QuickBooks") is not None


@pytest.mark.parametrize(
    "request_",
    ["add a scan date to orders", "add a sign-up form number to members", "reorder the fields"],
)
def test_words_near_a_cant_do_that_ask_for_something_makeable_are_no_cant_do(
    request_: str,
) -> None:
    assert limit_in(request_) is None


# ---------------------------------------------------------------- colours


COLOURS: list[tuple[Brief, str, tuple[float, float], tuple[float, float]]] = [
    # the colour had is said first, the wish second; a likeness names a shade
    (STUDIO, "the pink feels dated, could it be more of a terracotta?", (5, 30), (0.25, 0.6)),
    (WALKERS, "swap the olive for a royal blue", (215, 235), (0.3, 0.6)),
    (SHOP, "blue is a bit corporate, go for a bottle green", (140, 165), (0.1, 0.35)),
    (TUTORING, "not navy, not black, a sky blue please", (195, 215), (0.3, 0.7)),
    (LETTINGS, "I'd prefer a maroon instead of the pink", (335, 360), (0.15, 0.4)),
]


@pytest.mark.parametrize(
    ("plan", "request_", "hues", "lightness"), COLOURS, ids=[c[1][:50] for c in COLOURS]
)
def test_the_colour_wished_for_is_made_not_the_one_the_app_has(
    plan: Brief,
    request_: str,
    hues: tuple[float, float],
    lightness: tuple[float, float],
) -> None:
    result = apply_change(plan, request_)
    hue, light = _hue_lightness(result.brief.theme.primary)
    assert hues[0] <= hue <= hues[1] and lightness[0] <= light <= lightness[1], result.made
    assert result.unmade == []


# ---------------------------------------------------------------- new kinds with their details


def test_a_new_kind_said_with_its_details_after_a_colon_has_them() -> None:
    result = apply_change(
        WALKERS,
        "We need something for the vaccinations: which dog, the date, who gave it, "
        "and the vet's name",
    )
    assert len(result.operations) == 1
    added = result.operations[0]
    assert isinstance(added, AddEntity) and added.name.lower() == "vaccinations"
    assert [f[0] for f in added.fields] == ["Dog", "Date", "Who gave it", "Vet's name"]


def test_details_after_a_question_belong_to_the_kind_it_asks_for() -> None:
    result = apply_change(
        TUTORING,
        "can we keep a log of mock exams? the student, the subject, the date, and whether "
        "they've been given feedback",
    )
    added = result.operations[0]
    assert isinstance(added, AddEntity) and added.name.lower() == "mock exams"
    labels = {f[0]: f[1] for f in added.fields}
    assert {"Student", "Subject", "Date"} <= labels.keys()
    assert labels.get("Feedback given") == "boolean"
    assert result.unmade == []


def test_examples_set_off_by_dashes_are_not_details() -> None:
    result = apply_change(
        LETTINGS,
        "We have to log complaints \u2014 noise, bins, parking, that kind of thing \u2014 with "
        "the date, which property, what happened and who dealt with it.",
    )
    added = result.operations[0]
    assert isinstance(added, AddEntity)
    assert [f[0] for f in added.fields] == [
        "Date",
        "Property",
        "What happened",
        "Who dealt with it",
    ]


def test_details_in_the_next_sentence_after_a_colon_finish_the_kind_named_before() -> None:
    result = apply_change(
        SHOP,
        "We need to track returns. Customers send things back by post: the order, the date, "
        "how many items, and the reason.",
    )
    added = result.operations[0]
    assert isinstance(added, AddEntity) and added.name.lower() == "returns"
    assert [f[:2] for f in added.fields][:3] == [
        ("Order", "text"),
        ("Date", "date"),
        ("Number of items", "number"),
    ]


def test_a_kind_named_like_a_doer_of_another_is_a_new_kind_not_that_one() -> None:
    assert derived("walker", "walk") and derived("collector", "collection")
    assert not derived("tenent", "tenant") and not derived("lesson", "lessons")
    found = find_entity(WALKERS, "walkers")
    assert found is None or found.entity.plural != "Walks"
    result = apply_change(WALKERS, "add a Walkers page with name and phone")
    assert isinstance(result.operations[0], AddEntity)
    assert [e.plural for e in result.brief.entities][-1] == "Walkers"


# ---------------------------------------------------------------- options said in passing


def _with_grades(plan: Brief) -> Brief:
    students = plan.entities[0]
    grade = Field("grade", "Grade", "choice", ("Grade 1", "Grade 2", "Beginner"))
    changed = dataclasses.replace(students, fields=(*students.fields, grade))
    return dataclasses.replace(plan, entities=(changed, *plan.entities[1:]))


def test_the_next_of_a_series_is_an_option_of_its_field() -> None:
    plan = _with_grades(TUTORING)
    result = apply_change(plan, "Grade 3 starts in September, add it")
    assert result.operations == [AddChoices("students", "grade", ("Grade 3",))]
    assert result.unmade == []


def test_names_said_beside_a_choice_field_are_its_new_options() -> None:
    result = apply_change(SHOP, "Status: we now also mark some as Refunded and Disputed")
    assert result.operations == [AddChoices("orders", "status", ("Refunded", "Disputed"))]


def test_a_capitalised_word_with_no_choice_field_named_is_no_option() -> None:
    result = apply_change(SHOP, "we also sell to Harrods now")
    assert not any(isinstance(op, AddChoices) for op in result.operations)


# ---------------------------------------------------------------- the app's name, lacks


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("the studio's new name is Flow Loft", "Flow Loft"),
        ("app's called Bend & Breathe from now on", "Bend & Breathe"),
        (
            "We're the Riverside Yoga Collective now, can the title say so?",
            "Riverside Yoga Collective",
        ),
    ],
)
def test_the_apps_name_said_as_who_the_founder_is(request_: str, name: str) -> None:
    result = apply_change(STUDIO, request_)
    assert result.operations == [SetName(name)]


def test_a_boast_with_no_title_asked_is_no_new_name() -> None:
    result = apply_change(STUDIO, "We're the Best Studio In Town, add a Teachers page with name")
    assert result.brief.product_name == STUDIO.product_name


@pytest.mark.parametrize(
    ("plan", "request_", "entity", "label", "kind"),
    [
        (
            WALKERS,
            "there's nowhere to put the gate code for an owner",
            "owners",
            "Gate code",
            "text",
        ),
        (
            TUTORING,
            "how do we record whether an invoice has been chased?",
            "invoices",
            "Chased",
            "boolean",
        ),
        (WALKERS, "walks need a late-return tickbox", "walks", "Late-return", "boolean"),
        (
            LETTINGS,
            "repairs need a contractor, half of them are done by Dave and we pay him cash",
            "repairs",
            "Contractor",
            "text",
        ),
    ],
)
def test_a_field_said_as_a_lack_a_question_or_with_its_kind_word(
    plan: Brief, request_: str, entity: str, label: str, kind: str
) -> None:
    result = apply_change(plan, request_)
    assert len(result.operations) == 1, result.operations
    added = result.operations[0]
    assert isinstance(added, AddField)
    assert (added.entity, added.label, added.kind) == (entity, label, kind)


def test_examples_after_a_request_are_no_request_of_their_own() -> None:
    result = apply_change(
        STUDIO, "members — where do I put their locker? e.g. top row, bottom row, by the door"
    )
    assert [type(op) for op in result.operations] == [AddField]
    assert result.unmade == []


def test_a_record_kind_said_first_is_what_the_sentence_after_it_is_about() -> None:
    result = apply_change(TUTORING, "lessons: Length should be Minutes")
    assert [(op.entity, op.label) for op in result.operations if isinstance(op, AddField)] == []
    assert result.brief.entities[2].fields[3].label == "Minutes"
    kept = apply_change(TUTORING, "tutors: we need somewhere for their DBS number")
    assert [type(op) for op in kept.operations] == [AddField]


def test_a_models_extra_fields_beside_the_rules_sure_ones_are_offered_not_made() -> None:
    from livebuild.brief.change_ops import Reading
    from livebuild.brief.change_reader import read_change
    from livebuild.brief.model_change_reconcile import reconcile

    request = "walks need a pick-up spot, most owners leave the dog at the gate and we collect it"
    rules = read_change(WALKERS, request)
    assert rules.operations == [AddField("walks", "Pick-up spot", "text", ())]
    model = Reading(
        operations=[
            AddField("walks", "Pick up spot", "text", ()),
            AddField("walks", "Gate", "text", ()),
            AddField("walks", "Owner phone", "phone", ()),
        ]
    )
    verdict = reconcile(WALKERS, request, None, model, rules)
    assert verdict.reading is not None
    assert [op.label for op in verdict.reading.operations if isinstance(op, AddField)] == [
        "Pick up spot"
    ]
    assert len(verdict.reading.suggestions) == 2
