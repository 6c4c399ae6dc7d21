"""A change request decided by a vote of two readers, the rules and the model.

Both read the request. Where they agree, the change is made. Where only one reads something,
or they disagree, the reading with evidence is made, and the evidence is stated:

- the rules' reading is a shape known to be exact (`EXACT`: every part read, nothing unsure,
  and only operations the rules read right at least 85 times in 100 on spent rounds 12-20);
- the model's operation resolves against the plan's own names (`model_change_resolve`), names
  a record kind or field the request speaks of, and its new words are the request's own
  (`model_change_reconcile.evidenced`);
- a colour said against the app's own (`colour_against`) is always the rules': a move computed
  on the plan's colour, or a plain "we don't know that colour", never a model's guess;
- a can't-do wins only with a reason the rules know (a limit the request or the model's reason
  names); the rules' own can't-dos always carry one.
- where the rules read every part surely, the model's reading stands for theirs only where it
  is the same but for an added field's label and kind (every word of it the request's own) or
  a colour's words; a theme, a name, a rename's target are never the model's there.

Where neither is sure, the reading is offered as a suggestion to confirm, never made. Two of
a small model's known misreadings are mended first: a new kind of record whose details were
written as fields of other kinds the request doesn't name (they are the new kind's fields),
and a can't-do without a reason beside a plain reading of the rules (the rules make it).
"""

from __future__ import annotations

import dataclasses
import re

from livebuild.brief.change_names import find_entity, key
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    MoveField,
    Operation,
    Reading,
    RemoveField,
    RenameEntity,
    RenameField,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
    Suggestion,
)
from livebuild.brief.change_parts import readable
from livebuild.brief.change_whole import read_limits
from livebuild.brief.changes import ChangeResult
from livebuild.brief.colour_against import colour_against
from livebuild.brief.model import Brief
from livebuild.brief.model_change_prompt import Target
from livebuild.brief.model_change_reconcile import (
    Verdict,
    evidenced,
    named_kind,
    offer,
    reconcile,
    rules_elsewhere,
    shares_a_word,
    sure,
)
from livebuild.brief.tagline_said import named_in_place

# The rules' operations that were made as meant at least 85 times in 100 when the rules read
# the whole request surely (rounds 12-20, `bench.replay_changes`): a reading of only these is
# made without asking the model. Added fields (63 in 100) and colours (65 in 100) are not.
EXACT: tuple[type[Operation], ...] = (
    Cannot,
    AddChoices,
    AddEntity,
    ChangeKind,
    MoveField,
    RemoveField,
    RenameEntity,
    RenameField,
    SetName,
    SetTagline,
    SetTheme,
)


def exact(rules: Reading) -> bool:
    """Whether the rules read every part surely, as shapes they are known to read exactly."""
    return sure(rules) and all(isinstance(op, EXACT) for op in rules.operations)


def settled(whole: ChangeResult | None) -> bool:
    """Whether the rules' whole reading (with its second look at the request) made something
    and left nothing unmade or unsure."""
    return whole is not None and bool(whole.made) and not (whole.unmade or whole.suggestions)


def settles(rules: Reading, whole: ChangeResult) -> bool:
    """Whether the rules' reading is theirs to make without the model: shapes they read exactly
    (part by part, or as a whole), or a limit they know."""
    whole_exact = settled(whole) and all(isinstance(op, EXACT) for op in whole.operations)
    declined = any(isinstance(op, Cannot) for op in rules.operations)
    return exact(rules) or whole_exact or declined


# "track which members pay by direct debit", "note whether fees are paid automatically": a fact
# kept about each record (a field), not the act its words name.
_KEEPS_A_FACT = re.compile(
    r"\b(?:keep\s+track\s+of|track|record|note|log|mark|tick|store|know|see)\s+(?:of\s+)?"
    r"(?:which|whether|who|if)\b",
    re.IGNORECASE,
)


def limit_stands(request: str, whole: ChangeResult) -> bool:
    """Whether the rules' second look declined the whole of `request` for a limit they know
    ("livestream the final") and it asks for that, not for a fact to keep: their "can't" is
    said, whatever the model read. The limit is guessed from the request's words, so the model
    is still asked (its reading is offered beside); a fact to keep is read as usual."""
    return whole.limit is not None and not whole.made and _KEEPS_A_FACT.search(request) is None


def offered_beside(brief: Brief, request: str, target: Target | None, model: Reading) -> Verdict:
    """The rules' answer, with the model's readings that have evidence offered to confirm."""
    ours: list[Operation] = [op for op in model.operations if not isinstance(op, Cannot)]
    return Verdict(None, _offered(brief, request, target, ours, []))


