"""Options added to a choice the plan has, read by what the request names: "donation methods -
PayPal, JustGiving, standing order", "we've started doing Ashtanga and Restorative as well,
can they be styles?". Values come from quotes, a list after a colon or dash, or the words
either side of an "and"; a clause is never an option.
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import key
from livebuild.brief.change_ops import AddChoices, Operation
from livebuild.brief.change_request import (
    SMALL,
    Request,
    owned_fields,
    plain_name,
    resolve_phrase,
)
from livebuild.brief.change_wordlists import words
from livebuild.brief.model import Brief

_STOP = SMALL | frozenset(words().lists.list_edge)
LISTED = re.compile(r"(?::|\s-\s|\u2014|\u2013)\s*(?P<items>[^:]+)$")


def _items(tokens: list[str]) -> list[str]:
    """The values of a list said in passing: "doing Ashtanga and Restorative as well"."""
    joins = [at for at, w in enumerate(tokens) if w.lower() in ("and", "or", "&")]
    if not joins:
        return []
    at = joins[-1]
    right: list[str] = []
    for word in tokens[at + 1 :]:
        if word.lower() in ("a", "an", "the") and not right:
            continue
        if word.lower() in _STOP or word == ",":
            break
        right.append(word)
    left: list[str] = []
    for word in reversed(tokens[:at]):
        if word.lower() in _STOP or word == ",":
            break
        left.insert(0, word)
    return [" ".join(left[-3:]), " ".join(right)] if left and right else []


def _trimmed(value: str) -> str:
    """An option without the words around it: "add also Waitlisted" is Waitlisted."""
    words = value.split()
    while words and words[0].lower() in _STOP:
        words.pop(0)
    while words and words[-1].lower() in _STOP:
        words.pop()
    return " ".join(words)


def _without_owner(value: str, owner: set[str]) -> str:
    words = value.split()
    while words and key(words[-1]) in owner:
        words.pop()
    return " ".join(words)


def listed_choices(brief: Brief, request: Request) -> list[Operation]:
    """The options `request` adds to the one choice field it names; none when unsure."""
    listed = LISTED.search(request.text)
    # A name inside the values ("Paid by card") is a value, not the choice they go to.
    fields = [
        f
        for f in owned_fields(request)
        if f.field is not None
        and f.field.kind == "choice"
        and not any(a <= f.at[0] < b for a, b in request.quoted_at)
        and not (listed is not None and f.at[0] >= listed.start("items"))
    ]
    if len(fields) != 1:
        return []
    named = fields[0]
    assert named.field is not None
    values = [q for q in request.quoted if resolve_phrase(brief, q) is None]
    if not values and listed is not None:
        values = [_trimmed(v) for v in re.split(r",|\s+(?:and|or|&)\s+", listed["items"])]
        values = [v for v in values if v]
    if not values:
        values = _items(re.findall(r"[\w'-]+|,", request.text))
    # "Rescheduled lessons": the record kind said after a value is not part of it.
    owner = {key(named.entity.plural), key(named.entity.singular)}
    values = [v for v in (_without_owner(v, owner) for v in values) if v]
    kept = {c.lower() for c in named.field.choices}
    fresh = [plain_name(v) for v in values if plain_name(v).lower() not in kept]
    fresh = [v for v in fresh if v and resolve_phrase(brief, v) is None and len(v.split()) <= 3]
    # An option is a name, not a clause: "prefer not to have" is a wish about the field.
    clause = {"not", "no", "never", "don't", "dont", "prefer", "rather"} | _STOP - SMALL
    if any(w.lower() in clause for v in fresh for w in v.split()):
        return []
    if not fresh or len(fresh) != len(values):
        return []
    return [
        AddChoices(named.entity.slug, named.field.name, tuple(v[:1].upper() + v[1:] for v in fresh))
    ]


# The last word that tells options of one series apart: "Division 2", "House C", "Year 12".
_SERIES_END = r"(?:\d{1,3}|[A-Z]|[IVX]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)"


def _next_in_series(brief: Brief, request: Request) -> list[Operation]:
    """ "Division 3 has started this season, add it": an option said beside its siblings'
    shape ("Division 1", "Division 2") is a new option of their field."""
    found: list[Operation] = []
    for entity in brief.entities:
        for field in entity.fields:
            if field.kind != "choice":
                continue
            heads = {
                c.rsplit(" ", 1)[0] for c in field.choices if re.search(rf"\s{_SERIES_END}$", c)
            }
            kept = {c.lower() for c in field.choices}
            fresh = [
                m.group(0)
                for head in sorted(heads)
                for m in re.finditer(rf"\b{re.escape(head)}\s+{_SERIES_END}\b", request.text, re.I)
                if m.group(0).lower() not in kept
            ]
            if fresh:
                found.append(AddChoices(entity.slug, field.name, tuple(dict.fromkeys(fresh))))
    return found if len(found) == 1 else []


# Said of options in passing: "we get bookings thru Vrbo and Sykes aswell", "can SUP go in the
# boat types".
_IN_PASSING = re.compile(
    r"\b(?:as\s+well|aswell|too|also|now|go\s+(?:in|into|on)|be\s+(?:in|on|added)|add(?:ed)?)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<![\w'.-])[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,2}")


def _names_in_passing(brief: Brief, request: Request) -> list[Operation]:
    """The names said beside the one choice field a request names, where the request says
    they belong there: capitalised, not the plan's own names, not the sentence's first word."""
    fields = [f for f in owned_fields(request) if f.field is not None and f.field.kind == "choice"]
    if len(fields) != 1 or _IN_PASSING.search(request.text) is None:
        return []
    named = fields[0]
    assert named.field is not None
    kept = {c.lower() for c in named.field.choices}
    values = [
        m.group(0)
        for m in _CAPITALISED.finditer(request.text)
        if m.start() > 0 and m.group(0) != "I" and resolve_phrase(brief, m.group(0)) is None
    ]
    fresh = [v for v in dict.fromkeys(values) if v.lower() not in kept]
    if not fresh or len(fresh) > 6:
        return []
    return [AddChoices(named.entity.slug, named.field.name, tuple(fresh))]


def choices_in_passing(brief: Brief, request: Request) -> list[Operation]:
    """Options said without a list: the next of a series, or names said beside their field."""
    return _next_in_series(brief, request) or _names_in_passing(brief, request)
