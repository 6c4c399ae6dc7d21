"""Everyday change requests read without a model: the share applied as meant, and how long a
reading takes. `python -m bench.changes [path.toml]` prints the figures and every miss."""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livebuild.brief import Brief, derive_brief
from livebuild.brief.change_reader import read_change
from livebuild.brief.changes import ChangeResult, apply_change
from livebuild.brief.validate import merge_plan

DEV_SET = Path(__file__).with_name("dev_changes.toml")


@dataclass(frozen=True)
class Case:
    plan: str
    request: str
    checks: tuple[str, ...]


def load(path: Path = DEV_SET) -> tuple[dict[str, Brief], list[Case]]:
    data = tomllib.loads(path.read_text())
    plans = {name: _plan(spec) for name, spec in data["plans"].items()}
    cases = [Case(c["plan"], c["request"], tuple(c["checks"])) for c in data["change"]]
    return plans, cases


def _plan(spec: dict[str, Any]) -> Brief:
    entities = [
        {
            "singular": e["singular"],
            **({"plural": e["plural"]} if "plural" in e else {}),
            "fields": [{"label": f[0], "kind": f[1], "choices": list(f[2:])} for f in e["fields"]],
        }
        for e in spec["entities"]
    ]
    patch = {k: spec[k] for k in ("product_name", "tagline", "features")}
    return merge_plan(derive_brief(spec["idea"]), {**patch, "entities": entities})


def _entity(brief: Brief, plural: str) -> Any:
    return next((e for e in brief.entities if e.plural.lower() == plural.strip().lower()), None)


def _field(brief: Brief, where: str) -> Any:
    owner, label = (part.strip() for part in where.split("/", 1))
    entity = _entity(brief, owner)
    if entity is None:
        return None
    labels = {name.strip().lower() for name in label.split("|")}
    return next((f for f in entity.fields if f.label.lower() in labels), None)


def _said(result: ChangeResult) -> str:
    lines = [*result.made, *result.unmade, *(s.text for s in result.suggestions)]
    return " ".join(lines).lower()


def failed_checks(before: Brief, result: ChangeResult, checks: tuple[str, ...]) -> list[str]:
    """The checks `result` does not meet."""
    after = result.brief
    missed: list[str] = []
    for check in checks:
        word, _, rest = check.partition(" ")
        if not _meets(before, after, result, word, rest):
            missed.append(check)
    return missed


def _meets(before: Brief, after: Brief, result: ChangeResult, word: str, rest: str) -> bool:
    if "|" in word:
        return any(_meets(before, after, result, w, rest) for w in word.split("|"))
    if word == "made":
        return bool(result.made) and not result.unmade and not result.suggestions
    if word == "unmade":
        return not result.made and bool(result.unmade)
    if word == "suggestion":
        return not result.made and bool(result.suggestions)
    if word == "unchanged":
        return after == before
    if word == "says":
        return rest.lower() in _said(result)
    if word == "field":
        where, _, kind = rest.rpartition(":")
        found = _field(after, where)
        return found is not None and found.kind in kind.strip().split("|")
    if word == "nofield":
        return _entity(after, rest.split("/")[0]) is not None and _field(after, rest) is None
    if word == "entity":
        return any(_entity(after, name) is not None for name in rest.split("|"))
    if word == "noentity":
        return _entity(after, rest) is None
    if word == "choice":
        where, _, value = rest.partition(" has ")
        found = _field(after, where)
        return found is not None and value in found.choices
    return _meets_plan(before, after, word, rest)


def _meets_plan(before: Brief, after: Brief, word: str, rest: str) -> bool:
    if word == "name":
        return after.product_name == rest
    if word == "tagline":
        return after.tagline == rest
    if word == "first":
        return after.entities[0].plural == rest
    if word == "feature":
        return rest in after.features
    if word == "nofeature":
        return rest not in after.features and rest in before.features
    if word == "colour":
        return (after.theme.primary, after.theme.accent) != (
            before.theme.primary,
            before.theme.accent,
        )
    if word == "theme":
        dark = after.theme.background.lower() < "#808080"
        return dark == (rest == "dark")
    raise ValueError(f"unknown check {word!r}")


def run(path: Path = DEV_SET, *, verbose: bool = False) -> dict[str, float]:
    plans, cases = load(path)
    met = 0
    times: list[float] = []
    readings: list[float] = []
    for case in cases:
        before = plans[case.plan]
        started = time.perf_counter()
        read_change(before, case.request)
        readings.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        result = apply_change(before, case.request)
        times.append((time.perf_counter() - started) * 1000)
        missed = failed_checks(before, result, case.checks)
        met += not missed
        if missed and verbose:
            print(f"MISS {case.request!r}: {missed}")
            print(f"     made={result.made} unmade={result.unmade}")
    times.sort()
    readings.sort()
    return {
        "cases": len(cases),
        "applied_as_meant": met / len(cases),
        "read_p50_ms": statistics.median(readings),
        "read_p95_ms": _p95(readings),
        "p50_ms": statistics.median(times),
        "p95_ms": _p95(times),
    }


def _p95(values: list[float]) -> float:
    return values[max(0, round(len(values) * 0.95) - 1)]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_SET
    figures = run(path, verbose=True)
    print(
        f"{figures['cases']:.0f} requests: {figures['applied_as_meant']:.0%} applied as meant; "
        f"reading p50 {figures['read_p50_ms']:.1f} ms, p95 {figures['read_p95_ms']:.1f} ms; "
        f"read, checked and applied p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
