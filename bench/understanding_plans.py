"""Judging one plan against a held-out idea: coverage, precision, junk, plain answers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bench.understanding_names import kind_in_group, label_in_group, same_name, words

# What an answer to a non-record idea must not contain: signs of a crash rather than words.
_TECHNICAL = ("Traceback", "Exception", 'File "', "/livebuild/", ".py")


@dataclass(frozen=True)
class Details:
    """The details an idea says one kind keeps ("their bikes (make, model, colour)"): the kind's
    synonyms, and a group of synonyms for each detail."""

    kind: list[str]
    said: list[list[str]]

    @classmethod
    def read(cls, case: IdeaCase, kind: str, said: list[Any]) -> Details:
        """One `kind = [detail, ...]` line of a round's details file, the kind named by an
        `expect` group of the idea (whose synonyms then count)."""
        return cls(
            kind=case.group(kind, "details"),
            said=[[str(g)] if isinstance(g, str) else [str(s) for s in g] for g in said],
        )


@dataclass(frozen=True)
class Link:
    """A link an idea says between two of its kinds ("customers, their bikes": a bike names its
    customer): the `expect` group of the kind whose record holds the link (the many side), and
    the group of the kind it points at."""

    holder: list[str]
    target: list[str]

    def __str__(self) -> str:
        return f"{self.holder[0]} → {self.target[0]}"


@dataclass(frozen=True)
class IdeaCase:
    id: str
    text: str
    record_app: bool
    expect: list[list[str]] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    details: list[Details] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @classmethod
    def from_toml(cls, entry: dict[str, Any]) -> IdeaCase:
        return cls(
            id=str(entry["id"]),
            text=str(entry["text"]),
            record_app=bool(entry["record_app"]),
            expect=[[str(s) for s in group] for group in entry.get("expect", [])],
            allowed=[str(s) for s in entry.get("allowed", [])],
        )

    def with_details(self, table: dict[str, list[Any]]) -> IdeaCase:
        details = [Details.read(self, kind, said) for kind, said in table.items()]
        return replace(self, details=details)

    def with_links(self, table: dict[str, list[Any]]) -> IdeaCase:
        """A round's links file's lines for this idea: `Holder = ["Target", ...]`."""
        links = [
            Link(self.group(holder, "links"), self.group(str(target), "links"))
            for holder, targets in table.items()
            for target in targets
        ]
        return replace(self, links=links)

    def group(self, kind: str, what: str) -> list[str]:
        """The `expect` group a kind's name (any of its synonyms) stands for; an error if none."""
        found = next((g for g in self.expect if any(same_name(kind, s) for s in g)), None)
        if found is None:
            raise ValueError(f"{self.id}: {what} for {kind!r}, which no expect group names")
        return found


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
    # Each detail the idea said, as "kind: detail", that the plan keeps on no kind of that name.
    details_missed: list[str] = field(default_factory=list)
    # Each link the idea said ("bikes → customers") that no kind of the plan holds.
    links_missed: list[str] = field(default_factory=list)
    # Of the fields of the kinds the idea lists details of: how many, and how many nobody said.
    fields_listed: int = 0
    fields_unsaid: list[str] = field(default_factory=list)

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
    lost = details_missed(case, entities)
    plain = is_plain_refusal(answer)
    listed, unsaid = fields_nobody_said(case, entities)
    return PlanVerdict(
        case,
        answer,
        kinds,
        missed,
        junk,
        plain,
        lost,
        links_missed=links_missed(case, entities),
        fields_listed=listed,
        fields_unsaid=unsaid,
    )


