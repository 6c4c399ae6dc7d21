"""Screenshots through the machine's shared browser: found, or started, by whichever
livebuild process needs a picture first (one per data dir), and left by each as it closes.

The service going away never fails a build: a capture whose service stopped starts it again
once and tries once more; past that the picture is skipped, as any failed capture is.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from livebuild.core.machine_service import (
    ServiceUnavailable,
    answering,
    end,
    locked,
    read_state,
    spawn,
    wait_started,
)
from livebuild.screenshots.browser import (
    BrowserUnavailable,
    Capture,
    CaptureError,
    screenshot_chromium,
)
from livebuild.screenshots.gate import MAX_HOLD_S as MAX_HOLD_S
from livebuild.settings import Settings

# After the service failed to start, how long captures are skipped before it is tried again.
RETRY_START_S = 30.0


@dataclass(frozen=True)
class ServiceAddress:
    url: str
    token: str
    pid: int


@dataclass(frozen=True)
class ServicePlan:
    """Where the service keeps its state, which Chromium it runs and how much at once."""

    run_dir: Path
    chromium: str | None
    concurrency: int = 2
    timeout_s: float = 10.0
    idle_s: float = 300.0
    start_timeout_s: float = 60.0

    @property
    def state(self) -> Path:
        return self.run_dir / "service.json"

    def command(self) -> list[str]:
        assert self.chromium is not None
        argv = [sys.executable, "-m", "livebuild.screenshots.shared_process"]
        argv += ["--chromium", self.chromium, "--state", str(self.state)]
        argv += ["--concurrency", str(self.concurrency), "--timeout-s", str(self.timeout_s)]
        return [*argv, "--idle-s", str(self.idle_s)]


def service_plan(settings: Settings) -> ServicePlan:
    """The machine's screenshot service as the settings describe it (one per data dir)."""
    return ServicePlan(
        run_dir=settings.screenshot_service_dir or settings.data_dir / "screenshot-service",
        chromium=screenshot_chromium(settings.chromium_path),
        concurrency=settings.resolved_screenshot_concurrency,
        timeout_s=settings.screenshot_timeout_s,
        idle_s=settings.screenshot_service_idle_s,
    )


@contextlib.asynccontextmanager
async def background_held(plan: ServicePlan, seconds: float) -> AsyncIterator[None]:
    """While a founder waits on the local model: the machine's screenshot service starts no
    background picture (for at most `seconds`), so the model has the cores. Never starts a
    service, and never fails the reading: with no service, or one that doesn't answer, the
    reading goes on unheld."""
    address = await asyncio.to_thread(find, plan)
    hold: str | None = None
    async with httpx.AsyncClient(timeout=3) as client:
        if address is not None:
            with contextlib.suppress(httpx.HTTPError, ValueError):
                answer = await client.post(
                    f"{address.url}/hold",
                    json={"seconds": seconds},
                    headers=_headers(address.token),
                )
                given = answer.json().get("hold") if answer.status_code == 200 else None
                hold = given if isinstance(given, str) else None
        try:
            yield
        finally:
            if address is not None and hold is not None:
                with contextlib.suppress(httpx.HTTPError):
                    await client.post(
                        f"{address.url}/hold",
                        json={"release": hold},
                        headers=_headers(address.token),
                    )


def _headers(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def _answers(state: dict[str, object]) -> ServiceAddress | None:
    found = answering(state)
    return ServiceAddress(*found) if found else None


def _start(plan: ServicePlan) -> ServiceAddress:
    log_path = plan.run_dir / "service.log"
    child = spawn(plan.command(), secrets.token_urlsafe(32), log_path)
    return wait_started(
        child,
        plan.state,
        _answers,
        what="screenshot service",
        log_path=log_path,
        timeout_s=plan.start_timeout_s,
        poll_s=0.05,
    )


def find_or_start(plan: ServicePlan, name: str) -> ServiceAddress:
    """The machine's running service, started if there is none, with this process joined
    as one of its users, called `name` (blocking)."""
    plan.run_dir.mkdir(parents=True, exist_ok=True)
    with locked(plan.run_dir / "service.lock", plan.start_timeout_s):
        state = read_state(plan.state)
        found = _answers(state) if state else None
        found = found if found is not None else _start(plan)
        try:
            httpx.post(
                f"{found.url}/users",
                json={"pid": os.getpid(), "name": name},
                headers=_headers(found.token),
            )
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"the screenshot service did not answer: {error}") from error
        return found


