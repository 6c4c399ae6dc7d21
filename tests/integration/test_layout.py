"""The source tree survives the ignore lists and tools that Python projects commonly use."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The folder patterns of the widely copied Python .gitignore (GitHub's template): a fork or a
# monorepo that adopts it must not silently lose any of livebuild's source.
STANDARD_PYTHON_GITIGNORE = """
__pycache__/
*.py[cod]
*.so
.Python
build/
develop-eggs/
dist/
downloads/
eggs/
.eggs/
lib/
lib64/
parts/
sdist/
var/
wheels/
share/python-wheels/
*.egg-info/
.installed.cfg
*.egg
MANIFEST
htmlcov/
.tox/
.nox/
.cache
instance/
.webassets-cache
.scrapy
docs/_build/
target/
.ipynb_checkpoints
profile_default/
.env
.venv
env/
venv/
ENV/
env.bak/
venv.bak/
.spyderproject
.ropeproject
site/
.mypy_cache/
"""


def test_no_source_file_is_dropped_by_the_standard_python_gitignore(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    ignore = tmp_path / "python.gitignore"
    ignore.write_text(STANDARD_PYTHON_GITIGNORE)
    tracked = subprocess.run(
        ["git", "ls-files", "livebuild", "tests", "bench", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    dropped = subprocess.run(
        ["git", "-c", f"core.excludesFile={ignore}", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(tracked),
        capture_output=True,
        text=True,
    ).stdout.split()
    assert dropped == []


def test_every_link_in_the_readme_and_docs_leads_somewhere() -> None:
    import re

    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken: list[str] = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and linked.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", linked.read_text(), re.MULTILINE)
                slugs = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
                if anchor not in slugs:
                    broken.append(f"{page.name}: {target}")
    assert broken == []
