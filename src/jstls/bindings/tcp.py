"""Host side of ``net``: TCP and Unix-domain sockets on the host loop.

Like Node's TCPWrap and PipeWrap, these are stream handles: JS starts and
stops reading, writes bytes, half-closes and closes; the handle reports
data, end, errors and write completions as loop events.  The same
interface serves the TLS handle that wraps a TCP handle later.

Flow control: a handle reads only while JS asks it to (``read_start``),
at most ``READ_BUDGET`` bytes per loop turn, so a fast peer meeting a
paused reader fills the kernel's buffer, not Python's.  Writes go straight
to the socket; what the kernel does not take waits in the handle's queue,
and its completion is reported when the queue drains.

Name resolution (``dns.lookup``) runs getaddrinfo on a worker thread and
wakes the loop through a self-pipe, so the loop never blocks on DNS.
"""

from __future__ import annotations

import errno
import os
import queue
import selectors
import socket
import threading
from collections import deque

from . import HostError, debuglog, os_error_record, utf8
from ..loop import Handle

_debug_net = debuglog("net")
_debug_tls = debuglog("tls")

_READ = selectors.EVENT_READ
_WRITE = selectors.EVENT_WRITE


def _family_name(family):
    return {socket.AF_INET: "IPv4", socket.AF_INET6: "IPv6"}.get(family)


def _address_dict(sock, peer=False):
    """Node's address() object; None when the socket has no address."""
    try:
        addr = sock.getpeername() if peer else sock.getsockname()
    except OSError:
        return None
    if sock.family == socket.AF_UNIX:
        return addr if isinstance(addr, str) else addr.decode()
    host, port = addr[0], addr[1]
    return {"address": host, "family": _family_name(sock.family), "port": port}


def _error(exc, syscall, **props):
    """Node's uvExceptionWithHostPort: 'connect ECONNREFUSED 1.2.3.4:80'."""
    record = os_error_record(exc, syscall)
    message = f"{syscall} {record['code']}"
    address = props.get("address")
    port = props.get("port")
    if address is not None:
        record["address"] = address
        message += f" {address}" + (f":{port}" if port is not None else "")
    if port is not None:
        record["port"] = port
    record["message"] = message
    return record


class TlsPump:
    """The TLS half of a stream handle: a TLS machine between a transport
    and JS (bindings/tls.py puts it there with ``start_tls``).

    The pump runs the machine and routes what it made: plaintext and
    events toward JS (``_emit``, ``_emit_data``), ciphertext toward the
    transport (``_send_ciphertext``).  A subclass supplies those three and
    ``_update`` (re-arm its I/O interest).  StreamHandle's transport is its
    socket, so ciphertext never crosses into JS; bindings/tls.py's
    JsTransportHandle's is a JS Duplex, so it does.
    """

    tls = None
    tls_started = tls_established = tls_failed = tls_ended = tls_eof = False

    def start_tls(self, machine, started=True):
        """Put a TLS machine between the transport and JS.

        A client starts its handshake now, unless ``started`` is False:
        a client ``new tls.TLSSocket()`` made without ``tls.connect()``
        waits, as in Node, for its first write or the peer's first bytes.
        """
        self.tls = machine
        self.tls_started = False
        self.tls_established = False
        self.tls_failed = False
        self.tls_ended = False
        self.tls_eof = False
        if started:
            self._tls_turn()
        self._update()

    def _tls_receive(self, data):
        self.tls_started = True
        self.tls.receive(data)
        self._tls_turn()

    def _tls_turn(self):
        """Run the machine and carry out what it produced: the byte pump."""
        for event in self.tls.advance():
            kind = event[0]
            if kind == "plaintext":
                self._emit_data(event[1])
            elif kind == "handshake_done":
                if _debug_tls:
                    _debug_tls("handle %d handshake done %s", self.id,
                               self.tls.protocol())
                if self.tls.rejects_peer():
                    # Keep the last flight back: JS closes the connection
                    # and the client sees it end mid-handshake, as with Node.
                    self.tls_failed = True
                    self._emit("tls_reject", self.tls.verify_error())
                    self._update()
                    return
                self.tls_established = True
                self._emit("secure")
            elif kind == "close_notify":
                # The peer will send nothing more: Node reads that as end.
                if not self.tls_ended:
                    self.tls_ended = True
                    self._emit("end")
            elif kind == "error":
                if _debug_tls:
                    _debug_tls("handle %d error %s", self.id, event[1].get("code"))
                self.tls_failed = True
                self._emit("tls_error", event[1])
            else:
                # client_hello, session: for lib/tls.js's listeners.
                self._emit(kind, _jsonable(event[1]))
        out = self.tls.pull()
        if out:
            self.tls_started = True
            self._send_ciphertext(out)
        self._update()

    def _tls_close(self):
        """Queue a close_notify and send it (``tlsSocket.end()``)."""
        if not self.tls_failed:
            self.tls.close()
            self._send_ciphertext(self.tls.pull())

    def _tls_eof(self):
        """The transport ended: the end of the TLS stream, or, in the
        middle of a handshake, Node's ECONNRESET.  Before any handshake
        byte moved it is a plain end (lib/tls.js tells a server).

        LIMITATION: a tls.connect() socket of Node emits 'end' before that
        ECONNRESET; here the error comes alone."""
        self.tls_eof = True
        self._update()
        if self.tls_started and not self.tls_established:
            self.tls_failed = True
            self._emit("error", {
                "name": "Error",
                "code": "ECONNRESET",
                "message": "Client network socket disconnected before "
                           "secure TLS connection was established",
            })
            return
        if not self.tls_ended:  # a close_notify said it already
            self.tls_ended = True
            self._emit("end")

    # -- what a subclass supplies ---------------------------------------------

    def _emit(self, kind, *payload):
        raise NotImplementedError

    def _emit_data(self, data):
        raise NotImplementedError

    def _send_ciphertext(self, data):
        raise NotImplementedError

    def _update(self):
        raise NotImplementedError


