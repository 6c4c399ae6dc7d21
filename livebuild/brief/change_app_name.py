"""A new name for the business, said by grammar: "we're renaming the shop Pearl & Leaf Tea
House", "the club's changed its name to Springline Gym", "the studio has a new name: Flow".

A verb of renaming whose object is something the plan doesn't keep (not one of its record
kinds or fields), or the noun "name" owned by such a thing ("its name", "the club's name"),
followed by a name said as a name (capitalised), is the app's new name. spaCy's parse says
which word is the object; the plan's own names say whether it is a record kind ("rename
members to Clients" is left to the ordinary readers).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_ops import Operation, SetName
from livebuild.brief.change_words import name_text, reads_as_name
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

# A parse is spent only where renaming or an owned or new "name" is said.
_GATE = re.compile(r"\brenam|(?:\b(?:its|our|their|my|new)|'s)\s+name\b", re.I)
_MAX_CHARS = 200
_LEAD = re.compile(r"^\s*(?:to|as|:|\u2014|-)?\s*")


# "we're now Spin Society Pole & Aerial", "it's The Fernley Post Office & Stores now": the
# founder saying who the business is, by a name said as a name (each word capitalised), said
# as the whole part, after when it happens ("from Monday we're …", "after the vote we became …").
_WHEN_SAID = r"(?i:(?:from|after|as\s+of|since|starting)\s+[\w']+(?:\s+[\w']+){0,3})"
_WHEN = _WHEN_SAID + r"\s+"
_NAME = (
    r"(?i:called\s+|known\s+as\s+)?(?P<name>(?:[Tt]he\s+)?[A-Z][\w'.&-]*(?:\s+(?:[A-Z0-9][\w'.&-]*|"
    rf"&|and|of|the|on|at)){{0,6}})(?i:\s+now)?(?:\s+{_WHEN_SAID})?$"
)
_NOW_CALLED = re.compile(
    rf"^(?:{_WHEN})?(?i:we're|we\s+are|we've\s+become|we\s+have\s+become|we\s+became|"
    r"we\s+go\s+by|we\s+trade\s+as|we're\s+trading\s+as|it's|it\s+is)\s+(?i:now\s+)?" + _NAME
)
# In a clause of a longer part ("we merged with the next branch, we're now Hillbrook and Vale
# Pony Club") only the clear forms: "it is Open, Paid and Collected", "rename the Size field,
# it is Portion now", "we go by Pickup Date" say an option or a field, not who the business is.
_CLEARLY_NOW = re.compile(
    rf"^(?:{_WHEN}(?i:we're|we\s+are)|(?:{_WHEN})?(?i:we're\s+now|we\s+are\s+now|we've\s+become|"
    r"we\s+have\s+become|we\s+became|we\s+trade\s+as|we're\s+trading\s+as))\s+(?i:now\s+)?" + _NAME
)
# A name in quotes after "we're" is who the business now is in any clause: "we merged with
# the Henley lot, so we're 'Thames Valley Pétanque' now".
_QUOTED_NOW = re.compile(
    r"^(?i:(?:so|and)\s+)?(?i:we're|we\s+are|we've\s+become|we\s+have\s+become|we\s+became)"
    r"\s+(?i:now\s+)?(?i:called\s+|known\s+as\s+)?['\"\u2018\u201c]"
    r"(?P<name>(?:[^'\"\u2018\u2019\u201c\u201d]|['\u2019](?=\w)){2,60})"
    r"['\"\u2019\u201d](?i:\s+now)?$"
)
# A quoted name of one word after "we're" is the business's new name only when the request
# says it was named ("we merged …", "we rebranded …"): "we're 'Closed' now" is a state.
_NAMING_CUE = re.compile(
    r"\b(?:merg(?:e|ed|ing)|rebrand\w*|renam\w*|called|trad(?:e|es|ing)\s+as|new\s+name|"
    r"joined\s+(?:up|forces)|taken\s+over|took\s+over)\b",
    re.IGNORECASE,
)


# A field or kind said to be what is renamed or merged: "new name for the status field",
# "we merged two fields".
_ABOUT_A_FIELD = re.compile(r"\b(?:fields?|columns?|boxe?s?|lists?)\b|\bnew\s+name\s+for\b", re.I)


def names_the_business(brief: Brief, text: str, name: str) -> bool:
    """Whether `name`, said after "we're" or "it's" in `text`, is who the business now is:
    `text` says the business was named (merged, rebranded, called …) and names no field or
    kind of `brief` ("we merged the notes and the status: it's Progress now" is about fields).
    Without such a cue a quoted name is at most offered to confirm: "we're 'Fully Booked' now"
    is a state. The one check of the rules and of the model path (`model_change_reconcile`)."""
    cues = _NAMING_CUE.findall(text)
    if not cues:
        return False
    rest = text.replace(name, " ")
    for cue in cues:
        rest = rest.replace(cue, " ")
    if _ABOUT_A_FIELD.search(rest) is not None:
        return False
    return not _names_the_plans_own(brief, rest)


def _names_the_plans_own(brief: Brief, text: str) -> bool:
    """Whether `text` says one of the plan's record kinds or field labels."""
    said = text.lower()
    names = [n for e in brief.entities for n in (e.singular, e.plural)]
    names += [f.label for e in brief.entities for f in e.fields]
    return any(re.search(rf"\b{re.escape(n.lower())}s?\b", said) for n in names if n)


