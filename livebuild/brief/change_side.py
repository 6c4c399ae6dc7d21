"""A side remark inside a request: what a wish is like, or why it is wanted, not the wish.

"main colour a hot pink, like our logo", "a pale blue, same as the boxes in our photos", "make
it dark red, the one in all our pictures", "add a phone number, so we can text them": the
comparison, the "the one …" said after a comma and the purpose clause of a change say what it
is like or what the founder does with it. A thing no app can do named only there (a logo, a
photo, a text) is no wish for it. The remark is cut only when a request is left before it, so
"like a text message" said alone is still read whole.
"""

from __future__ import annotations

import re

_END = r"[^,.;!?]*"

# What follows a comparison word is what the wish is like: "like our logo", "the same as on
# the sign", "just like the photo", "to match our leaflet". Never "I'd like", "like to".
_COMPARISON = re.compile(
    r"(?:,\s*|\s+)(?:just\s+|exactly\s+)?(?:(?<!\bd\s)(?<!\bwould\s)(?<!'d\s)like(?!\s+to\b)|"
    r"(?:the\s+)?same\s+as|as\s+(?:on|in)|to\s+match|matching)\s+"
    r"(?:on\s+|in\s+)?(?:the|our|my|a|an|those|that|this|their|its)\b" + _END,
    re.IGNORECASE,
)

# "…, the one in all our pictures": an appositive after a comma pointing at something seen.
_THE_ONE = re.compile(r",\s*(?:the|that)\s+ones?\s+(?:in|on|from|of)\b" + _END, re.IGNORECASE)

# "…, so we can text them", "…, for what we tell them in the email": what the founder (not
# the app) does with it; a clause with the app as its subject is kept.
_PURPOSE = re.compile(
    r"(?:,\s*|\s+)(?:so(?:\s+that)?\s+(?:we|i|they|staff|people)\s+(?:can|could|know|remember)|"
    r"for\s+(?:what|when|where|whenever)\s+(?:we|i|they))\b" + _END,
    re.IGNORECASE,
)

_REMARKS = (_COMPARISON, _THE_ONE, _PURPOSE)

# "we'd really like the app to text them": a wish that something do something is no remark.
_WISHED_TO = re.compile(r"\bto\s+(?!match\b)[a-z]+", re.IGNORECASE)


def _cut(remark: re.Match[str]) -> str:
    said = remark[0]
    return said if remark.re is _COMPARISON and _WISHED_TO.search(said) else ""


_LEFT = 2  # the fewest words a request keeps before its side remark


def without_side_remarks(text: str) -> str:
    """`text` without its comparisons, "the one …" remarks and purpose clauses, when a request
    of its own is left; else `text` as said."""
    kept = text
    for remark in _REMARKS:
        kept = remark.sub(_cut, kept)
    return kept if len(kept.split()) >= _LEFT and kept != text else text
