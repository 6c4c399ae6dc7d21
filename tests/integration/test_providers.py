from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections.abc import AsyncIterator

import pytest

from livebuild.brief import derive_brief
from livebuild.providers import (
    Message,
    ModelProvider,
    ProviderError,
    Task,
    Usage,
    create_provider,
)
from livebuild.providers.anthropic import AnthropicProvider
from livebuild.providers.base import ProviderTimeout, TransientProviderError
from livebuild.providers.offline import OfflineProvider
from livebuild.providers.openai import OpenAIProvider
from livebuild.providers.token_count import count_tokens
from tests.conftest import IDEA
from tests.vendor_servers import Reply, VendorServer

VENDORS = ("anthropic", "openai")
BRIEF = derive_brief(IDEA)
SYSTEM = "You write one sentence."
PROMPT = [Message("user", "Say hello to the founder.")]
TASK = Task("narration", BRIEF.to_dict(), {"stage": "code", "attempt": 1})


@pytest.fixture
async def server() -> AsyncIterator[VendorServer]:
    async with VendorServer() as running:
        yield running


def vendor(name: str, server: VendorServer, timeout_s: float = 5.0) -> ModelProvider:
    url = server.anthropic_url if name == "anthropic" else server.openai_url
    return create_provider(
        name, api_key="test-key", base_url=url, model="test-model", timeout_s=timeout_s
    )


async def read(provider: ModelProvider, task: Task = TASK) -> tuple[list[str], str, Usage]:
    stream = provider.stream(SYSTEM, PROMPT, task, max_tokens=200)
    deltas = [delta async for delta in stream]
    await provider.aclose()
    return deltas, stream.text, stream.usage


def test_factory_picks_by_name_and_refuses_unknown_names() -> None:
    common = {"api_key": "k", "base_url": None, "model": None, "timeout_s": 1.0}
    assert isinstance(create_provider("offline", **common), OfflineProvider)  # type: ignore[arg-type]
    assert isinstance(create_provider("anthropic", **common), AnthropicProvider)  # type: ignore[arg-type]
    assert isinstance(create_provider("openai", **common), OpenAIProvider)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown model provider"):
        create_provider("gemini", api_key=None, base_url=None, model=None, timeout_s=1.0)


async def test_offline_is_deterministic_streamed_and_counts_tokens() -> None:
    provider = create_provider("offline", api_key=None, base_url=None, model=None, timeout_s=5)
    first, text, usage = await read(provider)
    second, again, _ = await read(provider)
    assert first == second and text == again == "".join(first)
    assert len(first) > 3
    assert text.startswith("We're") and BRIEF.product_name in text
    prompt = count_tokens(SYSTEM) + count_tokens(PROMPT[0].content)
    assert usage == Usage(prompt, count_tokens(text))


async def test_offline_docs_have_four_sections_in_order() -> None:
    provider = OfflineProvider(timeout_s=5)
    completion = await provider.complete(SYSTEM, PROMPT, Task("docs", BRIEF.to_dict()))
    headings = re.findall(r"^## (.+)$", completion.text, re.MULTILINE)
    assert headings == ["Overview", "Features", "Getting Started", "FAQ"]
    assert BRIEF.product_name in completion.text
    for entity in BRIEF.entities:
        assert entity.plural in completion.text
    assert "```" not in completion.text and "$ " not in completion.text
    other = derive_brief("A recipe planner for busy families")
    other_docs = await provider.complete(SYSTEM, PROMPT, Task("docs", other.to_dict()))
    assert other_docs.text != completion.text
    assert completion == await provider.complete(SYSTEM, PROMPT, Task("docs", BRIEF.to_dict()))


