"""What a founder is told when a build stops, by cause. Shown as is: keep them calm and plain."""

from __future__ import annotations

FOUNDER_MESSAGES: dict[str, str] = {
    "start": "We couldn't get your app to start, so we stopped the build safely.",
    "checks": "Your app didn't pass its final checks, even after a second attempt.",
    "timeout": "A step took far longer than it should, so we stopped the build safely.",
    "files": "We couldn't write your app's files, so we stopped the build safely.",
    "model": "We couldn't get your app written just now, so we stopped the build safely. "
    "Try again in a moment.",
    "internal": "Something went wrong on our side, so we stopped the build safely.",
    "interrupted": "The build was interrupted when the service restarted. Start it again anytime.",
}
