"""Reading an idea's own words: the things it wants kept, and details it names about them.

A founder says what the app is about in a handful of recognisable shapes: the objects of verbs
like "track", "manage" or "book" ("track parts, repair jobs and customer bikes"), a list after a
colon or dash ("Wedding planner: guests, vendors and the budget"), the possessed noun of a
possessive ("my clients' invoices"), or the subject of an "X for Y" opening. Those phrases
become the app's records; words that describe a record ("priority", "due date") become its
fields instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from livebuild.brief.clauses import (
    QUESTION_WORDS,
    SEPARATORS,
    clause_end,
    clause_item,
    opens_clause,
)
from livebuild.brief.text import VERBS, singular, wordset

# Verbs whose objects are the things the app keeps.
TRIGGERS = wordset(
    """track manage log book sell schedule organise organize record share keep handle collect
    post list store plan rent lend borrow swap trade catalog catalogue find buy reserve hire
    monitor follow save register review coordinate arrange sort publish offer add capture
    pitch accept vote request take"""
)
# Trigger verbs that are nouns too ("a book club", "vinyl record", "the plan"): after another
# noun they are read as nouns. The others ("our choir manage rehearsals") stay verbs.
NOUN_LIKE = wordset(
    """book log record list post plan store trade swap share review offer catalog catalogue
    hire rent track schedule sort find save vote pitch follow keep request"""
)
# Verbs that mean a record of a transaction exists too ("sell cakes" -> orders).
IMPLIED = {
    "sell": "order",
    "buy": "order",
    "rent": "rental",
    "lend": "loan",
    "borrow": "loan",
    "book": "booking",
    "reserve": "booking",
}
# Grammar words: they end a noun phrase and never name a thing.
FUNCTION = wordset(
    """a an the and or but of to in on at for with by from into onto about as is are be been
    being it its this that these those which who whom whose what where when why how i me my we
    our you your they them their he she his her him us can could should would will shall may
    might must do does did have has had so such very really just also only not no yes all any
    each every some many more most other another than then there here near over under between
    per via without within across up down out off again once if while until after before
    since because like want wants need needs let lets help helps allow allows enable enables
    get gets got make makes easy easily simple quick quickly one everything something anything
    nothing stuff things thing way ways place places everyone anyone someone people see spot
    whether even back due through around against toward towards among am im i'd i'm we're
    they're it's don't others"""
)
# Words that describe the product rather than what it keeps.
GENERIC = wordset(
    """app apps application platform tool tools website site web service services system
    software saas mobile marketplace tracker journal planner manager management dashboard
    portal hub idea startup product solution crm erp inventory diary log box organiser
    organizer scheduler scheduling directory network community club
    ai smart cool new better best great nice little small big internal online digital"""
)
# Words that collect things rather than being one ("game library" -> games).
COLLECTIVE = wordset("collection collections library list lists set sets group")
# Leading words that qualify a thing but don't name it.
QUALIFIERS = wordset(
    """daily weekly monthly yearly annual next last new old small big all various different
    upcoming past current future recent personal favourite favorite own family team
    household customer"""
)
# Words that name a detail of a record, not a record: they become fields.
FIELD_WORDS = wordset(
    """number amount reason status priority assignee owner condition date dates time times
    deadline price prices cost costs fee fees total distance duration weight rating ratings
    notes note description category categories type types location address email phone size
    deadlines
    colour color quantity count counts level score progress streak streaks rsvp rsvps photo
    photos budget stage tag tags due"""
)
# Details that date something: "test dates" are tests (with a date), not a record of dates.
_DATES = wordset("date dates time times")
_WHEN_WORDS = _DATES | wordset("deadline deadlines")

# Past forms of lending verbs: "which neighbours have borrowed my ladder".
_LENT = {"borrowed": "borrow", "lent": "lend", "loaned": "lend"}
# Lists that stand for one kind of record ("the waiting list" keeps people waiting).
_LIST_OF = {
    "waiting list": "waitlist entry",
    "waitlist": "waitlist entry",
    "wait list": "waitlist entry",
    "mailing list": "subscriber",
    "guest list": "guest",
    "shopping list": "shopping item",
    "reading list": "book",
    "to-do list": "task",
    "todo list": "task",
    "wish list": "wish",
    "wishlist": "wish",
}
# A clause that opens with its subject ("I run a tiny bakery", "We're a repair cafe") says who
# the founder is, not what the app keeps.
_SUBJECTS = wordset("i we you they he she it i'm we're you're they're it's")