def links_missed(case: IdeaCase, entities: list[dict[str, Any]]) -> list[str]:
    """The links said between kinds that the plan doesn't hold: a link A → B is kept when a kind
    of A's group has a field of kind "link" to the slug of a kind of B's group (the direction
    matters; a link of a kind the plan lacks is lost)."""
    lost = []
    for link in case.links:
        holders = [e for e in entities if kind_in_group(entity_names(e), link.holder)]
        targets = {
            str(e.get("slug") or "")
            for e in entities
            if kind_in_group(entity_names(e), link.target)
        }
        held = {
            str(f.get("links_to") or "")
            for e in holders
            for f in e.get("fields") or []
            if f.get("kind") == "link"
        }
        if not held & (targets - {""}):
            lost.append(str(link))
    return lost


def details_missed(case: IdeaCase, entities: list[dict[str, Any]]) -> list[str]:
    """The details said of a kind that no field of a kind of that name carries (a detail of a
    kind the plan lacks is lost too: the founder can't keep it)."""
    lost = []
    for said in case.details:
        kinds = [e for e in entities if kind_in_group(entity_names(e), said.kind)]
        labels = [
            str(f.get("label") or "")
            for e in kinds
            for f in e.get("fields") or []
            if words(str(f.get("label") or "")) not in (["notes"], ["note"])
        ]
        for group in said.said:
            # A record's name is its first field (the title), whatever it is labelled.
            named = bool(kinds) and any(words(s) in (["name"], ["title"]) for s in group)
            if not named and not any(label_in_group(label, group) for label in labels):
                lost.append(f"{said.kind[0]}: {group[0]}")
    return lost


# Fields every record may have whatever the founder says: its progress, notes, when it was added.
_BASICS = frozenset(
    {"status", "notes", "note", "created", "added", "date added", "created at", "created on"}
)


def _basic(field: dict[str, Any]) -> bool:
    label = " ".join(words(str(field.get("label") or "")))
    name = " ".join(words(str(field.get("name") or "").replace("_", " ")))
    return field.get("kind") == "link" or label in _BASICS or name in _BASICS


def fields_nobody_said(case: IdeaCase, entities: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """Of each kind the idea lists details of: how many fields it has, and each field (as
    "kind: label") that is neither a said detail, nor the title, nor a basic (status, notes, a
    link, when it was added)."""
    counted, unsaid = 0, []
    for said in case.details:
        for entity in (e for e in entities if kind_in_group(entity_names(e), said.kind)):
            fields = list(entity.get("fields") or [])
            counted += len(fields)
            for f in fields[1:]:
                label = str(f.get("label") or "")
                if _basic(f) or any(label_in_group(label, group) for group in said.said):
                    continue
                unsaid.append(f"{said.kind[0]}: {label}")
    return counted, unsaid


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
    details_said: int = 0
    details_kept: int = 0
    links_said: int = 0
    links_kept: int = 0
    fields_listed: int = 0
    fields_unsaid: int = 0


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
        details_said=(said := sum(len(d.said) for v in records for d in v.case.details)),
        details_kept=said - sum(len(v.details_missed) for v in records),
        links_said=(links := sum(len(v.case.links) for v in records)),
        links_kept=links - sum(len(v.links_missed) for v in records),
        fields_listed=sum(v.fields_listed for v in records),
        fields_unsaid=sum(len(v.fields_unsaid) for v in records),
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
        fields = ", ".join(_field(f) for f in entity.get("fields") or [])
        lines.append(f"    {entity.get('plural')}: {fields}")
    if verdict.junk or verdict.missed:
        lines.append(f"    junk: {verdict.junk or '-'}; missed: {verdict.missed or '-'}")
    if verdict.details_missed:
        lines.append(f"    details lost: {', '.join(verdict.details_missed)}")
    if verdict.links_missed:
        lines.append(f"    links lost: {', '.join(verdict.links_missed)}")
    return "\n".join(lines)


def _field(f: dict[str, Any]) -> str:
    """A field as `compact` shows it: a link says the kind it points at."""
    if f.get("kind") == "link":
        return f"{f.get('label')} (link → {f.get('links_to')})"
    return f"{f.get('label')} ({f.get('kind')})"
