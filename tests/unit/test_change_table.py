"""The one table the change readers share: (pattern, what it says) rows and one matcher.
Pure functions; no plan, no app."""

from __future__ import annotations

import re
import time

from livebuild.brief.change_restate import described_field, restated
from livebuild.brief.change_table import Row, first_said

_ROWS = (
    Row(re.compile(r"^(?P<old>\w+) -> (?P<new>\w+)$"), "rename {old} to {new}"),
    Row(re.compile(r"^colour (?P<c>\w+)$"), "make the colour {c}", lambda m: m["c"] != "sky"),
    Row(re.compile(r"^colour (?P<c>\w+)$"), lambda m: None),
    Row(re.compile(r"^(?P<any>.+)$"), lambda m: f"read {m['any']}"),
)


def test_the_first_row_that_fits_answers_with_its_groups_filled_in() -> None:
    assert first_said(_ROWS, "Dogs -> Pets") == "rename Dogs to Pets"
    assert first_said(_ROWS, "colour teal") == "make the colour teal"


def test_a_row_whose_check_fails_or_that_says_nothing_lets_the_next_rows_try() -> None:
    assert first_said(_ROWS, "colour sky") == "read colour sky"


def test_no_row_fitting_says_nothing() -> None:
    assert first_said(_ROWS[:2], "make it pop") is None


def test_braces_in_a_request_are_words_not_a_template() -> None:
    arrow = Row(re.compile(r"^(?P<old>.+) -> (?P<new>.+)$"), "rename {old} to {new}")
    assert first_said((arrow,), "{new} -> {0!r}") == "rename {new} to {0!r}"
    assert first_said(_ROWS, "call {old} {0!r}") == "read call {old} {0!r}"


def test_the_readers_tables_restate_everyday_shapes() -> None:
    assert restated("Sessions -> Lessons") == "rename Sessions to Lessons"
    assert restated("dark blue would suit our logo") == "make the colour dark blue"
    assert described_field("how many have booked") == "number booked"
    assert described_field("a note") == "a note"


def test_a_long_hostile_request_is_restated_in_linear_time() -> None:
    hostile = "the " + "a, " * 3000 + "list of things is missing " + "x " * 3000
    start = time.process_time()
    restated(hostile[:300])
    restated(hostile)
    assert time.process_time() - start < 2.0
