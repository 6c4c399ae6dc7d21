"""What the PDF can draw: emoji only where a colour emoji font is installed.

WeasyPrint draws with the fonts this machine has. Without an emoji font (setup installs
`fonts-noto-color-emoji` where it may), an emoji in a product name or the guide would print
as an empty box; then it is left out, with the space around it tidied, instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache

# Pictographs, symbols and dingbats, flags, keycaps (not arrows: the text font has them),
# and the joiners and selectors that build emoji sequences out of them.
_EMOJI = re.compile(
    "(?:[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
    "\U000e0020-\U000e007f\u20e3\ufe0f\ufe0e\u200d])+[ \t]?"
)
_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_PUNCTUATION = re.compile(r"[ \t]+(?=[.,;:!?)\]])")
# A character every emoji font has and text fonts don't: U+1F436, the dog face. (DejaVu Sans
# draws the smileys at U+1F600, so a grinning face would find it.)
_PROBE = ":charset=1f436"


@cache
def emoji_font() -> bool:
    """Whether fontconfig knows a font that draws emoji (asked once per process)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        found = subprocess.run(
            [fc_list, _PROBE, "family"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


def without_emoji(text: str) -> str:
    """`text` with its emoji left out, each with the space after it; a line without emoji,
    and every line's indentation (Markdown lists), stay exactly as they were."""
    if not _EMOJI.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        if not _EMOJI.search(line):
            lines.append(line)
            continue
        rest = line.lstrip(" \t")
        indent = line[: len(line) - len(rest)]
        rest = _EMOJI.sub("", rest)
        rest = _BEFORE_PUNCTUATION.sub("", _SPACES.sub(" ", rest)).strip(" \t")
        lines.append(indent + rest if rest else "")
    return "\n".join(lines)


def drawable(text: str, *, emoji: bool | None = None) -> str:
    """`text` as the PDF can draw it: whole where emoji can be drawn, else without them."""
    return text if (emoji_font() if emoji is None else emoji) else without_emoji(text)
