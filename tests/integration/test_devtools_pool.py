"""The machine's screenshot browser spoken to over the DevTools protocol directly: the same
pictures as through Playwright, pages recycled clean, and a hostile or broken app never
stalls or poisons the next capture."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import signal
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from livebuild.screenshots.blank import blank_reason
from livebuild.screenshots.browser import (
    BrowserPool,
    BrowserUnavailable,
    CaptureError,
    screenshot_chromium,
)
from livebuild.screenshots.devtools import LOOK, DevToolsPool
from livebuild.screenshots.devtools_pipe import DevToolsPipe, ProtocolError
from tests.static_site import served

CHROMIUM = screenshot_chromium(None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to drive")

PAGE = "<html><body data-ready='true'><h1>Walks</h1>" + "<p>A walk at noon.</p>" * 40
STORING = (
    "<html><body><h1>Walks</h1><script>"
    "localStorage.setItem('walks', 'kept'); document.cookie = 'walker=kept; path=/';"
    "document.body.dataset.ready = 'true';</script></body></html>"
)
OPENER = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "window.open('/index.html?left-behind', 'stay');</script></body></html>"
)
ALERTING = "<html><body data-ready='true'><h1>Walks</h1><script>alert('hi');</script></body></html>"
# Hangs its renderer as soon as anything navigates it away: it can't be emptied.
CLINGING = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "addEventListener('beforeunload', () => { for (;;) {} });</script></body></html>"
)
# A box that takes typing has the focus (its caret would blink into the picture) and a
# heading slides in.
TYPING = (
    "<html><head><style>@keyframes in { from { margin-left: 300px } to { margin-left: 0 } }"
    "h1 { animation: in 3s }</style></head><body data-ready='true'><h1>Walks</h1>"
    "<input autofocus placeholder='Walker'><textarea>Notes</textarea></body></html>"
)
# The box with the focus is in a shadow root, focused a frame after the page is ready: the
# page's focused element is its host, and only later (its caret would blink in all the same).
SHADOWED = (
    "<html><body data-ready='true'><h1>Walks</h1><div id='host'></div><script>"
    "const root = document.getElementById('host').attachShadow({mode: 'open'});"
    "root.innerHTML = '<input placeholder=\"Walker\">';"
    "requestAnimationFrame(() => root.querySelector('input').focus());</script></body></html>"
)
# The box with the focus is in a frame of the page.
FRAMED = (
    "<html><body data-ready='true'><h1>Walks</h1><iframe srcdoc=\"<input autofocus "
    "placeholder='Walker'><script>document.querySelector('input').focus()</script>\">"
    "</iframe><script>document.querySelector('iframe').focus()</script></body></html>"
)
# The whole page takes typing (design mode): its body has the caret and the focus. (Its
# picture is not Playwright's byte for byte, with the rule added as Playwright adds it.)
DESIGNED = (
    "<html><body data-ready='true'><h1>Walks</h1><p>Notes on the walk.</p>"
    "<script>document.designMode = 'on'; document.body.focus();</script></body></html>"
)
# A box is focused well after the page said it is ready, while it is being made still.
FOCUSED_LATER = (
    "<html><body data-ready='true'><h1>Walks</h1><input placeholder='Walker'><script>"
    "requestAnimationFrame(() => requestAnimationFrame(() => "
    "document.querySelector('input').focus()));</script></body></html>"
)
LATE = (
    "<html><body><h1>Walks</h1><script>setTimeout(() => {"
    "document.querySelector('h1').textContent = 'Ready walks';"
    "document.body.dataset.ready = 'true'; }, 150);</script></body></html>"
)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text(PAGE)
    with served(folder) as url:
        yield folder, url


async def _picture(pool: BrowserPool | DevToolsPool, url: str) -> bytes:
    try:
        return (await pool.capture(url)).png
    finally:
        await pool.close()


async def test_the_pictures_are_the_ones_playwright_takes(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "late.html").write_text(LATE)
    (folder / "typing.html").write_text(TYPING)
    (folder / "shadowed.html").write_text(SHADOWED)
    (folder / "framed.html").write_text(FRAMED)
    (folder / "focused.html").write_text(FOCUSED_LATER)
    pages = ("", "late.html", "typing.html", "shadowed.html", "framed.html", "focused.html")
    for page in (url + name for name in pages):
        ours = await _picture(DevToolsPool(CHROMIUM, 1, 20), page)
        theirs = await _picture(BrowserPool(CHROMIUM, 1, 20), page)
        assert blank_reason(ours) is None
        assert _pixels(ours) == _pixels(theirs), page


def _pixels(png: bytes) -> bytes:
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size == (1280, 800)
        return picture.convert("RGBA").tobytes()


def _compression(png: bytes) -> int:
    """The zlib level class of the picture's pixel data (0 fastest … 3 smallest)."""
    at = 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"IDAT":
            return png[at + 9] >> 6
        at += 12 + length
    raise AssertionError("no pixel data")


