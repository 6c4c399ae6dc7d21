"""The build stages: one table for order, transitions, labels, roles and estimates."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Stage(enum.StrEnum):
    QUEUED = "queued"
    STARTING = "starting"
    SCAFFOLD = "scaffold"
    CODE = "code"
    DEPS = "deps"
    CHECKS = "checks"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class StageInfo:
    label: str
    agent_role: str
    default_estimate_s: float


STAGE_INFO: dict[Stage, StageInfo] = {
    Stage.QUEUED: StageInfo("Waiting for a free builder", "Coordinator", 1.0),
    Stage.STARTING: StageInfo("Getting the workspace ready", "Coordinator", 1.0),
    Stage.SCAFFOLD: StageInfo("Laying out the foundations", "Architect", 2.0),
    Stage.CODE: StageInfo("Building the main features", "Coder", 3.0),
    Stage.DEPS: StageInfo("Adding the finishing pieces", "Integrator", 2.0),
    Stage.CHECKS: StageInfo("Testing everything works", "Reviewer", 2.0),
    Stage.READY: StageInfo("Your app is ready", "Coordinator", 0.0),
    Stage.FAILED: StageInfo("The build stopped", "Coordinator", 0.0),
}

TERMINAL: frozenset[Stage] = frozenset({Stage.READY, Stage.FAILED})
NON_TERMINAL: frozenset[Stage] = frozenset(Stage) - TERMINAL

# The stages that do work and are announced with started/completed events.
WORK_STAGES: tuple[Stage, ...] = (
    Stage.STARTING,
    Stage.SCAFFOLD,
    Stage.CODE,
    Stage.DEPS,
    Stage.CHECKS,
)

# Stages after which the app can be shown, so a screenshot is taken.
SHOWN_STAGES: frozenset[Stage] = frozenset({Stage.SCAFFOLD, Stage.CODE, Stage.DEPS, Stage.CHECKS})

_FORWARD: dict[Stage, frozenset[Stage]] = {
    Stage.QUEUED: frozenset({Stage.STARTING}),
    Stage.STARTING: frozenset({Stage.SCAFFOLD}),
    Stage.SCAFFOLD: frozenset({Stage.CODE}),
    Stage.CODE: frozenset({Stage.DEPS}),
    Stage.DEPS: frozenset({Stage.CHECKS}),
    # checks may send the build back to scaffold for a bounded retry
    Stage.CHECKS: frozenset({Stage.READY, Stage.SCAFFOLD}),
    Stage.READY: frozenset(),
    Stage.FAILED: frozenset(),
}

TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    stage: targets | ({Stage.FAILED} if stage in NON_TERMINAL else frozenset())
    for stage, targets in _FORWARD.items()
}


def can_transition(current: Stage, target: Stage) -> bool:
    return target in TRANSITIONS[current]


def label(stage: Stage) -> str:
    return STAGE_INFO[stage].label


def agent_role(stage: Stage) -> str:
    return STAGE_INFO[stage].agent_role
