"""Noun phrases and lists in a clause's words: "parts, repair jobs and customer bikes".

The shape reader (`shapes`) walks an idea's clauses; this module reads what it points at: the
noun phrase at a place (its words, head last), the items of a list after a verb or colon, and
the clauses inside a list that are not items of their own ("the songs we learn").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from livebuild.english.clauses import (
    QUESTION_WORDS,
    SEPARATORS,
    clause_detail,
    clause_end,
    clause_item,
    opens_clause,
)
from livebuild.english.forms import is_plural
from livebuild.english.inflections import all_lemmas
from livebuild.english.shape_words import shape_words
from livebuild.english.words import VERBS, singular

_WORDS = shape_words()
# Verbs whose objects are the things the app keeps.
TRIGGERS = _WORDS["triggers"]
# Trigger verbs that are nouns too ("a book club", "vinyl record", "the plan"): after another
# noun they are read as nouns. The others ("our choir manage rehearsals") stay verbs.
NOUN_LIKE = _WORDS["noun_like"]
# Grammar words: they end a noun phrase and never name a thing.
FUNCTION = _WORDS["function"]
# Words that describe the product rather than what it keeps.
GENERIC = _WORDS["generic"]
# Words that collect things rather than being one ("game library" -> games).
COLLECTIVE = _WORDS["collective"]
# Leading words that qualify a thing but don't name it.
QUALIFIERS = _WORDS["qualifiers"]
# Words that name a detail of a record, not a record: they become fields.
FIELD_WORDS = _WORDS["field_words"]
# Details that date something: "test dates" are tests (with a date), not a record of dates.
DATES = _WORDS["dates"]
_WHEN_WORDS = DATES | _WORDS["deadlines"]
# Past forms of lending verbs: "which neighbours have borrowed my ladder".
LENT = _WORDS.table("lent_past")
# Lists that stand for one kind of record ("the waiting list" keeps people waiting).
_LIST_OF = _WORDS.table("list_of")
# Words that measure out the thing after "of" ("a cup of coffee", "bags of flour").
_MEASURES = _WORDS["measures"]
# Words for people in general, named by the "who" clause after them.
_SOMEONE = _WORDS["someone"]
# Verbs a business does to the things it keeps ("runs workshops", "hosts quizzes").
_HOSTS = _WORDS["hosts"]
# Words that may open the object after a subject's verb ("sells *our* bread").
_OBJECT_OPENERS = _WORDS["object_openers"]
# Determiners and possessive pronouns may open a list item; any other grammar word ends the list.
DETERMINERS = _WORDS["determiners"]
# Plurals the simple rule gets wrong.
_PLURALS = _WORDS.table("plurals")

# (A quote mark is a token of its own: no noun phrase runs across one, 'customers "quotes"'.)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+|[,:&/\"“”]|\s[-–—]\s|[-–—]{1,2}(?=\s)")


@dataclass
class Thing:
    """A noun phrase the idea wants kept: up to two words, the last one its head."""

    words: tuple[str, ...]
    weight: int
    position: int
    verb: str = ""
    hints: list[str] = field(default_factory=list)
    # The head word as the idea wrote it ("scores", not "score").
    said: str = ""

    @property
    def head(self) -> str:
        return self.words[-1]

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


def tokens_of(clause: str) -> list[str]:
    out: list[str] = []
    for token in _TOKEN.findall(clause):
        token = token.strip().lower().replace("’", "'")
        if token in ("-", "–", "—", "--"):
            token = ":"
        out.append(token)
    # "lost and found" names one kind of thing, not two list items.
    for at in range(len(out) - 2):
        if out[at : at + 3] == ["lost", "and", "found"]:
            out[at : at + 3] = ["lost-and-found"]
            break
    return out


def _singular(word: str) -> str:
    return _PLURALS.get(word) or singular(word)


def _participle(word: str) -> bool:
    """Whether `word` is a describing form like "signed" (not "seed" or "need")."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "'")) and len(word) > 2


