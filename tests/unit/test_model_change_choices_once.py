"""A model's answer may repeat a choice ("The Velvet Garter Revue" eight times): each choice is
kept once, whatever its case, so the founder is never shown or given it twice. Words written
for this test."""

from __future__ import annotations

from livebuild.brief.change_ops import AddChoices, AddField, ChangeKind
from livebuild.brief.model_change_tidy import tidy


def test_a_repeated_choice_is_kept_once() -> None:
    said = ("Gold Room", "gold room", "Gold Room", "Blue Room")
    for operation in (
        AddChoices("acts", "venue", said),
        AddField("acts", "Venue", "choice", said),
        ChangeKind("acts", "venue", "choice", said),
    ):
        tidied = tidy(operation)
        assert isinstance(tidied, AddChoices | AddField | ChangeKind)
        assert tidied.choices == ("Gold Room", "Blue Room"), operation
