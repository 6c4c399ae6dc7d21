"""Turn a founder's free-text idea into a structured, deterministic product brief.

Everything here is offline and rule based: the same idea always yields the same
brief, and any input (empty, huge, emoji, markup, other scripts) yields a usable one.
"""

from __future__ import annotations

from livebuild.brief.detect import detect_domain, main_noun, target_users
from livebuild.brief.entities import build_entity, generic_entity
from livebuild.brief.features import extract_features
from livebuild.brief.model import Brief
from livebuild.brief.naming import clean_name, explicit_name, invent_name, without_naming
from livebuild.brief.seeded import pick
from livebuild.brief.text import clean_text_keep_lines, plural
from livebuild.brief.theme import make_theme

# Long ideas are trimmed before parsing so regex work stays bounded.
_MAX_PARSE_CHARS = 4000


def derive_brief(idea: str, name: str | None = None) -> Brief:
    """Derive a complete, deterministic product brief from free text."""
    text = clean_text_keep_lines(idea[:_MAX_PARSE_CHARS])
    domain = detect_domain(text)
    noun = main_noun(text)

    product_name = clean_name(name) if name else ""
    if not product_name:
        product_name = explicit_name(text) or invent_name(idea, domain, noun)

    if domain is not None:
        tagline = pick(domain.taglines, idea, "tagline")
        problem = domain.problem
        entities = tuple(build_entity(spec, idea) for spec in domain.entities)
        defaults = domain.features
    else:
        label = plural(noun) if noun and noun.isascii() else "items"
        tagline = pick(
            (
                f"The simple way to manage your {label}.",
                f"All your {label}, beautifully organised.",
                f"Keep your {label} organised and on track.",
            ),
            idea,
            "tagline",
        )
        problem = (
            f"Keeping track of {label} across notes, spreadsheets and messages "
            "is slow and easy to get wrong."
        )
        entities = (generic_entity(noun, idea),)
        defaults = (
            f"One tidy list of all your {label}",
            "Add and edit records in seconds",
            "Statuses and categories at a glance",
            "Search and filter instantly",
            "A dashboard with live totals",
        )

    # The naming clause is not a description of users or features.
    described = without_naming(text)
    features = extract_features(described)
    for feature in defaults:
        if len(features) >= 5:
            break
        if feature.lower() not in {f.lower() for f in features}:
            features.append(feature)

    return Brief(
        idea=idea,
        product_name=product_name,
        tagline=tagline,
        target_users=target_users(described, domain),
        problem=problem,
        features=tuple(features[:6]),
        entities=entities,
        theme=make_theme(idea, serif=domain is not None and domain.serif),
    )
