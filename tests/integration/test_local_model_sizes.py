"""Each pinned model an operator may choose (`livebuild model pull --size`, then
`LIVEBUILD_LOCAL_MODEL` pointing at it) runs here: it is the model it is pinned as, and it reads
a founder's change request into a change the plan can take. A model that isn't installed is
skipped, saying how to get it."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from livebuild.brief import derive_brief
from livebuild.brief.change_ops import RenameEntity
from livebuild.brief.model_change import model_reading
from livebuild.providers import provider_for
from livebuild.providers.local import server_plan
from livebuild.providers.local.gguf import describe, read_metadata
from livebuild.providers.local.machine import stop
from livebuild.providers.local.model_file import (
    PINNED,
    PinnedModel,
    local_model_ready,
    model_path,
    pinned_path,
)
from livebuild.settings import Settings
from tests.conftest import make_settings


def _installed(model: PinnedModel) -> Path:
    return pinned_path(Settings(), model)


def _not_here(model: PinnedModel) -> str | None:
    """Why `model` can't be run here (its file or llama.cpp is missing), or None."""
    path = _installed(model)
    if not path.is_file():
        return (
            f"{model.name} is not installed here: `livebuild model pull --size {model.size_label}`"
        )
    if not local_model_ready(make_settings(Path("/nonexistent"), local_model=path)):
        return f"llama.cpp (xllamacpp) is not installed here, so {model.name} can't run"
    return None


SIZES = [
    pytest.param(
        model,
        id=size,
        marks=pytest.mark.skipif(_not_here(model) is not None, reason=_not_here(model) or ""),
    )
    for size, model in PINNED.items()
]


def test_a_pinned_model_is_skipped_where_llama_cpp_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = dataclasses.replace(PINNED["0.5b"], filename="here.gguf")
    monkeypatch.setenv("LIVEBUILD_DATA_DIR", str(tmp_path))
    (tmp_path / "models").mkdir()
    assert _not_here(model) == (
        "Qwen2.5-Coder-0.5B-Instruct Q4_K_M is not installed here: "
        "`livebuild model pull --size 0.5b`"
    )
    (tmp_path / "models" / "here.gguf").write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # import fails, as where it is absent
    assert _not_here(model) == (
        "llama.cpp (xllamacpp) is not installed here, so "
        "Qwen2.5-Coder-0.5B-Instruct Q4_K_M can't run"
    )


def test_the_local_model_setting_chooses_the_file(tmp_path: Path) -> None:
    chosen = tmp_path / "any.gguf"
    assert model_path(make_settings(tmp_path, local_model=chosen)) == chosen
    assert server_plan(make_settings(tmp_path, local_model=chosen)).model == chosen


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("model", SIZES)
async def test_each_installed_pinned_model_reads_a_change_request(
    tmp_path: Path, model: PinnedModel
) -> None:
    path = _installed(model)
    assert path.stat().st_size == model.size
    said = describe(read_metadata(path))
    assert said.startswith(f"Qwen2.5 Coder {model.size_label.upper()} Instruct"), said
    assert said.endswith("(qwen2, Q4_K_M)"), said
    settings = make_settings(
        tmp_path, model_provider="local", local_model=path, model_timeout_s=600.0
    )
    provider = provider_for(settings)
    brief = derive_brief(
        "A dog walking app: walkers log each walk with the dog, the owner, how long it took "
        "and notes."
    )
    try:
        reading = await model_reading(
            provider, brief, "rename Walks to Outings", None, timeout_s=600.0
        )
    finally:
        await provider.aclose()
        stop(server_plan(settings))
    # The very change asked for, not any change the plan can take (a can't-do, a wrong rename).
    assert reading.operations == [RenameEntity(entity="walks", new="Outings")], reading
