"""Record kinds the idea names that the model left out, added back when the rules are sure.

A small model names most of an idea's records but drops one now and then ("who has which
role at each meeting": no roles; "her pens, how many snails in each": no pens). The English
layer finds the idea's candidate nouns and the learned judge (`kind_judge`) scores each; a
noun the idea plainly keeps (the rules chose it, or it is listed, counted or kept by a verb)
that the judge is sure of (`SURE` or more), and that passes every check the model's own names
pass (`model_records.junk`), is added after the model's records, most likely first.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from livebuild.brief import kind_judge
from livebuild.brief.kind_features import Candidate
from livebuild.brief.kinds import record_things
from livebuild.brief.model import MAX_ENTITIES
from livebuild.brief.model_records import IdeaNouns, junk, normalised, noun_phrase, related
from livebuild.english.idea import read_once
from livebuild.english.records import kept_nouns
from livebuild.english.shapes import chosen_things

# The judge's score from which a noun the model left out is added back. Its own threshold for
# the plan without a model is lower (0.5); here a wrong kind costs a whole plan, a missed one
# only what the model already missed.
SURE = 0.75


def _plainly_kept(cand: Candidate, nouns: IdeaNouns, kept: set[str]) -> bool:
    """Whether the idea plainly keeps the candidate: the rules chose it, or it is one of the
    nouns the English layer says are kept (listed, counted, tracked)."""
    if cand.ruled or cand.head in kept or cand.head in nouns.kept:
        return True
    return any(p.head == cand.head and (p.listed or p.each) for p in nouns.reading.phrases)


def sure_kinds(
    idea: str, chosen: Sequence[str], nouns: IdeaNouns, mentioned: AbstractSet[str]
) -> list[str]:
    """The kinds the idea plainly keeps that the judge is sure of and `chosen` (the model's
    names) leaves out, most likely first, within the plan's limit: only those the model's
    answer `mentioned` (the words of its details, links and implied kinds) in some way, so the
    model thought of them and judged them no record of their own."""
    read = read_once(idea)
    if read.english.fixed != nouns.reading.fixed:
        return []  # another reading of the idea: its nouns are not these
    rules = record_things(chosen_things(read.shapes, MAX_ENTITIES), read.english, MAX_ENTITIES)
    try:
        scored = kind_judge.scored(read.english, rules)
    except kind_judge.JudgeError:
        return []  # a broken install: the model's records stand alone
    kept = {k.head for k in kept_nouns(read.english)}
    heads = [n.split()[-1] for n in chosen]
    added: list[str] = []
    for cand, score in sorted(scored, key=lambda cs: (-cs[1], cs[0].thing.position)):
        if score < SURE or len(chosen) + len(added) >= MAX_ENTITIES:
            break
        if not _plainly_kept(cand, nouns, kept) or cand.head not in mentioned:
            continue
        name = noun_phrase(normalised(cand.thing.phrase, nouns.reading.corrections), nouns.reading)
        head = name.split()[-1] if name else ""
        if not head or junk(name, nouns):
            continue
        if any(related(head, h) or related(h, head) for h in [*heads, *added_heads(added)]):
            continue
        added.append(name)
    return added


def added_heads(names: Sequence[str]) -> list[str]:
    return [n.split()[-1] for n in names]
