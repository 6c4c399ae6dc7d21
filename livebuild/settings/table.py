"""The settings table of docs/operations.md, generated from the settings themselves."""

from __future__ import annotations

import enum
from typing import Any

from livebuild.settings.joined import ENV_PREFIX, Settings


def settings_table() -> list[dict[str, Any]]:
    """One row per setting: the environment variable, its default and what it does."""
    rows = []
    for name, field in Settings.model_fields.items():
        if field.default_factory is not None:
            default = "user data dir / livebuild" if name == "data_dir" else "(computed)"
        else:
            default = field.default
        if isinstance(default, enum.Enum):
            default = default.value
        rows.append(
            {
                "env": f"{ENV_PREFIX}{name.upper()}",
                "default": ""
                if default is None
                else str(default).lower()
                if isinstance(default, bool)
                else str(default),
                "description": field.description or "",
            }
        )
    return rows


def settings_markdown() -> str:
    lines = ["| Variable | Default | What it does |", "|---|---|---|"]
    for row in settings_table():
        default = f"`{row['default']}`" if row["default"] else ""
        lines.append(f"| `{row['env']}` | {default} | {row['description']} |")
    return "\n".join(lines)
