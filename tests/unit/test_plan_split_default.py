"""Which reader chooses a model-read plan's kinds when the operator says nothing
(`LIVEBUILD_MODEL_PLAN_SPLIT=auto`)."""

from __future__ import annotations

from pathlib import Path

from livebuild.providers import provider_for
from tests.conftest import make_settings


def test_the_local_model_reads_plans_by_the_vote_of_two_readers(tmp_path: Path) -> None:
    local = make_settings(tmp_path, model_provider="local", local_model=tmp_path / "m.gguf")
    assert provider_for(local).plan_split == "vote"


def test_a_hosted_model_keeps_its_own_kinds_and_a_split_said_is_kept(tmp_path: Path) -> None:
    hosted = make_settings(tmp_path, model_provider="openai", model_base_url="http://x.invalid")
    assert provider_for(hosted).plan_split == "model"
    told = make_settings(
        tmp_path,
        model_provider="local",
        local_model=tmp_path / "m.gguf",
        model_plan_split="rules-kinds",
    )
    assert provider_for(told).plan_split == "rules-kinds"
