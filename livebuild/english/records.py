"""The nouns an idea keeps records of, read from its parse: what a founder tracks.

A noun is kept when the idea plainly keeps it: an item of a list ("hives, inspections, honey
harvests"), the object of a verb ("log swims", "log each booking"), a plural that acts
("volunteers sign up for shifts", "members book slots"), the owner of a detail ("each dog's
vet"). It is never an analogy ("Airbnb"), a verb, a detail of another record ("availability",
"year"), a time ("fortnight"), the founder's own organisation ("our choir") or the product
itself ("organiser"). Only the parse is read here: no word lists but the lexicon's.
"""

from __future__ import annotations

from dataclasses import dataclass

from livebuild.english.either import the_other_either
from livebuild.english.forms import singular
from livebuild.english.inflections import all_lemmas
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading

# Tags a word may carry and still name a thing.
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# Prepositions whose objects are asides: a place, a time, an example ("from local shelters",
# "on Saturdays", "like Rover"). "of" after a verb-noun is read by the parse ("track of").
_ASIDES = frozenset(
    {"like", "as", "by", "at", "on", "in", "per", "during", "to", "from", "for", "into", "over"}
    | {"with"}
)
# A list this long is what the idea keeps, wherever the parser hung it.
_LONG_LIST = 3
# Prepositions that bring examples, whatever list follows them ("like Rover, Wag and Pawshake").
_EXAMPLES = frozenset({"like", "as"})
# Words too short or too general to be records however they are said.
_SHORTEST = 3


@dataclass(frozen=True)
class Kept:
    """A noun the idea keeps: its words (qualifier, head), how plainly, and where."""

    words: tuple[str, ...]
    weight: int
    index: int
    said: str
    verb: str = ""

    @property
    def head(self) -> str:
        return self.words[-1]

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


def _nounish(reading: Reading, phrase: Phrase) -> bool:
    tags = reading.tags_of(phrase.said)
    return not tags or bool(tags & _NOUN_TAGS)


# Tags of a word that opens a verb's object or particle ("brings *in* a print", "picks *a*
# moulding"): after a word the dictionary knows only as a verb, they show it is one.
_OBJECT_TAGS = frozenset({"DT", "PRP", "PRP$", "RP"})


def _verb_with_object(phrase: Phrase) -> bool:
    """ "A customer *brings* in a print": a word the dictionary knows only as a verb, with an
    object or a particle after it, is a verb the parser took for a plural noun."""
    return phrase.next_tag in _OBJECT_TAGS and only_a_verb(phrase.said)


def only_a_verb(word: str) -> bool:
    """Whether the dictionary knows `word` as a verb and never as a noun, nor the word it
    would be the plural of ("brings"; not "acts", the plural of the noun "act")."""
    lower = word.lower()
    readings = {**all_lemmas(singular(lower)), **all_lemmas(lower)}
    return "VERB" in readings and "NOUN" not in readings


