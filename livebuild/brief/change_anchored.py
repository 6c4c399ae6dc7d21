"""Reading a request by what it names in the plan, wherever the founder put it.

The phrasing readers want an order of words ("remove X from Y"). Founders say the same thing
in any order: "we never fill in the teacher bios, bin them", "Events: we need somewhere for
the ticket price", "could 'Pressed on' read 'Press date'?". Here the request is first resolved
against the plan itself: every record kind and field it names (by any number, a slip of the
keys, with or without its owner), the colours it names and the words it quotes. What the
sentence is doing is then told by its shape: what it names, how many, and a small class of
cue words (a removal, a new name, a kind, a place, a need). The result is a plain request
("remove bio from teachers") read by the ordinary readers, so every check they make on the
plan still holds. Nothing here applies words it did not find in the plan or the request.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from livebuild.brief.change_anchored_choices import LISTED, choices_in_passing, listed_choices
from livebuild.brief.change_colours import (
    NAMES,
    NOT_DARK,
    THING_NAMES,
    dark_now,
    had,
    names_a_thing,
    points_back,
    theme_too_dark,
)
from livebuild.brief.change_names import _in, find_entity, key
from livebuild.brief.change_ops import Operation
from livebuild.brief.change_request import (
    MOST_WORDS,
    QUOTED,
    WORD,
    Named,
    Request,
    field_said,
    owned_fields,
    plain_name,
    resolve,
    resolve_phrase,
    whole_name,
)
from livebuild.brief.change_table import Row, Table, first_said
from livebuild.brief.change_words import reads_as_field, reads_as_name
from livebuild.brief.model import Brief, Entity

_I = re.IGNORECASE
Said = str | Operation  # a plain request to read again, or an operation read outright


# ---------------------------------------------------------------- what the sentence does

_REMOVAL = re.compile(
    r"\b(?:bin|remove|delete|drop|ditch|scrap|lose|get\s+rid|take\s+(?:it|them|that|those)?\s*"
    r"(?:off|out)|(?:is|are)n'?t\s+needed|isnt\s+needed|arent\s+needed|not\s+needed|no\s+need|"
    r"don'?t\s+need|dont\s+need|never\s+(?:fill|use|look|need)|shouldn'?t\s+(?:be\s+)?"
    r"(?:keep|stor|hold|ask|collect)\w*|no\s+longer|pointless|useless|unnecessary|"
    r"(?:can|could|should|may)\s+(?:just\s+)?(?:go|be\s+(?:removed|dropped|binned|deleted))|"
    r"don'?t\s+bother\s+(?:with|having)|take\s+(?:[\w'-]+\s+){1,3}(?:off|out\s+of))\b",
    _I,
)
_NOT_REMOVAL = re.compile(r"\b(?:don'?t|do\s+not|never)\s+(?:remove|delete|drop|bin|lose)\b", _I)
_CHOICE = re.compile(
    r"\b(?:pick(?:ed)?\s+from|chosen\s+from|choose\s+from|select(?:ed)?\s+from|pick\s*-?\s*list|"
    r"drop\s*-?\s*down|list\s+to\s+(?:pick|choose)|from\s+a\s+list|only\s+ever\s+\w+|"
    r"one\s+of\s+(?:a\s+few|our|the)|not\s+typed|"
    r"(?:come|comes|coming)\s+from\s+(?:our|the|a|my)\s+(?:[\w'-]+\s+){0,2}list)\b",
    _I,
)
# Not a yes or no asked for: "a dropdown rather than yes or no", "more than yes/no".
_YES_NO = re.compile(
    r"(?<!than )(?<!than a )(?<!of )(?<!not )"
    r"\b(?:yes\s*/\s*no|yes\s+or\s+no|tick\s*-?\s*box|check\s*-?\s*box)\b",
    _I,
)
_TEXT = re.compile(
    r"\b(?:(?:just|plain|free|normal)\s+text|be\s+text|as\s+text|(?:is|are)n'?t\s+(?:really\s+)?"
    r"(?:a\s+)?numbers?)\b",
    _I,
)
_NEW_NAME = re.compile(
    r"\b(?:call|called|read|reads|rename|renamed|instead|prefer|rather|should\s+be|say|says|"
    r"label|relabel|change|changed|update|be)\b",
    _I,
)
_APP_NAME = re.compile(
    r"\b(?:rebrand\w*|(?:app|business|company|charity|shop|product|brand|studio)(?:'s)?\s+name|"
    r"name\s+of\s+the\s+(?:app|business|company|charity|shop|site)|(?:we're|we\s+are)\s+now\s+"
    r"called)\b",
    _I,
)
_TAGLINE = re.compile(r"\b(?:tag\s*line|strap\s*line|slogan|motto|subtitle)\b", _I)
_PLACE = re.compile(
    r"\b(?P<after>after|below|under|behind|next\s+to|beside)\b|"
    r"\b(?P<before>before|above|ahead\s+of|in\s+front\s+of)\b",
    _I,
)
_NEED = re.compile(
    r"\b(?:where\s+(?:do|can|should|would)\s+(?:we|i)\s+(?:put|add|note|record|keep|write)|"
    r"(?:(?:need|needs|want|wants|would\s+like|should\s+have|must\s+have|missing)"
    r"(?:\s+(?:to\s+)?(?:have|add|put|note|record|keep|track|store|get))?)"
    r"(?:\s+(?:somewhere|a\s+place|a\s+spot|a\s+field|a\s+box|space|room)\s+(?:for|to\s+"
    r"(?:put|note|record|keep|write)))?|(?:somewhere|no\s+(?:way|place|field))\s+(?:for|to\s+"
    r"(?:put|note|record|keep|write)))\b",
    _I,
)
# What a new kind of record is to hold follows its name after a colon, a dash, a question
# mark or "with": "a list of injuries? the player, what happened, the date".
_DETAILS_AFTER = r"\s*(?::|\?|\u2014|\u2013|\s-\s|,?\s+(?:with|including)\b)\s*"
_LOG = re.compile(
    r"\b(?:log|list|record|register|diary|book|tracker|history)\s+of\s+(?:our\s+|the\s+|all\s+|"
    r"each\s+|every\s+|any\s+)?(?P<what>[a-z][\w' -]{1,40}?)" + _DETAILS_AFTER + r"(?P<fields>.+)$"
    r"|\b(?:record|track|log|keep\s+track\s+of|keep\s+a\s+note\s+of)\s+(?:our\s+|the\s+|all\s+|"
    r"each\s+|every\s+)?(?P<what2>[a-z][\w' -]{1,40}?)(?:[,.][^:]{0,80})?\s*:\s*(?P<fields2>.+)$"
    r"|\b(?:log|record|track)\s+(?:our\s+|the\s+|all\s+|each\s+|every\s+|any\s+)?"
    r"(?P<what3>[a-z][\w'-]{1,30}s)" + _DETAILS_AFTER + r"(?P<fields3>.+)$"
    r"|\b(?:something|somewhere|a\s+place|a\s+page|a\s+section|a\s+list)\s+(?:for|to\s+"
    r"(?:keep|record|log|track|put))\s+(?:our\s+|the\s+|all\s+)?(?P<what4>[a-z][\w' -]{1,30}?)"
    r"\s*:\s*(?P<fields4>.+)$",
    _I,
)
# A new kind said in passing comes with more details than this.
_FEWEST_DETAILS = 2
_COMPLAINT = re.compile(
    r"\b(?:too|feels?|looks?|gloomy|ugly|hate|dislike|boring|dull|corporate|harsh|garish)\b", _I
)
_COLOUR = re.compile(
    r"\b(?:(?P<shade>dark(?:er)?|deep(?:er)?|light(?:er)?|pale(?:r)?|bright(?:er)?|pastel|soft)"
    r"\s+)?(?P<colour>" + NAMES + r")\b",
    _I,
)
_NOT_THIS = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|from|than|no\s+more)\s+(?:the\s+)?$", _I
)
_CUT = re.compile(
    r"\s+(?:so|because|since|as|for\s+the|for\s+our|which|that's|it's|to\s+work)\b.*$|[,;?!].*$",
    _I,
)


def said_outright(brief: Brief, text: str) -> list[Said]:
    """A new tagline or app name said in quotes, whatever else the sentence says: read before
    anything else, so "new tagline please - 'Breathe in. Show up.'" is never a Taglines page."""
    if _TAGLINE.search(text) or _APP_NAME.search(text):
        said: list[Said] = list(_renamed(brief, resolve(brief, text)))
        return said
    # Options listed for a choice the plan has, whatever they are: "donation methods - PayPal,
    # JustGiving, standing order" adds options; it doesn't ask to take payments.
    if LISTED.search(text) or QUOTED.search(text):
        return _choices(brief, resolve(brief, text))
    return []


def restate(brief: Brief, text: str) -> list[Said]:
    """Plain requests for what `text` asks, found by what it names; none when unsure."""
    request = resolve(brief, text)
    readings: tuple[Callable[[Brief, Request], Sequence[Said]], ...] = (
        _we_are,
        _renamed,
        _log,
        _kind,
        _removed,
        _moved,
        _choices,
        _colour,
        _theme,
        _needed,
    )
    for reading in readings:
        said = list(reading(brief, request))
        if said:
            return said
    return []


# "We're the Tri-Valley Netball League, could the title say that?": who the founder is, in
# capitals, then a wish about the app's title.
_WE_ARE = re.compile(
    r"^(?i:we're|we\s+are|we've\s+become|we\s+have\s+become)\s+(?i:now\s+)?(?i:the\s+)?"
    r"(?P<name>[A-Z0-9][\w&'.-]*(?:\s+(?:[A-Z0-9&][\w&'.-]*|of|and|the|for|on|in)){0,6})"
    r"(?:\s+(?i:now|these\s+days))?\s*[,.;!?]\s*(?P<rest>.+)$"
)
_TITLE = re.compile(r"\b(?:title|name|header|heading|say\s+(?:that|this|it|so))\b", _I)


def _we_are(brief: Brief, request: Request) -> list[str]:
    match = _WE_ARE.match(request.text.strip())
    if match is None or _TITLE.search(match["rest"]) is None:
        return []
    name = match["name"].strip()
    return [f'call the app "{name}"'] if reads_as_name(name, 8) else []


def _renamed(brief: Brief, request: Request) -> list[str]:
    if not request.quoted:
        return []
    new = [q for q in request.quoted if not whole_name(brief, q)]
    old = [q for q in request.quoted if whole_name(brief, q)]
    if len(new) != 1:
        return []
    if _TAGLINE.search(request.lowered):
        return [f'change the tagline to "{new[0]}"']
    if not reads_as_name(new[0], 6) or _NEW_NAME.search(request.lowered) is None:
        return []
    if _APP_NAME.search(request.lowered):
        return [f'call the app "{new[0]}"']
    if old:
        return [f'rename {old[0]} to "{new[0]}"']
    outside = [n for n in request.named if not any(a <= n.at[0] < b for a, b in request.quoted_at)]
    targets = {(n.entity.slug, n.field.name if n.field else "") for n in outside}
    if len(targets) != 1:
        return []
    what = outside[0].entity.plural if outside[0].field is None else field_said(outside[0])
    return [f'rename {what} to "{new[0]}"']


# "We sell workshops on the side. Need to track each one's title, date and price": the
# record kind is what the sentence before offers; its fields are what "each one" has.
_EACH_ONES = re.compile(
    r"\b(?:track|record|log|keep|note|store)\s+(?:each\s+one'?s|each\s+of\s+their|their)\s+"
    r"(?P<fields>.+)$",
    _I,
)
_OFFERED = re.compile(
    r"\b(?:sell|run|do|offer|hold|teach|host|organi[sz]e|started|added)\s+(?:some\s+|a\s+few\s+)?"
    r"(?P<what>[a-z]+s)\b",
    _I,
)


def _each_ones(brief: Brief, request: Request) -> list[str]:
    each, offered = _EACH_ONES.search(request.text), _OFFERED.search(request.text)
    if each is None or offered is None or offered.start() > each.start():
        return []
    what = offered["what"]
    found = find_entity(brief, what)
    if (found is not None and found.sure) or not reads_as_name(what):
        return []
    return [f"add a {what} page with {each['fields'].strip(' .')}"]


def _log(brief: Brief, request: Request) -> list[str]:
    match = _LOG.search(request.text)
    if match is None:
        return _each_ones(brief, request)
    said = [match[f"what{n}"] for n in ("", "2", "3", "4")]
    details = [match[f"fields{n}"] for n in ("", "2", "3", "4")]
    what = plain_name(re.split(r",", next(w for w in said if w))[0])
    fields = next(d for d in details if d).strip(" .")
    found = find_entity(brief, what)
    if not what or (found is not None and found.sure) or not reads_as_name(what):
        return []
    # Said in passing ("log boats with …" is no new page), a kind comes with its details.
    passing = match["what3"] or match["what4"]
    if passing and len(re.split(r",|\band\b", fields)) <= _FEWEST_DETAILS:
        return []
    return [f"add a {what} page with {fields}"]


# The kind of field a sentence asks for, by its cue words.
_KINDS: Table = (Row(_YES_NO, "yes/no"), Row(_TEXT, "text"), Row(_CHOICE, "choice"))
# A look asked for with no field or colour named.
# "dark chocolate", "white wine": a thing's own kind, never the theme
_NOT_THING = rf"(?![\s-]+(?:{THING_NAMES})\b)"
_LOOKS: Table = (
    Row(re.compile(rf"\b(?:white|light|lighter|brighter)\b{_NOT_THING}", _I), "use a light theme"),
    Row(re.compile(rf"\b(?:black|dark|darker|night)\b{_NOT_THING}", _I), "use a dark theme"),
)


_OPTIONS = re.compile(r"\s*(?:,|/|\s(?:or|and|&)\s)\s*", _I)


def _kind(brief: Brief, request: Request) -> list[str]:
    kind = first_said(_KINDS, request.lowered)
    if kind is None:
        return []
    fields = owned_fields(request)
    if len(fields) != 1:
        return []
    listed = LISTED.search(request.text) if kind == "choice" else None
    # "it needs to be a dropdown: Unpaid / Paid / Insurer paying": the options it offers.
    values = [v.strip(" .") for v in _OPTIONS.split(listed["items"])] if listed else []
    if values and all(v and reads_as_name(v) for v in values):
        return [f"make {field_said(fields[0])} a choice of {', '.join(values)}"]
    return [f"make {field_said(fields[0])} a {kind}"]


def _removed(brief: Brief, request: Request) -> list[str]:
    if _REMOVAL.search(request.lowered) is None or _NOT_REMOVAL.search(request.lowered):
        return []
    fields = owned_fields(request)
    if len(fields) != 1:
        return []
    return [f"remove {fields[0].field.label.lower()} from {fields[0].entity.plural.lower()}"]  # type: ignore[union-attr]


def _fields_of(entity: Entity, request: Request) -> list[Named]:
    """The fields of `entity` the request names, each once, in order: a name several record
    kinds share ("name") is read as this one's."""
    found: list[Named] = []
    for named in request.named:
        said = " ".join(request.words[named.start : named.end])
        if named.field is not None and named.entity is entity:
            hit = named
        else:
            located = _in(entity, key(said))
            if located is None or not located.sure or named.field is None:
                continue
            hit = Named(named.start, named.end, entity, located.field, named.at)
        if all(f.field != hit.field for f in found):
            found.append(hit)
    return found


