"""The English layer on its own: reading an idea once into phrases, lists, typos and kinds.

Pure functions over the real spaCy pipeline, dictionary and embeddings; no app is started.
"""

from __future__ import annotations

import threading

import pytest

from livebuild.english import forms, spelling
from livebuild.english.app_kind import AppKindsError, by_meaning, by_words, parse_app_kinds
from livebuild.english.lexicon import LexiconError, parse_lexicon
from livebuild.english.names import closest, same_name
from livebuild.english.reading import read

pytestmark = pytest.mark.spacy


def test_an_idea_is_read_into_phrases_lists_and_numbers() -> None:
    reading = read(
        "Airbnb for boat slips. Marina owners list their empty slips and boaters book them. "
        "Pricing would be £20 a month, every Monday."
    )
    assert len(reading.sentences) == 3
    airbnb = reading.phrase_for("airbnb")
    assert airbnb is not None and airbnb.proper
    slips = reading.phrase_for("slips")
    assert slips is not None and slips.head == "slip" and slips.modifiers == ("boat",)
    owners = next(p for p in reading.phrases if p.head == "owner")
    assert owners.role == "nsubj" and owners.verb == "list" and owners.plural
    assert reading.money == ("£20",) and "Monday" in reading.dates
    assert reading.language == "en"


def test_a_list_is_its_items_and_the_verb_governs_each() -> None:
    reading = read("A CRM for freelance photographers to track clients, shoots and invoices")
    (items,) = reading.lists
    heads = [reading.phrases[n].head for n in items]
    assert heads == ["client", "shoot", "invoice"]
    assert {reading.phrases[n].verb for n in items} == {"track"}


def test_typos_are_corrected_before_the_idea_is_parsed() -> None:
    reading = read("Memebr management for our choir - memebrs, rehersals and songs")
    assert reading.fixed.startswith("Member management")
    assert dict(reading.corrections) == {
        "memebr": "member",
        "memebrs": "members",
        "rehersals": "rehearsals",
    }
    assert [reading.phrases[n].head for n in reading.lists[0]] == ["member", "rehearsal", "song"]


@pytest.mark.parametrize(
    "word", ["neighbours", "organise", "makerspace", "preorders", "waitlist", "kennel", "airbnb"]
)
def test_british_spellings_compounds_and_names_are_not_typos(word: str) -> None:
    assert spelling.correction(word) == word


def test_acronyms_and_names_inside_a_sentence_stay_as_written() -> None:
    reading = read("Log each phone with its IMEI for our shop in Bristol")
    assert reading.corrections == ()
    assert "IMEI" in reading.fixed and "Bristol" in reading.fixed


def test_a_correction_the_idea_uses_itself_wins() -> None:
    assert spelling.correction("recipies", ["recipes", "meals"]) == "recipes"


def test_singular_and_plural_come_from_the_dictionary() -> None:
    assert forms.singular("lenses") == "lens"
    assert forms.singular("supplies") == "supply"
    assert forms.plural("child") == "children"
    assert forms.plural("person") == "people"
    assert forms.plural("staff") == "staff"


def test_a_pasted_blob_read_as_a_word_is_not_kept() -> None:
    # A hostile idea's 20,000-character "word" reaches `singular` through the plan path; kept,
    # 16,384 of them held ~600 MB for good. Only short words are kept.
    def kept() -> int:
        caches = [getattr(forms, name) for name in dir(forms)]
        return sum(c.cache_info().currsize for c in caches if hasattr(c, "cache_info"))

    before = kept()
    blob = "zq" * 10_000
    assert forms.singular(blob) == blob
    assert kept() == before
    assert forms.singular("lenses") == "lens"


