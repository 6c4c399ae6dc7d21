"""Who the app is for, read from the idea: "for busy owners", "help beekeepers", "I run a gym".

The English reading names the people or the organisation; the plan says them as a short phrase
("Busy owners", "A climbing gym", "Marina owners and boaters"). Times ("for ten years"), the
records themselves ("Airbnb for boat slips") and what is paid for ("pay for class packs") are
never the audience.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from livebuild.brief.audience_words import (
    LEVELS,
    NOT_AGENTS,
    NOT_OBJECTS,
    PLACES,
    PLAIN_WORDS,
    SERVED,
    VEHICLES,
    WHERE,
)
from livebuild.brief.text import sentence_case, truncate_words
from livebuild.brief.things import plural_of
from livebuild.english.forms import as_singular
from livebuild.english.grammar import is_person, with_article
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase
from livebuild.english.reading import Reading as English

_HELPED = frozenset({"help", "let", "allow", "enable"})
# Verbs by which the founder says what they run ("I run a makerspace", "we're a repair cafe").
_RUNS = frozenset({"run", "own", "have", "be", "manage", "start", "open"})
_FOUNDERS = frozenset({"i", "we", "he", "she", "they", "sister", "brother", "wife", "husband"})
_MAX_WORDS = 6
_MAX_CHARS = 60
_MOST_SAID = 10
# The longest word in capitals kept as an acronym ("PADI", "IT").
_ACRONYM = 4
# How far into the idea (in words) "for a wine collector" still says who it is for.
_OPENING = 12
# What the founder does, and who does it: "I teach guitar" -> "Guitar teachers".
_AGENTS = {
    "teach": "teacher",
    "tutor": "tutor",
    "coach": "coach",
    "train": "trainer",
    "groom": "groomer",
    "walk": "walker",
    "sit": "sitter",
    "clean": "cleaner",
    "breed": "breeder",
    "bake": "baker",
    "brew": "brewer",
    "photograph": "photographer",
    "repair": "repairer",
    "tune": "tuner",
    "design": "designer",
    "foster": "carer",
    "mentor": "mentor",
}
_TRADE_SAID = re.compile(rf"\b(?:i|we)\s+({'|'.join(_AGENTS)})\s+([a-z]{{3,20}})\b", re.I)
# "I do dog grooming", "we offer house sitting": the trade said as the work.
_WORK_SAID = re.compile(
    r"\b(?:i|we)\s+(?:do|offer|provide)\s+(?:([a-z]{3,20})\s+)?([a-z]{2,20})ing\b", re.I
)
_AGENT_ENDS = ("er", "or", "ist", "ian", "smith")
# The qualifying words said before a phrase ("bike" of "a bike repair shop").
_QUALIFIERS = frozenset({"NN", "NNS", "VBG"})


def _said(phrase: Phrase) -> str:
    words = phrase.written.split()[-_MAX_WORDS:]
    text = " ".join(words)
    if phrase.plural:
        return sentence_case(text)
    return sentence_case(with_article(text))


def _whole(phrase: Phrase, english: English) -> str:
    """The phrase with the nouns said before it that the reading left off ("bike repair
    shop" of "We're a bike repair shop", "dog grooming salon")."""
    said = phrase.written
    sentence = (
        english.sentences[phrase.sentence] if phrase.sentence < len(english.sentences) else ""
    )
    match = re.search(rf"((?:[A-Za-z-]+\s+){{0,3}}){re.escape(said)}\b", sentence, re.I)
    if match is None:
        return said
    words: list[str] = []
    for word in reversed(match.group(1).split()):
        if not english.tags_of(word) & _QUALIFIERS or word.lower() in said.split():
            break
        words.insert(0, word.lower())
    return " ".join([*words, *said.split()][-_MAX_WORDS:])


def _mobile(phrase: Phrase, english: English) -> str | None:
    """ "A little mobile bike repair van" -> "Mobile bike repair businesses": the business a
    vehicle carries, never the vehicle; None for a vehicle that says no trade ("a van")."""
    if phrase.head not in VEHICLES:
        return None
    trade = [w for w in _whole(phrase, english).split()[:-1] if w != "mobile"]
    return sentence_case(f"mobile {' '.join(trade)} businesses") if trade else None


def _businesses(phrase: Phrase, english: English) -> str:
    """ "We're a bike repair shop" -> "Bike repair shops": the app is for businesses like it
    (or a trade: "a kids party magician" -> "Kids party magicians")."""
    mobile = _mobile(phrase, english)
    if mobile:
        return mobile
    if not (_who(phrase) or _agent(phrase.head)):
        return _said(phrase)
    whole = _whole(phrase, english)
    return sentence_case(whole if phrase.plural else plural_of(whole))


def _plain(taught: str) -> bool:
    """Whether what is taught names no subject: a level ("4th grade"), or people ("kids")."""
    return taught in LEVELS or is_person(taught)


def _agent_of(stem: str) -> str | None:
    """The trade of a verb's stem as "-ing" leaves it: "groom", "sitt" (sit), "bak" (bake)."""
    for verb in (stem, stem[:-1] if stem[-1:] == stem[-2:-1] else stem, f"{stem}e"):
        if verb in _AGENTS:
            return _AGENTS[verb]
    return None


def _work(english: English) -> str | None:
    """ "i do dog grooming" -> "Dog groomers"."""
    match = _WORK_SAID.search(english.fixed)
    agent = _agent_of(match.group(2).lower()) if match else None
    if match is None or agent is None:
        return None
    what = (match.group(1) or "").lower()
    if not what or what in NOT_OBJECTS or _plain(as_singular(what)):
        return sentence_case(plural_of(agent))
    return sentence_case(f"{as_singular(what)} {plural_of(agent)}")


def _trade(english: English) -> str | None:
    """ "I teach guitar" -> "Guitar teachers"; "we groom dogs" -> "Dog groomers"."""
    work = _work(english)
    if work:
        return work
    for p in english.phrases:
        agent = _AGENTS.get(p.verb)
        if agent and p.role == "dobj" and p.subject in _FOUNDERS and not (p.proper or p.number):
            if _plain(p.head) or any(c.isdigit() for w in p.modifiers for c in w):
                return sentence_case(plural_of(agent))  # "I teach 4th grade": teachers
            what = " ".join([*p.modifiers, as_singular(p.head)][-3:])
            return sentence_case(f"{what} {plural_of(agent)}")
    # "We groom dogs" read as a noun ("groom"): the words say it all the same.
    match = _TRADE_SAID.search(english.fixed)
    if match is None or match.group(2).lower() in NOT_OBJECTS:
        return None
    what, agent = as_singular(match.group(2).lower()), _AGENTS[match.group(1).lower()]
    return sentence_case(plural_of(agent) if _plain(what) else f"{what} {plural_of(agent)}")


def _place(head: str) -> bool:
    # "bookshop", "woodshop": a shop all the same.
    return head in lexicon().organisations or head in PLACES or head.endswith(("shop", "store"))


def _agent(head: str) -> bool:
    """Whether `head` names someone by what they do: a plumber, a translator, a locksmith."""
    if is_person(head):
        return True
    return len(head) > 4 and head.endswith(_AGENT_ENDS) and head not in NOT_AGENTS


def _who(phrase: Phrase) -> bool:
    return is_person(phrase.head) or _place(phrase.head)


def _opening_trade(english: English, kept: set[str]) -> str | None:
    """ "personal trainer here", "im a plumber", "Freelance translator (DE>EN)": the founder's
    trade, said first, is who the app is for."""
    first = next((p for p in english.phrases if p.sentence == 0), None)
    if first is None or first.proper or first.number or first.head in SERVED:
        return None
    if not _agent(first.head):
        return None
    if first.head in kept and first.index > 0:
        return None
    return _businesses(first, english)


def _usable(phrase: Phrase, kept: set[str]) -> bool:
    words = lexicon()
    # People the app keeps can be who it is for too ("for dog groomers"); activities can't.
    return not (
        (phrase.head in kept and not _who(phrase))
        or phrase.said.endswith("ing")
        or phrase.head in words.attributes
        or phrase.proper
        or phrase.number
        or (phrase.head in words.generic and phrase.head not in words.organisations)
    )


def _for(p: Phrase) -> bool:
    # "for busy owners", "for my cattery"; not "Spotify for sheet music" (what it is about),
    # nor one person listed among what is kept ("booked for events, customer, dates").
    if p.role == "conj" and not p.plural:
        return False
    return p.preposition == "for" and (
        _who(p)
        or (p.sentence == 0 and (p.plural or p.mine or (p.index < _OPENING and _agent(p.head))))
    )


def _helped(p: Phrase) -> bool:
    # "lets owners book", "help beekeepers"; not "it lets couples pay the deposit" read as
    # letting the deposit.
    said = (p.role == "nsubj" and p.over in _HELPED) or (p.role == "dobj" and p.verb in _HELPED)
    return said and (p.plural or _who(p) or _agent(p.head))


def _founders(p: Phrase) -> bool:
    return p.role in ("dobj", "attr") and p.verb in _RUNS and p.subject in _FOUNDERS


def _organisation(p: Phrase) -> bool:
    # "classes in my garage": where the founder works, not whom the app serves.
    place = _place(p.head) or p.head in VEHICLES
    return p.sentence == 0 and place and not p.bracketed and p.preposition not in WHERE


def _opening_organisation(english: English) -> str | None:
    """ "Kennel management: ...", "Church volunteer rota": the organisation qualifying it."""
    organisations = lexicon().organisations | PLACES
    for phrase in english.phrases:
        if phrase.sentence > 0:
            break
        for n, word in enumerate(phrase.modifiers):
            if word in organisations:
                return sentence_case(with_article(" ".join(phrase.modifiers[: n + 1])))
    return None


# An idea's heading: its first few words, up to a full stop, colon, dash or "!" ("Community
# choir admin!!").
_HEADING = re.compile(r"\s*([A-Za-z][A-Za-z' ]{2,40}?)\s*(?:[.:!\-\u2013\u2014]|$)")


# Words that make a heading a sentence about a place rather than the name of an organisation.
_NOT_NAMING = WHERE | _FOUNDERS | {"my", "our", "the", "for", "of", "with", "to", "and"}


def _heading_organisation(english: English) -> str | None:
    """ "Community choir admin!! singers ...", "allotment society - plots ...": the organisation
    the heading names, where the reading kept no phrase of it."""
    match = _HEADING.match(english.text)
    if match is None:
        return None
    words = match.group(1).lower().split()
    places = lexicon().organisations | PLACES
    at = next((n for n, w in enumerate(words) if w in places), None)
    if at is None or len(words) > _MAX_WORDS:
        return None
    if any(w in _NOT_NAMING for w in words[:at]):
        return None  # "Evening pottery classes in my garage": where, not who
    return sentence_case(with_article(" ".join(words[: at + 1])))


def _people(phrases: Iterable[Phrase], kept: set[str]) -> str | None:
    """Plural people who act in the idea ("marina owners list ...; boaters book ...")."""
    found: list[str] = []
    for p in phrases:
        if p.role == "nsubj" and p.plural and is_person(p.head) and p.written not in found:
            found.append(p.written)
    if not found:
        return None
    return sentence_case(" and ".join(found[:2]))


def audience(english: English, kept: set[str]) -> str | None:
    """Who the idea says the app is for, or None when it doesn't say; a short phrase."""
    said = _audience(english, kept)
    if not said:
        return None
    plain = sentence_case(" ".join(PLAIN_WORDS.get(w.lower(), w) for w in said.split()))
    return _cased(truncate_words(plain, _MOST_SAID, _MAX_CHARS), english)


def _cased(said: str, english: English) -> str:
    """`said` with the short capitals the founder wrote kept: "IT technicians", "PADI dive
    centres" (not when the whole idea is in capitals)."""
    if english.text.upper() == english.text:
        return said
    words = [
        w.upper()
        if len(w) <= _ACRONYM and re.search(rf"\b{re.escape(w.upper())}\b", english.text)
        else w
        for w in said.split()
    ]
    return sentence_case(" ".join(words))


def _audience(english: English, kept: set[str]) -> str | None:
    usable = [p for p in english.phrases if _usable(p, kept)]
    tests: tuple[Callable[[Phrase], bool], ...] = (_for, _helped)
    for test in tests:
        phrase = next((p for p in usable if test(p)), None)
        if phrase is not None:
            return _said(phrase)
    trade = _opening_trade(english, kept) or _trade(english)
    if trade:
        return trade
    # "a van for moving furniture": a vehicle that says no trade says no one.
    usable = [p for p in usable if p.head not in VEHICLES or _mobile(p, english)]
    for test in (_founders, _organisation):
        phrase = next((p for p in usable if test(p)), None)
        if phrase is not None:
            said = _businesses(phrase, english)
            # "mobile sauna hire business." read as a bare "Businesses": the heading says more.
            bare = said.lower() in (phrase.head, plural_of(phrase.head))
            return (_heading_organisation(english) if bare else None) or said
    return (
        _opening_organisation(english)
        or _heading_organisation(english)
        or _people(english.phrases, kept)
    )