async def test_a_picture_is_encoded_for_speed_with_the_same_pixels(
    site: tuple[Path, str],
) -> None:
    """Encoding the PNG was most of the browser's own CPU a capture: it is encoded at zlib's
    fastest level (a larger file), pixel for pixel the picture Playwright takes."""
    _, url = site
    ours = await _picture(DevToolsPool(CHROMIUM, 1, 20), url)
    theirs = await _picture(BrowserPool(CHROMIUM, 1, 20), url)
    assert _compression(ours) == 0 and _compression(theirs) == 2
    assert _pixels(ours) == _pixels(theirs)


async def test_a_page_with_nothing_to_type_in_focused_is_not_restyled(
    site: tuple[Path, str],
) -> None:
    """The no-caret rule restyles the whole page (~10 ms of its renderer's CPU a picture):
    it is added only where a caret could show, so a page nobody typed in keeps its styles,
    and a page whose box takes the focus while it is made still gets the rule then."""
    folder, url = site
    (folder / "focused.html").write_text(FOCUSED_LATER)
    (folder / "designed.html").write_text(DESIGNED)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    rules = (
        "[...document.querySelectorAll('style')].filter(s => /caret/.test(s.textContent)).length"
    )
    try:
        browser = await pool._ensure_browser()
        tab = await pool._open_tab(browser)
        for page, added in ((url, 0), (url + "focused.html", 1), (url + "designed.html", 1)):
            await pool._go(browser, tab, page)
            assert await pool._evaluate(browser, tab, LOOK) == 200
            await pool._evaluate(browser, tab, "new Promise(r => requestAnimationFrame(r))")
            assert await pool._evaluate(browser, tab, rules) == added
    finally:
        await pool.close()


