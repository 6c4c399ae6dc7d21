"""The copy of a version's records as it travels: a plain tar of the app's database and its
companions, written and read file by file in chunks (memory stays flat however large it
is), bounded by the size an app may keep, and checked name by name on arrival."""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from livebuild.engine.carry import NAMES, CarryError, copy_from
from livebuild.engine.carry_renames import Renames

_NAMES = frozenset(NAMES)
# A tar header per file and the end marker, beyond the files themselves.
OVERHEAD = 512 * (2 * len(_NAMES) + 4)
_CHUNK = 1024 * 1024


def pack(source: Path, live: Path | None, limit: int, into: Path) -> bool:
    """Write a tar of the records the version in `source` keeps here into the new file
    `into`; False (and no file) when it keeps none."""
    with tempfile.TemporaryDirectory(prefix="livebuild-pack-") as folder:
        target = Path(folder) / "data"
        if not copy_from(source, live, target, Renames([], []), limit):
            return False
        with tarfile.open(into, mode="x", format=tarfile.USTAR_FORMAT) as archive:
            for name in sorted(os.listdir(target)):
                archive.add(target / name, arcname=name, recursive=False)
        return True


def unpack(packed: Path, folder: Path, limit: int) -> None:
    """Write a packed copy's files into the empty `folder`; anything but the app's database
    and its companions, as plain files within `limit`, is refused whole."""
    if packed.stat().st_size > limit + OVERHEAD:
        raise CarryError("the copy is larger than an app may keep")
    try:
        with tarfile.open(packed, mode="r:") as archive:
            members = archive.getmembers()
            for member in members:
                if member.name not in _NAMES or not member.isreg() or member.size > limit:
                    raise CarryError(f"the copy holds what an app's data may not: {member.name!r}")
            for member in members:
                handle = archive.extractfile(member)
                assert handle is not None  # a regular member always has its bytes
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                with os.fdopen(os.open(folder / member.name, flags, 0o600), "wb") as out:
                    shutil.copyfileobj(handle, out, _CHUNK)
    except tarfile.TarError as error:
        raise CarryError(f"the copy can't be read: {error}") from error
