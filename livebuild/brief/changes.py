"""A founder's change request applied to the plan, without a model.

The request is read part by part into typed operations (`change_reader`), each part against
the plan as the parts before it left it, and each operation is checked and made
(`change_apply`). What can't be made is said plainly; what was read too unsure to make is
offered back as a suggestion to confirm, never applied as typed.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, field, replace

from livebuild.brief import change_whole
from livebuild.brief.change_aim import Off, checked
from livebuild.brief.change_apply import apply_operation
from livebuild.brief.change_fill import filled
from livebuild.brief.change_fragments import held_back
from livebuild.brief.change_hint import suggestion_for, unread
from livebuild.brief.change_intents import FOCUS, Already, Refused
from livebuild.brief.change_kind_said import SAID_BEFORE
from livebuild.brief.change_limits import limit_named, limits
from livebuild.brief.change_new_list import points_back
from livebuild.brief.change_op_policy import Decision, decide, op_class
from livebuild.brief.change_ops import (
    AddEntity,
    Cannot,
    ChangeKind,
    Operation,
    Reading,
    RenameEntity,
    SetColour,
    SetName,
    Suggestion,
)
from livebuild.brief.change_parts import plain, plan_names, readable, split_joined, without_markup
from livebuild.brief.change_reader import (
    each_reading,
    focus_on,
    is_remark,
    left_unread,
    read_across,
    read_part,
    read_whole,
    remark_dropped,
)
from livebuild.brief.change_refine import better
from livebuild.brief.change_renamed_it import of_the_sentence_before
from livebuild.brief.change_schema import said as said_back
from livebuild.brief.colour_against import colour_against
from livebuild.brief.fill_app_name import outright
from livebuild.brief.model import Brief
from livebuild.brief.tagline_said import field_placed, named_in_place
from livebuild.safety.guardrails import founder_safe


@dataclass
class ChangeResult:
    brief: Brief
    made: list[str] = field(default_factory=list)
    unmade: list[str] = field(default_factory=list)
    # Readings we were unsure of, each with the request that would make it.
    suggestions: list[Suggestion] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    # Who read the request: "rules", or a model ("local" on this machine, "model" elsewhere).
    reader: str = "rules"
    # How many changes the request held (its parts), for how to say one again.
    parts: int = 1
    # Of the lines made and unmade, those saying the app already has what was asked.
    already: list[str] = field(default_factory=list)
    # The limit the rules' second look declined the whole request for, when it is one they know.
    limit: str | None = None

    @property
    def suggestion(self) -> str | None:
        """A way to say a change, only when a part wasn't read: a part no app can do already
        says so and the closest thing that can be made."""
        if not any(unread(line) for line in self.unmade):
            return None
        return suggestion_for(self.brief, several=self.parts > 1)

    def already_there(self, plan: Brief) -> bool:
        """Whether the request asked only for what `plan` already has ("add walkers" beside
        Walkers, a Notes box beside Notes), so making it would change nothing."""
        said = [*self.made, *self.unmade]
        return (
            bool(said)
            and not self.suggestions
            and all(line in self.already for line in said)
            and self.brief.to_dict() == plan.to_dict()
        )

    def notes(self) -> dict[str, object]:
        """What the change did, as a version's `change_result` says it."""
        return {
            "made": list(self.made),
            "unmade": list(self.unmade),
            "suggestion": self.suggestion,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "reader": self.reader,
        }


# "we don't use invoices, remove them": the second part only says the first again.
_ECHO = re.compile(
    r"^(?:(?:remove|delete|drop|get\s+rid\s+of|add|change|update|switch)\s+(?:them|it|those|these|that)|"
    r"use\s+(?:that|this|the\s+new)\s+(?:name|one)|do\s+(?:that|this|it))$",
    re.I,
)


_ECHO_CHARS = 60  # an echo is short: longer parts are not read twice


def _about(brief: Brief, operation: Operation) -> str | None:
    """The record kind an operation was about, as it is called after it."""
    if isinstance(operation, AddEntity):
        return brief.entities[-1].slug if brief.entities else None
    slug = getattr(operation, "entity", None)
    if isinstance(operation, RenameEntity):
        return None
    return slug if isinstance(slug, str) else None


