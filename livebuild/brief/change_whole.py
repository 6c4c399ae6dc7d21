"""Reading the parts of a change request about the app as a whole: its name, tagline,
colours and theme, the order of its pages, its features, and what no app we build can do."""

from __future__ import annotations

import re

from livebuild.brief.change_acts import limit_for
from livebuild.brief.change_colours import (
    NAMES,
    NOT_DARK,
    dark_now,
    had,
    hex_of,
    names_a_thing,
    points_back,
    theme_too_dark,
    wished,
)
from livebuild.brief.change_intents import (
    BUILT_IN_PAGES,
    Already,
    Refused,
    addressed,
    listing,
    offer,
)
from livebuild.brief.change_kind_said import SAID_BEFORE
from livebuild.brief.change_limits import Limit
from livebuild.brief.change_names import find_entity, find_feature
from livebuild.brief.change_ops import (
    Cannot,
    FeatureOff,
    FeatureOn,
    Operation,
    Reorder,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.change_words import name_text, reads_as_name, unquote
from livebuild.brief.colours import shade
from livebuild.brief.model import MAX_FEATURES, Brief

# ---------------------------------------------------------------- the app as a whole

_NAME = re.compile(
    r"^(?:call\s+it|name\s+it|call\s+the\s+(?:app|product|site)|name\s+the\s+(?:app|product)|"
    r"rename\s+(?:it|the\s+app|the\s+product|the\s+site)\s+(?:to|as)|"
    # "Rename the whole app Night Noodle Soho": a name said as a name, each word capitalised.
    r"rename\s+the\s+(?:whole\s+|entire\s+)?(?:app|product|site|thing)(?:\s+(?:to|as))?"
    r"(?=\s+(?-i:[A-Z]))|"
    r"change\s+the\s+(?:app\s+|product\s+)?name\s+to|"
    # "we've been bought out, the app should now be called ...": a reason may come first.
    r"(?:[^,]{1,80},\s*(?:so\s+)?)?"
    r"the\s+(?:app|product|site|shop|business|company|studio|clinic|service)(?:'s\s+name)?\s+"
    r"(?:(?:should|will|must|can|could|would)(?:\s+now)?\s+be|is)(?:\s+now)?\s+(?:called|named)|"
    r"(?:the\s+)?name\s+of\s+(?:the\s+|our\s+|my\s+)?(?:app|product|site|business|company)\s+"
    r"(?:should\s+be|is|will\s+be|to\s+be)(?:\s+now)?|"
    r"make\s+the\s+name)\s+(?P<name>.+)$",
    re.IGNORECASE,
)


def read_name(brief: Brief, text: str) -> list[Operation] | None:
    match = _NAME.match(text)
    if match is None:
        return None
    name = name_text(match["name"].split(",")[0])  # "X, we're opening a second one"
    if not name:
        return None
    # "Acorn and Oak": an "and" joins the words of a business's name.
    if not reads_as_name(re.sub(r"\s+and\s+", " & ", name, flags=re.I), 6):
        raise Refused(f"We couldn't tell what the new name is in \u201c{match['name']}\u201d.")
    return [SetName(name[:60])]


_TAGLINE = re.compile(
    r"^(?:change|set|make|update|swap|replace)\s+(?:the|our|my)\s+(?:tagline|slogan|strapline|"
    r"subtitle)\s+(?:to|say|read|be|for|with)\s*:?\s+(?P<text>.+)$|"
    # "our tagline should now say: …": the founder's own tagline is the app's.
    r"^(?:(?:add|give\s+it|use)\s+an?\s+|the\s+|our\s+|my\s+)?"
    r"(?:new\s+)?(?:tagline|slogan|strapline)(?:\s+please)?(?:\s*(?:[:\u2014\u2013\u2192]|->|=>)|\s+-\s|\s+"
    r"(?:should|could|can|would|will|must)\s+(?:now\s+)?(?:say|read|be)\s*:?)\s*(?P<text2>.+)$|"
    # "can the tagline say Open till 2am, every night": asked as a question.
    r"^(?:can|could|should|would|will)\s+(?:the|our|my)\s+(?:tagline|slogan|strapline)\s+(?:now\s+)?"
    r"(?:say|read|be)\s*:?\s+(?P<text3>.+)$",
    re.IGNORECASE,
)


def read_tagline(brief: Brief, text: str) -> list[Operation] | None:
    match = _TAGLINE.match(text)
    if match is None:
        return None
    given = match["text"] or match["text2"] or match["text3"]
    said = unquote(given)[:160]
    if said == given.strip() and said.islower() and len(said.split()) == 1:
        # "the slogan should be shorter": a word about the tagline, maybe not the tagline.
        raise offer(f"change the tagline to {said}", f"make the tagline \u201c{said}\u201d")
    return [SetTagline(said)] if said else None


# A shade word before a colour ("dark blue", "a darker green", "deep purple") makes the colour
# a shade; only a shade word standing alone ("make it dark", "dark mode") is the theme.
_SHADE = (
    r"\b(?:(?P<shade>dark(?:er)?|deep(?:er)?|light(?:er)?|pale(?:r)?|bright(?:er)?|pastel|soft)"
    r"(?:\s+|-))?"
)
_COLOUR = re.compile(
    _SHADE + r"(?P<colour>" + NAMES + r")\b"
    r"|(?P<hex>#[0-9a-f]{6})\b"
)
_DARK = re.compile(
    r"\b(?:dark(?:er)?|night)\s*(?:theme|mode|look|background)\b|\bmake\s+(?:it|everything)\s+"
    r"dark(?:er)?\b|\b(?:dark|night)$"
)
_LIGHT = re.compile(r"\b(?:light|bright)\s*(?:theme|mode|look|background)\b|\blight$")
_LOOK = re.compile(
    r"^(?:use|make|switch|give|change|go|set|turn|paint|colou?r)\b|\b(?:colou?rs?|theme|"
    r"accent|buttons?|header|look|mode|background|links?|brand)\b"
)
# Said alone, a colour is the wish: "navy please", "a darker green", "deep purple!".
_ONLY_COLOUR = re.compile(
    r"^(?:(?:a|an|the|some|more|of|in|please|pls|thanks|maybe|perhaps|something|bit|little|"
    r"have|get|use|go|for|with|try|"
    r"nice|lovely|warm|cool|rich|soft|bold|colour|color|shade)\s+)*(?:@C)"
    r"(?:\s+(?:please|pls|thanks|instead|one|colour|color|shade))*$"
)
_SHADES = {
    "darker": "dark",
    "deeper": "deep",
    "lighter": "light",
    "paler": "pale",
    "brighter": "bright",
}


def read_look(brief: Brief, text: str) -> list[Operation] | None:
    lowered = text.lower().strip(" !.?")
    named = [c for c in _COLOUR.finditer(lowered) if not names_a_thing(lowered, c.start(), c.end())]
    colour = wished(named)
    pointed = _said_before(lowered, colour)
    if pointed is not None:
        colour, lowered = pointed, pointed.string
    alone = colour is not None and _ONLY_COLOUR.match(lowered.replace(colour.group(0), "@C", 1))
    # "the green be more of a seaside blue": one colour had, another wished, is a colour wish.
    contrast = colour is not None and any(
        had(lowered, m.start(), m.end())
        for m in _COLOUR.finditer(lowered)
        if m.start() != colour.start()
    )
    if _LOOK.search(lowered) is None and not alone and not contrast:
        return None
    found: list[Operation] = []
    # The colour's own shade is not the theme: "make it dark blue" leaves the background be.
    rest = lowered if colour is None else lowered.replace(colour.group(0), " ", 1).strip()
    # "a dark theme with orange accents" is both a theme and a colour.
    if NOT_DARK.search(rest):
        # "not so dark", "it's too dark": lighter, not darker, and only of the app as a whole
        # ("the buttons are too dark", "it's not too dark" leave the theme be)
        if colour is None and theme_too_dark(lowered) and dark_now(brief):
            found.append(SetTheme(dark=False))
    elif _DARK.search(rest):
        found.append(SetTheme(dark=True))
    elif _LIGHT.search(rest):
        found.append(SetTheme(dark=False))
    if colour is not None and not re.search(r"\bbackground\b", lowered):
        said = colour.group(0)
        tone = _SHADES.get(colour["shade"] or "", colour["shade"])
        value = colour["hex"] or shade(hex_of(colour["colour"]), tone)
        accent = re.search(r"\b(?:accents?|highlights?|secondary)\b", lowered) is not None
        found.append(SetColour(value, said, accent))
    return found or None


def _said_before(text: str, colour: re.Match[str] | None) -> re.Match[str] | None:
    """ "club colours are bottle green, swap the amber for that": a part naming no colour it
    wishes for, but pointing back at one, wishes for the colour the part before it named."""
    if colour is not None and not had(text, colour.start(), colour.end()):
        return None
    before = (SAID_BEFORE.get() or "").lower()
    if not before or not points_back(text):
        return None
    found = wished(list(_COLOUR.finditer(before)))
    if found is None or had(before, found.start(), found.end()):
        return None
    return found


_THEME_WORD = re.compile(
    r"\b(?:dark(?:er)?|light(?:er)?|night|black|white|theme|mode|background)\b", re.I
)


def theme_said(text: str) -> bool:
    """Whether `text` asks about the theme at all: a shade of a colour ("dark blue", "a darker
    green") is the colour's, so "make it dark blue" says nothing of the theme."""
    rest = _COLOUR.sub(lambda m: " " if m["shade"] else m.group(0), text.lower())
    return _THEME_WORD.search(rest) is not None


_REORDER = re.compile(
    r"^(?:put|move|show|place|list)\s+(?:the\s+)?(?P<what>.+?)\s+"
    r"(?P<where>first|at\s+the\s+(?:top|start|front|beginning)|to\s+the\s+(?:top|front|start)|"
    r"last|at\s+the\s+(?:end|bottom)|to\s+the\s+(?:end|bottom)|(?:before|above|ahead\s+of)\s+(?:the\s+)?(?P<before>.+?)|"
    r"(?:after|below|under|behind)\s+(?:the\s+)?(?P<after>.+?))(?:\s+(?:in|of|on)\s+the\s+(?:nav|navigation|menu|list|"
    r"bar|top\s+bar|sidebar))?$",
    re.IGNORECASE,
)


def read_order(brief: Brief, text: str) -> list[Operation] | None:
    match = _REORDER.match(text)
    if match is None:
        return None
    moving = find_entity(brief, match["what"])
    if moving is None or not moving.sure:
        raise Refused(
            f"We couldn't find \u201c{unquote(match['what'])}\u201d in the navigation; it lists "
            f"{listing([e.plural for e in brief.entities])}."
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


_SWAP = re.compile(
    r"^(?:swap|switch|flip|reverse)\s+(?:the\s+order\s+of\s+|round\s+|around\s+)?(?:the\s+)?"
    r"(?P<a>.+?)\s+(?:and|with)\s+(?:the\s+)?(?P<b>.+?)(?:\s+(?:round|around|pages|in\s+the\s+menu))?$",
    re.IGNORECASE,
)


def read_swap(brief: Brief, text: str) -> list[Operation] | None:
    """ "swap customers and orders": each takes the other's place in the navigation."""
    match = _SWAP.match(text)
    if match is None:
        return None
    a, b = find_entity(brief, match["a"]), find_entity(brief, match["b"])
    if a is None or b is None or not (a.sure and b.sure) or a.entity is b.entity:
        return None
    order = list(brief.entities)
    i, j = order.index(a.entity), order.index(b.entity)
    order[i], order[j] = order[j], order[i]
    operations: list[Operation] = []
    current = list(brief.entities)
    for position, entity in enumerate(order):
        if current[position] is not entity:
            current.remove(entity)
            current.insert(position, entity)
            operations.append(Reorder(entity.slug, position))
    return operations


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


def read_feature_off(brief: Brief, text: str) -> list[Operation] | None:
    match = _FEATURE_OFF.match(text)
    if match is None:
        return None
    said = match["a"] or match["b"]
    page = BUILT_IN_PAGES.get(unquote(said).lower().removesuffix(" page"))
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
    return [FeatureOff(feature)]


def read_limits(brief: Brief, text: str) -> list[Operation] | None:
    limit = limit_for(brief, text)
    if limit is None:
        return None
    return [Cannot(declined(brief, limit, text))]


def declined(brief: Brief, limit: Limit, said: str = "") -> str:
    """Why no app does what `limit` names, and the closest thing we can make instead (for
    the people the request `said` names, if it names any)."""
    closest = _closest_request(brief, limit.closest, said)
    offered = f" {limit.offer}" + (f": say \u201c{closest}\u201d." if limit.closest else ".")
    return limit.why + (offered if limit.offer else "")


def _closest_request(brief: Brief, closest: str, said: str) -> str:
    return closest.replace("{people}", addressed(brief, said).plural)


def closest(brief: Brief, part: str) -> Suggestion | None:
    """The closest thing we can make to a part no app can do, to confirm."""
    limit = limit_for(brief, part)
    return None if limit is None else offered(brief, limit, part)


def offered(brief: Brief, limit: Limit, said: str = "") -> Suggestion | None:
    """The closest thing to what `limit` names that we can make, to confirm (for the people
    the request `said` names, if it names any)."""
    if not limit.closest:
        return None
    request = _closest_request(brief, limit.closest, said)
    return Suggestion(f"{limit.offer}. Say \u201c{request}\u201d to add it.", request)


def read_feature_on(brief: Brief, text: str) -> list[Operation] | None:
    match = _FEATURE_ON.match(text)
    if match is None:
        return None
    said = unquote(match["a"] or match["b"] or match["c"] or match["d"])
    if not said:
        return None
    if find_feature(brief, said) is not None:
        raise Already(f"\u201c{find_feature(brief, said)}\u201d is already on.")
    if len(brief.features) >= MAX_FEATURES:
        raise Refused(
            "The home page already shows six features, the most it has room for; "
            f"turn one off to make room for \u201c{said}\u201d."
        )
    return [FeatureOn(said[:1].upper() + said[1:100])]
