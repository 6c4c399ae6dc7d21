"""With the real local model installed, ideas from the tuning set become plans whose records
are what the idea names: the model decides, the rules write. Skipped, saying why, without it.

Slow (tens of seconds an idea on two shared cores): the model is loaded once for all of them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from livebuild.brief.plan import make_plan
from livebuild.providers import provider_for
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import stop
from livebuild.providers.local.model_file import default_model_path, local_model_ready
from livebuild.settings import Settings
from tests.conftest import make_settings

INSTALLED = default_model_path(Settings())
DEV = Path(__file__).parents[2] / "bench" / "dev_ideas.toml"
# Clear ideas of the tuning set, of different shapes: a list, an analogy, typos, a pitch.
CHOSEN = (
    "An app for my climbing gym to keep track of memebers, classes and payments",
    "A small lending library for our street: books, borrowers and loans, with due dates.",
    "A booking system for a hair salon: stylists, services, appointments and clients.",
    "Help beekeepers log their hives, inspections, queens and honey harvests.",
    "Airbnb for boat slips. Marina owners list their empty slips and boaters book them by the "
    "night or the month.",
)


def _entries() -> list[dict[str, Any]]:
    with DEV.open("rb") as handle:
        ideas: list[dict[str, Any]] = tomllib.load(handle)["idea"]
    found = [e for e in ideas if e["text"] in CHOSEN]
    assert len(found) == len(CHOSEN), "an idea chosen here is no longer in the tuning set"
    return found


@pytest.mark.skipif(
    not local_model_ready(make_settings(Path("/nonexistent"), local_model=INSTALLED)),
    reason="the local model is not installed here: `livebuild model pull` (scripts/setup does)",
)
@pytest.mark.timeout(2400)
async def test_the_local_model_reads_ideas_into_the_records_they_name(tmp_path: Path) -> None:
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
    missing: list[str] = []
    junk: list[str] = []
    try:
        for entry in _entries():
            brief = await make_plan(entry["text"], None, provider, timeout_s=15.0)
            assert brief.reader == "local", entry["text"]
            names = [f"{e.singular} {e.plural}".lower() for e in brief.entities]
            lacking = [
                expected
                for expected in entry["expect"]
                if not any(alt in name for alt in expected.split("|") for name in names)
            ]
            if lacking:
                missing.append(f"{entry['text'][:40]}: {lacking} not in {names}")
            # The model names records freely; what the tuning set calls junk never stands.
            junk += [f"{j} in {names}" for j in entry.get("junk", []) if any(j in n for n in names)]
    finally:
        await provider.aclose()
        stop(provider.plan)
    # The model's answers vary a little from run to run even at temperature 0 (the server
    # reuses cached prompt state across calls), and a 1.5B model misses now and then: one
    # idea of the four may lack a kind (seen: the beekeepers' inspections, dropped in 1 run of 2).
    assert len(missing) <= 1, missing
    assert junk == [], junk
