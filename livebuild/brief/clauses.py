"""Relative clauses inside a list of things: "who borrowed them", "the songs we learn".

A founder's list often says something about one of its items ("the harvests they bring back",
"the grades members give them"). The clause is not a thing of its own and must not swallow the
rest of the list. A clause that opens an item can still name one: "who borrowed them" means the
app keeps loans, "who is attending" means it keeps attendees, "which dogs" is the dogs.
"""

from __future__ import annotations

from livebuild.brief.text import VERBS, wordset

# Words after a noun phrase that begin a clause about it ("songs *we* learn", "games *they*
# own", "scores *each* match ends with", "clients *who* send them").
_OPENERS = wordset(
    """who whom that which whose i we you they he she it each every the a an my our their his
    her your its"""
)
# Words that open an item as a clause rather than a noun.
QUESTION_WORDS = wordset("who whom what which when where how whether")
# Separators between the items of a list.
SEPARATORS = frozenset({",", "and", "or", "&", "/"})
_AUXILIARY = wordset("is are was were be been will would can could does do did has have had")
# Having or borrowing something the app lends: the record is a loan, not a person.
_LENDING = wordset(
    """has have had holds held borrow borrows borrowed borrowing took takes taken rent rents
    rented renting keep keeps kept hold"""
)
_OBJECTS = wordset("them it which what one ones those these something")
_PAST = {
    "took": "take",
    "came": "come",
    "ran": "run",
    "won": "win",
    "sang": "sing",
    "gave": "give",
    "brought": "bring",
    "bought": "buy",
    "led": "lead",
    "drove": "drive",
    "held": "hold",
    "kept": "keep",
    "made": "make",
    "paid": "pay",
    "sent": "send",
    "sold": "sell",
    "taught": "teach",
    "went": "go",
    "wrote": "write",
}
# People named by what they do, where adding "-er" would be wrong or odd.
_AGENTS = {
    "book": "customer",
    "attend": "attendee",
    "come": "attendee",
    "join": "member",
    "sign": "member",
    "donate": "donor",
    "visit": "visitor",
    "volunteer": "volunteer",
    "coach": "coach",
    "host": "host",
    "sponsor": "sponsor",
    "mentor": "mentor",
    "tutor": "tutor",
    "referee": "referee",
    "guide": "guide",
    "cook": "cook",
    "apply": "applicant",
    "participate": "participant",
    "subscribe": "subscriber",
}
# Verbs whose doer is a plain "-er" noun ("borrower", "player", "singer", "scorer").
_DOER_VERBS = VERBS | wordset(
    """attend borrow lend play sing score win run swim climb ride walk drive shop teach train
    bake grow own use visit work help lead speak perform dance paint write clean deliver
    care foster adopt"""
)


# Verbs a clause's plural subject may take ("the pieces members *bring* in").
_CLAUSE_VERBS = VERBS | wordset(
    """bring own use make grow learn take give play sing love need want have do cook bake
    climb ride run wear eat drink borrow lend leave win lose score choose pick visit attend
    practise practice fix repair drop"""
)


def opens_clause(tokens: list[str], at: int) -> bool:
    """Whether the words at `at`, right after a noun phrase, are a clause about it."""
    if at >= len(tokens):
        return False
    word = tokens[at]
    if word in _OPENERS:
        return True
    # "the grades members give them": a plural subject, then its verb.
    return word.endswith("s") and at + 1 < len(tokens) and tokens[at + 1] in _CLAUSE_VERBS


def clause_end(tokens: list[str], at: int) -> int:
    """Where the clause starting at `at` ends: the next separator, or the end."""
    while at < len(tokens) and tokens[at] not in SEPARATORS and tokens[at] != ":":
        at += 1
    return at


def _stem(word: str) -> str | None:
    """The base form of a verb form that "who" can take ("borrowed", "is attending")."""
    if word in _PAST:
        return _PAST[word]
    candidates: list[str] = []
    if word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        candidates += [stem, stem + "e", stem[:-1]]
    elif word.endswith("ed") and len(word) > 4:
        candidates += [word[:-2], word[:-1], word[:-3]]
    elif word.endswith("es") and len(word) > 4:
        candidates += [word[:-2], word[:-1]]
    elif word.endswith("s") and len(word) > 3:
        candidates.append(word[:-1])
    else:
        candidates.append(word)
    return next((c for c in candidates if c in _AGENTS or c in _DOER_VERBS), None)


def _doer(stem: str) -> str:
    if stem in _AGENTS:
        return _AGENTS[stem]
    if stem.endswith("e"):
        return stem + "r"
    if len(stem) > 2 and stem[-1] in "bdgmnpt" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        return stem + stem[-1] + "er"  # run -> runner, win -> winner
    return stem + "er"


def clause_item(tokens: list[str], at: int) -> tuple[str | None, int]:
    """The thing a clause opening a list item names (or None), and where the clause ends.

    "who borrowed them" -> "loan"; "who is attending" -> "attendee"; "what each one paid" ->
    nothing. ("which dogs …" is a noun phrase after all and is left to the caller.)
    """
    end = clause_end(tokens, at)
    if tokens[at] not in ("who", "whom"):
        return None, end
    i = at + 1
    being = False
    while i < end and tokens[i] in _AUXILIARY:
        if tokens[i] in ("has", "have", "had") and (i + 1 >= end or tokens[i + 1] in _OBJECTS):
            return "loan", end  # "who has them"
        being = being or tokens[i] in ("is", "are", "was", "were", "be", "been")
        i += 1
    if i >= end:
        return None, end
    verb = tokens[i]
    if being and verb.endswith("ed"):
        return None, end  # "who has been trained": the people it is done to, unnamed
    if verb in _LENDING:
        return "loan", end
    stem = _stem(verb)
    return (_doer(stem) if stem else None), end