def find(plan: ServicePlan) -> ServiceAddress | None:
    """The running service, if there is one; never starts one."""
    state = read_state(plan.state)
    return _answers(state) if state else None


def stop(plan: ServicePlan, timeout_s: float = 10.0) -> bool:
    """Stop the running service (and its Chromium); returns whether there was one."""
    found = find(plan)
    if found is not None:
        end(found.pid, timeout_s)
    return found is not None


class SharedBrowser:
    """The screenshot contract, served by the machine's one browser."""

    def __init__(self, plan: ServicePlan) -> None:
        self.plan = plan
        self._address: ServiceAddress | None = None
        self._lock = asyncio.Lock()
        self.name = f"{os.getpid()}-{secrets.token_hex(6)}"
        self._failed_until = 0.0
        self._failure = ""
        # Waiting for a turn is part of a capture: the service bounds the wait itself.
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(plan.timeout_s * 4 + 5, connect=3))

    @property
    def available(self) -> bool:
        return self.plan.chromium is not None

    async def _service(self) -> ServiceAddress:
        async with self._lock:
            if self._address is None:
                if self.plan.chromium is None:
                    raise BrowserUnavailable("no Chromium found")
                if time.monotonic() < self._failed_until:
                    raise BrowserUnavailable(self._failure)
                try:
                    self._address = await asyncio.to_thread(find_or_start, self.plan, self.name)
                except ServiceUnavailable as error:
                    # Builds go on without pictures for a while rather than each paying for
                    # a start that fails.
                    self._failed_until = time.monotonic() + RETRY_START_S
                    self._failure = str(error)
                    raise BrowserUnavailable(self._failure) from error
            return self._address

    async def prepare(self) -> None:
        """Find or start the service now, so the first picture doesn't wait for Chromium."""
        await self._service()

    async def capture(self, url: str, *, founder: bool = False) -> Capture:
        for attempt in (1, 2):
            address = await self._service()
            try:
                return await self._ask(address, url, founder)
            except httpx.TransportError as error:
                # The service went away (it crashed, or was stopped): start it again, once.
                async with self._lock:
                    if self._address is address:
                        self._address = None
                if attempt == 2:
                    raise CaptureError(
                        f"the screenshot service did not answer: {error!r}"
                    ) from error
        raise AssertionError("unreachable")

    async def _ask(self, address: ServiceAddress, url: str, founder: bool) -> Capture:
        started = time.perf_counter()
        answer = await self._http.post(
            f"{address.url}/capture",
            json={"url": url, "priority": "founder" if founder else "background"},
            headers=_headers(address.token),
        )
        if answer.status_code != 200:
            try:
                problem = str(answer.json().get("error", ""))[:300]
            except ValueError:
                problem = ""
            raise CaptureError(f"the screenshot service answered {answer.status_code}: {problem}")
        status = int(answer.headers.get("x-capture-status", "0"))
        try:
            browser_s: float | None = float(answer.headers["x-capture-s"])
        except (KeyError, ValueError):
            browser_s = None
        return Capture(answer.content, status, time.perf_counter() - started, browser_s)

    async def close(self) -> None:
        """Leave the service: it stops once the last process using it has left."""
        address, self._address = self._address, None
        if address is not None:
            with contextlib.suppress(httpx.HTTPError):  # it is gone already
                await self._http.post(
                    f"{address.url}/users",
                    json={"pid": os.getpid(), "name": self.name, "leave": True},
                    headers=_headers(address.token),
                    timeout=3,
                )
        await self._http.aclose()
