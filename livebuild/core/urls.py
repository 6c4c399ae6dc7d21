"""Where things are reached: version labels, build pages and previews."""

from __future__ import annotations


def version_label(version: int) -> str:
    return f"v0.{version}"


def build_path(project_id: str, job_id: str) -> str:
    return f"/projects/{project_id}/build?job_id={job_id}"


def preview_path(job_id: str) -> str:
    return f"/preview/{job_id}"


def preview_url(base_url: str, job_id: str) -> str:
    return f"{base_url}{preview_path(job_id)}/"
