"""The arguments of a new record kind the founder describes by what it records.

"For each cup tie I need the round, the two teams and who won", "I want to log the fines we
give drivers: which driver, which meeting, what for, and how much", "We sell champagne packages
and I need to keep those too: the name, what's in it and the price". The kind is what "for
each" names, or the object of the verb of keeping (log, keep, record, track), or, when that
object only points back ("those", "each one"), what the sentence before it was about: the
object of its own verb ("sell champagne packages"). The details are the list after the colon or
after "I need" (`fill_details`). A kind the plan already keeps gets the details as fields.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddEntity, AddField, Operation
from livebuild.brief.fill_details import specs
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

_FOR_EACH = re.compile(
    r"\b(?:for|on|with)\s+(?:each|every)\s+(?P<name>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)"
    r"\s*(?::|,|\s+(?:i|we)\b|\s+(?:i'd|we'd)\b|$)",
    re.I,
)
_NEED = re.compile(
    r"\b(?:i|we)\s*(?:'d|\s+would)?\s*(?:need|want|like|have)\s+(?:to\s+(?:keep|know|record|"
    r"log|track|store|note|see|have|list)\s+)?",
    re.I,
)
_KEEPING = frozenset(
    {"keep", "log", "record", "track", "store", "note", "list", "hold", "save", "register"}
)
# Objects of keeping that name no kind: they point back, or say only "a record of it".
_POINTING = frozenset(
    {
        "those", "these", "them", "it", "that", "this", "one", "each", "all", "note", "notes",
        "record", "records", "track", "list", "log", "eye", "tab", "detail", "details",
        "info", "information", "everything", "thing", "things", "stuff", "lot",
    }
)  # fmt: skip
_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "i'd", "we'd", "i'll", "we'll"})
_MAX_NAME_WORDS = 3


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The new kind `text` describes and its details; None when it says no list of details
    or no kind to keep them on."""
    head, details = _split(text)
    if not details:
        return None
    name = _name(brief, head)
    said = specs(brief, details)
    if name is None or not said:
        return None
    kept = find_entity(brief, name)
    if kept is not None and kept.sure:
        # "for each species, what the caterpillars eat": a kind the plan keeps gets the fields
        fields = [s for s in said if s[1] != "link" or find_entity(brief, s[0]) is not None]
        return [AddField(kept.entity.slug, *spec) for spec in fields] or None
    if len(said) < 2:
        return None  # one detail is a field of something kept, not a kind of its own
    return [AddEntity(name[:1].upper() + name[1:], tuple(said))]


def _split(text: str) -> tuple[str, str]:
    """What comes before the list of details, and the list."""
    if ":" in text:
        head, _, details = text.rpartition(":")
        return head, details
    dash = list(re.finditer(r"\s[-\u2013\u2014]\s", text))
    if dash:  # "Need to keep those too - who got it, how much, what it was for"
        return text[: dash[-1].start()], text[dash[-1].end() :]
    need = list(_NEED.finditer(text))
    if need:
        return text[: need[-1].start()], text[need[-1].end() :]
    return text, ""


def _name(brief: Brief, head: str) -> str | None:
    each = list(_FOR_EACH.finditer(head))
    if each:
        return _tidy(each[-1]["name"])
    doc = parsed(head)
    # A verb of keeping, or any verb whose object only points back ("I'd like them in here").
    verbs = [t for t in doc if t.pos_ in ("VERB", "NOUN", "AUX")]
    for verb in reversed(verbs):
        thing = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        keeping = verb.lemma_.lower() in _KEEPING
        if thing is None or not (keeping or _points(thing)):
            continue
        listed = _list_of(thing)  # "keep a list of those walks": the walks
        if listed is not None:
            return _chunk(brief, listed)
        if not _points(thing):
            return _chunk(brief, thing)
        earlier = _before(brief, verb)
        if earlier is not None:
            return earlier
    return None


def _points(token: Token) -> bool:
    return token.lower_ in _POINTING or token.pos_ == "PRON"


def _list_of(token: Token) -> Token | None:
    if token.lower_ not in _POINTING:
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    thing = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return thing if thing is not None and not _points(thing) else None


def _before(brief: Brief, verb: Token) -> str | None:
    """What a pointing word points back to: the object of the verb before the keeping one."""
    earlier = [
        t
        for t in verb.doc
        if t.i < verb.i and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _POINTING
    ]
    # What was sold or run, before where or when, before what came by itself ("Swarms come in
    # every summer"); never a kind the plan keeps, which the new kind is about ("we treat the
    # hives for mites").
    for deps in (("dobj", "obj"), ("pobj",), ("nsubj", "nsubjpass")):
        for token in reversed(earlier):
            kept = find_entity(brief, token.text)
            if token.dep_ in deps and (kept is None or not kept.sure):
                return _chunk(brief, token)
    return None


def _chunk(brief: Brief, token: Token) -> str | None:
    """A noun with the words that name it with it ("champagne packages"), not its article, a
    clause about it ("the fines we give drivers" is Fines) or a kind the plan keeps said
    before it ("pay members interest" is Interest)."""
    words = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ != "DET"]
    while words and (kept := find_entity(brief, words[0].text)) is not None and kept.sure:
        words = words[1:]
    said = " ".join(w.text for w in [*words, token])
    return _tidy(said)


def _tidy(name: str) -> str | None:
    words = [w for w in re.sub(r"[^\w' -]", " ", name).split() if w.lower() not in ("the", "a")]
    if not words or len(words) > _MAX_NAME_WORDS or words[0].lower() in _POINTING | _PRONOUNS:
        return None  # "for each we need: ...": a pronoun, no kind's name
    return " ".join(words)
