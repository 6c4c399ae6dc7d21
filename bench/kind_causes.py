"""Where a plan lost a kind the idea names, or made a junk one: the stage, for each.

    python -m bench.kind_causes --round 16 [--round 15 ...] [--dev] [--verbose]

For each record idea of a spent round, the rules' path is replayed stage by stage: the sentence
patterns' things (`shapes.chosen_things`), the rules' kinds (`kinds.record_things`), the learned
judge's candidates and scores (`kind_judge.scored`), its choice (`judged_things`), the details
taken out (`details_not_kinds`) and the plan's record kinds (`derive_brief`). Each `expect` group
the plan misses is put down to the first stage that lost it, each junk kind to the stage that
made it, and the causes are counted. Round 20 is read by its odd half only; never run it on a
held-out round (21 or later).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bench.understanding import ideas_path, load_dev_ideas, load_ideas
from bench.understanding_names import kind_in_group, words
from bench.understanding_plans import IdeaCase
from livebuild.brief import kind_judge
from livebuild.brief.derive import _MAX_ENTITIES, _chosen, derive_brief
from livebuild.brief.kind_features import Candidate
from livebuild.brief.kinds import _junk_head, one_of_many, refused_outright, vetoed
from livebuild.brief.said_details import details_not_kinds
from livebuild.english.idea import read_once
from livebuild.english.reading import Reading
from livebuild.english.records import candidate, for_whom, listed_phrases, what_each_has
from livebuild.english.shapes import Thing, chosen_things

SPENT = tuple(range(3, 21))
# Round 20 is the dev set split in halves: only its odd half (every 2nd from the 2nd, as
# `bench.understanding --round 20 --every 2 --start 1`) is read; the even half is scores only.
HALVED = {20: (1, 2)}


@dataclass
class Stages:
    """What each stage of the rules' path kept of one idea."""

    english: Reading
    raw: list[Thing]  # the sentence patterns' things
    rules: list[Thing]  # the rules' kinds
    found: list[tuple[Candidate, float]]  # the judge's candidates and scores
    judged: list[Thing]  # the judge's choice
    kinds: list[Thing]  # without the details taken out


@dataclass
class Cause:
    idea: str
    what: str  # "missed" or "junk"
    name: str
    stage: str
    note: str = ""


def _names(thing: Thing) -> list[str]:
    return [thing.phrase, " ".join((*thing.words[:-1], thing.said or thing.head))]


def _matches(thing: Thing, group: Sequence[str]) -> bool:
    return kind_in_group(_names(thing), group)


def _why_not_added(
    reading: Reading, cand: Candidate, score: float, judge: kind_judge.Judge, kept: list[Thing]
) -> str:
    thing = cand.thing
    if score < judge.threshold:
        return "judge scored it low"
    if kind_judge.again(thing, kept):
        return "merged into another kind"
    if kind_judge.users(reading, cand):
        return "the app's users"
    if score >= judge.sure:
        if refused_outright(thing, reading):
            return f"rules veto after the judge: {_veto(thing, reading)}"
        return "cut by the kind limit"
    if vetoed(thing, reading, listed_phrases(reading)):
        return f"rules veto after the judge: {_veto(thing, reading)}"
    if not kind_judge._many(reading, cand):
        return "not said as many"
    return "cut by the kind limit"


def _veto(thing: Thing, reading: Reading) -> str:
    """Which of the rules' vetoes refuses `thing`."""
    if not one_of_many(thing.head, reading):
        return "not one of many"
    if _junk_head(thing, reading):
        return "junk head"
    at = next((n for n, p in enumerate(reading.phrases) if p.said == thing.said), None)
    if at is None:
        return "unconfirmed"
    phrase = reading.phrases[at]
    if thing.said in reading.bracketed:
        return "bracketed"
    if not candidate(reading, phrase):
        return "not a candidate phrase"
    heads = [n for n, p in enumerate(reading.phrases) if p.head == phrase.head]
    if all(for_whom(reading, n) for n in heads):
        return "whom it is for"
    if all(what_each_has(reading, reading.phrases[n]) for n in heads):
        return "what each has"
    return "weak"


