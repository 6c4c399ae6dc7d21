"""What belongs to what, read from the parse: the links a founder says between the things kept.

"customers, their bikes": a bike names its customer. "the calves each cow's had", "the rooms in
each one": a calf names its cow, a room its house. "Players, which team": a player names a team.
"which crowns went in which shed": a crown names its shed. "each job with the horse and the
yard" is read with the details said of a thing (`said_of`). "who booked which class" keeps a
record of the act (a booking, named from the verb as `acts` names it) naming the person and
the class.

A link is read only between two things the plan keeps (`records`, singular, lowercase: a
kind's last word); the thing said first holds nothing it wasn't said to.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.english.acts import act_noun
from livebuild.english.said_of import as_singular
from livebuild.english.shape_words import shape_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# What may stand between a thing and "their" ("customers, their bikes", "teams n their players").
_JOINERS = frozenset({",", "and", "&", "+", "plus", "n", "'n'", "with"})
_EACH = frozenset({"each", "every"})
# A clause's parts that may name the thing it is said of ("the boats each one has").
_OF_CLAUSE = frozenset({"relcl", "acl"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MOST_MODIFIERS = 3


@dataclass(frozen=True)
class Joined:
    """ "who booked which class": the record of the act (`act`, "booking") and the thing it is
    done to (`thing`, "class"); the one who does it is whoever the plan keeps of people."""

    act: str
    thing: str
    # Who does it, when said ("each singer"); else whoever the plan keeps of people.
    by: str = ""


def _record(token: Token, records: frozenset[str]) -> str | None:
    """The kept thing a noun names (its singular, or its lemma), if any."""
    if token.tag_ not in _NOUN_TAGS and token.pos_ not in ("NOUN", "PROPN"):
        return None
    for word in (as_singular(token.lower_), token.lemma_.lower(), token.lower_):
        if word in records:
            return word
    return None


def _first_before(sentence: Span, at: int, records: frozenset[str], but: str) -> str | None:
    """The first kept thing said in the sentence before token `at` (what a list is about:
    "keep the members, the boats each one has"), other than `but`; none in brackets."""
    depth = 0
    for token in sentence:
        if token.i >= at:
            return None
        depth += (token.text == "(") - (token.text == ")")
        found = _record(token, records) if depth == 0 else None
        if found is not None and found != but:
            return found
    return None


def _their(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "customers, their bikes", "members and their tractors", "the show with its classes
    and entries": (bike, customer), (entry, show)."""
    for token in doc:
        if token.lower_ not in ("their", "its"):
            continue
        owned: list[Token] = []
        for after in doc[token.i + 1 : token.i + 2 + _MOST_MODIFIERS]:
            if after.tag_ in _NOUN_TAGS or after.pos_ in ("NOUN", "ADJ", "PROPN"):
                owned = [after]
                continue
            break
        owned += [c for o in owned for c in o.conjuncts if _and_next(doc, o, c)]
        back = token.i - 1
        while back >= 0 and doc[back].lower_ in _JOINERS:
            back -= 1
        owner = _record(doc[back], records) if back >= 0 and back < token.i - 1 else None
        for thing in (_record(o, records) for o in owned):
            if thing and owner and thing != owner:
                yield thing, owner


def _and_next(doc: Doc, first: Token, then: Token) -> bool:
    """ "its classes and entries": `then` said right after "and", not a list's next item
    ("their recipes, subscriptions, deliveries"), nor one of its own ("and each wheel build")."""
    between = doc[first.i + 1 : then.i]
    return (
        0 < len(between) <= _MOST_MODIFIERS
        and between[0].lower_ in ("and", "&")
        and not any(t.lower_ in _EACH or t.tag_ == "DT" for t in between)
    )


