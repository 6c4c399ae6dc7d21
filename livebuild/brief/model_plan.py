"""The plan as a model writes it: a JSON schema in the prompt, the answer checked against it.

A model reads any language and any phrasing, but its answer is untrusted text: it is parsed,
held to the same shape and limits as every other plan, and rejected whole when it doesn't fit,
so the caller can fall back to the offline plan.
"""

from __future__ import annotations

import json
import re
from typing import Any

from livebuild.brief.model import Brief
from livebuild.brief.model import Field as BriefField
from livebuild.brief.naming import clean_name
from livebuild.brief.schema import (
    CHOICE_MAX,
    COLUMN_MAX,
    ENTITY_NAME_MAX,
    FEATURE_MAX,
    FIELD_KINDS,
    LABEL_MAX,
    MAX_CHOICES,
    MAX_ENTITIES,
    MAX_FEATURES,
    MAX_FIELDS,
    MAX_SEED,
    RESERVED_COLUMNS,
    TEXT_LIMITS,
)
from livebuild.brief.text import slugify
from livebuild.brief.theme import make_theme
from livebuild.brief.things import sample_value
from livebuild.english.words import truncate_words

_LIMITS = TEXT_LIMITS


class PlanRejected(ValueError):
    """The model's answer is not a plan we can build; the message is for the logs."""


_TEXT = {"type": "string", "minLength": 1}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["product_name", "tagline", "target_users", "problem", "features", "entities"],
    "properties": {
        "product_name": {**_TEXT, "maxLength": _LIMITS["product_name"]},
        "tagline": {**_TEXT, "maxLength": _LIMITS["tagline"]},
        "target_users": {**_TEXT, "maxLength": _LIMITS["target_users"]},
        "problem": {**_TEXT, "maxLength": _LIMITS["problem"]},
        "features": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_FEATURES,
            "items": {**_TEXT, "maxLength": FEATURE_MAX},
        },
        "entities": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ENTITIES,
            "items": {
                "type": "object",
                "required": ["singular", "plural", "fields"],
                "properties": {
                    "singular": {**_TEXT, "maxLength": ENTITY_NAME_MAX},
                    "plural": {**_TEXT, "maxLength": ENTITY_NAME_MAX},
                    "fields": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_FIELDS,
                        "items": {
                            "type": "object",
                            "required": ["label", "kind"],
                            "properties": {
                                "label": {**_TEXT, "maxLength": LABEL_MAX},
                                "kind": {"enum": list(FIELD_KINDS)},
                                "choices": {
                                    "type": "array",
                                    "maxItems": MAX_CHOICES,
                                    "items": {**_TEXT, "maxLength": CHOICE_MAX},
                                },
                            },
                        },
                    },
                    "seed": {
                        "type": "array",
                        "maxItems": MAX_SEED,
                        "items": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            },
        },
    },
}

