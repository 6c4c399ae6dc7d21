"""Wishes and complaints said about the app, restated as the plain request they make.

A founder often says what bothers them or what they do, not what to change: "brand is
pointless on stock, take it off" removes a field; "the purple's a bit much, how about a deep
crimson red?" sets a colour; "we have to keep a log of the chemicals we buy: product name,
batch number and expiry date" adds a kind of record; "where do I write which technician did
the visit?" adds a field. Their shape alone says what is asked, so no plan is needed here;
the plain form is then read against the plan like any other. Every pattern is anchored and
bounded, so restating is linear in the part.
"""

from __future__ import annotations

import re

from livebuild.brief.change_colours import NAMES, had, points_back
from livebuild.brief.change_table import Row, Table, first_said

_I = re.IGNORECASE

# ------------------------------------------------------------------ small rewordings

_GERUNDS = {
    "calling": "call",
    "renaming": "rename",
    "removing": "remove",
    "adding": "add",
    "making": "make",
    "changing": "change",
    "moving": "move",
    "putting": "put",
    "deleting": "delete",
    "dropping": "drop",
    "using": "use",
    "switching": "switch",
    "turning": "turn",
    "setting": "set",
}
_MIND = re.compile(r"^(?:(?:would|do)\s+you\s+)?mind\s+(?P<verb>" + "|".join(_GERUNDS) + r")\b", _I)
_WHERE = re.compile(
    r"^where\s+(?:do|can|should|would|could|shall)\s+(?:i|we)\s+(?:write|put|note|record|"
    r"enter|keep|add|log|say|fill\s+in)\s+(?:down\s+)?(?=\S)",
    _I,
)
_FILLER = re.compile(r"\s+(?:really|tbh|honestly|to\s+be\s+honest|though)\b(?=\s*[,:;]|\s*$)", _I)


def reworded(text: str) -> str:
    """ "mind calling X Y" is "call X Y"; "where do I write X" is "note X"; "really" goes."""
    text = _FILLER.sub("", text)
    mind = _MIND.match(text)
    if mind is not None:
        text = _GERUNDS[mind["verb"].lower()] + text[mind.end() :]
    return _WHERE.sub("note ", text, count=1).strip(" ,")


# ------------------------------------------------------------------ removals


_UNWANTED = (
    r"(?:pointless|useless|unnecessary|redundant|irrelevant|not\s+needed|never\s+used|"
    r"not\s+used|no\s+use|a\s+waste\s+of\s+space)"
)
_POINTLESS = re.compile(
    r"^(?:the\s+)?(?P<x>[\w' -]{1,60}?)\s+(?:is|are|'s|seems|feels)\s+(?:a\s+bit\s+|kind\s+of\s+|"
    r"totally\s+|completely\s+|just\s+)?" + _UNWANTED + r"(?:\s+(?:on|for|in)\s+(?:the\s+)?"
    r"(?P<y>[\w' -]{1,40}?))?(?:\s*,.*)?$",
    _I,
)
_DONT_WANT = re.compile(
    r"^(?:(?:i|we)\s+)?(?:don'?t|dont|do\s+not)\s+(?:really\s+)?(?:need|want|count|use|track|"
    r"fill\s+in)\s+"
    r"(?:the\s+|a\s+|an\s+|any\s+)?(?P<x>[^,]{1,80}?)(?:\s+(?:showing|shown|there|on\s+there|"
    r"visible|any\s*more|at\s+all))?(?:\s*,.*)?$",
    _I,
)
# "customer contract: I prefer not to have that on there": a name, then a removal of "that".
_NAMED_THEN_GONE = re.compile(
    r"^(?:the\s+)?(?P<x>[^:]{1,60}):\s*(?=.*\b(?:it|that|this|them|those)\b)"
    r"(?=.*\b(?:prefer\s+not|rather\s+not|don'?t\s+(?:need|want)|get\s+rid|take\s+\w+\s+(?:off|out|"
    r"away)|remove|delete|drop|not\s+needed|pointless|no\s+need)\b).+$",
    _I,
)
# Who does or doesn't use it, said after the name: "... on lessons we never fill it in".
_WHO_USES = re.compile(
    r"\s+(?:we|i|they|nobody|no\s+one|the\s+\w+)\s+(?:never|rarely|don'?t)\b.*$", _I
)


def _owned_removal(match: re.Match[str]) -> str:
    owner = f" on {match['y']}" if match["y"] else ""
    return f"remove {match['x']}{owner}"


def _removal(match: re.Match[str]) -> str | None:
    what = _WHO_USES.sub("", match["x"]).strip()
    return f"remove {what}" if what else None


