"""The model's reading held against the request's own words and the rules' reading.

A small model's known slips are cheap to see: renaming a field the founder never named
when they named the record kind ("please call bookings 'sign-ups'"), renaming a record
kind for the app's own name, listing every option of a choice to add one, declining what
the rules read as plainly makeable. Those are mended or left to the rules. What would lose
records (a removal) is made only when the request names what goes; a reading that shares
nothing with a sure reading of the rules leaves the rules' one made and offers the model's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from livebuild.brief.change_app_name import names_the_business
from livebuild.brief.change_names import find_entity, key
from livebuild.brief.change_op_features import op_words
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    MoveField,
    MoveFieldTo,
    Operation,
    Reading,
    RemoveEntity,
    RemoveField,
    RenameEntity,
    RenameField,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.change_request import SMALL
from livebuild.brief.change_schema import said
from livebuild.brief.change_whole import theme_said
from livebuild.brief.change_words import reads_as_name
from livebuild.brief.model import Brief, Entity
from livebuild.brief.model_change_prompt import Target
from livebuild.brief.text import singular


@dataclass
class Verdict:
    """What to make: the model's `reading`, or the rules' own (None); `offered` goes with it."""

    reading: Reading | None
    offered: list[Suggestion] = field(default_factory=list)


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "


def _entity_named(said_words: str, entity: Entity) -> bool:
    names = {entity.singular, entity.plural, entity.slug.replace("-", " ")}
    return any(_words(name) in said_words for name in names if name.strip())


def _field_named(said_words: str, entity: Entity, key: str) -> bool:
    found = next((f for f in entity.fields if f.name == key), None)
    if found is None:
        return False
    return _words(found.label) in said_words or _words(key.replace("_", " ")) in said_words


def _said_of(said_words: str, entity: Entity, key: str) -> bool:
    """Whether the request says a word of the field's label or key ("paid" of "Paid in full",
    "moisture" of "Final moisture"), a plural for a singular too."""
    if _field_named(said_words, entity, key):
        return True
    found = next((f for f in entity.fields if f.name == key), None)
    if found is None:
        return False
    return _shares_a_word(said_words, f"{found.label} {key.replace('_', ' ')}")


def _alike(one: str, other: str) -> bool:
    """The same word, or one stem ("pick" and "picking", "medic" and "medics")."""
    if singular(one) == singular(other):
        return True
    stem = min(len(one), len(other), 4)
    return (
        stem >= 4
        and one[:stem] == other[:stem]
        and (one.startswith(other) or other.startswith(one))
    )


def _shares_a_word(said_words: str, name: str) -> bool:
    """Whether the request says a word of `name` (not a small word like "of")."""
    said = said_words.split()
    names = [w for w in _words(name).split() if len(w) > 2 and w not in SMALL]
    return any(_alike(w, s) for w in names for s in said)


# Operations on a field the plan has: made only when the request says which field.
_ON_A_FIELD = (ChangeKind, AddChoices, MoveField, MoveFieldTo, RenameField, RemoveField)


def _field_unsaid(request: str, target: Target | None, brief: Brief, op: Operation) -> bool:
    """Whether `op` works on a field the request never says nor points at: "can the colours be
    more of a mustard yellow?" read as the cost's kind is a small model's confusion."""
    if not isinstance(op, _ON_A_FIELD):
        return False
    if target is not None and (target.entity, target.field) == (op.entity, op.field):
        return False
    entity = next((e for e in brief.entities if e.slug == op.entity), None)
    return entity is None or not _said_of(_words(request), entity, op.field)


def _kind_of(operation: Operation) -> Operation:
    """An operation on a field as one on its record kind, for whether the kind is named (a
    new record kind is named by nothing of the plan)."""
    return RemoveEntity(str(getattr(operation, "entity", "")))


