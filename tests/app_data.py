"""What an app wrote in its data folder, read from the host as an operator would.

A bwrap app's data may be a disk image mounted in the sandbox's own namespace: while the
app runs it is read there; once stopped, from the image itself.
"""

from __future__ import annotations

import subprocess

from livebuild.engine.sandbox.base import Sandbox


def app_data(box: Sandbox, name: str) -> str:
    data = box.workspace.parent / "data"
    image = data.with_name("data.img")
    if not image.exists():
        return (data / name).read_text()
    jail = getattr(box, "_jail", None)
    if jail is not None and box.running:
        argv = ["nsenter", f"--mount=/proc/{jail.process.pid}/ns/mnt", "cat", str(data / name)]
    else:
        argv = ["debugfs", "-R", f"cat /{name}", str(image)]
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout
