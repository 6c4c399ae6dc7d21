"""Reading a request to show a field earlier or later: "put the phone number first", "move
price above notes", "on quotes I want to see the total before the number of windows".

The request is cut at its word of place (before, above, after, first, at the top …); the
field to move is the plan field named nearest before that word, the field it goes next to
the one named after it, each found by fuzzy matching the request's words against the plan's
own labels and keys. A record kind named anywhere in the request ("on quotes", "feed
deliveries:") picks whose fields; failing that the one the request was last about, else
every kind's. A request whose moving part names a record kind, not a field, is left to the
navigation's order (`change_whole.read_order`).
"""

from __future__ import annotations

import re

from livebuild.brief.change_intents import Refused, focused, offer
from livebuild.brief.change_names import FoundField, _in, find_entity, key
from livebuild.brief.change_ops import MoveField, Operation, Place
from livebuild.brief.model import Brief, Entity

_WINDOW = 5  # the most words a field's name is looked for in

# A verb of showing or placing somewhere in the request: without one, "before" is a time
# ("add a reminder before the visit"), not a place.
_VERB = re.compile(
    r"\b(?:put|move|show|shows|place|list|see|come|comes|go|goes|appear|appears|display|"
    r"sit|sits|be|have|order|shift|bring|bump|swap)\b",
    re.I,
)
_CUE = re.compile(
    r"\b(?P<before>before|above|ahead\s+of|in\s+front\s+of|over|higher\s+than)\b|"
    r"\b(?P<after>after|below|under|beneath|behind|underneath|lower\s+than|next\s+to|beside|"
    r"alongside)\b|"
    r"\b(?P<first>first|at\s+the\s+(?:top|start|front|beginning)|to\s+the\s+(?:top|front|start)|"
    r"on\s+top)\b|"
    r"\b(?P<last>last|at\s+the\s+(?:end|bottom)|to\s+the\s+(?:end|bottom))\b",
    re.I,
)
# "on quotes", "for flocks", "in classes", or "feed deliveries:" at the start.
_OWNER = re.compile(
    r"^(?:(?:on|for|in)\s+(?:the\s+)?(?P<a>[\w' -]+?)\s*[,:]|(?:on|for|in)\s+(?:the\s+)?"
    r"(?P<b>[\w' -]+?)\s+(?=(?:can|could|should|would|i|we|please|put|move|show|let|make)\b)|"
    r"(?P<c>[\w' -]+?)\s*:)\s*",
    re.I,
)
_TRAIL = re.compile(
    r"\s+(?:on|for|in|of)\s+(?:the\s+|each\s+|every\s+|all\s+)?(?P<o>[\w' -]+)$", re.I
)


def _owner(brief: Brief, text: str) -> tuple[Entity | None, str]:
    """The record kind the request names at its start or end, and the request without it."""
    lead = _OWNER.match(text)
    if lead is not None:
        found = find_entity(brief, lead["a"] or lead["b"] or lead["c"])
        if found is not None and found.sure:
            return found.entity, text[lead.end() :]
    trail = _TRAIL.search(text)
    if trail is not None:
        found = find_entity(brief, trail["o"])
        if found is not None and found.sure:
            return found.entity, text[: trail.start()]
    return None, text


def _named(scopes: list[Entity], words: list[str], *, nearest_end: bool) -> FoundField | None:
    """The field best named by a run of `words` (the run nearest the end, or the start)."""
    best: tuple[float, int, FoundField] | None = None
    for size in range(1, min(_WINDOW, len(words)) + 1):
        for start in range(len(words) - size + 1):
            said = key(" ".join(words[start : start + size]))
            for entity in scopes:
                found = _in(entity, said)
                if found is None:
                    continue
                near = start + size if nearest_end else -start
                rank = (found.score, near, found)
                if best is None or rank[:2] > best[:2]:
                    best = rank
    return best[2] if best is not None else None


_PLACES: tuple[Place, ...] = ("before", "after", "first", "last", "up", "down")


def _place(match: re.Match[str]) -> Place:
    groups = match.groupdict()
    return next((place for place in _PLACES if groups.get(place)), "first")


# "move the phone up", "bump price down a place": one place, said only with a verb of moving
# and no other word of place.
_STEP = re.compile(
    r"\b(?:move|bump|shift|bring|push)\b.{1,60}?\b(?:(?P<up>up|higher)|(?P<down>down|lower))\b"
    r"(?:\s+(?:one|a|by\s+one)(?:\s+(?:place|spot|notch|row|line))?)?",
    re.I,
)


_UP_DOWN = re.compile(r"\b(?P<up>up|higher)\b|\b(?P<down>down|lower)\b", re.I)


