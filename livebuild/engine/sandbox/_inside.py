"""The first program in a sandbox: identity, limits, the one socket, then the app itself.

It runs as the sandbox's own Python (`python -I -S -c <this file>`), so it uses the standard
library only, and it runs the app in this same interpreter rather than exec'ing a second
one: a second Python start would be most of a sandbox's start-up cost. `-S` leaves out
`site`, whose only work here would be adding site-packages (generated apps use the standard
library only) and running whatever `.pth` files the host's Python carries. The first
argument is a JSON object:

  uid, gid     host identity to drop to (when bwrap ran privileged), or null
  data         the app's data folder, closed to other uids once it runs as its own
  limits       {"CPU": n, "AS": n, ...}: rlimits applied before anything untrusted runs
  relay        "serve": accept on the inherited Unix socket `fd`, connect to 127.0.0.1:`port`
               "reach": listen on 127.0.0.1:`port`, connect to the Unix socket `socket`
               null: no relay
  listening    an inherited pipe to write to once the app listens on `port`, or null
  orphan_kill  true: die when the process that started this one dies
  lifeline     an inherited pipe whose other end only livebuild holds, or null: when it
               ends (livebuild is gone, however it ended), everything in the sandbox is killed
  control      an inherited Unix socket to livebuild, or null: this process stays as the
               sandbox's supervisor (see `_supervise`) and runs the app in a child it forks

The remaining arguments are what to run: a script and its arguments, or `-c` and code.
The relay lives inside the same namespaces and limits, and dies with them: forked before
a command runs, or (with `control`) the supervisor itself, the app forked from it. It also
watches the lifeline, so a running app has one helper process (each a forked Python, ~4 MB).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import selectors
import socket
import sys
import time
from typing import Any

from livebuild.engine.sandbox._inside_app import (
    _compile_ahead,
    _preload,
    _run,
    _tell_when_listening,
    _unshadow,
)

_CHUNK = 65536
# The longest a relayed connection may hold bytes its reader takes none of. The relay copies
# without ever waiting on one reader (each connection keeps what it could not yet pass on,
# and reads no more from the other side until it has), so a visitor who stops reading holds
# up only their own connection; past this, it is dropped, and its buffers with it.
_STALL_S = 60.0
# Connections taken from the listener's queue at one wake-up (its whole queue, 64).
_ACCEPT_AT_ONCE = 64
# Visitors relayed at once, two files each within the sandbox's 256: the rest wait in the
# socket's queue (a connect past the limit failed, and its visitor went unanswered).
_MOST_PAIRS = 112


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


def _end_everything(code: int = 0) -> None:
    """Kill every process this uid has in the sandbox's namespaces (never the caller)."""
    import signal

    with contextlib.suppress(OSError):
        os.kill(-1, signal.SIGKILL)
    os._exit(code)


