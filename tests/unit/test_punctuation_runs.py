"""An idea made of long runs of punctuation is read in bounded CPU time, like any other
hostile idea: spaCy's tokenizer is quadratic over one long token of marks."""

from __future__ import annotations

import time

import pytest

from livebuild.brief import derive_brief
from livebuild.english.words import clean_text_keep_lines

RUNS = {
    "brackets": "(" * 5000 + "customers" + ")" * 5000,
    "alternating": "([" * 2500 + "customers" + "])" * 2500,
}


@pytest.mark.parametrize("idea", RUNS.values(), ids=RUNS.keys())
def test_an_idea_of_long_punctuation_runs_reads_quickly(idea: str) -> None:
    derive_brief("Track my clients and their invoices")  # the words' tables, loaded once
    start = time.process_time()
    derive_brief(idea)
    # Any ordinary idea reads in well under this; the runs took ~2 CPU-s each.
    assert time.process_time() - start < 0.5


def test_ordinary_punctuation_is_read_as_written() -> None:
    idea = "Track my clients!!! and their invoices... (paid or not?!) -- thanks :-)"
    assert clean_text_keep_lines(idea) == idea
    assert clean_text_keep_lines("Notes " + "=" * 40 + " end") == "Notes ======== end"
