"""Founder-written Markdown with the markup that has no place in it taken out.

A guide is Markdown: raw HTML in it (a `<script>`, an `<img onerror>`, a comment)
is removed, with what a script or style element held, and a link or image whose
address would run code (`javascript:`, `data:`, ...) loses the address. Each
pattern stops at the next `<` or `>`, so the time is linear in the text.
"""

from __future__ import annotations

import re

# A script or style element with what it holds; then any other tag, comment,
# declaration or processing instruction.
_HIDDEN_ELEMENT = re.compile(
    # Unclosed, it runs to the end of the text, as it would in a browser.
    r"<(script|style)\b[^<>]*>[^<]*(?:<(?!/\1\b)[^<]*)*(?:</\1\s*>)?",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?>|<![^<>]*>|<\?[^<>]*>")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# A link destination (`](...)` or a reference `]: ...`) with a scheme that runs code.
_UNSAFE_ADDRESS = re.compile(
    r"(\]\(\s*<?|\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:(?:[^\s()<>]|\([^\s()<>]*\))*",
    re.IGNORECASE,
)


def sanitised_markdown(text: str) -> str:
    text = _COMMENT.sub("", text)
    text = _HIDDEN_ELEMENT.sub("", text)
    text = _TAG.sub("", text)
    return _UNSAFE_ADDRESS.sub(r"\1#", text)
