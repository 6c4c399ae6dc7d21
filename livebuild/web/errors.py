"""How every process's app answers what went wrong: a plain sentence, never a trace.

The API app and a worker's internal app install the same handlers; a worker imports this
module alone, not the API's views.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from livebuild.core.errors import LivebuildError, Unauthorized
from livebuild.store.db.outage import is_database_outage
from livebuild.web.errorpage import error_page, is_page_request
from livebuild.web.views import signin

log = logging.getLogger(__name__)

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


def install_error_handlers(app: FastAPI) -> None:
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
