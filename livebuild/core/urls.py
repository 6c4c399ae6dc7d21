"""Where things are reached: version labels and build pages (previews: preview_address)."""

from __future__ import annotations


def version_label(version: int) -> str:
    return f"v0.{version}"


def build_path(project_id: str, job_id: str) -> str:
    return f"/projects/{project_id}/build?job_id={job_id}"
