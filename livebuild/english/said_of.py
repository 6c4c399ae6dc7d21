"""The details a founder lists of one thing, read from the parse: "bikes (make, model, colour)",
"each coin with country, year and what I paid", "every extinguisher (type, size, where it hangs)".

A list of details stands in brackets after the thing, or after "with" attached to it; its items
are split at commas and "and", whatever the tagger made of each word ("make" is read as a verb).
An item is either a noun phrase ("start date", "the options they picked" -> "options") or a
question said as a detail ("what I paid", "when it was installed", "whether it worked", "which
tree"), whose opening word says what it holds: a sum, a date, a yes or no, a link.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.english.forms import as_singular as _as_singular
from livebuild.english.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A word's singular asks the dictionary; a long idea says the same words many times.
as_singular = functools.lru_cache(maxsize=4096)(_as_singular)

# Words that end a list of details, or part its items.
_PARTS = frozenset({",", "and", "&", "+", "/"})
_ENDS = frozenset({".", ";", ":", "!", "?", ")", "-", "—", "–", "plus", "also", "then"})
_MOST_WORDS = 5
_MOST_ITEMS = 8
# The most words a detail's name takes ("public liability insurance expiry").
_MOST_NAME_WORDS = 4
# How many details a list names before a record's word in it is one of them.
_FEW = 3
# What opens a list of a thing's details after its word ("every lesson - what we covered").
_DASHES = frozenset({":", "—", "–"})
_OPTION_DASHES = frozenset({"-", "—", "–"})
_PER = frozenset({"per", "for"})
# Brackets that give examples, not details ("tools (e.g. drills)").
_EXAMPLES = frozenset({"e.g.", "eg", "like", "etc", "etc.", "such", "...", "…", "including"})
# What a sum of money is said with ("what I paid", "what it cost", "what we charged").
_MONEY_VERBS = frozenset({"pay", "cost", "charge", "spend", "owe", "sell"})


@dataclass(frozen=True)
class SaidDetail:
    """One detail said of a thing: the thing's word as written (lowercase), the detail's words,
    and what its wording says it holds ("" when the words alone say nothing)."""

    owner: str
    words: tuple[str, ...]
    holds: str = ""
    # "which tree": the thing it names, to be a link when the plan keeps it.
    names: str = ""
    # A question said as a detail, as written ("What I paid"); "" for a noun phrase.
    label: str = ""
    # Said in brackets after the thing ("materials (slate, lead)" may be kinds of it).
    bracketed: bool = False
    # Said with an article ("the team sheet", "the customer"): maybe a thing of its own.
    article: bool = False
    # "who booked which class": a record of the act (`said_links`), never a field.
    joined: bool = False
    # Listed after a dash or colon ("every flight: pilot, drone"): maybe things of their own.
    dashed: bool = False


def _is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or token.tag_ in ("NN", "NNS")


def _spaced(tokens: Sequence[Token], at: int) -> bool:
    """Whether the dash at `at` stands apart ("the tree - wide or narrow"), not in a word."""
    return at > 0 and bool(tokens[at - 1].whitespace_)


def _past_options(tokens: Sequence[Token], at: int) -> int:
    """Where a list in brackets goes on after a detail's options said after a dash: at the
    closing dash ("fibre - manila, hemp -, diameter"), else at the next comma."""
    for n in range(at + 1, len(tokens)):
        if tokens[n].text in _OPTION_DASHES and _spaced(tokens, n):
            return n + 1
    return next((n for n in range(at + 1, len(tokens)) if tokens[n].text == ","), len(tokens))


def _items(tokens: Sequence[Token], bracketed: bool = False) -> Iterator[list[Token]]:
    """The items of a list, split at commas and "and". An aside in brackets ("age (juniors
    play free)") is passed over; in brackets, a dash gives the item's options ("the model -
    symmetric or lute-backed"), which are passed over too."""
    item: list[Token] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token.text == "(":
            close = next((n for n in range(at, len(tokens)) if tokens[n].text == ")"), None)
            if close is None:
                break
            at = close + 1
            if at < len(tokens) and tokens[at].lower_ not in _PARTS:
                # "their treatment (braces, retainers) with start date": a thing of its own
                return
            continue
        if bracketed and token.text in _OPTION_DASHES and item and _spaced(tokens, at):
            yield item
            item = []
            at = _past_options(tokens, at)
            continue
        if token.lower_ in _ENDS:
            break
        if token.lower_ in _PARTS or (token.lower_ == "or" and not item):
            if item:
                yield item
            item = []
        else:
            item.append(token)
        at += 1
    if item:
        yield item