_UNWANTED_ROWS: Table = (
    Row(_POINTLESS, _owned_removal),
    Row(_DONT_WANT, _removal),
    Row(_NAMED_THEN_GONE, _removal),
)


# ------------------------------------------------------------------ colours and theme

_COLOUR = re.compile(r"\b(?:" + NAMES + r")\b", _I)
# The words that make a colour a shade of itself, said once for every pattern here.
_SHADE_WORD = r"(?:dark|deep|light|pale|bright|pastel|soft)"
_SHADE = re.compile(rf"\b{_SHADE_WORD}\b", _I)
_CUE = re.compile(
    r"\b(?:be|how\s+about|what\s+about|instead|go\s+for|try|prefer|rather|more|swap|switch|"
    r"change|want|use|like\s+to\s+have|love|fancy|(?:'d|would)\s+like)\b",
    _I,
)
# "a teal rather than orange": the colour after these is the one not wanted.
_REJECTED = re.compile(
    r"\b(?:rather\s+than|instead\s+of|not|over)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:{_SHADE_WORD}\s+)?(?:{NAMES})\b",
    _I,
)
_NOT_COLOUR = re.compile(
    r"\b(?:field|page|section|option|options|choice|choices|status|accent|buttons?|links?|"
    r"add|remove|rename|called|named)\b",
    _I,
)


_ALTERNATIVE = re.compile(rf"\s*(?:/|or)?\s*(?:{_SHADE_WORD}\s+)?", _I)


def _colour_wish(match: re.Match[str]) -> str | None:
    """ "the purple's a bit much, how about a deep crimson red?" is "make the colour deep
    red": the last colour said after a word of wanting, with its shade."""
    text = _REJECTED.sub(" ", match.string)
    colours = list(_COLOUR.finditer(text))
    if not colours or _NOT_COLOUR.search(text):
        return None
    last = colours[-1]
    between = text[colours[-2].end() : last.start()] if len(colours) > 1 else ""
    start = 0
    if len(colours) > 1 and _ALTERNATIVE.fullmatch(between):
        # "navy blue", "crimson red", "lime / bright green": the first is the one meant
        last = colours[-2]
    if had(text, last.start(), last.end()) and points_back(text):
        # "club colours are bottle green, swap the amber for that": the one said before it
        fresh = [c for c in colours if c.end() <= last.start() and not had(text, *c.span())]
        if not fresh:
            return None
        last = fresh[-1]
    else:
        cue = _CUE.search(text, 0, last.start())
        if cue is None:
            return None
        start = cue.end()
    near = text[max(start, last.start() - 30) : last.start()]
    shade = _SHADE.findall(near)
    said = f"{shade[-1]} {last[0]}" if shade else last[0]
    return f"make the colour {said.lower()}"


_DARK = re.compile(
    r"\b(?:darker|dark)\s+(?:look|theme|mode|background|version|feel)\b|\bblack\s+background\b",
    _I,
)
_LIGHT = re.compile(
    r"\b(?:lighter|light|brighter)\s+(?:look|theme|mode|background|version|feel)\b|"
    r"\bwhite\s+background\b",
    _I,
)


def _no_other_colour(match: re.Match[str]) -> bool:
    """A dark or light look is asked for only where no other colour is named."""
    others = [c[0].lower() for c in _COLOUR.finditer(match.string)]
    return all(c in ("black", "white") for c in others) and not _NOT_COLOUR.search(match.string)


_LOOKS: Table = (
    Row(_DARK, "use a dark theme", _no_other_colour),
    Row(_LIGHT, "use a light theme", _no_other_colour),
)


# ------------------------------------------------------------------ names and kinds

# "we're rebranding as Bubble & Soak", "name is now Acorn and Oak": the app's new name.
_REBRAND = re.compile(
    r"^(?:(?:we(?:'re|\s+are)|we've|we\s+have|i'm|i\s+am)\s+)?(?:now\s+)?(?:rebranding|rebranded|"
    r"renaming\s+(?:ourselves|the\s+business)|(?:now\s+)?called)\s+(?:as\s+|to\s+)?"
    r"(?P<x>[^,!?]{1,60}?)(?:[\s,]+(?:can|could|so|please|pls|and)\b.*)?$"
    r"|^(?:(?:our|the|my|app'?s?|business|company)\s+){0,2}name\s+is\s+now\s+(?P<y>[^,!?]{1,60})$"
    # "app's called RiverRun Kayaks from now on", "the lab's new name is Precision Smiles": the
    # business said by what it is, then its name.
    r"|^(?:the\s+|our\s+|my\s+)?(?:app|site|business|company|charity|shop|lab|studio|clinic|"
    r"league|club|school|practice|firm|salon|centre|center|agency|farm|band|group|team)"
    r"(?:'s|\s+is)?\s+(?:new\s+name\s+is|name\s+is|now\s+called|called|named|going\s+to\s+be\s+"
    r"called)\s+(?:now\s+)?(?P<z>[^,!?]{1,60}?)(?:\s+(?:from\s+now\s+on|now|these\s+days|"
    r"going\s+forward))?$",
    _I,
)
_SYMBOLS = re.compile(r"[^\w&'.-]+$")


