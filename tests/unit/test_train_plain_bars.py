"""The plain judge's `overrule` bar is chosen over the record ideas it can overrule: those that
count what they name, say what the app does and that nothing else settles (no business, domain,
record product, "keep track", kind's name). A record idea its words already settle ("our darts
league: each match, and it shows the table") is never answered plainly whatever its score, so
it must not hold the bar at 1.0 (never) for a card trick that counts "21 cards" (session 26)."""

from __future__ import annotations

import numpy as np

from bench import train_plain
from livebuild.brief import plain_judge


def _said(things: int = 2, **said: bool) -> plain_judge.Evidence:
    base = {"keeps": False, "worded": False, "record_product": False, "domain": False}
    base |= {"signed": False, "counted": True, "business": False, "does": True}
    return plain_judge.Evidence(many=2, named=2, things=things, **{**base, **said})


def _idea(plain: bool, said: plain_judge.Evidence) -> train_plain.Idea:
    return train_plain.Idea("an idea", plain, "g", np.zeros(1), False, said, None, False, None)


def test_a_record_idea_its_words_settle_does_not_hold_the_overrule_bar() -> None:
    data = [
        _idea(False, _said(keeps=True)),  # "log each match ... and it shows the table"
        _idea(False, _said(business=True)),  # "an app for my shop ... it emails a reminder"
        _idea(False, _said()),  # counts, says what it does, nothing else: the bar's own
        _idea(False, _said(counted=False, does=False)),  # asked alone, sets `plain`
        _idea(True, _said()),
    ]
    scores = np.array([0.999, 0.998, 0.90, 0.70, 0.97])
    plain, _, _, overrule = train_plain.thresholds(data, scores)
    assert plain == 0.72
    assert overrule == 0.92  # over the one record idea it could answer plainly, not 1.0


def test_only_ideas_the_judge_may_overrule_are_overrulable() -> None:
    assert plain_judge.overrulable(_said())
    for settled in ({"keeps": True}, {"domain": True}, {"record_product": True}):
        assert not plain_judge.overrulable(_said(**settled))
    assert not plain_judge.overrulable(_said(worded=True))
    assert not plain_judge.overrulable(_said(does=False))
    assert not plain_judge.overrulable(_said(counted=False))
