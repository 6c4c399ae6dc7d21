"""Record kinds an idea implies but never names: the work a trade does and the people it serves.

"A chimney sweep" keeps sweeps and customers; "a piano tuner" keeps tunings and clients; "I
run a dog-walking business" keeps walks. The founder's trade is read from the English reading:
an agent noun whose verb is work sold ("tuner" -> "tune", "walker" -> "walk", by lemminflect's
verb forms), a gerund naming a business ("dog *walking* business"), a verb the founder does
("I *walk* dogs"), or a profession with no verb ("podiatrist"). What each implies comes from
`implied.toml`. Every implied kind names the words of the idea it comes from (`Implied.source`),
so a kind with no source in the idea is never added; `supported` checks another reader's
proposal (a model's) the same way.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from livebuild.english.forms import as_singular
from livebuild.english.inflections import all_inflections, all_lemmas
from livebuild.english.lexicon import checked_words, lexicon
from livebuild.english.reading import Phrase, Reading

# The most kinds one idea implies (its work and its people): the plan keeps room for them.
MOST = 2
# Who says they do the work: the founder, or the founder's team.
_FOUNDER = frozenset({"i", "we"})
# "I am a ...", "I'm ...", "we are ...": up to three words of who the founder is.
_I_AM = re.compile(r"\b(?:i am|i'm|im|we are|we're)\s+(?:an?\s+)?((?:[a-z]+\s*){1,3})")
# Verbs by which the founder says what their business is.
_RUNS = frozenset({"run", "own", "start"})
# Endings that make an agent noun from a verb: "tuner", "sweeper", "inspector".
_AGENT_ENDINGS = ("er", "r", "or")
# Endings that make the noun of one act from its verb: "payment", "rental", "delivery".
_NOUN_ENDINGS = ("ing", "ment", "al", "ation", "ion", "y", "ery", "ance", "ence")


class ImpliedWordsError(ValueError):
    """`implied.toml` is missing a table or list, or has one that is malformed."""


@dataclass(frozen=True)
class ImpliedWords:
    work: dict[str, str]
    trades: dict[str, str]
    served: dict[str, str]
    served_people: frozenset[str]
    work_records: frozenset[str]
    # A transaction a verb implies, and the words that already name it ("order": "sale").
    said_as: dict[str, str] = dataclasses.field(default_factory=dict)

    def named(self, work: str, heads: set[str]) -> bool:
        """Whether the idea already keeps `work` under another name ("sales" for orders)."""
        return bool(set(self.said_as.get(work, "").split()) & heads)


@dataclass(frozen=True)
class Implied:
    """A record kind the idea implies: `name` ("tuning"), from `source` ("piano tuner")."""

    name: str
    source: str
    # The heads of the records it belongs to, when they are kept: what the work is done to,
    # who does it and who it is for ("dog", "walker", "owner" for a walk).
    links: tuple[str, ...] = ()

    @property
    def head(self) -> str:
        return self.name.split()[-1]


def _table(name: str, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ImpliedWordsError(f"{name}: expected a table of words")
    table: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            raise ImpliedWordsError(f"{name}.{key}: expected a record name")
        checked_words(f"{name}.{key}", key, ImpliedWordsError)
        checked_words(f"{name}.{key}", value, ImpliedWordsError)
        table[key] = value
    return table


def parse_implied_words(data: dict[str, object]) -> ImpliedWords:
    """The file's tables and lists, checked: lowercase words, none repeated."""
    words = data.get("words")
    if not isinstance(words, dict):
        raise ImpliedWordsError("words: missing")
    return ImpliedWords(
        work=_table("work", data.get("work")),
        trades=_table("trades", data.get("trades")),
        served=_table("served", data.get("served")),
        served_people=frozenset(
            checked_words("served_people", words.get("served_people"), ImpliedWordsError)
        ),
        work_records=frozenset(
            checked_words("work_records", words.get("work_records"), ImpliedWordsError)
        ),
        said_as=_table("said_as", data["said_as"]) if "said_as" in data else {},
    )


