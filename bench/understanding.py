"""Does livebuild understand the founder's words? A held-out round's sets, through the API.

    python -m bench.understanding [--round N] [--ideas-only | --changes-only] [--limit N]
                                  [--every N [--start N]] [--judge N]
                                  [--changes-file bench/own_args_s19_held.toml]

`--round` picks the held-out round (17 unless told; 3 to 16 are spent and kept for their
history).
Ideas (`heldout/ideas_rN.toml`): the share of record plans whose kinds cover every expected
group; precision (kinds named that the idea names or allows); the share with full coverage and
no junk kind; the share of non-record ideas answered plainly (a 4xx with words, no plan); the
time to a plan. Changes (`heldout/changes_rN.toml`): the share applied as meant and the time to
a change (its reading when the product has plan-change, else the whole change build).

The model comes from the environment (LIVEBUILD_MODEL_PROVIDER etc.), so the same command
measures a model path. The held-out sets are never tuned on: see `heldout/README.md`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.table import Table

from bench import understanding_run as drive
from bench.understanding_changes import OPS, Outcome, applied_as_meant, declined
from bench.understanding_delta import describe, plan_delta
from bench.understanding_plans import IdeaCase, PlanVerdict, compact, figures, judge_plan
from livebuild.providers.local import server_plan
from livebuild.providers.local.counts import Call, read_calls
from livebuild.providers.local.counts import summary as call_summary
from livebuild.providers.local.machine import stop

T = TypeVar("T")
HELDOUT = Path(__file__).with_name("heldout")
ROUNDS = tuple(range(3, 28))  # rounds 3 to 27
# The default round: its BEFORE is on record; nobody has tuned on it. Rounds 19 to 25 (spent),
# 26 and 27 (written and held out) run only when named (`--round N`).
LATEST = 18


def ideas_path(round_: int = LATEST) -> Path:
    return HELDOUT / f"ideas_r{round_}.toml"


def changes_path(round_: int = LATEST) -> Path:
    return HELDOUT / f"changes_r{round_}.toml"


def details_path(ideas: Path) -> Path:
    """A round's details file (`details_rN.toml`, beside `ideas_rN.toml`), where there is one."""
    return ideas.with_name(ideas.name.replace("ideas_", "details_", 1))


def links_path(ideas: Path) -> Path:
    """A round's links file (`links_rN.toml`, beside `ideas_rN.toml`), where there is one."""
    return ideas.with_name(ideas.name.replace("ideas_", "links_", 1))


def load_ideas(path: Path) -> list[IdeaCase]:
    with path.open("rb") as handle:
        cases = [IdeaCase.from_toml(e) for e in tomllib.load(handle)["idea"]]
    details = _beside(details_path(path), cases)
    links = _beside(links_path(path), cases)
    cases = [c.with_details(details[c.id]) if c.id in details else c for c in cases]
    return [c.with_links(links[c.id]) if c.id in links else c for c in cases]


def _beside(path: Path, cases: list[IdeaCase]) -> dict[str, Any]:
    """A file beside a round's ideas, by idea id (empty where there is none); an error if it
    names an idea the round doesn't have."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        said = tomllib.load(handle)
    unknown = set(said) - {c.id for c in cases}
    if unknown:
        raise ValueError(f"{path.name}: lines for ideas it doesn't have: {sorted(unknown)}")
    return said


# `python -m bench`'s table reads these development sets (tuned on, never held out), so the main
# table never reports on a held-out round nor shows one to whoever runs it.
DEV_IDEAS = (HELDOUT.with_name("dev_ideas.toml"), HELDOUT.with_name("dev_ideas_unseen.toml"))


def load_dev_ideas(paths: tuple[Path, ...] = DEV_IDEAS) -> list[IdeaCase]:
    """The development ideas as held-out cases: each `expect` or `allow` item's `|`
    alternatives become a group, and an idea to refuse is not a record app."""
    cases = []
    for path in paths:
        with path.open("rb") as handle:
            entries = tomllib.load(handle)["idea"]
        for n, entry in enumerate(entries, 1):
            record_app = "refuse" not in entry
            cases.append(
                IdeaCase(
                    id=f"{path.stem}-{n}",
                    text=str(entry["text"]),
                    record_app=record_app,
                    expect=[str(e).split("|") for e in entry.get("expect", [])]
                    if record_app
                    else [],
                    allowed=[a for e in entry.get("allow", []) for a in str(e).split("|")]
                    if record_app
                    else [],
                )
            )
    return cases


def load_changes(path: Path) -> tuple[dict[str, drive.Base], list[dict[str, Any]]]:
    """A set of changes and the bases they are made on: the file's own `[[base]]`s, or those
    of the file its `bases` names (beside it), as an own set keeps them."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    if "base" not in data:
        with (path.parent / str(data["bases"])).open("rb") as handle:
            data["base"] = tomllib.load(handle)["base"]
    bases = {b["id"]: drive.Base.from_toml(b) for b in data["base"]}
    changes = list(data["change"])
    for change in changes:
        if change["base"] not in bases or change["expect"]["op"] not in OPS:
            raise ValueError(f"change {change['id']}: unknown base or op")
    return bases, changes


