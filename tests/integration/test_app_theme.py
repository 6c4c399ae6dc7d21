"""Every surface of a generated app follows its theme, light or dark: each piece of text is
measured against what is really painted behind it in Chromium, and must pass WCAG AA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from livebuild.appgen import app_files
from livebuild.appgen.contrast import ratio
from livebuild.appgen.style import theme_variables
from livebuild.brief import Brief, derive_brief
from livebuild.brief.changes import apply_change
from livebuild.core.stages import Stage
from tests.integration.test_app_phone import needs_chromium
from tests.integration.test_app_records import walkers_and_walks
from tests.integration.test_appgen import fetch, running_app, write_app

# Every visible piece of text, its colour, and the colours painted behind it (a gradient
# counts as each of its stops); semi-transparent layers are blended onto what lies below.
CONTRAST_JS = r"""
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const blend = (top, under) => [0,1,2].map(i => top[i]*top[3] + under[i]*(1-top[3])).concat([1]);
  const lum = (c) => { const l = c.slice(0,3).map(v => { v /= 255;
    return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); });
    return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
    return (Math.max(x,y)+0.05)/(Math.min(x,y)+0.05); };
  const grounds = (el) => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      const stops = (s.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
      if (stops.length) { layers.push(stops); if (stops.every(c => c[3] >= 1)) break; }
      const bg = parse(s.backgroundColor);
      if (bg && bg[3] > 0) { layers.push([bg]); if (bg[3] >= 1) break; }
    }
    let result = [[255,255,255,1]];
    for (const layer of layers.reverse())
      result = layer.flatMap(c => result.map(r => blend(c, r)));
    return result;
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg, .sr-only, option, select')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible') continue;
    const fg = parse(s.color); const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    for (const bg of grounds(el)) {
      const r = ratio(blend(fg, bg), bg);
      if (r < (large ? 3 : 4.5)) {
        const text = el.textContent.trim().slice(0, 30);
        bad.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" ${r.toFixed(2)}`);
        break;
      }
    }
  }
  return bad;
}
"""


def dark(brief: Brief) -> Brief:
    result = apply_change(brief, "use a dark theme")
    assert result.made == ["Switched to a dark theme."]
    return result.brief


def pages_of(base: str, brief: Brief) -> list[str]:
    paths = ["/", "/dashboard", "/about", "/nope", "/walks/calendar?month=2026-03"]
    for entity in brief.entities:
        listing = fetch(f"{base}/{entity.slug}")[1]
        first = re.search(rf'href="/{re.escape(entity.slug)}/(\d+)"', listing)
        assert first is not None
        record = f"/{entity.slug}/{first.group(1)}"
        paths += [f"/{entity.slug}", f"/{entity.slug}/new", record, record + "/edit"]
        paths += [record + "/delete", f"/{entity.slug}/import"]
    return paths


async def unreadable(page: Page) -> list[str]:
    found: list[str] = await page.evaluate(CONTRAST_JS)
    return found


@pytest.mark.parametrize(
    "theme",
    [
        {"background": "#15171e", "text": "#e9ecf2", "primary": "#3b5bdb", "accent": "#c2255c"},
        {"background": "#ffffff", "text": "#777777", "primary": "#ffd43b", "accent": "#fff3bf"},
        {"background": "#0b3d2e", "text": "#0f5132", "primary": "#198754", "accent": "#20c997"},
    ],
)
def test_every_theme_colour_pair_passes_aa(theme: dict[str, str]) -> None:
    values = theme_variables({**theme, "font": "system-ui"})
    for fg, bgs in {
        "--text": ["--bg", "--surface", "--primary-soft", "--accent-soft"],
        "--muted": ["--bg", "--surface", "--primary-soft"],
        "--primary": ["--bg", "--surface", "--primary-soft", "--primary-tint"],
        "--on-primary": ["--primary-fill", "--accent-fill", "--danger-fill", "--primary-dark"],
        "--danger": ["--surface", "--danger-bg"],
        "--flash": ["--flash-bg"],
        **{f"--tone-{i}": [f"--tone-{i}-bg"] for i in range(6)},
    }.items():
        for bg in bgs:
            assert ratio(values[fg], values[bg]) >= 4.5, (fg, bg, values[fg], values[bg])


@needs_chromium
@pytest.mark.parametrize("look", ["light", "dark"])
async def test_every_surface_is_readable_in_chromium(
    browser: Browser, tmp_path: Path, look: str
) -> None:
    brief = walkers_and_walks()
    brief = dark(brief) if look == "dark" else brief
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        context = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await context.new_page()
        problems: list[str] = []
        for path in pages_of(base, brief):
            await page.goto(base + path)
            problems += [f"{path}: {p}" for p in await unreadable(page)]
        # The form with its error messages, and a row just added.
        await page.goto(base + "/walkers/new")
        await page.fill("#f-phone", "call me")
        await page.click("button[type=submit]")
        await page.wait_for_selector(".error-summary")
        problems += [f"form errors: {p}" for p in await unreadable(page)]
        await page.screenshot(path=str(tmp_path / f"{look}-errors.png"), full_page=True)
        # The link picker's list, open with one walker highlighted.
        await page.goto(base + "/walks/new")
        await page.type("#f-walker", "a")
        await page.locator("#f-walker-list [role=option]").first.wait_for()
        await page.keyboard.press("ArrowDown")
        problems += [f"link picker: {p}" for p in await unreadable(page)]
        await page.goto(base + "/walkers")
        await page.screenshot(path=str(tmp_path / f"{look}-list.png"), full_page=True)
        await context.close()
    assert problems == []


def test_dark_theme_paints_every_surface_dark() -> None:
    css = app_files(dark(derive_brief("A CRM for my bakery")), Stage.CHECKS)["static/style.css"]
    assert "color-scheme: dark" in css
    surface = re.search(r"--surface: (#[0-9a-f]{6})", css)
    assert surface is not None and ratio(surface.group(1), "#ffffff") > 10
    body = css.split("}\n", 1)[1]
    assert "#fff" not in body and "rgba(255" not in body
