"""Two readers of a change request, the rules and the model, decided by a vote: what they agree
on is made; where they disagree, the reading with evidence is made and the other offered; where
neither is sure, nothing is made and the reading is offered. Sentences written for these tests
on the dev plans (none is from a held-out round)."""

from __future__ import annotations

from bench.changes import load
from livebuild.brief.change_ops import (
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    Reading,
    RenameEntity,
    RenameField,
    SetColour,
    SetTheme,
)
from livebuild.brief.change_reader import read_change
from livebuild.brief.changes import apply_change
from livebuild.brief.model_change import make
from livebuild.brief.model_change_prompt import Target
from livebuild.brief.model_change_vote import exact, folded, vote

PLANS, _ = load()
SHOP, WALKERS, TUTORING = PLANS["shop"], PLANS["walkers"], PLANS["tutoring"]


def _fields(brief: object, slug: str) -> list[str]:
    entity = next(e for e in brief.entities if e.slug == slug)  # type: ignore[attr-defined]
    return [f.label for f in entity.fields]


def test_the_models_reading_with_evidence_wins_over_the_rules_unsure_one() -> None:
    # The rules read the brand names of the second sentence as a field of Owners and left the
    # first sentence unread; the model read what the founder named, on the kind they named.
    request = "dogs: vet name and which treats they like. lots of owners want Bonio or Markies"
    rules = read_change(WALKERS, request)
    assert not exact(rules)
    model = Reading([AddField("dogs", "Vet name"), AddField("dogs", "Treats")])
    verdict = vote(WALKERS, request, None, model, rules)
    assert verdict.reading is not None
    made = make(WALKERS, verdict.reading, "local", request)
    assert "Vet name" in _fields(made.brief, "dogs") and "Treats" in _fields(made.brief, "dogs")
    assert _fields(made.brief, "owners") == _fields(WALKERS, "owners")
    # What the rules read is offered to confirm, never made.
    assert any("bonio" in s.change_request.lower() for s in verdict.reading.suggestions)


def test_a_shape_the_rules_read_exactly_is_made_and_the_models_other_reading_offered() -> None:
    request = "Walks \u2192 Outings"
    rules = read_change(WALKERS, request)
    assert exact(rules)
    model = Reading([AddField("walks", "Outings", "boolean")])
    verdict = vote(WALKERS, request, None, model, rules)
    assert verdict.reading is None  # the rules' rename is made
    assert [s.change_request for s in verdict.offered] == ["add outings to Walks"]


def test_readings_that_agree_are_made() -> None:
    request = "dogs want a microchip number, and a little badge icon would be nice"
    rules = read_change(WALKERS, request)
    model = Reading([AddField("dogs", "Microchip number")])
    verdict = vote(WALKERS, request, None, model, rules)
    assert verdict.reading is not None
    made = make(WALKERS, verdict.reading, "local", request)
    assert "Microchip number" in _fields(made.brief, "dogs")


def test_where_neither_reader_is_sure_the_reading_is_offered_never_made() -> None:
    # The rules read nothing; the model's new field is named by no word of the request.
    request = "we've started doing Sunday walks out at the reservoir too"
    rules = read_change(WALKERS, request)
    assert not rules.operations
    model = Reading([AddField("walks", "Dietary needs")])
    verdict = vote(WALKERS, request, None, model, rules)
    assert verdict.reading is None or not verdict.reading.operations
    made = apply_change(WALKERS, request)
    assert made.brief == WALKERS


def test_a_cant_do_wins_only_with_a_reason() -> None:
    plain = "add a microchip number to dogs"
    rules = read_change(WALKERS, plain)
    unreasoned = Reading([Cannot("I am not sure about that")])
    # No limit is named: the rules' plain reading is made.
    assert vote(WALKERS, plain, None, unreasoned, rules).reading is None
    paying = "owners should settle up for their walks through the app"
    limit = Reading([Cannot("The app can't take payments by card")])
    verdict = vote(WALKERS, paying, None, limit, Reading())
    assert verdict.reading is not None
    made = make(WALKERS, verdict.reading, "local", paying)
    assert made.brief == WALKERS and made.unmade and not made.made


