"""With the real local model installed, the same idea read twice gives the same plan, even
with another idea read in between (the server's prompt cache once made the answers differ at
temperature 0). Skipped, saying why, without the model.

Slow: three readings, tens of seconds each on two shared cores.
"""

from __future__ import annotations

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
IDEA = "A small lending library for our street: books, borrowers and loans, with due dates."
OTHER = "Help beekeepers log their hives, inspections, queens and honey harvests."


@pytest.mark.skipif(
    not local_model_ready(make_settings(Path("/nonexistent"), local_model=INSTALLED)),
    reason="the local model is not installed here: `livebuild model pull` (scripts/setup does)",
)
@pytest.mark.timeout(1800)
async def test_the_same_idea_read_twice_gives_the_same_plan(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        model_provider="local",
        local_model=INSTALLED,
        local_plan_timeout_s=600.0,
        model_timeout_s=600.0,
    )
    provider = provider_for(settings)
    assert isinstance(provider, LocalProvider)
    try:
        first = await make_plan(IDEA, None, provider, timeout_s=15.0)
        other = await make_plan(OTHER, None, provider, timeout_s=15.0)
        again = await make_plan(IDEA, None, provider, timeout_s=15.0)
    finally:
        await provider.aclose()
        stop(provider.plan)
    assert first.reader == again.reader == other.reader == "local"
    assert again.to_dict() == first.to_dict()
    assert [e.plural for e in first.entities] != [e.plural for e in other.entities]