class StreamHandle(TlsPump, Handle):
    """A connected byte stream over a non-blocking socket."""

    READ_BUDGET = 4 * 65536
    CHUNK = 65536

    def __init__(self, loop, sock):
        super().__init__(loop)
        self.sock = sock
        self.fd = sock.fileno()
        sock.setblocking(False)
        self.reading = False
        self.connecting = False
        self.queue = deque()
        self.queued_bytes = 0
        self.shutdown_pending = False
        self.bytes_read = 0
        self.bytes_written = 0
        # With a TLS machine attached (bindings/tls.py), the socket carries
        # ciphertext and JS sees only plaintext: ciphertext never crosses
        # into JS.
        self.tls = None

    def is_active(self):
        return bool(
            self.reading or self.connecting or self.queue or self.shutdown_pending
            or self._handshaking()
        )

    def _handshaking(self):
        # The handshake reads whether or not JS wants plaintext yet.
        return self.tls is not None and not (
            self.tls_established or self.tls_failed or self.tls_eof)

    # -- selector interest -------------------------------------------------

    def _update(self):
        if self.closed:
            return
        mask = 0
        if self.connecting or self.queue or self.shutdown_pending:
            mask |= _WRITE
        if (self.reading or self._handshaking()) and not self.connecting:
            mask |= _READ
        if mask:
            self.loop.watch(self, mask)
        else:
            self.loop.unwatch(self)

    def on_ready(self, mask):
        if self.connecting:
            if mask & (_WRITE | _READ):
                self._finish_connect()
            return
        if mask & _WRITE:
            self._flush()
        if mask & _READ and (self.reading or self._handshaking()) \
                and not self.closed:
            self._read()

    # -- reading -------------------------------------------------------------

    def read_start(self):
        self.reading = True
        self._update()

    def read_stop(self):
        self.reading = False
        self._update()

    def _read(self):
        budget = self.READ_BUDGET
        while budget > 0 and (self.reading or self._handshaking()) \
                and not self.closed:
            try:
                data = self.sock.recv(self.CHUNK)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                self.reading = False
                self._update()
                self.loop.emit(self, "error", _error(exc, "read"))
                return
            if not data:
                self.reading = False
                self._update()
                self._on_eof()
                return
            self.bytes_read += len(data)
            budget -= len(data)
            if self.tls is not None:
                self._tls_receive(data)
            else:
                self.loop.emit_data(self, data)
            if len(data) < self.CHUNK:
                # The kernel had no more: spare the recv that would say so
                # (the selector reports what comes next).
                return

    def _on_eof(self):
        if self.tls is not None:
            self._tls_eof()
            return
        self.loop.emit(self, "end")

    # -- TLS (the transport side of TlsPump) -----------------------------------

    def _emit(self, kind, *payload):
        self.loop.emit(self, kind, *payload)

    def _emit_data(self, data):
        self.loop.emit_data(self, data)

    def _send_ciphertext(self, data, request=None):
        if not data:
            return 0
        try:
            return self._send(data, request)
        except HostError as exc:
            self.loop.emit(self, "error", exc.record())
            return 0

    # -- writing -------------------------------------------------------------

    def write(self, data, request):
        """Send ``data``; 0 when it all went out now, else the bytes queued.

        A queued write reports ``written`` with ``request`` when flushed.
        Through TLS, ``data`` is plaintext and what is sent its records.
        """
        if self.tls is not None:
            machine = self.tls
            machine.send(data)
            out = machine.pull()
            queued = self._send(out, request) if out else 0
            # A write that failed the machine left its error for advance()
            # to report (nothing else can have happened: nothing was read).
            if machine.has_events() or not machine.established:
                self._tls_turn()
            return queued
        return self._send(data, request)

    def _send(self, data, request):
        if not self.queue:
            try:
                sent = self.sock.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError as exc:
                raise HostError(**_host_error_args(_error(exc, "write"))) from exc
            self.bytes_written += sent
            if sent == len(data):
                return 0
            data = data[sent:]
        self.queue.append((memoryview(data), request))
        self.queued_bytes += len(data)
        self._update()
        return len(data)

    def _flush(self):
        while self.queue:
            view, request = self.queue[0]
            try:
                sent = self.sock.send(view)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                self.queue.clear()
                self.queued_bytes = 0
                self.shutdown_pending = False
                self._update()
                self.loop.emit(self, "error", _error(exc, "write"))
                return
            self.bytes_written += sent
            self.queued_bytes -= sent
            if sent < len(view):
                self.queue[0] = (view[sent:], request)
                return
            self.queue.popleft()
            if request is not None:
                self.loop.emit(self, "written", request)
        if self.shutdown_pending:
            self._do_shutdown()
        self._update()

    def shutdown(self):
        """Half-close once queued writes are out (Node's ShutdownWrap);
        through TLS, a close_notify goes first."""
        if self.tls is not None:
            self._tls_close()
        if self.queue:
            self.shutdown_pending = True
            self._update()
        else:
            self._do_shutdown()

    def _do_shutdown(self):
        self.shutdown_pending = False
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            if exc.errno != errno.ENOTCONN:
                self.loop.emit(self, "error", _error(exc, "shutdown"))
                return
        self.loop.emit(self, "shutdown")

    # -- connecting ------------------------------------------------------------

    def _finish_connect(self):
        err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        self.connecting = False
        self._update()
        if err:
            exc = OSError(err, os.strerror(err))
            self.loop.emit(
                self, "connect_error",
                _error(exc, "connect", address=self.target[0], port=self.target[1]),
            )
        else:
            self.loop.emit(self, "connect", self.info())

    def info(self):
        return {
            "local": _address_dict(self.sock),
            "remote": _address_dict(self.sock, peer=True),
        }

    def close(self):
        if self.closed:
            return
        if _debug_net:
            _debug_net("close handle %d fd %d", self.id, self.fd)
        super().close()
        self.reading = self.connecting = self.shutdown_pending = False
        self.queue.clear()
        try:
            self.sock.close()
        except OSError:
            pass


