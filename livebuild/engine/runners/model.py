"""The model runner: the configured model writes the app, stage by stage, and fixes it when
its smoke test fails."""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections import OrderedDict
from pathlib import Path

from livebuild.appgen import BUILD_STAGES
from livebuild.brief import Brief, Field
from livebuild.core.stages import Stage
from livebuild.engine.runners._edits import app_texts, apply_edits, parse_edits
from livebuild.engine.runners._files import (
    ParsedAnswer,
    Vetted,
    fenced,
    list_workspace,
    parse_files,
    read_text,
    render_files,
    vet_files,
    workspace_problems,
)
from livebuild.engine.runners.base import (
    MAX_FILE_BYTES,
    MAX_FILES,
    ChangeNotMade,
    Runner,
    RunnerError,
    StageOutput,
    StageRequest,
)
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task
from livebuild.safety.redact import redact_log, redact_secrets

DEFAULT_MAX_TOKENS = 16_000
DEFAULT_CONTEXT_BYTES = 96_000
# Problems are remembered for the next stage's prompt of the same workspace; this bounds
# what builds that end mid-way leave behind.
_REMEMBERED_WORKSPACES = 256
_FAILURE_CHARS = 4000

_SYSTEM_PROMPT = """\
You are the engineer writing a founder's web app, one stage at a time. Whatever files you \
send are written straight into the app's folder and the app is restarted, so answer with \
files.

The stack. Files that break these rules are refused:
- Python 3.11 and its standard library only: no pip packages (no Flask, Django, FastAPI, \
Jinja, requests, SQLAlchemy). Use http.server (ThreadingHTTPServer), sqlite3, html, \
urllib.parse, json.
- app.py is the entry point, started from the app's folder as `python -I app.py`. Isolated \
mode leaves the app's folder off sys.path: if app.py imports modules of its own, it first \
runs `sys.path.insert(0, str(Path(__file__).resolve().parent))`.
- Listen on the HOST (default 127.0.0.1) and PORT (default 8000) environment variables.
- APP_BASE_PATH (default empty, for example /preview/abc123) is the public URL prefix. Put it \
in front of every link, form action, redirect Location and stylesheet URL. Requests arrive \
with or without it: strip it from the request path when present.
- APP_DATA_DIR (default ./data) is the only writable folder. Keep the SQLite database there: \
create the folder and tables on start, and insert the seed rows on first start only.
- The data folder may hold an older version's records: on every start, upgrade the schema \
by adding missing tables and columns (ALTER TABLE ADD COLUMN); never drop, empty or \
rename one. Seed a table only if it has never had rows.
- Every record can be edited (the add form, filled in) and deleted after a question.
- GET /healthz answers 200 with a short plain-text body.
- Every page is a complete HTML document with a <title> and <body data-ready="true">.
- No external assets: no CDNs, web fonts, remote images or scripts. Serve the CSS yourself.
- Escape everything users typed with html.escape; use parameterised SQL.
- Forms POST; on success redirect with 303; on invalid input show the form again with a \
clear message, status 400, and what was typed kept.
- tests/smoke.py, run as `python -I tests/smoke.py BASE_URL` (BASE_URL is the app's root, \
for example http://127.0.0.1:8000, without the prefix), uses only the standard library, \
checks that the pages answer and that the add form saves a record that then shows up, \
prints one line to stderr per failed check, and exits 0 only when every check passes.
- Use the product's own name, colours and words for its users. Never mention these \
instructions on a page.

"""

_FILES_ANSWER = """\
How to answer:
- For each file you add or change: a line `=== path: RELATIVE/PATH ===`, then a fenced code \
block holding the whole file. Send changed files whole; files you leave out stay as they \
are, so never send a partial file.
- Paths are relative to the app's folder, with forward slashes, and stay inside it. At most \
{max_files} files in all, each under {max_kb} KB, text only.
- If a file itself contains ``` lines (a README), fence it with ```` instead.
- No prose is needed; at most one short line before the files.

Example:
=== path: app.py ===
```python
import os
...
```
"""


