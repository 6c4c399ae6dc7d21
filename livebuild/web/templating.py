"""The one set of page templates, with the filters they share."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates


def duration(seconds: float) -> str:
    """Like the page's script: "4.2s", "45s", "3m 5s", "1h 2m"."""
    if seconds < 10:
        return f"{max(0.0, seconds):.1f}s"
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if minutes >= 60:
        return f"{minutes // 60}h {minutes % 60}m"
    return f"{minutes}m {rest}s" if minutes else f"{rest}s"


templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["duration"] = duration
