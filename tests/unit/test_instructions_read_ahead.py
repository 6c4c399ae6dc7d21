"""The local model reads the plan and change instructions ahead when it is loaded: what it
reads must be the very start of a founder's plan and change readings, or llama.cpp's cache
holds nothing they can use."""

from __future__ import annotations

from bench.changes import load
from livebuild.brief.model_change_prompt import system_prompt, user_prompt
from livebuild.brief.model_labels import SYSTEM_PROMPT as LABELS_PROMPT
from livebuild.brief.model_reading import SYSTEM_PROMPT, prompt
from livebuild.engine.read_ahead import instruction_openings


def test_the_plan_instruction_read_ahead_opens_every_plan_reading() -> None:
    system, user = instruction_openings("names")["instruction-plan"]
    assert system == SYSTEM_PROMPT
    assert prompt("A bakery: orders and customers.").startswith(user)
    assert instruction_openings("labels")["instruction-plan"][0] == LABELS_PROMPT


def test_the_change_instruction_read_ahead_opens_every_change_reading() -> None:
    system, user = instruction_openings("names")["instruction-change"]
    for plan in load()[0].values():
        assert system_prompt(plan, constrained=True) == system
        assert user_prompt(plan, "add a phone number", None).startswith(user)


def test_with_the_split_none_only_the_plan_instruction_is_read_ahead() -> None:
    assert list(instruction_openings("names", "none")) == ["instruction-plan"]
    assert "instruction-change" in instruction_openings("names", "vote")
