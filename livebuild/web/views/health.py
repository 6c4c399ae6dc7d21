"""Health for load balancers and supervisors: live (the process answers) and ready (it can work)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/healthz", tags=["health"], include_in_schema=False)


@router.get("/live")
async def live() -> dict[str, str]:
    return {"status": "live"}


@router.get("/ready")
async def ready(request: Request) -> Any:
    services = getattr(request.app.state, "services", None)
    if services is None:
        return JSONResponse({"detail": "Starting up."}, status_code=503)
    checks = await services.health()
    if not all(checks.values()):
        return JSONResponse({"detail": "Not ready yet.", "checks": checks}, status_code=503)
    return {"status": "ready", "checks": checks}
