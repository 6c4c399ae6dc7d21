"""`livebuild projects`: list them, open one (served here), delete one."""

from __future__ import annotations

import asyncio
import sys

import click
import httpx
from rich.table import Table
from rich.text import Text

from livebuild.cli.building import console, embedded, find_project
from livebuild.cli.running import embedded_settings, run_command
from livebuild.settings import Settings


async def _versions(client: httpx.AsyncClient, project_id: str) -> list[dict[str, object]]:
    return list((await client.get(f"/api/projects/{project_id}")).json()["builds"])


def _status(build: dict[str, object]) -> str:
    return "ready" if build["status"] == "ready" else str(build["stage_label"]).lower()


async def _list(settings: Settings) -> int:
    async with embedded(settings) as client:
        projects = (await client.get("/api/projects")).json()["projects"]
        if not projects:
            console.print('No projects yet. Start one with `livebuild build "your idea"`.')
            return 0
        table = Table(show_lines=False)
        for column in ("Name", "Latest", "Started", "Id"):
            table.add_column(column)
        for project in projects:
            builds = await _versions(client, str(project["id"]))
            latest = builds[-1] if builds else None
            state = f"{latest['version']} ({_status(latest)})" if latest else "Draft: not built yet"
            table.add_row(
                Text(project["name"]), state, str(project["created_at"])[:10], project["id"]
            )
        console.print(table)
        return 0


async def _open(settings: Settings, ref: str, keep_running: bool) -> int:
    async with embedded(settings) as client:
        project = await find_project(client, ref)
        if project is None:
            console.print(f"There is no project called {ref!r}.", style="red")
            return 2
        page = f"{settings.base_url}/projects/{project['id']}"
        ready = [b for b in await _versions(client, project["id"]) if b["status"] == "ready"]
        if not ready:
            console.print("It isn't built yet. Its plan, to correct and build in your browser:")
            console.print(page, soft_wrap=True, style="bold")
        else:
            latest = ready[-1]
            woken = await client.post(f"/api/jobs/{latest['job_id']}/preview")
            detail = (await client.get(f"/api/projects/{project['id']}")).json()
            here = woken.json().get("preview_url") or page
            # Its own address opens the latest version, records and all, version to version.
            console.print(f"{project['name']} {latest['version']} runs here:")
            console.print(detail.get("app_url") or here, soft_wrap=True, style="bold")
            console.print(f"{latest['version']} on its own:", highlight=False)
            console.print(here, soft_wrap=True, highlight=False)
            console.print("Its page, with versions, changes and sharing:")
            console.print(page, soft_wrap=True, highlight=False)
        if keep_running:
            console.print("Press Ctrl-C to stop.")
            await asyncio.Event().wait()
        return 0


async def _delete(settings: Settings, ref: str, yes: bool) -> int:
    async with embedded(settings) as client:
        project = await find_project(client, ref)
        if project is None:
            console.print(f"There is no project called {ref!r}.", style="red")
            return 2
        count = len(await _versions(client, project["id"]))
        if not yes:
            question = (
                f"Delete {project['name']} and its {count} version(s), previews, pictures, "
                "guide and share links? This can't be undone."
            )
            if not await asyncio.to_thread(click.confirm, question, default=False):
                console.print("Kept.")
                return 0
        answer = await client.delete(f"/api/projects/{project['id']}")
        if answer.status_code != 204:
            console.print(answer.json()["detail"], style="red", markup=False)
            return 1
        console.print(Text.assemble("Deleted ", project["name"], "."))
        return 0


@click.group(invoke_without_command=True)
@click.pass_context
def projects(context: click.Context) -> None:
    """Your projects: list them (the default), open one, delete one."""
    if context.invoked_subcommand is None:
        sys.exit(run_command(_list(embedded_settings(None))))


@projects.command("list")
def list_command() -> None:
    """List your projects, newest first, with their latest version."""
    sys.exit(run_command(_list(embedded_settings(None))))


@projects.command("open")
@click.argument("project")
@click.option("--port", type=int, default=None, help="Port to serve on (default: settings).")
@click.option(
    "--keep-running/--no-keep-running",
    default=None,
    help="Keep serving until Ctrl-C (default: when run in a terminal).",
)
def open_command(project: str, port: int | None, keep_running: bool | None) -> None:
    """Serve PROJECT (its id or name) here and print where its latest version runs."""
    keep = sys.stdin.isatty() if keep_running is None else keep_running
    sys.exit(run_command(_open(embedded_settings(port), project, keep)))


@projects.command("delete")
@click.argument("project")
@click.option("--yes", is_flag=True, help="Delete without asking.")
def delete_command(project: str, yes: bool) -> None:
    """Delete PROJECT (its id or name) with everything it holds, after asking."""
    if not yes and not sys.stdin.isatty():
        raise click.UsageError("Add --yes to delete without being asked.")
    sys.exit(run_command(_delete(embedded_settings(None), project, yes)))
