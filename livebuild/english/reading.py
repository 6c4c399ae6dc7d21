"""An idea read once: its sentences, noun phrases, lists, verbs, quantities and language.

Everything that needs to know English asks this reading, not the raw text. A noun phrase
knows its head (as written, and as the dictionary word it means: "memebers" -> "member"), the
words that qualify it ("boat" in "boat slips"), the part it plays in its sentence (the object
of "track", an item of a list, the subject of "book") and whether it is a name ("Airbnb").
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.english import forms, nlp, spelling
from livebuild.english.lexicon import lexicon
from livebuild.english.product import MODIFIER_ROLES, NOUNS, opening, product

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# Parts a noun plays that make it part of a list ("clients, shoots and invoices").
_LIST_ROLES = frozenset({"conj", "appos"})
_NOUNS = NOUNS
_MODIFIER_ROLES = MODIFIER_ROLES
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
# Nouns that stand for a verb before "of" ("keep track of", "a log of", "a list of").
_VERB_NOUNS = frozenset({"track", "log", "record", "list", "note", "catalogue", "catalog"})
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Phrase:
    """A noun phrase: "their empty boat slips" has head "slip", modifiers ("empty", "boat")."""

    head: str
    said: str
    modifiers: tuple[str, ...]
    role: str
    verb: str
    preposition: str
    sentence: int
    index: int
    proper: bool
    number: bool
    listed: bool
    plural: bool
    # For a possessor ("each dog's details"), the head of what it has ("detail").
    possesses: str = ""
    # The verb above this phrase's verb ("help" in "help beekeepers log hives").
    over: str = ""
    # The part the governing verb plays: "relcl" in "the grades members give".
    verb_role: str = ""
    # The governing verb's subject, lowercase ("i" in "I run a makerspace").
    subject: str = ""
    # Whether a noun comes right before it ("the grades *members* give them").
    after_noun: bool = False
    # Whether the founder says it is theirs ("*my* cattery", "*our* street").
    mine: bool = False
    # For the object of a preposition, the word the preposition hangs on ("organiser" in
    # "organiser with ingredients", "swim" in "log swims with distance").
    attached: str = ""
    # Whether "each" or "every" counts it ("log *each* booking").
    each: bool = False
    # Whether it is said in brackets, as an example or an option ("the package (bronze/gold)").
    bracketed: bool = False
    # The word that introduces it, lowercase: "a" in "a chipper", "my" in "my home kitchen".
    determiner: str = ""
    # Whether its list is of alternatives ("burial or cremation"): the options of a detail.
    alternative: bool = False
    # Who its clause is about, lowercase: "i" in "I've got a chipper and a stump grinder",
    # "customers" in "customers request a pickup", "you" in a request ("Log a booking"), "-"
    # in a clause with no verb ("Currently a whiteboard."), "" when it is the subject itself.
    clause_subject: str = ""
    # The fine tag of the word after it ("RP" of "brings *in*", "DT" of "picks *a*").
    next_tag: str = ""

    @property
    def written(self) -> str:
        """The phrase as the idea wrote it, lowercase: "busy owners", "climbing gym"."""
        return " ".join((*self.modifiers, self.said))

    @property
    def words(self) -> tuple[str, ...]:
        return (*self.modifiers, self.head)

    @property
    def text(self) -> str:
        return " ".join(self.words)


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

    def tags_of(self, word: str) -> set[str]:
        word = word.lower()
        return {tag for said, tag in self.tags if said == word}

    def phrase_for(self, said: str) -> Phrase | None:
        """The first phrase whose head was written as `said` (any case)."""
        said = said.lower()
        return next((p for p in self.phrases if p.said == said), None)


def _own_words(doc: Doc) -> frozenset[str]:
    return frozenset(t.lower_ for t in doc if t.is_alpha)


def _acronym_or_name(token: Token, sentence_start: bool) -> bool:
    """ "IMEI", "HIIT"; a capitalised word inside a sentence ("Bristol") is a name."""
    text = token.text
    if len(text) > 1 and text.isupper():
        return True
    return text[:1].isupper() and not sentence_start


def _with_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def corrected(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`text` with its typos corrected, before parsing (a parser misreads "memebrs"), and the
    corrections made, as written -> as meant."""
    words = nlp.tokens(text)
    own = _own_words(words)
    out: list[str] = []
    fixes: dict[str, str] = {}
    sentence_start = True
    for token in words:
        word = token.text
        if token.is_alpha and not _acronym_or_name(token, sentence_start):
            meant = spelling.correction(token.lower_, own)
            if meant != token.lower_:
                fixes[token.lower_] = meant
                word = _with_case(meant, word)
        out.append(word + token.whitespace_)
        if not token.is_space:
            sentence_start = token.text in (".", "!", "?", ":", ";", "-", "\n")
    return "".join(out), tuple(fixes.items())


