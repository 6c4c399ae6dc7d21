"""All configuration in one place, read from `LIVEBUILD_*` environment variables.

Each concept's settings are declared in a module of their own (`serving`, `scale`,
`builds`, `screenshots`, `storage`, `model`, `requests`, `mail`); `Settings` joins them
and adds what is worked out from them. A new setting goes at the end of its concept's
class; a new concept is a new module whose class joins the bases of `Settings`.
"""

from __future__ import annotations

from livebuild.settings.joined import ENV_PREFIX, Settings
from livebuild.settings.serving import AuthMode
from livebuild.settings.table import settings_markdown, settings_table

__all__ = ["ENV_PREFIX", "AuthMode", "Settings", "settings_markdown", "settings_table"]
