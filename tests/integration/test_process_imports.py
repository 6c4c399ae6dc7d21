"""Each livebuild process loads what its job needs and no more: every module loaded is memory
held for the process's life, on a machine that runs many of them beside a browser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

LOADED = "import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"


def _loaded(module: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(module=module)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout))


def test_the_screenshot_service_loads_no_settings_and_no_http_client() -> None:
    """The machine's screenshot service serves captures: the settings (pydantic) and an
    HTTP client (httpx, which brings a terminal UI with it) are its callers' business."""
    loaded = _loaded("livebuild.screenshots.shared_process")
    assert "livebuild.screenshots.shared_process" in loaded
    for heavy in ("livebuild.settings", "pydantic", "httpx", "rich", "sqlalchemy", "PIL"):
        assert heavy not in loaded, heavy


@pytest.mark.parametrize("module", ["livebuild.web.app", "livebuild.cli.main"])
def test_serving_loads_no_reader_until_an_idea_is_read(module: str) -> None:
    """spaCy, numpy and the embeddings load when the first idea is read (or warmed at a
    server's start), never by importing the app: a worker or a CLI command never pays."""
    loaded = _loaded(module)
    for heavy in ("spacy", "numpy", "thinc", "wordllama", "playwright", "boto3"):
        assert heavy not in loaded, heavy
