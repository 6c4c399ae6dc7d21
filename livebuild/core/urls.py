"""Where things are reached: labels, pages, cookie and header names (previews: preview_address)."""

from __future__ import annotations


def version_label(version: int) -> str:
    return f"v0.{version}"


# What a build that was not made is called where versions are listed: it took no number.
NOT_MADE = "Not made"


def shown_label(version: int, status: str) -> str:
    """The label a founder sees for a build: its version, or "Not made" if it failed (the
    next version made takes the number it was started with)."""
    return NOT_MADE if status == "failed" else version_label(version)


def build_path(project_id: str, job_id: str) -> str:
    return f"/projects/{project_id}/build?job_id={job_id}"


# livebuild's session cookie; generated apps may never set or read it, whatever origin serves them.
SESSION_COOKIE = "livebuild_session"
RESERVED_COOKIES = frozenset({SESSION_COOKIE})


# Marks a worker relay's own "no app here" answer, so the preview origin that forwarded the
# request shows its resting page instead of an app's (empty) error.
RELAY_NO_APP_HEADER = "X-Livebuild-No-App"


# Proof that a request to a worker's internal address comes from a process of the
# installation (see store/cluster_key.py); never forwarded to an app.
CLUSTER_KEY_HEADER = "X-Livebuild-Cluster-Key"


def worker_relay_path(job_id: str) -> str:
    """Where a worker's internal server relays to the app of a build it runs."""
    return f"/internal/apps/{job_id}"


def worker_wake_path(job_id: str) -> str:
    """Where a worker's internal server is asked to start a finished build's app."""
    return f"/internal/wake/{job_id}"


def worker_data_path(job_id: str) -> str:
    """Where a worker's internal server hands over the records it keeps of a version."""
    return f"/internal/data/{job_id}"