@dataclass(frozen=True)
class ChangeVerdict:
    change: dict[str, Any]
    before: dict[str, Any]
    outcome: Outcome
    right: bool


@dataclass
class Results:
    reader: str = ""
    ideas: list[PlanVerdict] = field(default_factory=list)
    changes: list[ChangeVerdict] = field(default_factory=list)
    change_mode: str = ""
    # The model server's counts per call (`providers.local.counts`), with the local model.
    calls: list[Call] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# Read once before timing, so the first held-out idea doesn't carry the process's warm-up
# (or a model's loading); it is not one of the held-out ideas and is not judged.
WARM_UP = IdeaCase(
    id="warm-up", text="A reading log for a book club: books, members, meetings.", record_app=True
)


async def _ideas(client: Any, cases: list[IdeaCase], results: Results) -> None:
    await drive.ask_idea(client, WARM_UP)
    for case in cases:
        verdict = judge_plan(case, await drive.ask_idea(client, case))
        results.ideas.append(verdict)
        brief = verdict.answer.brief
        if brief is not None and not results.reader:
            results.reader = str(brief.get("reader") or "")


async def _changes(
    client: Any, bases: dict[str, drive.Base], changes: list[dict[str, Any]], results: Results
) -> None:
    by_plan = await drive.plan_change_answers(client, next(iter(bases.values())))
    results.change_mode = "plan-change (reading only)" if by_plan else "whole change build"
    by_plan_change = drive.PlanChanges(client)
    for change in changes:
        base = bases[change["base"]]
        try:
            if by_plan:
                before, outcome = await by_plan_change(base, change["text"])
            else:
                before, outcome = await drive.change_by_build(client, base, change["text"])
        except drive.SetupError as error:
            # The base app couldn't be made: the request is counted wrong, and said why.
            failed = Outcome(False, {}, f"(benchmark could not set up the base: {error})", 0.0)
            results.changes.append(ChangeVerdict(change, {}, failed, False))
            continue
        right = applied_as_meant(change["expect"], before, outcome)
        results.changes.append(ChangeVerdict(change, before, outcome, right))


def picked(items: list[T], args: argparse.Namespace) -> list[T]:
    """Every `--every`th item from the `--start`th (a spread over the whole set: its
    businesses, its bases and its non-record ideas at the end), then the first `--limit`."""
    spread = items[getattr(args, "start", 0) :: max(1, getattr(args, "every", 1))]
    return spread[: args.limit] if args.limit else spread


async def measure(
    args: argparse.Namespace, cases: list[IdeaCase] | None = None
) -> tuple[Results, str]:
    """The round's sets as `args` picks them; `cases` instead of the round's ideas if given."""
    results = Results()
    round_ = getattr(args, "round", LATEST)
    with tempfile.TemporaryDirectory(prefix="livebuild-understanding-") as data_dir:
        settings = drive.bench_settings(Path(data_dir))
        try:
            async with drive.product(settings) as client:
                if not args.changes_only:
                    if cases is None:
                        cases = picked(load_ideas(ideas_path(round_)), args)
                    await _ideas(client, cases, results)
                if not args.ideas_only:
                    own = getattr(args, "changes_file", "")
                    bases, changes = load_changes(Path(own) if own else changes_path(round_))
                    await _changes(client, bases, picked(changes, args), results)
        finally:
            # A model server started for this run lives in its data dir, about to go: stop it
            # rather than leave it holding ~2 GB until its idle timeout.
            results.calls = read_calls(server_plan(settings).run_dir / "calls.jsonl")
            stop(server_plan(settings))
    return results, settings.model_provider


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part}/{whole})" if whole else "-"


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{percentile(values, 0.5) * 1000:.0f} / {percentile(values, 0.95) * 1000:.0f} ms"


