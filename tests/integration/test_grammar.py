"""Everything the offline code writes reads as good English, whatever nouns the idea brings:
articles ("an order"), counts ("1 record", "2 records"), and people vs things."""

from __future__ import annotations

import html
import re
import urllib.parse
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from livebuild.appgen import app_files
from livebuild.brief import Brief, derive_brief
from livebuild.core.stages import Stage
from livebuild.english.grammar import article, counted, is_person
from livebuild.guide.offline import offline_changelog, offline_docs
from livebuild.narration.offline import offline_narration
from livebuild.screenshots.browser import LAUNCH_ARGS, find_chromium
from tests.integration.test_appgen import fetch, running_app, write_app

CHROMIUM = find_chromium(None)
STATIC_JS = Path(__file__).parents[2] / "livebuild" / "web" / "static" / "dom.js"

IDEAS = (
    "An order tracker for my online tea shop: orders, invoices and umbrellas we lend out",
    "Help my small team handle customer refund requests with an approval status",
    "HR tool to keep track of employees, their leave requests and performance reviews",
    "A CRM for freelance photographers: clients, shoots and invoices in one place",
    "i want to track my houseplants and when i last watered them",
    "Book a dog walker near you. Owners post walks, walkers accept them and get paid.",
    "Inventory app for my bike repair shop — track parts, repair jobs and customer bikes.",
    "A baby sleep journal for new parents: log naps, night wakings and feeds",
    "Log every experiment in our lab: each experiment has an owner, an outcome and a date",
    "Manage events, attendees and venues for a small conference",
    "An app for animal shelters to track animals, adopters and intake appointments",
    "Track equipment loans for a school: items, users and upgrades",
    "A volunteer rota for a food bank: volunteers, shifts and allergies",
    "Keep a log of hours worked on each project for my agency",
    "Marketplace for home bakers to sell cakes, cookies and sourdough to their neighbours",
    "Schedule appointments for a dental clinic with patients, dentists and invoices",
    "An expense tracker for my household: expenses, accounts and an emergency fund",
    "Track issues, epics and releases for our engineering team",
    "A reading journal: books I've read, authors and excerpts I loved",
    "Record orchard harvests: apple varieties, orchards and estimates per acre",
)

BAD_PATTERNS = {
    "a before a vowel": re.compile(r"\b[Aa] (?=[aeioAEIO])\w+"),
    "an before a consonant": re.compile(r"\b[Aa]n (?=[bcdfgjklmnpqrstvwxz])\w+"),
    "one of a plural": re.compile(r"(?<![\w.$£€,:/#-])1 (?![a-z]*(?:ss|us|is)\b)[a-z]+s\b"),
    "seconds after 1": re.compile(r"\babout 1 seconds\b"),
}
PERSON_PHRASES = (
    re.compile(r"\b(?:every|each) (\w+(?: \w+)?) with (its|their)\b", re.I),
    re.compile(r"\b(who|what) your (\w+(?: \w+)?) are\b", re.I),
)
# Inline elements run into the words around them; blocks and cells stand apart.
_INLINE = re.compile(r"</?(?:span|a|strong|em|b|i|small|code|label)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(_TAG.sub("\n", _INLINE.sub("", page)))


def problems(text: str) -> list[str]:
    found = [
        f"{what}: {match.group(0)!r}"
        for what, pattern in BAD_PATTERNS.items()
        for match in pattern.finditer(text)
    ]
    for match in PERSON_PHRASES[0].finditer(text):
        person = is_person(match.group(1))
        if (match.group(2).lower() == "their") != person:
            found.append(f"people vs things: {match.group(0)!r}")
    for match in PERSON_PHRASES[1].finditer(text):
        if (match.group(1).lower() == "who") != is_person(match.group(2)):
            found.append(f"people vs things: {match.group(0)!r}")
    return found


def founder_texts(brief: Brief, previous: Brief) -> list[str]:
    texts = [offline_docs(brief), offline_changelog(brief, previous, None)]
    for stage in Stage:
        texts += [offline_narration(brief, stage), offline_narration(brief, stage, attempt=2)]
    return texts


def test_the_rules_themselves() -> None:
    assert [article(w) for w in ("order", "invoice", "umbrella", "item", "apple")] == ["an"] * 5
    assert [article(w) for w in ("user", "unit", "one-off", "European", "walker")] == ["a"] * 5
    assert article("hour") == "an" and article("HR request") == "an" and article("URL") == "a"
    assert counted(1, "record", "records") == "1 record"
    assert counted(0, "record", "records") == "0 records"
    assert counted(2, "record", "records") == "2 records"
    assert is_person("Walkers") and is_person("dentist") and is_person("Employees")
    assert not is_person("Repair jobs") and not is_person("Customer bikes")


def test_bad_patterns_are_caught() -> None:
    assert problems("Add a order. 1 records in total. Usually about 1 seconds.") != []
    assert len(problems("keep every walker with its name")) == 1
    assert problems("Add an order. 1 record, 2 records. a user. every part with its cost") == []


@pytest.mark.parametrize("index", range(len(IDEAS)))
def test_founder_and_app_text_is_grammatical(tmp_path: Path, index: int) -> None:
    idea = IDEAS[index]
    brief = derive_brief(idea)
    previous = derive_brief(IDEAS[index - 1])
    texts = founder_texts(brief, previous)
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        pages = ["/", "/dashboard", "/about", "/nope"]
        for entity in brief.entities:
            pages += [f"/{entity.slug}", f"/{entity.slug}/new", f"/{entity.slug}/1"]
            pages.append(f"/{entity.slug}?q=zzz-no-match")
        texts += [visible_text(fetch(base + path)[1]) for path in pages]
        # Down to one record and then none: the counters must follow.
        first = brief.entities[0]
        ids = re.findall(
            rf'href="/{re.escape(first.slug)}/(\d+)"', fetch(f"{base}/{first.slug}")[1]
        )
        for record_id in sorted(set(ids))[1:]:
            fetch(f"{base}/{first.slug}/{record_id}/delete", form={})
        listing = fetch(f"{base}/{first.slug}")[1]
        one = rf"\b1 {re.escape(first.singular.lower())}\b"
        counts = [] if re.search(one, visible_text(listing)) else [f"no {one!r} on the list"]
        texts += [visible_text(listing), visible_text(fetch(base + "/dashboard")[1])]
        texts.append(
            visible_text(
                fetch(
                    f"{base}/{first.slug}?q={urllib.parse.quote(first.seed[0][first.fields[0].name])}"
                )[1]
            )
        )
    found = counts + sorted({problem for text in texts for problem in problems(text)})
    assert found == [], f"{idea}\n" + "\n".join(found)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
async def test_feed_estimates_count_seconds_and_minutes_properly() -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = await browser.new_page()
        await page.set_content("<body></body>")
        source = STATIC_JS.read_text(encoding="utf-8")
        await page.add_script_tag(
            content=source + "\nwindow.estimateText = estimateText;", type="module"
        )
        texts = await page.evaluate("[1, 1.2, 3, 59, 60, 90, 150].map(s => estimateText(s))")
        await browser.close()
    assert texts == [
        "Usually about 1 second",
        "Usually about 1 second",
        "Usually about 3 seconds",
        "Usually about 59 seconds",
        "Usually about 1 minute",
        "Usually about 2 minutes",
        "Usually about 3 minutes",
    ]
