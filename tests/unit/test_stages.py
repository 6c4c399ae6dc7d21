import itertools

import pytest

from livebuild.core.stages import (
    NON_TERMINAL,
    STAGE_INFO,
    TERMINAL,
    TRANSITIONS,
    WORK_STAGES,
    Stage,
    can_transition,
)


def test_happy_path_follows_the_pipeline() -> None:
    path = [Stage.QUEUED, *WORK_STAGES, Stage.READY]
    for current, target in itertools.pairwise(path):
        assert can_transition(current, target)


@pytest.mark.parametrize("stage", sorted(NON_TERMINAL))
def test_every_running_stage_can_fail(stage: Stage) -> None:
    assert can_transition(stage, Stage.FAILED)


def test_checks_may_send_the_build_back_to_scaffold_only() -> None:
    assert can_transition(Stage.CHECKS, Stage.SCAFFOLD)
    assert not can_transition(Stage.CODE, Stage.SCAFFOLD)
    assert not can_transition(Stage.DEPS, Stage.STARTING)


@pytest.mark.parametrize("stage", sorted(TERMINAL))
def test_terminal_stages_go_nowhere(stage: Stage) -> None:
    assert TRANSITIONS[stage] == frozenset()


def test_skipping_stages_is_refused() -> None:
    assert not can_transition(Stage.QUEUED, Stage.CODE)
    assert not can_transition(Stage.SCAFFOLD, Stage.READY)


def test_every_stage_has_a_human_label_and_role() -> None:
    for stage in Stage:
        info = STAGE_INFO[stage]
        assert info.label and info.label.lower() != stage.value
        assert info.agent_role
