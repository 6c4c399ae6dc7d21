"""Whether the guide's (and the app's) "Planned" list is true, over every plan of the
held-out rounds (3-24, spent) and of the development round 25 (rules path).

Two steps, so the same judge reads the lists of any tree (main's and a branch's):

    PYTHONPATH=<tree> python bench/planned_truth.py --save lists.json   # plans and their lists
    python -m bench.planned_truth --judge lists.json                    # the counts

`--save` plans every record idea of the rounds with the rules (`offline_plan`) and writes each
feature with whether the guide lists it as planned (`livebuild.guide.offline.planned_features`,
which the app lists too) and the plan's kinds. `--judge` counts, by `brief.feature_truth`:

  planned but built   listed as planned though the plan's kinds, fields and choices (and what
                      every finished app does) cover every word of it: the app has it
  built but unbacked  not listed as planned though a word of it names nothing the app has
                      ("A dashboard with weekly charts"): a claim with nothing behind it

and prints each so a reader can check the judge by eye (the counts are the judge's own, so a
tree that uses the judge scores 0 on both by construction: read the moved lines, and score
the judge itself on hand-labelled wishes with `python -m bench.feature_truth_set`).

Round 25 is the development round of issue 15: of its even half (`--every 2 --start 0` of
`bench.understanding`) only score lines are printed (`│ r25 even ...`), never its wishes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

HELDOUT = Path(__file__).with_name("heldout")
ROUNDS = range(3, 26)
DEVELOPMENT = 25  # of its ideas, the even half (0, 2, 4, ...) is read by score lines only


def _ideas() -> list[tuple[str, str, bool]]:
    """Each record idea of the rounds: its name, its text, and whether it is hidden (in the
    even half of the development round: counted, never printed)."""
    ideas = []
    for round_ in ROUNDS:
        path = HELDOUT / f"ideas_r{round_}.toml"
        for at, idea in enumerate(tomllib.loads(path.read_text("utf-8")).get("idea", [])):
            if idea.get("record_app", True):
                hidden = round_ == DEVELOPMENT and at % 2 == 0
                name = f"r{round_}/{'even' if hidden else idea.get('id', '?')}"
                ideas.append((name, str(idea["text"]), hidden))
    return ideas


def save(path: Path) -> None:
    from livebuild.brief.plan import offline_plan
    from livebuild.core.errors import LivebuildError
    from livebuild.guide.offline import planned_features

    rows: list[dict[str, Any]] = []
    for name, idea, hidden in _ideas():
        try:
            brief = offline_plan(idea)
        except LivebuildError:
            continue  # answered plainly, no plan: nothing is listed
        planned = set(planned_features(brief))
        rows.append(
            {
                "idea": name,
                "hidden": hidden,
                "brief": brief.to_dict(),
                "features": [[f, f in planned] for f in brief.features],
            }
        )
    path.write_text(json.dumps(rows, indent=1), "utf-8")


def judge(path: Path) -> dict[str, int]:
    from livebuild.brief.feature_truth import is_built, uncovered
    from livebuild.brief.model import Brief

    rows = json.loads(path.read_text("utf-8"))
    counts: dict[str, int] = {}
    for row in rows:
        hidden = row.get("hidden", row["idea"].startswith(f"r{DEVELOPMENT}/"))
        prefix = f"r{DEVELOPMENT} even " if hidden else ""
        for key in ("plans", "features", "planned", "planned but built", "built but unbacked"):
            counts.setdefault(prefix + key, 0)
        counts[prefix + "plans"] += 1
        entities = Brief.from_dict(row["brief"]).entities
        for feature, listed in row["features"]:
            counts[prefix + "features"] += 1
            counts[prefix + "planned"] += listed
            built = is_built(feature, entities)
            if listed == built:
                key = "planned but built" if listed else "built but unbacked"
                counts[prefix + key] += 1
                if not hidden:
                    why = "" if listed else f"  ({', '.join(uncovered(feature, entities))})"
                    print(f"  {key:<19} {row['idea']}: {feature}{why}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--judge", type=Path)
    args = parser.parse_args(argv)
    if args.save:
        save(args.save)
    if args.judge:
        for key, value in judge(args.judge).items():
            print(f"│ {key:<28} {value:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