def _rebrand(match: re.Match[str]) -> str | None:
    name = _SYMBOLS.sub("", (match["x"] or match["y"] or match["z"] or "").strip())
    return f"call the app {name}" if name else None


_RENAME_APP = re.compile(
    r"^(?:rename|retitle|re-name)\s+(?:the\s+|our\s+|my\s+)?(?:app|product|site|tool|business)"
    r"(?:\s*:\s*|\s+to\s+|\s+as\s+)(?P<x>\S.{0,80})$",
    _I,
)


_ONE_OF = re.compile(
    r"^(?:the\s+)?(?P<x>[\w' -]{1,40}?)\s+(?:is|are|will\s+be)\s+(?:now\s+|always\s+|only\s+|"
    r"usually\s+|just\s+)*one\s+of\s+(?:a\s+few|several|a\s+handful\s+of|some|a\s+(?:fixed\s+|"
    r"short\s+|small\s+)?(?:set|list)\s+of|\d+|two|three|four|five)\b.*$",
    _I,
)


_EACH_ONES = re.compile(r"^(?:each|every)\s+(?P<y>[a-z-]+)'s\s+(?P<x>[\w' -]{1,60})$", _I)
# "each student's emergency contact number" is "add emergency contact number to student".

# ------------------------------------------------------------------ new kinds of record

_LOG = re.compile(
    r"^(?:.{0,60}?\b)?(?:keep\s+track\s+of|keep\s+tabs\s+on|(?:keep|need|want|have|start)\s+"
    r"(?:a\s+|an\s+)?(?:[\w-]+\s+)?(?:log|record|list|register|book|diary)\s+of|log|record|track|"
    r"save|store|keep|write(?:\s+up)?|fill\s+in)\s+"
    r"(?:(?:the|our|my|all|every|each|a|an)\s+)?(?!(?:down|up|out|off|in|when|where|what|which|who|"
    r"how|if|whether)\b)(?P<thing>[a-z][\w/'-]*(?:\s[\w/'-]+){0,3}?)"
    r"(?:\s+(?:for|on|from|that|which|we|i|in|when|where|if|after|before)\b"
    r"[^:\u2014\u2013,?]{0,80})?"
    r"\s*(?::|\s\u2014|\s\u2013|\s-\s|,\s+with\b)\s*(?P<fields>\S.{0,300})$",
    _I,
)
# "drivers as well please - their name, mobile and licence expiry": a new kind by its parts.
_THEIR_PARTS = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?P<thing>[a-z][\w-]*s)(?:\s+(?:as\s+well|too|also))?(?:\s+(?:please|pls))?"
    r"\s*(?::|\s\u2014|\s\u2013|\s-\s)\s*(?:with\s+)?their\s+(?P<fields>\S.{0,300})$",
    _I,
)
_EXAMPLES = re.compile(r"^(?:[\w' -]{1,30},\s*){0,6}[\w' -]{1,30}\s+etc\.?,?\s*", _I)
_ITEM_LEAD = re.compile(r"^(?:with|and|plus|the|a|an|its|their|each)\s+", _I)
_PRONOUN = r"(?:we|i|they|you|it|he|she|the|a|an|is|was|are|were)\b"
# A detail said as a question about the record, and the name it has.
_CLAUSES: Table = (
    # "what it was": the thing itself
    Row(re.compile(r"^what\s+(?:it|they)\s+(?:was|were|is|are)$", _I), "item"),
    # "when it's due": the date it is due
    Row(
        re.compile(r"^when\s+(?:it'?s|it\s+is|it\s+was|they'?re|they\s+are)\s+(?P<n>[a-z-]+)$", _I),
        "{n} date",
    ),
    # "the wall it's on": the thing named
    Row(
        re.compile(
            r"^(?P<n>[a-z-]+(?:\s+[a-z-]+)?)\s+(?:it'?s|it\s+is|it\s+was|they'?re)\s+"
            r"(?:on|in|at|from|for|with|by|under)$",
            _I,
        ),
        "{n}",
    ),
    # "what happened", "who dealt with it": a question no one word answers is the label
    Row(
        re.compile(
            r"^(?:what|who)\s+(?:happened|went|did|was|were|[a-z]+ed|dealt|took|got)\b"
            r"(?:\s+[\w'-]+){0,3}$",
            _I,
        ),
        lambda m: m.string,
    ),
    # "whether they've been cleared to play again": a yes or no, the record said as "they"
    Row(
        re.compile(
            r"^whether\s+(?:they|it|he|she)(?:'ve|'s|'re|\s+have|\s+has|\s+are|\s+is|"
            r"\s+were|\s+was)?\s+(?:been\s+)?(?P<n>[a-z][\w' -]{2,40})$",
            _I,
        ),
        "whether {n}",
    ),
    # "which hire it happened on", "what medicine we gave": the thing asked about
    Row(re.compile(rf"^(?:which|what)\s+(?!{_PRONOUN})(?P<n>[a-z-]+)\b.*$", _I), "{n}"),
    # "what the problem is"
    Row(
        re.compile(r"^what\s+(?:the\s+|its\s+|their\s+)?(?P<n>[a-z-]+)\s+(?:is|was|are|were)$", _I),
        "{n}",
    ),
    # "what we charged for it", "what I took on the day", "how much we paid"
    Row(
        re.compile(
            r"^(?:what|how\s+much)\s+(?:we|i|they|you)\s+"
            r"(?P<n>(?!(?:do|did|does|get|got|have|had|make|made|go|went)\b)[a-z-]+)\b.*$",
            _I,
        ),
        "{n}",
    ),
    # "who it's lent to", "who they're booked with"
    Row(
        re.compile(
            r"^who\s+(?:it'?s|it\s+is|it\s+was|they'?re|they\s+are|is)\s+(?P<n>[a-z-]+"
            r"(?:\s+(?:to|by|with|for))?)\b.*$",
            _I,
        ),
        "{n}",
    ),
    # "when we went back": a date
    Row(
        re.compile(r"^when\s+(?:we|i|they|it|he|she)\s+(?P<n>[a-z-]+(?:\s+[a-z-]+)?)$", _I),
        "date {n}",
    ),
)