async def test_offline_changelog_compares_versions() -> None:
    before = derive_brief("A booking app for dog walkers")
    # The plan once the request is made: a verbless "with reviews and invoices" in an idea is
    # what a record holds, not a feature, so the added features are set here directly.
    after = dataclasses.replace(before, features=("Reviews", "Invoices", *before.features[:3]))
    task = Task(
        "changelog",
        after.to_dict(),
        {"previous_brief": before.to_dict(), "change_request": "Add reviews and invoices"},
    )
    text = (await OfflineProvider(timeout_s=5).complete(SYSTEM, PROMPT, task)).text
    # What really changed between the two plans, not the request restated.
    assert "Reviews" in text and "Add reviews and invoices" not in text


@pytest.mark.parametrize("name", VENDORS)
async def test_streams_text_and_usage_through_the_real_sdk(name: str, server: VendorServer) -> None:
    server.script(Reply("We're building the pages for your pets and visits.", input_tokens=17))
    deltas, text, usage = await read(vendor(name, server))
    assert text == "We're building the pages for your pets and visits."
    assert len(deltas) == 9
    assert usage == Usage(17, 9)
    request = server.requests[0]
    assert request.body["stream"] is True
    assert request.body["model"] == "test-model"
    if name == "anthropic":
        assert request.path.startswith("/v1/messages")
        assert request.body["system"] == SYSTEM
        assert request.body["max_tokens"] == 200
    else:
        assert request.body["messages"][0] == {"role": "system", "content": SYSTEM}
        assert request.body["stream_options"] == {"include_usage": True}


async def test_compatible_server_without_usage_is_counted_locally(server: VendorServer) -> None:
    answer = "We're adding a dashboard and search."
    server.script(Reply(answer, usage=False))
    _, text, usage = await read(vendor("openai", server))
    prompt = count_tokens(SYSTEM) + count_tokens(PROMPT[0].content)
    assert text == answer
    assert usage == Usage(prompt, count_tokens(answer))


@pytest.mark.parametrize("name", VENDORS)
async def test_rate_limit_is_retried_once(name: str, server: VendorServer) -> None:
    server.script(Reply.rate_limited(), Reply("Fine now."))
    _, text, _ = await read(vendor(name, server))
    assert text == "Fine now."
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", VENDORS)
async def test_second_rate_limit_gives_up(name: str, server: VendorServer) -> None:
    server.script(Reply.rate_limited(), Reply.rate_limited(), Reply("Too late."))
    with pytest.raises(TransientProviderError, match="rate limit"):
        await read(vendor(name, server))
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", VENDORS)
async def test_other_errors_are_not_retried(name: str, server: VendorServer) -> None:
    server.script(Reply(status=500), Reply("never"))
    with pytest.raises(ProviderError, match="500"):
        await read(vendor(name, server))
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", VENDORS)
async def test_a_hanging_stream_is_cut_off(name: str, server: VendorServer) -> None:
    server.script(Reply.hang(after_text="We're laying out"))
    provider = vendor(name, server, timeout_s=0.6)
    stream = provider.stream(SYSTEM, PROMPT, TASK)
    seen: list[str] = []
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        async for delta in stream:
            seen.append(delta)
    elapsed = time.monotonic() - started
    await provider.aclose()
    assert "".join(seen) == "We're laying out "
    assert 0.5 < elapsed < 1.5


@pytest.mark.parametrize("name", VENDORS)
async def test_unreachable_server_is_a_provider_error(name: str) -> None:
    async with VendorServer() as closed:
        url_server = closed
    provider = vendor(name, url_server, timeout_s=2.0)
    with pytest.raises(ProviderError, match="unreachable"):
        await read(provider)


async def test_slow_stream_arrives_progressively(server: VendorServer) -> None:
    words = " ".join(f"word{i}" for i in range(10))
    server.script(Reply(words, tokens_per_s=50))
    provider = vendor("anthropic", server)
    arrivals: list[float] = []
    async for _ in provider.stream(SYSTEM, PROMPT, TASK):
        arrivals.append(asyncio.get_running_loop().time())
    await provider.aclose()
    assert len(arrivals) == 10
    assert arrivals[-1] - arrivals[0] > 0.12
