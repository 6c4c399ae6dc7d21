"""The machine's model server: found or started once and shared, one call at a time with a
founder's reading first, "busy" past its bound, calls cut off at their time, idle exit.

It runs as a real process speaking the OpenAI wire protocol on loopback; a scripted engine
stands in for llama.cpp so these run in seconds (the real model has its own test).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from livebuild.providers.base import Message, ProviderBusy, ProviderTimeout, Task
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.counts import read_calls
from livebuild.providers.local.machine import ServerPlan, find, find_or_start, stop
from tests.waits import still_running

ENGINE = "tests.fake_model_engine:ScriptedEngine"
ROOT = Path(__file__).resolve().parents[2]


def _plan(
    tmp_path: Path, text: str = "a plan in words", delay_s: float = 0.0, **kw: Any
) -> ServerPlan:
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps({"text": text, "delay_s": delay_s, "log": str(tmp_path / "calls.log")})
    )
    return ServerPlan(
        run_dir=tmp_path / "run", model=script, engine=ENGINE, start_timeout_s=30, **kw
    )


def _calls(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "calls.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server process imports the scripted engine from this checkout's tests package.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))


def _ask(
    plan: ServerPlan, say: str, kind: str = "narration", timeout_s: float = 20.0, retries: int = 0
) -> str:
    async def run() -> str:
        provider = LocalProvider(plan, timeout_s=timeout_s, max_retries=retries)
        try:
            done = await provider.complete("system", [Message("user", say)], Task(kind, {}))
            return done.text
        finally:
            await provider.aclose()

    return asyncio.run(run())


_FINDER = """
import json, sys
from pathlib import Path
from livebuild.providers.local.machine import ServerPlan, find_or_start
plan = ServerPlan(run_dir=Path(sys.argv[1]), model=Path(sys.argv[2]),
                  engine="tests.fake_model_engine:ScriptedEngine", start_timeout_s=30)
print(find_or_start(plan).pid)
"""


def test_two_processes_share_one_server(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    try:
        finders = [
            subprocess.Popen(
                [sys.executable, "-c", _FINDER, str(plan.run_dir), str(plan.model)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        pids = {int(f.communicate(timeout=60)[0].strip()) for f in finders}
        assert len(pids) == 1, "every process found the same server"
        assert find_or_start(plan).pid in pids
        # It outlives the processes that started it: it serves the whole machine.
        assert find(plan) is not None
        assert _ask(plan, "hello") == "a plan in words"
    finally:
        assert stop(plan)
    assert find(plan) is None
    assert not plan.state.exists(), "a stopped server leaves no state behind"


def test_the_server_answers_only_its_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBUILD_MODEL_API_KEY", "sk-planted-secret")
    plan = _plan(tmp_path)
    try:
        found = find_or_start(plan)
        environ = Path(f"/proc/{found.pid}/environ").read_bytes()
        assert b"sk-planted-secret" not in environ, "the model server holds no one's keys"
        assert found.token.encode() not in environ, "nor its own token, once read"
        base = found.url.removesuffix("/v1")
        assert httpx.get(f"{base}/health").status_code == 401
        wrong = {"authorization": "Bearer not-the-token"}
        body = {"messages": [{"role": "user", "content": "hi"}]}
        assert (
            httpx.post(f"{found.url}/chat/completions", json=body, headers=wrong).status_code == 401
        )
        assert oct(plan.state.stat().st_mode & 0o777) == "0o600"
        right = {"authorization": f"Bearer {found.token}"}
        too_big = {"messages": [{"role": "user", "content": "x" * 300_000}]}
        answer = httpx.post(f"{found.url}/chat/completions", json=too_big, headers=right)
        assert answer.status_code == 400
    finally:
        stop(plan)


def test_a_plan_asks_for_output_shaped_by_its_schema(tmp_path: Path) -> None:
    plan = _plan(tmp_path, text='{"ok": true}')
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}}

    async def run() -> str:
        provider = LocalProvider(plan, timeout_s=20)
        try:
            task = Task("plan", {}, {"idea": "x"}, schema=schema)
            return (await provider.complete("s", [Message("user", "idea")], task)).text
        finally:
            await provider.aclose()

    try:
        assert asyncio.run(run()) == '{"ok": true}'
        (call,) = [c for c in _calls(tmp_path) if c["event"] == "start"]
        assert call["response_format"]["json_schema"]["schema"] == schema
    finally:
        stop(plan)


async def _until_queued(plan: ServerPlan, *, busy: bool, waiting: int) -> None:
    """Until the server's own queue says so (a loaded machine can take longer than any fixed
    pause to get a call there); the server has no way to tell us, so we ask it."""
    address = find(plan)
    assert address is not None
    url = address.url.removesuffix("/v1") + "/health"
    headers = {"Authorization": f"Bearer {address.token}"}
    deadline = time.monotonic() + 20
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            state = (await client.get(url, headers=headers)).json()
            if state["busy"] == busy and state["waiting"] == waiting:
                return
            assert time.monotonic() < deadline, f"the server's queue stayed {state}"
            await asyncio.sleep(0.02)


async def _call(provider: LocalProvider, say: str, kind: str) -> str:
    try:
        return (await provider.complete("s", [Message("user", say)], Task(kind, {}))).text
    except ProviderBusy:
        return "BUSY"


def test_a_founder_goes_first_and_a_full_queue_says_busy(tmp_path: Path) -> None:
    """Background calls: one running, two waiting (the bound); a third is told busy. Then a
    founder arrives: the running background call is stopped and the founder's goes next,
    taking the newest waiting background call's place (told busy)."""
    # A word a second: the running call lasts 4 s, long enough for the waiting calls to be
    # queued one by one on a loaded machine before it ends (at 0.15 s a word it once ended
    # first).
    plan = _plan(tmp_path, text="one two three four", delay_s=1.0, max_waiting=2)

    async def run() -> list[str]:
        provider = LocalProvider(plan, timeout_s=30, max_retries=0)
        await provider.prepare()
        try:
            first = asyncio.create_task(_call(provider, "bg-running", "narration"))
            await _until_queued(plan, busy=True, waiting=0)
            # One at a time: two requests sent together may reach the server in either order
            # (seen under load), and which one is "the newest" is what this test checks.
            waiting = []
            for n in (1, 2):
                waiting.append(asyncio.create_task(_call(provider, f"bg-{n}", "docs")))
                await _until_queued(plan, busy=True, waiting=n)
            started = time.monotonic()
            over = await _call(provider, "bg-3", "docs")
            assert time.monotonic() - started < 2, "busy is said at once, not after a wait"
            founder = asyncio.create_task(_call(provider, "founder", "plan"))
            return [over, *await asyncio.gather(first, *waiting, founder)]
        finally:
            await provider.aclose()

    try:
        over, first, bg1, bg2, founder = asyncio.run(run())
    finally:
        stop(plan)
    assert over == "BUSY"
    assert first == "BUSY", "a background call running when a founder arrives is stopped"
    assert founder == bg1 == "one two three four"
    # The founder took the newest background call's place in the full queue.
    assert bg2 == "BUSY"
    order = [c["said"] for c in _calls(tmp_path) if c["event"] == "start"]
    assert order == ["bg-running", "founder", "bg-1"]


