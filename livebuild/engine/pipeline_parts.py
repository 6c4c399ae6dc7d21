"""What a build pipeline works with: every collaborator, given explicitly, and its own books."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from livebuild.core.preview_address import PreviewAddress
from livebuild.engine.carry import RemoteData
from livebuild.engine.carry_kept import KeptRecords
from livebuild.engine.preview_check import PreviewCheck
from livebuild.engine.previews import Previews
from livebuild.engine.runners.base import Runner
from livebuild.guide.service import DocumentationService
from livebuild.mail.notifier import Notifier
from livebuild.providers.base import ModelProvider
from livebuild.screenshots.service import SnapshotService
from livebuild.settings import Settings
from livebuild.store.eventlog import EventLog
from livebuild.store.leases import Holder
from livebuild.store.repository import Repository
from livebuild.store.versions import VersionStore


class PipelineParts:
    """The collaborators and running builds that every part of the pipeline shares."""

    def __init__(
        self,
        *,
        settings: Settings,
        repository: Repository,
        events: EventLog,
        runner: Runner,
        previews: Previews,
        model: ModelProvider,
        snapshots: SnapshotService | None,
        docs: DocumentationService | None,
        notifier: Notifier,
        holder: Holder,
        versions: VersionStore,
        preview_check: PreviewCheck | None = None,
        carrier: RemoteData | None = None,
        kept: KeptRecords | None = None,
    ) -> None:
        self.settings = settings
        self.holder = holder
        # The builds this process has claimed and is running, for lease renewal.
        self.running: dict[str, asyncio.Task[Any] | None] = {}
        # Builds whose lease another worker ended: they stop without another word.
        self._lost: set[str] = set()
        # Builds that are writing their own last word: their lease ends with them.
        self._ending: set[str] = set()
        self.repository = repository
        self.events = events
        self.runner = runner
        self.previews = previews
        self.model = model
        self.snapshots = snapshots
        self.docs = docs
        self.notifier = notifier
        self.versions = versions
        self.preview_check = preview_check
        # Where the records of a version another machine ran are fetched from.
        self.carrier = carrier
        # Where each ready version's records are copied, to outlive this machine.
        self.kept = kept
        self.preview_address = PreviewAddress(settings.preview_template)

    def job_dir(self, job_id: str) -> Path:
        return self.settings.workspaces_dir / job_id
