"""What the preview port serves: the running services' preview origin, and nothing else."""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send


class PreviewGateway:
    """Served beside the main app, whose lifespan opens the services this one uses."""

    def __init__(self, main: ASGIApp) -> None:
        self._main = main

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        services = getattr(getattr(self._main, "state", None), "services", None)
        if services is None:
            response = PlainTextResponse("Previews are starting. Try again.", status_code=503)
            await response(scope, receive, send)
            return
        await services.preview_origin(scope, receive, send)
