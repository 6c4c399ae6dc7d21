"""Removing secrets and host details from text before anyone outside sees it."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

REDACTED = "[redacted]"


def _has_digit_or_upper(token: str) -> bool:
    return any(c.isdigit() or c.isupper() for c in token)


def _looks_like_credential(token: str) -> bool:
    """Keeps English phrases such as "bearer bonds" apart from real tokens."""
    return len(token) >= 8 and _mixed(token)


def _mixed(token: str) -> bool:
    return (
        any(c.isdigit() for c in token)
        or any(c in "._~+/=-" for c in token)
        or (any(c.isupper() for c in token[1:]) and any(c.islower() for c in token))
    )


def _whole(match: re.Match[str]) -> str:
    return REDACTED


def _checked(group: str, check: Callable[[str], bool]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return REDACTED if check(match.group(group)) else match.group(0)

    return replace


def _keep_prefix(match: re.Match[str]) -> str:
    return match.group("keep") + REDACTED


def _assignment(match: re.Match[str]) -> str:
    # `key=value` is configuration; `Key: value` may be prose ("Password: pick a long one").
    value = match.group("value")
    if match.group("op") == "=" or _mixed(value) or len(value) >= 16:
        return match.group("keep") + REDACTED
    return match.group(0)


# Vendor prefixes are matched without a leading word boundary so a secret glued to other
# text is still found; the checks keep ordinary hyphenated words ("task-based-...") intact.
_SECRET_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(
            r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\Z)"
        ),
        _whole,
    ),
    (re.compile(r"sk-ant-[A-Za-z0-9_\-]{8,}"), _whole),
    (
        re.compile(r"sk-(?P<body>(?:proj-|svcacct-|admin-|live-|test-)?[A-Za-z0-9_\-]{16,})"),
        _checked("body", _has_digit_or_upper),
    ),
    (re.compile(r"(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|AIPA)[0-9A-Z]{16}"), _whole),
    (re.compile(r"(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"), _whole),
    (re.compile(r"xox[a-z]-(?P<body>[A-Za-z0-9\-]{10,})"), _checked("body", _has_digit_or_upper)),
    (
        re.compile(r"(?i)(?P<keep>bearer\s+)(?P<body>[A-Za-z0-9._~+/=\-]{8,})"),
        lambda m: _keep_prefix(m) if _looks_like_credential(m.group("body")) else m.group(0),
    ),
    (
        re.compile(
            r"(?i)(?P<keep>(?<![a-z0-9])"
            r"(?:api[_\-]?key|secret(?:[_\-]?(?:access[_\-]?)?key)?|access[_\-]?key"
            r"|(?:auth|access|refresh|session)?[_\-]?token|password|passwd|pwd|client[_\-]?secret)"
            r"\b[\"']?\s*(?P<op>[:=])\s*[\"']?)(?P<value>[^\s\"',;]+)"
        ),
        _assignment,
    ),
    # credentials inside URLs: scheme://user:password@host
    (
        re.compile(r"(?P<keep>(?<![A-Za-z0-9+.\-])[A-Za-z0-9+.\-]+://)[^\s/:@]+:[^\s/@]+@"),
        lambda m: m.group("keep") + REDACTED + "@",
    ),
)

# Long runs without spaces that look random (keys, hashes, tokens).
_TOKEN_CANDIDATE = re.compile(r"[A-Za-z0-9+/_=\-]{32,}")
_WINDOW = 32
_PATH = re.compile(r"(?<![\w.])(?:/[\w.\-]+)+/?|[A-Za-z]:\\[\w.\- ]+(?:\\[\w.\- ]+)*\\?")


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


def _random_run(match: re.Match[str]) -> str:
    # A key glued to a long dull run would dilute the entropy of the whole run, so windows
    # of it are judged one by one.
    run = match.group(0)
    starts = [*range(0, len(run) - _WINDOW + 1, _WINDOW // 4), len(run) - _WINDOW]
    if any(_looks_random(run[start : start + _WINDOW]) for start in starts):
        return REDACTED
    return run


def redact_secrets(text: str) -> str:
    for pattern, replace in _SECRET_RULES:
        text = pattern.sub(replace, text)
    return _TOKEN_CANDIDATE.sub(_random_run, text)


def redact_paths(text: str, roots: tuple[str, ...] = ()) -> str:
    """Replace host paths: known roots by a short placeholder, any other absolute path too."""
    for root in sorted(roots, key=len, reverse=True):
        if root:
            text = text.replace(root, "<workspace>")
    return _PATH.sub(lambda m: m.group(0) if m.group(0).startswith("<") else "<path>", text)


def redact(text: str, roots: tuple[str, ...] = ()) -> str:
    """No secrets and no paths at all; `livebuild.safety.guardrails.founder_safe` goes further."""
    return redact_paths(redact_secrets(text), roots)


def redact_log(text: str, roots: tuple[str, ...] = ()) -> str:
    """For Technical details: no secrets, and host folders shortened; URLs stay readable."""
    text = redact_secrets(text)
    for root in sorted(roots, key=len, reverse=True):
        if root:
            text = text.replace(root, "<workspace>")
    return text