def folded(brief: Brief, request: str, target: Target | None, model: Reading) -> Reading:
    """`model` with a new kind's details kept as its own fields: "a log of each fill: the date,
    which tank, the pressure" read as a new kind and as Tank and Pressure on Divers, a kind the
    request never names, is one new kind with those fields."""
    new = [op for op in model.operations if isinstance(op, AddEntity)]
    if not new:
        return _listed_kind(brief, request, target, model)
    if len(new) != 1:
        return model
    stray = [
        op
        for op in model.operations
        if isinstance(op, AddField) and not named_kind(brief, request, target, op)
    ]
    if not stray:
        return model
    kind = new[0]
    have = {key(label) for label, _, _ in kind.fields}
    extra = tuple((op.label, op.kind, op.choices) for op in stray if key(op.label) not in have)
    whole = AddEntity(kind.name, (kind.fields + extra)[:11])
    kept = [whole if op is kind else op for op in model.operations if op not in stray]
    return Reading(kept, list(model.not_understood), list(model.suggestions), list(model.already))


# "the vet wants worming doses: every month, the wormer, the dose": a thing named, then what
# is kept of it, after a colon or a dash.
_LISTED = re.compile(
    r"^(?P<thing>[^:\u2013\u2014]{3,120}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<details>\S.*)$"
)


def _listed_kind(brief: Brief, request: str, target: Target | None, model: Reading) -> Reading:
    """`model` with a new kind written as fields of another: "the EHO wants fridge checks:
    which fridge, the reading and who checked it" read as Fridge checks, Fridge, Reading and
    Checked by on a kind the request never names is one new kind, Fridge checks, with the
    others as its fields. Only in that shape (the first field's words all said before the
    colon, the others' after it) and only when every field is on kinds the request never
    names; anything else is `model` as read."""
    fields = [op for op in model.operations if isinstance(op, AddField)]
    shape = _LISTED.match(" ".join(request.split()))
    if shape is None or len(fields) < 3 or len(fields) != len(model.operations):
        return model
    if any(named_kind(brief, request, target, op) for op in fields):
        return model
    thing, details = shape.group("thing"), shape.group("details")
    first, rest = fields[0], fields[1:]
    if not _all_said(thing, first.label) or _all_said(details, first.label):
        return model
    if not all(shares_a_word(details, op.label) for op in rest):
        return model
    found = find_entity(brief, first.label)
    if found is not None:
        # "dogs: the microchip, the breed" where Dogs is the plan's: the details are that
        # kind's fields (where it has them, said so), never a second kind of the same name.
        if not found.sure:
            return model
        made: list[Operation] = [dataclasses.replace(op, entity=found.entity.slug) for op in rest]
    else:
        kept = tuple((op.label, op.kind, op.choices) for op in rest)[:11]
        made = [AddEntity(first.label, kept)]
    return Reading(
        made,
        list(model.not_understood),
        list(model.suggestions),
        list(model.already),
    )


def _declines(brief: Brief, request: str, reading: Reading) -> bool:
    """Whether `reading` is a can't-do with a reason the rules know a limit for."""
    whys = [op.why for op in reading.operations if isinstance(op, Cannot)]
    return any(read_limits(brief, said.lower()) for said in [*whys, request] if whys)


def colour_read(brief: Brief, request: str) -> bool:
    """Whether the rules read `request` as a colour said against the app's own, as they read
    it (markup out, the tagline's places said): then theirs is made and no model is asked."""
    text = named_in_place(readable(request), brief.product_name)
    return colour_against(brief, text) is not None