class _Relayed:
    """The connections being relayed, each with its upstream one, what each has yet to be
    sent, and the selector that watches them and every other file the relay serves.

    Nothing here waits on a reader: a copy that a reader can't take at once is kept for that
    connection (one read's worth at most: its other side is not read again until it has
    gone), and sent as the reader takes it."""

    def __init__(self) -> None:
        self.selector = selectors.DefaultSelector()
        self.peers: dict[socket.socket, socket.socket] = {}
        self.pending: dict[socket.socket, bytes] = {}
        # When each connection with something pending last took any of it.
        self.moved: dict[socket.socket, float] = {}
        # Read to its end; its peer is told once it has all. Closed once both have ended.
        self.ended: set[socket.socket] = set()

    def add(self, client: socket.socket, upstream: socket.socket) -> None:
        self.peers[client], self.peers[upstream] = upstream, client
        for end in (client, upstream):
            end.setblocking(False)
            if end.family != socket.AF_UNIX:
                # Each piece goes on at once: a kept connection that waited for the last
                # piece's acknowledgement (Nagle) held every answer ~40 ms.
                end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.selector.register(end, selectors.EVENT_READ)

    def close(self, sock: socket.socket) -> None:
        for end in (sock, self.peers.pop(sock, None)):
            if end is not None:
                self.peers.pop(end, None)
                self.pending.pop(end, None)
                self.moved.pop(end, None)
                self.ended.discard(end)
                with contextlib.suppress(KeyError, ValueError):
                    self.selector.unregister(end)
                end.close()

    def close_all(self) -> None:
        """End every relayed connection: the app they reached is gone. A kept one (HTTP/1.1
        keep-alive) would otherwise stay open with nothing behind it, and a new app forked
        from here would inherit it: the browser's next request on it is never answered."""
        for sock in list(self.peers):
            self.close(sock)

    def _watch(self, sock: socket.socket) -> None:
        """Read from `sock` unless it ended or its peer still holds a copy from it; write
        to it while it holds one itself."""
        peer = self.peers.get(sock)
        events = 0
        if sock not in self.ended and peer is not None and peer not in self.pending:
            events |= selectors.EVENT_READ
        if sock in self.pending:
            events |= selectors.EVENT_WRITE
        with contextlib.suppress(KeyError, ValueError):
            if events:
                self.selector.modify(sock, events)
            else:
                self.selector.unregister(sock)
                return
        if events and sock not in self.selector.get_map():
            self.selector.register(sock, events)

    def readable(self, sock: socket.socket) -> None:
        """Pass on what `sock` has to its peer, as much as the peer takes now."""
        peer = self.peers.get(sock)
        if peer is None:
            return
        try:
            data = sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close(sock)  # reset: nothing more goes either way
            return
        if not data:
            # Said all it has to say, one way only: a visitor who half-closes after the
            # request still gets the answer (closing both ways left them none).
            self.ended.add(sock)
            if peer not in self.pending:  # else the peer gets what it is owed first
                self._said_all(peer)
            if sock in self.peers:
                self._watch(sock)
            return
        self._send(peer, data)

    def _said_all(self, sock: socket.socket) -> None:
        """`sock` has everything its peer will ever send: tell it so, and end the pair once
        both ways have ended."""
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
        if sock in self.ended and self.peers.get(sock) not in self.pending:
            self.close(sock)

    def writable(self, sock: socket.socket) -> None:
        data = self.pending.pop(sock, None)
        if data is not None:
            self._send(sock, data, held=True)

    def _send(self, sock: socket.socket, data: bytes, *, held: bool = False) -> None:
        """Send what `sock` takes of `data` now and hold the rest; `held`: `data` is what
        was held for it (the watches change only when that changes)."""
        try:
            sent = sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self.close(sock)
            return
        peer = self.peers.get(sock)
        if sent < len(data):
            if sent or sock not in self.moved:
                self.moved[sock] = time.monotonic()
            self.pending[sock] = data[sent:]
        else:
            self.moved.pop(sock, None)
            if peer in self.ended:  # it had said all it had to say
                self._said_all(sock)
                if sock not in self.peers:
                    return
        if held != (sock in self.pending):  # began holding, or gave all it held
            self._watch(sock)
            if peer is not None:
                self._watch(peer)

    def drop_stalled(self) -> None:
        """Drop each connection whose reader has taken nothing for `_STALL_S`."""
        now = time.monotonic()
        for sock, since in list(self.moved.items()):
            if now - since > _STALL_S and sock in self.moved:
                self.close(sock)


