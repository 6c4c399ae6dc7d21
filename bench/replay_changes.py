"""The local model's change readings of a spent round, kept once and replayed item by item:
`python -m bench.replay_changes record ROUND FILE [EVERY [START]]` then `python -m
bench.replay_changes replay ROUND FILE [EVERY [START]] [--scores-only]`.

On shared cores one change reading takes 5 to 40 seconds, and how it is combined with the
rules' reading is what a session tunes, so the model's raw answers are kept (`record`: the real
local model, asked for every request with no time limit and no rules-first skip) and each way
of combining the two readers is judged on those same answers (`replay`):

- `rules`: the rules alone (no model);
- `model`: the model's own reading, checked against the plan and made, before any reconcile
  with the rules (an answer that names nothing of the plan is no change);
- `today`: `read_and_make` with the model, as the product runs with `change_split = rules`;
- `vote`: `read_and_make` with `change_split = vote` (`model_change_vote`).

Each request is made on its base app's plan as `POST /api/projects/{id}/plan-change` would make
it (the plan comes from the product in-process) and judged as `bench.understanding` judges it.
`--scores-only` prints the totals alone: for a half that is held, whose misses are not read.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import replay_costs
from bench import understanding_run as drive
from bench.local_model import NO_MODEL, local_model
from bench.replay_plans import Recording, Replayed
from bench.understanding import changes_path, load_changes
from bench.understanding_changes import Outcome, applied_as_meant
from bench.understanding_delta import describe, plan_delta
from livebuild.brief.change_schema import Unreadable
from livebuild.brief.changes import ChangeResult, apply_change
from livebuild.brief.model import Brief
from livebuild.brief.model_change import make, model_reading, read_and_make
from livebuild.providers.base import Completion, ModelProvider, ProviderError, Usage
from livebuild.providers.local.machine import find
from livebuild.safety.redact import redact_secrets

_NO_LIMIT_S = 900.0
# The held-out rounds after this one are not yet spent: never recorded or replayed here.
_LAST_SPENT = 24
# The development round: only its readable half (every 2nd request from the 1st) is recorded
# or replayed; the other half is read by its score lines alone (`bench.understanding`).
_DEVELOPMENT = 25
MODES = ("rules", "model", "today", "vote")


class _ByRequest(Recording):
    """The local model, each change reading's raw answer kept by its request."""

    async def complete(
        self, system: str, messages: Any, task: Any, *, max_tokens: int = 1024
    ) -> Any:
        done = await self.inner.complete(system, messages, task, max_tokens=max_tokens)
        self.answers[str(task.details.get("change_request"))] = done.text
        return done


class _Replayed(Replayed):
    async def complete(
        self, system: str, messages: Any, task: Any, *, max_tokens: int = 1024
    ) -> Any:
        text = self.answers.get(str(task.details.get("change_request")))
        if text is None:
            raise ProviderError("no answer kept for this request")
        return Completion(text, Usage())


def _cases(
    round_: int, every: int, start: int
) -> tuple[dict[str, drive.Base], list[dict[str, Any]]]:
    if round_ == _DEVELOPMENT and (every, start) != (2, 1):
        raise SystemExit(f"round {_DEVELOPMENT}: its readable half only (EVERY 2, START 1)")
    if not 3 <= round_ <= _LAST_SPENT and round_ != _DEVELOPMENT:
        raise SystemExit(f"spent rounds only: 3 to {_LAST_SPENT}, and {_DEVELOPMENT}'s odd half")
    bases, changes = load_changes(changes_path(round_))
    return bases, changes[start :: max(1, every)]


async def _plans(bases: dict[str, drive.Base]) -> dict[str, dict[str, Any]]:
    """Each base app's plan as the product holds it before a change (drafted by the rules)."""
    plans: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="livebuild-replay-") as data_dir:
        settings = drive.bench_settings(Path(data_dir)).model_copy(
            update={"model_provider": "offline"}
        )
        async with drive.product(settings) as client:
            for base in bases.values():
                project_id = await drive.make_base(client, base)
                plans[base.id] = await drive.plan(client, project_id)
    return plans


