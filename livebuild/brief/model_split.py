"""Which reader does which part of a model-read plan (`LIVEBUILD_MODEL_PLAN_SPLIT`).

The rules choose an idea's record kinds about as well as the local model does and make fewer
junk kinds, in a twentieth of a second; the model reads more of the details and links the idea
says of them. So with the local model (`vote`, its default) a kind needs two readers' votes: a
kind of the rules' stays when the model names it as a record or a link to one, or the learned
judge (`kind_judge`) is sure of it and the idea doesn't name it only in passing (`voted`); a
kind the model named that the rules left out is added when the judge scores that noun a record
(`judged_extra`); a catalogue domain's own kinds that nobody voted for go (`_only_chosen`); then
the model's details and links of each kind are taken. `rules-kinds` is the same with looser
votes for the rules' kinds (any word of the model's answer, or the idea's own listing:
`agreed`). `model` keeps the model's kinds (with the rules adding back those the idea plainly
lists) and its details and links; `model-kinds` the model's kinds with the rules' own details
and links. Measured on recorded answers in docs/benchmarks.md.
"""

from __future__ import annotations

import dataclasses
import re

from livebuild.brief import kind_judge
from livebuild.brief.derive import derive_brief, own_words
from livebuild.brief.from_decisions import brief_from_decisions, with_model_details
from livebuild.brief.implied import implied_kinds, implied_words
from livebuild.brief.kinds import record_things
from livebuild.brief.links import add_link
from livebuild.brief.model import MAX_ENTITIES, Brief, Entity
from livebuild.brief.model_added import SURE
from livebuild.brief.model_reading import Decisions, RecordChoice
from livebuild.brief.model_records import idea_nouns, plainly_named, related
from livebuild.english.app_kind import RECORDS
from livebuild.english.forms import singular
from livebuild.english.idea import read_once
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Reading
from livebuild.english.shapes import chosen_things

SPLITS = ("vote", "vote-look", "rules-kinds", "model", "model-kinds")
# The splits that start from the rules' kinds (the model's are not merged with them first).
RULES_FIRST = frozenset({"vote", "vote-look", "rules-kinds"})
# The splits that vote (`voted`): `vote-look` asks the model a second time first.
VOTING = frozenset({"vote", "vote-look"})


def _scores(idea: str) -> dict[str, float]:
    """The learned judge's score for each candidate noun of the idea, by head (none when the
    judge can't be loaded: a broken install)."""
    read = read_once(idea)
    things = record_things(chosen_things(read.shapes, MAX_ENTITIES), read.english, MAX_ENTITIES)
    try:
        return {c.head: s for c, s in kind_judge.scored(read.english, things)}
    except kind_judge.JudgeError:
        return {}


def judged_extra(idea: str, decisions: Decisions, rules: Brief) -> list[str]:
    """The model's own records (not those it says the idea implies) that no kind of the rules'
    plan is, which the learned judge scores a record too (its `threshold` or more; its `kept`
    bar or more when the idea itself keeps the noun too: listed, counted or tracked), in the
    model's order, within the plan's limit."""
    try:
        judge = kind_judge.current()
    except kind_judge.JudgeError:
        return []  # a broken install: the rules' kinds stand alone
    scores = _scores(idea)
    implied = {i.name for i in decisions.implied}
    kept_by_idea = idea_nouns(read_once(idea).english).kept
    heads = [e.singular.lower().split()[-1] for e in rules.entities]
    extra: list[str] = []
    for record in decisions.records:
        head = record.name.split()[-1]
        if record.name in implied or len(heads) >= MAX_ENTITIES:
            continue
        if any(related(head, h) or related(h, head) for h in heads):
            continue
        # Asked again (`vote-look`), the model kept it, or the idea itself keeps it (listed,
        # counted, tracked: "the jobs (the owner, ...)"): two readers chose it, so the judge's
        # bar for a noun a reader chose (`kept`) is enough, as for the rules' own.
        second = singular(head) in decisions.confirmed or singular(head) in kept_by_idea
        bar = judge.kept if second else judge.threshold
        if scores.get(head, 0.0) >= bar:
            extra.append(record.name)
            heads.append(head)
    return extra


def _said_by_model(decisions: Decisions) -> set[str]:
    """Every word the model's decisions say: its records' names, their details and links."""
    said: set[str] = set()
    for record in decisions.records:
        for text in (record.name, *(d for d, _ in record.details), *record.links):
            said.update(singular(w) for w in text.split())
    return said


