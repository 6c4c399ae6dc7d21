"""An idea or a change request made of long runs of punctuation, or of one long word with no
space, is read in bounded CPU time, like any other hostile text: spaCy's tokenizer is
quadratic over one long token of marks."""

from __future__ import annotations

import time

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.change_parts import split_parts
from livebuild.brief.changes import apply_change
from livebuild.english.words import LONGEST_RUN, clean_text_keep_lines

RUNS = {
    "brackets": "(" * 5000 + "customers" + ")" * 5000,
    "alternating": "([" * 2500 + "customers" + "])" * 2500,
    # "_" is a word character to a regular expression, not to the tokenizer
    "underscore dots": "_." * 2000 + " customers",
    "underscore brackets": "_(" * 2000 + " customers",
    "underscores": "_" * 5000 + " customers",
    # one token with no spaces, marks between letters: no word is this long
    "dashed letters": "-a" * 2000 + " customers",
    "dotted letters": "ab." * 1300 + " customers",
}


@pytest.mark.parametrize("idea", RUNS.values(), ids=RUNS.keys())
def test_an_idea_of_long_punctuation_runs_reads_quickly(idea: str) -> None:
    derive_brief("Track my clients and their invoices")  # the words' tables, loaded once
    start = time.process_time()
    derive_brief(idea)
    # Any ordinary idea reads in well under this; the runs took ~2 CPU-s each.
    assert time.process_time() - start < 0.5


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_a_change_request_of_long_runs_reads_quickly(run: str) -> None:
    brief = derive_brief("Track my clients and their invoices")
    apply_change(brief, "add a phone number to clients")
    start = time.process_time()
    apply_change(brief, f"{run} add a phone number to clients")
    assert time.process_time() - start < 0.5


def test_no_part_of_a_change_request_is_longer_than_a_word() -> None:
    parts = split_parts("add " + "-a" * 200 + " and " + "_." * 200 + " to clients")
    assert parts, parts
    assert max(len(word) for part in parts for word in part.split()) <= LONGEST_RUN


def test_ordinary_punctuation_is_read_as_written() -> None:
    idea = "Track my clients!!! and their invoices... (paid or not?!) -- thanks :-)"
    assert clean_text_keep_lines(idea) == idea
    assert clean_text_keep_lines("Notes " + "=" * 40 + " end") == "Notes ======== end"
    assert clean_text_keep_lines("Notes " + "_." * 40 + " end") == "Notes _._._._. end"
    address = "https://docs.example.com/sheets/d/1BxiMVs0XRA5nFMd/edit#gid=0"
    assert clean_text_keep_lines(f"My list is at {address} now") == f"My list is at {address} now"
    assert clean_text_keep_lines("Pets " + "-a" * 100 + " end") == "Pets " + "-a" * 32 + " end"
