"""Relative clauses inside a list of things: "who borrowed them", "the songs we learn".

A founder's list often says something about one of its items ("the harvests they bring back",
"the grades members give them"). The clause is not a thing of its own and must not swallow the
rest of the list. A clause that opens an item can still name one: "who borrowed them" means the
app keeps loans, "who is attending" means it keeps attendees, "which dogs" is the dogs.
"""

from __future__ import annotations

from livebuild.english.acts import act_noun
from livebuild.english.inflections import all_lemmas
from livebuild.english.lexicon import lexicon
from livebuild.english.shape_words import shape_words
from livebuild.english.words import VERBS

_WORDS = shape_words()
# Words after a noun phrase that begin a clause about it ("songs *we* learn", "games *they*
# own", "scores *each* match ends with", "clients *who* send them").
_OPENERS = _WORDS["clause_openers"]
# Words that open an item as a clause rather than a noun.
QUESTION_WORDS = _WORDS["question_words"]
# Separators between the items of a list.
SEPARATORS = frozenset({",", "and", "or", "&", "/"})
_AUXILIARY = _WORDS["auxiliaries"]
# Having or borrowing something the app lends: the record is a loan, not a person.
_LENDING = _WORDS["lending"]
_OBJECTS = _WORDS["objects"]
_PAST = _WORDS.table("past")
# Verbs of having, wanting or doing in general: what they take is no act to keep.
_EMPTY = lexicon().empty_verbs | {"make", "take", "find", "go", "come", "think", "know", "work"}
# People named by what they do, where adding "-er" would be wrong or odd.
_AGENTS = _WORDS.table("agents")
# Verbs whose doer is a plain "-er" noun ("borrower", "player", "singer", "scorer").
_DOER_VERBS = VERBS | _WORDS["doer_verbs"]
# Verbs a clause's plural subject may take ("the pieces members *bring* in").
_CLAUSE_VERBS = VERBS | _WORDS["clause_verbs"]


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


_NOT = frozenset({"not", "n't", "never", "still", "already", "yet", "hasn't", "haven't"})


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


# "who paid", "who has paid", "who still owes": whether each one is paid, not people to keep.
_PAYING = frozenset({"pay", "owe"})


def clause_detail(tokens: list[str], at: int) -> str | None:
    """The detail a clause opening a list item asks for of the list's record, if it names one
    rather than a kind of record: "who paid" -> "paid"."""
    if tokens[at] not in ("who", "whom"):
        return None
    end = clause_end(tokens, at)
    words = [t for t in tokens[at + 1 : end] if t not in _AUXILIARY and t not in _NOT]
    if not words:
        return None
    verb = _PAST.get(words[0], words[0])
    return "paid" if verb in _PAYING or verb.rstrip("s") in _PAYING else None


def clause_item(tokens: list[str], at: int) -> tuple[str | None, int]:
    """The thing a clause opening a list item names (or None), and where the clause ends.

    "who borrowed them" -> "loan"; "who is attending" -> "attendee"; "what each one paid" ->
    nothing. ("which dogs …" is a noun phrase after all and is left to the caller.)
    """
    end = clause_end(tokens, at)
    if tokens[at] == "what":
        return _what_was_done(tokens[at + 1 : end]), end
    if tokens[at] not in ("who", "whom", "who's"):
        return None, end
    i = at + 1
    being = tokens[at] == "who's"
    while i < end and tokens[i] in _AUXILIARY:
        if tokens[i] in ("has", "have", "had") and (i + 1 >= end or tokens[i + 1] in _OBJECTS):
            return "loan", end  # "who has them"
        being = being or tokens[i] in ("is", "are", "was", "were", "be", "been")
        i += 1
    if i >= end:
        return None, end
    verb = tokens[i]
    doer = being or _stem(verb) is not None  # "who walked them": walkers
    if verb not in _LENDING and not doer and _done_to_them(tokens[i + 1 : end], _THEM):
        return act_noun(verb), end  # "who referred them": referrals (not "who saw it")
    if being and verb.endswith("ed") and _done_to_them(tokens[i + 1 : end], _IT):
        return act_noun(verb), end  # "who's booked on them", "who's buried in it"
    if being and verb.endswith("ed"):
        return None, end  # "who has been trained": the people it is done to, unnamed
    if verb in _LENDING and not (verb in _HOLDING and tokens[i + 1 : i + 2] != ["them"]):
        return "loan", end  # "who borrowed the ladder", "who holds them"
    if _which(tokens[i + 1 : end]):
        return None, end  # "who booked which class": which of them did it, no new people
    stem = _stem(verb)
    return (_doer(stem) if stem else None), end


