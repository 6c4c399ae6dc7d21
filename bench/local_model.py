"""The real local model for a bench that reads with it, its server stopped when done."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from livebuild.providers import provider_for
from livebuild.providers.local import LocalProvider
from livebuild.providers.local.machine import stop
from livebuild.providers.local.model_file import local_model_ready, model_path
from livebuild.settings import Settings

NO_MODEL = "No local model here: run `livebuild model pull` first."


@contextmanager
def local_model(timeout_s: float) -> Iterator[LocalProvider | None]:
    """The local model with `timeout_s` for a plan reading and a call, or None where none is
    pulled; its server (started by the first reading) is stopped on the way out."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            model_provider="local",
            local_model=model_path(Settings()),
            local_plan_timeout_s=timeout_s,
            model_timeout_s=timeout_s,
        )
        if not local_model_ready(settings):
            yield None
            return
        provider = provider_for(settings)
        assert isinstance(provider, LocalProvider)
        try:
            yield provider
        finally:
            stop(provider.plan)
