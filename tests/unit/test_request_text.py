"""What a founder types is kept as they meant it: invisible control characters (a terminal's
escape codes pasted with the text, a bell, a right-to-left override that shows "evil" as
"live") are dropped before anything stores or repeats them; line breaks and tabs stay."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from livebuild.web.schemas import BuildCreate, ProjectCreate


def test_an_idea_loses_its_invisible_control_characters_and_keeps_its_lines() -> None:
    idea = "A booking app\x07 for \x1b[2J\x1b[31mdog walkers\x9b\x7f\n\twith \u202eclients\u202c"
    assert ProjectCreate(idea=idea).idea == "A booking app for [2J[31mdog walkers\n\twith clients"


def test_a_change_request_loses_them_too() -> None:
    asked = BuildCreate(change_request="add a \x1b]0;pwned\x07phone to \u202dmembers")
    assert asked.change_request == "add a ]0;pwnedphone to members"


def test_text_that_was_only_control_characters_is_empty() -> None:
    with pytest.raises(ValidationError, match="can't be empty"):
        ProjectCreate(idea="\x1b\x07\u202e \x08")


def test_ordinary_text_in_any_script_is_untouched() -> None:
    for idea in ("Une appli de réservation 🐕", "تطبيق حجز لمشّائي الكلاب", "犬の散歩の予約"):
        assert ProjectCreate(idea=idea).idea == idea