def verb_of(word: str) -> str | None:
    """The trigger verb `word` is, allowing "-ing" and "-s" forms ("renting", "tracks")."""
    if word in TRIGGERS:
        return word
    if word in LENT:
        return LENT[word]
    for suffix, extra in (("ing", ""), ("ing", "e"), ("s", "")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + extra
            if stem in TRIGGERS:
                return stem
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in TRIGGERS:
                return stem[:-1]
    return None


def _bare_verb(word: str) -> str | None:
    """`word` as a verb that opens a list item: "share reviews", "renting out gear"."""
    if word in FIELD_WORDS:
        return None
    verb = verb_of(word)
    return verb if verb and not word.endswith("s") else None


def noun_phrase(tokens: list[str], start: int) -> tuple[list[str], int]:
    """The noun phrase at `start`: its words and where it ended."""
    words: list[str] = []
    i = start
    while i < len(tokens):
        token = tokens[i]
        if token in (",", ":", "&", "/", "and", "or"):
            break
        if _possessive(token):
            # "my clients' invoices": the possessor qualifies, the possessed is the thing.
            words = []
            i += 1
            continue
        if token in FUNCTION or not token[0].isalpha():
            if words:
                break
            i += 1
            continue
        if words and token in TRIGGERS and words[-1].endswith("s"):
            # "owners post walks": a plural subject, then its verb.
            break
        if words and subject_verb(tokens, i):
            break  # "hackerspace runs workshops": the subject ends at its verb
        if words and words[-1].endswith("s") and opens_clause(tokens, i):
            # "the grades members give them": a clause about the grades begins.
            break
        words.append(token)
        i += 1
    return words, i


def thing_of(words: list[str], weight: int, position: int, verb: str = "") -> Thing | None:
    listed = _LIST_OF.get(" ".join(words[-2:])) or _LIST_OF.get(words[-1]) if words else None
    if listed is not None:
        return Thing(tuple(listed.split()[-2:]), weight, position, verb)
    while len(words) > 1 and (
        words[0] in QUALIFIERS or words[0] in GENERIC or _participle(words[0]) or verb_of(words[0])
    ):
        words = words[1:]
    words = [w for w in words if w not in COLLECTIVE] or words[-1:]
    while len(words) > 1 and words[-1] in GENERIC:
        words = words[:-1]
    # A verb's object may be a generic word ("lend tools"); an opening phrase may not.
    if not words or words[-1] in FUNCTION or len(words[-1]) < 2:
        return None
    if not verb and words[-1] in GENERIC:
        return None
    head = words[-1]
    if _participle(head):
        return None
    hints = []
    if len(words) > 1 and head in _WHEN_WORDS and words[-2] not in FIELD_WORDS:
        # "test dates", "delivery times": the thing is the test; its date is a detail.
        words = words[:-1]
        head = words[-1]
        hints.append("date")
    words = [*words[-2:-1], _singular(head)]
    return Thing(tuple(words), weight, position, verb, hints, said=head)


def _clause_as_item(tokens: list[str], at: int, found: list[Thing], weight: int, verb: str) -> int:
    """Read the clause at `at` into `found`, as a thing it names ("who borrowed them": loans)
    or a detail of the list's first thing ("each walk, the dog, and who paid": whether the
    walk is paid); where it ends."""
    detail = clause_detail(tokens, at)
    named, end = clause_item(tokens, at)
    if detail is not None:
        if found:
            found[0].hints.append(detail)
    elif named is not None:
        found.append(Thing((named,), weight, end, verb))
    return end


def list_at(tokens: list[str], start: int, weight: int, verb: str) -> tuple[list[Thing], int]:
    """Items of the list at `start`, separated by commas and "and"/"or"."""
    found: list[Thing] = []
    i = start
    after_clause = False
    while i < len(tokens):
        item_verb = verb
        # "pitch guests, schedule recordings": each item may bring its own verb.
        while i < len(tokens) and tokens[i] in DETERMINERS:
            i += 1
        single = False
        if tokens[i : i + 1] and tokens[i] in _SOMEONE and tokens[i + 1 : i + 2] == ["who"]:
            i += 1  # "the people who book them": the clause names them
        if i < len(tokens) and tokens[i] in ("which", "what") and _noun_at(tokens, i + 1):
            i += 1  # "which dogs each walker takes": the dogs
            single = True
        elif i < len(tokens) and (tokens[i] in QUESTION_WORDS or tokens[i] == "who's"):
            # "who borrowed them", "when they're due back": a clause as an item.
            i = _clause_as_item(tokens, i, found, weight, verb)
            after_clause = True
            following = _next_item(tokens, i)
            if following is None:
                break
            i = following
            continue
        if i < len(tokens) and tokens[i] in FUNCTION:
            break
        if after_clause and i < len(tokens) and tokens[i] in VERBS and not _bare_verb(tokens[i]):
            # "the songs we learn and sing": the clause goes on, no new item.
            i = clause_end(tokens, i)
            following = _next_item(tokens, i)
            if following is None:
                break
            i = following
            continue
        if i < len(tokens) and _bare_verb(tokens[i]):
            item_verb = verb_of(tokens[i]) or verb
            i += 1
            if i < len(tokens) and tokens[i] == "of":
                i += 1
        words, end = noun_phrase(tokens, i)
        if words and words[-1] in _MEASURES and tokens[end : end + 1] == ["of"]:
            words, end = noun_phrase(tokens, end + 1)  # "every cup of coffee": the coffee
        if single and len(words) > 1 and (_verb_form(words[-1]) or _agrees(words[-2:])):
            words, end = words[:-1], end - 1  # "which cleaner goes where": the cleaner
        thing = thing_of(words, weight, i, item_verb) if words else None
        if thing is not None:
            found.append(thing)
        i = end
        after_clause = bool(words) and opens_clause(tokens, i)
        if after_clause:
            i = clause_end(tokens, i)  # "the harvests they bring back, …"
        following = _next_item(tokens, i)
        if following is None:
            break
        i = following
    return found, i


def subject_verb(tokens: list[str], at: int) -> str | None:
    """The verb at `at` when it follows a singular subject ("my bakery *sells* bread")."""
    word = tokens[at]
    if at == 0 or not word.endswith("s") or at + 1 >= len(tokens):
        return None
    before, after = tokens[at - 1], tokens[at + 1]
    if not before.isalpha() or before in FUNCTION or before.endswith("s"):
        return None
    if not (after in _OBJECT_OPENERS or (after[0].isalpha() and after not in FUNCTION)):
        return None
    stem = word[:-2] if word.endswith(("ches", "shes", "sses")) else word[:-1]
    return stem if stem in TRIGGERS or stem in _HOSTS else None


def _verb_form(word: str) -> bool:
    """Whether `word` is a verb after its subject ("goes", "takes"), ending a noun phrase."""
    stem = word[:-2] if word.endswith("es") else word[:-1]
    return word.endswith("s") and (stem in VERBS or word[:-1] in VERBS or stem in ("go", "do"))


def _agrees(pair: list[str]) -> bool:
    """Whether `pair` is a plural subject and its verb ("which dogs bite", "which kids walk"),
    not a compound noun (a plural seldom modifies another noun)."""
    many, verb = pair
    return is_plural(many) and not is_plural(verb) and bool(all_lemmas(verb, "VERB"))


def _next_item(tokens: list[str], at: int) -> int | None:
    """Where the next list item starts, if separators (", and") follow at `at`."""
    if at >= len(tokens) or tokens[at] not in SEPARATORS:
        return None
    while at < len(tokens) and tokens[at] in SEPARATORS:
        at += 1
    return at


def _noun_at(tokens: list[str], at: int) -> bool:
    if at >= len(tokens):
        return False
    word = tokens[at]
    return word[0].isalpha() and word not in FUNCTION and word not in VERBS
