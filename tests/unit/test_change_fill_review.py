"""What the argument fillers (`change_fill`) must leave as the rules read it: the other parts of
a request of several, a list of choices, a name said as not wanted, old or a remark, a colour
complained about, a pronoun where a kind's name would be. What the founder sees: the plan after
the change and the lines said."""

from __future__ import annotations

from bench.changes import _plan
from livebuild.brief.change_ops import AddEntity, Operation
from livebuild.brief.change_refine import better
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief, Entity
from tests.unit.test_change_fill import CLUB

FOOTBALL = _plan(
    {
        "idea": "A football club: our members, coaches, teams and fixtures.",
        "product_name": "Parkside FC",
        "tagline": "Grassroots football",
        "features": ["Keep the fixtures"],
        "entities": [
            {
                "singular": "Member",
                "fields": [
                    ["Name", "text"],
                    ["Role", "text"],
                    ["Phone", "phone"],
                    ["Email", "email"],
                    ["Team", "text"],
                ],
            },
            {
                "singular": "Coach",
                "fields": [["Name", "text"], ["Phone", "phone"], ["Badge", "text"]],
            },
            {"singular": "Team", "fields": [["Name", "text"], ["Coach", "text"]]},
            {"singular": "Fixture", "fields": [["Title", "text"], ["Date", "date"]]},
        ],
    }
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _labels(brief: Brief, plural: str) -> list[str]:
    return [f.label for f in _kind(brief, plural).fields]


def test_every_part_of_a_request_of_several_is_made() -> None:
    result = apply_change(
        CLUB, "Drivers: shoe size and emergency contact. Also add a date of birth to drivers."
    )
    assert {"Shoe size", "Emergency contact", "Date of birth"} <= set(
        _labels(result.brief, "Drivers")
    ), result.made
    result = apply_change(
        FOOTBALL,
        "Members: put the email after the phone. Coaches: put the badge before the phone",
    )
    members, coaches = _labels(result.brief, "Members"), _labels(result.brief, "Coaches")
    assert members.index("Email") == members.index("Phone") + 1, result.made
    assert coaches.index("Badge") == coaches.index("Phone") - 1, result.made
    result = apply_change(
        FOOTBALL,
        "Team on members should be picked from our teams, and coach on teams should be one of "
        "our coaches",
    )
    kinds = {f.label: f.kind for e in result.brief.entities for f in e.fields if f.kind == "link"}
    assert len([f for e in result.brief.entities for f in e.fields if f.kind == "link"]) == 2, (
        kinds,
        result.made,
    )


def test_a_part_the_rules_could_not_read_is_still_said() -> None:
    result = apply_change(
        CLUB, "drivers: shoe size and are they over 16? And could the heats page sparkle a bit more"
    )
    assert any("sparkle" in line for line in result.unmade), (result.made, result.unmade)


def test_a_new_kind_beside_a_move_keeps_the_move_or_says_it() -> None:
    result = apply_change(
        FOOTBALL,
        "Move the email above the phone on members. We also sell raffle tickets and I need to "
        "keep those too: who bought, how many, paid or not",
    )
    members = _labels(result.brief, "Members")
    moved = members.index("Email") < members.index("Phone")
    assert moved or any("email" in line.lower() for line in result.unmade), (
        result.made,
        result.unmade,
    )


def test_a_list_of_choices_naming_a_kept_kind_is_a_choice_not_a_link() -> None:
    for request in (
        "Make role on members a choice from coach, player or parent",
        "Members: make role a dropdown, one of coach, player, parent",
        "Role on members should be one of coach, player or parent",
    ):
        result = apply_change(FOOTBALL, request)
        role = next(f for f in _kind(result.brief, "Members").fields if f.label == "Role")
        assert role.kind != "link", (request, result.made)


def test_a_name_not_wanted_old_or_remarked_on_does_not_rename_the_app() -> None:
    for request in (
        "Don't ever call it Parkside United",
        "We used to be called Parkside Athletic before 2010",
        "People keep calling us Parkside Rovers but that's wrong",
        "We're not Parkside Rovers, please fix that",
        "We're now the biggest club in West Yorkshire, thanks to Coach Dave!",
    ):
        result = apply_change(FOOTBALL, request)
        assert result.brief.product_name == "Parkside FC", (request, result.made)


def test_a_colour_complained_about_is_not_applied() -> None:
    result = apply_change(FOOTBALL, "Honestly the whole thing feels a bit grey and dull")
    assert result.brief.theme == FOOTBALL.theme, result.made


def test_a_pronoun_after_for_each_is_not_a_kind() -> None:
    for request in (
        "for each <script>alert(1)</script> I need: name, date",
        "For each we need: name, date",
    ):
        result = apply_change(CLUB, request)
        assert len(result.brief.entities) == len(CLUB.entities), (request, result.made)


def test_a_name_the_rules_could_not_read_is_offered_not_made() -> None:
    result = apply_change(FOOTBALL, "People keep calling us Parkside Rovers but that's wrong")
    assert result.brief.product_name == "Parkside FC", result.made
    offered = [s.change_request for s in result.suggestions]
    assert offered in ([], ["call it Parkside Rovers"]), offered
    assert not result.made and result.unmade, result.unmade


def test_a_new_kind_under_another_name_is_not_a_better_reading() -> None:
    rules: list[Operation] = [AddEntity("Fines", (("Amount", "money", ()),))]
    filler: list[Operation] = [
        AddEntity("Penalties", (("Amount", "money", ()), ("Reason", "text", ())))
    ]
    assert not better("add_entity", rules, filler)
    same: list[Operation] = [AddEntity("Fines", (("Amount", "money", ()), ("Reason", "text", ())))]
    assert better("add_entity", rules, same)
