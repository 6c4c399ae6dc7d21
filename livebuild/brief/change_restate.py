"""Everyday requests said as a statement, restated in the plain words the reader reads.

These need no plan to restate: their shape alone says what is asked. "Sessions -> Lessons"
is a rename; "dark blue would suit our logo" asks for a colour; "could the app be dark?" for a
theme; "the skills list for volunteers is missing Phones" for a choice; "customers' phone won't
take +44 7700 900123" for a text field. A reason after the request ("..., we print labels
separately", "... for privacy") is not part of any name, so it is dropped.
"""

from __future__ import annotations

import re

from livebuild.brief.change_colours import CHANGE_COLOURS
from livebuild.brief.change_table import Row, Table, first_said
from livebuild.brief.change_wishes import WISHES, reworded

_I = re.IGNORECASE
_SHADES = r"(?:(?:dark|light|deep|pale|bright|soft|warm|cool|navy|sky|royal|forest)\s+)?"
_OWNER = r"(?:for|on|of|in)"

# "Drinks -> Bar" renames; "Tagline -> ..." is the tagline's new words (`change_whole`).
_ARROW = re.compile(
    r"^(?!(?i:(?:the\s+)?(?:new\s+)?(?:tagline|slogan|strapline))\s*(?:->|→|=>|>))"
    r"(?P<old>[^>]+?)\s*(?:->|→|=>|>)\s*(?P<new>.+)$"
)
_SUITS = re.compile(
    r"^(?P<colour>" + _SHADES + r"[a-z]+)\s+(?:would|will|might|could)\s+"
    r"(?:suit|match|look|work|go|fit)\b.*$",
    _I,
)
_APP_BE = re.compile(
    r"^(?:could|can|should|would)\s+(?:the\s+|our\s+)?(?:app|site|whole\s+app|everything|"
    r"screen|it)\s+(?:be|look|go|turn)\s+(?P<look>.+)$",
    _I,
)
_CHOICE_TO = re.compile(
    r"^add\s+(?P<x>.+?)\s+to\s+(?:the\s+)?(?P<f>.+?)\s+(?:choices|options|list)\s+"
    + _OWNER
    + r"\s+(?P<y>.+)$",
    _I,
)
_CHOICE_MISSING = re.compile(
    r"^(?:the\s+)?(?P<f>.+?)\s+(?:list|options|choices)\s+"
    + _OWNER
    + r"\s+(?P<y>.+?)\s+(?:is|are)\s+missing\s+(?P<x>.+)$",
    _I,
)
_WONT_TAKE = re.compile(
    r"^(?P<field>.+?)\s+(?:won't|wont|doesn't|does\s+not|will\s+not|can't|cannot)\s+"
    r"(?:take|accept|allow|hold|save)\s+(?P<value>.+)$",
    _I,
)
# A value that is written, not counted: "+44 7700 900123", "SW1A 1AA", "(555) 010-0199".
_WRITTEN = re.compile(r"[+()]|\d\s+\d|[a-z]\d|\d[a-z]", _I)
_REASON = re.compile(
    r"(?:,\s*|\s+-\s+)(?:because|since|as|we|i|they|so|it's|usually)\b"
    r"(?!\s+(?:call|name|would)\b|'d\b).*$|"
    r"\s+(?:because|in\s*case|otherwise|cos|coz)\b.*$",
    _I,
)
# "(GDPR)", "(for the insurance)": an aside at the end; choices in brackets follow a kind word.
_ASIDE = re.compile(
    r"(?<!list)(?<!choice)(?<!dropdown)(?<!options)(?<!one of)\s*\([^(),]{1,60}\)\s*$", _I
)
_FOR_REASON = re.compile(r"^(?P<keep>(?:remove|delete|drop)\s+.+?\s+from\s+\S+)\s+for\s+\S+$", _I)
# "the vets we use", "the events we run": who keeps them is no part of their name.
_OURS = re.compile(
    r"\b(?P<things>[a-z]+s)\s+(?:that\s+|which\s+)?(?:we|i)\s+(?:use|run|have|hold|go\s+to|"
    r"work\s+with|see|sell|make|teach|offer|host|organise|organize|buy|order)\b"
    r"(?:\s+(?:at|in|on|to|from|for)\b(?=\s*(?:,|$)))?",
    _I,
)
# "each payment owners make": who makes them is no part of their name either.
_THEIRS = re.compile(
    r"\b(?P<each>each|every)\s+(?P<one>[a-z]+)\s+[a-z]+s\s+(?:make|pay|give|send|place|book|"
    r"buy|order|bring|take)\b",
    _I,
)
# "..., so each repair can belong to one": why it is wanted, after the request.
_SO_THAT = re.compile(r",?\s+so\s+(?:that\s+)?(?:each|every|we|i|they|it|the)\b.*$", _I)
_THING = re.compile(r"\s+(?:thing|bit|stuff)\s+(?=(?:on|in|for|of|from)\b)", _I)


