"""Running a command's embedded server: ports chosen or refused plainly, and Ctrl-C that
ends the command quietly."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Coroutine
from typing import Any

import click

from livebuild.core.net import free_port, is_loopback, port_is_free
from livebuild.settings import AuthMode, Settings

PORT_IN_USE = 2


def settings_with(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def refuse_open_local_mode(settings: Settings) -> None:
    if settings.auth_mode is AuthMode.LOCAL and not is_loopback(settings.host):
        raise click.UsageError(
            "local mode has no sign-in, so it only listens on loopback. "
            "Set LIVEBUILD_AUTH_MODE=token to serve other machines."
        )


def port_in_use(host: str, port: int, what: str, how: str) -> None:
    """One plain line and exit code 2: something else already answers on that port."""
    click.echo(
        f"Port {port} on {host} is already in use, so livebuild can't {what}: stop what "
        f"uses it, or {how}.",
        err=True,
    )
    sys.exit(PORT_IN_USE)


def check_serving_ports(settings: Settings) -> None:
    if not port_is_free(settings.host, settings.port):
        port_in_use(settings.host, settings.port, "serve there", "pick another with --port")
    if not port_is_free(settings.host, settings.preview_port):
        port_in_use(
            settings.host,
            settings.preview_port,
            "serve app previews there",
            "pick another with LIVEBUILD_PREVIEW_PORT",
        )


def embedded_settings(port: int | None) -> Settings:
    """Settings for a command's own server: a port asked for must be free; the default
    ports give way to free ones (a `livebuild serve` may hold them)."""
    settings = settings_with(port=port)
    refuse_open_local_mode(settings)
    if port is not None and not port_is_free(settings.host, port):
        port_in_use(settings.host, port, "serve there", "pick another with --port")
    if not port_is_free(settings.host, settings.port):
        settings = settings_with(port=free_port(settings.host))
    if not port_is_free(settings.host, settings.preview_port):
        settings = settings_with(port=settings.port, preview_port=free_port(settings.host))
    return settings


def run_command(coroutine: Coroutine[Any, Any, int]) -> int:
    """Run a command; Ctrl-C ends it with a plain line instead of a trace. The command owns
    Ctrl-C: its embedded servers leave it alone and stop as the command ends.

    The terminal's Ctrl-C reaches every process in the foreground group, the browser
    that takes the preview pictures included; what its dying connection leaves behind
    once we're stopping is not news to the founder.
    """
    stopping = False

    def quiet(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if not stopping:
            loop.default_exception_handler(context)

    async def main() -> int:
        nonlocal stopping
        asyncio.get_running_loop().set_exception_handler(quiet)
        try:
            return await coroutine
        except asyncio.CancelledError:
            # Ctrl-C: the runner cancels this task, then raises KeyboardInterrupt.
            stopping = True
            raise

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN and sys.stdin.isatty():
        # Started with Ctrl-C ignored (by a script's shell, say) yet run at a terminal: the
        # command still stops on the Ctrl-C it tells the founder to press. (asyncio makes
        # Ctrl-C stop the command only where Python's own handler is in place.) A script's
        # background job reads no terminal and keeps ignoring it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return int(asyncio.run(main()))
    except KeyboardInterrupt:
        stopping = True
        click.echo("\nStopped.")
        return 0
