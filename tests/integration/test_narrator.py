from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from livebuild.brief import derive_brief
from livebuild.core.stages import WORK_STAGES, Stage
from livebuild.narration.model import narrate, usable_sentence
from livebuild.narration.offline import offline_narration
from livebuild.providers import ModelProvider, create_provider
from livebuild.providers.offline import OfflineProvider
from tests.conftest import IDEA
from tests.vendor_servers import Reply, VendorServer

BRIEF = derive_brief(IDEA)
NAME = BRIEF.product_name


@pytest.fixture
async def server() -> AsyncIterator[VendorServer]:
    async with VendorServer() as running:
        yield running


def anthropic_at(server: VendorServer, timeout_s: float = 5.0) -> ModelProvider:
    return create_provider(
        "anthropic", api_key="k", base_url=server.anthropic_url, model="m", timeout_s=timeout_s
    )


async def test_offline_narration_is_distinct_and_names_the_product() -> None:
    provider = OfflineProvider(timeout_s=5)
    lines = [(await narrate(provider, BRIEF, s, 1, timeout_s=5)) for s in WORK_STAGES]
    sentences = [text for text, _ in lines]
    assert len(set(sentences)) == len(sentences)
    assert all(text.startswith("We") and NAME in text for text in sentences)
    assert all(tokens > 0 for _, tokens in lines)


async def test_a_good_answer_is_used(server: VendorServer) -> None:
    reply = Reply(f"We're adding a dashboard to {NAME} so you see every walk. Also more.")
    server.script(reply)
    provider = anthropic_at(server)
    text, tokens = await narrate(provider, BRIEF, Stage.DEPS, 1, timeout_s=5)
    await provider.aclose()
    assert text == f"We're adding a dashboard to {NAME} so you see every walk."
    assert tokens == reply.input_tokens + len(reply.deltas())


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "Sure! Here is a sentence:",
        "The Coder is writing FastAPI routes.",
        "We're " + "very " * 80,
    ],
)
async def test_unusable_answers_fall_back(server: VendorServer, answer: str) -> None:
    server.script(Reply(answer))
    provider = anthropic_at(server)
    text, _ = await narrate(provider, BRIEF, Stage.CODE, 1, timeout_s=5)
    await provider.aclose()
    assert text == offline_narration(BRIEF, Stage.CODE, 1)


async def test_technical_words_in_a_good_answer_are_reworded(server: VendorServer) -> None:
    server.script(Reply(f"We're wiring {NAME}'s pages to a PostgreSQL database."))
    provider = anthropic_at(server)
    text, _ = await narrate(provider, BRIEF, Stage.CODE, 1, timeout_s=5)
    await provider.aclose()
    assert text == f"We're wiring {NAME}'s pages to a database."


async def test_a_hang_falls_back_within_the_timeout(server: VendorServer) -> None:
    server.script(Reply.hang(after_text="We're"))
    provider = anthropic_at(server, timeout_s=30)
    loop = asyncio.get_running_loop()
    started = loop.time()
    text, tokens = await narrate(provider, BRIEF, Stage.SCAFFOLD, 1, timeout_s=0.4)
    await provider.aclose()
    assert loop.time() - started < 0.9
    assert (text, tokens) == (offline_narration(BRIEF, Stage.SCAFFOLD, 1), 0)


async def test_rate_limit_then_success(server: VendorServer) -> None:
    server.script(Reply.rate_limited(), Reply(f"We're testing {NAME} like your users will."))
    provider = anthropic_at(server)
    text, _ = await narrate(provider, BRIEF, Stage.CHECKS, 1, timeout_s=5)
    await provider.aclose()
    assert text == f"We're testing {NAME} like your users will."
    assert len(server.requests) == 2


def test_usable_sentence_rules() -> None:
    assert usable_sentence(f'"We\'ve set up {NAME}"', NAME) == f"We've set up {NAME}."
    assert usable_sentence(f"I am building {NAME}.", NAME) is None
    assert usable_sentence("We're building your app.", NAME) is None
