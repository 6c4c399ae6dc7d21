"""The learned judge of record kinds: without a model, which of an idea's nouns become its
records. It keeps what a founder plainly keeps, drops what only says who the founder is or
where, is the same every time, and a broken weights file leaves the rules' plan rather than
an error. The ideas are our own wording, not a held-out round's; the real spaCy pipeline and
the real WordLlama table."""

from __future__ import annotations

import json
import logging
import math
from typing import Any

import pytest

from livebuild.brief import kind_judge
from livebuild.brief.derive import _chosen
from livebuild.brief.kind_judge import Judge, JudgeError
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.plan import offline_plan
from livebuild.english.idea import read_once

pytestmark = pytest.mark.spacy


def _kinds(idea: str, judged: bool = True) -> list[str]:
    return [e.singular.lower() for e in offline_plan(idea, judged=judged).entities]


def _logged(caplog: pytest.LogCaptureFixture, idea: str) -> str:
    """What planning `idea` with the shipped judge logs."""
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        _kinds(idea)
    return caplog.text


def _shipped_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(kind_judge.WEIGHTS.read_text(encoding="utf-8"))
    return data


def test_the_shipped_weights_say_where_they_came_from_and_load() -> None:
    data = _shipped_json()
    assert "bench.train_kinds" in data["about"]["made_by"]
    judge = kind_judge.shipped()
    assert 0 < judge.threshold < 1
    assert judge.weights.shape == judge.mean.shape == judge.scale.shape


def test_a_retrain_by_the_recorded_command_keeps_the_shipped_bars() -> None:
    from bench import train_kinds

    judge = kind_judge.shipped()
    recorded = _shipped_json()["about"]["made_by"].split()
    assert recorded[:4] == ["python", "-m", "bench.train_kinds", "train"]
    args = train_kinds.arguments().parse_args(recorded[3:])
    assert (args.threshold, args.kept, args.sure) == (judge.threshold, judge.kept, judge.sure)
    bare = train_kinds.arguments().parse_args(["train"])  # the defaults keep them too
    assert (bare.threshold, bare.kept, bare.sure) == (judge.threshold, judge.kept, judge.sure)
    said = train_kinds.made_by(judge.threshold, judge.kept, "gate", judge.sure)
    assert f"--sure {judge.sure}" in said and f"--threshold {judge.threshold}" in said
    # the rounds it was trained on are said too, all of them spent
    assert "--train-rounds" in recorded
    assert set(args.train_rounds) <= set(train_kinds.SPENT)


def test_the_training_rounds_are_a_setting_and_never_the_development_round() -> None:
    from bench import train_kinds

    assert train_kinds.round_list("3-17,20,22-24") == (*range(3, 18), 20, 22, 23, 24)
    assert train_kinds.round_spec((*range(3, 18), 20, 22, 23, 24)) == "3-17,20,22-24"
    said = train_kinds.made_by(0.6, 0.25, "gate", 0.85, tuple(range(3, 18)))
    assert said.endswith("--train-rounds 3-17")
    assert 25 not in train_kinds.SPENT  # the development round is never trained on
    with pytest.raises(SystemExit):
        train_kinds.arguments().parse_args(["train", "--train-rounds", "3-x"])


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"format": 99}, "format"),
        ({"weights": [1.0, 2.0]}, "same length"),
        ({"threshold": 1.5}, "threshold"),
        ({"scale": None}, "positive"),
        ({"bias": math.nan}, "finite"),
        ({"mode": "vetoed"}, "mode"),  # a way the bench measures, not what ships
    ],
)
def test_a_damaged_weights_file_is_refused_on_load(change: dict[str, Any], complaint: str) -> None:
    data = _shipped_json()
    if change.get("scale", 1) is None:
        change = {"scale": [0.0] * len(data["scale"])}
    data.update(change)
    with pytest.raises(JudgeError, match=complaint):
        Judge.from_json(data)


def _scores(idea: str) -> dict[str, float]:
    """The shipped judge's own confidence in each candidate noun of `idea` (the rules' plan
    is the same with the judge off, so these say what the judge itself knows)."""
    read = read_once(idea)
    _, things = _chosen(read, None)
    return {c.head: s for c, s in kind_judge.scored(read.english, things)}


def test_a_potters_studio_keeps_its_pots_firings_and_buyers() -> None:
    idea = (
        "I make pottery in my garden studio. I want to keep my glazes, the pots I make and "
        "each kiln firing, plus the buyers who order commissions."
    )
    kinds = _kinds(idea)
    assert {"glaze", "pot", "buyer"} <= {k.split()[-1] for k in kinds}
    assert any("firing" in k for k in kinds)
    assert not {"studio", "garden", "pottery"} & {k.split()[-1] for k in kinds}
    assert len(kinds) <= MAX_ENTITIES
    scores, judge = _scores(idea), kind_judge.shipped()
    assert min(scores[k] for k in ("glaze", "pot", "firing", "buyer")) >= judge.threshold
    assert max(scores[k] for k in ("studio", "pottery")) < judge.kept


def test_a_list_after_need_is_kept_and_the_trade_is_not() -> None:
    idea = "Mobile bike mechanic. Need customers, their bikes, jobs and the parts I fit."
    last = {k.split()[-1] for k in _kinds(idea)}
    assert {"customer", "bike", "job", "part"} <= last
    assert "mechanic" not in last
    scores = _scores(idea)
    assert min(scores[k] for k in ("customer", "bike", "job", "part")) > scores["mechanic"]
    assert scores["mechanic"] < kind_judge.shipped().threshold


def test_the_same_idea_gets_the_same_kinds_every_time() -> None:
    idea = "A log for my allotment: the beds, what I sow in each, and every harvest by weight."
    assert _kinds(idea) == _kinds(idea)


def test_the_judge_keeps_a_listed_kind_the_rules_missed_and_off_it_does_not() -> None:
    idea = "Farm shop: suppliers, what we stock, the veg boxes people order weekly and deliveries."
    assert {"supplier", "veg box", "delivery"} <= set(_kinds(idea))
    assert "delivery" not in _kinds(idea, judged=False)  # the hand rules alone


def test_weights_that_dont_fit_the_features_leave_the_rules_plan(
    caplog: pytest.LogCaptureFixture,
) -> None:
    idea = "Swimming club: swimmers, their galas and each swim's time."
    shipped = kind_judge.shipped()
    broken = Judge(shipped.mean[:3], shipped.scale[:3], shipped.weights[:3], 0.0, 0.5, 0.5)
    with kind_judge.judging(broken), caplog.at_level(logging.WARNING):
        kinds = _kinds(idea)
    assert kinds == _kinds(idea, judged=False)
    assert "judge of record kinds is off" in caplog.text  # the rules' plan, and it says why
    assert "judge of record kinds is off" not in _logged(caplog, idea)
