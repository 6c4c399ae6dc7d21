from __future__ import annotations

import random
import string
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livebuild.safety.guardrails import founder_safe, founder_safe_markdown
from livebuild.safety.redact import redact, redact_log, redact_secrets

_ALNUM = string.ascii_letters + string.digits


def _random(seed: int, alphabet: str, size: int) -> str:
    rng = random.Random(seed)
    # Real keys always mix digits and letters; guarantee it so no draw is an English word.
    body = [rng.choice(alphabet) for _ in range(size - 2)]
    return "".join(body) + rng.choice(string.digits) + rng.choice(string.ascii_uppercase)


def _secret(kind: str, seed: int) -> tuple[str, str]:
    """A realistic secret of one format, and the part of it that must never leak."""
    r = _random
    match kind:
        case "anthropic":
            value = f"sk-ant-api03-{r(seed, _ALNUM + '-_', 80)}"
        case "openai":
            value = f"sk-{r(seed, _ALNUM, 48)}"
        case "openai_project":
            value = f"sk-proj-{r(seed, _ALNUM + '-_', 64)}"
        case "aws_key_id":
            value = "AKIA" + r(seed, string.ascii_uppercase + string.digits, 16)
        case "aws_secret":
            value = r(seed, _ALNUM + "/+", 40)
        case "github":
            prefix = ("ghp_", "gho_", "ghs_")[seed % 3]
            value = prefix + r(seed, _ALNUM, 36)
        case "github_pat":
            value = "github_pat_" + r(seed, _ALNUM + "_", 82)
        case "slack":
            value = f"xoxb-{seed % 10**12}-{r(seed, _ALNUM, 24)}"
        case "bearer":
            token = r(seed, _ALNUM + "-_.", 48)
            return f"Authorization: Bearer {token}", token
        case "private_key":
            body = "\n".join(r(seed + i, _ALNUM + "+/", 64) for i in range(4))
            value = f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"
            return value, body.splitlines()[1]
        case "url_credentials":
            password = r(seed, _ALNUM, 20)
            return f"postgresql://admin:{password}@db.internal:5432/app", password
        case _:
            value = r(seed, _ALNUM, 44)
    return value, value


SECRET_KINDS = (
    "anthropic",
    "openai",
    "openai_project",
    "aws_key_id",
    "aws_secret",
    "github",
    "github_pat",
    "slack",
    "bearer",
    "private_key",
    "url_credentials",
    "high_entropy",
)

_PROSE = st.text(
    alphabet=st.characters(codec="utf-8"),
    max_size=80,
)
_SEPARATORS = st.sampled_from(["", " ", "\n", ": ", "=", '"', "(", " - ", "\t"])
_SEGMENT = st.from_regex(r"[a-z][a-z0-9_]{1,10}", fullmatch=True)
_PATHS = st.one_of(
    st.builds(lambda a, b: f"/home/{a}/projects/{b}.py", _SEGMENT, _SEGMENT),
    st.builds(lambda a: f"/usr/lib/python3.11/site-packages/{a}/__init__.py", _SEGMENT),
    st.builds(lambda a, b: f"/tmp/{a}/{b}", _SEGMENT, _SEGMENT),
    st.builds(lambda a: f"/var/lib/livebuild/workspaces/{a}/app.py", _SEGMENT),
    st.builds(lambda a, b: f"C:\\Users\\{a}\\{b}\\app.py", _SEGMENT, _SEGMENT),
    st.builds(lambda a: f"/opt/{a}/bin/server", _SEGMENT),
)
_TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/srv/app/main.py", line 12, in <module>\n'
    "    run()\n"
    "RuntimeError: it broke"
)
_FILTERS = (founder_safe, founder_safe_markdown)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=_PROSE,
    after=_PROSE,
    left=_SEPARATORS,
    right=_SEPARATORS,
    kind=st.sampled_from(SECRET_KINDS),
    seed=st.integers(min_value=0, max_value=2**32),
    markdown=st.booleans(),
)
def test_no_secret_survives_anywhere(
    before: str, after: str, left: str, right: str, kind: str, seed: int, markdown: bool
) -> None:
    secret, core = _secret(kind, seed)
    text = before + left + secret + right + after
    out = (founder_safe_markdown if markdown else founder_safe)(text)
    assert secret not in out
    assert core not in out
    assert core not in redact_log(text)


@settings(max_examples=200, deadline=None)
@given(before=_PROSE, after=_PROSE, left=_SEPARATORS, right=_SEPARATORS, path=_PATHS)
def test_planted_paths_never_come_out(
    before: str, after: str, left: str, right: str, path: str
) -> None:
    text = before + left + path + right + after
    for safe in _FILTERS:
        assert path not in safe(text)


@settings(max_examples=200, deadline=None)
@given(before=_PROSE, after=_PROSE, left=_SEPARATORS)
def test_tracebacks_never_come_out(before: str, after: str, left: str) -> None:
    text = before + left + "\n" + _TRACEBACK + "\n" + after
    for safe in _FILTERS:
        out = safe(text)
        assert "Traceback" not in out
        assert "/srv/app/main.py" not in out
        assert "line 12" not in out


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_breaks_the_filter(text: str) -> None:
    for safe in _FILTERS:
        out = safe(text)
        assert isinstance(out, str)
        assert safe(out) == safe(safe(out))


