"""A founder's change request applied to the plan, without a model.

The request is read part by part into typed operations (`change_reader`), each part against
the plan as the parts before it left it, and each operation is checked and made
(`change_apply`). What can't be made is said plainly; what was read too unsure to make is
offered back as a suggestion to confirm, never applied as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from livebuild.brief.change_apply import apply_operation
from livebuild.brief.change_intents import Refused
from livebuild.brief.change_ops import Operation, Reading, Suggestion
from livebuild.brief.change_reader import read_part, split_parts
from livebuild.brief.model import Brief

SUGGESTION = (
    "Try one change per sentence, like \u201cadd a Harvests page with weight and date\u201d, "
    "\u201crename Customers to Clients\u201d, \u201cmake price a number\u201d or "
    "\u201cuse a dark theme\u201d."
)


@dataclass
class ChangeResult:
    brief: Brief
    made: list[str] = field(default_factory=list)
    unmade: list[str] = field(default_factory=list)
    # Readings we were unsure of, each with the request that would make it.
    suggestions: list[Suggestion] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)

    @property
    def suggestion(self) -> str | None:
        return SUGGESTION if self.unmade else None

    def notes(self) -> dict[str, object]:
        """What the change did, as a version's `change_result` says it."""
        return {
            "made": list(self.made),
            "unmade": list(self.unmade),
            "suggestion": self.suggestion,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


def split_clauses(request: str) -> list[str]:
    return split_parts(request)


def apply_change(brief: Brief, request: str) -> ChangeResult:
    """The plan with every understood part of `request` made, and what was not."""
    result = ChangeResult(brief)
    for part in split_parts(request):
        reading = Reading()
        read_part(result.brief, part, reading)
        result.unmade.extend(reading.not_understood)
        for operation in reading.operations:
            try:
                result.brief, said = apply_operation(result.brief, operation)
            except Refused as refusal:
                result.unmade.append(str(refusal))
                continue
            result.made.append(said)
            result.operations.append(operation)
        for suggestion in reading.suggestions:
            result.suggestions.append(suggestion)
            # A refusal that already names the closest thing to ask for says it once.
            if not any(suggestion.change_request in line for line in result.unmade):
                result.unmade.append(suggestion.text)
    return result
