from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from livebuild.appgen import BUILD_STAGES, app_files
from livebuild.appgen.spec import build_spec
from livebuild.brief import Brief, Entity, Field, derive_brief
from livebuild.brief.opening import opens_on_list
from livebuild.core.stages import Stage

DOG_IDEA = "A dog walking marketplace that lets owners book vetted walkers and pay in the app"
INVOICE_IDEA = "Invoicing for freelance designers in London, called Paidup"
NASTY = 'He said """hi""" \\ \'\'\' {x} <script>alert(1)</script> \n\r\t \u2028 \ud800 %s %(x)s'


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, form: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with _OPENER.open(urllib.request.Request(url, data=data), timeout=5) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def write_app(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(app_dir: Path, data_dir: Path, base_path: str = "") -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APP_")}
    env.update(
        PORT=str(port), HOST="127.0.0.1", APP_DATA_DIR=str(data_dir), APP_BASE_PATH=base_path
    )
    proc = subprocess.Popen(
        [sys.executable, "-I", "app.py"],
        cwd=app_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # A wait for the app to answer, not a speed check (that is `test_starts_fast` and
        # bench/): on a shared machine under load 25 a healthy start can take over 5 s.
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(base + "/healthz")[:2] == (200, "ok"):
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                _, err = proc.communicate(timeout=2)
                raise AssertionError(f"app did not start: {err.decode()}")
            time.sleep(0.02)
        yield base
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=5) == 0
        assert proc.stderr is not None and proc.stderr.read() == b""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def serving(
    brief: Brief, tmp_path: Path, name: str = "app", stage: Stage = Stage.CHECKS
) -> Iterator[tuple[Path, str]]:
    """`brief`'s app written to `tmp_path / name` and running on a data folder of its own:
    the app's folder and its address."""
    app_dir = write_app(tmp_path / name, app_files(brief, stage))
    data = tmp_path / ("data" if name == "app" else f"{name}-data")
    with running_app(app_dir, data) as base:
        yield app_dir, base


def post_records(base: str, slug: str, rows: list[dict[str, str]]) -> None:
    """Each of `rows` added through the app's own form, as a visitor would: every one saved."""
    for row in rows:
        status, page, _ = fetch(f"{base}/{slug}", row)
        assert status == 303, (row, status, page[:500])


def assert_smoke_passes(app_dir: Path, base: str) -> None:
    """The app's own smoke test (`tests/smoke.py`, shipped in every download) passes."""
    smoke = subprocess.run(
        [sys.executable, "-I", "tests/smoke.py", base],
        cwd=app_dir,
        capture_output=True,
        timeout=30,
    )
    assert smoke.returncode == 0, smoke.stderr.decode()


def nasty_brief() -> Brief:
    brief = derive_brief(DOG_IDEA)
    entity = Entity(
        singular=NASTY,
        plural=NASTY,
        slug="static",
        fields=(
            Field("id", NASTY, "date"),
            Field("id", NASTY, "choice", ()),
            Field('x"; DROP', NASTY, "choice", (NASTY, "b")),
            Field("9lives", NASTY, "bogus"),
        ),
        seed=({"id": NASTY, 'x"; DROP': NASTY, "9lives": NASTY},),
    )
    return replace(
        brief,
        idea=NASTY,
        product_name=NASTY,
        tagline=NASTY,
        target_users=NASTY,
        problem=NASTY,
        features=(NASTY,),
        entities=(entity, entity),
    )


@pytest.mark.parametrize("stage", [*BUILD_STAGES, Stage.READY, Stage.STARTING])
def test_generated_python_compiles(stage: Stage) -> None:
    for brief in (derive_brief(DOG_IDEA), derive_brief(NASTY), nasty_brief(), derive_brief("")):
        for rel, text in app_files(brief, stage).items():
            if rel.endswith(".py"):
                compile(text, rel, "exec")
            text.encode("utf-8")


def test_files_grow_by_stage() -> None:
    brief = derive_brief(DOG_IDEA)
    previous: set[str] = set()
    for stage in BUILD_STAGES:
        files = set(app_files(brief, stage))
        assert previous < files
        previous = files
    assert app_files(brief, Stage.READY) == app_files(brief, Stage.CHECKS)
    assert {"tests/smoke.py", "README.md"} <= previous
    assert "python app.py" in app_files(brief, Stage.CHECKS)["README.md"]


def test_two_ideas_give_different_apps() -> None:
    dog = app_files(derive_brief(DOG_IDEA), Stage.CHECKS)
    invoice = app_files(derive_brief(INVOICE_IDEA), Stage.CHECKS)
    assert dog["content.py"] != invoice["content.py"]
    assert dog["static/style.css"] != invoice["static/style.css"]
    assert "Paidup" in invoice["content.py"] and "£" in invoice["content.py"]


@pytest.mark.parametrize("idea", [DOG_IDEA, INVOICE_IDEA])
def test_app_evolves_through_stages(idea: str, tmp_path: Path) -> None:
    brief = derive_brief(idea)
    name = html.escape(brief.product_name)
    slugs = [e.slug for e in brief.entities]
    for level, stage in enumerate(BUILD_STAGES, start=1):
        app_dir = write_app(tmp_path / str(stage), app_files(brief, stage))
        with running_app(app_dir, tmp_path / "data") as base:
            status, page, _ = fetch(base + "/")
            assert status == 200
            assert name in page and 'data-ready="true"' in page
            assert fetch(base + "/static/style.css")[0] == 200
            assert fetch(base + "/nope")[0] == 404
            for slug in slugs:
                assert fetch(f"{base}/{slug}")[0] == (200 if level >= 2 else 404)
            assert fetch(base + "/dashboard")[0] == (200 if level >= 3 else 404)
            assert fetch(base + "/about")[0] == (200 if level >= 4 else 404)
            if level == 1:
                assert "Coming soon" in page
            else:
                entity = brief.entities[0]
                # The app's samples are the plan's, made to read like real records.
                first_title = build_spec(brief).entities[0]["seed"][0][entity.fields[0].name]
                if opens_on_list(brief):
                    assert html.escape(first_title) in page
                else:
                    assert html.escape(brief.features[0]) in page
                status, listing, _ = fetch(f"{base}/{entity.slug}")
                assert html.escape(first_title) in listing
                assert fetch(f"{base}/{entity.slug}/1")[0] == 200
                assert fetch(f"{base}/{entity.slug}/99999")[0] == 404
            if level >= 3:
                status, page, _ = fetch(f"{base}/{slugs[0]}?q=zzzz-no-match")
                assert status == 200 and "No " in page
            if level == 4:
                assert_smoke_passes(app_dir, base)


def test_form_validates_and_saves(tmp_path: Path) -> None:
    brief = derive_brief("Online booking for hair salons")
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CODE))
    with running_app(app_dir, tmp_path / "data") as base:
        assert fetch(base + "/bookings/new")[0] == 200
        good = {
            "client": "Zadie <Smith>",
            "service": "Trim",
            "date": "2026-06-01",
            "time": "10:00",
            "price": "40",
            "status": "Confirmed",
            "notes": "",
        }
        status, _, headers = fetch(base + "/bookings", good)
        assert status == 303
        location = headers["Location"]
        assert location.startswith("/bookings?added=")
        status, listing, _ = fetch(base + location)
        assert "Zadie &lt;Smith&gt;" in listing and "<Smith>" not in listing
        count = re.search(r'data-count="(\d+)"', listing)
        assert count is not None

        bad = dict(good, client="Kept value", price="forty", date="2026-02-30")
        status, page, _ = fetch(base + "/bookings", bad)
        assert status == 422
        assert 'value="Kept value"' in page and 'value="forty"' in page
        assert "must be an amount" in page and "must be a real date" in page
        status, page, _ = fetch(base + "/bookings", dict(good, client=" "))
        assert status == 422 and "required" in page
        _, after, _ = fetch(base + "/bookings")
        assert f'data-count="{count.group(1)}"' in after
        assert "Kept value" not in after


