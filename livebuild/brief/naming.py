"""The product's name: the one the founder wrote in the idea, or one invented from it."""

from __future__ import annotations

import re

from livebuild.brief.catalogue import Domain, shipped_catalogue
from livebuild.brief.seeded import pick
from livebuild.brief.text import clean_text, truncate_words
from livebuild.english.naming import as_meant

__all__ = ["clean_name", "first_name", "invent_name"]


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
