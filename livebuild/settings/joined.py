"""`Settings`: every concept's settings joined, and what is worked out from them."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from livebuild.core.machine import Budget, choose_budget, read_machine
from livebuild.settings.builds import BuildSettings
from livebuild.settings.mail import MailSettings
from livebuild.settings.model import ModelSettings
from livebuild.settings.requests import RequestSettings
from livebuild.settings.scale import ScaleSettings
from livebuild.settings.screenshots import ScreenshotSettings
from livebuild.settings.serving import ServingSettings
from livebuild.settings.storage import StorageSettings

ENV_PREFIX = "LIVEBUILD_"


# pydantic lists the last base's fields first: the settings table in docs/operations.md
# reads from `ServingSettings` (last) up to `MailSettings` (first).
class Settings(
    MailSettings,
    RequestSettings,
    ModelSettings,
    StorageSettings,
    ScreenshotSettings,
    BuildSettings,
    ScaleSettings,
    ServingSettings,
    BaseSettings,
):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'livebuild.store.db'}"

    @cached_property
    def budget(self) -> Budget:
        """How much this machine takes on at once by default (settings override each part)."""
        return choose_budget(read_machine())

    @property
    def resolved_concurrency(self) -> int:
        return self.concurrency or self.budget.builds

    @property
    def resolved_screenshot_concurrency(self) -> int:
        return self.screenshot_concurrency or self.budget.captures

    @property
    def resolved_queue(self) -> str:
        """`auto` shares the queue whenever the database can: a PostgreSQL URL is enough."""
        if self.queue == "auto":
            url = self.resolved_database_url
            return "postgres" if url.startswith(("postgresql", "postgres")) else "inprocess"
        return self.queue

    @property
    def resolved_event_bus(self) -> str:
        if self.event_bus == "auto":
            return "postgres" if self.resolved_queue == "postgres" else "inprocess"
        return self.event_bus

    @cached_property
    def workspaces_dir(self) -> Path:
        return self.data_dir / "workspaces"

    @property
    def email_available(self) -> bool:
        return bool(self.smtp_host and self.smtp_from)

    @cached_property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @cached_property
    def preview_template(self) -> str:
        # `*.localhost` is loopback in browsers and a different site from 127.0.0.1, so
        # the app's page holds none of livebuild's cookies.
        return (self.preview_url or f"http://{{token}}.localhost:{self.preview_port}").rstrip("/")
