"""The switch sweep measures a switch beside livebuild's own launch list, never instead of it."""

from __future__ import annotations

import pytest

from bench import browser_switches
from livebuild.screenshots import browser


@pytest.mark.parametrize("switch", ["--disable-features=Translate", "--enable-features=Foo"])
def test_a_switch_that_would_replace_our_feature_lists_is_refused(switch: str) -> None:
    with pytest.raises(SystemExit, match="feature lists"):
        browser_switches.run((switch,))
    assert browser.LAUNCH_ARGS == browser_switches.LAUNCH_ARGS  # nothing was launched


def test_the_sweep_starts_from_livebuilds_own_launch_list() -> None:
    assert browser_switches.LAUNCH_ARGS == browser.LAUNCH_ARGS
    assert not any(
        s.startswith(("--disable-features", "--enable-features"))
        for s in browser_switches.DEFAULT_SWITCHES
    )
