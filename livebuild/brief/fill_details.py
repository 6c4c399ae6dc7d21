"""The details a request lists, each as a field to keep, read by what each item is in English.

A founder lists what to keep as labels ("the round, the two teams"), as questions ("are they
over 18?", "how did they hear about us?", "what engine it's got"), as needs ("an emergency
contact number please") or as which of a kind ("which driver"). Each item becomes a
(label, kind, choices) the applier checks like any other: a yes-or-no question a tick box,
"when" a date, "how many" a number, "how much" an amount, "which X" of a kind the plan keeps a
link to it. An item that is a clause of its own ("we had an injury last week") is why the
founder asks, not a detail, and is left out. Used by the argument fillers (`change_fill`).
"""

from __future__ import annotations

import re

from livebuild.brief.change_names import find_entity
from livebuild.brief.change_words import YES_NO, field_spec, kind_of, label, names_nothing
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

Spec = tuple[str, str, tuple[str, ...]]

_MAX_ITEMS = 10
_LITTLE = frozenset({"for", "about", "of", "to", "from", "with", "else", "if", "then", "now"})
_MAX_WORDS = 7
_MAX_PLAIN = 5
_VAGUE = frozenset(
    {"more", "everything", "anything", "something", "stuff", "things", "info", "details", "all",
     "it", "that", "this", "them", "those", "a bit more", "more info", "more details", "lots"}
)  # fmt: skip
# Items are split at commas, "and", "plus", "&" and semicolons; "paid or not" stays whole.
_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+|plus\s+)?|\s+and\s+|\s+plus\s+|\s*&\s*")
# "an emergency vet number as well as the owner": what it is said beside is kept already.
_BESIDE = re.compile(r"\s+(?:as\s+well\s+as|besides|alongside|next\s+to|like)\s+.*$", re.I)
_POLITE = re.compile(
    r"\s*\b(?:please|pls|too|as\s+well|also|thanks|thank\s+you|if\s+possible|if\s+we\s+can)\b[.!]?\s*$",
    re.I,
)
_LEAD = re.compile(
    r"^(?:also|and|plus|then|maybe|perhaps|just|some|any|i\s+need|we\s+need|need)\s+", re.I
)
_ARTICLE = re.compile(r"^(?:the|a|an|its|their|his|her|our|my|your|each|every|any|some)\s+", re.I)
# "are they over 18", "do they read music", "was there any sign of varroa", "is it paid"
_YES_NO_Q = re.compile(
    r"^(?:are|is|do|does|did|can|could|has|have|was|were|will|would)\s+"
    r"(?:they|it|he|she|there|we|you|the\s+\w+|any)\s+(?:any\s+|a\s+|an\s+)?(?P<rest>.+)$",
    re.I,
)
# "what colour it's painted", "which key it's in", "what hops go in it": the noun asked after.
_WHAT_NOUN = re.compile(
    r"^(?:what|which)\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?(?P<noun>[a-z0-9][\w-]*)\s+(?P<rest>.*)$",
    re.I,
)
# "what was the original gravity", "who's the landlord", "what is their shoe size"
_WHAT_IS = re.compile(
    r"^(?:what|who|which)(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?(?P<noun>.+)$",
    re.I,
)
# "whether we can claim gift aid", "whether it's been used": a yes or no
_WHETHER = re.compile(
    r"^(?:whether|if)\s+(?:(?:they|it|we|he|she|the\s+\w+)(?:'s|'ve|\s+(?:is|are|was|were|has|have|can|could|did|do|does))?\s+)?"
    r"(?:been\s+|got\s+|a\s+|an\s+)?(?P<rest>.+)$",
    re.I,
)
# "paid or not yet", "signed or not": a yes or no said by its yes
_OR_NOT = re.compile(r"^(?P<rest>.+?)\s+or\s+not(?:\s+yet)?$", re.I)
_PAREN = re.compile(r"\((?:the\s+|a\s+|an\s+)?(?P<name>[^()]{2,40})\)")
_CLAUSE = re.compile(
    r"^(?:we|i|they|he|she|you|it|our|my|this|that|there)\s+(?:\w+\s+)?(?:\w+ed|\w+s|had|was|were|is|are|got|get|have|do|did|don't|can't|won't)\b",
    re.I,
)
_VERBISH = frozenset(
    {"go", "goes", "got", "get", "is", "are", "was", "were", "has", "have", "do", "does"}
)


def items(text: str) -> list[str]:
    """The items a list of details says, tidied of politeness and leading filler."""
    # Examples in brackets ("(bottles, flowers, red carpet)") say what an item holds, not items.
    said = re.sub(r"\s*\([^()]*,[^()]*\)", "", text.strip().rstrip(".!?"))
    found = []
    for part in _SPLIT.split(said)[:_MAX_ITEMS]:
        part = _POLITE.sub("", _BESIDE.sub("", part.strip().rstrip("?.!"))).strip()
        while _LEAD.match(part):
            part = _LEAD.sub("", part, count=1)
        if part:
            found.append(part)
    return found