def _quoted_now(brief: Brief, clause: str, text: str) -> re.Match[str] | None:
    """`_QUOTED_NOW` in `clause`, when it names the business (`names_the_business`)."""
    said = _QUOTED_NOW.match(clause)
    return said if said is not None and names_the_business(brief, text, said["name"]) else None


# The business itself said to be named: not "rename the Size field, it is Portion now".
_BUSINESS_NAMED = re.compile(
    r"\b(?:new\s+name|rebrand\w*|merg(?:e|ed|ing)|trad(?:e|es|ing)\s+as|joined\s+(?:up|forces)|"
    r"taken\s+over|took\s+over)\b",
    re.IGNORECASE,
)


def _named_now(brief: Brief, clause: str, text: str) -> re.Match[str] | None:
    """ "new sponsor, new name: it's Willowbrook Vaulters now": any form of saying who the
    business now is, in a clause of a request that says the business was named."""
    said = _NOW_CALLED.match(clause) if _BUSINESS_NAMED.search(text) is not None else None
    return said if said is not None and names_the_business(brief, text, said["name"]) else None


# The clause after a name that goes on as a list of names ("…, Paid and Collected").
_LISTED_ON = re.compile(r"^[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:\s+(?:and|or)\s+[A-Z].*)?$")


def _now_called(brief: Brief, text: str) -> re.Match[str] | None:
    """Who the founder says the business now is: the whole of `text`, or a clause of it in
    one of the clear forms and not going on as a list."""
    whole = _NOW_CALLED.match(text.strip(" .!")) or _quoted_now(brief, text.strip(" .!"), text)
    if whole is not None:
        return whole
    clauses = re.split(r"\s*[,;:\u2014\u2013]\s*|\s+-\s+", text.strip(" .!"))
    for at, clause in enumerate(clauses):
        called = (
            _CLEARLY_NOW.match(clause)
            or _quoted_now(brief, clause, text)
            or _named_now(brief, clause, text)
        )
        if called is not None:
            listed = at + 1 < len(clauses) and _LISTED_ON.match(clauses[at + 1])
            return None if listed else called
    return None


def app_renamed(brief: Brief, text: str) -> list[Operation] | None:
    """The app's new name `text` says, or None."""
    now = now_called(brief, text)
    if now is not None:
        return now
    if _GATE.search(text) is None:
        return None
    doc = parsed(text[:_MAX_CHARS])
    for token in doc:
        thing = _renamed_thing(token)
        if thing is None or _in_plan(brief, thing):
            continue
        after = _LEAD.sub("", text[thing.idx + len(thing.text) :], count=1)
        if thing.pos_ == "VERB":
            after = _becomes(thing)  # "renaming to Whisk & Crumb in the spring": the name only
        after = after.split(",")[0]  # "Muddy Paws, we're expanding": the name ends at a comma
        name = name_text(after.strip(" .!?'\"\u201c\u201d"))
        if name and name[0].isupper() and reads_as_name(re.sub(r"\s+and\s+", " & ", name), 6):
            return [SetName(name[:60])]
    return None


