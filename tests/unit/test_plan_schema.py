"""The plan's one schema: every reader of a plan holds it to the same limits.

A founder's correction, a model's plan, a model's change and the app generator each meet
the same hostile plan (too many things, over-long names, too many choices) and each stops
at the limit `livebuild.brief.schema` names, so no path builds more than another allows.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief, Entity, Field, derive_brief, model_plan
from livebuild.brief.change_schema import schema as change_schema
from livebuild.brief.schema import (
    ENTITY_NAME_MAX,
    FEATURE_MAX,
    LABEL_MAX,
    MAX_CHOICES,
    MAX_ENTITIES,
    MAX_FEATURES,
    MAX_FIELDS,
    TEXT_LIMITS,
    correction_json_schema,
)
from livebuild.brief.validate import merge_plan
from livebuild.core.errors import Unprocessable
from livebuild.web.schemas import ProjectPatch

IDEA = "A booking app for a dog-walking business: walks, dogs and their owners."


def _entity(n: int, *, fields: int = 2, choices: int = 0) -> dict[str, Any]:
    return {
        "singular": f"Thing {n}",
        "fields": [{"label": "Name"}]
        + [
            {"label": f"Field {i}", "kind": "choice", "choices": [f"c{j}" for j in range(choices)]}
            if choices
            else {"label": f"Field {i}"}
            for i in range(1, fields)
        ],
    }


def _model_answer(entities: int = 1, **overrides: Any) -> str:
    plan: dict[str, Any] = {
        "product_name": "Walkies",
        "tagline": "Walks booked in a minute",
        "target_users": "Dog walkers",
        "problem": "Bookings live in text messages",
        "features": ["Book walks"],
        "entities": [
            {
                "singular": f"Thing {n}",
                "plural": f"Things {n}",
                "fields": [{"label": "Name", "kind": "text"}],
            }
            for n in range(entities)
        ],
    }
    return json.dumps({**plan, **overrides})


def test_a_correction_with_one_thing_too_many_is_refused_with_the_limit() -> None:
    brief = derive_brief(IDEA)
    merged = merge_plan(brief, {"entities": [_entity(n) for n in range(MAX_ENTITIES)]})
    assert len(merged.entities) == MAX_ENTITIES
    with pytest.raises(Unprocessable) as refused:
        merge_plan(brief, {"entities": [_entity(n) for n in range(MAX_ENTITIES + 1)]})
    assert f"keep it to {MAX_ENTITIES}" in str(refused.value)


def test_a_correction_with_too_many_fields_or_choices_is_refused() -> None:
    brief = derive_brief(IDEA)
    with pytest.raises(Unprocessable, match=f"keep it to {MAX_FIELDS}"):
        merge_plan(brief, {"entities": [_entity(0, fields=MAX_FIELDS + 1)]})
    with pytest.raises(Unprocessable, match=f"keep it to {MAX_CHOICES} choices"):
        merge_plan(brief, {"entities": [_entity(0, choices=MAX_CHOICES + 1)]})


def test_a_model_plan_with_one_thing_too_many_is_rejected_whole() -> None:
    assert len(model_plan.parse_plan(_model_answer(MAX_ENTITIES), IDEA).entities) == MAX_ENTITIES
    with pytest.raises(model_plan.PlanRejected):
        model_plan.parse_plan(_model_answer(MAX_ENTITIES + 1), IDEA)
    with pytest.raises(model_plan.PlanRejected):
        model_plan.parse_plan(_model_answer(tagline="x" * (TEXT_LIMITS["tagline"] + 1)), IDEA)


def test_the_app_generator_cuts_a_stored_plan_to_the_same_limits() -> None:
    # A brief read back from storage has not been through validation: the generator holds it.
    brief = derive_brief(IDEA)
    field = Field("name", "N" * 500, "text")
    many = tuple(
        Entity(f"Thing {n}", "T" * 500, f"things-{n}", (field,) * (MAX_FIELDS + 4), ())
        for n in range(MAX_ENTITIES + 3)
    )
    hostile = dataclasses.replace(
        brief, entities=many, features=tuple(f"F{n} " + "x" * 500 for n in range(20))
    )
    spec = build_spec(hostile)
    assert len(spec.entities) == MAX_ENTITIES
    assert all(len(e["fields"]) == MAX_FIELDS for e in spec.entities)
    assert all(len(e["plural"]) <= ENTITY_NAME_MAX for e in spec.entities)
    assert all(len(f["label"]) <= LABEL_MAX for e in spec.entities for f in e["fields"])
    assert len(spec.features) == MAX_FEATURES
    assert all(len(f) <= FEATURE_MAX for f in spec.features)


def test_the_models_plan_schema_states_the_schemas_limits() -> None:
    properties = model_plan.SCHEMA["properties"]
    for key, limit in TEXT_LIMITS.items():
        assert properties[key]["maxLength"] == limit
    assert properties["features"]["maxItems"] == MAX_FEATURES
    assert properties["features"]["items"]["maxLength"] == FEATURE_MAX
    entities = properties["entities"]
    assert entities["maxItems"] == MAX_ENTITIES
    entity = entities["items"]["properties"]
    assert entity["singular"]["maxLength"] == ENTITY_NAME_MAX
    assert entity["fields"]["maxItems"] == MAX_FIELDS
    field = entity["fields"]["items"]["properties"]
    assert field["label"]["maxLength"] == LABEL_MAX
    assert field["choices"]["maxItems"] == MAX_CHOICES


def test_the_api_documents_a_correction_with_the_same_limits() -> None:
    documented = ProjectPatch.model_json_schema()["properties"]["brief"]
    assert {k: v for k, v in documented.items() if k != "default"} == correction_json_schema()
    text = json.dumps(documented)
    assert "$ref" not in text  # nothing the OpenAPI page can't resolve
    assert documented["properties"]["entities"]["maxItems"] == MAX_ENTITIES
    fields = documented["properties"]["entities"]["anyOf"][0]["items"]["properties"]["fields"]
    assert fields["maxItems"] == MAX_FIELDS


def test_a_models_change_can_name_no_more_choices_than_a_plan_holds() -> None:
    brief: Brief = derive_brief(IDEA)
    shape = json.dumps(change_schema(brief))
    assert f'"maxItems": {MAX_CHOICES}' in shape
    assert f'"maxLength": {LABEL_MAX}' in shape
