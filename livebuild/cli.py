"""The `livebuild` command line: a thin layer over the app and its API."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import click
import httpx
import uvicorn
from rich.console import Console

from livebuild.core.net import free_port, is_loopback, port_is_free
from livebuild.safety.origin import CLIENT_HEADER
from livebuild.settings import AuthMode, Settings, settings_markdown
from livebuild.store.repository import Repository
from livebuild.terminal import follow_build
from livebuild.web.app import create_app
from livebuild.web.server import BackgroundServer

SAMPLE_IDEA = (
    "A booking app for independent dog walkers called Pawpath: owners book walks, "
    "walkers manage their schedule and clients, and everyone sees upcoming walks at a glance."
)

console = Console()


def _settings(**overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**values)


def _refuse_open_local_mode(settings: Settings) -> None:
    if settings.auth_mode is AuthMode.LOCAL and not is_loopback(settings.host):
        raise click.UsageError(
            "local mode has no sign-in, so it only listens on loopback. "
            "Set LIVEBUILD_AUTH_MODE=token to serve other machines."
        )


@click.group()
def main() -> None:
    """livebuild: turn an idea into a running web app, and watch it being built."""


@main.command()
@click.option("--host", default=None, help="Address to bind (default from settings).")
@click.option("--port", type=int, default=None, help="Port to bind (default from settings).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the API, the pages and the build worker."""
    settings = _settings(host=host, port=port)
    _refuse_open_local_mode(settings)
    console.print(f"livebuild is listening on [bold]{settings.base_url}[/bold]")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


async def _run_build(
    settings: Settings, idea: str, name: str | None, keep_running: bool, page_hint: bool
) -> int:
    async with (
        BackgroundServer(create_app(settings), settings.host, settings.port),
        httpx.AsyncClient(
            base_url=settings.base_url, timeout=30, headers={CLIENT_HEADER: "1"}
        ) as client,
    ):
        created = await client.post("/api/projects", json={"idea": idea, "name": name})
        if created.status_code != 201:
            console.print(f"[red]{created.json()['detail']}[/red]")
            return 2
        project = created.json()
        build = (await client.post(f"/api/projects/{project['id']}/builds")).json()
        console.print(f"Building [bold]{project['name']}[/bold] ({build['version']})")
        if page_hint:
            console.print("Watch it in your browser:")
            console.print(build["build_url"], soft_wrap=True, style="bold")
        terminal = await follow_build(client, build["job_id"], console)
        if terminal.get("type") != "build.completed":
            console.print(
                f"[red]{terminal.get('message', 'The build stopped.')}[/red] "
                f"(reference {terminal.get('debug_id', '-')})"
            )
            return 1
        workspace = settings.workspaces_dir / build["job_id"] / "app"
        elapsed = terminal["elapsed_s"]
        console.print(
            f"[green]{project['name']} is ready[/green] in {elapsed:.1f}s.", highlight=False
        )
        console.print("Its files (run it yourself with `python app.py` there):")
        console.print(str(workspace), soft_wrap=True, highlight=False)
        if keep_running:
            console.print("Open it (press Ctrl-C to stop):")
            console.print(terminal["preview_url"], soft_wrap=True, style="bold")
            await asyncio.Event().wait()
        else:
            console.print("It ran here until this command ended:")
            console.print(terminal["preview_url"], soft_wrap=True, highlight=False)
        return 0


def _embedded_settings(port: int | None) -> Settings:
    settings = _settings(port=port)
    _refuse_open_local_mode(settings)
    if not port_is_free(settings.host, settings.port):
        settings = _settings(port=free_port(settings.host))
    return settings


def _run(coroutine: Any) -> int:
    try:
        return int(asyncio.run(coroutine))
    except KeyboardInterrupt:
        return 0


@main.command()
@click.argument("idea")
@click.option("--name", default=None, help="The product's name, if you have one.")
@click.option("--port", type=int, default=None, help="Port for the preview (default: settings).")
@click.option(
    "--keep-running/--no-keep-running",
    default=None,
    help="Keep the app running after the build (default: when run in a terminal).",
)
def build(idea: str, name: str | None, port: int | None, keep_running: bool | None) -> None:
    """Build IDEA and show it live; exit 0 when the app is ready, 1 if the build failed."""
    keep = sys.stdin.isatty() if keep_running is None else keep_running
    settings = _embedded_settings(port)
    sys.exit(_run(_run_build(settings, idea, name, keep, page_hint=False)))


@main.command()
@click.option("--port", type=int, default=None, help="Port to serve on (default: settings).")
@click.option("--idea", default=SAMPLE_IDEA, show_default=False, help="Idea to build.")
def demo(port: int | None, idea: str) -> None:
    """Serve livebuild, start a sample build and print the page to watch it on."""
    settings = _embedded_settings(port)
    console.print(f"livebuild is running at [bold]{settings.base_url}[/bold]")
    sys.exit(_run(_run_build(settings, idea, None, keep_running=True, page_hint=True)))


@main.group()
def users() -> None:
    """Users and access tokens (for token mode)."""


async def _with_repository(action: Any) -> Any:
    from livebuild.services import Services

    services = await Services.open(Settings())
    try:
        return await action(services.repository)
    finally:
        await services.engine.dispose()


@users.command("add")
@click.argument("name")
def users_add(name: str) -> None:
    """Create user NAME and print their first access token."""

    async def action(repository: Repository) -> str:
        await repository.create_user(name)
        return await repository.create_token(name)

    token = _safe(action)
    console.print(f"Created {name}. Their access token (shown once):")
    click.echo(token)


@users.command("list")
def users_list() -> None:
    """List users."""

    async def action(repository: Repository) -> list[str]:
        return [user.name for user in await repository.list_users()]

    for user_name in _safe(action):
        click.echo(user_name)


@users.command("token")
@click.argument("name")
def users_token(name: str) -> None:
    """Create another access token for NAME."""

    async def action(repository: Repository) -> str:
        return await repository.create_token(name)

    click.echo(_safe(action))


@users.command("revoke")
@click.argument("name")
def users_revoke(name: str) -> None:
    """Revoke every access token of NAME."""

    async def action(repository: Repository) -> int:
        return await repository.revoke_tokens(name)

    console.print(f"Revoked {_safe(action)} token(s) of {name}.")


def _safe(action: Any) -> Any:
    from livebuild.core.errors import LivebuildError

    try:
        return asyncio.run(_with_repository(action))
    except LivebuildError as error:
        raise click.ClickException(error.detail) from error


@main.command("settings")
def settings_command() -> None:
    """Print the settings table (Markdown)."""
    click.echo(settings_markdown())
