"""Understanding a founder's change request and applying it to the plan, without a model.

A request is cut into clauses; each clause is matched against a small vocabulary
of changes (records, fields, choices, name, tagline, colours, theme, navigation
order, known pages, features). Every clause is bounded in length, so the whole
parse is linear in the request. A clause that cannot be made is reported in
plain words, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from livebuild.brief._change_parts import (
    _BUILT_IN_PAGES,
    _UNBUILDABLE_PAGES,
    KIND_WORDS,
    _column,
    _default_choices,
    _describe_field,
    _entity,
    _field,
    _field_specs,
    _kind_word,
    _label,
    _listing,
    _new_entity,
    _rekey,
    _renamed_entity,
    _sample,
    _swap,
    _unquote,
    _values,
)
from livebuild.brief.colours import COLOUR_NAMES, dark_theme, light_theme, recolour
from livebuild.brief.model import KIND_PHRASES, MAX_ENTITIES, MAX_FIELDS, Brief, Entity, Field
from livebuild.english.grammar import with_article
from livebuild.safety.guardrails import founder_safe

MAX_CLAUSES = 20
MAX_CLAUSE = 300

SUGGESTION = (
    "Try one change per sentence, like \u201cadd a Harvests page with weight and date\u201d, "
    "\u201crename Customers to Clients\u201d, \u201cmake price a number\u201d or "
    "\u201cuse a dark theme\u201d."
)

_VERBS = (
    "add|remove|delete|drop|rename|change|make|call|name|use|switch|turn|put|move|set|"
    "show|hide|disable|enable|track|include|give|let"
)
_CLAUSE_SPLIT = re.compile(
    rf"[.;\n!?]+\s*|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:{_VERBS})\b)|"
    rf",\s+(?=(?:also\s+)?(?:{_VERBS})\b)",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


@dataclass
class ChangeResult:
    brief: Brief
    made: list[str] = field(default_factory=list)
    unmade: list[str] = field(default_factory=list)

    @property
    def suggestion(self) -> str | None:
        return SUGGESTION if self.unmade else None


class _Refused(Exception):
    """This clause names something the plan can't do; the message says why, plainly."""


def split_clauses(request: str) -> list[str]:
    text = request.translate(_QUOTES)
    parts = [p.strip(" ,:-\t") for p in _CLAUSE_SPLIT.split(text)]
    return [p[:MAX_CLAUSE] for p in parts if p][:MAX_CLAUSES]


def _quoting(message: str) -> str:
    """A message that quotes the request, through the guardrails: a host path, a secret or
    a line of code in the request is not said back."""
    return founder_safe(message) or "We couldn't work out one part of your request."


def apply_change(brief: Brief, request: str) -> ChangeResult:
    """The plan with every understood clause of `request` applied, and what was not."""
    result = ChangeResult(brief)
    for clause in split_clauses(request):
        try:
            outcome = _apply_clause(result.brief, clause)
        except _Refused as refusal:
            result.unmade.append(_quoting(str(refusal)))
            continue
        if outcome is None:
            result.unmade.append(_quoting(f"We couldn't work out how to \u201c{clause}\u201d."))
            continue
        result.brief, done = outcome
        result.made.append(done)
    return result


# clause handlers, tried in order; each returns None when the clause is not its kind

_Outcome = tuple[Brief, str] | None


def _apply_clause(brief: Brief, clause: str) -> _Outcome:
    lowered = clause.lower()
    for handler in (
        _name,
        _tagline,
        _theme,
        _reorder,
        _feature_toggle,
        _rename,
        _add_choices_or_fields,
        _kind,
        _remove,
        _add_entity,
    ):
        outcome = handler(brief, clause, lowered)
        if outcome is not None:
            return outcome
    return None


_NAME = re.compile(
    r"^(?:please\s+)?(?:call\s+it|name\s+it|rename\s+(?:it|the\s+app|the\s+product|the\s+site)\s+"
    r"(?:to|as)|change\s+the\s+(?:app\s+|product\s+)?name\s+to|the\s+(?:app|product)\s+"
    r"should\s+be\s+called|make\s+the\s+name)\s+(?P<name>.+)$",
    re.IGNORECASE,
)


