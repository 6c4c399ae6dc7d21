"""A scripted engine for the model server, so its sharing, queue and limits are tested on the
real server process and wire protocol without loading a real model.

The "model file" is a JSON script: {"text": str, "delay_s": float, "log": path}. Each call
streams the text word by word, `delay_s` apart, and appends a line to the log when it starts
and when it ends (with how it ended), so tests can see the order calls ran in.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from livebuild.providers.local.engine import Emit


class ScriptedEngine:
    def __init__(self, model: Path, *, threads: int = 0) -> None:
        self.script = json.loads(model.read_text())
        self.name = model.name

    def _log(self, **entry: Any) -> None:
        with Path(self.script["log"]).open("a") as log:
            log.write(json.dumps({**entry, "at": time.time()}) + "\n")

    def generate(self, body: dict[str, Any], emit: Emit) -> None:
        said = str(body["messages"][-1]["content"])
        opens = str(body["messages"][0]["content"])
        self._log(
            event="start", said=said, opens=opens, response_format=body.get("response_format")
        )
        words = str(self.script["text"]).split(" ")
        for index, word in enumerate(words):
            time.sleep(float(self.script.get("delay_s", 0)))
            delta = word if index == 0 else " " + word
            if emit({"choices": [{"index": 0, "delta": {"content": delta}}]}):
                self._log(event="stopped", said=said)
                return
        usage = {"prompt_tokens": 7, "completion_tokens": len(words)}
        timings = {"prompt_n": 7, "cache_n": 0, "predicted_n": len(words)}  # as llama.cpp's
        emit({"choices": [], "usage": usage, "timings": timings})
        self._log(event="end", said=said)
