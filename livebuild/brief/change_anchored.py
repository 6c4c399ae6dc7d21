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
from dataclasses import dataclass

from rapidfuzz import fuzz

from livebuild.brief.change_names import SURE, _in, find_entity, find_field, key
from livebuild.brief.change_ops import AddChoices, Operation
from livebuild.brief.change_wordlists import words
from livebuild.brief.change_words import ARTICLES, reads_as_field, reads_as_name
from livebuild.brief.colours import COLOUR_NAMES
from livebuild.brief.model import Brief, Entity, Field
from livebuild.brief.text import singular

_I = re.IGNORECASE
Said = str | Operation  # a plain request to read again, or an operation read outright
_WORD = re.compile(r"[a-z0-9][a-z0-9'\u2019/-]*", _I)
_MOST_WORDS = 4
_QUOTED = re.compile(
    r"(?:^|(?<=[\s(:\u2014\u2013-]))(['\"])(?P<q>[^'\"]{1,60}?)\1(?=$|[\s,.?!;:)])"
)
# Words never the start or end of a name on their own, however the plan's fields are called.
_SMALL = frozenset(words().lists.not_alone)


@dataclass(frozen=True)
class Named:
    """A stretch of the request naming a field or a record kind of the plan."""

    start: int  # word positions
    end: int
    entity: Entity
    field: Field | None = None
    at: tuple[int, int] = (0, 0)  # where in the request, by character


@dataclass(frozen=True)
class Request:
    text: str  # the request as said
    lowered: str
    words: list[str]
    named: list[Named]
    quoted: list[str]
    quoted_at: list[tuple[int, int]]

    def fields(self, owner: Entity | None = None) -> list[Named]:
        """Each field named once, in the order first named; only `owner`'s when given."""
        seen: set[tuple[str, str]] = set()
        found: list[Named] = []
        for named in self.named:
            if named.field is None or (owner is not None and named.entity is not owner):
                continue
            key = (named.entity.slug, named.field.name)
            if key not in seen:
                seen.add(key)
                found.append(named)
        return found

    def entities(self) -> list[Entity]:
        kinds: list[Entity] = []
        for named in self.named:
            if named.field is None and named.entity not in kinds:
                kinds.append(named.entity)
        return kinds


def _clean(word: str) -> str:
    return re.sub(r"['\u2019]s?$", "", word.lower())


def _resolve(brief: Brief, phrase: str) -> Named | None:
    """What `phrase` names in the plan, when it is sure; a field wins a tie with its owner."""
    located = find_field(brief, phrase)
    entity = find_entity(brief, phrase)
    field_sure = located is not None and located.sure and _worded(phrase, located.field.label)
    if entity is not None and entity.sure:
        # A tie is read by number: "donors" are the record kind, "the donor" a field naming one.
        last = phrase.split()[-1]
        plural_said = singular(last) != last
        if located is None or not field_sure or entity.score > located.score or plural_said:
            return Named(0, 0, entity.entity)
    if located is not None and field_sure:
        return Named(0, 0, located.entity, located.field)
    return None


def _worded(phrase: str, label: str) -> bool:
    """Whether some run of the phrase's words is the label, give or take a slip of the keys:
    "ticket" is not Tickets sold."""
    words, size = phrase.split(), len(label.split())
    wanted = key(label)
    runs = (key(" ".join(words[i : i + size])) for i in range(max(1, len(words) - size + 1)))
    return any(fuzz.ratio(run, wanted) >= SURE for run in runs)


def _padded(brief: Brief, found: Named, span: list[str]) -> bool:
    """Whether the span's first word is no part of what it names: "call the brides" names
    Brides by its last word alone; "teacher bios" (Bio of Teachers) names the owner first and
    "standing order on stockists" starts with the field's own name."""
    owner = find_entity(brief, span[0])
    if (
        found.field is not None
        and owner is not None
        and owner.sure
        and owner.entity is found.entity
    ):
        return False
    names = (
        [found.field.label]
        if found.field is not None
        else [found.entity.singular, found.entity.plural]
    )
    for name in names:
        size = len(name.split())
        if fuzz.ratio(key(" ".join(span[:size])), key(name)) >= SURE:
            return False
    return True