def apply_change(brief: Brief, request: str, about: str | None = None) -> ChangeResult:
    """The plan with every understood part of `request` made, and what was not. `about`: the
    slug of the record kind the founder pointed at, which a part that names none is about."""
    result = ChangeResult(brief)
    asked, request = request, readable(request)
    ask = field_placed(request, plan_names(brief))
    if ask is not None:  # "put 'URGENT' under the name" where records have a Name: asked
        result.unmade.append(ask)
        result.parts = 1
        return result
    request = named_in_place(request, brief.product_name)
    if asked.strip() and not re.search(r"[^\W_]", request):
        # Nothing left to read: markup, an address, emoji or signs only.
        held = "only web page code or an address" if without_markup(asked) != asked else "no words"
        kind = brief.entities[0].plural if brief.entities else "Members"
        result.unmade.append(
            f"That held {held}, so there was no change to read. Say what to change in words, "
            f"like \u201cadd a phone number to {kind}\u201d."
        )
        return result
    against = colour_against(brief, request)
    if against is not None:
        # "swap the green for something warmer", "less grey, more navy": read whole.
        apply_reading(result, against)
        result.parts = 1
        return result
    token, said = FOCUS.set(about), SAID_BEFORE.set(None)
    try:
        joined = split_joined(request, plan_names(result.brief))
        parts = [part for part, _ in joined]
        result.parts = len(parts)
        read, echoes, declined, kept_back = _read_parts(result, joined, about)
        _across_sentences(result, read)
        # A remark ("that's what we record", "we've grown!") asks for nothing beside a request.
        # Beside a part no app can do, a remark ("every night") asks for nothing either.
        for part in [p for p in parts if is_remark(p)] if not (result.made or declined) else []:
            _apply_part(result, part)
        for part in echoes if not result.made else []:
            declined |= _apply_part(result, part)
        if not (result.made or result.suggestions or kept_back) and len(result.unmade) > 1:
            whole = read_whole(brief, request)
            if whole:
                result = ChangeResult(brief, parts=len(parts))
                apply_reading(result, Reading(operations=whole))
                read = []
        kept = [part for part in parts if part not in dict(kept_back)]
        result = _second_look(brief, request, result, (kept, read), declined=declined)
        result.unmade.extend(line for _, line in kept_back)
    finally:
        FOCUS.reset(token)
        SAID_BEFORE.reset(said)
    coloured = any(isinstance(operation, SetColour) for operation in result.operations)
    result.unmade = left_unread(
        result.unmade, declined=declined and not result.made, coloured=coloured
    )
    # What wasn't made may quote the request: a host path, a secret or a line of code in it
    # is not said back to the founder.
    result.unmade = [_quoting(line) for line in result.unmade]
    _drop_made_offers(result)
    return on_aim(brief, asked, result, about)


def _drop_made_offers(result: ChangeResult) -> None:
    """Take out of `result` each offer its own changes have made already: "add a phone
    number to members and text them …" adds the phone, declines the texting, and doesn't
    offer the phone again (nor say to ask for it)."""
    if not result.made:
        return
    made = [s for s in result.suggestions if s.change_request and _there(result, s.change_request)]
    result.suggestions = [s for s in result.suggestions if s not in made]
    for offer in made:
        said = f": say \u201c{offer.change_request}\u201d."
        result.unmade = [line.replace(said, ".") for line in result.unmade]


def _there(result: ChangeResult, request: str) -> bool:
    """Whether `request`, made on the plan `result` left, would change nothing."""
    again = apply_change(result.brief, request)
    return bool(again.already) and again.already == again.made and not again.unmade


def _read_parts(
    result: ChangeResult, joined: list[tuple[str, bool]], about: str | None
) -> tuple[list[_PartRead], list[str], bool, list[tuple[str, str]]]:
    """Read and make each part of a request in turn: what each made, the parts said of another
    (echoes, read last), whether any was declined, and the parts held back with a can't-do
    whose clause they were cut from (`change_fragments`), each with what is said of it."""
    read: list[_PartRead] = []
    echoes: list[str] = []
    held: list[tuple[str, str]] = []
    declined, head, head_declined, before = False, "", False, ""
    for part, on_before in [(remark_dropped(p), j) for p, j in joined if not is_remark(p)]:
        if not on_before:
            head, head_declined = part, False
        if len(part) <= _ECHO_CHARS and _ECHO.match(plain(part)):
            echoes.append(part)  # said of what another part asked, once that is read
            continue
        if focus_on(result.brief, part):
            continue
        line = held_back(result.brief, head, part, about) if head_declined else None
        if line is not None:
            held.append((part, line))  # what is left of a can't-do's clause is no change
            continue
        read.append(_read_one(result, part))
        declined |= read[-1].declined
        head_declined |= read[-1].declined
        if before and read[-1].made and _read_with_before(result.brief, part):
            # "Anglers sounds odd. Rename them to Customers": the sentence before said why.
            quoted = f"\u201c{before.strip()}\u201d"
            result.unmade = [line for line in result.unmade if quoted not in line]
        before = part
    return read, echoes, declined, held


