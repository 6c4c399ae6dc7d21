"""Judging one plan against a held-out idea: coverage, precision, junk, plain answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.understanding_names import kind_in_group

# What an answer to a non-record idea must not contain: signs of a crash rather than words.
_TECHNICAL = ("Traceback", "Exception", 'File "', "/livebuild/", ".py")


@dataclass(frozen=True)
class IdeaCase:
    id: str
    text: str
    record_app: bool
    expect: list[list[str]] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    @classmethod
    def from_toml(cls, entry: dict[str, Any]) -> IdeaCase:
        return cls(
            id=str(entry["id"]),
            text=str(entry["text"]),
            record_app=bool(entry["record_app"]),
            expect=[[str(s) for s in group] for group in entry.get("expect", [])],
            allowed=[str(s) for s in entry.get("allowed", [])],
        )


@dataclass(frozen=True)
class Answer:
    """What the product said to an idea: a plan (201) or a refusal (an HTTP status + detail)."""

    status: int
    brief: dict[str, Any] | None
    detail: str | None
    seconds: float


@dataclass(frozen=True)
class PlanVerdict:
    case: IdeaCase
    answer: Answer
    kinds: list[str]
    missed: list[list[str]]
    junk: list[str]
    plain: bool

    @property
    def planned(self) -> bool:
        return self.answer.brief is not None

    @property
    def covered(self) -> bool:
        return self.case.record_app and self.planned and not self.missed

    @property
    def clean(self) -> bool:
        return self.covered and not self.junk

    @property
    def named(self) -> int:
        return len(self.kinds)


def entity_names(entity: dict[str, Any]) -> list[str]:
    return [str(entity.get(key) or "") for key in ("plural", "singular") if entity.get(key)]


def is_plain_refusal(answer: Answer) -> bool:
    """A plain answer: a 4xx with words for the founder and no plan."""
    if answer.brief is not None or not 400 <= answer.status < 500:
        return False
    detail = (answer.detail or "").strip()
    return len(detail) >= 20 and not any(mark in detail for mark in _TECHNICAL)


def judge_plan(case: IdeaCase, answer: Answer) -> PlanVerdict:
    entities = (answer.brief or {}).get("entities") or []
    names = [entity_names(e) for e in entities]
    kinds = [n[0] for n in names if n]
    missed = [g for g in case.expect if not any(kind_in_group(n, g) for n in names)]
    wanted = [*case.expect, *([s] for s in case.allowed)]
    junk = [n[0] for n in names if n and not any(kind_in_group(n, g) for g in wanted)]
    return PlanVerdict(case, answer, kinds, missed, junk, is_plain_refusal(answer))


@dataclass
class PlanFigures:
    record_ideas: int
    planned: int
    covered: int
    clean: int
    kinds_named: int
    kinds_wanted: int
    other_ideas: int
    plain: int
    seconds: list[float]


def figures(verdicts: list[PlanVerdict]) -> PlanFigures:
    records = [v for v in verdicts if v.case.record_app]
    others = [v for v in verdicts if not v.case.record_app]
    named = sum(v.named for v in records)
    return PlanFigures(
        record_ideas=len(records),
        planned=sum(v.planned for v in records),
        covered=sum(v.covered for v in records),
        clean=sum(v.clean for v in records),
        kinds_named=named,
        kinds_wanted=named - sum(len(v.junk) for v in records),
        other_ideas=len(others),
        plain=sum(v.plain for v in others),
        seconds=[v.answer.seconds for v in verdicts],
    )


def compact(verdict: PlanVerdict) -> str:
    """A plan in a few lines, for a human read."""
    case, brief = verdict.case, verdict.answer.brief
    head = f"[{case.id}] {case.text[:160]}{'…' if len(case.text) > 160 else ''}"
    if brief is None:
        return f"{head}\n  → answered {verdict.answer.status}: {verdict.answer.detail or ''}"
    lines = [
        head,
        f"  → {brief.get('product_name')} — {brief.get('tagline')}",
        f"    for: {brief.get('target_users')}",
    ]
    for entity in brief.get("entities") or []:
        fields = ", ".join(
            f"{f.get('label')} ({f.get('kind')})" for f in entity.get("fields") or []
        )
        lines.append(f"    {entity.get('plural')}: {fields}")
    if verdict.junk or verdict.missed:
        lines.append(f"    junk: {verdict.junk or '-'}; missed: {verdict.missed or '-'}")
    return "\n".join(lines)
