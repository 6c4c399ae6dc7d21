"""Files in a model's answer: the format they travel in, and the checks each must pass.

The format is a path line, then a fenced block with the file's whole content:

    === path: app.py ===
    ```python
    ...
    ```

Models drift from any format, so reading is tolerant: `File: app.py` or `**app.py**`-style
path lines, ```` ```python title="app.py" ```` fences and a `# file: app.py` first line are
understood too.
"""

from __future__ import annotations

import ast
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from livebuild.safety.paths import UnsafePath, confined

_DECORATION = r"(?:={2,}|-{2,}|#{1,6}|\*\*|>)?"
_HEADER = re.compile(
    rf"^\s*{_DECORATION}\s*(?:(?:path|file(?:name)?)\s*:\s*)?[`'\"]?(?P<path>[^\s`'\"*=]+)"
    rf"[`'\"]?\s*:?\s*{_DECORATION}\s*$",
    re.IGNORECASE,
)
_HEADER_KEYWORD = re.compile(r"^\s*\W*\s*(?:path|file(?:name)?)\s*:", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_INFO_ATTRIBUTE = re.compile(r"(?:title|path|file|filename)\s*=\s*[\"']?(?P<path>[^\"'\s]+)")
_INFO_SUFFIX = re.compile(r"^\w*:(?P<path>\S+\.\w+)$")
_LOOKS_LIKE_PATH = re.compile(r"^[\w.\-/]*\w\.\w+$")
_COMMENT_PATH = re.compile(
    r"^\s*(?:#|//|<!--|/\*|--)\s*(?:path|file(?:name)?)\s*:\s*(?P<path>[^\s*]+?)\s*(?:-->|\*/)?\s*$",
    re.IGNORECASE,
)
_LANGUAGES = {
    ".py": "python",
    ".css": "css",
    ".html": "html",
    ".js": "javascript",
    ".json": "json",
    ".md": "markdown",
    ".sql": "sql",
    ".svg": "svg",
    ".txt": "text",
}
_BINARY_NAME = re.compile(
    r"\.(?:png|jpe?g|gif|webp|ico|bmp|pdf|zip|gz|tar|whl|pyc|so|dll|exe|db|sqlite3?|woff2?"
    r"|ttf|otf|mp3|mp4|wav)$",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
_MAX_LISTED = 1000


@dataclass
class ParsedAnswer:
    files: dict[str, str] = field(default_factory=dict)
    # Blocks whose closing fence never came, usually an answer cut off at its token limit.
    incomplete: list[str] = field(default_factory=list)


@dataclass
class Vetted:
    accepted: dict[str, str] = field(default_factory=dict)
    # Path -> why it was refused, for the logs and the next prompt.
    refused: dict[str, str] = field(default_factory=dict)
    # The refusals that leave the app broken, worth asking the model to correct at once.
    problems: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- the format


def render_files(files: dict[str, str]) -> str:
    """Files in the answer format."""
    return "\n".join(
        f"=== path: {path} ===\n{fenced(text, _LANGUAGES.get(PurePosixPath(path).suffix, ''))}"
        for path, text in files.items()
    )


def fenced(text: str, language: str = "") -> str:
    """`text` in a fenced block, fenced longer than any fence inside it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{fence}{language}\n{body}{fence}\n"


def parse_files(answer: str) -> ParsedAnswer:
    lines = answer.replace("\r\n", "\n").split("\n")
    parsed = ParsedAnswer()
    pending: str | None = None
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            pending = _header_path(lines[index]) or pending
            index += 1
            continue
        end = _closing(lines, index + 1, opening.group("fence"))
        body = lines[index + 1 : end]
        path = _info_path(opening.group("info")) or pending
        if path is None and body and (comment := _COMMENT_PATH.match(body[0])):
            path, body = comment.group("path"), body[1:]
        if path is not None and end == len(lines):
            parsed.incomplete.append(path)
        elif path is not None:
            parsed.files[path] = "\n".join(body) + "\n" if body else ""
        pending = None
        index = end + 1
    return parsed


def _header_path(line: str) -> str | None:
    """The path a line announces: `path: X` anything, or a line holding only a file name."""
    match = _HEADER.match(line)
    if match is None:
        return None
    path = match.group("path")
    return path if _HEADER_KEYWORD.match(line) or _LOOKS_LIKE_PATH.match(path) else None


def _info_path(info: str) -> str | None:
    info = info.strip()
    if match := _INFO_ATTRIBUTE.search(info) or _INFO_SUFFIX.match(info):
        return match.group("path")
    words = info.split()
    return words[-1] if words and _LOOKS_LIKE_PATH.match(words[-1]) else None


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the fence that closes a block; nested fenced examples (in a README) are
    skipped: a fence with a language opens one, a bare fence closes it."""
    depth = 0
    for index in range(start, len(lines)):
        match = _FENCE.match(lines[index])
        if match is None:
            continue
        found = match.group("fence")
        if found[0] != fence[0] or len(found) < len(fence):
            continue
        if match.group("info").strip():
            depth += 1
        elif depth:
            depth -= 1
        else:
            return index
    return len(lines)


# --------------------------------------------------------------------------- the workspace


def list_workspace(workspace: Path) -> dict[str, int]:
    """Relative path -> size of the app's files, leaving out caches and hidden folders."""
    found: dict[str, int] = {}
    for folder, dirs, names in os.walk(workspace):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(workspace).as_posix()] = path.stat().st_size
            if len(found) >= _MAX_LISTED:
                return found
    return found


def read_text(workspace: Path, relative: str) -> str | None:
    try:
        text = (workspace / relative).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return None if _CONTROL.search(text) else text


def local_modules(paths: list[str]) -> frozenset[str]:
    """Names the app's own files can be imported by."""
    names: set[str] = set()
    for path in paths:
        parts = PurePosixPath(path).parts
        if path.endswith(".py"):
            names.add(PurePosixPath(path).stem)
            if len(parts) > 1:
                names.add(parts[0])
    return frozenset(names)


# --------------------------------------------------------------------------- the checks


def vet_files(
    workspace: Path,
    files: dict[str, str],
    existing: list[str],
    *,
    max_files: int,
    max_file_bytes: int,
) -> Vetted:
    """Keep the files that are safe to write; say why each of the others was refused."""
    vetted = Vetted()
    modules = local_modules([*existing, *files])
    known = set(existing)
    room = max_files - len(known)
    for raw, text in files.items():
        path = clean_path(workspace, raw)
        if path is None:
            vetted.refused[raw] = "the path leaves the app's folder"
            continue
        reason = _unwritable(path, text, max_file_bytes)
        if reason is None and path.endswith(".py"):
            reason = python_problem(path, text, modules)
            if reason is not None:
                vetted.problems[path] = reason
        if reason is None and path not in known and room <= 0:
            reason = f"the app already has the most files it may have ({max_files})"
        if reason is not None:
            vetted.refused[path] = reason
            continue
        if path not in known:
            room -= 1
        vetted.accepted[path] = text
    return vetted


def clean_path(workspace: Path, raw: str) -> str | None:
    """The path as a relative POSIX path inside the workspace, or None if it is unsafe.

    Hidden names (`.git/hooks/…`, `.env`) are refused: a version never holds them, so a
    file there would run or ship unseen. So are names with characters that hide what
    they say: controls, and format characters such as a right-to-left override.
    """
    if "\\" in raw or ":" in raw or raw.startswith(("/", "~")) or _disguised(raw.strip()):
        return None
    parts = [p for p in PurePosixPath(raw.strip()).parts if p != "."]
    if not parts or ".." in parts or any(p.startswith(".") for p in parts):
        return None
    path = PurePosixPath(*parts).as_posix()
    try:
        confined(workspace, path)
    except UnsafePath:
        return None
    return path


def _disguised(name: str) -> bool:
    """Whether the name holds a character shown otherwise than it is (or not at all)."""
    return any(unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" for c in name)


def _unwritable(path: str, text: str, max_file_bytes: int) -> str | None:
    if _BINARY_NAME.search(path) or _CONTROL.search(text):
        return "not a text file"
    size = len(text.encode())
    if size > max_file_bytes:
        return f"{size} bytes, over the limit of {max_file_bytes}"
    return None


def python_problem(
    path: str, text: str, local: frozenset[str], *, deferred: bool = True
) -> str | None:
    """Why a Python file cannot be used: a syntax error or an import outside the stdlib.

    With `deferred`, imports inside functions may name modules the app does not have yet:
    an app written stage by stage imports tomorrow's modules where they are first used.
    """
    try:
        tree = ast.parse(text, filename=path)
        compile(tree, path, "exec")
    except (SyntaxError, ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        where = f" on line {line}" if line else ""
        return f"does not compile{where}: {getattr(error, 'msg', error)}"
    names = imported_modules(tree, at_import_only=deferred)
    outside = sorted(n for n in names if n not in sys.stdlib_module_names and n not in local)
    if outside:
        return (
            f"imports {', '.join(outside)}, which is neither in Python's standard library nor "
            "one of the app's own modules (only the standard library is available)"
        )
    return None


def imported_modules(tree: ast.AST, *, at_import_only: bool = False) -> set[str]:
    """Top-level names of the modules `tree` imports; with `at_import_only`, only those
    imported when the module itself is (function bodies left out)."""
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if at_import_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        names.update(_imports_in(node))
        stack.extend(ast.iter_child_nodes(node))
    return names


def _imports_in(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    if isinstance(node, ast.Call) and (module := _dynamic_import(node)):
        return [module.split(".")[0]]
    return []


def _dynamic_import(call: ast.Call) -> str | None:
    """The module an `__import__("x")` or `importlib.import_module("x")` call names."""
    func = call.func
    named = (isinstance(func, ast.Name) and func.id == "__import__") or (
        isinstance(func, ast.Attribute) and func.attr == "import_module"
    )
    first = call.args[0] if call.args else None
    if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def workspace_problems(workspace: Path) -> dict[str, str]:
    """Python files of the finished app that would fail: every import must now resolve."""
    paths = [p for p in list_workspace(workspace) if p.endswith(".py")]
    local = local_modules(paths)
    problems = {}
    for path in paths:
        text = read_text(workspace, path)
        problem = python_problem(path, text, local, deferred=False) if text is not None else None
        if problem is not None:
            problems[path] = problem
    return problems