def _named(brief: Brief, request: str, target: Target | None, operation: Operation) -> bool:
    """Whether the request (or what was pointed at) names what `operation` works on."""
    slug = getattr(operation, "entity", "")
    entity = next((e for e in brief.entities if e.slug == slug), None)
    if entity is None:
        return False
    said_words = _words(request)
    key = getattr(operation, "field", None)
    if isinstance(key, str):
        pointed = target is not None and (target.entity, target.field) == (slug, key)
        return pointed or _field_named(said_words, entity, key)
    return (target is not None and target.entity == slug) or _entity_named(said_words, entity)


_APP = re.compile(
    r"\b(?:app|it|product|site|tool)\b.*\b(?:call|called|name|named|rename)\b|"
    r"\b(?:call|name|rename)\b.*\b(?:app|it|product|site|tool)\b",
    re.I,
)


# A name in quotes that may hold an apostrophe ("'Nan's Pottery'") and ends at a closing quote
# no letter follows; curly apostrophes are read as straight ones first.
_QUOTED_NAME = r"[\"\u201c'](?P<name>(?:[^\"\u201d']|'(?=\w)){2,80})[\"\u201d'](?!\w)"
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'"})


@functools.cache
def _ours_now() -> re.Pattern[str]:
    """ "so we're 'Thames Valley Bowls' now", "we are now called 'X'": the cue words (the
    validated `ours_now` class of `change_op_words.toml`) and the quoted name after them."""
    return re.compile(rf"(?i:{op_words().cues['ours_now'].pattern})\s+{_QUOTED_NAME}")


def _our_name(request: str) -> str | None:
    """The quoted name `request` says the founder's business is now, as said (an apostrophe
    kept), or None."""
    found = _ours_now().search(" ".join(request.translate(_STRAIGHT).split()))
    return found.group("name").strip() if found is not None else None


def _singulars(text: str) -> str:
    """`_words` of `text`, each word singular: "Rosie's Kitchens" holds "Rosie's Kitchen"."""
    return " " + " ".join(singular(word) for word in _words(text).split()) + " "


def _as_app_name(brief: Brief, operation: RenameEntity, request: str) -> Operation | None:
    """A rename of a kind the request never names, to a name holding the quoted name of "we're
    'X' now": the app's name X when X passes the rules' checks on a new app name (at most six
    words and 40 characters, a name's letters: no address, e-mail or markup); the reading
    dropped when X is no name; `operation` as read otherwise (no such name, "we're 'fully
    booked' now", or a name of the plan's own)."""
    name = _our_name(request)
    if name is None or _singulars(name) not in _singulars(operation.new):
        return operation
    if not names_the_business(brief, request, name):
        return None  # "we're 'Closed' now": a state, as the rules read it, no name nor kind
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if not reads_as_name(re.sub(r"\s+and\s+", " & ", letters, flags=re.I), 6):  # "é" is "e"
        return None  # "we're 'hello@shop.example' now": the founder's, but no app name
    if not name.split()[-1][0].isupper() or find_entity(brief, name) is not None:
        return operation
    return SetName(name)


_REMOVING = re.compile(
    r"\b(?:remove|delete|drop|get\s+rid|rid\s+of|rather\s+not|don'?t\s+(?:need|want|use|keep)|"
    r"do\s+not\s+(?:need|want|use|keep)|(?:isn'?t|aren'?t|not)\s+(?:needed|necessary|used|useful)|"
    r"no\s+longer|without|lose|ditch|scrap|take\s+(?:out|away)|hide|stop\s+(?:tracking|keeping)|"
    r"unnecessary|pointless)\b",
    re.I,
)


