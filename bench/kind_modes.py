"""Ways of choosing an idea's record kinds from the learned judge's scores that livebuild does not
ship, for `bench/train_kinds.py` to measure against the shipped gate (`kind_judge`).

- "gate": what ships (`kind_judge.judged_things`): the rules' kinds it scores `kept` or more,
  then others the rules' vetoes let through.
- "vetoed": the judge chooses every kind it scores `threshold` or more, with only the hardest
  vetoes (`refusal`).
- "alone": the judge chooses every kind it scores `threshold` or more.

`python -m bench.kind_modes` lists, on the spent rounds, each candidate a round labels a record
kind that a hard veto refuses, with the veto's reason: where the labels and the pinned tests
(which the vetoes were written for) disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from livebuild.brief import kind_judge
from livebuild.brief.kind_features import Candidate
from livebuild.brief.kinds import _junk_head
from livebuild.english.reading import Reading
from livebuild.english.records import a_person, an_option, for_whom
from livebuild.english.shape_lists import Thing

MODES = ("gate", "vetoed", "alone")


def refusal(reading: Reading, cand: Candidate) -> str:
    """Why the hardest vetoes refuse it, whatever the judge's score ("" when they don't): junk by
    its head (a name, a time, a detail, a verb, an option of another noun, the founder's
    business), the app's users, the founder's own trade, examples said only after a dash, or
    whom the work is for."""
    thing = cand.thing
    if _junk_head(thing, reading):
        return "junk head"
    if kind_judge.users(reading, cand):
        return "the app's users"
    said = kind_judge.said_as(reading, cand)
    if not said:
        return ""
    if any(an_option(reading, p) for p in said):
        return "an option"  # "stock of cones, flakes and lollies": kinds of stock
    if all(p.after_dash and not (p.plural or p.each) for p in said):
        return "after a dash"  # "a dash of examples - a fringe, a bob"; not "— each boat"
    if a_person(cand.head) and all(
        (p.clause_subject in ("i", "we") and p.verb == "be" and not p.plural)
        or (p.role == "ROOT" and p.sentence == 0 and not p.plural)
        for p in said
    ):
        # "I'm a window cleaner", "Mobile bike mechanic.": who the founder is; never whom
        # they have ("my clients", "our drivers") or what they do to someone ("we assign a
        # contractor")
        return "the founder's trade"
    at = [n for n, p in enumerate(reading.phrases) if p.head == cand.head]
    return "whom it is for" if at and all(for_whom(reading, n) for n in at) else ""


def chooser(mode: str) -> kind_judge.Choose | None:
    """How `mode` chooses the kinds (None: the shipped gate)."""
    if mode == "gate":
        return None
    if mode not in MODES:
        raise ValueError(f"mode {mode!r} is not one of {', '.join(MODES)}")

    def choose(
        reading: Reading,
        rules: Sequence[Thing],
        found: list[tuple[Candidate, float]],
        judge: kind_judge.Judge,
        limit: int,
    ) -> list[Thing]:
        """The nouns scored `threshold` or more, most likely first, up to `limit`; in "vetoed"
        mode none the hardest vetoes refuse, and those the rules chose first, in the rules'
        order (the first is what the app is about)."""
        chosen: list[tuple[Candidate, float]] = []
        for cand, s in kind_judge.most_likely(cs for cs in found if cs[1] >= judge.threshold):
            if len(chosen) >= limit:
                break
            if kind_judge.again(cand.thing, [c.thing for c, _ in chosen]):
                continue
            if mode == "vetoed" and refusal(reading, cand):
                continue
            chosen.append((cand, s))
        if mode == "vetoed":
            order = {t.head: n for n, t in enumerate(rules)}
            chosen.sort(key=lambda cs: (order.get(cs[0].head, len(order)), -cs[1]))
        return [c.thing for c, _ in chosen] or list(rules)

    return choose


def disagreements() -> None:
    """Each labelled record kind of the spent rounds that a hard veto refuses, by reason."""
    from bench.train_kinds import ROUNDS, labelled
    from bench.understanding import ideas_path, load_ideas

    reasons: Counter[str] = Counter()
    for r in ROUNDS:
        for case in load_ideas(ideas_path(r)):
            d = labelled(case)
            for n, why in enumerate(d.reasons):
                if why and d.labels[n] == 1:
                    reasons[why] += 1
                    head = d.heads[n]
                    print(f"r{r} {case.id} | {why} | {head} | {case.text[:150]!r}")
    for why, count in reasons.most_common():
        print(f"{why}: {count}")


if __name__ == "__main__":
    from livebuild.brief.plan import warm_offline_reader

    warm_offline_reader()
    disagreements()
