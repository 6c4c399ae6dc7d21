"""How long a caller says it will wait for the shared model, read from a header anyone on
loopback can send: only a number counts, and it is bounded both ways."""

from __future__ import annotations

import pytest

from livebuild.providers.local.server import caller_wait


@pytest.mark.parametrize(
    ("said", "wait"),
    [
        ("7", 7.0),
        ("7.250", 7.25),
        (None, None),
        ("", None),
        ("soon", None),
        ("nan", None),
        ("-5", 0.05),
        ("0", 0.05),
        ("1e308", 60.0),
        ("inf", 60.0),
        ("-inf", 0.05),
        ("9" * 400, 60.0),
    ],
)
def test_a_callers_wait_is_a_bounded_number_or_none(said: str | None, wait: float | None) -> None:
    assert caller_wait(said, 60.0) == wait
