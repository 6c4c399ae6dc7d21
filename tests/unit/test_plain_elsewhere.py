"""A plain answer says what livebuild can build instead and how the founder gets the app they
asked for: a timer from their phone's clock, a sum from a spreadsheet, a live feed from whoever
measures it. Said for every kind, in plain words (no product or framework named, no model
offered: no model setting makes livebuild build a timer)."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.english.app_kind import AppKindsError, answer, app_kinds, parse_app_kinds


@pytest.mark.parametrize("kind", app_kinds().kinds, ids=lambda k: k.name)
def test_every_kind_says_how_to_get_it_after_what_can_be_built(kind: object) -> None:
    said = answer(kind)  # type: ignore[arg-type]
    closest, _, rest = said.partition("try again.")
    assert "The closest it can build is" in closest
    assert rest.startswith(f" For {kind.label} itself, ")  # type: ignore[attr-defined]
    assert rest.endswith(".") and ".." not in rest and "  " not in rest
    assert "model" not in rest.lower() and "livebuild" not in rest


@pytest.mark.parametrize(
    ("idea", "told"),
    [
        ("a round timer for my boxing gym, 3 min rounds and 1 min rest", "your phone's clock"),
        (
            "a calculator for how much gravel my drive needs from its length, width and depth",
            "a spreadsheet",
        ),
        ("switch the pond pump on and off from my phone", "smart plugs"),
    ],
)
def test_a_founder_is_told_where_to_get_what_they_asked_for(idea: str, told: str) -> None:
    kind = next(k for k in app_kinds().kinds if k.name == derive_brief(idea).app_kind)
    assert told in answer(kind)


def test_where_to_get_it_is_checked_as_text_when_read() -> None:
    base = {"records": "an app", "record_products": "log", "keeps": "track"}
    kind = {"name": "t", "nouns": "timer", "label": "a timer", "needs": "a clock"}
    kind |= {"offline": "a log", "describe": "a timer", "elsewhere": "your phone has one"}
    assert parse_app_kinds({**base, "kind": [kind]}).kinds[0].elsewhere == "your phone has one"
    with pytest.raises(AppKindsError):
        parse_app_kinds({**base, "kind": [kind | {"elsewhere": 3}]})
