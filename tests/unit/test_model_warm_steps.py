"""The model server reads a kept instruction in steps, each ending at a space (no word split,
so each step's tokens begin the next's), so a founder waits for one step at most."""

from __future__ import annotations

from livebuild.providers.local.server import WARM_STEP, warm_steps


def test_steps_end_at_spaces_and_cover_the_whole_instruction() -> None:
    instruction = " ".join(f"word{n}" for n in range(600))
    cuts = warm_steps(instruction)
    assert cuts[-1] == len(instruction)
    assert cuts == sorted(set(cuts))
    assert all(instruction[cut] == " " for cut in cuts[:-1])
    assert all(b - a <= WARM_STEP for a, b in zip([0, *cuts], cuts, strict=False))
    assert len(cuts) >= len(instruction) // WARM_STEP


def test_a_short_instruction_is_one_step_and_a_spaceless_one_is_cut_anyway() -> None:
    assert warm_steps("read the idea") == [13]
    assert warm_steps("x" * (WARM_STEP * 2 + 1)) == [WARM_STEP, WARM_STEP * 2, WARM_STEP * 2 + 1]
