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