def _pump(
    listener: socket.socket,
    connect: Any,
    handlers: dict[int, Any],
    relayed: _Relayed | None = None,
) -> None:
    """Copy bytes between each accepted connection and a fresh upstream one, single-threaded
    and never waiting on one reader; each other file in `handlers` (the lifeline, the
    supervisor's) calls its handler when readable.

    One thread for everything: threads count against the sandbox's process limit.
    """
    relayed = relayed or _Relayed()
    selector = relayed.selector
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
    for fd in handlers:
        selector.register(fd, selectors.EVENT_READ)

    while True:
        # With copies held, wake now and then to drop a connection nobody reads.
        for key, events in selector.select(1.0 if relayed.moved else None):
            sock = key.fileobj
            if not isinstance(sock, socket.socket):
                handlers[key.fd]()
            elif sock is listener:
                _accept(listener, connect, relayed)
            else:
                if events & selectors.EVENT_WRITE:
                    relayed.writable(sock)
                if events & selectors.EVENT_READ:
                    relayed.readable(sock)
        relayed.drop_stalled()
        _listen_while_room(listener, relayed)


def _listen_while_room(listener: socket.socket, relayed: _Relayed) -> None:
    """Take new visitors only while there is room to relay them."""
    room = len(relayed.peers) < 2 * _MOST_PAIRS
    if room != (listener in relayed.selector.get_map()):
        if room:
            relayed.selector.register(listener, selectors.EVENT_READ)
        else:
            relayed.selector.unregister(listener)


def _connect_app(port: int) -> socket.socket:
    """A connection to the app, under way: nothing waits for it (a full accept queue
    retries the connect after 1 s, then 3 s, ...). What the visitor sends first is held
    until it is made; a connect that fails shows as an error and closes the pair."""
    upstream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    upstream.setblocking(False)
    upstream.connect_ex(("127.0.0.1", port))
    return upstream


def _accept(listener: socket.socket, connect: Any, relayed: _Relayed) -> None:
    # All who wait, not one a wake-up: a burst of visitors beyond the listener's queue is
    # refused at the host's relay with no answer.
    for _ in range(_ACCEPT_AT_ONCE):
        if len(relayed.peers) >= 2 * _MOST_PAIRS:
            return
        try:
            client, _address = listener.accept()
        except OSError:
            return
        try:
            upstream = connect()
        except OSError:
            client.close()
            continue
        relayed.add(client, upstream)


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
            return _connect_app(port)
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
            handlers = {} if lifeline is None else {lifeline: lambda: _lifeline_read(lifeline)}
            _pump(listener, connect, handlers)
        finally:
            os._exit(0)
    listener.close()
    if lifeline is not None:
        os.close(lifeline)  # the relay holds it: nothing the app starts inherits it


class _Launch(Exception):
    """Raised in a process the supervisor just forked: unwind out of it and run the app."""

    def __init__(self, told: int | None) -> None:
        self.told = told


