"""The offline guide describes the app that was built: its pages, search and dashboard as
features, the idea's other wishes only as planned, and nobody who doesn't exist."""

from __future__ import annotations

import re
from dataclasses import replace

from livebuild.brief import Entity, Field, derive_brief, shipped_catalogue
from livebuild.guide.offline import offline_changelog, offline_docs

DOG_IDEA = "A dog walking marketplace that lets owners book vetted walkers and pay in the app"
REFUNDS = (
    "Help my small team handle customer refund requests. Each refund has an order number, "
    "amount, reason and approval status. Managers get an email reminder every Monday."
)


def section(docs: str, title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", docs, re.S | re.M)
    assert match is not None, title
    return match.group(1)


def test_features_are_what_the_app_does_and_wishes_are_planned() -> None:
    for idea in (DOG_IDEA, REFUNDS):
        brief = derive_brief(idea)
        features = section(offline_docs(brief), "Features")
        built, _, planned = features.partition("**Planned**")
        for entity in brief.entities:
            assert f"- **{entity.plural}** \u2014 add, edit and delete" in built
        assert "- **Dashboard**" in built and "- **Search**" in built
        wishes = [
            f
            for f in brief.features
            if not f.lower().startswith(("add, edit", "search", "a dashboard"))
        ]
        assert wishes, "the idea asks for more than the app does"
        for wish in wishes:
            assert wish.lower() not in built.lower()
            assert f"- {wish}" in planned


def test_the_guide_names_nobody_it_made_up() -> None:
    people = shipped_catalogue().people
    for idea in (DOG_IDEA, REFUNDS, "i want to track my houseplants"):
        docs = offline_docs(derive_brief(idea))
        assert not [name for name in people if name in docs]
        assert not re.search(r"\u201c[^\u201d]+\u201d\s*\u2014\s*[A-Z][a-z]+ [A-Z]", docs)


def test_a_tool_that_opens_on_its_list_says_so() -> None:
    docs = offline_docs(derive_brief(REFUNDS))
    assert "It opens on your refunds" in section(docs, "Getting Started") or (
        "It opens on your refund requests" in section(docs, "Getting Started")
    )
    landing = offline_docs(derive_brief(DOG_IDEA))
    assert "The home page shows what it can do" in section(landing, "Getting Started")


def test_who_it_is_for_reads_mid_sentence() -> None:
    guide = offline_docs(derive_brief("A repair shop tracker for a bike mechanic: parts and bikes"))
    assert "made for A " not in guide and "made for a bike mechanic" in guide.lower()


def test_emoji_the_pdf_cannot_draw_are_left_out_with_their_spaces() -> None:
    from livebuild.guide.glyphs import drawable, without_emoji

    assert without_emoji("Pawfect \U0001f436 Walks") == "Pawfect Walks"
    assert without_emoji("**\U0001f436 Dogs** \u2014 kept") == "**Dogs** \u2014 kept"
    # Skin tones, joined families, flags and selectors go whole; indentation stays.
    assert without_emoji("  - \u2705 Done \U0001f44d\U0001f3fd.") == "  - Done."
    assert without_emoji("a \U0001f468\u200d\U0001f469\u200d\U0001f467 b") == "a b"
    assert without_emoji("\U0001f1eb\U0001f1f7 Paris \u2764\ufe0f") == "Paris"
    # What isn't emoji is untouched, hard line breaks and arrows included.
    assert without_emoji("Caf\u00e9 \u2192 na\u00efve  \nx") == "Caf\u00e9 \u2192 na\u00efve  \nx"
    assert drawable("a \U0001f436", emoji=True) == "a \U0001f436"
    assert drawable("a \U0001f436", emoji=False) == "a"


def test_a_title_named_after_its_record_is_not_listed_as_one_of_its_details() -> None:
    brief = derive_brief(
        "I run a small bike repair stand at the farmers market on Sundays. Want to log each "
        "repair: whose bike, what was wrong, parts used and what they paid. Also keep a list "
        "of regulars."
    )
    features = section(offline_docs(brief), "Features")
    for entity in brief.entities:
        line = next(x for x in features.splitlines() if x.startswith(f"- **{entity.plural}**"))
        kept = line.split(" keeps ", 1)[1]
        assert not kept.startswith(f"its {entity.singular.lower()},"), line
        assert kept.rstrip(".").endswith(entity.fields[-1].label.lower()), line


def test_getting_started_names_the_form_fields_as_the_form_labels_them() -> None:
    part = Entity(
        "Part",
        "Parts",
        "parts",
        (
            Field("part", "Part", "text"),
            Field("in_stock", "In stock", "number"),
            Field("price", "Price", "money"),
            Field("notes", "Notes", "longtext"),
        ),
        ({"part": "Chain", "in_stock": "4", "price": "12"},),
    )
    brief = replace(derive_brief("Bike repair shop: parts"), entities=(part,))
    steps = section(offline_docs(brief), "Getting Started")
    assert (
        "Press **Add part**, fill in **Part** and, if you like, **In stock**, **Price** and "
        "**Notes**. Fields marked * are required." in steps
    )
    assert "the in stock" not in steps.lower()


def test_a_label_typed_with_markdown_marks_reads_as_typed_in_getting_started() -> None:
    from livebuild.guide.render import markdown_html

    odd = Entity(
        "Part",
        "Parts",
        "parts",
        (Field("part", "Part", "text"), Field("size", "**Size_mm <b>", "number")),
        ({"part": "Chain"},),
    )
    steps = section(
        offline_docs(replace(derive_brief("parts"), entities=(odd,))), "Getting Started"
    )
    shown = markdown_html(steps)
    # Bold, and the label's own stars, underscore and angle brackets as the founder typed them.
    assert "<strong>**Size_mm &lt;b&gt;</strong>" in shown, shown


def test_a_new_tagline_in_whats_new_ends_with_one_full_stop() -> None:
    # It read "New tagline: “Keep track of venues, gigs and songs.”." in the guide and PDF.
    before = derive_brief("Wedding DJ: bookings with venue, date and package")
    after = replace(before, tagline="Keep track of venues, gigs and songs.")
    changelog = offline_changelog(after, before, "rename bookings to gigs")
    assert "\u201cKeep track of venues, gigs and songs.\u201d" in changelog
    assert ".\u201d." not in changelog


def test_a_yes_or_no_detail_reads_as_one_in_the_features() -> None:
    # "each student keeps their name and enrolled": a yes-or-no detail read as a thing kept.
    brief = derive_brief("A class register: students (name, enrolled) and lessons")
    students = Entity(
        "Student",
        "Students",
        "students",
        (Field("name", "Name", "text"), Field("enrolled", "Enrolled", "boolean")),
        (),
    )
    features = section(offline_docs(replace(brief, entities=(students,))), "Features")
    line = next(x for x in features.splitlines() if x.startswith("- **Students**"))
    assert line.endswith("each student keeps their name and whether enrolled."), line


def test_a_yes_or_no_detail_said_with_its_verb_reads_as_one_in_the_features() -> None:
    # "each driver keeps their name and whether can drive": a label that starts with its verb
    # ("Can drive", as the change readers make it) is said as it is, not after "whether".
    brief = derive_brief("A lift share: drivers (name, can drive) and rides")
    drivers = Entity(
        "Driver",
        "Drivers",
        "drivers",
        (
            Field("name", "Name", "text"),
            Field("can_drive", "Can drive", "boolean"),
            Field("is_active", "Is active?", "boolean"),
            Field("has_paid", "Has paid", "boolean"),
            Field("needs_a_lift", "Needs a lift", "boolean"),
            Field("insured", "Insured", "boolean"),
        ),
        (),
    )
    guide = offline_docs(replace(brief, entities=(drivers,)))
    line = next(x for x in section(guide, "Features").splitlines() if x.startswith("- **Dri"))
    assert line.endswith(
        "each driver keeps their name, can drive, is active, has paid, needs a lift and"
        " whether insured."
    ), line
    assert re.search(r"whether (?:can|is|has|needs)\b", guide, re.I) is None, guide