def _item(said: str) -> str:
    item = said.strip(" .")
    for _ in range(2):
        item = _ITEM_LEAD.sub("", item)
    named = first_said(_CLAUSES, item)
    return (named if named is not None else item).strip()


# "each new route with its grade, ...": the record each is, before its parts.
_EACH_WITH = re.compile(
    r"^(?:each|every)\s+(?:new\s+)?(?P<thing>[a-z-]+)\s+(?:with|and)\s+(?:its|their)\s+", _I
)


def _record_log(match: re.Match[str]) -> str | None:
    """ "keep track of our gear: mics, preamps etc, with serial number and what we paid" is
    "add a gear page with serial number and paid"."""
    thing = match["thing"].strip()
    if "/" in thing:
        thing = thing.split("/")[-1].strip()
    fields = _EXAMPLES.sub("", match["fields"].strip())
    each = _EACH_WITH.match(fields)
    if each is not None:
        thing, fields = (
            each["thing"] + "s" if not each["thing"].endswith("s") else each["thing"],
            fields[each.end() :],
        )
    items = [_item(i) for i in re.split(r"\s*,\s*|\s+and\s+", fields) if i.strip()]
    items = [i for i in items if i and len(i.split()) <= 5]
    if not thing or len(items) < 2:
        return None
    return f"add a {thing} page with {', '.join(items[:-1])} and {items[-1]}"


# "add a Homework section to record what I set, when it's due and whether it was handed in"
_SECTION_TO = re.compile(
    r"^add\s+(?:an?\s+|the\s+)?(?:new\s+)?(?!(?:an?|the|new)\b)(?P<thing>[a-z][\w' -]{0,30}?)"
    r"\s+(?:section|page|list|tab|area)\s+"
    r"(?:to|for|where\s+(?:i|we)\s+can)\s+(?:record|track|log|note|keep|store|write\s+down)\s+"
    r"(?P<fields>\S.{0,300})$",
    _I,
)

# Each shape a wish is said in, and the plain request it makes.
WISHES: Table = (
    Row(_SECTION_TO, _record_log),
    Row(_RENAME_APP, lambda m: f"call the app {m['x'].strip()}"),
    Row(_REBRAND, _rebrand),
    *_UNWANTED_ROWS,
    Row(_ONE_OF, "make {x} a choice"),
    Row(_EACH_ONES, "add {x} to {y}"),
    Row(_LOG, _record_log),
    Row(_THEIR_PARTS, _record_log),
    Row(_COLOUR, _colour_wish),
    *_LOOKS,
)
