"""A kind named by the business's work as a whole ("chimney sweeping") beside the records of
that work it keeps ("each sweep") is no record kind of its own (issue 15, the path without a
model). Sentences of our own, on the real English pipeline; a work said as many stays."""

from __future__ import annotations

import pytest

from livebuild.english.nlp import installed_model
from tests.kinds import kind_words

if installed_model() is None:  # pragma: no cover - scripts/setup installs it
    pytest.skip(
        "spaCy's English pipeline is not installed (scripts/setup installs it)",
        allow_module_level=True,
    )


def test_the_trades_work_beside_its_records_is_not_a_kind() -> None:
    kinds = kind_words(
        "Could your app cope with boiler servicing? I need the householders, the boilers "
        "and each service with the date and what I found."
    )
    assert {"householders", "services"} <= kinds
    assert not kinds & {"boiler servicings", "servicings"}


def test_a_work_said_as_many_stays_a_kind() -> None:
    kinds = kind_words(
        "Window round: the customers, every cleaning with its date and price, and the "
        "cleans I skipped."
    )
    assert {"customers", "cleanings"} <= kinds


def test_an_ing_noun_with_its_own_details_stays_a_kind_beside_its_stem() -> None:
    # "booking" looks like the act of "book", but the founder gives it details of its own.
    kinds = kind_words(
        "Church hall app: the parishioners, the hymn books, and the booking of the hall "
        "with a date, a start time and who asked."
    )
    assert "bookings" in kinds
    kinds = kind_words(
        "Folk label: the artists, the records we press, and the recording with the date, "
        "the engineer and the hours spent."
    )
    assert "recordings" in kinds


def test_a_bare_ing_noun_beside_its_stem_stays_a_kind() -> None:
    # Said without a trade in front ("the bedding", not "flower bed bedding"): a thing kept.
    kinds = kind_words(
        "Garden shop: the plants, the raised beds, and the bedding with a price and the stock left."
    )
    assert "beddings" in kinds
