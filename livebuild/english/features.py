"""Feature phrases lifted from the idea ("lets owners book walkers" -> "Book walkers").

A feature is something the app lets people do, so it is a whole verb phrase: "Keep track of
members, classes and payments", never the fragments "Classes" or "Labor hours)". Items of a
list that follow a verb stay with it; a list of details with no verb of its own ("with due
dates and priorities") says what a record holds, not what the app does, and is left out.
A wish is never dropped: what the founder wants the app to do ("I want to text customers when
their order is ready") is a feature, and so is a part of an app asked for by name ("with a
weekly chart of sales": `wished_parts.toml`), on its own even beside a verb's list.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from importlib import resources

from livebuild.english import spelling
from livebuild.english.forms import as_singular
from livebuild.english.inflections import lemma
from livebuild.english.lexicon import checked_words
from livebuild.english.words import VERBS, clean_text, sentence_case, truncate_words

_TRIGGER = re.compile(
    r"\b(?:lets?|helps?|allows?|enables?|so (?:that )?\w+ can|where \w+ can|which can|that can"
    r"|to help \w+|for [\w' -]{1,50}? to)\s+(.*)",
    re.I,
)
# A wish said outright ("I want to text customers", "I'd like it to log each sale"): its items
# are features only if each names something (`wish_words.toml`).
_WISH = re.compile(
    r"\b(?:want|wants|need|needs|would like|'d like|wish) (?:it |the app |them )?to\s+(.*)", re.I
)
# The same wish opening an item of a list ("... and I'd like it to log each sale").
_WISH_LEAD = re.compile(
    r"^(?:[\w]+(?:'d)?\s+)?(?:would\s+)?(?:wants?|needs?|like|wish)\s+(?:it |the app |them )?to\s+",
    re.I,
)
_WITH = re.compile(r"\b(?:with|including|featuring|plus)\s+(.*)", re.I)
_LEADING_FILLER = ("to", "them", "you", "users", "people", "also", "easily", "the", "a", "an")
# A clause that opens with one of these asks a question the app answers ("who still owes me",
# "which vans are due"): its feature is seeing the answer, not the verb inside it ("Owe me").
_QUESTION_WORDS = ("who", "whose", "which", "what", "when", "where", "how")
# A word of one letter other than these is a fragment ("pay y/n" -> "pay y").
_WHOLE_LETTERS = frozenset({"a", "i"})
# A word in capitals this short or shorter is an acronym, never shouting ("DJ", "IT").
_ACRONYM = 2
_MAX_WORDS = 10
_MAX_CHARS = 80

# Whether a word is a verb, as the English reading of the idea read it.
IsVerb = Callable[[str], bool]


@functools.cache
def wished_parts() -> frozenset[str]:
    """The parts of an app a founder may ask for by name (`wished_parts.toml`)."""
    path = resources.files("livebuild.english").joinpath("wished_parts.toml")
    return frozenset(checked_words("parts", tomllib.loads(path.read_text("utf-8")).get("parts")))


@functools.cache
def _wish_words(name: str) -> frozenset[str]:
    """A list of `wish_words.toml`: the `empty` words, or the `routine` verbs."""
    path = resources.files("livebuild.english").joinpath("wish_words.toml")
    return frozenset(checked_words(name, tomllib.loads(path.read_text("utf-8")).get(name)))


def _names_something(verb_phrase: list[str]) -> bool:
    """Whether a wish's verb phrase reads as a feature of the app: its verb is not of the
    founder's own routine ("park at the market") and its object names something ("book it
    in", "know who has what" name nothing)."""
    if verb_phrase[0].lower() in _wish_words("routine"):
        return False
    words = (re.sub(r"'s$|[^\w']", "", w.lower()) for w in verb_phrase[1:])
    return any(w and w not in _wish_words("empty") for w in words)


def _wished(words: list[str]) -> bool:
    """Whether a phrase with no verb names a part of an app ("a weekly chart of sales")."""
    return any(as_singular(w.lower()) in wished_parts() for w in words)


