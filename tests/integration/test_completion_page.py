"""The completion moment, versions, time-lapse, guide editing and the shared page, in real
Chromium against a real server, at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.async_api import Browser, expect

from livebuild.cli import main
from livebuild.settings import AuthMode
from tests.conftest import IDEA, make_settings, start_build, stream_all
from tests.integration.test_pages import browsing, page_url, serving

pytestmark = pytest.mark.skipif(
    __import__("tests.integration.test_pages").integration.test_pages.CHROMIUM is None,
    reason="no Chromium",
)


async def test_completion_hero_celebrates_once_and_fits_a_phone(
    browser: Browser,
    tmp_path: Path,
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        tab = await tabs.open(1440)
        page = tab.page
        await page.goto(page_url(client, build))
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        open_app = page.locator("[data-open-app]")
        await expect(open_app).to_be_visible()
        box = await open_app.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900
        for action in ("[data-download=zip]", "[data-change-open]"):
            await expect(page.locator(action)).to_be_in_viewport()
        # the button leads to the app's own address, which keeps it across versions
        project = (await client.get(f"/api/projects/{build['project_id']}")).json()
        assert project["app_url"].endswith(f"/app/{build['project_id']}/")
        await expect(open_app).to_have_attribute("href", project["app_url"])
        await expect(page.locator("[data-final-shot]")).to_have_attribute(
            "href", project["app_url"]
        )
        assert await page.evaluate("document.activeElement.id") == "done-title"
        await expect(page.locator("[data-announce]")).to_contain_text("Your MVP is ready")
        await expect(page.locator("[data-confetti] i")).to_have_count(14)
        plan = (await client.get(f"/api/projects/{build['project_id']}")).json()["brief"]
        # Home, dashboard and about, then a list, a form and a detail page per thing tracked.
        pages = 3 + 3 * len(plan["entities"])
        await expect(page.locator("[data-stat=pages]")).to_have_text(str(pages))
        await expect(page.locator("[data-stat=records]")).not_to_have_text("–")
        # tokens and stages are folded away; the story of the build stays, folded too
        await expect(page.locator("[data-stat=tokens]")).to_be_hidden()
        await page.locator("[data-history] > summary").click()
        await expect(page.locator("[data-history] [data-feed-entry]").first).to_be_visible()
        await page.screenshot(path=str(tmp_path / "complete-1440.png"))

        # the guide: titled sections, the FAQ as pairs, and editable
        titles = page.locator("[data-docs] .section-title")
        await expect(titles).to_have_text(["Overview", "Features", "Getting Started", "FAQ"])
        assert await page.locator("[data-docs] .faq dt").count() >= 4
        await page.get_by_role("button", name="Edit Overview").click()
        # The editor holds the guide as it reads: what is typed is text, markers and all.
        await page.locator("#edit-overview").fill("**Our own words** about <b>walks</b>.")
        await page.locator("[data-section=overview] button[type=submit]").click()
        overview = page.locator("[data-section=overview] [data-section-body]")
        await expect(overview).to_contain_text("**Our own words** about <b>walks</b>.")
        assert await overview.locator("b").count() == 0
        docs = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        assert docs["edited"] == ["overview"]

        # a reopen does not celebrate again
        await page.reload()
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await expect(page.locator("#done-title")).to_be_visible()
        await expect(page.locator("[data-confetti] i")).to_have_count(0)
        assert tab.errors == []

        for width in (1024, 390):
            narrow = await tabs.open(width)
            await narrow.page.goto(page_url(client, build))
            await expect(narrow.page.locator("[data-open-app]")).to_be_visible()
            await narrow.page.wait_for_load_state("networkidle")
            assert await narrow.page.evaluate("document.documentElement.scrollWidth") <= width
            main_button = narrow.page.locator("[data-open-app]")
            lines = await main_button.evaluate(
                "b => Math.round(b.getBoundingClientRect().height /"
                " parseFloat(getComputedStyle(b).lineHeight))"
            )
            assert lines <= 2  # one line of text plus its padding
            assert await main_button.evaluate("b => b.scrollWidth <= b.clientWidth")
            await narrow.page.screenshot(path=str(tmp_path / f"complete-{width}.png"))
            assert narrow.errors == []

        # asking for a change starts the next version and goes to its page
        await page.locator("[data-change-open]").click()
        await expect(page.locator("#change-text")).to_be_focused()
        await page.locator("#change-text").fill("Add a phone number to each client")
        await page.locator("[data-change-form] button[type=submit]").click()
        await page.wait_for_url(lambda url: build["job_id"] not in url and "job_id=" in url)
        new_job = page.url.rsplit("job_id=", 1)[1]
        status = (await client.get(f"/api/jobs/{new_job}")).json()
        assert status["version"] == "v0.2"
        assert status["change_request"] == "Add a phone number to each client"
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        await expect(page.locator("[data-open-app]")).to_have_attribute("href", project["app_url"])
        # v0.1 is still there as it was: its page opens its own preview, not the latest.
        first = (await client.post(f"/api/jobs/{build['job_id']}/preview")).json()
        await page.goto(page_url(client, build))
        await expect(page.locator("[data-open-app]")).to_have_attribute(
            "href", first["preview_url"]
        )
        assert tab.errors == []


async def test_reduced_motion_has_no_confetti(browser: Browser, tmp_path: Path) -> None:
    async with serving(make_settings(tmp_path)) as client:
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        context = await browser.new_context(reduced_motion="reduce")
        try:
            page = await context.new_page()
            await page.goto(page_url(client, build))
            await expect(page.locator("#done-title")).to_be_visible()
            await expect(page.locator("[data-confetti]")).to_be_hidden()
        finally:
            await context.close()


@pytest.fixture
def ada_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path / "data"))
    added = CliRunner().invoke(main, ["users", "add", "ada"])
    assert added.exit_code == 0, added.output
    return str(added.output.strip().splitlines()[-1])


async def test_slider_timelapse_projects_and_share_page_signed_out(
    browser: Browser,
    tmp_path: Path,
    ada_token: str,
) -> None:
    token = ada_token
    settings = make_settings(tmp_path, auth_mode=AuthMode.TOKEN, screenshots_enabled=True)
    async with serving(settings) as client, browsing(browser) as tabs:
        client.headers["Authorization"] = f"Bearer {token}"
        first = await start_build(client, IDEA + "\nSecond line of the idea.")
        await stream_all(client, first["job_id"])
        second = (await client.post(f"/api/projects/{first['project_id']}/builds")).json()
        await stream_all(client, second["job_id"])
        before = (await client.get(f"/api/jobs/{first['job_id']}")).json()["snapshot_url"]
        shots = (await client.get(f"/api/jobs/{second['job_id']}/snapshots")).json()["snapshots"]
        assert before and len(shots) >= 2

        await tabs.context.add_cookies(
            [{"name": "livebuild_session", "value": token, "url": str(client.base_url)}]
        )
        tab = await tabs.open(1440)
        page = tab.page
        await page.goto(page_url(client, second))
        compare = page.locator("[data-compare]")
        await expect(compare).to_be_visible()
        await expect(page.locator("[data-compare-before]")).to_have_attribute("src", before)
        await expect(page.locator("[data-compare-after]")).to_have_attribute(
            "src", shots[-1]["url"]
        )
        await page.locator("[data-compare-slider]").fill("20")
        split = await page.locator("[data-compare-view]").evaluate(
            "v => v.style.getPropertyValue('--split')"
        )
        assert split == "20%"
        await compare.scroll_into_view_if_needed()
        await compare.screenshot(path=str(tmp_path / "slider.png"))

        player = page.locator("[data-playback] [data-timelapse]")
        await expect(player).to_be_visible()
        image = player.locator("[data-timelapse-img]")
        await expect(image).to_have_attribute("src", shots[-1]["url"])
        await player.locator("[data-timelapse-scrub]").fill("0")
        await expect(image).to_have_attribute("src", shots[0]["url"])
        play = player.locator("[data-timelapse-play]")
        await play.click()
        await expect(play).to_have_attribute("aria-pressed", "true")
        await expect(image).to_have_attribute("src", shots[1]["url"])
        await play.click()
        await expect(play).to_have_attribute("aria-pressed", "false")
        href = await player.locator("[data-timelapse-file]").get_attribute("href")
        animated = await client.get(str(href))
        assert animated.status_code == 200 and animated.headers["content-type"] == "image/webp"

        await page.locator("[data-share]").click()
        await expect(page.locator("[data-share-url]")).to_have_value(
            re.compile(re.escape(f"{client.base_url}/s/"))
        )
        share_url = await page.locator("[data-share-url]").input_value()
        assert tab.errors == []

        # the projects list: the idea's first line, the latest picture and version, renaming
        await page.goto(f"{client.base_url}/")
        project = page.locator(".project")
        await expect(project.locator(".project-idea")).to_have_text(IDEA)
        await expect(project.locator("[data-latest]")).to_have_text("Latest: v0.2")
        await expect(project.locator(".project-shot img")).to_have_attribute(
            "src", shots[-1]["url"]
        )
        await project.locator("[data-rename]").click()
        await project.locator("input[name=name]").fill("Walkies")
        await project.locator("[data-rename-form] button[type=submit]").click()
        await expect(project.locator("[data-project-name]")).to_have_text("Walkies")
        stored = (await client.get(f"/api/projects/{first['project_id']}")).json()
        assert stored["name"] == "Walkies"
        assert tab.errors == []

        # signed out, in a browser that never signed in
        stranger = await browser.new_context()
        try:
            shared = await stranger.new_page()
            errors: list[str] = []
            shared.on("pageerror", lambda e: errors.append(str(e)))
            for width in (1440, 390):
                await shared.set_viewport_size({"width": width, "height": 900})
                answer = await shared.goto(share_url)
                assert answer is not None and answer.status == 200
                await expect(shared.locator("h1")).to_have_text("Walkies")
                # v0.2's pictures show the app with its owner's records: shared blurred.
                await expect(shared.locator("[data-pictures=private]")).to_be_visible()
                await expect(shared.locator("[data-timelapse]")).to_be_visible()
                loaded = await shared.locator("[data-timelapse-img]").evaluate(
                    "i => i.complete && i.naturalWidth > 0"
                )
                assert loaded
                assert await shared.evaluate("document.documentElement.scrollWidth") <= width
                assert await shared.locator("a[href^='/']:not([href^='/s/'])").count() == 0
                await shared.screenshot(path=str(tmp_path / f"share-{width}.png"), full_page=True)
            await shared.locator("[data-timelapse-scrub]").fill("0")
            src = await shared.locator("[data-timelapse-img]").get_attribute("src")
            assert src is not None and src.startswith("/s/")
            assert errors == []
            revoked = await client.delete(f"/api/jobs/{second['job_id']}/share")
            assert revoked.status_code == 204
            gone = await shared.goto(share_url)
            assert gone is not None and gone.status == 404
        finally:
            await stranger.close()

        # the version list: each version with its picture and request; restoring v0.1
        # starts the next version from it and goes to its page
        await page.goto(page_url(client, second))
        versions = page.locator("[data-versions]")
        await expect(versions).to_be_visible()
        await expect(versions.locator("li.version")).to_have_count(2)
        await expect(versions.locator("li.version[data-version='v0.2']")).to_contain_text(
            "You're looking at this one"
        )
        await versions.get_by_role("button", name="Restore v0.1").click()
        await page.wait_for_url(lambda url: second["job_id"] not in url and "job_id=" in url)
        restored = (await client.get(f"/api/jobs/{page.url.rsplit('job_id=', 1)[1]}")).json()
        assert (restored["version"], restored["restored_from"]) == ("v0.3", "v0.1")
        await expect(page.locator("html")).to_have_attribute("data-state", "complete")
        assert tab.errors == []
