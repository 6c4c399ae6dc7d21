"""What a noun's place in the sentence says of it as an example or an item on a price list.

A careful reader knows "cats" in "animals (cats and dogs)", "products like mugs and bowls",
"stock such as cones, including flakes" or "sportswear — vests, hoodies" is an example of the
noun the list hangs from, a variety of one kind, not a kind of its own; and that "a wash" in
"a wash is $20, a full detail $90" is an item of a price list. Both are read from the parse
(the words around the noun), never from which nouns they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from livebuild.english import forms
from livebuild.english.product import NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Parts a noun plays that make it part of a list ("cats and dogs").
_LIST_ROLES = frozenset({"conj", "appos"})
# Words that bring examples of the noun they hang on ("products *like* mugs", "*including*").
_EXAMPLE_WORDS = frozenset({"like", "including", "incl", "especially", "mainly", "mostly"})
# Dashes that bring examples of the noun before them ("sportswear — vests, hoodies").
_DASHES = frozenset({"—", "–", "-", "--"})
# Words of money after a number ("20 pounds").
_MONEY_WORDS = frozenset({"pounds", "pound", "dollars", "dollar", "euros", "euro", "quid", "bucks"})
# Words that open a noun said as one of its own or asked about ("every pedal I own", "the
# boards themselves", "which rocket"): never an example of another noun.
_OPENERS = frozenset(
    {"which", "what", "whose", "each", "every", "the", "my", "our", "their", "his", "her", "its"}
)
# How far after a noun its price may stand ("a wash is $20", "a full detail $90").
_PRICE_REACH = 4


def _first_of_list(token: Token) -> Token:
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in NOUNS:
        first = first.head
    return first


def example_of(token: Token) -> str:
    """The noun `token` is an example of, singular, lowercase ("animal" for "cats" of "animals
    (cats and dogs)", "product" for "mugs" of "products like mugs, plates and bowls"), or ""."""
    if any(c.dep_ in ("det", "poss") and c.lower_ in _OPENERS for c in token.children):
        return ""  # "every pedal I own", "(which rocket, ...)": one of its own, or a detail
    return _bracketed_under(token) or _introduced_under(token) or _dashed_under(token)


def _singular(token: Token) -> str:
    word = token.lower_
    return forms.singular(word) if token.tag_ in ("NNS", "NNPS") else word


def _bracketed_under(token: Token) -> str:
    """ "animals (cats and dogs)": the noun right before the bracket `token` stands in."""
    doc = token.doc
    sentence_start = token.sent.start
    for at in range(token.i - 1, sentence_start - 1, -1):
        word = doc[at].text
        if ")" in word:
            return ""
        if word == "(":
            before = doc[at - 1] if at > sentence_start else None
            if before is not None and before.pos_ in NOUNS and before.is_alpha:
                return _singular(before)
            return ""
    return ""


def _introduced_under(token: Token) -> str:
    """ "products like mugs", "stock such as cones", "tools, including saws": the noun the
    example word hangs on."""
    first = _first_of_list(token)
    word = first.head
    if first.dep_ != "pobj" or word is first:
        return ""
    such = word.lower_ == "as" and word.i > 0 and word.doc[word.i - 1].lower_ == "such"
    if not (such or word.lower_ in _EXAMPLE_WORDS):
        return ""
    hung = word.head
    if hung.lower_ == "such":
        hung = hung.head
    return _singular(hung) if hung.pos_ in NOUNS and hung is not first else ""


def _dashed_under(token: Token) -> str:
    """ "we print sportswear — vests, hoodies": the noun before the dash."""
    first = _first_of_list(token)
    doc = token.doc
    start = first.left_edge.i
    if start < 2 or doc[start - 1].text not in _DASHES or not doc[start - 1].whitespace_:
        return ""
    before = doc[start - 2]
    if before.pos_ in NOUNS and before.dep_ in ("dobj", "pobj", "appos", "conj", "attr"):
        return _singular(before)
    return ""


def priced(token: Token) -> bool:
    """Whether a price stands right after `token`, before any other noun or break ("a wash is
    $20", "a full detail $90", "boxes at £5"): an item of a price list."""
    doc = token.doc
    for after in doc[token.i + 1 : token.i + 1 + _PRICE_REACH]:
        if after.is_currency or (after.lower_ in _MONEY_WORDS and after.i > token.i + 1):
            return True
        if after.pos_ in NOUNS or (after.is_punct and after.text in ",;.!?()"):
            return False
    return False
