"""Whether the English layer reads ideas on this machine, and what a founder is told when not.

Without it (not installed, or failing to load) the rules still plan from the idea's words,
less well; the plan says so (`Brief.english`), and the founder is told in plain words."""

from __future__ import annotations

import logging

from livebuild.english import nlp

log = logging.getLogger(__name__)

# Said beside "Read by ..." on the plan page and in the terminal: no path, no tool's name.
MISSING = (
    "This plan was read without the English layer, which is missing on this machine, so it may "
    "miss some of what your idea says. Whoever runs livebuild can add it by running its setup "
    "again."
)
# Said in the terminal, to whoever runs livebuild, after MISSING.
HOW_TO_ADD = "To add it, run scripts/setup from livebuild's folder."


def english_reads() -> bool:
    """Whether the English layer loads (at once once it has: it is loaded once a process)."""
    try:
        nlp.pipeline()
    except nlp.EnglishUnavailable:
        return False
    return True


def warm_english() -> None:
    """Load the English layer now, or say in the log (for whoever runs livebuild) why not."""
    try:
        nlp.warm()
    except nlp.EnglishUnavailable as error:
        log.error("Plans will be read without the English layer: %s", error)