def _name(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _NAME.match(clause)
    if match is None:
        return None
    name = _unquote(match["name"])[:60]
    if not name:
        return None
    if name == brief.product_name:
        return brief, f"The app is already called {name}."
    old = brief.product_name
    return replace(brief, product_name=name), f"Renamed the app from {old} to {name}."


_TAGLINE = re.compile(
    r"^(?:change|set|make|update)\s+the\s+(?:tagline|slogan|strapline|subtitle)\s+"
    r"(?:to|say|read|be)\s+(?P<text>.+)$|^(?:tagline|slogan):\s*(?P<text2>.+)$",
    re.IGNORECASE,
)


def _tagline(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _TAGLINE.match(clause)
    if match is None:
        return None
    text = _unquote(match["text"] or match["text2"])[:160]
    if not text:
        return None
    return replace(brief, tagline=text), f"Changed the tagline to \u201c{text}\u201d."


_DARK = re.compile(
    r"\b(?:dark|night)\s*(?:theme|mode|look|background)?\b|\bmake\s+it\s+dark(?:er)?\b"
)
_LIGHT = re.compile(r"\b(?:light|bright)\s*(?:theme|mode|look|background)\b")
_THEME_VERB = re.compile(
    r"^(?:please\s+)?(?:use|make|switch|give|change|go|set|turn|add|i\s+want)\b"
)
_COLOUR = re.compile(
    r"\b(?P<colour>" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True)) + r"|#[0-9a-f]{6})\b"
)


def _theme(brief: Brief, clause: str, lowered: str) -> _Outcome:
    if _THEME_VERB.match(lowered) is None:
        return None
    if _DARK.search(lowered):
        return replace(brief, theme=dark_theme(brief.theme)), "Switched to a dark theme."
    if _LIGHT.search(lowered):
        return replace(brief, theme=light_theme(brief.theme)), "Switched to a light theme."
    match = _COLOUR.search(lowered)
    if match is None or not re.search(r"\b(?:colou?rs?|it|theme|accent|buttons?)\b", lowered):
        return None
    colour = match["colour"]
    accent = bool(re.search(r"\baccent\b", lowered))
    theme = recolour(brief.theme, colour, accent=accent)
    what = "accent colour" if accent else "main colour"
    return replace(brief, theme=theme), f"Made the {what} {colour}."


_REORDER = re.compile(
    r"^(?:put|move|show|place|list)\s+(?:the\s+)?(?P<what>.+?)\s+"
    r"(?P<where>first|at\s+the\s+(?:top|start|front)|to\s+the\s+(?:top|front|start)|last|"
    r"at\s+the\s+end|before\s+(?:the\s+)?(?P<before>.+?)|after\s+(?:the\s+)?(?P<after>.+?))"
    r"(?:\s+in\s+the\s+(?:nav|navigation|menu|top\s+bar))?$",
    re.IGNORECASE,
)


