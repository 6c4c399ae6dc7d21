"""The kind judge's bars as the trainer's inner folds measure them (bench/train_kinds): the
rules' own kinds kept from `kept` up, others added from `threshold` up past the gate's vetoes,
and from `sure` up past all but the hardest. Labelled candidates made by hand, no parse."""

from __future__ import annotations

import numpy as np

from bench.train_kinds import Labelled, _chosen_at, _measure
from bench.understanding_plans import IdeaCase


def _idea() -> Labelled:
    # 0: a kind the rules chose; 1: junk the rules chose; 2: a kind the rules' softer vetoes
    # refuse ("not a candidate phrase"); 3: junk a hard veto refuses (a time).
    case = IdeaCase("ours", "...", True, expect=[["jobs"], ["sites"]])
    return Labelled(
        case,
        np.zeros((4, 1)),
        np.array([1, 0, 1, 0], dtype=np.int8),
        groups=[{0}, set(), {1}, set()],
        reasons=["", "", "", "junk head"],
        ruled=[True, True, False, False],
        heads=["job", "wedding", "site", "night"],
        soft=[False, False, True, True],
        hard=[False, False, False, True],
    )


def test_a_higher_kept_bar_drops_the_rules_junk_and_sure_lifts_a_soft_veto() -> None:
    d, scores = _idea(), np.array([0.9, 0.4, 0.95, 0.99])
    assert _chosen_at(d, scores, "gate", (0.5, 0.25, 1.0)) == (0, 1)
    assert _measure(d, (0, 1)) == (0, 0, 1, 2)  # sites missed, a wedding made
    chosen = _chosen_at(d, scores, "gate", (0.5, 0.5, 0.9))
    assert chosen == (0, 2)  # the night stays out: a hard veto
    assert _measure(d, chosen) == (1, 1, 2, 2)  # whole: covered, no junk
