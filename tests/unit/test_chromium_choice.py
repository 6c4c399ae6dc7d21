"""Which Chromium takes the screenshots: a setting, else a headless shell, else any Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from livebuild.screenshots import browser
from livebuild.screenshots.browser import screenshot_chromium


def _executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def playwright_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Playwright's browsers in a folder of the test's, and no system browser at all."""
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(browser, "SYSTEM_SHELLS", ())
    return tmp_path


def test_playwrights_headless_shell_goes_before_its_full_chromium(playwright_dir: Path) -> None:
    _executable(playwright_dir / "chromium-1200/chrome-linux64/chrome")
    shell = _executable(
        playwright_dir / "chromium_headless_shell-1200/chrome-headless-shell-linux64"
        "/chrome-headless-shell"
    )
    assert screenshot_chromium(None) == shell


def test_a_system_headless_shell_goes_before_playwrights_full_chromium(
    playwright_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _executable(playwright_dir / "chromium-1200/chrome-linux64/chrome")
    shell = _executable(playwright_dir / "usr/lib/chromium/chromium-headless-shell")
    monkeypatch.setattr(browser, "SYSTEM_SHELLS", (shell, "chromium-headless-shell"))
    assert screenshot_chromium(None) == shell


def test_without_a_shell_any_chromium_takes_the_pictures(playwright_dir: Path) -> None:
    assert screenshot_chromium(None) is None
    system = _executable(playwright_dir / "bin/chromium")
    assert screenshot_chromium(None) == system
    own = _executable(playwright_dir / "chromium-1200/chrome-linux64/chrome")
    assert screenshot_chromium(None) == own


def test_the_setting_wins_over_every_shell(playwright_dir: Path) -> None:
    _executable(
        playwright_dir / "chromium_headless_shell-1200/chrome-headless-shell-linux64"
        "/chrome-headless-shell"
    )
    chosen = _executable(playwright_dir / "opt/google-chrome")
    assert screenshot_chromium(chosen) == chosen
    assert screenshot_chromium("/nonexistent/chromium") is None
