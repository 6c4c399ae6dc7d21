"""Records for things the catalogue has never seen: sensible fields and sample rows from the noun.

A noun says a lot about its record: an appointment has a date, an invoice an amount, a client
an email address, a part a count in stock. Sample rows are plainly samples ("Repair job 1",
"Sample client A") so no app presents invented people as if they were real.
"""

from __future__ import annotations

import datetime
import re

from livebuild.brief.catalogue import shipped_catalogue
from livebuild.brief.model import Entity, Field
from livebuild.brief.seeded import digest
from livebuild.brief.text import plural, slugify, wordset
from livebuild.english import forms
from livebuild.english.spelling import known

_ROWS = 5

PEOPLE = wordset(
    """client customer employee member student volunteer guest tenant driver vendor supplier
    partner learner contact walker patient parent kid child staff owner carer player athlete
    candidate applicant attendee subscriber donor buyer seller host teacher tutor coach
    photographer friend neighbour neighbor family lead artist speaker mentor borrower renter
    lender singer setter trainer runner swimmer climber musician cleaner gardener plumber
    builder baker carer nanny babysitter dancer rider instructor"""
)
EVENTS = wordset(
    """session appointment booking reservation meeting event shift visit class lesson call
    trip run walk nap feed feeding inspection harvest recording episode interview check-in
    roast fill-up ascent service match workout ride hike shoot waking checkout loan rental
    attendance deadline task job repair sleep meal rehearsal gig show treatment assignment
    exam test quiz audition performance concert fixture tournament race competition firing
    round workshop course seminar webinar talk sighting hire sweep clean tuning fitting cut
    move install survey delivery grooming"""
)
MONEY = wordset(
    """invoice payment refund order expense donation purchase sale rent fee quote bill budget
    subscription payout transaction deposit voucher"""
)
STOCKED = wordset(
    """part sku stock product gear equipment camera microphone tool supply ingredient
    material component bean lot cake cookie bottle"""
)

_STATUS = {
    "refund": ("Requested", "Approved", "Refunded", "Declined"),
    "order": ("New", "In progress", "Ready", "Completed"),
    "invoice": ("Draft", "Sent", "Paid", "Overdue"),
    "payment": ("Pending", "Received", "Failed"),
    "ticket": ("Open", "In progress", "Waiting", "Resolved"),
    "request": ("Submitted", "Approved", "Declined"),
    "application": ("Applied", "Interviewing", "Offer", "Rejected"),
    "loan": ("Out", "Returned", "Overdue"),
    "rental": ("Requested", "Confirmed", "Returned"),
    "lent": ("Available", "On loan", "Needs repair"),
}
_HINT_FIELDS: dict[str, Field] = {
    "priority": Field("priority", "Priority", "choice", ("Low", "Medium", "High")),
    "assignee": Field("assignee", "Assignee", "text"),
    "condition": Field("condition", "Condition", "choice", ("New", "Good", "Fair", "Worn")),
    "reason": Field("reason", "Reason", "longtext"),
    "rating": Field("rating", "Rating (1-5)", "number"),
    "distance": Field("distance", "Distance (km)", "number"),
    "duration": Field("duration", "Duration (min)", "number"),
    "weight": Field("weight", "Weight (kg)", "number"),
    "location": Field("location", "Location", "text"),
    "date": Field("date", "Date", "date"),
    "deadline": Field("deadline", "Deadline", "date"),
    "due": Field("due", "Due date", "date"),
    "price": Field("price", "Price", "money"),
    "cost": Field("cost", "Cost", "money"),
    "streak": Field("streak", "Current streak (days)", "number"),
    "rsvp": Field("rsvp", "RSVP", "choice", ("Invited", "Attending", "Declined")),
    "progress": Field("progress", "Progress (%)", "number"),
    "role": Field("role", "Role", "text"),
    "phone": Field("phone", "Phone", "text"),
    "paid": Field("paid", "Paid", "boolean"),
}


# Sample notes that suit any record of a kind (a hive, a route, a grade): plain, some empty.
_NOTES: dict[str, tuple[str, ...]] = {
    "thing": ("", "Checked last week.", "Needs a closer look.", "", "In good shape."),
    "event": ("Went as planned.", "", "Moved by a week.", "Follow up next time.", ""),
    "person": ("", "Prefers email.", "", "Joined this year.", ""),
    "money": ("", "Paid in two parts.", "", "Ask for a receipt.", ""),
    "stocked": ("", "Reorder soon.", "", "Running low.", ""),
}

# Nouns with no plural of their own ("camping gear", "pocket money").
UNCOUNTABLE = wordset(
    """gear money equipment attendance feedback stock inventory furniture software luggage
    clothing information advice homework housework research staff"""
)


def plural_of(phrase: str, idea: str = "") -> str:
    """The plural of `phrase` ("repair job" -> "repair jobs"), its last word's as the
    dictionary has it ("knives", "quizzes"), or as `idea` writes it when the dictionary's is
    no word ("techs", not "teches")."""
    last = phrase.split()[-1]
    if last in UNCOUNTABLE:
        return phrase
    said = forms.plural(last)
    if (said == last or not known(said)) and _writes(idea, last + "s"):
        said = last + "s"  # "4 techs" (not the dictionary's "teches"), "check-outs"
    if said == last:
        return phrase  # "species", "series": the plural is the word itself
    if said.replace("-", "").isalpha():
        return phrase[: -len(last)] + said  # "knives", "quizzes", "children", "sheep"
    return plural(phrase)


def _writes(idea: str, word: str) -> bool:
    return (
        bool(idea) and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", idea, re.I) is not None
    )


