"""Details put on the record the idea says they are of, not on whichever record came first.

"keep each dog's coat notes and the owner's phone number" gives Dogs a "Coat notes" box and
Owners a "Phone number"; "the price of each cake" gives Cakes a price. What the founder says
of the work itself ("we write down what's wrong, give a quote"; "what we covered") goes on the
first record of work done (a repair, a lesson). A detail named with no record it is of stays
with the first record, as before. No record ever gets more than the plan's field limit.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from livebuild.brief.details import identifier_fields, with_identifiers
from livebuild.brief.links import add_link, linked_work, one_way
from livebuild.brief.model import Entity, Field
from livebuild.brief.said_choices import chosen, without_made_up_choices
from livebuild.brief.said_links import linked_as_said
from livebuild.brief.said_links_named import linked_as_named
from livebuild.brief.said_only import idea_words, only_said
from livebuild.brief.things import HINT_FIELD_NAMES, hint_field, kind_of
from livebuild.english.detail_kinds import said_kind
from livebuild.english.forms import plural
from livebuild.english.grammar import is_person
from livebuild.english.lexicon import lexicon
from livebuild.english.nlp import EnglishUnavailable, parsed
from livebuild.english.reading import Reading
from livebuild.english.said_clauses import clauses_said
from livebuild.english.said_of import (
    SaidDetail,
    as_singular,
    kept_per,
    kinds_said_as_details,
    said_of,
)
from livebuild.english.words import wordset

_MOST_WORDS = 3
_MOST_ITEMS = 4
# Words that name no detail of their own ("each dog's details", "the member's name").
_VAGUE = wordset(
    """
    detail details info information data record records stuff thing things name names
    own one ones way lot someone something anyone anything people everything
    """
)
# Words that name the same detail: a record with a due date has its deadline.
_SAME = (
    frozenset({"deadline", "due"}),
    frozenset({"phone", "mobile", "telephone", "tel"}),
)
_NOUNS = frozenset({"NN", "NNS"})
_POSSESSOR = re.compile(r"\b([a-z]+)'s\s+", re.IGNORECASE)
_OF_EACH = re.compile(r"\s+(?:of|for)\s+(?:each|every)\s+([a-z]+)\b", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE)
# "log swims (distance, stroke, pool)"; never options ("the package (bronze/silver/gold)").
_BRACKETED = re.compile(r"\b([a-z]+)\s*\(([^()/]{1,160})\)", re.IGNORECASE)
_EXAMPLES = re.compile(r"\betc\b|\.\.\.|…|\be\.?g\b|\blike\b|\bsuch as\b", re.IGNORECASE)
# Records whose bracketed list names kinds of them ("materials (slate, lead)").
_KINDS_OF = wordset(
    """material materials type types kind kinds category categories item items service
    services product products machine machines device devices tool tools animal animals"""
)
# "Customers, their addresses": the details of the record just named.
_THEIR = re.compile(r"\b([a-z]+)\s*(?:,|\band\b|\bplus\b)\s*their\s+", re.IGNORECASE)
_WITH = re.compile(r"\b([a-z]+)\s+with\s+", re.IGNORECASE)
_DETERMINER = re.compile(r"^\s*(?:the|a|an|its|their|his|her|any|each|every)\s+", re.I)
_WORD = re.compile(r"^([a-z]+(?:-[a-z]+)*)\b", re.IGNORECASE)
# What the founder says of the work itself, and the field it becomes.
_OF_WORK: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (
        re.compile(
            r"\bwhat(?:'s|\s+is|\s+was|\s+went)\s+(?:wrong|broken)\b|\bwhat\s+needs\s+fixing\b",
            re.IGNORECASE,
        ),
        "problem",
        "Problem",
        "longtext",
    ),
    (
        re.compile(
            r"\bwhat\s+(?:we|they|you|i|he|she)\s+(?:covered|did|worked\s+on|practi[sc]ed|"
            r"learned|learnt)\b|\bwhat\s+was\s+covered\b",
            re.IGNORECASE,
        ),
        "covered",
        "",
        "longtext",
    ),
    (
        re.compile(
            r"\b(?:give|gives|giving|send|sends|sending|write|make|email|text)\s+"
            r"(?:them\s+|him\s+|her\s+|the\s+customer\s+)?(?:a|an|the)\s+(?:quote|estimate)\b",
            re.IGNORECASE,
        ),
        "quote",
        "Quote",
        "money",
    ),
)


def _head(entity: Entity) -> str:
    return as_singular(entity.singular.lower().split()[-1])


def _is_noun(word: str, reading: Reading) -> bool:
    # "id" is read as two names ("i", "d"); an identifier's word is a noun whatever it is read as.
    return word.lower() in lexicon().text_identifiers or bool(reading.tags_of(word) & _NOUNS)


def _nouns_at(text: str, reading: Reading) -> tuple[list[str], int]:
    """The noun words `text` opens with (at most three), and how much of `text` they take."""
    words: list[str] = []
    end = 0
    while len(words) < _MOST_WORDS:
        match = _WORD.match(text[end:].lstrip(" "))
        if match is None or not _is_noun(match.group(1), reading):
            break
        end += len(text[end:]) - len(text[end:].lstrip(" ")) + match.end()
        words.append(match.group(1).lower())
    return words, end


def _plural(word: str, reading: Reading) -> bool:
    return "NNS" in reading.tags_of(word) and "NN" not in reading.tags_of(word)


def _listed(rest: str, reading: Reading) -> Iterator[list[str]]:
    """The details listed at the start of `rest`: "coat notes and the owner's ..." -> coat
    notes; "distance, stroke, pool" -> each; a list ends at its first item that is no noun."""
    for _ in range(_MOST_ITEMS):
        rest = _DETERMINER.sub("", rest, count=1)
        words, end = _nouns_at(rest, reading)
        if not words:
            return
        yield words
        joined = _NEXT_ITEM.match(rest[end:])
        if joined is None:
            return
        rest = rest[end + joined.end() :]


def _possessed(reading: Reading) -> Iterator[tuple[str, list[str]]]:
    """(record, detail words) for "each X's Y, Z and W", "the Y of each X", "X (Y, Z)" and
    "X with Y and Z"."""
    text = reading.fixed
    for match in _POSSESSOR.finditer(text):
        for words in _listed(text[match.end() : match.end() + 200], reading):
            yield match.group(1).lower(), words
    for match in _BRACKETED.finditer(text):
        items = list(_listed(match.group(2), reading))
        kinds = match.group(1).lower() in _KINDS_OF or _EXAMPLES.search(match.group(2))
        if kinds or any(_plural(w[-1], reading) or w[-1].endswith("ing") for w in items):
            continue  # "devices (laptops, projectors ...)": kinds of it, not its details
        for words in items:
            yield match.group(1).lower(), words
    for match in _THEIR.finditer(text):
        for words in _listed(text[match.end() : match.end() + 200], reading):
            yield match.group(1).lower(), words
    for match in _WITH.finditer(text):
        for words in _listed(text[match.end() : match.end() + 200], reading):
            yield match.group(1).lower(), words
    for match in _OF_EACH.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].split()[-_MOST_WORDS:]
        said: list[str] = []
        for word in reversed(before):
            if not word.isalpha() or not _is_noun(word, reading):
                break
            said.insert(0, word.lower())
        if said:
            yield match.group(1).lower(), said


def _field(words: list[str], records: set[str], listed: bool = False) -> Field | None:
    """The field for a detail's words; a person ("the owner's") is a record, not a detail,
    unless `listed` among a thing's details ("boats (class, owner, mooring)")."""
    person = is_person(words[-1]) and not listed
    vague = all(w in _VAGUE for w in words)  # "the member's name"; but "boat name" is one
    if vague or as_singular(words[-1]) in records or person:
        return None
    if len(words) == 1 and words[0] in lexicon().generic and not listed:
        return None
    known = hint_field(words[0]) if len(words) == 1 else None
    if known is not None:
        return known  # "condition": New/Good/Fair/Worn; "distance": km
    if said_kind(words[-1]) != "longtext":
        words = [*words[:-1], as_singular(words[-1])]  # "their addresses": an address each
    label = " ".join(words)
    return Field("_".join(words), label[:1].upper() + label[1:], said_kind(label))


