"""The documentation as downloads: one Markdown file, and a print-ready PDF of the same."""

from __future__ import annotations

import html
import re
from datetime import datetime

from livebuild.guide.glyphs import drawable
from livebuild.guide.pdf_assets import asset_fetcher, asset_url
from livebuild.guide.render import markdown_html
from livebuild.guide.sections import CHANGELOG_TITLE, SECTIONS, TITLES
from livebuild.safety.markup import inert_markdown, literal_markdown

_SHALLOW_HEADING = re.compile(r"^#{1,2}(?=\s)", re.MULTILINE)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_DEFAULT_ACCENT = "#4f46e5"
_PICTURE = "screenshot.png"


def _version(version: str) -> str:
    return version if version[:1].lower() == "v" else f"v{version}"


def _date(date: datetime) -> str:
    return f"{date.day} {date:%B %Y}"


def _body(markdown: str) -> str:
    # Section titles are level two; headings inside a section sit below them.
    return _SHALLOW_HEADING.sub("###", inert_markdown(markdown.strip()))


def _parts(sections: dict[str, str | None], changelog: str | None) -> list[tuple[str, str]]:
    # Raw HTML in a section (a model's, or an edit saved before edits were made inert) is
    # text, in the download as on the pages and in the PDF.
    parts = [(TITLES[key], _body(body)) for key in SECTIONS if (body := sections.get(key))]
    if changelog and changelog.strip():
        parts.append((CHANGELOG_TITLE, _body(changelog)))
    return parts


def docs_markdown(
    product_name: str,
    version: str,
    date: datetime,
    sections: dict[str, str | None],
    changelog: str | None,
) -> str:
    heading = literal_markdown(product_name)
    lines = [f"# {heading} \u2014 User Guide", "", f"{_version(version)} \u00b7 {_date(date)}"]
    for title, body in _parts(sections, changelog):
        lines += ["", f"## {title}", "", body]
    return "\n".join(lines) + "\n"


_STYLESHEET = """
@page {
  size: A4;
  margin: 22mm 20mm 24mm 20mm;
  @top-right { content: string(product) " \\2014  User Guide"; font-size: 8.5pt; color: #8a8f98; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt; color: #8a8f98; }
}
@page :first { @top-right { content: none; } @bottom-center { content: none; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.55; color: #1f2430; }
.cover { page-break-after: always; height: 240mm; display: flex; flex-direction: column;
         justify-content: center; }
.cover .eyebrow { text-transform: uppercase; letter-spacing: 0.18em; font-size: 9pt;
                  color: %(accent)s; font-weight: bold; margin: 0 0 6mm; }
.cover h1 { string-set: product content(text); font-size: 34pt; line-height: 1.1;
            margin: 0 0 4mm; color: #111827; }
.cover .meta { font-size: 11pt; color: #5b6170; margin: 0; }
.cover .rule { width: 28mm; height: 2.2mm; background: %(accent)s; margin: 9mm 0; }
.cover .cover-note { margin-top: 10mm; font-style: italic; }
.cover img { width: 100%%; margin-top: 10mm; border: 0.3mm solid #d8dce3; border-radius: 2mm; }
h2 { font-size: 17pt; color: #111827; margin: 0 0 4mm; padding-bottom: 2mm;
     border-bottom: 0.5mm solid %(accent)s; break-after: avoid; }
section + section h2 { margin-top: 10mm; }
h3 { font-size: 12pt; color: #111827; margin: 6mm 0 2mm; break-after: avoid; }
p { margin: 0 0 3mm; }
ul, ol { margin: 0 0 3mm; padding-left: 6mm; }
li { margin: 0 0 1.5mm; }
strong { color: #111827; }
a { color: %(accent)s; text-decoration: none; }
blockquote { margin: 0 0 3mm; padding: 2mm 4mm; border-left: 1mm solid #d8dce3; color: #5b6170; }
table { border-collapse: collapse; margin: 0 0 4mm; }
th, td { border: 0.3mm solid #d8dce3; padding: 1.5mm 3mm; text-align: left; }
"""


def _html(
    product_name: str,
    version: str,
    date: datetime,
    sections: dict[str, str | None],
    changelog: str | None,
    screenshot_png: bytes | None,
    accent: str,
    note: str | None = None,
) -> str:
    name = html.escape(product_name)
    picture = f'<img src="{asset_url(_PICTURE)}" alt="">' if screenshot_png else ""
    if note:  # in place of the picture, or under it
        picture += f'<p class="meta cover-note">{html.escape(note)}</p>'
    body = "".join(
        f"<section><h2>{html.escape(title)}</h2>{markdown_html(text)}</section>"
        for title, text in _parts(sections, changelog)
    )
    accent = accent if _COLOUR.match(accent) else _DEFAULT_ACCENT
    # No text of the founder's or a model's goes into the stylesheet: the running header
    # takes the product name from the cover's heading (string-set), already escaped there.
    style = _STYLESHEET % {"accent": accent}
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name} '
        f"\u2014 User Guide</title><style>{style}</style></head><body>"
        f'<div class="cover"><p class="eyebrow">User Guide</p><h1>{name}</h1>'
        f'<div class="rule"></div><p class="meta">{html.escape(_version(version))} \u00b7 '
        f"{html.escape(_date(date))}</p>{picture}</div>{body}</body></html>"
    )


def docs_pdf(
    product_name: str,
    version: str,
    date: datetime,
    sections: dict[str, str | None],
    changelog: str | None,
    screenshot_png: bytes | None,
    *,
    accent: str = _DEFAULT_ACCENT,
    note: str | None = None,
) -> bytes:
    """The guide as a PDF; `note` stands on the cover under the picture of the app, or in
    its place."""
    from weasyprint import HTML

    # Emoji the PDF can't draw would print as empty boxes: they are left out instead.
    document = _html(
        drawable(product_name),
        version,
        date,
        {key: drawable(text) if text else text for key, text in sections.items()},
        drawable(changelog) if changelog else changelog,
        screenshot_png,
        accent,
        drawable(note) if note else None,
    )
    assets = {_PICTURE: (screenshot_png, "image/png")} if screenshot_png else {}
    # Rendering fetches nothing but the picture above: no file, no network, no attachment.
    pdf = HTML(string=document, url_fetcher=asset_fetcher(assets)).write_pdf()
    if pdf is None:
        raise RuntimeError("WeasyPrint returned no document")
    return bytes(pdf)