def now_called(brief: Brief, text: str) -> list[Operation] | None:
    """The app's new name when a clause of `text` says who the business now is ("good news,
    we're now The Little Oven"), or None. Read on the part as said: a remark before it may
    leave nothing of it in the part's plain form."""
    called = _now_called(brief, text)
    if called is None:
        return None
    name = name_text(called["name"])
    plan_has = find_entity(brief, name) is not None or _plans_own(brief, name)
    joined = re.sub(r"\s+and\s+", " & ", name)  # "Hillbrook and Vale Pony Club"
    if name.split()[-1][0].isupper() and reads_as_name(joined, 6) and not plan_has:
        return [SetName(name[:60])]
    return None


def _plans_own(brief: Brief, name: str) -> bool:
    """Whether `name` is a field label or an option of the plan ("Pickup Date", "Small")."""
    said = name.lower()
    return any(
        said == field.label.lower() or said in (c.lower() for c in field.choices)
        for entity in brief.entities
        for field in entity.fields
    )


def _renamed_thing(token: Token) -> Token | None:
    """The word after which the new name comes: the object of "renaming", or "name" owned by
    something ("its name", "the club's name", "a new name")."""
    if token.lemma_.lower() == "rename" and token.pos_ == "VERB":
        thing = next((c for c in token.children if c.dep_ == "dobj"), None)
        if thing is None and _founders_own(token):
            return token  # "we're renaming to Whisk & Crumb": the founder's business renamed
        if thing is None or thing.pos_ != "PROPN":
            return thing
        # "renaming the studio Flow & Stretch Yoga" may parse with the name as the object and
        # the thing renamed as its modifier: the last plain noun before the name is the thing.
        start = min(t.i for t in thing.subtree)
        plain = [t for t in thing.doc[start : thing.i] if t.pos_ == "NOUN"]
        return plain[-1] if plain else None
    if token.lower_ != "name" or token.pos_ != "NOUN":
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        return token if owner.pos_ == "PRON" or not _compound(token) else None
    if any(c.dep_ == "amod" and c.lower_ == "new" for c in token.children):
        # "the studio has a new name: Flow", or a heading: "new name: Hoofbeat Racing".
        heading = token.dep_ == "ROOT" or token.i <= 1
        return token if heading or token.head.lemma_.lower() in ("have", "get") else None
    return None


def _founders_own(verb: Token) -> bool:
    """Whether `verb` is said by the founder of themselves, with what it becomes after "to"
    or "as": "we're renaming to ...", "I'm renaming as ..."."""
    subject = any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children)
    return subject and any(c.dep_ == "prep" and c.lower_ in ("to", "as") for c in verb.children)


def _becomes(verb: Token) -> str:
    """What the founder's business is renamed to: the words after "to" or "as", up to where
    the name ends in the parse ("to Whisk & Crumb" of "renaming to Whisk & Crumb in June")."""
    prep = next(c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "as"))
    said = [t for t in prep.subtree if t is not prep]
    return verb.doc[said[0].i : said[-1].i + 1].text if said else ""


def _compound(token: Token) -> bool:
    return any(c.dep_ == "compound" for c in token.children)


def _in_plan(brief: Brief, thing: Token) -> bool:
    """Whether the thing renamed, or the owner of "name", is one of the plan's own."""
    owners = [c for c in thing.children if c.dep_ in ("poss", "compound")]
    if thing.lower_ != "name":
        owners.append(thing)
    elif thing.head.pos_ in ("VERB", "AUX"):
        owners += [c for c in thing.head.children if c.dep_ == "nsubj"]
    for owner in owners:
        if owner.pos_ not in ("NOUN", "PROPN"):
            continue
        said = owner.text if owner is not thing else " ".join(t.text for t in owner.subtree)
        entity, field = find_entity(brief, said), find_field(brief, said)
        if (entity is not None and entity.sure) or (field is not None and field.sure):
            return True
    return False
