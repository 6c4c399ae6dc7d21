"""Building the web application: routes, error rendering and the lifespan of services."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from livebuild.brief.plan import warm_offline_reader
from livebuild.core.errors import LivebuildError, Unauthorized
from livebuild.engine.runners import Runner
from livebuild.engine.sandbox import SandboxProvider
from livebuild.safety.limits import BodySizeLimit
from livebuild.safety.origin import HostAndOriginCheck, allowed_hosts
from livebuild.safety.ratelimit import MemoryRateLimiter
from livebuild.safety.storable import StorableText
from livebuild.services import Services
from livebuild.settings import AuthMode, Settings
from livebuild.store.db.outage import is_database_outage
from livebuild.web.errorpage import error_page, is_page_request
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

_STATUS_TEXT = {
    400: "That request isn't quite right.",
    401: "Please sign in with your livebuild access token.",
    403: "You can't do that.",
    404: "We couldn't find that page.",
    405: "That action isn't available here.",
    408: "That request took too long to arrive. Please try again.",
    413: "That request is too large. Please shorten it and try again.",
    415: "Please send the request body as JSON.",
    429: "Too many requests. Please wait a moment and try again.",
}


DATABASE_AWAY = "livebuild can't reach its database for a moment. Please try again shortly."
DATABASE_RETRY_AFTER_S = 5


def _validation_message(error: RequestValidationError) -> str:
    messages = []
    for item in error.errors():
        kind = item.get("type", "")
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "query")]
        where = ".".join(location)
        if kind == "json_invalid":
            messages.append("The request body isn't valid JSON.")
        elif kind == "value_error":
            messages.append(str(item.get("msg", "")).removeprefix("Value error, "))
        elif kind == "missing":
            messages.append(f"Please include {where or 'a request body'}.")
        elif kind in ("model_attributes_type", "dict_type"):
            messages.append("The request body should be a JSON object.")
        else:
            messages.append(
                f"{where}: {item.get('msg', 'is not valid')}."
                if where
                else "The request isn't valid."
            )
    return " ".join(dict.fromkeys(messages)) or "The request isn't valid."


def _is_page_request(request: Request) -> bool:
    """A browser opening a page (not the API, not an image): it can be sent to sign in."""
    return (
        request.method == "GET"
        and not request.url.path.startswith("/api/")
        and "text/html" in request.headers.get("accept", "")
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LivebuildError)
    async def livebuild_error(request: Request, error: LivebuildError) -> Response:
        if isinstance(error, Unauthorized) and _is_page_request(request):
            return signin.signin_redirect(request)
        if is_page_request(request):
            return error_page(request, error.status_code, error.body()["detail"], error.headers())
        return JSONResponse(error.body(), status_code=error.status_code, headers=error.headers())

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if is_page_request(request):
            return error_page(request, 404, _STATUS_TEXT[404])
        return JSONResponse({"detail": _validation_message(error)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        detail = _STATUS_TEXT.get(error.status_code, "That request couldn't be completed.")
        if is_page_request(request):
            return error_page(request, error.status_code, detail, getattr(error, "headers", None))
        return JSONResponse(
            {"detail": detail},
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    # The database's errors and connection errors are answered here, so they are not
    # raised on to the server as faults; anything else reaches `unexpected`.
    @app.exception_handler(SQLAlchemyError)
    @app.exception_handler(OSError)
    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        if is_database_outage(error):
            log.warning("database unreachable: %s", error)
            return JSONResponse(
                {"detail": DATABASE_AWAY},
                status_code=503,
                headers={"Retry-After": str(DATABASE_RETRY_AFTER_S)},
            )
        log.exception("unexpected error", exc_info=error)
        return JSONResponse(
            {"detail": "Something went wrong on our side. Please try again."}, status_code=500
        )


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
        services.prepare_model()
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
    _install_error_handlers(app)
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
