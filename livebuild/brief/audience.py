"""Who the app is for, read from the idea: "for busy owners", "help beekeepers", "I run a gym".

The English reading names the people or the organisation; the plan says them as a short phrase
("Busy owners", "A climbing gym", "Marina owners and boaters"). Times ("for ten years"), the
records themselves ("Airbnb for boat slips") and what is paid for ("pay for class packs") are
never the audience.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from livebuild.brief.text import sentence_case
from livebuild.english.grammar import is_person, with_article
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase
from livebuild.english.reading import Reading as English

_HELPED = frozenset({"help", "let", "allow", "enable"})
# Verbs by which the founder says what they run ("I run a makerspace", "we're a repair cafe").
_RUNS = frozenset({"run", "own", "have", "be", "manage", "start", "open"})
_FOUNDERS = frozenset({"i", "we", "he", "she", "they", "sister", "brother", "wife", "husband"})
_MAX_WORDS = 6


def _said(phrase: Phrase) -> str:
    words = phrase.written.split()[-_MAX_WORDS:]
    text = " ".join(words)
    if phrase.plural:
        return sentence_case(text)
    return sentence_case(with_article(text))


def _who(phrase: Phrase) -> bool:
    words = lexicon()
    return is_person(phrase.head) or phrase.head in words.organisations


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
    # "for busy owners", "for my cattery"; not "Spotify for sheet music" (what it is about).
    return p.preposition == "for" and (_who(p) or (p.sentence == 0 and (p.plural or p.mine)))


def _helped(p: Phrase) -> bool:
    return (p.role == "nsubj" and p.over in _HELPED) or (p.role == "dobj" and p.verb in _HELPED)


def _founders(p: Phrase) -> bool:
    return p.role in ("dobj", "attr") and p.verb in _RUNS and p.subject in _FOUNDERS


def _organisation(p: Phrase) -> bool:
    return p.sentence == 0 and p.head in lexicon().organisations


def _opening_organisation(english: English) -> str | None:
    """ "Kennel management: ...", "Church volunteer rota": the organisation qualifying it."""
    organisations = lexicon().organisations
    for phrase in english.phrases:
        if phrase.sentence > 0:
            break
        for n, word in enumerate(phrase.modifiers):
            if word in organisations:
                return sentence_case(with_article(" ".join(phrase.modifiers[: n + 1])))
    return None


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
    """Who the idea says the app is for, or None when it doesn't say."""
    usable = [p for p in english.phrases if _usable(p, kept)]
    tests: tuple[Callable[[Phrase], bool], ...] = (_for, _helped, _founders, _organisation)
    for test in tests:
        phrase = next((p for p in usable if test(p)), None)
        if phrase is not None:
            return _said(phrase)
    return _opening_organisation(english) or _people(english.phrases, kept)
