"""A model's answer may repeat a choice ("The Velvet Garter Revue" eight times): each choice is
kept once, whatever its case, so the founder is never shown or given it twice. Words written
for this test."""

from __future__ import annotations

from livebuild.brief.change_ops import AddChoices, AddField, ChangeKind
from livebuild.brief.model_change_tidy import tidy


def test_a_repeated_choice_is_kept_once() -> None:
    said = ("Gold Room", "gold room", "Gold Room", "Blue Room")
    assert tidy(AddChoices("acts", "venue", said)).choices == ("Gold Room", "Blue Room")
    assert tidy(AddField("acts", "Venue", "choice", said)).choices == ("Gold Room", "Blue Room")
    changed = tidy(ChangeKind("acts", "venue", "choice", said))
    assert changed.choices == ("Gold Room", "Blue Room")  # type: ignore[attr-defined]
