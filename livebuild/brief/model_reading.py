"""The model's reading of an idea: a few small decisions, each bound by a schema.

The model is asked what kind of app the idea is, the records it keeps (named freely, in the
founder's own words), the details said of each and which record belongs to which; who the app is
for the rules read (the answer's schema has no audience). Its
answer is short (60-120 tokens), so a small local model gives it in seconds, and it is
untrusted: every string and list is bounded, every name is normalised and checked by the English
layer (`model_records`), which drops what it can prove is junk; an answer with nothing usable is
rejected whole, so the caller falls back to the rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from livebuild.brief.implied import Implied, supported
from livebuild.brief.model import FIELD_KINDS, MAX_ENTITIES
from livebuild.brief.model_added import sure_kinds
from livebuild.brief.model_records import chosen_names, idea_nouns, junk, normalised
from livebuild.brief.text import wordset
from livebuild.english.app_kind import RECORDS, app_kinds
from livebuild.english.forms import singular
from livebuild.english.reading import Reading
from livebuild.english.words import truncate_words

MAX_RECORD_FIELDS = 5
MAX_LINKS = 2
MAX_AUDIENCE = 80
# The most kinds the model may say the idea implies without naming them.
MAX_IMPLIED = 3
# Kinds a detail can be; a link is said in `links`, not as a detail.
DETAIL_KINDS: tuple[str, ...] = tuple(k for k in FIELD_KINDS if k != "link")
_NAME = re.compile(r"[a-z][a-z -]{1,22}[a-z]")
# A record's name in the answer: one to three short lowercase words.
_RECORD_NAME = "^[a-z]{2,18}( [a-z]{2,18}){0,2}$"
_DETAIL = "^[a-z][a-z ]{1,22}:(" + "|".join(DETAIL_KINDS) + ")$"


class ReadingRejected(ValueError):
    """The model's reading can't be used; the message is for the logs."""


@dataclass(frozen=True)
class RecordChoice:
    """A record kind the model chose: its name, the details it has and what it belongs to."""

    name: str
    details: tuple[tuple[str, str], ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class Decisions:
    app: str
    records: tuple[RecordChoice, ...]
    audience: str
    # The kinds the model said the idea implies that the idea supports (each with the words
    # that imply it); they are among `records` too.
    implied: tuple[Implied, ...] = ()
    # Heads of the idea's nouns the model said are no record (a detail, the founder's own
    # business, an analogy): no other reader adds them back.
    declined: frozenset[str] = frozenset()
    # The model's second look at the kinds its readers disagree on (`model_unsure`): the
    # heads it said the app keeps a list of, and those it was asked about and left out.
    confirmed: frozenset[str] = frozenset()
    doubted: frozenset[str] = frozenset()


def decisions_schema() -> dict[str, Any]:
    """The answer's shape: every string and list bounded."""
    name: dict[str, Any] = {"type": "string", "pattern": _RECORD_NAME}
    apps = [RECORDS, *(k.name for k in app_kinds().kinds)]
    return {
        # Compact JSON (no indents, no line breaks): a small model writes every space too.
        "x-guidance": {"whitespace_flexible": False},
        "type": "object",
        "additionalProperties": False,
        # Who the app is for is not written: the rules read it (`audience`) as well, and its
        # words were a seventh of what the model wrote, each token CPU time. The instruction
        # and its example still say it: their words steer the records the model names (taken
        # out, 3 of round 16's 13 model-read ideas came back with other records or details),
        # and the answer's records come before it, so they are read exactly as before.
        "required": ["app", "records"],
        "properties": {
            "app": {"enum": apps},
            "records": {
                "type": "array",
                "maxItems": MAX_ENTITIES,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    # Details and links may be left out: each costs a small model time.
                    "required": ["name"],
                    "properties": {
                        "name": name,
                        "details": {
                            "type": "array",
                            "maxItems": MAX_RECORD_FIELDS,
                            "items": {"type": "string", "pattern": _DETAIL},
                        },
                        "links": {"type": "array", "maxItems": MAX_LINKS, "items": name},
                    },
                },
            },
            "implied": {"type": "array", "maxItems": MAX_IMPLIED, "items": name},
        },
    }


