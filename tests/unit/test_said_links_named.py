"""Links a founder says between kinds in shapes `said_links` didn't read: "X for/at each Y" with
a verb between, a detail in brackets that is another kind ("which dog"), the record a clause of
the act is said of ("a tick list of who climbed which route"), a kind said before another
("customer invoices"). Ideas written for these tests, none from a measured round."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief

pytest.importorskip("spacy", reason="the English pipeline is not installed")


def _linked(idea: str) -> dict[str, set[str]]:
    """Each kind's plural and the plurals of the kinds it links to."""
    brief = derive_brief(idea)
    plurals = {e.slug: e.plural for e in brief.entities}
    return {
        e.plural: {plurals[f.links_to] for f in e.fields if f.kind == "link"}
        for e in brief.entities
    }


def test_what_is_done_at_each_place_names_the_place() -> None:
    linked = _linked(
        "Bell ringing band: the ringers, the towers we visit, and the peals rung at each tower."
    )
    assert linked["Peals"] == {"Towers"}
    assert linked["Towers"] == set()


def test_the_record_a_clause_of_who_did_which_is_said_of_names_both() -> None:
    linked = _linked(
        "Climbing wall: our members, the routes we set, and a tick list of who climbed which "
        "route and when."
    )
    assert linked["Ticks"] == {"Routes", "Members"}


def test_which_said_in_brackets_is_a_link_of_the_record_before_them() -> None:
    linked = _linked(
        "A dog show: the dogs, their handlers, the classes and the entries (which dog in which "
        "class, placing)."
    )
    assert linked["Entries"] == {"Dogs", "Classes"}
    # The bracket lists the entry's details: a dog names no class.
    assert linked["Dogs"] == set()


def test_a_kind_said_before_another_names_one_of_it() -> None:
    linked = _linked("Guitar repair shop: customers, guitars, and customer invoices.")
    assert linked["Invoices"] == {"Customers"}
    assert linked["Customers"] == set()


def test_a_kind_whose_name_holds_the_word_is_not_linked_to_it() -> None:
    """ "sail orders" of a plan keeping Sail orders and Sails: the name, not a link."""
    linked = _linked("Sailmaker: the sails we make, the sail orders, and the customers.")
    assert "Sails" not in linked.get("Sail orders", set())