def test_data_survives_restart(tmp_path: Path) -> None:
    brief = derive_brief(DOG_IDEA)
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.DEPS))
    with running_app(app_dir, tmp_path / "data") as base:
        assert fetch(base + "/walkers", {"name": "Rex the Second"})[0] == 303
    with running_app(app_dir, tmp_path / "data") as base:
        _, page, _ = fetch(base + "/walkers")
        assert "Rex the Second" in page
        assert page.count("Rex the Second") == 1


def test_visitors_who_hang_up_leave_no_trace(tmp_path: Path) -> None:
    """A browser that cancels a page load (or a phone that loses signal) closes the socket
    before the answer is written: the app must carry on without printing a traceback."""
    brief = derive_brief(DOG_IDEA)
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.DEPS))
    with running_app(app_dir, tmp_path / "data") as base:
        port = int(base.rsplit(":", 1)[1])
        for _ in range(40):
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                # RST on close, as a cancelled request does, so the app's write finds the pipe gone
                sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                sock.sendall(b"GET /walkers HTTP/1.1\r\nHost: x\r\n\r\n")
        assert fetch(base + "/walkers")[0] == 200


def test_base_path_prefixes_everything(tmp_path: Path) -> None:
    brief = derive_brief(DOG_IDEA)
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    prefix = "/preview/abc"
    with running_app(app_dir, tmp_path / "data", base_path=prefix + "/") as base:
        for path in (
            "/",
            "/walkers",
            "/walkers/new",
            "/walkers/1",
            "/dashboard",
            "/about",
            "/nope",
        ):
            _, page, _ = fetch(base + path)
            links = re.findall(r'(?:href|action|src)="([^"]*)"', page)
            assert links
            for link in links:
                if link.startswith(("mailto:", "#")):
                    continue
                assert link.startswith(prefix + "/"), (path, link)
        status, _, headers = fetch(base + "/walkers", {"name": "Prefixed"})
        assert status == 303 and headers["Location"].startswith(prefix + "/walkers?added=")
        # a proxy that forgets to strip the prefix still works
        assert fetch(base + prefix + "/walkers")[0] == 200


