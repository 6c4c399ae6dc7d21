"""What `livebuild doctor` says of the local model: how fast it is here, and whether a founder's
readings finish within their limits (and what to do when they don't)."""

from __future__ import annotations

import asyncio
import os

from livebuild.providers.local import server_plan
from livebuild.providers.local.machine import find, stop
from livebuild.providers.local.speed import Speed, SpeedUnknown, measure
from livebuild.settings import Settings

ELSEWHERE = (
    "run livebuild on a faster machine, or use a cloud or OpenAI-compatible model "
    "(LIVEBUILD_MODEL_PROVIDER=anthropic or openai; LIVEBUILD_MODEL_BASE_URL for your own "
    "server)"
)


def verdict(speed: Speed, settings: Settings) -> list[str]:
    """The lines doctor prints for `speed`: the figures, and for each reading whether it fits."""
    threads = settings.local_model_threads or max(1, (os.cpu_count() or 2) // 2)
    lines = [
        f"local model: reads {speed.read_per_s:.1f} tokens a second and writes "
        f"{speed.write_per_s:.1f} ({threads} thread{'s' if threads > 1 else ''}, load "
        f"{os.getloadavg()[0]:.1f})"
    ]
    plan_s, first_s = speed.plan_s(), speed.plan_s(first=True)
    limit = settings.local_plan_timeout_s
    said = (
        f"a plan reading: about {plan_s:.0f} s ({first_s:.0f} s the first after the model starts)"
    )
    limit_said = f"its {limit:g} s limit (LIVEBUILD_LOCAL_PLAN_TIMEOUT_S)"
    if plan_s > limit:
        lines.append(
            f"{said}, past {limit_said}: ideas get the rules' plan instead. For the model's "
            f"reading, {ELSEWHERE}"
        )
    elif first_s > limit:
        lines.append(f"{said}: within {limit_said} once the model has started")
    else:
        lines.append(f"{said}: within {limit_said}")
    change_s, budget = speed.change_s(), settings.change_timeout_s
    fits = "within" if change_s <= budget else "past"
    lines.append(
        f"a change reading: about {change_s:.0f} s, {fits} its {budget:g} s limit "
        "(LIVEBUILD_CHANGE_TIMEOUT_S)"
        + ("" if change_s <= budget else "; past it the rules read the request alone")
    )
    return lines


def speed_lines(settings: Settings) -> list[str]:
    """A short timed call on the machine's model server (started if need be), said plainly."""
    plan = server_plan(settings)
    running = find(plan) is not None
    try:
        speed = asyncio.run(measure(plan))
    except SpeedUnknown as error:
        return [f"local model: not timed: {error}"]
    finally:
        if not running:
            stop(plan)  # started for this check: its memory goes back now
    return verdict(speed, settings)