def _question(item: list[Token], owner: str) -> SaidDetail | None:
    """ "what I paid" -> money; "when it was fitted" -> a date; "whether it worked" -> yes/no;
    "which tree" -> a link to trees; "who picked", "where it hangs" -> written."""
    first = item[0].lower_
    words = tuple(t.lower_ for t in item if t.is_alpha)
    said = item[0].doc[item[0].i : item[-1].i + 1].text
    label = said[:1].upper() + said[1:]
    if first in ("whether", "if"):
        return SaidDetail(owner, words, "boolean", label=label)
    if first == "when":
        return SaidDetail(owner, words, "date", label=label)
    if first == "which" and len(item) > 1 and _is_noun(item[1]):
        return SaidDetail(owner, (item[1].lower_,), "", names=item[1].lemma_.lower())
    if first == "how" and len(item) > 1 and item[1].lower_ in ("many", "much", "long", "far"):
        holds = "money" if any(t.lemma_ in _MONEY_VERBS for t in item) else "number"
        return SaidDetail(owner, words, holds, label=label)
    if first == "who" and any(t.lower_ in ("which", "what") for t in item[1:]):
        return SaidDetail(owner, words, joined=True)  # "who booked which class"
    if first in ("what", "who", "where"):
        money = first == "what" and any(t.lemma_ in _MONEY_VERBS for t in item[1:])
        return SaidDetail(owner, words, "money" if money else "text", label=label)
    return None


def _detail(item: list[Token], owner: str) -> SaidDetail | None:
    article = bool(item) and item[0].lower_ in ("the", "a", "an", "my", "our")
    while item and item[0].pos_ in ("DET", "PRON") and item[0].tag_ in ("DT", "PRP$"):
        item = item[1:]  # "the", "their"
    if not item or len(item) > _MOST_WORDS:
        return None
    if item[0].tag_ in ("WP", "WRB", "WDT", "IN") and item[0].lower_ != "of":
        return _question(item, owner)
    # "the options they picked": the noun phrase, not what is said of it.
    words: list[str] = []
    for token in item:
        if token.tag_ in ("PRP", "VBD", "VBZ", "VBP", "IN", "TO") and words:
            break  # "the options they picked", "parent contact for the kids"
        if not token.is_alpha:
            return None
        words.append(token.lower_)
    if len(words) > _MOST_NAME_WORDS or not words:
        return None
    last = item[len(words) - 1]
    if not (_is_noun(last) or (last.tag_ in ("VB", "VBN", "JJ") and len(words) <= 2)):
        return None
    return SaidDetail(owner, tuple(words), article=article)


def _sentences(doc: Doc) -> list[int]:
    """Where each sentence starts (asking a token for its sentence walks the whole parse)."""
    return [s.start for s in doc.sents]


def _sentence(starts: list[int], at: int, size: int) -> tuple[int, int]:
    n = bisect.bisect_right(starts, at) - 1
    return starts[n], starts[n + 1] if n + 1 < len(starts) else size


def _owner(doc: Doc, at: int, records: frozenset[str], start: int) -> str | None:
    """The thing a list at `at` is said of: the nearest record word before it in its
    sentence ("the gates we put in (...)")."""
    for token in reversed(doc[max(start, at - 6) : at]):
        if token.lemma_.lower() in records or token.lower_ in records:
            return _held_by(token, records).lower_
    return None


