"""`livebuild build` and `livebuild change`: an embedded livebuild, one build followed live,
and where the app then runs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from rich.console import Console

from livebuild.cli.follow import follow_build
from livebuild.safety.origin import CLIENT_HEADER
from livebuild.settings import Settings

console = Console()


@dataclass(frozen=True)
class BuildChoices:
    keep_running: bool
    # Ask before building (a terminal without --yes); otherwise build straight away.
    ask: bool = False
    page_hint: bool = False


@asynccontextmanager
async def embedded(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """livebuild and its previews served here for as long as the command runs."""
    # The web app is imported when a command serves it: `livebuild worker`, `status` and
    # `--help` start without it (CONTRIBUTING.md: process start-up).
    from livebuild.web.app import create_app
    from livebuild.web.server import BackgroundServer

    app = create_app(settings)
    async with (
        BackgroundServer(app, settings.host, settings.port),
        BackgroundServer(app.state.preview_app, settings.host, settings.preview_port),
        httpx.AsyncClient(
            base_url=settings.base_url, timeout=30, headers={CLIENT_HEADER: "1"}
        ) as client,
    ):
        yield client


async def find_project(client: httpx.AsyncClient, ref: str) -> dict[str, Any] | None:
    projects = (await client.get("/api/projects")).json()["projects"]
    wanted = ref.strip().lower()
    return next((p for p in projects if p["id"] == ref or p["name"].lower() == wanted), None)


async def _planned(
    client: httpx.AsyncClient, idea: str, name: str | None, plan: dict[str, Any] | None
) -> dict[str, Any] | None:
    created = await client.post("/api/projects", json={"idea": idea, "name": name})
    if created.status_code != 201:
        console.print(created.json()["detail"], style="red", markup=False)
        return None
    project: dict[str, Any] = created.json()
    if plan is None:
        return project
    patched = await client.patch(f"/api/projects/{project['id']}", json={"brief": plan})
    if patched.status_code != 200:
        console.print(
            f"Your plan can't be built: {patched.json()['detail']}", style="red", markup=False
        )
        return None
    return dict(patched.json())


async def run_build(
    settings: Settings,
    idea: str,
    name: str | None,
    choices: BuildChoices,
    plan: dict[str, Any] | None = None,
) -> int:
    async with embedded(settings) as client:
        project = await _planned(client, idea, name, plan)
        if project is None:
            return 2
        if choices.ask:
            from livebuild.cli.review import review

            if not await review(client, project, console):
                return 0
            project = (await client.get(f"/api/projects/{project['id']}")).json()
        else:
            from livebuild.cli.plan_view import show_plan

            show_plan(project["brief"], console)
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        console.print(f"Building [bold]{project['name']}[/bold] ({build['version']})")
        if choices.page_hint:
            console.print("Watch it in your browser:")
            console.print(build["build_url"], soft_wrap=True, style="bold")
        terminal = await follow_build(client, build["job_id"], console, tokens=_spent(settings))
        if terminal.get("type") != "build.completed":
            console.print(
                f"[red]{terminal.get('message', 'The build stopped.')}[/red] "
                f"(reference {terminal.get('debug_id', '-')})"
            )
            return 1
        console.print(
            f"[green]{project['name']} is ready[/green] in {terminal['elapsed_s']:.1f}s.",
            highlight=False,
        )
        await _where_it_runs(client, settings, build, terminal, choices.keep_running)
        return 0


async def run_change(settings: Settings, project_ref: str, request: str, keep_running: bool) -> int:
    async with embedded(settings) as client:
        project = await find_project(client, project_ref)
        if project is None:
            console.print(f"There is no project called {project_ref!r}.", style="red")
            return 2
        started = await client.post(
            f"/api/projects/{project['id']}/builds", json={"change_request": request}
        )
        if started.status_code != 202:
            console.print(started.json()["detail"], style="red", markup=False)
            return 2
        build = started.json()
        console.print(f"Changing [bold]{project['name']}[/bold] ({build['version']})")
        terminal = await follow_build(client, build["job_id"], console, tokens=_spent(settings))
        status = (await client.get(f"/api/jobs/{build['job_id']}")).json()
        result = status.get("change_result") or {}
        for line in result.get("made", []):
            console.print(f"[green]Done:[/green] {line}", highlight=False)
        for line in result.get("unmade", []):
            console.print(f"[yellow]Not done:[/yellow] {line}", highlight=False)
        if terminal.get("type") != "build.completed":
            console.print(terminal.get("message", "The build stopped."), style="red")
            console.print("Your app is unchanged: the version before this one still runs.")
            return 1
        console.print(f"[green]{build['version']} is ready.[/green]", highlight=False)
        await _where_it_runs(client, settings, build, terminal, keep_running)
        return 0


def _spent(settings: Settings) -> bool:
    """Whether a model spent the tokens a build counts (the offline writer only paces itself)."""
    return settings.runner != "offline"


async def _where_it_runs(
    client: httpx.AsyncClient,
    settings: Settings,
    build: dict[str, Any],
    terminal: dict[str, Any],
    keep_running: bool,
) -> None:
    workspace = settings.workspaces_dir / build["job_id"] / "app"
    console.print("Its files (run it yourself with `python app.py` there):")
    console.print(str(workspace), soft_wrap=True, highlight=False)
    project = (await client.get(f"/api/projects/{build['project_id']}")).json()
    # The app's own address opens its latest version, with its records, from one version
    # to the next; a version's preview address opens that version only.
    address = project.get("app_url") or terminal["preview_url"]
    console.print("Open your app (its address keeps it, and its records, version to version):")
    console.print(address, soft_wrap=True, style="bold")
    console.print(f"{build['version']} on its own, as it is now:", highlight=False)
    console.print(terminal["preview_url"], soft_wrap=True, highlight=False)
    # Last, so how to stop it is the line the founder is left looking at.
    console.print(
        "It runs here until this command ends"
        + ("; press Ctrl-C to stop it." if keep_running else "."),
        highlight=False,
    )
    if keep_running:
        await asyncio.Event().wait()
