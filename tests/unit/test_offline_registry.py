"""The offline model: its rules live above providers and register there, so providers import
nothing from the layers that write plans, code, guides and narration."""

from __future__ import annotations

import json

from livebuild.providers.base import Message, Task, offline_answer
from livebuild.providers.offline import OfflineProvider


async def test_the_offline_provider_streams_whatever_rules_it_is_given() -> None:
    provider = OfflineProvider(timeout_s=5, answer=lambda task: f"answer to {task.kind}")
    stream = provider.stream("system", [Message("user", "hi")], Task("docs", {}))
    pieces = [piece async for piece in stream]
    assert "".join(pieces) == "answer to docs"
    assert stream.usage.output_tokens > 0


def test_the_engines_rules_answer_a_plan_once_the_engine_is_loaded() -> None:
    import livebuild.engine  # noqa: F401 - registers the rules

    plan = json.loads(offline_answer(Task("plan", {}, {"idea": "A shop for hand-made bowls"})))
    assert plan["entities"] and plan["product_name"]