def agreed(idea: str, decisions: Decisions, rules: Brief) -> list[str]:
    """The rules' kinds a second reader backs: the model's answer says the word (as a record,
    a detail or a link), the idea plainly keeps it (listed, counted, tracked), or the learned
    judge is sure of it (`model_added.SURE`, its bar for adding a kind on its own word); all
    of them when none is backed (the rules' plan, as without a model). A kind the model never
    says and the idea names only in passing (in a list or after a preposition), when another
    sentence says what it keeps, is backed by neither the listing nor the judge
    (`_listed_in_passing`)."""
    kinds = [e.singular for e in rules.entities]
    said = _said_by_model(decisions)
    reading = read_once(idea).english
    nouns = idea_nouns(reading)
    scores = _scores(idea)
    asking = _asking_sentences(reading)

    def backed(kind: str) -> bool:
        head = kind.lower().split()[-1]
        if singular(head) in said:
            return True
        if asking and _listed_in_passing(head, asking, reading):
            return False  # "We put boxes on *houses, churches and schools*. Keep the boxes..."
        return plainly_named(head, nouns) or scores.get(head, 0) >= SURE

    return [k for k in kinds if backed(k)] or kinds


def named_by_model(decisions: Decisions) -> set[str]:
    """The words the model's records' names and their links say (not their details)."""
    named: set[str] = set()
    for record in decisions.records:
        for text in (record.name, *record.links):
            named.update(singular(w) for w in text.lower().split())
    return named


def voted(idea: str, decisions: Decisions, rules: Brief) -> list[str]:
    """The rules' kinds two readers vote for (the `vote` split): the model names the kind as
    a record or a link to one (a word of its details is no vote: "Repairs" said as a job's
    detail), or the learned judge is sure of it (`model_added.SURE`) and the idea doesn't
    name it only in passing (`_listed_in_passing`), or it is the work the founder's trade
    implies (`implied.implied_kinds`; not the people served, whom the trade always implies,
    and not a kind named only in passing); all of them when none gets a vote (the rules'
    plan, as without a model). Unlike `agreed`, the idea's own listing is no vote:
    the rules chose the kind from that listing already, so it would vote twice."""
    kinds = [e.singular for e in rules.entities]
    named = named_by_model(decisions)
    reading = read_once(idea).english
    scores = _scores(idea)
    asking = _asking_sentences(reading)
    said = {singular(k.lower().split()[-1]) for k in kinds}
    # The founder's trade read from the idea's grammar ("Chimney sweep here": sweeps) is a
    # reader of its own: the model often takes the trade for the founder's business. Only the
    # work votes: the client or customer it implies too is there for every trade.
    served = implied_words().served_people
    work = [i for i in implied_kinds(reading, set()) if i.name.lower() not in served]
    implied = {singular(i.name.split()[-1]) for i in work} & said

    def backed(kind: str) -> bool:
        head = kind.lower().split()[-1]
        if singular(head) in named:
            return True
        if singular(head) in decisions.doubted:
            return False  # asked again (`vote-look`), the model left it out
        if asking and _listed_in_passing(head, asking, reading):
            return False  # "My clients mostly find me on Facebook": no vote of the trade's
        return singular(head) in implied or scores.get(head, 0) >= SURE

    return [k for k in kinds if backed(k)] or kinds


def _asking_sentences(reading: Reading) -> frozenset[int]:
    """The sentences that say what the app keeps or the founder needs ("Keep the boxes, the
    hosts...", "I need the drivers..."): a verb of keeping or wanting governs a noun in them."""
    verbs = lexicon().keeping_verbs | lexicon().wanting_verbs
    return frozenset(p.sentence for p in reading.phrases if p.verb in verbs)


def _listed_in_passing(head: str, sentences: frozenset[int], reading: Reading) -> bool:
    """Whether the idea says `head` only in passing: as an item of a list or after a
    preposition, and never in one of `sentences` (those that say what it keeps). Examples of
    what the business does ("we place butlers, housekeepers and chefs", "we fit chargers on
    driveways"), not what the app keeps."""
    word = singular(head)
    said = [p for p in reading.phrases if singular(p.head) == word]
    return bool(said) and all(
        (p.listed or p.role == "pobj") and p.sentence not in sentences for p in said
    )


