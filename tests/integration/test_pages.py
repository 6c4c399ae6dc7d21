"""The founder's pages in real Chromium against a real server: layout, live feed,
preview, guide, completion, failure, reconnects, refreshes and the reassurance timers."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, Route, expect

from livebuild.core.net import free_port
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import Runner
from livebuild.screenshots.browser import find_chromium
from livebuild.settings import Settings
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer
from tests.conftest import API_HEADERS, IDEA, make_settings, start_build, stream_all
from tests.fakes import CrashingAppRunner, GatedRunner

CHROMIUM = find_chromium(None)
# Waiting for a build to finish is seconds of real work; on a busy two-core machine it can
# outlast Playwright's default of 5 s for one expectation.
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: `apt-get install chromium` (scripts/setup does)"
)

RAW_STAGES = ("queued", "starting", "scaffold", "code", "deps", "checks")
SECTIONS = ["overview", "features", "getting_started", "faq"]


@asynccontextmanager
async def serving(
    settings: Settings, runner: Runner | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, runner=runner)
    async with (
        BackgroundServer(app, "127.0.0.1", settings.port),
        BackgroundServer(app.state.preview_app, "127.0.0.1", settings.preview_port),
        httpx.AsyncClient(base_url=settings.base_url, timeout=60, headers=API_HEADERS) as client,
    ):
        yield client


class Tab:
    """A browser page that remembers every console error and uncaught exception."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


