"""The product an idea names in its first sentence: "A *pomodoro timer* for ...", "Cellar book
for ...", or the verb it opens with as a request ("convert recipes to metric")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from livebuild.english.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NOUNS = frozenset({"NOUN", "PROPN"})
MODIFIER_ROLES = frozenset({"compound", "amod", "nmod"})
_NOUNS = NOUNS
_MODIFIER_ROLES = MODIFIER_ROLES

_WANTING = frozenset({"want", "need", "build", "make", "create", "be", "like", "love"})
_PRODUCT_VERB_ROLES = frozenset({"acl", "relcl", "xcomp", "advcl"})


# Parts of speech that may come before the noun that opens a sentence ("a *live* buzzer").
_BEFORE_OPENING = frozenset({"DET", "ADJ", "NUM", "PRON", "PUNCT", "SPACE", "SYM"})


def _opening_noun(first: Span) -> Token | None:
    """The noun a sentence opens with, before any verb ("Live buzzer for our quiz night")."""
    for token in first:
        if token.pos_ in _NOUNS and token.dep_ not in _MODIFIER_ROLES:
            return token
        if token.pos_ not in _BEFORE_OPENING and token.dep_ not in _MODIFIER_ROLES:
            return None
    return None


def _product_token(doc: Doc) -> Token | None:
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    opening_noun = _opening_noun(first)
    if opening_noun is not None:
        return opening_noun
    # "A trivia game for ...": a sentence that opens with a noun phrase names the product
    # ("Track the books ..." opens with a request).
    opening = next(iter(first.noun_chunks), None)
    if doc[first.start].pos_ == "VERB":
        opening = None
    if opening is not None and opening.start <= first.start + 1 and opening.root.pos_ in _NOUNS:
        return opening.root
    root = first.root
    if root.pos_ in _NOUNS:
        return root
    if root.lower_ in lexicon().generic and any(c.dep_ == "relcl" for c in root.children):
        return root  # "Something that translates what I type into Morse code"
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in _NOUNS:
            return child
    if root.lemma_.lower() in _WANTING:
        return next((c for c in root.children if c.dep_ in ("dobj", "attr")), None)
    return None


def product(doc: Doc) -> tuple[tuple[str, ...], tuple[str, ...], str, int]:
    """The words naming the product (head first), the verbs said of it, its head noun and where
    that noun stands (-1 when the idea opens with something else)."""
    token = _product_token(doc)
    if token is None:
        return (), _imperative(doc), "", -1
    modifiers = [c for c in token.lefts if c.dep_ in _MODIFIER_ROLES or c.dep_ == "npadvmod"]
    words = [token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()]
    if modifiers:
        words += [m.lower_ for m in reversed(modifiers)]
    if words[0] in lexicon().generic and len(words) > 1:
        words = words[1:]  # "a metronome app": the metronome names it
    verbs = tuple(c.lemma_.lower() for c in token.children if c.dep_ in _PRODUCT_VERB_ROLES)
    # Only a noun the idea opens with is the product itself ("Cellar book for ...: bottles").
    opens = all(t.pos_ in _BEFORE_OPENING or t.dep_ in _MODIFIER_ROLES for t in doc[: token.i])
    return tuple(words), verbs, token.lemma_.lower(), token.i if opens else -1


# Parts of speech that end the words an idea opens with ("typing speed game *for* my class").
_ENDS_OPENING = frozenset({"ADP", "PUNCT", "CCONJ", "SCONJ", "AUX", "PART", "SPACE", "SYM"})


def opening(doc: Doc) -> tuple[str, ...]:
    """The words an idea opens with, before its first preposition, comma or verb, lowercase
    and in their singular ("typing speed game for my class" -> typing, speed, game): however
    the parser joined them, the last of them names what the founder wants."""
    first = next(iter(doc.sents), None)
    if first is None:
        return ()
    said: list[str] = []
    for token in first:
        if _inside_a_word(token):
            continue  # "hi-vis kit hire": a hyphen inside a word ends nothing
        if token.pos_ in _ENDS_OPENING or len(said) >= 8:
            break
        if token.pos_ == "VERB" and token.tag_ != "VBG" and said:
            break
        if token.pos_ in ("DET", "NUM") or token.tag_ in ("PRP$", "WDT"):
            if said:
                break
            continue
        said.append(token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_)
    return tuple(said)


def _inside_a_word(token: Token) -> bool:
    """Whether `token` is a hyphen written inside a word ("hi-vis", "t-shirt")."""
    doc = token.doc
    return (
        token.text == "-"
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
        and token.i + 1 < len(doc)
    )


def _imperative(doc: Doc) -> tuple[str, ...]:
    """The verb an idea opens with as a request ("convert recipes to metric"): what it does."""
    first = next(iter(doc.sents), None)
    if first is None or first.root.pos_ != "VERB" or first.root.i != first.start:
        return ()
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in first.root.children):
        return ()
    return (first.root.lemma_.lower(),)
