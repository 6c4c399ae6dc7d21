"""The plan in the terminal: what a build will make, shown before it starts."""

from __future__ import annotations

import logging
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from livebuild.brief.english_layer import HOW_TO_ADD, MISSING
from livebuild.brief.schema import KIND_NAMES

# Who read the idea into the plan, as the founder is told.
READERS = {
    "rules": "the built-in planner (no model connected)",
    "local": "the local model",
    "model": "your model",
}


def quiet_english_log() -> None:
    """Keep the English layer's log lines (for whoever runs livebuild: they name its parts and
    paths) out of a founder's terminal; the plan says what they mean, in plain words."""
    for name in ("livebuild.english", "livebuild.brief.english_layer"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def _field(field: dict[str, Any]) -> str:
    kind = KIND_NAMES.get(field["kind"], field["kind"])
    if field["kind"] == "choice" and field.get("choices"):
        kind += ": " + " / ".join(field["choices"])
    return f"{field['label']} ({kind})"


def show_plan(brief: dict[str, Any], console: Console) -> None:
    """Print the brief as a founder reads it; every value goes in as plain text, never markup."""
    console.print(Text.assemble(("Here's what we'll build: ", "bold"), brief["product_name"]))
    for label, key in (("For", "target_users"), ("Problem", "problem")):
        if brief.get(key):
            console.print(Text.assemble((f"{label}: ", "dim"), brief[key]))
    reader = READERS.get(str(brief.get("reader", "")))
    if reader:
        console.print(Text.assemble(("Read by: ", "dim"), reader))
    if brief.get("english") is False:
        console.print(Text(f"{MISSING} {HOW_TO_ADD}", style="yellow"))
    table = Table(title="What it keeps track of", title_justify="left", show_lines=True)
    table.add_column("Thing")
    table.add_column("Fields (kind)")
    for entity in brief["entities"]:
        fields = "\n".join(_field(f) for f in entity["fields"])
        table.add_row(Text(entity["plural"]), Text(fields))
    console.print(table)
    if brief.get("features"):
        console.print(Text("Features", style="bold"))
        for feature in brief["features"]:
            console.print(Text(f"  • {feature}"))
