"""The arguments of a field made a link: which field, and which of the plan's kinds it picks.

"the winner of a heat has to be one of our drivers, let me pick them", "The roof on a meter
reading ought to be one of our roofs, chosen, not typed", "each booking should say which
customer it is from my customer list". The kind picked from is what "one of our", "from our
(list of)" or "our ... list" names; the field is the plan's field the request names, of a kind
the request names too where it says one, and not of the kind picked from.
"""

from __future__ import annotations

import re

from livebuild.brief.change_from_list import from_list
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_names import find_entity, key
from livebuild.brief.change_ops import ChangeKind, Operation
from livebuild.brief.model import Brief, Entity, Field

_PICKED_FROM = re.compile(
    r"\b(?:one\s+of|from|out\s+of|among|pick(?:ed)?\s+from|chosen\s+from|choose\s+from)\s+"
    r"(?:(?:our|my|the|your|their)\s+)?(?:own\s+)?(?:list\s+of\s+|lists\s+of\s+)?"
    r"(?P<kind>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    re.I,
)
# Only typed words become a pick of another kind's records; a title too, when said with its kind.
_PICKABLE = ("text", "longtext", "choice")
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|n't)\b|n't\b", re.I)
_CHOICES = re.compile(r"\b(?:choices?|dropdowns?|drop-downs?|drop\s+downs?|options?)\b", re.I)
# After the kind said, a list goes on ("coach, player", "coach or parent"); not "our roofs,
# chosen, not typed".
_LISTED = re.compile(
    r"\s*(?:,\s*|/\s*|\s+or\s+)(?!(?:chosen|picked|selected|not|please|so|rather|instead|"
    r"thanks|which|that|from|and|then|i|we|it|they|can|could|should)\b)[a-z]",
    re.I,
)
_LIST = re.compile(r"\b(?:our|my|the)\s+(?P<kind>[a-z][\w-]*)\s+(?:list|records|page)\b", re.I)
# "Each track should say which release it's on - pick it": the kind a "which" asks for.
_WHICH = re.compile(r"\bwhich\s+(?P<kind>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)


def filled(brief: Brief, text: str) -> list[Operation] | None:
    """The field `text` makes a link and the kind it picks from; None when either isn't said."""
    if _CHOICES.search(text):
        return None  # "a dropdown, one of coach, player, parent": a list of choices
    try:
        from_list(brief, text)
    except Refused:
        return None  # "price should come from the cakes": the rules' plain refusal stands
    picked = _picked_from(brief, text)
    if picked is None:
        return None
    target, (start, end) = picked
    if _NEGATED.search(text[:start]):
        return None  # "should not come from our coaches": no link asked
    if _LISTED.match(text[end:]):
        return None  # "one of coach, player or parent": the first of a list of choices
    # The kind picked from, said, names no field: "one of our drivers" is not a Driver field.
    lower = text[:start].lower() + " " * (end - start) + text[end:].lower()
    # A record's title only when no other field is said: "the member on a test", never "the
    # winner of a heat" of a kind whose title is Heat.
    best = _best_field(brief, lower, target, titles=False)
    best = best or _best_field(brief, lower, target, titles=True)
    if best is None:
        return None
    # A title made a link is made where the kind picked from has a typed title of its own.
    owner, field = best
    return [ChangeKind(owner.slug, field.name, "link", to=target.slug)]


def _best_field(
    brief: Brief, lower: str, target: Entity, *, titles: bool
) -> tuple[Entity, Field] | None:
    """The field `lower` names of a kind other than `target`: of the titles (said with their
    kind), or of the other fields."""
    best: tuple[int, Entity, Field] | None = None
    for owner in brief.entities:
        if owner is target:
            continue
        named = _said(lower, owner.singular) or _said(lower, owner.plural)
        if titles and not named:
            continue
        for field in owner.fields[:1] if titles else owner.fields[1:]:
            if field.kind not in _PICKABLE:
                continue  # an amount, date or number made a pick would stop working
            # "the member on a test": "test" names the kind Tests, not its Test field
            said = _said(lower, field.label) and not (named and _own_name(owner, field))
            score = 2 * said + named
            if not said and named and _names(brief, field, target):
                score = 2  # "each booking should say which customer": the Customer field
            if score >= 2 and (best is None or score > best[0]):
                best = (score, owner, field)
    return None if best is None else (best[1], best[2])


def _own_name(owner: Entity, field: Field) -> bool:
    return key(field.label) in (key(owner.singular), key(owner.plural))


def _picked_from(brief: Brief, text: str) -> tuple[Entity, tuple[int, int]] | None:
    """The kind a link picks from, and where it is said."""
    for pattern in (_PICKED_FROM, _LIST, _WHICH):
        for match in pattern.finditer(text):
            words = match["kind"].split()
            for cut in (len(words), 1):
                found = find_entity(brief, " ".join(words[:cut]))
                if found is not None and found.sure:
                    start = match.start("kind")
                    said = len(words[0]) if cut == 1 else len(match["kind"])
                    return found.entity, (start, start + said)
    return None


def _said(lower: str, name: str) -> int:
    said = key(name)
    if not said:
        return 0
    words = said.split()
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + r"(?:s|es)?\b"
    return int(re.search(pattern, lower) is not None)


def _names(brief: Brief, field: Field, target: Entity) -> bool:
    found = find_entity(brief, field.label)
    return found is not None and found.sure and found.entity is target
