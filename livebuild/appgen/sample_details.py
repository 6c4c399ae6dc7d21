"""Values for the details of a built app's sample rows: a detail the plan left blank or as a
placeholder ("Sample phone 3") shows a value shaped like its column (a phone number, an
address, a short note), never a dash. Values by what a detail is called are in
`sample_details.toml`; the shapes of phones, web addresses and times are made here."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from livebuild.brief.catalogue import shipped_catalogue

_FILE = "sample_details.toml"
_MIN_VALUES = 4
_PHONE = re.compile(
    r"\b(?:phone|mobile|tel|telephone|cell|whatsapp|contact (?:number|no))\b", re.IGNORECASE
)
_WEB = re.compile(r"\b(?:website|web|url|link|site|homepage|page)\b", re.IGNORECASE)
_PICTURE = re.compile(r"\b(?:photo|photos|image|images|picture|pictures|pic)\b", re.IGNORECASE)
# A text detail called a time of day ("Time", "Start time"), not a time taken.
# Read of the label and its name ("Start time start time"), so "Time spent" is not one.
_AT = r"(?:(?:start|end|finish|pickup|pick-up|drop-off|arrival)\s+)?time"
_TIME = re.compile(rf"^{_AT}(?:\s+{_AT})?$", re.I)
_TIMES = ("09:30", "11:00", "14:15", "16:45", "10:00", "13:30")


class DetailsError(ValueError):
    """The shipped sample-details file is malformed."""


@dataclass(frozen=True)
class Detail:
    words: tuple[str, ...]
    values: tuple[str, ...]


def _entry(raw: Any, where: str) -> Detail:
    if not isinstance(raw, dict) or set(raw) != {"words", "values"}:
        raise DetailsError(f"{where}: needs exactly `words` and `values`")
    words, values = raw["words"], raw["values"]
    if not (isinstance(words, list) and words) or not all(
        isinstance(w, str) and w == w.strip().lower() and w for w in words
    ):
        raise DetailsError(f"{where}: `words` must be a list of lower-case words")
    if not isinstance(values, list) or len(values) < _MIN_VALUES:
        raise DetailsError(f"{where}: `values` needs at least {_MIN_VALUES} values")
    if not all(isinstance(v, str) and v.strip() == v and v for v in values):
        raise DetailsError(f"{where}: every value must be non-empty text")
    return Detail(tuple(words), tuple(values))


def parse_details(data: dict[str, Any]) -> tuple[Detail, ...]:
    """Check a parsed sample-details file and build its entries."""
    if set(data) != {"detail"} or not isinstance(data["detail"], list):
        raise DetailsError(f"{_FILE}: needs a list of [[detail]] entries and nothing else")
    return tuple(_entry(raw, f"{_FILE}, detail {i + 1}") for i, raw in enumerate(data["detail"]))


@functools.cache
def load_details() -> tuple[Detail, ...]:
    """The shipped sample details, loaded and checked once."""
    text = resources.files("livebuild.appgen").joinpath(_FILE).read_text(encoding="utf-8")
    try:
        return parse_details(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise DetailsError(f"{_FILE}: not valid TOML: {exc}") from exc


def _known(label: str) -> tuple[str, ...]:
    """Values for a detail called `label`: the entry of its last word that one names (a
    "Coat colour" is a colour), or of a two-word phrase in it ("job title")."""
    words = re.findall(r"[a-z]+", label.lower())
    said = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words[::-1]
    for word in said:
        for entry in load_details():
            if word in entry.words:
                return entry.values
    return ()


def known_detail(field: dict[str, Any]) -> bool:
    """Whether the detail's name says what it holds (a phone, a colour, a web address), so
    that its sample is shaped by that even under a column that names a person's."""
    label = f"{field['label']} {field['name']}".replace("_", " ")
    return bool(
        _PHONE.search(label) or _WEB.search(label) or _PICTURE.search(label) or _known(label)
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def phone(index: int) -> str:
    """A number in the 555-0100 to 555-0199 range, kept for made-up numbers."""
    return f"555-01{(index * 23 + 11) % 100:02d}"


def _shaped(kind: str, label: str, title: str, index: int) -> str:
    """A value made from the detail's kind, or from what its name says it holds; "" when
    neither says."""
    if kind == "phone" or (kind == "text" and _PHONE.search(label)):
        return phone(index)
    if kind in ("text", "url") and _PICTURE.search(label):
        return f"https://example.com/photos/{_slug(title)}-{index + 1}.jpg"
    if kind == "url" or (kind == "text" and _WEB.search(label)):
        return f"https://example.com/{_slug(title)}"
    if kind == "time" or (kind == "text" and _TIME.search(label)):
        return _TIMES[index % len(_TIMES)]
    if kind == "datetime":
        return f"2026-{3 + index % 3:02d}-{2 + (index * 6) % 26:02d} {_TIMES[index % len(_TIMES)]}"
    if kind == "date":
        return f"2026-{3 + index % 3:02d}-{2 + (index * 5) % 26:02d}"
    if kind == "number":
        return str(1 + (index * 7 + 3) % 20)
    if kind == "money":
        return f"{10 + (index * 37) % 90}.{index % 4 * 25:02d}"
    if kind == "email":
        person = shipped_catalogue().people[(index + 5) % len(shipped_catalogue().people)]
        return re.sub(r"[^a-z.]", "", person.lower().replace(" ", ".")) + "@example.com"
    return ""


def detail_value(field: dict[str, Any], title: str, index: int) -> str:
    """A sample value for `field` in row `index` of a record titled `title`."""
    kind, label = str(field["kind"]), f"{field['label']} {field['name']}".replace("_", " ")
    if kind == "choice":
        choices = field.get("choices") or [""]
        return str(choices[index % len(choices)])
    if kind == "boolean":
        return ("yes", "no")[index % 2]
    shaped = _shaped(kind, label, title, index)
    if shaped:
        return shaped
    known = _known(str(field["label"])) or _known(str(field["name"]).replace("_", " "))
    if known:
        return known[index % len(known)]
    catalogue = shipped_catalogue()
    if kind == "longtext":
        return catalogue.notes[index % len(catalogue.notes)]
    # A detail no list knows reads as one of its kind: "Harbor crag", "Maple temperature".
    adjective = catalogue.adjectives[(index * 3) % len(catalogue.adjectives)]
    return f"{adjective} {str(field['label']).lower()}"
