"""A field change made on the record kind the request names, and on no other.

"take the email off customers" on an app with no Customers once removed Email from Members:
a reader (the rules, or a model in the vote) found the field and took the kind that had it.
Whatever read the request, each field operation is checked here against the words around
the field in the request, read as a small grammar of where a field is said to be:

- "FIELD off/from/on/in/of/for (the) KIND", "KIND's FIELD", "KIND don't need (a) FIELD", or
  a kind of the plan named anywhere in the part that says the field, name the kind it is on;
- a named kind of the plan must be the one the operation acts on. Where it isn't and the
  named kind has a field of that name, the operation is made there instead (that is what was
  said); else nothing is made and the answer says where the field is;
- a word in that place that names no kind of the plan ("customers" beside Members) is a kind
  the app hasn't: nothing is made, and the answer names what exists. A near name ("custmers")
  is offered to confirm, never made, for a change that loses data;
- a removal or rename naming no kind, of a field more than one kind has, is not made on a
  guess: the answer says which kinds have it and how to say one.

The grammar reads the founder's own words about where a field is, not a list of requests, so
it carries to kinds and fields no round has named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from livebuild.brief.change_names import SURE, UNSURE, key, similarity
from livebuild.brief.change_ops import (
    AddChoices,
    AddField,
    ChangeKind,
    MoveField,
    MoveFieldTo,
    Operation,
    RemoveField,
    RenameField,
    Suggestion,
)
from livebuild.brief.change_parts import plan_names, split_parts
from livebuild.brief.change_schema import said as said_back
from livebuild.brief.change_wordlists import words
from livebuild.brief.change_words import kind_of
from livebuild.brief.model import Brief, Entity

FieldOp = AddField | RemoveField | RenameField | ChangeKind | AddChoices | MoveField | MoveFieldTo
_FIELD_OPS = (AddField, RemoveField, RenameField, ChangeKind, AddChoices, MoveField, MoveFieldTo)
# Changes that lose what was typed, or hide it under another name: never made on a guess.
_LOSSY = (RemoveField, RenameField, ChangeKind, MoveFieldTo)

_DET = r"(?:(?:the|our|my|your|their|all\s+the|all|each|every|a|an|any)\s+)?"
_AFTER = r"(?=\s+(?:list|records?|table)\b)"
# A place in the app said after a word: "the signup form", "the contact page", "the staff app".
_FACE = (
    r"(?=\s+(?:pages?|forms?|apps?|screens?|tabs?|sections?|site|website|homepage|export|"
    r"report|checkout|invoices?)\b)"
)
_OWNER = re.compile(
    rf"\b(?P<by>off|from|on|in|of|for|to|onto|into)\s+{_DET}([a-z][a-z-]*[a-z])"
    rf"(?:(?P<list>{_AFTER})|(?P<face>{_FACE}))?"
)
# Where an added field goes, said inside the label a reader gave it: "date to classes".
_LABEL_OWNER = re.compile(
    rf"^(?P<head>[a-z][\w' -]*?)\s+(?:to|onto|for)\s+(?P<det>{_DET})(?P<word>[a-z][a-z-]*[a-z])$"
)
# The clauses of a part: owner words are read only in the one that says the field.
_CLAUSE = re.compile(r"\s*(?:[,;:()]|\s-+\s|\bbut\b|\bbecause\b|\bsince\b)\s*")
_POSSESSIVE = re.compile(r"\b([a-z][a-z-]*[a-z])(?:'s|')(?=\s*\x00)")
_NEED = re.compile(
    r"\b([a-z][a-z-]*[a-z])\s+(?:don'?t|doesn'?t|do\s+not|does\s+not|never|won'?t)\s+need\b"
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Aim:
    """Where a part of a request says a field is: kinds of the plan, and words naming a kind
    the plan hasn't."""

    named: tuple[Entity, ...]
    unknown: tuple[str, ...]

    @property
    def pointed(self) -> bool:
        return bool(self.named or self.unknown)


@dataclass(frozen=True)
class Off:
    """An operation not made: what is said, and what to say to make what was likely meant."""

    line: str
    offers: tuple[Suggestion, ...] = ()


def _said_as(label: str) -> list[str]:
    """How a field called `label` is said: whole, or by a word of it ("phone" of Phone
    number)."""
    whole = label.lower().strip()
    parts = [w for w in re.findall(r"[a-z][a-z-]+", whole) if len(w) >= 4]
    return [whole, *parts] if whole else parts


