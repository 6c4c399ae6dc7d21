"""The plan's vocabulary for change requests: kinds of fields, finding the records and
fields a request names, and making new fields, entities and sample values."""

from __future__ import annotations

import re
from dataclasses import replace

from livebuild.brief.model import MAX_FIELDS, Brief, Entity, Field
from livebuild.brief.text import plural, singular, slugify

KIND_WORDS: dict[str, str] = {
    "number": "number",
    "numbers": "number",
    "numeric": "number",
    "integer": "number",
    "count": "number",
    "quantity": "number",
    "money": "money",
    "price": "money",
    "amount": "money",
    "currency": "money",
    "cost": "money",
    "date": "date",
    "day": "date",
    "text": "text",
    "short text": "text",
    "long text": "longtext",
    "longtext": "longtext",
    "paragraph": "longtext",
    "note": "longtext",
    "notes": "longtext",
    "email": "email",
    "email address": "email",
    "e-mail": "email",
    "choice": "choice",
    "dropdown": "choice",
    "drop-down": "choice",
    "list of options": "choice",
    "select": "choice",
}

# What a field is, judged from its name when the founder does not say.
_NAME_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:date|day|deadline|due|when|birthday|scheduled|time)\b"), "date"),
    (re.compile(r"\b(?:price|cost|fee|amount|total|budget|salary|revenue|rate)\b"), "money"),
    (
        re.compile(
            r"\b(?:weight|quantity|qty|count|number|age|size|score|rating|hours|minutes|"
            r"length|height|width|distance|calories|stock|servings|pages|capacity|kg|lbs)\b"
        ),
        "number",
    ),
    (re.compile(r"\b(?:e-?mail)\b"), "email"),
    (re.compile(r"\b(?:notes?|description|details|comments?|summary|bio)\b"), "longtext"),
)

# Pages every app already has, and what the founder may call them.
_BUILT_IN_PAGES = {
    "dashboard": "Dashboard",
    "stats": "Dashboard",
    "statistics": "Dashboard",
    "overview": "Dashboard",
    "search": "search",
    "about": "About",
    "home": "home",
    "landing": "home",
}
_UNBUILDABLE_PAGES = {"faq", "faqs", "help", "blog", "pricing", "contact", "login", "sign-in"}


def _norm(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|my|our|all)\s+", "", text.strip().lower())
    text = re.sub(r"\s+(?:field|column|page|records?|section|list|tab)$", "", text)
    return _unquote(text).lower()


def _entity(brief: Brief, text: str) -> Entity | None:
    wanted = _norm(text)
    if not wanted:
        return None
    for entity in brief.entities:
        names = {entity.singular.lower(), entity.plural.lower(), entity.slug.lower()}
        if wanted in names or singular(wanted) in {n for n in names} | {singular(n) for n in names}:
            return entity
    return None


def _field(brief: Brief, text: str, scope: Entity | None = None) -> tuple[Entity, Field] | None:
    wanted = _norm(text)
    owner_hint = None
    possessive = re.match(r"^(?P<owner>.+?)(?:'s|s')\s+(?P<field>.+)$", wanted)
    if possessive is not None:
        owner_hint, wanted = _entity(brief, possessive["owner"]), possessive["field"]
    on = re.match(r"^(?P<field>.+?)\s+(?:on|of|in|for)\s+(?P<owner>.+)$", wanted)
    if on is not None and _entity(brief, on["owner"]) is not None:
        owner_hint, wanted = _entity(brief, on["owner"]), on["field"]
    scopes = [scope or owner_hint] if (scope or owner_hint) else list(brief.entities)
    for entity in scopes:
        if entity is None:
            continue
        for candidate in entity.fields:
            if _column(wanted) == candidate.name.lower() or wanted == candidate.label.lower():
                return entity, candidate
    return None


def _swap(brief: Brief, old: Entity, new: Entity) -> tuple[Entity, ...]:
    return tuple(new if e is old else e for e in brief.entities)


def _rekey(row: dict[str, str], old: str, new: str) -> dict[str, str]:
    return {(new if k == old else k): v for k, v in row.items()}


