"""Either of two things the founder logs: "any accidents or incidents", "every rescue or
call-out". A list joined by "or" is usually the options of one detail ("burial or cremation",
"a bath or a full groom"), but said in the plural or counted one by one it is what the founder
keeps many of: one kind of record, named by its first item; the others are that kind again."""

from __future__ import annotations

import re

from livebuild.english.reading import Phrase, Reading


def _before(reading: Reading, phrase: Phrase) -> Phrase | None:
    """The item before `phrase` in its list, if it is one of the same alternatives."""
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    items = next((i for i in reading.lists if at in i), (at,))
    place = items.index(at) if at in items else 0
    before = reading.phrases[items[place - 1]] if place else None
    return before if before is not None and before.alternative else None


def _many(reading: Reading, phrase: Phrase) -> bool:
    if not phrase.alternative or phrase.bracketed:
        return False
    # (Counted right before it: "every rescue"; not "visits, each a trim or a full wash".)
    counted = rf"\b(?:each|every)\s+{re.escape(phrase.written)}\b"
    return phrase.plural or bool(re.search(counted, reading.fixed.lower()))


def counted_either(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` opens alternatives said in the plural or counted ("*any accidents* or
    incidents", "*every rescue* or call-out"): a kind of record."""
    return _many(reading, phrase) and _before(reading, phrase) is None


def the_other_either(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` is a later one of such alternatives ("accidents or *incidents*"): the
    same kind of record as the first, not one of its own."""
    first = _before(reading, phrase)
    while first is not None and _before(reading, first) is not None:
        first = _before(reading, first)
    return phrase.alternative and first is not None and _many(reading, first)
