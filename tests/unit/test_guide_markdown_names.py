"""The guide's Markdown download shows every name as typed: a name holding HTML is text
in any Markdown viewer, even one that passes raw HTML through, and reads right (escaped
once) on our pages and in the PDF."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime

import cmarkgfm
from cmarkgfm.cmark import Options

from livebuild.brief import Brief, derive_brief
from livebuild.guide.export import docs_markdown
from livebuild.guide.offline import offline_changelog, offline_docs
from livebuild.guide.render import markdown_html
from livebuild.guide.sections import SECTIONS

NAME = "</title><script>alert(2)</script>"
KIND = "<svg onload=alert(3)>"
LABEL = "<img src=x onerror=alert(1)>"
CHOICE = "<b>urgent</b>"
TAG = re.compile(r"<(?:script|svg|img|b|title)\b", re.I)


def _hostile_brief() -> Brief:
    brief = derive_brief("Help my team track customer refund requests with a status")
    first = brief.entities[0]
    fields = list(first.fields)
    fields[0] = replace(fields[0], label=LABEL)
    choice = next(i for i, f in enumerate(fields) if f.kind == "choice")
    fields[choice] = replace(fields[choice], label=CHOICE, choices=(CHOICE, "done"))
    entity = replace(first, plural=KIND, singular=KIND, fields=tuple(fields))
    return replace(
        brief,
        product_name=NAME,
        tagline=f"Refunds {CHOICE}",
        target_users=f"Teams {LABEL}",
        problem=f"Refunds get lost {KIND}",
        features=(*brief.features, f"Email {LABEL} reminders"),
        entities=(entity, *brief.entities[1:]),
    )


def _download() -> str:
    brief = _hostile_brief()
    docs = offline_docs(brief)
    sections = dict(zip(SECTIONS, re.split(r"^## .*$", docs, flags=re.M)[1:], strict=True))
    changelog = offline_changelog(brief, None, None, made=(f"Added {KIND}",))
    return docs_markdown(NAME, "0.1", datetime(2026, 12, 7), sections, changelog)


def _viewer(markdown: str) -> str:
    """A Markdown viewer that renders raw HTML (as many desktop ones do)."""
    return str(
        cmarkgfm.markdown_to_html_with_extensions(
            markdown, options=Options.CMARK_OPT_UNSAFE, extensions=["table"]
        )
    )


def test_a_name_holding_html_is_text_in_any_markdown_viewer() -> None:
    shown = _viewer(_download())
    assert not TAG.search(shown), TAG.findall(shown)
    for name in (NAME, KIND, LABEL, CHOICE):
        assert name in html.unescape(shown), name


def test_a_model_or_founder_section_holding_html_is_text_in_the_download() -> None:
    sections: dict[str, str | None] = {"overview": f"Welcome {LABEL} to <script>x()</script> here."}
    shown = _viewer(docs_markdown("Shop", "0.1", datetime(2026, 12, 7), sections, None))
    assert not TAG.search(shown)
    assert "<script>x()</script>" in html.unescape(shown)


def test_our_pages_show_the_names_once_escaped() -> None:
    docs = offline_docs(_hostile_brief())
    page = markdown_html(docs)
    assert not TAG.search(page)
    assert "&amp;lt;" not in page and "\\" not in page
    for name in (KIND, LABEL, CHOICE):
        assert name in html.unescape(page), name
