"""The model labels the idea's own nouns: which are records, which are details, which are not kept.

The English layer finds the candidate nouns (the reading's noun phrases, "charger model",
"grant claims", "Airbnb"), and the model gives each one label from a short enum: a record the
app keeps a list of, a detail of a record, the founder's own business or team, or something
else (an analogy, a brand, a time, a verb). It may add at most two records the idea implies but
never names. The answer's shape is fixed by a schema whose keys are the candidates themselves,
so it is short, always valid and can only choose among the idea's words; nothing in it is taken
as text: a record is a candidate the English layer found, checked again by `model_records`,
and an implied kind stands only when the idea supports it (`implied.supported`).
"""

from __future__ import annotations

import re
from typing import Any

from livebuild.brief.implied import implied_words
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.model_reading import (
    APP_LINE,
    MAX_AUDIENCE,
    Decisions,
    ReadingRejected,
    RecordChoice,
    answer_object,
    audience_of,
    implied_of,
)
from livebuild.brief.model_records import chosen_names, idea_nouns
from livebuild.brief.text import wordset
from livebuild.english.app_kind import RECORDS, app_kinds
from livebuild.english.forms import singular
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading

# The most candidates the model is asked about: each costs it a few tokens on the CPU.
MAX_CANDIDATES = 16
# The most records the idea implies but never names that the model may add.
MAX_IMPLIED = 2
LABELS = ("record", "detail", "business", "other")
_WORD = re.compile(r"[a-z]{2,18}")
_RECORD_NAME = "^[a-z]{2,18}( [a-z]{2,18}){0,2}$"
# Words that are never a record, whatever the model says: the product, or words of no kind.
_NEVER = wordset(
    """app apps application platform website site system software tool idea thing stuff way
    lot bit kind sort type track list"""
)


def _noun_modifier(phrase: Phrase, reading: Reading) -> str:
    """The noun right before the head that names its kind ("charger" of "charger model"),
    or "" (an adjective, a verb, a number)."""
    if not phrase.modifiers:
        return ""
    last = phrase.modifiers[-1].lower()
    tags = reading.tags_of(last)
    if not _WORD.fullmatch(last) or not tags or not all(t.startswith("NN") for t in tags):
        return ""
    return last if last not in reading.names else ""


def candidates(reading: Reading) -> tuple[str, ...]:
    """The nouns the model labels, as the idea says them (plural when it does), each once: no
    number, name, time or bracketed example, at most `MAX_CANDIDATES`."""
    lex = lexicon()
    found: dict[str, str] = {}
    for phrase in reading.phrases:
        head = phrase.head.lower()
        said = phrase.said.lower() if _WORD.fullmatch(phrase.said.lower()) else head
        if phrase.proper or phrase.number or phrase.bracketed or not _WORD.fullmatch(head):
            continue
        if head in lex.times or head in lex.brands or head in _NEVER or head in reading.names:
            continue
        modifier = _noun_modifier(phrase, reading)
        # One candidate a head, as first said: "sailing boats", then "boat" again.
        found.setdefault(head, f"{modifier} {said}" if modifier and modifier != head else said)
        if len(found) >= MAX_CANDIDATES:
            break
    return tuple(found.values())


def labels_schema(nouns: tuple[str, ...]) -> dict[str, Any]:
    """The answer's shape: one label for each candidate, by its own words."""
    name: dict[str, Any] = {"type": "string", "pattern": _RECORD_NAME}
    return {
        "x-guidance": {"whitespace_flexible": False},
        "type": "object",
        "additionalProperties": False,
        "required": ["app", "nouns", "implied", "audience"],
        "properties": {
            "app": {"enum": [RECORDS, *(k.name for k in app_kinds().kinds)]},
            "nouns": {
                "type": "object",
                "additionalProperties": False,
                "required": list(nouns),
                "properties": {n: {"enum": list(LABELS)} for n in nouns},
            },
            "implied": {"type": "array", "maxItems": MAX_IMPLIED, "items": name},
            "audience": {"type": "string", "maxLength": MAX_AUDIENCE},
        },
    }


