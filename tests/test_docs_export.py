from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from livebuild.brief import derive_brief
from livebuild.guide.export import docs_markdown, docs_pdf
from livebuild.guide.offline import offline_docs
from livebuild.guide.sections import SECTIONS, SectionParser
from tests.conftest import IDEA

BRIEF = derive_brief(IDEA)
DATE = datetime(2026, 3, 12, 9, 30)


def _sections() -> dict[str, str | None]:
    parser = SectionParser()
    found = parser.feed(offline_docs(BRIEF)) + parser.finish()
    return dict(found)


def test_markdown_has_the_title_and_the_sections_in_order() -> None:
    md = docs_markdown(BRIEF.product_name, "0.1", DATE, _sections(), None)
    assert md.startswith(f"# {BRIEF.product_name} \u2014 User Guide\n")
    assert "v0.1 \u00b7 12 March 2026" in md
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings == ["Overview", "Features", "Getting Started", "FAQ"]


def test_markdown_adds_the_changelog_and_skips_missing_sections() -> None:
    sections = _sections()
    sections["faq"] = None
    md = docs_markdown(BRIEF.product_name, "v0.2", DATE, sections, "Added: reviews.")
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings == ["Overview", "Features", "Getting Started", "What's New"]
    assert "Added: reviews." in md


def test_headings_inside_a_section_stay_below_its_title() -> None:
    md = docs_markdown("Acme", "0.1", DATE, {"overview": "## Why\n\nBecause."}, None)
    assert "### Why" in md and md.count("\n## ") == 1


def test_pdf_renders_with_the_product_name(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    pdf = docs_pdf(BRIEF.product_name, "0.1", DATE, _sections(), "Added: reviews.", None)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed to read the PDF back")
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert BRIEF.product_name in text
    positions = [text.index(title) for title in ("Overview", "Features", "Getting Started", "FAQ")]
    assert positions == sorted(positions)
    assert re.search(r"\b2\s*/\s*\d+\b", text), "page numbers"


def test_pdf_shows_markup_from_a_model_as_text() -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    sections: dict[str, str | None] = {key: None for key in SECTIONS}
    sections["overview"] = "<script>alert(1)</script> <img src='file:///etc/passwd'>"
    pdf = docs_pdf("Acme", "0.1", DATE, sections, None, None, accent="red; } body {")
    assert pdf.startswith(b"%PDF")
