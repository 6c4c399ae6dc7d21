"""Renaming a kind says the new name wherever the plan names the kind, never where the same
word describes the business: renaming Bikes to Donations in a bike repair co-op keeps the
co-op a bike repair co-op, while the plan's wishes, tagline and problem follow the rename."""

from __future__ import annotations

from dataclasses import replace

from livebuild.brief import Brief, derive_brief
from livebuild.brief.changes import apply_change


def _co_op() -> Brief:
    brief = derive_brief("Track bikes, their owners and repairs")
    assert brief.entities[0].plural == "Bikes", [e.plural for e in brief.entities]
    return replace(
        brief,
        target_users="A bike repair co-op",
        problem="Keeping track of bikes in a bike shop is slow.",
        features=(*brief.features, "Email each bike owner when their bike is ready"),
    )


def test_a_renamed_kind_keeps_the_business_its_words() -> None:
    renamed = apply_change(_co_op(), "call the bikes Donations instead").brief
    assert renamed.entities[0].plural == "Donations"
    assert renamed.target_users == "A bike repair co-op"
    assert renamed.problem == "Keeping track of donations in a donation shop is slow."
    assert "Email each donation owner when their donation is ready" in renamed.features
    assert "donations" in renamed.tagline.lower() and "bike" not in renamed.tagline.lower()


def test_a_renamed_catalogue_kind_is_renamed_in_the_wishes_that_name_it() -> None:
    brief = derive_brief("An app for my pet sitting business")
    assert brief.entities[0].plural == "Pets", [e.plural for e in brief.entities]
    assert brief.features[0] == "Pet profiles with care notes"
    renamed = apply_change(brief, "rename Pets to Animals").brief
    assert renamed.entities[0].plural == "Animals"
    assert renamed.features[0] == "Animal profiles with care notes"
    assert not any("pet" in f.lower().split() for f in renamed.features), renamed.features


def test_a_renamed_gym_member_is_renamed_in_the_member_directory() -> None:
    brief = derive_brief("An app for my gym")
    assert brief.entities[0].plural == "Members", [e.plural for e in brief.entities]
    renamed = apply_change(brief, "rename Members to Clients").brief
    assert renamed.features[0] == "Client directory with plans"
