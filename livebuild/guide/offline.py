"""What the offline model writes for documentation and changelogs, from the brief alone.

The documentation speaks to the product's own users, not to the founder: what it is for,
what it does, how to start and the questions they will ask.
"""

from __future__ import annotations

import re
from dataclasses import replace

from livebuild.brief import Brief, Entity, Field, feature_truth
from livebuild.brief.opening import opens_on_list
from livebuild.brief.plan_diff import describe_changes
from livebuild.english.grammar import article, possessive
from livebuild.english.words import ended
from livebuild.guide.sections import SECTIONS, TITLES
from livebuild.safety.markup import literal_markdown


def _join(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    return ended(text[0].upper() + text[1:])


def _lower_first(text: str) -> str:
    """Lower-case a leading capital for use mid-sentence ("A bike mechanic" → "a bike
    mechanic"), leaving acronyms, names and "I" alone."""
    if text.startswith(("A ", "An ")) or text[1:2].islower() or len(text) == 1:
        return text[:1].lower() + text[1:]
    return text


def _article(word: str) -> str:
    return article(word)


def _shown(brief: Brief) -> Brief:
    """The brief with every name the founder or a model gave it as Markdown that shows it
    as typed (the guide is Markdown): a name holding a tag is text, "**x" two stars."""

    def field(item: Field) -> Field:
        choices = tuple(literal_markdown(choice) for choice in item.choices)
        return replace(item, label=literal_markdown(item.label), choices=choices)

    def entity(item: Entity) -> Entity:
        fields = tuple(field(f) for f in item.fields)
        singular, plural = literal_markdown(item.singular), literal_markdown(item.plural)
        return replace(item, singular=singular, plural=plural, fields=fields)

    return replace(
        brief,
        product_name=literal_markdown(brief.product_name),
        tagline=literal_markdown(brief.tagline),
        target_users=literal_markdown(brief.target_users),
        problem=literal_markdown(brief.problem),
        features=tuple(literal_markdown(feature) for feature in brief.features),
        entities=tuple(entity(e) for e in brief.entities),
    )


def _field_labels(entity: Entity) -> list[str]:
    return [field.label.lower() for field in entity.fields]


def _choice_field(entity: Entity) -> Field | None:
    return next((f for f in entity.fields if f.kind == "choice"), None)


def _overview(brief: Brief) -> str:
    name = brief.product_name
    plurals = [e.plural.lower() for e in brief.entities]
    kept = _join(plurals) or "records"
    return "\n\n".join(
        [
            f"**{name}** \u2014 {brief.tagline}",
            f"{name} is made for {_lower_first(brief.target_users.rstrip('.'))}. "
            f"{_sentence(brief.problem)} {name} keeps your {kept} in one tidy place, so "
            "everyone can see what is happening and nothing slips through the cracks.",
            f"Everything works in your web browser: open {name}, look around the examples we "
            "have added for you, and start adding your own.",
        ]
    )


def planned_features(brief: Brief) -> list[str]:
    """The plan's wishes this version doesn't do yet (the app itself lists the same). The
    guide describes the finished app, with search and the dashboard, whatever stage the build
    is at; the app's own list follows its stage (`AppSpec.planned_early`)."""
    return feature_truth.planned_features(brief.features, brief.entities, finished=True)


def _kept_details(entity: Entity) -> list[str]:
    """What each record keeps, as the guide says it: a title named after the record itself
    ("Regular" on a regular) is the record, not one of its details."""
    labels = [_detail(field) for field in entity.fields]
    own = {entity.singular.lower(), entity.plural.lower()}
    return labels[1:] if len(labels) > 1 and labels[0] in own else labels


# A yes-or-no label that starts with its verb ("Can drive", "Is active", "Has paid", "Needs a
# lift") is a clause already: "each driver keeps their name and can drive".
_SAID_WITH_VERB = re.compile(
    r"(?:whether|can|could|is|are|was|were|has|have|had|does|do|did|needs|need|will|would|"
    r"should|must|may|might|wants|likes|owns|uses|gets|got|takes|knows|prefers|agrees|"
    r"accepts|attends|speaks|plays|drives|lives|works)\b"
)


def _detail(field: Field) -> str:
    """A field as a thing a record keeps: a yes-or-no one says so ("whether enrolled"),
    unless its label is a clause of its own ("can drive")."""
    label = field.label.lower().rstrip("?").strip()
    if field.kind != "boolean" or _SAID_WITH_VERB.match(label):
        return label
    return f"whether {label}"


def _features(brief: Brief) -> str:
    lines: list[str] = []
    for entity in brief.entities:
        labels = _kept_details(entity)
        lines.append(
            f"- **{entity.plural}** \u2014 add, edit and delete {entity.plural.lower()}; each "
            f"{entity.singular.lower()} keeps {possessive(entity.singular)} {_join(labels)}."
        )
    if brief.entities:
        first = brief.entities[0]
        choice = _choice_field(first)
        kept = _join([e.plural.lower() for e in brief.entities])
        lines.append(
            f"- **Dashboard** \u2014 totals for your {kept} and the latest additions, at a glance."
        )
        filter_text = f", or filter by {choice.label.lower()}" if choice else ""
        lines.append(
            f"- **Search** \u2014 find any {first.singular.lower()} in seconds by typing a few "
            f"letters{filter_text}."
        )
    planned = planned_features(brief)
    if planned:
        lines += ["", "**Planned** \u2014 asked for, not in this version yet:", ""]
        lines += [f"- {_sentence(feature).rstrip('.')}" for feature in planned]
    return "\n".join(lines)


def _getting_started(brief: Brief) -> str:
    name = brief.product_name
    if not brief.entities:
        return f"1. Open {name} in your web browser.\n2. Follow the home page to get going."
    first = brief.entities[0]
    singular = first.singular.lower()
    # The form's own labels, as the form shows them: "the in stock" reads as a slip.
    labels = [f"**{field.label}**" for field in first.fields]
    required = labels[0] if labels else "the details"
    other = _join(labels[1:4])
    opening = (
        f"It opens on your {first.plural.lower()}."
        if opens_on_list(brief)
        else "The home page shows what it can do and where to start."
    )
    steps = [
        f"Open {name} in your web browser. {opening}",
        f"Choose **{first.plural}** in the menu. We've added a few examples so you can see how "
        "everything looks.",
        f"Press **Add {singular}**, fill in {required}"
        + (f" and, if you like, {other}" if other else "")
        + ". Fields marked * are required.",
        f"Press **Save**. Your new {singular} appears in the list straight away.",
        "Open the **Dashboard** to see your totals and the latest changes.",
        f"Use the search box on the **{first.plural}** page to find {_article(singular)} "
        f"{singular} again later.",
    ]
    return "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1))


def _faq(brief: Brief) -> str:
    name = brief.product_name
    first = brief.entities[0] if brief.entities else None
    singular = first.singular.lower() if first else "record"
    plural = first.plural.lower() if first else "records"
    choice = _choice_field(first) if first else None
    pairs = [
        (
            f"Who is {name} for?",
            f"{_sentence(brief.target_users)} If that sounds like you, {name} was built with "
            "you in mind.",
        ),
        (
            f"How do I add {_article(singular)} {singular}?",
            f"Open **{plural.capitalize()}**, press **Add {singular}**, fill in the form and "
            "press **Save**.",
        ),
        (
            f"Can I find {plural} quickly?",
            f"Yes. Type a few letters into the search box on the **{plural.capitalize()}** page"
            + (
                f", or pick {_article(choice.label)} {choice.label.lower()} to narrow the list."
                if choice
                else "."
            ),
        ),
        (
            f"Can I remove {_article(singular)} {singular} I no longer need?",
            f"Yes. Open the {singular} and choose **Delete**. It disappears from your lists "
            "and the dashboard.",
        ),
        (
            "Are the examples real?",
            f"No. They are there to show how {name} looks with data in it. Delete them "
            "whenever you like.",
        ),
        (
            "Do I need to install anything?",
            f"No. {name} runs in your web browser on a computer, tablet or phone.",
        ),
    ]
    return "\n\n".join(f"**{question}**\n{answer}" for question, answer in pairs)


DOC_TITLES = tuple(TITLES[key] for key in SECTIONS)


def offline_docs(brief: Brief) -> str:
    """The whole end-user guide as Markdown: four `## ` sections, in order."""
    brief = _shown(brief)
    bodies = (_overview(brief), _features(brief), _getting_started(brief), _faq(brief))
    return (
        "\n\n".join(f"## {title}\n\n{body}" for title, body in zip(DOC_TITLES, bodies, strict=True))
        + "\n"
    )


def offline_changelog(
    brief: Brief,
    previous: Brief | None,
    change_request: str | None,
    *,
    unmade: tuple[str, ...] = (),
    restored_from: int | None = None,
    made: tuple[str, ...] | None = None,
) -> str:
    """What really changed since the version this one was built from, and what could not.

    `made` is what the runner itself says it made; without it, the plans are compared.
    Every line is plain text shown as typed (it names the founder's kinds and fields).
    """
    name = literal_markdown(brief.product_name)
    if restored_from is not None:
        return (
            f"This version brings back v0.{restored_from} of {name} exactly as it was; "
            "the versions in between are all still kept."
        )
    if made is not None:
        changes = list(made)
    else:
        changes = describe_changes(previous, brief) if previous is not None else []
    changes = [literal_markdown(line) for line in changes]
    unmade = tuple(literal_markdown(line) for line in unmade)
    lines: list[str] = []
    if changes:
        lines.append("\n".join(f"- {_sentence(line)}" for line in changes))
    elif previous is not None:
        lines.append(f"Nothing about {name}'s pages, records or look changed in this version.")
    if unmade:
        lines.append("What we couldn't do yet:\n" + "\n".join(f"- {line}" for line in unmade))
    if not lines and change_request:
        lines.append(f"{name} was built from your plan as it stands.")
    return "\n\n".join(lines)
