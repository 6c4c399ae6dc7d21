"""The plan: deriving a structured brief from a founder's idea."""

from livebuild.brief.catalogue import (
    Catalogue,
    CatalogueError,
    Domain,
    EntitySpec,
    shipped_catalogue,
)
from livebuild.brief.derive import derive_brief
from livebuild.brief.model import FIELD_KINDS, Brief, Entity, Field, Theme
from livebuild.brief.theme import contrast_ratio

__all__ = [
    "FIELD_KINDS",
    "Brief",
    "Catalogue",
    "CatalogueError",
    "Domain",
    "Entity",
    "EntitySpec",
    "Field",
    "Theme",
    "contrast_ratio",
    "derive_brief",
    "shipped_catalogue",
]
