"""Nouns said only as the values of one word, never as things kept: "each entrant signs up
with a category - under 12s, adults, seniors", "members enter classes - sprint, relay, marathon".

A list after a spaced dash hangs from the bare common noun just before it (the word whose
values it lists: a category, the classes entered; not "the odd festival", one thing named)
when a thing the plan keeps is said before that word in the same sentence (whose field the
word is). Its items are bare nouns (the list ends at a word that opens a clause or a phrase of
its own: "- I need the callouts", "- mostly farm shops and a couple of restaurants"), that
word's options, not records of their own, unless the idea says them anywhere else too ("we keep
the seniors' forms") or the word they hang from is itself a thing kept, or too broad to be a
field ("three things - members, classes and fees"). A list after the phrase opening its
sentence ("Bike repairs - road bikes, e-bikes") hangs from the trade, not a field, and a list
after a colon is the details of a thing ("admission card: owner, the treatment"): both are
left alone. So is a list whose word is counted ("we run three courses - beginners, advanced":
things the founder has) or whose items go on to be given details each ("- each with a price").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from livebuild.english.forms import as_singular
from livebuild.english.nlp import EnglishUnavailable, parsed
from livebuild.english.records import umbrella

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from livebuild.english.reading import Reading

# What opens a list of values after their word, spaced ("category - men, women").
_OPENERS = frozenset({"-", "—", "–"})
# What ends the list.
_ENDS = frozenset({".", ";", "!", "?", "(", ")", "-", "—", "–", ":"})
_NOUNS = frozenset({"NN", "NNS"})
# Words that open a clause or a phrase of their own, ending a list of bare values ("I", "the",
# "mostly", "for", "so"); inside a hyphened word ("tie-down") they are part of a value.
_NOT_BARE = frozenset({"DET", "PRON", "AUX", "VERB", "ADV", "ADP", "SCONJ", "PART"})
# Articles that name any one of a kind ("with *an* age category").
_ANY = frozenset({"a", "an"})
# Words that may stand between a value's word and what introduces it ("the *odd* festival").
_MODIFIERS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
# The fewest items a list of values names.
_FEW = 2
# Words that, just after a list, give its items details of their own ("- each with a price").
_EACH = frozenset({"each", "every"})
# How many words after a list may come before those ("- and each one has").
_NEAR = 3


def _spaced(token: Token) -> bool:
    return token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)


def _lemma(token: Token) -> str:
    return as_singular(token.lower_)


def _forms(token: Token) -> set[str]:
    """The word's singular both ways ("men": "man" by the tagger's lemma)."""
    return {as_singular(token.lower_), token.lemma_.lower()}


def _hyphened(token: Token) -> bool:
    """Whether `token` is part of a word joined by a hyphen ("tie-down")."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return before or after


def _bare(word: Token, sentence: Span) -> bool:
    """Whether `word` names any one of its kind, as a field does: said bare or after "a" ("with
    name and category", "an age category", "enter events"); not after "the" or "our" (one
    thing: "the odd festival") nor opening the sentence ("Bee removal service")."""
    at = word.i - 1
    while at >= sentence.start and (word.doc[at].pos_ in _MODIFIERS or word.doc[at].tag_ == "VBG"):
        if word.doc[at].pos_ == "NUM":
            return False  # counted: things the founder has ("three courses"), not a field
        at -= 1
    if at < sentence.start:
        return False
    opener = word.doc[at]
    return opener.pos_ not in ("DET", "PRON") or opener.lower_ in _ANY


def _closing(opener: Token, sentence: Span) -> int:
    """Where the aside `opener` opens is closed by another spaced dash, or -1."""
    for after in opener.doc[opener.i + 1 : sentence.end]:
        if after.text in _OPENERS and _spaced(after):
            return after.i
    return -1


def _lists(sentence: Span) -> Iterator[tuple[Token, list[Token]]]:
    """(the word before the opener, the tokens of the list after it) in `sentence`."""
    closing = -1  # the dash that closes an aside ("offcuts - card, foam - and schools pay")
    for token in sentence:
        if token.text not in _OPENERS or token.i == sentence.start or not _spaced(token):
            continue  # (a hyphen inside a word: "tie-down", "stop-go")
        if token.i == closing:
            continue
        closing = _closing(token, sentence)
        word = token.doc[token.i - 1]
        if word.tag_ not in _NOUNS or not word.text.islower() or not _bare(word, sentence):
            continue
        items = []
        for after in token.doc[token.i + 1 : sentence.end]:
            if after.text in _ENDS and (after.text != "-" or _spaced(after)):
                break
            if after.pos_ in _NOT_BARE and not _hyphened(after):
                break
            items.append(after)
        if not _each_detailed(token.doc, token.i + len(items) + 1, sentence.end):
            yield word, items


def _each_detailed(doc: Doc, end: int, stop: int) -> bool:
    """Whether the words just after a list, from `end`, go on to say each of its items has
    details of its own ("- each with its own dates", "- and each one has a price"): things
    kept, not one word's values."""
    return any(t.lower_ in _EACH for t in doc[end : min(end + _NEAR, stop)])


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
