"""A known kind of app is recognised by the nouns an idea uses, never by a keyword's letters
where the idea uses the word otherwise ("people *book* someone nearby" is no library)."""

from __future__ import annotations

import pytest

from livebuild.brief import derive_brief

BORROWED = {"books", "loans", "members", "dishes", "reservations", "recipes", "meal plans"}


@pytest.mark.parametrize(
    "idea",
    [
        "Uber for lawn mowing - people book someone nearby",
        "uber for window cleaning, customers book us and pay online",
        "An app where neighbours book someone to walk their dog",
    ],
)
def test_a_keyword_used_as_a_verb_borrows_no_other_business_plan(idea: str) -> None:
    kinds = {entity.plural.lower() for entity in derive_brief(idea).entities}
    assert not kinds & {"books", "loans"}, kinds


@pytest.mark.parametrize(
    ("idea", "kind"),
    [("A book club app", "books"), ("recipe box", "recipes")],
)
def test_an_idea_that_names_a_known_kind_of_app_still_gets_its_plan(idea: str, kind: str) -> None:
    assert kind in {entity.plural.lower() for entity in derive_brief(idea).entities}