class ServerHandle(Handle):
    """A listening socket; accepted connections become StreamHandles."""

    ACCEPT_BUDGET = 64

    def __init__(self, loop, sock):
        super().__init__(loop)
        self.sock = sock
        self.fd = sock.fileno()
        sock.setblocking(False)
        self.loop.watch(self, _READ)

    def is_active(self):
        return not self.closed

    def on_ready(self, mask):
        for _ in range(self.ACCEPT_BUDGET):
            try:
                conn, _addr = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS,
                                 errno.ENOMEM):
                    self.loop.emit(self, "error", _error(exc, "accept"))
                # ECONNABORTED and the like: the client is gone; go on.
                return
            if conn.family != socket.AF_UNIX:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client = StreamHandle(self.loop, conn)
            if _debug_net:
                _debug_net("accept handle %d fd %d", client.id, client.fd)
            self.loop.emit(self, "connection", client.id, client.info())

    def close(self):
        if self.closed:
            return
        super().close()
        path = None
        if self.sock.family == socket.AF_UNIX:
            path = self.sock.getsockname()
        try:
            self.sock.close()
        except OSError:
            pass
        if path and isinstance(path, str) and not path.startswith("\0"):
            try:
                os.unlink(path)
            except OSError:
                pass


class _Request(Handle):
    """Work in flight on a thread, such as a getaddrinfo call."""

    def is_active(self):
        return not self.closed