def mend(
    brief: Brief, request: str, target: Target | None, operation: Operation
) -> Operation | None:
    """`operation` with a small model's known slips mended by the request's own words; None
    where the request shows it is no reading to make (an address given as the app's name)."""
    if isinstance(operation, RenameField) and not _named(brief, request, target, operation):
        entity = next(e for e in brief.entities if e.slug == operation.entity)
        if _entity_named(_words(request), entity):
            return RenameEntity(operation.entity, operation.new)
    renamed = isinstance(operation, RenameEntity)
    if renamed and not _named(brief, request, target, operation):
        assert isinstance(operation, RenameEntity)
        if _APP.search(request):
            return SetName(operation.new)
        return _as_app_name(brief, operation, request)  # "we're 'Thames Valley Bowls' now"
    if isinstance(operation, AddField):
        option = _option_said(brief, request, target, operation)
        if option is not None:
            return option
        return _had(brief, operation)
    if isinstance(operation, ChangeKind) and operation.kind == "choice":
        entity = next(e for e in brief.entities if e.slug == operation.entity)
        old = next(f for f in entity.fields if f.name == operation.field)
        kept = {c.lower() for c in old.choices}
        new = tuple(c for c in operation.choices if c.lower() not in kept)
        if old.kind == "choice" and kept <= {c.lower() for c in operation.choices} and new:
            return AddChoices(operation.entity, operation.field, new)
    return operation


def _quoted(request: str, words: str) -> bool:
    """Whether the request gives `words` in quotes, as a name or a value is given."""
    quoted = re.findall(r"[\"\u201c\u2018']([^\"\u201d\u2019']{1,60})[\"\u201d\u2019']", request)
    return any(_words(q) == _words(words) for q in quoted)


def _option_said(
    brief: Brief, request: str, target: Target | None, operation: AddField
) -> AddChoices | None:
    """ "Result on castings also needs 'Option'": a word given in quotes beside a choice field
    the request names is a new option of that field, not a new field named after it."""
    entity = next((e for e in brief.entities if e.slug == operation.entity), None)
    if entity is None or not _quoted(request, operation.label):
        return None
    said_words = _words(request)
    fields = [
        f
        for f in entity.fields
        if f.kind == "choice"
        and f.name != key(operation.label)
        and (
            (target is not None and (target.entity, target.field) == (entity.slug, f.name))
            or _field_named(said_words, entity, f.name)
        )
    ]
    if len(fields) != 1:
        return None
    if operation.label.lower() in {c.lower() for c in fields[0].choices}:
        return None
    return AddChoices(entity.slug, fields[0].name, (operation.label,))


def _had(brief: Brief, operation: AddField) -> Operation:
    """ "pick-up point is a dropdown, can it just be normal text": a field "added" that its
    record kind already has, of another kind, is that field's kind changed (or, for a choice,
    its new options); a field it has already, as it is, stays for the plan to say so."""
    entity = next((e for e in brief.entities if e.slug == operation.entity), None)
    said = key(operation.label)
    found = (
        next(
            (f for f in entity.fields if said in (key(f.label), key(f.name.replace("_", " ")))),
            None,
        )
        if entity is not None
        else None
    )
    if found is None or entity is None:
        return operation
    if found.kind == "choice" and operation.kind == "choice":
        kept = {c.lower() for c in found.choices}
        new = tuple(c for c in operation.choices if c.lower() not in kept)
        return AddChoices(entity.slug, found.name, new) if new else operation
    if found.kind != operation.kind and (operation.kind != "choice" or operation.choices):
        return ChangeKind(entity.slug, found.name, operation.kind, operation.choices)
    return operation


def _said_new(request: str, operation: Operation) -> bool:
    """Whether a new name is the founder's: a rename to words the request doesn't hold is a
    small model's invention, offered rather than made; so is a new field or record kind
    named by no word of the request ("dietary needs" for "we've started picking up in
    Halifax too")."""
    if isinstance(operation, AddField | AddEntity):
        named = operation.label if isinstance(operation, AddField) else operation.name
        return _shares_a_word(_words(request), named)
    if isinstance(operation, RenameEntity | RenameField):
        new = operation.new
    elif isinstance(operation, SetName):
        new = operation.name
    else:
        return True
    said_words, words = _words(request), _words(new).strip()
    return bool(words) and (f" {words} " in said_words or f" {words.rstrip('s')} " in said_words)


