"""Host side of ``tls``: secure contexts and TLS on stream handles.

``create_context`` builds a SecureContext (bindings/secure_context.py) and
returns its id; ``start`` puts a TLSMachine (bindings/tls_machine.py) on a
stream handle, which from then on reads and writes plaintext for JS.  The
``get_*`` calls answer TLSSocket's questions (getPeerCertificate,
getCipher, ...).

Two kinds of stream handle carry a machine, both through tcp.TlsPump:

- a socket of the tcp binding (StreamHandle): the ciphertext stays on the
  host, JS sees plaintext only, and events reach JS through the loop;
- a ``JsTransportHandle``, for TLS over a JS Duplex (``new
  tls.TLSSocket(duplex)``, ``tls.connect({socket: duplex})``): it has no
  socket, so the ciphertext crosses into JS both ways.  JS feeds it what
  the Duplex gave (``feed``), and every call that can move the machine
  returns what the move made, as one batch for lib/tls.js to carry out
  (ciphertext for the Duplex, plaintext and events for the TLSSocket).

What it is not: verification policy.  The machine records OpenSSL's
verdict; lib/tls.js decides, as Node does, what rejectUnauthorized and
checkServerIdentity make of it.
"""

from __future__ import annotations

import base64
import os
import re

from ..loop import Handle
from . import HostError, utf8
from .tcp import TlsPump
from .tls_machine import RENEGOTIATE_FAILED as _RENEGOTIATE_FAILED

# Byte fields of the certificate object, sent to JS as base64.
_CERT_BYTES = ("raw", "pubkey")

# tls.getCiphers() lists the TLS 1.3 suites too, all five of them, as
# Node's does, though OpenSSL enables only three by default.
_TLS13_SUITES = (
    "tls_aes_128_ccm_8_sha256", "tls_aes_128_ccm_sha256",
    "tls_aes_128_gcm_sha256", "tls_aes_256_gcm_sha384",
    "tls_chacha20_poly1305_sha256",
)


def _certificate_json(obj):
    """A certificate object with bytes as {'$b64': ...} for JSON."""
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key, value in obj.items():
        if isinstance(value, (bytes, bytearray)):
            out[key] = {"$b64": base64.b64encode(value).decode("ascii")}
        elif key == "issuerCertificate" and isinstance(value, dict):
            out[key] = _certificate_json(value)
        else:
            out[key] = value
    return out


def _latin1(value):
    return None if value is None else bytes(value).decode("latin-1")


class JsTransportHandle(TlsPump, Handle):
    """A TLS stream handle whose transport is a JS Duplex (Node's
    JSStreamSocket under its TLSWrap).

    It waits on nothing and keeps the loop alive for nothing (a Duplex
    has no handle of its own): its machine moves only inside calls from
    JS.  What a move makes is collected here and handed back by the call
    (``take``) in the loop's batch shape, ``[events, bytes]``: an event
    ``['ciphertext', offset, length]`` is for the Duplex, ``['data',
    offset, length]`` plaintext for the TLSSocket, anything else is a
    TLSSocket host event (``secure``, ``end``, ``tls_error``,
    ``client_hello``, ...).
    """

    def __init__(self, loop):
        super().__init__(loop)
        self.bytes_read = 0
        self.bytes_written = 0
        self._events = []
        self._chunks = []
        self._size = 0

    def _emit(self, kind, *payload):
        self._events.append([kind, *payload])

    def _emit_chunk(self, kind, data):
        self._events.append([kind, self._size, len(data)])
        self._chunks.append(data)
        self._size += len(data)

    def _emit_data(self, data):
        self._emit_chunk("data", data)

    def _send_ciphertext(self, data):
        if data:
            self.bytes_written += len(data)
            self._emit_chunk("ciphertext", data)
        return 0

    def _update(self):
        pass  # nothing to watch

    def take(self):
        """The batch made since the last call: (events, bytes or None)."""
        events, chunks = self._events, self._chunks
        self._events, self._chunks, self._size = [], [], 0
        if not chunks:
            return events, None
        return events, chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def feed(self, data):
        """Ciphertext the Duplex gave."""
        self.bytes_read += len(data)
        if self.tls is not None and not self.tls_eof:
            self._tls_receive(data)

    def write(self, data):
        """Plaintext from the TLSSocket (``tlsSocket.write``)."""
        self.tls.send(data)
        self._tls_turn()

    def shutdown(self):
        """``tlsSocket.end()``: a close_notify; JS then ends the Duplex."""
        self._tls_close()

    def eof(self):
        """The Duplex ended."""
        if not self.tls_eof:
            self._tls_eof()