def _read_with_before(brief: Brief, part: str) -> bool:
    """Whether `part` is read with the sentence before it: it renames "it" of that sentence, or
    keeps the new kind that sentence named ("We do tastings. Could I keep those? …")."""
    return of_the_sentence_before(part) or points_back(brief, part)


def _across_sentences(result: ChangeResult, read: list[_PartRead]) -> None:
    """Two parts in a row that read as nothing alone, made as one rename when together they
    say it ("'Inspections' sounds too official. We say walkabouts.")."""
    for at, (first, second) in enumerate(itertools.pairwise(read)):
        if any(said.made or said.declined or said.suggestions for said in (first, second)):
            continue
        both = read_across(result.brief, first.part, second.part)
        if not both:
            continue
        lines = {*first.unmade, *second.unmade}
        result.unmade = [line for line in result.unmade if line not in lines]
        apply_reading(result, Reading(operations=both))
        made = _PartRead(first.part, made=True, declined=False, unmade=(), suggestions=())
        read[at : at + 2] = [made, replace(made, part=second.part)]
        return


def _second_look(
    brief: Brief,
    request: str,
    result: ChangeResult,
    split: tuple[list[str], list[_PartRead]],
    *,
    declined: bool,
) -> ChangeResult:
    """The rules' reading of `request`, or what the op judge makes of it instead
    (`change_op_policy`): a plain "can't", or the first reading of the op it judged asked for.
    A request of several parts is judged part by part (`_each_part_looked_at`)."""
    parts, read = split
    several = len(read) > 1 and any(said.made or said.declined for said in read)
    fields = [op_class(operation) for operation in result.operations]
    solo = _solo(request, result, split)
    if solo is not None and fields and not declined and set(fields) == {"add_field"}:
        # The rules added fields: whatever the judge says, the field filler may read the same
        # kind's fields more fully or cleanly ("cars: what colour it's painted and what engine
        # it's got", "members: are they over 18?" a yes or no), taken as a refinement of theirs.
        refined = _filled_instead(brief, solo, result, Decision(op="add_field", refine=True))
        if refined is not None:
            return refined
    decision = decide(brief, request, result.operations, declined=declined)
    looked = None if solo is None or declined else (request, solo)
    refined = None if looked is None else _solo_refined(brief, looked, result, decision)
    if refined is not None:
        return refined
    if decision is not None and (decision.refine or decision.backed):
        decision = None
    if len(read) > 1 and (several or decision is None or decision.why):
        _each_part_looked_at(brief, result, read)
        return result
    if decision is None:
        return result
    again = ChangeResult(brief, parts=result.parts)
    if decision.why:
        # The plan stays as it was; the rules' suggestions stay offered, with the closest
        # thing the app can make to what no app does.
        _decline(again, decision, result.unmade, result.suggestions, request)
        return again
    for part in parts:
        reading = next(
            (r for r in each_reading(brief, part) if all(op_class(o) == decision.op for o in r)),
            None,
        )
        if reading is not None:
            apply_reading(again, Reading(operations=reading))
            continue
        # None of the rules' readers reads that op: its filler reads the arguments.
        _make_filled(again, filled(again.brief, part, decision.op), part)
    if not again.operations and len(parts) > 1:
        # "We run a knockout cup. For each cup tie I need ...": said across the sentences
        _make_filled(again, filled(brief, request, decision.op), request)
    if again.made and not again.unmade:
        return again
    if decision.op == "set_kind" and not result.made and _link_declined(brief, parts, again):
        return again
    _offer(result, again.suggestions)
    return result


def _offer(result: ChangeResult, suggestions: list[Suggestion]) -> None:
    """Offer a filler's `suggestions` with the rules' reading; where the rules read nothing of
    a request of one part, the offer is what is said instead of "We couldn't work out…"."""
    new = offered(suggestions, result.suggestions)
    if not new:
        return
    result.suggestions.extend(new)
    lines = [s.text for s in new]
    alone = not result.made and result.parts <= 1  # else what the other parts left is said
    result.unmade = lines if alone else [*result.unmade, *lines]


def _make_filled(result: ChangeResult, ops: list[Operation] | None, text: str) -> None:
    """Make a filler's reading of `text`; a change to the whole app (its colour, a name not said
    outright as the new one) only offered to confirm, as the rules offer what they are unsure
    of ("People keep calling us Parkside Rovers but that's wrong" renames nothing unasked)."""
    if ops is None:
        return
    if any(
        isinstance(op, SetColour) or (isinstance(op, SetName) and not outright(text, op.name))
        for op in ops
    ):
        for op in ops:
            asked = said_back(result.brief, op)
            result.suggestions.append(
                Suggestion(f"Did you mean to {asked}? Say \u201c{asked}\u201d to make it.", asked)
            )
        return
    apply_reading(result, Reading(operations=ops))