def _guessed_fields(model: Reading, rules: Reading) -> set[int]:
    """The model's fields beyond those the rules read surely on the same record: "hires need a
    drop-off point, loads of people paddle down to the pub" is one field, and the model's extra
    "Load", "Pub" and "Pub phone" are guesses from the reason, offered, never made. As many as
    the rules read are kept, named the model's way ("Mobile number" for "Mobile")."""
    guessed: set[int] = set()
    for entity in {op.entity for op in rules.operations if isinstance(op, AddField)}:
        read = [
            key(op.label)
            for op in rules.operations
            if isinstance(op, AddField) and op.entity == entity
        ]
        ours = [op for op in model.operations if isinstance(op, AddField) and op.entity == entity]
        if len(ours) <= len(read):
            continue
        matched = [op for op in ours if key(op.label) in read]
        others = [op for op in ours if key(op.label) not in read]
        guessed |= {id(op) for op in others[max(0, len(read) - len(matched)) :]}
    return guessed


def _signature(operation: Operation) -> tuple[str, str, str]:
    return (
        type(operation).__name__,
        str(getattr(operation, "entity", "")),
        str(getattr(operation, "field", "")),
    )


# Operations of which a request asks one per thing: two in one reading undo each other.
_ONE_EACH = (SetTheme, SetColour, SetName, SetTagline, ChangeKind, RenameEntity, RenameField)


def _at_odds(reading: Reading) -> bool:
    """Whether two of `reading`'s operations set the same thing ("can it be dark? … the white
    is blinding" read as a dark theme and then a light one)."""
    seen: set[tuple[str, str, str, bool]] = set()
    for operation in reading.operations:
        if not isinstance(operation, _ONE_EACH):
            continue
        accent = isinstance(operation, SetColour) and operation.accent
        one = (*_signature(operation), accent)
        if one in seen:
            return True
        seen.add(one)
    return False


def sure(reading: Reading) -> bool:
    """Whether `reading` made every part with nothing left over or unsure, and no two of its
    operations set the same thing."""
    return (
        bool(reading.operations)
        and not reading.not_understood
        and not reading.suggestions
        and not _at_odds(reading)
    )


def _made_something(reading: Reading) -> bool:
    """Whether the rules' `reading` makes something of the request (not only a "can't")."""
    return any(not isinstance(op, Cannot) for op in reading.operations)


def rules_elsewhere(
    brief: Brief, request: str, target: Target | None, model: Reading, rules: Reading
) -> bool:
    """Whether the founder pointed at a record kind the model's reading works on, and the rules
    read the request as about other kinds the request never names: "call this 'Due date', the
    old name confuses staff" pointed at Orders' "Ordered on" is no rename of Customers' Name."""
    if target is None:
        return False
    ours = [op for op in model.operations if not isinstance(op, Cannot)]
    theirs = [op for op in rules.operations if not isinstance(op, Cannot)]
    return (
        bool(ours and theirs)
        and all(getattr(op, "entity", None) == target.entity for op in ours)
        and all(
            isinstance(slug := getattr(op, "entity", None), str)
            and slug != target.entity
            and not _named(brief, request, None, _kind_of(op))
            for op in theirs
        )
    )


def offer(brief: Brief, operation: Operation, asking: str) -> Suggestion | None:
    if isinstance(operation, Cannot):
        return None
    request = said(brief, operation)
    return Suggestion(f"{asking} {request}? Say \u201c{request}\u201d to make it.", request)


