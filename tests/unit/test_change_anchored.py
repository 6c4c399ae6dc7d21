"""Requests read by what they name in the plan, whatever order the founder said it in.

Each phrasing here has the shape of a request the phrase readers missed on a spent held-out
round (a removal said as a habit, a new name as a preference, a kind as a wish, a place, a
need, a list in passing), said in new words on the dev plans: the reading must come from
what the sentence names and does, not from its words.
"""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief import Brief
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    ChangeKind,
    MoveField,
    Operation,
    RemoveField,
    RenameEntity,
    RenameField,
    SetName,
    SetTagline,
)
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_request import resolve
from livebuild.brief.changes import apply_change
from livebuild.brief.model_change_reconcile import sure

PLANS, _ = load()
WALKERS, LETTINGS, TUTORING, SHOP = (
    PLANS["walkers"],
    PLANS["lettings"],
    PLANS["tutoring"],
    PLANS["shop"],
)

READ: list[tuple[Brief, str, Operation]] = [
    # A removal said as a habit or a rule, the field named with its owner first.
    (WALKERS, "nobody ever looks at the dog breeds, bin them", RemoveField("dogs", "breed")),
    (
        LETTINGS,
        "for GDPR we shouldn't be storing tenants' emails at all",
        RemoveField("tenants", "email"),
    ),
    # A new name said as a preference or a question, quoted anywhere.
    (
        TUTORING,
        "Length is unclear, I'd prefer 'Minutes'",
        RenameField("lessons", "length", "Minutes"),
    ),
    (
        LETTINGS,
        "would it be ok to call the Repairs 'Maintenance jobs'?",
        RenameEntity("repairs", "Maintenance jobs"),
    ),
    (
        TUTORING,
        "could 'Year group' read 'School year'?",
        RenameField("students", "year_group", "School year"),
    ),
    (SHOP, "we've rebranded as 'Moss & Twine' so update the name", SetName("Moss & Twine")),
    (SHOP, "tagline time - 'Made slowly. Sent quickly.'", SetTagline("Made slowly. Sent quickly")),
    # A kind said as a wish.
    (
        LETTINGS,
        "urgency isn't a number, can it be plain text",
        ChangeKind("repairs", "urgency", "text", ()),
    ),
    # A place said around the fields it names.
    (
        TUTORING,
        "On a student I want the year group straight after the name, ahead of the parent email",
        MoveField("students", "year_group", "after", "name"),
    ),
    # Values for a choice said in passing, the choice named in another part.
    (
        TUTORING,
        "we now have Postponed and Rescheduled lessons too, can they be statuses?",
        AddChoices("lessons", "status", ("Postponed", "Rescheduled")),
    ),
    # A need said before or around what is needed.
    (
        WALKERS,
        "owners - where would we note their emergency contact?",
        AddField("owners", "Emergency contact", "text", ()),
    ),
]


@pytest.mark.parametrize(("plan", "words", "meant"), READ, ids=[r[1][:50] for r in READ])
def test_a_request_is_read_by_what_it_names(plan: Brief, words: str, meant: Operation) -> None:
    reading = read_change(plan, words)
    assert reading.operations == [meant], reading


def test_a_log_said_with_its_questions_is_a_new_record_kind_with_named_fields() -> None:
    said = (
        "I want a log of inspections: which property, what was found, the date and what the "
        "fix cost"
    )
    reading = read_change(LETTINGS, said)
    assert len(reading.operations) == 1, reading
    added = reading.operations[0]
    assert isinstance(added, AddEntity) and added.name.lower() == "inspections"
    labels = [f[0] for f in added.fields]
    assert labels == ["Property", "What was found", "Date", "Fix cost"], labels


def test_a_field_picked_from_another_record_kind_becomes_a_link_to_it() -> None:
    result = apply_change(
        TUTORING, "the tutor on a lesson should be chosen from our tutors, not typed"
    )
    lessons = next(e for e in result.brief.entities if e.slug == "lessons")
    tutor = next(f for f in lessons.fields if f.name == "tutor")
    assert (tutor.kind, tutor.links_to) == ("link", "tutors"), result.made


def test_a_name_is_never_found_in_the_words_around_it() -> None:
    # "fill in the dog" names Dog by its last word; "ticket" is not a field "Tickets sold".
    request = resolve(WALKERS, "we never fill in the dog breeds, lose them")
    assert [(n.entity.slug, n.field.name if n.field else "") for n in request.named] == [
        ("dogs", "breed")
    ]


def test_a_reading_the_plan_would_refuse_gives_way_to_one_it_takes() -> None:
    # A choice can't be added to an amount of money: the request is a new name, not a choice.
    reading = read_change(
        TUTORING, "Is it possible to have 'Hourly fee' instead of just 'Hourly rate'?"
    )
    assert reading.operations == [RenameField("tutors", "hourly_rate", "Hourly fee")], reading


@pytest.mark.parametrize(
    "words",
    [
        "the dog breeds are fine, don't remove them",
        "we love the walkers",
        "'",
        "\"\" '' 'a' \"b\" " * 40,
        "rename 'Drop table dogs;--' please " * 10,
    ],
)
def test_what_names_nothing_changes_nothing_and_is_never_applied_as_text(words: str) -> None:
    result = apply_change(WALKERS, words)
    names = {e.plural for e in result.brief.entities} | {
        f.label for e in result.brief.entities for f in e.fields
    }
    assert not any("drop table" in n.lower() or "'" in n for n in names)
    assert not any(isinstance(op, RemoveField) for op in read_change(WALKERS, words).operations)


def test_options_listed_for_a_choice_are_options_even_when_they_name_a_payment() -> None:
    reading = read_change(TUTORING, "lesson statuses - Paid by card, Paid on PayPal")
    assert reading.operations == [
        AddChoices("lessons", "status", ("Paid by card", "Paid on PayPal"))
    ], reading


def test_an_email_sent_automatically_to_everyone_is_declined_plainly() -> None:
    result = apply_change(TUTORING, "automatically email each parent a summary after every lesson")
    assert result.brief == TUTORING and not result.made
    assert any("can't send emails" in line for line in result.unmade), result.unmade


def test_a_part_that_only_says_whose_leaves_the_reading_sure() -> None:
    # "On owners," says what the next part is about; the model isn't asked for what the
    # rules read whole.
    reading = read_change(WALKERS, "On owners, put the address ahead of the email")
    assert reading.operations == [MoveField("owners", "address", "before", "email")], reading
    assert sure(reading)


def test_what_each_one_has_names_the_record_kind_the_sentence_before_offers() -> None:
    said = (
        "We run masterclasses in the holidays. Want to track each one's topic, date and how "
        "many have signed up"
    )
    result = apply_change(TUTORING, said)
    added = result.brief.entities[-1]
    assert added.plural == "Masterclasses", result.made
    assert {"Topic", "Date"} <= {f.label for f in added.fields}, added.fields
