"""Requests founders made of built apps (session 17), read by the rules on the real spaCy
pipeline: a detail wished for on a record kind ("for dogs I need to know if they're
neutered") is added to that kind, typed by how it was said (a "whether" is a yes/no); a field
asked to be chosen from another list becomes a pick from it; a wish that names nothing to keep
changes nothing. No app is started."""

from __future__ import annotations

import pytest

from livebuild.brief.changes import apply_change
from tests.unit.founder_plans import field_of as _field
from tests.unit.founder_plans import labels_of as _labels
from tests.unit.founder_plans import plan as _plan

pytestmark = pytest.mark.spacy


WALKERS = _plan(
    "a dog walking business: the owners, their dogs, the walks we do and our staff",
    [
        {"singular": "Owner", "fields": [["Name", "text"], ["Phone", "phone"]]},
        {
            "singular": "Dog",
            "fields": [["Name", "text"], ["Breed", "text"], ["Owner", "text"]],
        },
        {
            "singular": "Walk",
            "fields": [["Route", "text"], ["Dog", "text"], ["Date", "date"], ["Walker", "text"]],
        },
        {
            "singular": "Staff member",
            "plural": "Staff",
            "fields": [["Name", "text"], ["Phone", "phone"]],
        },
    ],
)


def test_a_mobile_number_members_should_have_is_a_phone_field() -> None:
    result = apply_change(WALKERS, "owners should have a mobile number too")
    added = _field(result, "Owners", "Mobile number")
    assert added is not None and added.kind == "phone"


@pytest.mark.parametrize(
    ("request_text", "plural", "label"),
    [
        ("for dogs I need to know if they're neutered", "Dogs", "Neutered"),
        ("Walks - can we note whether it rained?", "Walks", "Rained"),
        ("could each dog say whether it has a microchip?", "Dogs", "Microchip"),
        ("on walks I'd like to record if the lead was used", "Walks", "Lead used"),
    ],
)
def test_a_whether_wished_on_a_kind_is_a_yes_no_field_there(
    request_text: str, plural: str, label: str
) -> None:
    result = apply_change(WALKERS, request_text)
    added = _field(result, plural, label)
    assert added is not None, (result.made, result.unmade)
    assert added.kind == "boolean"
    assert len(_labels(result, plural)) == len(_labels_before(plural)) + 1


@pytest.mark.parametrize(
    ("request_text", "plural", "label", "kind"),
    [
        ("owners - their email as well please", "Owners", "Email", "email"),
        ("for each dog I'd like their date of birth", "Dogs", "Date of birth", "date"),
        ("on every walk I want the miles walked", "Walks", "Miles walked", "number"),
        ("staff: I need their start date", "Staff", "Start date", "date"),
    ],
)
def test_a_detail_wished_on_a_kind_is_added_there_typed_by_its_words(
    request_text: str, plural: str, label: str, kind: str
) -> None:
    result = apply_change(WALKERS, request_text)
    added = _field(result, plural, label)
    assert added is not None, (result.made, result.unmade)
    assert added.kind == kind


def test_two_details_wished_together_are_both_added() -> None:
    result = apply_change(WALKERS, "for each dog I'd like the vet's name and whether it's insured")
    assert _field(result, "Dogs", "Insured") is not None, (result.made, result.unmade)
    assert any("vet" in label.lower() for label in _labels(result, "Dogs"))


@pytest.mark.parametrize(
    ("request_text", "plural", "label"),
    [
        ("the dog on a walk should be chosen from our dogs, not typed in", "Walks", "Dog"),
        ("a dog's owner should be one of our owners", "Dogs", "Owner"),
        ("the owner on a dog should be a link to the owners page", "Dogs", "Owner"),
        ("a walk should link to the dog", "Walks", "Dog"),
    ],
)
def test_a_field_chosen_from_another_list_becomes_a_pick_from_it(
    request_text: str, plural: str, label: str
) -> None:
    result = apply_change(WALKERS, request_text)
    picked = _field(result, plural, label)
    assert picked is not None and picked.kind in ("link", "choice"), (result.made, result.unmade)


def test_a_wish_naming_nothing_to_keep_changes_nothing() -> None:
    result = apply_change(WALKERS, "for dogs I need to know more")
    assert result.brief == WALKERS
    assert not result.made


def _labels_before(plural: str) -> list[str]:
    entity = next(e for e in WALKERS.entities if e.plural == plural)
    return [f.label for f in entity.fields]


@pytest.mark.parametrize(
    "request_text",
    [
        "can the app check the vet's website for opening hours?",
        "Every evening, can it grab new bookings from our Facebook page?",
        "have the app look up each owner's address on the council register",
    ],
)
def test_the_app_asked_to_act_on_something_outside_it_says_plainly_it_cannot(
    request_text: str,
) -> None:
    result = apply_change(WALKERS, request_text)
    assert result.brief == WALKERS
    told = " ".join(result.unmade)
    assert "can't" in told and "couldn't" not in told, told


def test_the_app_asked_to_show_what_it_keeps_is_no_limit() -> None:
    result = apply_change(WALKERS, "could the app show the walker on each walk")
    assert "can't connect" not in " ".join(result.unmade)


@pytest.mark.parametrize(
    ("request_text", "tagline"),
    [
        ("the line under the title should now say: Happy dogs, happy owners", "Happy dogs"),
        ("swap the little text under the name for: Walks in all weathers", "all weathers"),
        ("update the motto to: Tails up since 2019", "Tails up since 2019"),
    ],
)
def test_the_words_under_the_name_are_the_tagline(request_text: str, tagline: str) -> None:
    result = apply_change(WALKERS, request_text)
    assert tagline in result.brief.tagline, (result.made, result.unmade)
    assert result.brief.entities == WALKERS.entities


@pytest.mark.parametrize(
    "request_text",
    [
        "new name: Muddy Paws Walking (the old one was taken)",
        "we're now Muddy Paws Walking",
        "Rename the whole app Muddy Paws Walking, we're expanding",
    ],
)
def test_a_new_name_said_for_the_business_renames_the_app(request_text: str) -> None:
    result = apply_change(WALKERS, request_text)
    assert result.brief.product_name == "Muddy Paws Walking", (result.made, result.unmade)
    assert result.brief.theme == WALKERS.theme


def test_a_time_said_before_a_request_changes_no_colours() -> None:
    result = apply_change(WALKERS, "Every night, can it grab the new walks from our Facebook page?")
    assert result.brief == WALKERS
    assert "can't" in " ".join(result.unmade)


def test_a_tagline_asked_as_a_question_is_the_tagline() -> None:
    result = apply_change(WALKERS, "can the tagline say Out till dark, every night")
    assert result.brief.tagline == "Out till dark, every night", (result.made, result.unmade)
    assert result.brief.theme == WALKERS.theme


BOOKS = _plan(
    "a catalogue of the books in our shop",
    [{"singular": "Book", "fields": [["Title", "text"], ["Subtitle", "text"], ["Motto", "text"]]}],
)


@pytest.mark.parametrize(
    ("request_text", "labels"),
    [
        ("rename the Subtitle field on books to Series", ["Title", "Series", "Motto"]),
        ("remove the subtitle from books", ["Title", "Motto"]),
        ("we don't need the motto on books", ["Title", "Subtitle"]),
    ],
)
def test_a_field_named_like_a_word_for_the_tagline_stays_that_field(
    request_text: str, labels: list[str]
) -> None:
    result = apply_change(BOOKS, request_text)
    assert _labels(result, "Books")[: len(labels)] == labels, (result.made, result.unmade)
    assert result.brief.tagline == BOOKS.tagline
