"""The product name the founder gives is kept as written: "Pawfect Walks: an app for ...",
"Barkly is an app ...", "Name: Tallyho"; only a plainly misspelt dictionary word is corrected."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.english.naming import as_meant, names_said, without_naming


@pytest.mark.parametrize(
    ("idea", "name"),
    [
        ("Pawfect Walks: an app for dog walkers to keep dogs, owners and walks", "Pawfect Walks"),
        ("Pup Pals — a booking app for dog walkers: walks, dogs, owners", "Pup Pals"),
        ("Barkly is an app for dog groomers to keep clients, dogs and appointments", "Barkly"),
        ("Name: Tallyho\nA log of my runs and races", "Tallyho"),
        ("an app called Pawfect Walks for dog walkers: dogs, owners, walks", "Pawfect Walks"),
    ],
)
def test_the_name_the_founder_gives_is_kept_as_written(idea: str, name: str) -> None:
    assert derive_brief(idea).product_name == name


@pytest.mark.parametrize(
    "idea",
    [
        "Restaurant: a list of tables and bookings",
        "ROWING CLUB BOAT LOG: A LIST OF BOATS AND OUTINGS",
        "This is an app for my choir: members and songs",
        "Pomodoro log: a record of my focus sessions",
    ],
)
def test_a_heading_that_only_says_what_the_app_is_is_no_name(idea: str) -> None:
    assert names_said(idea) == () or names_said(idea)[0] not in idea.split(":")[0]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Pawfect Walks", "Pawfect Walks"),  # paw + perfect: a pun, not a typo
        ("Memeberwell", "Memeberwell"),  # a coinage, not a dictionary word misspelt
        ("IMEI Desk", "IMEI Desk"),
        ("Walkr", "Walkr"),  # a letter left out: how brands are coined
        ("Choir Memebers", "Choir Members"),
        ("Reciept Box", "Receipt Box"),
        ("Barkly", "Barkly"),  # bark + ly, not "barely"
    ],
)
def test_only_a_plainly_misspelt_word_of_a_name_is_corrected(written: str, meant: str) -> None:
    assert as_meant(written) == meant


def test_a_leading_name_is_no_part_of_the_description() -> None:
    assert "Pup Pals" not in without_naming("Pup Pals — a booking app for dog walkers")
    # Nor a record kind: "Pals" and "Tallyhos" are the name, not things kept.
    brief = derive_brief("Pup Pals — a booking app for dog walkers: walks, dogs, owners")
    assert "Pals" not in [e.plural for e in brief.entities]
    brief = derive_brief("Name: Tallyho\nA log of my runs and races")
    assert [e.plural for e in brief.entities] == ["Runs", "Races"]
    # A heading that is no name stays part of the idea.
    assert without_naming("Restaurant: a list of tables").startswith("Restaurant")


@pytest.mark.parametrize(
    "idea",
    [
        "<script>x</script>: an app for dogs",
        "A" * 5000 + ": an app for dogs",
        "Name: " + "x" * 500,
        "Name:",
    ],
)
def test_a_hostile_name_is_cleaned_and_bounded(idea: str) -> None:
    name = derive_brief(idea + " to keep dogs and walks").product_name
    assert "<" not in name and 0 < len(name) <= 40


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("<script>alert(1)</script>Cakes", "Cakes"),
        ("<b>Crumb</b> & Co", "Crumb & Co"),
        ("Sweet <!-- draft --> Tooth", "Sweet Tooth"),
    ],
)
def test_markup_in_a_given_name_goes_whole_tags_and_scripts_alike(name: str, kept: str) -> None:
    brief = derive_brief("orders, customers and cakes for my home bakery", name=name)
    assert brief.product_name == kept


def test_a_script_in_the_idea_names_nothing_in_the_plan() -> None:
    brief = derive_brief(
        "ski chalet <script>alert(1)</script> guests, stays, check in and out, nightly rate"
    )
    said = [brief.product_name, brief.target_users, *(e.plural for e in brief.entities)]
    assert not any("alert" in text.lower() or "script" in text.lower() for text in said), said


@pytest.mark.parametrize(
    ("idea", "root"),
    [
        # Once "Teachernest"/"Memberhub" and "Customernest": named for a record about people.
        (
            "yoga studio: members, classes with the teacher and the time, and who booked which "
            "class",
            "Yoga",
        ),
        (
            "A little mobile bike repair van. I keep customers, their bikes, parts I use and "
            "jobs I do",
            "Bike",
        ),
        ("I teach guitar. students, lessons, what we covered, and payments", "Guitar"),
        # No business said: the first thing kept that isn't people.
        ("beekeeping: hives, inspections, honey harvests", "Hive"),
    ],
)
def test_an_invented_name_comes_from_the_business_never_from_people_it_keeps(
    idea: str, root: str
) -> None:
    brief = derive_brief(idea)
    assert brief.product_name.startswith(root), brief.product_name
    people = [e.singular for e in brief.entities if e.singular.lower() in {"member", "customer"}]
    assert not any(brief.product_name.lower().startswith(p.lower()) for p in people)