@pytest.mark.parametrize(
    "text",
    [
        "A zoo app where keepers log feeding times for the pythons and boas.",
        "Our reticulated Python needs a warmer enclosure.",
        "Teams react quickly when nodes in the network go down.",
        "A reactive dashboard for node-based mind maps.",
        "Bookings for a playwright's readings, sorted by date.",
        "Open 24/7, with walks and/or visits from 12/05/2026.",
        "Password: choose a long one you don't use anywhere else.",
        "Express your ideas; a flask of coffee helps.",
        "Read more at https://example.com/help/getting-started.",
        "We're adding a dashboard and search so Pawpath feels complete.",
    ],
)
def test_normal_english_survives(text: str) -> None:
    assert founder_safe(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We're building Pawpath with FastAPI and SQLite on port 8000.",
            "We're building Pawpath with the app and the database.",
        ),
        ("A React app for dog walkers.", "An app for dog walkers."),
        ("Your PostgreSQL database is ready.", "Your database is ready."),
        ("It runs in Docker on Kubernetes.", "It runs in the server."),
        ("Pictures come from Playwright and Chromium.", "Pictures come from the browser."),
        ("Open http://127.0.0.1:8321/preview/abc/ to see it.", "Open the app to see it."),
        ("It listens on localhost:5000 now.", "It listens on the server now."),
        ("We hit a TimeoutError: read timed out.", "We hit a problem"),
        ("Saved in /home/ada/app/data.db.", "Saved in a file."),
        ("A Python-based tool for bakers.", "A tool for bakers."),
        ("Press `Save` to keep it, or run `npm run dev`.", "Press Save to keep it, or run."),
    ],
)
def test_technical_words_are_reworded(text: str, expected: str) -> None:
    assert founder_safe(text) == expected


def test_commands_code_and_traces_are_removed() -> None:
    text = "\n".join(
        [
            "We're nearly there.",
            "$ pip install -r requirements.txt",
            "npm install react",
            "sudo apt-get install -y libpango-1.0-0",
            "def create_app(settings):",
            "    return FastAPI()",
            "const app = express();",
            "import os",
            "SELECT * FROM pets WHERE id = 1",
            "    at Object.<anonymous> (/srv/app/index.js:10:5)",
            '  File "app.py", line 3, in main',
            "Everything else is fine.",
        ]
    )
    assert founder_safe(text) == "We're nearly there.\nEverything else is fine."


def test_markdown_keeps_its_shape_and_drops_code_blocks() -> None:
    md = (
        "## Getting Started\n\n"
        "1. Open **Pets** from the menu.\n"
        "2. Press **Add pet**.\n\n"
        "```bash\npython app.py\n```\n\n"
        "- Works in any browser\n"
        "- Built with Flask and Redis\n\n"
        "    curl http://localhost:8000/api\n\n"
        "### Tips\n\nKeep notes short."
    )
    assert founder_safe_markdown(md) == (
        "## Getting Started\n\n"
        "1. Open **Pets** from the menu.\n"
        "2. Press **Add pet**.\n\n"
        "- Works in any browser\n"
        "- Built with the app and the database\n\n"
        "### Tips\n\nKeep notes short."
    )


def test_redact_keeps_its_contract() -> None:
    line = "GET /api/jobs failed with token=abc123XYZ at /data/ws/job1/app.py"
    assert (
        redact(line, ("/data/ws",))
        == "GET <path> failed with token=[redacted] at <workspace><path>"
    )
    assert redact_log(line, ("/data/ws",)) == (
        "GET /api/jobs failed with token=[redacted] at <workspace>/job1/app.py"
    )
    assert redact_secrets("task-based-workflow-management-system") == (
        "task-based-workflow-management-system"
    )
    assert redact_secrets("bearer instruments") == "bearer instruments"


# Texts shaped to make a backtracking pattern retry a long run from every position.
ADVERSARIAL = {
    "dashes": "a-" * 10000,
    "one letter": "a" * 20000,
    "slashes": "/a" * 10000,
    "key prefix": "sk-" + "a" * 19997,
    "assignments": "x=" * 10000,
    "token words": "token-" * 3333,
    "password words": "password_" * 2222,
    "schemes": "a:" * 10000,
    "dots": "a." * 10000,
    "spaces": "password" + " " * 19992,
    "tabs": " \t" * 10000,
    "backslashes": "C:" + "\\a" * 9999,
    "trace words": "File " * 4000,
    "mixed": ("a-b_c.d/e=f:g@ sk-x " * 1000)[:20000],
}


def _cpu_seconds(call: Callable[[str], object], text: str) -> float:
    # CPU time of this thread, best of three: what the text costs, not how busy the machine is.
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        call(text)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_redaction_takes_linear_time(name: str) -> None:
    text = ADVERSARIAL[name]
    assert len(text) <= 20000
    for redactor in (redact_secrets, redact, redact_log):
        assert _cpu_seconds(redactor, text) <= 0.05, redactor.__name__


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_founder_filter_takes_linear_time(name: str) -> None:
    # The whole filter runs dozens of patterns line by line; a quadratic one took seconds.
    text = ADVERSARIAL[name]
    for clean in (founder_safe, founder_safe_markdown):
        assert _cpu_seconds(clean, text) <= 0.5, clean.__name__


def test_a_closing_tag_a_founder_typed_is_no_folder() -> None:
    # A tagline "<script>alert(4)</script>" read "<script>alert(4)<a folder>" in the guide.
    tagline = "Cakes — <script>alert(4)</script>, and <b>bold</b> words"
    assert founder_safe(tagline) == tagline
    assert "a folder" in founder_safe("It is kept in /srv/app/data")
