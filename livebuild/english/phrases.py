"""The noun phrases of a parsed idea: each head with the words that qualify it, the part it
plays in its sentence (the object of "track", an item of a list, the subject of "book"), whether
it is a name, and the lists the phrases form ("clients, shoots and invoices").

`english.reading` reads an idea into these; only it parses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.english import examples, forms, spelling
from livebuild.english.lexicon import lexicon
from livebuild.english.product import MODIFIER_ROLES, NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Parts a noun plays that make it part of a list ("clients, shoots and invoices").
_LIST_ROLES = frozenset({"conj", "appos"})
_NOUNS = NOUNS
_MODIFIER_ROLES = MODIFIER_ROLES
# Nouns that stand for a verb before "of" ("keep track of", "a log of", "a list of").
_VERB_NOUNS = frozenset({"track", "log", "record", "list", "note", "catalogue", "catalog"})


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
    # For the object of "of", the noun written just before the "of", lowercase ("stock" in
    # "events and stock of cones, flakes", wherever the parser hung the "of").
    of_noun: str = ""
    # Whether it opens examples after a dash that follows a noun the clause speaks of
    # ("sportswear *— vests*, hoodies"; not "Bike shop — repairs", the idea's opening).
    after_dash: bool = False
    # The noun it is an example of, singular ("animal" for "cats" in "animals (cats and dogs)",
    # "product" for "mugs" in "products like mugs and bowls"): a variety, not a kind.
    example_of: str = ""
    # Whether a price follows it ("a wash is $20"): an item of a price list.
    priced: bool = False

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


def bracketed_words(doc: Doc) -> frozenset[int]:
    """The words said inside brackets, but for a bracket that names what the clause before it
    says ("who's playing who (fixtures)", "who donated what (donations)"): that is the kind."""
    inside: set[int] = set()
    depth = 0
    for token in doc:
        if token.text == "(" and _names_the_clause(doc, token.i):
            continue
        if token.text == "(":
            depth += 1
        elif depth and ")" in token.text:
            # The parser keeps "):" whole (it is an emoticon's spelling): "(like Toastmasters):
            # members, meetings" still closes the brackets before the list.
            if any(c.isalnum() for c in token.text):
                inside.add(token.i)
            depth = max(0, depth - token.text.count(")"))
        elif depth:
            inside.add(token.i)
    return frozenset(inside)


# Tags of the word before a bracket that make the bracket a name for the clause it ends ("who
# plays who (fixtures)", "what we sold (sales)"), not options of a noun ("singers (altos, ...)").
_CLAUSE_ENDS = frozenset({"WP", "WDT", "PRP", "VB", "VBD", "VBN", "VBP", "VBZ", "RB", "RP"})


def _names_the_clause(doc: Doc, at: int) -> bool:
    """Whether the bracket opening at `at` holds one plural noun only, right after a clause."""
    if at == 0 or at + 2 >= len(doc) or doc[at + 2].text != ")":
        return False
    said = doc[at + 1]
    return said.tag_ == "NNS" and doc[at - 1].tag_ in _CLAUSE_ENDS


# Particles that end a noun made of a verb ("check-ins", "drop-ins", "call-outs", "weigh-ins").
_PARTICLES = frozenset({"in", "up", "out", "off", "on", "over", "down", "back", "by", "around"})


def _joined(token: Token) -> str:
    """ "check-ins": a noun made of a verb and its particle, which the parser splits at the
    hyphen into "check", "-", "ins"; the whole word, lowercase, or "" when it is no such word."""
    doc, at = token.doc, token.i
    if at < 2 or forms.singular(token.lower_) not in _PARTICLES:
        return ""
    hyphen, verb = doc[at - 1], doc[at - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or verb.whitespace_ or not verb.is_alpha:
        return ""
    return f"{verb.lower_}-{token.lower_}"


def phrase(token: Token, sentence: int, bracketed: bool = False) -> Phrase:
    word = _joined(token) or token.lower_
    plural = token.tag_ in ("NNS", "NNPS") or (token.tag_ == "VBZ" and a_noun_by_its_opener(token))
    head = forms.singular(word) if plural else word
    role, verb, preposition = _governor(token)
    brand = word in lexicon().brands
    acronym = token.text.rstrip("s").isupper()  # "SKUs", "IMEI"
    proper = brand or (token.pos_ == "PROPN" and not acronym and not spelling.known(word))
    # "a shop in Leeds": a capital inside a sentence on a word whose singular is no word is a
    # name ("Leeds" is not many "leeds"), however the tagger read it.
    named = token.text[:1].isupper() and not token.is_sent_start and not acronym
    proper = proper or (named and plural and not spelling.known(head))
    proper = proper or a_name(token)
    listed = (
        role in _LIST_ROLES
        or token.dep_ in _LIST_ROLES
        or any(c.dep_ == "conj" for c in token.children)
    )
    return Phrase(
        head=head,
        said=word,
        modifiers=() if word != token.lower_ else _modifiers(token),
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
        of_noun=_of_noun(token),
        after_dash=_after_dash(token),
        example_of=examples.example_of(token),
        priced=examples.priced(token),
    )


# Dashes that bring examples of the noun before them.
_DASHES = frozenset({"—", "–", "-", "--"})
# Parts the noun before such a dash plays: one the clause speaks of, not its opening.
_SPOKEN_OF = frozenset({"dobj", "pobj", "appos", "conj", "attr"})


def _after_dash(token: Token) -> bool:
    """ "we print sportswear — vests, hoodies", "mostly first-time buyers — nurses, teachers":
    whether `token` opens a list of examples after a dash."""
    doc = token.doc
    start = token.left_edge.i
    if start < 2 or doc[start - 1].text not in _DASHES or not doc[start - 1].whitespace_:
        return False
    before = doc[start - 2]
    return before.pos_ in _NOUNS and before.dep_ in _SPOKEN_OF


def _of_noun(token: Token) -> str:
    first = token
    while first.dep_ in _LIST_ROLES and first.head is not first and first.head.pos_ in _NOUNS:
        first = first.head
    of = first.head
    if first.dep_ != "pobj" or of.lower_ != "of" or of.i == 0:
        return ""
    before = token.doc[of.i - 1]
    return before.lower_ if before.pos_ in _NOUNS else ""


def acronyms(doc: Doc) -> frozenset[str]:
    """ "mostly IBS and low FODMAP", "the DNO form": words written in capitals that are no
    words of the dictionary ("MOT", "POD" are), never in small letters nor with a plural "s"
    of their own ("RSVPs"), in an idea not written in capitals throughout, lowercase: they
    are abbreviations (a condition, a diet, a body), not kinds of record."""
    letters = [t for t in doc if t.is_alpha and len(t.text) > 1]
    capitals = {t.lower_ for t in letters if t.text.isupper()}
    if not capitals or len([t for t in letters if t.text.isupper()]) * 2 >= len(letters):
        return frozenset()
    small = {t.lower_ for t in doc if not t.text.isupper()}
    return frozenset(
        w for w in capitals if w not in small and w + "s" not in small and not spelling.known(w)
    )


def a_name(token: Token) -> bool:
    """ "Polish, Romanian, Arabic", "World Book Day, Halloween", "Packages: Bronze £12": a
    capitalised singular inside a sentence, never written in small letters, in an idea not
    written in capitals throughout, is a name (a language, a festival, an option), not a kind
    of record."""
    if not token.text[:1].isupper() or token.is_sent_start or token.text.isupper():
        return False
    if token.tag_ in ("NNS", "NNPS") or not token.is_alpha:
        return False
    doc = token.doc
    if any(t.lower_ == token.lower_ and t.text[:1].islower() for t in doc):
        return False
    words = [t for t in doc if t.is_alpha and not t.is_sent_start and not t.is_stop]
    capitals = sum(t.text[:1].isupper() for t in words)
    return capitals * 2 < len(words)  # not "Simple Booking App For My Salon"


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
    listed, joined = _list_of(first)
    if listed > 2 and _either_side_of_or(token):
        return True  # "owners, dogs and appointments, each a bath or a full groom"
    if first.dep_ in ("nsubj", "nsubjpass"):
        return False  # "which agency or direct client sent it": records that act
    return bool(joined) and all(j in ("or", "nor") for j in joined)


def _list_of(first: Token) -> tuple[int, tuple[str, ...]]:
    """How many items the list headed by `first` has, and the words joining them ("and",
    "or"). Every item of a list asks the same of its head, so the answer is kept on the doc
    once a head: walking a long list's subtree once per item costs the square of its length
    (a hostile idea of 4,000 characters of one word took ~20 CPU-s)."""
    known: dict[int, tuple[int, tuple[str, ...]]] = first.doc.user_data.setdefault(
        "livebuild_lists", {}
    )
    if first.i not in known:
        subtree = list(first.subtree)
        items = _items(first)
        listed = sum(1 for t in subtree if t is first or t.dep_ in _LIST_ROLES)
        joined = tuple(c.lower_ for c in subtree if c.dep_ == "cc" and c.head.i in items)
        known[first.i] = (listed, joined)
    return known[first.i]


# Words between two nouns that make them one choice ("a bath *or* a full groom").
_CHOICE = frozenset({"or", "nor"})


def _either_side_of_or(token: Token) -> bool:
    """Whether `token` stands right beside an "or" that joins it to another noun, inside a
    longer list ("owners, dogs, and appointments, each a bath or a full groom"; "jobs:
    customer, chip or full screen, invoice"): the two are a choice said of one record, however
    the parser hung them on the list."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.lower_ in _CHOICE and after.i + 1 < len(doc):
        nxt = next((t for t in doc[after.i + 1 :] if t.pos_ in _NOUNS or t.pos_ == "PUNCT"), None)
        if nxt is not None and nxt.pos_ in _NOUNS and nxt.dep_ in _LIST_ROLES:
            return True
    start = token.left_edge.i
    before = doc[start - 1] if start > 0 else None
    return before is not None and before.lower_ in _CHOICE and token.dep_ in _LIST_ROLES


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


# Children of an "-ing" word that make it a verb with its own object ("the crews *renting*
# them", "members *booking* a slot"), not the name of an activity ("truck *restocking*").
_OBJECTS = frozenset({"dobj", "dative", "prt", "attr", "ccomp", "xcomp"})


def gerund_head(token: Token) -> Token | None:
    """The "-ing" word that ends a listed noun's phrase ("the machines, their sites, and truck
    *restocking*"): the parser hangs it on the noun as a clause, but the phrase names an
    activity kept one by one. None when there is none, or it has an object of its own."""
    doc = token.doc
    if token.dep_ not in _LIST_ROLES or token.tag_ != "NN" or token.i + 1 >= len(doc):
        return None  # (many who do it: "the marshals *working*", "donations *coming* in")
    after = doc[token.i + 1]
    if after.tag_ != "VBG" or after.dep_ != "acl" or after.head.i != token.i:
        return None
    if any(c.dep_ in _OBJECTS for c in after.children):
        return None
    return after


def as_gerund(said: Phrase, gerund: Token) -> Phrase:
    """`said` ("truck") as the phrase its "-ing" word heads ("truck restocking")."""
    return dataclasses.replace(
        said,
        head=gerund.lower_,
        said=gerund.lower_,
        modifiers=(*said.modifiers, said.said),
        plural=False,
        number=False,
    )


def is_head(token: Token) -> bool:
    # "dog" in "dog slips" is a modifier; a head ends its phrase.
    if token.pos_ not in _NOUNS or token.dep_ in _MODIFIER_ROLES or not token.is_alpha:
        return False
    # "guests we want *to book*": a word after the infinitive's "to" is a verb the tagger
    # took for a noun (a preposition's "to" is read apart: "lend *to* neighbours").
    if token.i > 0 and token.nbor(-1).tag_ == "TO" and token.tag_ == "NN":
        return False
    return not _takes_an_object(token)


# Pronouns only ever a verb's object: no noun is followed straight by one.
_OBJECTS = frozenset(
    {"someone", "somebody", "anyone", "anybody", "everyone", "them", "us", "me", "him"}
)


def _takes_an_object(token: Token) -> bool:
    """Whether a word the tagger took for a noun is a verb because an object pronoun follows it
    straight, and nothing opens it as a noun ("people *book* someone nearby", "the app *texts*
    them")."""
    if token.i + 1 >= len(token.doc) or token.nbor(1).lower_ not in _OBJECTS:
        return False
    return not any(c.dep_ in ("det", "poss") and c.i < token.i for c in token.children)


# Words that open a noun phrase, never a verb: "each walk", "their weigh-ins", "the visits".
_OPENERS = frozenset(
    {"each", "every", "the", "a", "an", "their", "his", "her", "our", "my", "its", "your", "any"}
)
# Parts an "each ..." plays as a noun: an item of a list, an object, a subject.
_COUNTED_ROLES = frozenset({"conj", "appos", "dobj", "pobj", "nsubj"})
# Parts a verb's own words play: a word with any of them is a verb, whatever opens it.
_VERB_PARTS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "prt", "ccomp", "xcomp", "advcl"}
)


