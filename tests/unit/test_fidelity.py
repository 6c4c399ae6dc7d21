"""The offline plan reads the founder's idea, and says so plainly when it can't."""

from __future__ import annotations

import time

import pytest

from bench.fidelity import judge_all
from livebuild.brief import derive_brief
from livebuild.brief.plan import offline_plan
from livebuild.english.reading import read
from tests.kinds import planned_kinds

# Every test here reads an idea with the English pipeline.
pytestmark = pytest.mark.spacy

# The share of the corpus the offline plan must keep covering; measured at 100 % (74 of 74;
# the last ten, held out, covered 8 of 10 before the reader was changed for them).
MIN_SHARE = 0.9


def test_corpus_share_stays_above_ninety_percent() -> None:
    outcomes = judge_all()
    missed = [f"{o.idea[:50]} -> {o.detail}" for o in outcomes if not o.ok]
    share = 1 - len(missed) / len(outcomes)
    assert len(outcomes) >= 40
    assert share >= MIN_SHARE, "\n".join(missed)


def test_records_come_from_the_ideas_own_words() -> None:
    bike = offline_plan("Inventory app for my bike repair shop: track parts, repair jobs and bikes")
    assert [e.plural for e in bike.entities] == ["Parts", "Repair jobs", "Bikes"]
    # A repair job is an event: it has a date; a part is stocked: it has a count.
    kinds = {e.singular: {f.kind for f in e.fields} for e in bike.entities}
    assert "date" in kinds["Repair job"] and "number" in kinds["Part"]
    baby = offline_plan("A baby sleep journal: log naps, night wakings and feeds")
    assert [e.plural for e in baby.entities] == ["Naps", "Night wakings", "Feeds"]
    assert baby.product_name != bike.product_name and baby.tagline != bike.tagline


def test_seed_rows_fit_the_idea_and_invent_no_people() -> None:
    bakery = offline_plan("Marketplace for home bakers to sell cakes, cookies and sourdough")
    text = str(bakery.to_dict()["entities"])
    assert "apron" not in text.lower()
    products = bakery.entities[0]
    assert products.plural == "Products"
    assert {row["category"] for row in products.seed} <= {"Cake", "Cookie", "Sourdough"}
    crm = offline_plan("A CRM for freelance photographers: clients, shoots and invoices")
    clients = crm.entities[0]
    assert all(row["name"].startswith("Sample client") for row in clients.seed)
    assert all(row["email"].endswith("@example.com") for row in clients.seed)


def test_a_clause_in_a_list_names_a_thing_or_is_skipped_but_never_ends_the_list() -> None:
    seeds = offline_plan(
        "A seed library for my neighbourhood: track seed packets, who borrowed them "
        "and the harvests they bring back"
    )
    assert [e.plural for e in seeds.entities] == ["Seed packets", "Loans", "Harvests"]
    # A loan here is of a seed packet, not of the catalogue's book.
    loans = seeds.entities[1]
    assert [f.label for f in loans.fields][:2] == ["Seed packet", "Borrower"]
    assert all(row["seed_packet"].startswith("Seed packet ") for row in loans.seed)
    # Nothing is due back before it was borrowed.
    assert all(row["due"] > row["borrowed"] for row in loans.seed)
    climbing = offline_plan(
        "A climbing gym app to log routes, setters and the grades members give them"
    )
    assert [e.plural for e in climbing.entities] == ["Routes", "Setters", "Grades"]
    choir = offline_plan(
        "Help our choir manage rehearsals, the songs we learn and who is attending"
    )
    assert [e.plural for e in choir.entities] == ["Rehearsals", "Songs", "Attendees"]
    assert "Rehearsal" in [f.label for f in choir.entities[2].fields]
    homework = offline_plan("A homework planner for my kids: assignments, subjects and test dates")
    tests = homework.entities[2]
    assert tests.plural == "Tests" and "date" in {f.kind for f in tests.fields}


