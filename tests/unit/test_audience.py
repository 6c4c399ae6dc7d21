"""Who the plan says the app is for is people or a kind of business the idea names, in plain
words: never the room the founder works in, never slang made plural."""

from __future__ import annotations

from livebuild.brief import derive_brief


def _audience(idea: str) -> str:
    return derive_brief(idea).target_users


def test_the_place_the_founder_works_in_is_not_who_the_app_is_for() -> None:
    # "classes in my garage" once made the audience "Garages" and the footer "Made for garages".
    said = _audience(
        "Evening pottery classes in my garage. Students sign up for classes and pay for "
        "blocks of 6 weeks."
    )
    assert "garage" not in said.lower()


def test_a_business_said_in_slang_is_named_plainly() -> None:
    # "wedding DJ biz" once made the audience "Wedding DJ bizes".
    said = _audience("wedding DJ biz. couples book me for their wedding and pick songs")
    assert "biz" not in said.lower()
    assert said == "Wedding DJ businesses"


def test_a_trade_said_as_what_the_founder_does_names_its_people() -> None:
    # "i do dog grooming out of my van" once made "People who keep track of dogs, ...".
    assert _audience("hey so i do dog grooming out of my van. dogs, owners and bookings") == (
        "Dog groomers"
    )
    assert _audience("We do house sitting; track houses, owners and visits") == "House sitters"


def test_a_tagline_names_a_few_kinds_not_all_of_them() -> None:
    # A choir's tagline listed eight kinds: "Rehearsals, sheet music, tenors basses, members,
    # subs, sopranos, tenors and loans, kept in one place."
    brief = derive_brief(
        "Our community choir needs to know rehearsals, singers, subs, sheet music, loans of "
        "scores, concerts, venues and robes"
    )
    assert len(brief.entities) > 4
    for said in (brief.tagline, brief.target_users):
        kinds = [e.plural.lower() for e in brief.entities if e.plural.lower() in said.lower()]
        assert len(kinds) <= 3, said


def test_what_the_app_lets_people_pay_is_not_who_it_is_for() -> None:
    # "it lets couples pay the deposit" once made the footer "Made for a deposit".
    said = _audience(
        "wedding DJ biz. couples book me for their wedding, deposit paid y/n, pick a package, "
        "it lets couples pay the deposit, want and songs they BAN"
    )
    assert "deposit" not in said.lower()


def test_a_business_run_from_a_vehicle_is_for_that_trade_never_the_vehicle() -> None:
    # The bike van once gave "A repair van", then "People who keep track of customers, ...".
    said = _audience(
        "A little mobile bike repair van. I keep customers, their bikes, parts I use and jobs I do"
    )
    assert said == "Mobile bike repair businesses"
    assert _audience("I own a food truck and keep my suppliers and my stock") == (
        "Mobile food businesses"
    )
    # A vehicle that says no trade says no one.
    assert "van" not in _audience("a van for moving furniture: jobs, customers").lower()


def test_an_organisation_named_in_the_heading_is_who_the_app_is_for() -> None:
    # Once "People who keep track of singers, rehearsals, voice parts and subs".
    said = _audience(
        "Community choir admin!! singers w/ voice part (soprano alto tenor bass), rehearsals, "
        "and which songs we're learning. Subs are £5 a month"
    )
    assert said == "A community choir"


def test_one_person_listed_among_what_is_kept_is_not_who_the_app_is_for() -> None:
    # "booked for events, customer, dates" once made the audience "A customer".
    said = _audience(
        "mobile sauna hire business. trailers get booked for events, customer, dates, deposit "
        "paid y/n, and maintenance checks for each trailer"
    )
    assert "customer" not in said.lower()
    # The business is said whole, never a bare "Businesses".
    assert said == "A mobile sauna hire business"