def _supervise(spec: dict[str, Any], told: int | None, lifeline: int | None) -> int | None:
    """Stay as the sandbox's supervisor: relay to the app, and run it in a forked child,
    again each time livebuild asks (new code shows through the bind mounts), in the same
    namespaces, disk and cgroup. Returns only in the child, with its `told` pipe.

    livebuild sends one byte, `s`, with a fresh `told` pipe; the supervisor ends every
    other process in the sandbox, forks the app again and answers `k`. The app holds none
    of this: the child closes the control socket (a socket, so it can't be reopened
    through /proc) and the supervisor is not dumpable (no ptrace, no /proc/PID/fd). What
    the app can do to it, it could do to the relay before: kill it, which ends the whole
    sandbox; livebuild then starts a new one. The app ending ends the sandbox with its
    exit code, as it always did.
    """
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans come to us
        ctypes.CDLL(None).prctl(4, 0)  # PR_SET_DUMPABLE 0
    port = int(spec["port"])
    control = socket.socket(fileno=int(spec["control"]))
    listener = socket.socket(fileno=int(spec["fd"]))
    wake, woken = os.pipe()
    os.set_blocking(woken, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(woken, warn_on_full_buffer=False)
    _preload(spec.get("preload") or [])
    relayed = _Relayed()
    try:
        _compile_ahead()
        app = _Supervisor(control, wake, _fork_app(told), relayed)

        def connect() -> socket.socket:
            return _connect_app(port)

        handlers = {control.fileno(): app.asked, wake: app.reaped}
        if lifeline is not None:
            handlers[lifeline] = lambda: _lifeline_read(lifeline)
        _pump(listener, connect, handlers, relayed)
    except _Launch as launch:
        _unshadow()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in (wake, woken, lifeline):
            if fd is not None:
                os.close(fd)
        control.close()
        listener.close()
        relayed.selector.close()  # this process's copy: the relay's own goes on
        return launch.told
    return None


class _Supervisor:
    """What the supervisor does when livebuild asks, and when a child of it ends."""

    def __init__(self, control: socket.socket, wake: int, app: int, relayed: _Relayed) -> None:
        self.control = control
        self.wake = wake
        self.app: int | None = app
        self.relayed = relayed

    def reaped(self) -> None:
        with contextlib.suppress(OSError):
            os.read(self.wake, 4096)
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid == self.app:  # it ended by itself: so does the sandbox
                code = os.waitstatus_to_exitcode(status)
                _end_everything(128 - code if code < 0 else code)

    def asked(self) -> None:
        try:
            data, fds, _flags, _address = socket.recv_fds(self.control, 1, 1)
        except OSError:
            data, fds = b"", []
        if not data:
            _end_everything()  # livebuild is gone
        if data != b"s" or not fds:
            for fd in fds:
                os.close(fd)
            return
        self.app = None
        _end_the_app()
        # The old app's connections end with it, and the new app inherits none of them.
        self.relayed.close_all()
        # Answered before compiling: livebuild gives the answer `RESTART_TIMEOUT_S`, and the
        # new app's readiness comes through the descriptor it sent.
        self.control.send(b"k")
        _compile_ahead()
        self.app = _fork_app(fds[0])


def _fork_app(told: int | None) -> int:
    """Fork the app's process (in it, `_Launch` unwinds to run it); its pid here."""
    pid = os.fork()
    if pid == 0:
        raise _Launch(told)
    if told is not None:
        os.close(told)
    return pid


def _end_the_app() -> None:
    """End every process in the sandbox but this one, and wait until each has gone.

    One kill reaches them all: the kernel delivers it to every process at once and aborts
    a fork in progress. Orphans come to the supervisor (a subreaper), so once it has no
    children left nothing else runs, and the app's port, processes and files are free.
    """
    import signal

    with contextlib.suppress(OSError):
        os.kill(-1, signal.SIGKILL)
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _keep_to_itself(data: str | None) -> None:
    """The app's files are its uid's alone: its data folder closed to every other uid, and
    what it writes from now on unreadable by them, so an app that found a way to another's
    folder (a path, a mount, a descriptor) still reads none of its records."""
    os.umask(0o077)
    if data is not None:
        with contextlib.suppress(OSError):
            os.chmod(data, 0o700)


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec.get("orphan_kill"):
        _die_with_parent()
    if spec.get("uid") is not None:
        os.setgroups([])
        os.setgid(int(spec["gid"]))
        os.setuid(int(spec["uid"]))
        _keep_to_itself(spec.get("data"))
    _limit(spec["limits"])
    lifeline = None if spec.get("lifeline") is None else int(spec["lifeline"])
    if lifeline is not None and not spec.get("relay"):
        _watch_lifeline(lifeline)
    listening = spec.get("listening")
    keep_out = []
    if listening is not None:
        keep_out.append(int(listening))
    if spec.get("control") is not None:
        listening = _supervise(spec, listening, lifeline)
    elif spec.get("relay"):
        _relay(spec, keep_out, lifeline)
    if listening is not None:
        # Nothing the app starts inherits it.
        os.set_inheritable(int(listening), False)
        _tell_when_listening(int(listening), int(spec["port"]))
    _run(sys.argv[2:])


if __name__ == "__main__":
    main()
