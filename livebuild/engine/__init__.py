"""Carrying a build through its stages: pipeline, worker, runners, sandboxes, previews."""

# The offline model's rules write plans, code, guides and narration: they sit in this layer
# and register into providers, so the offline provider answers wherever the engine is loaded.
from livebuild.engine import offline_model as _offline_model  # noqa: F401
