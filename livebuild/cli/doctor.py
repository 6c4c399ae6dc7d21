"""`livebuild doctor`: what this machine has, what livebuild will take on at once, and why."""

from __future__ import annotations

from rich.console import Console

from livebuild.core.machine import read_machine
from livebuild.settings import Settings


def _chosen(value: int | None, default: int) -> str:
    return f"{value} (set)" if value is not None else f"{default} (from the machine)"


def report(settings: Settings, console: Console) -> None:
    """Print the machine, the budget chosen from it, and the parts livebuild found."""
    from livebuild.engine.sandbox import bwrap
    from livebuild.screenshots.browser import find_chromium

    machine = read_machine()
    budget = settings.budget
    console.print("[bold]This machine[/bold]")
    console.print(f"  cores: {machine.cores}; memory: {machine.memory_mb:,} MB", highlight=False)
    for note in machine.notes:
        console.print(f"  ({note})", highlight=False)
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
    for reason in budget.reasons:
        console.print(f"  [dim]- {reason}[/dim]", highlight=False)
    console.print("[bold]Parts[/bold]")
    chromium = find_chromium(settings.chromium_path) if settings.screenshots_enabled else None
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