def _held_by(token: Token, records: frozenset[str]) -> Token:
    """ "the materials per course (...)": the thing kept per the other, not the other."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ in _PER and prep.head.i < token.i:
        held = prep.head
        if held.lemma_.lower() in records or held.lower_ in records:
            return held
    return token


def _slashed(inside: Span) -> list[Token]:
    """The words in brackets without the items said as their options ("pass/fail"): those
    are no detail's name; "(bronze/silver/gold)" alone is the thing's options, no details."""
    segments: list[list[Token]] = [[]]
    for token in inside:
        if token.text == ",":
            segments.append([])
        segments[-1].append(token)
    if len(segments) < 2:
        return [] if any("/" in t.text for t in inside) else list(inside)
    return [t for seg in segments if not any("/" in t.text for t in seg) for t in seg]


def _kinds_of_it(items: list[list[Token]]) -> bool:
    """ "(wheels, gates, bike frames)", "(yacht, tug, steam)", "(Vespa, Lambretta)": kinds of
    the thing, not its details; but one plural among details ("couple, date, guests") is one
    of them, and "(ID, street, type)" are details."""
    plural = sum(
        1 for i in items if len(i) == 1 and (i[0].tag_ == "NNS" or i[0].lower_.endswith("ing"))
    )
    named = any(len(i) == 1 and i[0].pos_ == "PROPN" and not i[0].is_upper for i in items)
    return named or plural * 2 > len(items) or (plural > 0 and len(items) <= 2)


def _aside(doc: Doc, at: int, items: list[list[Token]], records: frozenset[str]) -> bool:
    """ "school (if they tell us)", "phone (so we can call)": one clause in brackets after a
    detail says when or why of it, no detail of its own; right after the thing's word, "each
    job (if it was paid)" asks a yes or no of the job."""
    before = doc[at - 1] if at else None
    if len(items) != 1 or before is None or before.lemma_.lower() in records:
        return False
    return before.lower_ not in records and items[0][0].lower_ in lexicon().asides


def _bracketed(doc: Doc, records: frozenset[str], starts: list[int]) -> Iterator[list[SaidDetail]]:
    for token in doc:
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i :] if t.text == ")"), None)
        owner = _owner(doc, token.i, records, _sentence(starts, token.i, len(doc))[0])
        inside = doc[token.i + 1 : close] if close is not None else doc[token.i + 1 : token.i]
        if owner is None or not len(inside) or any(t.lower_ in _EXAMPLES for t in inside):
            continue
        items = list(_items(_slashed(inside), bracketed=True))
        if not items or _kinds_of_it(items) or _aside(doc, token.i, items, records):
            continue
        said = [d for d in (_detail(i, owner) for i in items) if d is not None]
        said = [dataclasses.replace(d, bracketed=True) for d in said]
        if len(said) >= 2 or (said and len(items) == 1 and said[0].holds):
            yield said


def _each(token: Token) -> bool:
    """ "each order", "every lesson", "a member": one of the thing, whose details follow."""
    return any(c.dep_ == "det" and c.lower_ in lexicon().one_of for c in token.children)


def _record_word(token: Token, records: frozenset[str]) -> bool:
    return token.lemma_.lower() in records or token.lower_ in records


def _has(token: Token, records: frozenset[str]) -> str | None:
    """ "every order has the label, the artist ...": the thing whose details follow."""
    if token.lemma_ != "have" or token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or not _record_word(subject, records):
        return None
    return subject.lower_


def _for_each(token: Token, records: frozenset[str]) -> str | None:
    """ "for each job I need the client, the date ...": the thing whose details follow."""
    if token.lemma_ not in lexicon().detail_verbs or token.pos_ != "VERB":
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in _PER):
        said = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if said is not None and prep.i < token.i and _each(said) and _record_word(said, records):
            return said.lower_
    return None


