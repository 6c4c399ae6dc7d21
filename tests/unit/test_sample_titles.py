"""Sample records read like the column they sit under: a loan whose title is its book shows
"Book #1040" under BOOK, not "Loan #1040"."""

from __future__ import annotations

from typing import Any

from livebuild.appgen.samples import believable


def _entity(singular: str, title: str, label: str) -> dict[str, Any]:
    return {
        "singular": singular,
        "fields": [{"name": title, "label": label, "kind": "text"}],
        "seed": [{title: f"{singular} {i}"} for i in range(1, 4)],
    }


def test_a_title_named_for_something_else_names_that() -> None:
    loans = _entity("Loan", "book", "Book")
    believable(loans)
    titles = [row["book"] for row in loans["seed"]]
    assert titles == ["Book #1040", "Book #1057", "Book #1074"]


def test_a_title_named_for_the_record_keeps_its_name() -> None:
    parts = _entity("Part", "part", "Part")
    believable(parts)
    assert parts["seed"][0]["part"] == "Part #1040"
