"""Plain requests read by their verb: "make X a Y", "rename X to Y", "call X Y", "remove X",
"add a page for X with A and B", "add X to Y", "track X".

These read a part already in plain words (`change_parts.plain`); each answers None when the
part is not of its shape, so the next reader may try.
"""

from __future__ import annotations

import re
from dataclasses import replace

from livebuild.brief import change_intents as intents
from livebuild.brief import change_passing as passing
from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddEntity, AddField, Operation
from livebuild.brief.change_words import KIND_WORDS, field_specs, kind_of, kind_word
from livebuild.brief.model import FIELD_KINDS, Brief
from livebuild.brief.schema import KIND_NAMES

_KINDS = "|".join(sorted((re.escape(k) for k in KIND_WORDS), key=len, reverse=True))
_MAKE = re.compile(
    r"^(?:make|change|turn|set|switch|convert)\s+(?:the\s+)?(?P<what>.+?)(?:\s+(?:field|column))?"
    r"\s+(?:into\s+|to\s+be\s+|to\s+|be\s+|as\s+)?(?:an?\s+)?(?P<kind>" + _KINDS + r")"
    r"(?:\s+(?:field|column|type|box))?(?:\s*(?::|of|with|from|between)\s+(?P<choices>.+))?$",
    re.IGNORECASE,
)
# "make FIELD a X": X read as the plan reads a field's name ("phone number", "web address").
_MAKE_A = re.compile(
    r"^(?:make|change|turn|set|switch|convert)\s+(?:the\s+)?(?P<what>.+?)(?:\s+(?:field|column))?"
    r"\s+(?:into\s+|to\s+be\s+|to\s+|be\s+|as\s+)?an?\s+(?P<said>[a-z][a-z -]{1,30}?)"
    r"(?:\s+(?:field|column|type|box))?\s*[.!]?$",
    re.IGNORECASE,
)
# The kinds a name says plainly; "size" or "level" reads as a number in a name, not said so.
_NAMED_KINDS = ("phone", "email", "url", "date", "money")


def _kind_named(brief: Brief, what: str, said: str) -> str | None:
    """The field kind "a `said`" names after "make `what`", where the plain kind words don't
    say it: "a phone number" (phone, not a number), "a mobile", "a link" of a website."""
    said = said.lower().strip()
    if kind_word(said) is not None and kind_word(said) not in ("number",):
        return None  # the kind words read it ("a date", "an amount")
    kind = kind_of(said)
    if kind in _NAMED_KINDS:
        return kind
    found = intents.find_field(brief, what) if said == "link" else None
    if found is not None and kind_of(found.field.label) == "url" and "url" in FIELD_KINDS:
        return "url"  # "make website a link": a web address, not a pick from a list
    return None


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
    + r"\b(?P<clause>\s+(?:to\s+"
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


def read_make(brief: Brief, text: str) -> list[Operation] | None:
    said = _MAKE_A.match(text)
    what, named = (said["what"], said["said"]) if said is not None else ("", "")
    owner = re.match(r"^(?P<kind>.+?)\s+(?P<on>(?:on|for|in|of)\s+.+)$", named)
    if owner is not None:
        # "make teacher a phone number on classes": the field's kind said after the new kind
        what, named = f"{what} {owner['on']}", owner["kind"]
    kind = _kind_named(brief, what, named) if said is not None else None
    if kind is not None:
        # "make teacher a phone number": the field kind a field of that name would be.
        return intents.make(brief, what, KIND_NAMES[kind], None)
    match = _MAKE.match(text)
    if match is None:
        return None
    if intents.find_field(brief, match["what"]) is None and find_entity(brief, match["what"]):
        return None
    return intents.make(brief, match["what"], match["kind"], match["choices"])


_OWNER_AFTER = re.compile(
    r"^(?P<new>[^'\"]+?)\s+(?:on|for|in|of)\s+(?:the\s+|our\s+)?(?P<owner>[\w' -]{1,40})$", re.I
)


def _owner_after(brief: Brief, old: str, new: str) -> tuple[str, str]:
    """ "rename Places to Max children on sessions": whose field is said after its new name."""
    match = _OWNER_AFTER.match(new)
    found = find_entity(brief, match["owner"]) if match else None
    if match is None or found is None or not found.sure:
        return old, new
    return f"{old} on {match['owner']}", match["new"]


def read_rename(brief: Brief, text: str) -> list[Operation] | None:
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
        return intents.rename(brief, *_owner_after(brief, match["old"], match["new"]))
    bare = _NO_NEW_NAME.match(text)
    if bare is not None:
        _ask_for_name(brief, bare["old"])
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


# "rename walks to" (its new name was markup, or never said): ask for the name.
_NO_NEW_NAME = re.compile(
    r"^(?:rename|change\s+the\s+name\s+of)\s+(?:the\s+)?(?P<old>.+?)(?:\s+(?:to|into|as))?\s*$",
    re.IGNORECASE,
)


