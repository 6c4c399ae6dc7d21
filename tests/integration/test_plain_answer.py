"""An idea that isn't a record-keeping app gets a plain answer before any plan, through the API
and on the start page; an idea that keeps many of something is planned, under the name the
founder gave it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, expect

from livebuild.web.app import create_app
from tests.conftest import _client_for, make_settings
from tests.integration.test_pages import browsing, serving
from tests.vendor_servers import Reply, VendorServer

NOT_RECORDS = [
    ("a magic 8 ball website, you type a question, shake it and get an answer", "random picker"),
    ("Something where I paste my essay and it tells me the word count", "tool"),
    ("can you make a hangman game for my son using his spelling words?", "game"),
    (
        "splitting the bill with mates: total, tip %, number of people → what each pays",
        "calculator",
    ),
]


@pytest.mark.parametrize(("idea", "kind"), NOT_RECORDS)
async def test_the_api_answers_plainly_and_makes_no_project(
    client: httpx.AsyncClient, idea: str, kind: str
) -> None:
    response = await client.post("/api/projects", json={"idea": idea})
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "plain"}  # the 4xx shape of the contract, extended
    detail = body["detail"]
    # A short heading for the answer's panel, and the closest record app as an idea to start from.
    assert body["plain"]["heading"].startswith("livebuild can't build ")
    instead = body["plain"]["instead"]
    assert instead.startswith("An app that keeps ") and instead.rstrip(".") in detail + instead
    assert kind in detail and "livebuild builds apps that keep records" in detail
    assert "The closest it can build is" in detail and "model" not in detail
    assert "Traceback" not in detail and "/" not in detail.replace("8 ", "")
    assert (await client.get("/api/projects")).json()["projects"] == []


async def test_with_a_model_that_calls_it_records_the_answer_is_still_plain(
    tmp_path: Path,
) -> None:
    """A small model calls a word counter a record app now and then: the rules answer first."""
    said = {"app": "records", "records": [{"name": "essay", "details": [], "links": []}]}
    async with VendorServer() as server:
        server.script(Reply(json.dumps(said)))
        settings = make_settings(
            tmp_path, model_provider="openai", model_base_url=server.openai_url
        )
        async for client in _client_for(create_app(settings)):
            idea = NOT_RECORDS[1][0]
            response = await client.post("/api/projects", json={"idea": idea})
            assert response.status_code == 422
            assert "a tool that works out an answer" in response.json()["detail"]
            assert (await client.get("/api/projects")).json()["projects"] == []


@pytest.mark.parametrize(
    ("idea", "said"),
    [
        (
            "a video call app for our family: one button and everyone sees and hears each other",
            "a live map, stream or video call",
        ),
        ("a pet photo booth: take a picture of your cat and it adds a party hat", "can't build"),
    ],
)
async def test_a_call_or_a_pet_in_passing_is_answered_plainly_though_the_model_says_records(
    tmp_path: Path, idea: str, said: str
) -> None:
    """A model calls a family video call or a photo booth for cats a record app ("calls",
    "cats"): the English layer reads what the app does, so the answer is plain all the same."""
    records = {"app": "records", "records": [{"name": "cat", "details": [], "links": []}]}
    async with VendorServer() as server:
        server.script(Reply(json.dumps(records)))
        settings = make_settings(
            tmp_path, model_provider="openai", model_base_url=server.openai_url
        )
        async for client in _client_for(create_app(settings)):
            response = await client.post("/api/projects", json={"idea": idea})
            assert response.status_code == 422, response.text
            detail = response.json()["detail"]
            assert said in detail and "livebuild builds apps that keep records" in detail
            assert "Traceback" not in detail and "/" not in detail
            assert (await client.get("/api/projects")).json()["projects"] == []


async def test_a_timer_that_logs_each_session_is_planned_under_the_founders_name(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/projects",
        json={"idea": "Pawfect Timer: an app that times each walk and logs each session"},
    )
    assert response.status_code == 201, response.text
    brief = response.json()["brief"]
    assert brief["app_kind"] == "records" and brief["product_name"] == "Pawfect Timer"
    assert any(e["plural"] == "Sessions" for e in brief["entities"])


async def test_the_start_page_shows_the_plain_answer(browser: Browser, tmp_path: Path) -> None:
    """The answer reads as an answer, not an error: a neutral panel with a short heading, the
    idea box not flagged invalid, kept while the founder edits, and a button that puts the
    closest record app in the idea box."""
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        tab = await tabs.open()
        page = tab.page
        await page.goto(f"{client.base_url}/")
        idea = page.locator("#idea")
        await idea.fill("A pomodoro timer: 25 minutes of focus, then a ding")
        await page.locator("button[data-idea-submit]").click()
        panel = page.locator("[data-plain-answer]")
        await expect(panel).to_be_visible()
        await expect(panel.locator("h2")).to_have_text("livebuild can't build a timer")
        await expect(panel).to_contain_text("a log of your pomodoro sessions")
        await expect(panel).to_have_attribute("role", "status")
        await expect(page.locator("#idea-error")).to_have_text("")
        await expect(idea).to_have_attribute("aria-invalid", "false")
        await expect(page.locator(".project")).to_have_count(0)
        # Editing the idea, as the answer asks, keeps the answer in view.
        await idea.press("End")
        await idea.type(" and")
        await expect(panel).to_contain_text("a log of your pomodoro sessions")
        await panel.get_by_role("button", name="Start from the closest record app").click()
        await expect(idea).to_have_value(
            "An app that keeps a log of your pomodoro sessions, with their dates and lengths."
        )
        await expect(idea).to_be_focused()
        assert [e for e in tab.errors if "status of 422" not in e] == []


async def test_after_a_plain_answer_the_keyboard_is_back_in_the_idea(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        page = (await tabs.open()).page
        await page.goto(f"{client.base_url}/")
        await page.locator("#idea").fill("a pomodoro timer w/ nice sounds")
        # Keyboard only: Tab to the button, Enter.
        await page.keyboard.press("Tab")
        await expect(page.locator("button[data-idea-submit]")).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(page.locator("[data-plain-answer]")).to_contain_text(
            "This sounds like a timer"
        )
        # The button was busy while it asked; the founder's next keys rewrite the idea, not
        # the page's body.
        await expect(page.locator("#idea")).to_be_focused()
        await page.keyboard.type(" that logs each session")
        await expect(page.locator("#idea")).to_have_value(
            "a pomodoro timer w/ nice sounds that logs each session"
        )