class TlsBinding:
    """The ``tls`` binding."""

    def __init__(self, runtime):
        self._runtime = runtime
        self._contexts = {}
        self._next_context = 1
        # What an OpenSSL configuration file adds to every context
        # (load_openssl_config).
        self._openssl_conf = None

    def _handle(self, handle_id):
        handle = self._runtime.loop.handles.get(handle_id)
        if not isinstance(handle, TlsPump):
            raise HostError("EBADF", "EBADF: bad file descriptor", errno=-9)
        return handle

    def _machine(self, handle_id):
        handle = self._handle(handle_id)
        if handle.tls is None:
            raise HostError("ERR_TLS_NOT_STARTED", "TLS is not started")
        return handle.tls

    def _batch(self, handle):
        """What a JsTransportHandle made, for JS; None for a socket."""
        if not isinstance(handle, JsTransportHandle):
            return None
        events, data = handle.take()
        if data is None:
            return [events, None]
        return [events, self._runtime.engine.bytes_to_js(data)]

    # -- contexts -------------------------------------------------------------

    def create_context(self, options, min_version, max_version):
        """tls.createSecureContext(options); returns the context id."""
        # pyOpenSSL loads on first use: scripts without TLS start faster.
        from .secure_context import SecureContext

        if self._openssl_conf:
            options = {**options, "openssl_conf": self._openssl_conf}
        context = SecureContext.from_options(
            options, default_min_version=min_version,
            default_max_version=max_version,
        )
        context_id = self._next_context
        self._next_context += 1
        self._contexts[context_id] = context
        return [context_id, context.warnings]

    def release_context(self, context_id):
        self._contexts.pop(context_id, None)

    def load_openssl_config(self, path, app_name):
        """``--openssl-config=file`` / ``OPENSSL_CONF``: read the file's
        ``system_default`` section for the contexts made from now on.

        Returns what was found ({'min_protocol', 'cipher_string'}, either
        may be missing), None when there is no such file (Node goes on
        without it too).  A file OpenSSL could not parse raises."""
        found = read_openssl_config(path, app_name)
        if found is None:
            return None
        # Node 20 applies the CipherString (and with it @SECLEVEL), but
        # not MinProtocol: it sets every context's minimum itself, from
        # minVersion or tls.DEFAULT_MIN_VERSION.  Checked against node
        # 20.20 (OpenSSL 3.0): MinProtocol = TLSv1.3 still lets a TLS 1.2
        # client in.
        conf = {}
        if "cipher_string" in found and _cipher_string_ok(found["cipher_string"]):
            conf["cipher_string"] = found["cipher_string"]
        self._openssl_conf = conf or None
        return found

    def get_ciphers(self):
        """tls.getCiphers(): OpenSSL's cipher names, lower case, sorted."""
        from OpenSSL import SSL

        ctx = SSL.Context(SSL.TLS_METHOD)
        conn = SSL.Connection(ctx, None)
        names = {name.lower() for name in conn.get_cipher_list()}
        names.update(_TLS13_SUITES)
        return sorted(names)

    # -- connections ----------------------------------------------------------

    def create_transport(self):
        """A handle for TLS over a JS Duplex; ``start`` puts TLS on it."""
        return JsTransportHandle(self._runtime.loop).id

    def start(self, handle_id, context_id, options):
        """Start TLS on a stream handle (client or server).

        ``SNICallback`` (a flag) makes a server stop at the ClientHello
        until ``resume``; ``started: false`` makes a client wait for its
        first write.  Returns the first batch of a JsTransportHandle."""
        handle = self._handle(handle_id)
        context = self._contexts[context_id]
        server = bool(options.get("isServer"))
        alpn = options.get("ALPNProtocols")
        if alpn is not None:
            # JS sends each protocol's bytes as latin-1 text.
            alpn = [p.encode("latin-1") for p in alpn]
        sni = options.get("sniContexts")
        sni_contexts = None
        if sni:
            # hostname patterns (already ordered by JS) -> context id
            def sni_contexts(servername, _table=sni):
                for pattern, ctx_id in _table:
                    if _match_servername(pattern, servername):
                        return self._contexts.get(ctx_id)
                return None

        from .tls_machine import TLSMachine

        machine = TLSMachine(
            context,
            server,
            servername=options.get("servername") or None,
            alpn_protocols=alpn,
            request_cert=options.get("requestCert") if server else None,
            reject_unauthorized=options.get("rejectUnauthorized") if server else None,
            sni_contexts=sni_contexts,
            pause_on_client_hello=server and bool(
                options.get("SNICallback") or options.get("resumeSession")
                or options.get("OCSPRequest")),
            request_ocsp=not server and bool(options.get("requestOCSP")),
        )
        machine.session_events = server and bool(options.get("newSession"))
        session = options.get("session")
        if session and not server:
            machine.set_session(session.encode("latin-1"))
        handle.start_tls(machine, started=options.get("started", True))
        return self._batch(handle)

    def resume(self, handle_id, context_id, decided=True):
        """A paused server goes on with the handshake: with the context
        ``context_id`` of an SNICallback's answer (None: the default one),
        ``decided`` False when no SNICallback answered (the server's
        addContext table then picks)."""
        handle = self._handle(handle_id)
        handle.tls.resume(self._chosen_context(handle, context_id), decided)
        handle._tls_turn()
        return self._batch(handle)

    def _chosen_context(self, handle, context_id):
        if context_id is None:
            return None
        context = self._contexts.get(context_id)
        if context is None:
            raise HostError("ERR_INVALID_ARG_VALUE",
                            "The SNICallback's context is released",
                            name="TypeError")
        from OpenSSL import SSL
        from OpenSSL._util import lib

        # A context chosen late verifies with its own CA store.
        if lib.SSL_get_verify_mode(handle.tls.conn._ssl) & SSL.VERIFY_PEER:
            context.ensure_ca()
        return context

    def feed(self, handle_id, data):
        """Ciphertext that arrived: from the JS Duplex, or what a socket
        read before it was wrapped."""
        handle = self._handle(handle_id)
        payload = self._runtime.engine.bytes_from_js(data)
        if isinstance(handle, JsTransportHandle):
            handle.feed(payload)
        elif handle.tls is not None:
            handle._tls_receive(payload)
        return self._batch(handle)

    def transport_write(self, handle_id, data):
        """``tlsSocket.write(buffer)`` over a JS Duplex."""
        handle = self._transport(handle_id)
        handle.write(self._runtime.engine.bytes_from_js(data))
        return self._batch(handle)

    def transport_write_string(self, handle_id, text):
        """``tlsSocket.write(string)`` over a JS Duplex."""
        handle = self._transport(handle_id)
        handle.write(utf8(text))
        return self._batch(handle)

    def transport_shutdown(self, handle_id):
        """``tlsSocket.end()`` over a JS Duplex: the close_notify."""
        handle = self._transport(handle_id)
        handle.shutdown()
        return self._batch(handle)

    def transport_eof(self, handle_id):
        """The JS Duplex ended."""
        handle = self._transport(handle_id)
        handle.eof()
        return self._batch(handle)

    def _transport(self, handle_id):
        handle = self._handle(handle_id)
        if not isinstance(handle, JsTransportHandle) or handle.tls is None:
            raise HostError("EBADF", "EBADF: bad file descriptor", errno=-9)
        return handle

    # -- what the socket tells --------------------------------------------------

    def get_info(self, handle_id):
        """What 'secure' needs at once, in one crossing."""
        machine = self._machine(handle_id)
        return {
            "protocol": machine.protocol(),
            "alpnProtocol": machine.alpn_protocol(),
            "servername": machine.servername(),
            "verifyError": machine.verify_error(),
            "verifyMessage": machine.verify_error_message(),
            "ephemeralKeyInfo": machine.ephemeral_key_info(),
        }

    def get_peer_certificate(self, handle_id, detailed):
        return _certificate_json(self._machine(handle_id).peer_certificate(detailed))

    def get_peer_identity(self, handle_id):
        """The peer certificate's subject and subjectaltname only: what the
        default checkServerIdentity needs, without the whole chain."""
        from .x509 import identity_fields

        machine = self._machine(handle_id)
        cert = machine.conn.get_peer_certificate(as_cryptography=True)
        return {} if cert is None else identity_fields(cert)

    def get_certificate(self, handle_id):
        return _certificate_json(self._machine(handle_id).certificate())

    def get_cipher(self, handle_id):
        return self._machine(handle_id).cipher()

    def get_protocol(self, handle_id):
        return self._machine(handle_id).protocol()

    def get_ephemeral_key_info(self, handle_id):
        return self._machine(handle_id).ephemeral_key_info()

    def get_finished(self, handle_id):
        return _latin1(self._machine(handle_id).finished())

    def get_peer_finished(self, handle_id):
        return _latin1(self._machine(handle_id).peer_finished())

    def get_session(self, handle_id):
        return _latin1(self._machine(handle_id).session())

    def get_tls_ticket(self, handle_id):
        """``getTLSTicket()``: the client's ticket, None if it has none."""
        return _latin1(self._machine(handle_id).ticket())

    def set_external_session(self, handle_id, data):
        """A 'resumeSession' listener's session (latin-1 DER), given to
        OpenSSL when it looks the ClientHello's session id up."""
        self._machine(handle_id).set_external_session(
            None if data is None else data.encode("latin-1"))

    def set_ticket_keys(self, context_id, keys):
        """``server.setTicketKeys(keys)`` (keys: 48 bytes, latin-1)."""
        return self._contexts[context_id].set_ticket_keys(
            keys.encode("latin-1"))

    def get_ticket_keys(self, context_id):
        """``server.getTicketKeys()``: 48 bytes (latin-1), or None."""
        return _latin1(self._contexts[context_id].get_ticket_keys())

    def is_session_reused(self, handle_id):
        return self._machine(handle_id).session_reused()

    def set_max_send_fragment(self, handle_id, size):
        return self._machine(handle_id).set_max_send_fragment(size)

    def set_servername(self, handle_id, name):
        """``tlsSocket.setServername(name)``: the SNI a client sends, if
        its handshake has not started (SSL_set_tlsext_host_name)."""
        machine = self._machine(handle_id)
        if not machine.server_side:
            machine.conn.set_tlsext_host_name(utf8(name))

    def renegotiate(self, handle_id, request_cert, reject_unauthorized):
        """``tlsSocket.renegotiate()``: a new handshake starts now; its
        end is a ``renegotiated`` event.  OpenSSL's refusal (TLS 1.3)
        raises."""
        handle = self._handle(handle_id)
        if handle.tls is None:
            raise HostError(*_RENEGOTIATE_FAILED)
        handle.tls.renegotiate(request_cert, reject_unauthorized)
        handle._tls_turn()
        return self._batch(handle)

    def ocsp_request(self, handle_id, context_id, decided):
        """A server paused at a ClientHello that asks for OCSP: settle the
        context (the SNICallback's, ``context_id``, or the one SNI picks)
        and return its certificate and issuer, DER as latin-1 text (the
        issuer None when unknown), for 'OCSPRequest'.  ``decided``: as
        for ``resume``."""
        handle = self._handle(handle_id)
        handle.tls.settle_context(self._chosen_context(handle, context_id),
                                  decided)
        cert, issuer = handle.tls.ocsp_request()
        return [_latin1(cert), _latin1(issuer)]

    def set_ocsp_response(self, handle_id, data):
        """The 'OCSPRequest' listener's answer, stapled when the handshake
        goes on (latin-1 text)."""
        self._machine(handle_id).ocsp_response = data.encode("latin-1")

    def export_keying_material(self, handle_id, length, label, context):
        data = self._machine(handle_id).export_keying_material(
            length, label, None if context is None else context.encode("latin-1"))
        return _latin1(data)