def _reorder(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _REORDER.match(clause)
    if match is None:
        return None
    moving = _entity(brief, match["what"])
    if moving is None:
        raise _Refused(
            f"We couldn't find \u201c{_unquote(match['what'])}\u201d in the navigation; "
            f"it lists {_listing(e.plural for e in brief.entities)}."
        )
    rest = [e for e in brief.entities if e is not moving]
    where = match["where"].lower()
    anchor_name = match["before"] or match["after"]
    if anchor_name:
        anchor = _entity(brief, anchor_name)
        if anchor is None or anchor is moving:
            raise _Refused(f"We couldn't find \u201c{_unquote(anchor_name)}\u201d to move next to.")
        at = rest.index(anchor) + (1 if match["after"] else 0)
    elif where in ("last", "at the end"):
        at = len(rest)
    else:
        at = 0
    rest.insert(at, moving)
    return replace(brief, entities=tuple(rest)), (
        f"Moved {moving.plural} {'first' if at == 0 else 'to position ' + str(at + 1)} "
        "in the navigation."
    )


_FEATURE_OFF = re.compile(
    r"^(?:turn\s+off|switch\s+off|disable|hide)\s+(?:the\s+)?(?P<a>.+?)(?:\s+feature)?$|"
    r"^(?:turn|switch)\s+(?:the\s+)?(?P<b>.+?)(?:\s+feature)?\s+off$",
    re.IGNORECASE,
)
_FEATURE_ON = re.compile(
    r"^(?:turn\s+on|switch\s+on|enable)\s+(?:the\s+)?(?P<a>.+?)(?:\s+feature)?$|"
    r"^(?:turn|switch)\s+(?:the\s+)?(?P<b>.+?)(?:\s+feature)?\s+on$|"
    r"^add\s+(?:a\s+|the\s+)?feature:?\s+(?P<c>.+)$|^add\s+(?:a\s+|the\s+)?(?P<d>.+?)\s+feature$",
    re.IGNORECASE,
)


def _feature(brief: Brief, name: str) -> str | None:
    wanted = _unquote(name).lower()
    if not wanted:
        return None
    for feature in brief.features:
        if feature.lower() == wanted:
            return feature
    for feature in brief.features:
        if wanted in feature.lower():
            return feature
    return None


def _feature_toggle(brief: Brief, clause: str, lowered: str) -> _Outcome:
    off = _FEATURE_OFF.match(clause)
    if off is not None:
        name = off["a"] or off["b"]
        page = _BUILT_IN_PAGES.get(_unquote(name).lower().removesuffix(" page"))
        if page is not None:
            raise _Refused(
                f"The {page} page is part of every app we build, so it stays; "
                "you can leave it unused."
            )
        found = _feature(brief, name)
        if found is None:
            return None
        features = tuple(f for f in brief.features if f != found)
        return replace(brief, features=features), f"Turned off \u201c{found}\u201d."
    on = _FEATURE_ON.match(clause)
    if on is None:
        return None
    name = _unquote(on["a"] or on["b"] or on["c"] or on["d"])
    if not name:
        return None
    existing = _feature(brief, name)
    if existing is not None:
        return brief, f"\u201c{existing}\u201d is already on."
    if len(brief.features) >= 6:
        raise _Refused(
            f"The home page already shows six features, the most it has room for; "
            f"turn one off to make room for \u201c{name}\u201d."
        )
    label = name[:1].upper() + name[1:100]
    return replace(brief, features=(*brief.features, label)), f"Turned on \u201c{label}\u201d."


_RENAME = re.compile(
    r"^(?:rename|change|call)\s+(?:the\s+)?(?P<old>.+?)(?:\s+(?:field|column|page|records?))?"
    r"\s+(?:to|into|as)\s+(?P<new>.+)$",
    re.IGNORECASE,
)


def _rename(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _RENAME.match(clause)
    if match is None:
        return None
    old, new = _unquote(match["old"]), _unquote(match["new"])
    new = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.IGNORECASE)
    new = re.sub(r"\s+(?:field|column|page)$", "", new, flags=re.IGNORECASE)[:40]
    is_kind = not lowered.startswith("rename") and _kind_word(new) is not None
    if not new or (is_kind and _field(brief, old) is not None):
        return None  # "change price to a number" is a change of kind, not a name
    if old.lower() in (brief.product_name.lower(), "it", "the app"):
        return replace(brief, product_name=new[:60]), (
            f"Renamed the app from {brief.product_name} to {new[:60]}."
        )
    entity = _entity(brief, old)
    if entity is not None:
        renamed = _renamed_entity(entity, new)
        if any(_entity(brief, n) not in (None, entity) for n in (renamed.plural,)):
            raise _Refused(f"Your app already has {renamed.plural}.")
        entities = tuple(renamed if e is entity else e for e in brief.entities)
        return replace(brief, entities=entities), f"Renamed {entity.plural} to {renamed.plural}."
    located = _field(brief, old)
    if located is None:
        return None
    owner, target = located
    name = _column(new)
    if any(f.name == name and f is not target for f in owner.fields):
        raise _Refused(f"{owner.plural} already have a field called {new}.")
    updated = replace(target, name=name, label=_label(new))
    seed = tuple(_rekey(row, target.name, name) for row in owner.seed)
    fields = tuple(updated if f is target else f for f in owner.fields)
    entities = _swap(brief, owner, replace(owner, fields=fields, seed=seed))
    return replace(brief, entities=entities), (
        f"Renamed the {target.label} field of {owner.plural} to {updated.label}."
    )


_KIND = re.compile(
    r"^(?:make|change|turn|set|switch)\s+(?:the\s+)?(?P<field>.+?)(?:\s+(?:field|column))?\s+"
    r"(?:into\s+|to\s+|be\s+)?(?:an?\s+)?(?P<kind>"
    + "|".join(sorted((re.escape(k) for k in KIND_WORDS), key=len, reverse=True))
    + r")(?:\s+(?:field|column|type))?(?:\s+(?:of|with|from)\s+(?P<choices>.+))?$",
    re.IGNORECASE,
)


def _kind(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _KIND.match(clause)
    if match is None:
        return None
    kind = _kind_word(match["kind"])
    if kind is None:
        return None
    located = _field(brief, match["field"])
    if located is None:
        raise _Refused(
            f"We couldn't find a field called \u201c{_unquote(match['field'])}\u201d to change."
        )
    owner, target = located
    if owner.fields[0] is target and kind not in ("text", "longtext"):
        raise _Refused(
            f"{target.label} is what each of your {owner.plural.lower()} is called, "
            "so it stays text."
        )
    choices = _values(match["choices"]) if match["choices"] else list(target.choices)
    if kind == "choice" and not choices:
        raise _Refused(
            f"To make {target.label} a choice, say which options it offers, like "
            f"\u201cmake {target.label.lower()} a choice of Open, Done\u201d."
        )
    if kind == target.kind and (kind != "choice" or tuple(choices) == target.choices):
        return brief, f"{target.label} is already {KIND_PHRASES[kind]}."
    updated = replace(target, kind=kind, choices=tuple(choices) if kind == "choice" else ())
    fields = tuple(updated if f is target else f for f in owner.fields)
    seed = tuple(
        {**row, target.name: _sample(updated, i, row.get(target.name, ""))}
        for i, row in enumerate(owner.seed)
    )
    entities = _swap(brief, owner, replace(owner, fields=fields, seed=seed))
    return replace(brief, entities=entities), f"Made {target.label} {KIND_PHRASES[kind]}."


_ADD_TO = re.compile(
    r"^(?:add|include|put)\s+(?P<what>.+?)\s+(?:to|in|into|on|for)\s+"
    r"(?:the\s+|each\s+|every\s+|all\s+|our\s+|my\s+)?(?P<target>.+?)"
    r"(?:\s+(?:field|column|choices|options|list|dropdown|page|records))?$",
    re.IGNORECASE,
)
_ADD_FIELD = re.compile(
    r"^(?:add|include)\s+(?:an?\s+|another\s+|one\s+more\s+)?(?P<what>.+?)\s+(?:field|column)s?$",
    re.IGNORECASE,
)


def _add_choices_or_fields(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _ADD_TO.match(clause)
    if match is not None:
        target_text = re.sub(
            r"\s+(?:field|column|choices|options|list|dropdown|page|records)$",
            "",
            match["target"],
            flags=re.IGNORECASE,
        )
        entity = _entity(brief, target_text)
        if entity is not None:
            return _add_fields(brief, entity, match["what"])
        located = _field(brief, target_text)
        if located is not None:
            return _add_choices(brief, *located, match["what"])
        return None
    match = _ADD_FIELD.match(clause)
    if match is not None and brief.entities:
        return _add_fields(brief, brief.entities[0], match["what"])
    return None


def _add_choices(brief: Brief, owner: Entity, target: Field, what: str) -> _Outcome:
    values = _values(re.sub(r"\s+(?:as\s+(?:an?\s+)?)?(?:option|choice)s?$", "", what))
    if not values:
        return None
    if target.kind != "choice":
        raise _Refused(
            f"{target.label} is {KIND_PHRASES.get(target.kind, 'text')}, not a choice; say "
            f"\u201cmake {target.label.lower()} a choice of {', '.join(values)}\u201d instead."
        )
    new = [v for v in values if v.lower() not in {c.lower() for c in target.choices}]
    if not new:
        return brief, f"{target.label} already offers {_listing(values)}."
    updated = replace(target, choices=(*target.choices, *new)[:12])
    fields = tuple(updated if f is target else f for f in owner.fields)
    entities = _swap(brief, owner, replace(owner, fields=fields))
    return replace(brief, entities=entities), (
        f"Added {_listing(new)} to the {target.label} choices."
    )


def _add_fields(brief: Brief, owner: Entity, what: str) -> _Outcome:
    wanted = _field_specs(what)
    if not wanted:
        return None
    fields = list(owner.fields)
    added: list[Field] = []
    for label, kind in wanted:
        name = _column(label)
        if any(f.name == name for f in fields):
            continue
        if len(fields) >= MAX_FIELDS:
            raise _Refused(f"{owner.plural} already have {MAX_FIELDS} fields, the most we build.")
        new_field = Field(name, _label(label), kind, _default_choices(kind))
        fields.append(new_field)
        added.append(new_field)
    if not added:
        return brief, f"{owner.plural} already have {_listing(label for label, _ in wanted)}."
    seed = tuple(
        {**row, **{f.name: _sample(f, i, "") for f in added}} for i, row in enumerate(owner.seed)
    )
    entities = _swap(brief, owner, replace(owner, fields=tuple(fields), seed=seed))
    return replace(brief, entities=entities), (
        f"Added {_listing(_describe_field(f) for f in added)} to {owner.plural}."
    )


_REMOVE = re.compile(
    r"^(?:remove|delete|drop|get\s+rid\s+of|take\s+out|take\s+away)\s+(?:the\s+|all\s+)?"
    r"(?P<what>.+?)(?:\s+(?P<noun>field|column|page|section|feature|records|tab|list))?"
    r"(?:\s+(?:from|on|in)\s+(?:the\s+)?(?P<owner>.+))?$",
    re.IGNORECASE,
)


def _remove(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _REMOVE.match(clause)
    if match is None:
        return None
    what, noun = _unquote(match["what"]), (match["noun"] or "").lower()
    page = _BUILT_IN_PAGES.get(what.lower())
    if page is not None:
        raise _Refused(
            f"The {page} page is part of every app we build, so it stays; you can leave it unused."
        )
    entity = _entity(brief, what) if noun not in ("field", "column", "feature") else None
    if entity is not None and match["owner"] is None:
        if len(brief.entities) == 1:
            raise _Refused(
                f"{entity.plural} are the only records your app keeps, so they stay; "
                "add another kind of record first."
            )
        entities = tuple(e for e in brief.entities if e is not entity)
        return replace(brief, entities=entities), f"Removed the {entity.plural} page."
    if noun != "feature":
        scope = _entity(brief, match["owner"]) if match["owner"] else None
        located = _field(brief, what, scope)
        if located is not None:
            owner, target = located
            if len(owner.fields) == 1:
                raise _Refused(f"{target.label} is the only field of {owner.plural}, so it stays.")
            fields = tuple(f for f in owner.fields if f is not target)
            seed = tuple({k: v for k, v in row.items() if k != target.name} for row in owner.seed)
            entities = _swap(brief, owner, replace(owner, fields=fields, seed=seed))
            return replace(brief, entities=entities), (
                f"Removed the {target.label} field from {owner.plural}."
            )
    found = _feature(brief, what)
    if found is not None:
        features = tuple(f for f in brief.features if f != found)
        return replace(brief, features=features), f"Turned off \u201c{found}\u201d."
    raise _Refused(f"We couldn't find \u201c{what}\u201d in your app to remove.")


_ADD_ENTITY = re.compile(
    r"^(?:add|create|include|i\s+(?:also\s+)?want|let\s+(?:me|us|users)|"
    r"(?:also\s+)?track)\s+(?:to\s+track\s+|track\s+|keep\s+track\s+of\s+)?"
    r"(?:a\s+|an\s+|the\s+|new\s+|some\s+)*(?P<what>.+?)"
    r"(?:\s+(?P<noun>page|section|list|tab|table|records?|tracker))?"
    r"(?:\s+(?:with|that\s+has|having|including|showing|for)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)


def _add_entity(brief: Brief, clause: str, lowered: str) -> _Outcome:
    match = _ADD_ENTITY.match(clause)
    if match is None:
        return None
    what = _unquote(match["what"])
    key = what.lower()
    if key in _BUILT_IN_PAGES:
        page = _BUILT_IN_PAGES[key]
        return brief, f"Your app already has a {page} page."
    if key in _UNBUILDABLE_PAGES:
        raise _Refused(
            f"We can't add a {what} page yet; the pages we add are lists of records, "
            "and every app comes with a Dashboard, search and an About page. "
            "The user guide has an FAQ you can edit."
        )
    if not re.fullmatch(r"[A-Za-z][A-Za-z' -]{0,38}", what) or len(what.split()) > 3:
        return None
    if _entity(brief, what) is not None:
        existing = _entity(brief, what)
        assert existing is not None
        if match["fields"]:
            return _add_fields(brief, existing, match["fields"])
        return brief, f"Your app already has {existing.plural}."
    if len(brief.entities) >= MAX_ENTITIES:
        raise _Refused(
            f"Your app already keeps {MAX_ENTITIES} kinds of records, the most we build; "
            f"remove one to make room for {what}."
        )
    entity = _new_entity(what, match["fields"] or "")
    described = _listing(_describe_field(f) for f in entity.fields[1:])
    detail = f" with {described}" if described else ""
    return replace(brief, entities=(*brief.entities, entity)), (
        f"Added {with_article(entity.plural)} page{detail}."
    )
