"""Request bodies and the JSON shapes the API answers with."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema, field_validator

from livebuild.brief.model import READERS
from livebuild.brief.schema import correction_json_schema
from livebuild.core.clock import iso, seconds_between, utcnow
from livebuild.core.guide_status import GuideStatus
from livebuild.core.stages import STAGE_INFO, TERMINAL, Stage
from livebuild.core.urls import shown_label, version_label
from livebuild.store.db.models import Job, Project
from livebuild.web.picture_address import shown_picture

IDEA_MAX = 20_000
NAME_MAX = 80
CHANGE_MAX = 5_000


def is_encodable(value: str) -> bool:
    """False for text no database can store: JSON may carry a lone surrogate such as \\ud800."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Invisible characters that only do harm in a founder's words: C0/C1 controls but tab, line
# feed and carriage return (a terminal escape pasted along, or repeated to a terminal), DEL,
# and the bidirectional embeddings and overrides that show "evil" as "live".
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")


def _trimmed(value: str, what: str, maximum: int) -> str:
    value = _INVISIBLE.sub("", value).strip()
    if not is_encodable(value):
        raise ValueError(f"Your {what} contains a character we can't store; please retype it.")
    if not value:
        raise ValueError(f"Please describe your {what}; it can't be empty.")
    if len(value) > maximum:
        raise ValueError(
            f"Your {what} is {len(value):,} characters long; please keep it under {maximum:,}."
        )
    return value


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    idea: str
    name: str | None = None

    @field_validator("idea")
    @classmethod
    def _idea(cls, value: str) -> str:
        return _trimmed(value, "idea", IDEA_MAX)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _trimmed(value, "product name", NAME_MAX)


class ProjectPatch(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    # Checked by `merge_plan` against the plan's one schema (so a refusal says where it is);
    # the API's documentation shows that schema.
    brief: Annotated[dict[str, Any] | None, WithJsonSchema(correction_json_schema())] = None


class ProjectIdea(BaseModel):
    model_config = ConfigDict(extra="ignore")
    idea: str

    @field_validator("idea")
    @classmethod
    def _idea(cls, value: str) -> str:
        return _trimmed(value, "idea", IDEA_MAX)


class ProjectDuplicate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    # "v0.N"; the latest ready version when left out.
    version: str | None = None

    @field_validator("version")
    @classmethod
    def _version(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _trimmed(value, "version to copy", 20)


_TARGET_KEYS = ("page", "entity", "field", "element")


def pointed_at(value: object) -> dict[str, Any] | None:
    """A point-and-say target as identifiers only: short strings under known keys; anything
    else is no target (the request still reads on its own words)."""
    if not isinstance(value, dict):
        return None
    kept = {k: value[k][:200] for k in _TARGET_KEYS if isinstance(value.get(k), str)}
    return kept or None


class PlanChange(BaseModel):
    model_config = ConfigDict(extra="ignore")
    change_request: str
    # What the founder pointed at ("point and say"): checked against the plan where read.
    target: dict[str, Any] | None = None

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> dict[str, Any] | None:
        return pointed_at(value)

    @field_validator("change_request")
    @classmethod
    def _change(cls, value: str) -> str:
        return _trimmed(value, "change request", CHANGE_MAX)


class BuildCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    change_request: str | None = None
    target: dict[str, Any] | None = None

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> dict[str, Any] | None:
        return pointed_at(value)

    # "v0.N": the next version is exactly that version's app.
    restore: str | None = None

    @field_validator("restore")
    @classmethod
    def _restore(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _trimmed(value, "version to restore", 20)

    @field_validator("change_request")
    @classmethod
    def _change(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _trimmed(value, "change request", CHANGE_MAX)


def project_json(project: Project) -> dict[str, Any]:
    return {
        "id": project.id,
        "name": project.name,
        "idea": project.idea,
        "brief": project.brief,
        "created_at": iso(project.created_at),
    }


def change_result(job: Job) -> dict[str, Any] | None:
    """What a change request did and could not do, for the founder; None for a fresh build."""
    notes = job.change_notes
    if notes is None:
        return None
    return {
        "made": list(notes.get("made", [])),
        "unmade": list(notes.get("unmade", [])),
        "suggestion": notes.get("suggestion"),
        # Readings too unsure to make: each with the change request that would make it.
        "suggestions": [
            {"text": str(s.get("text", "")), "change_request": str(s.get("change_request", ""))}
            for s in notes.get("suggestions") or []
            if isinstance(s, dict)
        ],
        # Who read the request: "rules", "local" (the model on this machine) or "model".
        "reader": _reader(notes.get("reader")),
    }


def _reader(value: object) -> str:
    return value if isinstance(value, str) and value in READERS else "rules"


def tried_on(job: Job, base: Job | None) -> str | None:
    """The version a try that wasn't made was tried on ("v0.1"): the app stayed as it."""
    if job.status != Stage.FAILED.value or base is None:
        return None
    return version_label(base.version)


def job_json(job: Job, *, preview_url: str | None, base: Job | None = None) -> dict[str, Any]:
    """`base`: the build this one started from, whose final picture is the "before" one."""
    stage = Stage(job.status)
    info = STAGE_INFO[stage]
    finished = stage in TERMINAL
    end = job.finished_at if finished else utcnow()
    error = (
        {"message": job.error_message, "debug_id": job.debug_id} if stage is Stage.FAILED else None
    )
    return {
        "job_id": job.id,
        "project_id": job.project_id,
        "version": version_label(job.version),
        "label": shown_label(job.version, stage.value),
        # As in the versions list: a try that wasn't made names the version it was tried on.
        "tried_on": tried_on(job, base),
        "status": stage.value,
        "stage_label": info.label,
        "agent_role": info.agent_role,
        "started_at": iso(job.started_at),
        "finished_at": iso(job.finished_at),
        "elapsed_s": round(seconds_between(job.started_at, end), 3),
        "snapshot_url": shown_picture(job.snapshot_url),
        "snapshot_note": job.snapshot_note,
        "docs_ready": job.docs_status == GuideStatus.COMPLETE,
        "preview_url": preview_url,
        "error": error,
        "created_at": iso(job.created_at),
        "stage_started_at": iso(job.stage_started_at),
        "attempt": job.attempt,
        "tokens": job.tokens,
        "docs_status": job.docs_status,
        "change_request": job.change_request,
        "restored_from": version_label(job.restored_from) if job.restored_from else None,
        "previous_snapshot_url": shown_picture(base.snapshot_url) if base is not None else None,
        "change_result": change_result(job),
        "last_event_id": job.last_event_id,
    }


GUIDE_SECTION_MAX = 20_000


class GuideEdit(BaseModel):
    model_config = ConfigDict(extra="ignore")
    markdown: str

    @field_validator("markdown")
    @classmethod
    def _markdown(cls, value: str) -> str:
        # Control characters have no place in a guide and upset the PDF renderer.
        cleaned = "".join(c for c in value if c in "\n\t" or c >= " ").replace("\r", "")
        return _trimmed(cleaned, "guide section", GUIDE_SECTION_MAX)
