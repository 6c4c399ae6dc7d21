"""What a request asks the app itself to do, read from its grammar, not its wording.

"When a job is marked finished, text the owner", "I'd like it to text every parent", "a button
that posts it straight to my Instagram", "hook it up to the marina CCTV", "put our gig dates up
on the band website automatically", "show live tide times": each asks the app to reach someone,
join something outside it or act by itself, which no app we build does. spaCy's parse says
which word is the verb and what it acts on, so "text the owner" is a wish and "a text field" or
"whether we texted them" a field; what a verb joins the app to is resolved against the plan's
own records and fields ("link the owner to the owners list" stays a link). The word classes are
the [acts] table of change_limits.toml; the limit each names says why and the closest thing.

The other way round, a service named only to say whose handle or number a field holds ("an
Instagram handle", "their WhatsApp number") is a field to keep, not a service to connect.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.brief.change_colours import NAMES
from livebuild.brief.change_intents import people
from livebuild.brief.change_limits import Limit, acts, limit_in, limit_named
from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_side import without_side_remarks
from livebuild.brief.model import Brief
from livebuild.english.grammar import PEOPLE
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAX_CHARS = 400  # a part is read up to here: one wish, not an essay


@functools.cache
def _gate() -> re.Pattern[str]:
    """Words without which no act can be said: a parse is spent only on a part that has one."""
    a = acts()
    lemmas = {*a.reach, *a.put_up, *a.join, *a.by_itself, *a.live, *a.every, *a.trigger}
    lemmas |= {*a.fetch, *a.notify}
    lemmas |= {"itself", "themselves", "own", "without"}
    stems = sorted({w[:-1] if w.endswith("e") and len(w) > 3 else w for w in lemmas}, key=len)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in reversed(stems)) + r")", re.I)


def limit_for(brief: Brief, text: str) -> Limit | None:
    """The limit `text` runs into, by its grammar first and then by its words; none when the
    only outside service it names says whose handle or number a field keeps, or is named in a
    side remark ("a hot pink, like our logo": `change_side`)."""
    text = without_side_remarks(text)
    said = limit_in(text)
    if said is not None:
        said = limit_in(_without_names_said(brief, text))
    if said is not None and said.what == "offline":
        return said  # where the app is used, not what it does: no verb of it is the reason
    if said is None and _gate().search(text) is None:
        return None  # nothing to read: no parse spent
    doc = parsed(text[:_MAX_CHARS])
    act = _act(brief, doc)
    if act is not None:
        return act
    if said is not None and said.what in acts().by_brand:
        left = limit_in(_without_services_said_as_data(brief, doc))
        fields = _service_fields_changed(brief, doc)
        if left is not None and fields:
            # "lose the Instagram thing on artists": a service the plan keeps a field of,
            # removed or renamed, is that field; it never turns into another limit's reason.
            gone = limit_in(_without_services_said_as_data(brief, doc, fields)) is None
            return None if gone else left
        return left
    return said


def _without_names_said(brief: Brief, text: str) -> str:
    """`text` without the plan's own field labels of more than one word and the colours it
    names: a limit's word inside one ("the photo consent tick isn't needed", "a sage green")
    names that field or colour, not a thing no app can do."""
    labels = {f.label for e in brief.entities for f in e.fields if " " in f.label.strip()}
    said = [re.escape(label).replace(r"\ ", r"[\s-]+") for label in labels]
    names = "|".join([*sorted(said, key=len, reverse=True), NAMES])
    return re.sub(rf"(?<![\w-])(?:{names})(?![\w-])", " ", text, flags=re.I)


def _act(brief: Brief, doc: Doc) -> Limit | None:
    a = acts()
    for token in doc:
        lemma = token.lemma_.lower()
        if not _verb(token) or _said_of_a_field(token) or _gives_a_name(token, a.naming):
            continue
        deps = {child.dep_ for child in token.children}
        reaches = deps & {"dobj", "dative", "iobj", "prep", "advmod", "prt"} or token.pos_ != "VERB"
        if lemma in a.reach and reaches:
            return limit_named(a.reach[lemma])
        particle = any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)
        if lemma in a.put_up and particle and _outside(brief, token):
            return limit_named("outside services")
        if lemma in a.join and _outside(brief, token):
            return limit_named("outside services")
        if any(c.dep_ == "advmod" and c.lemma_.lower() in a.by_itself for c in token.children):
            return limit_named("acting by itself")
        if _of_themselves(brief, token):
            return limit_named("acting by itself")
        if lemma in a.show and _live(brief, token):
            return limit_named("outside services")
        if lemma not in a.not_acts and _unbidden(token):
            return limit_named(a.reach.get(lemma, "acting by itself"))
        outside = _acts_on_outside(brief, token)
        if outside is not None:
            return outside
    return None


def _gives_a_name(verb: Token, naming: list[str]) -> bool:
    """ "call them Map sheets", "call legs Map pages": a verb of naming with a new name after
    its object gives a name; it phones no one ("call each customer every morning" does)."""
    if verb.lemma_.lower() not in naming:
        return False
    deps = [child.dep_ for child in verb.children]
    return "oprd" in deps or deps.count("dobj") > 1


def _acts_on_outside(brief: Brief, verb: Token) -> Limit | None:
    """The app asked to do something itself to what the plan doesn't keep: "can the app check
    the court's website", "can it grab the sign-ups from our Facebook form", "have the app
    alert me if …"; or, as an order, to fetch it from there: "look up their address on the
    electoral roll". A verb of shaping the plan ("have", "show", "add") is never it."""
    a = acts()
    lemma = verb.lemma_.lower()
    up = any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    fetches = lemma in a.fetch and (up or lemma not in a.not_acts)  # "look up", not "look"
    if lemma in a.not_acts and not fetches:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    by_app = subject is not None and subject.lemma_.lower() in a.self_subject
    if by_app and lemma in a.notify:
        return limit_named("acting by itself")
    ordered = fetches and subject is None and verb.tag_ == "VB"
    if not (by_app and (fetches or lemma not in a.show)) and not ordered:
        return None
    nouns = [
        t
        for t in verb.subtree
        if t.dep_ in ("dobj", "pobj") and t.pos_ in ("NOUN", "PROPN") and t.head.i != t.i
    ]
    if nouns and any(not _in_plan(brief, noun) for noun in nouns):
        return limit_named("outside services")
    return None


