"""With the real local model installed, a trade's idea becomes a plan with the records the
trade implies (the work it sells, the people it serves), and every kind the model says is
implied stands only with words of the idea behind it. Skipped, saying why, without the model.

Slow (tens of seconds an idea on two shared cores): the model is loaded once for both ideas.
The ideas are our own wording, not a held-out round's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.plan import make_plan
from tests.local_model import local_planner, needs_local_model

SERVED_OR_WORK = frozenset({"client", "customer", "appointment", "visit", "job", "booking"})
# (Not a piano tuner: the rules read "piano" ideas as a sound tool, a decision of its own.)
# Each idea, and the groups of names of which its plan must hold one each.
IDEAS = (
    (
        "Chimney sweep here. I need to keep my customers and when each one is due again.",
        (("sweep", "job", "visit", "appointment", "booking"), ("customer", "client")),
    ),
    (
        "Dog walker here. I walk about 20 dogs a week and need to keep each dog and its owner.",
        (("walk", "job", "visit", "appointment", "booking"), ("dog",), ("owner", "client")),
    ),
)


@needs_local_model
@pytest.mark.timeout(1800)
async def test_the_local_model_plans_hold_what_a_trade_implies(tmp_path: Path) -> None:
    missing: list[str] = []
    async with local_planner(tmp_path) as provider:
        for idea, groups in IDEAS:
            brief = await make_plan(idea, None, provider, timeout_s=15.0)
            assert brief.reader == "local", idea
            names = [e.singular.lower() for e in brief.entities]
            missing += [
                f"{idea[:30]}: none of {group} in {names}"
                for group in groups
                if not any(word in name for word in group for name in names)
            ]
            # Nothing the idea gives no words for: each kind's word (or its stem: "tun" of
            # "tuner") is said, or it is who a trade serves or one piece of its work.
            said = idea.lower()
            for name in names:
                head = name.split()[-1]
                assert head[:3] in said or head in SERVED_OR_WORK, (idea, names)
            # The problem the plan says it solves names no kind of the rules' it left out.
            gone = {e.plural.lower() for e in derive_brief(idea).entities} - {
                e.plural.lower() for e in brief.entities
            }
            assert not [g for g in gone if g in brief.problem.lower()], (brief.problem, gone)
    assert missing == [], missing
