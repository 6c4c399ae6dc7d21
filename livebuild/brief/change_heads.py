"""A request to add something, read by the head noun of what it adds: "add a field for the
dog's breed", "add a genre field with rock, jazz and folk", "add a payments record with amount
and date paid".

What "add" (or "create", "include", "put in", "set up") adds is a noun phrase, and its head
says what kind of thing it is, whatever the words before it name: a word for a field (the
[lists] field_words of change_words.toml: "field", "column", "box") adds a field; a word for a
kind of record ([lists] record_words: "record", "entry", "register") adds a page. The words
before the head name it, else what it is "for" or "of". A list after "with" (or a colon or a
dash) is the field's choices when the head is a field, and the page's fields when it is a kind
of record. The kind a field goes on is the one said ("to dogs", "the dog's breed", "for each
walk"), else the one the request is about, else a kind keeping a field named alike, else the
plan's only kind; else the founder is asked which. A head the words around it don't leave as
the head ("a record label field", "a field-trip date") is no head: the phrase is left to the
other readers.
"""

from __future__ import annotations

import re

from livebuild.brief import change_intents as intents
from livebuild.brief import change_passing as passing
from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import AddChoices, AddField, Operation
from livebuild.brief.change_words import (
    field_specs,
    field_words,
    kind_word,
    record_words,
    values,
)
from livebuild.brief.model import Brief, Entity
from livebuild.brief.text import singular

