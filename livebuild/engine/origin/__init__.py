"""The preview origin: the server that answers only previews of generated apps."""

from livebuild.engine.origin.app import PreviewOrigin

__all__ = ["PreviewOrigin"]
