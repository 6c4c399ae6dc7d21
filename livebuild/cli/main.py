"""The `livebuild` command line: a thin layer over the app and its API."""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from livebuild.cli.building import BuildChoices, run_build, run_change
from livebuild.cli.model import model
from livebuild.cli.projects import projects
from livebuild.cli.running import (
    check_serving_ports,
    embedded_settings,
    refuse_open_local_mode,
    run_command,
    settings_with,
)
from livebuild.core.heap import limit_arenas
from livebuild.core.net import free_port
from livebuild.providers import resolve_provider_name
from livebuild.settings import Settings, settings_markdown

if TYPE_CHECKING:
    from livebuild.brief.model import Brief
    from livebuild.store.repository import Repository

SAMPLE_IDEA = (
    "A booking app for independent dog walkers called Pawpath: owners book walks, "
    "walkers manage their schedule and clients, and everyone sees upcoming walks at a glance."
)

console = Console()


@click.group()
def main() -> None:
    """livebuild: turn an idea into a running web app, and watch it being built."""
    # An operator can ask a stuck process where each of its threads is:
    # `kill -USR1 <pid>` prints every thread's Python stack to its error output.
    with contextlib.suppress(OSError, ValueError):  # an error output with no file behind it
        faulthandler.register(signal.SIGUSR1, all_threads=True)


@main.command()
@click.option("--host", default=None, help="Address to bind (default from settings).")
@click.option("--port", type=int, default=None, help="Port to bind (default from settings).")
@click.option(
    "--no-worker",
    is_flag=True,
    help="Serve the API and pages only; `livebuild worker` processes run the builds.",
)
def serve(host: str | None, port: int | None, no_worker: bool) -> None:
    """Serve the API, the pages and (unless --no-worker) a build worker."""
    limit_arenas()
    from livebuild.web.app import create_app
    from livebuild.web.server import run_server, serve_with_previews

    settings = settings_with(host=host, port=port)
    refuse_open_local_mode(settings)
    check_serving_ports(settings)
    if no_worker and settings.resolved_queue != "postgres":
        raise click.UsageError(
            "--no-worker hands builds to worker processes through a shared queue: "
            "set a PostgreSQL LIVEBUILD_DATABASE_URL."
        )
    console.print(f"livebuild is listening on [bold]{settings.base_url}[/bold]")
    console.print(f"Previews answer on port {settings.preview_port}", highlight=False)
    app = create_app(settings, run_worker=not no_worker)
    with contextlib.suppress(KeyboardInterrupt):
        run_server(
            app, serve_with_previews(app, settings.host, settings.port, settings.preview_port)
        )


@main.command()
@click.option("--concurrency", type=int, default=None, help="Builds this worker runs at once.")
@click.option("--host", default=None, help="Internal address for health and previews.")
@click.option("--port", type=int, default=None, help="Internal port (default: any free one).")
def worker(concurrency: int | None, host: str | None, port: int | None) -> None:
    """Run builds from the shared queue (no API); serves health and previews internally."""
    limit_arenas()
    from livebuild.web.worker_app import create_worker_app

    settings = settings_with(concurrency=concurrency, worker_host=host, worker_port=port)
    if settings.resolved_queue != "postgres":
        raise click.UsageError(
            "A separate worker takes builds from a shared queue: set a PostgreSQL "
            "LIVEBUILD_DATABASE_URL."
        )
    bind_port = settings.worker_port or free_port(settings.worker_host)
    address = f"http://{settings.worker_host}:{bind_port}"
    console.print(f"livebuild worker: health and previews on [bold]{address}[/bold]")
    app = create_worker_app(settings, address=address)
    import uvicorn

    uvicorn.run(app, host=settings.worker_host, port=bind_port, log_level="warning")


@main.command()
def status() -> None:
    """List workers, the queue depth and the running builds."""
    from livebuild.cli.status import read_status

    report = asyncio.run(read_status(Settings()))
    console.print(f"Builds waiting in the queue: [bold]{report.queued}[/bold]")
    console.print(f"Workers ({len(report.workers)}):")
    for row in report.workers:
        console.print(f"  {row}", highlight=False, soft_wrap=True)
    console.print(f"Running builds ({len(report.running)}):")
    for row in report.running:
        console.print(f"  {row}", highlight=False, soft_wrap=True)


@main.command()
@click.argument("idea")
@click.option("--name", default=None, help="The product's name, if you have one.")
@click.option("--port", type=int, default=None, help="Port for the preview (default: settings).")
@click.option(
    "--keep-running/--no-keep-running",
    default=None,
    help="Keep the app running after the build (default: when run in a terminal).",
)
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Build this corrected plan (JSON, as `livebuild plan` prints it) instead.",
)
@click.option("--yes", "-y", is_flag=True, help="Build the plan straight away, without asking.")
def build(
    idea: str,
    name: str | None,
    port: int | None,
    keep_running: bool | None,
    plan_file: Path | None,
    yes: bool,
) -> None:
    """Show the plan for IDEA, build it and show it live.

    In a terminal it first asks: build, edit the plan in $EDITOR, change it in words, or
    quit; with --yes, or without a terminal, it builds straight away. Exits 0 when the app
    is ready (or you quit), 1 if the build failed, 2 if the idea or plan can't be built.
    """
    from livebuild.cli.plan_view import quiet_english_log

    quiet_english_log()
    plan = _read_plan(plan_file) if plan_file is not None else None
    attached = sys.stdin.isatty() and sys.stdout.isatty()
    keep = sys.stdin.isatty() if keep_running is None else keep_running
    settings = embedded_settings(port)
    choices = BuildChoices(keep_running=keep, ask=attached and not yes)
    sys.exit(run_command(run_build(settings, idea, name, choices, plan=plan)))