def _masked(text: str, names: list[str]) -> str:
    """`text` with each of `names` (any number) said as a run of NULs, so it is no kind."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(name)}(?:e?s)?\b")
        text = pattern.sub(lambda m: "\x00" * len(m.group(0)), text)
    return text


def _kind_said(entity: Entity, text: str) -> bool:
    """Whether `text` names `entity`: by its name, either number, or by the first or last
    word of a longer name ("the staff" are Staff members, "bookings" Day bookings)."""
    forms = {entity.singular.lower(), entity.plural.lower()}
    for name in list(forms):
        said = name.split()
        forms |= {w for w in (said[0], said[-1]) if len(said) > 1 and len(w) >= 4}
    return any(re.search(rf"\b{re.escape(form)}(?:'s|s'|')?(?![a-z])", text) for form in forms)


def _not_a_kind(brief: Brief, word: str) -> bool:
    said = key(word)
    if word in words().lists.not_owner or len(said) < 3 or said in words().lists.not_alone:
        return True
    values = {key(f.label) for e in brief.entities for f in e.fields}
    values |= {key(c) for e in brief.entities for f in e.fields for c in f.choices}
    return said in values


def _clause(text: str) -> str:
    """The clause of `text` that says the (masked) field; all of it when none does."""
    holding = [c for c in _CLAUSE.split(text) if "\x00" in c]
    return " , ".join(holding) if holding else text


def _near_a_kind(brief: Brief, word: str) -> bool:
    said = key(word)
    return any(
        similarity(said, key(name)) >= UNSURE
        for e in brief.entities
        for name in (e.singular, e.plural)
    )


def aim(
    brief: Brief, part: str, names: list[str], *, adding: bool = False, loose: tuple[str, ...] = ()
) -> Aim:
    """Where `part` says a field is; `names` (the field's and the operation's own words) are
    no kind. "to" says where a field is only of one `adding` ("add a phone to customers"):
    else it says what to ("means nothing to the volunteers", "rename it to Guests")."""
    # A word of a field's name that names a kind too ("show" of Best in show winner) is
    # masked only inside the whole name.
    alone = [n for n in loose if not any(_kind_said(e, n) for e in brief.entities)]
    text = _masked(part.lower().translate(_QUOTES), [*names, *alone])
    named = tuple(e for e in brief.entities if _kind_said(e, text))
    unknown: list[str] = []
    # "off" and "from" say a kind outright, even one said in the singular ("off the client").
    # "in", "of", "into", "onto" say a kind only before "list" or "page" ("a thing in
    # rounders", "a lot of bookings").
    # A word before a place in the app ("the signup form", "the contact page") names a kind
    # only when it is near the name of one of the plan's.
    owners = [
        (m[2], m["list"] is not None or m["face"] is not None or m["by"] in ("off", "from"))
        for m in _OWNER.finditer(_clause(text))
        if (adding or m["by"] != "to")
        and (m["list"] or m["face"] is not None or m["by"] not in ("in", "of", "into", "onto"))
        and (m["face"] is None or _near_a_kind(brief, m[2]))
    ]
    owners += [(m[1], True) for pattern in (_POSSESSIVE, _NEED) for m in pattern.finditer(text)]
    for word, sure in owners:
        word = word.rstrip("'")
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
        sure = sure and not word.endswith("ing")  # "on the joining list" names no kind
        known = any(_kind_said(e, word) for e in brief.entities)
        if (sure or plural) and not known and not _not_a_kind(brief, word):
            unknown += [] if word in unknown else [word]
    return Aim(named, tuple(unknown))


def _entity(brief: Brief, slug: str) -> Entity | None:
    return next((e for e in brief.entities if e.slug == slug), None)


def _label(brief: Brief, op: FieldOp) -> str:
    if isinstance(op, AddField):
        return op.label
    entity = _entity(brief, op.entity)
    found = next((f for f in entity.fields if f.name == op.field), None) if entity else None
    return found.label if found is not None else op.field


def _own_words(brief: Brief, op: FieldOp) -> list[str]:
    """The words an operation brings of its own: a new name, a new field, its options, the
    field it is put beside."""
    said = [str(getattr(op, name, "") or "") for name in ("new", "label")]
    if isinstance(op, MoveField) and op.anchor:
        said.append(_label(brief, replace(op, field=op.anchor)))
    said += [str(c) for c in getattr(op, "choices", ())]
    return [w.lower() for w in said if w]


def _having(brief: Brief, label: str) -> list[Entity]:
    return [e for e in brief.entities if any(key(f.label) == key(label) for f in e.fields)]


def _moved(brief: Brief, op: FieldOp, entity: Entity, label: str) -> FieldOp | None:
    """`op` made on `entity`'s field called `label` instead; None where it can't be."""
    if isinstance(op, AddField):
        return replace(op, entity=entity.slug)
    if isinstance(op, MoveFieldTo) or (isinstance(op, MoveField) and op.anchor):
        return None
    found = next((f for f in entity.fields if key(f.label) == key(label)), None)
    if found is None:
        return None
    return replace(op, entity=entity.slug, field=found.name)


def _offer(brief: Brief, op: FieldOp) -> Suggestion:
    asked = said_back(brief, op)
    return Suggestion(f"Did you mean to {asked}? Say \u201c{asked}\u201d to make it.", asked)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _either(asks: list[str]) -> str:
    """Each of `asks` quoted: "“a”, “b” or “c”"; empty for none."""
    quoted = [f"\u201c{a}\u201d" for a in asks]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _parts_saying(brief: Brief, request: str, label: str) -> list[str]:
    parts = split_parts(request, plan_names(brief)) or [request]
    forms = _said_as(label)
    saying = [
        p
        for p in parts
        if any(re.search(rf"\b{re.escape(f)}", p.lower().translate(_QUOTES)) for f in forms)
    ]
    return saying or [request]


def checked(brief: Brief, request: str, op: Operation, about: str | None = None) -> Operation | Off:
    """`op` as `request` aims it on `brief`: itself, made on the kind the request names
    instead, or not made (`Off`, saying why)."""
    if not isinstance(op, _FIELD_OPS):
        return op
    if isinstance(op, MoveField):
        request = _without_own_fields(brief, op.entity, request)
    if isinstance(op, AddField):
        inside = _in_label(brief, request, op)
        if inside is not None:
            return inside
    label = _label(brief, op)
    whole, *loose = _said_as(label)
    names = [whole, *_own_words(brief, op)]
    adding = isinstance(op, AddField)
    parts = _parts_saying(brief, request, label)
    aims = [aim(brief, part, names, adding=adding, loose=tuple(loose)) for part in parts]
    slugs = {op.entity} | (
        {op.to} if isinstance(op, (MoveFieldTo, ChangeKind)) and op.to else set()
    )
    if any(slugs & {e.slug for e in a.named} for a in aims):
        return op
    pointed = next((a for a in aims if a.pointed), None)
    if pointed is not None:
        return _elsewhere(brief, op, label, pointed)
    if isinstance(op, (RemoveField, RenameField)) and about is None:
        return _guessed(brief, request, op, label)
    return op


def _without_own_fields(brief: Brief, slug: str, request: str) -> str:
    """`request` without the names of the fields of the kind `slug` it moves a field among:
    "Paid first, above who the customer is" says the Customer field, not the Customers kind."""
    owner = next((e for e in brief.entities if e.slug == slug), None)
    if owner is None:
        return request
    labels = sorted((f.label for f in owner.fields), key=len, reverse=True)
    said = "|".join(re.escape(label).replace(r"\ ", r"[\s-]+") for label in labels)
    return re.sub(rf"(?<![\w-])(?:{said})(?![\w-])", " ", request, flags=re.I) if said else request


def _elsewhere(brief: Brief, op: FieldOp, label: str, pointed: Aim) -> Operation | Off:
    """`op` where the request names another kind than the one it acts on."""
    having = _having(brief, label)
    there = [e for e in pointed.named if e in having]
    if len(there) == 1:
        moved = _moved(brief, op, there[0], label)
        if moved is not None:
            return moved
    if pointed.named and isinstance(op, AddField) and len(pointed.named) == 1:
        return _moved(brief, op, pointed.named[0], label) or op
    if pointed.named:
        kinds = _listed([e.plural for e in pointed.named])
        lacks = f"{kinds} have no {label} field"  # a kind's name is a plural: "Gigs have"
    else:
        return _unknown(brief, op, label, pointed.unknown[0])
    return _said_where(brief, op, label, lacks)


def _unknown(brief: Brief, op: FieldOp, label: str, word: str) -> Operation | Off:
    """`op` aimed at a kind the plan hasn't: a near name of its own kind is that kind for an
    added field or a change that loses nothing, and offered for one that does."""
    own = _entity(brief, op.entity)
    near = [(similarity(key(word), key(e.plural)), e) for e in brief.entities]
    score, entity = max(near, key=lambda pair: pair[0], default=(0.0, None))
    # The founder's own word: "Customers" as said, a singular quoted ("“customer”"), never
    # one made up from it ("Peoples").
    said_plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    shown = word.capitalize() if said_plural else f"\u201c{word}\u201d"
    quoted = f"\u201c{word.capitalize()}\u201d" if said_plural else shown
    if entity is not None and score >= UNSURE and key(word) != key(entity.plural):
        if entity is own and score >= SURE and not isinstance(op, _LOSSY):
            return op
        moved = _moved(brief, op, entity, label)
        if moved is not None:
            offer = _offer(brief, moved)
            line = (
                f"Your app has no {quoted}. Did you mean {entity.plural}? Say "
                f"\u201c{offer.change_request}\u201d to make it. Nothing was changed."
            )
            return Off(line, (offer,))
        return _said_where(brief, op, label, f"Your app has no {quoted}")
    return _said_where(brief, op, label, f"Your app has no {shown}")


def _said_where(brief: Brief, op: FieldOp, label: str, lacks: str) -> Off:
    """Nothing made: what the request named lacks the field; where the field is instead."""
    if isinstance(op, AddField):
        kinds = _listed([e.plural for e in brief.entities])
        first = _moved(brief, op, brief.entities[0], label)
        asked = said_back(brief, first) if first is not None else ""
        line = f"{lacks}, so no {label} was added. It has {kinds}"
        line += f": say \u201c{asked}\u201d if that's where it goes." if asked else "."
        return Off(line)
    having = _having(brief, label)
    moved = [m for m in (_moved(brief, op, e, label) for e in having) if m is not None]
    where = _listed([e.plural for e in having])
    asks = [said_back(brief, m) for m in moved]
    said = _either(asks)
    line = f"{lacks}; {label} is on {where}" + (
        f": say {said} if that's what you meant" if said else ""
    )
    return Off(line + ". Nothing was changed.", tuple(_offer(brief, m) for m in moved))


def _guessed(brief: Brief, request: str, op: FieldOp, label: str) -> Operation | Off:
    """A removal or rename naming no kind: made where one kind has the field (or the request
    names the kind elsewhere), else said back, not made on a guess."""
    having = _having(brief, label)
    whole = aim(brief, request, [])
    if len(having) < 2 or any(e.slug == op.entity for e in whole.named):
        return op
    moved = [m for m in (_moved(brief, op, e, label) for e in having) if m is not None]
    asks = [said_back(brief, m) for m in moved]
    said = _either(asks)
    line = (
        f"{label} is on {_listed([e.plural for e in having])}, and the request doesn't say "
        f"which: say {said}. Nothing was changed."
    )
    return Off(line, tuple(_offer(brief, m) for m in moved))


def _in_label(brief: Brief, request: str, op: AddField) -> Operation | Off | None:
    """An added field whose label holds where it goes ("date to classes", "birthday for
    volunteers"): added there under its own name, or not added where that kind isn't (unless
    the request names a kind elsewhere: "add notes for parents to classes")."""
    said = _LABEL_OWNER.match(op.label.lower().translate(_QUOTES))
    if said is None:
        return None
    word = said["word"]
    head = op.label[: len(said["head"])].strip()
    kind = kind_of(head) if op.kind == "text" else op.kind
    named = [e for e in brief.entities if _kind_said(e, word)]
    if len(named) == 1:
        return replace(op, entity=named[0].slug, label=head, kind=kind)
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    # "to each client" names records as surely as "to clients" does
    each = said["det"].split()[:1] in (["each"], ["every"])
    holding = _having(brief, word) if each else []
    if len(holding) == 1 and not named:
        return _of_a_field(brief, replace(op, label=head, kind=kind), word, holding[0])
    if named or not (plural or each) or _not_a_kind(brief, word):
        return None
    if aim(brief, request, [op.label.lower()]).named:
        return None
    return _unknown(brief, replace(op, label=head, kind=kind), head, word)


def _of_a_field(brief: Brief, op: AddField, word: str, entity: Entity) -> Off:
    """ "add an email for every owner" where Owner is a field of Pets: the owner's email is
    offered on that kind, never made as a field "Email for every owner"."""
    offered = replace(op, entity=entity.slug, label=f"{word.capitalize()} {op.label.lower()}")
    line = (
        f"{word.capitalize()} is a field of {entity.plural}, not a kind of its own, so no "
        f"{op.label} was added."
    )
    return Off(line, (_offer(brief, offered),))
