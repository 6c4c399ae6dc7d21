"""Edits in a model's answer to a change request: the format, and applying them safely.

A change to an existing file is one or more SEARCH/REPLACE blocks under an edit line;
a new file is sent whole under a new line; plain `DONE:` and `CANNOT:` lines say, in
the founder's words, what was changed and what could not be:

    DONE: Added a notes field to walks.
    === edit: app.py ===
    <<<<<<< SEARCH
    lines copied exactly from the current file
    =======
    the lines that take their place
    >>>>>>> REPLACE
    === new: notes.py ===
    ```python
    ...
    ```

The answer is treated as hostile: every edit must name a file the app has, inside its
folder, and its SEARCH text must occur exactly once. Nothing is applied unless the whole
answer is sound, because edits to one file often rely on edits to another.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from livebuild.engine.runners._files import (
    clean_path,
    list_workspace,
    local_modules,
    parse_files,
    python_problem,
    read_text,
    render_files,
    vet_files,
)

MAX_EDITS = 100
MAX_REPLACE_BYTES = 64_000

_SECTION = re.compile(
    r"^\s*={2,}\s*(?P<kind>edit|new|path|file)\s*:\s*(?P<path>\S+?)\s*={2,}\s*$", re.IGNORECASE
)
_SEARCH = re.compile(r"^\s*<{5,}\s*SEARCH\s*$")
_DIVIDER = re.compile(r"^\s*={5,}\s*$")
_REPLACE = re.compile(r"^\s*>{5,}\s*REPLACE\s*$")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})[\w\-+.]*\s*$")
_SAYS = re.compile(r"^\s*(?:[-*]\s*)?\**(?P<kind>DONE|CANNOT)\**\s*:\s*(?P<text>.+?)\s*$")
_MAX_SAID = 10
_MAX_SAID_CHARS = 300


@dataclass(frozen=True)
class Edit:
    path: str
    search: str
    replace: str


@dataclass
class ParsedEdits:
    edits: list[Edit] = field(default_factory=list)
    new_files: dict[str, str] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    cannot: list[str] = field(default_factory=list)
    # Where the answer broke the format, by the path (or "(answer)") it concerns.
    malformed: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.edits and not self.new_files


@dataclass
class Applied:
    """The files an answer changes or adds (whole texts), or why it cannot be applied."""

    changed: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- the format


def render_edits(edits: list[Edit]) -> str:
    blocks = []
    for edit in edits:
        blocks.append(
            f"=== edit: {edit.path} ===\n<<<<<<< SEARCH\n{_line_end(edit.search)}=======\n"
            f"{_line_end(edit.replace)}>>>>>>> REPLACE\n"
        )
    return "".join(blocks)


def _line_end(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def parse_edits(answer: str) -> ParsedEdits:
    parsed = ParsedEdits()
    kind, path, body = "", "", list[str]()
    for line in answer.replace("\r\n", "\n").split("\n"):
        section = _SECTION.match(line)
        if section is not None:
            _read_section(parsed, kind, path, body)
            kind, path, body = section["kind"].lower(), section["path"], []
        elif kind:
            body.append(line)
        else:
            _note_said(parsed, line)
    _read_section(parsed, kind, path, body)
    return parsed


def _read_section(parsed: ParsedEdits, kind: str, path: str, body: list[str]) -> None:
    if kind == "edit":
        _read_blocks(parsed, path, body)
    elif kind:
        _read_new_file(parsed, path, body)


def _note_said(parsed: ParsedEdits, line: str) -> None:
    said = _SAYS.match(line)
    if said is None:
        return
    into = parsed.done if said["kind"] == "DONE" else parsed.cannot
    if len(into) < _MAX_SAID:
        into.append(said["text"][:_MAX_SAID_CHARS])


def _read_blocks(parsed: ParsedEdits, path: str, body: list[str]) -> None:
    """SEARCH/REPLACE blocks; fences and words around them are ignored."""
    part, search, replace = "", list[str](), list[str]()
    found = 0
    for line in body:
        if part == "" and _SEARCH.match(line):
            part, search, replace = "search", [], []
        elif part == "search" and _DIVIDER.match(line):
            part = "replace"
        elif part == "replace" and _REPLACE.match(line):
            parsed.edits.append(Edit(path, _joined(search), _joined(replace)))
            part, found = "", found + 1
        elif part == "search":
            search.append(line)
        elif part == "replace":
            replace.append(line)
        elif not _FENCE.match(line):
            _note_said(parsed, line)
    if part:
        parsed.malformed[path] = (
            "a SEARCH block has no `=======` line or no `>>>>>>> REPLACE` line after it "
            "(was the answer cut off?)"
        )
    elif not found:
        parsed.malformed[path] = "the edit line is followed by no SEARCH/REPLACE block"


def _joined(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def _read_new_file(parsed: ParsedEdits, path: str, body: list[str]) -> None:
    files = parse_files(f"=== path: {path} ===\n" + "\n".join(body))
    if path in files.incomplete:
        parsed.malformed[path] = "the answer stopped before this file ended"
    elif path in files.files:
        parsed.new_files[path] = files.files[path]
    else:
        parsed.malformed[path] = "the new file's line is followed by no fenced block"


# --------------------------------------------------------------------------- applying


def app_texts(workspace: Path) -> dict[str, str]:
    """The app's text files, which edits may change; the data the app wrote is not its own."""
    texts = {}
    for path in list_workspace(workspace):
        if path.split("/")[0] == "data":
            continue
        if (text := read_text(workspace, path)) is not None:
            texts[path] = text
    return texts


