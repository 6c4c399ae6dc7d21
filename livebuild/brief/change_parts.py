"""A change request cut into parts, each in plain words.

A request is cut into parts (sentences, "then", ", and add …"); each part loses its
politeness ("could you", "please", "too") and is restated from an everyday form ("members
should have a mobile number", "I'd rather not have notes") into a plain one. Every part is
bounded, so cutting is linear in the request.
"""

from __future__ import annotations

import re

from livebuild.brief.change_limits import limit_in
from livebuild.brief.change_restate import restated, without_reason
from livebuild.brief.change_subjects import own_subjects
from livebuild.brief.change_words import mend
from livebuild.brief.model import Brief
from livebuild.brief.tagline_said import by_place
from livebuild.english.nlp import parsed
from livebuild.english.words import runs_cut
from livebuild.english.words import without_markup as markup_gone

MAX_PARTS = 20
MAX_PART = 300

_VERBS = (
    "add|remove|delete|drop|rename|change|make|call|name|use|switch|turn|put|move|set|"
    "show|hide|disable|enable|track|include|give|let|get|could|can|please|link|connect"
)
_SPLIT = re.compile(
    rf"[.;\n!?]+(?:\s+|$)|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:{_VERBS})\b)|"
    rf",\s+(?=(?:also\s+)?(?:{_VERBS})\b)",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_LEADING = re.compile(
    r"^(?:please|pls|oh|ok|okay|so|and|also|then|hey|hi|actually|now|finally|lastly|"
    r"(?:it\s+)?(?:would|'d)\s+be\s+(?:great|nice|good|handy|useful|cool|better)\s+(?:if|to)|"
    r"could\s+you|can\s+you|would\s+you|will\s+you|could\s+we|can\s+we|shall\s+we|"
    r"(?:i|we)(?:'d|\s+would)\s+(?:also\s+)?(?:like|love|prefer)(?:\s+(?:you\s+)?to)?|"
    r"(?:i|we)(?:'d|\s+would)(?:\s+rather)?(?=\s+(?:call|name)\b)|"
    r"(?:i|we)\s+(?:also\s+)?(?:want|need|wish)(?:\s+(?:you\s+)?to)?|let's|let\s+us|"
    r"is\s+it\s+possible\s+to|would\s+it\s+be\s+possible\s+to|it\s+would\s+be\s+(?:nice|great)\s+to|"
    r"maybe|perhaps|just)\b[\s,:]*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"[\s,]*\b(?:please|pls|too|as\s+well(?:\s+as\s+(?:the\s+|its\s+|their\s+)?[\w' -]{1,40})?|"
    r"also|thanks|thank\s+you|if\s+possible|for\s+me|"
    r"for\s+us|instead|any\s*more|now|these\s+days)\s*$",
    re.IGNORECASE,
)


# A part that is only a short list of words ("name and phone") finishes the part before it:
# "dogs should have a vet too, name and phone".
_BARE_LIST = re.compile(r"^[a-z-]+(?:,\s*[a-z-]+){0,3}\s+and\s+[a-z-]+$", re.IGNORECASE)
# A longer list after a question ("record the conditions each day? wave height, wind direction
# and the date") is what the question's new thing holds: "...: wave height, ...".
_LIST = re.compile(
    rf"^(?!(?:{_VERBS}|each|every|it|they|we|i|there)\b)(?!.*\b(?:has|have|had|is|are|was)\b)"
    r"[a-z][\w' -]{0,30}(?:,\s*[\w' -]{1,30}){1,6}\s+and\s+[\w' -]{1,30}$",
    re.IGNORECASE,
)


# "can it say 'X'" after a comma asks what the words before it name to say X: one part. Only
# quoted words are sure to be what it should say ("can it say something warmer" is no text).
_IT_SAYS = re.compile(
    r"^(?:can|could|would|will|should)\s+it\s+(?:say|read|show)\s+'[^'\"<>\s][^'\"<>]{0,79}'",
    re.IGNORECASE,
)
# The words before it only name a thing ("the small line under the name"): a request of its
# own there ("make the header green") keeps the question a part of its own, said or made.
_NAMES_A_THING = re.compile(
    r"^(?:the|our|that|this|my)\b(?!.*\b(?:should|must|to|be|is|are|was|can|could|make|change|"
    r"add|rename|put|set|want|need)\b)",
    re.IGNORECASE,
)


# A list of what a record holds, said after the sentence naming it: "the player, what
# happened, the date, and whether they've been cleared to play again". Three or more short
# details, none starting like a request or a sentence of its own.
_DETAIL = re.compile(rf"^(?!(?:{_VERBS}|each|every|it|they|we|i|there|our|my)\b)\S.{{0,60}}$", re.I)
_DETAIL_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_KEEPS = re.compile(r"\b(?:track|log|record|keep|list|note)\b", re.IGNORECASE)


def details(text: str) -> bool:
    """Whether `text` only lists the details of a record, three or more."""
    items = [item for item in _DETAIL_SPLIT.split(text.strip(" .")) if item]
    return len(items) >= 3 and all(_DETAIL.match(item) and len(item.split()) <= 7 for item in items)


def _finishes(before: str, piece: str) -> str | None:
    """`before` and `piece` as one part when `piece` lists what `before`'s new thing holds:
    "track collections. Our driver picks them up from practices: date, practice, boxes"."""
    if ":" in before:
        return None
    if details(piece) and not _LIST.match(piece):
        return f"{before}: {piece}"
    said, colon, listed = piece.partition(":")
    if colon and _KEEPS.search(before) and details(listed) and not _DETAIL_START.match(said):
        return f"{before}. {piece}"
    return None


_DETAIL_START = re.compile(rf"^(?:{_VERBS})\b", re.IGNORECASE)


# A quoted name is one piece, whatever it holds: "new tagline - 'Breathe in. Show up.'".
_QUOTED = re.compile(r"(?:^|(?<=[\s(:\u2014\u2013-]))(['\"])[^'\"\n]{1,80}?\1(?=$|[\s,.?!;:)])")


_SENTENCE_END = re.compile(r"[.;\n!?]")


def _pieces(text: str) -> list[tuple[str, bool]]:
    """`text` cut at _SPLIT, each piece with whether it goes on the clause before it (cut at
    "and VERB", ", VERB" or "then", not at the end of a sentence)."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    held = _QUOTED.sub(hold, text)
    pieces, start = [], 0
    joined = False
    for cut in _SPLIT.finditer(held):
        pieces.append((held[start : cut.start()], joined))
        joined, start = _SENTENCE_END.search(cut.group(0)) is None, cut.end()
    pieces.append((held[start:], joined))
    return [(re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], p), j) for p, j in pieces]


# Markup pasted into a request is no words of it (`english.words.without_markup`: a script
# or style element goes whole, any other tag leaves its text), and a web or email address names
# nothing in an app: neither ever becomes a name or a suggestion.
_ADDRESS = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"']{1,300}|"
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    re.I,
)


def without_markup(request: str) -> str:
    """`request` without markup or web and email addresses, which no change reads as words."""
    if not any(sign in request for sign in ("<", "@", "://", "www.", "WWW.")):
        return request
    text = _ADDRESS.sub(" ", markup_gone(request))
    return re.sub(r"[ \t]{2,}", " ", text).strip() if text != request else request


def readable(request: str) -> str:
    """`request` as the change readers read it: without markup or addresses, and with long
    runs of marks and runs longer than any word cut (`english.words.runs_cut`), so that
    parsing it is linear; every reader's positions are in this text."""
    return runs_cut(without_markup(request))


def split_parts(request: str, names: frozenset[str] = frozenset()) -> list[str]:
    """`request` in the parts it asks for. `names`: the plan's own kind and field names, in
    lower case; a word for the tagline that is one of them ("the Subtitle field on books")
    stays that field's name."""
    return [part for part, _ in split_joined(request, names)]


def split_joined(request: str, names: frozenset[str] = frozenset()) -> list[tuple[str, bool]]:
    """`split_parts`, each part with whether it was cut from the clause before it ("log in"
    and "put their own child down for rallies" share "the parents should be able to")."""
    # "moisture %" is said "moisture percent": a sign is no part of a name.
    text = readable(request)
    text = re.sub(r"\s*%", " percent", text.translate(_QUOTES).replace("\x00", ""))
    text = _options_aside(text)
    text = _DASHED_ASIDE.sub(" ", text)
    text = by_place().sub(lambda m: _tagline_unless_named(m, names), text)
    text = _first_then(text, names)
    if _TAGLINE_GIVEN.match(text):
        return [(text.strip()[:MAX_PART], False)]  # the tagline's new words, whole
    if sum(c.isupper() for c in text) > 2 * sum(c.islower() for c in text) + 3:
        text = text.lower()  # a request in capitals is said loudly, not named in capitals
    parts: list[str] = []
    joined: list[bool] = []
    for piece, on_before in ((p.strip(" ,:-\t"), j) for p, j in _pieces(text)):
        if parts and _BARE_LIST.match(piece):
            parts[-1] = f"{parts[-1]}, {piece}"
        elif parts and ":" not in parts[-1] and _LIST.match(piece):
            parts[-1] = f"{parts[-1]}: {piece}"
        elif parts and (finished := _finishes(parts[-1], piece)) is not None:
            parts[-1] = finished
        elif parts and _IT_SAYS.match(piece) and _NAMES_A_THING.match(parts[-1]):
            parts[-1] = f"{parts[-1]}, {piece}"  # "the line under the name, can it say 'X'"
        elif piece:
            parts.append(piece)
            joined.append(on_before and len(parts) > 1)
    # A clause with a subject of its own is a request of its own, not more of the one before.
    cut = [
        (clause, on_before and i == 0)
        for part, on_before in zip(parts, joined, strict=True)
        for i, clause in enumerate(own_subjects(part))
    ]
    cut = [(piece, j or i > 0) for part, j in cut for i, piece in enumerate(_cant_do_cut(part))]
    return [(p[:MAX_PART], j) for p, j in cut][:MAX_PARTS]


# Words that remove or clear something: what goes before them is never made on its own.
_CLEARING = re.compile(
    r"\b(?:remov\w*|delet\w*|drop\w*|clear\w*|get(?:ting)?\s+rid|wip\w*|eras\w*|empty\w*|"
    r"purg\w*|ditch\w*|scrap\w*|bin|lose|take\s+(?:out|away|off)|close\w*|shut\w*|cancel\w*)\b",
    re.IGNORECASE,
)
_INSTEAD = re.compile(r"\binstead\b", re.IGNORECASE)


def _cant_do_cut(part: str) -> list[str]:
    """`part` cut before "and" when what follows is a verb of its own asking what no app can
    do and what goes before asks nothing of the kind: "add a phone number to customers | and
    text them when the job's done". The grammar says where (a verb joined to the one before),
    the limits' own words say what; "add phone and email fields" stays one part. Never when
    the words before remove or clear anything ("remove members and email them that the club
    has closed": the records would go for a mailing no app sends) or the words after say
    "instead": the two halves are one request, declined whole."""
    if " and " not in part.lower() or limit_in(part) is None or _INSTEAD.search(part):
        return [part]
    doc = parsed(part)
    for token in doc[1:]:
        if token.i < 2 or doc[token.i - 1].lower_ != "and":
            continue
        if token.pos_ != "VERB" or token.dep_ != "conj":
            continue
        head, tail = part[: doc[token.i - 1].idx].rstrip(" ,"), part[token.idx :]
        if _CLEARING.search(head):
            return [part]
        if head and limit_in(tail) is not None and limit_in(head) is None:
            return [head, tail]
    return [part]


# "first the date, then the group name", "the price first and then the name": one order of two
# fields, not two parts (cut at "then", the second read as a removal or a new field).
_FIRST_THEN = re.compile(
    r"(?P<lead>^|[:,\u2014\u2013-]\s*)(?:(?:i|we)\s+(?:want|need|'d\s+like|would\s+like)\s+)?"
    r"(?:(?:first|firstly)\s+(?P<a>[^,.;!?:]{1,40}?)|(?P<b>[^,.;!?:]{1,40}?)\s+first),?\s+"
    r"(?:and\s+)?then\s+(?P<c>[^,.;!?:]{1,40}?)(?P<end>\s*(?:[,.;!?]|$))",
    re.IGNORECASE,
)


def _first_then(text: str, names: frozenset[str]) -> str:
    def order(m: re.Match[str]) -> str:
        first, then = _ORDERING.sub("", m["a"] or m["b"]), m["c"]
        if not (_field_said(first, names) and _field_said(then, names)):
            return m[0]  # "first add a phone to markets, then …": two changes, each its own part
        return f"{m['lead']}put {first} before {then}{m['end']}"

    return _FIRST_THEN.sub(order, text)


# A side of "first …, then …" that is one of the plan's names ("the pickup date", "our price
# field", "when they started", "the name on cakes"); one that starts with a change ("add …",
# "rename …") is a change of its own.
_NAME_SAID = re.compile(
    r"^(?:(?:the|our|my|a|an|their|its|his|her|your)\s+|(?:when|where|who|what)\s+"
    r"(?:they|it|we|he|she|you)\s+)|\s+(?:field|column|box)$",
    re.IGNORECASE,
)
_ORDERING = re.compile(
    r"^(?:put|move|have|show|list|make|set|get|bring)\s+|\s+(?:comes?|goes?|appears?|shows?|sits?|be)$",
    re.IGNORECASE,
)
_CHANGE_SAID = re.compile(
    r"^(?:add|remove|delete|drop|rename|make|change|put|move|call|give|take|set|sort)\b",
    re.IGNORECASE,
)


def _field_said(side: str, names: frozenset[str]) -> bool:
    """Whether `side` names one of the plan's fields ("put the date" orders it), and no
    change of its own ("add a phone field to markets")."""
    said = _ORDERING.sub("", side.strip())
    if _CHANGE_SAID.match(said):
        return False
    name, _, kind = re.sub(r"[\s-]+", " ", said).lower().partition(" on ")
    named = _NAME_SAID.sub("", name.strip())
    return named in names and (not kind or _NAME_SAID.sub("", kind.strip()) in names)


# "incidents \u2014 capsizes, cuts, that sort of thing \u2014 with the date": examples set off by a
# pair of dashes say what the records are, not what they hold or what to do.
_DASH = r"\s(?:\u2014|\u2013|--)\s"
_DASHED_ASIDE = re.compile(_DASH + r"[^\u2014\u2013]{1,80}?" + _DASH)


# "a dropdown — Saturdays / Sundays / Both — rather than yes or no": an aside right after a
# choice word that lists options is the options, said last after a colon.
_OPTIONS_ASIDE = re.compile(
    r"(?P<before>\b(?:dropdown|drop-down|choice|pick\s+list|list\s+of\s+options))"
    + _DASH
    + r"(?P<options>[^\u2014\u2013:]{1,80}?(?:/|,)[^\u2014\u2013:]{1,80}?)"
    + _DASH
    + r"(?P<after>[^\n.;!?:]{0,80})$",
    re.IGNORECASE,
)


def _options_aside(text: str) -> str:
    if ":" in text:
        return text
    return _OPTIONS_ASIDE.sub(lambda m: f"{m['before']} {m['after']}: {m['options']}", text)


_KNOW = re.compile(
    r"^know\s+(?=(?:the|a|an)\s.*\b(?:for|on|of|per)\s+(?:each|every)\s)", re.IGNORECASE
)


def plain(part: str) -> str:
    """The part without its politeness: "could you add X please" is "add X"."""
    text = mend(re.sub(r"\s+", " ", part).strip(" ,?!."))
    for _ in range(6):
        stripped = _TRAILING.sub("", _LEADING.sub("", text, count=1)).strip(" ,?!.")
        if stripped == text:
            break
        text = stripped
    # "(we want to) know the key code for each house": what is known is kept, so recorded.
    text = _KNOW.sub("record ", text, count=1)
    if _WORDS_GIVEN.match(text) or _TAGLINE_GIVEN.match(text):
        # "Tagline: Open late, since 1962": the words given, but for a "because" after them
        return re.sub(r",?\s+because\b.*$", "", text, flags=re.I)
    return restated(without_reason(text))


_FOR_KIND = re.compile(
    r"\s+(?:to|on|for|in)\s+(?:the\s+|our\s+|each\s+|every\s+|all\s+)?(?P<kind>[a-z]+)\b",
    re.IGNORECASE,
)


def _tagline_unless_named(said: re.Match[str], names: frozenset[str]) -> str:
    word = said[0][len(said["article"] or "") :].lower()
    if re.sub(r"[\s-]+", " ", word) in names or word.rstrip("s") in names:
        return said[0]
    adding = re.search(
        r"\b(?:add|include|record|track|store|give)\b", said.string[: said.start()], re.I
    )
    kind = _FOR_KIND.match(said.string, said.end()) if adding else None
    if kind is not None and (kind["kind"].lower() in names or kind["kind"].lower() + "s" in names):
        return said[
            0
        ]  # "add the slogan to customers": a field of theirs ("change ... to X" is not)
    return f"{said['article'] or ''}tagline"


def plan_names(brief: Brief) -> frozenset[str]:
    """The plan's kind and field names in lower case, as `split_parts` takes them."""
    names = {n.lower() for e in brief.entities for n in (e.singular, e.plural)}
    names |= {f.label.lower() for e in brief.entities for f in e.fields}
    return frozenset(re.sub(r"[\s-]+", " ", n) for n in names)


# "change the tagline to: Est. 1951, still breeding": everything after the colon is its words.
_TAGLINE_GIVEN = re.compile(
    r"^(?:(?:please|can\s+you|could\s+you)\s+)?(?:(?:change|set|make|update|swap|replace)\s+"
    r"(?:the|our|my)\s+tagline\s+(?:to|for|with|so\s+it\s+says|to\s+say|to\s+read)|"
    r"(?:the|our|my)\s+tagline\s+"
    r"(?:should|could|can|will|must)\s+(?:now\s+)?(?:say|read|be))\s*:\s*\S",
    re.IGNORECASE,
)
# A tagline's new words set off by a colon, dash or arrow are the founder's own, kept whole.
_WORDS_GIVEN = re.compile(
    r"^(?:the\s+)?(?:new\s+)?(?:tagline|slogan|strapline)(?:\s+please)?"
    r"\s*(?::|\u2192|->|=>|\u2014|\u2013|\s-\s)\s*\S",
    re.I,
)
