"""A change's prompt read ahead by the local model, so the founder's first request is quick.

The local model reads a change request with one call: the instruction, the app's outline,
then the request. On this class of machine the outline alone (~130 tokens) takes 10 s and
more to read, past the 7 s a founder waits for a change, so the first request on each version
fell back to the rules. When a version is ready, or a plan is shown (the plan page's "fix it
in plain words" reads against the plan), the model server is asked to read the prompt up to
the request as background work: the founder's request then reads only its own words.

Fire and forget: nothing here fails or slows a build or a page; a failure is logged. Only the
local model reads ahead (a cloud model bills every token read), and only with
`LIVEBUILD_CHANGE_READ_AHEAD` on.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from livebuild.brief import Brief
from livebuild.brief.model_change_prompt import system_prompt, user_prompt
from livebuild.providers.base import ModelProvider
from livebuild.settings import Settings

log = logging.getLogger(__name__)

_REQUEST = "\nThe request:\n<<<\n"
# Reads this process has asked for and not yet handed over, by app: a newer one replaces an
# older one still being sent, and past this many a new one is not sent (the server is slow
# to answer, so it has more than enough to read already).
_MOST = 8
_sending: dict[str, asyncio.Task[None]] = {}


def change_opening(brief: Brief, *, constrained: bool) -> tuple[str, str]:
    """The system prompt and the start of the user prompt a change request on `brief` is read
    with, up to (not including) the request's words."""
    prompt = user_prompt(brief, "", None)
    return system_prompt(brief, constrained=constrained), prompt[
        : prompt.rindex(_REQUEST) + len(_REQUEST)
    ]


def read_change_ahead(
    settings: Settings, provider: ModelProvider | None, brief: Brief | dict[str, Any], key: str
) -> asyncio.Task[None] | None:
    """Ask the local model to read a change's prompt on `brief` ahead, for the app `key`;
    the task sending it, or None when nothing is sent (not the local model, switched off, or
    `LIVEBUILD_MODEL_CHANGE_SPLIT=none`: the model never reads a change request then)."""
    if not settings.change_read_ahead or provider is None or provider.name != "local":
        return None
    if provider.change_split == "none":
        return None
    from livebuild.providers.local import LocalProvider

    if not isinstance(provider, LocalProvider):
        return None
    loop = asyncio.get_running_loop()
    for other, sending in list(_sending.items()):
        if sending.done() or sending.get_loop() is not loop:  # done, or a loop now gone
            del _sending[other]
    older = _sending.pop(key, None)
    if older is not None:
        older.cancel()
    if len(_sending) >= _MOST:
        log.info("not reading a change's prompt ahead: %d reads still being sent", _MOST)
        return None
    task = loop.create_task(_send(provider, brief, key))
    _sending[key] = task
    return task


async def _send(provider: ModelProvider, brief: Brief | dict[str, Any], key: str) -> None:
    from livebuild.providers.local import LocalProvider

    assert isinstance(provider, LocalProvider)
    try:
        plan = brief if isinstance(brief, Brief) else Brief.from_dict(brief)
        system, user = change_opening(plan, constrained=provider.constrains_output)
        await provider.read_ahead(key, system, user)
    except Exception as error:  # a read not made ahead costs the founder's first request time
        log.warning("reading a change's prompt ahead failed: %r", error)


# What every plan reading's and every change reading's message starts with, read ahead with
# their instructions (a read-ahead reads a system and a user message, both said).
_IDEA_OPENING = "Idea:\n<<<\n"
_OUTLINE_OPENING = "App name: "


def instruction_openings(
    plan_reading: str, change_split: str = "rules"
) -> dict[str, tuple[str, str]]:
    """The instructions the local model's readings open with (a plan's, a change's), each
    with the start of its message that is the same for every idea or app, by key. With the
    change split `none` the model never reads a change request: only the plan's."""
    from livebuild.brief.model_change_prompt import INSTRUCTION
    from livebuild.brief.model_labels import SYSTEM_PROMPT as LABELS_PROMPT
    from livebuild.brief.model_reading import SYSTEM_PROMPT as DECISIONS_PROMPT

    plan = LABELS_PROMPT if plan_reading == "labels" else DECISIONS_PROMPT
    # The server reads the newest first: a founder plans before asking for a change.
    openings = {
        "instruction-change": (INSTRUCTION, _OUTLINE_OPENING),
        "instruction-plan": (plan, _IDEA_OPENING),
    }
    if change_split == "none":
        del openings["instruction-change"]
    return openings


async def read_instructions_ahead(provider: ModelProvider | None) -> None:
    """Have the local model read the plan and change instructions as background work once it
    is loaded: on a new data dir its server keeps none yet (`prefixes.json`), and the first
    plan and the first change read them afresh, ~340 tokens each, past their deadlines on 2
    cores (on each `bench.understanding` run, a fresh data dir, both timed out). A founder
    arriving meanwhile waits for one step of the read at most. Failures are logged."""
    from livebuild.providers.local import LocalProvider

    if not isinstance(provider, LocalProvider):
        return
    openings = instruction_openings(provider.plan_reading, provider.change_split)
    for key, (system, user) in openings.items():
        try:
            await provider.read_ahead(key, system, user)
        except Exception as error:  # the first reading then reads its instruction itself
            log.warning("reading an instruction ahead failed: %r", error)
