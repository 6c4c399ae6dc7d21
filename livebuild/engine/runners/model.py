"""The model runner: the configured model writes the app, stage by stage, and fixes it when
its smoke test fails."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from pathlib import Path

from livebuild.appgen import BUILD_STAGES
from livebuild.core.stages import Stage
from livebuild.engine.runners._edits import app_texts, apply_edits, parse_edits
from livebuild.engine.runners._files import (
    ParsedAnswer,
    Vetted,
    fenced,
    list_workspace,
    parse_files,
    read_text,
    render_files,
    vet_files,
    workspace_problems,
)
from livebuild.engine.runners.base import (
    MAX_FILE_BYTES,
    MAX_FILES,
    ChangeNotMade,
    Runner,
    RunnerError,
    StageOutput,
    StageRequest,
)
from livebuild.engine.runners.prompts import (
    EDIT_REPAIR,
    FIX_GOAL,
    REPAIR,
    STAGE_GOALS,
    bullets,
    describe_brief,
    edit_system_prompt,
    safe_failure,
    system_prompt,
)
from livebuild.providers.base import Message, ModelProvider, ProviderError, Task
from livebuild.safety.redact import redact_secrets

DEFAULT_MAX_TOKENS = 16_000
DEFAULT_CONTEXT_BYTES = 96_000
# Problems are remembered for the next stage's prompt of the same workspace; this bounds
# what builds that end mid-way leave behind.
_REMEMBERED_WORKSPACES = 256


class ModelRunner(Runner):
    name = "model"
    reads_requests = True

    def __init__(
        self,
        model: ModelProvider,
        *,
        timeout_s: float,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        context_bytes: int = DEFAULT_CONTEXT_BYTES,
        repair_rounds: int = 1,
        max_files: int = MAX_FILES,
        max_file_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.model = model
        self.timeout_s = timeout_s
        self.max_tokens = max_tokens
        self.context_bytes = context_bytes
        self.repair_rounds = repair_rounds
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.system = system_prompt(max_files, max_file_bytes)
        self.edit_system = edit_system_prompt(max_files, max_file_bytes)
        self._unresolved: OrderedDict[Path, dict[str, str]] = OrderedDict()

    async def run_stage(self, request: StageRequest) -> StageOutput:
        if request.stage not in BUILD_STAGES:
            return StageOutput()
        if request.iterating:
            # A change is made in one answer of edits at `code`; failed checks come back
            # there too, so the fix is an edit of the changed app as well.
            return await self._change(request) if request.stage is Stage.CODE else StageOutput()
        if request.failure is not None and request.stage is not Stage.SCAFFOLD:
            # On a retry the whole app is fixed at scaffold; the later stages keep that fix.
            return StageOutput(notes=["kept the app as the fix left it"])
        fixing = request.failure is not None
        unresolved = self._unresolved.pop(request.workspace, {})
        prompt = await asyncio.to_thread(self._prompt, request, unresolved)
        task = Task(
            "app",
            request.brief.to_dict(),
            {
                # A fix brings the whole app to where checks left it.
                "stage": (Stage.CHECKS if fixing else request.stage).value,
                "attempt": request.attempt,
                "fix": fixing,
            },
        )
        # From the last stage on, the app is whole: every import must resolve.
        final = fixing or request.stage is Stage.CHECKS
        return await self._converse(request.workspace, prompt, task, final=final)

    async def _converse(
        self, workspace: Path, prompt: str, task: Task, *, final: bool
    ) -> StageOutput:
        """Ask, write what passes the checks, and ask again about files that broke the app."""
        output = StageOutput()
        messages = [Message("user", prompt)]
        unresolved: dict[str, str] = {}
        for round_ in range(self.repair_rounds + 1):
            answer, tokens = await self._ask(messages, task)
            output.tokens += tokens
            output.notes.append(
                f"asked the model{' to correct refused files' if round_ else ''}: {tokens} tokens"
            )
            vetted, problems = await self._take(workspace, answer, output, final=final)
            unresolved = {
                path: reason
                for path, reason in (unresolved | vetted.refused).items()
                if path not in vetted.accepted
            }
            if not problems:
                break
            messages += [
                Message("assistant", answer),
                Message("user", REPAIR.format(problems=bullets(problems))),
            ]
        else:
            unresolved |= problems
            output.notes.append("still broken after asking again:\n" + bullets(problems))
        self._remember(workspace, unresolved)
        return output

    async def _change(self, request: StageRequest) -> StageOutput:
        """Ask for edits to the current files; apply them only when every one of them fits."""
        workspace = request.workspace
        current = await asyncio.to_thread(app_texts, workspace)
        prompt = await asyncio.to_thread(self._change_prompt, request)
        fixing = request.failure is not None
        task = Task(
            "app",
            request.brief.to_dict(),
            {
                "stage": Stage.CODE.value,
                "attempt": request.attempt,
                "fix": fixing,
                "edit": True,
                "files": current,
                "change_request": request.change_request or "",
                "previous_brief": (
                    request.previous_brief.to_dict() if request.previous_brief else None
                ),
            },
        )
        output = StageOutput()
        messages = [Message("user", prompt)]
        problems: dict[str, str] = {}
        for round_ in range(self.repair_rounds + 1):
            answer, tokens = await self._ask(messages, task, self.edit_system)
            output.tokens += tokens
            output.notes.append(
                f"asked the model for edits{' again' if round_ else ''}: {tokens} tokens"
            )
            parsed = parse_edits(answer)
            applied = await asyncio.to_thread(
                apply_edits,
                workspace,
                current,
                parsed,
                max_files=self.max_files,
                max_file_bytes=self.max_file_bytes,
            )
            problems = applied.problems
            if not problems and not applied.changed:
                output.notes.append("the model's answer changed no file")
                raise ChangeNotMade(parsed.cannot, "\n".join(output.notes))
            if not problems:
                written = await self._write(workspace, applied.changed)
                output.files_written = written
                output.notes.append(
                    f"applied {len(parsed.edits)} edit(s) and {len(parsed.new_files)} new "
                    f"file(s); changed {', '.join(written) or 'nothing'}"
                )
                output.change_made = parsed.done
                output.change_unmade = parsed.cannot
                return output
            output.notes.append("refused the edits:\n" + bullets(problems))
            messages += [
                Message("assistant", answer),
                Message("user", EDIT_REPAIR.format(problems=bullets(problems))),
            ]
        output.notes.append(
            f"the model's edits could not be applied after {self.repair_rounds + 1} answers"
        )
        raise ChangeNotMade([], "\n".join(output.notes))

    async def _take(
        self, workspace: Path, answer: str, output: StageOutput, *, final: bool
    ) -> tuple[Vetted, dict[str, str]]:
        """Write the answer's acceptable files; return the vetting and what leaves the app
        broken."""
        parsed = parse_files(answer)
        vetted = await asyncio.to_thread(self._vet, workspace, parsed)
        written = await self._write(workspace, vetted.accepted)
        output.files_written.extend(p for p in written if p not in output.files_written)
        if written:
            output.notes.append(f"wrote {len(written)} file(s): {', '.join(written)}")
        output.notes.extend(f"refused {path}: {reason}" for path, reason in vetted.refused.items())
        problems = vetted.problems | _answer_problems(parsed)
        if final:
            problems |= await asyncio.to_thread(workspace_problems, workspace)
        return vetted, problems

    async def _ask(
        self, messages: list[Message], task: Task, system: str | None = None
    ) -> tuple[str, int]:
        try:
            async with asyncio.timeout(self.timeout_s):
                completion = await self.model.complete(
                    system or self.system, messages, task, max_tokens=self.max_tokens
                )
        except TimeoutError as error:
            raise RunnerError(
                f"the model gave no complete answer within {self.timeout_s:g}s"
            ) from error
        except ProviderError as error:
            raise RunnerError(f"the model could not write the app: {error}") from error
        return completion.text, completion.usage.total

    def _vet(self, workspace: Path, parsed: ParsedAnswer) -> Vetted:
        return vet_files(
            workspace,
            parsed.files,
            list(list_workspace(workspace)),
            max_files=self.max_files,
            max_file_bytes=self.max_file_bytes,
        )

    def _remember(self, workspace: Path, unresolved: dict[str, str]) -> None:
        if unresolved:
            self._unresolved[workspace] = unresolved
            while len(self._unresolved) > _REMEMBERED_WORKSPACES:
                self._unresolved.popitem(last=False)

    def _prompt(self, request: StageRequest, unresolved: dict[str, str]) -> str:
        sections = [
            "## The product\n" + describe_brief(request.brief),
            "## The app so far\n" + self._current_files(request.workspace),
        ]
        if request.change_request:
            sections.append("## The founder's change request\n" + request.change_request.strip())
        if unresolved:
            sections.append(
                "## Refused from your last answer\nThese files were not written:\n"
                + bullets(unresolved)
            )
        if request.failure is not None:
            failure = safe_failure(request.failure, request.workspace)
            sections.append(f"## What to do now\n{FIX_GOAL}\n\n{fenced(failure, 'text')}")
        else:
            sections.append(f"## What to do now (stage: {request.stage})\n")
            sections[-1] += STAGE_GOALS[request.stage]
        return "\n\n".join(sections)

    def _change_prompt(self, request: StageRequest) -> str:
        sections = [
            "## The product\n" + describe_brief(request.brief),
            "## The app's current files\n" + self._current_files(request.workspace),
            "## The founder's change request\n"
            + redact_secrets((request.change_request or "").strip()),
        ]
        if request.failure is not None:
            failure = safe_failure(request.failure, request.workspace)
            sections.append(
                "## The app's smoke test failed after your edits\n"
                "Its output is below. Fix the app with edits against the current files above; "
                "change the smoke test only where it is wrong.\n" + fenced(failure)
            )
        return "\n\n".join(sections)

    def _current_files(self, workspace: Path) -> str:
        listing = list_workspace(workspace)
        if not listing:
            return "The app's folder is empty: this is the first stage."
        included: dict[str, str] = {}
        budget = self.context_bytes
        for path in sorted(listing, key=_reading_order):
            text = read_text(workspace, path) if listing[path] <= budget else None
            if text is not None and len(text.encode()) <= budget:
                included[path] = text
                budget -= len(text.encode())
        lines = [
            f"- {path} ({size} bytes){'' if path in included else ', contents left out'}"
            for path, size in listing.items()
        ]
        return "Files:\n" + "\n".join(lines) + "\n\n" + render_files(included)


def _reading_order(path: str) -> tuple[bool, bool, str]:
    return (path != "app.py", not path.endswith(".py"), path)


def _answer_problems(parsed: ParsedAnswer) -> dict[str, str]:
    problems = {path: "the answer stopped before this file ended" for path in parsed.incomplete}
    if not parsed.files and not parsed.incomplete:
        problems["(no files)"] = "the answer held no files in the `=== path: ... ===` format"
    return problems
