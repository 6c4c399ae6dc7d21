"""The bench's account of where a plan lost a kind or made a junk one (bench/kind_causes), on
ideas of our own, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from bench.kind_causes import trace
from bench.understanding_plans import IdeaCase

pytestmark = pytest.mark.spacy


def test_a_kind_never_said_is_put_down_to_no_candidate_and_an_extra_kind_to_its_maker() -> None:
    case = IdeaCase(
        "ours",
        "Dog groomer: my customers, their dogs and each groom",
        True,
        expect=[["dogs"], ["invoices", "payments"]],
    )
    causes = {(c.what, c.name): c.stage for c in trace(case)}
    assert causes[("missed", "invoices")] == "never a candidate: not said in those words"
    # Customers are not expected here: junk for this case, made by the rules' own choice.
    assert causes[("junk", "Customers")].startswith("rules kept it")
    assert ("missed", "dogs") not in causes