def _unbidden(verb: Token) -> bool:
    """Whether the app is the one to do `verb`, with no one doing it: on a timer ("every
    Monday morning email me …", "after each session"), when something happens ("could the app
    order the flour when stock gets low"), or "by itself" / "without me doing anything". The
    app is the one acting when it is the subject ("it", "the app", "the system") or when the
    verb is an order; a person as the subject ("every morning we check the rides") is telling
    us what they do, and the page to keep it is made as usual. A "when" clause counts only
    with the app said as the subject: "when a job is done, text the owner" is a reach."""
    a = acts()
    subject = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PRON", "NOUN", "PROPN")
        ),
        None,
    )
    if subject is not None:
        app = subject.lemma_.lower() in a.self_subject
    else:
        app = verb.dep_ == "ROOT" and verb.tag_ == "VB"
    if not app:
        return False
    # "when a vet emails a form, it should come straight in": a clause opened before the app
    # as the subject sets it off, wherever the parser hangs "when".
    if subject is not None and any(
        t.i < subject.i and t.lower_ in a.trigger and t.dep_ in ("advmod", "mark")
        for t in verb.subtree
    ):
        return True
    for child in verb.children:
        if child.dep_ == "npadvmod" and _every(child):
            return True
        if child.dep_ != "prep":
            # A clause that sets it off, however the parser hangs it ("when a vet emails a
            # form, it should come straight in" may come out as the verb's subject).
            clause = child.dep_ in ("advcl", "nsubj", "csubj") and child.pos_ == "VERB"
            if clause and subject is not None and _triggered(child):
                return True
            continue
        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        word = child.lower_
        if word in a.around and any(_every(o) for o in objects):
            return True
        if word == "without" and any(o.dep_ == "pcomp" for o in objects):
            return True
        if word in ("by", "on") and any(t.lower_ in ("itself", "own") for t in child.subtree):
            return True
    return False


def _of_themselves(brief: Brief, verb: Token) -> bool:
    """Records that are to come or change "by themselves" / "on their own" ("bookings from
    the website should appear in here by themselves"): the app acting with no one doing it.
    The subject is the app or a thing; people may well do a thing themselves ("members can
    book by themselves"), so a person, a pronoun or the plan's people are never it."""
    alone = any(
        child.dep_ == "prep"
        and child.lower_ in ("by", "on")
        and any(t.lower_ in ("itself", "themselves", "own") for t in child.subtree)
        for child in verb.children
    )
    if not alone or verb.lemma_.lower() in acts().not_acts:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if subject.lemma_.lower() in acts().self_subject:
        return True
    if subject.pos_ not in ("NOUN", "PROPN") or subject.lemma_.lower() in PEOPLE:
        return False
    found = find_entity(brief, subject.text)
    return found is None or not found.sure or found.entity is not people(brief)


def _every(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in acts().every for c in noun.children)


def _triggered(clause: Token) -> bool:
    trigger = acts().trigger
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in trigger for c in clause.children)


# Pronouns only a verb takes as its object: "every Monday morning email me" is an order, even
# where the small tagger reads "email" as a noun after "morning".
_OBJECT_PRONOUNS = frozenset({"me", "us", "him", "them"})


