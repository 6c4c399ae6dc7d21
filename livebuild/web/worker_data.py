"""A worker's internal hand-over of a version's records, to the worker building the next.

Like the relay, it answers only callers with the cluster key; and it hands records only to
a build that starts from that very version (see engine/carry_relay.py). A HEAD says whether
this worker keeps any, and nothing else.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from livebuild.core.urls import worker_data_path
from livebuild.engine.carry_relay import MODIFIED_HEADER, DataRelay
from livebuild.web.preview.cluster_only import cluster_caller

router = APIRouter(include_in_schema=False, dependencies=[Depends(cluster_caller)])

_ID = r"^[A-Za-z0-9-]{1,64}$"


def _relay(request: Request) -> DataRelay:
    relay: DataRelay = request.app.state.services.carrier
    return relay


RelayDep = Annotated[DataRelay, Depends(_relay)]
# A build id names a folder here: nothing else may reach the file system.
JobId = Annotated[str, Path(pattern=_ID)]


@router.get(worker_data_path("{job_id}"))
async def hand_over(
    job_id: JobId, relay: RelayDep, for_job: Annotated[str, Query(alias="for", pattern=_ID)]
) -> Response:
    packed = await relay.answer(job_id, for_job)
    if packed is None:
        return Response(status_code=404)
    # Sent from its file in chunks, then removed: memory stays flat however large it is.
    return FileResponse(
        packed.path,
        media_type="application/octet-stream",  # the database alone, or a tar with its journal
        headers={MODIFIED_HEADER: f"{packed.modified:.6f}"},
        background=BackgroundTask(packed.discard),
    )


@router.head(worker_data_path("{job_id}"))
async def keeps(job_id: JobId, relay: RelayDep) -> Response:
    return Response(status_code=204 if await relay.holds(job_id) else 404)