@functools.cache
def implied_words() -> ImpliedWords:
    text = resources.files("livebuild.brief").joinpath("implied.toml").read_text("utf-8")
    return parse_implied_words(tomllib.loads(text))


def work_verb(noun: str) -> str | None:
    """The verb of work an agent noun does ("tuner" -> "tune", "sweep" -> "sweep"), if its
    verb is work a trade sells; None for a person who does no such work ("driver")."""
    work = implied_words().work
    if noun in work:
        return noun
    for ending in _AGENT_ENDINGS:
        if not noun.endswith(ending) or len(noun) <= len(ending) + 2:
            continue
        stem = noun[: -len(ending)]
        for verb in (stem, stem + "e", stem[:-1]):
            if verb in work and all_inflections(verb, upos="VERB"):
                return verb
    return None


def _gerund_verb(word: str) -> str | None:
    """ "walking" -> "walk": the verb of a gerund, if it is work a trade sells."""
    if not word.endswith("ing"):
        return None
    lemmas = all_lemmas(word, upos="VERB").get("VERB", ())
    return next((v for v in lemmas if v in implied_words().work), None)


def _founders(phrase: Phrase, english: Reading) -> bool:
    """Whether `phrase` says who the founder or their team is: "I'm a watchmaker", "Chimney
    sweep here", "our mobile fitters"; not "coaches set sessions" or "a hedge cutter"."""
    if phrase.role == "attr" and phrase.subject in _FOUNDER:
        return True
    if phrase.verb in _RUNS and phrase.subject in _FOUNDER:
        return True  # "I run a dog walking business"
    return phrase.mine or (phrase.sentence == 0 and phrase.head in english.opening)


def _compound_trade(head: str) -> str | None:
    """ "barbershop" -> "barber": a business named by its trade in one word."""
    trades = implied_words().trades
    for organisation in lexicon().organisations:
        if head.endswith(organisation) and head[: -len(organisation)] in trades:
            return head[: -len(organisation)]
    return None


def _trade_of(phrase: Phrase, english: Reading) -> tuple[str, str] | None:
    """(the trade's key, the words it was said in) for one phrase, if it says the founder's."""
    words = implied_words()
    if phrase.subject in _FOUNDER and phrase.verb in words.work and phrase.plural:
        return phrase.verb, f"{phrase.subject} {phrase.verb} {phrase.said}"  # "I tune pianos"
    if not _founders(phrase, english):
        return None
    if words.work.get(phrase.head) == phrase.head and phrase.modifiers and not phrase.plural:
        return phrase.head, phrase.text  # "hi-vis kit hire", "bike repair": the work sold
    trade = phrase.head if phrase.head in words.trades else work_verb(phrase.head)
    trade = trade or _compound_trade(phrase.head)
    if trade is not None:
        return trade, phrase.text
    if phrase.head in lexicon().organisations or phrase.head.endswith(("shop", "business")):
        # "a dog walking business", "our cleaning company"
        for word in phrase.modifiers:
            verb = _gerund_verb(word)
            if verb is not None:
                return verb, phrase.text
    return None


def trades(english: Reading) -> list[tuple[str, str]]:
    """The trades the idea says its founder (or team) does, first said first, each once."""
    found: dict[str, str] = {}
    for word in english.opening:  # "my barbershop innit": the founder's business, said first
        compound = _compound_trade(word)
        if compound is not None:
            found.setdefault(compound, word)
    first = re.findall(r"[a-z]+", english.sentences[0].lower()) if english.sentences else []
    for word, then in itertools.pairwise(first[:4]):
        verb = work_verb(word)
        typed = word in re.findall(r"[a-z]+", english.text.lower())  # not a typo's fix
        if verb is not None and then == "here" and typed:  # "chimney sweep here"
            found.setdefault(verb, f"{word} here")
    for said in _I_AM.finditer(english.fixed.lower()):  # "I am podiatrist", "we're sweeps"
        for word in said.group(1).split():
            trade = word if word in implied_words().trades else work_verb(as_singular(word))
            if trade is not None:
                found.setdefault(trade, said.group(0).strip())
                break
    for phrase in english.phrases:
        if phrase.proper or phrase.alternative or phrase.bracketed:
            continue
        trade = _trade_of(phrase, english)
        if trade is not None:
            found.setdefault(*trade)
    return list(found.items())


