"""The judge of built vs planned reads "sort by X" against the columns the generated app's
list really shows: its `table_fields` is tied to the app's own (`appgen/files/records.py`),
run here as the app runs it, on the app's entities built from the same plans."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from typing import Any

import pytest

from livebuild.appgen.spec import build_spec
from livebuild.brief import derive_brief
from livebuild.brief.feature_truth import table_fields
from livebuild.brief.model import Entity, Field

AppEntity = dict[str, Any]


def _app_table_fields() -> Callable[[AppEntity], list[AppEntity]]:
    """The generated app's `records.table_fields`, compiled from its template on its own (the
    rest of the template imports the app's modules, which exist only in a generated app)."""
    source = resources.files("livebuild.appgen").joinpath("files/records.py").read_text("utf-8")
    tree = ast.parse(source)
    found: list[ast.stmt] = [
        n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "table_fields"
    ]
    assert len(found) == 1, "the app's list has one table_fields"
    namespace: dict[str, Any] = {"Any": Any, "Entity": AppEntity}
    exec(compile(ast.Module(body=found, type_ignores=[]), "records.py", "exec"), namespace)
    function: Callable[[AppEntity], list[AppEntity]] = namespace["table_fields"]
    return function


def _many_fields(base: Entity) -> Entity:
    """`base` with long texts before short fields and more fields than the list shows."""
    kinds = ("longtext", "text", "longtext", "date", "money", "choice", "number", "text")
    fields = [base.fields[0]] + [
        Field(f"extra_{i}", f"Extra {i}", kind, ("A", "B") if kind == "choice" else ())
        for i, kind in enumerate(kinds)
    ]
    return replace(
        base, singular="Extra", plural="Extras", slug="extras", fields=tuple(fields), seed=()
    )


IDEAS = (
    "A salon app for clients and their appointments, with notes on each visit",
    "A garden log of plants, beds and harvests with weights and dates",
    "Invoicing for freelance designers in London, called Paidup",
    "A repair shop tracker: jobs with customer, device, fault, quote, stage and long notes",
)


@pytest.mark.parametrize("idea", IDEAS)
def test_the_judge_reads_the_columns_the_app_lists(idea: str) -> None:
    brief = derive_brief(idea)
    brief = replace(brief, entities=(*brief.entities, _many_fields(brief.entities[0])))
    app = _app_table_fields()
    spec = build_spec(brief)
    assert len(spec.entities) == len(brief.entities)
    for entity, app_entity in zip(brief.entities, spec.entities, strict=True):
        judged = [f.label for f in table_fields(entity)]
        shown = [f["label"] for f in app(app_entity)]
        assert judged == shown, entity.plural
