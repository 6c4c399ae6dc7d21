"""The learned judge of record kinds: without a model, which of an idea's nouns become its
records. It keeps what a founder plainly keeps, drops what only says who the founder is or
where, is the same every time, and a broken weights file leaves the rules' plan rather than
an error. The ideas are our own wording, not a held-out round's; the real spaCy pipeline and
the real WordLlama table."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from livebuild.brief import kind_judge
from livebuild.brief.kind_judge import Judge, JudgeError
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.plan import offline_plan

pytestmark = pytest.mark.spacy


def _kinds(idea: str, judged: bool = True) -> list[str]:
    return [e.singular.lower() for e in offline_plan(idea, judged=judged).entities]


def _shipped_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(kind_judge.WEIGHTS.read_text(encoding="utf-8"))
    return data


def test_the_shipped_weights_say_where_they_came_from_and_load() -> None:
    data = _shipped_json()
    assert "bench.train_kinds" in data["about"]["made_by"]
    judge = kind_judge.shipped()
    assert 0 < judge.threshold < 1
    assert judge.weights.shape == judge.mean.shape == judge.scale.shape


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"format": 99}, "format"),
        ({"weights": [1.0, 2.0]}, "same length"),
        ({"threshold": 1.5}, "threshold"),
        ({"scale": None}, "positive"),
        ({"bias": math.nan}, "finite"),
    ],
)
def test_a_damaged_weights_file_is_refused_on_load(change: dict[str, Any], complaint: str) -> None:
    data = _shipped_json()
    if change.get("scale", 1) is None:
        change = {"scale": [0.0] * len(data["scale"])}
    data.update(change)
    with pytest.raises(JudgeError, match=complaint):
        Judge.from_json(data)


def test_a_potters_studio_keeps_its_pots_firings_and_buyers() -> None:
    kinds = _kinds(
        "I make pottery in my garden studio. I want to keep my glazes, the pots I make and "
        "each kiln firing, plus the buyers who order commissions."
    )
    assert {"glaze", "pot", "buyer"} <= {k.split()[-1] for k in kinds}
    assert any("firing" in k for k in kinds)
    assert not {"studio", "garden", "pottery"} & {k.split()[-1] for k in kinds}
    assert len(kinds) <= MAX_ENTITIES


def test_a_list_after_need_is_kept_and_the_trade_is_not() -> None:
    kinds = _kinds("Mobile bike mechanic. Need customers, their bikes, jobs and the parts I fit.")
    last = {k.split()[-1] for k in kinds}
    assert {"customer", "bike", "job", "part"} <= last
    assert "mechanic" not in last


def test_the_same_idea_gets_the_same_kinds_every_time() -> None:
    idea = "A log for my allotment: the beds, what I sow in each, and every harvest by weight."
    assert _kinds(idea) == _kinds(idea)


def test_the_judge_keeps_a_listed_kind_the_rules_missed_and_off_it_does_not() -> None:
    idea = "Farm shop: suppliers, what we stock, the veg boxes people order weekly and deliveries."
    assert {"supplier", "veg box", "delivery"} <= set(_kinds(idea))
    assert "delivery" not in _kinds(idea, judged=False)  # the hand rules alone


def test_weights_that_dont_fit_the_features_leave_the_rules_plan() -> None:
    idea = "Swimming club: swimmers, their galas and each swim's time."
    shipped = kind_judge.shipped()
    broken = Judge(shipped.mean[:3], shipped.scale[:3], shipped.weights[:3], 0.0, 0.5, 0.5)
    with kind_judge.judging(broken):
        kinds = _kinds(idea)
    assert kinds == _kinds(idea, judged=False)