def resolve(brief: Brief, text: str) -> Request:
    """`text` with every record kind and field of `brief` it names, longest names first."""
    lowered = text.lower()
    spans = list(_WORD.finditer(lowered))
    words = [_clean(m.group(0)) for m in spans]
    taken = [False] * len(words)
    named: list[Named] = []
    for size in range(_MOST_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if any(taken[start : start + size]) or span[0] in _SMALL or span[-1] in _SMALL:
                continue
            found = _resolve(brief, " ".join(span))
            if found is None or (size > 1 and _padded(brief, found, span)):
                continue  # "fill in the teacher" names Teacher by its last word alone
            at = (spans[start].start(), spans[start + size - 1].end())
            named.append(Named(start, start + size, found.entity, found.field, at))
            for word in range(start, start + size):
                taken[word] = True
    named.sort(key=lambda n: n.start)
    quotes = [m for m in _QUOTED.finditer(text) if m["q"].strip()]
    return Request(
        text, lowered, words, named, [m["q"].strip() for m in quotes], [m.span() for m in quotes]
    )


def _whole(brief: Brief, said: str) -> bool:
    """Whether quoted words are, as a whole, the name of a field or record kind of the plan."""
    wanted = key(said)
    names = [key(n) for e in brief.entities for n in (e.singular, e.plural)]
    names += [key(f.label) for e in brief.entities for f in e.fields]
    return any(fuzz.ratio(wanted, name) >= SURE for name in names)


# ---------------------------------------------------------------- what the sentence does

_REMOVAL = re.compile(
    r"\b(?:bin|remove|delete|drop|ditch|scrap|lose|get\s+rid|take\s+(?:it|them|that|those)?\s*"
    r"(?:off|out)|(?:is|are)n'?t\s+needed|isnt\s+needed|arent\s+needed|not\s+needed|no\s+need|"
    r"don'?t\s+need|dont\s+need|never\s+(?:fill|use|look|need)|shouldn'?t\s+(?:be\s+)?"
    r"(?:keep|stor|hold|ask|collect)\w*|no\s+longer|pointless|useless|unnecessary)\b",
    _I,
)
_NOT_REMOVAL = re.compile(r"\b(?:don'?t|do\s+not|never)\s+(?:remove|delete|drop|bin|lose)\b", _I)
_CHOICE = re.compile(
    r"\b(?:pick(?:ed)?\s+from|chosen\s+from|choose\s+from|select(?:ed)?\s+from|pick\s*-?\s*list|"
    r"drop\s*-?\s*down|list\s+to\s+(?:pick|choose)|from\s+a\s+list|only\s+ever\s+\w+|"
    r"one\s+of\s+(?:a\s+few|our|the)|not\s+typed)\b",
    _I,
)
_YES_NO = re.compile(r"\b(?:yes\s*/\s*no|yes\s+or\s+no|tick\s*-?\s*box|check\s*-?\s*box)\b", _I)
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
_LOG = re.compile(
    r"\b(?:log|list|record|register|diary|book|tracker|history)\s+of\s+(?:our\s+|the\s+|all\s+|"
    r"each\s+|every\s+|any\s+)?(?P<what>[a-z][\w' -]{1,40}?)\s*(?::|\u2014|\u2013|\s-\s|,?\s+"
    r"(?:with|including)\b)\s*(?P<fields>.+)$"
    r"|\b(?:record|track|log|keep\s+track\s+of|keep\s+a\s+note\s+of)\s+(?:our\s+|the\s+|all\s+|"
    r"each\s+|every\s+)?(?P<what2>[a-z][\w' -]{1,40}?)(?:,[^:]{0,60})?\s*:\s*(?P<fields2>.+)$",
    _I,
)
_COMPLAINT = re.compile(
    r"\b(?:too|feels?|looks?|gloomy|ugly|hate|dislike|boring|dull|corporate|harsh|garish)\b", _I
)
_COLOUR = re.compile(
    r"\b(?:(?P<shade>dark(?:er)?|deep(?:er)?|light(?:er)?|pale(?:r)?|bright(?:er)?|pastel|soft)"
    r"\s+)?(?P<colour>" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True)) + r")\b",
    _I,
)
_NOT_THIS = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|from|than|no\s+more)\s+(?:the\s+)?$", _I
)
_CUT = re.compile(
    r"\s+(?:so|because|since|as|for\s+the|for\s+our|which|that's|it's|to\s+work)\b.*$|[,;?!].*$",
    _I,
)