def trace(case: IdeaCase) -> list[Cause]:
    read = read_once(case.text)
    english = read.english
    _, rules = _chosen(read, None)
    judged = kind_judge.judged_things(english, rules, _MAX_ENTITIES)
    details = details_not_kinds([t.head for t in judged], english)
    at = Stages(
        english,
        chosen_things(read.shapes, _MAX_ENTITIES),
        rules,
        kind_judge.scored(english, rules),
        judged,
        [t for t in judged if t.head not in details],
    )
    brief = derive_brief(case.text, reading=read)
    entities = [[e.plural, e.singular] for e in brief.entities]
    causes: list[Cause] = []
    for group in case.expect:
        if not any(kind_in_group(n, group) for n in entities):
            causes.append(Cause(case.id, "missed", group[0], *_lost(group, at)))
    wanted = [*case.expect, *([s] for s in case.allowed)]
    for names in entities:
        if not any(kind_in_group(names, g) for g in wanted):
            causes.append(Cause(case.id, "junk", names[0], *_made(names, at)))
    return causes


def _lost(group: list[str], at: Stages) -> tuple[str, str]:
    english = at.english
    text = " ".join(words(english.fixed))
    said = [s for s in group if f" {' '.join(words(s))}" in f" {text}"]
    scored = [(c, s) for c, s in at.found if kind_in_group(list(c.names), group)]
    if not scored:
        near = [p.said for p in english.phrases if any(p.head in words(s) for s in group)]
        if not said:
            return "never a candidate: not said in those words", ""
        if near:
            return "never a candidate: said, read under another name", f"{said} ~ {near}"
        return "never a candidate: said, not read as a noun", f"{said}"
    cand, score = max(scored, key=lambda cs: cs[1])
    judge = kind_judge.current()
    if cand.ruled:
        if score < judge.kept:
            return "judge dropped a rules kind", f"{cand.thing.phrase} {score:.2f}"
        if not any(_matches(t, group) for t in at.judged):
            if cand.head in kind_judge.only_varieties(english):
                return "taken as a variety of another kind", cand.thing.phrase
            return "cut by the kind limit (judge)", cand.thing.phrase
    elif not any(_matches(t, group) for t in at.judged):
        why = _why_not_added(english, cand, score, judge, at.judged)
        where = (
            "rules dropped it" if any(_matches(t, group) for t in at.raw) else "rules never had it"
        )
        return why, f"{cand.thing.phrase} {score:.2f}; {where}"
    if not any(_matches(t, group) for t in at.kinds):
        return "read as a detail of another kind", cand.thing.phrase
    return "lost making the records (grouped, domain or room)", cand.thing.phrase


def _made(names: list[str], at: Stages) -> tuple[str, str]:
    thing = next((t for t in at.judged if kind_in_group(names, [t.phrase])), None)
    if thing is None:
        return "implied, booked or joined work (or a domain's)", ""
    if any(kind_in_group(names, [t.phrase]) for t in at.rules):
        src = "patterns" if any(t.head == thing.head for t in at.raw) else "kept nouns"
        score = {c.head: v for c, v in at.found}.get(thing.head, -1)
        return f"rules kept it ({src})", f"{thing.said or thing.head} {score:.2f}"
    return "judge added it", thing.said or thing.head


def print_causes(causes: Sequence[Cause], verbose: bool) -> None:
    """Missed and junk kinds counted by the stage that lost or made them (each, `verbose`)."""
    for what in ("missed", "junk"):
        mine = [c for c in causes if c.what == what]
        print(f"\n{what}: {len(mine)}")
        for stage, n in Counter(c.stage for c in mine).most_common():
            print(f"  {n:3d}  {stage}")
    if verbose:
        for c in causes:
            print(f"{c.what:6} {c.idea:32} {c.name:22} {c.stage}  [{c.note}]")


def _readable(round_: int, cases: list[IdeaCase]) -> list[IdeaCase]:
    """The ideas of `round_` that may be read: its dev half when it is split (`HALVED`)."""
    start, every = HALVED.get(round_, (0, 1))
    return cases[start::every]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", type=int, action="append", choices=SPENT, default=[])
    parser.add_argument("--dev", action="store_true", help="the development ideas too")
    parser.add_argument("--verbose", action="store_true", help="each cause, not just counts")
    args = parser.parse_args(argv)
    cases = [c for r in args.round for c in _readable(r, load_ideas(ideas_path(r)))]
    if args.dev:
        cases += load_dev_ideas()
    causes = [cause for case in cases if case.record_app for cause in trace(case)]
    print_causes(causes, args.verbose)


if __name__ == "__main__":
    main()