# "is there a way to record ...", "we don't have a way to note ...": the request is what follows.
_A_WAY_TO = re.compile(
    r"^(?:is\s+there\s+(?:a|any)\s+way\s+(?:to|we\s+can|i\s+can)|(?:we|i)\s+(?:don't|do\s+not|"
    r"can't|cannot)\s+(?:have\s+(?:a|any)\s+way\s+to|seem\s+to\s+be\s+able\s+to)|there's\s+no\s+"
    r"way\s+to)\s+",
    _I,
)
_QUESTION = r"(?:which|what|whether|how\s+many|how\s+much|when|where|who)\b"
# "note which wall each class uses": a field described by a question about its record.
_NOTE_CLAUSE = re.compile(
    r"^(?:note|record|track|keep|log|store|save|say|show|add)\s+(?:down\s+)?(?P<clause>"
    + _QUESTION
    + r".+)$",
    _I,
)
_CLAUSE_OWNER = re.compile(
    r"\b(?:each|every)\s+(?P<owner>[a-z]+)|\b(?:a|an|the)\s+(?P<one>[a-z]+)", _I
)
_WHICH = re.compile(
    r"^(?:which|what)\s+(?P<name>[a-z-]+(?:\s+or\s+[a-z-]+(?=\s+(?:each|every|a|an|the|it|they|we|is|are|was)\b))?)",
    _I,
)
# "whether a dog is ok off the lead": the record itself is the subject, its state the field.
_WHETHER = re.compile(
    r"^whether\s+(?:a|an|the|each|every)\s+[a-z-]+\s+"
    r"(?:is|are|was|were|has|have|had|can|gets?|got)\s+(?:been\s+)?(?P<state>[^,]+)",
    _I,
)
_HOW = re.compile(r"^how\s+(?P<much>many|much)\b", _I)
_HOW_DONE = re.compile(
    r"^how\s+many\s+(?:people\s+|of\s+them\s+)?(?:have\s+|are\s+|were\s+|got\s+)?"
    r"(?P<done>[a-z]+ed)$",
    _I,
)
# "what the repair cost us": what a record cost is its cost.
_WHAT_COST = re.compile(
    r"^what\s+(?:the\s+|its\s+|their\s+)?(?P<thing>[a-z-]+(?:\s+[a-z-]+)?)\s+"
    r"(?P<cost>cost|costs|weighed|weighs|paid|charged)\b",
    _I,
)
# "what went wrong", "what was done", "who did it": a question no one word answers is the label.
_CLAUSE = re.compile(
    r"^(?:what|who)\s+(?:was|were|is|are|went|happened|did|does|do|got|gets|they|we|it|he|she|"
    r"[a-z]+ed)\b(?:\s+[\w'-]+){0,3}$",
    _I,
)
_OF_CLAUSE = re.compile(r"^(?:the\s+)?(?P<name>[a-z-]+)\s+of\s+(?:\S+\s+){2,}\S+$", _I)


def _cost(match: re.Match[str]) -> str:
    money = match["cost"].startswith(("cost", "paid", "charged"))
    return f"{match['thing']} {'cost' if money else 'weight'}"


# "whether they've been cleared to play again": the record said as a pronoun.
_WHETHER_IT = re.compile(
    r"^whether\s+(?:they|it|he|she)(?:'ve|'s|'re|\s+have|\s+has|\s+are|\s+is|\s+were|\s+was)?"
    r"\s+(?:been\s+|got\s+|ever\s+)?(?P<state>[a-z][^,]{2,40})$",
    _I,
)
# "who it's lent to", "who they're assigned to": the person is the field, named by the verb.
_WHO_TO = re.compile(
    r"^who\s+(?:it|they|he|she)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s+(?P<done>[a-z]+)\s+"
    r"(?P<to>to|by|with|for)$",
    _I,
)
# "the date to reorder by": a date named by what is to happen on it.
_DATE_WHEN = re.compile(
    r"^(?:the\s+)?(?P<date>date|day|time)\s+(?P<when>to\s+[a-z]+(?:\s+[a-z]+){0,2})$",
    _I,
)
# "how many boxes": the count of a thing is its number.
_HOW_MANY_OF = re.compile(r"^how\s+many\s+(?P<things>[a-z]+s)$", _I)


# A field said as a question about its record, and its name.
_DESCRIBED: Table = (
    Row(_WHETHER, lambda m: f"whether {m['state'].strip()}"),
    Row(_WHETHER_IT, lambda m: f"whether {m['state'].strip()}"),
    Row(_WHO_TO, lambda m: f"{m['done']} {m['to']}"),
    Row(_DATE_WHEN, lambda m: f"{m['date']} {m['when']}"),
    Row(_HOW_MANY_OF, lambda m: f"number of {m['things']}"),
    Row(_WHAT_COST, _cost),
    Row(_CLAUSE, lambda m: m.string),
    Row(_WHICH, lambda m: m["name"].strip()),
    Row(_OF_CLAUSE, lambda m: m["name"].strip()),
    Row(_HOW_DONE, lambda m: f"number {m['done'].lower()}"),  # "how many have booked"
    Row(_HOW, lambda m: "quantity" if m["much"].lower() == "many" else "amount"),
)


