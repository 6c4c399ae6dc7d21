"""A second, small question to the model about the kinds its readers disagree on.

With the vote (`model_split.voted`), a kind of the rules' that the model didn't name stands on
the learned judge alone, and a record the model named that the rules lack stands only when the
judge scores it a record. Those are where the readers disagree: the judge keeps "Stones" of a
watermill and "Movements" of a dressage test, and drops the "refs" of a league. So the model
is asked once more, in the same conversation (its first answer is still in its cache, so only
the question is read): which of these few nouns the app keeps a list of. The answer's schema
is an array whose items can only be those nouns, so it is short and can only choose among
them; nothing in it is taken as text.
"""

from __future__ import annotations

import re
from typing import Any

from livebuild.brief.model_reading import Decisions, ReadingRejected, answer_object
from livebuild.brief.model_records import related
from livebuild.english.forms import plural, singular

# The most nouns asked about: each costs the model a few tokens to say, and the question is
# asked only of the kinds the readers disagree on.
MAX_ASKED = 6
_NOUN = re.compile(r"[a-z]{2,18}( [a-z]{2,18}){0,2}")

QUESTION = (
    "Look again at these nouns from the idea: {nouns}.\n"
    "Which of them does the app keep a list of, one entry for each (many of them, added one "
    "by one)? Leave out a detail of another record, the founder's own business or premises, "
    "something there is only one of, and a word said only as an example or a sort of "
    'something. Answer with JSON only: {{"keep":[...]}}.'
)


def _said(name: str) -> str:
    """A kind's name as the question says it: lowercase words, the last in the plural; ""
    when it isn't a plain name of one to three words."""
    words = name.lower().replace("-", " ").split()
    said = " ".join([*words[:-1], plural(words[-1])]) if words else ""
    return said if _NOUN.fullmatch(said) else ""


def _head(name: str) -> str:
    return singular(name.lower().split()[-1])


def contested(rules: list[str], named: set[str], model: list[str]) -> tuple[str, ...]:
    """The nouns to ask about: the rules' kinds (`rules`) whose head the model didn't name
    (`named`), then the model's records (`model`) no kind of the rules' is, at most
    `MAX_ASKED`, each once, as the question says them."""
    asked: dict[str, str] = {}
    for kind in rules:
        if _head(kind) not in named and (said := _said(kind)):
            asked.setdefault(_head(kind), said)
    heads = [_head(k) for k in rules]
    for record in model:
        head = _head(record)
        if any(related(head, h) or related(h, head) for h in heads):
            continue
        if said := _said(record):
            asked.setdefault(head, said)
    return tuple(asked.values())[:MAX_ASKED]


def unsure_schema(nouns: tuple[str, ...]) -> dict[str, Any]:
    """The answer's shape: the nouns kept, each one of those asked about, at most once each."""
    return {
        "x-guidance": {"whitespace_flexible": False},
        "type": "object",
        "additionalProperties": False,
        "required": ["keep"],
        "properties": {
            "keep": {
                "type": "array",
                "maxItems": len(nouns),
                "items": {"enum": list(nouns)},
            }
        },
    }


def question(nouns: tuple[str, ...]) -> str:
    return QUESTION.format(nouns=", ".join(nouns))


def parse_kept(answer: str, nouns: tuple[str, ...]) -> frozenset[str]:
    """The heads (singular) of the nouns the answer keeps, compared without case. An answer
    that isn't a `keep` list of only the nouns asked about can't be used (raises
    `ReadingRejected`, as the first answer), so the plan stays the first vote's: it never
    drops an asked noun for an answer it couldn't read."""
    data = answer_object(answer)
    raw = data.get("keep")
    asked = {n.lower(): n for n in nouns}
    if not isinstance(raw, list) or not all(isinstance(n, str) and n.lower() in asked for n in raw):
        raise ReadingRejected("the second look's answer isn't a list of the nouns asked about")
    return frozenset(_head(asked[n.lower()]) for n in raw)


def with_second_look(
    decisions: Decisions, asked: tuple[str, ...], kept: frozenset[str]
) -> Decisions:
    """`decisions` with the model's second answer: the heads it kept and those it was asked
    about and left out."""
    import dataclasses

    heads = frozenset(_head(n) for n in asked)
    return dataclasses.replace(decisions, confirmed=kept & heads, doubted=heads - kept)