def _verb(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    return token.dep_ == "ROOT" and any(
        c.lower_ in _OBJECT_PRONOUNS and c.dep_ in ("dobj", "appos", "dative")
        for c in token.children
    )


def _said_of_a_field(verb: Token) -> bool:
    """ "whether we texted them", "who we've emailed", "date posted": a verb a field is named
    by, in the past or under "whether"/"if", is no wish ("put the dates up", with no one
    doing it, is a wish whatever its tag)."""
    if verb.tag_ == "VBN" or (verb.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in verb.children)):
        return True
    for token in (verb, *verb.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in token.children):
            return True
    return False


def _phrase(token: Token) -> str:
    """The noun and the words before it that say which ("the owners list", "live weather")."""
    said = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "poss")]
    return " ".join(t.text for t in said)


def _in_plan(brief: Brief, noun: Token) -> bool:
    said = _phrase(noun)
    entity, found = find_entity(brief, said), find_field(brief, said)
    return (entity is not None and entity.sure) or (found is not None and found.sure)


def _outside(brief: Brief, verb: Token) -> bool:
    """Whether `verb` joins or puts something onto a thing the plan doesn't keep: "hook it up
    to the marina CCTV", "put the dates up on the band website"."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ not in ("to", "with", "into", "onto", "on", "from"):
            continue
        nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if any(not _in_plan(brief, noun) for noun in nouns):
            return True
    return False


def _live(brief: Brief, verb: Token) -> bool:
    """ "show live tide times": data that changes out in the world, not a field of the plan."""
    live = acts().live
    for token in verb.subtree:
        if token.lower_ in live and token.i + 1 < len(token.doc):
            after = token.doc[token.i + 1 :]
            noun = next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)
            if noun is not None and not _in_plan(brief, noun):
                return True
    return False


# Prepositions after which a service is where something goes, not whose handle it is.
_JOINING = frozenset({"to", "with", "into", "onto", "from", "on"})
# How a value is said in a list of them: "missing Etsy and Instagram".
_VALUE_DEPS = frozenset({"dobj", "conj", "attr", "appos"})


def _without_services_said_as_data(
    brief: Brief, doc: Doc, fields: frozenset[int] = frozenset()
) -> str:
    """The text without a service named only as data the plan keeps: the owner of an
    identifier ("add an Instagram handle to clients" is read as "add an handle to clients"),
    or a value of a choice the request names ("Platform is missing Etsy and Instagram"), and
    the words of `fields` (`_service_fields_changed`)."""
    identifier = acts().identifier
    choice = _names_a_choice(brief, doc)
    dropped: set[int] = set()
    for token in doc:
        head = token.head
        if head.i != token.i and head.dep_ == "pobj" and head.head.lower_ in _JOINING:
            continue  # "post it to my Instagram page": where it goes
        if token.dep_ == "pobj" and head.lower_ in _JOINING:
            continue
        # "Instagram handle", whatever the tagger made of "handle": the word after names it.
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        owner = token.pos_ in ("PROPN", "NOUN", "ADJ") and after is not None
        names_whose = owner and after is not None and after.lower_ in identifier
        value = choice and token.pos_ == "PROPN" and token.dep_ in _VALUE_DEPS
        if names_whose or value or token.i in fields:
            dropped.add(token.i)
    return "".join(t.text_with_ws for t in doc if t.i not in dropped)


# Verbs by which a field the plan keeps is removed or renamed ("the Facebook on orders can go").
_FIELD_CHANGED = frozenset(
    {"remove", "delete", "drop", "lose", "bin", "ditch", "scrap", "go", "rename", "call", "need"}
)
_FIELD_WORDS = frozenset({"thing", "field", "column", "box", "bit", "one"})


def _service_fields_changed(brief: Brief, doc: Doc) -> frozenset[int]:
    """The words of `doc` naming a field the plan keeps that the request removes or renames
    ("lose the Instagram thing on artists", "remove Facebook from orders"), by the verb it
    hangs from or the field word after it; "import Facebook messages" names no field."""
    kept = {f.label.strip().lower() for e in brief.entities for f in e.fields}
    said: set[int] = set()
    for token in doc:
        if token.lower_ not in kept:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        field_word = after is not None and after.lower_ in _FIELD_WORDS
        verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), token)
        off = any(
            c.dep_ in ("prt", "prep") and c.lower_ in ("off", "out", "away") for c in verb.children
        )
        if field_word or verb.lemma_.lower() in _FIELD_CHANGED or off:
            said.add(token.i)
    return frozenset(said)


def _names_a_choice(brief: Brief, doc: Doc) -> bool:
    """Whether a noun of `doc` is surely one of the plan's choice fields ("Platform")."""
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        found = find_field(brief, _phrase(token))
        if found is not None and found.sure and found.field.kind == "choice":
            return True
    return False