def _opens_list(
    doc: Doc, token: Token, records: frozenset[str], start: int
) -> tuple[str, bool] | None:
    """The thing a list opened at `token` is of, and whether it is said plainly as that
    thing's details ("every order has ...", "for each job I need ...", "for each session:"):
    "each job with ...", "every lesson - what we covered, ...", "customers: name, phone";
    None when `token` opens no list of details."""
    if token.i == 0:
        return None
    if token.lower_ == "with":
        owner = _owner(doc, token.i, records, start)
        return (owner, False) if owner is not None else None
    plain = _has(token, records) or _for_each(token, records)
    if plain is not None:
        return plain, True
    before = doc[token.i - 1]
    dash = token.text in _DASHES or (token.text == "-" and token.whitespace_ and before.whitespace_)
    if dash and _record_word(before, records):
        return before.lower_, _each(before)
    return None


def _with(doc: Doc, records: frozenset[str], starts: list[int]) -> Iterator[list[SaidDetail]]:
    for token in doc:
        start, end = _sentence(starts, token.i, len(doc))
        opened = _opens_list(doc, token, records, start)
        if opened is None:
            continue
        owner, plain = opened
        said: list[SaidDetail] = []
        # After another thing the list names ("the parts I used"), only questions said of
        # the work go on ("and what I charged"); a plain word is the next thing kept.
        passed = False
        for item in _items(list(doc[token.i + 1 : min(end, token.i + 40)])):
            detail = _detail(item, owner)
            plural = any(t.tag_ == "NNS" for t in item)
            if detail is None or (passed and not detail.label):
                break
            kept = detail.words[-1] in records and plural and not detail.label
            if kept and not detail.names:
                passed = True  # "... and the payments": the next thing kept, not a detail
                continue
            said.append(detail)
            if len(said) >= _MOST_ITEMS:
                break
        if not plain and token.lower_ != "with":
            said = [dataclasses.replace(d, dashed=True) for d in said]
        if said:
            yield said


def said_of(doc: Doc, records: Sequence[str]) -> list[SaidDetail]:
    """Each detail the idea lists of one of `records` (singular words, lowercase)."""
    known = frozenset(records) | frozenset(r + "s" for r in records)
    found: list[SaidDetail] = []
    starts = _sentences(doc)
    for listed in (*_bracketed(doc, known, starts), *_with(doc, known, starts)):
        found += listed
    return list(dict.fromkeys(found))  # "with due dates" said thirty times is one detail


def kinds_said_as_details(doc: Doc, records: Sequence[str]) -> set[str]:
    """The `records` said as one detail of another record ("each coin with country, year,
    denomination and grade": a grade is the coin's, not a record of its own)."""
    known = frozenset(records)
    found: set[str] = set()
    listed = said_of(doc, records)
    for said in listed:
        owner = as_singular(said.owner)
        # Of a list of details ("venue and package" may be two things a booking names).
        if sum(1 for other in listed if other.owner == said.owner) < _FEW:
            continue
        if said.label or said.names or said.article or said.joined or said.dashed:
            continue  # "callouts with the customer": the customer may be kept on its own
        if owner not in known:
            continue
        # "their belt", "licence renewal date": a record's word said in one detail of another
        found |= {w for w in said.words if w in known and w != owner}
    # A thing said in the plural elsewhere ("the lenders I use") is kept on its own.
    return {w for w in found if not any(t.tag_ == "NNS" and t.lemma_ == w for t in doc)}


def kept_per(doc: Doc, records: Sequence[str]) -> list[tuple[str, str]]:
    """(record, record it is kept for) said with "per" or "for/on/to each": "daily egg counts
    per pen", "the readings for each meter" -> the count names its pen, the reading its meter."""
    known = frozenset(records)
    found: list[tuple[str, str]] = []
    for token in doc:
        if token.dep_ != "prep" or not _is_noun(token.head):
            continue
        for said in (c for c in token.children if c.dep_ == "pobj"):
            each = token.lower_ == "per" or any(
                c.dep_ == "det" and c.lower_ in ("each", "every") for c in said.children
            )
            owner, target = as_singular(token.head.lower_), as_singular(said.lower_)
            if each and owner in known and target in known and owner != target:
                found.append((owner, target))
    return found
