"""A learned judge of which op a change request asks for, for the change reader without a model.

The rules read a request by trying readers in turn, each for its own phrasings; the first that
reads something wins, so a wish read by the wrong reader ("Birds: could we record the colour as
well" as a new colour) or a can't-do no phrasing covers ("could clients tap their card to pay")
is answered wrongly however many phrasings are added. This judge reads every request the same
way: a softmax regression over what its grammar says (`change_op_features.grammar`: the main
verb's class, what its object names in the plan, the cues of each op and of each thing no app
we build does) and its WordLlama vector with the plan's own names masked (so "rename Dogs to
Pets" and "rename Plots to Beds" read alike). It chooses the op's class only; the rules fill in
the op's arguments, resolved against the plan's names (`changes.apply_change`).

Trained by `bench/train_changes.py` on the spent rounds 3-14 and `bench/own_ops_s18.toml`, and
shipped as `change_op_judge.json` beside this file with the thresholds it is trusted above.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from livebuild.brief.change_op_features import WIDTH, grammar
from livebuild.brief.model import Brief
from livebuild.english import embeddings

if TYPE_CHECKING:
    import numpy as np

WEIGHTS = Path(__file__).with_name("change_op_judge.json")
FORMAT = 1
# The ops a request may ask for: the classes of the held-out rounds' `expect.op`.
OPS = (
    "add_field", "remove_field", "rename_field", "set_kind", "rename_entity", "add_entity",
    "add_choices", "set_colour", "set_theme", "rename_app", "set_tagline", "reorder", "cannot",
)  # fmt: skip
_MAX_CHARS = 400


class OpJudgeError(RuntimeError):
    """The judge's weights file is missing or not what this code reads."""


def masked(brief: Brief, request: str) -> str:
    """`request` with the plan's own names said as what they are: a record kind as "records",
    a field as "detail", an option as "option", the app's name as "name"."""
    text = request[:_MAX_CHARS].lower()
    said = [
        *((e.plural, "records") for e in brief.entities),
        *((e.singular, "records") for e in brief.entities),
        *((f.label, "detail") for e in brief.entities for f in e.fields),
        *((c, "option") for e in brief.entities for f in e.fields for c in f.choices),
        (brief.product_name, "name"),
    ]
    for name, what in sorted(said, key=lambda pair: -len(pair[0])):
        if len(name) > 1:
            text = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", what, text)
    return text


def features(brief: Brief, request: str) -> np.ndarray:
    """One row: the grammar's numbers, then the masked request's WordLlama vector, unit length."""
    import numpy as np

    vector = embeddings.embed([masked(brief, request)])[0].astype(np.float64)
    unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
    return np.concatenate([np.array(grammar(brief, request), dtype=np.float64), unit])


def width() -> int:
    return WIDTH + embeddings.width()


@dataclass(frozen=True)
class Verdict:
    op: str  # the likeliest op
    sure: float  # how likely, 0 to 1
    likelihood: dict[str, float]


@dataclass(frozen=True)
class OpJudge:
    """A trained softmax regression: features centred by `mean` and scaled by `scale`."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # one column per op of `OPS`
    bias: np.ndarray
    # Above this a "can't" is said for a request the rules read as nothing.
    cannot: float
    # Above this the judge overrules an op the rules read as another.
    overrule: float
    # Above this a "can't" is said for a request the rules made a change of.
    overrule_cannot: float = 1.0
    # The most likely the rules' own op may be for the judge to overrule it.
    doubt: float = 0.05

    def verdict(self, row: np.ndarray) -> Verdict:
        import numpy as np

        if row.shape != (self.weights.shape[0],):
            raise OpJudgeError(f"{row.shape[0]} features, weights for {self.weights.shape[0]}")
        z = ((row - self.mean) / self.scale) @ self.weights + self.bias
        p = np.exp(z - z.max())
        p /= p.sum()
        best = int(np.argmax(p))
        return Verdict(
            OPS[best], float(p[best]), {op: float(v) for op, v in zip(OPS, p, strict=True)}
        )

    def to_json(self, about: dict[str, Any]) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "about": about,
            "ops": list(OPS),
            "cannot": self.cannot,
            "overrule": self.overrule,
            "overrule_cannot": self.overrule_cannot,
            "doubt": self.doubt,
            "bias": [round(float(v), 6) for v in self.bias],
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [[round(float(v), 6) for v in row] for row in self.weights],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpJudge:
        import numpy as np

        if data.get("format") != FORMAT or tuple(data.get("ops", ())) != OPS:
            raise OpJudgeError(f"format {data.get('format')!r} or ops not what this code reads")
        mean, scale = (np.array(data[k], dtype=np.float64) for k in ("mean", "scale"))
        weights = np.array(data["weights"], dtype=np.float64)
        bias = np.array(data["bias"], dtype=np.float64)
        n = width()
        if mean.shape != (n,) or scale.shape != (n,) or weights.shape != (n, len(OPS)):
            raise OpJudgeError(f"mean, scale and weights are not for {n} features")
        if bias.shape != (len(OPS),) or (scale <= 0).any():
            raise OpJudgeError("bias is not one per op, or a scale is not positive")
        if not all(np.isfinite(a).all() for a in (mean, scale, weights, bias)):
            raise OpJudgeError("weights are not all finite")
        bars = [float(data[k]) for k in ("cannot", "overrule", "overrule_cannot", "doubt")]
        if not all(0.0 < bar <= 1.0 for bar in bars) or any(math.isnan(bar) for bar in bars):
            raise OpJudgeError(f"thresholds {bars} are not in (0, 1]")
        return cls(mean, scale, weights, bias, *bars)


@functools.cache
def shipped() -> OpJudge:
    """The judge shipped with livebuild (read and checked once a process)."""
    try:
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise OpJudgeError(f"{WEIGHTS.name} can't be read: {err}") from err
    return OpJudge.from_json(data)


def judged(brief: Brief, request: str) -> Verdict:
    """The shipped judge's verdict on `request` against `brief`."""
    return shipped().verdict(features(brief, request))