# Words that measure out the thing after "of" ("a cup of coffee", "bags of flour").
_MEASURES = wordset(
    "cup cups glass glasses bottle bottles bag bags pair pairs piece pieces box boxes"
)
# Details that, listed among the things to keep, are records of their own ("keep guests,
# vendors and the budget": the budget is a list of expenses).
_DETAIL_RECORDS = {"budget": "expense", "budgets": "expense", "scores": "score"}
# Words for people in general, named by the "who" clause after them.
_SOMEONE = wordset("people everyone someone anyone those others")
# Verbs a business does to the things it keeps ("runs workshops", "hosts quizzes").
_HOSTS = wordset("run host hold teach organise organize")
# Words that may open the object after a subject's verb ("sells *our* bread").
_OBJECT_OPENERS = wordset("a an our their my your his her")

# Determiners and possessive pronouns may open a list item; any other grammar word ends the list.
DETERMINERS = wordset("a an the my our their your his her its all some any each every")
# Plurals the simple rule gets wrong.
_PLURALS = {
    "cookies": "cookie",
    "movies": "movie",
    "skus": "sku",
    "pies": "pie",
    "ties": "tie",
    "brownies": "brownie",
    "smoothies": "smoothie",
    "calories": "calorie",
}

_SEGMENT_BREAK = re.compile(r"[.!?;\n]+")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+|[,:&/]|\s[-–—]\s|[-–—]{1,2}(?=\s)")


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


@dataclass
class Reading:
    things: list[Thing]
    implied: list[str]
    hints: list[str]
    sold: list[str]
    # Kinds of one thing lent out ("lend my ladder, drill and lawnmower").
    lent: list[str] = field(default_factory=list)


def _tokens(clause: str) -> list[str]:
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


def _verb(word: str) -> str | None:
    """The trigger verb `word` is, allowing "-ing" and "-s" forms ("renting", "tracks")."""
    if word in TRIGGERS:
        return word
    if word in _LENT:
        return _LENT[word]
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
    verb = _verb(word)
    return verb if verb and not word.endswith("s") else None


def _phrase(tokens: list[str], start: int) -> tuple[list[str], int]:
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
        if words and _subject_verb(tokens, i):
            break  # "hackerspace runs workshops": the subject ends at its verb
        if words and words[-1].endswith("s") and opens_clause(tokens, i):
            # "the grades members give them": a clause about the grades begins.
            break
        words.append(token)
        i += 1
    return words, i


