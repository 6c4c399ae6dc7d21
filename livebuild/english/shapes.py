"""Reading an idea's own words: the things it wants kept, and details it names about them.

A founder says what the app is about in a handful of recognisable shapes: the objects of verbs
like "track", "manage" or "book" ("track parts, repair jobs and customer bikes"), a list after a
colon or dash ("Wedding planner: guests, vendors and the budget"), the possessed noun of a
possessive ("my clients' invoices"), or the subject of an "X for Y" opening. Those phrases
become the app's records; words that describe a record ("priority", "due date") become its
fields instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from livebuild.english.shape_lists import (
    DATES,
    DETERMINERS,
    FIELD_WORDS,
    FUNCTION,
    GENERIC,
    NOUN_LIKE,
    TRIGGERS,
    Thing,
    list_at,
    noun_phrase,
    subject_verb,
    thing_of,
    tokens_of,
    verb_of,
)
from livebuild.english.shape_words import shape_words
from livebuild.english.words import VERBS, singular

__all__ = ["FUNCTION", "GENERIC", "Shapes", "Thing", "chosen_things", "read_shapes"]

_WORDS = shape_words()
# Verbs that mean a record of a transaction exists too ("sell cakes" -> orders).
IMPLIED = _WORDS.table("implied")
# A clause that opens with its subject ("I run a tiny bakery", "We're a repair cafe") says who
# the founder is, not what the app keeps.
_SUBJECTS = _WORDS["subjects"]
# Details that, listed among the things to keep, are records of their own ("keep guests,
# vendors and the budget": the budget is a list of expenses).
_DETAIL_RECORDS = _WORDS.table("detail_records")

_SEGMENT_BREAK = re.compile(r"[.!?;\n]+")


@dataclass
class Shapes:
    """The shapes an idea's sentences make: things kept, implied, details, kinds sold or lent."""

    things: list[Thing]
    implied: list[str]
    hints: list[str]
    sold: list[str]
    # Kinds of one thing lent out ("lend my ladder, drill and lawnmower").
    lent: list[str] = field(default_factory=list)


def read_shapes(text: str) -> Shapes:
    """The things `text` wants kept, by its sentence shapes (one pass over its clauses)."""
    found = Shapes([], [], [], [])
    offset = 0
    for clause in _SEGMENT_BREAK.split(text):
        tokens = tokens_of(clause)
        in_verb_clause = False
        i = 0
        while i < len(tokens):
            i, listed = _step(tokens, i, found)
            in_verb_clause = in_verb_clause or listed
        if not in_verb_clause and tokens:
            _opening(tokens, offset, found)
        # (A date is the record's own detail: "test dates" gave the tests one above.)
        found.hints.extend(t for t in tokens if t in FIELD_WORDS and t not in DATES)
        offset += len(tokens) + 1
    return found


def _step(tokens: list[str], i: int, found: Shapes) -> tuple[int, bool]:
    """Read what the word at `i` opens into `found`: where to go on, and whether a verb or
    colon listed things there."""
    token = tokens[i]
    verb = verb_of(token)
    # "keep a log of", "keep track of": the noun is a verb in disguise.
    if token in ("log", "track", "record", "list") and tokens[i + 1 : i + 2] == ["of"]:
        verb, i = token, i + 1
    before = tokens[i - 1] if i > 0 else ""
    # "a book club", "vinyl record": a noun that happens to be spelled like a verb.
    after_determiner = before in DETERMINERS or (
        token in NOUN_LIKE
        and before.isalpha()
        and before not in FUNCTION
        and not before.endswith("s")
    )
    followed_by_colon = i + 1 < len(tokens) and tokens[i + 1] == ":"
    if verb and token.endswith("s") and token not in TRIGGERS:
        verb = None
    # "our hackerspace runs workshops", "my bakery sells bread": a verb after all.
    verb = subject_verb(tokens, i) or verb
    if verb and not after_determiner and not followed_by_colon:
        return _verb_objects(tokens, i, verb, found)
    if token == ":":
        items, end = list_at(tokens, i + 1, 3, "")
        found.things.extend(items)
        return max(end, i + 1), bool(items)
    if token in ("with", "from", "to", "including") and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        # "to suppliers", "to their tenants"; not "to water the plants".
        to_noun = token != "to" or nxt in DETERMINERS or nxt.endswith("s")
        if to_noun and (not verb_of(nxt) or nxt in FIELD_WORDS):
            items, end = list_at(tokens, i + 1, 2, "")
            found.things.extend(items)
            return max(end, i + 1), False
    if token in ("has", "have", "had") and verb_of(tokens[i + 1] if i + 1 < len(tokens) else ""):
        return i + 1, False  # "neighbours have borrowed my ladder": the verb that follows counts
    if token in ("has", "have", "needs", "shows") and found.things:
        _, end = list_at(tokens, i + 1, 1, "")
        found.hints.extend(tokens[i + 1 : end])
        return max(end, i + 1), False
    return i + 1, False


