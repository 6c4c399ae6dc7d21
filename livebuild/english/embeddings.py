"""WordLlama's small static embeddings, read straight from the file its package ships.

The table (32,000 words x 256 half-precision numbers) is memory-mapped, not copied: every
livebuild process on the machine shares the same page cache, and a process holds only the
rows its ideas touch. Each row is widened to single precision as WordLlama does when it loads
the whole table, and pooled the same way, so the scores are the same to the last bit.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import struct
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_TENSOR = "embedding.weight"
# WordLlama pads and pools texts 64 at a time; the same batches pool to the same numbers.
_BATCH = 64
_lock = threading.Lock()


class EmbeddingsError(RuntimeError):
    """The embeddings WordLlama ships are missing or not laid out as expected."""


def _package() -> Path:
    # The package's folder, without importing it (its import pulls in far more than the table).
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingsError("wordllama is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _table(path: Path) -> np.ndarray[Any, np.dtype[np.float16]]:
    """The safetensors file's one half-precision matrix, memory-mapped read-only."""
    import numpy as np  # on first use: not every process reads ideas

    with path.open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    entry = header.get(_TENSOR)
    if not isinstance(entry, dict) or entry.get("dtype") != "F16":
        raise EmbeddingsError(f"{path.name}: no half-precision {_TENSOR}")
    rows, cols = entry["shape"]
    start, end = entry["data_offsets"]
    if end - start != rows * cols * 2:
        raise EmbeddingsError(f"{path.name}: {_TENSOR} is not {rows} x {cols}")
    return np.memmap(path, dtype=np.float16, mode="r", offset=8 + size + start, shape=(rows, cols))


@functools.cache
def _model() -> tuple[Any, np.ndarray[Any, np.dtype[np.float16]]]:
    from tokenizers import Tokenizer

    folder = _package()
    tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER))
    tokenizer.enable_padding()
    tokenizer.no_truncation()
    return tokenizer, _table(folder / _WEIGHTS)


def embed(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """One pooled vector per text, as WordLlama's `embed(texts)` (unnormalised) gives it."""
    import numpy as np  # on first use: not every process reads ideas

    tokenizer, table = _model()
    out = np.empty((len(texts), table.shape[1]), dtype=np.float32)
    for start in range(0, len(texts), _BATCH):
        with _lock:
            encoded = tokenizer.encode_batch(
                texts[start : start + _BATCH], is_pretokenized=False, add_special_tokens=False
            )
        ids = np.array([e.ids for e in encoded], dtype=np.int32)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        rows = table[ids].astype(np.float32)
        total = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
        pooled = np.sum(rows * mask[..., np.newaxis], axis=1, dtype=np.float32) / total
        out[start : start + len(encoded)] = pooled
    return out


def width() -> int:
    """How many numbers a vector has."""
    return int(_model()[1].shape[1])
