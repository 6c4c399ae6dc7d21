"""The idea is read once into a typed reading, and the plan is written from it alone."""

from __future__ import annotations

import pytest

from livebuild.brief.derive import derive_brief
from livebuild.brief.plan import offline_plan
from livebuild.brief.readable import UnreadableIdea, check_readable
from livebuild.english import idea as idea_module
from livebuild.english.idea import MAX_PARSE_CHARS, read_once
from livebuild.english.shape_words import ShapeWordsError, parse_shape_words, shape_words
from livebuild.english.shapes import read_shapes

IDEA = (
    "A booking app called Pup Pals for busy dog owners. It lets owners book vetted walkers, "
    "track walks and keep each dog's vaccinations with their due dates."
)


def test_the_reading_holds_what_the_plan_needs() -> None:
    reading = read_once(IDEA)
    assert reading.names[0] == "Pup Pals"
    assert read_once("A recipe box for busy parents to plan meals.").for_whom.strip() == (
        "busy parents"
    )
    assert "called" not in reading.described.lower()
    heads = {t.head for t in reading.shapes.things}
    assert {"walker", "walk", "vaccination"} <= heads
    assert "Book vetted walkers" in reading.features
    assert "owners" in reading.words and "owners" in reading.said


def test_the_plan_from_a_given_reading_is_the_plan_from_the_idea() -> None:
    reading = read_once(IDEA)
    assert derive_brief(IDEA, reading=reading) == derive_brief(IDEA)
    assert offline_plan(IDEA).product_name == "Pup Pals"


def test_a_reading_of_another_idea_is_not_used() -> None:
    other = read_once("A tracker for my vinyl records and the shops I buy them from.")
    assert derive_brief(IDEA, reading=other) == derive_brief(IDEA)


def test_the_plan_reads_the_idea_once(monkeypatch: pytest.MonkeyPatch) -> None:
    idea = "Keep track of the beehives, inspections and honey harvests of our club."
    read_once.cache_clear()
    calls: list[str] = []

    def counted(text: str) -> object:
        calls.append(text)
        return read_shapes(text)

    monkeypatch.setattr(idea_module, "read_shapes", counted)
    brief = offline_plan(idea)
    assert len(calls) == 1
    assert {e.plural for e in brief.entities} >= {"Beehives", "Inspections"}


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script> track clients " * 400,
        "🐝🍯 hives, harvests and inspections 🐝",
        "\x00\x1f track \ud800 invoices",
        "",
    ],
)
def test_hostile_ideas_are_read_without_error(hostile: str) -> None:
    reading = read_once(hostile)
    assert len(reading.written) <= MAX_PARSE_CHARS * 2
    assert "<script>" not in reading.described


def test_the_shape_word_lists_are_checked_data() -> None:
    words = shape_words()
    assert "track" in words["triggers"] and words.table("implied")["sell"] == "sale"
    good = {name: " ".join(sorted(words[name])) for name in words.lists}
    tables: dict[str, object] = dict(words.tables)
    parse_shape_words({**good, **tables})
    with pytest.raises(ShapeWordsError, match="not lowercase"):
        parse_shape_words({**good, **tables, "triggers": "Track"})
    with pytest.raises(ShapeWordsError, match="repeats"):
        parse_shape_words({**good, **tables, "triggers": "track track"})
    with pytest.raises(ShapeWordsError, match="unknown"):
        parse_shape_words({**good, **tables, "extra": "word"})
    with pytest.raises(ShapeWordsError, match="missing"):
        parse_shape_words({k: v for k, v in {**good, **tables}.items() if k != "verbs"})
    with pytest.raises(ShapeWordsError, match="not lowercase"):
        parse_shape_words({**good, **tables, "implied": {"Sell": "order"}})


@pytest.mark.parametrize(
    ("idea", "reason"),
    [
        ("一个用于管理客户和发票的应用程序", "language"),
        ("Une application pour gérer mes clients et les factures", "language"),
        ("hi", "vague"),
        ("<b>asdf</b> qwrtzp", "vague"),
    ],
)
def test_the_gate_asks_the_reading(idea: str, reason: str) -> None:
    reading = read_once(idea)
    with pytest.raises(UnreadableIdea) as raised:
        check_readable(idea, reading)
    assert raised.value.reason == reason
    check_readable(IDEA, read_once(IDEA))  # a plain English idea passes