def offered(new: list[Suggestion], had: list[Suggestion]) -> list[Suggestion]:
    """The suggestions of `new` not already offered in `had`."""
    asked = {s.change_request for s in had}
    return [s for s in new if s.change_request not in asked]


def _solo_refined(
    brief: Brief, said: tuple[str, str], result: ChangeResult, decision: Decision | None
) -> ChangeResult | None:
    """A filler's reading of the part `_solo` picked in place of the rules' (`_filled_instead`),
    where none was declined and the judge refines or backs it: judged on that part, then on
    the whole request ("we run a knockout cup. For each cup tie I need ...": the sentence
    before says what it is)."""
    request, solo = said
    looks = [decision]
    if solo != request:
        looks.insert(0, decide(brief, solo, result.operations, declined=False))
    for looked in looks:
        if looked is not None and (looked.refine or looked.backed):
            refined = _filled_instead(brief, solo, result, looked)
            if refined is not None:
                return refined
    return None


def _solo(
    request: str, result: ChangeResult, split: tuple[list[str], list[_PartRead]]
) -> str | None:
    """What a filler may read in place of the rules: the request, when it is of one part or the
    rules made nothing of it; of several, the one part they made something of, none declined
    (the other parts keep what the rules said of them); else nothing, as a filler reading the
    whole would read one part and lose the others."""
    parts, read = split
    if len(parts) == 1 or not result.made:
        return request
    made = [said for said in read if said.made]
    if len(made) == 1 and not any(said.declined for said in read):
        return made[0].part
    return None


def _filled_instead(
    brief: Brief, request: str, result: ChangeResult, decision: Decision
) -> ChangeResult | None:
    """The judged op's filler's reading in place of the rules' (`change_op_policy.Decision`):
    of the same op, only where it says it better (`change_refine`); of another op the judge
    is sure of, where the filler reads it at all. None: the rules' reading stands."""
    ops = None
    for op in decision.likely or (decision.op,):
        ops = filled(brief, request, op)
        if ops is not None:
            break
    if ops is None or (decision.refine and not better(decision.op, result.operations, ops)):
        return None
    instead = ChangeResult(brief, parts=result.parts)
    _make_filled(instead, ops, request)
    if not result.made and instead.suggestions and not instead.made:
        _offer(result, instead.suggestions)  # a whole-app change, offered to confirm
        return result
    if not instead.made or instead.unmade:
        return None
    if result.made:
        # What the rules left unread beside what they made, and offered, is still said.
        instead.unmade.extend(result.unmade)
    instead.suggestions.extend(offered(result.suggestions, instead.suggestions))
    return instead


def _link_declined(brief: Brief, parts: list[str], again: ChangeResult) -> bool:
    """A link the filler read, to a kind the plan keeps, declined for a reason it says ("the
    member on a test ... one of our members": a record's title stays text): better said than
    "we couldn't work out" the request."""
    if again.made or not again.unmade:
        return False
    ops = [o for part in parts for o in filled(brief, part, "set_kind") or []]
    return bool(ops) and all(isinstance(o, ChangeKind) and o.kind == "link" and o.to for o in ops)


@dataclass(frozen=True)
class _PartRead:
    """One part of a request as the rules read it: whether they made anything of it or
    declined it, and the lines and suggestions it left."""

    part: str
    made: bool
    declined: bool
    unmade: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


def _read_one(result: ChangeResult, part: str) -> _PartRead:
    """Read and make one part (`_apply_part`), and say what it left."""
    operations, unmade, suggestions = (
        len(result.operations),
        len(result.unmade),
        len(result.suggestions),
    )
    declined = _apply_part(result, part)
    return _PartRead(
        part,
        made=len(result.operations) > operations,
        declined=declined,
        unmade=tuple(result.unmade[unmade:]),
        suggestions=tuple(result.suggestions[suggestions:]),
    )