def described_field(what: str) -> str:
    """A field said as a question about its record, as its name: "which room it was in" is
    "room", "whether a dog is ok off the lead" is "whether ok off the lead" (a yes or no),
    "how many" is "quantity",
    "the weight of stuff we saved from landfill" is "weight"."""
    found = first_said(_DESCRIBED, what.strip())
    return what if found is None else found


def _note_clause(match: re.Match[str]) -> str | None:
    owner = _CLAUSE_OWNER.search(match["clause"])
    if owner is None:
        return None
    return f"add {match['clause']} to {owner['owner'] or owner['one']}"


# "dogs should have a vet too, name and phone": the parts of one new thing, each a field.
_PARTS = re.compile(
    r"^(?P<owner>.+?)\s+(?:should|must|need\s+to|needs\s+to|could)\s+(?:also\s+)?have\s+"
    r"(?:an?\s+)?(?P<thing>[a-z-]+)(?:\s+(?:too|as\s+well))?,\s+(?:with\s+)?(?:its\s+|their\s+)?"
    r"(?P<parts>[a-z-]+(?:\s*,\s*[a-z-]+)*\s+and\s+[a-z-]+)$",
    _I,
)


def _parts(match: re.Match[str]) -> str:
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+and\s+", match["parts"]) if p.strip()]
    named = [f"{match['thing']} {part}" for part in parts]
    return f"add {', '.join(named[:-1])} and {named[-1]} to {match['owner']}"


# "the walker field on walks is spelt 'Walkr'": the name as it should be, and as it is.
_MISSPELT = re.compile(
    r"^(?:the\s+)?(?P<right>[\w' -]+?)\s+(?:field|column|page|section)\s+(?P<where>(?:on|in|of)\s+"
    r".+?\s+)?is\s+(?:spelt|spelled|written|misspelt|misspelled|showing|shown)\s+(?:as\s+)?"
    r"(?P<wrong>\S.*)$",
    _I,
)


def _misspelt(match: re.Match[str]) -> str:
    where = f" {match['where'].strip()}" if match["where"] else ""
    return f"rename {match['wrong']}{where} to {match['right']}"


def _a_colour(match: re.Match[str]) -> bool:
    return match["colour"].split()[-1].lower() in CHANGE_COLOURS


def _written(match: re.Match[str]) -> bool:
    return _WRITTEN.search(match["value"]) is not None


# Each everyday shape, and the plain request it makes; the wishes first.
_RESTATEMENTS: Table = (
    *WISHES,
    Row(_ARROW, "rename {old} to {new}"),
    Row(_MISSPELT, _misspelt),
    Row(_PARTS, _parts),
    Row(_NOTE_CLAUSE, _note_clause),
    Row(_SUITS, "make the colour {colour}", _a_colour),
    Row(_APP_BE, "make the app {look}"),
    Row(_CHOICE_TO, "{y}: add {x} to {f}"),
    Row(_CHOICE_MISSING, "{y}: add {x} to {f}"),
    Row(_WONT_TAKE, "make {field} text", _written),
)


# "the kids need a contact number as well as the parent": who else has one is no part of it.
_AS_WELL_AS = re.compile(
    r"\s+as\s+well\s+as\s+(?:the|their|a|an|his|her|its|our)\s+[a-z-]+(?=\s*(?:,|$))", _I
)


def without_reason(text: str) -> str:
    """ "The allergens thing on products isn't needed, we print labels separately" is
    "The allergens on products isn't needed"."""
    kept = _REASON.sub("", _ASIDE.sub("", text))
    if len(kept.split()) < 2:
        kept = text
    kept = _FOR_REASON.sub(r"\g<keep>", kept)
    kept = _SO_THAT.sub("", kept) if len(_SO_THAT.sub("", kept).split()) >= 2 else kept
    kept = _THEIRS.sub(r"\g<each> \g<one>", kept)
    kept = _AS_WELL_AS.sub("", kept)
    return _OURS.sub(r"\g<things>", _THING.sub(" ", kept))


# "there's nowhere to put the key safe code for a cottage", "how do I show whether a team's
# paid": a lack or a question about where a detail goes asks to add it.
_NOWHERE = re.compile(
    r"^(?:(?:there's|there\s+is|we\s+have|we've\s+got|i\s+have|i've\s+got)\s+(?:nowhere|no\s+"
    r"(?:place|field|box|spot))|how\s+(?:do|can|should|would)\s+(?:i|we))\s+(?:to\s+)?"
    r"(?:put|note|record|keep|write(?:\s+down)?|store|show|add|track|log|mark|enter)\s+(?=\S)",
    _I,
)


def restated(text: str) -> str:
    """`text` in plain words when its shape says what it asks, else `text` as it is."""
    text = _NOWHERE.sub("add ", text, count=1)
    text = reworded(_A_WAY_TO.sub("", text, count=1))
    found = first_said(_RESTATEMENTS, text)
    return text if found is None else found