def _governor(token: Token) -> tuple[str, str, str]:
    """The role, verb and preposition that govern `token`, through the list it is in."""
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in _NOUNS:
        first = first.head
    role = first.dep_
    verb = preposition = ""
    head = first.head
    if role == "pobj" and head.pos_ == "ADP":
        preposition = head.lower_
        head = head.head
        if preposition == "of" and head.lower_ in _VERB_NOUNS:
            return role, head.lower_, ""  # "keep track of members": members are tracked
    if head.pos_ in ("VERB", "AUX"):
        verb = head.lemma_.lower()
    return role, verb, preposition


def _modifiers(token: Token) -> tuple[str, ...]:
    words: list[str] = []
    for child in reversed(list(token.lefts)):
        if child.dep_ not in _MODIFIER_ROLES or child.i != token.i - len(words) - 1:
            break
        if child.like_num or not child.is_alpha:
            break
        words.insert(0, child.lower_)
    return tuple(words)


def _subject(verb: Token) -> str:
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    return next((c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), "")


def _bracketed(doc: Doc) -> frozenset[int]:
    """The words said inside brackets."""
    inside: set[int] = set()
    depth = 0
    for token in doc:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(token.i)
    return frozenset(inside)


def _phrase(token: Token, sentence: int, bracketed: bool = False) -> Phrase:
    word = token.lower_
    plural = token.tag_ in ("NNS", "NNPS")
    head = forms.singular(word) if plural else word
    role, verb, preposition = _governor(token)
    brand = word in lexicon().brands
    acronym = token.text.rstrip("s").isupper()  # "SKUs", "IMEI"
    proper = brand or (token.pos_ == "PROPN" and not acronym and not spelling.known(word))
    listed = (
        role in _LIST_ROLES
        or token.dep_ in _LIST_ROLES
        or any(c.dep_ == "conj" for c in token.children)
    )
    return Phrase(
        head=head,
        said=token.lower_,
        modifiers=_modifiers(token),
        role=_role(token),
        verb=verb,
        preposition=preposition,
        sentence=sentence,
        index=token.i,
        proper=proper,
        number=token.like_num or any(c.dep_ == "nummod" for c in token.children),
        listed=listed,
        plural=plural,
        possesses=forms.singular(token.head.lower_) if token.dep_ == "poss" else "",
        over=token.head.head.lemma_.lower() if token.head.head is not token.head else "",
        verb_role=token.head.dep_ if token.head.pos_ in ("VERB", "AUX") else "",
        subject=_subject(token.head) if token.head is not token else "",
        after_noun=token.i > 0 and token.doc[token.i - 1].pos_ in _NOUNS,
        mine=any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in token.children),
        attached=_attached(token),
        each=any(c.dep_ == "det" and c.lower_ in ("each", "every") for c in token.children),
        bracketed=bracketed,
        determiner=_determiner(token),
        alternative=_alternative(token),
        clause_subject=_clause_subject(token),
        next_tag=token.nbor().tag_ if token.i + 1 < len(token.doc) else "",
    )


def _clause_subject(token: Token) -> str:
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in _NOUNS:
        first = first.head
    if first.dep_ in ("nsubj", "nsubjpass", "pobj"):
        return ""  # it acts, or it is what something is with, for or of
    verb = first.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # through a preposition ("from my kitchen") or a noun it qualifies
    if verb.pos_ not in ("VERB", "AUX"):
        return "-"
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject.lower_ if subject is not None else "you"  # "Log a booking": the founder


def _role(token: Token) -> str:
    """The part `token` plays; a noun joined to a verb is its object, the verb left out
    ("keep track of clients, and their invoices": the invoices are kept)."""
    if token.dep_ == "conj" and token.head.pos_ == "VERB" and token.tag_ in ("NN", "NNS"):
        return "dobj"
    return token.dep_


def _determiner(token: Token) -> str:
    """ "a" of "a chipper", "my" of "my kitchen": the word that introduces the noun."""
    return next(
        (c.lower_ for c in token.children if c.dep_ in ("det", "poss") and c.i < token.i), ""
    )


