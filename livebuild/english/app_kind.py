"""What kind of app an idea is: one that keeps records, or a timer, calculator, game, page...

Two readings decide. The words: the noun that names the product ("a pomodoro *timer*", "a
*metronome* app", "a *landing page*") or the verb said of it ("an app to *calculate*").
And, only where the idea names nothing to keep at all, the meaning: WordLlama's small static
embeddings (shipped inside its package, never downloaded) compare the idea with a sentence
describing each kind.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from livebuild.english import embeddings
from livebuild.english.grammar import with_article
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Phrase, Reading, words_of

RECORDS = "records"
# The embedding model says "not a record app" only this far ahead of the record-keeping kind.
_MIN_SCORE = 4.0
_MIN_MARGIN = 2.5
# ... and, for an idea that does name things to keep ("a chatbot guests reach from a QR code,
# answering questions about our menu"), only this far ahead: no record idea of the tuning
# rounds (r3-r5, bench/dev_ideas*) came within 2.3 of it, the non-record ones it catches 4.5.
_SURE_MARGIN = 3.5
_KEYS = frozenset(
    {"name", "nouns", "phrases", "verbs", "openers", "label", "needs", "offline", "describe"}
    | {"weak", "still", "signs", "elsewhere"}
)
# Verbs by which a founder asks for the product anywhere in the idea ("can you *make* a hangman
# game?", "I *need* a simple drawing board").
_ARROWS = ("→", "->", "=>")
# Stretches of time a countdown counts ("a countdown of the days"): no collection.
_WHEN = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_ASKING = frozenset({"make", "build", "create", "want", "need", "like", "love", "design"})


class AppKindsError(ValueError):
    """app_kinds.toml is not as app_kind.py expects."""


@dataclass(frozen=True)
class AppKind:
    name: str
    label: str
    needs: str
    offline: str
    describe: str
    nouns: frozenset[str]
    phrases: frozenset[str]
    verbs: frozenset[str]
    # Verbs that, opening the idea as a request, make it this kind ("Convert shoe sizes ...").
    openers: frozenset[str] = frozenset()
    # What an idea of this kind says of what it does ("it tells me the word count").
    signs: tuple[str, ...] = ()
    # Whether the nouns say this kind only of an idea that keeps nothing many of.
    weak: bool = False
    # Whether the nouns say this kind only of a product said to do nothing ("a page *that
    # shows* how long since my last cigarette" is a counter, not a landing page).
    still: bool = False
    # How a founder gets such an app itself ("a spreadsheet works out a sum like this").
    elsewhere: str = ""


@dataclass(frozen=True)
class AppKinds:
    records: str
    record_products: frozenset[str]
    kinds: tuple[AppKind, ...]
    # Verbs by which an idea keeps many of something ("logs each session").
    keeps: frozenset[str] = frozenset()
    # What a well-known product does, said plainly ("uber": "book someone nearby ..."): an
    # analogy is read by its meaning, not its brand (`meant`).
    brands: tuple[tuple[str, str], ...] = ()


def _kind(raw: dict[str, Any]) -> AppKind:
    unknown = set(raw) - _KEYS
    if unknown:
        raise AppKindsError(f"unknown keys {sorted(unknown)}")
    for key in ("name", "label", "needs", "offline", "describe", "nouns"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise AppKindsError(f"{raw.get('name', '?')}: {key} must be a non-empty string")
    if not isinstance(raw.get("elsewhere", ""), str):
        raise AppKindsError(f"{raw['name']}: elsewhere must be a string")
    if "{" in raw["offline"].replace("{about}", "") or "}" in raw["offline"].replace("{about}", ""):
        raise AppKindsError(f"{raw['name']}: offline may hold only {{about}}")
    return AppKind(
        name=raw["name"],
        label=raw["label"],
        needs=raw["needs"],
        offline=raw["offline"],
        describe=raw["describe"],
        nouns=frozenset(raw["nouns"].split()),
        phrases=frozenset(p.strip() for p in str(raw.get("phrases", "")).split("|") if p.strip()),
        verbs=frozenset(str(raw.get("verbs", "")).split()),
        openers=frozenset(str(raw.get("openers", "")).split()),
        signs=tuple(p.strip() for p in str(raw.get("signs", "")).split("|") if p.strip()),
        weak=_flag(raw, "weak"),
        still=_flag(raw, "still"),
        elsewhere=str(raw.get("elsewhere", "")).strip(),
    )


def _flag(raw: dict[str, Any], key: str) -> bool:
    flag = raw.get(key, False)
    if not isinstance(flag, bool):
        raise AppKindsError(f"{raw['name']}: {key} must be true or false")
    return flag


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    raw = data.get(key)
    if not isinstance(raw, str) or not raw.split():
        raise AppKindsError(f"{key} must list words")
    return tuple(raw.lower().split())


def parse_app_kinds(data: dict[str, Any]) -> AppKinds:
    records = data.get("records")
    if not isinstance(records, str) or not records.strip():
        raise AppKindsError("records must describe a record-keeping app")
    products = data.get("record_products")
    if not isinstance(products, str) or not products.split():
        raise AppKindsError("record_products must list words")
    kinds = tuple(_kind(k) for k in data.get("kind", []))
    names = [k.name for k in kinds]
    if not kinds or len(set(names)) != len(names) or RECORDS in names:
        raise AppKindsError(f"kinds must be named once each, and not {RECORDS!r}")
    brands = data.get("brands", {})
    if not isinstance(brands, dict) or not all(
        isinstance(v, str) and v.strip() and k == k.lower() and k.isalpha()
        for k, v in brands.items()
    ):
        raise AppKindsError("brands must map lower-case brand words to what each does")
    keeps = frozenset(_words(data, "keeps"))
    return AppKinds(records, frozenset(products.split()), kinds, keeps, tuple(brands.items()))


@functools.cache
def app_kinds() -> AppKinds:
    text = resources.files("livebuild.english").joinpath("app_kinds.toml").read_text("utf-8")
    return parse_app_kinds(tomllib.loads(text))


def _opening_head(reading: Reading) -> str:
    """The last word of those the idea opens with, past chat and general words: "generator" of
    "random band name generator lol", "game" of "typing speed game for my class"."""
    skipped = lexicon().fillers | (lexicon().generic - app_kinds().record_products)
    said = [w for w in reading.opening if w not in skipped]
    return said[-1] if said else ""


def names_a_record_product(reading: Reading) -> bool:
    """Whether the product is named as a record keeper ("a game *tracker*", "a to-do *list*"),
    a business's own ("a calculator *shop*", "Game *library* for our club") or a collection
    ("a countdown *of tasks* before our move")."""
    records = app_kinds().record_products
    if reading.product_head in records or _opening_head(reading) in records:
        return True
    businesses = lexicon().organisations
    if len(reading.opening) > 1 and reading.opening[-1] in businesses:
        return True
    first = reading.phrases[:1]
    if first and first[0].head in businesses and first[0].determiner in ("", "a", "an"):
        return True  # "A shop for hats" (but "our team is in Manila" says who, not what)
    head = reading.product_head
    return bool(head) and any(
        p.preposition == "of" and p.plural and p.attached == head and p.head not in _WHEN
        for p in reading.phrases
    )


# How many things to keep an idea names for its first noun not to say what kind it is.
_LISTED = 3


def by_words(reading: Reading, kept: int = 0) -> AppKind | None:
    """The kind the product's own name or verbs say, if they say one. A verb said of a general
    product counts only while the idea names fewer than two things to keep (`kept`): "an app to
    calculate what each flatmate owes" is a calculator, "a bakery app that calculates the cost
    of each order from its ingredients" keeps orders and ingredients. A weak kind's nouns
    count only while it names none ("a QR code maker", not "a farmhouse cheese maker")."""
    named = " ".join(reversed(reading.product))  # "landing page"
    opened = _opening_head(reading)
    if names_a_record_product(reading):
        return None  # "a game tracker": it keeps records of games
    first = reading.opening[:1]
    # An idea that names three things or more to keep is not named by the words it opens with
    # alone: "Players, concerts and the music library".
    listed = kept >= _LISTED
    # "Players, concerts, ...": a product is named one, not many.
    plural = bool(reading.phrases) and reading.phrases[0].plural
    trade = kept >= 2 and _works_on_kept(reading)
    for kind in app_kinds().kinds:
        if (kind.weak and kept) or (kind.still and reading.product_verbs):
            continue
        if reading.product[:1] and reading.product[0] in kind.nouns and not plural and not trade:
            return kind
        product = reading.product[:1]
        if product and kind.verbs & _doing(product[0]) and not (plural or _named_kind(product[0])):
            return kind  # "Recipe scaler": a product named for what it does ("scale")
        if opened in kind.nouns and not listed and not trade:
            return kind
        if named and any(named.endswith(p) for p in kind.phrases) and _ends(reading, named, kind):
            return kind
        if any(_opens_with(reading, p, kind) for p in kind.phrases):
            return kind  # "Noughts and crosses for two players": the parse cut it at "and"
        if kind.verbs & set(reading.product_verbs) and kept < 2:
            return kind
        if len(reading.opening) > 1 and kind.openers & set(first):
            return kind  # "Convert shoe sizes between UK, EU and US"
        if _from_to(reading) in kind.nouns:
            return kind  # "px to rem converter": the parse hung the product on "to"
    return None


def _named_kind(noun: str) -> bool:
    """Whether `noun` is a kind's own noun ("player" of a sound tool): then the verb it seems
    made from ("play", a game's) says nothing, and "a white noise player" stays a sound tool."""
    return any(noun in kind.nouns for kind in app_kinds().kinds)


def _works_on_kept(reading: Reading) -> bool:
    """Whether the idea opens with a trade, not a tool: the words before the opening noun name
    what it works on, and the idea speaks of many of those ("piano tuner. customers + their
    pianos": a tuner of pianos who keeps pianos; "a guitar tuner app" keeps no guitars). Only
    asked where the idea plainly keeps two things or more ("team picker … into two teams" is a
    picker)."""
    before = set(reading.product[1:]) | set(reading.opening[:-1])
    return any(p.plural and p.head in before for p in reading.phrases[1:])


def _from_to(reading: Reading) -> str:
    """The product of an idea that opens "X to Y <product>" with no verb ("px to rem
    converter", "miles to km calculator"), which the parser reads as X, "to" a Y product."""
    said = [p for p in reading.phrases if p.sentence == 0]
    if not said or said[0].role != "ROOT" or reading.product_verbs:
        return ""
    after = said[1:2]
    if not after or after[0].preposition != "to" or after[0].attached != said[0].said:
        return ""
    return "" if after[0].plural else after[0].head


def _doing(noun: str) -> set[str]:
    """The verbs an agent noun may be named for: "scaler" -> "scale", "scal"."""
    if len(noun) < 5 or not noun.endswith(("er", "or")):
        return set()
    return {noun[:-1], noun[:-2]}


def _opens_with(reading: Reading, phrase: str, kind: AppKind) -> bool:
    """Whether the idea's first words, after "a" or "an", are `phrase` ("noughts and crosses"),
    and the name ends there or goes on with the kind's own noun or a general one ("picture
    frame app"): a trade's noun after it names a business ("picture frame *workshop*",
    "smart switch *installs*", "live stream *volunteers*")."""
    first = words_of(reading.sentences[0]) if reading.sentences else []
    if first[:1] in (["a"], ["an"]):
        first = first[1:]
    said = phrase.split()
    return first[: len(said)] == said and _ends(reading, phrase, kind)


def _ends(reading: Reading, name: str, kind: AppKind) -> bool:
    """Whether the name `name` ends where the idea's first sentence says it, or goes on with the
    kind's own noun or a general one ("picture frame app"), not with a trade's noun
    ("picture frame *workshop*", "smart switch *installs*")."""
    first = words_of(reading.sentences[0]) if reading.sentences else []
    said = name.split()
    at = next((n for n in range(len(first)) if first[n : n + len(said)] == said), None)
    after = first[at + len(said) : at + len(said) + 1] if at is not None else []
    if not after or after[0] in kind.nouns or after[0] in lexicon().generic | lexicon().fillers:
        return True
    # (A trade's plural noun is often tagged as a verb: "smart switch *installs*".)
    return not reading.tags_of(after[0]) & {"NN", "NNS", "NNP", "NNPS", "VBZ", "VBP"}


def _asked(reading: Reading) -> list[Phrase]:
    """The noun phrases that may name what the founder asks to have made: the idea's first
    ("a hangman game for my 7 year old", however the parser joined the request around it),
    and the objects of asking verbs in its first two sentences ("I need a *drawing board*")."""
    first = reading.phrases[:1]
    asked = [
        p
        for p in reading.phrases
        if p.sentence <= 1 and p.verb in _ASKING and p.role in ("dobj", "attr")
    ]
    return [*(p for p in first if p.determiner in ("", "a", "an")), *asked]


def asked_for(reading: Reading, kept: int = 0) -> AppKind | None:
    """The kind named by what the founder asks to have made, wherever they ask for it ("can
    you make a *hangman game*?", "Could you build a simple *drawing board* ...")."""
    if names_a_record_product(reading):
        return None  # "a countdown of tasks": the tasks are kept
    opening = reading.phrases[:1]
    for phrase in _asked(reading):
        if phrase.head in app_kinds().record_products or phrase.head in lexicon().generic:
            continue  # "I need a tracker", "I want a page that shows ...": said no kind
        if phrase in opening and (phrase.plural or kept >= _LISTED):
            continue  # "Players, concerts and the music library": the first of many kept
        named = " ".join((*phrase.modifiers, phrase.head))
        for kind in app_kinds().kinds:
            if (kind.weak and kept) or kind.still:
                continue  # "I want a page that shows how long it's been": said what it does
            if phrase.head in kind.nouns:
                return kind
            if any(named.endswith(p) for p in kind.phrases) and _ends(reading, named, kind):
                return kind
    return None


def keeps_many(reading: Reading, unsaid: frozenset[str] = frozenset()) -> bool:
    """Whether the idea says it keeps many of something ("a timer that *logs each session*",
    "*track* my runs"): then it keeps records, whatever its product is called. A keeping verb
    of `unsaid` is said only under a negation ("we don't need to keep any results")."""
    keeps = app_kinds().keeps - unsaid
    return any(
        p.verb in keeps and p.role in ("dobj", "pobj") and (p.plural or p.each)
        for p in reading.phrases
    )


def works_out(reading: Reading) -> AppKind | None:
    """The kind whose signs the idea says, when it asks for an answer worked out for it
    ("total, tip % -> how much each pays": a calculator; "it tells me the word count": a tool;
    "best of 5 vs the computer": a game)."""
    text = " ".join(reading.text.lower().replace("’", "'").split())
    kinds = {k.name: k for k in app_kinds().kinds}
    if sum(text.count(a) for a in _ARROWS) == 1:
        return kinds.get(
            "calculator"
        )  # "miles, mpg -> total cost", not "quotes -> jobs -> invoices"
    return next((k for k in app_kinds().kinds if any(s in text for s in k.signs)), None)


# What makes a brand's word an analogy: "*Uber for* lawn mowing", "*Tinder but* for tennis",
# "a *Trello-style* board" (the style words go with the brand), "*like Calendly*".
_STYLE = re.compile(r"^(?:'s)?[-\s](?:style|like|type|clone)\b")
_AFTER_BRAND = re.compile(r"^(?:'s)?\s+(?:for|but|meets|of)\b")
_BEFORE_BRAND = re.compile(r"\blike\s+(?:an?\s+|the\s+)?$", re.I)


def meant(text: str) -> str:
    """`text` with each well-known product it is compared to said as what that product does:
    "Uber for lawn mowing" reads as "book someone nearby who comes to do the job, and pay
    them for lawn mowing". Only for weighing the idea's meaning."""
    brands = dict(app_kinds().brands)
    parts: list[str] = []
    last = 0
    for found in re.finditer(r"[A-Za-z]+", text):
        does = brands.get(found.group(0).lower())
        if does is None or found.start() < last:
            continue
        after = text[found.end() : found.end() + 12]
        style = _STYLE.match(after)
        before = text[max(found.start() - 12, 0) : found.start()]
        if not (style or _AFTER_BRAND.match(after) or _BEFORE_BRAND.search(before)):
            continue
        parts += [text[last : found.start()], does]
        last = found.end() + (style.end() if style else 0)
    return "".join([*parts, text[last:]])


@functools.cache
def prototypes() -> Any:
    """The vectors of the record-keeping sentence and of each kind's, in that order."""
    kinds = app_kinds()
    return embeddings.embed([kinds.records, *(k.describe for k in kinds.kinds)])


def by_meaning(text: str, *, sure: bool = False) -> AppKind | None:
    """The kind the idea reads like, when it reads clearly like one that keeps no records
    (`sure`: so clearly that the things it names don't count against it)."""
    scores = (embeddings.embed([text[:2000]]) @ prototypes().T)[0]
    best = int(scores[1:].argmax()) + 1
    margin = _SURE_MARGIN if sure else _MIN_MARGIN
    if scores[best] >= _MIN_SCORE and scores[best] - scores[0] >= margin:
        return app_kinds().kinds[best - 1]
    return None


def closest(text: str) -> tuple[AppKind, float]:
    """The kind of app that keeps no records the idea reads most like, and how far ahead of
    the record-keeping kind it reads (negative: it reads more like a record-keeping app)."""
    scores = (embeddings.embed([text[:2000]]) @ prototypes().T)[0]
    best = int(scores[1:].argmax()) + 1
    return app_kinds().kinds[best - 1], float(scores[best] - scores[0])


def about(reading: Reading) -> str:
    """What the product is for, in the idea's own words: the nouns just before its name
    ("pomodoro" of "a pomodoro timer", "VAT" of "quick VAT calculator"), or "" when none
    says more than its kind ("a big stopwatch")."""
    skipped = lexicon().generic | lexicon().fillers
    # (The kinds' own nouns are nouns, whatever the tagger says: "a *pomodoro* timer".)
    nouns = {n for k in app_kinds().kinds for n in k.nouns}
    said: list[str] = []
    for word in reading.product[_phrase_words(reading.product) : 3]:
        noun = word in nouns or reading.tags_of(word) & {"NN", "NNS", "NNP"}
        if word in skipped or not noun:
            break
        said.insert(0, _as_written(word, reading.text))
    return " ".join(said)


def _phrase_words(product: tuple[str, ...]) -> int:
    """How many of the product's words (head first) a kind's phrase names, at least the head:
    "photo" of "a digital photo frame" is the kind's name, not what it is about, so the
    answer doesn't speak of "digital photo pictures"."""
    name = " ".join(reversed(product))
    said = [len(p.split()) for k in app_kinds().kinds for p in k.phrases if name.endswith(p)]
    return max(said, default=1)


# The most words a product's own name may have and still be said back ("pirate speak
# translator"); a longer run is a sentence the parser read as one noun phrase.
_NAME_WORDS = 3


def named(reading: Reading, kind: AppKind) -> str:
    """What the idea calls its product, with "a" or "an", when that says what it is better
    than the kind's label: "a pirate speak translator" (not "a chat bot"). "" when the idea
    names it by one of the kind's own words ("a pomodoro timer" is a timer) or by a general
    word ("a page", "an app")."""
    head = reading.product_head
    general = lexicon().generic | lexicon().fillers | app_kinds().record_products
    if not head or head in kind.nouns or head in general or head in lexicon().brands:
        return ""
    if not reading.tags_of(head) & {"NN", "NNP"}:
        return ""
    if reading.opening[-1:] != (head,):
        return ""  # the idea doesn't open by naming it: its head alone says too little
    said = [w for w in reading.opening if w not in general]
    words = said[said.index(head) - _NAME_WORDS + 1 :] if len(said) > _NAME_WORDS else said
    if len(words) < 2 or not all(reading.tags_of(w) & {"NN", "NNP", "JJ"} for w in words):
        return ""  # "a px", "a screen": one word says less than the kind's label
    return with_article(" ".join(_as_written(w, reading.text) for w in words))


def _as_written(word: str, text: str) -> str:
    """`word` in capitals where the idea writes it so ("VAT") and isn't shouting."""
    found = re.search(rf"\b{re.escape(word)}\b", text, re.I)
    shouting = sum(c.isupper() for c in text) > sum(c.islower() for c in text)
    if found and found.group(0).isupper() and len(word) > 1 and not shouting:
        return found.group(0)
    return word


def answer(kind: AppKind, about: str = "", name: str = "") -> str:
    """The plain answer for an idea of `kind`: what livebuild builds, what the idea is, and
    the closest record-keeping app it could build for it (`about`: what the product is for,
    from `about()`; `name`: what the idea calls it, from `named()`, said instead of the
    kind's label).

    With or without a model, every app livebuild writes keeps records: no model setting
    turns it into a calculator or a game, so the answer doesn't suggest one."""
    closest_app = kind.offline.replace("{about}", f"{about} " if about else "")
    label = name or kind.label
    itself = f"{label} itself" if _a_noun(label) else "one itself"
    said = (
        f"This sounds like {label}, which needs {kind.needs}. livebuild builds apps that "
        "keep records (lists you add to, search and update, such as clients, bookings or "
        f"sessions), so it can't build {itself}. The closest it can build is "
        f"{closest_app}: if that would help, describe what you'd keep a record of and try again."
    )
    if not kind.elsewhere:
        return said
    # Said if the kind is right: the kind is read from the idea and can be wrong (a video
    # game backlog read as a game), and then advice said as fact would be false.
    return f"{said} If {kind.label} is what you need, {kind.elsewhere}."


def answer_parts(kind: AppKind, about: str = "", name: str = "") -> dict[str, str]:
    """The plain answer's short heading ("livebuild can't build a timer") and the closest
    record-keeping app said as an idea the founder can start from and edit."""
    closest_app = kind.offline.replace("{about}", f"{about} " if about else "")
    return {
        "heading": f"livebuild can't build {name or kind.label}",
        "instead": f"An app that keeps {closest_app}.",
    }


# Words that make a label a clause ("a tool that works out an answer for you"), after which
# "itself" doesn't read as English.
_CLAUSE_WORDS = frozenset({"that", "which", "who", "for", "to"})


def _a_noun(label: str) -> bool:
    """Whether `label` is a noun phrase alone ("a timer", "a live map or stream")."""
    return not _CLAUSE_WORDS & set(label.lower().split())


def warm() -> None:
    prototypes()