def spec_of(brief: Brief, item: str, owner_slug: str = "") -> Spec | None:
    """The field one listed item asks for, or None when it is no detail (a clause, a remark)."""
    named = _PAREN.search(item)
    if named is not None and len(named["name"].split()) <= 4:
        # "what the caterpillars eat (the host plant)": the name said in brackets
        return _plain(named["name"])
    item = item.strip()
    lower = item.lower()
    if _CLAUSE.match(lower) or names_nothing(item) or _ARTICLE.sub("", lower) in _VAGUE:
        return None  # "I need to know more": no detail named
    yes_no = _YES_NO_Q.match(item) or _WHETHER.match(item) or _OR_NOT.match(item)
    if yes_no is not None:
        return _named(_trimmed(yes_no["rest"]), "boolean")
    which = re.match(r"^(?:which|what)\s+(?P<kind>[a-z][\w -]*)$", lower)
    if which is not None and which["kind"] in _LITTLE:
        return _named(item, "text")  # "what for": asked whole
    if which is not None and len(which["kind"].split()) <= 2:
        linked = _linked(brief, which["kind"], owner_slug)
        return linked if linked is not None else _plain(which["kind"])
    what_is = _WHAT_IS.match(item)
    if what_is is not None and what_is["noun"].split()[0].lower() in _LITTLE | {"in", "on", "at"}:
        return _named(item, "text")  # "what's in it": asked whole
    if what_is is not None and len(what_is["noun"].split()) <= 4:
        return _plain(what_is["noun"])
    what = _WHAT_NOUN.match(item)
    if what is not None and what["noun"].lower() not in ("the", "a", "an", "it", "they", "we"):
        first = what["rest"].split()[:1]
        if first and (
            first[0].lower() in _VERBISH or "'" in first[0] or first[0] in ("it", "they", "we")
        ):
            return _plain(what["noun"])
    if re.match(r"^how\s+much\b", lower):
        return _named(item, "money") if len(item.split()) > 2 else ("How much", "money", ())
    if re.match(r"^how\s+many\b", lower):
        return _named(item, "number")
    if re.match(r"^when\b", lower):
        return _named(item, "date")
    if re.match(r"^(?:what|who|how|where|why|which)\b", lower):
        return _named(item, kind_of(item))
    if _is_clause(item):
        return None
    linked = _linked(brief, lower, owner_slug) if len(lower.split()) <= 2 else None
    if linked is not None and lower.startswith(("which", "whose")):
        return linked
    spec = field_spec(item)
    if spec is not None:
        return spec
    # "their public liability insurance expiry date": a name of a few words, said plainly
    short = len(_ARTICLE.sub("", item).split()) <= _MAX_PLAIN
    if not short or not re.fullmatch(r"[A-Za-z0-9' -]+", item) or _predicate(item):
        return None
    return _plain(item)


_WHY_CLAUSE = re.compile(
    r"^(?:for|so|because|since|as|cos|otherwise|in\s+case)\s+(?:when|that|we|i|they|it|he|she)\b",
    re.I,
)


def clause(item: str) -> bool:
    """Whether a listed item is a clause of its own, no detail ("we had a crash")."""
    return _CLAUSE.match(item.strip().lower()) is not None or _is_clause(item)


def _is_clause(item: str) -> bool:
    """ "we had an injury last week", "the juniors race separately": a clause of its own."""
    if _WHY_CLAUSE.match(item):
        return True
    doc = parsed(item)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)


def _predicate(item: str) -> bool:
    """ "only answer their work phone": said of someone, with its verb, not a thing's name."""
    root = next((t for t in parsed(item) if t.dep_ == "ROOT"), None)
    return root is not None and root.pos_ in ("VERB", "AUX")


def _trimmed(text: str) -> str:
    return _ARTICLE.sub("", text.strip().rstrip("?")).strip()


def _named(text: str, kind: str) -> Spec | None:
    text = text.strip().rstrip("?.!").strip()
    if not text or len(text.split()) > _MAX_WORDS or not re.fullmatch(r"[A-Za-z0-9' /-]+", text):
        return None
    return label(text), kind, YES_NO if kind == "choice" else ()


def _plain(text: str) -> Spec | None:
    text = text.strip()
    while _ARTICLE.match(text):
        text = _ARTICLE.sub("", text, count=1)
    spec = field_spec(text)
    return spec if spec is not None else _named(text, kind_of(text))


def _linked(brief: Brief, said: str, owner_slug: str) -> Spec | None:
    """ "which driver": a link to Drivers when the plan keeps them (not to the owner itself)."""
    said = re.sub(r"^(?:which|whose|what)\s+", "", said.strip(), flags=re.I)
    found = find_entity(brief, said)
    if found is None or not found.sure or found.entity.slug == owner_slug:
        return None
    return label(found.entity.singular), "link", ()


def specs(brief: Brief, text: str, owner_slug: str = "") -> list[Spec]:
    """Every detail a list says, once each by label."""
    found: list[Spec] = []
    for item in items(text):
        spec = spec_of(brief, item, owner_slug)
        if spec is not None and spec[0].lower() not in {s[0].lower() for s in found}:
            found.append(spec)
    return found