def _plain_name(text: str) -> str:
    text = ARTICLES.sub("", text.strip(" .,:;!?'\"")).strip()
    text = re.sub(r"^(?:their|its|his|her|our|my|each|every|a|an|the)\s+", "", text, flags=_I)
    return re.sub(r"\s+(?:too|as\s+well|also|please|pls|then)$", "", text, flags=_I).strip()


def said_outright(brief: Brief, text: str) -> list[Said]:
    """A new tagline or app name said in quotes, whatever else the sentence says: read before
    anything else, so "new tagline please - 'Breathe in. Show up.'" is never a Taglines page."""
    if _TAGLINE.search(text) or _APP_NAME.search(text):
        said: list[Said] = list(_renamed(brief, resolve(brief, text)))
        return said
    # Options listed for a choice the plan has, whatever they are: "donation methods - PayPal,
    # JustGiving, standing order" adds options; it doesn't ask to take payments.
    if _LISTED.search(text) or _QUOTED.search(text):
        return _choices(brief, resolve(brief, text))
    return []


def restate(brief: Brief, text: str) -> list[Said]:
    """Plain requests for what `text` asks, found by what it names; none when unsure."""
    request = resolve(brief, text)
    readings: tuple[Callable[[Brief, Request], Sequence[Said]], ...] = (
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


def _field_said(named: Named) -> str:
    assert named.field is not None
    return f"{named.field.label.lower()} on {named.entity.plural.lower()}"


def _renamed(brief: Brief, request: Request) -> list[str]:
    if not request.quoted:
        return []
    new = [q for q in request.quoted if not _whole(brief, q)]
    old = [q for q in request.quoted if _whole(brief, q)]
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
    what = outside[0].entity.plural if outside[0].field is None else _field_said(outside[0])
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
    what = _plain_name(re.split(r",", match["what"] or match["what2"])[0])
    fields = (match["fields"] or match["fields2"]).strip(" .")
    found = find_entity(brief, what)
    if not what or (found is not None and found.sure) or not reads_as_name(what):
        return []
    return [f"add a {what} page with {fields}"]


def _kind(brief: Brief, request: Request) -> list[str]:
    kind = (
        "yes/no"
        if _YES_NO.search(request.lowered)
        else "text"
        if _TEXT.search(request.lowered)
        else "choice"
        if _CHOICE.search(request.lowered)
        else None
    )
    if kind is None:
        return []
    fields = _owned_fields(request)
    if len(fields) != 1:
        return []
    return [f"make {_field_said(fields[0])} a {kind}"]


def _owned_fields(request: Request) -> list[Named]:
    """The fields named; only the named record kind's when one is named apart from them."""
    fields = request.fields()
    owners = request.entities()
    if len(owners) == 1 and any(f.entity is owners[0] for f in fields):
        fields = request.fields(owners[0])
    return fields


def _removed(brief: Brief, request: Request) -> list[str]:
    if _REMOVAL.search(request.lowered) is None or _NOT_REMOVAL.search(request.lowered):
        return []
    fields = _owned_fields(request)
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
    at = len(_WORD.findall(request.lowered[: place.start()]))
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
        and not any(at > c.end() for at in complaints)
    ]
    if not colours:
        return []
    said = colours[-1].group(0)
    return [f"make the colour {said}"]


def _theme(brief: Brief, request: Request) -> list[str]:
    if _COMPLAINT.search(request.lowered) or request.named:
        return []
    if re.search(r"\b(?:white|light|lighter|brighter)\b", request.lowered):
        return ["use a light theme"]
    if re.search(r"\b(?:black|dark|darker|night)\b", request.lowered):
        return ["use a dark theme"]
    return []


