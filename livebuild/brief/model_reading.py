"""The model's reading of an idea: a few small decisions, each bound by a schema.

The English layer finds the idea's candidate nouns (lemmatised, typos corrected); the model is
asked only what they are: what kind of app the idea is, which candidates are the records it
keeps (at most two short names of its own for records the idea clearly implies), the details
said of each and which record belongs to which, and who the app is for. Its answer is short (a
few hundred tokens), so a small local model gives it in seconds, and it is untrusted: every
string and list is bounded, a record must be a candidate or a plain short name, and anything
else is dropped or rejects the answer whole, so the caller falls back to the rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from livebuild.brief.model import FIELD_KINDS, MAX_ENTITIES
from livebuild.brief.reading import FUNCTION
from livebuild.brief.text import wordset
from livebuild.brief.things import kind_of
from livebuild.english.app_kind import RECORDS, app_kinds
from livebuild.english.forms import singular
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading

MAX_CANDIDATES = 24
MAX_FREE_NAMES = 2
MAX_RECORD_FIELDS = 5
MAX_LINKS = 2
MAX_AUDIENCE = 80
# Kinds a detail can be; a link is said in `links`, not as a detail.
DETAIL_KINDS: tuple[str, ...] = tuple(k for k in FIELD_KINDS if k != "link")
# Verbs and prepositions by which a founder names their own business ("I run", "for my gym").
_RUNS = frozenset({"run", "own", "manage", "be"})
_PLACES = frozenset({"for", "at", "in"})
_NOT_KEEPING = frozenset({"run", "own", "build", "make", "want", "need", "use", "be", "create"})
# Words for the product itself: never one of its records.
_PRODUCT = wordset(
    """app apps application platform website site web system software saas tracker dashboard
    portal hub idea startup solution crm erp database track list way thing stuff"""
)
_NAME = re.compile(r"[a-z][a-z -]{1,22}[a-z]")
_FREE_NAME = "^[a-z][a-z]{2,18}( [a-z]{3,18})?$"
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


def _candidate_phrase(reading: Reading, modifiers: tuple[str, ...], head: str) -> str:
    """ "boat slip" where a noun qualifies the head, else the head alone ("slip")."""
    words = lexicon()
    if modifiers:
        last = modifiers[-1]
        tags = reading.tags_of(last)
        if tags and tags <= {"NN", "NNS"} and last not in words.generic and last.isalpha():
            return f"{last} {head}"
    return head


def _founders_own(phrase: Phrase) -> bool:
    """ "for *my climbing gym*", "I run *a makerspace*", "manage *our* fire brigade": the
    business, not what it keeps."""
    runs = phrase.verb in _RUNS and (phrase.subject in ("i", "we") or phrase.mine)
    return runs or (phrase.mine and phrase.preposition in _PLACES and not phrase.listed)


def _owner(reading: Reading, phrase: Phrase) -> tuple[str, ...]:
    """ "their owners phone numbers": the plural before a detail owns it (an apostrophe left
    out), so the owner is a candidate too."""
    first = phrase.modifiers[0] if phrase.modifiers else ""
    if phrase.head in lexicon().attributes and "NNS" in reading.tags_of(first):
        return (singular(first),)
    return ()


def _kept(phrase: Phrase) -> bool:
    """A general noun the idea keeps all the same: "track members, *tools* and loans"."""
    kept = phrase.role in ("dobj", "conj", "appos") and phrase.verb not in _NOT_KEEPING
    return phrase.head not in _PRODUCT and (phrase.listed or kept)


def candidates(reading: Reading) -> tuple[str, ...]:
    """The idea's nouns a record or a detail could be, in the order the idea says them."""
    words = lexicon()
    found: list[str] = []
    for phrase in reading.phrases:
        head = phrase.head.lower()
        if (
            _founders_own(phrase)
            or phrase.proper
            or not _NAME.fullmatch(head)
            or (head in words.generic and not _kept(phrase))
            or head in words.brands
            or head in FUNCTION
        ):
            continue
        for name in (
            *_owner(reading, phrase),
            _candidate_phrase(reading, phrase.modifiers, head),
            head,
        ):
            if name not in found and _NAME.fullmatch(name):
                found.append(name)
    return tuple(found[:MAX_CANDIDATES])


def decisions_schema(names: tuple[str, ...]) -> dict[str, Any]:
    """The answer's shape: every string and list bounded, records picked from `names`."""
    attributes = lexicon().attributes
    kept = [n for n in names if n.split()[-1] not in attributes]
    record_name: dict[str, Any] = {"type": "string", "pattern": _FREE_NAME}
    if kept:
        record_name = {"anyOf": [{"enum": kept}, record_name]}
    linked: dict[str, Any] = {"enum": list(names)} if names else record_name
    apps = [RECORDS, *(k.name for k in app_kinds().kinds)]
    return {
        # Compact JSON (no indents, no line breaks): a small model writes every space too.
        "x-guidance": {"whitespace_flexible": False},
        "type": "object",
        "additionalProperties": False,
        "required": ["app", "records", "audience"],
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
                        "name": record_name,
                        "details": {
                            "type": "array",
                            "maxItems": MAX_RECORD_FIELDS,
                            "items": {"type": "string", "pattern": _DETAIL},
                        },
                        "links": {"type": "array", "maxItems": MAX_LINKS, "items": linked},
                    },
                },
            },
            "audience": {"type": "string", "maxLength": MAX_AUDIENCE},
        },
    }