def test_the_rules_known_limit_outvotes_a_models_field_for_it() -> None:
    request = "owners should be able to pay for walks online with a card"
    model = Reading([AddField("walks", "Card payment")])
    verdict = vote(WALKERS, request, None, model, read_change(WALKERS, request))
    assert verdict.reading is None  # the rules decline it, with the closest thing offered


def test_a_new_kinds_details_written_on_a_kind_the_request_never_names_are_its_own() -> None:
    request = "we keep a log of each kennel clean: the date, which pen and the disinfectant"
    model = Reading(
        [
            AddEntity("Kennel cleans", (("Date", "date", ()),)),
            AddField("owners", "Pen"),
            AddField("owners", "Disinfectant"),
        ]
    )
    whole = folded(WALKERS, request, None, model)
    assert whole.operations == [
        AddEntity(
            "Kennel cleans",
            (("Date", "date", ()), ("Pen", "text", ()), ("Disinfectant", "text", ())),
        )
    ]
    # A field on a kind the request names stays that kind's.
    named = Reading([AddEntity("Kennel cleans"), AddField("dogs", "Pen")])
    assert folded(WALKERS, "kennel cleans, and dogs get a pen", None, named) == named


def test_pointing_at_a_kind_keeps_the_models_reading_of_it() -> None:
    # Pointed at Orders' "Ordered on": the rules' reading of another kind's name is not made.
    request = "call this 'Due date', the old name confuses staff"
    rules = read_change(SHOP, request)
    model = Reading([RenameField("orders", "ordered_on", "Due date")])
    verdict = vote(SHOP, request, Target("orders", "ordered_on"), model, rules)
    assert verdict.reading is not None
    assert verdict.reading.operations == [RenameField("orders", "ordered_on", "Due date")]


def test_exact_shapes_are_the_rules_surest() -> None:
    assert exact(read_change(TUTORING, "rename Tutors to Teachers"))
    assert exact(read_change(SHOP, "make status on orders a dropdown of Open and Paid"))
    assert not exact(read_change(WALKERS, "make it a deep teal"))  # colours: 65 in 100
    assert not exact(Reading([RenameEntity("walks", "Outings")], ["not read"]))
    assert not exact(Reading([ChangeKind("walks", "price", "number"), SetColour("#000000", "x")]))


def test_a_new_kind_both_readers_read_is_the_rules_from_the_founders_own_list() -> None:
    request = "we also lend out leads. I need the loans: which dog, which lead, from when to when"
    rules = read_change(WALKERS, request)
    whole = apply_change(WALKERS, request)
    model = Reading([AddEntity("Lead loans"), AddField("owners", "Loan dog")])
    verdict = vote(WALKERS, request, None, model, rules, whole=whole)
    assert verdict.reading is None  # the rules' Loans with dog, lead, start and end is made


def test_a_field_the_rules_read_surely_is_the_models_where_it_reads_the_same_field() -> None:
    request = "dogs need a note of who groomed them and whether they bite"
    rules, whole = read_change(WALKERS, request), apply_change(WALKERS, request)
    assert not exact(rules)  # an added field is a shape the rules sometimes misread
    same = Reading([AddField("dogs", "Groomer", "text"), AddField("dogs", "Bites", "boolean")])
    # "Groomer" and "Note of who groomed them" share no word: the rules' own are made.
    assert vote(WALKERS, request, None, same, rules, whole=whole).reading is None
    like = Reading([AddField("dogs", "Groomed by"), AddField("dogs", "Bite", "boolean")])
    verdict = vote(WALKERS, request, None, like, rules, whole=whole)
    assert verdict.reading is not None
    assert verdict.reading.operations == like.operations


def _made(request: str, model: Reading) -> list[str]:
    """What the founder is told was made when the vote decides `request`."""
    rules, whole = read_change(WALKERS, request), apply_change(WALKERS, request)
    verdict = vote(WALKERS, request, None, model, rules, whole=whole)
    return whole.made if verdict.reading is None else make(WALKERS, verdict.reading, "local").made


