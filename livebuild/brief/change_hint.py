"""How to say a change: the hint given with a request the rules couldn't read, naming this
app's own records, and how to tell a line that says a part wasn't read."""

from __future__ import annotations

from livebuild.brief.model import Brief


def suggestion_for(brief: Brief, *, several: bool = False) -> str:
    """How to say a change, with examples that name this app's own records; "one change per
    sentence" only for a request that held several."""
    entity = brief.entities[0] if brief.entities else None
    first = entity.plural if entity else "Customers"
    notes = entity is not None and any(f.label == "Notes" for f in entity.fields)
    other = "Customers" if first.lower() == "clients" else "Clients"
    rename = f"rename Notes on {first} to Comments" if notes else f"rename {first} to {other}"
    opening = "Try one change per sentence, like" if several else "Try saying it like"
    return (
        f"{opening} \u201cadd a phone number to {first}\u201d, "
        "\u201cadd a Payments page with amount and date\u201d, "
        f"\u201c{rename}\u201d or \u201cuse a dark theme\u201d."
    )


# How a line of what wasn't made starts when a part wasn't read (rather than read and found to
# be something no app can do, which says so and offers the closest thing instead).
_UNREAD = "We couldn't "


def unread(line: str) -> bool:
    """Whether a line of what wasn't made says a part wasn't read, so a way to say it helps."""
    return line.startswith(_UNREAD)