def idea_rows(table: Table, verdicts: list[PlanVerdict]) -> None:
    f = figures(verdicts)
    table.add_row(
        "ideas: record plans covering every expected kind",
        _share(f.covered, f.record_ideas),
        "≥ 90 % / -",
    )
    table.add_row(
        "ideas: precision (kinds named that the idea names or allows)",
        _share(f.kinds_wanted, f.kinds_named),
        "≥ 95 % / -",
    )
    table.add_row(
        "ideas: full coverage and no junk kind", _share(f.clean, f.record_ideas), "- / ≥ 90 %"
    )
    table.add_row("ideas: record ideas refused (no plan)", str(f.record_ideas - f.planned), "0")
    if f.details_said:
        table.add_row(
            "ideas: details said of a kind, kept as its fields",
            _share(f.details_kept, f.details_said),
            "",
        )
        table.add_row(
            "ideas: fields nobody said, of the kinds with said details",
            _share(f.fields_unsaid, f.fields_listed),
            "",
        )
    if f.links_said:
        table.add_row(
            "ideas: links said between kinds, kept",
            _share(f.links_kept, f.links_said),
            "",
        )
    table.add_row(
        "ideas: non-record ideas answered plainly", _share(f.plain, f.other_ideas), "100 %"
    )
    table.add_row(
        f"ideas: time to a plan p50 / p95 ({len(f.seconds)} ideas)",
        _ms(f.seconds),
        "p95 ≤ 100 ms / ≤ 15 s",
    )


def change_rows(table: Table, verdicts: list[ChangeVerdict], mode: str) -> None:
    right = sum(v.right for v in verdicts)
    table.add_row("changes: applied as meant", _share(right, len(verdicts)), "≥ 80 % / ≥ 90 %")
    declines = [v for v in verdicts if v.change["expect"]["op"] == "cannot"]
    table.add_row(
        "changes: can't-do requests declined plainly (not 'couldn't work out')",
        _share(sum(v.right for v in declines), len(declines)),
        "",
    )
    meant = [v for v in verdicts if v.change["expect"]["op"] != "cannot"]
    # Turned down with an error, or with a plain "can't" and the plan left as it was.
    refused = [v for v in meant if declined(v.before, v.outcome)]
    table.add_row(
        "changes: makeable requests declined instead", _share(len(refused), len(meant)), ""
    )
    goal = "p95 ≤ 100 ms / ≤ 8 s" if mode.startswith("plan-change") else ""
    seconds = [v.outcome.seconds for v in verdicts if v.before]
    table.add_row(f"changes: time p50 / p95, {mode}, all", _ms(seconds), goal)
    taken = [v.outcome.seconds for v in verdicts if v.outcome.ok]
    table.add_row(f"changes: time p50 / p95, {mode}, taken ({len(taken)})", _ms(taken), "")


def report(results: Results, provider: str, console: Console, round_: int = LATEST) -> None:
    reader = results.reader or "not said in the plan"
    title = f"Understanding, held-out round {round_} — provider: {provider}; reader: {reader}"
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("measured")
    table.add_column("goal: rules / model (issue 15)")
    if results.ideas:
        idea_rows(table, results.ideas)
    if results.changes:
        change_rows(table, results.changes, results.change_mode)
    console.print(table)
    if results.calls:
        console.print(counts_table(results.calls))
    _for_humans(results, console)


def counts_table(calls: list[Call]) -> Table:
    """The model's calls per task: tokens read (and of them cached), written, CPU seconds."""
    table = Table(title="Model calls (counts are steady on shared cores; p50 / p95)")
    columns = (
        "task",
        "calls (stopped)",
        "prompt",
        "cached",
        "fresh p50",
        "wrote",
        "CPU-s",
        "all CPU-s",
    )
    for column in columns:
        table.add_column(column)
    for task, row in call_summary(calls).items():
        pair = [f"{row[k + '_p50']:.0f} / {row[k + '_p95']:.0f}" for k in ("prompt", "cached")]
        table.add_row(
            task,
            f"{row['calls']:.0f} ({row['stopped']:.0f})",
            *pair,
            f"{row['fresh_p50']:.0f}",
            f"{row['wrote_p50']:.0f} / {row['wrote_p95']:.0f}",
            f"{row['cpu_s_p50']:.1f} / {row['cpu_s_p95']:.1f}",
            f"{row['cpu_s_sum']:.0f}",
        )
    return table