async def _record(round_: int, file: Path, every: int, start: int) -> None:
    bases, changes = _cases(round_, every, start)
    plans = await _plans(bases)
    kept: dict[str, str] = json.loads(await asyncio.to_thread(_text, file))
    costs = replay_costs.load(file)
    with local_model(_NO_LIMIT_S) as inner:
        if inner is None:
            raise SystemExit(NO_MODEL)
        recording = _ByRequest(inner)
        recording.answers.update(kept)
        await inner.prepare()
        found = find(inner.plan)
        assert found is not None
        counter = replay_costs.Counter(inner.plan.run_dir / "calls.jsonl", found.pid)
        costs["model"] = replay_costs.model_name(inner.plan.model)
        for n, change in enumerate(changes):
            request = redact_secrets(change["text"])
            if request in recording.answers:
                continue
            brief = Brief.from_dict(plans[change["base"]])
            with contextlib.suppress(ProviderError, TimeoutError, Unreadable):
                await model_reading(recording, brief, request, None, timeout_s=_NO_LIMIT_S)
            recording.answers.setdefault(request, "")
            costs["requests"][request] = counter.take()
            costs["peak_rss_mb"] = max(costs.get("peak_rss_mb", 0.0), counter.peak_rss_mb())
            print(f"{n + 1} {change['id']}", flush=True)
            await asyncio.to_thread(file.write_text, json.dumps(recording.answers, indent=1))
            await asyncio.to_thread(
                replay_costs.costs_path(file).write_text, json.dumps(costs, indent=1)
            )
    print(replay_costs.summary(costs))


def _text(file: Path) -> str:
    return file.read_text() if file.exists() else "{}"


def _outcome(before: dict[str, Any], result: ChangeResult | None) -> Outcome:
    if result is None:
        return Outcome(True, before, "", 0.0)
    notes = result.notes()
    said = drive._said({"change_result": notes})
    return Outcome(True, {**before, **result.brief.to_dict()}, said, 0.0)


async def _model_alone(provider: ModelProvider, brief: Brief, request: str) -> ChangeResult | None:
    try:
        reading = await model_reading(provider, brief, request, None, timeout_s=_NO_LIMIT_S)
    except (ProviderError, TimeoutError, Unreadable):
        return None
    return make(brief, reading, "local", request)


async def judged(
    provider: ModelProvider, brief: Brief, before: dict[str, Any], change: dict[str, Any]
) -> dict[str, tuple[bool, str]]:
    """Whether each way of reading made `change` as meant, and what it did and said."""
    request = redact_secrets(change["text"])
    results: dict[str, ChangeResult | None] = {
        "rules": apply_change(brief, request, None),
        "model": await _model_alone(provider, brief, request),
        "today": await read_and_make(
            provider, brief, request, timeout_s=_NO_LIMIT_S, split="rules"
        ),
        "vote": await read_and_make(provider, brief, request, timeout_s=_NO_LIMIT_S, split="vote"),
    }
    judged: dict[str, tuple[bool, str]] = {}
    for mode, result in results.items():
        outcome = _outcome(before, result)
        did = describe(plan_delta(before, outcome.after))
        judged[mode] = (
            applied_as_meant(change["expect"], before, outcome),
            f"{did} | {outcome.message[:160]}",
        )
    return judged


async def _replay(round_: int, file: Path, every: int, start: int, scores_only: bool) -> None:
    bases, changes = _cases(round_, every, start)
    plans = await _plans(bases)
    provider = _Replayed(json.loads(await asyncio.to_thread(file.read_text)))
    totals = dict.fromkeys(MODES, 0)
    for change in changes:
        before = plans[change["base"]]
        marks = await judged(provider, Brief.from_dict(before), before, change)
        for mode, (right, _) in marks.items():
            totals[mode] += right
        if not scores_only:
            row = " ".join(f"{mode}={'ok' if marks[mode][0] else '--'}" for mode in MODES)
            print(f"{change['id']:>10} {change['expect']['op']:<13} {row}  {change['text']!r}")
            for mode in MODES if os.environ.get("REPLAY_WHY") == "1" else ():
                print(f"{'':>12}{mode}: {marks[mode][1]}")
    shares = ", ".join(f"{mode} {totals[mode]}/{len(changes)}" for mode in MODES)
    print(f"round {round_} every {every} from {start}: {shares}")
    if replay_costs.costs_path(file).exists():
        print(replay_costs.summary(replay_costs.load(file)))


def main(argv: list[str]) -> None:
    scores_only = "--scores-only" in argv
    argv = [a for a in argv if a != "--scores-only"]
    if len(argv) not in (3, 4, 5) or argv[0] not in ("record", "replay"):
        raise SystemExit(__doc__)
    spread = [int(a) for a in argv[3:]] + [1, 0][len(argv) - 3 :]
    if argv[0] == "record":
        asyncio.run(_record(int(argv[1]), Path(argv[2]), spread[0], spread[1]))
    else:
        asyncio.run(_replay(int(argv[1]), Path(argv[2]), spread[0], spread[1], scores_only))


if __name__ == "__main__":
    main(sys.argv[1:])