def _needed(brief: Brief, request: Request) -> list[str]:
    need = _NEED.search(request.lowered)
    owners = request.entities()
    if need is None or len(owners) != 1:
        return []
    rest = request.text[need.end() :]
    rest = _CUT.sub("", rest)
    what = _plain_name(rest)
    # The owner named after what is added: "we need the ticket price on events".
    what = re.sub(r"\s+(?:on|for|in|to)\s+(?:the\s+|each\s+|every\s+|our\s+)?\w+$", "", what)
    if not what or len(what.split()) > _MOST_WORDS or not reads_as_field(what):
        return []
    if _resolve(brief, what) is not None:
        return []
    return [f"add {what} to {owners[0].plural.lower()}"]


_STOP = _SMALL | frozenset(words().lists.list_edge)
_LISTED = re.compile(r"(?::|\s-\s|\u2014|\u2013)\s*(?P<items>[^:]+)$")


def _items(tokens: list[str]) -> list[str]:
    """The values of a list said in passing: "doing Ashtanga and Restorative as well"."""
    joins = [at for at, w in enumerate(tokens) if w.lower() in ("and", "or", "&")]
    if not joins:
        return []
    at = joins[-1]
    right: list[str] = []
    for word in tokens[at + 1 :]:
        if word.lower() in ("a", "an", "the") and not right:
            continue
        if word.lower() in _STOP or word == ",":
            break
        right.append(word)
    left: list[str] = []
    for word in reversed(tokens[:at]):
        if word.lower() in _STOP or word == ",":
            break
        left.insert(0, word)
    return [" ".join(left[-3:]), " ".join(right)] if left and right else []


def _trimmed(value: str) -> str:
    """An option without the words around it: "add also Waitlisted" is Waitlisted."""
    words = value.split()
    while words and words[0].lower() in _STOP:
        words.pop(0)
    while words and words[-1].lower() in _STOP:
        words.pop()
    return " ".join(words)


def _without_owner(value: str, owner: set[str]) -> str:
    words = value.split()
    while words and key(words[-1]) in owner:
        words.pop()
    return " ".join(words)


def _choices(brief: Brief, request: Request) -> list[Said]:
    listed = _LISTED.search(request.text)
    # A name inside the values ("Paid by card") is a value, not the choice they go to.
    fields = [
        f
        for f in _owned_fields(request)
        if f.field is not None
        and f.field.kind == "choice"
        and not any(a <= f.at[0] < b for a, b in request.quoted_at)
        and not (listed is not None and f.at[0] >= listed.start("items"))
    ]
    if len(fields) != 1 or _REMOVAL.search(request.lowered):
        return []
    named = fields[0]
    assert named.field is not None
    values = [q for q in request.quoted if _resolve(brief, q) is None]
    if not values and listed is not None:
        values = [_trimmed(v) for v in re.split(r",|\s+(?:and|or|&)\s+", listed["items"])]
        values = [v for v in values if v]
    if not values:
        values = _items(re.findall(r"[\w'-]+|,", request.text))
    # "Rescheduled lessons": the record kind said after a value is not part of it.
    owner = {key(named.entity.plural), key(named.entity.singular)}
    values = [v for v in (_without_owner(v, owner) for v in values) if v]
    kept = {c.lower() for c in named.field.choices}
    fresh = [_plain_name(v) for v in values if _plain_name(v).lower() not in kept]
    fresh = [v for v in fresh if v and _resolve(brief, v) is None and len(v.split()) <= 3]
    # An option is a name, not a clause: "prefer not to have" is a wish about the field.
    clause = {"not", "no", "never", "don't", "dont", "prefer", "rather"} | _STOP - _SMALL
    if any(w.lower() in clause for v in fresh for w in v.split()):
        return []
    if not fresh or len(fresh) != len(values):
        return []
    return [
        AddChoices(named.entity.slug, named.field.name, tuple(v[:1].upper() + v[1:] for v in fresh))
    ]
