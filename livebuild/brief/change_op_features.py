"""What a change request's grammar says of the op it asks for, as numbers for the op judge.

Read on spaCy's parse of the request and resolved against the plan's own names: the class of
the main verb and of every verb (add / remove / rename / move / make / wish / lack / act, from
`change_op_words.toml`), what its object and subject name in the plan (a record kind, a field,
an option, the app's name or tagline), the cue words of each op and of each thing no app we
build does (money, messages, outside services, logins, devices, AI, maps, timers), negation,
"instead", a question, quotes, a colon, an arrow. None of it names a phrasing: a founder we
haven't met says "get rid of" or "we never use" of a field the same way, whatever the field.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, field_validator

from livebuild.brief.change_colours import NAMES
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FILE = Path(__file__).with_name("change_op_words.toml")
_MAX_CHARS = 400  # a request longer than this is read by its start
_WORD = re.compile(r"[a-z0-9][a-z0-9'&.-]*")
_COLOUR = re.compile(rf"\b(?:{NAMES})\b", re.IGNORECASE)


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: dict[str, list[str]]
    cues: dict[str, list[str]]

    @field_validator("verbs", "cues")
    @classmethod
    def _lists(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in value.items():
            if not words or any(not w or w != w.lower() or w != w.strip() for w in words):
                raise ValueError(f"{name}: not a non-empty list of lower-case words")
        return value


@dataclass(frozen=True)
class OpWords:
    verbs: dict[str, frozenset[str]]
    cues: dict[str, re.Pattern[str]]


@functools.cache
def op_words() -> OpWords:
    """The word classes, read and checked once a process."""
    words = _Words.model_validate(tomllib.loads(_FILE.read_text(encoding="utf-8")))
    cues = {
        name: re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(w) for w in sorted(ws, key=len)[::-1])
            + r")(?![\w-])"
        )
        for name, ws in words.cues.items()
    }
    return OpWords({k: frozenset(v) for k, v in words.verbs.items()}, cues)


def _names(brief: Brief) -> dict[str, set[str]]:
    """The plan's own names, lower-cased, by what they name."""
    kinds = {n.lower() for e in brief.entities for n in (e.singular, e.plural)}
    fields = {f.label.lower() for e in brief.entities for f in e.fields}
    choices = {c.lower() for e in brief.entities for f in e.fields for c in f.choices}
    return {"kind": kinds, "field": fields, "choice": choices}


def _mentions(text: str, names: set[str]) -> int:
    return sum(1 for n in names if n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))


def _overlap(text: str, said: str) -> float:
    """How much of `said` (the app's name or tagline) the request repeats, 0 to 1."""
    theirs = set(_WORD.findall(said.lower()))
    return len(theirs & set(_WORD.findall(text))) / len(theirs) if theirs else 0.0


def _resolves(phrase: str, names: dict[str, set[str]]) -> list[float]:
    said = phrase.lower()
    return [float(_mentions(said, names[k]) > 0) for k in ("kind", "field", "choice")]


VERB_CLASSES = ("add", "remove", "rename", "move", "make", "wish", "lack", "act")
CUE_CLASSES = (
    "money", "messages", "services", "logins", "devices", "ai", "places", "timed", "colour",
    "theme", "app_name", "tagline", "options", "field_kind", "position", "new_list", "detail",
    "naming", "removal", "negation", "instead", "question", "lack_words", "pronoun",
)  # fmt: skip
SURFACE = 12
# How many numbers `grammar` gives.
WIDTH = 2 * len(VERB_CLASSES) + len(CUE_CLASSES) + 6 + 3 + SURFACE


def grammar(brief: Brief, request: str) -> list[float]:
    """One row of numbers: the verbs' classes, the cues, what the request names in the plan,
    and the shape of what was said."""
    text = request.strip()[:_MAX_CHARS]
    lower = text.lower()
    words = op_words()
    doc = parsed(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    lemma = root.lemma_.lower() if root is not None else ""
    verbs = [t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX")]
    row = [float(lemma in words.verbs[c]) for c in VERB_CLASSES]
    row += [math.log1p(sum(v in words.verbs[c] for v in verbs)) for c in VERB_CLASSES]
    row += [math.log1p(len(words.cues[c].findall(lower))) for c in CUE_CLASSES]
    names = _names(brief)
    row += [math.log1p(_mentions(lower, names[k])) for k in ("kind", "field", "choice")]
    row += [_overlap(lower, brief.product_name), _overlap(lower, brief.tagline)]
    row.append(float(_COLOUR.search(lower) is not None))
    objects = [t for t in doc if t.dep_ in ("dobj", "attr", "oprd", "pobj") and t.head == root]
    said = " ".join(" ".join(w.text for w in t.subtree) for t in objects)
    row += _resolves(said, names)
    row += _surface(text, doc)
    return row


def _surface(text: str, doc: Doc) -> list[float]:
    """The shape of what was said: quotes, a colon, an arrow, a question, its length, how many
    items it lists, words said with a capital inside a sentence (a new name)."""
    tokens = list(doc)
    capitals = sum(1 for t in tokens[1:] if t.text[:1].isupper() and not t.is_sent_start)
    return [
        float(bool(re.search(r"['\u2018\u2019\"\u201c\u201d][^'\"]{2,}['\u2019\"\u201d]", text))),
        float(":" in text),
        float("->" in text or "\u2192" in text),
        float(text.rstrip().endswith("?")),
        math.log1p(len(tokens)),
        math.log1p(text.count(",")),
        math.log1p(len(re.findall(r"\band\b", text, re.I))),
        math.log1p(capitals),
        float(bool(re.search(r"\s[-\u2013\u2014]\s", text))),
        float(any(t.dep_ == "neg" for t in tokens)),
        float(any(t.tag_ == "MD" for t in tokens)),
        float(any(t.lower_ in ("i", "we") and t.dep_ == "nsubj" for t in tokens)),
    ]
