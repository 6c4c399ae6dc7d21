"""Fails when a module or a function of livebuild grows past its limit; prints the largest.

A module over MODULE_MAX lines, or a function over FUNCTION_MAX, is one concept too many:
split it before it lands. `python scripts/sizes.py --table` prints the module-size table.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_MAX = 600
FUNCTION_MAX = 60
ROOT = Path(__file__).resolve().parents[1]
# The generated app's own source and the schema migrations are written to their own rules.
SKIP = ("livebuild/appgen/files/", "livebuild/store/db/migrations/")
# Functions already past the limit when the check came in; each is to be split, and the
# list may only shrink (an entry that is no longer needed fails the check too).
KNOWN_LONG = {
    "livebuild/engine/runners/model.py:_change",
    "livebuild/brief/validate.py:_entities",
    "livebuild/services.py:open",
    "livebuild/guide/writer.py:write_changelog",
    "livebuild/guide/service.py:write",
}


def _modules() -> list[Path]:
    found = sorted((ROOT / "livebuild").rglob("*.py"))
    return [p for p in found if not str(p.relative_to(ROOT)).startswith(SKIP)]


def _long_functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_MAX:
                long.append((node.name, length))
    return long


def main(argv: list[str]) -> int:
    sizes = [(len(p.read_text(encoding="utf-8").splitlines()), p) for p in _modules()]
    sizes.sort(key=lambda item: item[0], reverse=True)
    if "--table" in argv:
        print("| module | lines |\n|---|---|")
        for lines, path in sizes[:15]:
            print(f"| `{path.relative_to(ROOT)}` | {lines} |")
    problems = [
        f"{path.relative_to(ROOT)}: {lines} lines (at most {MODULE_MAX})"
        for lines, path in sizes
        if lines > MODULE_MAX
    ]
    seen: set[str] = set()
    for _, path in sizes:
        for name, length in _long_functions(path):
            key = f"{path.relative_to(ROOT)}:{name}"
            seen.add(key)
            if key not in KNOWN_LONG:
                problems.append(f"{key}() is {length} lines (at most {FUNCTION_MAX})")
    problems += [f"{key}() is short now: take it off KNOWN_LONG" for key in KNOWN_LONG - seen]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
