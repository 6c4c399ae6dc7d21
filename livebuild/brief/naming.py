"""The product's name: the one the founder wrote in the idea, or one invented from it."""

from __future__ import annotations

import re

from livebuild.brief.catalogue import Domain, shipped_catalogue
from livebuild.brief.seeded import pick
from livebuild.brief.text import clean_text, truncate_words
from livebuild.english.forms import as_singular
from livebuild.english.grammar import is_person
from livebuild.english.lexicon import lexicon
from livebuild.english.naming import as_meant
from livebuild.english.reading import Reading as English
from livebuild.english.spelling import known

__all__ = ["clean_name", "first_name", "invent_name", "name_root"]

# The shortest and longest word a name is made from ("Bike" + "wise"; not "Upholstery...").
_ROOT_LETTERS = (3, 8)
# Words of who the app is for that say how a business works, not what it is.
_NOT_ROOTS = frozenset(
    {"mobile", "small", "local", "independent", "little", "business", "company", "society"}
    | {"association", "club", "group", "team", "organisation", "organization", "charity"}
    | {"league", "trust", "department", "council", "centre", "center"}
)
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def clean_name(raw: str) -> str:
    name = clean_text(raw).strip(" .,;:!?-'&/")
    name = truncate_words(name, 4, 40)
    if name and name == name.lower() and name.isascii():
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name


def first_name(said: tuple[str, ...]) -> str | None:
    """The first of the names an idea gives (`english.naming.names_said`) that survives
    cleaning, as written but for a plainly misspelt word (`english.naming.as_meant`)."""
    for raw in said:
        name = clean_name(as_meant(raw))
        if name and re.search(r"\w", name):
            return name
    return None


def _root(word: str, english: English) -> str | None:
    """`word` in the singular, when a name can be made from it: a noun the idea says, spelt
    right, short enough, and never people ("customer", "member", "teacher") nor a brand the
    idea is compared to ("Tinder" of "Tinder for tennis partners")."""
    one = as_singular(word.lower())
    low, high = _ROOT_LETTERS
    if not (word.isascii() and word.isalpha() and low <= len(one) <= high):
        return None
    if one in _NOT_ROOTS or is_person(one) or one in lexicon().generic:
        return None
    if one in lexicon().brands:
        return None  # "Tinder for tennis partners": an analogy's brand never names the app
    if not any(tag in _NOUNS and as_singular(said) == one for said, tag in english.tags):
        return None  # said as another part of speech, or not said in the idea at all
    return one if known(one) else None


def name_root(who: str | None, kept: tuple[str, ...], english: English) -> str | None:
    """The word an invented name is made from: the business the idea says the app is for
    ("yoga" of "Yoga studios", "bike" of "Mobile bike repair businesses"), else the first
    thing it keeps that isn't people ("bike" of customers, bikes, parts and jobs); never a
    kind of person the app keeps, which names the records, not the business."""
    for word in (who or "").split():
        root = _root(word, english)
        if root:
            return root
    for kind in kept:
        root = _root(kind.split()[-1], english) if kind.split() else None
        if root:
            return root
    return None


def invent_name(idea: str, domain: Domain | None, noun: str | None) -> str:
    names = shipped_catalogue()
    suffix = pick(names.suffixes, idea, "suffix")
    if domain is not None:
        root = pick(domain.roots, idea, "root")
    elif noun and noun.isascii() and 3 <= len(noun) <= 8:
        root = noun.capitalize()
    else:
        root = pick(names.generic_roots, idea, "root")
    if root.lower().endswith(suffix[:1]):
        suffix = pick(
            tuple(s for s in names.suffixes if not s.startswith(root[-1].lower())),
            idea,
            "suffix2",
        )
    return root + suffix
