"""What the op judge changes of the rules' reading of a request (`changes.apply_change`).

The judge (`change_op_judge`) says which op a request asks for; the rules say what its
arguments are. Where they agree, or the judge is unsure, the rules' reading stands. Where the
judge is sure of another op than the one the rules made, the rules' readers are asked again and
the first reading of the judged op is taken ("Birds: could we record the colour as well" adds a
field, not a colour); when none reads it, the rules' reading stands. Where the judge is sure the
request is something no app we build does, it is declined plainly, by what it asks for
(payments, messages, outside services, sign-in, devices, maps, a timer, AI), and the plan stays
as it was: a request the rules couldn't read, or read as a change no one asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from livebuild.brief import change_op_judge as op_judge
from livebuild.brief.change_limits import limit_named
from livebuild.brief.change_op_features import op_words
from livebuild.brief.change_ops import (
    AddChoices,
    AddEntity,
    AddField,
    Cannot,
    ChangeKind,
    MoveField,
    MoveFieldTo,
    Operation,
    RemoveField,
    RenameEntity,
    RenameField,
    Reorder,
    SetColour,
    SetName,
    SetTagline,
    SetTheme,
)
from livebuild.brief.model import Brief
from livebuild.english.embeddings import EmbeddingsError
from livebuild.english.nlp import EnglishUnavailable

log = logging.getLogger(__name__)

_CLASSES: dict[type, str] = {
    AddField: "add_field",
    RemoveField: "remove_field",
    RenameField: "rename_field",
    ChangeKind: "set_kind",
    RenameEntity: "rename_entity",
    AddEntity: "add_entity",
    AddChoices: "add_choices",
    SetColour: "set_colour",
    SetTheme: "set_theme",
    SetName: "rename_app",
    SetTagline: "set_tagline",
    MoveField: "reorder",
    MoveFieldTo: "reorder",
    Reorder: "reorder",
    Cannot: "cannot",
}


def op_class(operation: Operation) -> str | None:
    """The judge's class of `operation` (None: one it has no class for, like a feature)."""
    return _CLASSES.get(type(operation))


@dataclass(frozen=True)
class Decision:
    """Decline with `why`, or read the request again for `op`."""

    why: str = ""
    op: str = ""


def decide(brief: Brief, request: str, made: list[Operation], *, declined: bool) -> Decision | None:
    """What the judge changes of the rules' reading: nothing (None), a plain decline, or a
    second reading for another op. `made`: the operations the rules made; `declined`: whether
    the rules already said it can't be done."""
    if declined or not request.strip():
        return None
    try:
        judge = op_judge.shipped()
        verdict = judge.verdict(op_judge.features(brief, request))
    except (op_judge.OpJudgeError, EmbeddingsError, EnglishUnavailable) as err:
        log.warning("change-op judge unavailable: %s", err)
        return None
    classes = {op_class(operation) for operation in made}
    if None in classes or verdict.op in classes:
        return None
    if made and max(verdict.likelihood[str(c)] for c in classes) > judge.doubt:
        return None  # the rules' op is still likely enough: their reading stands
    if verdict.op == "cannot":
        bar = judge.cannot if not made else judge.overrule_cannot
        why = limit_said(request)  # none: it names nothing no app does ("zzq the flibbert")
        return Decision(why=why) if why is not None and verdict.sure >= bar else None
    if made and verdict.sure >= judge.overrule:
        return Decision(op=verdict.op)
    return None


# Which limit says why, by the cue class the request says most of, in this order on a tie.
_LIMITS = (
    ("money", "payments"),
    ("messages", "text messages"),
    ("logins", "sign-in"),
    ("places", "maps"),
    ("devices", "devices"),
    ("ai", "artificial intelligence"),
    ("services", "outside services"),
    ("timed", "by itself"),
)
_BY_ITSELF = (
    "The app doesn't do things by itself: it keeps the records you add and change, and does "
    "nothing on a timer or when something happens."
)
_EMAIL = ("email", "e-mail", "emails", "newsletter")


def limit_said(request: str) -> str | None:
    """Why no app we build does what `request` asks, by what it asks for; None when it names
    nothing of the sort."""
    lower = request.lower()
    cues = op_words().cues
    counts = [(len(cues[cue].findall(lower)), -i, what) for i, (cue, what) in enumerate(_LIMITS)]
    count, _, what = max(counts)
    if count == 0:
        return None
    if what == "by itself":
        return _BY_ITSELF
    if what == "text messages" and any(word in lower.split() for word in _EMAIL):
        what = "emails"
    return limit_named(what).why