def _organisation(english: Reading) -> str:
    organisations = lexicon().organisations
    return next((p.head for p in english.phrases if p.head in organisations), "")


def _work_links(
    key: str, source: str, english: Reading, kept: set[str], served: str
) -> tuple[str, ...]:
    """What one piece of the work belongs to: the things the source says it is done to
    ("piano" of "piano tuner", "dog" of "dog walking business"), who does it ("walker") and
    who it is for."""
    said = [as_singular(w) for w in source.split()]
    said += [p.head for p in english.phrases if p.verb == key and p.role == "dobj"]  # walk dogs
    done_to = [w for w in said if w in kept and work_verb(w) is None]
    doers = sorted(k for k in kept if k != key and work_verb(k) == key)
    people = sorted(kept & implied_words().served_people) or [served]
    return tuple(dict.fromkeys([*done_to, *doers, *people]))


def implied_kinds(english: Reading, kept: set[str]) -> list[Implied]:
    """The kinds the idea implies beyond `kept` (the heads of the kinds it names, singular):
    one piece of its trade's work, and the people served, each with its source words."""
    words = implied_words()
    said = trades(english)
    if not said:
        return []
    kept = kept | {as_singular(k) for k in kept}
    key, source = said[0]
    who = words.served.get(key) or words.served.get(_organisation(english)) or "client"
    found: list[Implied] = []
    work = words.work.get(key) or words.trades.get(key)
    if work and not kept & (words.work_records | {work.split()[-1]}):
        found.append(Implied(work, source, _work_links(key, source, english, kept, who)))
    if not kept & words.served_people:
        found.append(Implied(who, source))
    return found[:MOST]


def _verb_said(head: str, english: Reading) -> str:
    """The idea's verb that `head` is the noun of ("deliver" for "delivery", "book" for
    "booking"), or ""."""
    verbs = {*english.verbs, *(p.verb for p in english.phrases if p.verb)}
    typed = english.text.lower()  # not a typo's fix: "lash tech" is no "teach"
    for verb in sorted(v for v in verbs if len(v) >= 3 and v[:-1] in typed):
        stem = verb[:-1] if verb.endswith("e") else verb
        nouns = {verb, *(stem + end for end in _NOUN_ENDINGS)}
        if head in nouns or head in all_inflections(verb, upos="VERB").get("VBG", ()):
            return verb
    return ""


def supported(name: str, english: Reading, kept: set[str]) -> Implied | None:
    """`name`, a kind another reader (a model) proposed as implied, with the words of the idea
    that imply it; None when the idea does not. It is implied by the founder's trade (as
    `implied_kinds` finds), or it is the record of a verb the idea says ("we deliver" ->
    deliveries), and it is no person or detail (who is served comes from the trade alone)."""
    words = name.lower().split()
    if not words or len(words) > 3:
        return None
    wanted = " ".join([*words[:-1], as_singular(words[-1])])
    head = wanted.split()[-1]
    for implied in implied_kinds(english, kept):
        if implied.name == wanted or implied.head == head:
            return Implied(wanted, implied.source)
    if head in lexicon().attributes or head in lexicon().people or head in kept:
        return None
    if not set(words[:-1]) <= set(re.findall(r"[a-z]+", english.fixed.lower())):
        return None  # "weekly delivery" where the idea never says "weekly"
    if head in implied_words().served_people:
        return None
    verb = _verb_said(head, english)
    return Implied(wanted, verb) if verb else None
