"""Markdown to HTML that is safe to put in a page, whoever wrote the Markdown.

The parser is cmark-gfm, whose time is linear in the text whatever its shape (it
is tested against pathological inputs); a run of `![` or of emphasis markers takes
markdown-it-py seconds. The text is bounded too, so one render is a bounded cost.
"""

from __future__ import annotations

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from livebuild.safety.markup import inert_markdown

# Past this many characters a section is shown cut: a founder's edit is far shorter,
# and a model's runaway answer is not worth more of a page.
RENDER_MAX = 100_000

# Raw HTML is shown as text (made inert before parsing); should any reach the parser,
# its safe mode leaves it out, and the sanitiser still runs after: the text comes from a
# model and from the founder.
_OPTIONS = Options.CMARK_OPT_DEFAULT
_EXTENSIONS = ["table"]

_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def _cmark(text: str) -> str:
    if len(text) > RENDER_MAX:
        text = text[:RENDER_MAX] + "\n\n…"
    return str(
        cmarkgfm.markdown_to_html_with_extensions(
            inert_markdown(text), options=_OPTIONS, extensions=_EXTENSIONS
        )
    )


def markdown_html(text: str) -> str:
    return nh3.clean(
        _cmark(text),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# A question is a paragraph's bold first line, or a short heading, ending in "?".
# `[\s#]*$` rather than `\s*#*\s*$`: the latter backtracks quadratically on a long run of spaces.
_QUESTION = re.compile(
    r"^(?:\*\*|__)(?P<bold>.+?\?)(?:\*\*|__)\s*$|^#{2,6}\s+(?P<heading>.+?\?)[\s#]*$"
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
    pairs = _qa_pairs(text[:RENDER_MAX])
    if pairs is None:
        return markdown_html(text)
    items = [
        f'<div class="qa"><dt>{_inline(question)}</dt><dd>{markdown_html(answer)}</dd></div>'
        for question, answer in pairs
    ]
    return '<dl class="faq">' + "".join(items) + "</dl>"


def _inline(text: str) -> str:
    # Rendered as a paragraph; the sanitiser drops the <p> around it.
    return nh3.clean(_cmark(text), tags={"a", "code", "em", "strong"}).strip()


def section_html(section: str, text: str) -> str:
    return faq_html(text) if section == "faq" else markdown_html(text)
