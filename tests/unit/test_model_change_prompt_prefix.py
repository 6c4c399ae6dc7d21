"""A change reading's prompt keeps what stays the same first, so the local model reads only
what is new: llama.cpp reuses the longest prefix it has already read. Measured on 2 shared
cores (docs/benchmarks.md): the first request on an app read 159 prompt tokens (its outline
and the request; the instruction was cached), a second request on the same app read 29."""

from __future__ import annotations

from bench.changes import load
from livebuild.brief.model_change_prompt import Target, system_prompt, user_prompt


def _shared(first: str, second: str) -> int:
    return next(
        (at for at, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )


def test_the_instruction_is_the_same_for_every_app() -> None:
    plans = load()[0]
    prompts = {system_prompt(plan, constrained=True) for plan in plans.values()}
    assert len(prompts) == 1


def test_a_second_request_on_the_same_app_shares_everything_before_the_request() -> None:
    studio = load()[0]["studio"]
    first = user_prompt(studio, "add a phone number to clients", None)
    second = user_prompt(studio, "could we note the room for each class?", None)
    request_at = first.index("The request:")
    assert _shared(first, second) > request_at
    assert first[:request_at] == second[:request_at]


def test_pointing_at_a_record_kind_keeps_the_apps_outline_first() -> None:
    studio = load()[0]["studio"]
    plain = user_prompt(studio, "add a due date", None)
    pointed = user_prompt(studio, "add a due date", Target(studio.entities[0].slug))
    outline_end = plain.index("\nThe request:")
    assert pointed[:outline_end] == plain[:outline_end]