def _cipher_string_ok(text):
    """Whether OpenSSL takes ``text`` as a cipher list.  Node's OpenSSL
    drops a system_default section it cannot apply, so contexts are then
    made as if it were not there."""
    from OpenSSL import SSL
    from OpenSSL._util import lib

    from .secure_context import take_errors

    scratch = SSL.Context(SSL.TLS_METHOD)
    ok = lib.SSL_CTX_set_cipher_list(scratch._context, utf8(text)) == 1
    take_errors()
    return ok


def _match_servername(pattern, servername):
    """Node's addContext() matching: '*.example.com' covers one label."""
    pattern = pattern.lower().rstrip(".")
    name = (servername or "").lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = name.partition(".")
        return bool(head) and rest == pattern[2:]
    return pattern == name


# ---------------------------------------------------------------------------
# OpenSSL configuration files.
#
# Node loads one at start-up (--openssl-config, OPENSSL_CONF) under the
# application name 'nodejs_conf' ('openssl_conf' with
# --openssl-shared-config); the part TLS users meet is the chain
# <app> -> ssl_conf -> system_default, whose settings apply to every
# context.  Our OpenSSL is cryptography's own, which reads no such file,
# so the file is read here, in OpenSSL's syntax: sections, 'name = value',
# '#' comments, quotes, backslash escapes and $var / ${var} / $(var) /
# ${section::var} expansion.
# LIMITATION: .include and .pragma lines are skipped, and of the
# system_default settings only CipherString and MinProtocol are read.