def _only_chosen(brief: Brief, records: list[str]) -> Brief:
    """`brief` with only the kinds among `records`: a catalogue domain the idea fits writes
    its own kinds ("Orders" for a greenhouse erector, once the vote left out the rules'), and
    those nobody voted for go, with the links to them."""
    heads = [r.lower().split()[-1] for r in records]
    kept = [
        e
        for e in brief.entities
        if any(related(e.singular.lower().split()[-1], h) for h in heads) or e.singular in records
    ]
    if not kept or len(kept) == len(brief.entities):
        return brief
    slugs = {e.slug for e in kept}
    entities = tuple(
        dataclasses.replace(
            e, fields=tuple(f for f in e.fields if f.kind != "link" or f.links_to in slugs)
        )
        for e in kept
    )
    # The tagline and problem that name a kind gone ("...swaps and rentals") are said again
    # of the kinds kept, as the rules say them of an idea's own kinds.
    gone = [e for e in brief.entities if e.slug not in slugs]
    tagline, problem = own_words(entities, brief.idea)
    return dataclasses.replace(
        brief,
        entities=entities,
        tagline=tagline if _names_any(brief.tagline, gone) else brief.tagline,
        problem=problem if _names_any(brief.problem, gone) else brief.problem,
    )


def _names_any(text: str, entities: list[Entity]) -> bool:
    """Whether `text` names one of `entities` (its plural or singular, as whole words)."""
    words = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    names = {n for e in entities for n in (e.plural.lower(), e.singular.lower())}
    return any(f" {' '.join(re.findall(r'[a-z0-9]+', n))} " in words for n in names)


def _head(text: str) -> str:
    return singular(text.lower().split()[-1]) if text.split() else ""


def _holders(head: str, rules: Brief, decisions: Decisions) -> set[str]:
    """The heads of the kinds that keep `head` as a detail: a detail of the rules' plan
    (not its title) or one of the model's own details of its record."""
    holders = {
        _head(e.singular)
        for e in rules.entities
        if any(f.kind in ("text", "choice") and _head(f.label) == head for f in e.fields[1:])
    }
    for record in decisions.records:
        if any(_head(d) == head for d, _ in record.details):
            holders.add(_head(record.name))
    return holders - {head}


def _linked_from_details(
    brief: Brief, rules: Brief, decisions: Decisions, extra: list[str]
) -> tuple[Brief, list[str]]:
    """`brief` with each kind added from the model's records (`extra`) linked from the kinds
    that kept it as a detail ("the commissions (the player, ...)": a commission's Player picks
    one of the Players), so a record keeps saying whose it is; and the added kinds that such a
    kind can't link to (its title names them: "Orders" titled by their customer)."""
    entities = list(brief.entities)
    unlinked: list[str] = []
    for name in extra:
        head = _head(name)
        target = next((e for e in entities if _head(e.singular) == head), None)
        for holder in _holders(head, rules, decisions):
            at = next((n for n, e in enumerate(entities) if _head(e.singular) == holder), None)
            if target is None or at is None:
                continue
            if all(f.links_to != target.slug for f in entities[at].fields):
                entities[at] = add_link(entities[at], target)
            if all(f.links_to != target.slug for f in entities[at].fields):
                unlinked.append(name)
    return dataclasses.replace(brief, entities=tuple(entities)), unlinked


def _rules_first(
    split: str, idea: str, name: str | None, decisions: Decisions, rules: Brief
) -> Brief:
    """The plan of a split that starts from the rules' kinds (`RULES_FIRST`)."""
    kept = (voted if split in VOTING else agreed)(idea, decisions, rules)
    extra = judged_extra(idea, decisions, rules)
    while True:
        base = rules
        if extra or len(kept) < len(rules.entities):
            base = derive_brief(idea, name, records=[*kept, *extra])
            if split in VOTING:
                base = _only_chosen(base, [*kept, *extra])
        brief = with_model_details(base, decisions, idea)
        brief, unlinked = _linked_from_details(brief, rules, decisions, extra)
        if not unlinked:
            return dataclasses.replace(brief, target_users=rules.target_users)
        # A kind no holder can link to would stand beside it as a second copy: left out.
        extra = [e for e in extra if e not in unlinked]


def split_plan(
    split: str, idea: str, name: str | None, decisions: Decisions, rules: Brief | None
) -> Brief:
    """The plan from the model's `decisions` and the rules' own plan, split as `split` says
    (`SPLITS`); without the rules' plan, or for an app the rules say keeps no records, the
    model's kinds."""
    if split in RULES_FIRST and rules is not None and rules.app_kind == RECORDS:
        return _rules_first(split, idea, name, decisions, rules)
    if split == "model-kinds":
        plain = tuple(RecordChoice(r.name, (), ()) for r in decisions.records)
        decisions = dataclasses.replace(decisions, records=plain)
    return brief_from_decisions(idea, name, decisions)