def a_noun_by_its_opener(token: Token) -> bool:
    """Whether a word the tagger took for a verb is a noun, because a determiner or possessive
    opens it ("for walkers, their dogs and *each walk*", "*the service visits*"), as none
    opens a verb, and it has no subject, object or clause of its own ("a surveyor spots it
    and ...")."""
    if not token.is_alpha or token.dep_ in _MODIFIER_ROLES:
        return False
    if token.pos_ == "ADJ":  # "and *every clean*": only "each" or "every" opens it a noun
        counted = any(c.dep_ == "det" and c.lower_ in ("each", "every") for c in token.children)
        return counted and token.dep_ in _COUNTED_ROLES
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in _VERB_PARTS for c in token.children):
        return False
    openers = [c.lower_ for c in token.children if c.dep_ in ("det", "poss") and c.i < token.i]
    if token.tag_ == "VBZ" and {"a", "an"} & set(openers):
        return False  # "a surveyor spots it": "a" opens no plural
    return bool(set(openers) & _OPENERS)


def noun_tag(token: Token) -> str:
    """The noun tag of a word read as a noun by its opener: "visits" (VBZ) is NNS."""
    return "NNS" if token.tag_ == "VBZ" else "NN"


def lists(phrases: tuple[Phrase, ...], doc: Doc) -> tuple[tuple[int, ...], ...]:
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
