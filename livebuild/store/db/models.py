"""Database tables. Times are stored as timezone-aware UTC datetimes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from livebuild.core.guide_status import GuideStatus


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime]


class ApiToken(Base):
    __tablename__ = "api_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]


class SigninLink(Base):
    """A one-time sign-in link; only the hash of its code is kept."""

    __tablename__ = "signin_links"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    idea: Mapped[str] = mapped_column(Text)
    brief: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    builds_started: Mapped[int] = mapped_column(Integer, default=0)
    # Set while a build runs; the guarded update on it is what makes "one active
    # build per project" atomic without a lock.
    active_job_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    change_request: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The project's brief as this build started: the project keeps only the latest,
    # and a changelog compares a version with the one before it.
    brief: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    # Which run of the build this is: a build whose worker died runs once more (2).
    delivery: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    stage_started_at: Mapped[datetime | None]
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    tokens: Mapped[int] = mapped_column(Integer, default=0)
    preview_port: Mapped[int | None]
    # The secret in the preview's capability URL: whoever has the link may view the app.
    preview_token: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    snapshot_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Why there are no screenshots, in founder words, when previews are unavailable.
    snapshot_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    docs_status: Mapped[str] = mapped_column(String(16), default=GuideStatus.PENDING.value)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    debug_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Ownership of a running build is a lease its worker keeps renewing: recovery only
    # ends builds whose lease ran out, never a live worker's.
    worker_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_expires_at: Mapped[datetime | None]
    # Where the worker running this build serves its app, for API processes elsewhere.
    worker_address: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The version this one was built from (a change or a restore); None for a fresh build.
    base_job_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # path -> SHA-256 of every app file once the version is ready; the bytes live in
    # the blob store, so a version outlives its workspace.
    manifest: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # {"made": [...], "unmade": [...]}: what the change request did and could not do.
    change_notes: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class EventRow(Base):
    __tablename__ = "events"
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(40))
    ts: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)


class StageRun(Base):
    __tablename__ = "stage_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    attempt: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    duration_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    tokens: Mapped[int] = mapped_column(Integer, default=0)


Index("ix_stage_runs_stage_id", StageRun.stage, StageRun.id)


class LogLine(Base):
    __tablename__ = "job_logs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    ts: Mapped[datetime]
    line: Mapped[str] = mapped_column(Text)


class Snapshot(Base):
    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    url: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    captured_at: Mapped[datetime]


class DocSection(Base):
    __tablename__ = "doc_sections"
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    section: Mapped[str] = mapped_column(String(32), primary_key=True)
    markdown: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    # Set when the founder wrote this text: a later version keeps it rather than
    # rewriting it, unless the plan behind the section changed.
    edited_at: Mapped[datetime | None] = mapped_column(nullable=True, default=None)


class BuildNotification(Base):
    """An address to email once when the build ends; `sent_at` marks it done."""

    __tablename__ = "build_notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class Worker(Base):
    """A process that runs builds, as last seen: for `livebuild status` and health."""

    __tablename__ = "workers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(200), nullable=True)
    concurrency: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class Share(Base):
    """A read-only link to a finished build, looked up by its token's hash.

    The token itself is kept too, so its owner can see and revoke each live link;
    links made before it was kept have none and are revoked all at once.
    """

    __tablename__ = "shares"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]


class ClusterSecret(Base):
    """A secret the processes of one installation share, made once by whichever starts first."""

    __tablename__ = "cluster_secrets"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