def vote(
    brief: Brief,
    request: str,
    target: Target | None,
    model: Reading,
    rules: Reading,
    *,
    whole: ChangeResult | None = None,
    coloured: bool | None = None,
) -> Verdict:
    """What to make of two readings of `request`: the model's (mended), the rules' (None),
    and what is offered to confirm beside it. `whole`: the rules' whole reading, made;
    `coloured`: `colour_read` of the request where the caller has read it already (None: read
    here)."""
    if colour_read(brief, request) if coloured is None else coloured:
        # A colour said against the app's own ("tone down the orange", "swap the green for
        # something warmer"): the rules' move is computed on the plan's colour, and a name they
        # don't know is said plainly; a model's named colour would be a guess.
        return Verdict(None)
    if rules_elsewhere(brief, request, target, model, rules):
        return reconcile(brief, request, target, model, rules)  # pointed at: the model's
    model = folded(brief, request, target, model)
    ours: list[Operation] = [op for op in model.operations if not isinstance(op, Cannot)]
    theirs: list[Operation] = [op for op in rules.operations if not isinstance(op, Cannot)]
    made = list(whole.operations) if whole is not None else theirs
    if (whole is not None and settles(rules, whole)) or _both_new(ours, made):
        # A shape the rules read exactly, a limit they know, or a new kind of record both read
        # (the rules take its name and details from the founder's own list): theirs is made;
        # the model's other readings with evidence are offered.
        return Verdict(None, _offered(brief, request, target, ours, made))
    if any(isinstance(op, Cannot) for op in model.operations) and not ours:
        if _declines(brief, request, model):
            return Verdict(model)  # said in the rules' words where they know the limit
        # A can't-do without a reason the rules know: the rules' answer (their reading, or
        # their "didn't understand" line when they read nothing).
        return Verdict(None)
    if ours and (sure(rules) or settled(whole)):
        # The rules read it all, as a shape they sometimes misread (a field, a colour): the
        # model's reading is made only where it is theirs but for an added field's label and
        # kind in the request's own words ("Door shuts" as money for "it's an extra
        # \u00a3400"), or a colour said the same; else the rules'.
        if _close(request, ours, made):
            return Verdict(Reading(ours, suggestions=list(model.suggestions)))
        return Verdict(None, _offered(brief, request, target, ours, made))
    disputed = ours and theirs and not _shared(ours, theirs)
    if disputed and all(evidenced(brief, request, target, op) for op in ours):
        # They disagree and the rules left something unread or unsure: the model's reading is
        # made when every operation of it has evidence, the rules' offered.
        offered = [*model.suggestions, *_offered(brief, request, target, theirs, ours)]
        return Verdict(Reading(ours, suggestions=offered))
    return reconcile(brief, request, target, model, rules)


def _signature(operation: Operation) -> tuple[str, str, str]:
    return (
        type(operation).__name__,
        str(getattr(operation, "entity", "")),
        str(getattr(operation, "field", "")),
    )


def _shared(ours: list[Operation], theirs: list[Operation]) -> bool:
    return bool({_signature(op) for op in ours} & {_signature(op) for op in theirs})


def _both_new(ours: list[Operation], theirs: list[Operation]) -> bool:
    return any(isinstance(op, AddEntity) for op in ours) and any(
        isinstance(op, AddEntity) for op in theirs
    )


def _close(request: str, ours: list[Operation], theirs: list[Operation]) -> bool:
    """Whether each reader's operations are the other's, one for one, the same but for an
    added field's label and kind (labels that share a word, the model's all in the request's
    own words, on the same kind of record) or a colour said the same."""
    if len(ours) != len(theirs):
        return False
    left = list(theirs)
    for op in ours:
        match = next((t for t in left if _like(request, op, t)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _like(request: str, one: Operation, other: Operation) -> bool:
    """Whether the model's `one` may stand for the rules' `other`: the same operation, but for
    an added field's label and kind or a colour's words. A theme, a new name, a rename's
    target, a field's kind or place must be the rules' own."""
    if _signature(one) != _signature(other):
        return False
    if isinstance(one, AddField) and isinstance(other, AddField):
        return shares_a_word(one.label, other.label) and _all_said(request, one.label)
    if isinstance(one, SetColour) and isinstance(other, SetColour):
        return shares_a_word(one.said, other.said)
    return one == other


def _all_said(request: str, label: str) -> bool:
    """Whether every word of `label` (small words aside) is the request's own ("Date joined"
    for "add date of birth" is not)."""
    words = [w for w in label.split() if shares_a_word(w, w)]  # a word of its own: not "of"
    return bool(words) and all(shares_a_word(request, w) for w in words)


def agreed(model: Reading, rules: Reading) -> bool:
    """Whether the model read every operation the rules read, on the same thing."""
    ours = {_signature(op) for op in model.operations if not isinstance(op, Cannot)}
    theirs = {_signature(op) for op in rules.operations if not isinstance(op, Cannot)}
    return bool(theirs) and theirs <= ours


def _offered(
    brief: Brief,
    request: str,
    target: Target | None,
    ops: list[Operation],
    beside: list[Operation],
) -> list[Suggestion]:
    """Suggestions for `ops` not read the same by the other reader, where they have evidence."""
    made = {_signature(op) for op in beside}
    offers = [
        offer(brief, op, "Or did you mean to")
        for op in ops
        if _signature(op) not in made and evidenced(brief, request, target, op)
    ]
    return [s for s in offers if s is not None]
