"""Where the local model's plans lost a kind the idea names, or made a junk one: the step.

    python -m bench.model_causes ROUND FILE [--verbose]

FILE holds the model's raw readings of a spent round's ideas (`bench.replay_plans record`).
Each record idea's reading is replayed step by step, as `bench.kind_causes` does for the rules:
the names the model wrote (its records, their links, the kinds it says the idea implies), those
the rules' check kept (`model_reading._records`), the kinds the idea supports among the implied
ones, the judge's sure kinds and the rules' kinds added back (the merge), and the plan written
from them (`plan.make_plan` with the same answer, split as `LIVEBUILD_MODEL_PLAN_SPLIT` says).
Each `expect` group the plan misses is put down to the first step that lost it, each junk kind
to the step that made it, and the causes are counted. Spent rounds only (3 to 21).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.kind_causes import Cause, print_causes
from bench.replay_plans import Replayed, _cases, _plan
from bench.understanding_names import kind_in_group
from bench.understanding_plans import IdeaCase, entity_names
from livebuild.brief.model_added import sure_kinds
from livebuild.brief.model_labels import candidates
from livebuild.brief.model_reading import (
    ReadingRejected,
    _records,
    answer_object,
    implied_of,
    mentioned,
)
from livebuild.brief.model_records import idea_nouns, junk, normalised
from livebuild.brief.model_split import RULES_FIRST
from livebuild.brief.plan import offline_plan
from livebuild.core.errors import LivebuildError
from livebuild.english.app_kind import RECORDS
from livebuild.english.idea import read_once
from livebuild.providers.base import ModelProvider


@dataclass
class Steps:
    """What each step of the model's path held for one idea."""

    offered: list[str]  # the English layer's candidate nouns
    written: list[str]  # every name the model wrote (records, links, implied)
    checked: list[str]  # its records the rules' check kept
    implied: list[str]  # its implied kinds the idea supports
    sure: list[str]  # the judge's sure kinds, added
    rules: list[str]  # the rules' own plan's kinds
    plan: list[list[str]]  # the plan's kinds (plural, singular)
    reader: str = ""
    rejected: str = ""
    why_dropped: dict[str, str] = field(default_factory=dict)


def _names(data: dict[str, Any]) -> list[str]:
    items = [i for i in data.get("records") or [] if isinstance(i, dict)]
    names = [str(i.get("name") or "") for i in items]
    names += [str(x) for i in items for x in i.get("links") or [] if isinstance(x, str)]
    return [*names, *(str(x) for x in data.get("implied") or [] if isinstance(x, str))]


def steps(case: IdeaCase, answer: str, plan: dict[str, Any] | None, reader: str) -> Steps:
    reading = read_once(case.text).english
    nouns = idea_nouns(reading)
    try:
        rules = [e.singular for e in offline_plan(case.text).entities]
    except LivebuildError:
        rules = []
    entities = (plan or {}).get("entities") or []
    at = Steps(
        list(candidates(reading)), [], [], [], [], rules, [entity_names(e) for e in entities]
    )
    at.reader = reader
    try:
        data = answer_object(answer)
    except ReadingRejected as error:
        at.rejected = str(error)
        return at
    at.written = [n for n in _names(data) if n]
    records = _records(data.get("records"), reading)
    at.checked = [r.name for r in records]
    implied = implied_of(data.get("implied"), reading, records)
    at.implied = [i.name for i in implied]
    chosen = [*at.checked, *at.implied]
    if data.get("app") == RECORDS:
        at.sure = sure_kinds(case.text, chosen, nouns, mentioned(data))
    for name in at.written:
        said = normalised(name, reading.corrections)
        at.why_dropped[name] = junk(said, nouns) if said else "not a name"
    return at


def _split() -> str:
    return os.environ.get("LIVEBUILD_MODEL_PLAN_SPLIT", ModelProvider.plan_split)


def _has(names: list[str], group: list[str]) -> bool:
    return any(kind_in_group([n], group) for n in names)


def _lost(group: list[str], at: Steps) -> tuple[str, str]:
    if at.reader != "local":
        return "the rules' plan (the model's answer unused)", at.rejected
    if _split() in RULES_FIRST and _has(at.rules, group):
        return "the rules had it; no second reader backed it (split.agreed)", ""
    if _has([*at.checked, *at.implied, *at.sure], group):
        if _split() in RULES_FIRST and not _has(at.rules, group):
            return "the rules lacked it; the judge didn't score the model's name a record", ""
        return "lost writing the plan from the decisions (merged or cut)", ""
    written = [n for n in at.written if kind_in_group([n], group)]
    if written:
        why = at.why_dropped.get(written[0]) or "one per head, a link or the unsaid limit"
        return f"the rules' check dropped the model's name: {why}", written[0]
    if _has(at.rules, group):
        return "merge: the rules had it, not added back", ""
    if _has(at.offered, group):
        return "the model's pick: a candidate noun it didn't name", ""
    return "never offered: no candidate noun, the model didn't name it", ""


def _made(names: list[str], at: Steps) -> tuple[str, str]:
    def source(kinds: list[str]) -> str | None:
        return next((k for k in kinds if kind_in_group(names, [k])), None)

    if at.reader != "local":
        return "the rules' plan (the model's answer unused)", ""
    if _split() in RULES_FIRST:
        found = source(at.rules)
        if found is not None:
            return "the rules' kind, backed by the model, the idea or the judge", found
        return "the model's name, the judge agreeing", source(at.checked) or ""
    for kinds, stage in (
        (at.checked, "the model's name, passed the rules' check"),
        (at.implied, "the model's implied kind, supported by the idea"),
        (at.sure, "merge: the judge's sure kinds"),
        (at.rules, "merge: added back from the rules"),
    ):
        found = source(kinds)
        if found is not None:
            return stage, found
    return "written by the rules from the decisions", ""


def trace(case: IdeaCase, answer: str, plan: dict[str, Any] | None, reader: str) -> list[Cause]:
    at = steps(case, answer, plan, reader)
    verdict_names = at.plan
    causes = []
    for group in case.expect:
        if not any(kind_in_group(n, group) for n in verdict_names):
            causes.append(Cause(case.id, "missed", group[0], *_lost(group, at)))
    wanted = [*case.expect, *([s] for s in case.allowed)]
    for names in verdict_names:
        if names and not any(kind_in_group(names, g) for g in wanted):
            causes.append(Cause(case.id, "junk", names[0], *_made(names, at)))
    return causes


async def _all(round_: int, file: Path) -> list[Cause]:
    answers = json.loads(await asyncio.to_thread(file.read_text))
    provider = Replayed(answers)
    cases = [c for c in _cases(round_) if c.text in answers and c.record_app]
    causes: list[Cause] = []
    for case in cases:
        answer = await _plan(case, provider)
        brief = answer.brief or {}
        causes += trace(case, answers[case.text], brief, str(brief.get("reader") or ""))
    return causes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round", type=int)
    parser.add_argument("file", type=Path)
    parser.add_argument("--verbose", action="store_true", help="each cause, not just counts")
    args = parser.parse_args(argv)
    causes = asyncio.run(_all(args.round, args.file))
    print_causes(causes, args.verbose)


if __name__ == "__main__":
    main()
