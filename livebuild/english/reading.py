"""An idea read once: its sentences, noun phrases, lists, verbs, quantities and language.

Everything that needs to know English asks this reading, not the raw text. The text is
cleaned and corrected first (`cleaned`); the noun phrases and lists come from `phrases`. A
noun phrase knows its head (as written, and as the dictionary word it means: "memebers" ->
"member"), the words that qualify it ("boat" in "boat slips"), the part it plays in its
sentence (the object of "track", an item of a list, the subject of "book") and whether it is
a name ("Airbnb").
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.english import nlp, spelling
from livebuild.english.cleaned import cleaned
from livebuild.english.phrases import (
    Phrase,
    a_name,
    a_noun_by_its_opener,
    acronyms,
    as_gerund,
    bracketed_words,
    gerund_head,
    is_head,
    lists,
    noun_tag,
    phrase,
)
from livebuild.english.product import opening, product

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Phrase", "Reading", "read", "words_of"]

log = logging.getLogger(__name__)

_MONEY = re.compile(
    r"[£$€¥]\s?\d[\d,.]*(?:\s?[kKmM]\b)?|\b\d[\d,.]*\s?(?:pounds|dollars|euros|usd|gbp|eur)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|weekly|"
    r"daily|monthly|yearly|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b",
    re.I,
)
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Reading:
    text: str
    # The text with its typos corrected: what everything after the reading works from.
    fixed: str
    sentences: tuple[str, ...]
    phrases: tuple[Phrase, ...]
    # Each list is the indexes (into `phrases`) of its items, in order.
    lists: tuple[tuple[int, ...], ...]
    verbs: tuple[str, ...]
    quantities: tuple[str, ...]
    money: tuple[str, ...]
    dates: tuple[str, ...]
    language: str
    # Typos found, as written -> as meant ("memebers" -> "members").
    corrections: tuple[tuple[str, str], ...]
    # Each word (lowercase) with the fine tags it was read as ("become": VB; "slips": NNS).
    tags: tuple[tuple[str, str], ...] = ()
    # Verbs that have a subject of their own: "become" in "quotes become jobs".
    clause_verbs: frozenset[str] = frozenset()
    # The words naming the product in the first sentence, head first ("timer", "pomodoro";
    # for a general head, its nearest qualifier: "metronome" of "a metronome app").
    product: tuple[str, ...] = ()
    # Verbs said of the product ("calculate" in "an app to calculate ...").
    product_verbs: tuple[str, ...] = ()
    # The noun that names the product, even a general one ("tracker" in "a game tracker").
    product_head: str = ""
    # Where that noun stands among the words (-1: the idea names no product).
    product_index: int = -1
    # The words the idea opens with, before its first preposition, comma or verb, lowercase
    # ("typing", "speed", "game" of "typing speed game for my class, words fall ...").
    opening: tuple[str, ...] = ()
    # Words said inside brackets, lowercase: examples and options, never records.
    bracketed: frozenset[str] = frozenset()
    # Words written as names (capitalised inside a sentence, never in small letters), lowercase:
    # "polish" of "interpreters for Polish, Romanian", "bronze" of "Packages: Bronze £12".
    names: frozenset[str] = frozenset()
    # Words written as abbreviations (in capitals, never in small letters), lowercase: "ibs",
    # "fodmap" of "mostly IBS and low FODMAP"; never records.
    acronyms: frozenset[str] = frozenset()

    def tags_of(self, word: str) -> set[str]:
        word = word.lower()
        return {tag for said, tag in self.tags if said == word}

    def phrase_for(self, said: str) -> Phrase | None:
        """The first phrase whose head was written as `said` (any case)."""
        said = said.lower()
        return next((p for p in self.phrases if p.said == said), None)


def _language(doc: Doc) -> str:
    words = [t.lower_ for t in doc if t.is_alpha]
    if not words:
        return "unknown"
    english = sum(1 for w in words if spelling.known(w))
    return "en" if english * 2 >= len(words) else "other"


def _unread(text: str) -> Reading:
    """What is known of `text` without the English pipeline: nothing but the text."""
    return Reading(
        text=text,
        fixed=text,
        sentences=(text,),
        phrases=(),
        lists=(),
        verbs=(),
        quantities=(),
        money=tuple(m.group(0) for m in _MONEY.finditer(text)),
        dates=tuple(m.group(0) for m in _DATE.finditer(text)),
        language="unknown",
        corrections=(),
    )


@functools.lru_cache(maxsize=64)
def read(text: str) -> Reading:
    """The reading of `text`; the same text is parsed once however often it is asked for.

    Without the English pipeline (setup not run) the reading is empty and says so in the log:
    plans still come from the sentence patterns, only less well."""
    try:
        return _read(text)
    except nlp.EnglishUnavailable as error:
        log.error("%s", error)
        return _unread(text)


def _read(text: str) -> Reading:
    fixed, corrections = cleaned(text)
    doc = nlp.parsed(fixed)  # kept: the details reader reads the same parse
    product_words, product_verbs, product_head, product_index = product(doc)
    sentences = tuple(s.text.strip() for s in doc.sents)
    starts = [s.start for s in doc.sents]
    inside = bracketed_words(doc)
    phrases: list[Phrase] = []
    # "-ing" words read as the nouns they are ("truck *restocking*": NN, not VBG).
    gerunds: set[str] = set()
    # Words the tagger took for verbs that a determiner opens ("each *walk*"): nouns.
    opened = {t.lower_: noun_tag(t) for t in doc if a_noun_by_its_opener(t)}
    for token in doc:
        if is_head(token) or a_noun_by_its_opener(token):
            sentence = sum(1 for s in starts if s <= token.i) - 1
            said = phrase(token, sentence, token.i in inside)
            gerund = gerund_head(token)
            if gerund is not None:
                said = as_gerund(said, gerund)
                gerunds.add(gerund.lower_)
            phrases.append(said)
    ordered = tuple(phrases)
    quantities = tuple(f"{t.text} {t.head.text}" for t in doc if t.like_num and t.dep_ == "nummod")
    return Reading(
        text=text,
        fixed=fixed,
        sentences=sentences,
        phrases=ordered,
        lists=lists(ordered, doc),
        verbs=tuple(t.lemma_.lower() for t in doc if t.pos_ == "VERB"),
        quantities=quantities,
        money=tuple(m.group(0) for m in _MONEY.finditer(text)),
        dates=tuple(m.group(0) for m in _DATE.finditer(text)),
        language=_language(doc),
        corrections=corrections,
        tags=tuple(
            dict.fromkeys(
                [
                    *((t.lower_, t.tag_) for t in doc if t.is_alpha),
                    *((g, "NN") for g in gerunds),
                    *opened.items(),
                ]
            )
        ),
        product=product_words,
        product_verbs=product_verbs,
        product_head=product_head,
        product_index=product_index,
        opening=opening(doc),
        bracketed=frozenset(w for i in inside for w in _WORD.findall(doc[i].lower_)),
        names=frozenset(t.lower_ for t in doc if a_name(t)),
        acronyms=acronyms(doc),
        clause_verbs=frozenset(
            t.lower_
            for t in doc
            if t.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") for c in t.children)
        ),
    )


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())