_NAME = r"[A-Za-z0-9_.;!%&*+,/<>?@^`|~-]+"
_SECTION = re.compile(r"\[\s*(" + _NAME + r")\s*\]\s*$")
_ASSIGN = re.compile(r"(" + _NAME + r"(?:::" + _NAME + r")?)\s*=\s*(.*)$")
_VARIABLE = re.compile(r"\$(?:\{([^}]*)\}|\(([^)]*)\)|(\w+(?:::\w+)?))")
_ESCAPES = {"n": "\n", "r": "\r", "b": "\b", "t": "\t"}


def _config_error(path, reason, line):
    return HostError(
        "ERR_OSSL_CONF_" + reason.upper().replace(" ", "_"),
        f"{path}, line {line}: {reason}",
        library="configuration file routines", reason=reason)


def _config_value(raw, lookup, path, line):
    """One value as OpenSSL reads it: quotes, escapes, variables."""
    out = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "#":
            break
        if ch in "\"'":
            end = raw.find(ch, i + 1)
            if end < 0:
                end = len(raw)
            out.append(raw[i + 1:end])
            i = end + 1
        elif ch == "\\" and i + 1 < len(raw):
            out.append(_ESCAPES.get(raw[i + 1], raw[i + 1]))
            i += 2
        elif ch == "$":
            match = _VARIABLE.match(raw, i)
            if match is None:
                out.append(ch)
                i += 1
                continue
            name = match.group(1) or match.group(2) or match.group(3)
            value = lookup(name)
            if value is None:
                raise _config_error(path, "variable has no value", line)
            out.append(value)
            i = match.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out).strip()