def _read_plan(path: Path) -> dict[str, Any]:
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise click.UsageError(f"{path.name} isn't a text file; save the plan as JSON.") from None
    except json.JSONDecodeError as error:
        raise click.UsageError(
            f"{path.name} isn't valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg.lower()})."
        ) from None
    if not isinstance(plan, dict):
        raise click.UsageError(
            f"{path.name} should hold one JSON object, as `livebuild plan` prints."
        )
    return plan


READER_WORDS = {"model": "the configured model", "local": "the local model", "rules": "the rules"}


async def _model_read_plan(settings: Settings, idea: str, name: str | None) -> Brief:
    from livebuild.brief.plan import make_plan
    from livebuild.providers import provider_for

    provider = provider_for(settings)
    try:
        return await make_plan(
            idea, name, provider, timeout_s=settings.plan_timeout_s, judged=settings.plan_kind_judge
        )
    finally:
        await provider.aclose()


@main.command()
@click.argument("idea")
@click.option("--name", default=None, help="The product's name, if you have one.")
def plan(idea: str, name: str | None) -> None:
    """Print the plan for IDEA as JSON, to edit and build with `build IDEA --plan FILE`."""
    from livebuild.brief import derive_brief
    from livebuild.brief.english_layer import HOW_TO_ADD, MISSING
    from livebuild.cli.plan_view import quiet_english_log
    from livebuild.safety.redact import redact_secrets

    quiet_english_log()
    idea = idea.strip()
    if not idea:
        raise click.UsageError("Please describe your idea; it can't be empty.")
    settings = Settings()
    if resolve_provider_name(settings) == "offline":
        derived = derive_brief(redact_secrets(idea), name)
        if derived.app_kind != "records":
            from livebuild.english.app_kind import about, answer, app_kinds, named
            from livebuild.english.idea import read_once

            kind = next(k for k in app_kinds().kinds if k.name == derived.app_kind)
            english = read_once(redact_secrets(idea)).english
            raise click.ClickException(answer(kind, about(english), named(english, kind)))
        brief = derived.to_dict()
    else:
        brief = asyncio.run(_model_read_plan(settings, redact_secrets(idea), name)).to_dict()
    # Who read the idea ("reader" in the plan): the configured model, the local one or the rules.
    click.echo(f"Read by {READER_WORDS[brief['reader']]}.", err=True)
    if brief["english"] is False:
        click.echo(f"{MISSING} {HOW_TO_ADD}", err=True)
    # The idea is the founder's own words, not part of the plan to edit.
    brief.pop("idea", None)
    click.echo(json.dumps(brief, indent=2, ensure_ascii=False))


@main.command()
@click.argument("project")
@click.argument("request")
@click.option("--port", type=int, default=None, help="Port for the preview (default: settings).")
@click.option(
    "--keep-running/--no-keep-running",
    default=None,
    help="Keep the new version running after the build (default: when run in a terminal).",
)
def change(project: str, request: str, port: int | None, keep_running: bool | None) -> None:
    """Build the next version of PROJECT (its id or name) with REQUEST applied, live,
    and print where it runs."""
    keep = sys.stdin.isatty() if keep_running is None else keep_running
    sys.exit(run_command(run_change(embedded_settings(port), project, request, keep)))


@main.command()
@click.option("--port", type=int, default=None, help="Port to serve on (default: settings).")
@click.option("--idea", default=SAMPLE_IDEA, show_default=False, help="Idea to build.")
def demo(port: int | None, idea: str) -> None:
    """Serve livebuild, start a sample build and print the page to watch it on."""
    settings = embedded_settings(port)
    console.print(f"livebuild is running at [bold]{settings.base_url}[/bold]")
    choices = BuildChoices(keep_running=True, page_hint=True)
    sys.exit(run_command(run_build(settings, idea, None, choices)))


main.add_command(projects)


main.add_command(model)


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
    """Revoke every access token, browser session and unused sign-in link of NAME."""

    async def action(repository: Repository) -> tuple[int, int]:
        return await repository.revoke_access(name)

    tokens, links = _safe(action)
    console.print(
        f"Revoked {tokens} token(s) and session(s) and {links} unused sign-in link(s) of {name}."
    )


def _safe(action: Any) -> Any:
    from livebuild.core.errors import LivebuildError

    try:
        return asyncio.run(_with_repository(action))
    except LivebuildError as error:
        raise click.ClickException(error.detail) from error


@main.command()
@click.option(
    "--no-model-check", is_flag=True, help="Don't time the local model (a short call on it)."
)
def doctor(no_model_check: bool) -> None:
    """What this machine has, how many builds and screenshots run at once, and why; how fast
    the local model is here."""
    from livebuild.cli.doctor import report

    report(Settings(), console, time_model=not no_model_check)


@main.command("settings")
def settings_command() -> None:
    """Print the settings table (Markdown)."""
    click.echo(settings_markdown())


@users.command("link")
@click.argument("name")
def users_link(name: str) -> None:
    """Print a one-time sign-in link for NAME (it expires; see LIVEBUILD_SIGNIN_LINK_TTL_S)."""
    settings = Settings()

    async def action(repository: Repository) -> str:
        from livebuild.store.sessions import Sessions

        return await Sessions(repository.engine).create_link(name, settings.signin_link_ttl_s)

    code = _safe(action)
    minutes = round(settings.signin_link_ttl_s / 60)
    console.print(f"A sign-in link for {name}, valid once within {minutes} min:")
    click.echo(f"{settings.base_url}/signin?code={code}")
