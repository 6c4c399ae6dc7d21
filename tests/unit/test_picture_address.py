"""Builds made before pictures were addressed at livebuild's own path kept the address of
the process that took them (`http://127.0.0.1:<a port long gone>/blobs/snapshots/…`): read
back, such an address is livebuild's own path, so their pictures show again."""

from __future__ import annotations

import pytest

from livebuild.web.picture_address import shown_picture


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "http://127.0.0.1:37659/blobs/snapshots/job-1/final.png",
            "/blobs/snapshots/job-1/final.png",
        ),
        ("http://localhost:8471/blobs/snapshots/a/b.png?v=2", "/blobs/snapshots/a/b.png?v=2"),
        ("http://[::1]:9000/blobs/snapshots/a/b.png", "/blobs/snapshots/a/b.png"),
        ("/blobs/snapshots/a/b.png", "/blobs/snapshots/a/b.png"),
        # Not livebuild's local pictures: left as stored.
        (
            "https://cdn.example.com/blobs/snapshots/a/b.png",
            "https://cdn.example.com/blobs/snapshots/a/b.png",
        ),
        (
            "https://bucket.s3.amazonaws.com/snapshots/a.png",
            "https://bucket.s3.amazonaws.com/snapshots/a.png",
        ),
        ("http://127.0.0.1:37659/elsewhere/a.png", "http://127.0.0.1:37659/elsewhere/a.png"),
        (None, None),
    ],
)
def test_a_picture_stored_at_a_gone_local_port_is_shown_at_livebuilds_own_path(
    stored: str | None, shown: str | None
) -> None:
    assert shown_picture(stored) == shown
