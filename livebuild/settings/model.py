"""Settings: the model that plans ideas, reads changes and writes narration and documentation.

A new setting of this concept goes at the end of `ModelSettings`; its place here is its place
in the settings table of docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class ModelSettings(BaseModel):
    docs_enabled: bool = Field(default=True, description="Write end-user documentation.")
    llm_narration_enabled: bool = Field(
        default=False, description="Ask the model for narration (offline narration otherwise)."
    )
    model_provider: str = Field(
        default="offline",
        description=(
            "Who plans ideas and writes narration and documentation: `offline` (no key, "
            "deterministic), "
            "`anthropic` or `openai` (any OpenAI-compatible server), `local` (a GGUF model "
            "on this machine, see `livebuild model pull`) or `auto` (a configured cloud "
            "model, else the local one if its file is present, else `offline`)."
        ),
    )
    model_name: str | None = Field(
        default=None, description="Model to ask (default: the provider's own choice)."
    )
    model_api_key: SecretStr | None = Field(
        default=None,
        description="API key (default: the SDK's own `ANTHROPIC_API_KEY` / `OPENAI_API_KEY`).",
    )
    model_base_url: str | None = Field(
        default=None,
        description="Endpoint of the provider, e.g. a local `http://127.0.0.1:11434/v1`.",
    )
    local_model: Path | None = Field(
        default=None,
        description=(
            "GGUF file the `local` provider runs (default: the model `livebuild model pull` "
            "puts in the data dir; `livebuild model pull --size 0.5b` fetches a smaller, "
            "weaker one to point this at)."
        ),
    )
    local_model_queue: int = Field(
        default=4,
        ge=0,
        le=64,
        description=(
            "Model calls that may wait for the local model; past that it answers busy and "
            "the caller falls back (a founder's plan or change goes before background work)."
        ),
    )
    local_model_idle_s: float = Field(
        default=600.0,
        gt=0,
        description="The shared local model server exits after this long unused (frees memory).",
    )
    local_model_threads: int = Field(
        default=0,
        ge=0,
        le=256,
        description=(
            "Threads the local model uses (0: half the cores, at least one, so builds keep a "
            "core). On busy cores more threads are slower, not faster: on 2 shared cores two "
            "threads wrote 0.09-0.3 tokens a second where one wrote 0.8-2.2; with both cores "
            "idle, two wrote up to 1.8x faster (docs/benchmarks.md)."
        ),
    )
    local_model_threads_when_quiet: bool = Field(
        default=False,
        description=(
            "Opt-in, not yet measured end to end: with LIVEBUILD_LOCAL_MODEL_THREADS=0, the "
            "model uses every core while the machine's other work leaves them free and half "
            "while builds or anything else use them, loaded again between readings when that "
            "changes (a few CPU-seconds each time)."
        ),
    )
    model_timeout_s: float = Field(
        default=60.0, gt=0, description="Longest a single model call may take."
    )
    plan_timeout_s: float = Field(
        default=15.0,
        gt=0,
        description="Longest the model may take to plan an idea before the offline plan.",
    )
    local_plan_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description=(
            "Longest the local model may take to read an idea before the offline plan (it "
            "shares the cores with builds: a few seconds when they are quiet, far more when not)."
        ),
    )
    change_timeout_s: float = Field(
        default=7.0,
        gt=0,
        description=(
            "Longest the model may take to read a change request before the rules read it "
            "(the founder is told so): the model's queue drops a reading it can't start by "
            "then and stops one that runs past it."
        ),
    )
    narration_timeout_s: float = Field(
        default=4.0, gt=0, description="Longest narration may take before the offline line."
    )
    docs_timeout_s: float = Field(
        default=180.0, gt=0, description="Longest the documentation may take in all."
    )
    change_rules_first: bool = Field(
        default=True,
        description=(
            "Let the rules make a change request they read surely (every part, nothing unsure) "
            "without asking the model, which then reads only the rest: milliseconds instead "
            "of seconds for most requests."
        ),
    )
    change_read_ahead: bool = Field(
        default=False,
        description=(
            "With the local model, read a change's prompt up to the request as background "
            "work when a version is ready or a plan is shown, so the founder's first change "
            "request reads only its own words (seconds sooner on a slow machine). The model "
            "server keeps one such read waiting per app (a newer version's replaces the "
            "older's), at most 4 apps, and reads each in short steps behind any founder's "
            "reading. Off by default: a founder's reading still waits for the step being "
            "read, and with plans coming one after another on 2 cores that wait pushed "
            "plan readings past their deadline; turn it on where one founder at a time uses "
            "the machine."
        ),
    )
    model_plan_reading: Literal["names", "labels"] = Field(
        default="names",
        description=(
            "How a model reads an idea's records: `names` (it names them in the founder's "
            "words; covers more) or `labels` (it labels the nouns the English layer found: "
            "more precise and about twice as fast with the local model, covers less; see "
            "docs/benchmarks.md)."
        ),
    )
    model_plan_split: Literal[
        "auto", "vote", "vote-look", "rules-kinds", "model", "model-kinds"
    ] = Field(
        default="auto",
        description=(
            "Which reader chooses a model-read plan's record kinds: `auto` (`vote` for the "
            "local model, `model` for a hosted one), `vote` (a kind of the rules' stays "
            "when the model names it as a record or a link, or the learned judge is sure "
            "of it and the idea doesn't name it only in passing; a kind the model named "
            "that the judge scores a record is added; the model's details and links on "
            "them: the most whole plans on rounds 18 to 20), `vote-look` (as `vote`, after "
            "asking the model a second time about the few kinds its readers disagree on; "
            "measured no better than `vote` on rounds 20 and 21, for more CPU), "
            "`rules-kinds` (as `vote`, but "
            "a word of the model's details or the idea's own listing backs a rules' kind "
            "too), `model` (the model's, with the rules adding back records the idea "
            "plainly lists; its details and links) or `model-kinds` (the model's kinds, "
            "the rules' details and links); see docs/benchmarks.md."
        ),
    )
    model_change_split: Literal["auto", "vote", "rules", "none"] = Field(
        default="auto",
        description=(
            "How a model-read change request is decided: `auto` (`vote` for the local model, "
            "`rules` for a hosted one), `vote` (the rules and the model both read it; what "
            "they agree on is made; where they disagree, the reading with evidence is made (a "
            "shape the rules read exactly, or the model's reading of names the request says) "
            "and the other is offered to confirm; the model is asked unless the rules' reading "
            "is of an exact shape), `rules` (the rules make whatever they read surely "
            "without asking the model; the model reads the rest) or `none` (the rules alone "
            "decide a change request's change to the plan, in milliseconds, and the model "
            "reads none ahead; the model still reads ideas): on fresh "
            "requests the local model added nothing over the rules alone; see "
            "docs/benchmarks.md."
        ),
    )
    plan_kind_judge: bool = Field(
        default=True,
        description=(
            "Without a model, let the learned judge of record kinds check which of an idea's "
            "nouns become its records: it drops the hand rules' kinds it finds unlikely and "
            "adds nouns they missed (trained on the labelled held-out ideas; see "
            "docs/benchmarks.md); off, the hand rules alone choose."
        ),
    )
