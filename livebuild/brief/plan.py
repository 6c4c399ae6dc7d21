"""The plan for an idea: the model decides what it keeps, the rules write it; else read offline.

The offline reader refuses (a 422) what it can't read rather than guess. With a model, an
English idea is read by the English layer into candidate nouns and the model makes a few small
decisions about them (`model_reading`), from which the rules write the plan (`from_decisions`);
an idea in another language goes to the model as written for a whole plan. Whatever goes wrong
there (no answer in time, an answer that can't be used) falls back to the offline plan.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging

from livebuild.brief.app_verdict import english_verdict
from livebuild.brief.derive import derive_brief
from livebuild.brief.english_layer import warm_english
from livebuild.brief.model import Brief
from livebuild.brief.model_labels import SYSTEM_PROMPT as LABELS_PROMPT
from livebuild.brief.model_labels import candidates, labels_schema, parse_labels
from livebuild.brief.model_labels import prompt as labels_prompt
from livebuild.brief.model_plan import (
    CONSTRAINED_PROMPT,
    CONSTRAINED_SCHEMA,
    SYSTEM_PROMPT,
    PlanRejected,
    parse_plan,
    prompt,
)
from livebuild.brief.model_reading import SYSTEM_PROMPT as DECISIONS_PROMPT
from livebuild.brief.model_reading import (
    Decisions,
    ReadingRejected,
    RecordChoice,
    decisions_schema,
    parse_decisions,
)
from livebuild.brief.model_reading import prompt as decisions_prompt
from livebuild.brief.model_records import added_back, idea_nouns
from livebuild.brief.model_split import RULES_FIRST, named_by_model, split_plan
from livebuild.brief.model_unsure import (
    contested,
    parse_kept,
    question,
    unsure_schema,
    with_second_look,
)
from livebuild.brief.readable import NotARecordApp, UnreadableIdea, check_readable
from livebuild.english import app_kind, spelling
from livebuild.english.app_kind import RECORDS, app_kinds
from livebuild.english.idea import read_once
from livebuild.english.reading import Reading
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task

log = logging.getLogger(__name__)

# A plan with eight records and their sample rows fits comfortably.
_MAX_TOKENS = 6000
# The decisions are short: eight records with their details and links fit in this.
_DECISION_TOKENS = 600
# The second look names a few of at most six nouns.
_LOOK_TOKENS = 80


def warm_offline_reader() -> None:
    """Load the English pipeline, dictionary and embeddings (about two seconds, once a process),
    so the first founder's plan is as quick as the rest. Without the English layer, livebuild
    still serves: plans come from the rules alone and say so (`english_layer`)."""
    warm_english()
    spelling.known("warm")
    app_kind.warm()


def offline_plan(
    idea: str, name: str | None = None, *, record_apps_only: bool = True, judged: bool = True
) -> Brief:
    """The brief for `idea`; raises `UnreadableIdea` (a 422) when it is too vague or not English,
    and `NotARecordApp` (a 422) for a timer, game or page, unless `record_apps_only` is off.
    `judged`: the learned judge chooses the record kinds (`kind_judge`), else the rules alone."""
    reading = read_once(idea)
    check_readable(idea, reading)
    brief = derive_brief(idea, name, reading=reading, judged=judged)
    if record_apps_only and brief.app_kind != RECORDS:
        kind = next(k for k in app_kinds().kinds if k.name == brief.app_kind)
        raise NotARecordApp(
            kind, app_kind.about(reading.english), app_kind.named(reading.english, kind)
        )
    return brief


async def model_plan(
    provider: ModelProvider, idea: str, name: str | None, *, timeout_s: float
) -> Brief:
    """The model's whole plan for an idea the English layer can't read (another language);
    raises `PlanRejected`, `ProviderError` or `TimeoutError`."""
    task = Task("plan", {}, {"idea": idea, "name": name}, schema=CONSTRAINED_SCHEMA)
    system = CONSTRAINED_PROMPT if provider.constrains_output else SYSTEM_PROMPT
    async with asyncio.timeout(timeout_s):
        completion = await provider.complete(
            system, [Message("user", prompt(idea, name))], task, max_tokens=_MAX_TOKENS
        )
    brief = parse_plan(completion.text, idea, name)
    return dataclasses.replace(brief, reader=_reader(provider))


def _reader(provider: ModelProvider) -> str:
    return "local" if provider.name == "local" else "model"


def _with_rules(decisions: Decisions, rules: Brief | None, reading: Reading) -> Decisions:
    """The model's records, then those the idea plainly names that the rules chose and the
    model left out."""
    if rules is None:
        return decisions
    chosen = [r.name for r in decisions.records]
    # A noun the model said is no record (labelled a detail, the business...) stays out.
    offered = [
        e.singular
        for e in rules.entities
        if e.singular.lower().split()[-1] not in decisions.declined
    ]
    extra = added_back(chosen, offered, idea_nouns(reading))
    records = (*decisions.records, *(RecordChoice(name, (), ()) for name in extra))
    return dataclasses.replace(decisions, records=records)


async def _plain_kind(idea: str, name: str | None, rules: Brief | None, model: str) -> str:
    """The kind of app to answer plainly for an idea the model calls `model` (a timer, a
    game...), or "records" for a plan. The model's verdict stands beside the English layer's
    (`app_verdict`: the rules and the learned judge of plain answers): either saying the idea
    is no record-keeping app makes a plain answer, unless the other is sure it keeps records.
    The English layer is asked before the model, so here it read records; a small model calls
    a record app a page now and then ("Calendly for groomers"), and the English layer is sure
    of records for most of those ("track each booking")."""
    verdict = await asyncio.to_thread(english_verdict, idea, name, rules)
    if verdict.kind != RECORDS or not verdict.sure_records:
        return verdict.kind if verdict.kind != RECORDS else model
    return RECORDS


async def decided_plan(
    provider: ModelProvider,
    idea: str,
    name: str | None,
    *,
    timeout_s: float,
    rules: Brief | None = None,
    labels: bool = False,
) -> Brief:
    """The plan the rules write from the model's decisions about `idea`; raises
    `NotARecordApp` when the model says it is a timer, game... and the English layer (the rules
    and the learned judge of plain answers) is not sure it keeps records (`_plain_kind`),
    else `ReadingRejected`, `ProviderError` or `TimeoutError` when its answer can't be used.
    `rules`, the rules' own plan, adds back records the idea plainly names. The model names
    the records freely; with `labels` it labels the English layer's candidate nouns instead
    (`model_labels`: measured, not yet better, see docs/benchmarks.md)."""
    ends = asyncio.get_running_loop().time() + timeout_s
    reading = (await asyncio.to_thread(read_once, idea)).english
    nouns = candidates(reading) if labels else ()
    if nouns:
        task = Task("plan", {}, {"idea": idea, "name": name}, schema=labels_schema(nouns))
        system, asked = LABELS_PROMPT, labels_prompt(reading.fixed, nouns)
    else:
        task = Task("plan", {}, {"idea": idea, "name": name}, schema=decisions_schema())
        system, asked = DECISIONS_PROMPT, decisions_prompt(reading.fixed)
    async with asyncio.timeout(timeout_s):
        completion = await provider.complete(
            system, [Message("user", asked)], task, max_tokens=_DECISION_TOKENS
        )
    if nouns:
        decisions = parse_labels(completion.text, idea, reading, nouns)
    else:
        decisions = parse_decisions(completion.text, idea, reading)
    if decisions.app != RECORDS:
        plain = await _plain_kind(idea, name, rules, decisions.app)
        if plain == RECORDS and not decisions.records:
            # The model keeps nothing of "a trivia night app where teams answer questions":
            # a plan would be of nothing the idea says, so the model's kind stands.
            plain = decisions.app
        if plain != RECORDS:
            kind = next(k for k in app_kinds().kinds if k.name == plain)
            raise NotARecordApp(kind, app_kind.about(reading), app_kind.named(reading, kind))
    if provider.plan_split not in RULES_FIRST or rules is None or rules.app_kind != RECORDS:
        decisions = _with_rules(decisions, rules, reading)
    elif provider.plan_split == "vote-look":
        said = [Message("user", asked), Message("assistant", completion.text)]
        decisions = await _second_look(provider, system, said, decisions, rules, idea, ends)
    brief = await asyncio.to_thread(split_plan, provider.plan_split, idea, name, decisions, rules)
    return dataclasses.replace(brief, reader=_reader(provider))


async def _second_look(
    provider: ModelProvider,
    system: str,
    said: list[Message],
    decisions: Decisions,
    rules: Brief,
    idea: str,
    ends: float,
) -> Decisions:
    """`decisions` with the model's second look at the kinds its readers disagree on
    (`model_unsure`), asked in the same conversation within what is left of the reading's
    time; as they were when there is nothing to ask or the answer can't be had or used."""
    nouns = contested(
        [e.singular for e in rules.entities],
        named_by_model(decisions),
        [r.name for r in decisions.records if r.name not in {i.name for i in decisions.implied}],
    )
    left = ends - asyncio.get_running_loop().time()
    if not nouns or left <= 0:
        return decisions
    task = Task("plan", {}, {"idea": idea, "asked": list(nouns)}, schema=unsure_schema(nouns))
    try:
        async with asyncio.timeout(left):
            completion = await provider.complete(
                system, [*said, Message("user", question(nouns))], task, max_tokens=_LOOK_TOKENS
            )
        kept = parse_kept(completion.text, nouns)
    except _FAILURES as error:
        # Technical (a time-out, an answer that can't be read): logs only; the vote stands.
        log.warning("model's second look failed (%s), voting without it: %r", provider.name, error)
        return decisions
    return with_second_look(decisions, nouns, kept)


