"""The links a founder says between the things kept become link fields, the right way round,
with sample values that point at the target's sample records."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.model import Brief, Entity

pytest.importorskip("spacy", reason="the English pipeline is not installed")

BIKES = (
    "A little mobile bike repair van. I keep customers, their bikes (make, model, colour), "
    "each repair job with the parts I used and what I charged, and which jobs are still unpaid."
)
YOGA = (
    "yoga studio: members (name, phone, membership type - monthly or 10-class pass), classes "
    "on the timetable with the teacher and room, and who booked which class"
)


def _kind(brief: Brief, plural: str) -> Entity:
    return next(e for e in brief.entities if e.plural == plural)


def _links(entity: Entity) -> dict[str, str]:
    return {f.label: f.links_to for f in entity.fields if f.kind == "link"}


def _linked(idea: str) -> dict[str, set[str]]:
    """Each kind's plural and the plurals of the kinds it links to."""
    brief = derive_brief(idea)
    plurals = {e.slug: e.plural for e in brief.entities}
    return {e.plural: {plurals[to] for to in _links(e).values()} for e in brief.entities}


def test_their_bikes_name_their_customer_and_a_repair_job_its_bike() -> None:
    brief = derive_brief(BIKES)
    bikes, customers = _kind(brief, "Bikes"), _kind(brief, "Customers")
    assert _links(bikes) == {"Customer": customers.slug}
    assert _links(_kind(brief, "Jobs")) == {"Bike": bikes.slug}
    # Each sample bike names one of the sample customers, so the built app's pick-list has it.
    names = {row[customers.fields[0].name] for row in customers.seed}
    assert bikes.seed and all(row["customer"] in names for row in bikes.seed)


def test_who_booked_which_class_keeps_bookings_of_a_member_and_a_class() -> None:
    brief = derive_brief(YOGA)
    classes = _kind(brief, "Classes")
    bookings = _links(_kind(brief, "Bookings"))
    assert set(bookings.values()) == {_kind(brief, "Members").slug, classes.slug}
    # Never a text box of the whole clause, nor a link to people the founder never named.
    assert not [f for f in classes.fields if "booked" in f.label.lower()]
    linked = {to for e in brief.entities for to in _links(e).values()}
    assert "customers" not in linked
    # A class names its teacher; its members are the bookings'.
    assert set(_links(classes).values()) == {_kind(brief, "Teachers").slug}


@pytest.mark.parametrize(
    ("idea", "holder", "target"),
    [
        (
            "Model boat club: keep the members, the boats each one has, and the regattas.",
            "Boats",
            "Members",
        ),
        ("Catalogue my dollhouses, the rooms in each one, and a wishlist.", "Rooms", "Dollhouses"),
        (
            "Cattle farm: every cow (name, tag), the calves each cow's had, and vet visits.",
            "Calves",
            "Cows",
        ),
        (
            "Lock up garages: tenants, which garage, monthly rent, and the payments.",
            "Tenants",
            "Garages",
        ),
        (
            "Prison visitors charity: the volunteers, the prisoners matched to them, each visit.",
            "Prisoners",
            "Volunteers",
        ),
        (
            "Kimchi maker: every batch when I make it, the jars I fill from it, and the shops.",
            "Jars",
            "Batches",
        ),
        (
            "Cactus society: members, the annual show with its classes and entries.",
            "Entries",
            "Shows",
        ),
    ],
)
def test_a_link_said_in_the_idea_is_held_by_the_thing_said_to_belong(
    idea: str, holder: str, target: str
) -> None:
    linked = _linked(idea)
    assert target in linked.get(holder, set()), linked
    assert holder not in linked.get(target, set()), linked


@pytest.mark.parametrize(
    ("idea", "people"),
    [
        (
            "A yoga studio app: members, classes with the teacher, and who booked which class",
            "Members",
        ),
        ("Tutoring app for my customers, the lessons and who booked which lesson", "Customers"),
    ],
)
def test_a_join_kind_is_not_titled_by_the_person_it_links(idea: str, people: str) -> None:
    """A booking is named as a booking, and names its member by a link the founder can pick
    from, never a typed-in "Member" box as its title."""
    brief = derive_brief(idea)
    bookings = _kind(brief, "Bookings")
    title = bookings.fields[0]
    assert title.kind != "link"
    others = {e.singular.lower() for e in brief.entities if e is not bookings}
    assert title.label.lower() not in others
    assert _kind(brief, people).slug in _links(bookings).values()
    # Its sample rows name sample people the built app has.
    names = {row[_kind(brief, people).fields[0].name] for row in _kind(brief, people).seed}
    link = next(f.name for f in bookings.fields if f.links_to == _kind(brief, people).slug)
    assert all(row[link] in names for row in bookings.seed)
