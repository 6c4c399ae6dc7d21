"""Building the web application: routes, error rendering and the lifespan of services."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from livebuild.brief.plan import warm_offline_reader
from livebuild.core.heap import give_back
from livebuild.engine.runners import Runner
from livebuild.engine.sandbox import SandboxProvider
from livebuild.safety.limits import BodySizeLimit
from livebuild.safety.origin import HostAndOriginCheck, allowed_hosts
from livebuild.safety.ratelimit import MemoryRateLimiter
from livebuild.safety.storable import StorableText
from livebuild.services import Services
from livebuild.settings import AuthMode, Settings
from livebuild.web.errors import install_error_handlers
from livebuild.web.preview.gateway import PreviewGateway
from livebuild.web.responses import EVERY_ROUTE, errors
from livebuild.web.views import (
    app_data,
    docs,
    exports,
    health,
    jobs,
    notifications,
    pages,
    preview_redirect,
    project_lifecycle,
    projects,
    shared,
    sharing,
    signin,
    snapshots,
    stream,
    timelapse,
    versions,
)
from livebuild.web.views.app_data import IMPORT_PATH

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(
    settings: Settings | None = None,
    *,
    runner: Runner | None = None,
    sandboxes: SandboxProvider | None = None,
    run_worker: bool = True,
) -> FastAPI:
    """`run_worker=False` serves the API only; builds run in `livebuild worker` processes."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = await Services.open(
            settings, runner=runner, sandboxes=sandboxes, run_worker=run_worker
        )
        app.state.services = services
        await asyncio.to_thread(warm_offline_reader)
        give_back()  # the warm-up's scratch memory
        services.prepare_model()
        if run_worker:
            services.prepare_screenshots()
        await services.queue.start()
        try:
            yield
        finally:
            await services.close()

    app = FastAPI(
        title="livebuild",
        summary="Turn a product idea into a running web app, and watch it being built.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.rate_limiter = MemoryRateLimiter()
    install_error_handlers(app)
    _install_routes(app)
    _install_middleware(app, settings)
    # The preview port's server runs this, so the app's pages get an origin of their own.
    app.state.preview_app = PreviewGateway(app)
    return app


# Every router of the API and the pages, in the order their paths are matched.
_ROUTERS = (
    health,
    projects,
    project_lifecycle,
    app_data,
    jobs,
    versions,
    stream,
    snapshots,
    timelapse,
    docs,
    exports,
    sharing,
    shared,
    notifications,
    preview_redirect,
    signin,
    pages,
)


def _install_routes(app: FastAPI) -> None:
    for module in _ROUTERS:
        app.include_router(module.router, responses=errors(*EVERY_ROUTE))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    # Inside the body limit, so what it reads is bounded.
    app.add_middleware(StorableText)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        timeout_s=settings.body_timeout_s,
        wider=(IMPORT_PATH, settings.max_import_bytes),
    )
    # Added last so it runs first: a request for an unknown host is refused before anything else.
    app.add_middleware(
        HostAndOriginCheck,
        hosts=allowed_hosts(
            settings.base_url,
            settings.port,
            local=settings.auth_mode is AuthMode.LOCAL,
            extra=settings.allowed_hosts,
        ),
    )


def app_factory() -> Any:
    """Entry point for ASGI servers (`uvicorn --factory livebuild.web.app:app_factory`)."""
    return create_app()
