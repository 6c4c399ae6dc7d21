"""The first program in a sandbox: identity, limits, the one socket, then the app itself.

It runs as the sandbox's own Python (`python -I -S -c <this file>`), so it uses the standard
library only, and it runs the app in this same interpreter rather than exec'ing a second
one: a second Python start would be most of a sandbox's start-up cost. `-S` leaves out
`site`, whose only work here would be adding site-packages (generated apps use the standard
library only) and running whatever `.pth` files the host's Python carries. The first
argument is a JSON object:

  uid, gid     host identity to drop to (when bwrap ran privileged), or null
  limits       {"CPU": n, "AS": n, ...}: rlimits applied before anything untrusted runs
  relay        "serve": accept on the inherited Unix socket `fd`, connect to 127.0.0.1:`port`
               "reach": listen on 127.0.0.1:`port`, connect to the Unix socket `socket`
               null: no relay
  listening    an inherited pipe to write to once the app listens on `port`, or null
  orphan_kill  true: die when the process that started this one dies
  lifeline     an inherited pipe whose other end only livebuild holds, or null: when it
               ends (livebuild is gone, however it ended), everything in the sandbox is killed

The remaining arguments are what to run: a script and its arguments, or `-c` and code.
The relay is forked before the app runs so it lives inside the same namespaces and limits,
and dies with them. It also watches the lifeline, so a running app has one helper process,
not two (each a forked Python, ~4 MB); without a relay a watcher of its own is forked.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import socket
import sys
from typing import Any

_CHUNK = 65536


def _limit(limits: dict[str, int]) -> None:
    for name, value in limits.items():
        soft = hard = int(value)
        if name == "CPU":
            hard = soft + 5  # SIGXCPU first, SIGKILL a little later
        resource.setrlimit(getattr(resource, "RLIMIT_" + name), (soft, hard))


def _die_with_parent() -> None:
    """Die with livebuild, even when it is killed without a chance to clean up."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _watch_lifeline(fd: int) -> None:
    """Fork a watcher that ends the sandbox's processes once livebuild is gone.

    bwrap's own `--die-with-parent` binds the sandbox to bwrap, not bwrap to livebuild:
    a livebuild killed outright would leave bwrap and the app running under init.
    """
    if os.fork() != 0:
        os.close(fd)
        return
    null = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(null, target)
    os.closerange(3, fd)
    os.closerange(fd + 1, 65536)
    with contextlib.suppress(OSError):
        while os.read(fd, 1):
            pass
    _end_everything()


def _end_everything() -> None:
    """Kill every process this uid has in the sandbox's namespaces (never the caller)."""
    import signal

    with contextlib.suppress(OSError):
        os.kill(-1, signal.SIGKILL)
    os._exit(0)


def _pump(listener: socket.socket, connect: Any, lifeline: int | None = None) -> None:
    """Copy bytes between each accepted connection and a fresh upstream one, single-threaded;
    once `lifeline` ends (livebuild is gone), end everything in the sandbox.

    One thread for everything: threads count against the sandbox's process limit.
    """
    selector = selectors.DefaultSelector()
    peers: dict[socket.socket, socket.socket] = {}
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
    if lifeline is not None:
        selector.register(lifeline, selectors.EVENT_READ)

    def close(sock: socket.socket) -> None:
        for end in (sock, peers.pop(sock, None)):
            if end is not None:
                peers.pop(end, None)
                with contextlib.suppress(KeyError, ValueError):
                    selector.unregister(end)
                end.close()

    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            if not isinstance(sock, socket.socket):
                _lifeline_read(key.fd)
                continue
            if sock is listener:
                try:
                    client, _address = listener.accept()
                except OSError:
                    continue
                try:
                    upstream = connect()
                except OSError:
                    client.close()
                    continue
                peers[client], peers[upstream] = upstream, client
                for end in (client, upstream):
                    end.setblocking(True)
                    selector.register(end, selectors.EVENT_READ)
                continue
            try:
                data = sock.recv(_CHUNK)
            except OSError:
                data = b""
            peer = peers.get(sock)
            if not data or peer is None:
                close(sock)
                continue
            try:
                peer.sendall(data)
            except OSError:
                close(sock)


def _lifeline_read(fd: int) -> None:
    """The lifeline is readable: livebuild wrote to it (ignored) or is gone (the end)."""
    try:
        if os.read(fd, 1):
            return
    except OSError:
        pass
    _end_everything()


def _relay(spec: dict[str, Any], keep_out: list[int], lifeline: int | None) -> None:
    port = int(spec["port"])
    if spec["relay"] == "serve":
        listener = socket.socket(fileno=int(spec["fd"]))

        def connect() -> socket.socket:
            return socket.create_connection(("127.0.0.1", port))
    else:
        listener = socket.create_server(("127.0.0.1", port))
        path = str(spec["socket"])

        def connect() -> socket.socket:
            upstream = socket.socket(socket.AF_UNIX)
            try:
                upstream.connect(path)
            except OSError:
                upstream.close()
                raise
            return upstream

    # The listener exists before the fork, so whatever runs next can connect at once.
    if os.fork() == 0:
        try:
            for fd in keep_out:
                os.close(fd)
            _pump(listener, connect, lifeline)
        finally:
            os._exit(0)
    listener.close()
    if lifeline is not None:
        os.close(lifeline)  # the relay holds it: nothing the app starts inherits it


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


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec.get("orphan_kill"):
        _die_with_parent()
    if spec.get("uid") is not None:
        os.setgroups([])
        os.setgid(int(spec["gid"]))
        os.setuid(int(spec["uid"]))
    _limit(spec["limits"])
    lifeline = None if spec.get("lifeline") is None else int(spec["lifeline"])
    if lifeline is not None and not spec.get("relay"):
        _watch_lifeline(lifeline)
    listening = spec.get("listening")
    keep_out = []
    if listening is not None:
        # Nothing the app starts inherits it.
        os.set_inheritable(int(listening), False)
        keep_out.append(int(listening))
    if spec.get("relay"):
        _relay(spec, keep_out, lifeline)
    if listening is not None:
        _tell_when_listening(int(listening), int(spec["port"]))
    _run(sys.argv[2:])


if __name__ == "__main__":
    main()
