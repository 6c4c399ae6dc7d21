"""What the launcher (`_inside.py`) does in the app's own process: tell livebuild when the
app listens, and run it as `python app.py` would; and the modules a kept sandbox's
supervisor imports once for every app it forks. Standard library only: `_shared.py`
puts this file's code into the launcher's."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from typing import Any


def _preload(names: list[str]) -> None:
    """Import the standard modules apps use once, here, so each app forked starts with
    them: a restart costs the app's own imports only. Never from the app's folder."""
    import gc

    before = set(sys.modules)
    path, sys.path[:] = sys.path[:], [p for p in sys.path if p not in ("", os.getcwd())]
    for name in names:
        with contextlib.suppress(Exception):
            __import__(name)
    sys.path[:] = path
    _PRELOADED.update(set(sys.modules) - before)
    gc.freeze()  # what is here stays shared with each app, not copied as it is collected


def _unshadow() -> None:
    """Forget a preloaded module the app has a file of its own for: its file wins, as in
    `python app.py`."""
    for name in {n.partition(".")[0] for n in _PRELOADED}:
        if os.path.exists(name + ".py") or os.path.isdir(name):
            for loaded in [n for n in _PRELOADED if n == name or n.startswith(name + ".")]:
                sys.modules.pop(loaded, None)


_PRELOADED: set[str] = set()
# The app's own modules as the supervisor compiled them: path -> ((mtime_ns, size), code).
_COMPILED: dict[str, tuple[tuple[int, int], Any]] = {}
_COMPILE_MAX_BYTES = 2_000_000
_COMPILE_MAX_FILES = 200
# How long the supervisor compiles ahead at most; what is left is compiled by the app's own
# imports, as Python would (a big or busy app never waits on modules it doesn't import).
_COMPILE_SECONDS = 0.5


def _compile_ahead() -> None:
    """In a kept sandbox's supervisor, before each start: compile the app's own modules
    (its folder's `*.py`) whose files changed since the start before. Its folder is
    read-only, so no bytecode is kept beside them: without this every start of a build
    compiles every module again. Compiling runs none of their code; a file that doesn't
    compile, or that is left when `_COMPILE_SECONDS` have gone, is left to the app, which
    compiles it (or reports it) as Python would."""
    folder, ends = os.getcwd(), time.monotonic() + _COMPILE_SECONDS
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))[:_COMPILE_MAX_FILES]
    except OSError:
        names = []
    paths = {os.path.join(folder, name) for name in names}
    for path in set(_COMPILED) - paths:
        del _COMPILED[path]
    for path in paths:
        try:
            with open(path, "rb") as source:
                stat = os.fstat(source.fileno())
                key = (stat.st_mtime_ns, stat.st_size)
                if _COMPILED.get(path, (None, None))[0] == key:
                    continue
                _COMPILED.pop(path, None)
                if stat.st_size > _COMPILE_MAX_BYTES or time.monotonic() > ends:
                    continue
                code = compile(source.read(), path, "exec", dont_inherit=True)
        except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        _COMPILED[path] = (key, code)


def _use_compiled() -> None:
    """In the app's process: import its modules from what the supervisor compiled while
    each file is still the one compiled; anything else is imported as Python would."""
    if not _COMPILED:
        return
    from importlib import machinery

    class Compiled(machinery.SourceFileLoader):
        def get_code(self, fullname: str) -> Any:
            entry = _COMPILED.get(self.path)
            try:
                stat = os.stat(self.path)
            except OSError:
                entry = None
            if entry is not None and entry[0] == (stat.st_mtime_ns, stat.st_size):
                return entry[1]
            return super().get_code(fullname)

    sys.path_hooks.insert(
        0,
        machinery.FileFinder.path_hook(
            (machinery.ExtensionFileLoader, machinery.EXTENSION_SUFFIXES),
            (Compiled, machinery.SOURCE_SUFFIXES),
            (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES),
        ),
    )
    sys.path_importer_cache.clear()


def _tell_when_listening(fd: int, port: int) -> None:
    """Write to `fd` the moment the app's socket on `port` accepts connections.

    livebuild waits on the other end instead of polling the port. Every Python server
    (http.server, socketserver, asyncio) ends up in `socket.socket.listen`; an app that
    listens some other way is still found by livebuild's slower polling.
    """
    original = socket.socket.listen

    def listen(self: socket.socket, *args: Any) -> None:
        original(self, *args)
        if self.family in (socket.AF_INET, socket.AF_INET6) and self.getsockname()[1] == port:
            socket.socket.listen = original  # type: ignore[method-assign]
            with contextlib.suppress(OSError):
                os.write(fd, b"!")
                os.close(fd)

    socket.socket.listen = listen  # type: ignore[method-assign,assignment]


def _run(args: list[str]) -> None:
    """Run `args` as `python -I -B ARGS` would, in this interpreter."""
    import builtins
    import site  # with -S, importing it adds nothing to sys.path
    import types

    # What `python` gives a script that `-S` took away: exit(), quit(), help() and friends.
    site.setquit()
    site.setcopyright()
    site.sethelper()
    sys.dont_write_bytecode = True
    _use_compiled()
    main = types.ModuleType("__main__")
    main.__builtins__ = builtins  # type: ignore[attr-defined]
    sys.modules["__main__"] = main
    if args[:1] == ["-c"]:
        sys.argv = ["-c", *args[2:]]
        exec(compile(args[1], "<string>", "exec"), main.__dict__)
        return
    from importlib.machinery import SourceFileLoader

    # Like `python app.py`: argv as given, the file's absolute path in __file__ and traces.
    sys.argv = list(args)
    path = os.path.abspath(args[0])
    main.__file__ = path
    main.__loader__ = SourceFileLoader("__main__", path)
    try:
        with open(path, "rb") as source:
            code = compile(source.read(), path, "exec")
        exec(code, main.__dict__)
    except Exception as error:  # reported as Python would, without the launcher's frames
        import traceback

        trace = error.__traceback__
        while trace is not None and trace.tb_frame.f_code.co_filename != path:
            trace = trace.tb_next
        traceback.print_exception(type(error), error, trace)
        raise SystemExit(1) from None
