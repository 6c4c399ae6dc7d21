"""Every kind of field: how a typed value is checked, stored and shown."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import content
from web import esc

Field = dict[str, Any]

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PHONE = re.compile(r"\+?[0-9 ().\-/]{3,30}(?:\s*(?:x|ext\.?)\s*\d{1,6})?", re.IGNORECASE)
TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|localhost", re.I)
# Characters no one types (NUL, escape codes), as a binary file saved as CSV carries them;
# tabs and line breaks are ordinary text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_LENGTH = {"longtext": 5000, "url": 500}
DEFAULT_MAX_LENGTH = 200
YES = frozenset({"yes", "y", "true", "1", "on", "x", "\u2713"})
NO = frozenset({"no", "n", "false", "0", "off", ""})
NUMERIC = frozenset({"number", "money"})


def totalled(field: Field) -> str:
    """ "sum" when a list adds this field up, "average" when it shows its mean, "" when
    neither means anything (a year, a reference number, "water every (days)")."""
    if field["kind"] not in NUMERIC:
        return ""
    return str(field.get("total", "sum"))


def parse_number(raw: str) -> float | None:
    cleaned = re.sub(r"[\s,]", "", raw)
    for symbol in ("$", "\u00a3", "\u20ac", content.CURRENCY):
        cleaned = cleaned.replace(symbol, "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_date(raw: str) -> date | None:
    if not ISO_DATE.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def parse_time(raw: str) -> str | None:
    """ "9:30", "09.30", "9:30 pm", "14:05" -> "HH:MM"; None when it is no time of day."""
    match = TIME.fullmatch(raw.strip())
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    meridiem = (match[3] or "").replace(".", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_datetime(raw: str) -> str | None:
    """ "2026-05-14T09:30" or "2026-05-14 9:30 am" -> "2026-05-14 09:30"."""
    day_text, _, time_text = raw.strip().replace("T", " ", 1).partition(" ")
    day = parse_date(day_text)
    moment = parse_time(time_text) if time_text.strip() else "00:00"
    if day is None or moment is None:
        return None
    return f"{day.isoformat()} {moment}"


def parse_phone(raw: str) -> str | None:
    number = re.split(r"\s*(?:x|ext\.?)\s*", raw, maxsplit=1, flags=re.IGNORECASE)[0]
    digits = re.sub(r"\D", "", number)
    if not PHONE.fullmatch(raw) or not 5 <= len(digits) <= 15:
        return None
    return re.sub(r"\s+", " ", raw.strip())


def parse_url(raw: str) -> str | None:
    text = raw.strip()
    if not re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        if ":" in text.split("/")[0] and not re.match(r"[^:/]+:\d+", text):
            return None  # javascript:, mailto: and friends are no web address
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not HOST.fullmatch(parts.hostname or ""):
        return None
    if any(ch.isspace() or ch in "<>\"'" for ch in text):
        return None
    return text


def parse_boolean(raw: str) -> str | None:
    lowered = raw.strip().lower()
    if lowered in YES:
        return "yes"
    return "no" if lowered in NO else None


def number_text(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else str(number)


def _number(label: str, raw: str) -> tuple[str, str]:
    number = parse_number(raw)
    if number is None:
        return raw, f"{label} must be a number, like 12 or 3.5."
    return number_text(number), ""


def _money(label: str, raw: str) -> tuple[str, str]:
    amount = parse_number(raw)
    if amount is None or amount < 0:
        return raw, f"{label} must be an amount, like 49.99."
    return f"{amount:.2f}", ""


def _parsed(
    parse: Any, message: str
) -> Any:  # a checker from a parser and the message it gives when parsing fails
    def check(label: str, raw: str) -> tuple[str, str]:
        value = parse(raw)
        return (raw, message.format(label=label)) if value is None else (str(value), "")

    return check


CHECKS = {
    "number": _number,
    "money": _money,
    "date": _parsed(
        lambda raw: d.isoformat() if (d := parse_date(raw)) else None,
        "{label} must be a real date, like 2026-05-14.",
    ),
    "time": _parsed(parse_time, "{label} must be a time of day, like 09:30 or 2:15 pm."),
    "datetime": _parsed(parse_datetime, "{label} must be a date and time, like 2026-05-14 09:30."),
    "phone": _parsed(parse_phone, "{label} must be a phone number, like +1 555 010 0199."),
    "url": _parsed(parse_url, "{label} must be a web address, like example.com/page."),
    "boolean": _parsed(parse_boolean, "{label} must be yes or no."),
    "email": _parsed(
        lambda raw: raw if EMAIL.fullmatch(raw) else None,
        "{label} must be an email address, like name@example.com.",
    ),
}


def check(field: Field, raw: str, index: int) -> tuple[str, str]:
    """The stored form of one submitted value, and a plain message when it can't be stored."""
    label, kind = field["label"], field["kind"]
    if kind == "boolean":
        # Left blank (an unticked box, an empty cell) is no; anything else must say yes or no.
        said = parse_boolean(raw) if raw.strip() else "no"
        return (said, "") if said else (raw, f"{label} must be yes or no.")
    if not raw:
        return "", (f"{label} is required." if index == 0 else "")
    if CONTROL.search(raw):
        return raw, f"{label} has an invisible control character in it; please remove it."
    limit = MAX_LENGTH.get(kind, DEFAULT_MAX_LENGTH)
    if len(raw) > limit:
        return raw, f"{label} is too long (at most {limit} characters)."
    if kind == "choice" and raw not in field["choices"]:
        return raw, f"Please pick one of the listed options for {label.lower()}."
    checker = CHECKS.get(kind)
    return checker(label, raw) if checker is not None else (raw, "")


