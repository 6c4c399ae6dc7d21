"""A worker process's own small HTTP server: its health, and the previews of the apps it runs.

It listens on an internal address that API processes forward preview requests to. The
API process has already checked who is asking, so here a build is looked up by id alone,
for callers that send the installation's cluster key (see web/preview/cluster_only.py);
even so, this port belongs on a private network, never on the public one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from livebuild.engine.runners import Runner
from livebuild.engine.sandbox import SandboxProvider
from livebuild.services import Services
from livebuild.settings import Settings
from livebuild.store.db.models import Job
from livebuild.store.leases import Holder, new_worker_id
from livebuild.web.auth import owned_job
from livebuild.web.deps import RepositoryDep
from livebuild.web.errors import install_error_handlers
from livebuild.web.preview import relay, worker_wake
from livebuild.web.views import health
from livebuild.web.worker_data import router as data_router


async def _any_job(job_id: str, repository: RepositoryDep) -> Job:
    return await repository.get_job(job_id)


def create_worker_app(
    settings: Settings,
    *,
    address: str,
    runner: Runner | None = None,
    sandboxes: SandboxProvider | None = None,
) -> FastAPI:
    """A worker reachable at `address` (its internal base URL, as API processes see it)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = await Services.open(
            settings,
            runner=runner,
            sandboxes=sandboxes,
            run_worker=True,
            holder=Holder(worker_id=new_worker_id(), address=address),
        )
        app.state.services = services
        services.prepare_model()
        services.prepare_screenshots()
        # The preview relay's client, shared by every visitor of every app on this worker.
        # A kept connection is dropped after 2 s idle, well before the app's own idle close
        # (5 s, generated app.py): two equal timers on either side of a pool let a request go
        # out on a connection the app is closing, and httpx does not retry it (a false
        # "resting" page, a lost form post).
        app.state.proxy_client = httpx.AsyncClient(
            timeout=httpx.Timeout(30.0, connect=5.0), limits=httpx.Limits(keepalive_expiry=2.0)
        )
        await services.queue.start()
        try:
            yield
        finally:
            await services.close()
            await app.state.proxy_client.aclose()

    app = FastAPI(title="livebuild worker", lifespan=lifespan, docs_url=None, openapi_url=None)
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(relay.router)
    app.include_router(worker_wake.router)
    app.include_router(data_router)
    app.dependency_overrides[owned_job] = _any_job
    return app
