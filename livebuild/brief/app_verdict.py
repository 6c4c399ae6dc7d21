"""The English layer's verdict on what kind of app an idea is, for the model path.

One function (`english_verdict`) reads it: the rules and the learned judge of plain answers
(`record_app`, `plain_judge`), the reading the offline plan takes, with how sure they are that
the idea keeps records. The model path puts it beside the model's own verdict
(`plan.decided_plan`): either reader saying the idea is a timer, game or page makes a plain
answer, unless the other is sure it keeps records. Work on the plain judge drops in here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from livebuild.brief import plain_judge
from livebuild.brief.derive import _chosen, app_domain, derive_brief
from livebuild.brief.model import Brief
from livebuild.brief.record_app import evidence
from livebuild.english.app_kind import RECORDS, keeps_many
from livebuild.english.idea import read_once

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnglishVerdict:
    """`kind`: "records" or the kind of app the idea is (a timer, a game...); `keeps`: the
    words say it keeps many of something ("track my runs"); `score`: the learned judge's
    score that it is no record-keeping app, 0 to 1; `bar`: the judge's own bar under which it
    is sure of records (0 and 1 when the judge can't be loaded: the rules' reading is sure)."""

    kind: str
    keeps: bool
    score: float
    bar: float

    @property
    def sure_records(self) -> bool:
        """Whether the English layer is sure the idea keeps records: it reads records, and
        the judge is sure of it. The words alone are not enough: "a calculator that *tracks
        bags*" and "a chat for *the class's parents*" are said like record apps and are none
        (spent rounds 3 to 19, `bench.model_verdicts`)."""
        return self.kind == RECORDS and self.score < self.bar


def english_verdict(
    idea: str, name: str | None = None, rules: Brief | None = None
) -> EnglishVerdict:
    """What the English layer reads `idea` as; `rules`, the rules' plan when already made."""
    read = read_once(idea)
    kind = (rules or derive_brief(idea, name, reading=read)).app_kind
    things = _chosen(read, None)[1]  # as the rules' reading of the app's kind takes them
    said = evidence(read.english, things, app_domain(read, things))
    keeps = keeps_many(read.english)
    try:
        judge = plain_judge.shipped()
        score = judge.score(plain_judge.features(read.english, said))
    except plain_judge.PlainJudgeError as err:
        # A broken install: the rules' reading stands, so the model alone never refuses an
        # idea they read as records (as `record_app` does without the judge).
        log.warning("The learned judge of plain answers is off: %s", err)
        return EnglishVerdict(kind, keeps, 0.0, 1.0)
    return EnglishVerdict(kind, keeps, score, judge.records)
