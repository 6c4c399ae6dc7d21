"""The plan before a build, in a terminal: build it, edit it in $EDITOR, change it in
words, or stop there (the plan stays as a draft)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import click
import httpx
from rich.console import Console
from rich.text import Text

from livebuild.brief import Brief
from livebuild.brief.changes import apply_change
from livebuild.cli.plan_view import show_plan

QUESTION = "Build it (b), edit the plan in your editor (e), change it in words (c), or quit (q)?"
CHOICES = ("b", "e", "c", "q")


def editable(brief: dict[str, Any]) -> str:
    # The idea is the founder's own words, not part of the plan to edit.
    return json.dumps({k: v for k, v in brief.items() if k != "idea"}, indent=2, ensure_ascii=False)


async def review(client: httpx.AsyncClient, project: dict[str, Any], console: Console) -> bool:
    """Ask until the founder builds (True) or quits (False); every correction is saved."""
    draft: str | None = None
    while True:
        show_plan(project["brief"], console)
        choice = await asyncio.to_thread(
            click.prompt,
            QUESTION,
            type=click.Choice(CHOICES, case_sensitive=False),
            default="b",
            show_choices=False,
        )
        if choice == "b":
            return True
        if choice == "q":
            console.print(
                "Your plan is kept as a draft: `livebuild projects` lists it.", highlight=False
            )
            return False
        if choice == "e":
            project, draft = await _edit(client, project, console, draft)
        else:
            project = await _in_words(client, project, console)


async def _edit(
    client: httpx.AsyncClient, project: dict[str, Any], console: Console, draft: str | None
) -> tuple[dict[str, Any], str | None]:
    """Returns the project (changed when the edit was saved) and the text to edit next time."""
    text = draft or editable(project["brief"])
    edited = await asyncio.to_thread(click.edit, text, extension=".json", require_save=True)
    if edited is None or edited.strip() == text.strip():
        console.print("No changes to the plan.")
        return project, None
    try:
        plan = json.loads(edited)
    except json.JSONDecodeError as error:
        console.print(
            f"That isn't valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg.lower()}); choose e to fix it.",
            style="red",
            markup=False,
        )
        return project, edited
    if not isinstance(plan, dict):
        console.print("The plan should be one JSON object; choose e to fix it.", style="red")
        return project, edited
    answer = await client.patch(f"/api/projects/{project['id']}", json={"brief": plan})
    if answer.status_code != 200:
        console.print(
            f"That plan can't be built: {answer.json()['detail']} Choose e to fix it.",
            style="red",
            markup=False,
        )
        return project, edited
    console.print("Plan saved.", style="green")
    return answer.json(), None


async def _in_words(
    client: httpx.AsyncClient, project: dict[str, Any], console: Console
) -> dict[str, Any]:
    request = (await asyncio.to_thread(click.prompt, "What should be different?")).strip()
    if not request:
        return project
    answer = await client.post(
        f"/api/projects/{project['id']}/plan-change", json={"change_request": request}
    )
    if answer.status_code in (404, 405):
        # A livebuild without the change reader's endpoint: the same rules, applied here.
        result = apply_change(Brief.from_dict(project["brief"]), request)
        changed = {"made": result.made, "unmade": result.unmade}
        if result.made:
            answer = await client.patch(
                f"/api/projects/{project['id']}", json={"brief": result.brief.to_dict()}
            )
            if answer.status_code != 200:
                console.print(answer.json()["detail"], style="red", markup=False)
                return project
            project = answer.json()
    elif answer.status_code != 200:
        console.print(answer.json()["detail"], style="red", markup=False)
        return project
    else:
        project = answer.json()
        changed = project.get("change_result") or {}
    for line in changed.get("made") or []:
        console.print(Text.assemble(("Changed: ", "green"), str(line)))
    for line in changed.get("unmade") or []:
        console.print(Text.assemble(("Not changed: ", "yellow"), str(line)))
    return project
