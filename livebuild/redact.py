"""Removing secrets and host details from text before anyone outside sees it."""

from __future__ import annotations

import math
import re
from collections import Counter

_SECRET_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)",
        r"sk-ant-[A-Za-z0-9_\-]{8,}",
        r"sk-(?:proj-|live-|test-)?[A-Za-z0-9_\-]{16,}",
        r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
        r"\bgh[pousr]_[A-Za-z0-9]{20,}\b",
        r"\bgithub_pat_[A-Za-z0-9_]{20,}\b",
        r"\bxox[abposr]-[A-Za-z0-9\-]{10,}\b",
        r"(?i)\bbearer\s+[A-Za-z0-9._~+/=\-]{8,}",
        r"(?i)\b(?:api[_-]?key|secret|token|password|passwd)\b\s*[:=]\s*\S+",
        r"\b[a-z][a-z0-9+.\-]*://[^\s/:@]+:[^\s/@]+@",  # credentials inside URLs
    )
)
# Long runs without spaces that look random (keys, hashes, tokens).
_TOKEN_CANDIDATE = re.compile(r"[A-Za-z0-9+/_=\-]{32,}")
_PATH = re.compile(r"(?<![\w.])(?:/(?:[\w.\-]+))+/?|[A-Za-z]:\\(?:[\w.\- ]+\\?)+")

REDACTED = "[redacted]"


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _looks_random(token: str) -> bool:
    classes = sum(
        (
            any(c.islower() for c in token),
            any(c.isupper() for c in token),
            any(c.isdigit() for c in token),
        )
    )
    return classes >= 2 and _entropy(token) >= 3.5


def redact_secrets(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(REDACTED, text)
    return _TOKEN_CANDIDATE.sub(
        lambda m: REDACTED if _looks_random(m.group(0)) else m.group(0), text
    )


def redact_paths(text: str, roots: tuple[str, ...] = ()) -> str:
    """Replace host paths: known roots by a short placeholder, any other absolute path too."""
    for root in sorted(roots, key=len, reverse=True):
        if root:
            text = text.replace(root, "<workspace>")
    return _PATH.sub(lambda m: m.group(0) if m.group(0).startswith("<") else "<path>", text)


def redact(text: str, roots: tuple[str, ...] = ()) -> str:
    """For founder-facing text: no secrets and no paths at all."""
    return redact_paths(redact_secrets(text), roots)


def redact_log(text: str, roots: tuple[str, ...] = ()) -> str:
    """For Technical details: no secrets, and host folders shortened; URLs stay readable."""
    text = redact_secrets(text)
    for root in sorted(roots, key=len, reverse=True):
        if root:
            text = text.replace(root, "<workspace>")
    return text
