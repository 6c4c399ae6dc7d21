"""A noun said once in brackets as another record's detail and again plainly as a record is a
record: "the commissions (client, size, deadline) and the clients" keeps Clients, which a
commission names. One said only in brackets stays an aside ("the package (bronze/gold)"). The
ideas are our own wording (no held-out round's); the real spaCy pipeline and shipped judge."""

from __future__ import annotations

import pytest

from livebuild.brief.plan import offline_plan

pytestmark = pytest.mark.spacy


def _kinds(idea: str) -> set[str]:
    return {e.plural.lower() for e in offline_plan(idea, judged=True).entities}


def test_a_detail_in_brackets_said_again_plainly_is_a_record() -> None:
    kinds = _kinds(
        "I paint house portraits from photos, A4 or A3. I need the commissions (client, which "
        "house, size, deadline, status) and the clients."
    )
    assert {"commissions", "clients"} <= kinds


def test_a_word_said_only_in_brackets_is_still_an_aside() -> None:
    kinds = _kinds("Photo booth hire: I need the bookings (package, venue, date) and customers.")
    assert "packages" not in kinds and "venues" not in kinds


@pytest.mark.parametrize(
    ("idea", "wanted", "malformed"),
    [
        (
            "Keep the jobs (client, address, price) and the clients.",
            {"jobs", "clients"},
            "jobs clients",
        ),
        (
            "Keep the lessons (pupil, instructor, date), the pupils and the instructors.",
            {"lessons", "pupils", "instructors"},
            "lessons pupils",
        ),
    ],
)
def test_a_detail_said_again_plainly_is_its_own_record_not_a_compound(
    idea: str, wanted: set[str], malformed: str
) -> None:
    """The founder sees Clients, not a record "Jobs clients" built round the bracket's first
    detail (review of plans23, finding 1)."""
    kinds = _kinds(idea)
    assert wanted <= kinds and malformed not in kinds