def _verb_objects(tokens: list[str], i: int, verb: str, found: Shapes) -> tuple[int, bool]:
    """The things listed after the verb at `i` ("track parts, repair jobs and bikes")."""
    start = i + 1
    if start < len(tokens) and tokens[start] in ("out", "up"):
        start += 1
    items, end = list_at(tokens, start, 3, verb)
    umbrella = len(items) == 1 and not items[0].said.endswith("s")
    if umbrella and tokens[end : end + 1] == [":"]:
        # "organise the school fete: stalls, volunteers…": the fete is what the list is
        # about, not one of the records ("my runs: …" are).
        items = []
    if verb in ("sell", "rent", "buy") and len(items) >= 2:
        found.sold.extend(t.phrase for t in items)
    if verb in ("lend", "borrow") and len(items) >= 2:
        found.lent.extend(t.phrase for t in items)
    found.things.extend(items)
    if verb in IMPLIED:
        found.implied.append(IMPLIED[verb])
    return max(end, i + 1), bool(items)


def _opening(tokens: list[str], offset: int, found: Shapes) -> None:
    """The clause's opening noun phrase, when it names more than the kind of product
    ("Restaurant table reservations with a waitlist", "Equipment checkout for our school")."""
    words, _ = noun_phrase(tokens, 0)
    # "Remind me to water my plants": an opening verb is a request, not a thing.
    imperative = tokens[0] in VERBS or verb_of(tokens[0]) is not None
    about_us = tokens[0] in _SUBJECTS
    opening = None if imperative or about_us else thing_of(words, 1, offset, "")
    if opening is not None:
        found.things.append(opening)
    if tokens[0] not in FUNCTION or tokens[:1] == ["a"]:
        for_at = tokens.index("for") if "for" in tokens else -1
        if for_at > 0 and opening is None:
            words, _ = noun_phrase(tokens, for_at + 1)
            target = thing_of(words, 0, offset + for_at, "")
            if target is not None:
                found.things.append(target)


def is_field_word(thing: Thing) -> bool:
    return thing.head in FIELD_WORDS or singular(thing.head) in FIELD_WORDS


def _as_record(thing: Thing) -> Thing:
    """A detail named as one of the things to keep, as the record it stands for."""
    record = _DETAIL_RECORDS.get(thing.said) if thing.weight >= 3 else None
    if record is None:
        return thing
    return Thing((record,), thing.weight, thing.position, thing.verb, thing.hints)


def chosen_things(reading: Shapes, limit: int = 3) -> list[Thing]:
    """The things the app keeps, strongest evidence first, without repeats or details."""
    candidates = [
        record
        for thing in reading.things
        if (record := _as_record(thing)) is not thing or not is_field_word(thing)
    ]
    ranked = sorted(candidates, key=lambda t: (-t.weight, t.position))
    chosen: list[Thing] = []
    taken: set[str] = set()
    for thing in ranked:
        if thing.weight == 0 and chosen:
            continue
        if any(w in taken for w in thing.words):
            continue
        chosen.append(thing)
        taken.update(thing.words)
        if len(chosen) == limit:
            break
    return sorted(chosen, key=lambda t: t.position)
