"""The rules fill in what the model left out: a record kind both readers allow.

A small model often stops after the first record or two ("deliveries" of "vans, drivers and
deliveries"). The rules' own plan reads the same idea; each record kind it keeps that the
English layer also offers as a record candidate (so never an analogy, verb, number, time or
attribute) and that the model didn't choose is added after the model's, up to the plan's
limit. The model's order, details and links stand.
"""

from __future__ import annotations

import dataclasses

from livebuild.brief.model import MAX_ENTITIES, Brief
from livebuild.brief.model_reading import Candidates, Decisions, RecordChoice
from livebuild.english.forms import singular


def _offered(name: str, names: Candidates) -> str:
    """The candidate the rules' record kind is ("yard horse" -> "horse"), or ""."""
    if name in names.records:
        return name
    head = name.split()[-1] if name else ""
    return head if head in names.records else ""


def with_rules_records(decisions: Decisions, rules: Brief, names: Candidates) -> Decisions:
    """`decisions` with the rules' record kinds the model left out, where both allow them."""
    records = list(decisions.records)
    heads = {singular(r.name.split()[-1]) for r in records}
    for entity in rules.entities:
        if len(records) >= MAX_ENTITIES:
            break
        name = _offered(entity.singular.lower(), names)
        if name and singular(name.split()[-1]) not in heads:
            records.append(RecordChoice(name, (), ()))
            heads.add(singular(name.split()[-1]))
    return dataclasses.replace(decisions, records=tuple(records))
