"""Who says an idea is no record-keeping app: the rules, the local model, or both.

    python -m bench.model_verdicts record FILE [ROUND ...]   # asks the real local model
    python -m bench.model_verdicts show FILE

`record` asks the real local model for its verdict alone (the first field of its reading, the
app's kind, a few tokens) on every non-record idea of the spent rounds given (3 to 19), and on
every 2nd record idea of rounds 17 to 19 and every 4th of the older ones, beside the English
layer's kind, and keeps them in FILE (JSON). `show` reads the English layer's verdict again
(`app_verdict.english_verdict`: its kind, whether the words keep many, the judge's score) and
prints, for each way of putting the two verdicts together, the plain answers given and the record
ideas refused, so the rule the model path uses is chosen from what both readers said.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import livebuild.engine  # noqa: F401 - registers the offline model's rules
from bench.local_model import NO_MODEL, local_model
from bench.understanding import ideas_path, load_ideas
from bench.understanding_plans import IdeaCase
from livebuild.brief.app_verdict import english_verdict
from livebuild.brief.model_reading import SYSTEM_PROMPT, decisions_schema, prompt
from livebuild.brief.readable import UnreadableIdea
from livebuild.english.app_kind import RECORDS
from livebuild.english.idea import read_once
from livebuild.providers.base import Message, Task
from livebuild.providers.local import LocalProvider

_LAST_SPENT = 19
_APP = re.compile(r'"app"\s*:\s*"([a-z ]+)"')


def _step(round_: int) -> int:
    """Every 2nd record idea of the freshest spent rounds, every 4th of the older ones."""
    return 2 if round_ >= _LAST_SPENT - 2 else 4


async def _model_app(provider: LocalProvider, idea: str) -> str:
    """The app kind the model's reading starts with ('?' when it wrote none)."""
    task = Task("plan", {}, {"idea": idea, "name": None}, schema=decisions_schema())
    asked = prompt(read_once(idea).english.fixed)
    done = await provider.complete(SYSTEM_PROMPT, [Message("user", asked)], task, max_tokens=12)
    found = _APP.search(done.text)
    return found.group(1) if found else "?"


async def _record(file: Path, rounds: list[int]) -> None:
    # A file from a run cut short is carried on: its ideas are not asked again.
    kept = await asyncio.to_thread(lambda: file.read_text() if file.exists() else "[]")
    rows: list[dict[str, Any]] = json.loads(kept)
    done = {(r["round"], r["id"]) for r in rows}
    with local_model(900.0) as provider:
        if provider is None:
            raise SystemExit(NO_MODEL)
        await provider.prepare()
        for round_ in rounds:
            cases = load_ideas(ideas_path(round_))
            records = [c for c in cases if c.record_app][:: _step(round_)]
            for case in [c for c in cases if not c.record_app] + records:
                if (round_, case.id) in done:
                    continue
                try:
                    english = await asyncio.to_thread(english_verdict, case.text)
                except UnreadableIdea:
                    continue
                model = await _model_app(provider, case.text)
                rows.append(
                    {
                        "round": round_,
                        "id": case.id,
                        "record_app": case.record_app,
                        "rules": english.kind,
                        "model": model,
                    }
                )
                print(rows[-1], flush=True)
                await asyncio.to_thread(file.write_text, json.dumps(rows, indent=1))


def _ways(bar: float) -> dict[str, Callable[[dict[str, Any]], bool]]:
    def rules(r: dict[str, Any]) -> bool:
        return bool(r["english"].kind != RECORDS)

    def model(r: dict[str, Any]) -> bool:
        return bool(r["model"] not in (RECORDS, "?"))

    def judge_sure(r: dict[str, Any], at: float) -> bool:
        return bool(r["english"].score < at)

    return {
        "the rules alone": rules,
        "the rules, or the model": lambda r: rules(r) or model(r),
        "..., unless the words keep many or the judge is sure of records": (
            lambda r: rules(r) or (model(r) and not (r["english"].keeps or judge_sure(r, bar)))
        ),
        f"..., unless the judge is sure of records (score < {bar:.2f}, its bar)": (
            lambda r: rules(r) or (model(r) and not judge_sure(r, bar))
        ),
        "..., unless the judge scores it under 0.25": (
            lambda r: rules(r) or (model(r) and not judge_sure(r, 0.25))
        ),
    }


def _show(file: Path) -> None:
    rows = json.loads(file.read_text())
    texts = {(n, c.id): c.text for n in {r["round"] for r in rows} for c in _ideas(n)}
    for row in rows:
        row["english"] = english_verdict(texts[row["round"], row["id"]])
    plain = [r for r in rows if not r["record_app"]]
    kept = [r for r in rows if r["record_app"]]
    print(f"{len(plain)} non-record ideas, {len(kept)} record ideas (a spread)")
    for way, says in _ways(rows[0]["english"].bar).items():
        refused = [f"r{r['round']} {r['id']}" for r in kept if says(r)]
        missed = [f"r{r['round']} {r['id']}" for r in plain if not says(r)]
        answered = len(plain) - len(missed)
        print(f"{way}: {answered}/{len(plain)} plain; {len(refused)} record ideas refused")
        print(f"   refused: {refused}\n   not answered plainly: {missed}")


def _ideas(round_: int) -> list[IdeaCase]:
    return load_ideas(ideas_path(round_))


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] not in ("record", "show"):
        raise SystemExit(__doc__)
    if argv[0] == "show":
        _show(Path(argv[1]))
        return
    rounds = [int(r) for r in argv[2:]] or list(range(3, _LAST_SPENT + 1))
    if not all(3 <= r <= _LAST_SPENT for r in rounds):
        raise SystemExit(f"spent rounds only: 3 to {_LAST_SPENT}")
    asyncio.run(_record(Path(argv[1]), rounds))


if __name__ == "__main__":
    main(sys.argv[1:])
