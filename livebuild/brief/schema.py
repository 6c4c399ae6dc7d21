"""The plan's one schema: its shape and every limit, in one place.

The API documents a plan correction with it (`PATCH /api/projects/{id}`), validation
holds a founder's correction to it (`merge_plan`), the model's structured output is
bounded by its limits (`model_plan`, `change_schema`) and the app generator cuts
whatever reaches it to the same limits (`appgen/spec.py`). Change a limit here and
every one of them follows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from livebuild.safety.redact import redact_secrets

# ------------------------------------------------------------------ limits

FIELD_KINDS: tuple[str, ...] = (
    "text",
    "longtext",
    "number",
    "money",
    "date",
    "choice",
    "email",
    "phone",
    "url",
    "boolean",
    "time",
    "datetime",
    "link",
)

# The most a plan holds, and so the most a generated app is built with.
MAX_ENTITIES = 8
MAX_FIELDS = 12
MAX_FEATURES = 6
MAX_SEED = 8
MAX_CHOICES = 12

# What the generated app shows in full; longer text would be cut where the founder can't see.
PRODUCT_NAME_MAX = 60
TAGLINE_MAX = 160
USERS_MAX = 120
PROBLEM_MAX = 400
FEATURE_MAX = 100
ENTITY_NAME_MAX = 40
LABEL_MAX = 60
CHOICE_MAX = 60
VALUE_MAX = 500
# What the app generator keeps of any one sample value, whoever wrote it.
APP_VALUE_MAX = 2000
# A web address (slug) and a column name the app is built with.
SLUG_MAX = 40
COLUMN_MAX = 40
FONT_MAX = 200
# The plan's words by key, with their limits.
TEXT_LIMITS: dict[str, int] = {
    "product_name": PRODUCT_NAME_MAX,
    "tagline": TAGLINE_MAX,
    "target_users": USERS_MAX,
    "problem": PROBLEM_MAX,
}

# Addresses and columns the generated app keeps for itself.
RESERVED_SLUGS = frozenset({"static", "healthz", "dashboard", "about", "new", "favicon-ico"})
RESERVED_COLUMNS = frozenset({"id", "created_at"})

KIND_NAMES = {
    "text": "text",
    "longtext": "long text",
    "number": "number",
    "money": "money",
    "date": "date",
    "choice": "choice",
    "email": "email",
    "phone": "phone",
    "url": "web address",
    "boolean": "yes/no",
    "time": "time",
    "datetime": "date and time",
    "link": "link",
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


# ------------------------------------------------------------------ the shape of a correction


# Labels, choices and sample values come again each time a plan is checked: a short one is
# cleaned once (at most this many kept, each at most `_KEPT_CHARS` long).
_KEPT = 1 << 14
_KEPT_CHARS = 256


def clean(value: str) -> str:
    """One line of printable text with no secrets in it."""
    return _clean_kept(value) if len(value) <= _KEPT_CHARS else _clean(value)


@functools.lru_cache(maxsize=_KEPT)
def _clean_kept(value: str) -> str:
    return _clean(value)


def _clean(value: str) -> str:
    text = redact_secrets(value.encode("utf-8", "replace").decode("utf-8", "replace"))
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cs", "Co", "Cn", "Cf")
    )
    return re.sub(r"\s+", " ", text).strip()


def _shape(maximum: int, *, required: bool = True, nullable: bool = False) -> dict[str, Any]:
    """How a limited string reads in the JSON schema."""
    shape: dict[str, Any] = {"type": "string", "minLength": int(required), "maxLength": maximum}
    return {"anyOf": [shape, {"type": "null"}]} if nullable else shape


def _shown(maximum: int, *, required: bool = True, nullable: bool = False) -> WithJsonSchema:
    """A string's limit as the JSON schema shows it, where a list's own check holds it."""
    return WithJsonSchema(_shape(maximum, required=required, nullable=nullable))


@dataclass(frozen=True)
class _Limited:
    """One line of the founder's words: cleaned, held to `maximum` (and to not empty when
    `required`) with a plain message naming `what`, and shown so in the JSON schema."""

    what: str
    maximum: int
    required: bool = True

    def check(self, value: str) -> str:
        value = clean(value)
        if self.required and not value:
            raise ValueError(f"The {self.what} can't be empty.")
        if len(value) > self.maximum:
            raise ValueError(
                f"The {self.what} is {len(value)} characters long; "
                f"please keep it under {self.maximum}."
            )
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _shape(self.maximum, required=self.required)


def _distinct(values: Iterable[str], one: str, many: str, longest: int, most: int) -> list[str]:
    """A list's entries cleaned, each once, the empty ones dropped, and held to its limits."""
    kept = [v for v in dict.fromkeys(clean(v) for v in values) if v]
    if any(len(v) > longest for v in kept):
        raise ValueError(f"Please keep each {one} under {longest} characters.")
    if len(kept) > most:
        raise ValueError(f"Please keep it to {most} {many}.")
    return kept


