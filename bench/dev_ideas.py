"""The offline reader on the development set: coverage, precision, plain answers and speed.

Runs `dev_ideas.toml` through the offline planner (no model) and reports:
- coverage: the share of record ideas whose plan names every thing the idea names;
- precision: the share of record ideas whose every record kind is named or clearly implied by
  the idea (no analogy, verb, attribute, number or typo; no junk in the product name either);
- plans right: both at once;
- plain answers: the share of ideas that aren't record-keeping apps answered plainly;
- audiences read from the idea, fragment features, and plan time (p50/p95).

`python -m bench.dev_ideas [FILE]` prints each idea, then the figures (dev_ideas_unseen.toml
holds ideas written after the tuning, to check the figures carry).
"""

from __future__ import annotations

import contextlib
import re
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livebuild.brief.model import Brief
from livebuild.brief.plan import offline_plan
from livebuild.core.errors import LivebuildError

CORPUS = Path(__file__).with_name("dev_ideas.toml")
_DEFAULT_AUDIENCE = "small teams and independent makers"


@dataclass(frozen=True)
class Judged:
    idea: str
    covered: bool
    precise: bool
    plain: bool | None
    audience: bool | None
    fragments: int
    detail: str


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    with path.open("rb") as handle:
        ideas: list[dict[str, Any]] = tomllib.load(handle)["idea"]
    return ideas


def _words(text: str) -> set[str]:
    found = set(re.findall(r"[a-z][a-z'-]*", text.lower()))
    return found | {w[:-1] for w in found if w.endswith("s")} | {w[:-2] for w in found}


def _head(name: str) -> str:
    return name.lower().split()[-1]


def _fragment(feature: str) -> bool:
    unbalanced = feature.count("(") != feature.count(")")
    return unbalanced or feature[:1].isdigit() or len(feature.split()) < 2


def _alternatives(entry: dict[str, Any]) -> set[str]:
    names = {alt.strip() for item in entry.get("expect", []) for alt in item.split("|")}
    return names | {str(a) for a in entry.get("allow", [])}


def _precise(entry: dict[str, Any], brief: Brief) -> tuple[bool, list[str]]:
    idea_words = _words(str(entry["text"]))
    allowed = _alternatives(entry)
    junk = [str(j).lower() for j in entry.get("junk", [])]
    bad: list[str] = []
    for entity in brief.entities:
        name = f"{entity.singular} / {entity.plural}".lower()
        head = _head(entity.singular)
        named = head in idea_words or any(a in name for a in allowed)
        if not named or any(j in name for j in junk):
            bad.append(entity.plural)
    if any(j.strip() in brief.product_name.lower() for j in junk if len(j.strip()) > 3):
        bad.append(f"name {brief.product_name!r}")
    return not bad, bad


def _text_fields_ok(entry: dict[str, Any], brief: Brief) -> list[str]:
    wrong: list[str] = []
    for prefix in entry.get("text_fields", []):
        for entity in brief.entities:
            for field in entity.fields:
                if field.name.startswith(str(prefix)) and field.kind not in ("text", "phone"):
                    wrong.append(f"{field.name}:{field.kind}")
    return wrong


def judge(entry: dict[str, Any], plan: Callable[[str], Brief] = offline_plan) -> Judged:
    """How `plan` (the offline planner unless another is given) reads the entry's idea."""
    idea = str(entry["text"])
    try:
        brief = plan(idea)
    except LivebuildError as error:
        reason = str(getattr(error, "reason", "refused"))
        refused_right = entry.get("refuse") == reason
        return Judged(idea, False, refused_right, refused_right, None, 0, f"refused: {reason}")
    if "refuse" in entry:
        shown = ", ".join(e.plural for e in brief.entities)
        return Judged(idea, False, False, False, None, 0, f"planned: {shown}")
    names = [f"{e.singular} {e.plural}".lower() for e in brief.entities]
    missing = [
        item
        for item in entry["expect"]
        if not any(alt.strip() in name for alt in item.split("|") for name in names)
    ]
    precise, bad = _precise(entry, brief)
    wrong_kinds = _text_fields_ok(entry, brief)
    audience: bool | None = None
    users = brief.target_users.lower()
    if "audience" in entry:
        wanted = str(entry["audience"]).split("|")
        audience = users != _DEFAULT_AUDIENCE and any(w in users for w in wanted)
    fragments = sum(_fragment(f) for f in brief.features)
    detail = ", ".join(e.plural for e in brief.entities)
    if missing:
        detail += f" (missing {missing})"
    if bad:
        detail += f" (junk {bad})"
    if wrong_kinds:
        detail += f" (not text: {wrong_kinds})"
    if audience is False:
        detail += f" (audience {brief.target_users!r})"
    return Judged(idea, not missing, precise and not wrong_kinds, None, audience, fragments, detail)


def timings_ms(entries: list[dict[str, Any]], rounds: int = 3) -> tuple[float, float]:
    timings: list[float] = []
    for n in range(rounds):
        for entry in entries:
            idea = f"{entry['text']} {'.' * n}"
            started = time.perf_counter()
            with contextlib.suppress(LivebuildError):
                offline_plan(idea)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[18]


def run(path: Path = CORPUS) -> dict[str, float]:
    entries = load(path)
    judged = [judge(e) for e in entries]
    records = [j for j, e in zip(judged, entries, strict=True) if "refuse" not in e]
    others = [j for j, e in zip(judged, entries, strict=True) if "refuse" in e]
    audiences = [j.audience for j in records if j.audience is not None]
    p50, p95 = timings_ms(entries)
    return {
        "record_ideas": len(records),
        "coverage": sum(j.covered for j in records) / len(records),
        "precision": sum(j.precise for j in records) / len(records),
        "plans_right": sum(j.covered and j.precise for j in records) / len(records),
        "plain_answers": sum(bool(j.plain) for j in others) / max(1, len(others)),
        "audiences": sum(audiences) / max(1, len(audiences)),
        "fragment_features": sum(j.fragments for j in records),
        "p50_ms": p50,
        "p95_ms": p95,
    }


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    for entry in load(path):
        j = judge(entry)
        ok = j.plain if "refuse" in entry else j.covered and j.precise and j.audience is not False
        print("ok  " if ok else "MISS", j.idea[:58].ljust(58), "->", j.detail)
    for key, value in run(path).items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
