"""Carrying a build through its stages: pipeline, worker, runners, sandboxes, previews."""
