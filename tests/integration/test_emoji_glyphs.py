"""Emoji in a founder's names are drawn, not boxes: on the build page and in the generated app,
in real Chromium, as its own renderer reports which font drew each piece of text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from livebuild.appgen import app_files
from livebuild.brief import derive_brief
from livebuild.core.stages import Stage
from livebuild.guide.glyphs import emoji_font
from tests.conftest import make_settings, start_build
from tests.integration.test_app_phone import needs_chromium
from tests.integration.test_appgen import running_app, write_app
from tests.integration.test_pages import browsing, page_url, serving

pytestmark = [
    needs_chromium,
    pytest.mark.skipif(
        not emoji_font(),
        reason="no emoji font: `apt-get install fonts-noto-color-emoji` (scripts/setup does)",
    ),
]

IDEA = (
    "An app called Pawfect \U0001f436 Walks for my dog walking business "
    "to keep track of clients, dogs and walks"
)


async def _fonts_drawing(page: Page, selector: str) -> list[str]:
    """The fonts Chromium drew the text in `selector` with (DevTools' own answer)."""
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = await cdp.send("DOM.getDocument")
    node = await cdp.send(
        "DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector}
    )
    fonts = await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    return [str(f["familyName"]) for f in fonts["fonts"]]


def _drawn(fonts: list[str]) -> bool:
    # Without an emoji font the emoji falls to the text font's empty box.
    return any("emoji" in family.lower() for family in fonts)


async def test_an_emoji_in_the_name_is_drawn_on_the_build_page(
    browser: Browser, tmp_path: Path
) -> None:
    async with serving(make_settings(tmp_path)) as client, browsing(browser) as tabs:
        build = await start_build(client, IDEA)
        tab = await tabs.open(1024)
        await tab.page.goto(page_url(client, build))
        name = tab.page.locator(".build-title .product-name")
        await expect(name).to_contain_text("\U0001f436")
        fonts = await _fonts_drawing(tab.page, ".build-title .product-name")
        assert _drawn(fonts), fonts


async def test_an_emoji_in_the_name_is_drawn_in_the_generated_app(
    browser: Browser, tmp_path: Path
) -> None:
    brief = derive_brief(IDEA)
    assert "\U0001f436" in brief.product_name
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 1024, "height": 800})
        try:
            page = await context.new_page()
            await page.goto(f"{base}/")
            await expect(page.locator(".brand").first).to_contain_text("\U0001f436")
            fonts = await _fonts_drawing(page, ".brand")
            assert _drawn(fonts), fonts
        finally:
            await context.close()
