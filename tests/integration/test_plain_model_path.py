"""With the local model configured, an idea that isn't a record-keeping app gets the same plain
answer as without it, decided by the rules and the learned judge before the model is asked: a
timer never costs a model call (the model takes seconds of both cores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from livebuild.brief.plan import make_plan
from livebuild.brief.readable import NotARecordApp
from tests.local_model import local_planner, needs_local_model


@needs_local_model
async def test_a_timer_gets_the_plain_answer_without_asking_the_local_model(
    tmp_path: Path,
) -> None:
    async with local_planner(tmp_path) as provider:
        asked: list[Any] = []
        complete = provider.complete

        async def counted(*args: Any, **kwargs: Any) -> Any:
            asked.append(args)
            return await complete(*args, **kwargs)

        provider.complete = counted  # type: ignore[method-assign]
        with pytest.raises(NotARecordApp) as answered:
            await make_plan(
                "a timer that rings when my pasta has boiled for eleven minutes",
                None,
                provider,
                timeout_s=60,
            )
    assert answered.value.kind.name == "timer"
    assert asked == []
