"""Reading an idea loads spaCy's pipeline without spaCy's command line (~15 MB a process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.spacy

_READ_AN_IDEA = """
import json, sys
from livebuild.english import forms, nlp
doc = nlp.parse("Track clients and their invoices for my dog walking business.")
lemmas = [t.lemma_ for t in doc]
plural = forms.plural("walk")
loaded = sorted(m for m in ("typer", "rich", "weasel", "requests") if m in sys.modules)
import spacy.cli
from spacy.cli import download
import spacy
print(json.dumps({"lemmas": lemmas, "plural": plural, "loaded": loaded,
                  "cli": callable(download), "info": callable(spacy.info)}))
"""


def test_an_idea_is_read_without_spacys_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _READ_AN_IDEA],
        capture_output=True,
        cwd=Path(__file__).parents[2],
        text=True,
        check=True,
        timeout=120,
    )
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["lemmas"][:4] == ["track", "client", "and", "their"]
    assert seen["plural"] == "walks"
    # None of the command line's libraries came with the pipeline...
    assert seen["loaded"] == []
    # ...and spaCy's command line still imports whole when something asks for it.
    assert seen["cli"] and seen["info"]
