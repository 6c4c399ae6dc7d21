"""The same request no app can do, read on the local path: the machine's model server as a
real process on loopback (a scripted engine standing in for llama.cpp, through `LocalProvider`:
its grammar body, priority and task headers). The model is asked, and whatever it answers the
founder reads the rules' plain "can't" and the plan stays as it was, in both splits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bench.changes import load
from livebuild.brief.model_change import read_and_make
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import ServerPlan, stop
from tests.integration.test_model_change_no_answer import _ANSWERS, CANT
from tests.model_studio import MARKER

ENGINE = "tests.fake_model_engine:ScriptedEngine"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The server process imports the scripted engine from this checkout's tests package.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))


def _calls(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.mark.parametrize("answer", list(_ANSWERS), ids=list(_ANSWERS))
async def test_a_cant_do_read_by_the_local_model_gets_the_rules_plain_decline(
    tmp_path: Path, answer: str
) -> None:
    log = tmp_path / "calls.log"
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"text": _ANSWERS[answer], "log": str(log)}))
    plan = ServerPlan(
        run_dir=tmp_path / "run", model=script, engine=ENGINE, start_timeout_s=30, max_job_s=60
    )
    provider = LocalProvider(plan, timeout_s=60, max_retries=0)
    studio = load()[0]["studio"]
    try:
        await provider.prepare()
        results = [
            await read_and_make(provider, studio, CANT, timeout_s=30, split=split)
            for split in ("vote", "rules")
        ]
    finally:
        await provider.aclose()
        stop(plan)
    asked = [c for c in _calls(log) if c["event"] == "start" and MARKER in c["said"] + c["opens"]]
    assert len(asked) == 2  # the model was asked, once a split
    for result in results:
        assert result.made == [], result.made
        assert result.brief.to_dict() == studio.to_dict()
        words = " ".join(result.unmade)
        assert "can't show live video" in words, result.unmade
        assert "couldn't work out" not in words.lower(), result.unmade