SYSTEM_PROMPT = (
    "You plan small web apps from a founder's idea. Read the idea in whatever language it is "
    "written and answer in English with one JSON object and nothing else, matching this JSON "
    "schema:\n"
    + json.dumps(SCHEMA, separators=(",", ":"))
    + "\nThe entities are the things the founder's own words say the app keeps track of, most "
    "important first; the first field of each is its name or title (kind text). Field kinds: "
    "text, longtext, number, money, date (YYYY-MM-DD), choice (give 2 to 6 choices) and email. "
    "Features are short phrases. Seed rows, if you give any, are keyed by field label and are "
    "plainly samples: no real-looking people, companies or quotes."
)


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without sample rows and with no keys beyond those named, for a model whose
    output is held to the schema token by token: what it may not write, it doesn't spend time
    on (the rules write the sample rows)."""
    if schema.get("type") == "object" and "properties" in schema:
        properties = {k: _closed(v) for k, v in schema["properties"].items() if k != "seed"}
        return {**schema, "properties": properties, "additionalProperties": False}
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return {**schema, "items": _closed(schema["items"])}
    return schema


CONSTRAINED_SCHEMA: dict[str, Any] = _closed(SCHEMA)

# For a model whose answer is held to CONSTRAINED_SCHEMA as it writes: the shape needs no
# words, so the prompt is short (a small local model reads every prompt token on the CPU).
CONSTRAINED_PROMPT = (
    "You plan small web apps from a founder's idea, written in any language; answer in "
    "English as JSON. entities: the kinds of records the app stores, most important first: "
    "the things and events the idea names or clearly implies (say orders, visits, repairs, "
    "deliveries), and people only when the app keeps a list of them; never an analogy "
    "('Airbnb for'), a verb, a number or an attribute. Attributes (dates, amounts, statuses, "
    "names) are fields of the entity they describe; the first field is its name or title "
    "(kind text). Field kinds: " + ", ".join(FIELD_KINDS) + " (choice: 2 to 6 choices). "
    "target_users: who the idea says it is for. Features are short phrases."
)


def prompt(idea: str, name: str | None) -> str:
    named = f"\nThe founder named it: {name}" if name else ""
    return f"The idea:\n<<<\n{idea}\n>>>{named}\nAnswer with the JSON object now."


def _json_object(answer: str) -> dict[str, Any]:
    # Models wrap JSON in prose or code fences now and then; the object itself is what counts.
    start, end = answer.find("{"), answer.rfind("}")
    if start < 0 or end <= start:
        raise PlanRejected("no JSON object in the answer")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as error:
        raise PlanRejected(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise PlanRejected("the answer is not an object")
    return data


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PlanRejected(f"{key} is missing")
    text = " ".join(value.split())
    if len(text) > limit:
        raise PlanRejected(f"{key} is longer than {limit} characters")
    return text


def _list(data: dict[str, Any], key: str, most: int, least: int = 1) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list) or not least <= len(value) <= most:
        raise PlanRejected(f"{key} needs {least} to {most} items")
    return value


def _column(label: str, taken: set[str]) -> str:
    name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:COLUMN_MAX] or "field"
    if name[0].isdigit():
        name = "f_" + name
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _field(raw: Any, taken: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise PlanRejected("a field is not an object")
    label = _text(raw, "label", LABEL_MAX)
    kind = raw.get("kind")
    if kind not in FIELD_KINDS:
        raise PlanRejected(f"unknown field kind {kind!r}")
    choices: list[str] = []
    if kind == "choice":
        choices = [
            " ".join(str(c).split())[:CHOICE_MAX] for c in _list(raw, "choices", MAX_CHOICES, 2)
        ]
        choices = [c for c in dict.fromkeys(choices) if c]
        if len(choices) < 2:
            raise PlanRejected(f"{label} needs at least two choices")
    # A column name the answer gives is kept, so rows keyed by it still line up.
    name = raw.get("name")
    column = _column(name if isinstance(name, str) and name.strip() else label, taken)
    return {"name": column, "label": label, "kind": kind, "choices": choices}


def _seed(raw: Any, fields: list[dict[str, Any]], singular: str, idea: str) -> list[dict[str, str]]:
    rows = raw if isinstance(raw, list) else []
    typed = [BriefField(f["name"], f["label"], f["kind"], tuple(f["choices"])) for f in fields]
    seed: list[dict[str, str]] = []
    for index in range(max(3, min(len(rows), MAX_SEED))):
        given = rows[index] if index < len(rows) and isinstance(rows[index], dict) else {}
        by_label = {str(k).lower(): " ".join(str(v).split())[:300] for k, v in given.items()}
        row: dict[str, str] = {}
        for field, typed_field in zip(fields, typed, strict=True):
            value = by_label.get(field["label"].lower()) or by_label.get(field["name"], "")
            if field["kind"] == "choice" and value not in field["choices"]:
                value = ""
            row[field["name"]] = value or sample_value(typed_field, index, singular.lower(), idea)
        if not given:
            row[fields[0]["name"]] = f"{singular} {index + 1}"
        seed.append(row)
    return seed


def _entity(raw: Any, idea: str, slugs: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise PlanRejected("an entity is not an object")
    singular = _text(raw, "singular", ENTITY_NAME_MAX)
    plural = _text(raw, "plural", ENTITY_NAME_MAX)
    taken: set[str] = set(RESERVED_COLUMNS)
    fields = [_field(f, taken) for f in _list(raw, "fields", MAX_FIELDS)]
    if fields[0]["kind"] not in ("text", "longtext"):
        fields[0]["kind"], fields[0]["choices"] = "text", []
    slug = slugify(plural, "items")
    if slug in slugs:
        raise PlanRejected(f"two entities are both called {plural}")
    slugs.add(slug)
    return {
        "singular": singular,
        "plural": plural,
        "slug": slug,
        "fields": fields,
        "seed": _seed(raw.get("seed"), fields, singular, idea),
    }


def _feature(raw: Any) -> str:
    """A feature as the model wrote it, cut to the limit at a whole word, never mid-word."""
    said = " ".join(str(raw).split())
    return said if len(said) <= FEATURE_MAX else truncate_words(said, FEATURE_MAX, FEATURE_MAX)


def parse_plan(answer: str, idea: str, name: str | None = None) -> Brief:
    """The brief in a model's answer; raises `PlanRejected` when it doesn't fit the schema."""
    data = _json_object(answer)
    features = [_feature(f) for f in _list(data, "features", MAX_FEATURES)]
    slugs: set[str] = set()
    entities = [_entity(e, idea, slugs) for e in _list(data, "entities", MAX_ENTITIES)]
    theme = make_theme(idea, serif=False)
    plan = {
        "idea": idea,
        "product_name": (clean_name(name) if name else "")
        or _text(data, "product_name", _LIMITS["product_name"]),
        **{key: _text(data, key, limit) for key, limit in _LIMITS.items() if key != "product_name"},
        "features": [f for f in features if f],
        "entities": entities,
        "theme": {
            "primary": theme.primary,
            "accent": theme.accent,
            "background": theme.background,
            "text": theme.text,
            "font": theme.font,
        },
    }
    try:
        return Brief.from_dict(plan)
    except (KeyError, TypeError, ValueError) as error:
        raise PlanRejected(f"not a brief: {error!r}") from error