def _alternative(token: Token) -> bool:
    """Whether `token` is one of a list joined by "or" ("burial or cremation", "veg or
    non-veg"): options said for one record, not kinds of record."""
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in _NOUNS:
        first = first.head
    if first.dep_ in ("nsubj", "nsubjpass"):
        return False  # "which agency or direct client sent it": records that act
    joined = [c.lower_ for c in first.subtree if c.dep_ == "cc" and c.head.i in _items(first)]
    return bool(joined) and all(j in ("or", "nor") for j in joined)


def _items(first: Token) -> set[int]:
    items = {first.i}
    frontier = [first]
    while frontier:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj":
                items.add(child.i)
                frontier.append(child)
    return items


def _attached(token: Token) -> str:
    """The word the preposition before `token` hangs on, through the list it is in."""
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in _NOUNS:
        first = first.head
    if first.dep_ != "pobj" or first.head.pos_ != "ADP":
        return ""
    return first.head.head.lemma_.lower()


def _is_head(token: Token) -> bool:
    # "dog" in "dog slips" is a modifier; a head ends its phrase.
    return token.pos_ in _NOUNS and token.dep_ not in _MODIFIER_ROLES and token.is_alpha


def _lists(phrases: tuple[Phrase, ...], doc: Doc) -> tuple[tuple[int, ...], ...]:
    at = {p.index: n for n, p in enumerate(phrases)}
    found: list[tuple[int, ...]] = []
    for n, phrase in enumerate(phrases):
        token = doc[phrase.index]
        if token.dep_ in _LIST_ROLES and token.head.i in at:
            continue  # an inner item: its list starts further left
        items = [n]
        frontier = [token]
        while frontier:
            current = frontier.pop(0)
            for child in current.children:
                if child.dep_ in _LIST_ROLES and child.i in at:
                    items.append(at[child.i])
                    frontier.append(child)
        if len(items) > 1:
            found.append(tuple(sorted(items)))
    return tuple(found)


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


def _shouted(text: str) -> bool:
    """Whether `text` is written in capitals throughout (a parser reads each word as a name)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 10 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# Pictures in the text ("🐝", "🍯"): no words, and a parser reads them as nouns that break lists.
_PICTURES = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+")


@functools.cache
def _chat() -> re.Pattern[str]:
    """Chat said around the idea ("Please", "pls", "lol"), with a comma after it."""
    said = "|".join(sorted(lexicon().fillers, key=len, reverse=True))
    return re.compile(rf"\b(?:{said})\b,?[ \t]*", re.I)


def _read(text: str) -> Reading:
    # Chat is no part of the idea, and a parser reads the words after it wrongly ("Please
    # track fixtures" is not a "track fixture").
    words = _chat().sub("", _PICTURES.sub(" ", text))
    fixed, corrections = corrected(words.lower() if _shouted(words) else words)
    doc = nlp.parse(fixed)
    product_words, product_verbs, product_head, product_index = product(doc)
    sentences = tuple(s.text.strip() for s in doc.sents)
    starts = [s.start for s in doc.sents]
    inside = _bracketed(doc)
    phrases: list[Phrase] = []
    for token in doc:
        if _is_head(token):
            sentence = sum(1 for s in starts if s <= token.i) - 1
            phrases.append(_phrase(token, sentence, token.i in inside))
    ordered = tuple(phrases)
    quantities = tuple(f"{t.text} {t.head.text}" for t in doc if t.like_num and t.dep_ == "nummod")
    return Reading(
        text=text,
        fixed=fixed,
        sentences=sentences,
        phrases=ordered,
        lists=_lists(ordered, doc),
        verbs=tuple(t.lemma_.lower() for t in doc if t.pos_ == "VERB"),
        quantities=quantities,
        money=tuple(m.group(0) for m in _MONEY.finditer(text)),
        dates=tuple(m.group(0) for m in _DATE.finditer(text)),
        language=_language(doc),
        corrections=corrections,
        tags=tuple(dict.fromkeys((t.lower_, t.tag_) for t in doc if t.is_alpha)),
        product=product_words,
        product_verbs=product_verbs,
        product_head=product_head,
        product_index=product_index,
        opening=opening(doc),
        bracketed=frozenset(w for i in inside for w in _WORD.findall(doc[i].lower_)),
        clause_verbs=frozenset(
            t.lower_
            for t in doc
            if t.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") for c in t.children)
        ),
    )


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())