def _base(word: str) -> str:
    """ "assigns" -> "assign": a feature says what people do, in the base form."""
    lemmas = lemma(word.lower(), upos="VERB")
    base = str(lemmas[0]) if lemmas else word
    return base if word.islower() else sentence_case(base)


def _opening_verb(words: list[str], is_verb: IsVerb) -> list[str] | None:
    """`words` from their verb on ("owners book walkers" -> "book walkers"), or None."""
    for i, word in enumerate(words[:4]):
        lower = word.lower()
        if lower == "to" and i + 1 < len(words):
            return words[i + 1 :]
        if lower in VERBS or is_verb(lower):
            return [_base(word), *words[i + 1 :]]
    return None


def _joined(head: str, items: list[str]) -> str:
    if not items:
        return head
    listed = [head, *items]
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def _plain(word: str) -> str:
    """ "BAN" -> "ban": a common word shouted in capitals is written plainly; an acronym
    ("PADI", "DJ") is not a word of the dictionary and stays as written."""
    if len(word) > _ACRONYM and word.isupper() and word.isalpha() and spelling.known(word):
        return word.lower()
    return word


def _readable(phrase: str) -> bool:
    """Whether `phrase` reads as a phrase: no stray letter left of a cut ("Pay y"), no
    bracket opened and left open by a cut ("Keep the bookings (names")."""
    if phrase.count("(") != phrase.count(")"):
        return False
    return not any(
        len(w) == 1 and w.isalpha() and w.lower() not in _WHOLE_LETTERS for w in phrase.split()
    )


def _feature_items(clause: str, is_verb: IsVerb, wish: bool = False) -> list[str]:
    parts = [p.strip() for p in re.split(r",|;|\band\b|\bor\b|&|\+|/", clause) if p.strip()]
    # Each feature with what was listed after it; None for a verb said with nothing after it
    # ("want and songs they ban"), whose list is left out with it.
    features: list[tuple[str | None, list[str]]] = []
    for part in parts:
        words = _WISH_LEAD.sub("", part).split() if wish else part.split()
        while words and words[0].lower() in _LEADING_FILLER:
            words = words[1:]
        if words and words[0].lower() in _QUESTION_WORDS and len(words) > 1:
            words = ["See", words[0].lower(), *words[1:]]
        verb_phrase = _opening_verb(words, is_verb) if words else None
        if wish and verb_phrase is not None and not _names_something(verb_phrase):
            features.append((None, []))  # a fragment, left out with what is listed after it
            continue
        words = [_plain(w) for w in (verb_phrase or words)]
        phrase = clean_text(" ".join(words)).strip(" .,;:!?-'()")
        if len(phrase) < 3 or not re.search(r"[^\W\d_]", phrase):
            continue
        if verb_phrase is not None:
            features.append((phrase if len(verb_phrase) > 1 else None, []))
        elif _wished(words):
            features.append((phrase, []))  # a wish of its own, not an item of the last list
        elif features:
            features[-1][1].append(phrase)  # "keep track of members, classes and payments"
    return [
        sentence_case(truncate_words(_joined(head, items), _MAX_WORDS, _MAX_CHARS))
        for head, items in features
        if head is not None and all(_readable(p) for p in (head, *items))
    ]


def extract_features(text: str, is_verb: IsVerb = lambda word: False) -> list[str]:
    """Up to four distinct features the idea itself describes, in the order it gives them."""
    found: list[str] = []
    for clause in re.split(r"[.!?\n]+", text):
        trigger = _TRIGGER.search(clause) or _WISH.search(clause)
        for match in (trigger, _WITH.search(clause)):
            if match:
                rest = match.group(1)
                if match.re is not _WITH:
                    rest = re.split(r"\b(?:with|including)\b", rest, maxsplit=1, flags=re.I)[0]
                found.extend(_feature_items(rest, is_verb, wish=match.re is _WISH))
    unique: list[str] = []
    seen: set[str] = set()
    for item in found:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique[:4]
