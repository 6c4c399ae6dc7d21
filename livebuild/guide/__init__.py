"""End-user documentation: written by a model during the build, exported at the end."""

from __future__ import annotations

from livebuild.guide.sections import SECTIONS, TITLES
from livebuild.guide.writer import DocsResult, write_changelog, write_docs

__all__ = ["SECTIONS", "TITLES", "DocsResult", "write_changelog", "write_docs"]