def _english_readable(idea: str) -> bool:
    try:
        check_readable(idea)
    except UnreadableIdea:
        return False
    return True


async def make_plan(
    idea: str,
    name: str | None,
    provider: ModelProvider | None,
    *,
    timeout_s: float,
    judged: bool = True,
) -> Brief:
    """The plan: the model decides what the idea keeps and the rules write it, falling back to
    `offline_plan` on any failure. A provider with a budget of its own for reading an idea
    (the local model) takes that instead of `timeout_s`.

    An idea that isn't a record-keeping app is answered plainly (a 422) when the rules or the
    model say so. An idea the English layer can't read (another language) is planned whole by
    the model, and with no model, or when it fails, refused plainly (a 422). `judged`: the
    learned judge of record kinds writes the rules' plan (`LIVEBUILD_PLAN_KIND_JUDGE`)."""
    if provider is None:
        return await asyncio.to_thread(offline_plan, idea, name, judged=judged)
    budget = provider.plan_timeout_s or timeout_s
    if not await asyncio.to_thread(_english_readable, idea):
        try:
            return await model_plan(provider, idea, name, timeout_s=budget)
        except _FAILURES as error:
            _failed(provider, error)
        return await asyncio.to_thread(offline_plan, idea, name, judged=judged)  # the plain 422
    # The rules' plan first (tens of milliseconds): the rules and the learned judge of plain
    # answers say plainly when the idea is a timer or a game without asking the model (a plain
    # answer never costs a model call), and it is the plan if the model fails.
    rules = await asyncio.to_thread(offline_plan, idea, name, judged=judged)
    try:
        labels = provider.plan_reading == "labels"
        return await decided_plan(
            provider, idea, name, timeout_s=budget, rules=rules, labels=labels
        )
    except _FAILURES as error:
        _failed(provider, error)
    return rules


_FAILURES = (ProviderError, TimeoutError, PlanRejected, ReadingRejected)


def _failed(provider: ModelProvider, error: BaseException) -> None:
    # The reason is technical (a vendor message, a parse error, a time-out): logs only.
    log.warning("model plan failed (%s), using the rules' plan: %r", provider.name, error)