def test_a_call_past_its_time_is_cut_off_and_frees_the_model(tmp_path: Path) -> None:
    plan = _plan(tmp_path, text=" ".join(["word"] * 200), delay_s=0.05)
    try:
        find_or_start(plan)
        with pytest.raises(ProviderTimeout):
            _ask(plan, "slow", timeout_s=1.0)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
            c["event"] == "stopped" for c in _calls(tmp_path)
        ):
            time.sleep(0.05)
        assert [c["event"] for c in _calls(tmp_path)] == ["start", "stopped"]
    finally:
        stop(plan)


def test_each_call_is_counted_with_its_task_and_how_it_ended(tmp_path: Path) -> None:
    """What a reading cost is kept in the run dir, so where the time goes can be told."""
    plan = _plan(tmp_path, text=" ".join(["word"] * 40), delay_s=0.25)
    try:
        find_or_start(plan)
        with pytest.raises(ProviderTimeout):
            _ask(plan, "slow", kind="change", timeout_s=5.0)
        _ask(plan, "whole", kind="plan", timeout_s=60.0)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(read_calls(plan.run_dir / "calls.jsonl")) < 2:
            time.sleep(0.05)
        calls = read_calls(plan.run_dir / "calls.jsonl")
        # Cut off by the server's deadline or its caller's, whichever came first.
        assert calls[0].task == "change" and calls[0].ended in ("timeout", "left")
        assert (calls[1].task, calls[1].ended) == ("plan", "done")
        assert (calls[1].prompt, calls[1].wrote) == (7, 40)
    finally:
        stop(plan)


def test_the_server_exits_when_idle_and_starts_again_when_needed(tmp_path: Path) -> None:
    plan = _plan(tmp_path, idle_s=1.0)
    first = find_or_start(plan)
    assert still_running([first.pid], within_s=15) == [], "an idle server goes away"
    assert not plan.state.exists(), "an idle server goes away and frees its memory"
    try:
        # One retry: a server found a moment before its idle exit is found or started again.
        assert _ask(plan, "again", retries=1) == "a plan in words"
        assert find_or_start(plan).pid != first.pid
    finally:
        stop(plan)


def test_a_restarted_server_reads_its_founder_instructions_before_a_founder_waits(
    tmp_path: Path,
) -> None:
    """llama.cpp keeps what it has read, so a founder's reading that opens as the last one did
    reads only its own words; a new server reads the instructions of the last founder readings
    (not background work's) at once, so the first founder after a restart doesn't pay for them."""
    plan = _plan(tmp_path)

    async def ask(system: str, kind: str) -> None:
        provider = LocalProvider(plan, timeout_s=20)
        try:
            await provider.complete(system, [Message("user", "words")], Task(kind, {}))
        finally:
            await provider.aclose()

    async def readings() -> None:
        await ask("how to read a plan", "plan")
        await ask("how to write narration", "narration")
        await ask("how to read a change", "change")
        await ask("how to read a plan", "plan")

    try:
        asyncio.run(readings())
        assert oct((plan.run_dir / "prefixes.json").stat().st_mode & 0o777) == "0o600"
        assert stop(plan)
        (tmp_path / "calls.log").unlink()
        find_or_start(plan)
        deadline = time.monotonic() + 20
        while len([c for c in _calls(tmp_path) if c["event"] == "end"]) < 2:
            assert time.monotonic() < deadline, _calls(tmp_path)
            time.sleep(0.05)
        warmed = [(c["opens"], c["said"]) for c in _calls(tmp_path) if c["event"] == "start"]
        # Most recent first (the one likeliest to be asked again soonest).
        assert warmed == [("how to read a plan", ""), ("how to read a change", "")]
    finally:
        stop(plan)