def _within(field: Field, placed: list[set[str]]) -> bool:
    return any(set(field.name.split("_")) <= words for words in placed)


def _kept(entity: Entity, field: Field) -> bool:
    """Whether `entity` keeps `field` already, by another name ("Due date" for a deadline)."""
    words = set(field.name.split("_"))
    same = next((group for group in _SAME if words & group), frozenset())
    return any(set(f.name.split("_")) & same for f in entity.fields)


def _work_fields(reading: Reading, records: set[str]) -> list[Field]:
    found = []
    for pattern, name, label, kind in _OF_WORK:
        match = pattern.search(reading.fixed)
        if match is None or name in records:
            continue
        said = label or match.group(0)[:1].upper() + match.group(0)[1:].lower()
        found.append(Field(name, said, kind))
    return found


def _unhinted(entity: Entity, placed: list[Field]) -> Entity:
    """`entity` without the first record's hint fields ("Phone") that a detail said of
    another record ("the owner's phone number") took."""
    taken = {part for f in placed for part in f.name.split("_")} & HINT_FIELD_NAMES - {"date"}
    gone = {f.name for f in entity.fields[1:] if f.name in taken}
    if not gone:
        return entity
    return entity.without(gone)


def _linked_booking(entities: list[Entity], reading: Reading) -> list[Entity]:
    """The first record of work with no links, linked to what it is for ("appointments for
    dogs") and the people the plan keeps: an appointment names its dog, groomer and owner."""
    heads = [_head(e) for e in entities]
    work = next((h for h in heads if kind_of(h) == "event"), None)
    if work is None or any(f.kind == "link" for f in entities[heads.index(work)].fields):
        return entities
    said_for = [p.head for p in reading.phrases if p.preposition == "for" and p.attached == work]
    wanted = [h for h in said_for if h in heads and h != work]
    people = [h for h in heads if h != work and (is_person(h) or kind_of(h) == "person")]
    # Only the people the idea names: a kind it implies ("customers") was said by nobody.
    said = set(re.findall(r"[a-z]+", reading.fixed.lower()))
    # Nor one a record of its own joins to the work ("bookings" of a member and a class).
    slug = entities[heads.index(work)].slug
    joined = {
        f.links_to for e in entities if slug in {f.links_to for f in e.fields} for f in e.fields
    }
    named = [h for h in people if h in said or plural(h) in said]
    wanted += [h for h in named if entities[heads.index(h)].slug not in joined]
    return linked_work(list(entities), work, wanted)