class Tabs:
    """Pages in one browser context, closed before the server stops so no stream holds it up."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context

    async def open(self, width: int = 1440) -> Tab:
        page = await self.context.new_page()
        await page.set_viewport_size({"width": width, "height": 900})
        return Tab(page)


@asynccontextmanager
async def browsing(browser: Browser) -> AsyncIterator[Tabs]:
    context = await browser.new_context()
    try:
        yield Tabs(context)
    finally:
        await context.close()


def page_url(client: httpx.AsyncClient, build: dict[str, Any]) -> str:
    return f"{client.base_url}/projects/{build['project_id']}/build?job_id={build['job_id']}"


async def open_plan(
    client: httpx.AsyncClient, tabs: Tabs, width: int = 1440, idea: str = IDEA
) -> Tab:
    """A tab at `width` where the founder typed `idea` on the start page and was shown the
    plan of its new project."""
    tab = await tabs.open(width)
    await tab.page.goto(f"{client.base_url}/")
    await tab.page.locator("#idea").fill(idea)
    await tab.page.get_by_role("button", name="Show me the plan").click()
    await expect(tab.page.get_by_role("heading", name="Here's what we'll build")).to_be_visible()
    return tab


async def feed_ids(page: Page) -> list[str]:
    ids: list[str] = await page.locator("[data-feed-entry]").evaluate_all(
        "items => items.map(i => i.dataset.eventId)"
    )
    return ids


async def entry_producing_ids(client: httpx.AsyncClient, job_id: str) -> list[str]:
    events = (await client.get(f"/api/jobs/{job_id}/events")).json()["events"]
    return [str(e["id"]) for e in events if e["type"] != "build.stage.completed"]


async def wait_feed_matches(page: Page, client: httpx.AsyncClient, job_id: str) -> list[str]:
    expected = await entry_producing_ids(client, job_id)
    await expect(page.locator("[data-feed-entry]")).to_have_count(len(expected))
    ids = await feed_ids(page)
    assert ids == expected
    return ids


async def test_build_page_panels_feed_refresh_and_completion(
    browser: Browser, tmp_path: Path
) -> None:
    runner = GatedRunner(Stage.DEPS)
    async with serving(make_settings(tmp_path), runner) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await runner.reached.wait()
        tab = await tabs.open()
        page = tab.page
        await page.goto(page_url(client, build))
        await expect(page.locator("html")).to_have_attribute("data-state", "building")

        widths = {}
        for name in ("feed", "preview", "docs"):
            box = await page.locator(f"[data-panel={name}]").bounding_box()
            assert box is not None
            widths[name] = box["width"]
            overflow = await page.locator(f"[data-panel={name}]").evaluate(
                "el => getComputedStyle(el).overflowY"
            )
            assert overflow == "auto"
        assert widths["feed"] == 280 and widths["docs"] == 320
        assert widths["preview"] == 1440 - 280 - 320

        assert await page.locator("[data-feed]").get_attribute("aria-live") == "polite"
        ids = await wait_feed_matches(page, client, build["job_id"])
        assert await page.locator("[data-feed-entry] time[datetime]").count() == len(ids)
        times = await page.locator("[data-feed-entry] time").evaluate_all(
            "ts => ts.map(t => t.dateTime)"
        )
        assert times == sorted(times)
        titles = await page.locator("[data-feed-entry] .entry-title").all_inner_texts()
        assert "Laying out the foundations" in titles
        assert not {t.strip().lower() for t in titles} & set(RAW_STAGES)
        running = page.locator("[data-feed-entry].is-running")
        await expect(running).to_contain_text("Integrator")
        await expect(running).to_contain_text("Usually about")
        done = page.locator("[data-feed-entry].is-done").first
        await expect(done).to_contain_text("Done in")
        # The offline writer spends no model's tokens, so the feed claims none.
        await expect(done).not_to_contain_text("tokens")
        # the guide's sections arrive in order, each fading in
        await expect(page.locator("[data-docs] section")).to_have_count(4)
        assert (
            await page.locator("[data-docs] section").evaluate_all(
                "s => s.map(x => x.dataset.section)"
            )
            == SECTIONS
        )
        animation = await page.locator("[data-docs] section").first.evaluate(
            "s => getComputedStyle(s).animationName"
        )
        assert animation == "fade-in"
        assert await page.locator("body").get_attribute("data-email") == "off"

        details = page.locator("[data-tech]")
        assert await details.get_attribute("open") is None
        await details.locator("summary").click()
        await expect(details.locator("pre")).to_contain_text("[scaffold] started")

        # a refresh mid-build rebuilds the same feed from history
        await page.reload()
        assert await wait_feed_matches(page, client, build["job_id"]) == ids

        runner.gate.set()
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await expect(page.locator("#done-title")).to_have_text("Your MVP is ready")
        await expect(page.locator("[data-done-version]")).to_have_text("v0.1")
        for name in ("feed", "preview"):
            await expect(page.locator(f"[data-panel={name}]")).to_be_hidden()
        await expect(page.locator("[data-panel=docs]")).to_be_visible()
        time_text = await page.locator("[data-stat=time]").inner_text()
        assert re.fullmatch(r"\d+(\.\d)?s|\d+m \d+s", time_text)
        assert await page.locator("[data-stat=stages]").text_content() == "5"
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        # The offline writer's token counts were spent by no model: none are shown.
        assert status["tokens"] > 0
        await expect(page.locator("[data-stat=tokens]")).to_have_count(0)
        await expect(page.locator("[data-feed]")).not_to_contain_text("tokens")
        final_ids = await wait_feed_matches(page, client, build["job_id"])

        for kind, media in (("md", "text/markdown"), ("pdf", "application/pdf")):
            href = await page.locator(f"[data-download={kind}]").get_attribute("href")
            assert href is not None
            response = await client.get(href)
            assert response.status_code == 200 and response.headers["content-type"].startswith(
                media
            )
        next_href = await page.locator("[data-next]").get_attribute("href")
        assert next_href == f"/projects/{build['project_id']}/deploy?job_id={build['job_id']}"

        await page.reload()
        await expect(page.locator("#done-title")).to_be_visible()
        assert await wait_feed_matches(page, client, build["job_id"]) == final_ids
        assert tab.errors == []

        narrow = await tabs.open(1024)
        for state_url in (page_url(client, build), f"{client.base_url}/"):
            await narrow.page.goto(state_url)
            await narrow.page.wait_for_load_state("networkidle")
            width = await narrow.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1024
        assert narrow.errors == []


async def test_skeleton_then_screenshots(browser: Browser, tmp_path: Path) -> None:
    runner = GatedRunner(Stage.SCAFFOLD)
    async with (
        serving(make_settings(tmp_path, screenshots_enabled=True), runner) as client,
        browsing(browser) as tabs,
    ):
        build = await start_build(client)
        await runner.reached.wait()
        tab = await tabs.open()
        page = tab.page
        await page.goto(page_url(client, build))
        await expect(page.locator("[data-feed-entry]").first).to_be_visible()
        await expect(page.locator("[data-skeleton]")).to_be_visible()
        assert await page.locator("[data-frame] img").count() == 0

        runner.gate.set()
        shown = page.locator("[data-frame] img.is-shown")
        await expect(shown.first).to_be_visible(timeout=30_000)
        await expect(page.locator("[data-skeleton]")).to_be_hidden()
        src = await shown.first.get_attribute("src")
        assert src is not None and "/blobs/snapshots/" in src
        transition = await shown.first.evaluate("i => getComputedStyle(i).transitionProperty")
        assert "opacity" in transition

        await expect(page.locator("html")).to_have_attribute(
            "data-state", "complete", timeout=30_000
        )
        snapshots = (await client.get(f"/api/jobs/{build['job_id']}/snapshots")).json()
        await expect(page.locator("[data-final-img]")).to_have_attribute(
            "src", snapshots["snapshots"][-1]["url"]
        )
        assert await page.locator("[data-stat=screenshots]").text_content() == str(
            len(snapshots["snapshots"])
        )
        assert tab.errors == []


async def test_reconnect_resumes_without_duplicates(browser: Browser, tmp_path: Path) -> None:
    runner = GatedRunner(Stage.DEPS)
    async with serving(make_settings(tmp_path), runner) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await runner.reached.wait()
        history = (await client.get(f"/api/jobs/{build['job_id']}/events")).json()["events"]
        first = history[:4]
        requests: list[str] = []
        held = asyncio.Event()
        release = asyncio.Event()

        async def stream(route: Route) -> None:
            requests.append(route.request.url)
            if len(requests) == 1:
                # the stream drops after four events; the browser should come back for the rest
                body = "retry: 100\n\n" + "".join(
                    f"id: {e['id']}\nevent: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in first
                )
                await route.fulfill(status=200, content_type="text/event-stream", body=body)
                return
            held.set()
            await release.wait()
            # resume two events early: the page must not show them twice
            headers = {**route.request.headers, "last-event-id": str(first[1]["id"])}
            await route.continue_(headers=headers)

        tab = await tabs.open()
        page = tab.page
        await page.route("**/events/stream*", stream)
        await page.goto(page_url(client, build))
        await asyncio.wait_for(held.wait(), 10)
        await expect(page.locator("[data-connection]")).to_be_visible()
        await expect(page.locator("[data-connection]")).to_contain_text("Reconnecting")
        assert len(requests) == 2
        release.set()
        await expect(page.locator("[data-connection]")).to_be_hidden()
        await wait_feed_matches(page, client, build["job_id"])
        runner.gate.set()
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await wait_feed_matches(page, client, build["job_id"])
        assert tab.errors == []


async def test_reassurance_timers(browser: Browser, tmp_path: Path) -> None:
    runner = GatedRunner(Stage.CODE)
    # nothing listens on this port: the address is only stored, the build never ends here
    settings = make_settings(
        tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_from="hi@livebuild.test"
    )
    async with serving(settings, runner) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await runner.reached.wait()
        tab = await tabs.open()
        page = tab.page
        await page.clock.install()
        await page.goto(page_url(client, build))
        assert await page.locator("body").get_attribute("data-email") == "on"
        await expect(page.locator("[data-feed-entry].is-running")).to_be_visible()
        insight = page.locator("[data-insight]")
        await expect(insight).not_to_have_text("We're reading your idea closely.")
        brief = (await client.get(f"/api/projects/{build['project_id']}")).json()["brief"]
        # What to do with the app once it's ready, in its own words, not the plan again.
        plural = brief["entities"][0]["plural"].lower()
        first_insight = (
            f"When it's ready, add your own {plural} in the app, "
            "or bring them in from a spreadsheet (CSV)."
        )
        await expect(insight).to_have_text(first_insight)
        said = [brief["tagline"], brief["target_users"], brief["problem"], *brief["features"]]
        for _ in range(3):
            shown = await insight.inner_text()
            assert not any(s in shown for s in said), shown
            await page.clock.fast_forward(30_000)

        await expect(insight).not_to_have_text(first_insight)
        still = page.locator("[data-still-working]")
        await expect(still).to_be_hidden()

        await page.clock.fast_forward(31_000)
        await expect(still).to_be_visible()
        await expect(still).to_contain_text("Still working")
        assert re.fullmatch(r"2:\d\d", await page.locator("[data-elapsed]").inner_text())
        dialog = page.locator("[data-notify]")
        await expect(dialog).to_be_hidden()

        await page.clock.fast_forward(180_000)
        await expect(dialog).to_be_visible()
        await dialog.locator("input[type=email]").fill("not-an-address")
        await dialog.locator("button[type=submit]").click()
        await expect(dialog.locator("[data-notify-error]")).to_contain_text("valid email")
        await dialog.locator("input[type=email]").fill("ada@example.com")
        await dialog.locator("button[type=submit]").click()
        await expect(dialog.locator("[data-notify-done]")).to_be_visible()
        await page.keyboard.press("Escape")
        await expect(dialog).to_be_hidden()
        assert tab.errors == []


async def test_failed_build_has_a_calm_state(browser: Browser, tmp_path: Path) -> None:
    async with (
        serving(make_settings(tmp_path), CrashingAppRunner()) as client,
        browsing(browser) as tabs,
    ):
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        error = (await client.get(f"/api/jobs/{build['job_id']}")).json()["error"]
        tab = await tabs.open()
        page = tab.page
        await page.goto(page_url(client, build))
        await expect(page.locator("html")).to_have_attribute("data-state", "failed")
        await expect(page.locator("[data-failure-message]")).to_have_text(error["message"])
        await expect(page.locator("[data-debug-id]")).to_have_text(error["debug_id"])
        await expect(page.locator("[data-completion]")).to_be_hidden()
        text = await page.locator("body").inner_text()
        assert "Traceback" not in text and "SystemExit" not in text
        await page.locator("[data-retry]").click()
        await page.wait_for_url(lambda url: "job_id=" in url and build["job_id"] not in url)
        assert tab.errors == []


async def test_start_page_validates_and_starts_a_build(browser: Browser, tmp_path: Path) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await tabs.open()
        page = tab.page
        await page.goto(f"{client.base_url}/")
        await page.keyboard.press("Tab")
        await page.locator("button[data-idea-submit]").click()
        await expect(page.locator("#idea-error")).to_contain_text("describe your idea")
        await page.locator("#idea").fill("x" * 20_001)
        await page.locator("button[data-idea-submit]").click()
        await expect(page.locator("#idea-error")).to_contain_text("20,000")
        await page.locator("#idea").fill(IDEA)
        await page.locator("#idea").press("Tab")
        await page.keyboard.press("Enter")
        await page.get_by_role("button", name="Build it").click()
        await page.wait_for_url(re.compile(r"/projects/[^/]+/build\?job_id="))
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await page.goto(f"{client.base_url}/")
        await expect(page.locator(".project")).to_have_count(1)
        await expect(page.locator(".build-list a")).to_contain_text("v0.1")
        assert tab.errors == []


async def test_idea_markup_is_inert(browser: Browser, tmp_path: Path) -> None:
    name = "<script>window.pwned = 1</script>Shop"
    idea = (
        'A shop <img src=x onerror="window.pwned = 2"> for <b>makers</b> '
        "<script>window.pwned = 3</script>"
    )
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        project = (await client.post("/api/projects", json={"idea": idea, "name": name})).json()
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        await stream_all(client, build["job_id"])
        tab = await tabs.open()
        page = tab.page
        for url in (page_url(client, build), f"{client.base_url}/"):
            await page.goto(url)
            await page.wait_for_load_state("networkidle")
            assert await page.evaluate("window.pwned") is None
            assert await page.locator("script:not([src])").count() == 0
            assert await page.locator("img[src=x], b").count() == 0
        await expect(page.locator(".project-name")).to_have_text(project["name"])
        assert tab.errors == []
