"""A kind the judge is sure of is not lost to how it is said: a noun the founder asks to keep
once, in the singular ("the rota"), is still a record when the learned judge scores it at its
`sure` bar or more; only the hardest vetoes (a time, a name, a detail, an aside in brackets,
the app's users) refuse it then. The ideas are our own wording; the real spaCy pipeline and the
real WordLlama table."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from livebuild.brief import kind_judge
from livebuild.brief.kind_judge import Judge, JudgeError
from livebuild.brief.plan import offline_plan

pytestmark = pytest.mark.spacy

ROTA = (
    "Community garden: volunteers sign up for a weekly rota of watering. "
    "Keep volunteers, beds and the rota."
)


def _kinds(idea: str) -> list[str]:
    return [e.plural for e in offline_plan(idea, judged=True).entities]


def test_a_kind_asked_for_once_is_kept_when_the_judge_is_sure_of_it() -> None:
    assert _kinds(ROTA) == ["Volunteers", "Beds", "Rotas"]


def test_without_the_sure_bar_the_softer_vetoes_drop_it() -> None:
    off = dataclasses.replace(kind_judge.shipped(), sure=1.0)
    with kind_judge.judging(off):
        assert "Rotas" not in _kinds(ROTA)


def test_a_time_is_never_a_record_however_sure_the_judge_is() -> None:
    keen = dataclasses.replace(kind_judge.shipped(), sure=kind_judge.shipped().threshold)
    with kind_judge.judging(keen):
        kinds = _kinds("We keep bees. Keep hives and each inspection, and the day of each one.")
    assert "Inspections" in kinds
    assert "Days" not in kinds


def _shipped_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(kind_judge.WEIGHTS.read_text(encoding="utf-8"))
    return data


def test_a_weights_file_from_before_the_sure_bar_loads_with_it_off() -> None:
    data = _shipped_json()
    del data["sure"]
    assert Judge.from_json(data).sure == 1.0


def test_a_sure_bar_under_the_threshold_is_refused() -> None:
    data = _shipped_json()
    data["sure"] = data["threshold"] / 2
    with pytest.raises(JudgeError):
        Judge.from_json(data)
