"""Plans given as founders' apps for the change-reader tests, and what a change did to them."""

from __future__ import annotations

from typing import Any

from livebuild.brief import Brief, derive_brief
from livebuild.brief.changes import ChangeResult
from livebuild.brief.validate import merge_plan


def plan(idea: str, kinds: list[dict[str, Any]]) -> Brief:
    """The plan of `idea` with its kinds set to `kinds` (fields as [label, kind, *choices])."""
    entities = [
        {
            "singular": k["singular"],
            **({"plural": k["plural"]} if "plural" in k else {}),
            "fields": [{"label": f[0], "kind": f[1], "choices": list(f[2:])} for f in k["fields"]],
        }
        for k in kinds
    ]
    patch = {"product_name": "Test App", "tagline": "Kept", "features": [], "entities": entities}
    return merge_plan(derive_brief(idea), patch)


def said(result: ChangeResult) -> str:
    """Everything the founder was told about a change."""
    return " ".join([*result.made, *result.unmade, *(s.text for s in result.suggestions)])


def field_of(result: ChangeResult, plural: str, label: str) -> Any:
    entity = next(e for e in result.brief.entities if e.plural == plural)
    return next((f for f in entity.fields if f.label == label), None)


def labels_of(result: ChangeResult, plural: str) -> list[str]:
    entity = next(e for e in result.brief.entities if e.plural == plural)
    return [f.label for f in entity.fields]
