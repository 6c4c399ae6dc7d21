"""Only plain slips of common words are corrected: a founder's own terms, clippings, words in
capitals and words they write the same way twice stay as written (the real dictionary)."""

from __future__ import annotations

import pytest

from livebuild.english.cleaned import cleaned
from livebuild.english.spelling import correction


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("enginer", "engineer"),  # a letter left out, before "engine"
        ("adress", "address"),
        ("custmers", "customers"),
        ("chimny", "chimney"),
    ],
)
def test_a_slip_in_a_common_word_is_corrected(typed: str, meant: str) -> None:
    assert correction(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["kegging", "esports", "ipads", "meds", "freq", "haylage", "langar", "chiro"],
)
def test_a_term_or_a_clipping_is_not_respelt(typed: str) -> None:
    assert correction(typed) == typed


def test_words_in_capitals_and_words_said_twice_stay_as_written() -> None:
    fixed, fixes = cleaned(
        "Ski hire: log DIN settings per customer. We serve langar daily; langar needs rotas."
    )
    assert "DIN settings" in fixed and fixed.count("langar") == 2
    assert fixes == ()


@pytest.mark.parametrize("typed", ["cafes", "creche", "cliche", "entree"])
def test_an_accented_word_typed_without_its_accent_is_not_respelt(typed: str) -> None:
    # "Track the cafes we supply" planned "Cares": "cafe" is "café" as founders type it
    assert correction(typed) == typed
