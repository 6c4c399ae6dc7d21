"""Reading a change request without a model: everyday phrasings into typed operations.

A request is cut into parts (sentences, "then", ", and add …"); each part loses its
politeness ("could you", "please", "too"), is turned from an everyday form ("members should
have a mobile number", "I'd rather not have notes") into a plain one ("add a mobile number
to members", "remove notes"), and the plain form is read against the plan's own names.
Every part is bounded, so reading is linear in the request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from livebuild.brief import change_anchored as anchored
from livebuild.brief import change_intents as intents
from livebuild.brief import change_passing as passing
from livebuild.brief import change_whole as whole
from livebuild.brief.change_apply import takes
from livebuild.brief.change_everyday import plain_form
from livebuild.brief.change_intents import FOCUS, Refused, Unsure, offer
from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddChoices, AddEntity, Cannot, Operation, Reading
from livebuild.brief.change_order import read_field_order
from livebuild.brief.change_quoted import read_quoted_rename
from livebuild.brief.change_restate import restated, without_reason
from livebuild.brief.change_words import KIND_WORDS, mend
from livebuild.brief.model import Brief

MAX_PARTS = 20
_CHOICE_WORDS = 4  # the most words an option said in passing has
MAX_PART = 300

_VERBS = (
    "add|remove|delete|drop|rename|change|make|call|name|use|switch|turn|put|move|set|"
    "show|hide|disable|enable|track|include|give|let|get|could|can|please|link|connect"
)
_SPLIT = re.compile(
    rf"[.;\n!?]+(?:\s+|$)|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:{_VERBS})\b)|"
    rf",\s+(?=(?:also\s+)?(?:{_VERBS})\b)",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_LEADING = re.compile(
    r"^(?:please|pls|oh|ok|okay|so|and|also|then|hey|hi|actually|now|finally|lastly|"
    r"(?:it\s+)?(?:would|'d)\s+be\s+(?:great|nice|good|handy|useful|cool|better)\s+(?:if|to)|"
    r"could\s+you|can\s+you|would\s+you|will\s+you|could\s+we|can\s+we|shall\s+we|"
    r"(?:i|we)(?:'d|\s+would)\s+(?:also\s+)?(?:like|love|prefer)(?:\s+(?:you\s+)?to)?|"
    r"(?:i|we)(?:'d|\s+would)(?:\s+rather)?(?=\s+(?:call|name)\b)|"
    r"(?:i|we)\s+(?:also\s+)?(?:want|need|wish)(?:\s+(?:you\s+)?to)?|let's|let\s+us|"
    r"is\s+it\s+possible\s+to|would\s+it\s+be\s+possible\s+to|it\s+would\s+be\s+(?:nice|great)\s+to|"
    r"maybe|perhaps|just)\b[\s,:]*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"[\s,]*\b(?:please|pls|too|as\s+well(?:\s+as\s+(?:the\s+|its\s+|their\s+)?[\w' -]{1,40})?|"
    r"also|thanks|thank\s+you|if\s+possible|for\s+me|"
    r"for\s+us|instead|any\s*more|now|these\s+days)\s*$",
    re.IGNORECASE,
)


# A part that is only a short list of words ("name and phone") finishes the part before it:
# "dogs should have a vet too, name and phone".
_BARE_LIST = re.compile(r"^[a-z-]+(?:,\s*[a-z-]+){0,3}\s+and\s+[a-z-]+$", re.IGNORECASE)
# A longer list after a question ("record the conditions each day? wave height, wind direction
# and the date") is what the question's new thing holds: "...: wave height, ...".
_LIST = re.compile(
    rf"^(?!(?:{_VERBS}|each|every|it|they|we|i|there)\b)(?!.*\b(?:has|have|had|is|are|was)\b)"
    r"[a-z][\w' -]{0,30}(?:,\s*[\w' -]{1,30}){1,6}\s+and\s+[\w' -]{1,30}$",
    re.IGNORECASE,
)


# A quoted name is one piece, whatever it holds: "new tagline - 'Breathe in. Show up.'".
_QUOTED = re.compile(r"(?:^|(?<=[\s(:\u2014\u2013-]))(['\"])[^'\"\n]{1,80}?\1(?=$|[\s,.?!;:)])")


def _pieces(text: str) -> list[str]:
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    held = _QUOTED.sub(hold, text)
    pieces = _SPLIT.split(held)
    return [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], p) for p in pieces]


def split_parts(request: str) -> list[str]:
    text = request.translate(_QUOTES).replace("\x00", "")
    parts: list[str] = []
    for piece in (p.strip(" ,:-\t") for p in _pieces(text)):
        if parts and _BARE_LIST.match(piece):
            parts[-1] = f"{parts[-1]}, {piece}"
        elif parts and ":" not in parts[-1] and _LIST.match(piece):
            parts[-1] = f"{parts[-1]}: {piece}"
        elif piece:
            parts.append(piece)
    return [p[:MAX_PART] for p in parts][:MAX_PARTS]


def plain(part: str) -> str:
    """The part without its politeness: "could you add X please" is "add X"."""
    text = mend(re.sub(r"\s+", " ", part).strip(" ,?!."))
    for _ in range(6):
        stripped = _TRAILING.sub("", _LEADING.sub("", text, count=1)).strip(" ,?!.")
        if stripped == text:
            break
        text = stripped
    return restated(without_reason(text))


def read_change(brief: Brief, request: str) -> Reading:
    """Every part of `request` read against `brief` (parts do not see each other's effect).
    The request starts about no record kind in particular, whatever an earlier one was about."""
    reading = Reading()
    token = FOCUS.set(None)
    try:
        for part in split_parts(request):
            read_part(brief, part, reading)
        if not reading.operations and not reading.suggestions and len(reading.not_understood) > 1:
            whole_request = read_whole(brief, request)
            if whole_request:
                reading.operations.extend(whole_request)
                reading.not_understood.clear()
    finally:
        FOCUS.reset(token)
    return reading


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


def read_part(brief: Brief, part: str, reading: Reading) -> None:
    if _FOLLOW_UP.match(part.strip(" ,.!?")) or focus_on(brief, part):
        return
    if reading.operations and _DO_THAT.match(plain(part)):
        return
    try:
        operations = _read_said(brief, anchored.said_outright(brief, part)) or _operations(
            brief, part
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
        operations = _by_what_it_names(brief, part)
        if not operations:
            reading.not_understood.append(str(refusal))
            return
    if not operations:
        operations = _by_what_it_names(brief, part)
    if not operations:
        reading.not_understood.append(f"We couldn't work out how to \u201c{part.strip()}\u201d.")
        return
    reading.operations.extend(operations)
    for operation in operations:
        if isinstance(operation, Cannot):
            closest = whole.closest(brief, plain(part))
            if closest is not None:
                reading.suggestions.append(closest)


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


# ---------------------------------------------------------------- records and fields

_KINDS = "|".join(sorted((re.escape(k) for k in KIND_WORDS), key=len, reverse=True))
_MAKE = re.compile(
    r"^(?:make|change|turn|set|switch|convert)\s+(?:the\s+)?(?P<what>.+?)(?:\s+(?:field|column))?"
    r"\s+(?:into\s+|to\s+be\s+|to\s+|be\s+|as\s+)?(?:an?\s+)?(?P<kind>" + _KINDS + r")"
    r"(?:\s+(?:field|column|type|box))?(?:\s*(?::|of|with|from|between)\s+(?P<choices>.+))?$",
    re.IGNORECASE,
)
_RENAME = re.compile(
    r"^(?:rename|change|switch)\s+(?:the\s+)?(?P<old>.+?)\s+(?:to|into|as)\s+(?P<new>.+)$",
    re.IGNORECASE,
)
_CALL = re.compile(r"^(?:call|name|label|title)\s+(?P<rest>.+)$", re.IGNORECASE)
_REMOVE = re.compile(
    r"^(?:remove|delete|drop|get\s+rid\s+of|take\s+out|take\s+away|lose|ditch|scrap|cut|hide)\s+"
    r"(?:the\s+|all\s+|any\s+)?(?P<what>.+?)(?:\s+(?P<noun>field|column|page|section|feature|"
    r"records|tab|list|box))?$",
    re.IGNORECASE,
)
_PAGE_WORDS = r"(?:page|section|list|tab|table|area|screen|tracker|log|place|spot)"
_RECORD_VERBS = r"(?:record|track|keep|list|log|store|manage|hold|note|save|enter|add)"
_RECORDING = (
    r"(?:listing|recording|tracking|keeping|logging|showing|holding|with\s+(?:all|each|every))"
)
_PAGE_FOR = re.compile(
    r"^(?:add|create|make|build|include)\s+(?:(?:a|an|the|new|another|one\s+more|extra)\s+)*"
    + _PAGE_WORDS
    + r"(?:\s+(?:for|of|to\s+"
    + _RECORD_VERBS
    + r"(?:\s+track\s+of)?|that\s+\w+|where\s+(?:\w+\s+){1,3}"
    + _RECORD_VERBS
    + r"|"
    + _RECORDING
    + r")\s+(?:(?:each|every|all|the|our|my|new)\s+)?(?P<what>.+?))?"
    r"(?:\s+(?:with|including|having|showing)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
_NAMED_PAGE = re.compile(
    r"^(?:add|create|make|build|include)\s+(?:(?:a|an|the|new|another)\s+)*(?P<what>[\w' -]+?)\s+"
    + _PAGE_WORDS
    + r"\b(?:\s+(?:to\s+"
    + _RECORD_VERBS
    + r"|for|that\s+\w+|where\s+(?:\w+\s+){1,3}"
    + _RECORD_VERBS
    + r"|"
    + _RECORDING
    + r")\s+(?:(?:each|every|all|the|our|new)\s+)?[\w' -]+?)?"
    r"(?:\s+(?:with|including|having|showing)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
_TRACK = re.compile(
    r"^(?:keep\s+track\s+of|keep\s+a\s+(?:list|record|log)\s+of|track|manage|log|record|store|"
    r"list|add|create|include)\s+(?:(?:a|an|the|new|some|our|my|all)\s+)*(?P<what>.+?)"
    r"(?:\s+(?:with|including|having|showing|and\s+their)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
_ADD_TO = re.compile(
    r"^(?:add|include|put|insert|store|record|note|track|keep|log|save|capture|show|have|get)\s+"
    r"(?:down\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)


def _make(brief: Brief, text: str) -> list[Operation] | None:
    match = _MAKE.match(text)
    if match is None:
        return None
    if intents.find_field(brief, match["what"]) is None and find_entity(brief, match["what"]):
        return None
    return intents.make(brief, match["what"], match["kind"], match["choices"])


def _rename(brief: Brief, text: str) -> list[Operation] | None:
    match = _RENAME.match(text)
    more = (
        re.match(r"^(?:also\s+)?(?:include|have|allow|offer)\s+(?P<x>.+)$", match["new"])
        if match
        else None
    )
    if match is not None and more is not None:
        # "change the status of bookings to include Late": more options, not a new name.
        return intents.add(brief, more["x"], match["old"])
    if match is not None:
        # "rename Dogs to Pets and owners to Clients": two renames.
        both = re.match(
            r"^(?P<new>.+?)\s+and\s+(?P<old2>.+?)\s+(?:to|into|as)\s+(?P<new2>.+)$", match["new"]
        )
        if both is not None and _known(brief, both["old2"]):
            first = intents.rename(brief, match["old"], both["new"])
            return first + intents.rename(brief, both["old2"], both["new2"])
        return intents.rename(brief, match["old"], match["new"])
    call = _CALL.match(text)
    if call is None:
        return None
    rest = call["rest"]
    quoted = re.search(r"\"[^\"]{1,60}\"|'[^']{1,60}'", rest)
    if quoted is not None and rest[: quoted.start()].strip():
        return intents.rename(brief, rest[: quoted.start()], quoted.group(0))
    words = rest.split()
    for cut in range(1, min(len(words), 5)):
        old = " ".join(words[:cut])
        if _known(brief, old):
            new = re.sub(r"^(?:page|field|column|section|list|tab)\s+", "", " ".join(words[cut:]))
            return intents.rename(brief, old, new)
    return None


def _known(brief: Brief, text: str) -> bool:
    entity = find_entity(brief, text)
    located = intents.find_field(brief, text)
    return (entity is not None and entity.sure) or (located is not None and located.sure)


def _remove(brief: Brief, text: str) -> list[Operation] | None:
    match = _REMOVE.match(text)
    if match is None:
        return None
    # "get rid of products, we only track orders": the reason is not part of the name.
    said = re.sub(
        r"\s*,\s*(?:we|i|as|since|because|they|it|nobody|no\s+one)\b.*$", "", match["what"]
    )
    said = re.sub(r"\s+(?:because|since|as\s+we)\b.*$", "", said, flags=re.I)
    what, owner = passing.owned(brief, said)
    noun = (match["noun"] or "").lower()
    if owner is not None:
        what = re.sub(r"\s+(?:field|column|box)$", "", what, flags=re.I)
    return intents.remove(brief, what, noun, owner)


def _pages(brief: Brief, text: str) -> list[Operation] | None:
    match = _PAGE_FOR.match(text) or _NAMED_PAGE.match(text)
    if match is None:
        return None
    what = match["what"] or ""
    gerund = re.search(r"ing\s+(?P<noun>list|log|tracker)\b", text, re.I)
    if gerund is not None and what.lower().endswith("ing"):
        what = f"{what} {gerund['noun']}"  # "a waiting list" is not a page of "waitings"
    # "vaccinations for each dog": each names its dog, picked from the list of dogs.
    what, owner = passing.owned(brief, what)
    found = find_entity(brief, owner) if owner else None
    operations = intents.add_entity(brief, what, match["fields"] or "")
    if found is not None and found.sure and operations and isinstance(operations[0], AddEntity):
        first = operations[0]
        link = (found.entity.singular, "text", ())
        operations[0] = AddEntity(first.name, (link, *first.fields))
    return operations


def _add_to(brief: Brief, text: str) -> list[Operation] | None:
    match = _ADD_TO.match(text)
    if match is None:
        return None
    what, owner = passing.owned(brief, match["rest"])
    if owner is None:
        return None
    return intents.add(brief, what, owner)


def _track(brief: Brief, text: str) -> list[Operation] | None:
    match = _TRACK.match(text)
    if match is None:
        return None
    if text.lower().startswith(("add", "include", "create")) and not match["fields"]:
        return intents.add(brief, match["what"], None)
    return intents.add_entity(brief, match["what"], match["fields"] or "")


_Reader = Callable[[Brief, str], list[Operation] | None]


def _everyday(brief: Brief, text: str) -> list[Operation] | None:
    rewritten = plain_form(brief, text)
    if rewritten is None or rewritten == text:
        return None
    return _operations(brief, rewritten, everyday=False)


_READERS: tuple[_Reader, ...] = (
    whole.read_name,
    read_quoted_rename,
    whole.read_tagline,
    whole.read_feature_off,
    whole.read_limits,
    whole.read_look,
    read_field_order,
    whole.read_order,
    whole.read_swap,
    passing.read_built_in_page,
    passing.read_link,
    passing.read_choice_field,
    passing.read_value,
    _make,
    _rename,
    _pages,
    _remove,
    _add_to,
    whole.read_feature_on,
    _track,
    _everyday,
)

__all__ = ["Reading", "focus_on", "offer", "read_change", "read_part", "read_whole", "split_parts"]