def badge(field: Field | None, value: str) -> str:
    if field is None or not value:
        return ""
    choices = field.get("choices") or []
    tone = choices.index(value) % 6 if value in choices else 5
    return f'<span class="badge tone-{tone}">{esc(value)}</span>'


def money(value: float) -> str:
    return f"{content.CURRENCY}{value:,.2f}"


def nice_date(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def nice_time(text: str) -> str:
    moment = datetime.strptime(text, "%H:%M")
    return f"{(moment.hour % 12) or 12}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"


def _display_kind(kind: str, value: str) -> str | None:
    if kind == "money":
        amount = parse_number(value)
        return esc(money(amount)) if amount is not None else None
    if kind == "number":
        number = parse_number(value)
        return esc(f"{number:,.10g}") if number is not None else None
    if kind == "date":
        day = parse_date(value)
        return esc(nice_date(day)) if day is not None else None
    if kind == "time" and parse_time(value) == value:
        return esc(nice_time(value))
    if kind == "datetime" and parse_datetime(value) == value:
        day = parse_date(value[:10])
        return esc(f"{nice_date(day)}, {nice_time(value[11:])}") if day else None
    if kind == "boolean":
        return "Yes" if value == "yes" else "No"
    if kind == "email":
        # A narrow column breaks an address after its "@" or a dot, never inside a word.
        shown = re.sub(r"([@.])", r"\1<wbr>", esc(value))
        return f'<a class="email" href="mailto:{esc(value)}">{shown}</a>'
    if kind == "phone":
        return f'<a href="tel:{esc(re.sub(r"[^0-9+]", "", value))}">{esc(value)}</a>'
    if kind == "url" and parse_url(value) == value:
        shown = re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
        return f'<a href="{esc(value)}" rel="noopener noreferrer nofollow">{esc(shown)}</a>'
    return None


def display(field: Field, value: str, full: bool = False) -> str:
    """HTML for one value, formatted for its kind (links are shown by the store, not here)."""
    kind = field["kind"]
    if not value and kind != "boolean":
        return '<span class="muted">&mdash;</span>'
    if kind == "choice":
        return badge(field, value)
    if kind == "number" and not totalled(field) and parse_number(value) is not None:
        # A number that names rather than counts (a year, a reference) reads as written:
        # "2024", never "2,024".
        return esc(f"{parse_number(value):.10g}")
    shown = _display_kind(kind, value)
    if shown is not None:
        return shown
    if kind == "longtext" and not full and len(value) > 90:
        return esc(value[:88].rstrip() + "\u2026")
    return esc(value).replace("\n", "<br>")