_EDITS_ANSWER = """\
How to answer: the app works and the founder asked for a change. Change only what the \
change needs, with edits against the current files; never send an existing file whole.
- First, one line per part of the change you made: `DONE: ` and what changed, in plain \
words for the founder (`DONE: Walks now have a notes field.`). For a part you cannot make \
within the rules above, a line `CANNOT: ` and why, in plain words. If nothing of the change \
can be made, answer with CANNOT lines only.
- To change a file: a line `=== edit: RELATIVE/PATH ===`, then one or more blocks of this \
shape, each marker on a line of its own:
<<<<<<< SEARCH
lines copied from the current file
=======
the lines that take their place
>>>>>>> REPLACE
- The SEARCH lines must match the current file exactly, spaces included, and match one \
place only: take a few unchanged lines around the change along. Blocks apply in order, \
each to the file as the blocks before it left it. Keep each block small.
- To add a file: a line `=== new: RELATIVE/PATH ===`, then a fenced code block holding the \
whole file.
- Paths are relative to the app's folder, with forward slashes, and stay inside it. At most \
{max_files} files in all, each under {max_kb} KB, text only.
- If one edit can't be applied, none is, and you are told why.

Example:
DONE: The walks list shows the newest walk first.
=== edit: app.py ===
<<<<<<< SEARCH
    rows = conn.execute("SELECT title FROM walks")
=======
    rows = conn.execute("SELECT title FROM walks ORDER BY rowid DESC")
>>>>>>> REPLACE
"""


def system_prompt(max_files: int = MAX_FILES, max_file_bytes: int = MAX_FILE_BYTES) -> str:
    return (_SYSTEM_PROMPT + _FILES_ANSWER).format(
        max_files=max_files, max_kb=max_file_bytes // 1000
    )


def edit_system_prompt(max_files: int = MAX_FILES, max_file_bytes: int = MAX_FILE_BYTES) -> str:
    """The rules of the app, and how to answer a change request with edits."""
    return (_SYSTEM_PROMPT + _EDITS_ANSWER).format(
        max_files=max_files, max_kb=max_file_bytes // 1000
    )


_STAGE_GOALS: dict[Stage, str] = {
    Stage.SCAFFOLD: (
        "Lay the foundations. Write app.py serving the landing page at / with the product's "
        "name, tagline, who it is for, the problem it solves and its features; navigation "
        "to the pages to come; GET /healthz; a stylesheet in the theme's colours and font "
        "served by the app; and a friendly 404 page. No data yet."
    ),
    Stage.CODE: (
        "Build the main features. For each entity in the brief: a page at /<slug> listing "
        "its records from SQLite (seeded with the seed rows on first start), a page per "
        "record, and an add form at /<slug>/new that validates each field by its kind, "
        "saves with POST, redirects (303) to the list and shows the new record there. Link "
        "every entity from the navigation."
    ),
    Stage.DEPS: (
        "Add the finishing pieces: a dashboard at /dashboard with a count per entity and the "
        "latest records, and a search at /search?q= across every entity's text fields. Link "
        "both from the navigation."
    ),
    Stage.CHECKS: (
        "Add tests/smoke.py as described in the rules: it checks /healthz, the landing page, "
        "every entity's list page (showing a seed row), and that the first entity's add form "
        "saves a new record which then appears in the list. Add a short README.md on running "
        "the app. Polish anything rough you notice, keeping every page working."
    ),
}

_FIX_GOAL = (
    "The app's smoke test (tests/smoke.py) failed; its output is below. Find the cause and "
    "fix the app so that every check passes. Change the smoke test only where the test "
    "itself is wrong. Send every file you change, whole."
)

_EDIT_REPAIR = (
    "None of your edits were applied, because of these problems:\n{problems}\n"
    "Answer again in full, with every edit and new file the change needs, against the "
    "current files shown before. Say `CANNOT: ...` if the change can't be made."
)

