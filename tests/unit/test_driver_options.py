"""The shared screenshot service keeps Playwright's Node driver small, never overriding an
operator's own Node options."""

from __future__ import annotations

import pytest

from livebuild.screenshots.shared_process import DRIVER_NODE_OPTION, driver_node_options


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        ("", DRIVER_NODE_OPTION),
        ("--max-old-space-size=512", f"--max-old-space-size=512 {DRIVER_NODE_OPTION}"),
        ("--max-semi-space-size=8", "--max-semi-space-size=8 --jitless"),
        ("--no-jitless", "--no-jitless --max-semi-space-size=1"),
        ("--jitless --max-semi-space-size=2", "--jitless --max-semi-space-size=2"),
        ("  ", DRIVER_NODE_OPTION),
    ],
)
def test_node_options_for_the_driver(current: str, expected: str) -> None:
    assert driver_node_options(current) == expected