def reconcile(
    brief: Brief, request: str, target: Target | None, model: Reading, rules: Reading
) -> Verdict:
    """What of the model's reading may be made, held against the request and the rules."""
    if not model.operations and not model.suggestions:
        return Verdict(None)
    declined = any(isinstance(op, Cannot) for op in rules.operations)
    if declined and any(isinstance(op, Cannot | AddField | AddEntity) for op in model.operations):
        # The rules know what no app can do and the closest thing that can; a field for it
        # ("payment method" for card payments) would only look like it.
        return Verdict(None)
    if not declined and sure(rules) and all(isinstance(op, Cannot) for op in model.operations):
        return Verdict(None)  # a plain request the model declined: the rules make it
    theirs = {_signature(op) for op in rules.operations}
    ours = {_signature(op) for op in model.operations if not isinstance(op, Cannot)}
    elsewhere = rules_elsewhere(brief, request, target, model, rules)
    if not declined and _made_something(rules) and ours and not ours & theirs and not elsewhere:
        # Two readings with nothing in common: what the rules made of the request is made
        # (sure, or of one part with another left unread: "Our van is forest green, could
        # the app match?" is the colour, not a van's colour field), the model's is offered
        # to confirm.
        others = [offer(brief, op, "Or did you mean to") for op in model.operations]
        return Verdict(None, [s for s in others if s is not None])
    made = Reading(not_understood=list(model.not_understood), suggestions=list(model.suggestions))
    guessed = _guessed_fields(model, rules) if sure(rules) and not declined else set()
    for operation in model.operations:
        if isinstance(operation, SetTheme) and not theme_said(request):
            continue  # "make it dark blue": the shade is the colour's, the theme stays
        destroys = isinstance(operation, RemoveEntity | RemoveField)
        asked = _REMOVING.search(request) is not None and _named(brief, request, target, operation)
        unsaid = (
            _signature(operation) not in theirs and _field_unsaid(request, target, brief, operation)
        ) or (isinstance(operation, AddField | AddEntity) and not _said_new(request, operation))
        if unsaid and not _named(brief, request, target, _kind_of(operation)):
            continue  # neither the field nor its record kind is spoken of: not worth offering
        if (
            unsaid
            or (destroys and not (_signature(operation) in theirs or asked))
            or not _said_new(request, operation)
            or id(operation) in guessed
        ):
            # A field the request never says, a new name it doesn't hold, a guess beside the
            # rules' fields, or records that would go without the request naming what goes:
            # offered to confirm, never made.
            question = offer(brief, operation, "Did you mean to")
            made.suggestions.extend([question] if question is not None else [])
        else:
            made.operations.append(operation)
    if not made.operations and (
        (not declined and sure(rules)) or rules.operations or not made.suggestions
    ):
        # Nothing of the model's could be made as read: what the rules read is made (or said,
        # when they read nothing), never a silent answer; the model's readings are offered.
        return Verdict(None, made.suggestions)
    return Verdict(made)


def named_kind(brief: Brief, request: str, target: Target | None, operation: Operation) -> bool:
    """Whether the request (or what was pointed at) names the record kind `operation` is on."""
    return _named(brief, request, target, _kind_of(operation))


def evidenced(brief: Brief, request: str, target: Target | None, operation: Operation) -> bool:
    """Whether `operation` has the request's own evidence: it works on a record kind or field
    the request names (or that was pointed at), its new names are the request's words, a
    removal is asked in words, a theme or colour is spoken of."""
    if isinstance(operation, Cannot):
        return False
    if isinstance(operation, SetTheme):
        return theme_said(request)
    if isinstance(operation, SetColour):
        return _shares_a_word(_words(request), operation.said)
    if isinstance(operation, SetTagline):
        return _shares_a_word(_words(request), operation.text)
    if not _said_new(request, operation) or _field_unsaid(request, target, brief, operation):
        return False
    if isinstance(operation, RemoveEntity | RemoveField):
        return _REMOVING.search(request) is not None and _named(brief, request, target, operation)
    if isinstance(operation, AddEntity | SetName):
        return True
    return named_kind(brief, request, target, operation) or _named(
        brief, request, target, operation
    )


def shares_a_word(one: str, other: str) -> bool:
    """Whether two names share a word (or its stem), small words aside."""
    return _shares_a_word(_words(one), other)
