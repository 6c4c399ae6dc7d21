"""How a list's numbers add up, from a detail's kind and the words of its name.

A total only means something for what adds up: money, quantities, hours, distances ("Price",
"Hours worked", "Guests", "Distance (km)"). A rating, an age or a temperature reads right as
an average; a year, a reference number or "Water every (days)" neither adds nor averages, so
the app shows no figure for it rather than a meaningless one.
"""

from __future__ import annotations

import re
from typing import Literal

from livebuild.english.forms import is_plural
from livebuild.english.inflections import all_lemmas
from livebuild.english.lexicon import lexicon
from livebuild.english.shape_words import shape_words
from livebuild.english.words import wordset

Totalled = Literal["sum", "average", ""]

# Words for how often something recurs: "Water every (days)" is an interval, not an amount.
_OFTEN = wordset("every frequency interval often recurring repeat repeats cycle")
# Words that make a value one of each ("price per night", "miles per gallon"): a rate.
_EACH = wordset("per each hourly nightly daily weekly rate rates average avg mean")
# Words naming a level, grade or state of one thing: an average reads right, a sum doesn't.
_LEVELS = wordset(
    """rating ratings score scores star stars grade grades level levels age ages temperature
    temperatures pressure speed height heights size sizes reading readings measurement
    measurements priority difficulty satisfaction mood percentage percent progress length
    lengths width widths depth depths bpm rpm pulse"""
)
# Words for the most one thing holds ("Capacity", "Max people", "Places"): what each class or
# room can take, never a quantity that adds up across them; an average reads right.
_LIMITS = wordset("capacity max maximum limit limits places spots")
# Units that measure a state, not an amount: degrees and percentages never add up.
_STATE_UNITS = wordset("degree degrees celsius fahrenheit percent mph kph psi bpm rpm db")
# Words naming where something sits or which one it is: neither a sum nor an average.
_PLACES = wordset(
    """year years rank ranking position order sequence floor room row seat table version
    model edition number no ref reference id code lot bay slot page"""
)
# Measured amounts that add up across records ("distance", "time spent").
_AMOUNTS = wordset(
    """distance distances mileage duration volume weight weights area hours minutes time spent
    amount amounts total totals value quantity quantities count counts headcount
    sales revenue income spend spending"""
)


def _words(label: str) -> tuple[list[str], list[str]]:
    """The words of a label outside brackets, and all of its words: "Distance (km)" ->
    (["distance"], ["distance", "km"])."""
    lower = label.lower().replace("_", " ")
    outside = re.sub(r"\([^)]*\)", " ", lower)
    return re.findall(r"[a-z][a-z'-]*", outside), re.findall(r"[a-z][a-z'-]*", lower)


def how_totalled(label: str, kind: str) -> Totalled:
    """ "sum" when a list's values of this detail add up, "average" when their mean reads
    right, "" when neither does; only money and numbers are ever totalled."""
    if kind not in ("money", "number"):
        return ""
    main, every = _words(label)
    if not every:
        return "sum" if kind == "money" else ""
    head = _head(main or every)
    if any(w in _OFTEN for w in every):
        return "average" if kind == "money" else ""
    if any(w in _EACH for w in every):
        return "average"
    if kind == "money":
        return "sum"
    if main[:1] == ["number"] and "of" in main:
        return "sum"  # "Number of guests": a count
    if main[:1] and main[0] in _AFTER:
        return "sum"  # "In stock", "On hand": how many are there
    return _number(head, every)


# Words after a detail's noun that open a phrase about it ("quantity *in* stock").
_AFTER = wordset("in on at for from to by with of")


def _head(words: list[str]) -> str:
    """The noun a label names: "Quantity in stock" -> "quantity", "Hours worked" -> "hours",
    "Year built" -> "year" (a past form after the noun says what was done, not what it is)."""
    cut = next((i for i, w in enumerate(words) if i and w in _AFTER), len(words))
    kept = words[:cut]
    while len(kept) > 1 and _done(kept[-1]):
        kept.pop()
    return kept[-1]


def _done(word: str) -> bool:
    verbs = all_lemmas(word).get("VERB", ())
    return bool(verbs) and word not in verbs and "NOUN" not in all_lemmas(word)


def _number(head: str, every: list[str]) -> Totalled:
    listed = shape_words()
    if head in lexicon().text_identifiers or head in _PLACES:
        return ""  # "Order number", "Year", "Room"
    if head in _LEVELS or any(w in _STATE_UNITS or w in _LIMITS for w in every):
        return "average"  # "Rating", "Age", "Temperature (°C)"
    if head in _AMOUNTS or head in listed["counted"] or head in listed["money_words"]:
        return "sum"
    if any(w in listed["units"] for w in every):
        return "sum"  # "Weight (kg)", "Time (hours)", "Run (miles)"
    if head in listed["measured"]:
        return "average"
    # "Guests", "Pages read", "Bags": a plural noun counts things, and counts add up.
    counted = [w for w in every if w not in listed["function"]]
    if counted and any(is_plural(w) for w in counted[-2:]):
        return "sum"
    return ""
