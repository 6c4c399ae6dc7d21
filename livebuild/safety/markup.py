"""Markdown made inert: raw HTML in it shows as text, and no link address runs code.

Whoever wrote the Markdown (a founder editing the guide, a model writing it), a tag
in it is meant to be read, not obeyed: the `<` that opens a tag, a comment or a
declaration becomes `&lt;`, which every Markdown renderer shows as `<`. Code (fenced
blocks and inline spans) is left as written, since there `<` is already text. A link
or image whose address would run code (`javascript:`, `data:`, ...) loses the address.
The time is linear in the text (code spans: one failed search per run length at most).
"""

from __future__ import annotations

import re

# What starts raw HTML in CommonMark: a tag (opening or closing), a comment, a
# declaration, CDATA or a processing instruction. An autolink (`<https://…>`) is none.
_RAW_HTML = re.compile(r"<(?=/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|!--|![A-Za-z]|!\[CDATA\[|\?)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
# A link destination (`](...)` or a reference `]: ...`) with a scheme that runs code.
_UNSAFE_ADDRESS = re.compile(
    r"(\]\(\s*<?|\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:"
    r"(?:[^\s()<>]|\([^\s()<>]*\))*",
    re.IGNORECASE,
)


def _is_escaped(text: str, position: int) -> bool:
    """Whether a backslash escapes the character at `position` (an odd run of them before it).

    A `<` or `]` written as `\\<` or `\\]` (the guide editor writes a typed one so) is already
    text: escaping it again would show `&lt;`. Each run is read once, by the match after it."""
    start = position
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (position - start) % 2 == 1


def _escaped(text: str) -> str:
    shown = _RAW_HTML.sub(lambda m: m.group() if _is_escaped(text, m.start()) else "&lt;", text)
    return _UNSAFE_ADDRESS.sub(
        lambda m: m.group() if _is_escaped(shown, m.start()) else m.group(1) + "#", shown
    )


def _inline(line: str) -> str:
    """One line, with raw HTML escaped outside its code spans."""
    out: list[str] = []
    position = 0
    # For a run length with no closing run after some point, none will be found later.
    unclosed: dict[int, int] = {}
    while (opening := _BACKTICKS.search(line, position)) is not None:
        out.append(_escaped(line[position : opening.start()]))
        size = len(opening.group())
        closing = None
        if opening.end() < unclosed.get(size, len(line) + 1):
            closing = re.compile(rf"(?<!`)`{{{size}}}(?!`)").search(line, opening.end())
            if closing is None:
                unclosed[size] = opening.end()
        end = closing.end() if closing is not None else opening.end()
        out.append(line[opening.start() : end])
        position = end
    out.append(_escaped(line[position:]))
    return "".join(out)


def inert_markdown(text: str) -> str:
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        if fence is not None:
            out.append(line)
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        out.append(_inline(line))
    return "".join(out)


_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]<>])")


def literal_markdown(text: str) -> str:
    """`text` as Markdown that shows it as typed: "**x" stays two stars, not half a bold,
    and a name holding a tag is text in any viewer, even one that passes raw HTML."""
    return _MARKDOWN_MARKS.sub(r"\\\1", text)
