"""Signing a browser in and out (token mode): a token, or a one-time link from the CLI.

Sign-in is accepted from livebuild's own pages only: a form post must come from
this origin, so no other site can sign a founder into someone else's account.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from livebuild.core.errors import LivebuildError, Unauthorized
from livebuild.settings import AuthMode, Settings
from livebuild.web.cookies import SESSION_COOKIE, clear_session, set_session
from livebuild.web.deps import RepositoryDep, SessionsDep, SettingsDep

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

_WRONG_TOKEN = "That access token isn't right. Check it and try again."
_USED_LINK = "That sign-in link has been used or has expired. Ask for a new one."


class CrossSite(LivebuildError):
    status_code = 403

    def __init__(self) -> None:
        super().__init__("Please sign in from the livebuild sign-in page.")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: a sign-in link must not lead anywhere else."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _same_origin(request: Request, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if referer is None:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    own = {
        f"{request.url.scheme}://{request.headers.get('host', '')}",
        "{0.scheme}://{0.netloc}".format(urlsplit(settings.base_url)),
    }
    return origin in own


def _secure(settings: Settings) -> bool:
    return settings.base_url.startswith("https://")


def _signin_page(
    request: Request, *, next_path: str, code: str = "", error: str = "", status: int = 200
) -> HTMLResponse:
    context = {"next": next_path, "code": code, "error": error}
    return templates.TemplateResponse(request, "signin.html", context, status_code=status)


@router.get("/signin", response_class=HTMLResponse)
async def signin_page(
    request: Request,
    settings: SettingsDep,
    code: Annotated[str, Query(max_length=200)] = "",
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> Response:
    if settings.auth_mode is AuthMode.LOCAL:
        return RedirectResponse("/", status_code=303)
    # A link is used up by the button on this page, not by opening it: link previews
    # in chat and mail apps fetch the address without the founder.
    return _signin_page(request, next_path=_safe_next(next), code=code)


async def _credentials(request: Request) -> tuple[dict[str, Any], bool]:
    """The posted fields and whether they came as JSON."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.json()
        if not isinstance(body, dict):
            raise Unauthorized(_WRONG_TOKEN)
        return body, True
    # The page's form is URL-encoded; its body is small and bounded by the body-size limit.
    raw = (await request.body()).decode("utf-8", "replace")
    return dict(parse_qsl(raw, keep_blank_values=True)), False


@router.post("/signin")
async def signin(
    request: Request,
    settings: SettingsDep,
    repository: RepositoryDep,
    sessions: SessionsDep,
) -> Response:
    if settings.auth_mode is AuthMode.LOCAL:
        return RedirectResponse("/", status_code=303)
    fields, as_json = await _credentials(request)
    # A JSON post can't come from another site's form (it needs a preflight no
    # origin passes); a form post must name this origin.
    vouched = as_json and request.headers.get("origin") is None
    if not vouched and not _same_origin(request, settings):
        raise CrossSite
    next_path = _safe_next(str(fields.get("next") or "/"))
    token = str(fields.get("token") or "").strip()
    code = str(fields.get("code") or "").strip()
    user_id = None
    if code:
        user_id = await sessions.redeem(code[:200])
        error = _USED_LINK
    elif token:
        user = await repository.user_for_token(token[:200])
        user_id = None if user is None else user.id
        error = _WRONG_TOKEN
    else:
        error = _WRONG_TOKEN
    if user_id is None:
        if as_json:
            raise Unauthorized(error)
        return _signin_page(request, next_path=next_path, error=error, status=401)
    session = await sessions.start(user_id)
    response: Response = (
        JSONResponse({"signed_in": True, "next": next_path})
        if as_json
        else RedirectResponse(next_path, status_code=303)
    )
    set_session(response, session, secure=_secure(settings))
    return response


@router.post("/signout")
async def signout(request: Request, settings: SettingsDep, sessions: SessionsDep) -> Response:
    if not _same_origin(request, settings):
        raise CrossSite
    current = request.cookies.get(SESSION_COOKIE)
    if current:
        await sessions.end(current)
    response = RedirectResponse("/signin", status_code=303)
    clear_session(response, secure=_secure(settings))
    return response


def signin_redirect(request: Request) -> RedirectResponse:
    """Where a page asked for without a session sends the browser."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={quote(here, safe='')}", status_code=303)