_EXAMPLE = (
    "Idea: My bakery takes orders from customers; each order has a pickup date and a total. "
    "People can book a tasting. I deliver on Saturdays.\n"
    '{"app":"records","records":[{"name":"order","details":["pickup date:date","total:money"],'
    '"links":["customer"]},{"name":"customer"},{"name":"tasting booking"}],'
    '"audience":"a bakery","implied":["delivery"]}'
)
# What kind of app the idea is, as every reading of it asks: each kind by its name and what
# it is ("live (a live map or stream)"), so a bare name ("live", "display") isn't read as a
# word of the idea ("a live music venue's bookings").
APP_LINE = (
    "app: records for an app that keeps lists of things (almost every idea); "
    + "; ".join(f"{k.name} ({k.label})" for k in app_kinds().kinds)
    + " only for an app that is one of those and keeps no records.\n"
)
SYSTEM_PROMPT = (
    "You read a founder's app idea and decide what the app stores. Answer with JSON only.\n"
    + APP_LINE
    + "records: every kind of record the app keeps, in the idea's own words, most important "
    "first: the things, events and people it says it keeps or lists, and those it clearly "
    "implies (a booking when people book). Not the founder's business, an analogy (Airbnb, "
    "Uber), a verb or a detail (a date, price, status or name is a detail of a record).\n"
    "details: 'name:kind' for each detail the idea says of that record; kinds: "
    + ", ".join(DETAIL_KINDS)
    + ".\nlinks: the other records this one belongs to.\n"
    "audience: who the app is for, a few of the idea's own words.\n"
    "implied: records the idea needs but never names (walks for a dog walker, tunings and "
    "clients for a piano tuner).\nExample:\n" + _EXAMPLE
)


_EXAMPLE_WORDS = frozenset(re.findall(r"[a-z]+", _EXAMPLE.lower()))


def copied(name: str, reading: Reading) -> bool:
    """Whether `name` is a compound of the prompt's example, not of the idea: every word of
    it is the example's and none the idea's (a small model wrote "tasting booking" for a
    welder). One word ("customer") may be implied by any idea, so it stands."""
    words = re.findall(r"[a-z]+", name.lower())
    said = set(re.findall(r"[a-z]+", reading.fixed.lower()))
    stems = {w.rstrip("s") for w in said}
    return len(words) > 1 and all(
        w in _EXAMPLE_WORDS and w not in said and w.rstrip("s") not in stems for w in words
    )


def prompt(idea: str) -> str:
    return f"Idea:\n<<<\n{idea}\n>>>\nAnswer with the JSON now."


def answer_object(answer: str) -> dict[str, Any]:
    start, end = answer.find("{"), answer.rfind("}")
    if start < 0 or end <= start:
        raise ReadingRejected("no JSON object in the answer")
    try:
        data = json.loads(answer[start : end + 1])
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReadingRejected(f"not JSON: {str(error)[:100]}") from error
    if not isinstance(data, dict):
        raise ReadingRejected("the answer is not an object")
    return data