def test_a_theme_the_rules_read_surely_is_never_flipped_by_the_model() -> None:
    request = "use a dark theme and add a phone number to owners"
    model = Reading([SetTheme(False), AddField("owners", "Phone", "phone")])
    made = " ".join(_made(request, model)).lower()
    assert "light" not in made and "dark" in made


def test_a_renames_target_the_rules_read_surely_is_never_replaced_by_the_model() -> None:
    request = "rename Walks to Outings and add a phone number to owners"
    model = Reading([RenameEntity("walks", "Rambles"), AddField("owners", "Phone", "phone")])
    made = " ".join(_made(request, model))
    assert "Outings" in made and "Rambles" not in made


def test_a_fields_label_with_words_the_founder_never_said_is_not_made() -> None:
    for request, label in [
        ("add date of birth to dogs", "Date joined"),
        ("add vet name to Dogs", "Vet visits"),
    ]:
        made = " ".join(_made(request, Reading([AddField("dogs", label, "date")]))).lower()
        assert label.lower() not in made, (request, made)


def test_a_cant_do_without_a_reason_the_rules_know_is_not_made_when_they_read_nothing() -> None:
    request = "the dogs get a bit muddy on the reservoir walks lately"
    rules = read_change(WALKERS, request)
    assert not rules.operations
    verdict = vote(WALKERS, request, None, Reading([Cannot("I am not sure about that")]), rules)
    assert verdict.reading is None  # the rules' "didn't understand" line stands


def test_details_listed_after_a_new_kinds_name_are_a_new_kind_not_fields_of_another() -> None:
    # "THING: detail, detail, detail": the model wrote the new kind and its details as fields
    # of a kind the request never names, and the rules read nothing of it. One new kind.
    request = "the vet wants worming doses: every month, the wormer, the dose and who gave it"
    model = Reading(
        [
            AddField("owners", "Worming doses"),
            AddField("owners", "Wormer"),
            AddField("owners", "Dose"),
            AddField("owners", "Who gave it"),
        ]
    )
    rules = read_change(WALKERS, request)
    assert not [op for op in rules.operations if not isinstance(op, Cannot)]
    verdict = vote(WALKERS, request, None, model, rules, whole=apply_change(WALKERS, request))
    assert verdict.reading is not None
    made = make(WALKERS, verdict.reading, "local", request)
    assert _fields(made.brief, "owners") == _fields(WALKERS, "owners")
    new = next(e for e in made.brief.entities if e.slug not in {"walks", "dogs", "owners"})
    assert new.plural == "Worming doses"
    assert {"Wormer", "Dose", "Who gave it"} <= set(_fields(made.brief, new.slug))


def test_details_on_a_kind_the_request_names_or_without_a_list_stay_fields() -> None:
    fields = [AddField("owners", "Worming doses"), AddField("owners", "Wormer")]
    for request in (
        "owners: worming doses, the wormer",  # the kind named: its fields
        "add worming doses and the wormer",  # no "THING: details" shape
    ):
        model = Reading(list(fields))
        assert folded(WALKERS, request, None, model).operations == fields, request


def test_details_listed_after_a_kind_the_plan_has_go_on_that_kind_not_a_second_one() -> None:
    # "THING: details" where THING is a kind the plan has already: the model put them all on
    # another kind. The founder named nothing twice, so no second Dogs, and no junk on Owners.
    request = "for the insurer we need dogs: the microchip number, the breed, the vaccination date"
    model = Reading(
        [
            AddField("owners", "Dogs"),
            AddField("owners", "Microchip number"),
            AddField("owners", "Breed"),
            AddField("owners", "Vaccination date", "date"),
        ]
    )
    rules = read_change(WALKERS, request)
    verdict = vote(WALKERS, request, None, model, rules, whole=apply_change(WALKERS, request))
    made = (
        make(WALKERS, verdict.reading, "local", request)
        if verdict.reading is not None
        else apply_change(WALKERS, request)
    )
    told = " ".join([*made.made, *made.unmade])
    assert "two things" not in told.lower(), told
    assert [e.slug for e in made.brief.entities] == ["walks", "dogs", "owners"], told
    assert _fields(made.brief, "owners") == _fields(WALKERS, "owners"), told
    assert "Microchip number" in _fields(made.brief, "dogs"), told
