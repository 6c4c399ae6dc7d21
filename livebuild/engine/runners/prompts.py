"""What the model runner tells the model: the app's rules, each stage's goal, the product
(the brief in words), and a failed smoke test's output with the host's details taken out."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from livebuild.brief import Brief, Field
from livebuild.core.stages import Stage
from livebuild.engine.runners.base import MAX_FILE_BYTES, MAX_FILES
from livebuild.safety.redact import redact_log

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


STAGE_GOALS: dict[Stage, str] = {
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

FIX_GOAL = (
    "The app's smoke test (tests/smoke.py) failed; its output is below. Find the cause and "
    "fix the app so that every check passes. Change the smoke test only where the test "
    "itself is wrong. Send every file you change, whole."
)

EDIT_REPAIR = (
    "None of your edits were applied, because of these problems:\n{problems}\n"
    "Answer again in full, with every edit and new file the change needs, against the "
    "current files shown before. Say `CANNOT: ...` if the change can't be made."
)

REPAIR = (
    "These files are broken or were refused, so the app cannot use them:\n{problems}\n"
    "Send corrected versions of these files, whole, in the same format. Only the Python "
    "standard library and the app's own modules can be imported."
)


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


def bullets(reasons: dict[str, str]) -> str:
    return "\n".join(f"- {path}: {reason}" for path, reason in reasons.items())