def test_who_the_founder_is_is_not_a_record() -> None:
    bakery = offline_plan(
        "I run a tiny bakery. I want to take preorders for weekend bread and see which loaves "
        "sell out"
    )
    assert "Runs" not in [e.plural for e in bakery.entities]
    assert bakery.entities[0].plural == "Preorders"
    cafe = offline_plan(
        "We're a volunteer-run repair cafe. Log the items people bring, what was wrong and "
        "whether we fixed it"
    )
    # The cafe and its volunteers are who the founder is; the repairs it is named for are
    # the work it does, kept beside the items (since round 6's reader).
    assert [e.plural for e in cafe.entities] == ["Items", "Repairs"]
    # An item says too little to take a warehouse's fields.
    assert "sku" not in {f.name for f in cafe.entities[0].fields}


def test_a_business_doing_something_is_read_as_a_verb_and_which_as_a_noun() -> None:
    space = offline_plan(
        "Our hackerspace runs workshops; people sign up, pay a small fee and we track who came"
    )
    assert [e.plural for e in space.entities] == ["Workshops", "Attendees"]
    cleaning = offline_plan(
        "An app for my cleaning business to schedule jobs, the houses we clean and which "
        "cleaner goes where"
    )
    assert [e.plural for e in cleaning.entities] == ["Jobs", "Houses", "Cleaners"]
    jobs, _, cleaners = cleaning.entities
    # A cleaner's jobs are visits with a date, not job openings with a salary.
    assert {f.name for f in jobs.fields} >= {"date"} and "salary" not in {
        f.name for f in jobs.fields
    }
    assert cleaners.fields[0].name == "name"


def test_what_a_list_is_about_and_details_named_as_records() -> None:
    fete = offline_plan("We need to organise the school fete: stalls, volunteers, raffle prizes")
    assert [e.plural for e in fete.entities] == ["Stalls", "Volunteers", "Raffle prizes"]
    runs = offline_plan("simple app to log my runs - distance, time, route and how I felt")
    assert "Runs" in [e.plural for e in runs.entities]
    wedding = offline_plan(
        "A wedding planner where couples keep guests, vendors and the budget in one place"
    )
    assert [e.plural for e in wedding.entities] == ["Guests", "Vendors", "Expenses"]
    coffee = offline_plan("log every cup of coffee I drink and what beans it was")
    assert coffee.entities[0].plural == "Coffees"
    sauna = offline_plan(
        "A booking app for my sauna: sessions, the people who book them and gift vouchers"
    )
    # A booking app: who booked which session is a record of its own.
    assert [e.plural for e in sauna.entities] == [
        "Sessions",
        "Customers",
        "Gift vouchers",
        "Bookings",
    ]
    pets = offline_plan(
        "An app where neighbours post lost and found pets and others reply with sightings"
    )
    assert [e.plural for e in pets.entities] == ["Lost-and-found pets", "Sightings"]


def test_borrowed_fields_link_only_to_records_that_fit() -> None:
    choir = offline_plan(
        "Help our choir manage rehearsals, the songs we learn and who is attending"
    )
    # A song's artist is not one of the choir's attendees.
    assert "artist" in {f.name for f in choir.entities[1].fields}
    landlord = offline_plan("Help landlords track rent payments from tenants and repair requests")
    tenants = landlord.entities[1]
    assert tenants.plural == "Tenants" and "payment" not in {f.name for f in tenants.fields}


def test_things_lent_out_become_items_with_loans_of_them() -> None:
    ladder = offline_plan(
        "keep track of which neighbours have borrowed my ladder, drill and lawnmower"
    )
    assert [e.plural for e in ladder.entities] == ["Items", "Neighbours", "Loans"]
    items, _, loans = ladder.entities
    assert {row["category"] for row in items.seed} == {"Ladder", "Drill", "Lawnmower"}
    assert "price" not in {f.name for f in items.fields}
    assert [f.label for f in loans.fields][:2] == ["Item", "Neighbour"]
    allotment = offline_plan(
        "A tool for our allotment society to manage plots, the tenants who rent them and the "
        "waiting list"
    )
    assert [e.plural for e in allotment.entities] == ["Plots", "Tenants", "Waitlist entries"]