async def test_a_capture_looks_at_the_page_once(
    site: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command to the page costs its renderer and the browser CPU: a capture asks the
    page once whether it is ready (its status, the wait and the stilling in one)."""
    folder, url = site
    (folder / "late.html").write_text(LATE)
    sent: list[str] = []
    send = DevToolsPipe.send

    async def counted(self: DevToolsPipe, method: str, *args: object, **kwargs: object) -> object:
        sent.append(method)
        return await send(self, method, *args, **kwargs)  # type: ignore[arg-type]

    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.warm()
        monkeypatch.setattr(DevToolsPipe, "send", counted)
        shot = await pool.capture(url + "late.html")
        assert shot.status == 200 and blank_reason(shot.png) is None
        # A picture taken before Chromium had a frame waits for the next one (one more look
        # with one more picture); the page is asked whether it is ready only once.
        retries = sent.count("Page.captureScreenshot") - 1
        assert sent.count("Runtime.evaluate") - retries == 1
    finally:
        await pool.close()


async def test_a_recycled_page_keeps_nothing_of_the_app_it_showed(
    site: tuple[Path, str],
) -> None:
    folder, url = site
    (folder / "index.html").write_text(STORING)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        [tab] = pool._idle
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        assert pool._idle == [tab] and tab.uses == 2  # the same page, used again
        browser = await pool._ensure_browser()
        await pool._go(browser, tab, url + "nothing-here")
        kept = "[localStorage.getItem('walks'), document.cookie]"
        assert await pool._evaluate(browser, tab, kept) == [None, ""]
    finally:
        await pool.close()


async def test_a_page_an_app_opened_never_outlives_its_capture(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "index.html").write_text(OPENER)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        await pool.capture(url)
        await asyncio.gather(*pool._chores)
        browser = await pool._ensure_browser()
        targets = (await browser.send("Target.getTargets"))["targetInfos"]
        pages = [t for t in targets if t["type"] == "page"]
        assert pool._idle == [] and pool.open_pages == 0 and pages == []
        assert blank_reason((await pool.capture(url)).png) is None  # a fresh page next
    finally:
        await pool.close()


async def test_an_app_that_opens_a_dialog_still_gets_its_picture(site: tuple[Path, str]) -> None:
    folder, url = site
    (folder / "index.html").write_text(ALERTING)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        assert blank_reason((await pool.capture(url)).png) is None
    finally:
        await pool.close()


async def test_a_missing_page_or_a_closed_port_is_a_capture_error(
    site: tuple[Path, str],
) -> None:
    _, url = site
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        with pytest.raises(CaptureError, match="HTTP 404"):
            await pool.capture(url + "nothing-here")
        with pytest.raises(CaptureError, match="did not load"):
            await pool.capture("http://127.0.0.1:1/")
        assert blank_reason((await pool.capture(url)).png) is None
    finally:
        await pool.close()


async def test_a_browser_that_died_is_started_again(site: tuple[Path, str]) -> None:
    _, url = site
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        await pool.capture(url)
        first = pool._browser
        assert first is not None and first._process is not None
        os.kill(first._process.pid, signal.SIGKILL)
        try:
            shot = await pool.capture(url)
        except CaptureError:  # at most the capture that found it dead is lost
            shot = await pool.capture(url)
        assert blank_reason(shot.png) is None
        assert pool._browser is not first
    finally:
        await pool.close()


async def test_a_page_that_will_not_empty_still_has_its_context_disposed(
    site: tuple[Path, str],
) -> None:
    folder, url = site
    (folder / "index.html").write_text(CLINGING)
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=5)
    try:
        assert blank_reason((await pool.capture(url)).png) is None
        await asyncio.gather(*pool._chores)  # its emptying runs out of time
        browser = await pool._ensure_browser()
        contexts = (await browser.send("Target.getBrowserContexts"))["browserContextIds"]
        assert pool._idle == [] and pool.open_pages == 0 and contexts == []
    finally:
        await pool.close()


async def test_a_page_that_could_not_be_made_has_its_context_disposed(
    site: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, url = site
    pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=10)
    try:
        browser = await pool._ensure_browser()
        send = browser.send

        async def refusing(method: str, *args: object, **kwargs: object) -> dict[str, object]:
            if method == "Page.setLifecycleEventsEnabled":
                raise ProtocolError("refused")
            return await send(method, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(browser, "send", refusing)
        with pytest.raises(CaptureError, match="refused"):
            await pool.capture(url)
        await asyncio.gather(*pool._chores)
        monkeypatch.setattr(browser, "send", send)
        contexts = (await browser.send("Target.getBrowserContexts"))["browserContextIds"]
        assert pool.open_pages == 0 and contexts == []
        assert blank_reason((await pool.capture(url)).png) is None
    finally:
        await pool.close()


async def test_a_chromium_that_is_gone_leaves_no_pipe_or_profile_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    pool = DevToolsPool(str(tmp_path / "chromium-gone"), concurrency=1, timeout_s=10)
    try:
        with pytest.raises(BrowserUnavailable):  # once, for whatever a first launch sets up
            await pool.capture("http://127.0.0.1:1/")
        before = sorted(os.listdir("/proc/self/fd"))
        for _ in range(3):
            with pytest.raises(BrowserUnavailable, match="FileNotFoundError"):
                await pool.capture("http://127.0.0.1:1/")
        assert sorted(os.listdir("/proc/self/fd")) == before
        assert [n for n in os.listdir(tmp_path) if n.startswith("livebuild-chromium-")] == []
    finally:
        await pool.close()


async def test_a_message_of_no_known_shape_does_not_end_the_reading() -> None:
    pipe = DevToolsPipe()
    heard: list[str] = []
    pipe.listeners.add(lambda method, params, session: heard.append(method))
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[dict[str, object]] = loop.create_future()
    refused: asyncio.Future[dict[str, object]] = loop.create_future()
    pipe._pending.update({1: answer, 7: refused})
    reader = asyncio.StreamReader()
    for message in (
        b'{"params": {}}',  # no method, no id
        b"[1]",
        b'{"id": 7, "error": "refused"}',
        b'{"method": "Page.loadEventFired", "params": {}}',
        b'{"id": 1, "result": {"ok": true}}',
    ):
        reader.feed_data(message + b"\0")
    reader.feed_eof()
    await pipe._read(reader)
    assert heard == ["Page.loadEventFired"] and answer.result() == {"ok": True}
    with pytest.raises(ProtocolError, match="refused"):
        refused.result()


async def test_a_reader_that_failed_does_not_keep_its_browser_from_closing() -> None:
    async def failing() -> None:
        raise KeyError("method")

    pipe = DevToolsPipe()
    pipe._reading = asyncio.create_task(failing())
    await asyncio.sleep(0)
    await pipe.close()  # nothing raised: the pool can start a browser again
    assert not pipe.connected


STAGE = "<html><body data-ready='true'><h1>{title}</h1>" + "<p>{line}</p>" * 12 + "</body></html>"
# Asks its server for a tick every 20 ms for as long as its scripts run.
TICKING = (
    "<html><body data-ready='true'><h1>Walks</h1><script>"
    "setInterval(() => fetch('/tick.txt').catch(() => {}), 20);</script></body></html>"
)


@pytest.mark.parametrize("kind", [DevToolsPool, BrowserPool])
async def test_the_next_stage_of_an_app_is_pictured_never_a_stale_frame(
    site: tuple[Path, str], kind: type[DevToolsPool] | type[BrowserPool]
) -> None:
    """The same page, used again for the app's next stage at the same address, pictures
    the new build: the second picture is the one a fresh browser takes of it, even when
    the next stage is written within the same second as the last, so the server answers
    the browser's "changed since?" with "not modified" (nothing comes from the cache)."""
    folder, url = site
    page = folder / "index.html"
    page.write_text(STAGE.format(title="Walks", line="A walk at noon."))
    written = page.stat()
    pool = kind(CHROMIUM, concurrency=1, timeout_s=20)
    try:
        first = (await pool.capture(url)).png
        await asyncio.gather(*pool._chores)
        [tab] = pool._idle
        page.write_text(STAGE.format(title="Runs", line="A run at dawn."))
        os.utime(page, ns=(written.st_atime_ns, written.st_mtime_ns))
        second = (await pool.capture(url)).png
        await asyncio.gather(*pool._chores)
        assert tab.uses == 2  # the page was used again
    finally:
        await pool.close()
    fresh = await _picture(kind(CHROMIUM, 1, 20), url)
    assert blank_reason(second) is None
    assert hashlib.sha256(first).digest() != hashlib.sha256(second).digest()
    assert hashlib.sha256(second).digest() == hashlib.sha256(fresh).digest()


async def test_a_page_waiting_for_its_next_capture_runs_none_of_the_apps_scripts(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text(TICKING)
    (folder / "tick.txt").write_text("tick")
    heard = tmp_path / "heard.log"
    with heard.open("wb") as log, served(folder, stderr=log) as url:
        pool = DevToolsPool(CHROMIUM, concurrency=1, timeout_s=20)
        try:
            assert blank_reason((await pool.capture(url)).png) is None
            await asyncio.gather(*pool._chores)
            assert len(pool._idle) == 1  # kept for the next capture
            ticks = heard.read_text().count("/tick.txt")
            await asyncio.sleep(1)  # fifty ticks, were its scripts running
            assert heard.read_text().count("/tick.txt") == ticks
        finally:
            await pool.close()
