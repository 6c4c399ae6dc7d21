"""Junk in a change request is never made into the plan, on the real spaCy pipeline: markup
pasted in, web and email addresses, pronouns, a field said with no name ("a new column"), and
the made names' inflection ("tipis" is the plural of "tipi", not a "tipises"). No app is
started."""

from __future__ import annotations

import pytest

from bench.changes import load
from livebuild.brief.change_parts import without_markup
from livebuild.brief.changes import ChangeResult, apply_change
from livebuild.english.forms import singular

pytestmark = pytest.mark.spacy

WALKERS = load()[0]["walkers"]


def _said(result: ChangeResult) -> str:
    return " ".join([*result.made, *result.unmade, *(s.text for s in result.suggestions)])


def _kinds(result: ChangeResult) -> list[str]:
    return [entity.plural for entity in result.brief.entities]


def _labels(result: ChangeResult, plural: str) -> list[str]:
    entity = next(e for e in result.brief.entities if e.plural == plural)
    return [field.label for field in entity.fields]


def test_markup_is_dropped_and_the_words_around_it_are_read() -> None:
    result = apply_change(WALKERS, "<script>alert(1)</script> please add a phone number to owners")
    assert "Phone number" in _labels(result, "Owners"), _said(result)
    assert "script" not in _said(result).lower()
    bold = apply_change(WALKERS, "<b>add</b> a microchip number to <i>dogs</i>")
    assert "Microchip number" in _labels(bold, "Dogs"), _said(bold)


@pytest.mark.parametrize(
    "request_text",
    [
        "rename walks to <script>alert(1)</script>",
        "<script>alert(1)</script> rename walks",
        "rename owners to https://evil.example.com/x",
        "call dogs www.example.com",
        "rename owners to bob@example.com",
    ],
)
def test_markup_or_an_address_never_becomes_a_name_or_a_suggestion(request_text: str) -> None:
    result = apply_change(WALKERS, request_text)
    assert result.brief == WALKERS, result.made
    said = _said(result).lower()
    for junk in ("script", "alert", "http", "evil", "example", "www", "bob"):
        assert junk not in said, said


def test_a_request_of_only_markup_or_signs_is_answered_plainly() -> None:
    code = apply_change(WALKERS, "<script>alert(1)</script>")
    assert code.brief == WALKERS and code.made == []
    assert code.unmade and "web page code" in code.unmade[0], code.unmade
    assert "add a phone number to Walks" in code.unmade[0]
    signs = apply_change(WALKERS, "\U0001f436\U0001f436 !!")
    assert signs.unmade and "no words" in signs.unmade[0], signs.unmade


def test_without_markup_keeps_words_and_comparisons() -> None:
    assert without_markup("<p>add <b>notes</b></p>") == "add notes"
    assert without_markup("<style>p{color:red}</style>make it green") == "make it green"
    assert without_markup("rename Walks > Outings") == "rename Walks > Outings"
    assert without_markup("ages < 5 and > 2") == "ages < 5 and > 2"


@pytest.mark.parametrize(
    "request_text", ["add a field to dogs", "add a new column to dogs", "add an extra box to dogs"]
)
def test_a_field_said_without_a_name_asks_for_one(request_text: str) -> None:
    result = apply_change(WALKERS, request_text)
    assert result.brief == WALKERS, result.made
    assert "Say what the new field on Dogs is for" in " ".join(result.unmade), result.unmade


def test_a_place_said_before_what_it_holds_is_named_by_what_it_holds() -> None:
    result = apply_change(WALKERS, "I also need a box for the gate code on owners")
    assert "Gate code" in _labels(result, "Owners"), _said(result)


@pytest.mark.parametrize("pronoun", ["add them", "add those please"])
def test_a_pronoun_is_never_a_new_page(pronoun: str) -> None:
    result = apply_change(WALKERS, pronoun)
    assert _kinds(result) == _kinds(ChangeResult(WALKERS)), result.made


def test_a_made_name_is_inflected_by_the_dictionary() -> None:
    tipis = apply_change(WALKERS, "add a tipis page")
    made = tipis.brief.entities[-1]
    assert (made.singular, made.plural) == ("Tipi", "Tipis"), tipis.made
    tennis = apply_change(WALKERS, "add a page for tennis")
    assert tennis.brief.entities[-1].plural == "Tennis", tennis.made
    assert (singular("tipis"), singular("yetis")) == ("tipi", "yeti")
    assert (singular("axis"), singular("tennis"), singular("his")) == ("axis", "tennis", "his")


def test_what_we_need_to_know_is_the_field() -> None:
    result = apply_change(WALKERS, "owners: we need to know their gate code")
    assert "Gate code" in _labels(result, "Owners"), _said(result)


def test_saying_whether_is_a_yes_or_no_not_a_new_name() -> None:
    result = apply_change(WALKERS, "Dogs should say whether they're neutered")
    assert "Dogs" in _kinds(result), result.made
    neutered = next(f for f in result.brief.entities[1].fields if "eutered" in f.label)
    assert neutered.kind == "boolean", neutered
    renamed = apply_change(WALKERS, "Dogs should say Pups")
    assert "Pups" in _kinds(renamed), renamed.made


LETTINGS = load()[0]["lettings"]


def test_a_field_like_one_the_plan_keeps_is_a_field_not_a_page() -> None:
    result = apply_change(LETTINGS, "add combined issue")
    assert "Combined issue" in _labels(result, "Repairs"), _said(result)
    assert _kinds(result) == _kinds(ChangeResult(LETTINGS))


def test_a_field_like_fields_of_two_kinds_is_offered_to_confirm() -> None:
    # Rent of Properties and Monthly rent of Leases: which one is not guessed.
    result = apply_change(LETTINGS, "add weekly rent")
    assert result.brief == LETTINGS, result.made
    assert [s.change_request for s in result.suggestions] == ["add weekly rent to Properties"]


def test_a_taglines_words_given_after_a_colon_or_arrow_are_kept_whole() -> None:
    result = apply_change(WALKERS, "Tagline \u2192 Walks, every day, since 2010")
    assert result.brief.tagline == "Walks, every day, since 2010", result.made
