"""What a request asks the app itself to do, read from its grammar on the real spaCy pipeline:
a wish to reach someone, join something outside or act by itself is declined plainly with the
closest thing we can make; a service named only as data ("an Instagram handle", a value of a
"Platform" choice) is a field or a value, made as asked. No app is started."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.changes import load
from livebuild.brief.change_limits import acts, limits
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Field

pytestmark = pytest.mark.spacy

PLANS, _ = load()
STUDIO, SHOP, WALKERS = PLANS["studio"], PLANS["shop"], PLANS["walkers"]


@pytest.mark.parametrize(
    ("request_text", "why"),
    [
        ("When a class is cancelled, text the members who booked it", "can't send text messages"),
        ("I'd love it to text each member on their birthday", "can't send text messages"),
        ("once a booking is made, email the member their class details", "can't send emails"),
        ("add a button on a class that posts it to our Facebook page", "can't connect"),
        ("publish the timetable to our website", "can't connect"),
        ("hook it up to the studio's door entry system", "can't connect"),
        ("put the new classes up on our website automatically", "can't connect"),
        ("can it renew the memberships automatically each January", "by itself"),
        ("show the live weather on the classes page", "can't connect"),
        ("members should be able to e-sign the waiver", "can't collect signatures"),
        ("the instructor wants an app on her phone for the register", "not a phone app"),
        # The app as the one acting, on a timer, when something happens, or by itself.
        ("every friday night email me which members haven't paid", "can't send emails"),
        # The small tagger reads "email" after "morning" as a noun; "me" says it is a verb.
        ("every monday morning email me which classes are full", "can't send emails"),
        ("Could the system book the rooms from our landlord when we run short?", "by itself"),
        ("when a member fills in the web form it should land straight in members", "by itself"),
        ("I'd like it to chase members for money after each class without me asking", "by itself"),
        ("grab the newest prices from the wholesaler's site every night", "by itself"),
    ],
)
def test_a_wish_the_app_cant_act_on_is_declined_plainly(request_text: str, why: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert result.brief == STUDIO and not result.made, result.made
    assert result.unmade and why in result.unmade[0], result.unmade
    assert "couldn't work out" not in " ".join(result.unmade)


def test_a_signature_offers_the_closest_thing_and_that_offer_is_made_as_said() -> None:
    result = apply_change(STUDIO, "members should be able to e-sign the waiver")
    assert result.suggestions, result.unmade
    offered = apply_change(STUDIO, result.suggestions[0].change_request)
    members = next(e for e in offered.brief.entities if e.plural == "Members")
    labels = {f.label: f.kind for f in members.fields}
    assert labels.get("Date signed") == "date" and "Signed" in labels, labels


@pytest.mark.parametrize(
    ("plan", "request_text", "entity", "label"),
    [
        ("studio", "add an Instagram handle to members", "Members", "instagram handle"),
        ("studio", "members should have their Instagram handle too", "Members", "instagram handle"),
        ("studio", "members need a WhatsApp number", "Members", "whatsapp number"),
        ("walkers", "add date posted to walks", "Walks", "date posted"),
        ("studio", "add whether we've texted them to members", "Members", "texted"),
    ],
)
def test_a_service_or_a_verb_said_as_a_field_is_a_field(
    plan: str, request_text: str, entity: str, label: str
) -> None:
    before = PLANS[plan]
    result = apply_change(before, request_text)
    assert not result.unmade, result.unmade
    after = next(e for e in result.brief.entities if e.plural == entity)
    assert any(label in f.label.lower() for f in after.fields), [f.label for f in after.fields]


def test_services_said_as_values_of_a_choice_are_added_as_choices() -> None:
    result = apply_change(SHOP, "Status is missing Etsy and Instagram, we sell through both now")
    orders = next(e for e in result.brief.entities if e.plural == "Orders")
    status = next(f for f in orders.fields if f.label == "Status")
    assert {"Etsy", "Instagram"} <= set(status.choices), (status.choices, result.unmade)


def test_joining_to_what_the_plan_keeps_is_no_outside_service() -> None:
    result = apply_change(WALKERS, "link each walk to the dogs list")
    assert not any("can't connect" in line for line in result.unmade), result.unmade


def test_every_act_names_a_limit_that_exists() -> None:
    named = {limit.what for limit in limits()}
    assert set(acts().reach.values()) <= named
    assert all(word == word.lower() and " " not in word for word in acts().join)


@pytest.mark.parametrize(
    "request_text",
    [
        "every evening we count the takings, add a takings page with amount and date",
        "when a member joins I'd rather type their phone number myself",
        "add a class on each Monday to classes",
    ],
)
def test_what_a_person_does_on_a_timer_is_not_the_app_acting(request_text: str) -> None:
    result = apply_change(STUDIO, request_text)
    assert "by itself" not in " ".join(result.unmade), result.unmade


def test_records_arriving_by_themselves_are_the_app_acting_but_people_are_not() -> None:
    result = apply_change(SHOP, "orders from the website should come in here by themselves")
    assert result.brief == SHOP and "by itself" in " ".join(result.unmade), result.unmade
    people = apply_change(SHOP, "customers can pick their products by themselves")
    assert "by itself" not in " ".join(people.unmade), people.unmade


def _with_field(plan: Brief, plural: str, label: str, kind: str) -> Brief:
    entities = tuple(
        replace(
            e,
            fields=(*e.fields, Field(name=label.lower().replace(" ", "_"), label=label, kind=kind)),
        )
        if e.plural == plural
        else e
        for e in plan.entities
    )
    return replace(plan, entities=entities)


def test_a_limit_word_inside_the_plans_own_field_names_that_field() -> None:
    plan = _with_field(STUDIO, "Members", "Photo consent", "boolean")
    result = apply_change(plan, "the photo consent tick isn't needed any more")
    members = next(e for e in result.brief.entities if e.plural == "Members")
    assert "Photo consent" not in [f.label for f in members.fields], result.unmade
    upload = apply_change(plan, "members should be able to upload a photo")
    assert upload.brief == plan and "can't store files" in " ".join(upload.unmade)


def test_a_colour_named_like_a_service_is_a_colour() -> None:
    result = apply_change(STUDIO, "could the main colour be a nice sage green")
    assert result.brief.theme.primary != STUDIO.theme.primary, result.unmade
    service = apply_change(STUDIO, "send the class fees to our Sage accounts")
    assert service.brief == STUDIO and "can't connect" in " ".join(service.unmade)