def _for_humans(results: Results, console: Console) -> None:
    junk = sorted({k for v in results.ideas for k in v.junk})
    if results.ideas:
        console.print(f"[bold]Junk kinds seen[/bold] ({len(junk)}): {', '.join(junk) or '-'}")
        console.print("[bold]Misses, and covered plans with junk[/bold]:")
        for v in results.ideas:
            if v.case.record_app and not v.covered:
                what = v.missed if v.planned else f"no plan ({v.answer.status})"
                console.print(f"  {v.case.id}: missed {what}; named {v.kinds}")
            elif v.case.record_app and v.junk:
                console.print(f"  {v.case.id}: covered, but junk {v.junk}; named {v.kinds}")
            if v.details_missed:
                console.print(f"  {v.case.id}: details lost: {', '.join(v.details_missed)}")
            if v.links_missed:
                console.print(f"  {v.case.id}: links lost: {', '.join(v.links_missed)}")
            if v.fields_unsaid:
                console.print(f"  {v.case.id}: fields nobody said: {', '.join(v.fields_unsaid)}")
            if not v.case.record_app and not v.plain:
                console.print(f"  {v.case.id}: not a record app, but planned {v.kinds}")
    if results.changes:
        console.print("[bold]Changes judged wrong, and every can't-do request[/bold]:")
    for c in results.changes:
        if c.change["expect"]["op"] == "cannot":
            verdict = "right" if c.right else "wrong"
            said = c.outcome.message[:200] or "nothing"
            console.print(
                f"  {c.change['id']} {verdict} (cannot): {c.change['text']!r} — said: {said}"
            )
        elif not c.right:
            said = f" — said: {c.outcome.message[:140]}" if c.outcome.message else ""
            if c.outcome.ok:
                said += f" — did: {describe(plan_delta(c.before, c.outcome.after))}"
            console.print(
                f"  {c.change['id']} wrong ({c.change['expect']['op']}): {c.change['text']!r}{said}"
            )


def judged_sample(results: Results, n: int, console: Console) -> None:
    picked = random.Random(15).sample(results.ideas, min(n, len(results.ideas)))
    for verdict in picked:
        console.print(compact(verdict), highlight=False, markup=False)
        console.print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.understanding", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--round", type=int, choices=ROUNDS, default=LATEST, help="the held-out round to run"
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--ideas-only", action="store_true")
    which.add_argument("--changes-only", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N of each set")
    parser.add_argument(
        "--changes-file", default="", help="an own set of changes (bench/own_args_s19*.toml)"
    )
    parser.add_argument(
        "--every", type=int, default=1, help="only every Nth of each set (a spread, when slow)"
    )
    parser.add_argument(
        "--start", type=int, default=0, help="begin at the Nth (0: the first), with --every"
    )
    parser.add_argument(
        "--judge", type=int, default=0, help="print N sampled plans for a human read"
    )
    args = parser.parse_args(argv)
    console = Console(width=150)
    results, provider = asyncio.run(measure(args))
    report(results, provider, console, args.round)
    if args.judge:
        judged_sample(results, args.judge, console)


def run() -> dict[str, float]:
    """The development ideas (`DEV_IDEAS`, not a held-out round) through the API, judged as a
    round's ideas are, for `python -m bench`'s table; rounds run only as
    `python -m bench.understanding`."""
    only_ideas = argparse.Namespace(ideas_only=True, changes_only=False, limit=0)
    results, _ = asyncio.run(measure(only_ideas, load_dev_ideas()))
    return {**summary(results), "ideas": float(len(results.ideas))}


def summary(results: Results) -> dict[str, float]:
    """Figures for `python -m bench`'s table."""
    f = figures(results.ideas)
    return {
        "covered": f.covered / f.record_ideas,
        "clean": f.clean / f.record_ideas,
        "precision": f.kinds_wanted / max(f.kinds_named, 1),
        "plain": f.plain / max(f.other_ideas, 1),
        "p95_ms": percentile(f.seconds, 0.95) * 1000,
        "median_ms": statistics.median(f.seconds) * 1000,
    }


if __name__ == "__main__":
    main()