def _plain(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit * 4:
        return ""
    return " ".join(value.lower().split())[:limit]


def _details(raw: Any) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for item in raw[: MAX_RECORD_FIELDS * 2] if isinstance(raw, list) else []:
        name, _, kind = _plain(item, 40).partition(":")
        name, kind = name.strip(), kind.strip()
        if _NAME.fullmatch(name) and kind in DETAIL_KINDS and name not in found:
            found[name] = kind
    return tuple(found.items())[:MAX_RECORD_FIELDS]


def _links(item: dict[str, Any], fixes: tuple[tuple[str, str], ...]) -> list[str]:
    raw = item.get("links")
    return (
        [normalised(x, fixes) for x in raw[:10] if isinstance(x, str)]
        if isinstance(raw, list)
        else []
    )


def _records(raw: Any, reading: Reading) -> tuple[RecordChoice, ...]:
    items = (
        [i for i in raw[: MAX_ENTITIES * 4] if isinstance(i, dict)] if isinstance(raw, list) else []
    )
    given = [n if isinstance(n := i.get("name"), str) else "" for i in items]
    fixes = reading.corrections
    given = [n if not copied(n, reading) else "" for n in given]
    nouns = idea_nouns(reading)
    # A record another belongs to is one too, when the idea says it ("links": ["owner"]).
    linked = [x for i in items for x in _links(i, fixes) if x and x.split()[-1] in nouns.said]
    names = chosen_names([*given, *linked], nouns)
    by_name: dict[str, dict[str, Any]] = {}
    for said, item in zip(given, items, strict=True):
        by_name.setdefault(normalised(said, fixes), item)
    records: list[RecordChoice] = []
    for name in names:
        item = by_name.get(name, {})
        kept = tuple(dict.fromkeys(x for x in _links(item, fixes) if x in names and x != name))
        records.append(RecordChoice(name, _details(item.get("details")), kept[:MAX_LINKS]))
    return tuple(records)


# The most an audience says, as the rules' own (`audience`): a short phrase, whole words.
_AUDIENCE_WORDS, _AUDIENCE_CHARS = 10, 60
# Words an audience can't end with: what follows them was cut off ("owners of", "a gym and").
_DANGLING = wordset(
    """a an the and or of for to with in at on by from who that which whose my our their your
    his her its plus every each some any all very"""
)


def audience_of(raw: Any, idea: str, reading: Reading | None = None) -> str:
    """The model's audience when it is the idea's own words (one of them at least), held to
    the rules' own: the founder's typos corrected as the idea's reading corrects them
    ("landlords doing PAT tesing" says testing), whole words within the rules' length, and no
    word left dangling where it was cut ("owners of")."""
    said = " ".join(raw.split())[: MAX_AUDIENCE * 2] if isinstance(raw, str) else ""
    if not re.fullmatch(r"[\w ,'&/-]*", said):
        return ""
    fixes = dict(reading.corrections) if reading is not None else {}
    words = [fixes.get(w.lower(), w) for w in said.split()]
    said = truncate_words(" ".join(words), _AUDIENCE_WORDS, _AUDIENCE_CHARS)
    words = said.split()
    while words and (words[-1].lower().strip(",&/-") in _DANGLING or not words[-1].strip(",&/-")):
        words.pop()
    said = " ".join(words).rstrip(",&/-").strip()
    idea_text = reading.fixed if reading is not None else idea
    idea_words = set(re.findall(r"[a-z]{3,}", idea_text.lower()))
    said_words = re.findall(r"[a-z]{3,}", said.lower())
    own = [w for w in said_words if {w, w.rstrip("s"), w + "s"} & idea_words]
    if not own:
        return ""
    return said[:1].upper() + said[1:]


def mentioned(data: Any, depth: int = 0) -> frozenset[str]:
    """Every word the answer's values say (its records' names, details, links and implied
    kinds), each also in the singular."""
    if isinstance(data, str):
        words = re.findall(r"[a-z]+", data.lower()[:200])
        return frozenset(words) | {singular(w) for w in words}
    if depth > 4:
        return frozenset()
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    found: set[str] = set()
    for item in list(items)[:60]:
        found |= mentioned(item, depth + 1)
    return frozenset(found)


def parse_decisions(answer: str, idea: str, reading: Reading) -> Decisions:
    """The decisions in a model's answer; raises `ReadingRejected` when they can't be used."""
    data = answer_object(answer)
    app = data.get("app")
    kinds = {RECORDS, *(k.name for k in app_kinds().kinds)}
    if not isinstance(app, str) or app not in kinds:
        raise ReadingRejected(f"unknown kind of app {str(app)[:40]!r}")
    records = _records(data.get("records"), reading)
    if app == RECORDS and not records:
        raise ReadingRejected("no record the idea names")
    implied = implied_of(data.get("implied"), reading, records)
    records = (*records, *(RecordChoice(i.name, (), ()) for i in implied))
    # Kinds the idea plainly keeps that the model left out, when the judge is sure of them
    # (none for an app the model says keeps no records: whether it does is for the rules).
    chosen = [r.name for r in records]
    said = mentioned(data)
    sure = sure_kinds(idea, chosen, idea_nouns(reading), said) if app == RECORDS else []
    records = (*records, *(RecordChoice(name, (), ()) for name in sure))
    audience = audience_of(data.get("audience"), idea, reading)
    return Decisions(app, records, audience, implied)


def implied_of(
    raw: Any, reading: Reading, records: tuple[RecordChoice, ...], most: int = MAX_IMPLIED
) -> tuple[Implied, ...]:
    """The kinds the model says the idea implies that the idea supports (`implied.supported`:
    the founder's trade implies it, or it is the record of a verb the idea says), within the
    plan's limit; the rest are dropped, and none is taken as written."""
    names = [n for n in raw[: most * 2] if isinstance(n, str)] if isinstance(raw, list) else []
    kept = {r.name.split()[-1] for r in records}
    nouns = idea_nouns(reading)
    found: list[Implied] = []
    for given in names:
        name = normalised(given, reading.corrections)
        # What a record's name can't be (a time, the founder's trade...) no implied one is.
        implied = supported(name, reading, kept) if name and not junk(name, nouns) else None
        if implied is None or implied.head in kept:
            continue
        found.append(implied)
        kept.add(implied.head)
        if len(records) + len(found) >= MAX_ENTITIES or len(found) >= most:
            break
    return tuple(found)
