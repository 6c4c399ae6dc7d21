"""Following a build in the terminal: narration lines, a bar per stage, elapsed time."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

MAX_RECONNECTS = 8


async def sse_events(client: httpx.AsyncClient, job_id: str, after: int = 0) -> Any:
    """Yield the job's events from the stream, resuming after a dropped connection."""
    last = after
    failures = 0
    while True:
        headers = {"Last-Event-ID": str(last)} if last else {}
        try:
            async with client.stream(
                "GET", f"/api/jobs/{job_id}/events/stream", headers=headers, timeout=None
            ) as response:
                response.raise_for_status()
                failures = 0
                async for line in response.aiter_lines():
                    if line.startswith("data: "):
                        event = json.loads(line[6:])
                        last = event["id"]
                        yield event
                        if event["type"] in ("build.completed", "build.failed"):
                            return
        except httpx.TransportError:
            failures += 1
            if failures > MAX_RECONNECTS:
                raise
            await asyncio.sleep(min(0.2 * 2**failures, 2.0))


async def follow_build(
    client: httpx.AsyncClient, job_id: str, console: Console, *, tokens: bool = True
) -> dict[str, Any]:
    """Show the build live; return its terminal event. `tokens`: whether a model spent the
    tokens a stage counts, so they are worth showing."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(bar_width=28),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}
    terminal: dict[str, Any] = {}
    with progress:
        async for event in sse_events(client, job_id):
            kind = event["type"]
            if kind == "build.stage.started":
                progress.console.print(
                    f"[bold]{event['agent_role']}[/bold] \u2022 {event['narration']}"
                )
                tasks[event["stage"]] = progress.add_task(
                    event["label"], total=None, note=f"about {event['estimate_s']:.0f}s"
                )
            elif kind == "build.stage.completed":
                task = tasks.get(event["stage"])
                if task is not None:
                    note = f"{event['duration_s']:.1f}s"
                    if tokens:
                        note += f" \u2022 {event['tokens']:,} tokens"
                    progress.update(task, total=1, completed=1, note=note)
                    progress.stop_task(task)
            elif kind == "snapshot.updated":
                progress.console.print("  [dim]New preview picture taken[/dim]")
            elif kind == "documentation.updated":
                # The guide's package brings the plan's reader with it: imported when met.
                from livebuild.guide.sections import ALL_TITLES

                title = ALL_TITLES.get(event["section"], event["section"])
                progress.console.print(f"  [dim]User guide: {title} written[/dim]")
            elif kind in ("build.completed", "build.failed"):
                terminal = event
    return terminal