def candidate(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` may name a record at all, wherever it stands."""
    words = lexicon()
    head = phrase.head
    if phrase.bracketed:
        return False  # "the package (bronze/silver/gold)", "what each plant needs (water, light)"
    if phrase.proper or head in words.brands or phrase.said in words.brands:
        return False  # "Airbnb for boat slips", "Strava for swimmers"
    if phrase.said in reading.acronyms and not (phrase.each or phrase.number):
        return False  # "mostly IBS and low FODMAP": an abbreviation; not "each SKU"
    spelt = head.replace("-", "")  # "check-in": a noun made of a verb and its particle
    if len(head) < _SHORTEST or not spelt.isalpha() or not _nounish(reading, phrase):
        return False
    if head in words.not_records or phrase.said in words.not_records:
        return False  # "plus keep a list", "max 8 people": a joining word, shorthand
    if _only_counted(reading, head):
        return False  # "how many kids", "how many ml": a number of the record it is said in
    if head in words.attributes and not (
        kept_detail(reading, phrase) or an_occasion(reading, phrase)
    ):
        return False  # "availability", "year"; not "each week's fixtures and the scores"
    if head in words.times or _verb_with_object(phrase):
        return False
    if head in words.generic and not (phrase.plural and _many_kept(reading, phrase)):
        # "for my team", "a tracker"; but "teams, participants, project submissions",
        # "review adopter applications", "field sites" are kept
        return False
    if head in words.text_identifiers:
        return False  # "the car reg": a detail, written as text
    if head in words.vague and not _who(reading, phrase):
        return False  # "people buy vouchers"; "young people" are kept
    if _founders_role(phrase):
        return False  # "I'm the secretary and the treasurer": who the founder is
    if phrase.index == reading.product_index and (not phrase.plural or _trade(reading, phrase)):
        # "Cellar book for a wine collector: bottles...": the product; "dry cleaners.", "sign
        # makers (shop fascias ...)": who the founder is; "family recipes" are kept
        return False
    return not (head in words.organisations and not phrase.plural)  # "our choir": the founder


def an_occasion(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` is a day or night named by what happens on it, said as many ("the
    market days", "grading days", "quiz nights"): an event the founder keeps, not a time ("the
    days we open", "each day" stay times)."""
    if phrase.head not in lexicon().occasions or not (phrase.plural or phrase.each):
        return False
    # (a noun or a gerund before it: "photo days", "grading days", "training nights")
    named_by = reading.tags_of(phrase.modifiers[-1]) if phrase.modifiers else set()
    return bool(named_by & (_NOUN_TAGS | {"VBG"}))


# Parts a detail plays in "each borehole has a depth, yield and water level".
_HAD = frozenset({"dobj", "conj", "appos"})
# Endings of a noun for one who does a trade ("cleaner", "dietitian", "florist").
_AGENT_ENDINGS = ("er", "or", "ist", "ian")


def a_person(head: str) -> bool:
    """Whether `head` names people, by the lexicon or by a trade's ending ("groomer")."""
    return head in lexicon().people or head.endswith(_AGENT_ENDINGS)


def _trade(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase`, opening the idea as its product, names the founder's trade: a word
    for people the idea opens with, standing alone, with no verb, number or list ("dry
    cleaners. ticket number, ..."; not "Players, concerts, band instruments ...", "Tenants
    report maintenance issues", "We book freelance interpreters")."""
    head = phrase.head
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    agent = a_person(head) or _works_on_the_list(reading, at)
    listed = any(
        at in items and any(n != at and not reading.phrases[n].bracketed for n in items)
        for items in reading.lists
    )  # (examples in brackets are no list: "sign makers (shop fascias, vehicle wraps)")
    first = phrase.index - len(phrase.modifiers) - bool(phrase.determiner) == 0
    return agent and phrase.role == "ROOT" and first and not listed and not phrase.number


# Subjects that are the founder ("*I*'m the secretary", "*we* are groundworkers").
_FOUNDER = frozenset({"i", "we"})


def _founders_role(phrase: Phrase) -> bool:
    """Whether `phrase` says what the founder is: the complement of "I am" or "we are", or
    one of a list of them ("I'm the secretary and the treasurer")."""
    return phrase.verb == "be" and phrase.clause_subject in _FOUNDER and phrase.role in _IS


# Parts a complement of "be" plays, or one listed after it.
_IS = frozenset({"attr", "conj", "acomp"})


def _works_on_the_list(reading: Reading, at: int) -> bool:
    """Whether phrase `at` names a trade by what it works on, which the idea then lists ("Tree
    surgeons. Need clients, trees, quotes and jobs": the trees are kept, the surgeons are the
    founder). Its own head is listed nowhere else."""
    phrase = reading.phrases[at]
    listed = {reading.phrases[n].head for items in reading.lists for n in items if n != at}
    return bool(set(phrase.modifiers) & listed) and phrase.head not in listed


def _only_counted(reading: Reading, head: str) -> bool:
    """Whether the idea says `head` only as how many ("how many kids", "how many hours")."""
    said = [p for p in reading.phrases if p.head == head]
    return bool(said) and all("many" in p.modifiers for p in said)


def _who(reading: Reading, phrase: Phrase) -> tuple[str, ...]:
    """The word that says which people ("young" people), if one does."""
    last = phrase.modifiers[-1:]
    return last if last and not reading.tags_of(last[0]) & {"NNS", "NNPS"} else ()


# Words before a detail that leave it nobody's: not "*their* scores", "each *dog's* notes".
_NOBODYS = frozenset({"", "the", "our", "my", "all", "any", "these", "those"})


def kept_detail(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase`, a detail's word, is a record of its own: one the lexicon allows
    ("fees", "scores", "notes"), in the plural, in a list of things, nobody's ("teams, the
    fixtures and the scores"; not "their scores", "each dog's coat notes", "how many hours")."""
    if phrase.head not in lexicon().listed_details or not phrase.plural:
        return False
    # (Many people's are records of their own: "the judges' scores".)
    many_owners = "NNS" in reading.tags_of(phrase.determiner)
    if phrase.determiner not in _NOBODYS and not many_owners:
        return False
    if phrase.role == "poss" or "many" in phrase.modifiers:
        return False
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    return any(at in items and len(items) > 1 for items in reading.lists)


def listed_phrases(reading: Reading) -> set[int]:
    """Phrases in lists whose items are mostly things, not details ("vans, insurance, year")."""
    attributes = lexicon().attributes
    found: set[int] = set()
    for items in reading.lists:
        things = [
            n
            for n in items
            if reading.phrases[n].head not in attributes or kept_detail(reading, reading.phrases[n])
        ]
        if len(things) * 2 >= len(items):
            found.update(things)
    return found


def _long_lists(reading: Reading) -> set[int]:
    """Items of lists of three or more: a list that long is what the idea keeps, even where the
    parser hung it on a place ("the tenants in my flats, their leases, rent payments")."""
    return {n for items in reading.lists if len(items) >= _LONG_LIST for n in items}


def _in_long_list(reading: Reading, phrase: Phrase) -> bool:
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    return at in _long_lists(reading)


def for_whom(reading: Reading, at: int) -> bool:
    """Whether phrase `at` is in a list after "to" or "for" beside a list the idea plainly
    keeps ("to gyms, offices and events ... Customers, orders and drivers"): whom or what
    the work is for, not records."""
    phrase = reading.phrases[at]
    listed = any(
        at in items and sum(not reading.phrases[n].bracketed for n in items) > 1
        for items in reading.lists
    )  # (examples in brackets are no list: "a report for parents (naps, meals)")
    # (Not a heading: "For club nights: games, boards" hangs on nothing before it.)
    hung = phrase.attached not in ("", *_FOR_WHOM)
    # (Nor what the product is for: "a drop-in for refugees and asylum seekers".)
    aside = hung and phrase.preposition in _FOR_WHOM and not _for_the_product(reading, phrase)
    if not listed:
        return False
    if aside:
        return _kept_list_elsewhere(reading, at)
    # Examples only beside a list said in another sentence: a list the parser split in two
    # ("society – productions, rehearsals, cast members and the costumes") is one list.
    return _examples(reading, at) and _kept_list_elsewhere(reading, at, apart=True)


def _examples(reading: Reading, at: int) -> bool:
    """Whether phrase `at` is one of the examples a dash brings ("sportswear — vests, hoodies,
    rugby kits"): itself or an item before it in its list opens them."""
    items = next((i for i in reading.lists if at in i), (at,))
    if any(reading.phrases[n].number for n in items):
        return False  # "pools — about 180 pools on routes, 4 techs": what it has, counted
    return any(reading.phrases[n].after_dash for n in items if n <= at)


# Prepositions that bring whom or what the work is for.
_FOR_WHOM = frozenset({"to", "for"})


def _kept_list_elsewhere(reading: Reading, at: int, apart: bool = False) -> bool:
    """Whether the idea lists, apart from phrase `at`'s list, two or more things it keeps
    plainly: not after a preposition, and not its product ("Need bookings, customers and
    props"; "Customers, standing orders, deliveries"). People (`at` "to tenants, students")
    are kinds of the people that list keeps, if it keeps any, else kept themselves. `apart`:
    only a list in another sentence counts."""
    person = a_person(reading.phrases[at].head)
    sentence = reading.phrases[at].sentence
    for items in reading.lists:
        if at in items or len(items) < 2:
            continue
        said = [reading.phrases[n] for n in items]
        if apart and said[0].sentence == sentence:
            continue
        if said[0].preposition or reading.product_index in {p.index for p in said}:
            continue
        if not person or any(a_person(p.head) for p in said):
            return True
    return False


def _many_kept(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase`, a plural, is in a long list or plainly kept (listed, a verb's object,
    a plural that acts): a general word ("applications", "sites") many of which are kept."""
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    return _in_long_list(reading, phrase) or weight(reading, at, listed_phrases(reading)) >= 2


def _for_the_product(reading: Reading, phrase: Phrase) -> bool:
    """ "organiser *with* ingredients": a preposition on the product names what it keeps."""
    product = reading.product_head or (reading.product[:1] or ("",))[0]
    generic = lexicon().generic
    if phrase.preposition not in ("with", "for"):
        return False  # "three cars *in* the family": a place, said of anything
    return phrase.attached == product or phrase.attached in generic


def an_option(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` is one of the kinds of another record, listed after its "of" ("stock
    of cones, flakes and lollies"): options of that record, not records of their own. A
    collection's or a keeping word's list is what it keeps ("a library of exercises, videos")."""
    whose = phrase.of_noun or phrase.attached
    if phrase.preposition != "of" or not whose:
        return False
    if whose in lexicon().collections or whose in lexicon().generic:
        return False
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    items = next((i for i in reading.lists if at in i), ())
    if len(items) < 2:
        return False  # "my stock of balloons": the balloons are what the stock is
    if any(a_person(reading.phrases[n].head) for n in items):
        return False  # "a round of restaurants, butchers and barbers": whom it visits
    owner = [p for p in reading.phrases if p.said == whose and not p.plural]
    return any(candidate(reading, p) for p in owner)


def what_each_has(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` is one thing that each of a record has ("each borehole has *a depth*"):
    a detail of that record. Not people ("each job has a customer"), many ("each class has
    its pupils") or one of those kept ("each trip has the lorry"): records of their own."""
    if phrase.plural or phrase.role not in _HAD or a_person(phrase.head):
        return False
    if phrase.determiner not in ("", "a", "an"):
        return False  # "each trip has *the* lorry": one of the lorries kept, a link
    owner = phrase.clause_subject
    return bool(owner) and any(p.said == owner and p.each for p in reading.phrases)


def options_of(reading: Reading, head: str) -> tuple[str, ...]:
    """The kinds of `head` listed after its "of", as written ("cones", "flakes", "lollies"), or
    said as its examples or varieties ("animals (cats and dogs)", "cats, dogs and other
    animals")."""
    kinds = varieties(reading)
    return tuple(
        dict.fromkeys(
            p.said
            for n, p in enumerate(reading.phrases)
            if ((p.of_noun or p.attached) == head and an_option(reading, p)) or kinds.get(n) == head
        )
    )


def _analogy(reading: Reading, word: str) -> bool:
    """Whether `word` names another product the idea is likened to ("Uber", "letterboxd")."""
    if not word:
        return False
    return word in lexicon().brands or any(p.said == word and p.proper for p in reading.phrases)


def _their_list(reading: Reading, phrase: Phrase) -> bool:
    """Whether `phrase` is in a list opened by "their" ("their likes, dislikes and allergies")."""
    at = next((n for n, p in enumerate(reading.phrases) if p is phrase), -1)
    items = next((i for i in reading.lists if at in i), (at,))
    return reading.phrases[items[0]].determiner == "their"


def _counted_with(phrase: Phrase) -> bool:
    """ "a manager w/ 6 small clients": things counted after "with" are many of a kind."""
    return phrase.preposition == "with" and phrase.number and bool(phrase.attached)


def weight(reading: Reading, at: int, listed: set[int]) -> int:
    """How plainly the idea keeps phrase `at`: 3 listed or an object, 2 a plural that acts."""
    phrase = reading.phrases[at]
    empty = lexicon().empty_verbs
    if phrase.each and phrase.role in ("poss", "pobj", "dobj", "nsubj", "nsubjpass"):
        # "each block's grape variety", "for every house we inspect", "each job has a
        # customer": what the founder counts one by one is kept, wherever it stands.
        return 3
    if phrase.mine and phrase.plural and phrase.head in lexicon().people:
        return 2  # "a program for my patients", "with our members": the people it serves
    if phrase.verb == "have" and _their_list(reading, phrase):
        return 0  # "each household has their likes, dislikes and allergies": its details
    if phrase.verb == "have" and what_each_has(reading, phrase):
        return 0  # "each borehole has a depth, yield and water level": its details
    if phrase.determiner == "which" and not phrase.bracketed and phrase.head not in lexicon().times:
        return 2  # "which instrument is with which pupil": the founder tells them apart
    if phrase.preposition == "for" and phrase.plural and _analogy(reading, phrase.attached):
        return 3  # "Uber for handymen", "letterboxd but for gigs": what it is for is kept
    acted_from = phrase.preposition == "from" and phrase.verb not in ("", "be")
    if phrase.plural and (acted_from or _counted_with(phrase)):
        return 2  # "the parts we order from suppliers", "a manager w/ 6 clients": many
    if for_whom(reading, at):
        return 0  # "to bars, fishmongers and events", "sportswear — vests, hoodies"
    aside = phrase.preposition in _ASIDES
    long = at in listed and at in _long_lists(reading) and phrase.preposition not in _EXAMPLES
    if aside and not long and not _for_the_product(reading, phrase):
        return 0
    if at in listed:
        return 3
    if aside:
        return 0
    if phrase.role == "poss" and phrase.possesses in lexicon().attributes:
        return 3  # "each dog's vet details": the dog is kept
    if phrase.role == "pobj" and phrase.preposition == "of" and phrase.plural:
        if phrase.attached in lexicon().collections:
            return 3  # "a library of exercises": what the collection holds is kept
        if phrase.attached == "one":
            return 2  # "one of our mobile fitters drives": one of many
    if phrase.role == "dobj" and phrase.plural and not phrase.verb:
        return 2  # "Need artists, ...": a verb the parser took for a noun leaves no verb
    kept_by_verb = phrase.verb and phrase.verb not in empty
    keeping = phrase.verb in lexicon().keeping_verbs
    if phrase.role in ("dobj", "pobj") and (kept_by_verb or phrase.number) and phrase.plural:
        return 3  # "log swims", "keep track of members", "our choir has 60 singers"
    if phrase.role in ("dobj", "pobj") and keeping and (phrase.each or not phrase.plural):
        return 3  # "log each booking", "track attendance"
    if phrase.role == "dobj" and phrase.plural and phrase.verb in lexicon().wanting_verbs:
        return 2  # "need patients, their adjustments", "we run knitting workshops"
    # (A verb the parser took for a noun leaves no verb: "Members *book* the laser cutter".)
    acts = phrase.verb not in ("be", "have")
    # (A person acts singly too: "Customer rings up, we drop a skip".)
    person = phrase.head in lexicon().people and phrase.head not in lexicon().vague
    if phrase.role in ("nsubj", "nsubjpass") and (phrase.plural or person) and acts:
        # "the grades members give them": the grades are kept; "a planner where couples keep
        # guests": the couples use the app.
        relative = phrase.verb_role == "relcl" and (phrase.after_noun or keeping)
        return 0 if relative or phrase.over in ("help", "let", "allow") else 2
    if phrase.role == "ROOT" and phrase.plural:
        return 2  # "Invoices at the end."
    return 0


def _qualifier(reading: Reading, phrase: Phrase) -> tuple[str, ...]:
    """The one word kept before the head ("honey harvests"), if it names a kind of it."""
    words = lexicon()
    last = phrase.modifiers[-1:]
    if not last:
        return ()
    word = last[0]
    tags = reading.tags_of(word)
    general = word in words.generic or word in words.brands or word in words.organisations
    if general or word in words.times or tags & {"NNS", "VBZ"}:
        return ()
    if not tags & {"NN"} and not (tags == {"VBG"} and _activity(word)):
        return ()
    return (word,)


def _activity(word: str) -> bool:
    """Whether `word`, an "-ing" form, names an activity rather than a state ("*tasting*
    notes", "*farrowing* records"; not "*existing* clients", "*missing* pieces")."""
    return "ADJ" not in all_lemmas(word) and word not in _NOT_ACTIVITIES


# "-ing" words the dictionary doesn't call adjectives that still only say which ones.
_NOT_ACTIVITIES = frozenset({"following", "remaining", "coming"})


def _owners_of_details(reading: Reading) -> list[Kept]:
    """ "their owners phone numbers": a plural word before a detail owns it (an apostrophe
    left out), so the owners are kept and the phone number is their detail."""
    words = lexicon()
    found: list[Kept] = []
    for phrase in reading.phrases:
        if phrase.head not in words.attributes or not phrase.modifiers:
            continue
        owner = phrase.modifiers[0]
        if "NNS" in reading.tags_of(owner) and owner not in words.generic:
            found.append(Kept((singular(owner),), 3, phrase.index, owner))
    return found


def kept_nouns(reading: Reading) -> list[Kept]:
    """The nouns `reading` keeps records of, strongest first, each head once."""
    listed = listed_phrases(reading)
    found: list[Kept] = _owners_of_details(reading)
    heads: set[str] = {k.head for k in found}
    ranked = sorted(
        range(len(reading.phrases)),
        key=lambda n: (-weight(reading, n, listed), n),
    )
    for at in ranked:
        phrase = reading.phrases[at]
        strength = weight(reading, at, listed)
        if strength < 2 or phrase.head in heads or not candidate(reading, phrase):
            continue
        if the_other_either(reading, phrase):
            continue  # "any accidents or *incidents*": the accidents' kind again
        if any(reading.tags_of(w) & {"NNS"} for w in phrase.modifiers):
            continue  # "the grades members give": a clause misread as one phrase
        heads.add(phrase.head)
        qualifier = _who(reading, phrase) if phrase.head in lexicon().vague else ()
        words = (*(qualifier or _qualifier(reading, phrase)), phrase.head)
        found.append(Kept(words, strength, phrase.index, phrase.said, phrase.verb))
    return found


# Words that make a list's item the kind its other items are varieties of ("cats, dogs and
# *other* animals").
_OTHER = frozenset({"other", "similar"})


def varieties(reading: Reading) -> dict[int, str]:
    """Each phrase (by its place in `reading.phrases`) that is an example or a variety of
    another noun, with that noun's head: said as an example ("animals (cats and dogs)",
    "products like mugs") or listed beside the kind they are ("cats, dogs and other animals").
    Never of a word too broad to be a kind ("things like bookings", "jobs and other
    paperwork", "people such as volunteers"): those list kinds of their own."""
    return {n: kind for n, kind in said_varieties(reading).items() if not umbrella(kind)}


def umbrella(head: str) -> bool:
    """Whether `head` is too broad to be the kind a list hangs from ("things", "data",
    "paperwork", "people", "records")."""
    words = lexicon()
    return any(head in group for group in (words.vague, words.collections, words.umbrellas))


def said_varieties(reading: Reading) -> dict[int, str]:
    """`varieties` as the parse says them, broad words too ("bookings" of "things like
    bookings"): what the learned judge of record kinds was trained to see."""
    found = {n: p.example_of for n, p in enumerate(reading.phrases) if p.example_of}
    for items in reading.lists:
        others = [n for n in items if _OTHER & set(reading.phrases[n].modifiers)]
        if len(others) != 1:
            continue
        kind = reading.phrases[others[0]].head
        for n in items:  # (those said before it: "..., other animals, adopters" keeps adopters)
            if n < others[0] and not reading.phrases[n].proper:
                found.setdefault(n, kind)
    return {n: kind for n, kind in found.items() if kind != reading.phrases[n].head}