def parse_openssl_config(text, path="<config>"):
    """{section: {name: value}} of an OpenSSL configuration file; the
    lines before any section header are in 'default'."""
    sections = {"default": {}}
    current = "default"

    def lookup(name):
        section, _, key = name.rpartition("::")
        table = sections.get(section or current, {})
        if key in table:
            return table[key]
        return sections["default"].get(key) if not section else None

    pending = ""
    for number, line in enumerate(text.splitlines(), 1):
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending += line[:-1]
            continue
        line, pending = (pending + line).strip(), ""
        if not line or line.startswith(("#", ".")):
            continue
        if line.startswith("["):
            match = _SECTION.match(line.split("#", 1)[0].strip())
            if match is None:
                raise _config_error(path, "missing close square bracket",
                                    number)
            current = match.group(1)
            sections.setdefault(current, {})
            continue
        match = _ASSIGN.match(line)
        if match is None:
            raise _config_error(path, "missing equal sign", number)
        name, raw = match.groups()
        value = _config_value(raw, lookup, path, number)
        section, _, key = name.rpartition("::")
        sections.setdefault(section or current, {})[key] = value
    return sections


def read_openssl_config(path, app_name="nodejs_conf"):
    """The ``system_default`` settings of the configuration file at
    ``path`` for application ``app_name``: a dict with 'min_protocol'
    and 'cipher_string' when set; None when the file cannot be read."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("latin-1")
    except OSError:
        return None
    sections = parse_openssl_config(text, os.fspath(path))
    found = {}
    app = sections["default"].get(app_name)
    ssl_conf = sections.get(app, {}).get("ssl_conf") if app else None
    system = sections.get(ssl_conf, {}).get("system_default") \
        if ssl_conf else None
    settings = sections.get(system, {}) if system else {}
    for key, value in settings.items():
        if key.lower() == "minprotocol":
            found["min_protocol"] = value
        elif key.lower() == "cipherstring":
            found["cipher_string"] = value
    return found
