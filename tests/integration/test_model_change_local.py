"""Everyday change requests read by the REAL local model (Qwen2.5-Coder-1.5B through the
shared model server) and made by the rules, judged as the understanding benchmark judges
them. Skipped, saying why, where the model isn't installed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bench.changes import load
from bench.understanding import changes_path, load_changes
from bench.understanding_changes import Outcome, applied_as_meant
from livebuild.brief import Brief, derive_brief
from livebuild.brief.change_schema import read_answer
from livebuild.brief.model_change import MAX_TOKENS, answer_schema, read_and_make
from livebuild.brief.model_change_prompt import system_prompt, user_prompt
from livebuild.brief.validate import merge_plan
from livebuild.providers import provider_for
from livebuild.providers.base import Message, ModelProvider, Task
from livebuild.providers.local import server_plan
from livebuild.providers.local.machine import stop
from tests.conftest import make_settings
from tests.local_model import INSTALLED, needs_local_model

pytestmark = needs_local_model

# Everyday phrasings from the spent third round (none of them the README's own).
CASES = ("c03", "c05", "c08", "c11", "c12", "c02")


def _base(base: Any) -> Brief:
    drafted = derive_brief(base.idea)
    plan = base.brief(drafted.to_dict())
    return merge_plan(drafted, plan, base.product_name)


@pytest.fixture
async def local_model(tmp_path: Path) -> AsyncIterator[ModelProvider]:
    settings = make_settings(
        tmp_path, model_provider="local", local_model=INSTALLED, model_timeout_s=600.0
    )
    provider = provider_for(settings)
    try:
        await provider.prepare()
        yield provider
    finally:
        await provider.aclose()
        stop(server_plan(settings))


@pytest.mark.timeout(1800)
async def test_everyday_requests_are_applied_as_meant_by_the_local_model(
    local_model: ModelProvider,
) -> None:
    # Round 3 by name: the newest round is held out and must never run in a test.
    bases, changes = load_changes(changes_path(3))
    wrong = []
    for change in (c for c in changes if c["id"] in CASES):
        before = _base(bases[change["base"]])
        # Two shared cores may be busy with builds: the bound here is generous on purpose.
        result = await read_and_make(
            local_model, before, change["text"], timeout_s=600.0, rules_first=False
        )
        said = " ".join([*result.made, *result.unmade])
        outcome = Outcome(True, result.brief.to_dict(), said, 0.0)
        # A can't-do the model reads as something else is declined by the rules, which the
        # founder sees the same way (declined, the closest thing offered); seen for c08.
        read_by = {"local", "rules"} if change["expect"]["op"] == "cannot" else {"local"}
        if result.reader not in read_by or not applied_as_meant(
            change["expect"], before.to_dict(), outcome
        ):
            wrong.append((change["id"], change["text"], result.reader, said))
    # A 1.5B model's answers move with every word of its prompt (the plan outline, the list of
    # operations): c12's "whether a dog is ok off the lead" has come back as a field "ok off"
    # after prompt changes that helped others. The benchmark measures its quality; this test
    # holds the path whole and most everyday readings right.
    assert len(wrong) <= 1, wrong


@pytest.mark.timeout(900)
async def test_the_local_model_moves_a_field_and_declines_with_the_closest_thing(
    local_model: ModelProvider,
) -> None:
    studio = load()[0]["studio"]
    moved = await read_and_make(
        local_model,
        studio,
        "on classes I want capacity shown above the instructor",
        timeout_s=600.0,
        rules_first=False,
    )
    classes = next(e for e in moved.brief.entities if e.slug == "classes")
    names = [f.name for f in classes.fields]
    assert names.index("capacity") < names.index("instructor"), (moved.made, moved.unmade)
    declined = await read_and_make(
        local_model,
        studio,
        "text each member a reminder the evening before their class",
        timeout_s=600.0,
        rules_first=False,
    )
    assert declined.brief == studio
    assert declined.suggestions, declined.unmade


@pytest.mark.timeout(900)
async def test_the_local_models_reading_is_compact_and_within_its_tokens(
    local_model: ModelProvider,
) -> None:
    """The real model held to the change schema writes compact JSON (no indents or line
    breaks to pay for, token by token) and stops at the closing bracket, well within the
    token bound; what it says is a reading of this plan."""
    studio = load()[0]["studio"]
    words = "could we note which room each class is in?"
    task = Task("change", {}, {"change_request": words}, schema=answer_schema(studio))
    done = await local_model.complete(
        system_prompt(studio, constrained=True),
        [Message("user", user_prompt(studio, words, None))],
        task,
        max_tokens=MAX_TOKENS,
    )
    assert "\n" not in done.text and '": ' not in done.text, done.text
    assert done.text.endswith("]"), done.text
    assert done.usage.output_tokens < MAX_TOKENS
    assert read_answer(studio, json.loads(done.text)).operations, done.text