def test_nasty_brief_app_runs(tmp_path: Path) -> None:
    with serving(nasty_brief(), tmp_path) as (app_dir, base):
        status, page, _ = fetch(base + "/")
        assert status == 200 and "<script>alert" not in page
        assert_smoke_passes(app_dir, base)


def test_smoke_test_reports_failures(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(derive_brief(DOG_IDEA), Stage.CHECKS))
    smoke = subprocess.run(
        [sys.executable, "-I", "tests/smoke.py", f"http://127.0.0.1:{free_port()}"],
        cwd=app_dir,
        capture_output=True,
        timeout=30,
    )
    assert smoke.returncode == 1
    assert smoke.stderr.decode().startswith("FAIL:")


def test_starts_fast(tmp_path: Path) -> None:
    app_dir = write_app(tmp_path / "app", app_files(derive_brief(DOG_IDEA), Stage.CHECKS))
    started = time.monotonic()
    with running_app(app_dir, tmp_path / "data"):
        elapsed = time.monotonic() - started
    assert elapsed < 1.5
    assert not (app_dir / "__pycache__").exists()


def test_app_claims_only_what_it_built(tmp_path: Path) -> None:
    brief = derive_brief(DOG_IDEA)
    with serving(brief, tmp_path) as (_, base):
        home = fetch(base + "/")[1]
        about = fetch(base + "/about")[1]
        for page in (home, about):
            # No invented customers, no health endpoint dressed up as a status page.
            assert "What people say" not in page and "Customer stories" not in page
            assert "/healthz" not in page
            # The founder's private idea text is not published.
            assert html.escape(DOG_IDEA) not in page
        # "Pay in the app" was asked for but not built: it is marked as planned, not claimed.
        assert "Planned" in home and "Pay in the app" in about
        assert "Add, edit and delete walkers" in home


def test_the_home_page_lists_what_it_keeps_as_a_sentence(tmp_path: Path) -> None:
    # "keeps bookings, customers in one calm, shared place" read as a typo to a founder.
    brief = next(b for b in map(derive_brief, (DOG_IDEA, INVOICE_IDEA)) if not opens_on_list(b))
    kinds = [e.plural.lower() for e in brief.entities]
    assert len(kinds) >= 2
    said = f"{', '.join(kinds[:-1])} and {kinds[-1]} in one calm, shared place"
    app_dir = write_app(tmp_path / "app", app_files(brief, Stage.CHECKS))
    with running_app(app_dir, tmp_path / "data") as base:
        page = html.unescape(fetch(base + "/")[1])
    assert said in page
