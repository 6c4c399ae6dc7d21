"""All configuration in one place, read from `LIVEBUILD_*` environment variables."""

from __future__ import annotations

import enum
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from livebuild.core.machine import Budget, choose_budget, read_machine
from livebuild.core.preview_address import PreviewAddress

ENV_PREFIX = "LIVEBUILD_"


class AuthMode(enum.StrEnum):
    LOCAL = "local"
    TOKEN = "token"


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("livebuild", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the database, workspaces and stored files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL. Default: SQLite in the data dir. "
            "PostgreSQL: `postgresql+asyncpg://user:pass@host/db`."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address `livebuild serve` binds to.")
    port: int = Field(default=8321, ge=0, le=65535, description="Port `livebuild serve` binds to.")
    public_url: str | None = Field(
        default=None,
        description="Base URL founders reach livebuild at (default `http://HOST:PORT`).",
    )
    preview_port: int = Field(
        default=8322,
        ge=0,
        le=65535,
        description="Port `livebuild serve` answers previews of generated apps on.",
    )
    preview_url: str | None = Field(
        default=None,
        description=(
            "Address of a build's preview, with `{token}` where the build's secret goes, e.g. "
            "`https://{token}.preview.example.com`. Default `http://{token}.localhost:PREVIEW_PORT`."
        ),
    )
    auth_mode: AuthMode = Field(
        default=AuthMode.LOCAL,
        description="`local`: no credentials, one local user. `token`: bearer tokens per user.",
    )
    signin_link_ttl_s: float = Field(
        default=900.0, gt=0, description="How long a one-time sign-in link stays valid."
    )
    concurrency: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description=(
            "Builds run at the same time. Default: one per core, as many as memory holds "
            "(`livebuild doctor` shows the number)."
        ),
    )
    queue: str = Field(
        default="auto",
        description=(
            "Where started builds wait: `inprocess` (this process runs them) or `postgres` "
            "(a Procrastinate queue in the PostgreSQL database, for separate worker processes). "
            "`auto`: `postgres` when the database is PostgreSQL, else `inprocess`."
        ),
    )
    event_bus: str = Field(
        default="auto",
        description=(
            "How followers learn of new events: `inprocess`, or `postgres` (LISTEN/NOTIFY, "
            "across processes). `auto`: `postgres` when the queue is, else `inprocess`."
        ),
    )
    worker_stall_s: float = Field(
        default=60.0,
        gt=0,
        description=(
            "A worker silent this long is taken for dead: its builds are ended as interrupted."
        ),
    )
    worker_host: str = Field(
        default="127.0.0.1",
        description=(
            "Address API processes reach this worker's app previews at (its internal address)."
        ),
    )
    worker_port: int = Field(
        default=0,
        ge=0,
        le=65535,
        description=(
            "Internal port a `livebuild worker` serves health and app previews on (0: any free)."
        ),
    )
    cluster_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key API processes send a worker's internal address with (none: the first process "
            "makes one and keeps it in the database)."
        ),
    )
    runner: str = Field(
        default="offline",
        description=(
            "What writes the app: `offline` (templates, no model) or `model` (the configured "
            "model provider, with a fix loop on failed checks)."
        ),
    )
    sandbox: str = Field(
        default="auto",
        description=(
            "Where generated apps run: `bwrap` (namespaces, no network), `local` (unsafe, "
            "development only) or `auto` (`bwrap` if its start-up self-test passes)."
        ),
    )
    allow_unsafe_sandbox: str | None = Field(
        default=None,
        description=(
            "Set to `local` to allow the unsafe `local` sandbox with token auth and the "
            "model runner."
        ),
    )
    sandbox_cpu_s: int = Field(
        default=120, ge=1, description="CPU seconds a generated app may use."
    )
    sandbox_memory_mb: int = Field(
        default=512,
        ge=32,
        description="Memory a generated app may use, in MB (in bwrap, all its processes together).",
    )
    sandbox_cpus: float = Field(
        default=1.0,
        gt=0,
        description="CPU cores a `bwrap` app's processes may keep busy together.",
    )
    sandbox_file_mb: int = Field(
        default=64, ge=1, description="Largest file a generated app may write, in MB."
    )
    sandbox_processes: int = Field(
        default=64, ge=4, description="Processes and threads a `bwrap` sandbox may run."
    )
    sandbox_disk_mb: int = Field(
        default=128, ge=1, description="Disk a `bwrap` app may fill in its data folder, in MB."
    )
    sandbox_uid_base: int = Field(
        default=200_000,
        ge=1000,
        description="First of the host uids `bwrap` apps run as when livebuild runs as root.",
    )
    sandbox_start_timeout_s: float = Field(
        default=15.0, gt=0, description="How long a generated app may take to answer."
    )
    sandbox_keepalive_s: float = Field(
        default=1800.0, ge=0, description="How long an app keeps running after `ready`."
    )
    previews_per_user: int = Field(
        default=3,
        ge=1,
        description=(
            "Apps one user may keep running; past that the least recently used one goes to "
            "sleep (a build in progress counts but is never put to sleep)."
        ),
    )
    stage_timeout_s: float = Field(
        default=300.0, gt=0, description="A stage running longer than this fails the build."
    )
    checks_retries: int = Field(
        default=1, ge=0, le=3, description="Times failed checks send the build back to scaffold."
    )
    screenshots_enabled: bool = Field(default=True, description="Capture live screenshots.")
    chromium_path: str | None = Field(
        default=None,
        description=(
            "Chromium for screenshots. Default: Playwright's own browser if installed, "
            "else the system `chromium`."
        ),
    )
    screenshot_browser: Literal["shared", "inprocess"] = Field(
        default="shared",
        description=(
            "Whose Chromium takes screenshots: `shared` (one per machine, started by the "
            "first process that needs it and shared by every `serve` and `worker` using "
            "the same data dir) or `inprocess` (one per process)."
        ),
    )
    screenshot_service_idle_s: float = Field(
        default=300.0,
        gt=0,
        description=(
            "How long the shared screenshot service waits unused before it stops (it "
            "stops at once when the last process using it has gone)."
        ),
    )
    screenshot_service_dir: Path | None = Field(
        default=None,
        description=(
            "Where the shared screenshot service keeps its lock and address. Default: "
            "`screenshot-service` in the data dir; processes on one machine with different "
            "data dirs share one browser by naming the same folder."
        ),
    )
    screenshot_timeout_s: float = Field(
        default=10.0, gt=0, description="Longest a single screenshot may take."
    )
    screenshot_concurrency: int | None = Field(
        default=None,
        ge=1,
        le=32,
        description=(
            "Screenshots taken at the same time. Default: one more than the cores, as many "
            "as memory holds (`livebuild doctor` shows the number)."
        ),
    )
    blob_storage: str = Field(
        default="local",
        description="Where screenshots are stored: `local` (the data dir) or `s3`.",
    )
    blob_public_url: str | None = Field(
        default=None,
        description=(
            "Public base URL stored files are served from, e.g. a CDN in front of the "
            "bucket (S3 only; local files are served by livebuild)."
        ),
    )
    s3_bucket: str | None = Field(default=None, description="S3 bucket for stored files.")
    s3_prefix: str = Field(default="livebuild", description="Key prefix inside the bucket.")
    s3_endpoint_url: str | None = Field(
        default=None, description="S3-compatible endpoint (MinIO, R2, …); default AWS."
    )
    s3_region: str | None = Field(
        default=None, description="S3 region. Credentials come from the usual AWS variables."
    )
    docs_enabled: bool = Field(default=True, description="Write end-user documentation.")
    llm_narration_enabled: bool = Field(
        default=False, description="Ask the model for narration (offline narration otherwise)."
    )
    model_provider: str = Field(
        default="offline",
        description=(
            "Who plans ideas and writes narration and documentation: `offline` (no key, "
            "deterministic), "
            "`anthropic` or `openai` (any OpenAI-compatible server), `local` (a GGUF model "
            "on this machine, see `livebuild model pull`) or `auto` (a configured cloud "
            "model, else the local one if its file is present, else `offline`)."
        ),
    )
    model_name: str | None = Field(
        default=None, description="Model to ask (default: the provider's own choice)."
    )
    model_api_key: SecretStr | None = Field(
        default=None,
        description="API key (default: the SDK's own `ANTHROPIC_API_KEY` / `OPENAI_API_KEY`).",
    )
    model_base_url: str | None = Field(
        default=None,
        description="Endpoint of the provider, e.g. a local `http://127.0.0.1:11434/v1`.",
    )
    local_model: Path | None = Field(
        default=None,
        description=(
            "GGUF file the `local` provider runs (default: the model `livebuild model pull` "
            "puts in the data dir)."
        ),
    )
    local_model_queue: int = Field(
        default=4,
        ge=0,
        le=64,
        description=(
            "Model calls that may wait for the local model; past that it answers busy and "
            "the caller falls back (a founder's plan or change goes before background work)."
        ),
    )
    local_model_idle_s: float = Field(
        default=600.0,
        gt=0,
        description="The shared local model server exits after this long unused (frees memory).",
    )
    local_model_threads: int = Field(
        default=0,
        ge=0,
        le=256,
        description=(
            "Threads the local model uses (0: half the cores, at least one; on busy cores "
            "more threads are slower, not faster)."
        ),
    )
    model_timeout_s: float = Field(
        default=60.0, gt=0, description="Longest a single model call may take."
    )
    plan_timeout_s: float = Field(
        default=15.0,
        gt=0,
        description="Longest the model may take to plan an idea before the offline plan.",
    )
    local_plan_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description=(
            "Longest the local model may take to read an idea before the offline plan (it "
            "shares the cores with builds: a few seconds when they are quiet, far more when not)."
        ),
    )
    change_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description=(
            "Longest the model may take to read a change request before the rules read it."
        ),
    )
    narration_timeout_s: float = Field(
        default=4.0, gt=0, description="Longest narration may take before the offline line."
    )
    docs_timeout_s: float = Field(
        default=180.0, gt=0, description="Longest the documentation may take in all."
    )
    heartbeat_s: float = Field(
        default=15.0, gt=0, le=15.0, description="Idle event streams send a heartbeat this often."
    )
    max_body_bytes: int = Field(
        default=256 * 1024, ge=1024, description="Largest request body accepted, in bytes."
    )
    max_import_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1024,
        description="Largest spreadsheet (CSV) imported into a hosted app at once, in bytes.",
    )
    body_timeout_s: float = Field(
        default=15.0,
        gt=0,
        description="Longest a request body may take to arrive (408 after that).",
    )
    allowed_hosts: str = Field(
        default="",
        description=(
            "More names livebuild answers to, comma-separated (`host` or `host:port`; `*` turns "
            "the check off). Always allowed: the host of the public URL, and loopback names "
            "with the port in `local` mode."
        ),
    )
    projects_per_minute: int = Field(
        default=20, ge=1, description="Projects one user may create per minute (429 after that)."
    )
    builds_per_minute: int = Field(
        default=20, ge=1, description="Builds one user may start per minute (429 after that)."
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server for build-finished emails (none: the page doesn't offer them).",
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_from: str | None = Field(
        default=None, description="Sender address of build-finished emails."
    )
    smtp_username: str | None = Field(default=None, description="SMTP user name, if it needs one.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(
        default=True, description="Upgrade the SMTP connection with STARTTLS."
    )
    notify_emails_per_hour: int = Field(
        default=10,
        ge=1,
        description=(
            "Build-finished emails one user may ask for per hour, to any addresses (429 after "
            "that, and no more are sent)."
        ),
    )

    @field_validator("preview_url")
    @classmethod
    def _preview_template(cls, value: str | None) -> str | None:
        if value is not None:
            PreviewAddress(value)
        return value

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

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


def settings_table() -> list[dict[str, Any]]:
    """One row per setting: the environment variable, its default and what it does."""
    rows = []
    for name, field in Settings.model_fields.items():
        if field.default_factory is not None:
            default = "user data dir / livebuild" if name == "data_dir" else "(computed)"
        else:
            default = field.default
        if isinstance(default, enum.Enum):
            default = default.value
        rows.append(
            {
                "env": f"{ENV_PREFIX}{name.upper()}",
                "default": ""
                if default is None
                else str(default).lower()
                if isinstance(default, bool)
                else str(default),
                "description": field.description or "",
            }
        )
    return rows


def settings_markdown() -> str:
    lines = ["| Variable | Default | What it does |", "|---|---|---|"]
    for row in settings_table():
        default = f"`{row['default']}`" if row["default"] else ""
        lines.append(f"| `{row['env']}` | {default} | {row['description']} |")
    return "\n".join(lines)
