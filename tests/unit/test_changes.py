"""The offline change vocabulary: many phrasings, applied to a real plan, refused plainly."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.brief.plan_diff import describe_changes

# A fixed plan, so these tests follow the change vocabulary and not how ideas are read.
_CUSTOMERS = Entity(
    "Customer",
    "Customers",
    "customers",
    (
        Field("name", "Name", "text"),
        Field("email", "Email", "email"),
        Field("company", "Company", "text"),
        Field("notes", "Notes", "longtext"),
    ),
    tuple(
        {
            "name": f"Sample customer {n}",
            "email": f"sample{n}@example.com",
            "company": f"Sample bakery {n}",
            "notes": "Prefers early collection.",
        }
        for n in range(1, 6)
    ),
)
_ORDERS = Entity(
    "Order",
    "Orders",
    "orders",
    (
        Field("customer", "Customer", "text"),
        Field("price", "Price", "money"),
        Field("stage", "Stage", "choice", ("New", "Baking", "Ready", "Collected")),
        Field("ordered_on", "Ordered on", "date"),
    ),
    tuple(
        {
            "customer": f"Sample customer {n}",
            "price": f"{n * 7}.50",
            "stage": ("New", "Baking", "Ready", "Collected")[n % 4],
            "ordered_on": f"2026-03-0{n}",
        }
        for n in range(1, 6)
    ),
)
PLAN = replace(
    derive_brief("A CRM for a small bakery: customers, orders with price and status"),
    entities=(_CUSTOMERS, _ORDERS),
)


def _entity(brief: Brief, plural: str) -> dict[str, object]:
    return next(e for e in brief.to_dict()["entities"] if e["plural"] == plural)


def _fields(brief: Brief, plural: str) -> dict[str, str]:
    return {f["label"]: f["kind"] for f in _entity(brief, plural)["fields"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("request_text", "check"),
    [
        (
            "add a Harvests page with weight and date",
            lambda b: (
                _fields(b, "Harvests") == {"Name": "text", "Weight": "number", "Date": "date"}
            ),
        ),
        ("rename Customers to Clients", lambda b: _entity(b, "Clients")["slug"] == "clients"),
        ("make price a number", lambda b: _fields(b, "Orders")["Price"] == "number"),
        ("change price to a number", lambda b: _fields(b, "Orders")["Price"] == "number"),
        ("add 'Urgent' to stage", lambda b: "Urgent" in str(_entity(b, "Orders")["fields"])),
        ("remove the email field", lambda b: "Email" not in _fields(b, "Customers")),
        ("call it Bakebook", lambda b: b.product_name == "Bakebook"),
        ("use a dark theme", lambda b: b.theme.background == "#15171e"),
        ("make it green", lambda b: b.theme.primary != PLAN.theme.primary),
        ("put Orders first", lambda b: b.entities[0].plural == "Orders"),
        ("add a phone field to Customers", lambda b: "Phone" in _fields(b, "Customers")),
        # A phone number is written down, not counted: "+1 555 010 0199" must fit.
        (
            "add a phone number to each customer",
            lambda b: _fields(b, "Customers")["Phone number"] == "phone",
        ),
        ("add a due date to every order", lambda b: _fields(b, "Orders")["Due date"] == "date"),
        ("change the tagline to Bread, better", lambda b: b.tagline == "Bread, better"),
        ("rename company to business", lambda b: "Business" in _fields(b, "Customers")),
        ("turn on reminders", lambda b: "Reminders" in b.features),
        ("delete orders", lambda b: [e.plural for e in b.entities] == ["Customers"]),
    ],
)
def test_phrasings_change_the_plan(request_text: str, check: object) -> None:
    result = apply_change(PLAN, request_text)
    assert result.made and not result.unmade, result.unmade
    assert check(result.brief)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("request_text", "words"),
    [
        ("make it sparkle", "couldn't work out"),
        ("add an FAQ page", "can't add a FAQ page"),
        ("make name a number", "stays text"),
        ("remove the dashboard", "part of every app"),
        ("make company a choice", "say which options"),
    ],
)
def test_what_it_cannot_do_is_said_plainly(request_text: str, words: str) -> None:
    result = apply_change(PLAN, request_text)
    assert result.brief == PLAN and not result.made
    assert words in result.unmade[0]
    # A way to say a change is offered only where a part wasn't read; "one change per
    # sentence" makes no sense for a request that held one.
    if "couldn't" in words:
        assert result.suggestion and result.suggestion.startswith("Try saying it like")
    else:
        assert result.suggestion is None


def test_a_cant_do_answer_says_what_cant_be_done_and_the_closest_thing_not_how_to_phrase() -> None:
    result = apply_change(PLAN, "can it text customers when their order ships?")
    assert result.brief == PLAN and not result.made
    said = " ".join(result.unmade)
    assert "can't send text messages" in said and "phone number" in said
    assert result.suggestion is None
    assert "one change per sentence" not in str(result.notes())


def test_one_change_per_sentence_is_said_only_when_the_request_held_several() -> None:
    several = apply_change(PLAN, "call it Cellarbook. zzq the flibbert")
    assert several.made and several.unmade
    assert several.suggestion and several.suggestion.startswith("Try one change per sentence")
    one = apply_change(PLAN, "zzq the flibbert")
    assert one.suggestion and "one change per sentence" not in one.suggestion


def test_several_changes_in_one_request_and_the_summary_says_what_changed() -> None:
    result = apply_change(
        PLAN,
        "add a Tastings page with rating and date and rename Orders to Sales, then make it blue",
    )
    assert len(result.made) == 3 and not result.unmade
    # The rename carries through: the tagline said "orders" and now says "sales".
    assert result.brief.tagline == "Keep track of customers and sales."
    assert describe_changes(PLAN, result.brief) == [
        "New tagline: \u201cKeep track of customers and sales.\u201d",
        "New colours",
        "Renamed Orders to Sales",
        "Added a Tastings page with rating and date",
    ]


def test_parsing_stays_linear_on_hostile_input() -> None:
    hostile = ("rename " + "a " * 2000 + "to ") * 3 + "and " * 1000
    # CPU time, not wall time: a quadratic reading costs seconds of CPU however busy the
    # machine is, while a linear one (~0.05 s) must not fail because other tests share it.
    started = time.process_time()
    apply_change(PLAN, hostile)
    apply_change(PLAN, "x" * 5000)
    assert time.process_time() - started < 1.0


@pytest.mark.parametrize(
    "idea",
    [
        "Dog grooming salon: appointments, dogs and their owners",
        "A CRM for a design studio: clients, projects and invoices",
    ],
)
def test_the_way_to_say_a_change_names_this_apps_records_and_each_example_is_made(
    idea: str,
) -> None:
    brief = derive_brief(idea)
    unread = apply_change(brief, "zzq the flibbert")
    assert unread.unmade and unread.suggestion is not None
    first = brief.entities[0].plural
    # Its examples speak of this app's records, not of another app's harvests.
    assert f"add a phone number to {first}" in unread.suggestion
    assert "Harvests" not in unread.suggestion
    for example in re.findall(r"\u201c([^\u201d]+)\u201d", unread.suggestion):
        made = apply_change(brief, example)
        assert made.made and not made.unmade, example


@pytest.mark.parametrize(
    ("pasted", "plain"),
    [
        ("<i>rename</i> plots to beds", "rename plots to beds"),
        (
            "add a <script>alert(1)</script> phone number to plot holders",
            "add a phone number to plot holders",
        ),
    ],
)
def test_markup_pasted_into_a_change_is_no_part_of_what_is_asked(pasted: str, plain: str) -> None:
    brief = derive_brief("Allotment society: plots, plot holders and the rent each one pays")
    made = apply_change(brief, pasted)
    assert made.made and made.made == apply_change(brief, plain).made
    assert not made.unmade