class _Waker(Handle):
    """The self-pipe that worker threads use to wake the loop."""

    def __init__(self, loop):
        super().__init__(loop)
        self.refed = False
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        self.fd = self.reader.fileno()
        self.lock = threading.Lock()
        self.done = deque()
        self.pending = 0
        self.jobs = queue.SimpleQueue()
        self.threads = []
        loop.watch(self, _READ)

    WORKERS = 4

    def submit(self, handle_id, work):
        """Run ``work()`` on a worker thread; its result becomes an event.

        The workers live as long as the loop (libuv's threadpool, in
        small): starting a thread per lookup cost more than the lookup.
        """
        self.pending += 1
        if len(self.threads) < min(self.WORKERS, self.pending):
            thread = threading.Thread(target=self._work, daemon=True,
                                      name="jstls-worker")
            self.threads.append(thread)
            thread.start()
        self.jobs.put((handle_id, work))

    def _work(self):
        while True:
            item = self.jobs.get()
            if item is None:
                return
            handle_id, work = item
            try:
                result = ("lookup", work())
            except HostError as exc:
                result = ("lookup_error", exc.record())
            with self.lock:
                self.done.append((handle_id, result))
            try:
                self.writer.send(b"x")
            except OSError:
                pass

    def on_ready(self, mask):
        try:
            while self.reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        with self.lock:
            done, self.done = self.done, deque()
        for handle_id, (kind, payload) in done:
            self.pending -= 1
            self.loop._events.append([handle_id, kind, payload])
            request = self.loop.handles.get(handle_id)
            if request is not None:
                request.close()

    def close(self):
        if self.closed:
            return
        super().close()
        for _ in self.threads:
            self.jobs.put(None)
        self.reader.close()
        self.writer.close()


