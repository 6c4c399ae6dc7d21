"""Nouns said only as the values of one word, never as things kept: "each entrant signs up
with a category - under 12s, adults, seniors", "members enter classes: sprint, relay, marathon".

A list after a spaced dash or a colon hangs from the common noun just before it (the word whose
values it lists: a category, the classes entered) when a thing the plan keeps is said before
that word in the same sentence (whose field the word is). Its items are that word's options,
not records of their own, unless the idea says them anywhere else too ("we keep the seniors'
forms") or the word they hang from is itself a thing kept, or too broad to be a field ("three
things: members, classes and fees"). A list opening its sentence ("Bike repairs - road bikes,
e-bikes") hangs from the trade, not a field, and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from livebuild.english.forms import as_singular
from livebuild.english.nlp import EnglishUnavailable, parsed
from livebuild.english.records import umbrella

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from livebuild.english.reading import Reading

# What opens a list of values after their word, spaced ("category - men, women").
_OPENERS = frozenset({"-", "—", "–", ":"})
# What ends the list.
_ENDS = frozenset({".", ";", "!", "?", "(", ")", "—", "–", ":"})
_NOUNS = frozenset({"NN", "NNS"})
# The fewest items a list of values names.
_FEW = 2


def _spaced(token: Token) -> bool:
    return token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)


def _lemma(token: Token) -> str:
    return as_singular(token.lower_)


def _forms(token: Token) -> set[str]:
    """The word's singular both ways ("men": "man" by the tagger's lemma)."""
    return {as_singular(token.lower_), token.lemma_.lower()}


def _lists(sentence: Span) -> Iterator[tuple[Token, list[Token]]]:
    """(the word before the opener, the tokens of the list after it) in `sentence`."""
    for token in sentence:
        if token.text not in _OPENERS or token.i == sentence.start:
            continue
        if token.text != ":" and not _spaced(token):
            continue  # "tie-down", "stop-go": a hyphen inside a word
        word = token.doc[token.i - 1]
        if word.tag_ not in _NOUNS or not word.text.islower():
            continue
        items = []
        for after in token.doc[token.i + 1 : sentence.end]:
            if after.text in _ENDS:
                break
            items.append(after)
        yield word, items


def _items(tokens: list[Token]) -> list[set[str]]:
    """The heads of the list's items: the last word of each part between commas, "and", "or"."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.text in (",", "/") or token.lower_ in ("and", "or", "&"):
            parts.append([])
        elif token.is_alpha:
            parts[-1].append(token)
    return [_forms(p[-1]) for p in parts if p]


def values_listed(
    sentences: Sequence[Span], kinds: Sequence[str], broad: Callable[[str], bool]
) -> set[str]:
    """Of `kinds` (singular heads), those said only as values listed after a word of another
    kind's (`sentences`: the idea's parsed sentences; `broad`: whether a word is too broad to
    be a field, "things", "records")."""
    known = frozenset(kinds)
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        for word, tokens in _lists(sentence):
            owner = _lemma(word)
            if owner in known or broad(owner) or broad(word.lower_):
                continue
            before = {f for t in sentence if t.i < word.i and t.tag_ in _NOUNS for f in _forms(t)}
            items = _items(tokens)
            named = set().union(*items) if items else set()
            if len(items) < _FEW or not (before & known) - named:
                continue
            found |= named & known
            if tokens:
                spans.append((tokens[0].i, tokens[-1].i))
    if not found:
        return set()
    said_elsewhere = {
        f
        for sentence in sentences
        for t in sentence
        if not any(a <= t.i <= b for a, b in spans)
        for f in _forms(t)
    }
    return found - said_elsewhere


def values_not_kinds(heads: Sequence[str], reading: Reading) -> set[str]:
    """Of the kinds chosen (`heads`, singular), those the idea says only as the values of
    another kind's word (`values_listed`). One kind at least stays."""
    if not reading.phrases or len(heads) < 2:
        return set()  # read without the English pipeline, or nothing to spare
    try:
        doc = parsed(reading.fixed)
    except EnglishUnavailable:
        return set()
    found = values_listed(list(doc.sents), heads, umbrella)
    return found if len(found) < len(heads) else set()
