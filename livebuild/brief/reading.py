"""The old home of the shape reader, kept so existing imports work: it lives in `english.shapes`
now (only the English layer reads English). Import from there in new code."""

from __future__ import annotations

from livebuild.english.shapes import FUNCTION, GENERIC, Thing, chosen_things
from livebuild.english.shapes import Shapes as Reading
from livebuild.english.shapes import read_shapes as read_idea

__all__ = ["FUNCTION", "GENERIC", "Reading", "Thing", "chosen_things", "read_idea"]
