"""A change request with what it names in the plan: every record kind and field it names (by
any number, a slip of the keys, with or without its owner) and the words it quotes.

`change_anchored` reads what the sentence does from this; `change_anchored_choices` the
options it lists. Nothing here decides what the request asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from livebuild.brief.change_names import SURE, find_entity, find_field, key
from livebuild.brief.change_wordlists import words
from livebuild.brief.change_words import ARTICLES
from livebuild.brief.model import Brief, Entity, Field
from livebuild.brief.text import singular

_I = re.IGNORECASE
WORD = re.compile(r"[a-z0-9][a-z0-9'\u2019/-]*", _I)
MOST_WORDS = 4
QUOTED = re.compile(r"(?:^|(?<=[\s(:\u2014\u2013-]))(['\"])(?P<q>[^'\"]{1,60}?)\1(?=$|[\s,.?!;:)])")
# Words never the start or end of a name on their own, however the plan's fields are called.
SMALL = frozenset(words().lists.not_alone)


@dataclass(frozen=True)
class Named:
    """A stretch of the request naming a field or a record kind of the plan."""

    start: int  # word positions
    end: int
    entity: Entity
    field: Field | None = None
    at: tuple[int, int] = (0, 0)  # where in the request, by character


@dataclass(frozen=True)
class Request:
    text: str  # the request as said
    lowered: str
    words: list[str]
    named: list[Named]
    quoted: list[str]
    quoted_at: list[tuple[int, int]]

    def fields(self, owner: Entity | None = None) -> list[Named]:
        """Each field named once, in the order first named; only `owner`'s when given."""
        seen: set[tuple[str, str]] = set()
        found: list[Named] = []
        for named in self.named:
            if named.field is None or (owner is not None and named.entity is not owner):
                continue
            key = (named.entity.slug, named.field.name)
            if key not in seen:
                seen.add(key)
                found.append(named)
        return found

    def entities(self) -> list[Entity]:
        kinds: list[Entity] = []
        for named in self.named:
            if named.field is None and named.entity not in kinds:
                kinds.append(named.entity)
        return kinds


def _clean(word: str) -> str:
    return re.sub(r"['\u2019]s?$", "", word.lower())


def resolve_phrase(brief: Brief, phrase: str) -> Named | None:
    """What `phrase` names in the plan, when it is sure; a field wins a tie with its owner."""
    located = find_field(brief, phrase)
    entity = find_entity(brief, phrase)
    field_sure = located is not None and located.sure and _worded(phrase, located.field.label)
    if entity is not None and entity.sure:
        # A tie is read by number: "donors" are the record kind, "the donor" a field naming one.
        last = phrase.split()[-1]
        plural_said = singular(last) != last
        if located is None or not field_sure or entity.score > located.score or plural_said:
            return Named(0, 0, entity.entity)
    if located is not None and field_sure:
        return Named(0, 0, located.entity, located.field)
    return None


def _worded(phrase: str, label: str) -> bool:
    """Whether some run of the phrase's words is the label, give or take a slip of the keys:
    "ticket" is not Tickets sold."""
    words, size = phrase.split(), len(label.split())
    wanted = key(label)
    runs = (key(" ".join(words[i : i + size])) for i in range(max(1, len(words) - size + 1)))
    return any(fuzz.ratio(run, wanted) >= SURE for run in runs)


def _padded(brief: Brief, found: Named, span: list[str]) -> bool:
    """Whether the span's first word is no part of what it names: "call the brides" names
    Brides by its last word alone; "teacher bios" (Bio of Teachers) names the owner first and
    "standing order on stockists" starts with the field's own name."""
    owner = find_entity(brief, span[0])
    if (
        found.field is not None
        and owner is not None
        and owner.sure
        and owner.entity is found.entity
    ):
        return False
    names = (
        [found.field.label]
        if found.field is not None
        else [found.entity.singular, found.entity.plural]
    )
    for name in names:
        size = len(name.split())
        if fuzz.ratio(key(" ".join(span[:size])), key(name)) >= SURE:
            return False
    return True


def resolve(brief: Brief, text: str) -> Request:
    """`text` with every record kind and field of `brief` it names, longest names first."""
    lowered = text.lower()
    spans = list(WORD.finditer(lowered))
    words = [_clean(m.group(0)) for m in spans]
    taken = [False] * len(words)
    named: list[Named] = []
    for size in range(MOST_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if any(taken[start : start + size]) or span[0] in SMALL or span[-1] in SMALL:
                continue
            found = resolve_phrase(brief, " ".join(span))
            if found is None or (size > 1 and _padded(brief, found, span)):
                continue  # "fill in the teacher" names Teacher by its last word alone
            at = (spans[start].start(), spans[start + size - 1].end())
            named.append(Named(start, start + size, found.entity, found.field, at))
            for word in range(start, start + size):
                taken[word] = True
    named.sort(key=lambda n: n.start)
    quotes = [m for m in QUOTED.finditer(text) if m["q"].strip()]
    return Request(
        text, lowered, words, named, [m["q"].strip() for m in quotes], [m.span() for m in quotes]
    )


def whole_name(brief: Brief, said: str) -> bool:
    """Whether quoted words are, as a whole, the name of a field or record kind of the plan."""
    wanted = key(said)
    names = [key(n) for e in brief.entities for n in (e.singular, e.plural)]
    names += [key(f.label) for e in brief.entities for f in e.fields]
    return any(fuzz.ratio(wanted, name) >= SURE for name in names)


def plain_name(text: str) -> str:
    text = ARTICLES.sub("", text.strip(" .,:;!?'\"")).strip()
    text = re.sub(r"^(?:their|its|his|her|our|my|each|every|a|an|the)\s+", "", text, flags=_I)
    return re.sub(r"\s+(?:too|as\s+well|also|please|pls|then)$", "", text, flags=_I).strip()


def owned_fields(request: Request) -> list[Named]:
    """The fields named; only the named record kind's when one is named apart from them."""
    fields = request.fields()
    owners = request.entities()
    if len(owners) == 1 and any(f.entity is owners[0] for f in fields):
        fields = request.fields(owners[0])
    return fields


def field_said(named: Named) -> str:
    assert named.field is not None
    return f"{named.field.label.lower()} on {named.entity.plural.lower()}"