def _moved(brief: Brief, request: Request) -> list[str]:
    place = _PLACE.search(request.lowered)
    if place is None:
        return []
    # The field named before the first word of place moves; the one after it is where.
    at = len(WORD.findall(request.lowered[: place.start()]))
    best: tuple[Named, Named] | None = None
    for entity in brief.entities:
        fields = _fields_of(entity, request)
        moving = [f for f in fields if f.end <= at]
        where = [f for f in fields if f.start >= at]
        if moving and where and len(fields) >= 2:
            if best is not None:
                return []  # two record kinds' fields fit: not sure which
            best = (moving[-1], where[0])
    if best is None:
        return []
    side = "after" if place["after"] else "before"
    mover, anchor = best[0].field, best[1].field
    assert mover is not None and anchor is not None
    owner = best[0].entity.plural.lower()
    return [f"on {owner} put {mover.label.lower()} {side} {anchor.label.lower()}"]


def _colour(brief: Brief, request: Request) -> list[str]:
    # A colour complained of ("blue is too corporate", "the red looks like an error") is the
    # one to change from, not to.
    complaints = [m.start() for m in _COMPLAINT.finditer(request.lowered)]
    colours = [
        c
        for c in _COLOUR.finditer(request.lowered)
        if c["colour"] not in ("black", "white")
        and not _NOT_THIS.search(request.lowered[: c.start()])
        and not names_a_thing(request.lowered, c.start(), c.end())
        and not any(at > c.end() for at in complaints)
    ]
    if not colours:
        return []
    last = colours[-1]
    if points_back(request.lowered) and had(request.lowered, last.start(), last.end()):
        return []  # "change the red to that": the colour wished was said before this part
    return [f"make the colour {last.group(0)}"]