@pytest.mark.parametrize(
    ("idea", "kind"),
    [
        ("Pomodoro timer: 25 minutes of focus, then a 5 minute break", "timer"),
        ("A mortgage calculator where you enter the loan amount", "calculator"),
        ("A metronome app for drummers with tap tempo", "sound"),
        ("A landing page for my candle business with an email signup", "page"),
        ("A trivia game for our pub quiz nights", "game"),
        ("An app to calculate what each flatmate owes", "calculator"),
    ],
)
def test_the_product_named_as_a_timer_or_game_is_that_kind(idea: str, kind: str) -> None:
    found = by_words(read(idea))
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "idea",
    [
        "Board game cafe: track the game library, table bookings and events",
        "A habit tracker with daily habits and streaks",
        "A dog-walking app for busy owners: dogs, walkers, walks and payments",
        "Run our five-a-side league: teams, fixtures and scores",
        "A game tracker for my kids' football: games, scores and players",
        "Poker night log: games, buy-ins and winnings",
    ],
)
def test_record_keeping_ideas_are_no_other_kind(idea: str) -> None:
    assert by_words(read(idea)) is None


def test_the_bundled_embeddings_tell_a_timer_offline() -> None:
    found = by_meaning("something that counts down my focus minutes and rings when time is up")
    assert found is not None and found.name == "timer"
    assert by_meaning("keep track of our customers, their orders and payments") is None
    # Hats sit near metronomes in the embedding space; that is no reason to refuse a shop.
    assert by_meaning("an app for hats") is None


def test_word_lists_are_checked_when_read() -> None:
    good: dict[str, object] = {
        name: "word"
        for name in (
            "attributes",
            "listed_details",
            "generic",
            "organisations",
            "text_identifiers",
            "brands",
            "prefixes",
            "empty_verbs",
            "wanting_verbs",
            "asking_verbs",
            "times",
            "keeping_verbs",
            "vague",
            "people",
            "fillers",
            "not_records",
            "collections",
            "clipped",
            "occasions",
            "using_verbs",
            "umbrellas",
            "detail_verbs",
            "one_of",
            "asides",
        )
    }
    assert "word" in parse_lexicon(good).attributes
    with pytest.raises(LexiconError, match="repeats"):
        parse_lexicon({**good, "brands": "uber uber"})
    with pytest.raises(LexiconError, match="lowercase"):
        parse_lexicon({**good, "generic": "App"})
    with pytest.raises(LexiconError, match="unknown"):
        parse_lexicon({**good, "verbs": "run"})
    # the verbs a list of details is said with are data, checked as the rest
    with pytest.raises(LexiconError, match="missing lists: \\['detail_verbs'\\]"):
        parse_lexicon({k: v for k, v in good.items() if k != "detail_verbs"})
    with pytest.raises(AppKindsError):
        parse_app_kinds(
            {"records": "keep records", "record_products": "log", "kind": [{"name": "records"}]}
        )


def test_one_pipeline_serves_many_threads() -> None:
    ideas = [f"Track {n} clients, invoices and payments for my studio" for n in range(8)]
    results: dict[int, tuple[str, ...]] = {}

    def work(n: int) -> None:
        reading = read(ideas[n])
        results[n] = tuple(reading.phrases[i].head for i in reading.lists[0])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results.values()) == {("client", "invoice", "payment")}


def test_names_spelt_differently_are_one_name() -> None:
    assert closest("checkin", ["check-in", "order"]) == "check-in"
    assert same_name("wait list", "waitlist")
    assert closest("invoice", ["client", "shoot"]) is None


def test_a_word_with_two_slips_is_read_as_the_ideas_own_spelling() -> None:
    assert spelling.correction("memmbres", ["members", "classes"]) == "members"
    assert spelling.correction("memmbres") == "memmbres"  # no guess without evidence


def test_without_the_pipeline_plans_still_come_from_the_sentence_patterns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from livebuild.brief.derive import derive_brief
    from livebuild.english import nlp

    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("no_such_pipeline",))
    monkeypatch.setattr(nlp, "_pipeline", None)
    read.cache_clear()
    try:
        brief = derive_brief("A CRM for freelance photographers: clients, shoots and invoices")
    finally:
        read.cache_clear()
    assert [e.plural for e in brief.entities] == ["Clients", "Shoots", "Invoices"]