HINT_FIELD_NAMES = frozenset(f.name for f in _HINT_FIELDS.values())


def hint_field(word: str) -> Field | None:
    """The field a detail's one word names when the rules know it ("condition": a choice of
    New/Good/Fair/Worn, "distance": a number of km), else None."""
    return _HINT_FIELDS.get(word) or _HINT_FIELDS.get(word.rstrip("s"))


def kind_of(head: str) -> str:
    if head in PEOPLE:
        return "person"
    if head in MONEY:
        return "money"
    if head in EVENTS:
        return "event"
    if head in STOCKED:
        return "stocked"
    return "thing"


def _label(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _fields(
    phrase: str, head: str, hints: list[str], categories: tuple[str, ...], kind: str
) -> list[Field]:
    name = slugify(phrase, "name").replace("-", "_")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        name = "name"
    title = Field(name, _label(phrase), "text")
    if kind == "person":
        title = Field("name", "Name", "text")
    fields = [title]
    status = _STATUS.get(kind) or _STATUS.get(head)
    if categories:
        fields.append(Field("category", "Category", "choice", categories))
    if kind == "person":
        fields += [
            Field("email", "Email", "email"),
            Field("status", "Status", "choice", ("Active", "Inactive")),
        ]
    elif kind == "money":
        fields += [
            Field("amount", "Amount", "money"),
            Field("date", "Date", "date"),
            Field("status", "Status", "choice", status or ("Open", "Done", "Cancelled")),
        ]
    elif kind == "event":
        fields += [
            Field("date", "Date", "date"),
            Field("status", "Status", "choice", status or ("Planned", "Done", "Cancelled")),
        ]
    elif kind == "stocked":
        fields += [Field("quantity", "In stock", "number"), Field("price", "Price", "money")]
    else:
        fields.append(Field("status", "Status", "choice", status or ("Active", "Archived")))
    taken = {f.name for f in fields}
    for hint in hints:
        extra = _HINT_FIELDS.get(hint.rstrip("s")) or _HINT_FIELDS.get(hint)
        if extra is not None and extra.kind == "date" and "date" in taken:
            # "assignments with deadlines": the deadline is the assignment's date.
            fields = [extra if f.name == "date" else f for f in fields]
            taken = {f.name for f in fields}
            continue
        if extra is not None and extra.name not in taken and len(fields) < 7:
            fields.append(extra)
            taken.add(extra.name)
    fields.append(Field("notes", "Notes", "longtext"))
    return fields


def sample_value(field: Field, index: int, phrase: str, idea: str) -> str:
    """A plainly-sample value for `field` in row `index` of `phrase`'s records."""
    base = digest(idea, field.name + phrase)
    seed = base + index * 7
    if field.kind == "date":
        return f"2026-{3 + (index + seed) % 3:02d}-{2 + (index * 6 + seed) % 26:02d}"
    if field.kind == "money":
        return f"{10 + (seed % 40) * 2.5:.2f}"
    if field.kind == "number":
        return str(1 + seed % 20)
    if field.kind == "choice":
        # Consecutive rows take consecutive choices, so every choice shows up.
        return field.choices[(base + index) % len(field.choices)]
    if field.kind == "email":
        return f"sample{index + 1}@example.com"
    if field.kind == "boolean":
        return ("yes", "no")[(base + index) % 2]
    if field.kind == "longtext":
        notes = _NOTES.get(kind_of(phrase.split()[-1])) if phrase else None
        notes = notes or shipped_catalogue().notes
        return notes[(index + seed) % len(notes)]
    return f"Sample {field.label.lower()} {index + 1}"


def dates_in_order(fields: tuple[Field, ...], row: dict[str, str]) -> dict[str, str]:
    """`row` with each later date on or after the first ("Due back" after "Borrowed")."""
    dates = [f.name for f in fields if f.kind == "date" and row.get(f.name)]
    if len(dates) < 2:
        return row
    first = datetime.date.fromisoformat(row[dates[0]])
    for n, name in enumerate(dates[1:], start=1):
        # Two to five weeks on, varied by the row's own first date.
        later = first + datetime.timedelta(days=7 * (1 + n + first.day % 4))
        row[name] = later.isoformat()
    return row


def sample_title(phrase: str, head: str, index: int) -> str:
    """Row `index`'s title for a record of `phrase`: plainly a sample, never a made-up person."""
    if kind_of(head) == "person":
        return f"Sample {phrase} {'ABCDE'[index % 5]}"
    return f"{_label(phrase)} {index % _ROWS + 1}"


def thing_entity(
    phrase: str,
    head: str,
    idea: str,
    hints: list[str] = [],  # noqa: B006 - read only
    categories: tuple[str, ...] = (),
    kind: str | None = None,
) -> Entity:
    """A record for `phrase` ("repair job"), with fields and samples that fit the noun.

    `kind` overrides the kind the noun suggests ("lent": things lent out, with no price).
    """
    singular = _label(phrase)
    plural_name = _label(plural_of(phrase, idea))
    fields = tuple(_fields(phrase, head, hints, categories, kind or kind_of(head)))
    rows: list[dict[str, str]] = []
    for i in range(_ROWS):
        row = {f.name: sample_value(f, i, phrase, idea) for f in fields[1:]}
        title = sample_title(phrase, head, i)
        if categories:
            title = f"{categories[i % len(categories)]} {i + 1}"
            row["category"] = categories[i % len(categories)]
        rows.append(dates_in_order(fields, {fields[0].name: title, **row}))
    return Entity(singular, plural_name, slugify(plural_name, "items"), fields, tuple(rows))