def _text(value: Any) -> Any:
    # Numbers are fine as sample values and choices; everything else must already be text.
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Name = Annotated[str, _Limited("name", ENTITY_NAME_MAX)]
Label = Annotated[str, _Limited("field name", LABEL_MAX)]
Choice = Annotated[str, BeforeValidator(_text), _shown(CHOICE_MAX)]
Value = Annotated[
    str | None, BeforeValidator(_text), _shown(VALUE_MAX, required=False, nullable=True)
]


class FieldPlan(BaseModel):
    # Validating defaults is what catches a choice field given no choices at all.
    model_config = ConfigDict(extra="ignore", validate_default=True)
    label: Label
    name: str | None = None
    kind: Annotated[str, WithJsonSchema({"enum": list(FIELD_KINDS)})] = "text"
    choices: Annotated[list[Choice], Field(json_schema_extra={"maxItems": MAX_CHOICES})] = []
    # The slug of the record kind a link field points at.
    links_to: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        kind = re.sub(r"[\s_-]+", "", value.lower())
        if kind not in FIELD_KINDS:
            kinds = ", ".join(KIND_NAMES.get(k, k) for k in FIELD_KINDS)
            raise ValueError(
                f"We can't build a field of kind “{clean(value)[:40]}”. Pick one of: {kinds}."
            )
        return kind

    @field_validator("choices")
    @classmethod
    def _choices(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("kind") != "choice":
            return []
        choices = _distinct(value, "choice", "choices", CHOICE_MAX, MAX_CHOICES)
        if not choices:
            raise ValueError("A choice field needs the choices it offers: please list them.")
        return choices


class EntityPlan(BaseModel):
    model_config = ConfigDict(extra="ignore")
    singular: Name
    plural: Annotated[
        str | None,
        AfterValidator(lambda v: None if v is None else clean(v)),
        _shown(ENTITY_NAME_MAX, nullable=True),
    ] = None
    slug: Annotated[str | None, _shown(SLUG_MAX, nullable=True)] = None
    fields: Annotated[list[FieldPlan], Field(json_schema_extra={"maxItems": MAX_FIELDS})]
    seed: Annotated[
        list[dict[str, Value]] | None, Field(json_schema_extra={"maxItems": MAX_SEED})
    ] = None


class ThemePlan(BaseModel):
    model_config = ConfigDict(extra="ignore")
    primary: str | None = None
    accent: str | None = None
    background: str | None = None
    text: str | None = None
    font: Annotated[str | None, _shown(FONT_MAX, nullable=True)] = None

    @field_validator("primary", "accent", "background", "text")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None and not _HEX.fullmatch(value):
            raise ValueError("Colours are written like #3b5bdb.")
        return value


class BriefPlan(BaseModel):
    """A partial brief: every key is optional, and a key that is present replaces the old one."""

    model_config = ConfigDict(extra="ignore")
    product_name: Annotated[str, _Limited("product name", PRODUCT_NAME_MAX)] | None = None
    tagline: Annotated[str, _Limited("tagline", TAGLINE_MAX, required=False)] | None = None
    target_users: Annotated[str, _Limited("who it's for", USERS_MAX, required=False)] | None = None
    problem: Annotated[str, _Limited("problem", PROBLEM_MAX, required=False)] | None = None
    features: Annotated[
        list[Annotated[str, _shown(FEATURE_MAX)]] | None,
        Field(json_schema_extra={"maxItems": MAX_FEATURES}),
    ] = None
    entities: Annotated[
        list[EntityPlan] | None, Field(json_schema_extra={"minItems": 1, "maxItems": MAX_ENTITIES})
    ] = None
    theme: ThemePlan | None = None

    @field_validator("features")
    @classmethod
    def _features(cls, value: list[str]) -> list[str]:
        return _distinct(value, "feature", "features", FEATURE_MAX, MAX_FEATURES)


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str):
            return _inlined(definitions[reference.rsplit("/", 1)[-1]], definitions)
        return {k: _inlined(v, definitions) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inlined(item, definitions) for item in node]
    return node


def correction_json_schema() -> dict[str, Any]:
    """The JSON schema of a plan correction (a partial brief), with no references, for the API."""
    shape = BriefPlan.model_json_schema()
    inlined: dict[str, Any] = _inlined(shape, shape.get("$defs", {}))
    return inlined
