"""What a model reading a change request is held to: compact JSON (no spaces or line breaks
to pay for), a few operations, and a bound on every string and every list."""

from __future__ import annotations

import json
from typing import Any

from bench.changes import load
from livebuild.brief.change_schema import read_answer
from livebuild.brief.model_change import MAX_TOKENS, answer_schema


def _walk(shape: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(shape, dict):
        found.append((path, shape))
        for key, value in shape.items():
            found += _walk(value, f"{path}/{key}")
    elif isinstance(shape, list):
        for index, value in enumerate(shape):
            found += _walk(value, f"{path}/{index}")
    return found


def test_the_answer_is_compact_and_every_string_and_list_is_bounded() -> None:
    studio = load()[0]["studio"]
    shape = answer_schema(studio)
    assert shape["x-guidance"] == {"whitespace_flexible": False}
    assert shape["type"] == "array" and shape["maxItems"] <= 4
    for path, node in _walk(shape):
        if node.get("type") == "string" and "enum" not in node and "const" not in node:
            assert node.get("maxLength", 10**9) <= 200 or "pattern" in node, path
        if node.get("type") == "array":
            assert node.get("maxItems", 10**9) <= 8, path
    why = shape["$defs"]["AnswerCannot"]["properties"]["why"]
    assert why["maxLength"] <= 120


def test_the_longest_answer_the_schema_allows_for_a_usual_request_fits_its_tokens() -> None:
    """Three operations written compactly (a field, a new record kind with four details, a
    reason for can't) fit the token bound with room to spare; the parser reads them."""
    studio = load()[0]["studio"]
    answer = (
        '[{"op":"add_field","entity":"classes","label":"Room","kind":"text"},'
        '{"op":"add_entity","name":"Payments","fields":[["Amount","money",[]],'
        '["Date paid","date",[]],["Member","text",[]],["Method","choice",["Cash","Card"]]]},'
        '{"op":"cannot","why":"The app can\'t take card payments; it can keep a record of '
        'each payment by hand."}]'
    )
    # About four characters a token for JSON with short English words.
    assert len(answer) / 4 < MAX_TOKENS
    reading = read_answer(studio, json.loads(answer))
    assert len(reading.operations) == 3


def test_the_schema_for_one_plan_is_not_shared_with_the_next() -> None:
    plans = load()[0]
    first, second = list(plans.values())[:2]
    assert answer_schema(first) != answer_schema(second)
    assert "x-guidance" in answer_schema(first)