def _jsonable(value):
    """Bytes inside event payloads travel as latin-1 strings."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _host_error_args(record):
    record = dict(record)
    return {
        "code": record.pop("code"),
        "message": record.pop("message"),
        "name": record.pop("name", "Error"),
        **record,
    }


def _raise(record):
    raise HostError(**_host_error_args(record))


class TcpBinding:
    """The ``net`` binding: listen, connect, and the stream-handle calls."""

    def __init__(self, runtime):
        self._runtime = runtime
        self._loop = runtime.loop
        self._waker = None
        self._lookups = {}

    def _handle(self, handle_id):
        handle = self._loop.handles.get(handle_id)
        if handle is None:
            raise HostError("EBADF", "EBADF: bad file descriptor", errno=-9)
        return handle

    # -- servers ---------------------------------------------------------------

    def listen(self, options):
        """net.Server.listen(): bind and listen; returns [id, address]."""
        path = options.get("path")
        backlog = options.get("backlog") or 511
        if path is not None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.bind(path)
                sock.listen(backlog)
            except OSError as exc:
                sock.close()
                _raise(_error(exc, "listen", address=path))
            handle = ServerHandle(self._loop, sock)
            return [handle.id, path]

        host = options.get("host")
        port = options.get("port") or 0
        ipv6_only = bool(options.get("ipv6Only"))
        candidates = []
        if host is None:
            # Like Node: the dual-stack '::' when IPv6 works, else 0.0.0.0.
            candidates = [(socket.AF_INET6, "::"), (socket.AF_INET, "0.0.0.0")]
        else:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            candidates = [(family, host)]
        last = None
        for family, address in candidates:
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
            except OSError as exc:
                last = _error(exc, "listen", address=address, port=port)
                continue
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY,
                                    1 if ipv6_only else 0)
                sock.bind((address, port))
                sock.listen(backlog)
            except OSError as exc:
                sock.close()
                last = _error(exc, "listen", address=address, port=port)
                if exc.errno == errno.EAFNOSUPPORT and host is None:
                    continue
                break
            handle = ServerHandle(self._loop, sock)
            return [handle.id, _address_dict(sock)]
        _raise(last)

    def server_address(self, handle_id):
        return _address_dict(self._handle(handle_id).sock)

    def server_pause(self, handle_id, paused):
        handle = self._handle(handle_id)
        if paused:
            self._loop.unwatch(handle)
        else:
            self._loop.watch(handle, _READ)

    # -- clients -----------------------------------------------------------------

    def connect(self, options):
        """Start a non-blocking connect; 'connect' or 'connect_error' follows."""
        path = options.get("path")
        if path is not None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            target = (path, None)
            address = path
        else:
            address = options["address"]
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            target = (address, options["port"])
            local = options.get("localAddress")
            local_port = options.get("localPort")
            if local or local_port:
                try:
                    sock.bind((local or ("::" if family == socket.AF_INET6
                                         else "0.0.0.0"), local_port or 0))
                except OSError as exc:
                    sock.close()
                    _raise(_error(exc, "bind", address=local, port=local_port))
            address = target
        handle = StreamHandle(self._loop, sock)
        if _debug_net:
            _debug_net("connect handle %d to %s", handle.id, target)
        handle.target = target
        handle.connecting = True
        try:
            err = sock.connect_ex(address if path is None else path)
        except OSError as exc:
            err = exc.errno
        if err not in (0, errno.EINPROGRESS, errno.EAGAIN, errno.EWOULDBLOCK):
            handle.connecting = False
            exc = OSError(err, os.strerror(err))
            self._loop.emit(
                handle, "connect_error",
                _error(exc, "connect", address=target[0], port=target[1]),
            )
        else:
            handle._update()
        return handle.id

    # -- stream calls --------------------------------------------------------------

    def read_start(self, handle_id):
        self._handle(handle_id).read_start()

    def read_stop(self, handle_id):
        handle = self._loop.handles.get(handle_id)
        if handle is not None:
            handle.read_stop()

    def write(self, handle_id, data, request):
        """Write bytes; 0 when flushed at once, else the count still queued."""
        payload = self._runtime.engine.bytes_from_js(data)
        return self._handle(handle_id).write(payload, request)

    def write_string(self, handle_id, text, request):
        return self._handle(handle_id).write(utf8(text), request)

    def shutdown(self, handle_id):
        self._handle(handle_id).shutdown()

    def close(self, handle_id):
        handle = self._loop.handles.get(handle_id)
        if handle is not None:
            handle.close()

    def ref(self, handle_id, refed):
        handle = self._loop.handles.get(handle_id)
        if handle is not None:
            handle.refed = bool(refed)

    def info(self, handle_id):
        handle = self._handle(handle_id)
        return {
            **handle.info(),
            "bytesRead": handle.bytes_read,
            "bytesWritten": handle.bytes_written,
            "queued": handle.queued_bytes,
        }

    def set_no_delay(self, handle_id, enable):
        handle = self._handle(handle_id)
        if handle.sock.family != socket.AF_UNIX:
            handle.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY,
                                   1 if enable else 0)

    def set_keep_alive(self, handle_id, enable, delay_s):
        handle = self._handle(handle_id)
        if handle.sock.family == socket.AF_UNIX:
            return
        handle.sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE,
                               1 if enable else 0)
        if enable and delay_s and hasattr(socket, "TCP_KEEPIDLE"):
            handle.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE,
                                   max(1, int(delay_s)))

    # -- name resolution -------------------------------------------------------------

    def lookup(self, hostname, family, all_, hints):
        """dns.lookup(): getaddrinfo off the loop thread; returns a handle id.

        The result arrives as a 'lookup' event of that id: a list of
        [address, family] pairs.
        """
        if self._waker is None or self._waker.closed:
            self._waker = _Waker(self._loop)
        # The request handle keeps the loop alive until the answer comes.
        request = _Request(self._loop)
        waker = self._waker

        def work():
            fam = {4: socket.AF_INET, 6: socket.AF_INET6}.get(family, socket.AF_UNSPEC)
            try:
                infos = socket.getaddrinfo(hostname, None, fam, socket.SOCK_STREAM,
                                           0, hints or 0)
            except socket.gaierror as exc:
                code = {
                    socket.EAI_NONAME: "ENOTFOUND",
                    socket.EAI_AGAIN: "EAI_AGAIN",
                }.get(exc.errno, "ENOTFOUND")
                raise HostError(
                    code, f"getaddrinfo {code} {hostname}", errno=exc.errno,
                    syscall="getaddrinfo", hostname=hostname,
                ) from exc
            seen = []
            for fam_, _t, _p, _c, sockaddr in infos:
                entry = [sockaddr[0], 6 if fam_ == socket.AF_INET6 else 4]
                if entry not in seen:
                    seen.append(entry)
            return seen

        waker.submit(request.id, work)
        return request.id