_EXAMPLES = (
    "Idea: My bakery takes orders from customers; each order has a pickup date and a total.\n"
    "Nouns: bakery, orders, customers, pickup date, total\n"
    '{"app":"records","nouns":{"bakery":"business","orders":"record","customers":"record",'
    '"pickup date":"detail","total":"detail"},"implied":[],"audience":"a bakery"}\n'
    "Idea: Like Airbnb but for allotments: owners list plots and gardeners rent them by the "
    "season.\nNouns: allotments, owners, plots, gardeners, season\n"
    '{"app":"records","nouns":{"allotments":"other","owners":"record","plots":"record",'
    '"gardeners":"record","season":"detail"},"implied":["rental"],"audience":"allotment owners"}'
)
SYSTEM_PROMPT = (
    "You read a founder's app idea and label the nouns it says. Answer with JSON only.\n"
    + APP_LINE
    + "nouns: one label each. record: the app keeps a list of these (things, jobs, visits, "
    "people it serves or tracks). detail: a detail of a record (a date, amount, status, "
    "model or note). business: the founder, their own business, team or premises. other: an "
    "analogy or brand, a time, a verb, a feeling.\n"
    "implied: at most 2 records the app clearly needs that no noun names (the customers a "
    "shop sells to, the visits a cleaner makes).\n"
    "audience: who the app is for, a few of the idea's own words.\nExamples:\n" + _EXAMPLES
)


def prompt(idea: str, nouns: tuple[str, ...]) -> str:
    return f"Idea:\n<<<\n{idea}\n>>>\nNouns: {', '.join(nouns)}\nAnswer with the JSON now."


def _labelled(raw: Any, nouns: tuple[str, ...]) -> list[str]:
    """The candidates labelled as records, in the idea's order; any other key is ignored.
    People said in the plural are never a detail, and those a business serves never the
    business itself ("patients", "families" labelled so are records)."""
    if not isinstance(raw, dict):
        raise ReadingRejected("no labels in the answer")
    people, served = lexicon().people, implied_words().served_people

    def kept(noun: str, label: object) -> bool:
        head = singular(noun.split()[-1])
        many = noun.endswith("s") and head != noun.split()[-1]
        return label == "record" or (
            many
            and ((label == "detail" and head in people) or (label == "business" and head in served))
        )

    return [n for n in nouns if kept(n, raw.get(n))]


def _declined(
    raw: Any, nouns: tuple[str, ...], records: tuple[RecordChoice, ...]
) -> frozenset[str]:
    """The heads of the candidates the model said are no record: another reader's choice
    never brings them back."""
    labels = raw if isinstance(raw, dict) else {}
    kept = {r.name.split()[-1] for r in records}
    heads = {singular(n.split()[-1]) for n in nouns if labels.get(n) != "record"}
    return frozenset(heads - kept)


def parse_labels(answer: str, idea: str, reading: Reading, nouns: tuple[str, ...]) -> Decisions:
    """The decisions in a model's labels of `nouns`; raises `ReadingRejected` when they can't
    be used (no JSON, an unknown kind of app, a record app with no record standing)."""
    data = answer_object(answer)
    app = data.get("app")
    if not isinstance(app, str) or app not in {RECORDS, *(k.name for k in app_kinds().kinds)}:
        raise ReadingRejected(f"unknown kind of app {str(app)[:40]!r}")
    said = idea_nouns(reading)
    raw = data.get("implied")
    # What the idea implies is held like any name a model gives (`chosen_names`: no brand,
    # verb or detail, at most two the idea never says), after the idea's own nouns.
    extra = (
        [n for n in raw[: MAX_IMPLIED * 2] if isinstance(n, str)] if isinstance(raw, list) else []
    )
    labelled = _labelled(data.get("nouns"), nouns)
    served = implied_words().served_people
    # Who the idea serves may be implied ("customers" of a shop) when it names none of them
    # ("customers" beside "clients" is no record of its own); a thing implied must be
    # supported by the idea's trade or verbs (`implied_of`), never copied from anywhere.
    heads = [singular(n.lower().split()[-1]) if n.strip() else "" for n in extra]
    serves = any(singular(n.split()[-1]) in served for n in labelled)
    extra = [n for n, h in zip(extra, heads, strict=True) if h in served and not serves]
    names = chosen_names([*labelled, *extra[:MAX_IMPLIED]], said)[:MAX_ENTITIES]
    records = tuple(RecordChoice(n, (), ()) for n in names)
    if app == RECORDS and not records:
        raise ReadingRejected("no record the idea names")
    implied = implied_of(raw, reading, records, MAX_IMPLIED)
    records = (*records, *(RecordChoice(i.name, (), ()) for i in implied))
    declined = _declined(data.get("nouns"), nouns, records)
    return Decisions(
        app, records, audience_of(data.get("audience"), idea, reading), implied, declined
    )
