"""What every sandbox does alike: noticing changed files, asking whether the app answers."""

from __future__ import annotations

import ast
import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path


def _without_docs(tree: ast.Module) -> str:
    """`tree`'s code as it runs, without its docstrings and comments: every process in a
    sandbox carries it in its command line, which an app (and its smoke test) may read."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            assert isinstance(body, list)
            body[:1] = [] if len(body) > 1 else [ast.Pass()]
    return ast.unparse(tree)


def _launcher() -> str:
    """`_inside.py` with the code of `_inside_app.py` in place of its import of it."""
    here = Path(__file__).parent
    inside, app = (
        ast.parse((here / name).read_text()) for name in ("_inside.py", "_inside_app.py")
    )

    def future(node: ast.stmt) -> bool:  # or a docstring: neither can come later
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        return docstring or (isinstance(node, ast.ImportFrom) and node.module == "__future__")

    first = [n for n in inside.body if future(n) and isinstance(n, ast.ImportFrom)]
    borrowed = [n for n in app.body if not future(n)]
    own = [n for n in inside.body if not future(n)]
    own = [n for n in own if not (isinstance(n, ast.ImportFrom) and n.module == _APP_PART)]
    inside.body = [*first, *borrowed, *own]
    return _without_docs(inside)


_APP_PART = "livebuild.engine.sandbox._inside_app"
# The program every sandbox starts first; it runs the app in the same interpreter.
LAUNCHER = _launcher()
# How the sandbox's Python runs the launcher; see `_inside.py` for why `-S`.
LAUNCHER_FLAGS = ("-I", "-S", "-c", LAUNCHER)

Fingerprint = tuple[tuple[str, int, int], ...]
Connect = Callable[[], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]


def fingerprint(root: Path) -> Fingerprint:
    entries = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


async def answers(connect: Connect) -> bool:
    """True once the app answers `GET /` with anything but a server error."""
    try:
        reader, writer = await connect()
    except OSError:
        return False
    try:
        writer.write(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        status_line = await reader.readline()
    except OSError:
        return False
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    parts = status_line.split()
    return len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < 500
