"""Details wished for on a record kind, read by the request's grammar: "for events I need to
know what time we have to be set up by", "could each platter say whether it has raw fish?",
"Customers - need their email as well, and whether they want shirts on hangers or folded",
"players - date of birth, we've got an over 40s cup now".

A founder says which record kind (a topic before a dash or colon, "for/on each X", or any
noun of the sentence naming a kind of the plan surely, else the kind the request is about)
and what they wish kept on it: the object of a verb of wishing or keeping (the [lists]
wish_verbs of change_words.toml: "know", "like", "note", "record", "say" …), or, after a
topic, a noun phrase alone. What is wished is cut into its items ("X and Y"); an item said
as a question of yes or no ("whether it has raw fish", "if they can drive", "which ones are
vegan") is a yes/no field named by what the question asks of the record, without its
subject or the verbs that only carry it ("has", "is", "got"); any other item is named and
typed as a field said plainly is (`field_specs`). Nothing is made unless every item reads as
a field the kind does not already have: a wish read only in part is left to say so.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from livebuild.brief.change_intents import focused
from livebuild.brief.change_names import find_entity
from livebuild.brief.change_ops import AddField, Operation
from livebuild.brief.change_restate import described_field
from livebuild.brief.change_words import field_specs, reads_as_field, wish_verbs
from livebuild.brief.model import Brief, Entity
from livebuild.english.nlp import parsed
from livebuild.english.words import word_gate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MAX_CHARS = 300
_MOST_ITEMS = 4
_MOST_WORDS = 6  # the longest name a yes/no field is given from a question
_SPACED_HYPHEN = re.compile(r"\s+[-\u2013\u2014]+\s+")
_I = re.IGNORECASE

# Verbs of changing what is there: a wish said with one is another reader's.
_CHANGING = frozenset(
    {
        "rename", "remove", "delete", "drop", "change", "make", "turn", "call", "move", "swap",
        "replace", "hide", "bin", "ditch", "lose", "split", "merge", "link", "pick", "choose",
        "select", "colour", "color",
    }
)  # fmt: skip
_TOPIC = re.compile(r"^(?P<topic>[\w' ]{2,40}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<rest>\S.*)$")
_FOR_EACH = re.compile(
    r"^(?:for|on|in|with)\s+(?:each|every|all|the|our|a|an)?\s*(?P<what>[\w' ]{2,40}?)"
    r"\s*(?:,|\s+(?=(?:i|i'd|i'm|we|we'd|can|could|please|should|it|they|need|want)\b))",
    _I,
)
# What is wished ends where the reason for it starts.
_REASON = re.compile(
    r"(?:\s*[,;]?\s+(?:so|because|cos|as|since|in\s+case|for\s+when)\b|\s*[?!.;]|"
    r"\s+[-\u2013\u2014]+\s|\s*,\s*(?=(?:we|i|it|they|that|there)(?:'\w+)?\b)|"
    r"\s+(?:for|on|per)\s+(?:each|every)\s+(?:one|of\s+them)\b).*$",
    _I,
)
_FILLER = re.compile(
    r"\b(?:as\s+well|too|also|please|pls|down|in\s+there|on\s+there|on\s+it|on\s+them)\b", _I
)
_ITEMS = re.compile(
    r"\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:the|their|its|a|an|whether|if|who|what|which|how|when|where)\b)",
    _I,
)
_QUESTION = re.compile(r"^(?:whether|if|which\s+ones?|which\s+of\s+them)\s+(?P<rest>\S.*)$", _I)
_BOX = re.compile(
    r"^(?:an?\s+)?(?:little\s+)?(?:tick\s*-?\s*box|check\s*-?\s*box|box|field|column|spot|"
    r"place|tick)\s+(?:for|to\s+say)\s+",
    _I,
)
_ASIDE = re.compile(r"\s*\([^()]*\)")  # "(porch, through the door)": examples, not items
# "high chairs for those": said of something said before, not a detail of its own.
_POINTS_BACK = re.compile(r"\b(?:for|of|with)\s+(?:those|them|these|that|this|it)$", _I)
_PAGE = re.compile(r"\b(?:list|page|section|tab|log|tracker|sheet|table)s?\b", _I)
# Verbs that only carry a question of yes or no: "whether it HAS raw fish", "if they GOT …".
_CARRIERS = frozenset({"have", "be", "get", "got", "contain", "include", "want", "need", "do"})
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
_VAGUE = frozenset(
    {"any", "anything", "something", "some", "or", "not", "more", "stuff", "things", "everything"}
)
_ARTICLES = frozenset({"the", "a", "an", "their", "its", "his", "her", "our", "them", "it"})


@functools.cache
def _gate() -> re.Pattern[str]:
    return word_gate(wish_verbs(), whole=False)


def wanted(brief: Brief, part: str) -> list[Operation]:
    """The fields `part` wishes kept on a record kind, or nothing."""
    text = _SPACED_HYPHEN.sub(" \u2014 ", _ASIDE.sub("", part.strip()[:_MAX_CHARS]))
    topic = _TOPIC.match(text)
    if _gate().search(text) is None and topic is None:
        return []
    doc = parsed(text)
    if any(t.lemma_.lower() in _CHANGING for t in doc if t.pos_ == "VERB"):
        return []
    verb = _wish_verb(doc)
    if verb is not None and not _wished(verb):
        return []  # "we only take experts": what is done, not what is wished
    if verb is not None:
        wished = text[verb.idx + len(verb.text) :]
    elif topic is not None and _gate().search(topic["rest"]) is None:
        wished = topic["rest"]  # "players - date of birth": the topic, then what it keeps
    else:
        return []
    wished = _FILLER.sub(" ", _REASON.sub("", wished)).strip(" ,:")
    if not wished or _PAGE.search(wished):
        return []
    owner = _owner(brief, doc, text, len(text) - len(wished))
    if owner is None:
        return []
    return _fields(brief, owner, wished)


def _wish_verb(doc: Doc) -> Token | None:
    """The verb whose object is what is wished: the last of a chain ("need to know")."""
    verb = next(
        (
            t
            for t in doc
            if t.pos_ == "VERB"
            and t.lemma_.lower() in wish_verbs()
            and not any(c.dep_ == "neg" for c in t.children)
        ),
        None,
    )
    while verb is not None:
        chained = next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in wish_verbs()),
            None,
        )
        if chained is None:
            return verb
        verb = chained
    return None


_WISHING = frozenset({"need", "want", "like", "love"})


def _wished(verb: Token) -> bool:
    """Whether the chain `verb` ends is a wish: "need"/"want"/"like" said, a modal ("can we
    note", "should have"), or an order ("note …"); not a statement of what is done."""
    chain = [verb, *verb.ancestors]
    if any(t.lemma_.lower() in _WISHING for t in chain):
        return True
    if any(c.dep_ == "aux" and c.tag_ == "MD" for t in chain for c in t.children):
        return True
    return verb.dep_ == "ROOT" and verb.tag_ == "VB"


def _owner(brief: Brief, doc: Doc, text: str, wished_at: int) -> Entity | None:
    """The record kind the wish is about: said first, said anywhere before what is wished,
    or the kind the request is about."""
    said = _TOPIC.match(text) or _FOR_EACH.match(text)
    if said is not None:
        found = find_entity(brief, said.group(1))
        if found is not None and found.sure:
            return found.entity
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.idx >= wished_at:
            continue
        found = find_entity(brief, noun.text)
        if found is not None and found.sure:
            return found.entity
    for noun in doc:
        # "could I put whether a racket has a cracked frame": the record the question asks of.
        asked = any(c.lower_ in ("whether", "if") for c in noun.head.children)
        if noun.dep_ in _SUBJECTS and noun.pos_ == "NOUN" and asked:
            found = find_entity(brief, noun.text)
            if found is not None and found.sure:
                return found.entity
    return focused(brief)


def _fields(brief: Brief, owner: Entity, wished: str) -> list[Operation]:
    items = [i.strip() for i in _ITEMS.split(wished) if i.strip()]
    if not items or len(items) > _MOST_ITEMS:
        return []
    operations: list[Operation] = []
    for item in items:
        if _POINTS_BACK.search(item) or parsed(item)[0].tag_ in ("VBG", "VB", "VBN"):
            return []  # "keep asking", "need high chairs for those": no detail named
        spec = _yes_no(brief, owner, item) or _plain(item) or _when(item)
        if spec is None or not reads_as_field(spec[0]):
            return []
        if any(f.label.lower() == spec[0].lower() for f in owner.fields):
            return []  # kept already: what is wished of it is another reader's
        operations.append(AddField(owner.slug, spec[0], spec[1], spec[2]))
    return operations


def _plain(item: str) -> tuple[str, str, tuple[str, ...]] | None:
    if all(w in _VAGUE or w in _ARTICLES for w in item.lower().split()):
        return None  # "to know more": nothing named
    specs = field_specs(described_field(_BOX.sub("", item)))
    return specs[0] if len(specs) == 1 else None


# "the date it'll be ready to collect", "a time we arrive": a moment named by what happens.
_MOMENT = re.compile(
    r"^(?:the|a|an)\s+(?P<noun>date|time|day)\s+(?:that\s+|when\s+)?(?:it|they|we|you|he|she|"
    r"i)(?:'ll|'s|'re|'d)?\s+(?:(?:will|would|should|have\s+to|has\s+to|need\s+to|can|"
    r"is|are|be|get|gets)\s+)*(?P<what>[a-z]+)\b",
    _I,
)
_MOMENT_KINDS = {"date": "date", "day": "date", "time": "time"}


def _when(item: str) -> tuple[str, str, tuple[str, ...]] | None:
    """ "the date it'll be ready to collect" is Ready date; "a time we arrive" Arrive time."""
    said = _MOMENT.match(item)
    if said is None:
        return None
    label = f"{said['what'].capitalize()} {said['noun'].lower()}"
    return label, _MOMENT_KINDS[said["noun"].lower()], ()


def _yes_no(brief: Brief, owner: Entity, item: str) -> tuple[str, str, tuple[str, ...]] | None:
    """A question of yes or no as the field that answers it: "whether it has raw fish" is
    Raw fish, "if the lead was used" is Lead used, "if they can drive" is Can drive."""
    item = _BOX.sub("", item)
    question = _QUESTION.match(item)
    if question is None:
        return None
    doc = parsed(question["rest"])
    dropped = {i for token in doc for i in _carried(brief, owner, token)}
    words = [t.text for t in doc if t.i not in dropped and t.pos_ != "PUNCT"]
    if not words or len(words) > _MOST_WORDS:
        return None
    label = " ".join(words)
    return label[0].upper() + label[1:], "boolean", ()


def _carried(brief: Brief, owner: Entity, token: Token) -> set[int]:
    """The words of a question `token` drops from the field's name: a subject that is the
    record asked of, the verbs that only carry the question, determiners, "in it"."""
    if token.dep_ in _SUBJECTS:
        return set() if _keeps_subject(brief, owner, token) else {t.i for t in token.subtree}
    carrier = token.lemma_.lower() in _CARRIERS
    if carrier and token.dep_ in ("aux", "auxpass"):
        return {token.i}
    if token.dep_ == "det" or token.lower_ in _VAGUE:
        return {token.i}
    objects = ("dobj", "attr", "acomp", "prep", "oprd")
    if carrier and token.pos_ in ("VERB", "AUX"):
        return {token.i} if any(c.dep_ in objects for c in token.children) else set()
    if token.dep_ == "prep" and all(c.pos_ == "PRON" for c in token.children):
        return {t.i for t in token.subtree}  # "in it", "with them"
    return set()


def _keeps_subject(brief: Brief, owner: Entity, subject: Token) -> bool:
    """Whether a question's subject names what it asks ("if the lead was used"), not the
    record it asks of ("whether a racket has …", "if they …")."""
    if subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in ("one", "ones"):
        return False
    found = find_entity(brief, subject.text)
    named_owner = found is not None and found.entity is owner
    passive = subject.dep_ == "nsubjpass"
    return passive and not named_owner
