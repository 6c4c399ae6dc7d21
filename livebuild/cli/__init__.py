"""The `livebuild` command: serve, build, change, users and the operator's tools."""

from livebuild.cli.main import main

__all__ = ["main"]