# Who does what a "what" clause says the founder keeps: "what *we've* planted", "what *they*
# order each week"; not "what each one paid" (a detail of each).
_DOERS = frozenset({"we", "they", "i", "you"})
# Words between the doer and the verb: "what we *actually* delivered", "what was *last* done".
_BETWEEN = frozenset({"actually", "usually", "normally", "last", "just", "then", "also", "ever"})


def _what_was_done(words: list[str]) -> str | None:
    """The record of the act a "what" clause opening a list item says ("what we've planted":
    plantings, "what they order each week": orders, "what was recorded": records), when its
    doer is the founder's side or unsaid and its verb does more than have, take or make."""
    words = list(words)
    passive = not words or words[0] in ("was", "were", "is", "are", "gets", "got")
    if words and words[0].split("'")[0] in _DOERS:
        words = words[1:]
    elif not passive:
        return None
    words = [w for w in words if w not in _AUXILIARY and w not in _BETWEEN and w not in _NOT]
    if not words:
        return None
    verb = words[0]
    if passive and not (verb.endswith(("ed", "en")) or verb in _PAST):
        return None  # "what was wrong": how it was, no act
    lemmas = all_lemmas(verb, upos="VERB").get("VERB", ())
    if not lemmas or any(v in _EMPTY or v in _PAST.values() for v in lemmas):
        return None  # "what we need", "what they took": no act of its own to keep
    return act_noun(verb)


def done_items(tokens: list[str]) -> list[str]:
    """The records of the acts said as list items of "what" clauses in `tokens` ("kids, the
    beds, what we've planted, and what we harvest": plantings, harvests)."""
    found = []
    for at, token in enumerate(tokens):
        if token == "what" and (at == 0 or tokens[at - 1] in SEPARATORS | {":"}):
            noun = _what_was_done(tokens[at + 1 : clause_end(tokens, at + 1)])
            if noun is not None:
                found.append(noun)
    return found


# Words that ask which of the records a clause joins: "who booked *which* class".
_WHICH = frozenset({"which", "whichever"})


def _which(rest: list[str]) -> bool:
    """Whether the words after a "who" clause's verb ask which record it was done to ("who
    booked which class", "who's coming to which session"; not "who teaches what"): the doers
    are people kept already, joined to the records, never a kind of person of their own."""
    if rest[:1] and rest[0] in _TOWARDS:
        rest = rest[1:]
    return bool(rest) and rest[0] in _WHICH


# Words that say a clause's act is done to the list's own things: "who referred *them*", "who's
# booked on *each*".
# Holding, said of a thing by name, is no lending: "who holds the keys", "who holds the right
# of burial".
_HOLDING = frozenset({"hold", "holds", "held"})
# (Done to "it", an act may be the record itself: "who saw it" says who made the sighting.)
_THEM = frozenset({"them", "each", "these", "those"})
_IT = _THEM | {"it", "one"}
_TOWARDS = frozenset({"on", "onto", "to", "for", "into", "in", "at"})


def _done_to_them(rest: list[str], them: frozenset[str]) -> bool:
    """Whether the words after a "who" clause's verb say it is done to the things listed."""
    if rest[:1] and rest[0] in _TOWARDS:
        rest = rest[1:]
    return bool(rest) and rest[0] in them
