"""The trainer's other ways of letting the learned judge choose record kinds (bench/kind_modes):
with a judge so eager it keeps every noun, the hardest vetoes still refuse the founder's own
trade. Our own wording, the real spaCy pipeline and WordLlama table."""

from __future__ import annotations

import dataclasses

import pytest

from bench.kind_modes import chooser
from livebuild.brief import kind_judge
from livebuild.brief.plan import offline_plan

pytestmark = pytest.mark.spacy


def _heads(idea: str) -> set[str]:
    return {e.singular.lower().split()[-1] for e in offline_plan(idea, judged=True).entities}


def test_the_judge_choosing_every_kind_still_never_keeps_the_founders_trade() -> None:
    idea = "Mobile bike mechanic. Need customers, their bikes, jobs and the parts I fit."
    eager = dataclasses.replace(kind_judge.shipped(), threshold=0.01)
    with kind_judge.judging(eager, chooser("alone")):
        alone = _heads(idea)
    with kind_judge.judging(eager, chooser("vetoed")):
        vetoed = _heads(idea)
    assert "mechanic" in alone  # every noun, at so low a threshold
    assert "mechanic" not in vetoed
    assert {"customer", "bike", "job", "part"} <= vetoed
