"""Kinds an idea names that the rules' plan used to lose (issue 15, the path without a model),
checked on sentences of our own on the real English pipeline: either of two things logged
many times ("any spills or breakages"), a noun made of a verb and its particle ("check-ins"),
shorthand ("w/"), things counted after "with", the kind cap, and a detail said of one record
("what each vendor costs")."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief
from livebuild.english.idea import read_once
from livebuild.english.nlp import installed_model
from livebuild.english.records import listed_phrases, weight
from tests.kinds import kind_words

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def _fields(brief: Brief, plural: str) -> set[str]:
    entity = next(e for e in brief.entities if e.plural.lower() == plural)
    return {f.label.lower() for f in entity.fields}


def test_either_of_two_things_logged_many_times_is_one_kind_named_by_the_first() -> None:
    kinds = kind_words(
        "I run a soft play cafe. I need the members, their kids, and any spills or "
        "breakages we have to write down."
    )
    assert {"members", "spills"} <= kinds
    assert "breakages" not in kinds  # the spills' kind again, not a second one
    kinds = kind_words(
        "Sailing club: the boats, the sailors, and a log of every capsize or collision."
    )
    assert "capsizes" in kinds
    assert "collisions" not in kinds
    # A choice said of one record is still no kind.
    kinds = kind_words("Cat grooming: owners, cats, and visits, each a trim or a full wash.")
    assert not kinds & {"trims", "full washes", "washes"}


def test_a_noun_made_of_a_verb_and_its_particle_is_kept_whole() -> None:
    kinds = kind_words("Bouldering wall: members, their belay tests, and check-ins each visit.")
    assert "check-ins" in kinds
    assert not kinds & {"ins", "checks"}
    kinds = kind_words("Need patients, fillings, check-ups and recalls.")
    assert {"patients", "check-ups"} <= kinds


def test_with_written_as_w_slash_is_read_as_with() -> None:
    kinds = kind_words("Bouncy castle hire: need each booking w/ the party date, and the castles.")
    assert {"bookings", "castles"} <= kinds


def test_things_counted_after_with_are_kept_as_many() -> None:
    reading = read_once("tutor w/ 9 regular pupils. every lesson (pupil, topic).").english
    listed = listed_phrases(reading)
    at = next(n for n, p in enumerate(reading.phrases) if p.said == "pupils")
    assert weight(reading, at, listed) >= 2
    # Not a thing said once after "with": "a shed with a workbench".
    reading = read_once("a shed with a workbench. every tool I lend.").english
    at = next(n for n, p in enumerate(reading.phrases) if p.said == "workbench")
    assert weight(reading, at, listed_phrases(reading)) == 0


def test_at_the_cap_a_kind_said_in_the_plural_beats_one_only_said_singly() -> None:
    kinds = kind_words(
        "Our scout hut is a community cafe: toast, coffee, juice, cake. We count the "
        "visitors each week, the volunteers on each shift, the fridge checks, the suppliers, "
        "and the cash donations we get."
    )
    assert len(kinds) <= 8
    assert {"visitors", "volunteers", "donations"} <= {k.split()[-1] for k in kinds}


def test_a_detail_said_of_one_record_goes_on_that_record() -> None:
    brief = derive_brief("Party planner: the clients, their caterers and what each caterer costs.")
    kinds = {e.plural.lower() for e in brief.entities}
    assert {"clients", "caterers"} <= kinds
    assert not any("cost" in label for label in _fields(brief, "clients"))
    assert any("cost" in label for label in _fields(brief, "caterers"))


def test_options_said_for_a_detail_make_it_a_choice_of_them() -> None:
    brief = derive_brief(
        "Swim club: members with a membership type of junior, adult or family, and the "
        "sessions they come to."
    )
    members = next(e for e in brief.entities if e.plural.lower() == "members")
    field = next(f for f in members.fields if f.label.lower() == "membership type")
    assert field.kind == "choice"
    assert field.choices == ("Junior", "Adult", "Family")
    # No second, made-up choice of the same thing beside it.
    assert [f.label for f in members.fields if f.kind == "choice" and f.label != "Status"] == [
        "Membership type"
    ]
    assert all(row.get("membership_type") in field.choices for row in members.seed)
    brief = derive_brief(
        "Bike hire: customers, rentals, and bikes with a frame size (small/large)."
    )
    bikes = next(e for e in brief.entities if e.plural.lower() == "bikes")
    size = next(f for f in bikes.fields if f.label.lower() == "frame size")
    assert (size.kind, size.choices) == ("choice", ("Small", "Large"))
