"""Which reader does which part of a model-read plan (`LIVEBUILD_MODEL_PLAN_SPLIT`).

The rules choose an idea's record kinds as well as the local model does and make fewer junk
kinds (measured on spent rounds 16 and 17, docs/benchmarks.md), in a twentieth of a second;
the model reads more of the details and links the idea says of them. So by default
(`rules-kinds`) the plan keeps the rules' kinds, adds a kind the model named that the rules
left out only when the learned judge (`kind_judge`) also scores that noun a record, and then
takes the details and links the model said of each kind. `model` keeps the model's kinds
(with the rules adding back those the idea plainly lists) and its details and links;
`model-kinds` the model's kinds with the rules' own details and links.
"""

from __future__ import annotations

import dataclasses

from livebuild.brief import kind_judge
from livebuild.brief.derive import derive_brief
from livebuild.brief.from_decisions import brief_from_decisions, with_model_details
from livebuild.brief.kinds import record_things
from livebuild.brief.model import MAX_ENTITIES, Brief
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.brief.model_records import related
from livebuild.english.app_kind import RECORDS
from livebuild.english.idea import read_once
from livebuild.english.shapes import chosen_things

SPLITS = ("rules-kinds", "model", "model-kinds")


def judged_extra(idea: str, decisions: Decisions, rules: Brief) -> list[str]:
    """The model's own records (not those it says the idea implies) that no kind of the rules'
    plan is, which the learned judge scores a record too (its `threshold` or more), in the
    model's order, within the plan's limit."""
    read = read_once(idea)
    things = record_things(chosen_things(read.shapes, MAX_ENTITIES), read.english, MAX_ENTITIES)
    try:
        judge = kind_judge.current()
        scores = {c.head: s for c, s in kind_judge.scored(read.english, things)}
    except kind_judge.JudgeError:
        return []  # a broken install: the rules' kinds stand alone
    implied = {i.name for i in decisions.implied}
    heads = [e.singular.lower().split()[-1] for e in rules.entities]
    extra: list[str] = []
    for record in decisions.records:
        head = record.name.split()[-1]
        if record.name in implied or len(heads) >= MAX_ENTITIES:
            continue
        if any(related(head, h) or related(h, head) for h in heads):
            continue
        if scores.get(head, 0.0) >= judge.threshold:
            extra.append(record.name)
            heads.append(head)
    return extra


def split_plan(
    split: str, idea: str, name: str | None, decisions: Decisions, rules: Brief | None
) -> Brief:
    """The plan from the model's `decisions` and the rules' own plan, split as `split` says
    (`SPLITS`); without the rules' plan, or for an app the rules say keeps no records, the
    model's kinds."""
    if split == "rules-kinds" and rules is not None and rules.app_kind == RECORDS:
        extra = judged_extra(idea, decisions, rules)
        base = rules
        if extra:
            base = derive_brief(idea, name, records=[*(e.singular for e in rules.entities), *extra])
        brief = with_model_details(base, decisions, idea)
        return dataclasses.replace(brief, target_users=rules.target_users)
    if split == "model-kinds":
        plain = tuple(RecordChoice(r.name, (), ()) for r in decisions.records)
        decisions = dataclasses.replace(decisions, records=plain)
    return brief_from_decisions(idea, name, decisions)
