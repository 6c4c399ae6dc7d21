"""Reading a change request without a model: everyday phrasings into typed operations.

A request is cut into parts (sentences, "then", ", and add …"); each part loses its
politeness ("could you", "please", "too"), is turned from an everyday form ("members should
have a mobile number", "I'd rather not have notes") into a plain one ("add a mobile number
to members", "remove notes"), and the plain form is read against the plan's own names.
Every part is bounded, so reading is linear in the request.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from livebuild.brief import change_anchored as anchored
from livebuild.brief import change_passing as passing
from livebuild.brief import change_relate as relate
from livebuild.brief import change_verbs as verbs
from livebuild.brief import change_whole as whole
from livebuild.brief.change_app_name import app_renamed, now_called
from livebuild.brief.change_apply import takes
from livebuild.brief.change_choice_list import choice_listed
from livebuild.brief.change_choice_said import choice_said
from livebuild.brief.change_colours import NAMES
from livebuild.brief.change_each_kind import each_kind
from livebuild.brief.change_everyday import plain_form
from livebuild.brief.change_field_word import field_by_word
from livebuild.brief.change_from_list import from_list
from livebuild.brief.change_heads import read_headed
from livebuild.brief.change_intents import FOCUS, SAID_FIRST, Already, Refused, Unsure, offer
from livebuild.brief.change_kind_said import SAID_BEFORE, kind_said
from livebuild.brief.change_names import find_entity
from livebuild.brief.change_naming import renamed_by_naming
from livebuild.brief.change_new_list import restated as new_list
from livebuild.brief.change_one_of import one_of_ours
from livebuild.brief.change_ops import AddChoices, Cannot, Operation, Reading, SetColour
from livebuild.brief.change_order import read_bare_order, read_field_order
from livebuild.brief.change_parts import MAX_PART, plain, plan_names, readable, split_parts
from livebuild.brief.change_pick import picked_from
from livebuild.brief.change_place_for import place_asked_for
from livebuild.brief.change_quoted import read_quoted_rename
from livebuild.brief.change_reason_first import reason_first
from livebuild.brief.change_remarks import is_remark, remark_dropped
from livebuild.brief.change_renamed_it import renamed_it
from livebuild.brief.change_restate import without_reason
from livebuild.brief.change_wanted import wanted
from livebuild.brief.change_wordlists import words
from livebuild.brief.change_words import mend
from livebuild.brief.colour_against import colour_against
from livebuild.brief.model import Brief
from livebuild.brief.tagline_said import field_placed, named_in_place

_CHOICE_WORDS = 4  # the most words an option said in passing has


def read_change(brief: Brief, request: str, about: str | None = None) -> Reading:
    """Every part of `request` read against `brief` (parts do not see each other's effect).
    The request starts about `about` (the slug of the record kind the founder pointed at, as
    `changes.apply_change` takes it) or no record kind in particular, whatever an earlier one
    was about."""
    reading = Reading()
    ask = field_placed(readable(request), plan_names(brief))
    if ask is not None:
        return Reading(not_understood=[ask])  # a place that could be a field: asked
    request = named_in_place(readable(request), brief.product_name)
    against = colour_against(brief, request)
    if against is not None:
        return against  # a colour said against the app's own, read whole
    token, said = FOCUS.set(about), SAID_BEFORE.set(None)
    try:
        parts = [remark_dropped(p) for p in split_parts(request, plan_names(brief))]
        skip = False
        for at, part in enumerate(parts):
            if skip or is_remark(part):
                skip = False
                continue
            skip = _read_with_next(brief, part, parts[at + 1 : at + 2], reading)
        # A remark ("that's what we actually record", "we've grown!") asks for nothing when
        # the rest of the request asked; alone, it is read like any part.
        for part in parts if not reading.operations else []:
            if is_remark(part):
                read_part(brief, part, reading)
        if not reading.operations and not reading.suggestions and len(reading.not_understood) > 1:
            whole_request = read_whole(brief, request)
            if whole_request:
                reading.operations.extend(whole_request)
                reading.not_understood.clear()
    finally:
        FOCUS.reset(token)
        SAID_BEFORE.reset(said)
    made = reading.operations
    reading.not_understood = left_unread(
        reading.not_understood,
        declined=bool(made) and all(isinstance(op, Cannot) for op in made),
        coloured=any(isinstance(op, SetColour) for op in made),
    )
    return reading


# "can it scan our sheet music and work out which parts are missing? AI or whatever": beside
# a part no app can do, a part not understood that orders nothing of the plan says more of the
# same wish, and is answered by the plain "can't", not by "we couldn't work out". Beside a new
# colour, "the pink feels dated" only says what the colour was.
_NOT_UNDERSTOOD = "We couldn't work out how to \u201c"
_ORDER = re.compile(r"^(?:add|remove|delete|rename|make|change|put|move|call)\b", re.I)
_COLOUR_SAID = re.compile(rf"\b(?:{NAMES})\b", re.I)


def _read_with_next(brief: Brief, part: str, after: list[str], reading: Reading) -> bool:
    """`part` read into `reading`; when it and the part `after` it read as nothing alone, the
    two as one rename said across sentences ("'Inspections' sounds too official. We say
    walkabouts."). True when the part after was read with it."""
    had = list(reading.operations)
    alone = Reading(operations=list(had))  # "…please remove that" sees what came before
    read_part(brief, part, alone)
    if after and alone.operations == had and not alone.suggestions:
        nxt = Reading()
        # Read ahead only: the part after is read for real next, with this one before it.
        focus, said_before = FOCUS.set(FOCUS.get()), SAID_BEFORE.set(SAID_BEFORE.get())
        try:
            read_part(brief, after[0], nxt)
        finally:
            FOCUS.reset(focus)
            SAID_BEFORE.reset(said_before)
        if not nxt.operations and not nxt.suggestions:
            both = read_across(brief, part, after[0])
            if both:
                reading.operations.extend(both)
                return True
    reading.operations[:] = alone.operations
    reading.suggestions.extend(alone.suggestions)
    reading.not_understood.extend(alone.not_understood)
    return False


def read_across(brief: Brief, first: str, second: str) -> list[Operation]:
    """A rename said across two sentences that read as nothing alone, read as one part."""
    both = f"{first.strip(' .!?')}, {second.strip()}"
    return _by_naming(brief, both) if _naming().search(both) else []


@functools.cache
def _naming() -> re.Pattern[str]:
    """A verb of naming (change_words.toml's naming_verbs) in any form: no parse without one."""
    verbs_said = "|".join(re.escape(v) for v in words().lists.naming_verbs)
    return re.compile(rf"\b(?:{verbs_said})", re.I)


def left_unread(unread: list[str], *, declined: bool, coloured: bool) -> list[str]:
    """What of `unread` still needs saying, once a request was declined or given a colour."""

    def said_already(line: str) -> bool:
        quoted = line.removeprefix(_NOT_UNDERSTOOD)
        if not line.startswith(_NOT_UNDERSTOOD) or _ORDER.match(quoted):
            return False
        return declined or (coloured and _COLOUR_SAID.search(quoted) is not None)

    kept = [line for line in unread if not said_already(line)]
    return kept if kept or not declined else unread


def read_whole(brief: Brief, request: str) -> list[Operation]:
    """Parts that said nothing alone may together: "we've started doing Ashtanga as well, can
    they be styles?" names the values in one part and the field in the other."""
    return _by_what_it_names(brief, request[:MAX_PART])


# A follow-up that asks for nothing new: "can you fix that", "can that be fixed?", "thanks".
_FOLLOW_UP = re.compile(
    r"^(?:(?:can|could|would|will)\s+(?:you|we|someone)\s+(?:please\s+)?(?:fix|sort|change|"
    r"correct)\s+(?:that|this|it)|(?:can|could)\s+(?:that|this|it)\s+be\s+(?:fixed|sorted|"
    r"changed|corrected)|thanks?(?:\s+you)?|cheers|ta)$",
    re.IGNORECASE,
)


# "...please remove that": the part before said what; this one only says do it.
_DO_THAT = re.compile(
    r"^(?:remove|delete|drop|bin|lose|ditch|change|fix|do|add|rename|make)\s+(?:that|it|them|"
    r"those|this|these)$",
    re.IGNORECASE,
)


_FOR = re.compile(r"^(?:for|on|in|about|regarding|re)\s+(?:the\s+|our\s+)?(?P<what>.+)$", re.I)


def focus_on(brief: Brief, part: str) -> bool:
    """ "For dogs, add the vet's name": a part that only says what the next is about is no
    part of its own, and nothing left unread."""
    match = _FOR.match(plain(part))
    found = find_entity(brief, match["what"]) if match else None
    if found is None or not found.sure:
        return False
    FOCUS.set(found.entity.slug)
    return True


# "fixtures: Court should be Venue": a record kind said first, then a sentence about it.
_OWNER_FIRST = re.compile(
    r"^(?P<owner>[\w' -]{1,40}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<rest>\S.{0,250})$"
)
_SENTENCE = re.compile(
    r"\b(?:should|shall|must|isn't|aren't|could|can|would|rename|remove|delete|call|"
    r"change|put|move)\b",
    re.IGNORECASE,
)


def _about_first(brief: Brief, part: str) -> str:
    """The sentence of "fixtures: Court should be Venue", its record kind made the focus; a
    list after the colon ("fixtures: court, venue") stays as it was said."""
    match = _OWNER_FIRST.match(part.strip())
    if match is None or _SENTENCE.search(match["rest"]) is None:
        return part
    found = find_entity(brief, match["owner"])
    if found is None or not found.sure:
        return part
    FOCUS.set(found.entity.slug)
    return match["rest"]


def read_part(brief: Brief, part: str, reading: Reading) -> None:
    """`part` read into `reading`; the next part may say "it" of a field this one named
    ("urgency isn't a number, can it be plain text" is one change, not two)."""
    try:
        _read_part(brief, part, reading)
    finally:
        SAID_BEFORE.set(part)
    once: list[Operation] = []
    for operation in reading.operations:
        if operation not in once:
            once.append(operation)
    reading.operations[:] = once


def _read_part(brief: Brief, part: str, reading: Reading) -> None:
    if _FOLLOW_UP.match(part.strip(" ,.!?")) or focus_on(brief, part):
        return
    rest = _about_first(brief, part)
    if rest != part:
        # "Students - can we add the date they signed the waiver": the sentence about the
        # kind said first; when it reads as nothing alone, the whole part is read.
        tried = Reading()
        said_first = SAID_FIRST.set(FOCUS.get())
        try:
            _read_said_of(brief, rest, tried)
        finally:
            SAID_FIRST.reset(said_first)
        if tried.operations or tried.suggestions:
            reading.operations.extend(tried.operations)
            reading.suggestions.extend(tried.suggestions)
            reading.not_understood.extend(tried.not_understood)
            reading.already.extend(tried.already)
            return
    _read_said_of(brief, part, reading)


def _own_list(brief: Brief, part: str, reading: Reading) -> bool:
    """Whether `part` asks a field to be picked from its own kind's list ("exam should be one
    of our exams" of Exams' Exam): said plainly, never read as something else (a rename)."""
    try:
        from_list(brief, part)
    except Refused as refusal:
        reading.refused(str(refusal))
        return True
    return False


def _after_reason(brief: Brief, part: str, reading: Reading) -> bool:
    """Whether `part` is a change said after its reason, read whole from the change alone:
    "every course has lunch now so the Lunch included box is pointless" (`change_reason_first`)."""
    said = reason_first(brief, part)
    after = _read_alone(brief, said.change) if said is not None else []
    reading.operations.extend(after)
    return bool(after)


def _read_said_of(brief: Brief, part: str, reading: Reading) -> None:
    done = _done_already(brief, part, reading) or _own_list(brief, part, reading)
    if done or _after_reason(brief, part, reading):
        return
    try:
        # "pick the session from the ones we've got": a link, before any literal kind reading.
        operations = (
            choice_listed(brief, plain(part))
            or read_bare_order(brief, plain(part))
            or picked_from(brief, part)
            or one_of_ours(brief, part)
            or from_list(brief, part)
            or choice_said(brief, part)
            or _by_field_word(brief, part)
            or now_called(brief, part)
            or _by_new_list(brief, part)
            or _read_said(brief, anchored.said_outright(brief, part))
            or _operations(brief, part)
        )
        if operations and not _fits(brief, operations):
            # Kept when nothing better is found: the plan's own refusal then says why; a
            # clause read as an option is never kept.
            kept = [op for op in operations if not _run_on(op)]
            operations = _by_what_it_names(brief, part) or kept
    except Unsure as unsure:
        # A phrasing read unsurely may be read surely by what it names ("the walker should be
        # picked from our walkers" is not a rename to "Picked from").
        operations = _by_what_it_names(brief, part)
        if not operations:
            reading.suggestions.append(unsure.suggestion)
            return
    except Refused as refusal:
        operations = (
            _by_what_it_names(brief, part)
            or _by_naming(brief, part)
            or _by_kind_said(brief, part)
            or _by_place(brief, part)
            or _by_wish(brief, part)
        )
        if not operations:
            reading.refused(str(refusal), already=isinstance(refusal, Already))
            return
    if not operations:
        operations = (
            _by_what_it_names(brief, part)
            or _before_the_comma(brief, part)
            or _by_naming(brief, part)
            or _by_kind_said(brief, part)
            or _by_place(brief, part)
            or _by_wish(brief, part)
        )
    if not operations:
        reading.not_understood.append(f"We couldn't work out how to \u201c{part.strip()}\u201d.")
        return
    reading.operations.extend(operations)
    for operation in operations:
        if isinstance(operation, Cannot):
            closest = whole.closest(brief, plain(part))
            if closest is not None:
                reading.suggestions.append(closest)


def _done_already(brief: Brief, part: str, reading: Reading) -> bool:
    """Whether `part` only says do what the part before said ("...please remove that"), or
    is read already: "it" renamed, or one change for each of the plan's kinds it lists
    (`change_each_kind`)."""
    if reading.operations and _DO_THAT.match(plain(part)):
        return True
    said_it = renamed_it(brief, part)
    if said_it:
        reading.operations.extend(said_it)
        return True
    for_each = each_kind(brief, part, functools.partial(_read_alone, brief))
    reading.operations.extend(for_each or [])
    return bool(for_each)


def _read_alone(brief: Brief, part: str) -> list[Operation]:
    """What `part` alone is read as, when all of it is understood."""
    alone = Reading()
    _read_said_of(brief, part, alone)
    return [] if alone.not_understood or alone.suggestions else alone.operations


def each_reading(brief: Brief, part: str) -> Iterator[list[Operation]]:
    """What each reader alone makes of `part`, in the order `_read_said_of` tries them (a
    reader that reads nothing, or is unsure or refuses, gives nothing): for the op judge to
    take the first reading of the op it judged asked for, not the first reading of any op."""
    text = plain(part)
    tries: list[Callable[[], list[Operation] | None]] = [
        lambda: renamed_it(brief, part),
        lambda: choice_listed(brief, text),
        lambda: read_bare_order(brief, text),
        lambda: picked_from(brief, part),
        lambda: one_of_ours(brief, part),
        lambda: from_list(brief, part),
        lambda: choice_said(brief, part),
        lambda: _by_field_word(brief, part),
        lambda: now_called(brief, part),
        lambda: _by_new_list(brief, part),
        lambda: _read_said(brief, anchored.said_outright(brief, part)),
        *(functools.partial(reader, brief, text) for reader in _READERS),
        lambda: _by_what_it_names(brief, part),
        lambda: _before_the_comma(brief, part),
        lambda: _by_naming(brief, part),
        lambda: _by_kind_said(brief, part),
        lambda: _by_place(brief, part),
        lambda: _by_wish(brief, part),
    ]
    for attempt in tries:
        try:
            found = attempt()
        except (Unsure, Refused):
            continue
        if found:
            yield list(found)


def _before_the_comma(brief: Brief, part: str) -> list[Operation]:
    """ "Account number on dentists isn't used, the accounts are all done in Xero": a part
    read as a whole says nothing, but its first clause says the change and the rest why. Only
    a sure reading of the first clause counts; a guess is never made of the rest."""
    head, comma, _ = part.partition(",")
    if not comma or len(head.split()) < 3:
        return []
    try:
        operations = _operations(brief, head)
    except (Unsure, Refused):
        return []
    if any(isinstance(operation, Cannot) for operation in operations):
        return []
    return operations if operations and _fits(brief, operations) else _by_what_it_names(brief, head)


def _by_new_list(brief: Brief, part: str) -> list[Operation]:
    """ "I need the loans: which pony, which child": a new kind and its list (`change_new_list`),
    read as the plain "keep track of X: …"; nothing when that is unsure."""
    restated = new_list(brief, part)
    if restated is None:
        return []
    try:
        operations = _operations(brief, restated)
    except (Unsure, Refused):
        return []
    return operations if _fits(brief, operations) else []


def _by_naming(brief: Brief, part: str) -> list[Operation]:
    """ "round here we say berths, not moorings": a rename said as what people call a thing
    (`change_naming`), read as the plain rename it restates; nothing when that is unsure."""
    restated = renamed_by_naming(brief, part.strip())
    return _read_said(brief, [restated]) if restated is not None else []


def _by_kind_said(brief: Brief, part: str) -> list[Operation]:
    """ "can it be a number", "could Tune be a bigger box": a kind wished for a field said
    in passing (`change_kind_said`), made only when the plan takes it."""
    operations: list[Operation] = list(kind_said(brief, part.strip()))
    return operations if operations and _fits(brief, operations) else []


def _by_field_word(brief: Brief, part: str) -> list[Operation]:
    """ "jumpers need a medical conditions box — asthma, epilepsy": a new field asked for by
    the word for a field (`change_field_word`), read as the plain "add X to Y"."""
    restated = field_by_word(brief, part.strip())
    return _read_said(brief, [restated]) if restated is not None else []


def _by_place(brief: Brief, part: str) -> list[Operation]:
    """ "where am I meant to put a boat's insurance renewal date?": a field asked for as a
    place to keep something (`change_place_for`), read as the plain "add X to Y"."""
    restated = place_asked_for(brief, part.strip())
    return _read_said(brief, [restated]) if restated is not None else []


def _by_wish(brief: Brief, part: str) -> list[Operation]:
    """ "for events I need to know what time we set up": details wished for on a record kind,
    read by the request's grammar (`change_wanted`), made only when the plan takes them."""
    operations = wanted(brief, part)
    return operations if operations and _fits(brief, operations) else []


def _by_what_it_names(brief: Brief, part: str) -> list[Operation]:
    """The part restated by what it names in the plan (`change_anchored`) and read again;
    nothing when that reading is unsure or refused, so the first answer stands."""
    mended = mend(part)
    return _read_said(
        brief, anchored.restate(brief, without_reason(mended)) or anchored.restate(brief, mended)
    )


def _read_said(brief: Brief, restated_parts: list[anchored.Said]) -> list[Operation]:
    operations: list[Operation] = []
    for said in restated_parts:
        if not isinstance(said, str):
            operations.append(said)
            continue
        try:
            operations.extend(_operations(brief, said, everyday=False))
        except (Unsure, Refused):
            return []
    return operations if _fits(brief, operations) else []


def _fits(brief: Brief, operations: list[Operation]) -> bool:
    """Whether the plan takes each of `operations` as read (a choice added to an amount of
    money is a reading gone wrong, not a change to refuse)."""
    return all(takes(brief, operation) and not _run_on(operation) for operation in operations)


def _run_on(operation: Operation) -> bool:
    """A choice that is a clause, not a value: "Year group straight after the name"."""
    choices = operation.choices if isinstance(operation, AddChoices) else ()
    return any(len(choice.split()) > _CHOICE_WORDS for choice in choices)


def _operations(brief: Brief, part: str, *, everyday: bool = True) -> list[Operation]:
    text = plain(part)
    if not text:
        return []
    for reader in _READERS:
        if reader is _everyday and not everyday:
            continue  # a plain form is read once, never rewritten again
        found = reader(brief, text)
        if found is not None:
            return found
    # "we sell abroad so customers need a country": the reason first, the change after it.
    reason = re.search(r"\b(?:so|therefore|which\s+means|that's\s+why|hence)\s+(?=\S)", text, re.I)
    if reason is not None and everyday:
        return _operations(brief, text[reason.end() :], everyday=True)
    return []


_Reader = Callable[[Brief, str], list[Operation] | None]


def _everyday(brief: Brief, text: str) -> list[Operation] | None:
    rewritten = plain_form(brief, text)
    if rewritten is None or rewritten == text:
        return None
    return _operations(brief, rewritten, everyday=False)


_READERS: tuple[_Reader, ...] = (
    whole.read_name,
    app_renamed,
    read_quoted_rename,
    whole.read_tagline,
    whole.read_feature_off,
    whole.read_limits,
    read_headed,  # "add a colour field with black, brown" is no colour
    whole.read_look,
    relate.read_move,
    relate.read_relation,
    read_field_order,
    whole.read_order,
    whole.read_swap,
    passing.read_built_in_page,
    passing.read_link,
    passing.read_choice_field,
    passing.read_value,
    verbs.read_make,
    verbs.read_rename,
    verbs.read_pages,
    verbs.read_remove,
    verbs.read_add_to,
    whole.read_feature_on,
    verbs.read_track,
    _everyday,
)

__all__ = [
    "Reading",
    "each_reading",
    "focus_on",
    "is_remark",
    "left_unread",
    "offer",
    "plain",
    "read_across",
    "read_change",
    "read_part",
    "read_whole",
    "remark_dropped",
    "split_parts",
]
