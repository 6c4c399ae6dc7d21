"""What the founder is told about a change: while it is made, and when it can't be."""

from __future__ import annotations

from livebuild.core.stages import Stage
from livebuild.core.urls import version_label
from livebuild.engine.run_state import BuildRun
from livebuild.english.grammar import in_progress
from livebuild.english.words import ended
from livebuild.safety.guardrails import founder_safe


def iteration_narration(run: BuildRun, stage: Stage) -> str | None:
    """What a new version's founder hears: the change itself, not a fresh build's story."""
    if not run.iterating or run.base_version is None:
        return None
    base = version_label(run.base_version)
    if run.restoring and run.version == 1:
        # A new project's first version, copied from another project's version.
        if stage is Stage.STARTING:
            return f"Copying {base} of {run.brief.product_name}, with its files and records."
        if stage is Stage.CHECKS:
            return "Checking that the copy works as the original did."
        return None
    if run.restoring:
        if stage is Stage.STARTING:
            return f"Bringing back {base} of {run.brief.product_name} exactly as it was."
        if stage is Stage.CHECKS:
            return f"Checking that {base} still works as it did."
        return None
    name = run.brief.product_name
    if stage is Stage.STARTING:
        return f"Starting from {base} of {name} to make your change."
    if stage is Stage.SCAFFOLD:
        return f"Setting up {name}'s pages and look from {base}, with your change."
    if stage is Stage.DEPS:
        return f"Bringing {name}'s dashboard and search up to date with your change."
    if stage is Stage.CODE:
        # Said while it is being made: "adding …", not yet "Added …".
        doing = "; ".join(in_progress(line).rstrip(". ") for line in run.change_made)
        return f"Making your change: {doing}." if doing else "Making your change."
    if stage is Stage.CHECKS:
        return "Checking that everything still works after your change."
    return None


def not_made(run: BuildRun, reasons: list[str]) -> str:
    """The founder's answer to a change that could not be made: plainly, nothing changed."""
    said = " ".join(sentence(founder_safe(reason)) for reason in reasons if reason.strip())
    if said:
        return kept(run, f"We couldn't make this change: {said}")
    return kept(
        run,
        f"We couldn't make this change: the edits to {run.brief.product_name} didn't fit its "
        "current files, even after trying again.",
        "Try asking for it in smaller steps or in other words.",
    )


def kept(run: BuildRun, message: str, advice: str = "") -> str:
    """A failed change leaves the app as it was; the founder is told so, not left to guess."""
    if not run.iterating or run.base_version is None:
        return message
    base = version_label(run.base_version)
    kept = f"{run.brief.product_name} is unchanged; {base} is still there."
    return " ".join(part for part in (message, kept, advice) if part)


def sentence(text: str) -> str:
    return ended(text)
