"""The brief's shape: what a product is, which records it keeps, and how it looks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

# The plan's kinds and limits live in its one schema; they are named here too, where the
# brief's dataclasses have always been imported from.
from livebuild.brief.schema import FIELD_KINDS, MAX_ENTITIES, MAX_FEATURES, MAX_FIELDS, MAX_SEED

__all__ = [
    "FIELD_KINDS",
    "KIND_PHRASES",
    "MAX_ENTITIES",
    "MAX_FEATURES",
    "MAX_FIELDS",
    "MAX_SEED",
    "READERS",
    "Brief",
    "Entity",
    "Field",
    "Theme",
]

# What a value of each kind is, as founder-facing copy says it ("make price a number").
KIND_PHRASES: dict[str, str] = {
    "text": "text",
    "longtext": "long text",
    "number": "a number",
    "money": "an amount of money",
    "date": "a date",
    "choice": "a choice",
    "email": "an email address",
    "phone": "a phone number",
    "url": "a web address",
    "boolean": "yes or no",
    "time": "a time of day",
    "datetime": "a date and time",
    "link": "a link to another record",
}

# Who read the idea into the plan: a cloud or configured model, the local model, or the rules.
READERS: tuple[str, ...] = ("model", "local", "rules")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    choices: tuple[str, ...] = ()
    # The slug of the record kind a `link` field points at; empty for every other kind.
    links_to: str = ""


@dataclass(frozen=True)
class Entity:
    singular: str
    plural: str
    slug: str
    fields: tuple[Field, ...]
    seed: tuple[dict[str, str], ...]

    def without(self, names: set[str]) -> Entity:
        """This record kind without the fields `names`, and without their values in its
        samples."""
        fields = tuple(f for f in self.fields if f.name not in names)
        seed = tuple({k: v for k, v in row.items() if k not in names} for row in self.seed)
        return replace(self, fields=fields, seed=seed)


@dataclass(frozen=True)
class Theme:
    primary: str
    accent: str
    background: str
    text: str
    font: str


@dataclass(frozen=True)
class Brief:
    idea: str
    product_name: str
    tagline: str
    target_users: str
    problem: str
    features: tuple[str, ...]
    entities: tuple[Entity, ...]
    theme: Theme
    # What kind of app the idea is ("records", or "timer", "calculator", ...: app_kinds.toml).
    app_kind: str = "records"
    # Who read the idea: "rules" (the offline reader), "model" or "local".
    reader: str = "rules"
    # Whether the English layer read the idea (False: it is not installed here, or broken).
    english: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "idea": self.idea,
            "product_name": self.product_name,
            "tagline": self.tagline,
            "target_users": self.target_users,
            "problem": self.problem,
            "features": list(self.features),
            "entities": [
                {
                    "singular": e.singular,
                    "plural": e.plural,
                    "slug": e.slug,
                    "fields": [
                        {
                            "name": f.name,
                            "label": f.label,
                            "kind": f.kind,
                            "choices": list(f.choices),
                            **({"links_to": f.links_to} if f.kind == "link" else {}),
                        }
                        for f in e.fields
                    ],
                    "seed": [dict(row) for row in e.seed],
                }
                for e in self.entities
            ],
            "theme": {
                "primary": self.theme.primary,
                "accent": self.theme.accent,
                "background": self.theme.background,
                "text": self.theme.text,
                "font": self.theme.font,
            },
            "app_kind": self.app_kind,
            "reader": self.reader,
            "english": self.english,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        theme = data["theme"]
        return cls(
            idea=str(data["idea"]),
            product_name=str(data["product_name"]),
            tagline=str(data["tagline"]),
            target_users=str(data["target_users"]),
            problem=str(data["problem"]),
            features=tuple(str(f) for f in data["features"]),
            entities=tuple(
                Entity(
                    singular=str(e["singular"]),
                    plural=str(e["plural"]),
                    slug=str(e["slug"]),
                    fields=tuple(
                        Field(
                            name=str(f["name"]),
                            label=str(f["label"]),
                            kind=str(f["kind"]),
                            choices=tuple(str(c) for c in f.get("choices", ())),
                            links_to=str(f.get("links_to") or ""),
                        )
                        for f in e["fields"]
                    ),
                    seed=tuple({str(k): str(v) for k, v in row.items()} for row in e["seed"]),
                )
                for e in data["entities"]
            ),
            theme=Theme(
                primary=str(theme["primary"]),
                accent=str(theme["accent"]),
                background=str(theme["background"]),
                text=str(theme["text"]),
                font=str(theme["font"]),
            ),
            app_kind=str(data.get("app_kind", "records")),
            reader=data["reader"] if data.get("reader") in READERS else "rules",
            english=data.get("english") is not False,
        )
