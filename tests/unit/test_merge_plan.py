"""A correction to the plan that can't be built is refused plainly, saying where: the rule
is one pure function (`merge_plan`), tested here directly; the HTTP answer is shown once
in tests/integration/test_plan.py."""

from __future__ import annotations

from typing import Any

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.validate import merge_plan
from livebuild.core.errors import Unprocessable
from tests.conftest import IDEA
from tests.unit.test_renames_carry import plan_links


def _entity(singular: str, *fields: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"singular": singular, "fields": list(fields) or [{"label": "Name"}], **extra}


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("no entity", {"entities": []}, "at least one thing", "brief.entities"),
    (
        "unknown kind",
        {"entities": [_entity("Hike", {"label": "Name"}, {"label": "Colour", "kind": "colour"})]},
        "kind “colour”",
        "brief.entities.0.fields.1.kind",
    ),
    (
        "empty label",
        {"entities": [_entity("Hike", {"label": "Name"}, {"label": "  "})]},
        "can't be empty",
        "brief.entities.0.fields.1.label",
    ),
    (
        "choice without choices",
        {"entities": [_entity("Hike", {"label": "Name"}, {"label": "Level", "kind": "choice"})]},
        "choices",
        "brief.entities.0.fields.1.choices",
    ),
    (
        "too many entities",
        {"entities": [_entity(f"Thing {i}") for i in range(9)]},
        "keep it to 8",
        "brief.entities",
    ),
    (
        "too many fields",
        {"entities": [_entity("Hike", *({"label": f"F{i}"} for i in range(13)))]},
        "keep it to 12",
        "brief.entities.0.fields",
    ),
    (
        "a field with no name",
        {"entities": [_entity("Hike", {"label": "Name"}, {"kind": "text"})]},
        "field name",
        "brief.entities.0.fields.1.label",
    ),
    (
        "duplicate field",
        {"entities": [_entity("Hike", {"label": "Name"}, {"label": "name"})]},
        "two fields called",
        "brief.entities.0.fields.1.label",
    ),
    (
        "duplicate entity",
        {"entities": [_entity("Hike"), _entity("hike")]},
        "Two things are called",
        "brief.entities.1.singular",
    ),
    (
        "reserved route",
        {"entities": [_entity("Dashboard", plural="Dashboard")]},
        "/dashboard",
        "brief.entities.0.singular",
    ),
    (
        "reserved slug",
        {"entities": [_entity("Hike", slug="static")]},
        "/static",
        "brief.entities.0.slug",
    ),
    (
        "title not text",
        {"entities": [_entity("Hike", {"label": "Length", "kind": "number"})]},
        "has to be text",
        "brief.entities.0.fields.0.kind",
    ),
    (
        "title picked from its own kind",
        {"entities": [_entity("Visit", {"label": "Visit", "kind": "link", "links_to": "visits"})]},
        "can't be picked from your visits",
        "brief.entities.0.fields.0.links_to",
    ),
    (
        "title picked from an unknown kind",
        {"entities": [_entity("Visit", {"label": "Pet", "kind": "link", "links_to": "pets"})]},
        "no list at “pets”",
        "brief.entities.0.fields.0.links_to",
    ),
    (
        "title picked from a kind called by a pick",
        {
            "entities": [
                _entity("Family", {"label": "Name"}),
                _entity("Visit", {"label": "Family", "kind": "link", "links_to": "families"}),
                _entity("Note", {"label": "Visit", "kind": "link", "links_to": "visits"}),
            ]
        },
        "are themselves called by a record they pick",
        "brief.entities.2.fields.0.links_to",
    ),
    ("empty product name", {"product_name": " "}, "can't be empty", "brief.product_name"),
    ("not a list", {"entities": "hikes"}, "right shape", "brief.entities"),
]


@pytest.mark.parametrize(
    ("patch", "message", "where"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_plan_that_cant_be_built_is_refused_plainly(
    patch: dict[str, Any], message: str, where: str
) -> None:
    # The rule itself is one pure function; the HTTP answer is shown once below.
    with pytest.raises(Unprocessable) as refused:
        merge_plan(derive_brief(IDEA), patch)
    assert message in refused.value.detail
    assert refused.value.where == where


CHOIR = (
    "Our choir has 40 singers. I need to know who's coming to each rehearsal and concert, "
    "and which music folders each singer has borrowed."
)


def _as_patch(brief: Any) -> list[dict[str, Any]]:
    return [
        {
            "singular": e.singular,
            "plural": e.plural,
            "slug": e.slug,
            "fields": [
                {
                    "label": f.label,
                    "kind": f.kind,
                    "choices": list(f.choices),
                    "links_to": f.links_to,
                }
                for f in e.fields
            ],
        }
        for e in brief.entities
    ]


def test_a_link_follows_the_list_it_points_at_when_the_founder_renames_that_list() -> None:
    brief = derive_brief(CHOIR)
    links = plan_links(brief)
    assert "singers" in links.values(), links
    entities = _as_patch(brief)
    singers = next(e for e in entities if e["slug"] == "singers")
    singers.update(singular="Voice", plural=None, slug=None)
    renamed = merge_plan(brief, {"entities": entities})
    assert "voices" in {e.slug for e in renamed.entities}
    assert set(plan_links(renamed).values()) == {
        "voices" if v == "singers" else v for v in links.values()
    }


def test_removing_a_list_moves_no_link_onto_another_list() -> None:
    brief = derive_brief(CHOIR)
    before = plan_links(brief)
    entities = [e for e in _as_patch(brief) if e["slug"] != "singers"]
    kept = merge_plan(brief, {"entities": entities})
    after = plan_links(kept)
    # A link to the removed list stays pointed at it (the app builds it as text), never at
    # the list that moved into its place.
    assert {k: v for k, v in after.items() if k in before} == {k: before[k] for k in after}
