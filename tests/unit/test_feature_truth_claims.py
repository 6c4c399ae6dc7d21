"""The app is never said to do what it doesn't: a wish whose words happen to match the plan's
kind, field or choice names is still planned when the app lacks the thing itself (sending,
paying, live tracking, a page for clients), or the structure behind the word (a calendar
needs a date, a history a link, a status a Status field, "filter by X" the field the list
filters by)."""

from __future__ import annotations

from livebuild.brief import derive_brief
from livebuild.brief.feature_truth import is_built, planned_features
from livebuild.brief.model import Entity, Field


def field(label: str, kind: str = "text", choices: tuple[str, ...] = (), to: str = "") -> Field:
    return Field(label.lower().replace(" ", "_"), label, kind, choices, to)


def kind(singular: str, plural: str, *fields: Field) -> Entity:
    return Entity(singular, plural, plural.lower(), fields, ())


BILLING = (
    kind("Customer", "Customers", field("Name"), field("Email", "email"), field("Phone")),
    kind(
        "Bill",
        "Bills",
        field("Number"),
        field("Amount", "money"),
        field("Due date", "date"),
        field("State", "choice", ("Draft", "Sent", "Paid", "Late")),
        field("Customer", "link", to="customers"),
    ),
)
COOKBOOK = (
    kind(
        "Dish",
        "Dishes",
        field("Title"),
        field("Region", "choice", ("Greek", "Korean")),
        field("Effort", "choice", ("Low", "High")),
        field("Method", "longtext"),
    ),
)
STUDIO = (
    kind("Student", "Students", field("Name"), field("Phone")),
    kind("Lesson", "Lessons", field("Title"), field("Seats", "number")),
)
SHOP = (
    kind("Order", "Orders", field("Buyer"), field("Total", "money")),
    kind("Buyer", "Buyers", field("Name"), field("Email", "email")),
)
WALKS = (
    kind("Walk tracker", "Walk trackers", field("Name"), field("Route", "choice", ("Live", "Gps"))),
    kind("Alert", "Alerts", field("Title"), field("Date", "date")),
)


def test_the_pet_sitters_gps_and_login_stay_planned() -> None:
    idea = (
        "A pet sitting business: pets with name, breed and owner, owners with name and phone, "
        "visits with pet, date and notes. Pet profiles with photos, visit reports sent to "
        "owners, live GPS tracking of walks, owner login."
    )
    brief = derive_brief(idea)
    live = [f for f in brief.features if "gps" in f.lower() or "login" in f.lower()]
    assert live
    assert set(live) <= set(planned_features(brief.features, brief.entities))


def test_words_the_plan_names_do_not_make_the_app_send_pay_or_go_live() -> None:
    for wish in ("Live walk trackers", "Gps walk trackers", "Alerts", "Alert calendar"):
        assert not is_built(wish, WALKS), wish
    for wish in ("Email bills to customers", "Send bills", "Pay bills", "Email customers"):
        assert not is_built(wish, BILLING), wish
    assert not is_built("Customers pay bills by card", BILLING)
    assert not is_built("Card payments", BILLING)
    # A choice or field named in its own sense is still what the app keeps.
    assert is_built("Track paid and late bills", BILLING)
    assert is_built("Customers with email and phone", BILLING)


def test_filter_and_sort_by_name_what_the_list_filters_and_sorts_by() -> None:
    assert is_built("Filter dishes by region", COOKBOOK)
    assert not is_built("Filter dishes by effort", COOKBOOK)
    assert not is_built("Filter by region and effort", COOKBOOK)
    assert is_built("Sort dishes by effort", COOKBOOK)
    wide = kind(
        "Lesson", "Lessons", *(field(x) for x in ("Title", "Room", "Level", "Day", "Fee", "Tutor"))
    )
    assert is_built("Sort lessons by day", (wide,))
    assert not is_built("Sort lessons by tutor", (wide,))  # a sixth field is not a column


def test_calendar_history_status_and_notes_need_the_field_behind_them() -> None:
    assert not is_built("Lesson calendar", STUDIO)
    assert not is_built("Lesson timetable", STUDIO)
    assert not is_built("Book lessons", STUDIO)
    assert is_built("Calendar of bills", BILLING)
    assert is_built("Customer history", BILLING)
    assert not is_built("Buyer order history", SHOP)
    assert not is_built("Order status", SHOP)
    assert is_built("Bill state", BILLING)
    assert not is_built("Buyer notes", SHOP)
    assert is_built("Dish notes", COOKBOOK)


def test_what_clients_would_do_themselves_is_planned() -> None:
    for wish in (
        "Students book lessons",
        "Students see their lessons",
        "Customers check their bills",
        "Lesson page for students",
        "Keep a register of students",
    ):
        assert not is_built(wish, STUDIO + BILLING), wish
    assert is_built("Keep track of students and lessons", STUDIO)


def test_the_apps_own_dashboard_card_is_built_and_live_wishes_are_not() -> None:
    assert is_built("A dashboard with live totals", STUDIO)
    assert not is_built("A dashboard with live totals", STUDIO, finished=False)
    assert not is_built("Live updates of lessons", STUDIO)


def test_the_apps_own_cards_are_built_whatever_the_kind_is_called() -> None:
    cards = (kind("Business card", "Business cards", field("Name")),)
    assert is_built("Add, edit and delete business cards", cards)
    assert is_built("Search and filter business cards", cards)
    assert not is_built("Search and filter business cards", cards, finished=False)
    assert not is_built("Business card photos", cards)
