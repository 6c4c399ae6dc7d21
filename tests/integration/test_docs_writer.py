from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.changes import apply_change
from livebuild.guide import SECTIONS, write_changelog, write_docs
from livebuild.guide.sections import SectionParser, section_for
from livebuild.providers import ModelProvider, create_provider
from livebuild.providers.offline import OfflineProvider
from tests.conftest import IDEA
from tests.vendor_servers import Reply, VendorServer

BRIEF = derive_brief(IDEA)
SECRET = "sk-ant-api03-Zx81mQp0r2LkT9vB7nC5dE3fG1hJ4kL6mN8pQ0rS"

MODEL_DOCS = f"""# {BRIEF.product_name} user guide

Welcome!

## Overview

{BRIEF.product_name} helps dog walkers. Built with FastAPI and SQLite.
Saved in /home/ada/app/data.db.

## Key Features

- Book walks
- Use the key {SECRET} to sign in

```python
print("hello")
```

### Getting started

1. Run `pip install tailspot` first.
2. Press **Add pet**.

**Frequently asked questions**

### What features are there?

Booking, reminders and ratings.

Traceback (most recent call last):
  File "/srv/app/main.py", line 3, in <module>
ValueError: boom
"""


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, float]] = []

    async def __call__(self, key: str, body: str) -> None:
        self.calls.append((key, body, asyncio.get_running_loop().time()))


@pytest.fixture
async def server() -> AsyncIterator[VendorServer]:
    async with VendorServer() as running:
        yield running


def provider_for(server: VendorServer, timeout_s: float = 5.0) -> ModelProvider:
    return create_provider(
        "openai", api_key=None, base_url=server.openai_url, model="m", timeout_s=timeout_s
    )


def test_section_titles_are_recognised_loosely() -> None:
    assert section_for("Getting started") == "getting_started"
    assert section_for("**Frequently Asked Questions**") == "faq"
    assert section_for("2. Key features") == "features"
    assert section_for("Pricing") is None


def test_parser_announces_a_section_when_the_next_begins() -> None:
    parser = SectionParser()
    assert parser.feed("## Overview\nHello ") == []
    assert parser.feed("there.\n## Feat") == []
    assert parser.feed("ures\n- One\n") == [("overview", "Hello there.")]
    assert parser.finish() == [("features", "- One")]


async def test_offline_docs_arrive_in_order_and_complete() -> None:
    record = Recorder()
    result = await write_docs(OfflineProvider(timeout_s=5), BRIEF, record, timeout_s=5)
    assert result.status == "complete" and result.error is None
    assert [key for key, _, _ in record.calls] == list(SECTIONS)
    assert result.tokens > 0
    assert all(BRIEF.product_name in body for key, body, _ in record.calls if key != "features")


async def test_first_section_is_announced_while_the_stream_goes_on(
    server: VendorServer,
) -> None:
    text = "\n\n".join(
        f"## {title}\n\n" + " ".join(["Words about it."] * 5)
        for title in ("Overview", "Features", "Getting Started", "FAQ")
    )
    server.script(Reply(text, tokens_per_s=150))
    record = Recorder()
    provider = provider_for(server)
    result = await write_docs(provider, BRIEF, record, timeout_s=10)
    await provider.aclose()
    assert result.status == "complete"
    assert [key for key, _, _ in record.calls] == list(SECTIONS)
    stream_end = server.finished_at[0]
    assert record.calls[0][2] < stream_end - 0.2


async def test_model_answers_are_made_founder_safe(server: VendorServer) -> None:
    server.script(Reply(MODEL_DOCS))
    record = Recorder()
    provider = provider_for(server)
    result = await write_docs(provider, BRIEF, record, timeout_s=5)
    await provider.aclose()
    assert [key for key, _, _ in record.calls] == list(SECTIONS)
    assert result.status == "complete"
    shown = "\n".join(body for _, body, _ in record.calls)
    for leak in (SECRET, "/home/ada", "FastAPI", "SQLite", "print(", "pip install", "Traceback"):
        assert leak not in shown
    assert "What features are there?" in result.sections["faq"]
    assert "Welcome" not in shown


async def test_a_hanging_provider_leaves_partial_docs(server: VendorServer) -> None:
    server.script(Reply.hang(after_text="## Overview\n\nIt helps.\n\n## Features\n\n- One"))
    record = Recorder()
    provider = provider_for(server, timeout_s=0.5)
    result = await write_docs(provider, BRIEF, record, timeout_s=5)
    await provider.aclose()
    assert result.status == "partial"
    assert list(result.sections) == ["overview"]
    assert result.error and "ProviderTimeout" in result.error


async def test_the_writer_keeps_its_own_deadline(server: VendorServer) -> None:
    server.script(Reply.hang())
    provider = provider_for(server, timeout_s=30)
    loop = asyncio.get_running_loop()
    started = loop.time()
    result = await write_docs(provider, BRIEF, Recorder(), timeout_s=0.4)
    await provider.aclose()
    assert result.status == "failed" and result.sections == {}
    assert loop.time() - started < 1.5


async def test_a_failing_provider_fails_the_docs_only(server: VendorServer) -> None:
    server.script(Reply(status=500))
    provider = provider_for(server)
    result = await write_docs(provider, BRIEF, Recorder(), timeout_s=5)
    await provider.aclose()
    assert result.status == "failed" and result.error and "500" in result.error


async def test_changelog_says_what_really_changed_not_the_request() -> None:
    before = derive_brief("A booking app for dog walkers")
    after = apply_change(before, "call it Walkwise. Add a Reviews page with rating").brief
    provider = OfflineProvider(timeout_s=5)
    text, tokens = await write_changelog(
        provider, after, before, "Please call it Walkwise and add reviews", timeout_s=5
    )
    assert text is not None and tokens > 0
    assert "Walkwise" in text and "Added a Reviews page with rating" in text
    assert "Please call it" not in text
    assert await write_changelog(provider, after, None, None, timeout_s=5) == (None, 0)


async def test_a_restored_versions_whats_new_says_it_brings_the_old_one_back() -> None:
    # Restoring v0.1 over a dark, renamed v0.3 said "Nothing ... changed in this version".
    before = derive_brief("A booking app for dog walkers")
    after = apply_change(before, "call it Walkwise and use a dark theme").brief
    provider = OfflineProvider(timeout_s=5)
    text, _ = await write_changelog(provider, before, after, None, timeout_s=5, restored_from=1)
    assert text is not None and "brings back v0.1" in text
    assert "Nothing" not in text


async def test_changelog_falls_back_when_the_model_fails(server: VendorServer) -> None:
    server.script(Reply(status=500))
    provider = provider_for(server)
    text, tokens = await write_changelog(provider, BRIEF, BRIEF, "Make it blue", timeout_s=5)
    await provider.aclose()
    assert text is not None and tokens == 0
    assert "Make it blue" not in text and "changed" in text


async def test_a_failing_changelog_never_quotes_a_secret(server: VendorServer) -> None:
    server.script(Reply(status=500))
    provider = provider_for(server)
    request = f"Make it blue, my key is {SECRET} and password=hunter2hunter2"
    text, _ = await write_changelog(provider, BRIEF, BRIEF, request, timeout_s=5)
    await provider.aclose()
    assert text is not None
    assert SECRET[10:] not in text and "hunter2" not in text