def _theme(brief: Brief, request: Request) -> list[str]:
    if request.named:
        return []
    if NOT_DARK.search(request.lowered):
        # "not so dark" of a dark theme, the app as a whole: never "dark" read alone (of a
        # colour: its shade; "the buttons are too dark", "it's not too dark": not the theme's)
        whole = theme_too_dark(request.lowered) and dark_now(brief)
        return ["use a light theme"] if whole and not _COLOUR.search(request.lowered) else []
    if _COMPLAINT.search(request.lowered):
        return []
    look = first_said(_LOOKS, request.lowered)
    return [] if look is None else [look]


def _needed(brief: Brief, request: Request) -> list[str]:
    need = _NEED.search(request.lowered)
    owners = request.entities()
    if need is None or len(owners) != 1:
        return []
    rest = request.text[need.end() :]
    rest = _CUT.sub("", rest)
    what = plain_name(rest)
    # The owner named after what is added: "we need the ticket price on events".
    what = re.sub(r"\s+(?:on|for|in|to)\s+(?:the\s+|each\s+|every\s+|our\s+)?\w+$", "", what)
    if not what or len(what.split()) > MOST_WORDS or not reads_as_field(what):
        return []
    if resolve_phrase(brief, what) is not None:
        return []
    return [f"add {what} to {owners[0].plural.lower()}"]


def _choices(brief: Brief, request: Request) -> list[Said]:
    if _REMOVAL.search(request.lowered):
        return []
    found: list[Said] = [*listed_choices(brief, request)]
    return found or [*choices_in_passing(brief, request)]
