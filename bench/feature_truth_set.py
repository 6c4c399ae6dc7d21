"""Score the guide's (and the app's) "Planned" list on hand-labelled wishes, both ways.

    PYTHONPATH=<tree> python -m bench.feature_truth_set [--show]

Each case of `bench/own_feature_truth.toml` is a small plan, a wish and whether the app of that
plan does it. The wish is put in a plan's features and judged by the tree's own
`livebuild.guide.offline.planned_features` (main's and a branch's alike), so the score is not
the judge grading itself. Printed as score lines (`│`):

  false built    a wish the app lacks left off "Planned": reads to the founder as done
  false planned  a wish the app has listed as "Planned"
  built right    of the wishes the app has, how many are not planned
  planned right  of the wishes the app lacks, how many are planned

`--show` lists each case the tree gets wrong.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

SET = Path(__file__).with_name("own_feature_truth.toml")
_FIELD = re.compile(r"(?P<label>[^:]+?)(?::(?P<kind>\w+)(?:\((?P<arg>[^)]*)\))?)?")


def kinds(lines: list[str]) -> tuple[Any, ...]:
    """The plan's kinds from "Singular/Plural: Field, Field:kind, Field:choice(A|B)"."""
    from livebuild.brief.model import Entity, Field

    entities = []
    for line in lines:
        names, _, spec = line.partition(":")
        singular, plural = names.split("/")
        fields = []
        for raw in spec.split(","):
            match = _FIELD.fullmatch(raw.strip())
            assert match, raw
            label, kind, arg = match["label"], match["kind"] or "text", match["arg"] or ""
            choices = tuple(arg.split("|")) if kind == "choice" else ()
            link = arg if kind == "link" else ""
            fields.append(Field(label.lower().replace(" ", "_"), label, kind, choices, link))
        entities.append(Entity(singular, plural, plural.lower(), tuple(fields), ()))
    return tuple(entities)


def score(show: bool = False) -> dict[str, str]:
    from livebuild.brief import derive_brief
    from livebuild.guide.offline import planned_features

    data = tomllib.loads(SET.read_text("utf-8"))
    base = derive_brief("A simple app to keep my notes")
    plans = {name: kinds(lines) for name, lines in data["plans"].items()}
    tally = {"false built": 0, "false planned": 0, "built": 0, "planned": 0}
    right = {"built": 0, "planned": 0}
    for case in data["case"]:
        brief = replace(base, entities=plans[case["plan"]], features=(case["wish"],))
        called_built = not planned_features(brief)
        truth = "built" if case["built"] else "planned"
        tally[truth] += 1
        if called_built == case["built"]:
            right[truth] += 1
            continue
        tally["false built" if called_built else "false planned"] += 1
        if show:
            print(
                f"  called {'built' if called_built else 'planned'}: {case['wish']} ({case['why']})"
            )
    return {
        "cases": str(tally["built"] + tally["planned"]),
        "false built": str(tally["false built"]),
        "false planned": str(tally["false planned"]),
        "built right": f"{right['built']}/{tally['built']}",
        "planned right": f"{right['planned']}/{tally['planned']}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list each case judged wrongly")
    args = parser.parse_args(argv)
    for key, value in score(args.show).items():
        print(f"│ {key:<14} {value:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
