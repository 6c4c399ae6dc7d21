"""A model answer can't grow past what its token limit allows: a vendor streaming
megabytes is cut off with a plain failure, and the answer is never held whole."""

from __future__ import annotations

import pytest

from livebuild.providers import create_provider
from livebuild.providers.base import CHARS_PER_TOKEN_MAX, AnswerTooLong, Message, Task
from tests.vendor_servers import Reply, VendorServer

# 8 MB in 4 KB deltas: far more than 1,000 tokens can hold.
HUGE = ("x" * 4_095 + " ") * 2_000


@pytest.mark.parametrize("vendor", ["openai", "anthropic"])
async def test_a_huge_streamed_answer_is_cut_off_plainly(vendor: str) -> None:
    async with VendorServer() as server:
        server.script(Reply(HUGE))
        url = server.openai_url if vendor == "openai" else server.anthropic_url
        provider = create_provider(vendor, api_key="k", base_url=url, model=None, timeout_s=60)
        stream = provider.stream(
            "system", [Message("user", "hi")], Task("app", {}), max_tokens=1_000
        )
        seen = 0
        with pytest.raises(AnswerTooLong) as raised:
            async for delta in stream:
                seen += len(delta)
        await provider.aclose()
    assert "cut off" in str(raised.value) and "characters" in str(raised.value)
    assert seen <= 1_000 * CHARS_PER_TOKEN_MAX
    assert stream.text == ""


async def test_an_answer_within_its_limit_arrives_whole() -> None:
    text = ("y" * 999 + " ") * 200
    async with VendorServer() as server:
        server.script(Reply(text))
        provider = create_provider(
            "openai", api_key="k", base_url=server.openai_url, model=None, timeout_s=60
        )
        completion = await provider.complete(
            "system", [Message("user", "hi")], Task("app", {}), max_tokens=20_000
        )
        await provider.aclose()
    assert completion.text == text