def _names_kind(
    said: SaidDetail | list[str], heads: list[str], at: int, named: set[str]
) -> int | None:
    """The other kind the plan keeps that a detail is named by alone ("the hirer" of a
    booking, "their team" of a player), if any: a link to it, not a field. Only a kind the
    idea `named` as one besides (a "finish" said once among an order's details is no kind,
    nor is a "deposit", a sum)."""
    words = said if isinstance(said, list) else [] if said.label else list(said.words)
    # One of them ("the hirer"); "... and the races" is the next thing kept, no detail.
    if len(words) != 1 or as_singular(words[0]) != words[0] or words[0] not in named:
        return None
    other = heads.index(words[0])
    return other if other != at else None


def _said_field(said: SaidDetail, records: set[str], acronyms: frozenset[str]) -> Field | None:
    """The field for a detail listed of a record: a question as written ("What I paid", a
    sum), a noun phrase as the other details are."""
    if said.label:
        name = "_".join(said.words)[:40].strip("_")
        return Field(name, said.label, said.holds or "text") if name else None
    field = _field(list(said.words), records, listed=True)
    if field is not None and said.holds:
        field = dataclasses.replace(field, kind=said.holds)
    if field is not None and set(said.words) & acronyms:
        # "IMEI", "DBS": written as the founder wrote them
        label = " ".join(w.upper() if w in acronyms else w for w in field.label.lower().split())
        field = dataclasses.replace(field, label=label[:1].upper() + label[1:])
    return field


def _named_kinds(heads: list[str], listed: list[SaidDetail], reading: Reading) -> set[str]:
    """Of the kinds kept (`heads`), those a detail may link to: a person, one with details
    of its own, or one the idea says more than once ("the hirers (name, phone) ... the
    hirer"); never a word that is a typed detail ("deposit": a sum)."""
    said = re.findall(r"[a-z]+", reading.fixed.lower())
    owners = {as_singular(s.owner) for s in listed}
    return {
        h
        for h in heads
        if hint_field(h) is None
        and said_kind(h) == "text"
        and (is_person(h) or h in owners or said.count(h) + said.count(plural(h)) >= 2)
    }


def _said_once(heads: list[str], reading: Reading) -> set[str]:
    """The kinds kept whose word the idea says once, as one of a thing ("the finish"), never
    as many ("teams of 6" may be a list running on into the next kind)."""
    said = re.findall(r"[a-z]+", reading.fixed.lower())
    return {h for h in heads if said.count(h) == 1 and plural(h) not in said}


def _listed_of(
    reading: Reading, heads: list[str]
) -> tuple[list[SaidDetail], list[tuple[int, int]], set[str]]:
    """The details listed or said as clauses of each record, the links said with "per" or
    "for each", and the records the idea lists two or more details of."""
    if not reading.phrases:
        return [], [], set()  # read without the English pipeline
    try:
        doc = parsed(reading.fixed)
    except EnglishUnavailable:
        return [], [], set()
    per = [(heads.index(a), heads.index(b)) for a, b in kept_per(doc, heads)]
    listed = said_of(doc, heads)
    owners = [as_singular(s.owner) for s in listed]
    many = {o for o in owners if owners.count(o) >= 2}
    known = frozenset(heads) | frozenset(h + "s" for h in heads)
    return [*listed, *clauses_said(doc, known)], per, many


