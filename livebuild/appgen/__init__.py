"""Generate a complete, stdlib-only web app from a Brief, as it stands after a build stage."""

from __future__ import annotations

from livebuild.appgen.content import content_py
from livebuild.appgen.readme import readme
from livebuild.appgen.smoke import smoke_py
from livebuild.appgen.spec import build_spec
from livebuild.appgen.style import app_icon, stylesheet
from livebuild.appgen.template import template
from livebuild.brief import Brief
from livebuild.core.stages import Stage

__all__ = ["BUILD_STAGES", "FIRST_REAL_LEVEL", "app_files", "stage_level"]

# Stages that produce app files, in order; READY shows the app exactly as CHECKS left it.
BUILD_STAGES: tuple[Stage, ...] = (Stage.SCAFFOLD, Stage.CODE, Stage.DEPS, Stage.CHECKS)

_MODULES: dict[int, tuple[str, ...]] = {
    1: ("home",),
    2: ("home", "records"),
    3: ("home", "records", "dashboard", "spreadsheets", "months"),
    4: ("home", "records", "dashboard", "spreadsheets", "months", "about"),
}


# Below this level the home page is a "Coming soon" placeholder; from it on, the app's pages.
FIRST_REAL_LEVEL = 2


def stage_level(stage: Stage) -> int:
    """1 for scaffold up to 4 for checks/ready; earlier stages count as scaffold."""
    if stage in (Stage.READY, Stage.CHECKS):
        return 4
    if stage is Stage.DEPS:
        return 3
    if stage is Stage.CODE:
        return 2
    return 1


def app_files(brief: Brief, stage: Stage) -> dict[str, str]:
    """All files of the app as it stands after `stage` (cumulative), relative POSIX path -> text."""
    level = stage_level(stage)
    spec = build_spec(brief)
    stage_name = str(stage if stage is not Stage.READY else Stage.CHECKS)
    files = {
        "app.py": template("app.py"),
        "web.py": template("web.py"),
        "layout.py": template("layout.py"),
        "home.py": template("home.py"),
        "content.py": content_py(spec, stage_name, level, _MODULES[level]),
        "static/style.css": stylesheet(spec.theme),
        "static/icon.svg": app_icon(spec.theme, spec.name),
    }
    if level >= 2:
        for name in ("records.py", "forms.py", "store.py", "fields.py", "schema.py"):
            files[name] = template(name)
        files["static/pick.js"] = template("static/pick.js")
    if level >= 3:
        for name in ("dashboard.py", "spreadsheets.py", "csvio.py", "months.py"):
            files[name] = template(name)
    if level >= 4:
        files["about.py"] = template("about.py")
        files["tests/smoke.py"] = smoke_py(spec)
        files["README.md"] = readme(spec)
    return files
