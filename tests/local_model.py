"""The real local model for the tests that read with it: where it is installed, a mark that
skips a test (saying why) where it is not, and a provider planning with it that stops the
model server when the test is done."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from livebuild.brief.plan import make_plan
from livebuild.providers import provider_for
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import stop
from livebuild.providers.local.model_file import default_model_path, local_model_ready
from livebuild.settings import Settings
from tests.conftest import make_settings

INSTALLED = default_model_path(Settings())
needs_local_model = pytest.mark.skipif(
    not local_model_ready(make_settings(Path("/nonexistent"), local_model=INSTALLED)),
    reason="the local model is not installed here: `livebuild model pull` (scripts/setup does)",
)

# Each idea, the groups of names of which its plan must hold one each, and words no record
# kind may carry.
Idea = tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...]]


@asynccontextmanager
async def local_planner(tmp_path: Path) -> AsyncIterator[LocalProvider]:
    settings = make_settings(
        tmp_path,
        model_provider="local",
        local_model=INSTALLED,
        # The model shares two cores with whatever else runs: give it room.
        local_plan_timeout_s=600.0,
        model_timeout_s=600.0,
    )
    provider = provider_for(settings)
    assert isinstance(provider, LocalProvider)
    try:
        yield provider
    finally:
        await provider.aclose()
        stop(provider.plan)


async def named_and_junk(
    provider: LocalProvider, ideas: Iterable[Idea]
) -> tuple[list[str], list[str]]:
    """Each idea planned by the model: the ideas whose plan lacks a group's name (with what
    it lacks), and the words no record kind may carry that one does."""
    missing: list[str] = []
    junk: list[str] = []
    for idea, groups, never in ideas:
        brief = await make_plan(idea, None, provider, timeout_s=15.0)
        assert brief.reader == "local", idea
        names = [f"{e.singular} {e.plural}".lower() for e in brief.entities]
        lacking = [g for g in groups if not any(alt in n for alt in g for n in names)]
        if lacking:
            missing.append(f"{idea[:40]}: {lacking} not in {names}")
        junk += [f"{j} in {names}" for j in never if any(j in n for n in names)]
    return missing, junk