def details_not_kinds(heads: list[str], reading: Reading) -> set[str]:
    """Of the record kinds chosen (`heads`, singular), those the idea lists as one detail of
    another ("each coin with country, year and grade"): fields of that record, never records
    of their own. The first record always stays."""
    if not reading.phrases or len(heads) < 2:
        return set()
    try:
        said = kinds_said_as_details(parsed(reading.fixed), heads)
    except EnglishUnavailable:
        return set()
    # A person listed ("boats (class, owner)") is still one the plan may keep and link to.
    return {h for h in said - {heads[0]} if not is_person(h) and kind_of(h) != "person"}


def _without_guesses(
    entities: list[Entity], new: list[list[Field]], many: set[str], idea: str
) -> list[Entity]:
    """A record whose details the idea lists (`many`) keeps those, not the catalogue's
    guesses beside them."""
    words = idea_words(idea)
    return [
        only_said(e, said, words, kind_of(_head(e)) == "event") if _head(e) in many else e
        for e, said in zip(entities, new, strict=True)
    ]


def _field_said(
    said: SaidDetail | list[str], records: set[str], reading: Reading, idea: str
) -> Field | None:
    """The field a detail said of a record becomes, its options spelt as the founder wrote
    them ("a type of monthly, annual or card")."""
    if isinstance(said, SaidDetail):
        field = _said_field(said, records, reading.acronyms)
    else:
        field = _field(said, records)
    if field is None:
        return None
    spelt = chosen(field, idea.lower())
    return spelt if spelt != field else chosen(field, reading.fixed.lower())


def placed_details(entities: list[Entity], reading: Reading, idea: str) -> list[Entity]:
    """`entities` with each detail the idea names on the record it is said of."""
    if not entities:
        return entities
    heads = [_head(e) for e in entities]
    records = set(heads)
    new: list[list[Field]] = [[] for _ in entities]
    moved: list[tuple[int, Field]] = []
    listed, links, many = _listed_of(reading, heads)
    pairs: list[tuple[str, SaidDetail | list[str]]] = []
    # "materials (slate, lead, felt)": kinds of material, not its details
    listed = [s for s in listed if not (s.bracketed and s.owner in _KINDS_OF) and not s.joined]
    for said in listed:
        at = heads.index(as_singular(said.owner)) if as_singular(said.owner) in records else None
        target = as_singular(said.names) if said.names else ""
        if at is not None and target in records:
            if target != heads[at]:
                links.append((at, heads.index(target)))  # "which tree": a link to Trees
            continue
        pairs.append((said.owner, said))
    pairs += list(_possessed(reading))
    named, loose = _named_kinds(heads, listed, reading), records - _said_once(heads, reading)
    for owner, said_words in pairs:
        at = heads.index(as_singular(owner)) if as_singular(owner) in records else None
        if at is None:
            continue
        other = _names_kind(said_words, heads, at, named)
        if other is not None:
            links.append((at, other))  # "each booking with the date, the hirer": a link
            continue
        # "the finish" of an order, said once and as one: its field, whatever the plan keeps
        field = _field_said(said_words, loose, reading, idea)
        if field is None or _kept(entities[at], field):
            continue
        if field.name not in {f.name for f in new[at]}:
            new[at].append(field)
            moved.append((at, field))
    # "contact phone" of "each member's emergency contact phone" is that detail again.
    placed = [set(f.name.split("_")) for fields in new for f in fields]
    new[0] += [f for f in identifier_fields(reading) if not _within(f, placed)]
    work = next((n for n, h in enumerate(heads) if kind_of(h) == "event"), 0)
    new[work] += _work_fields(reading, records)
    # "each dog's coat notes and weight": two details said of one record list what it keeps.
    placed_of = [at for at, _ in moved]
    many |= {heads[at] for at in set(placed_of) if placed_of.count(at) >= 2}
    entities = _without_guesses(entities, new, many, idea)
    out = [
        without_made_up_choices(
            with_identifiers(e, fields, idea),
            {f.name for f in fields if f.kind == "choice"},
            reading.fixed.lower(),
        )
        for e, fields in zip(entities, new, strict=True)
    ]
    # The idea's loose details go to the first record; one said of another moves there.
    moved_off = [field for at, field in moved if at != 0]
    out[0] = _unhinted(out[0], moved_off)
    for owner_at, target_at in links:
        out[owner_at] = add_link(out[owner_at], out[target_at])
    return one_way(_linked_booking(linked_as_named(linked_as_said(out, reading), reading), reading))
