"""What a view may ask for, one dependency each, taken from the composition root."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from livebuild.core.preview_address import PreviewAddress
from livebuild.engine.carry_relay import DataRelay
from livebuild.engine.previews import Previews
from livebuild.engine.queue import BuildQueue
from livebuild.engine.waking import AppWaker
from livebuild.guide.service import DocumentationService
from livebuild.mail.notifier import Notifier
from livebuild.providers import ModelProvider
from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.store.blobs import BlobStore
from livebuild.store.eventlog import EventLog
from livebuild.store.repository import Repository
from livebuild.store.sessions import Sessions
from livebuild.store.shares import Shares
from livebuild.store.versions import VersionStore


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_settings(request: Request) -> Settings:
    return _services(request).settings


def get_repository(request: Request) -> Repository:
    return _services(request).repository


def get_events(request: Request) -> EventLog:
    return _services(request).events


def get_blobs(request: Request) -> BlobStore:
    return _services(request).blobs


def get_versions(request: Request) -> VersionStore:
    return _services(request).versions


def get_previews(request: Request) -> Previews:
    return _services(request).previews


def get_waker(request: Request) -> AppWaker:
    return _services(request).waker


def get_cluster_key(request: Request) -> str:
    return _services(request).cluster_key


def get_carrier(request: Request) -> DataRelay:
    return _services(request).carrier


def get_preview_address(request: Request) -> PreviewAddress:
    return _services(request).preview_origin.address


def get_sessions(request: Request) -> Sessions:
    return _services(request).sessions


def get_queue(request: Request) -> BuildQueue:
    return _services(request).queue


def get_notifier(request: Request) -> Notifier:
    return _services(request).notifier


def get_guide(request: Request) -> DocumentationService | None:
    return _services(request).docs


def get_shares(request: Request) -> Shares:
    return Shares(_services(request).repository)


def get_reads_requests(request: Request) -> bool:
    """Whether the runner reads a change request itself (`Runner.reads_requests`)."""
    return _services(request).pipeline.runner.reads_requests


def get_planner(request: Request) -> ModelProvider | None:
    """The model that plans ideas, or None when plans are read offline."""
    services = _services(request)
    return None if services.model.name == "offline" else services.model


SettingsDep = Annotated[Settings, Depends(get_settings)]
RepositoryDep = Annotated[Repository, Depends(get_repository)]
EventsDep = Annotated[EventLog, Depends(get_events)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
VersionsDep = Annotated[VersionStore, Depends(get_versions)]
PreviewsDep = Annotated[Previews, Depends(get_previews)]
WakerDep = Annotated[AppWaker, Depends(get_waker)]
CarrierDep = Annotated[DataRelay, Depends(get_carrier)]
ClusterKeyDep = Annotated[str, Depends(get_cluster_key)]
PreviewAddressDep = Annotated[PreviewAddress, Depends(get_preview_address)]
SessionsDep = Annotated[Sessions, Depends(get_sessions)]
QueueDep = Annotated[BuildQueue, Depends(get_queue)]
NotifierDep = Annotated[Notifier, Depends(get_notifier)]
GuideDep = Annotated[DocumentationService | None, Depends(get_guide)]
SharesDep = Annotated[Shares, Depends(get_shares)]
PlannerDep = Annotated[ModelProvider | None, Depends(get_planner)]
ReadsRequestsDep = Annotated[bool, Depends(get_reads_requests)]
