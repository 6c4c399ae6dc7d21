"""The local model's readings of a spent round, kept once and replayed through the rules:
`python -m bench.replay_plans record ROUND FILE [EVERY [START]]` then `python -m
bench.replay_plans replay ROUND FILE [EVERY [START]]` (EVERY: every Nth idea only, from the
STARTth, a spread when the model is slow; replayed with the same EVERY and START, the spread's
non-record ideas the rules answer plainly count too).

On shared cores the model's speed swings tenfold and a reading that runs out of time falls
back to the rules' plan, so two runs of `bench.understanding` a change apart compare the load
as much as the change. The model's answers are what the rules are held to: `record` asks the
real local model once for each idea of a spent round (3 to 21) with no time limit and keeps its
raw answers in FILE (JSON, outside the repository); `replay` plans each idea through the real
`make_plan` with those answers given back word for word, and judges the plans as
`bench.understanding` does (with precision), printing every model-read plan's audience,
features, record kinds and fields, so a change to the rules that check the model is measured
on the same answers before and after. `KEEP=FILE record ...` gives back the answers an earlier
recording kept and asks the model only what it lacks (the second look of `vote-look`, kept
under the nouns asked about; `LIVEBUILD_MODEL_PLAN_SPLIT` chooses the split, as for `replay`).
`ANSWERED_ONLY=1 replay ...` with a spread judges only the ideas a recording (under way or cut
short) has answered, and the spread's non-record ideas.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import livebuild.engine  # noqa: F401 - registers the offline model's rules
from bench.local_model import NO_MODEL, local_model
from bench.understanding import ideas_path, load_ideas
from bench.understanding_plans import Answer, IdeaCase, figures, judge_plan
from livebuild.brief.model import Brief
from livebuild.brief.plan import make_plan
from livebuild.core.errors import LivebuildError
from livebuild.providers.base import (
    Chunk,
    Completion,
    Message,
    ModelProvider,
    ModelStream,
    Task,
    Usage,
)
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.counts import Call, read_calls
from livebuild.providers.local.counts import summary as call_summary

_NO_LIMIT_S = 900.0


class Recording(ModelProvider):
    """The local model, with each plan reading's raw answer kept by idea."""

    name = "local"
    constrains_output = True

    def __init__(self, inner: LocalProvider, known: dict[str, str] | None = None) -> None:
        super().__init__(timeout_s=_NO_LIMIT_S)
        self.inner, self.answers = inner, dict(known or {})
        self.plan_timeout_s, self.plan_reading = _NO_LIMIT_S, inner.plan_reading
        self.plan_split = inner.plan_split

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        return self.inner.stream(system, messages, task, max_tokens=max_tokens)

    async def complete(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> Completion:
        key = answer_key(task)
        if key in self.answers:  # kept from an earlier recording: asked again only if not
            return Completion(self.answers[key], Usage(0, 0))
        done = await self.inner.complete(system, messages, task, max_tokens=max_tokens)
        self.answers[key] = done.text
        return done


def answer_key(task: Task) -> str:
    """Where an answer is kept: the idea for its first reading, the idea after the nouns asked
    about for the model's second look (`model_unsure`)."""
    idea = str(task.details.get("idea"))
    asked = task.details.get("asked")
    return f"{'|'.join(asked)}\n{idea}" if isinstance(asked, list) else idea


class Replayed(ModelProvider):
    """A provider that gives back the answers `Recording` kept, word for word."""

    name = "local"
    constrains_output = True

    def __init__(self, answers: dict[str, str]) -> None:
        super().__init__(timeout_s=_NO_LIMIT_S)
        self.answers, self.plan_timeout_s = answers, _NO_LIMIT_S
        self.plan_split = os.environ.get("LIVEBUILD_MODEL_PLAN_SPLIT", ModelProvider.plan_split)

    def stream(
        self, system: str, messages: list[Message], task: Task, *, max_tokens: int = 1024
    ) -> ModelStream:
        text = self.answers.get(answer_key(task), "")

        async def chunks() -> AsyncIterator[Chunk]:
            yield text

        return self._model_stream(chunks, system, messages, max_tokens=max_tokens)


async def _plan(case: IdeaCase, provider: ModelProvider | None) -> Answer:
    try:
        brief = await make_plan(case.text, None, provider, timeout_s=_NO_LIMIT_S)
    except LivebuildError as error:
        return Answer(422, None, str(error), 0.0)
    return Answer(201, brief.to_dict() if isinstance(brief, Brief) else None, None, 0.0)


# The held-out rounds after this one are not yet spent: never recorded or replayed here.
_LAST_SPENT = 24
# The development round: only its readable half (every 2nd idea from the 1st) is recorded or
# replayed; the other half is read by its score lines alone (`bench.understanding`).
_DEVELOPMENT = 25


def _cases(round_: int, every: int = 1, start: int = 0) -> list[IdeaCase]:
    if round_ == _DEVELOPMENT and (every, start) != (2, 1):
        raise SystemExit(f"round {_DEVELOPMENT}: its readable half only (EVERY 2, START 1)")
    if not 3 <= round_ <= _LAST_SPENT and round_ != _DEVELOPMENT:
        raise SystemExit(f"spent rounds only: 3 to {_LAST_SPENT}, and {_DEVELOPMENT}'s odd half")
    return load_ideas(ideas_path(round_))[start :: max(1, every)]


async def _record(round_: int, file: Path, every: int = 1, start: int = 0) -> None:
    with local_model(_NO_LIMIT_S) as inner:
        if inner is None:
            raise SystemExit(NO_MODEL)
        # KEEP=FILE: the answers an earlier recording kept are given back, only new questions
        # (the model's second look) asked.
        kept = os.environ.get("KEEP")
        known = json.loads(await asyncio.to_thread(Path(kept).read_text)) if kept else None
        recording = Recording(inner, known)
        await inner.prepare()
        for n, case in enumerate(_cases(round_, every, start)):
            await _plan(case, recording)
            print(f"{n + 1} {case.id}", flush=True)
            kept = json.dumps(recording.answers, indent=1)
            await asyncio.to_thread(file.write_text, kept)
        _print_calls(read_calls(inner.plan.run_dir / "calls.jsonl"))


def _print_calls(calls: list[Call]) -> None:
    """What the recording cost the model server, per task: calls, tokens read (of them
    cached) and written, CPU seconds (counts, steady on shared cores; wall time is not)."""
    for task, row in call_summary(calls).items():
        print(
            f"{task}: {row['calls']:.0f} calls; prompt p50 {row['prompt_p50']:.0f} "
            f"(cached {row['cached_p50']:.0f}, fresh {row['fresh_p50']:.0f}); wrote p50 "
            f"{row['wrote_p50']:.0f} / p95 {row['wrote_p95']:.0f}; CPU-s p50 "
            f"{row['cpu_s_p50']:.1f} / p95 {row['cpu_s_p95']:.1f}, all {row['cpu_s_sum']:.0f}"
        )


async def _replay(round_: int, file: Path, every: int = 1, start: int = 0) -> None:
    provider = Replayed(json.loads(await asyncio.to_thread(file.read_text)))
    # A recording cut short replays the ideas it holds; given the spread it was recorded on
    # (EVERY), every idea of it, so the ideas answered plainly before the model is asked count
    # too (an idea with no answer kept is planned as if the model failed).
    cases = _cases(round_, every, start) if every > 1 else _cases(round_)
    if every == 1:
        cases = [c for c in cases if c.text in provider.answers]
    elif os.environ.get("ANSWERED_ONLY") == "1":
        # A recording of a spread still under way (or cut short): the ideas it answered and
        # the spread's non-record ideas, not the rest.
        cases = [c for c in cases if c.text in provider.answers or not c.record_app]
    # REPLAY_RULES=1: the rules alone on the same ideas, for the comparison beside.
    rules_only = os.environ.get("REPLAY_RULES") == "1"
    verdicts = [
        judge_plan(case, await _plan(case, None if rules_only else provider)) for case in cases
    ]
    records = [v for v in verdicts if v.case.record_app]
    for v in records:
        brief = v.answer.brief or {}
        mark = "ok  " if v.clean else "MISS"
        print(f"{mark} {v.case.id} [{brief.get('reader')}] junk={v.junk} missed={v.missed}")
        print(f"     for: {brief.get('target_users')}; features: {brief.get('features')}")
        for entity in brief.get("entities") or []:
            fields = ", ".join(f"{f['label']}:{f['kind']}" for f in entity["fields"])
            print(f"     {entity['plural']}: {fields}")
    others = [v for v in verdicts if not v.case.record_app]
    named = sum(v.named for v in records)
    junk = sum(len(v.junk) for v in records)
    print(
        f"round {round_}: {sum(v.clean for v in records)}/{len(records)} plans whole with no "
        f"junk kind, {sum(v.covered for v in records)} covered; "
        f"{sum(v.plain for v in others)}/{len(others)} plain answers; "
        f"{junk} junk kinds; precision {named - junk}/{named} kinds named the idea names or "
        "allows"
    )
    f = figures(verdicts)
    print(
        f"details {f.details_kept}/{f.details_said}, links {f.links_kept}/{f.links_said}; "
        f"read by the model {sum((v.answer.brief or {}).get('reader') == 'local' for v in records)}"
        f"/{len(records)}"
    )


def main(argv: list[str]) -> None:
    if len(argv) not in (3, 4, 5) or argv[0] not in ("record", "replay"):
        raise SystemExit(__doc__)
    run = _record if argv[0] == "record" else _replay
    spread = [int(a) for a in argv[3:]] + [1, 0][len(argv) - 3 :]
    asyncio.run(run(int(argv[1]), Path(argv[2]), spread[0], spread[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