def _each_part_looked_at(brief: Brief, result: ChangeResult, read: list[_PartRead]) -> None:
    """The op judge on each part of a request of several that the rules read nothing of: one
    no app can do is declined plainly, and what the other parts made stays made. A part the
    rules made something of keeps their reading."""
    for said in read:
        if said.made or said.declined:
            continue
        decision = decide(brief, said.part, [], declined=False)
        if decision is None or not decision.why:
            continue
        if any(line.startswith(decision.why) for line in result.unmade):
            continue  # another part was declined for the same: said once
        own = ChangeResult(result.brief)
        _decline(own, decision, list(said.unmade), list(said.suggestions), said.part)
        at = next((i for i, line in enumerate(result.unmade) if line in said.unmade), None)
        kept = [line for line in result.unmade if line not in said.unmade]
        at = len(kept) if at is None else min(at, len(kept))
        result.unmade = kept[:at] + own.unmade + kept[at:]
        result.suggestions = [
            s for s in result.suggestions if s not in said.suggestions
        ] + own.suggestions


def _decline(
    result: ChangeResult,
    decision: Decision,
    unmade: list[str],
    suggestions: list[Suggestion],
    request: str,
) -> None:
    """Say the judge's `decision` to decline in `result`, keeping the suggestions the rules
    offered (and their lines) and offering the closest thing the app can make (for the
    people `request` names, if it names any)."""
    named = any(limit.what == decision.limit for limit in limits())
    limit = limit_named(decision.limit) if named else None
    result.unmade.append(
        decision.why if limit is None else change_whole.declined(result.brief, limit, request)
    )
    result.limit = None if limit is None else limit.what
    for suggestion in suggestions:
        result.suggestions.append(suggestion)
        result.unmade.extend(
            line
            for line in unmade
            if suggestion.change_request in line and line not in result.unmade
        )
    closest = None if limit is None else change_whole.offered(result.brief, limit, request)
    if closest is not None and all(
        s.change_request != closest.change_request for s in result.suggestions
    ):
        result.suggestions.append(closest)


def _quoting(message: str) -> str:
    return founder_safe(message) or "We couldn't work out one part of your request."


def _apply_part(result: ChangeResult, part: str) -> bool:
    """Read and make one part; whether it asked for something no app we build can do."""
    reading = Reading()
    read_part(result.brief, part, reading)
    apply_reading(result, reading)
    return any(isinstance(operation, Cannot) for operation in reading.operations)


def apply_reading(result: ChangeResult, reading: Reading) -> None:
    """Make `reading`'s operations on `result.brief`, each checked first; a model's reading
    (`change_schema.read_answer`) is made the same way as the rules'."""
    result.unmade.extend(reading.not_understood)
    result.already.extend(reading.already)
    for operation in reading.operations:
        before = result.brief
        try:
            result.brief, said = apply_operation(result.brief, operation)
        except Refused as refusal:
            result.unmade.append(str(refusal))
            if isinstance(refusal, Already):
                result.already.append(str(refusal))
            if refusal.closest is not None:
                result.suggestions.append(refusal.closest)
            continue
        result.made.append(said)
        if result.brief.to_dict() == before.to_dict() and "already" in said.lower():
            # "There is already a Notes field …: nothing added." An op that changed nothing but
            # says it made something ("Switched to a light theme." of "keep the light theme but
            # make the text bigger") may stand for more of the request than it read.
            result.already.append(said)
        result.operations.append(operation)
        about = _about(result.brief, operation)
        if about is not None:
            FOCUS.set(about)
    for suggestion in reading.suggestions:
        result.suggestions.append(suggestion)
        # A refusal that already names the closest thing to ask for says it once.
        if not any(suggestion.change_request in line for line in result.unmade):
            result.unmade.append(suggestion.text)


def on_aim(brief: Brief, request: str, result: ChangeResult, about: str | None) -> ChangeResult:
    """`result` with each field change made on the kind `request` names (`change_aim`): one
    aimed at another kind, a kind the app hasn't, or made on a guess is not made, and said."""
    state, kept, offs, moved = brief, [], [], False
    had = {entity.slug for entity in brief.entities}
    for operation in result.operations:
        # A kind the request itself added is named by it ("… each one has an amount").
        new = getattr(operation, "entity", None) not in had
        aimed = operation if new else checked(state, request, operation, about)
        if isinstance(aimed, Off):
            offs.append(aimed)
            continue
        moved |= aimed != operation
        with contextlib.suppress(Refused):
            state = apply_operation(state, aimed)[0]
        kept.append(aimed)
    if not (offs or moved):
        return result
    again = ChangeResult(brief, reader=result.reader, parts=result.parts)
    token = FOCUS.set(about)
    try:
        apply_reading(again, Reading(operations=kept))
    finally:
        FOCUS.reset(token)
    again.unmade = [off.line for off in offs] + [
        line for line in result.unmade if line not in again.unmade
    ]
    offers = [s for off in offs for s in off.offers]
    again.suggestions = offered(offers, again.suggestions) + offered(result.suggestions, offers)
    again.already = [line for line in result.already if line in again.made]
    return again
