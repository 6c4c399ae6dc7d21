"""The tagline by place never takes a founder's own field or page (review of shapes22): "add a
slogan field to customers" adds a Slogan field, "add a welcome message on the home page" adds
no page, and "put 'URGENT' under the name" on a plan whose records have a Name is asked, not
set as the tagline. Read by the rules on the real spaCy pipeline; no app is started."""

from __future__ import annotations

from dataclasses import replace

import pytest

from livebuild.brief.change_reader import read_change
from livebuild.brief.changes import apply_change
from livebuild.brief.model import Brief
from tests.unit.founder_plans import plan as _plan
from tests.unit.founder_plans import said

_BOOKS = replace(
    _plan(
        "an online bookshop: our books, orders and the line items on each order",
        [
            {
                "singular": "Book",
                "fields": [["Title", "text"], ["Subtitle", "text"], ["Author", "text"]],
            },
            {"singular": "Order", "fields": [["Customer", "text"], ["Date", "date"]]},
        ],
    ),
    product_name="Harbour Books",
    tagline="Second-hand books by the sea",
)
_PLUMBING = replace(
    _plan(
        "a plumbing business: jobs, customers and invoices",
        [
            {"singular": "Job", "fields": [["Address", "text"], ["Urgent", "boolean"]]},
            {"singular": "Customer", "fields": [["Name", "text"], ["Phone", "phone"]]},
        ],
    ),
    product_name="Fixit Plumbing",
    tagline="Leaks fixed fast",
)


def _labels(brief: Brief) -> dict[str, list[str]]:
    return {e.plural: [f.label for f in e.fields] for e in brief.entities}


@pytest.mark.parametrize(
    ("brief", "request_text", "kind", "label"),
    [
        (_PLUMBING, "add a slogan field to customers", "Customers", "Slogan"),
        (_BOOKS, "add a byline to books", "Books", "Byline"),
        (_BOOKS, "add a catchphrase to books", "Books", "Catchphrase"),
    ],
)
def test_a_field_the_founder_names_keeps_its_name(
    brief: Brief, request_text: str, kind: str, label: str
) -> None:
    result = apply_change(brief, request_text)
    labels = _labels(result.brief)[kind]
    assert "Tagline" not in labels, said(result)
    assert label in labels, said(result)
    assert result.brief.tagline == brief.tagline


def test_a_welcome_message_on_the_home_page_adds_no_page() -> None:
    result = apply_change(_PLUMBING, "add a welcome message on the home page")
    assert [e.plural for e in result.brief.entities] == [e.plural for e in _PLUMBING.entities]
    assert result.brief.tagline == _PLUMBING.tagline


@pytest.mark.parametrize(
    ("brief", "request_text"),
    [
        (_BOOKS, "put 'Signed copy' under the title"),
        (_PLUMBING, "put 'URGENT' under the name"),
        (_BOOKS, "under the title, put 'Signed copy'"),
    ],
)
def test_a_place_that_could_be_a_field_is_asked_not_made(brief: Brief, request_text: str) -> None:
    result = apply_change(brief, request_text)
    assert result.brief == brief, said(result)
    assert "?" in said(result), said(result)
    reading = read_change(brief, request_text)
    assert not reading.operations and reading.not_understood


def test_the_line_under_the_apps_own_name_is_still_the_tagline() -> None:
    result = apply_change(_PLUMBING, "the little line under Fixit Plumbing should read Fast")
    assert result.brief.tagline.rstrip(".") == "Fast", said(result)


def test_the_line_changed_to_words_naming_a_kind_is_still_the_tagline() -> None:
    result = apply_change(_BOOKS, "change the line under the logo to Books by the sea")
    assert result.brief.tagline == "Books by the sea", said(result)


def test_the_slogan_added_to_a_kind_is_a_field_of_it() -> None:
    result = apply_change(_PLUMBING, "add the slogan to customers")
    assert "Slogan" in _labels(result.brief)["Customers"], said(result)
    assert result.brief.tagline == _PLUMBING.tagline