def _ask_for_name(brief: Brief, old: str) -> None:
    """Refused with what to say, when `old` is a record kind or field the plan keeps."""
    entity = find_entity(brief, old)
    located = intents.find_field(brief, old)
    if entity is not None and entity.sure:
        name = entity.entity.plural
    elif located is not None and located.sure:
        name = located.field.label
    else:
        return
    raise intents.Refused(
        f"Say what to call {name}, like \u201crename {name} to\u201d and the new name."
    )


def _sure_kind(brief: Brief, text: str) -> bool:
    found = find_entity(brief, text)
    return found is not None and found.sure


def _known(brief: Brief, text: str) -> bool:
    entity = find_entity(brief, text)
    located = intents.find_field(brief, text)
    return (entity is not None and entity.sure) or (located is not None and located.sure)


def read_remove(brief: Brief, text: str) -> list[Operation] | None:
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
    if (
        noun
        and owner is None
        and not _sure_kind(brief, what)
        and _sure_kind(brief, f"{what} {noun}")
    ):
        # "drop the waiting list" of a plan keeping Waitlist entries: "list" is its name.
        what, noun = f"{what} {noun}", ""
    if owner is not None:
        what = re.sub(r"\s+(?:field|column|box)$", "", what, flags=re.I)
    return intents.remove(brief, what, noun, owner)


_WHICH_ONES = re.compile(r"\s+(?:that|which|who|when|where)\s+\S.*$", re.IGNORECASE)


def read_pages(brief: Brief, text: str) -> list[Operation] | None:
    match = _PAGE_FOR.match(text) or _NAMED_PAGE.match(text)
    if match is None:
        return None
    what = match["what"] or ""
    gerund = re.search(r"ing\s+(?P<noun>list|log|tracker)\b", text, re.I)
    if gerund is not None and what.lower().endswith("ing"):
        what = f"{what} {gerund['noun']}"  # "a waiting list" is not a page of "waitings"
    try:
        return page_for(brief, what, match["fields"] or "")
    except intents.Already as there:
        if not match.groupdict().get("clause"):
            raise
        # "add a customers page that shows the totals": the page is there, but what was said
        # of it ("that shows the totals") wasn't read, so the app may not already do that.
        raise intents.Refused(str(there), there.closest) from there


def page_for(brief: Brief, what: str, fields: str) -> list[Operation]:
    """A new page, each of its records naming the record kind it is for, if said."""
    # "a waitlist for classes that are full": which classes is no part of the page's name.
    trimmed = _WHICH_ONES.sub("", what)
    if trimmed != what and passing.owned(brief, trimmed)[1] is not None:
        what = trimmed
    # "vaccinations for each dog": each names its dog, picked from the list of dogs.
    what, owner = passing.owned(brief, what)
    found = find_entity(brief, owner) if owner else None
    operations = intents.add_entity(brief, what, fields)
    if found is not None and found.sure and operations and isinstance(operations[0], AddEntity):
        first = operations[0]
        link = (found.entity.singular, "text", ())
        operations[0] = AddEntity(first.name, (link, *first.fields))
    return operations


# "… as a web address", "… as a yes or no": the kind the founder names for the field added,
# said after where it goes, so it is neither part of the field's name nor of the kind's.
_AS_KIND = re.compile(
    r"\s+as\s+(?:an?\s+)?(?P<kind>" + _KINDS + r")(?:\s+(?:field|column|type|box))?\s*$",
    re.IGNORECASE,
)


def read_add_to(brief: Brief, text: str) -> list[Operation] | None:
    match = _ADD_TO.match(text)
    if match is None:
        return None
    rest = match["rest"]
    said = _AS_KIND.search(rest)
    what, owner = passing.owned(brief, rest[: said.start()] if said else rest)
    if owner is None:
        return None
    operations = intents.add(brief, what, owner)
    return _as_said(operations, KIND_WORDS[said["kind"].lower()]) if said else operations


def _as_said(operations: list[Operation], kind: str) -> list[Operation]:
    """The one field added, of the kind the founder named (a list of options needs its
    options said, so "as a dropdown" alone leaves the kind read from the field's name; a
    phone "as a number" is a phone number, kept as a phone)."""
    if len(operations) != 1 or not isinstance(operations[0], AddField) or kind == "choice":
        return operations
    if operations[0].kind == "phone" and kind == "number":
        return operations
    return [replace(operations[0], kind=kind, choices=())]


def read_track(brief: Brief, text: str) -> list[Operation] | None:
    match = _TRACK.match(text)
    if match is None:
        return None
    if text.lower().startswith(("add", "include", "create")) and not match["fields"]:
        trimmed = _WHICH_ONES.sub("", match["what"])
        if trimmed != match["what"] and passing.owned(brief, trimmed)[1] is not None:
            return page_for(brief, trimmed, "")  # "add a waitlist for classes that are full"
        return intents.add(brief, match["what"], None)
    first = next((e for e in brief.entities if e.slug == intents.SAID_FIRST.get()), None)
    if first is not None and not match["fields"] and field_specs(match["what"]):
        # "fixtures: can we log the ref's name": what is logged is said of the kind said first.
        return intents.add(brief, match["what"], first.plural)
    return intents.add_entity(brief, match["what"], match["fields"] or "")
