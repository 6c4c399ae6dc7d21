"""A change request read by the configured model, checked and made by the rules.

The model is shown the plan as a short outline and answers with typed operations bound to
the plan's own names (`change_schema`); nothing it says is applied as text. Each operation
is checked against the plan and made by the same rules as the rules' own reading
(`change_apply`). The rules read the request too (a few milliseconds), which keeps the
model honest where it is cheap to tell: a request the rules know no app can do is declined
by the rules' words; a removal the rules didn't read, or a reading that shares nothing with
a sure reading of the rules, is offered to confirm rather than made. Whatever goes wrong with
the model falls back to the rules: an answer that isn't a list of operations on this plan is
said in the logs only; no answer within the change budget (a busy model on shared cores) is
said to the founder in one plain line too, so they never wait longer than the budget.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
from typing import Any

from livebuild.brief.change_ops import (
    AddEntity,
    Cannot,
    Operation,
    Reading,
    RemoveEntity,
    RenameEntity,
    RenameField,
    Suggestion,
)
from livebuild.brief.change_parts import plan_names, split_parts
from livebuild.brief.change_reader import read_change
from livebuild.brief.change_schema import Unreadable, read_answer, schema
from livebuild.brief.change_whole import closest, read_limits
from livebuild.brief.changes import ChangeResult, apply_change, apply_reading, on_aim
from livebuild.brief.model import Brief
from livebuild.brief.model_change_prompt import Target, system_prompt, user_prompt
from livebuild.brief.model_change_reconcile import mend, reconcile, sure
from livebuild.brief.model_change_resolve import resolved
from livebuild.brief.model_change_tidy import said_choices, tidy
from livebuild.brief.model_change_vote import (
    agreed,
    colour_read,
    limit_stands,
    offered_beside,
    settles,
    vote,
)
from livebuild.providers.base import (
    Message,
    ModelProvider,
    ProviderBusy,
    ProviderError,
    ProviderTimeout,
    Task,
)
from livebuild.safety.guardrails import founder_safe

log = logging.getLogger(__name__)

# A request asks for one to three operations, 15-60 tokens each written compactly: four fit
# within this. An answer past it is cut off and read as no answer (the rules read the
# request); each token is CPU time on a small machine, so the bound is tight.
MAX_TOKENS = 160
# What a change reading may answer with, tighter than a plan allows: a request names a few
# operations, a new kind of record a few details, a reason for "can't" is a sentence.
_MOST_OPERATIONS = 4
_MOST_ITEMS = 8
_MOST_WHY = 120
MAX_ANSWER = 20_000
# Said when the model had no answer in time and the rules read the request alone.
NOT_IN_TIME = (
    "The language model was busy, so this was read the simpler way; if it isn't what you "
    "meant, say it again in a moment."
)
# What no name a founder means holds: markup, template braces, an address.
_MARKUP = re.compile(r"[<>{}`]|\b(?:https?|javascript|data):", re.I)


async def model_reading(
    provider: ModelProvider,
    brief: Brief,
    request: str,
    target: Target | None,
    *,
    timeout_s: float,
) -> Reading:
    """The model's reading of `request`; raises `ProviderError`, `TimeoutError` or
    `Unreadable` (an answer that isn't a list of operations this plan can take)."""
    task = Task(
        "change", {}, {"change_request": request}, schema=answer_schema(brief), within_s=timeout_s
    )
    system = system_prompt(brief, constrained=provider.constrains_output)
    prompt = user_prompt(brief, request, target)
    async with asyncio.timeout(timeout_s):
        completion = await provider.complete(
            system, [Message("user", prompt)], task, max_tokens=MAX_TOKENS
        )
    reading = resolved(brief, read_answer(brief, _operations(completion.text)), request)
    reading.operations = [said_choices(tidy(op), request) for op in reading.operations]
    _check(brief, reading)
    return reading


def answer_schema(brief: Brief) -> dict[str, Any]:
    """The answer's JSON schema for this plan, bounded tightly and written compactly: a
    model held to it writes no indents or line breaks (a pretty-printed answer took about
    twice the tokens, each a fraction of a second on shared cores) and stops at the closing
    bracket."""
    shape: dict[str, Any] = _tightened(schema(brief))
    shape["maxItems"] = _MOST_OPERATIONS
    shape["x-guidance"] = {"whitespace_flexible": False}
    return shape


def _tightened(shape: Any) -> Any:
    """`shape` with every list at most `_MOST_ITEMS` long and a reason at most `_MOST_WHY`."""
    if isinstance(shape, list):
        return [_tightened(item) for item in shape]
    if not isinstance(shape, dict):
        return shape
    tight = {key: _tightened(value) for key, value in shape.items()}
    if isinstance(tight.get("maxItems"), int):
        tight["maxItems"] = min(tight["maxItems"], _MOST_ITEMS)
    properties = tight.get("properties", {})
    for name in ("why", "feature"):
        if isinstance(properties.get(name), dict):
            properties[name]["maxLength"] = _MOST_WHY
    return tight


def _operations(answer: str) -> Any:
    """The list in a model's answer: bare, in a code fence, or as {"operations": [...]}."""
    if len(answer) > MAX_ANSWER:
        raise Unreadable("the answer is longer than any list of operations")
    start = min((i for i in (answer.find("["), answer.find("{")) if i >= 0), default=-1)
    end = max(answer.rfind("]"), answer.rfind("}"))
    if start < 0 or end <= start:
        raise Unreadable("no JSON in the answer")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as error:
        raise Unreadable(f"not JSON: {error.msg}") from None
    if isinstance(data, dict) and len(data) == 1:
        data = next(iter(data.values()))
    if isinstance(data, dict) and "op" in data:
        data = [data]
    return data


def _check(brief: Brief, reading: Reading) -> None:
    """Refuse a reading that names a field its record kind doesn't have, or that would
    remove every kind of record: a model that confused, or hostile, has read nothing."""
    fields = {e.slug: {f.name for f in e.fields} for e in brief.entities}
    for operation in reading.operations:
        field = getattr(operation, "field", None)
        entity = getattr(operation, "entity", None)
        if entity is not None and entity not in fields:
            raise Unreadable(f"no record kind {entity!r}")
        if field is not None and field not in fields[str(entity)]:
            raise Unreadable(f"{entity!r} has no field {field!r}")
    for operation in reading.operations:
        words = [str(getattr(operation, key, "")) for key in ("new", "name", "label", "text")]
        words += list(getattr(operation, "choices", ()))
        if any(_MARKUP.search(word) for word in words):
            raise Unreadable("markup or an address in a name")
    removed = {op.entity for op in reading.operations if isinstance(op, RemoveEntity)}
    if removed and removed >= set(fields):
        raise Unreadable("the answer removes every kind of record")


def make(
    brief: Brief, reading: Reading, reader: str, request: str = "", about: str | None = None
) -> ChangeResult:
    """`reading` (of `request`) made on `brief`, operation by operation; a record kind or field
    renamed by one is found under its new name by those after it. A field change aimed at
    another kind than the request names is not made (`changes.on_aim`); `about`: the kind the
    founder pointed at."""
    result = ChangeResult(
        brief, reader=reader, parts=len(split_parts(request, plan_names(brief))) or 1
    )
    slugs: dict[str, str] = {}
    keys: dict[tuple[str, str], str] = {}
    for operation in reading.operations:
        operation = _renamed(operation, slugs, keys)
        before = result.brief
        if isinstance(operation, Cannot):
            operation, nearest = declined(brief, request, operation.why)
            apply_reading(result, Reading(operations=[operation]))
            if nearest is not None and nearest not in result.suggestions:
                result.suggestions.append(nearest)
            continue
        apply_reading(result, Reading(operations=[operation]))
        _follow(before, result.brief, operation, slugs, keys)
    apply_reading(result, Reading(not_understood=reading.not_understood))
    apply_reading(result, Reading(suggestions=reading.suggestions))
    result.unmade = [founder_safe(line) or "We couldn't make one part." for line in result.unmade]
    return on_aim(brief, request, result, about) if request else result


# What the app can do for a request no rule names a limit for: keep a record of it by hand.
_KEEP_A_RECORD = (
    " What the app can do is keep a record of it: say what to note, like \u201cadd a Notes "
    "field to {plural}\u201d."
)


def declined(brief: Brief, request: str, why: str) -> tuple[Cannot, Suggestion | None]:
    """A part the model says no app can do, said in the rules' plain words with the closest
    thing that can be made (offered to confirm) when the request or the model's reason names a
    limit the rules know; else the model's reason, made safe, with the plainest closest thing."""
    for said in (request, why):
        limited = read_limits(brief, said.lower())
        if limited:
            assert isinstance(limited[0], Cannot)
            return limited[0], closest(brief, said.lower())
    reason = founder_safe(why)[:200].rstrip(" .") or "We can't make that part"
    plural = brief.entities[0].plural if brief.entities else "your records"
    return Cannot(reason + "." + _KEEP_A_RECORD.format(plural=plural)), None


def _renamed(
    operation: Operation, slugs: dict[str, str], keys: dict[tuple[str, str], str]
) -> Operation:
    entity = getattr(operation, "entity", None)
    if not isinstance(entity, str) or isinstance(operation, AddEntity):
        return operation
    changes: dict[str, str] = {"entity": slugs.get(entity, entity)}
    field = getattr(operation, "field", None)
    if isinstance(field, str):
        changes["field"] = keys.get((entity, field), field)
    return dataclasses.replace(operation, **changes)  # type: ignore[arg-type]


def _follow(
    before: Brief,
    after: Brief,
    operation: Operation,
    slugs: dict[str, str],
    keys: dict[tuple[str, str], str],
) -> None:
    if before is after:
        return
    if isinstance(operation, RenameEntity):
        at = [e.slug for e in before.entities].index(operation.entity)
        slugs[operation.entity] = after.entities[at].slug
    if isinstance(operation, RenameField):
        entity = next(e for e in after.entities if e.slug == operation.entity)
        at = [f.name for f in _fields_of(before, operation.entity)].index(operation.field)
        keys[(operation.entity, operation.field)] = entity.fields[at].name


def _fields_of(brief: Brief, slug: str) -> tuple[Any, ...]:
    return next(e.fields for e in brief.entities if e.slug == slug)


def reader_of(provider: ModelProvider) -> str:
    return "local" if provider.name == "local" else "model"


async def read_and_make(
    provider: ModelProvider | None,
    brief: Brief,
    request: str,
    *,
    target: dict[str, Any] | None = None,
    timeout_s: float,
    rules_first: bool = True,
    split: str | None = None,
) -> ChangeResult:
    """`request` made on `brief`: read by `provider` when there is one, else (or when it
    fails) by the rules. With `rules_first`, a request the rules read surely is theirs and
    the model is not asked. The result says which read it."""
    aimed = Target.checked(brief, target)
    about = aimed.entity if aimed is not None else None  # what a part naming no kind is about
    if provider is None or (split or provider.change_split) == "none":
        # No model, or one asked never to read changes: the rules' reading, in milliseconds.
        return await asyncio.to_thread(apply_change, brief, request, about)
    rules = await asyncio.to_thread(read_change, brief, request, about)
    # The rules' whole reading (ms, with its second look at the request), made when theirs wins
    result = await asyncio.to_thread(apply_change, brief, request, about)
    voting = (split or provider.change_split) == "vote"
    settled = sure(rules) or (voting and settles(rules, result))
    coloured = voting and colour_read(brief, request)  # read once: the vote goes by it too
    if aimed is None and (coloured or (rules_first and settled)):
        # A colour said against the app's own is the rules' move, no model asked. Otherwise:
        # the rules read every part with nothing left over or unsure (voting: or their whole
        # reading is a shape they read exactly, or a limit they know), in milliseconds, where
        # the model takes seconds: the founder never waits for it.
        return result
    try:
        model = await model_reading(provider, brief, request, aimed, timeout_s=timeout_s)
    except (ProviderError, TimeoutError, Unreadable) as error:
        # The reason is technical (a vendor message, a parse error): logs only.
        log.warning("model change reading failed, using the rules: %r", error)
        busy = isinstance(error, (TimeoutError, ProviderTimeout, ProviderBusy))
        if busy and not (rules_first and settled):
            # The rules weren't sure of it, or every request is the model's to read: say why
            # it was read the simpler way, and how to get the closer reading. (A sure reading
            # asked about only because it was pointed at is the rules' own, said plainly.)
            result.unmade.append(NOT_IN_TIME)
        return result
    model.operations = [m for op in model.operations if (m := mend(brief, request, aimed, op))]
    if limit_stands(request, result):  # "livestream the final": their "can't", ours offered
        verdict = offered_beside(brief, request, aimed, model)
    elif voting:
        verdict = vote(brief, request, aimed, model, rules, whole=result, coloured=coloured)
    else:
        verdict = reconcile(brief, request, aimed, model, rules)
    if verdict.reading is not None:
        made = await asyncio.to_thread(
            make, brief, verdict.reading, reader_of(provider), request, about
        )
        # A reading that made and said nothing is no answer: the rules' own, "can't" included.
        return made if said_something(brief, made) else result
    if _declined_by_both(model, rules, result) or (voting and agreed(model, rules)):
        # The model read it as something no app can do too (the rules say it better), or
        # read what the rules made: both read it.
        result.reader = reader_of(provider)
    return _with_offers(result, verdict.offered)


def _with_offers(result: ChangeResult, offered: list[Suggestion]) -> ChangeResult:
    """The rules' `result` with the model's readings `offered` to confirm beside it."""
    for suggestion in offered:
        if suggestion.change_request not in {s.change_request for s in result.suggestions}:
            result.suggestions.append(suggestion)
            result.unmade.append(suggestion.text)
    return result


def said_something(brief: Brief, result: ChangeResult) -> bool:
    """Whether `result` changed the plan or tells the founder anything."""
    said = result.made or result.unmade or result.suggestions
    return bool(said) or result.brief.to_dict() != brief.to_dict()


def _declined_by_both(model: Reading, rules: Reading, whole: ChangeResult) -> bool:
    """Whether the model declined it and the rules did too (a part, or the whole request)."""
    theirs = any(isinstance(op, Cannot) for op in rules.operations)
    theirs = theirs or (whole.limit is not None and not whole.made)
    return theirs and any(isinstance(op, Cannot) for op in model.operations)


@dataclasses.dataclass(frozen=True)
class ChangeReader:
    """How a change request is read where it arrives: by this model (or the rules), aimed at
    what the founder pointed at, within this time."""

    provider: ModelProvider | None
    timeout_s: float
    target: dict[str, Any] | None = None
    rules_first: bool = True

    async def __call__(self, brief: Brief, request: str) -> ChangeResult:
        return await read_and_make(
            self.provider,
            brief,
            request,
            target=self.target,
            timeout_s=self.timeout_s,
            rules_first=self.rules_first,
        )