_OBJECT = re.compile(
    r"^(?:add|create|include|insert|put\s+in|set\s+up|give\s+(?:me|us|them|it)|(?:we|i)\s+"
    r"(?:need|want|would\s+like|'d\s+like))\s+"
    r"(?:(?:a|an|the|new|another|extra|separate|one\s+more|some|its\s+own|their\s+own)\s+)*"
    r"(?P<np>\S.*)$",
    re.IGNORECASE,
)
# What may follow the head: nothing, what it is for or goes on, or the list it holds.
_AFTER = re.compile(
    r"^(?:$|\s*(?:for|of|to|on|in|into|onto|with|including|listing|having)\b|\s*[:,]|\s+[-\u2013\u2014]\s)",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\s*,?\s*(?:\b(?:with|including|listing|having)\b(?:\s+(?:options?|choices?))?\s*:?|:|"
    r"\s[-\u2013\u2014])\s*",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?P<prep>for|of|to|on|in|into|onto)\s+(?:(?:the|each|every|all|our|my|a|an)\s+)*"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"^(?:(?:the|each|every|a|an|our|my)\s+)?(?P<owner>[\w -]{2,40}?)(?:'s|s'|\u2019s|s\u2019)\s+"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
# Words after the head that say more than a name and a place: a clause or a link.
_CLAUSE = re.compile(
    r"\b(?:that|which|who|whose|where|when)\b|\blink(?:s|ed)?\s+(?:to|with)\b|"
    r"\b(?:picked|chosen|pick|choose|selected)\s+from\b",
    re.I,
)
# Words that end the noun phrase before a head: a head after one is inside another phrase.
_NOT_BEFORE = frozenset({"for", "of", "to", "on", "in", "with", "and", "or", "from", "by", "as"})
# Words for a field that say its kind too: "a size dropdown with small, medium and large".
_CHOICE_HEADS = frozenset({"dropdown", "drop-down"})
_MOST_BEFORE = 5  # words naming what is added, before its head
_WORD = re.compile(r"[\w'\u2019/-]+")


def read_headed(brief: Brief, text: str) -> list[Operation] | None:
    """The field or page `text` adds, by the head of what it adds; None when it has none."""
    match = _OBJECT.match(text.strip().rstrip(".!?"))
    if match is None or not brief.entities:
        return None
    found = _head(match["np"])
    if found is None:
        return None
    before, head, after = found
    parts = _LIST.split(after, maxsplit=1)
    said, listed = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    if _CLAUSE.search(said):
        return None  # "… to appointments that links to dogs": a link, read by its own reader
    if head in record_words():
        return _page(brief, before, said, listed)
    return _field(brief, before, head, said, listed)


def _head(np: str) -> tuple[str, str, str] | None:
    """(the words before the head, the head, what follows it), for the first head word that
    ends its noun phrase; None when none does."""
    heads = field_words() | record_words()
    for word in _WORD.finditer(np):
        lowered = word.group(0).lower()
        if singular(lowered) not in heads and lowered not in heads | _CHOICE_HEADS:
            continue
        before, after = np[: word.start()].strip(), np[word.end() :]
        words = before.lower().split()
        if len(words) > _MOST_BEFORE or _NOT_BEFORE & set(words) or "," in before:
            return None
        if np[word.end() : word.end() + 1] in ("-", "'") or not _AFTER.match(after):
            continue
        head = lowered if lowered in heads | _CHOICE_HEADS else singular(lowered)
        return before, head, after.strip()
    return None


def _page(brief: Brief, before: str, said: str, listed: str) -> list[Operation] | None:
    """ "a payments record with amount and date paid": a page named by the words before the
    head, each of its records naming the kind it is "for", if said."""
    from livebuild.brief.change_verbs import page_for

    if not before:
        return None  # "an entry for the date they joined": what is meant is left to the others
    role = _ROLE.match(said)
    owner = f" for {role['rest']}" if role and role["prep"].lower() == "for" else ""
    return page_for(brief, before + owner, listed)


def _field(brief: Brief, before: str, head: str, said: str, listed: str) -> list[Operation] | None:
    """ "a field for the dog's breed", "a genre field with rock, jazz and folk"."""
    name, kind = _kind_said(before, head)
    owner_said = said
    if not name:
        name, owner_said = _named(owner_said)
        if not name:
            return None
        alone = find_entity(brief, name)
        if not owner_said and alone is not None and alone.sure:
            plural = alone.entity.plural
            raise intents.Refused(
                f"Say what the new field on {plural} is for, like \u201cadd a phone number "
                f"to {plural}\u201d."
            )
    name, owner = _owned(brief, name, owner_said)
    specs = field_specs(name)
    if len(specs) != 1:
        return None
    label, spec_kind, spec_choices = specs[0]
    if owner is None:
        owner = _owner(brief, label, listed)
    choices = tuple(values(listed)) if listed else spec_choices
    if listed and len(choices) < 2:
        return None
    chosen = "choice" if listed else (kind or spec_kind)
    if chosen == "choice" and not choices:
        raise intents.Refused(
            f"Say which options {label} should have, like \u201cadd a {label.lower()} field to "
            f"{owner.plural} with\u201d and the options."
        )
    if chosen == "boolean":
        choices = ()
    has = find_field(brief, label, owner)
    same = has is not None and has.field.label.lower() == label.lower()
    if has is not None and same and has.entity.slug == owner.slug:
        kept = {c.lower() for c in has.field.choices}
        more = tuple(c for c in choices if c.lower() not in kept)
        if listed and has.field.kind == "choice" and more:
            # "add a status field to walks with booked": Status is kept; the options are new.
            return [AddChoices(owner.slug, has.field.name, more)]
        raise intents.Already(f"{owner.plural} already keep {has.field.label}.")
    return [AddField(owner.slug, label, chosen, choices)]


def _kind_said(before: str, head: str) -> tuple[str, str | None]:
    """The field's name before its head, and the kind the words ending on the head say: "a
    pets allowed tick box" is Pets allowed, a yes or no; "a date field for …" a date."""
    words = before.split()
    for start in range(len(words) + 1):
        kind = kind_word(" ".join([*words[start:], head]))
        if kind is not None:
            return " ".join(words[:start]), kind
    return before, None


def _named(said: str) -> tuple[str, str]:
    """What a head said alone is "for" and where it goes: "for the breed on dogs", "on owners
    for the emergency contact"; ("", "") when nothing after it names the field."""
    role = _ROLE.match(said)
    if role is None:
        return "", ""
    if role["prep"].lower() in ("for", "of"):
        return role["rest"], ""
    where, joined, what = role["rest"].partition(" for ")
    return (what, where) if joined else ("", "")


def _owned(brief: Brief, name: str, owner_said: str) -> tuple[str, Entity | None]:
    """The field's name, and the kind it goes on when the request says which: after the name
    ("to dogs", "for each walk"), as a possessive ("the dog's breed") or inside it ("breed on
    dogs")."""
    role = _ROLE.match(owner_said)
    where = role["rest"] if role else owner_said
    if where:
        found = find_entity(brief, where)
        if found is not None and found.sure:
            return name, found.entity
        _, inside = passing.owned(brief, f"x {owner_said}")
        found = find_entity(brief, inside) if inside else None
        if found is not None and found.sure:
            return name, found.entity
        if role is None or role["prep"].lower() not in ("for", "of"):
            kept = intents.listing([e.plural for e in brief.entities])
            raise intents.Refused(
                f"We couldn't find \u201c{where}\u201d in your app; it keeps {kept}."
            )
    possessive = _POSSESSIVE.match(name)
    if possessive is not None:
        found = find_entity(brief, possessive["owner"])
        if found is not None and found.sure:
            return possessive["what"], found.entity
    what, owner = passing.owned(brief, name)
    found = find_entity(brief, owner) if owner else None
    if found is not None and found.sure:
        return what, found.entity
    return name, None


def _owner(brief: Brief, label: str, listed: str) -> Entity:
    """The kind a field said with no owner goes on, else the founder is asked which."""
    focused = intents.focused(brief)
    if focused is not None:
        return focused
    if len(brief.entities) == 1:
        return brief.entities[0]
    kin = intents.kin(brief, f"new {label}")
    if len(kin) == 1:
        return kin[0]
    kept = intents.listing([e.plural for e in brief.entities])
    shown = f" with {listed}" if listed else ""
    first = brief.entities[0].plural
    raise intents.Refused(
        f"Which records should {label} go on? Your app keeps {kept}; say which, like "
        f"\u201cadd a {label.lower()} field to {first}{shown}\u201d."
    )
