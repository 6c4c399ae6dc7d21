"""What the op judge changes of the rules' reading of a request (`changes.apply_change`).

The judge (`change_op_judge`) says which op a request asks for; the rules say what its
arguments are. Where they agree, or the judge is unsure, the rules' reading stands. Where the
judge is sure of another op than the one the rules made, the rules' readers are asked again and
the first reading of the judged op is taken ("Birds: could we record the colour as well" adds a
field, not a colour); when none reads it, the op's argument filler (`change_fill`) reads its
arguments from the grammar, and when that reads none either, the rules' reading stands. The
filler is asked too where the rules read nothing and the judge is sure enough (`FILL`), and
where the rules read the judged op itself (a `refine`: their reading is kept unless the
filler's says the same more fully or more cleanly, `change_refine`). Where the judge is sure the
request is something no app we build does, it is declined plainly, by what it asks for
(payments, messages, outside services, sign-in, devices, maps, a timer, AI), and the plan stays
as it was: a request the rules couldn't read, or read as a change no one asked for.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from livebuild.brief import change_op_judge as op_judge
from livebuild.brief.change_limits import limit_named, without_names_given
from livebuild.brief.change_op_features import op_words
from livebuild.brief.change_ops import (
    AddField,
    Operation,
)
from livebuild.brief.model import Brief
from livebuild.english.embeddings import EmbeddingsError
from livebuild.english.lexicon import lexicon
from livebuild.english.nlp import EnglishUnavailable, parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

log = logging.getLogger(__name__)

# An op's own name where the judge's class (the held-out rounds' `expect.op`) says it otherwise;
# every other op is judged by its own name, or not at all when the judge has no such class.
_JUDGED_AS = {
    "change_kind": "set_kind",
    "set_name": "rename_app",
    "move_field": "reorder",
    "move_field_to": "reorder",
}


def op_class(operation: Operation) -> str | None:
    """The judge's class of `operation` (None: one it has no class for, like a feature)."""
    name = _JUDGED_AS.get(operation.OP, operation.OP)
    return name if name in op_judge.OPS else None


@dataclass(frozen=True)
class Decision:
    """Decline with `why` (the limit named `limit`), or read the request again for `op`;
    `refine`: the rules read that op already, and its filler may read its arguments better."""

    why: str = ""
    op: str = ""
    limit: str = ""
    refine: bool = False
    # Only where its filler reads the op's arguments: the rules' op is unlikely, not unheard of.
    backed: bool = False
    # Where the rules read nothing and the judge is unsure: the ops it finds likely enough, in
    # order, each tried by its filler; the first one read is made.
    likely: tuple[str, ...] = ()


# How sure the judge must be of an op the rules read nothing of for its argument filler
# (`change_fill`) to be asked: below it the request stays unread and offered back, as before.
FILL = 0.5
# How likely an op must be, where the judge is unsure and the rules read nothing, for its
# filler to be tried: the request's grammar then says which of the likely ops it is.
LIKELY = 0.1
# The most likely the rules' own op may be for a filler's reading of the judged op to replace
# theirs (a `backed` decision); above the judge's own `doubt`, so only with a reading.
BACKED_DOUBT = 0.25


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
    if classes == {verdict.op} and verdict.sure >= judge.overrule:
        return Decision(op=verdict.op, refine=True)
    if None in classes or verdict.op in classes:
        return None
    if made and max(verdict.likelihood[str(c)] for c in classes) > judge.doubt:
        if (
            verdict.op != "cannot"
            and verdict.sure >= judge.overrule
            and max(verdict.likelihood[str(c)] for c in classes) <= BACKED_DOUBT
        ):
            return Decision(op=verdict.op, backed=True)
        return None  # the rules' op is still likely enough: their reading stands
    if verdict.op == "cannot":
        bar = judge.cannot if not made else judge.overrule_cannot
        what = limit_meant(request)  # none: it names nothing no app does ("zzq the flibbert")
        if what is None or verdict.sure < bar or _named_a_made_field(made):
            return None
        return Decision(why=_said_of(what), limit=what)
    if made and verdict.sure >= judge.overrule:
        return Decision(op=verdict.op)
    if not made and verdict.sure >= FILL:
        return Decision(op=verdict.op)  # the rules read nothing: the op's filler may
    if not made:
        likely = sorted(
            (op for op, p in verdict.likelihood.items() if p >= LIKELY and op != "cannot"),
            key=lambda op: -verdict.likelihood[op],
        )
        return Decision(op=likely[0], backed=True, likely=tuple(likely)) if likely else None
    return None


