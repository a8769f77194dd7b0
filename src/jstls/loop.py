"""The host half of the event loop: waiting for I/O, like libuv's poll phase.

What it is not: the loop's order.  Timers, immediates, nextTick and promise
jobs live in JS (lib/internal/loop.js), because each entry into the engine
from Python costs a full garbage collection with dukpy (see the engine
adapter).  So JS runs the phases and calls ``loop.poll`` once per turn:

1. JS says how long it may block (0 when immediates wait, the time to its
   next timer, or -1 for ever) and whether it holds ref'd work itself.
2. ``poll`` returns None when nothing ref'd is left on either side: the
   process is done.  Otherwise it waits on the selector, lets each ready
   handle turn readiness into events, and returns them in one batch.
3. Bytes that arrived for several handles travel as one buffer; an event
   names its slice by offset and length, so one copy serves the batch.

Handles are host objects with an integer id, a ``refed`` flag and
``on_ready(mask)``; they queue events with ``loop.emit``.
"""

from __future__ import annotations

import itertools
import os
import selectors
import signal
import stat
import time


class Handle:
    """A host resource JS knows by id: refs keep the loop alive."""

    def __init__(self, loop):
        self.loop = loop
        self.id = next(loop._ids)
        self.refed = True
        self.closed = False
        loop.handles[self.id] = self

    def on_ready(self, mask):
        """Turn selector readiness into events."""

    def is_active(self):
        """Whether the handle has work in progress (libuv's "active")."""
        return False

    def close(self):
        if self.closed:
            return
        self.closed = True
        self.loop.unwatch(self)
        self.loop.handles.pop(self.id, None)


class FdReader(Handle):
    """Reads a file descriptor for a JS Readable (process.stdin).

    Pipes, sockets and TTYs are watched with the selector; regular files
    cannot be (epoll refuses them), so they are read in turns instead, one
    chunk per loop turn, as libuv's fs-backed streams do.
    """

    CHUNK = 65536

    def __init__(self, loop, fd):
        super().__init__(loop)
        self.fd = fd
        self.reading = False
        mode = os.fstat(fd).st_mode
        self.pollable = not stat.S_ISREG(mode)

    def is_active(self):
        return self.reading

    def start(self):
        if self.reading or self.closed:
            return
        self.reading = True
        if self.pollable:
            self.loop.watch(self, selectors.EVENT_READ)
        else:
            self.loop.always_ready.add(self)

    def stop(self):
        if not self.reading:
            return
        self.reading = False
        self.loop.unwatch(self)

    def on_ready(self, mask):
        try:
            data = os.read(self.fd, self.CHUNK)
        except BlockingIOError:
            return
        except OSError as exc:
            self.stop()
            self.loop.emit(self, "error", exc)
            return
        if data:
            self.loop.emit_data(self, data)
        else:
            self.stop()
            self.loop.emit(self, "end")


class HostLoop:
    """Selector, handles and the per-turn event batch."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.handles = {}
        self.always_ready = set()
        self._ids = itertools.count(1)
        self._events = []
        self._chunks = []
        self._chunk_size = 0
        self._watched = {}  # fd -> (interest, handle), as the selector has
        self.interrupted = None

    # -- registration ------------------------------------------------------

    def watch(self, handle, events):
        # Handles re-arm after every read and write, mostly to the same
        # interest: the selector is asked only when it changes.
        watched = (events, handle)
        if self._watched.get(handle.fd) == watched:
            return
        try:
            self.selector.modify(handle.fd, events, handle)
        except KeyError:
            self.selector.register(handle.fd, events, handle)
        self._watched[handle.fd] = watched

    def unwatch(self, handle):
        self.always_ready.discard(handle)
        fd = getattr(handle, "fd", None)
        if fd is None:
            return
        self._watched.pop(fd, None)
        try:
            self.selector.unregister(fd)
        except (KeyError, ValueError):
            pass

    def refed_count(self):
        return sum(1 for h in self.handles.values() if h.refed and h.is_active())

    # -- events ------------------------------------------------------------

    def emit(self, handle, kind, *payload):
        if payload and isinstance(payload[0], OSError):
            from .bindings import os_error_record

            payload = (os_error_record(payload[0], "read"),)
        self._events.append([handle.id, kind, *payload])

    def emit_data(self, handle, data):
        self._events.append([handle.id, "data", self._chunk_size, len(data)])
        self._chunks.append(data)
        self._chunk_size += len(data)

    def take_batch(self):
        events, chunks = self._events, self._chunks
        self._events, self._chunks, self._chunk_size = [], [], 0
        return events, b"".join(chunks) if chunks else None

    # -- the poll phase ----------------------------------------------------

    def poll(self, timeout_ms, js_alive):
        """Wait for I/O; None when nothing ref'd remains anywhere."""
        if not js_alive and not self.refed_count() and not self._events:
            return None
        if self._events or self.always_ready:
            timeout = 0
        elif timeout_ms is None or timeout_ms < 0:
            timeout = None
        else:
            timeout = timeout_ms / 1000.0
        try:
            if self.selector.get_map():
                ready = self.selector.select(timeout)
            else:
                # select() with nothing registered returns at once.
                ready = []
                if timeout:
                    time.sleep(timeout)
        except KeyboardInterrupt:
            self._events.append([0, "signal", "SIGINT", int(signal.SIGINT)])
            ready = []
        for key, mask in ready:
            key.data.on_ready(mask)
        for handle in list(self.always_ready):
            handle.on_ready(selectors.EVENT_READ)
        return self.take_batch()

    def close(self):
        for handle in list(self.handles.values()):
            handle.close()
        self.selector.close()
