"""Everyday ways of asking, turned into the plain forms the change reader reads.

"members should have a mobile number" is "add a mobile number to members"; "I'd rather
not have notes on members" is "remove notes on members"; "bookings should be called
reservations" is "rename bookings to reservations". A form that names a record or field
is only rewritten when the plan has it, so a sentence about something else is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from livebuild.brief.change_intents import focused
from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_words import kind_word
from livebuild.brief.model import Brief

_I = re.IGNORECASE
_EACH = r"(?:(?:the|each|every|all|our|my)\s+)?"

_MODAL = r"(?:should|must|could|can|would|will|need\s+to|needs\s+to)"
_HAVE = r"(?:have|get|include|show|store|record|keep|track|list|carry|hold|contain|say|do\s+with)"
_HAD = r"(?:had|has|got|came\s+with|showed|included)"
_LACK = (
    r"(?:need|needs|want|wants|lack|lacks|require|requires|are\s+missing|is\s+missing|miss|"
    r"don't\s+have|doesn't\s+have|have\s+no|has\s+no)"
)
_NOT_NEEDED = r"(?:don't|do\s+not|doesn't|does\s+not)\s+need\s+(?:an?\s+|the\s+|any\s+)?"
_CALLED = r"(?:be\s+)?(?:called|named|renamed(?:\s+to)?|known\s+as)"
_BE = r"(?:should|must|could|can|needs?\s+to|has\s+to|have\s+to|would\s+be\s+better\s+as)"


def _form(pattern: str, plain: str, needs: str) -> tuple[re.Pattern[str], str, str]:
    return re.compile("^" + pattern + "$", _I), plain, needs


# "the notes are usually a whole paragraph", "the design needs a big box to write in": room
# asked for a field is long text, never a field called "Big box".
_OFTEN = r"(?:(?:usually|often|mostly|always|sometimes|normally|generally|quite|really)\s+)?"
_ROOM = r"(?:an?\s+|more\s+)?(?:big|bigger|larger|large|proper|longer|decent)\s+(?:box|space)"
# Only a short remark may follow: "but keep it short" after it says the opposite.
_TO_WRITE = (
    r"(?:\s+(?:to\s+write(?:\s+in)?|of\s+text|sometimes|often))?"
    r"(?:,?\s+not\s+(?:just\s+)?(?:one|a\s+single|a)\s+(?:short\s+)?line)?"
)

# (pattern, plain form, what `y` must name: "entity", "either", "kind", "owned" or nothing)
_FORMS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # "style notes matter more than email to me": the one that matters more comes first.
    _form(
        r"(?P<y>.+?)\s+(?:matters?\s+more|(?:is|are)\s+more\s+important)\s+than\s+(?:the\s+)?"
        r"(?P<x>.+?)(?:\s+(?:to|for)\s+(?:me|us))?",
        "put {y} above {x}",
        "above",
    ),
    _form(
        r"(?P<y>.+?)\s+(?:is|are|runs?|gets?)\s+" + _OFTEN + r"(?:an?\s+)?(?:whole|long|full)\s+"
        r"paragraphs?" + _TO_WRITE,
        "make {y} long text",
        "room",
    ),
    _form(
        r"(?P<y>.+?)\s+(?:"
        + _MODAL
        + r"\s+)?(?:needs?|wants?|have|get|has)\s+"
        + _ROOM
        + _TO_WRITE,
        "make {y} long text",
        "room",
    ),
    _form(
        r"(?:change|update|extend)\s+(?P<y>.+?)\s+(?:so\s+it\s+|to\s+)(?:also\s+)?"
        r"(?:include|includes|has|have|allow|allows|offer|offers)\s+(?P<x>.+)",
        "add {x} to {y}",
        "either",
    ),
    _form(r"no\s+(?!need\b|use\b)(?:more\s+)?(?P<y>.+)", "remove {y}", "either"),
    _form(
        r"(?P<y>.+?)\s+(?:should|must|could|can|needs?\s+to|has\s+to)\s+(?:come|go|be|appear|"
        r"show|sit)\s+(?P<x>first|last|at\s+the\s+(?:top|end|bottom|start)|(?:before|after|above|"
        r"below)\s+.+)",
        "put {y} {x}",
        "entity",
    ),
    _form(r"there\s+(?:should|must|needs\s+to|has\s+to)\s+be\s+(?P<x>.+)", "add {x}", ""),
    _form(
        _EACH + r"(?P<y>.+?)\s+to\s+(?:also\s+)?" + _HAVE + r"\s+(?P<x>.+)",
        "add {x} to {y}",
        "entity",
    ),
    _form(
        r"(?:we|i)\s+(?:call|name)\s+(?:them|these|those)\s+(?P<x>.+?),?\s+not\s+(?P<y>.+)",
        "rename {y} to {x}",
        "either",
    ),
    _form(
        r"(?:each|every)\s+(?:one|of\s+them|record|entry|item)\s+(?:has|had|should\s+have|"
        r"needs?|with|gets?|comes\s+with)\s+(?P<x>.+)",
        "add {x} to {focus}",
        "focus",
    ),
    _form(
        r"(?:the\s+)?(?P<y>.+?)\s+(?:options|choices)\s*(?::\s*(?:add|include)|(?:also\s+)?(?:need|"
        r"needs|should\s+(?:have|include|get)|want|could\s+(?:have|include)))\s+(?:also\s+)?(?P<x>.+)",
        "add {x} to the {y} options",
        "field",
    ),
    _form(
        r"(?P<y>.+?)\s+(?:options|choices)\s+(?:to\s+be|should\s+be|are|will\s+be|=|:)\s+(?P<x>.+)",
        "make {y} a choice of {x}",
        "field",
    ),
    _form(
        r"(?:i|we)(?:'d|\s+would)\s+rather\s+not\s+(?:have|show|keep|see)\s+(?P<x>.+)",
        "remove {x}",
        "",
    ),
    _form(
        r"(?:i|we)\s+(?:don't|do\s+not)\s+think\s+(?:we|i)\s+(?:need|want|use)\s+(?P<x>.+)",
        "remove {x}",
        "",
    ),
    _form(
        r"(?:i|we)\s+(?:don't|do\s+not|no\s+longer|never)\s+(?:need|want|use|track|record|keep|"
        r"store|collect|ask\s+for)\s+(?P<x>.+)",
        "remove {x}",
        "",
    ),
    _form(r"(?:there's\s+|there\s+is\s+)?no\s+(?:need|use)\s+for\s+(?P<x>.+)", "remove {x}", ""),
    _form(
        r"(?P<x>.+?)\s+(?:isn't|is\s+not|aren't|are\s+not)\s+(?:needed|necessary|used)",
        "remove {x}",
        "",
    ),
    _form(r"(?P<x>.+?)\s+(?:can|could|should)\s+go", "remove {x}", ""),
    _form(_EACH + r"(?P<y>.+?)\s+" + _NOT_NEEDED + r"(?P<x>.+)", "remove {x} from {y}", "entity"),
    _form(
        r"(?P<y>.+?)\s+(?:should|must|could|can|shall|would)\s+(?:now\s+)?"
        + _CALLED
        + r"\s+(?P<x>.+)",
        "rename {y} to {x}",
        "either",
    ),
    _form(r"(?:use|say)\s+(?P<x>.+?)\s+instead\s+of\s+(?P<y>.+)", "rename {y} to {x}", "either"),
    _form(
        r"(?:change|update)\s+the\s+name\s+of\s+(?P<y>.+?)\s+to\s+(?P<x>.+)",
        "rename {y} to {x}",
        "either",
    ),
    _form(r"(?:refer\s+to|show)\s+(?P<y>.+?)\s+as\s+(?P<x>.+)", "rename {y} to {x}", "either"),
    _form(r"(?P<y>.+?)\s+" + _BE + r"\s+(?:be\s+)?(?:an?\s+)?(?P<x>.+)", "make {y} a {x}", "kind"),
    _form(r"(?P<y>[^:]{1,60}):\s*(?P<x>.+)", "", "owned"),
    _form(
        r"(?P<y>.+?)\s+(?:should|must|needs?\s+to)"
        # "should say whether/what ...": a question is what it keeps, never a new name
        r"\s+(?:be|read|say)\s+(?!an?\s|(?:whether|if|what|which|who|when|where|how)\b)"
        # "should be unique / optional / today / in pounds": a value or a rule, never a name
        r"(?!(?:unique|required|optional|mandatory|compulsory|today|tomorrow|yesterday|now|"
        r"in|on|at|before|after|blank|empty)\b)"
        r"(?P<x>[\w' -]{1,60})",
        "rename {y} to {x}",
        "field",
    ),
    _form(
        _EACH + r"(?P<y>.+?)\s+" + _MODAL + r"\s+(?:also\s+)?" + _HAVE + r"\s+(?P<x>.+)",
        "add {x} to {y}",
        "entity",
    ),
    _form(
        r"(?:could|can|should|shall|would|will|do|does)\s+"
        + _EACH
        + r"(?P<y>.+?)\s+(?:also\s+)?"
        + _HAVE
        + r"\s+(?P<x>.+)",
        "add {x} to {y}",
        "entity",
    ),
    _form(
        _EACH + r"(?P<y>.+?)\s+(?:also\s+)?" + _LACK + r"\s+(?P<x>.+)", "add {x} to {y}", "either"
    ),
    _form(
        r"(?:give|let)\s+"
        + _EACH
        + r"(?P<y>\w+(?:\s+\w+)?)\s+(?:have\s+)?(?P<x>(?:an?|the|their|its)\s+.+)",
        "add {x} to {y}",
        "entity",
    ),
    _form(_EACH + r"(?P<y>.+?)\s+" + _HAD + r"\s+(?P<x>.+)", "add {x} to {y}", "entity"),
    _form(
        r"(?:a|an|one|new)\s+(?!.*\b(?:is|are|was|were|looks?|seems?|feels?)\b)(?P<x>.+)",
        "add a {x}",
        "",
    ),
    _form(
        r"(?!(?:keep|track|add|make|create|have|put|show|list|use|let|get|the)\b)"
        r"(?!.*\b(?:is|are|was|were|looks?|seems?|feels?)\b)"
        r"(?P<x>(?:[\w'-]+\s+){1,3}(?:page|section|list|tab|tracker))(?P<rest>\s+.*)?",
        "add a {x}{rest}",
        "",
    ),
)


def _names(brief: Brief, text: str, what: str) -> bool:
    if what == "entity":
        found = find_entity(brief, text)
        return found is not None
    if what == "field":
        found_field = find_field(brief, text)
        return found_field is not None and found_field.sure
    if what == "either":
        return find_entity(brief, text) is not None or find_field(brief, text) is not None
    return True


def _plain_text(brief: Brief, said: str) -> bool:
    """Whether `said` surely names one text field, not a record's name and not a kind too:
    an email, a date or "the customer" (a field and a kind) said to need room is not made."""
    found = find_field(brief, said)
    if found is None or not found.sure or found.field.kind != "text":
        return False
    return found.entity.fields[0] is not found.field and find_entity(brief, said) is None


def _already_above(brief: Brief, groups: dict[str, str]) -> bool:
    """Whether `y` is already above `x` (both kinds, or both fields of one kind), or either is
    not said of the plan: "customers matter more than legs" where Customers comes first moves
    nothing, never Customers down next to Legs."""
    y, x = groups.get("y", ""), groups.get("x", "")
    slugs = [e.slug for e in brief.entities]
    kind_y, kind_x = find_entity(brief, y), find_entity(brief, x)
    if kind_y is not None and kind_x is not None:
        return slugs.index(kind_y.entity.slug) < slugs.index(kind_x.entity.slug)
    field_y, field_x = find_field(brief, y), find_field(brief, x)
    if field_y is None or field_x is None or not field_y.sure:
        return True
    if field_y.entity.slug != field_x.entity.slug:
        return False
    labels = [f.label for f in field_y.entity.fields]
    return labels.index(field_y.field.label) < labels.index(field_x.field.label)


def plain_form(brief: Brief, text: str) -> str | None:
    """`text` in a plain form ("add X to Y"), or None when it is in none of the forms."""
    for pattern, form, needs in _FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        groups = {k: (v or "") for k, v in match.groupdict().items()}
        if needs == "focus":
            entity = focused(brief)
            rewritten = form.format(focus=entity.plural, **groups) if entity else None
        elif needs == "kind":
            rewritten = _kind(brief, groups)
        elif needs == "owned":
            rewritten = _owned(brief, groups)
        elif needs == "room":
            rewritten = form.format(**groups) if _plain_text(brief, groups["y"]) else None
        elif needs == "above":
            rewritten = None if _already_above(brief, groups) else form.format(**groups)
        elif not _names(brief, groups.get("y", ""), needs):
            continue
        else:
            rewritten = form.format(**groups)
        if rewritten is not None:
            return rewritten
    return None


_NOT_KIND = re.compile(
    r",?\s*(?:and\s+)?not\s+(?:an?\s+)?(?:free\s+|plain\s+|typed\s+)?[\w-]+(?:\s+(?:field|box|type))?"
    r"(?=\s*(?::|$|,))|\s+(?:type|field|kind)\b(?=\s*(?::|$|,))",
    re.I,
)


def _kind(brief: Brief, groups: dict[str, str]) -> str | None:
    said = re.sub(r"^(?:an?\s+)", "", groups["x"].strip(), flags=re.I)
    # "a dropdown not free text: A, B", "phone type, not text": what it isn't says nothing.
    said = _NOT_KIND.sub("", said).strip()
    said = re.sub(r"^(?P<k>.+?)\s*\((?P<c>[^()]{1,200})\)", r"\g<k>: \g<c>", said)
    head = re.split(r"\s+(?:of|with|from|between)\s+|\s*:\s*", said, maxsplit=1)[0]
    if kind_word(head) is None and kind_word(head.split()[-1] if head.split() else "") == "choice":
        # "a bag size choice: 250g, 1kg or 2kg": a choice named by what it holds.
        said = head.split()[-1] + said[len(head) :]
        head = head.split()[-1]
    if kind_word(head) is None or find_field(brief, groups["y"]) is None:
        return None
    return f"make {groups['y']} a {said}"


def _owned(brief: Brief, groups: dict[str, str]) -> str | None:
    """ "Members: add date joined" is "add date joined to Members"."""
    owner, rest = groups["y"], groups["x"].strip()
    verb = re.match(r"^(add|include|remove|delete|drop)\s+(.+)$", rest, re.I)
    # "pests: add cockroaches and pigeons": new choices of a choice field.
    located = find_field(brief, owner)
    chosen = located is not None and located.sure and located.field.kind == "choice"
    if chosen and verb is not None and verb[1].lower() in ("add", "include"):
        return f"add {verb[2]} to the {owner} options"
    if find_entity(brief, owner) is None:
        return None
    if verb is None:
        return f"add {rest} to {owner}"
    into = re.match(r"^(.+?)\s+(?:to|into|in)\s+(.+)$", verb[2], re.I)
    if verb[1].lower() in ("add", "include") and into is not None:
        entity = find_entity(brief, owner)
        located = find_field(brief, into[2], entity.entity if entity else None)
        if located is not None and located.sure:
            return f"add {into[1]} to {owner}'s {into[2]}"
    joiner = "to" if verb[1].lower() in ("add", "include") else "from"
    return f"{verb[1]} {verb[2]} {joiner} {owner}"


Rewrite = Callable[[Brief, str], str | None]
