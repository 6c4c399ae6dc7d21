"""A kind named by the work the business does, said beside the records of that work: "can you
handle chimney sweeping? … each sweep with the date" keeps Sweeps, not Chimney sweepings.

The trade's word is the "-ing" form of a kind the plan keeps ("sweeping" of "sweep", "testing"
of "test", "hiring" of "hire"), always said as a trade, with what the work is done on in front
of it ("*chimney* sweeping", "*air tightness* testing"), and the founder never says it in the
plural, counts it ("every cleaning", "two cleanings" are cleanings kept) or gives it details of
its own ("the recording with a date and the engineer", "the booking of the hall" are things
kept, not the acts of records and books), so it names the work as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from livebuild.english.reading import Reading

_ING = "ing"
# The shortest "-ing" word whose stem may be a kind's ("ring" and "king" are not acts).
_SHORTEST = 6


def _stems(word: str) -> set[str]:
    """What an "-ing" word may be the act of: "testing" test, "hiring" hire, "cutting" cut."""
    stem = word[: -len(_ING)]
    found = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        found.add(stem[:-1])
    return found


def _counted(reading: Reading, head: str) -> bool:
    """Whether the founder says `head` as many: in the plural, after "each"/"every", or with
    a number."""
    return any(p.plural or p.each or p.number for p in reading.phrases if p.head == head)


def _as_trade(reading: Reading, head: str) -> bool:
    """Whether the founder says `head` only as a trade, with what the work is done on in front
    of it ("boiler servicing"), and never with details of its own ("the printing with the
    paper")."""
    said = [p for p in reading.phrases if p.head == head]
    detailed = any(p.attached == head for p in reading.phrases)
    return bool(said) and all(p.modifiers for p in said) and not detailed


def trade_acts(heads: Sequence[str], reading: Reading) -> set[str]:
    """Of the kinds chosen (`heads`, singular), those that name the business's work as a whole
    beside the kind of that work it keeps. One kind at least stays."""
    kept = set(heads)
    found = {
        h
        for h in heads
        if h.endswith(_ING)
        and len(h) >= _SHORTEST
        and _stems(h) & (kept - {h})
        and not _counted(reading, h)
        and _as_trade(reading, h)
    }
    return found if len(found) < len(heads) else set()
