from __future__ import annotations

import json
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


# --- The PDF fetches nothing: hostile names, guides and model plans can't read host files ---

PLANTED = "sk-ant-planted-4f1c9e0b7d"
_RENDER = """
import json, sys
from datetime import datetime
from livebuild.guide.export import docs_pdf
spec = json.load(sys.stdin)
pdf = docs_pdf(spec["name"], "0.1", datetime(2026, 3, 12), spec["sections"], spec["changelog"],
               None, accent=spec["accent"])
sys.stdout.buffer.write(pdf)
"""


class _Listener:
    """A loopback HTTP server that records every request made to it."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.paths: list[str] = []
        seen = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _render_elsewhere(name: str, sections: dict[str, str | None], changelog: str | None) -> bytes:
    """Renders in a process whose environment holds a planted model key, as livebuild's does."""
    import json
    import os
    import sys

    env = {**os.environ, "LIVEBUILD_MODEL_API_KEY": PLANTED, "LIVEBUILD_SMTP_PASSWORD": PLANTED}
    spec = {"name": name, "sections": sections, "changelog": changelog, "accent": "#4f46e5"}
    done = subprocess.run(
        [sys.executable, "-c", _RENDER],
        input=json.dumps(spec).encode(),
        capture_output=True,
        env=env,
        timeout=120,
        check=True,
    )
    return done.stdout


def _attachments(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "attacked.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout


def _hostile_names(secret_file: Path, listener: str) -> list[str]:
    return [
        "</style><link rel=attachment href=file:///proc/self/environ>",
        f"</style><link rel=attachment href=file://{secret_file}>",
        f"</style><img src={listener}/name-img>",
        f"</style><style>@import '{listener}/import';",
        f'x"; }} @import url({listener}/css); .a {{ content: "',
    ]


def test_a_hostile_name_guide_or_model_plan_fetches_nothing_and_attaches_nothing(
    tmp_path: Path,
) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    if shutil.which("pdfdetach") is None or shutil.which("pdftotext") is None:
        pytest.skip("pdfdetach and pdftotext (poppler-utils) are needed to read the PDF back")
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(f"DATABASE_PASSWORD={PLANTED}\n")
    listener = _Listener()
    try:
        names = _hostile_names(secret_file, listener.url)
        # A model's plan names the product too: its answer reaches the same renderer.
        from livebuild.brief.model_plan import parse_plan

        model_plan = json.dumps(
            {
                "product_name": names[0],
                "tagline": "t",
                "target_users": "u",
                "problem": "p",
                "features": ["Track things"],
                "entities": [
                    {
                        "singular": "Thing",
                        "plural": "Things",
                        "fields": [{"label": "Name", "kind": "text"}],
                    }
                ],
            }
        )
        names.append(parse_plan(model_plan, "An app to track things").product_name)
        sections: dict[str, str | None] = {key: None for key in SECTIONS}
        sections["overview"] = (
            f"![x]({listener.url}/md-img) <img src='{listener.url}/raw-img'>\n\n"
            f"[attach](file://{secret_file}) <link rel=attachment href=file:///etc/passwd>"
        )
        for name in names:
            pdf = _render_elsewhere(name, sections, f"<img src={listener.url}/changelog>")
            assert pdf.startswith(b"%PDF")
            assert "0 embedded files" in _attachments(pdf, tmp_path), name
            assert b"EmbeddedFile" not in pdf and PLANTED.encode() not in pdf
            path = tmp_path / "attacked.pdf"
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert PLANTED not in text
            # The founder's odd name is shown as the text it is.
            assert "</style>" in text or "@import" in text or 'x"' in text
        assert listener.paths == []
    finally:
        listener.close()


def test_the_pdf_fetcher_serves_its_own_picture_and_refuses_every_other_url() -> None:
    from livebuild.guide.pdf_assets import RefusedURL, asset_body, asset_url

    assets = {"shot.png": (b"\x89PNG", "image/png")}
    assert asset_body(assets, asset_url("shot.png")) == (b"\x89PNG", "image/png")
    for url in (
        "file:///etc/passwd",
        "file:///proc/self/fd/0",
        "http://127.0.0.1:1/",
        "https://example.com/x.css",
        "data:text/css,body{}",
        asset_url("other.png"),
        asset_url("../shot.png"),
    ):
        with pytest.raises(RefusedURL):
            asset_body(assets, url)


def test_the_pdf_still_shows_its_screenshot(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(picture, format="PNG")
    pdf = docs_pdf("Acme", "0.1", DATE, _sections(), None, picture.getvalue())
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) is needed to read the PDF back")
    path = tmp_path / "pictured.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"\b40\s+30\b", listing), listing


def _read_back(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    """The PDF's text and the fonts it draws with, as poppler reads them."""
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils is not installed to read the PDF back")
    path = tmp_path / "guide.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    return text.stdout, fonts.stdout


@pytest.mark.parametrize("font", ["as found here", "missing"])
def test_emoji_in_a_name_or_the_guide_never_print_as_boxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, font: str
) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed")
    from livebuild.guide import glyphs

    if font == "missing":
        monkeypatch.setattr(glyphs, "emoji_font", lambda: False)
    sections: dict[str, str | None] = {key: None for key in SECTIONS}
    sections["overview"] = "Pawfect \U0001f436 Walks keeps your dogs \U0001f415 and walks \u2705."
    sections["faq"] = (
        "- \U0001f44d\U0001f3fd **\U0001f389 Party** walks\n- Paris \U0001f1eb\U0001f1f7"
    )
    pdf = docs_pdf("Pawfect \U0001f436 Walks", "0.1", DATE, sections, None, None)
    text, fonts = _read_back(pdf, tmp_path)
    if "\U0001f436" in text:
        # Each emoji is drawn from an emoji font, not the text font's empty box.
        assert font != "missing" and "Emoji" in fonts, fonts
    else:
        # Without one, they are left out: never a box, and the words read as before.
        assert [c for c in text if ord(c) >= 0x1F000 or c == "\u2705"] == []
        assert "Pawfect Walks keeps your dogs and walks." in text
        assert "Party walks" in text and "Paris" in text
