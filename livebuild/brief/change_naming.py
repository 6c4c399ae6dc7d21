"""A rename said as what people call a thing, read by its grammar: "round here we say berths,
not moorings", "in our world castings are called go-sees", "my customers call the workshops
classes", "nobody says hire skates, they're just Rentals", "can Places say Max skaters instead".

The part has a verb of naming (change_words.toml's naming_verbs); of its words, the run that is
surely one of the plan's record kinds or fields is the old name, and the new one is the run of
nouns said with it: after it ("call the workshops classes"), after the verb when the old name
comes first ("castings are called go-sees"), or, when the old name is said not to be used
("nobody says", "not moorings"), the other name the part gives. The answer is a plain "rename
X to Y", read and checked like any other; a part with no such pair is left to the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from livebuild.brief.change_names import find_entity, find_field
from livebuild.brief.change_wordlists import words
from livebuild.brief.model import Brief
from livebuild.english.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MAX_NAME = 4  # the most words of a new name
_MAX_OLD = 3  # the most words of a name in the plan, as said
_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def renamed_by_naming(brief: Brief, part: str) -> str | None:
    """ "rename X to Y" for a part that says what X is called, or None."""
    lists = words().lists
    if not any(verb in part.lower() for verb in lists.naming_verbs):
        return None  # cheap: no parse for a part with no verb of naming in it
    doc = parsed(part[:300])
    verb = next(
        (t for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_ in lists.naming_verbs), None
    )
    if verb is None:
        return None
    old = _old_name(brief, doc, verb.i)
    if old is None:
        return None
    span, target = old
    denied = _denied(doc, span)
    new = _new_name(doc, span, verb.i, denied)
    if new is None or new.lower() == span.text.lower():
        return None
    return f"rename {target} to {new}"


def _old_name(brief: Brief, doc: Doc, verb: int) -> tuple[Span, str] | None:
    """The run of words that is surely a record kind or field of the plan, and how a plain
    rename names it ("Places on Lessons"); the one said not to be used first ("not
    moorings"), and never one said only as where ("on lessons")."""
    found: list[tuple[Span, str]] = []
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + _MAX_OLD) + 1):
            span = doc[start:end]
            if span[-1].pos_ not in ("NOUN", "PROPN") or any(t.pos_ not in _NAME_POS for t in span):
                continue
            if span.root.dep_ == "pobj" or span.start <= verb < span.end:
                continue
            entity = find_entity(brief, span.text)
            field = find_field(brief, span.text)
            if entity is not None and entity.sure:
                found.append((span, entity.entity.plural))
            elif field is not None and field.sure:
                found.append((span, f"{field.field.label} on {field.entity.plural}"))
            else:
                continue
            break
    denied = [one for one in found if _denied(doc, one[0])]
    chosen = denied or found
    return chosen[0] if chosen else None


def _denied(doc: Doc, span: Span) -> bool:
    """ "nobody says hire skates", "berths, not moorings": the old name is said not to be used."""
    not_said = words().lists.not_said
    before = doc[max(0, span.start - 6) : span.start]
    return any(t.lower_ in not_said for t in before)


def _runs(doc: Doc, start: int, verb: int) -> list[Span]:
    """Runs of name words from `start` on, each ended by punctuation, another word or the
    verb of naming."""
    found: list[Span] = []
    at = start
    while at < len(doc):
        if at != verb and doc[at].pos_ in _NAME_POS and doc[at].is_alpha:
            end = at
            while (
                end < len(doc)
                and end != verb
                and (doc[end].pos_ in _NAME_POS or doc[end].text == "-")
            ):
                end += 1
            found.append(doc[at:end])
            at = end
        at += 1
    return found


def _usable(run: Span, old: Span) -> str | None:
    words_ = [t for t in run if t.i < old.start or t.i >= old.end]
    if not words_ or words_[-1].pos_ not in ("NOUN", "PROPN") or len(words_) > _MAX_NAME:
        return None
    if any(t.dep_ == "pobj" for t in words_):
        return None  # "at the desk": where it is said, not what
    before = run.doc[words_[0].i - 1] if words_[0].i > 0 else None
    said_of = before is not None and (before.dep_ == "poss" or before.pos_ == "DET")
    if said_of and before is not None and not _ours_for_it(before):
        return None  # "say their name": what someone says, not a name for a thing
    text = "".join(t.text_with_ws for t in words_).strip()
    return text if text else None


def _ours_for_it(before: Token) -> bool:
    """ "I call it our trade account ref": the founder's own word for "it", a name."""
    if before.lower_ not in ("our", "my") or before.i == 0:
        return False
    return before.doc[before.i - 1].lower_ in ("it", "them", "these", "those")


def _new_name(doc: Doc, old: Span, verb: int, denied: bool) -> str | None:
    if denied:
        runs = [r for r in _runs(doc, 0, verb) if r.end <= old.start or r.start >= old.end]
    elif old.start > verb:
        runs = _runs(doc, old.end, verb)  # "call the workshops classes"
    else:
        runs = _runs(doc, verb + 1, verb)  # "castings are called go-sees", "can Places say X"
    for run in runs:
        usable = _usable(run, old)
        if usable is not None:
            return usable
    return None