def apply_edits(
    workspace: Path,
    current: dict[str, str],
    parsed: ParsedEdits,
    *,
    max_files: int,
    max_file_bytes: int,
) -> Applied:
    """The files the answer changes, checked like any file a model writes; all or nothing."""
    applied = Applied(problems=dict(parsed.malformed))
    if len(parsed.edits) > MAX_EDITS:
        applied.problems["(answer)"] = f"{len(parsed.edits)} edits, more than {MAX_EDITS}"
        return applied
    texts = dict(current)
    for number, edit in enumerate(parsed.edits, start=1):
        reason = _apply_one(workspace, texts, edit, current)
        if reason is not None:
            applied.problems.setdefault(edit.path, f"edit {number}: {reason}")
    _take_new_files(workspace, current, parsed, texts, applied, max_files, max_file_bytes)
    changed = {path: text for path, text in texts.items() if current.get(path) != text}
    modules = local_modules(list(texts))
    for path, text in changed.items():
        size = len(text.encode())
        if size > max_file_bytes:
            applied.problems.setdefault(path, f"{size} bytes, over the limit of {max_file_bytes}")
        elif path.endswith(".py") and (
            problem := python_problem(path, text, modules, deferred=False)
        ):
            applied.problems.setdefault(path, f"after the edits, {path} {problem}")
    if parsed.empty and not parsed.cannot and not applied.problems:
        applied.problems["(answer)"] = (
            "the answer held no edits: change files with `=== edit: PATH ===` and "
            "SEARCH/REPLACE blocks, or say `CANNOT: ...` if the change can't be made"
        )
    if not applied.problems:
        applied.changed = changed
    return applied


def _apply_one(
    workspace: Path, texts: dict[str, str], edit: Edit, current: dict[str, str]
) -> str | None:
    path = clean_path(workspace, edit.path)
    if path is None or path != edit.path:
        return "the path leaves the app's folder" if path is None else f"write the path as {path}"
    if path not in texts:
        known = ", ".join(sorted(current)[:20])
        return f"the app has no such text file (its files: {known})"
    if len(edit.replace.encode()) > MAX_REPLACE_BYTES:
        return f"the REPLACE part is over {MAX_REPLACE_BYTES // 1000} KB; make smaller edits"
    text = texts[path]
    if not edit.search:
        if text:
            return "the SEARCH part is empty; copy the lines to change from the current file"
        texts[path] = edit.replace
        return None
    count = text.count(edit.search)
    if count == 0:
        return (
            "the SEARCH text was not found; copy the lines exactly as they are in the "
            "current file, spaces included"
        )
    if count > 1:
        return (
            f"the SEARCH text occurs {count} times; add lines around it so it matches "
            "exactly one place"
        )
    texts[path] = text.replace(edit.search, edit.replace, 1)
    return None


def _take_new_files(
    workspace: Path,
    current: dict[str, str],
    parsed: ParsedEdits,
    texts: dict[str, str],
    applied: Applied,
    max_files: int,
    max_file_bytes: int,
) -> None:
    fresh: dict[str, str] = {}
    for raw, text in parsed.new_files.items():
        path = clean_path(workspace, raw)
        if path is not None and path in current:
            applied.problems[path] = (
                f"{path} already exists: change it with SEARCH/REPLACE edits instead of "
                "sending the whole file"
            )
        else:
            fresh[raw] = text
    vetted = vet_files(
        workspace, fresh, list(current), max_files=max_files, max_file_bytes=max_file_bytes
    )
    applied.problems.update(vetted.refused)
    texts.update(vetted.accepted)


# --------------------------------------------------------------------------- writing edits


def edits_between(path: str, old: str, new: str) -> list[Edit]:
    """Edits that turn `old` into `new`, each matching one place, in the order to apply them:
    how the offline model answers a change request."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits, working = [], old
    for group in matcher.get_grouped_opcodes(3):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        edit = Edit(path, "".join(before[i1:i2]), "".join(after[j1:j2]))
        if not edit.search or working.count(edit.search) != 1:
            return [Edit(path, old, new)]
        working = working.replace(edit.search, edit.replace, 1)
        edits.append(edit)
    return edits if working == new else [Edit(path, old, new)]


def answer_with_edits(
    current: dict[str, str], target: dict[str, str], done: str, cannot: tuple[str, ...] = ()
) -> str:
    """An answer in the edit format that brings `current` to `target`; `cannot` is what it
    says when nothing needs to change."""
    edits = [
        edit
        for path, text in sorted(target.items())
        if path in current and current[path] != text
        for edit in edits_between(path, current[path], text)
    ]
    new = {path: text for path, text in sorted(target.items()) if path not in current}
    if not edits and not new:
        reasons = cannot or ("Nothing in the app had to change for this request.",)
        return "\n".join(f"CANNOT: {reason}" for reason in reasons)
    return "\n".join(
        part
        for part in (
            f"DONE: {done}",
            render_edits(edits),
            render_files(new).replace("=== path:", "=== new:"),
        )
        if part
    )
