"""More general mechanisms by which the rules read record kinds without a model: what an
analogy is for, the kinds of one record listed after its "of", what each record has, people
named for what they tend, and a product that isn't a record app answered by its own name.
Each is checked on sentences of our own through the real English pipeline, not on a held-out
round's ideas."""

from __future__ import annotations

import pytest

from livebuild.appgen.spec import build_spec
from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import NotARecordApp
from tests.kinds import kind_words

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(
    ("idea", "kept"),
    [
        ("Deliveroo for allotment veg boxes. Growers list them, buyers order.", "boxes"),
        ("spotify but for audiobooks, with a queue and reviews", "audiobooks"),
    ],
)
def test_what_an_analogy_is_for_is_kept(idea: str, kept: str) -> None:
    kinds = kind_words(idea)
    assert any(k.endswith(kept) for k in kinds), kinds
    assert not kinds & {"deliveroos", "spotifies", "spotify"}


def test_the_kinds_of_one_record_listed_after_its_of_are_not_records() -> None:
    idea = (
        "Garden centre: our suppliers, the orders we send them and stock of compost, "
        "bark and gravel."
    )
    kinds = kind_words(idea)
    assert {"suppliers", "orders", "stock"} <= kinds
    assert not kinds & {"composts", "barks", "gravels", "compost", "bark", "gravel"}
    # One thing after "of" is what the record is; a collection's list is what it keeps.
    assert "hats" in kind_words("I sell hats: my stock of hats by size, and the orders for them.")
    assert {"recipes", "videos"} <= kind_words("a library of recipes, videos and menus for my cafe")


def test_what_each_record_has_is_its_detail_unless_it_is_someone_or_one_kept() -> None:
    kinds = kind_words(
        "Tree surgeons. Each tree has a height, spread and a species. Need clients, trees, "
        "quotes and jobs."
    )
    assert {"clients", "quotes", "jobs"} <= kinds
    assert not kinds & {"heights", "spreads"}
    # A person each record has, or one of those kept ("the van"), is a record of its own.
    kinds = kind_words(
        "Courier firm with 5 vans. Each parcel has a sender and the van, and we keep parcels."
    )
    assert {"parcels", "vans"} <= kinds
    assert any(k.endswith("senders") for k in kinds)


def test_people_named_for_what_they_tend_leave_that_a_record_too() -> None:
    idea = (
        "Uber for mobile cat sitters: owners post a request, a sitter nearby accepts. "
        "We need owners, their cats, sitters and each request."
    )
    kinds = kind_words(idea)
    assert "cat sitters" in kinds and "cats" in kinds
    assert {"owners", "requests"} <= kinds


@pytest.mark.parametrize(
    ("idea", "said"),
    [
        ("pirate speak toy: you type something and it says it back in pirate talk", "toy"),
        ("a pirate speak translator: type a line and it answers like a pirate", "translator"),
    ],
)
def test_an_idea_that_is_no_record_app_is_answered_by_what_it_is(idea: str, said: str) -> None:
    with pytest.raises(NotARecordApp) as refused:
        offline_plan(idea)
    answer = str(refused.value)
    assert f"This sounds like a pirate speak {said}," in answer
    assert f"can't build a pirate speak {said} itself" in answer
    assert "chat bot" not in answer


def test_a_product_named_by_its_kind_s_own_word_keeps_the_kind_s_label() -> None:
    with pytest.raises(NotARecordApp) as refused:
        offline_plan("A pomodoro timer: 25 minutes of focus, then a ding")
    assert "This sounds like a timer," in str(refused.value)


def test_an_activity_named_by_its_ing_word_in_a_list_is_kept() -> None:
    idea = "Vending machines round: the machines, their sites, and truck restocking every week."
    kinds = kind_words(idea)
    assert {"machines", "sites", "truck restockings"} <= kinds
    assert "trucks" not in kinds
    # Many who are doing something are those people, not an activity: "the marshals working".
    kinds = kind_words(
        "Paintball: groups book, we need the bookings, the marshals working, and kit."
    )
    assert "marshals" in kinds and not any("working" in k for k in kinds)


def test_the_kinds_listed_after_a_record_s_of_are_its_type_choices() -> None:
    brief = derive_brief("Ice cream vans: rounds, events and stock of cones, flakes and lollies.")
    stock = next(e for e in brief.entities if e.plural == "Stock")
    kind = next(f for f in stock.fields if f.name == "type")
    assert kind.kind == "choice" and kind.choices == ("Cones", "Flakes", "Lollies")
    assert {row["type"] for row in stock.seed} <= set(kind.choices)
    assert not {e.plural for e in brief.entities} & {"Cones", "Flakes", "Lollies"}
    # The plan with that choice is one the app generator accepts.
    assert build_spec(brief) is not None
