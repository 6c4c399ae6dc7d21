"""With the real local model installed, ideas from the tuning set become plans whose records
are what the idea names: the model decides, the rules write. Skipped, saying why, without it.

Slow (tens of seconds an idea on two shared cores): the model is loaded once for all of them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.local_model import Idea, local_planner, named_and_junk, needs_local_model

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


def _ideas() -> list[Idea]:
    """The chosen ideas as the tuning set has them: each expected name ("a|b": either), and
    the junk that never stands."""
    with DEV.open("rb") as handle:
        entries: list[dict[str, Any]] = tomllib.load(handle)["idea"]
    found = [
        (e["text"], tuple(tuple(x.split("|")) for x in e["expect"]), tuple(e.get("junk", [])))
        for e in entries
        if e["text"] in CHOSEN
    ]
    assert len(found) == len(CHOSEN), "an idea chosen here is no longer in the tuning set"
    return found


@needs_local_model
@pytest.mark.timeout(2400)
async def test_the_local_model_reads_ideas_into_the_records_they_name(tmp_path: Path) -> None:
    async with local_planner(tmp_path) as provider:
        # The model names records freely; what the tuning set calls junk never stands.
        missing, junk = await named_and_junk(provider, _ideas())
    # The model's answers vary a little from run to run even at temperature 0 (the server
    # reuses cached prompt state across calls), and a 1.5B model misses now and then: one
    # idea of the four may lack a kind (seen: the beekeepers' inspections, dropped in 1 run of 2).
    assert len(missing) <= 1, missing
    assert junk == [], junk