def _column(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "field"


def _label(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())[:60]
    return text[:1].upper() + text[1:]


def _values(text: str) -> list[str]:
    quoted = re.findall(r"\"([^\"]{1,60})\"|'([^']{1,60})'", text)
    if quoted:
        return list(dict.fromkeys(a or b for a, b in quoted))
    parts = re.split(r"\s*,\s*|\s+(?:and|or)\s+", text)
    cleaned = [_unquote(re.sub(r"^(?:an?|the)\s+", "", p, flags=re.IGNORECASE)) for p in parts]
    return list(dict.fromkeys(_label(c) for c in cleaned if c))[:12]


def _field_specs(text: str) -> list[tuple[str, str]]:
    """("weight", "number") pairs from "weight and date" or "a price (money), notes"."""
    specs: list[tuple[str, str]] = []
    for part in re.split(r"\s*,\s*|\s+and\s+|\s+plus\s+", text.strip()):
        part = re.sub(r"^(?:an?|the|its|their|fields?(?:\s+for)?)\s+", "", part.strip(), flags=re.I)
        part = re.sub(r"\s+(?:fields?|columns?)$", "", part, flags=re.IGNORECASE)
        part = _unquote(part)
        if not part or len(part) > 40 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9' ()-]*", part):
            continue
        kind = None
        hinted = re.match(r"^(?P<name>.+?)\s*\((?P<kind>[a-z -]+)\)$", part, re.IGNORECASE)
        if hinted is not None:
            part, kind = hinted["name"], _kind_word(hinted["kind"])
        else:
            words = part.split()
            if (
                len(words) > 1
                and _kind_word(words[-1]) is not None
                and words[-1].lower()
                not in (
                    "date",
                    "price",
                    "notes",
                    "amount",
                    "email",
                )
            ):
                kind, part = _kind_word(words[-1]), " ".join(words[:-1])
        specs.append((part.strip(), kind or guess_kind(part)))
    return specs


def guess_kind(name: str) -> str:
    lowered = name.lower()
    for pattern, kind in _NAME_KINDS:
        if pattern.search(lowered):
            return kind
    return "text"


def _default_choices(kind: str) -> tuple[str, ...]:
    return ()


def _sample(target: Field, index: int, current: str) -> str:
    """A value of the field's kind for the sample records, keeping the current one if it fits."""
    kind = target.kind
    if kind in ("number", "money"):
        if re.fullmatch(r"-?\d+(?:\.\d+)?", current.strip()):
            return current.strip()
        return f"{(index * 7) % 20 + 3}" if kind == "number" else f"{(index * 13) % 90 + 10}.00"
    if kind == "date":
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", current.strip()):
            return current.strip()
        return f"2026-{index % 9 + 1:02d}-{(index * 5) % 27 + 1:02d}"
    if kind == "choice":
        if current in target.choices:
            return current
        return target.choices[index % len(target.choices)] if target.choices else ""
    if kind == "email":
        return current if "@" in current else f"person{index + 1}@example.com"
    return current or f"{target.label} {index + 1}"


def _describe_field(target: Field) -> str:
    return target.label.lower()


def _listing(items: object) -> str:
    names = [str(item) for item in items]  # type: ignore[attr-defined]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _renamed_entity(entity: Entity, new: str) -> Entity:
    new = _label(new)
    one, many = singular(new.lower()), new
    if one == new.lower():
        many = plural(new)
    one_label = _label(one)
    return replace(entity, singular=one_label, plural=_label(many), slug=slugify(many, "items"))


def _new_entity(what: str, fields_text: str) -> Entity:
    named = _renamed_entity(Entity("Item", "Items", "items", (), ()), what)
    title = Field("name", "Name", "text")
    specs = _field_specs(fields_text) if fields_text else []
    fields = [title]
    for label, kind in specs:
        name = _column(label)
        if name not in {f.name for f in fields} and len(fields) < MAX_FIELDS:
            fields.append(Field(name, _label(label), kind))
    if len(fields) == 1:
        fields.append(Field("notes", "Notes", "longtext"))
    seed = tuple(
        {f.name: _sample(f, i, f"{named.singular} {i + 1}" if f is title else "") for f in fields}
        for i in range(3)
    )
    return replace(named, fields=tuple(fields), seed=seed)


def _unquote(text: str) -> str:
    return text.strip().strip("\"'").strip().rstrip(".")


def _kind_word(text: str) -> str | None:
    return KIND_WORDS.get(re.sub(r"\s+", " ", text.strip().lower()))