_REPAIR = (
    "These files are broken or were refused, so the app cannot use them:\n{problems}\n"
    "Send corrected versions of these files, whole, in the same format. Only the Python "
    "standard library and the app's own modules can be imported."
)


class ModelRunner(Runner):
    name = "model"
    reads_requests = True

    def __init__(
        self,
        model: ModelProvider,
        *,
        timeout_s: float,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        context_bytes: int = DEFAULT_CONTEXT_BYTES,
        repair_rounds: int = 1,
        max_files: int = MAX_FILES,
        max_file_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.model = model
        self.timeout_s = timeout_s
        self.max_tokens = max_tokens
        self.context_bytes = context_bytes
        self.repair_rounds = repair_rounds
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.system = system_prompt(max_files, max_file_bytes)
        self.edit_system = edit_system_prompt(max_files, max_file_bytes)
        self._unresolved: OrderedDict[Path, dict[str, str]] = OrderedDict()

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage not in BUILD_STAGES:
            return StageOutput()
        if request.iterating:
            # A change is made in one answer of edits at `code`; failed checks come back
            # there too, so the fix is an edit of the changed app as well.
            return await self._change(request) if request.stage is Stage.CODE else StageOutput()
        if request.failure is not None and request.stage is not Stage.SCAFFOLD:
            # On a retry the whole app is fixed at scaffold; the later stages keep that fix.
            return StageOutput(notes=["kept the app as the fix left it"])
        fixing = request.failure is not None
        unresolved = self._unresolved.pop(request.workspace, {})
        prompt = await asyncio.to_thread(self._prompt, request, unresolved)
        task = Task(
            "app",
            request.brief.to_dict(),
            {
                # A fix brings the whole app to where checks left it.
                "stage": (Stage.CHECKS if fixing else request.stage).value,
                "attempt": request.attempt,
                "fix": fixing,
            },
        )
        # From the last stage on, the app is whole: every import must resolve.
        final = fixing or request.stage is Stage.CHECKS
        return await self._converse(request.workspace, prompt, task, final=final)

    async def _converse(
        self, workspace: Path, prompt: str, task: Task, *, final: bool
    ) -> StageOutput:
        """Ask, write what passes the checks, and ask again about files that broke the app."""
        output = StageOutput()
        messages = [Message("user", prompt)]
        unresolved: dict[str, str] = {}
        for round_ in range(self.repair_rounds + 1):
            answer, tokens = await self._ask(messages, task)
            output.tokens += tokens
            output.notes.append(
                f"asked the model{' to correct refused files' if round_ else ''}: {tokens} tokens"
            )
            vetted, problems = await self._take(workspace, answer, output, final=final)
            unresolved = {
                path: reason
                for path, reason in (unresolved | vetted.refused).items()
                if path not in vetted.accepted
            }
            if not problems:
                break
            messages += [
                Message("assistant", answer),
                Message("user", _REPAIR.format(problems=_bullets(problems))),
            ]
        else:
            unresolved |= problems
            output.notes.append("still broken after asking again:\n" + _bullets(problems))
        self._remember(workspace, unresolved)
        return output

    async def _change(self, request: StageRequest) -> StageOutput:
        """Ask for edits to the current files; apply them only when every one of them fits."""
        workspace = request.workspace
        current = await asyncio.to_thread(app_texts, workspace)
        prompt = await asyncio.to_thread(self._change_prompt, request)
        fixing = request.failure is not None
        task = Task(
            "app",
            request.brief.to_dict(),
            {
                "stage": Stage.CODE.value,
                "attempt": request.attempt,
                "fix": fixing,
                "edit": True,
                "files": current,
                "change_request": request.change_request or "",
                "previous_brief": (
                    request.previous_brief.to_dict() if request.previous_brief else None
                ),
            },
        )
        output = StageOutput()
        messages = [Message("user", prompt)]
        problems: dict[str, str] = {}
        for round_ in range(self.repair_rounds + 1):
            answer, tokens = await self._ask(messages, task, self.edit_system)
            output.tokens += tokens
            output.notes.append(
                f"asked the model for edits{' again' if round_ else ''}: {tokens} tokens"
            )
            parsed = parse_edits(answer)
            applied = await asyncio.to_thread(
                apply_edits,
                workspace,
                current,
                parsed,
                max_files=self.max_files,
                max_file_bytes=self.max_file_bytes,
            )
            problems = applied.problems
            if not problems and not applied.changed:
                output.notes.append("the model's answer changed no file")
                raise ChangeNotMade(parsed.cannot, "\n".join(output.notes))
            if not problems:
                written = await self._write(workspace, applied.changed)
                output.files_written = written
                output.notes.append(
                    f"applied {len(parsed.edits)} edit(s) and {len(parsed.new_files)} new "
                    f"file(s); changed {', '.join(written) or 'nothing'}"
                )
                output.change_made = parsed.done
                output.change_unmade = parsed.cannot
                return output
            output.notes.append("refused the edits:\n" + _bullets(problems))
            messages += [
                Message("assistant", answer),
                Message("user", _EDIT_REPAIR.format(problems=_bullets(problems))),
            ]
        output.notes.append(
            f"the model's edits could not be applied after {self.repair_rounds + 1} answers"
        )
        raise ChangeNotMade([], "\n".join(output.notes))

    async def _take(
        self, workspace: Path, answer: str, output: StageOutput, *, final: bool
    ) -> tuple[Vetted, dict[str, str]]:
        """Write the answer's acceptable files; return the vetting and what leaves the app
        broken."""
        parsed = parse_files(answer)
        vetted = await asyncio.to_thread(self._vet, workspace, parsed)
        written = await self._write(workspace, vetted.accepted)
        output.files_written.extend(p for p in written if p not in output.files_written)
        if written:
            output.notes.append(f"wrote {len(written)} file(s): {', '.join(written)}")
        output.notes.extend(f"refused {path}: {reason}" for path, reason in vetted.refused.items())
        problems = vetted.problems | _answer_problems(parsed)
        if final:
            problems |= await asyncio.to_thread(workspace_problems, workspace)
        return vetted, problems

    async def _ask(
        self, messages: list[Message], task: Task, system: str | None = None
    ) -> tuple[str, int]:
        try:
            async with asyncio.timeout(self.timeout_s):
                completion = await self.model.complete(
                    system or self.system, messages, task, max_tokens=self.max_tokens
                )
        except TimeoutError as error:
            raise RunnerError(
                f"the model gave no complete answer within {self.timeout_s:g}s"
            ) from error
        except ProviderError as error:
            raise RunnerError(f"the model could not write the app: {error}") from error
        return completion.text, completion.usage.total

    def _vet(self, workspace: Path, parsed: ParsedAnswer) -> Vetted:
        return vet_files(
            workspace,
            parsed.files,
            list(list_workspace(workspace)),
            max_files=self.max_files,
            max_file_bytes=self.max_file_bytes,
        )

    def _remember(self, workspace: Path, unresolved: dict[str, str]) -> None:
        if unresolved:
            self._unresolved[workspace] = unresolved
            while len(self._unresolved) > _REMEMBERED_WORKSPACES:
                self._unresolved.popitem(last=False)

    def _prompt(self, request: StageRequest, unresolved: dict[str, str]) -> str:
        sections = [
            "## The product\n" + describe_brief(request.brief),
            "## The app so far\n" + self._current_files(request.workspace),
        ]
        if request.change_request:
            sections.append("## The founder's change request\n" + request.change_request.strip())
        if unresolved:
            sections.append(
                "## Refused from your last answer\nThese files were not written:\n"
                + _bullets(unresolved)
            )
        if request.failure is not None:
            failure = safe_failure(request.failure, request.workspace)
            sections.append(f"## What to do now\n{_FIX_GOAL}\n\n{fenced(failure, 'text')}")
        else:
            sections.append(f"## What to do now (stage: {request.stage})\n")
            sections[-1] += _STAGE_GOALS[request.stage]
        return "\n\n".join(sections)

    def _change_prompt(self, request: StageRequest) -> str:
        sections = [
            "## The product\n" + describe_brief(request.brief),
            "## The app's current files\n" + self._current_files(request.workspace),
            "## The founder's change request\n"
            + redact_secrets((request.change_request or "").strip()),
        ]
        if request.failure is not None:
            failure = safe_failure(request.failure, request.workspace)
            sections.append(
                "## The app's smoke test failed after your edits\n"
                "Its output is below. Fix the app with edits against the current files above; "
                "change the smoke test only where it is wrong.\n" + fenced(failure)
            )
        return "\n\n".join(sections)

    def _current_files(self, workspace: Path) -> str:
        listing = list_workspace(workspace)
        if not listing:
            return "The app's folder is empty: this is the first stage."
        included: dict[str, str] = {}
        budget = self.context_bytes
        for path in sorted(listing, key=_reading_order):
            text = read_text(workspace, path) if listing[path] <= budget else None
            if text is not None and len(text.encode()) <= budget:
                included[path] = text
                budget -= len(text.encode())
        lines = [
            f"- {path} ({size} bytes){'' if path in included else ', contents left out'}"
            for path, size in listing.items()
        ]
        return "Files:\n" + "\n".join(lines) + "\n\n" + render_files(included)


def describe_brief(brief: Brief) -> str:
    theme = brief.theme
    lines = [
        f"Name: {brief.product_name}",
        f"Tagline: {brief.tagline}",
        f"The founder's idea: {brief.idea}",
        f"Its users: {brief.target_users}",
        f"The problem it solves: {brief.problem}",
        "Features:",
        *(f"- {feature}" for feature in brief.features),
        f"Theme: primary {theme.primary}, accent {theme.accent}, background "
        f"{theme.background}, text {theme.text}, font {theme.font}",
        "Entities (field kinds: text, longtext, number, money, date, choice, email):",
    ]
    for entity in brief.entities:
        lines += [
            f"- {entity.plural} (one is a {entity.singular}), pages at /{entity.slug}",
            "  fields: " + "; ".join(_describe_field(f) for f in entity.fields),
            "  seed rows:",
            *(f"  {json.dumps(row, ensure_ascii=False)}" for row in entity.seed),
        ]
    return "\n".join(lines)


def _describe_field(field: Field) -> str:
    choices = f" [{', '.join(field.choices)}]" if field.choices else ""
    return f'{field.name} "{field.label}" {field.kind}{choices}'


_PATH = re.compile(r"(?<![\w.:/<>])/[\w.\-]+(?:/[\w.\-]*)*")


def safe_failure(failure: str, workspace: Path) -> str:
    """The smoke test's output without secrets or the host's paths, fit for a prompt."""
    text = redact_log(failure[-_FAILURE_CHARS:], (str(workspace), str(workspace.parent)))
    return _PATH.sub(_hide_host_path, text)


def _hide_host_path(match: re.Match[str]) -> str:
    # A URL path such as /clients/new is useful to the model; a path under one of the host's
    # own top-level folders (/home, /usr, /tmp...) only tells it about the host.
    path = match.group(0)
    return "<path>" if _host_folder(path.split("/")[1]) else path


@functools.lru_cache(maxsize=256)
def _host_folder(name: str) -> bool:
    return bool(name) and Path("/", name).is_dir()


def _reading_order(path: str) -> tuple[bool, bool, str]:
    return (path != "app.py", not path.endswith(".py"), path)


def _answer_problems(parsed: ParsedAnswer) -> dict[str, str]:
    problems = {path: "the answer stopped before this file ended" for path in parsed.incomplete}
    if not parsed.files and not parsed.incomplete:
        problems["(no files)"] = "the answer held no files in the `=== path: ... ===` format"
    return problems


def _bullets(reasons: dict[str, str]) -> str:
    return "\n".join(f"- {path}: {reason}" for path, reason in reasons.items())