def _thing(words: list[str], weight: int, position: int, verb: str = "") -> Thing | None:
    listed = _LIST_OF.get(" ".join(words[-2:])) or _LIST_OF.get(words[-1]) if words else None
    if listed is not None:
        return Thing(tuple(listed.split()[-2:]), weight, position, verb)
    while len(words) > 1 and (
        words[0] in QUALIFIERS or words[0] in GENERIC or _participle(words[0]) or _verb(words[0])
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


def _list_at(tokens: list[str], start: int, weight: int, verb: str) -> tuple[list[Thing], int]:
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
        elif i < len(tokens) and tokens[i] in QUESTION_WORDS:
            # "who borrowed them", "when they're due back": a clause as an item.
            named, i = clause_item(tokens, i)
            if named is not None:
                found.append(Thing((named,), weight, i, verb))
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
            item_verb = _verb(tokens[i]) or verb
            i += 1
            if i < len(tokens) and tokens[i] == "of":
                i += 1
        words, end = _phrase(tokens, i)
        if words and words[-1] in _MEASURES and tokens[end : end + 1] == ["of"]:
            words, end = _phrase(tokens, end + 1)  # "every cup of coffee": the coffee
        if single and len(words) > 1 and _verb_form(words[-1]):
            words, end = words[:-1], end - 1  # "which cleaner goes where": the cleaner
        thing = _thing(words, weight, i, item_verb) if words else None
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


def _subject_verb(tokens: list[str], at: int) -> str | None:
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


def read_idea(text: str) -> Reading:
    things: list[Thing] = []
    implied: list[str] = []
    hints: list[str] = []
    sold: list[str] = []
    lent: list[str] = []
    offset = 0
    for clause in _SEGMENT_BREAK.split(text):
        tokens = _tokens(clause)
        in_verb_clause = False
        i = 0
        while i < len(tokens):
            token = tokens[i]
            verb = _verb(token)
            # "keep a log of", "keep track of": the noun is a verb in disguise.
            if token in ("log", "track", "record", "list") and tokens[i + 1 : i + 2] == ["of"]:
                verb, i = token, i + 1
            before = tokens[i - 1] if i > 0 else ""
            # "a book club", "vinyl record": a noun that happens to be spelled like a verb.
            after_determiner = before in DETERMINERS or (
                token in NOUN_LIKE
                and before.isalpha()
                and before not in FUNCTION
                and not before.endswith("s")
            )
            followed_by_colon = i + 1 < len(tokens) and tokens[i + 1] == ":"
            if verb and token.endswith("s") and token not in TRIGGERS:
                verb = None
            # "our hackerspace runs workshops", "my bakery sells bread": a verb after all.
            verb = _subject_verb(tokens, i) or verb
            if verb and not after_determiner and not followed_by_colon:
                start = i + 1
                if start < len(tokens) and tokens[start] in ("out", "up"):
                    start += 1
                items, end = _list_at(tokens, start, 3, verb)
                umbrella = len(items) == 1 and not items[0].said.endswith("s")
                if umbrella and tokens[end : end + 1] == [":"]:
                    # "organise the school fete: stalls, volunteers…": the fete is what the
                    # list is about, not one of the records ("my runs: …" are).
                    items = []
                if verb in ("sell", "rent", "buy") and len(items) >= 2:
                    sold.extend(t.phrase for t in items)
                if verb in ("lend", "borrow") and len(items) >= 2:
                    lent.extend(t.phrase for t in items)
                things.extend(items)
                if verb in IMPLIED:
                    implied.append(IMPLIED[verb])
                in_verb_clause = in_verb_clause or bool(items)
                i = max(end, i + 1)
                continue
            if token == ":":
                items, end = _list_at(tokens, i + 1, 3, "")
                things.extend(items)
                in_verb_clause = in_verb_clause or bool(items)
                i = max(end, i + 1)
                continue
            if token in ("with", "from", "to", "including") and i + 1 < len(tokens):
                nxt = tokens[i + 1]
                # "to suppliers", "to their tenants"; not "to water the plants".
                to_noun = token != "to" or nxt in DETERMINERS or nxt.endswith("s")
                if to_noun and (not _verb(nxt) or nxt in FIELD_WORDS):
                    items, end = _list_at(tokens, i + 1, 2, "")
                    things.extend(items)
                    i = max(end, i + 1)
                    continue
            if token in ("has", "have", "had") and _verb(
                tokens[i + 1] if i + 1 < len(tokens) else ""
            ):
                i += 1  # "neighbours have borrowed my ladder": the verb that follows counts
                continue
            if token in ("has", "have", "needs", "shows") and things:
                _, end = _list_at(tokens, i + 1, 1, "")
                hints.extend(tokens[i + 1 : end])
                i = max(end, i + 1)
                continue
            i += 1
        if not in_verb_clause and tokens:
            # "Restaurant table reservations with a waitlist", "Equipment checkout for our
            # school": the opening noun phrase, when it names more than the kind of product.
            words, _ = _phrase(tokens, 0)
            # "Remind me to water my plants": an opening verb is a request, not a thing.
            imperative = tokens[0] in VERBS or _verb(tokens[0]) is not None
            about_us = tokens[0] in _SUBJECTS
            opening = None if imperative or about_us else _thing(words, 1, offset, "")
            if opening is not None:
                things.append(opening)
            if tokens[0] not in FUNCTION or tokens[:1] == ["a"]:
                for_at = tokens.index("for") if "for" in tokens else -1
                if for_at > 0 and opening is None:
                    words, _ = _phrase(tokens, for_at + 1)
                    target = _thing(words, 0, offset + for_at, "")
                    if target is not None:
                        things.append(target)
        # (A date is the record's own detail: "test dates" gave the tests one above.)
        hints.extend(t for t in tokens if t in FIELD_WORDS and t not in _DATES)
        offset += len(tokens) + 1
    return Reading(things, implied, hints, sold, lent)


def is_field_word(thing: Thing) -> bool:
    return thing.head in FIELD_WORDS or singular(thing.head) in FIELD_WORDS


def _as_record(thing: Thing) -> Thing:
    """A detail named as one of the things to keep, as the record it stands for."""
    record = _DETAIL_RECORDS.get(thing.said) if thing.weight >= 3 else None
    if record is None:
        return thing
    return Thing((record,), thing.weight, thing.position, thing.verb, thing.hints)


def chosen_things(reading: Reading, limit: int = 3) -> list[Thing]:
    """The things the app keeps, strongest evidence first, without repeats or details."""
    candidates = [
        record
        for thing in reading.things
        if (record := _as_record(thing)) is not thing or not is_field_word(thing)
    ]
    ranked = sorted(candidates, key=lambda t: (-t.weight, t.position))
    chosen: list[Thing] = []
    taken: set[str] = set()
    for thing in ranked:
        if thing.weight == 0 and chosen:
            continue
        if any(w in taken for w in thing.words):
            continue
        chosen.append(thing)
        taken.update(thing.words)
        if len(chosen) == limit:
            break
    return sorted(chosen, key=lambda t: t.position)