_EXAMPLE = (
    "Idea: My bakery takes orders from customers; each order has a pickup date and a total.\n"
    "Candidates: bakery, order, customer, pickup date, date, total\n"
    '{"app":"records","records":[{"name":"order","details":["pickup date:date","total:money"],'
    '"links":["customer"]},{"name":"customer"}],'
    '"audience":"a bakery"}'
)
SYSTEM_PROMPT = (
    "You read a founder's app idea and decide what the app stores. Answer with JSON only.\n"
    "app: records for an app that keeps lists of things (almost every idea); "
    + ", ".join(k.name for k in app_kinds().kinds)
    + " only for an app that is one of those and keeps no records.\n"
    "records: the kinds of records the app keeps, most important first, from the candidates: "
    "the things, events and people the idea says it keeps or lists. Not the business the "
    "founder runs, not an analogy (Airbnb, Uber), a verb or a detail (a date, price, status, "
    "name or length is a detail of a record). At most two may be a word of your own for a "
    "record the idea clearly implies (booking when people book).\n"
    "details: 'name:kind' for each detail the idea says of that record, nothing more (leave "
    "details out when it says none); kinds: "
    + ", ".join(DETAIL_KINDS)
    + ".\nlinks: the other records this one belongs to.\n"
    "audience: who the app is for, a few of the idea's own words.\nExample:\n" + _EXAMPLE
)


def prompt(idea: str, names: tuple[str, ...]) -> str:
    listed = ", ".join(names) if names else "(none)"
    return f"Idea:\n<<<\n{idea}\n>>>\nCandidates: {listed}\nAnswer with the JSON now."


def _object(answer: str) -> dict[str, Any]:
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


def _records(raw: Any, names: tuple[str, ...], idea: str) -> tuple[RecordChoice, ...]:
    words = lexicon()
    # A name of its own is for a record the idea implies (a booking, a payment, a visit: a kind
    # of event, payment or person the rules know); one it names but the English layer left
    # out of the candidates (a brand, the founder's own business) stays out.
    said = {singular(w) for w in re.findall(r"[a-z]+", idea.lower())}
    chosen: dict[str, Any] = {}
    heads: set[str] = set()
    free = 0
    for item in raw[: MAX_ENTITIES * 4] if isinstance(raw, list) else []:
        if not isinstance(item, dict) or len(chosen) >= MAX_ENTITIES:
            continue
        name = _plain(item.get("name"), 40)
        if not _NAME.fullmatch(name) or name.split()[-1] in words.attributes:
            continue
        own = name not in names
        if own:
            if free >= MAX_FREE_NAMES or not re.fullmatch(_FREE_NAME, name):
                continue
            *before, last = name.split()
            name = " ".join([*before, singular(last)])
            if last in words.generic or last in words.brands or name in names:
                continue
            if singular(last) in said or kind_of(singular(last)) == "thing":
                continue  # said, so left out on purpose; or not a kind the rules know
        head = singular(name.split()[-1])
        if name in chosen or head in heads:
            continue  # "training session" and then "session": one record
        heads.add(head)
        free += own
        chosen[name] = item
    records: list[RecordChoice] = []
    for name, item in chosen.items():
        raw_links = item.get("links")
        links = [_plain(x, 40) for x in raw_links[:10]] if isinstance(raw_links, list) else []
        kept = tuple(dict.fromkeys(x for x in links if x in chosen and x != name))
        records.append(RecordChoice(name, _details(item.get("details")), kept[:MAX_LINKS]))
    return tuple(records)


def _audience(raw: Any, idea: str) -> str:
    """The model's audience when it is the idea's own words (one of them at least)."""
    said = " ".join(raw.split())[:MAX_AUDIENCE] if isinstance(raw, str) else ""
    idea_words = set(re.findall(r"[a-z]{3,}", idea.lower()))
    said_words = re.findall(r"[a-z]{3,}", said.lower())
    own = [w for w in said_words if {w, w.rstrip("s"), w + "s"} & idea_words]
    if not own or not re.fullmatch(r"[\w ,'&/-]+", said):
        return ""
    return said[:1].upper() + said[1:]


def parse_decisions(answer: str, idea: str, names: tuple[str, ...]) -> Decisions:
    """The decisions in a model's answer; raises `ReadingRejected` when they can't be used."""
    data = _object(answer)
    app = data.get("app")
    kinds = {RECORDS, *(k.name for k in app_kinds().kinds)}
    if not isinstance(app, str) or app not in kinds:
        raise ReadingRejected(f"unknown kind of app {str(app)[:40]!r}")
    records = _records(data.get("records"), names, idea)
    if app == RECORDS and not records:
        raise ReadingRejected("no record the idea names")
    return Decisions(app, records, _audience(data.get("audience"), idea))
