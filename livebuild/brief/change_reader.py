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

from livebuild.brief import change_intents as intents
from livebuild.brief.change_everyday import plain_form
from livebuild.brief.change_intents import Refused, Unsure, offer, people
from livebuild.brief.change_limits import limit_in
from livebuild.brief.change_names import find_entity, find_feature
from livebuild.brief.change_ops import (
    Cannot,
    FeatureOn,
    Operation,
    Reading,
    Reorder,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.change_words import KIND_WORDS, name_text, reads_as_name, unquote
from livebuild.brief.colours import COLOUR_NAMES, shade
from livebuild.brief.model import MAX_FEATURES, Brief

MAX_PARTS = 20
MAX_PART = 300

_VERBS = (
    "add|remove|delete|drop|rename|change|make|call|name|use|switch|turn|put|move|set|"
    "show|hide|disable|enable|track|include|give|let|get|could|can|please"
)
_SPLIT = re.compile(
    rf"[.;\n!?]+(?:\s+|$)|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:{_VERBS})\b)|"
    rf",\s+(?=(?:also\s+)?(?:{_VERBS})\b)",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_LEADING = re.compile(
    r"^(?:please|pls|oh|ok|okay|so|and|also|then|hey|hi|actually|now|finally|lastly|"
    r"could\s+you|can\s+you|would\s+you|will\s+you|could\s+we|can\s+we|shall\s+we|"
    r"(?:i|we)(?:'d|\s+would)\s+(?:like|love|prefer)(?:\s+(?:you\s+)?to)?|"
    r"(?:i|we)\s+(?:also\s+)?(?:want|need|wish)(?:\s+(?:you\s+)?to)?|let's|let\s+us|"
    r"is\s+it\s+possible\s+to|would\s+it\s+be\s+possible\s+to|it\s+would\s+be\s+(?:nice|great)\s+to|"
    r"maybe|perhaps|just)\b[\s,:]*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"[\s,]*\b(?:please|pls|too|as\s+well|also|thanks|thank\s+you|if\s+possible|for\s+me|"
    r"for\s+us|instead)\s*$",
    re.IGNORECASE,
)


def split_parts(request: str) -> list[str]:
    text = request.translate(_QUOTES)
    parts = [p.strip(" ,:-\t") for p in _SPLIT.split(text)]
    return [p[:MAX_PART] for p in parts if p][:MAX_PARTS]


def plain(part: str) -> str:
    """The part without its politeness: "could you add X please" is "add X"."""
    text = re.sub(r"\s+", " ", part).strip(" ,?!.")
    for _ in range(6):
        stripped = _TRAILING.sub("", _LEADING.sub("", text, count=1)).strip(" ,?!.")
        if stripped == text:
            break
        text = stripped
    return text


def read_change(brief: Brief, request: str) -> Reading:
    """Every part of `request` read against `brief` (parts do not see each other's effect)."""
    reading = Reading()
    for part in split_parts(request):
        read_part(brief, part, reading)
    return reading


def read_part(brief: Brief, part: str, reading: Reading) -> None:
    try:
        operations = _operations(brief, part)
    except Unsure as unsure:
        reading.suggestions.append(unsure.suggestion)
        return
    except Refused as refusal:
        reading.not_understood.append(str(refusal))
        return
    if not operations:
        reading.not_understood.append(f"We couldn't work out how to \u201c{part.strip()}\u201d.")
        return
    reading.operations.extend(operations)
    for operation in operations:
        if isinstance(operation, Cannot):
            closest = _closest(brief, part)
            if closest is not None:
                reading.suggestions.append(closest)


def _operations(brief: Brief, part: str) -> list[Operation]:
    text = plain(part)
    if not text:
        return []
    for reader in _READERS:
        found = reader(brief, text)
        if found is not None:
            return found
    return []


# ---------------------------------------------------------------- the app as a whole

_NAME = re.compile(
    r"^(?:call\s+it|name\s+it|call\s+the\s+(?:app|product|site)|name\s+the\s+(?:app|product)|"
    r"rename\s+(?:it|the\s+app|the\s+product|the\s+site)\s+(?:to|as)|"
    r"change\s+the\s+(?:app\s+|product\s+)?name\s+to|"
    r"the\s+(?:app|product|site)(?:'s\s+name)?\s+should\s+be\s+(?:called|named)|"
    r"make\s+the\s+name)\s+(?P<name>.+)$",
    re.IGNORECASE,
)


def _name(brief: Brief, text: str) -> list[Operation] | None:
    match = _NAME.match(text)
    if match is None:
        return None
    name = name_text(match["name"])
    if not name:
        return None
    if not reads_as_name(name, 6):
        raise Refused(f"We couldn't tell what the new name is in \u201c{match['name']}\u201d.")
    return [SetName(name[:60])]


_TAGLINE = re.compile(
    r"^(?:change|set|make|update)\s+the\s+(?:tagline|slogan|strapline|subtitle)\s+"
    r"(?:to|say|read|be)\s+(?P<text>.+)$|^(?:the\s+)?(?:tagline|slogan)(?::|\s+should\s+"
    r"(?:say|read|be))\s*(?P<text2>.+)$",
    re.IGNORECASE,
)


def _tagline(brief: Brief, text: str) -> list[Operation] | None:
    match = _TAGLINE.match(text)
    if match is None:
        return None
    said = unquote(match["text"] or match["text2"])[:160]
    return [SetTagline(said)] if said else None


_SHADE = r"(?:(?P<shade>dark|deep|light|pale|bright|pastel|soft)\s+)?"
_COLOUR = re.compile(
    _SHADE + r"(?P<colour>" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True)) + r")\b"
    r"|(?P<hex>#[0-9a-f]{6})\b"
)
_DARK = re.compile(
    r"\b(?:dark|night)\s*(?:theme|mode|look|background)\b|\bmake\s+(?:it|everything)\s+"
    r"dark(?:er)?\b|\b(?:dark|night)$"
)
_LIGHT = re.compile(r"\b(?:light|bright)\s*(?:theme|mode|look|background)\b|\blight$")
_LOOK = re.compile(
    r"^(?:use|make|switch|give|change|go|set|turn|paint|colou?r)\b|\b(?:colou?rs?|theme|"
    r"accent|buttons?|header|look|mode|background|links?|brand)\b"
)


def _look(brief: Brief, text: str) -> list[Operation] | None:
    lowered = text.lower()
    if _LOOK.search(lowered) is None:
        return None
    colour = _COLOUR.search(lowered)
    if colour is not None and not re.search(r"\bbackground\b", lowered):
        said = colour.group(0)
        value = colour["hex"] or shade(COLOUR_NAMES[colour["colour"]], colour["shade"])
        accent = re.search(r"\b(?:accent|highlight|secondary)\b", lowered) is not None
        return [SetColour(value, said, accent)]
    if _DARK.search(lowered):
        return [SetTheme(dark=True)]
    if _LIGHT.search(lowered):
        return [SetTheme(dark=False)]
    return None


_REORDER = re.compile(
    r"^(?:put|move|show|place|list)\s+(?:the\s+)?(?P<what>.+?)\s+"
    r"(?P<where>first|at\s+the\s+(?:top|start|front|beginning)|to\s+the\s+(?:top|front|start)|"
    r"last|at\s+the\s+(?:end|bottom)|to\s+the\s+(?:end|bottom)|before\s+(?:the\s+)?(?P<before>.+?)|"
    r"after\s+(?:the\s+)?(?P<after>.+?))(?:\s+in\s+the\s+(?:nav|navigation|menu|top\s+bar))?$",
    re.IGNORECASE,
)


def _reorder(brief: Brief, text: str) -> list[Operation] | None:
    match = _REORDER.match(text)
    if match is None:
        return None
    moving = find_entity(brief, match["what"])
    if moving is None or not moving.sure:
        raise Refused(
            f"We couldn't find \u201c{unquote(match['what'])}\u201d in the navigation; it lists "
            f"{intents.listing([e.plural for e in brief.entities])}."
        )
    anchor_name = match["before"] or match["after"]
    if anchor_name:
        anchor = find_entity(brief, anchor_name)
        if anchor is None or anchor.entity is moving.entity:
            raise Refused(f"We couldn't find \u201c{unquote(anchor_name)}\u201d to move next to.")
        rest = [e for e in brief.entities if e is not moving.entity]
        position: int | None = rest.index(anchor.entity) + (1 if match["after"] else 0)
    elif re.match(r"(?:last|at the (?:end|bottom)|to the (?:end|bottom))", match["where"], re.I):
        position = None
    else:
        position = 0
    return [Reorder(moving.entity.slug, position)]


# ---------------------------------------------------------------- features and limits

_FEATURE_OFF = re.compile(
    r"^(?:turn\s+off|switch\s+off|disable)\s+(?:the\s+)?(?P<a>.+?)"
    r"(?:\s+feature)?$|^(?:turn|switch)\s+(?:the\s+)?(?P<b>.+?)(?:\s+feature)?\s+off$",
    re.IGNORECASE,
)
_FEATURE_ON = re.compile(
    r"^(?:turn\s+on|switch\s+on|enable)\s+(?:the\s+)?(?P<a>.+?)(?:\s+feature)?$|"
    r"^(?:turn|switch)\s+(?:the\s+)?(?P<b>.+?)(?:\s+feature)?\s+on$|"
    r"^add\s+(?:a\s+|the\s+)?feature:?\s+(?P<c>.+)$|^add\s+(?:a\s+|the\s+)?(?P<d>.+?)\s+feature$",
    re.IGNORECASE,
)


def _feature_off(brief: Brief, text: str) -> list[Operation] | None:
    match = _FEATURE_OFF.match(text)
    if match is None:
        return None
    said = match["a"] or match["b"]
    page = intents.BUILT_IN_PAGES.get(unquote(said).lower().removesuffix(" page"))
    if page is not None:
        raise Refused(
            f"The {page} page is part of every app we build, so it stays; you can leave it unused."
        )
    feature = find_feature(brief, said)
    explicit = text.lower().startswith(("turn", "switch", "disable"))
    if feature is None:
        if explicit and not find_entity(brief, said):
            raise Refused(f"We couldn't find \u201c{unquote(said)}\u201d among your features.")
        return None
    return [intents.FeatureOff(feature)]


def _limits(brief: Brief, text: str) -> list[Operation] | None:
    limit = limit_in(text)
    if limit is None:
        return None
    offered = f" {limit.offer}" + (
        f": say \u201c{_closest_request(brief, limit.closest)}\u201d." if limit.closest else "."
    )
    return [Cannot(limit.why + (offered if limit.offer else ""))]


def _closest_request(brief: Brief, closest: str) -> str:
    return closest.replace("{people}", people(brief).plural)


def _closest(brief: Brief, part: str) -> Suggestion | None:
    limit = limit_in(plain(part))
    if limit is None or not limit.closest:
        return None
    request = _closest_request(brief, limit.closest)
    return Suggestion(f"{limit.offer}. Say \u201c{request}\u201d to add it.", request)


def _feature_on(brief: Brief, text: str) -> list[Operation] | None:
    match = _FEATURE_ON.match(text)
    if match is None:
        return None
    said = unquote(match["a"] or match["b"] or match["c"] or match["d"])
    if not said:
        return None
    if find_feature(brief, said) is not None:
        raise Refused(f"\u201c{find_feature(brief, said)}\u201d is already on.")
    if len(brief.features) >= MAX_FEATURES:
        raise Refused(
            "The home page already shows six features, the most it has room for; "
            f"turn one off to make room for \u201c{said}\u201d."
        )
    return [FeatureOn(said[:1].upper() + said[1:100])]


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
_OWNER_WORD = re.compile(r"\s+(?:from|on|in|for|of|to|into|onto|against|per|with)\s+", re.I)
_OWNER_LEAD = re.compile(r"^(?:(?:the|each|every|all|our|my|a|an)\s+)+", re.I)


def owned(brief: Brief, text: str) -> tuple[str, str | None]:
    """ "notes on members" is ("notes", "members"): the last cut whose end names a record
    kind or a field; else the text and no owner."""
    for cut in reversed(list(_OWNER_WORD.finditer(text))[:12]):
        owner = _OWNER_LEAD.sub("", text[cut.end() :])
        owner = re.sub(r"\s+(?:page|records|list|section|tab)$", "", owner, flags=re.I)
        found = find_entity(brief, owner)
        if (found is not None and found.sure) or _field_sure(brief, owner):
            return text[: cut.start()], owner
    return text, None


def _field_sure(brief: Brief, text: str) -> bool:
    located = intents.find_field(brief, text)
    return located is not None and located.sure


_PAGE_WORDS = r"(?:page|section|list|tab|table|area|screen|tracker|log)"
_RECORD_VERBS = r"(?:record|track|keep|list|log|store|manage|hold|note|save|enter)"
_PAGE_FOR = re.compile(
    r"^(?:add|create|make|build|include)\s+(?:(?:a|an|the|new|another|one\s+more|extra)\s+)*"
    + _PAGE_WORDS
    + r"(?:\s+(?:for|of|to\s+"
    + _RECORD_VERBS
    + r"(?:\s+track\s+of)?|that\s+\w+|where\s+(?:\w+\s+){1,3}"
    + _RECORD_VERBS
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
    + r")\s+(?:(?:each|every|all|the|our|new)\s+)?[\w' -]+?)?"
    r"(?:\s+(?:with|including|having|showing)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
_TRACK = re.compile(
    r"^(?:keep\s+track\s+of|keep\s+a\s+(?:list|record|log)\s+of|track|manage|log|record|store|"
    r"list|have|add|create|include)\s+(?:(?:a|an|the|new|some|our|my|all)\s+)*(?P<what>.+?)"
    r"(?:\s+(?:with|including|having|showing|and\s+their)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
_ADD_TO = re.compile(
    r"^(?:add|include|put|insert|store|record|note|track|keep|log|save|capture|show)\s+"
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
    if match is not None:
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
            return intents.rename(brief, old, " ".join(words[cut:]))
    return None


def _known(brief: Brief, text: str) -> bool:
    entity = find_entity(brief, text)
    located = intents.find_field(brief, text)
    return (entity is not None and entity.sure) or (located is not None and located.sure)


def _remove(brief: Brief, text: str) -> list[Operation] | None:
    match = _REMOVE.match(text)
    if match is None:
        return None
    what, owner = owned(brief, match["what"])
    noun = (match["noun"] or "").lower()
    if owner is not None:
        what = re.sub(r"\s+(?:field|column|box)$", "", what, flags=re.I)
    return intents.remove(brief, what, noun, owner)


def _pages(brief: Brief, text: str) -> list[Operation] | None:
    match = _PAGE_FOR.match(text) or _NAMED_PAGE.match(text)
    if match is None:
        return None
    return intents.add_entity(brief, match["what"] or "", match["fields"] or "")


def _add_to(brief: Brief, text: str) -> list[Operation] | None:
    match = _ADD_TO.match(text)
    if match is None:
        return None
    what, owner = owned(brief, match["rest"])
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
    return _operations(brief, rewritten)


_READERS: tuple[_Reader, ...] = (
    _name,
    _tagline,
    _feature_off,
    _limits,
    _look,
    _reorder,
    _make,
    _rename,
    _pages,
    _remove,
    _add_to,
    _feature_on,
    _everyday,
    _track,
)

__all__ = ["Reading", "offer", "read_change", "read_part", "split_parts"]
