"""Reads the metadata at the head of a GGUF file: enough to tell which model a file holds."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any, BinaryIO

_MAGIC = b"GGUF"
# GGUF value types: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
_MAX_STRING = 1 << 20
_MAX_KEYS = 4096
# Long arrays (the tokenizer's vocabulary) are skipped, not kept.
_KEEP_ARRAY = 64

# llama.cpp's file types; the quantization a file was made with.
FILE_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 7: "Q8_0", 12: "Q3_K_M", 15: "Q4_K_M", 17: "Q5_K_M"}


class NotGGUF(ValueError):
    pass


def _read(file: BinaryIO, size: int) -> bytes:
    data = file.read(size)
    if len(data) != size:
        raise NotGGUF("the file ends inside its header")
    return data


def _string(file: BinaryIO) -> str:
    (length,) = struct.unpack("<Q", _read(file, 8))
    if length > _MAX_STRING:
        raise NotGGUF("a metadata string is implausibly long")
    return _read(file, length).decode("utf-8", "replace")


def _value(file: BinaryIO, kind: int) -> Any:
    if kind in _SCALARS:
        fmt = _SCALARS[kind]
        return struct.unpack(fmt, _read(file, struct.calcsize(fmt)))[0]
    if kind == _STRING:
        return _string(file)
    if kind == _ARRAY:
        item_kind, count = struct.unpack("<IQ", _read(file, 12))
        if item_kind in _SCALARS and count > _KEEP_ARRAY:
            file.seek(count * struct.calcsize(_SCALARS[item_kind]), 1)
            return f"<{count} items>"
        items = [_value(file, item_kind) for _ in range(count)]
        return items if count <= _KEEP_ARRAY else f"<{count} items>"
    raise NotGGUF(f"unknown metadata type {kind}")


def read_metadata(path: Path) -> dict[str, Any]:
    """The key/value metadata of a GGUF file; raises `NotGGUF` if it isn't one."""
    with path.open("rb") as file:
        if _read(file, 4) != _MAGIC:
            raise NotGGUF(f"{path.name} is not a GGUF file")
        version, _tensors, keys = struct.unpack("<IQQ", _read(file, 20))
        if version < 2 or keys > _MAX_KEYS:
            raise NotGGUF(f"unsupported GGUF version {version}")
        metadata: dict[str, Any] = {"gguf.version": version}
        for _ in range(keys):
            key = _string(file)
            (kind,) = struct.unpack("<I", _read(file, 4))
            metadata[key] = _value(file, kind)
    return metadata


def describe(metadata: dict[str, Any]) -> str:
    """'Qwen2.5 Coder 1.5B Instruct (qwen2, Q4_K_M)' from a file's metadata."""
    name = str(metadata.get("general.name", "an unnamed model"))
    arch = str(metadata.get("general.architecture", "?"))
    file_type = metadata.get("general.file_type")
    quant = FILE_TYPES.get(file_type, f"type {file_type}") if isinstance(file_type, int) else "?"
    return f"{name} ({arch}, {quant})"
