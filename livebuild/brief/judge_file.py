"""The weights file both learned judges ship (`kind_judge.json`, `plain_judge.json`): read
from disk, its standardising rows and weights written and checked the same way. Each judge
adds and checks its own thresholds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

FORMAT = 1


def read(path: Path, error: type[Exception]) -> dict[str, Any]:
    """The weights file's JSON; `error` when it can't be read."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise error(f"{path.name} can't be read: {err}") from err
    return data


def rows_json(mean: np.ndarray, scale: np.ndarray, weights: np.ndarray) -> dict[str, Any]:
    """The three rows as the file keeps them (six decimals)."""
    return {
        name: [round(float(v), 6) for v in row]
        for name, row in (("mean", mean), ("scale", scale), ("weights", weights))
    }


def rows(
    data: dict[str, Any],
    error: type[Exception],
    width: int | None,
    said: str = "weights format",
    format: int = FORMAT,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, scale, weights) from a file's JSON, checked: the format this code reads
    (`format`), three rows of one length (`width` when given), finite, every scale positive."""
    import numpy as np

    if data.get("format") != format:
        raise error(f"{said} {data.get('format')!r}, this code reads {format}")
    mean, scale, weights = (
        np.array(data[k], dtype=np.float64) for k in ("mean", "scale", "weights")
    )
    want = (width,) if width is not None else mean.shape
    if len(want) != 1 or not want[0] or any(a.shape != want for a in (mean, scale, weights)):
        raise error(
            f"mean, scale and weights are not {width} numbers each"
            if width is not None
            else "mean, scale and weights are not one row each of the same length"
        )
    if not all(np.isfinite(a).all() for a in (mean, scale, weights)) or (scale <= 0).any():
        raise error("weights are not all finite, or a scale is not positive")
    return mean, scale, weights
