"""`livebuild doctor`: what this machine has, what livebuild will take on at once, and why."""

from __future__ import annotations

from rich.console import Console

from livebuild.core.machine import read_machine
from livebuild.settings import Settings


def _chosen(value: int | None, default: int) -> str:
    return f"{value} (set)" if value is not None else f"{default} (from the machine)"


def _machine_sharing(settings: Settings) -> list[str]:
    """How the processes on this machine share the browser and the model."""
    from livebuild.core.cpu_share import describe

    lines = [
        "open pages in the browser: never more than the screenshots at once (each page is a "
        "renderer process, the bulk of a picture's memory)",
        "model calls: one model server per machine; a founder's plan or change reading goes "
        "before background writing (narration, the guide), and past the queue the model "
        "answers busy and the rules answer instead",
    ]
    if settings.screenshots_enabled and settings.screenshot_browser == "shared":
        lines.append(
            "while a founder's reading runs on the local model, the shared browser starts no "
            f"background picture (a founder's own still go) and {describe()}"
        )
    else:
        lines.append(
            "a founder's reading doesn't hold the pictures: only the shared browser "
            "(LIVEBUILD_SCREENSHOT_BROWSER=shared) can be held"
        )
    return lines


def _budget(settings: Settings, console: Console) -> None:
    budget = settings.budget
    console.print("[bold]What livebuild takes on at once[/bold]")
    console.print(
        f"  builds: {_chosen(settings.concurrency, budget.builds)}"
        "  [dim]LIVEBUILD_CONCURRENCY[/dim]",
        highlight=False,
    )
    console.print(
        f"  screenshots: {_chosen(settings.screenshot_concurrency, budget.captures)}"
        "  [dim]LIVEBUILD_SCREENSHOT_CONCURRENCY[/dim]",
        highlight=False,
    )
    console.print(
        f"  model calls: 1 at a time, {settings.local_model_queue} waiting at most"
        "  [dim]LIVEBUILD_LOCAL_MODEL_QUEUE[/dim]",
        highlight=False,
    )
    for reason in (*budget.reasons, *_machine_sharing(settings)):
        console.print(f"  [dim]- {reason}[/dim]", highlight=False)


def report(settings: Settings, console: Console, *, time_model: bool = True) -> None:
    """Print the machine, the budget chosen from it, and the parts livebuild found; with
    `time_model`, how fast the local model is here (when it is the one that reads ideas)."""
    from livebuild.engine.sandbox import bwrap
    from livebuild.screenshots.browser import screenshot_chromium

    machine = read_machine()
    console.print("[bold]This machine[/bold]")
    console.print(f"  cores: {machine.cores}; memory: {machine.memory_mb:,} MB", highlight=False)
    for note in machine.notes:
        console.print(f"  ({note})", highlight=False)
    _budget(settings, console)
    console.print("[bold]Parts[/bold]")
    chromium = screenshot_chromium(settings.chromium_path) if settings.screenshots_enabled else None
    if not settings.screenshots_enabled:
        console.print("  screenshots: switched off (LIVEBUILD_SCREENSHOTS_ENABLED)")
    else:
        found = chromium or "none found: builds finish without pictures (see the README)"
        console.print(f"  Chromium: {found}", highlight=False)
        whose = (
            "one per machine, shared by every livebuild process here"
            if settings.screenshot_browser == "shared"
            else "one in each livebuild process"
        )
        console.print(
            f"  screenshot browser: {whose}  [dim]LIVEBUILD_SCREENSHOT_BROWSER[/dim]",
            highlight=False,
        )
    if settings.sandbox == "local":
        console.print("  sandbox: local (for development only)")
    else:
        problem = bwrap.self_test()
        console.print(
            "  sandbox: bwrap works" if problem is None else f"  sandbox: {problem}",
            highlight=False,
        )
    console.print(f"  database: {settings.resolved_database_url.split('://')[0]}", highlight=False)
    from livebuild.providers import resolve_provider_name
    from livebuild.providers.local.model_file import model_path

    model = resolve_provider_name(settings)
    if model != settings.model_provider:
        model += f" ({settings.model_provider})"
    local = model_path(settings)
    model += f"; local model file: {local if local.is_file() else 'none (livebuild model pull)'}"
    console.print(f"  queue: {settings.resolved_queue}; model: {model}", highlight=False)
    if model.startswith("local") and local.is_file():
        from livebuild.cli.doctor_model import speed_lines

        if time_model:
            console.print("  timing the local model (a short call)…", highlight=False)
            for line in speed_lines(settings):
                console.print(f"  {line}", highlight=False)
        else:
            console.print("  local model: not timed (--no-model-check)", highlight=False)
