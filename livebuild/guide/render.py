"""Markdown to HTML that is safe to put in a page, whoever wrote the Markdown."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

# Raw HTML in the Markdown is shown as text, and the sanitiser still runs after:
# the text comes from a model and from the founder's idea.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def markdown_html(text: str) -> str:
    html = _MARKDOWN.render(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# A question is a paragraph's bold first line, or a short heading, ending in "?".
_QUESTION = re.compile(
    r"^(?:\*\*|__)(?P<bold>.+?\?)(?:\*\*|__)\s*$|^#{2,6}\s+(?P<heading>.+?\?)\s*#*\s*$"
)


def _qa_pairs(text: str) -> list[tuple[str, str]] | None:
    """The FAQ as (question, answer) pairs, or None when it isn't written that way."""
    pairs: list[tuple[str, list[str]]] = []
    for line in text.strip().splitlines():
        question = _QUESTION.match(line.strip())
        if question:
            pairs.append((question.group("bold") or question.group("heading"), []))
        elif pairs:
            pairs[-1][1].append(line)
        elif line.strip():
            return None
    if not pairs:
        return None
    return [(question, "\n".join(answer).strip()) for question, answer in pairs]


def faq_html(text: str) -> str:
    """The FAQ as question and answer pairs; any other shape renders as plain Markdown."""
    pairs = _qa_pairs(text)
    if pairs is None:
        return markdown_html(text)
    items = [
        f'<div class="qa"><dt>{_inline(question)}</dt><dd>{markdown_html(answer)}</dd></div>'
        for question, answer in pairs
    ]
    return '<dl class="faq">' + "".join(items) + "</dl>"


def _inline(text: str) -> str:
    return nh3.clean(_MARKDOWN.renderInline(text), tags={"a", "code", "em", "strong"})


def section_html(section: str, text: str) -> str:
    return faq_html(text) if section == "faq" else markdown_html(text)
