"""Unit tests are pure: a test here that starts the app, opens a database, drives a browser or
runs a subprocess fails, so it is moved to tests/integration instead of slowing this folder."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

# Fixtures (tests/conftest.py) that start real parts.
_REAL_PARTS = frozenset(
    {
        "browser",
        "client",
        "database_url",
        "finished_build",
        "finished_build_with_screenshots",
        "finished_client",
        "live",
        "postgres_base",
        "s3_endpoint",
        "settings",
        "sqlite_settings",
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = _REAL_PARTS & set(getattr(item, "fixturenames", ()))
        if used and "tests/unit/" in item.nodeid:
            raise pytest.UsageError(
                f"{item.nodeid} uses {', '.join(sorted(used))}: it belongs in tests/integration"
            )


class _NoSubprocess(subprocess.Popen):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("a unit test ran a subprocess: it belongs in tests/integration")


@pytest.fixture(autouse=True)
def _no_subprocess(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(subprocess, "Popen", _NoSubprocess)
    yield