def test_sample_rows_of_unknown_nouns_vary_and_say_nothing_odd() -> None:
    hives = offline_plan("Beekeeping log: hives, inspections and honey harvests").entities[0]
    assert hives.plural == "Hives"
    assert len({row["status"] for row in hives.seed}) > 1
    notes = " ".join(row["notes"] for row in hives.seed)
    assert "Kick-off" not in notes and "feedback" not in notes


def test_field_words_become_fields_not_records() -> None:
    brief = offline_plan("Manage customer support tickets for our SaaS, with priority and assignee")
    assert [e.plural for e in brief.entities] == ["Support tickets"]
    names = [f.name for f in brief.entities[0].fields]
    assert "priority" in names and "assignee" in names


def test_a_two_thousand_character_idea_plans_quickly() -> None:
    idea = ("We repair bikes. Track parts, repair jobs and customer bikes with due dates. " * 30)[
        :2000
    ]
    offline_plan(idea)  # the English pipeline loads once per process
    timings = []
    for i in range(30):
        # CPU time, not wall time: on a machine shared with other work the wait for a core
        # says nothing about the reader. Generous; the bench reports the real p95.
        started = time.process_time()
        offline_plan(f"{idea} {i}")
        timings.append(time.process_time() - started)
    assert sorted(timings)[len(timings) // 2] < 0.25


def test_a_word_in_front_keeps_a_noun_from_borrowing_the_wrong_fields() -> None:
    brief = derive_brief("A tracker for a bike mechanic: parts, repair jobs and customer bikes")
    jobs = next(e for e in brief.entities if e.plural == "Repair jobs")
    # A repair job is not a job opening: no salary, team or posting date.
    assert not {"salary", "team", "posted"} & {f.name for f in jobs.fields}


def test_a_record_borrowed_from_another_business_keeps_no_options_or_fees_it_never_said() -> None:
    tools = offline_plan(
        "A lending library for tools in our neighbourhood: members borrow drills, ladders and "
        "saws; we track loans, due dates and who has what."
    )
    members = next(e for e in tools.entities if e.plural == "Members")
    # A tool library's members have no gym plan ("Class pack") and no monthly fee.
    assert {f.name for f in members.fields} == {"name", "email", "joined", "status"}
    assert all("Class pack" not in row.values() for row in members.seed)
    paying = offline_plan("A tool library where members pay a monthly fee: track members and loans")
    assert "monthly_fee" in {f.name for f in paying.entities[0].fields}
    # A gym's or a yoga studio's members keep them.
    for idea in ("gym membership tracker", "A yoga studio app: members, their plans and classes"):
        gym = offline_plan(idea).entities[0]
        assert {"plan", "monthly_fee"} <= {f.name for f in gym.fields}
    # A book club's books are the library's books (genres and all); its members are not a gym's.
    club = offline_plan("A book club app to track members and the books we read")
    by_name = {e.plural: {f.name for f in e.fields} for e in club.entities}
    assert "genre" in by_name["Books"] and "plan" not in by_name["Members"]


def test_who_paid_is_whether_a_record_is_paid_not_people_who_pay() -> None:
    walks = offline_plan(
        "Pawfect Walks: an app for dog walkers to log each walk, the dog, and who paid"
    )
    assert [e.plural for e in walks.entities] == ["Walks", "Dogs"]
    paid = next(f for f in walks.entities[0].fields if f.name == "paid")
    assert (paid.label, paid.kind) == ("Paid", "boolean")
    assert {row["paid"] for row in walks.entities[0].seed} == {"yes", "no"}
    lessons = offline_plan(
        "I teach guitar to about 20 kids. Need to track lessons, what we covered, and who has "
        "paid for the month"
    )
    assert "Payers" not in [e.plural for e in lessons.entities]
    assert "paid" in {f.name for f in lessons.entities[0].fields}


def test_a_town_with_a_capital_is_not_a_kind_of_record() -> None:
    shop = offline_plan(
        "We're a bike repair shop in Leeds (3 mechanics). Customers drop bikes off, we write "
        "down what's wrong, give a quote, and text them when it's ready. I want to keep track "
        "of repairs, customers and the parts we order from suppliers."
    )
    kinds = [e.plural for e in shop.entities]
    assert "Leeds" not in kinds and {"Repairs", "Customers", "Parts"} <= set(kinds)
    # Capitals on the founder's own records still name them.
    orders = offline_plan("A tracker for our Customers, Orders and Invoices")
    assert [e.plural for e in orders.entities] == ["Customers", "Orders", "Invoices"]


def test_languages_festivals_and_named_options_are_not_kinds_of_record() -> None:
    agency = planned_kinds(
        "Translation agency: we send translators to clinics and schools for Polish, Greek, "
        "Somali and Urdu. Each booking has a client, a translator and a date."
    )
    assert not {"Polishes", "Greeks", "Somalis", "Urdus"} & set(agency)
    assert {"Translators", "Bookings"} <= set(agency)
    gym = planned_kinds(
        "Climbing wall memberships. Tiers: Basic £20, Premium £35. Members and visits."
    )
    assert not {"Basics", "Premiums"} & set(gym) and {"Members", "Visits"} <= set(gym)


def test_a_time_that_names_the_app_is_not_a_record() -> None:
    assert "Harvest seasons" not in planned_kinds(
        "Harvest season tracker. Fields, the crops in each one and any sprays given."
    )


def test_a_picture_between_words_breaks_them_like_a_comma() -> None:
    assert "Episodes" in planned_kinds("video series planner 🎬 episodes, guests, sponsors")


def test_what_a_collection_holds_and_one_of_many_are_kept() -> None:
    assert "Poses" in planned_kinds(
        "Yoga teacher: I keep my students and a library of poses with notes on each."
    )
    assert "Cleaners" in planned_kinds(
        "Home cleaning firm. A client books a clean online, one of our cleaners goes round."
    )


def test_trade_words_and_plurals_the_dictionary_lacks_are_not_corrected() -> None:
    salon = offline_plan("Lash tech booking app: clients, appointments and patch tests")
    assert "teach" not in salon.product_name.lower() and "Teaches" not in [
        e.plural for e in salon.entities
    ]
    assert ("gradings", "grading") not in read("karate club: students and gradings").corrections


def test_sales_the_idea_keeps_are_not_doubled_by_orders() -> None:
    kinds = planned_kinds(
        "We buy house clearance lots and sell the books online. I want to catalogue books, "
        "track our sales and which lot each came from."
    )
    assert "Sales" in kinds and "Orders" not in kinds
    # What the founder sells is kept as their sales (a stall has no orders to take).
    assert "Sales" in planned_kinds("We sell cakes and cookies from a market stall; customers too.")
    kinds = planned_kinds(
        "We sell cakes and cookies; customers order online and we keep their orders."
    )
    assert "Orders" in kinds and "Sales" not in kinds


def test_who_things_come_from_is_kept() -> None:
    kinds = planned_kinds(
        "Small print shop. I want to keep track of jobs, customers and the paper we buy "
        "from wholesalers."
    )
    assert {"Jobs", "Customers", "Wholesalers"} <= set(kinds)


def test_a_thing_the_founder_tells_apart_with_which_is_kept() -> None:
    kinds = planned_kinds(
        "Our scout group lends tents to families for camps. I need to know which tent is "
        "with which family and when it comes back."
    )
    assert "Tents" in kinds


def test_what_a_record_has_as_its_own_list_is_its_details() -> None:
    kinds = planned_kinds(
        "Dog boarding kennels: I keep the dogs we board. Each dog has their feeding times, "
        "medications and fears. Owners and stays too."
    )
    assert not {"Feeding times", "Fears"} & set(kinds) and {"Dogs", "Owners"} <= set(kinds)


def test_a_verb_said_of_the_founders_worker_is_not_a_record() -> None:
    kinds = planned_kinds(
        "Mobile windscreen repair. Customer has a chip, books online, one of our technicians "
        "drives over with the van and fits on the drive. We have 4 vans."
    )
    assert "Fits" not in kinds and {"Vans", "Technicians"} <= set(kinds)