def _step(text: str) -> re.Match[str] | None:
    """The word "up" or "down" of a one-place move, when `text` asks for one."""
    step = _STEP.search(text)
    return _UP_DOWN.search(text, step.start()) if step is not None else None


def read_field_order(brief: Brief, text: str) -> list[Operation] | None:
    """A field moved among its record kind's fields, or None when `text` isn't that."""
    if _CUE.search(text) is None and _step(text) is None:
        return None
    bare = not (_VERB.search(text) or _STEP.search(text))
    owner, rest = _owner(brief, text)
    cue = _CUE.search(rest)
    if cue is None:
        cue = _step(rest)
    if cue is None:
        return None
    scopes = [owner] if owner else ([focused(brief)] if focused(brief) else list(brief.entities))
    scopes = [e for e in scopes if e is not None]
    left = re.findall(r"[\w'-]+", rest[: cue.start()])
    moving = _named(scopes, left, nearest_end=True)
    if moving is None:
        return None
    if bare and not _only_fields(moving, left, rest[cue.end() :], _place(cue)):
        return None
    if owner is None and _names_a_record_kind(brief, left, moving):
        return None  # "put customers first": the navigation's order
    place = _place(cue)
    # A field named so ("Sort code", "Latest grade") is still moved.
    before = rest[: cue.start()].lower().replace(moving.field.label.lower(), " ")
    if place in ("first", "last") and _RECORDS_ORDER.search(before):
        raise Refused(_records_order(moving.entity, text))
    anchor = None
    if place in ("before", "after"):
        right = re.findall(r"[\w'-]+", rest[cue.end() :])
        found = _named([moving.entity], right, nearest_end=False)
        if found is None or found.field is moving.field:
            return None
        anchor = found.field.name
        if not found.sure:
            raise offer(
                _said(moving, place, found.field.label), _said(moving, place, found.field.label)
            )
    operation = MoveField(moving.entity.slug, moving.field.name, place, anchor)
    if not moving.sure:
        said = _said(moving, place, "")
        raise offer(said, said)
    return [operation]


# "show classes with the earliest date first", "sort by date first": which records come
# first, not where a field sits.
_RECORDS_ORDER = re.compile(
    r"\b(?:earliest|latest|newest|oldest|soonest|most\s+recent|recent|highest|lowest|"
    r"biggest|smallest|cheapest|dearest|sort(?:ed)?|order(?:ed)?\s+by)\b",
    re.I,
)


def _records_order(owner: Entity, text: str) -> str:
    many = owner.plural.lower()
    return (
        f"\u201c{text.strip()}\u201d asks which {many} come first, not where a field sits, and "
        f"the plan doesn't set the order of your {many}: nothing was changed."
    )


_POLITE = re.compile(r"[\s,.!]*(?:(?:please|thanks|thank\s+you|ta)[\s,.!]*)?", re.I)


def _only_fields(moving: FoundField, left: list[str], right: str, place: Place) -> bool:
    """Whether a request without a verb ("Rooms: floor before type") is nothing but two of a
    kind's fields round "before" or "after", or one field and "first" or "last" ("Classes:
    date first"): said so, it is an order. Anything more, and
    "before" is a time ("a reminder before the visit")."""
    if not moving.sure:
        return False
    whole = _in(moving.entity, key(" ".join(left)))
    if whole is None or not whole.sure or whole.field is not moving.field:
        return False
    if place in ("first", "last"):  # "Classes: date first", and nothing more
        return _POLITE.fullmatch(right) is not None
    if place not in ("before", "after"):
        return False
    anchor = _in(moving.entity, key(" ".join(re.findall(r"[\w'-]+", right))))
    return anchor is not None and anchor.sure and anchor.field is not moving.field


def read_bare_order(brief: Brief, text: str) -> list[Operation] | None:
    """Two fields round "before" or "after" and nothing more ("Rooms: floor before type"),
    read ahead of the readers that would take the pair for an option of a choice."""
    if _VERB.search(text) or _STEP.search(text):
        return None
    return read_field_order(brief, text)


def _said(moving: FoundField, place: Place, anchor: str) -> str:
    where = f"{place} {anchor.lower()}" if anchor else place
    return f"put {moving.field.label.lower()} {where} on {moving.entity.plural.lower()}"


def _names_a_record_kind(brief: Brief, words: list[str], moving: FoundField) -> bool:
    for size in range(1, min(3, len(words)) + 1):
        found = find_entity(brief, " ".join(words[-size:]))
        if found is not None and found.sure and found.score >= moving.score:
            return True
    return False
