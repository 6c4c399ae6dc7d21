"""The guide editor edits the guide as it reads, in real Chromium at desktop and phone
widths: no Markdown markers on screen, a sanitised preview, and Markdown underneath."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from tests.conftest import make_settings, start_build, stream_all
from tests.integration.test_pages import CHROMIUM, browsing, page_url, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")

SHOTS = Path("/tmp/flowshots")
HOSTILE = '<img src=x onerror="document.title=1"> [x](javascript:alert(1))'


@pytest.mark.parametrize("width", [1440, 390])
async def test_guide_is_edited_as_it_reads(browser: Browser, tmp_path: Path, width: int) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client)
        await stream_all(client, build["job_id"])
        name = (await client.get(f"/api/projects/{build['project_id']}")).json()["name"]
        before = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()["overview"]
        assert f"**{name}**" in before
        tab = await tabs.open(width)
        page = tab.page
        await page.goto(page_url(client, build))
        await page.get_by_role("button", name="Edit Overview").click()
        editor = page.get_by_role("textbox", name="Overview, editable")
        await expect(editor).to_be_focused()
        await expect(editor.locator("strong").first).to_have_text(name)
        assert "**" not in await editor.inner_text()

        await page.keyboard.press("Control+End")
        await page.keyboard.type(" Our own words, in bold")
        for _ in range(4):
            await page.keyboard.press("Shift+ArrowLeft")
        await page.get_by_role("toolbar").get_by_role("button", name="Bold").click()
        preview = page.locator("[data-section=overview] [data-edit-preview]")
        await expect(preview.locator("strong").last).to_have_text("bold")
        await expect(preview).to_contain_text("Our own words, in bold")
        # Pasted markup arrives as text, and stays text.
        await page.keyboard.press("Control+End")
        await editor.evaluate(
            """(box, text) => {
              const data = new DataTransfer();
              data.setData("text/html", text);
              data.setData("text/plain", " " + text);
              box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                cancelable: true}));
            }""",
            HOSTILE,
        )
        await expect(preview).to_contain_text("<img src=x")
        assert await editor.locator("img").count() == 0
        await page.screenshot(path=str(SHOTS / f"guide-editor-{width}.png"))
        assert await page.evaluate("document.documentElement.scrollWidth") <= width

        await page.locator("[data-section=overview]").get_by_role("button", name="Save").click()
        body = page.locator("[data-section=overview] [data-section-body]")
        await expect(body).to_be_visible()
        await expect(body).to_contain_text("Our own words, in bold")
        await expect(body.locator("strong").first).to_have_text(name)
        assert "**" not in await body.inner_text()
        assert await body.locator("img, a[href^=javascript]").count() == 0
        saved = (await client.get(f"/api/jobs/{build['job_id']}/docs")).json()
        assert saved["edited"] == ["overview"]
        assert f"**{name}**" in saved["overview"] and "**bold" in saved["overview"]
        assert await page.title() != "1"

        # The FAQ keeps its questions and answers through an edit.
        faq = page.locator("[data-section=faq]")
        questions = await faq.locator("dt").all_inner_texts()
        assert len(questions) >= 4
        await faq.get_by_role("button", name="Edit FAQ").click()
        await faq.get_by_role("button", name="Save").click()
        await expect(faq.locator("[data-section-body]")).to_be_visible()
        await expect(faq.locator("[data-section-body] dt")).to_have_text(questions)
        assert tab.errors == []