# Which limit says why, by the cue class the request says most of, in this order on a tie.
_LIMITS = (
    ("money", "payments"),
    ("messages", "text messages"),
    ("logins", "sign-in"),
    ("places", "maps"),
    ("video", "live video"),
    ("devices", "devices"),
    ("ai", "artificial intelligence"),
    ("services", "outside services"),
    ("timed", "by itself"),
)
# Live video, said: "livestream the final", "stream the match live", "broadcast the gala",
# "watch the recital live". Not one of the judge's cue classes (its features stay as trained);
# only which limit says why. Ahead of "devices" on a tie ("… so families can watch").
_LIVE_VIDEO = re.compile(
    r"\b(?:live-?stream\w*|stream(?:s|ed|ing)?\b(?:\s+[\w'-]+){0,5}?\s+live|broadcast\w*"
    r"|watch(?:es|ed|ing)?\b(?:\s+[\w'-]+){0,4}?\s+live|live\s+(?:video|feed|footage))\b"
)
_BY_ITSELF = (
    "The app doesn't do things by itself: it keeps the records you add and change, and does "
    "nothing on a timer or when something happens."
)
_EMAIL = ("email", "e-mail", "emails", "newsletter")


def limit_said(request: str) -> str | None:
    """Why no app we build does what `request` asks, by what it asks for; None when it names
    nothing of the sort."""
    what = limit_meant(request)
    return None if what is None else _said_of(what)


def _said_of(what: str) -> str:
    return _BY_ITSELF if what == "by itself" else limit_named(what).why


def limit_meant(request: str) -> str | None:
    """The limit (`change_limits`) `request` asks past, by the cue class it says most of; None
    when it names nothing of the sort. A cue that only names a detail to keep ("the parents'
    WhatsApp number", "each tutor's Instagram handle") asks for nothing past a limit."""
    request = without_names_given(request)
    lower = request.lower()
    cues = {**op_words().cues, "video": _LIVE_VIDEO}
    asked = _cues_asked(request, lower)
    counts = [
        (sum(1 for m in cues[cue].finditer(lower) if asked(m.start(), m.end())), -i, what)
        for i, (cue, what) in enumerate(_LIMITS)
    ]
    count, _, what = max(counts)
    if count == 0:
        return None
    if what == "text messages" and any(word in lower.split() for word in _EMAIL):
        return "emails"
    return what


def _named_a_made_field(made: list[Operation]) -> bool:
    """Whether the rules added a field whose name says a limit's cue ("Google Classroom
    email"): the founder named a detail to keep, which the judge never undoes."""
    cues = {**op_words().cues, "video": _LIVE_VIDEO}
    return any(
        isinstance(operation, AddField)
        and any(cues[cue].search(operation.label.lower()) for cue, _ in _LIMITS)
        for operation in made
    )


# The nouns a detail is kept as: a cue modifying one ("WhatsApp number") names the detail.
_DETAIL_HEADS = frozenset(
    {
        "number",
        "numbers",
        "handle",
        "handles",
        "email",
        "emails",
        "address",
        "addresses",
        "link",
        "links",
        "name",
        "names",
        "id",
        "ids",
        "username",
        "usernames",
        "url",
        "urls",
        "page",
        "pages",
        "profile",
        "profiles",
        "account",
        "accounts",
        "detail",
        "details",
        "field",
        "fields",
        "box",
        "column",
        "code",
        "codes",
        "contact",
        "date",
        "dates",
    }
)
# Words a cue may hang from on the way to the noun it describes: "the Google Calendar link",
# "the parents' WhatsApp number", "their username on Instagram".
_DESCRIBING = frozenset({"compound", "poss", "amod", "nmod", "case", "pobj", "prep"})
_OF_A_DETAIL = frozenset({"of", "for", "on", "at", "in"})
_IN_A_CLAUSE = frozenset({"nsubj", "nsubjpass", "dobj"})


def _cues_asked(request: str, lower: str) -> Callable[[int, int], bool]:
    """Whether the cue at [start, end) of `request` asks for something, not names a detail."""
    if len(lower) != len(request):
        return lambda start, end: True
    try:
        doc = parsed(request)
    except EnglishUnavailable:
        return lambda start, end: True
    heads = _DETAIL_HEADS | lexicon().attributes | lexicon().text_identifiers

    def asked(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is None or not _describes_a_detail(span.root, heads)

    return asked


def _describes_a_detail(token: Token, heads: frozenset[str]) -> bool:
    # "their Google Classroom email": a detail of someone's, kept, not a message sent
    if _detail_noun(token, heads) and any(child.dep_ == "poss" for child in token.children):
        return True
    while token.head is not token:
        if token.dep_ in _IN_A_CLAUSE and token.head.dep_ in {"relcl", "acl"}:
            token = token.head  # "the date the last text reminder went out": says which date
        elif token.dep_ not in _DESCRIBING or (
            token.dep_ == "pobj" and token.head.lower_ not in _OF_A_DETAIL
        ):
            return False
        token = token.head
        if _detail_noun(token, heads):
            return True
    return False


def _detail_noun(token: Token, heads: frozenset[str]) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in heads