def _said_of_clause(noun: Token) -> Token | None:
    """The noun a clause with `noun` in it is said of: "the calves [each cow's had]", "the
    rooms [in each one]", "the repairs [I've done to each]"."""
    at = noun
    if at.dep_ == "pobj":
        at = at.head  # the preposition
        if at.head.tag_ in _NOUN_TAGS:
            return at.head  # "the rooms in each one"
    if at.head.dep_ in _OF_CLAUSE:
        return at.head.head  # "the calves each cow's had"; "the repairs I've done to each"
    return None


def _each(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "the calves each cow's had" -> (calf, cow); "the rooms in each one", "the boats each
    one has" -> the room's, the boat's thing is the one the sentence's list is about."""
    for token in doc:
        if token.lower_ not in _EACH or _bracketed(doc, token.i):
            continue
        noun = token.head if token.dep_ == "det" else token
        said_of = _said_of_clause(noun)
        holder = _record(said_of, records) if said_of is not None else None
        if said_of is None or holder is None:
            continue
        target = _record(noun, records)
        if target is None and noun.lower_ in ("one", "each"):
            target = _first_before(doc[said_of.sent.start : said_of.i], said_of.i, records, holder)
        if target is not None and target != holder:
            yield holder, target


def _pronoun(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "every harvest off it", "the jars I fill from it": the thing said just before; "the
    payments to them", "the prisoners matched to them": the thing the sentence's list is about."""
    for token in doc:
        if token.lower_ not in ("it", "them") or token.dep_ not in ("pobj", "dobj", "dative"):
            continue
        if _bracketed(doc, token.i):
            continue  # "colonies (where, who feeds them)"
        said_of = _said_of_clause(token) if token.dep_ == "pobj" else None
        if said_of is None and token.head.dep_ in _OF_CLAUSE:
            said_of = token.head.head  # "the uniform we've issued them"
        if said_of is None and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
            said_of = next(  # "the prisoners matched to them", read as a clause of its own
                (c for c in token.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
        holder = _record(said_of, records) if said_of is not None else None
        if said_of is None or holder is None:
            continue
        sentence = doc[said_of.sent.start : said_of.i]
        if token.lower_ == "them":
            target = _first_before(sentence, said_of.i, records, holder)
        else:
            target = next(
                (
                    found
                    for t in reversed(sentence)
                    if t.tag_ in ("NN", "NNP")
                    and (found := _record(t, records)) not in (None, holder)
                ),
                None,
            )
        if target is not None and token.dep_ == "dobj":
            yield target, holder  # "the groups I put them in": a pupil names its group
        elif target is not None:
            yield holder, target


def _which(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "Players, which team", "the traders ..., which stall each one has" -> (player, team);
    "which crowns went in which shed" -> (crown, shed). Not in brackets (`said_of` reads a
    list of details), nor "which caretaker opens up" (the thing itself does it)."""
    for token in doc:
        if token.lower_ != "which" or token.dep_ != "det" or token.i == 0:
            continue
        if _bracketed(doc, token.i):
            continue  # "the entries (which dog in which class)": details of the entries
        target = _record(_noun_run(token.head), records)
        if target is None or _acted(token.head):
            continue  # "who booked which class", "which folders each singer borrowed": an act
        sentence = doc[token.sent.start : token.sent.end]
        earlier = [
            t.head
            for t in doc[max(sentence.start, token.i - 8) : token.i]
            if t.lower_ == "which" and t.dep_ == "det"
        ]
        holder = next((h for h in (_record(t, records) for t in earlier) if h), None)
        if holder is None:
            if token.head.dep_ in ("nsubj", "nsubjpass") or _bracketed(doc, token.i):
                continue
            if doc[token.i - 1].lower_ not in (",", "and"):
                continue
            holder = _first_before(sentence, token.i, records, target)
        if holder is not None and holder != target:
            yield holder, target


def _noun_run(noun: Token) -> Token:
    """The last noun of the words from `noun` on ("which music folders" -> folders)."""
    while noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].tag_ in ("NN", "NNS"):
        noun = noun.doc[noun.i + 1]
    return noun


def _verb_of(thing: Token) -> Token:
    """The verb a thing is done to: "booked which class", "booked on which course"."""
    return thing.head.head if thing.dep_ == "pobj" else thing.head


def _doer(verb: Token) -> Token | None:
    """Who does it: "who" or "each singer" as the verb's subject, else None."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.lower_ == "who" or any(c.lower_ in _EACH for c in child.children):
            return child
    return None


def _acted(thing: Token) -> bool:
    """Whether a thing said with "which" is what an act is done to, kept as a record of its
    own: "who booked which class", "which folders each singer has borrowed" (a verb whose
    act the shape reader keeps: booking, loan, rental); not "which stall each one has"."""
    verb = _verb_of(thing)
    doer = _doer(verb) if verb.pos_ in ("VERB", "AUX") else None
    if doer is None:
        return False
    return doer.lower_ == "who" or verb.lemma_.lower() in shape_words().table("implied")


def _bracketed(doc: Doc, at: int) -> bool:
    depth = 0
    for token in doc[:at]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


def _with(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "callouts with the customer", "each job ... with the horse, the owner and the yard",
    "the matches we play with the team sheet": the thing "with" is said of names each kept
    thing said after it (not in brackets, nor "with its/their ...": see `_their`)."""
    for token in doc:
        if token.lower_ != "with" or token.dep_ != "prep" or _bracketed(doc, token.i):
            continue
        head = token.head
        if head.pos_ in ("VERB", "AUX") and head.dep_ in _OF_CLAUSE:
            head = head.head  # "repairs taken in ... with the customer"
        owner = _record(head, records)
        if owner is None:
            continue
        for said in (c for c in token.children if c.dep_ == "pobj"):
            if any(c.lower_ in ("its", "their") for c in said.children):
                continue  # "the show with its entries": the entries name the show
            for item in (said, *said.conjuncts):
                # "with the customer"; not "with film stock", "with targets" (its details), nor
                # "with the parts I used" (many of them, no one record to name)
                if item.tag_ == "NNS" or not any(
                    c.lower_ in ("the", "a", "an") for c in item.children
                ):
                    continue
                target = _record(item, records)
                if target is not None and target != owner:
                    yield owner, target


def _done_to(doc: Doc, records: frozenset[str]) -> Iterator[tuple[str, str]]:
    """ "a bike repair van ... each repair job": the work a record is of (a repair job) is
    done to the thing said before that work (the bike): the job names its bike."""
    done_to: dict[str, str] = {}
    for token in doc:
        thing = _record(token, records)
        if thing and token.dep_ == "compound" and _record(token.head, records) is None:
            done_to.setdefault(token.head.lemma_.lower(), thing)  # "bike repair"
    for token in doc:
        work = done_to.get(token.lemma_.lower())
        if work is None or token.dep_ != "compound":
            continue
        holder = _record(token.head, records)  # "repair job"
        if holder is not None and holder != work:
            yield holder, work


def said_links(doc: Doc, records: Sequence[str]) -> list[tuple[str, str]]:
    """(holder, target) for each link the idea says between two of `records`: the holder's
    record names one of the target's."""
    known = frozenset(records)
    found = [*_their(doc, known), *_each(doc, known), *_pronoun(doc, known)]
    found += [*_which(doc, known), *_with(doc, known), *_done_to(doc, known)]
    return list(dict.fromkeys(found))


def joined_acts(doc: Doc) -> list[Joined]:
    """ "who booked which class", "which folders each singer has borrowed": the record of the
    act, the thing it is done to and who does it ("singer"; "" for "who"), whatever the plan
    keeps (the caller checks)."""
    found: list[Joined] = []
    for token in doc:
        if token.lower_ != "which" or token.dep_ != "det":
            continue
        verb = _verb_of(token.head)
        doer = _doer(verb) if verb.pos_ in ("VERB", "AUX") else None
        act = act_noun(verb.lower_) if doer is not None else None
        if doer is not None and act is not None:
            by = "" if doer.lower_ == "who" else as_singular(doer.lower_)
            found.append(Joined(act, as_singular(_noun_run(token.head).lower_), by))
    return found
