"""A worker's internal routes answer only the processes of its own installation.

Every caller sends the cluster key (see store/cluster_key.py); and the path, as sent,
stays inside the route it reached: no dot segment may climb from one build's relay to
another's or to the worker's own routes.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from livebuild.core.urls import CLUSTER_KEY_HEADER
from livebuild.engine.origin.paths import bound_path
from livebuild.store.cluster_key import same_key


async def cluster_caller(request: Request) -> None:
    """Refuse (403) a caller without the key, and (404) a path that climbs."""
    key: str = request.app.state.services.cluster_key
    if not same_key(request.headers.get(CLUSTER_KEY_HEADER), key):
        raise HTTPException(status_code=403, detail="Not allowed.")
    raw = request.scope.get("raw_path") or request.url.path.encode()
    if bound_path(raw.decode("latin-1")) is None:
        raise HTTPException(status_code=404, detail="Not found.")
