"""The TLS machine: one TLS connection as bytes in, bytes and events out.

A ``TLSMachine`` wraps a pyOpenSSL ``Connection`` over two memory BIOs.
It owns no socket, loop or JS object: the caller hands it the ciphertext
that arrived (``receive``), lets it work (``advance``, which returns
events), takes the ciphertext it wants sent (``pull``), and queues
plaintext (``send``) or a close_notify (``close``).  Two machines wired
to each other are a complete TLS connection, which is how it is tested.

What it is not: a stream (no flow control, no callbacks into JS), a
verifier of host names (Node checks them in JS after the handshake), or a
session cache.

Theory of operation
-------------------

The order of one turn is ``receive* -> advance -> pull``, and the order
matters in three places:

1. ``receive`` looks at the bytes before OpenSSL does, twice over.  A
   server in ``pause_on_client_hello`` mode holds the bytes of the
   ClientHello, parses them itself (``parse_client_hello``), reports a
   ``client_hello`` event and feeds OpenSSL nothing until ``resume()``:
   that is how Node pauses for an asynchronous SNICallback, OCSPRequest or
   resumeSession.  A client reads the server's first flight, still in
   clear, for the ephemeral key (``ephemeral_key_info``), which lib cannot
   tell (no ``SSL_get_peer_tmp_key``); it stops looking once it knows, so
   it costs nothing afterwards.
2. ``advance`` drives the handshake; when it completes, the plaintext and
   the close that ``send``/``close`` queued meanwhile go out, in order,
   and only then is plaintext read, in 64 KiB units.
3. ``pull`` comes last, so it carries everything the turn produced:
   handshake messages, records, alerts, close_notify.

OpenSSL is called through ``OpenSSL._util.lib`` directly rather than
pyOpenSSL's wrappers.  That keeps the data path to one C call per 64 KiB
and, above all, keeps OpenSSL's packed error codes: pyOpenSSL turns the
error queue into strings, and Node's messages need the number.  The error
queue is cleared before each batch of calls, since a stale entry left by
anyone would make SSL_get_error report a failure that is not ours.

States (``State``) move only through ``_to``, whose table is ``_NEXT``:
HANDSHAKING until the handshake completes (OPEN) or fails (CLOSED); OPEN
until either side sends close_notify (CLOSING); CLOSED once both have, or
on any fatal error.  Which side closed is OpenSSL's own record
(``SSL_get_shutdown``), never a flag of ours.
"""

from __future__ import annotations

import enum
import re
import threading

from OpenSSL import SSL
from OpenSSL._util import ffi, lib

from . import HostError, utf8
from .secure_context import (error_record, hidden, openssl_error,
                             register_connection, take_errors)
from .x509 import certificate_object

READ_UNIT = 65536
PULL_UNIT = 262144
MAX_FRAGMENT = 16384
MIN_FRAGMENT = 512

_WANT_READ = lib.SSL_ERROR_WANT_READ
_WANT_WRITE = lib.SSL_ERROR_WANT_WRITE
_ZERO_RETURN = lib.SSL_ERROR_ZERO_RETURN
_SENT = lib.SSL_SENT_SHUTDOWN
_RECEIVED = lib.SSL_RECEIVED_SHUTDOWN

RENEGOTIATE_FAILED = ("ERR_TLS_RENEGOTIATE",
                       "Attempt to renegotiate TLS session failed")
_CLOSE = object()  # a close() queued behind plaintext during the handshake

# Scratch buffers for SSL_read and BIO_read.  Their contents are copied out
# before a call returns, so one pair per thread serves every machine (a
# pair per machine would cost 320 KiB a connection).  Per thread, because
# cffi releases the GIL during the C calls.
_scratch = threading.local()


def _buffers():
    try:
        return _scratch.read, _scratch.pull
    except AttributeError:
        _scratch.read = ffi.new("char[]", READ_UNIT)
        _scratch.pull = ffi.new("char[]", PULL_UNIT)
        return _scratch.read, _scratch.pull


class State(enum.Enum):
    HANDSHAKING = "handshaking"
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"


_NEXT = {
    State.HANDSHAKING: {State.OPEN, State.CLOSED},
    State.OPEN: {State.CLOSING, State.CLOSED},
    State.CLOSING: {State.CLOSED},
    State.CLOSED: set(),
}


# ---------------------------------------------------------------------------
# Certificate verification results, by Node's names.

# X509_V_ERR_* names Node gives as authorizationError codes; any other
# result is 'UNSPECIFIED', as in Node.
_VERIFY_NAMES = (
    "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_CRL",
    "UNABLE_TO_DECRYPT_CERT_SIGNATURE", "UNABLE_TO_DECRYPT_CRL_SIGNATURE",
    "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "CERT_SIGNATURE_FAILURE",
    "CRL_SIGNATURE_FAILURE", "CERT_NOT_YET_VALID", "CERT_HAS_EXPIRED",
    "CRL_NOT_YET_VALID", "CRL_HAS_EXPIRED", "ERROR_IN_CERT_NOT_BEFORE_FIELD",
    "ERROR_IN_CERT_NOT_AFTER_FIELD", "ERROR_IN_CRL_LAST_UPDATE_FIELD",
    "ERROR_IN_CRL_NEXT_UPDATE_FIELD", "OUT_OF_MEM",
    "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "CERT_CHAIN_TOO_LONG", "CERT_REVOKED", "INVALID_CA",
    "PATH_LENGTH_EXCEEDED", "INVALID_PURPOSE", "CERT_UNTRUSTED",
    "CERT_REJECTED", "HOSTNAME_MISMATCH",
)
VERIFY_CODES = {getattr(lib, "X509_V_ERR_" + name): name
                for name in _VERIFY_NAMES if hasattr(lib, "X509_V_ERR_" + name)}
_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT = 2


# ---------------------------------------------------------------------------
# Cipher names.

_KX_PREFIXES = (
    ("ECDHE-ECDSA", "ECDHE_ECDSA"), ("ECDHE-RSA", "ECDHE_RSA"),
    ("ECDHE-PSK", "ECDHE_PSK"), ("DHE-RSA", "DHE_RSA"), ("DHE-DSS", "DHE_DSS"),
    ("DHE-PSK", "DHE_PSK"), ("EDH-RSA", "DHE_RSA"), ("EDH-DSS", "DHE_DSS"),
    ("RSA-PSK", "RSA_PSK"), ("SRP-RSA", "SRP_SHA_RSA"),
    ("SRP-DSS", "SRP_SHA_DSS"), ("SRP", "SRP_SHA"), ("PSK", "PSK"),
    ("AECDH", "ECDH_anon"), ("ADH", "DH_anon"),
    # OpenSSL leaves the RSA out of its two ECDHE ARIA names.
    ("ECDHE", "ECDHE_RSA"),
)
_BULK = re.compile(r"(AES|CAMELLIA|ARIA)(128|256)")


def standard_cipher_name(name):
    """The IANA (RFC) name of an OpenSSL cipher name, as
    ``SSL_CIPHER_standard_name`` gives it (lib does not bind it).

    OpenSSL's names follow a few patterns; the rules below cover every
    cipher OpenSSL 3/4 knows (see the test comparing with
    ``openssl ciphers -stdname``)."""
    if name.startswith("TLS_"):
        return name
    rest = name.replace("AES-128", "AES128").replace("AES-256", "AES256")
    kx = "RSA"
    for prefix, standard in _KX_PREFIXES:
        if rest.startswith(prefix + "-"):
            kx, rest = standard, rest[len(prefix) + 1:]
            break
    tokens = rest.split("-")
    head = tokens.pop(0)
    match = _BULK.fullmatch(head)
    if match:
        bulk = f"{match.group(1)}_{match.group(2)}"
    elif head == "CHACHA20":
        bulk, tokens = "CHACHA20_POLY1305", ["SHA256"]
    elif head == "DES" and tokens[:1] == ["CBC3"]:
        bulk, tokens = "3DES_EDE", tokens[1:]
    elif head == "RC4":
        bulk = "RC4_128"
    else:
        bulk = head  # NULL, SEED, IDEA
    if tokens and tokens[0] == "CBC":
        tokens.pop(0)
    if tokens and tokens[0] in ("GCM", "CCM", "CCM8"):
        mode = {"GCM": "_GCM", "CCM": "_CCM", "CCM8": "_CCM_8"}[tokens.pop(0)]
    elif bulk in ("NULL", "RC4_128", "CHACHA20_POLY1305"):
        mode = ""
    else:
        mode = "_CBC"
    mac = "".join("_" + t for t in tokens)
    if kx == "DHE_PSK" and mode == "_CCM_8":
        kx = "PSK_DHE"  # RFC 6655's spelling, which OpenSSL keeps
    return f"TLS_{kx}_WITH_{bulk}{mode}{mac}"


# ---------------------------------------------------------------------------
# Reading handshake messages in clear.

# TLS NamedGroup -> getEphemeralKeyInfo() (type, name, size in bits).
_GROUPS = {
    23: ("ECDH", "prime256v1", 256), 24: ("ECDH", "secp384r1", 384),
    25: ("ECDH", "secp521r1", 521), 29: ("ECDH", "X25519", 253),
    30: ("ECDH", "X448", 448),
    26: ("ECDH", "brainpoolP256r1", 256), 27: ("ECDH", "brainpoolP384r1", 384),
    28: ("ECDH", "brainpoolP512r1", 512), 31: ("ECDH", "brainpoolP256r1", 256),
    32: ("ECDH", "brainpoolP384r1", 384), 33: ("ECDH", "brainpoolP512r1", 512),
    256: ("DH", None, 2048), 257: ("DH", None, 3072), 258: ("DH", None, 4096),
    259: ("DH", None, 6144), 260: ("DH", None, 8192),
}
# LIMITATION: hybrid post-quantum groups (X25519MLKEM768, ...) are not
# listed: Node has no peer key to describe for them (OpenSSL >= 3.5 sets
# none) and reports {}; jstls negotiates them only when ecdhCurve names them.

# ServerHello.random of a HelloRetryRequest (RFC 8446, 4.1.3).
_HRR_RANDOM = bytes.fromhex(
    "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")

_HANDSHAKE, _CCS, _ALERT = 22, 20, 21
_MAX_HELLO = 65536


def _u16(data, at):
    return (data[at] << 8) | data[at + 1]


def _vector(data, at, width):
    """A length-prefixed vector: (its bytes, the offset after it)."""
    if at + width > len(data):
        raise ValueError("truncated")
    size = int.from_bytes(data[at:at + width], "big")
    end = at + width + size
    if end > len(data):
        raise ValueError("truncated")
    return data[at + width:end], end


def _extensions(data, at):
    """{type: body} of the extensions block at ``at`` (may be absent)."""
    out = {}
    if at >= len(data):
        return out
    block, _ = _vector(data, at, 2)
    i = 0
    while i < len(block):
        if i + 4 > len(block):
            raise ValueError("truncated extension")
        kind = _u16(block, i)
        body, i = _vector(block, i + 2, 2)
        out.setdefault(kind, body)
    return out


def parse_client_hello(data):
    """What a server needs from a ClientHello before OpenSSL sees it.

    ``data`` is the connection's first bytes.  Returns None while more
    bytes are needed, and raises ValueError when they are not a TLS
    ClientHello (OpenSSL then gets them and reports its own error).  The
    dict holds ``version`` (legacy_version), ``session_id``,
    ``servername`` (str or None), ``ocsp_request`` (status_request sent),
    ``tls_ticket`` (a non-empty session ticket), ``alpn_protocols``,
    ``supported_versions`` and ``cipher_suites``; byte strings are bytes."""
    body = bytearray()
    at = 0
    while True:
        if len(data) < at + 5:
            return None
        if data[at] != _HANDSHAKE or data[at + 1] != 3:
            raise ValueError("not a TLS handshake record")
        length = _u16(data, at + 3)
        if length == 0 or length > MAX_FRAGMENT + 2048:
            raise ValueError("bad record length")
        if len(data) < at + 5 + length:
            return None
        body += data[at + 5:at + 5 + length]
        at += 5 + length
        if body[0] != 1:
            raise ValueError("not a ClientHello")
        if len(body) >= 4:
            need = 4 + int.from_bytes(body[1:4], "big")
            if need > _MAX_HELLO:
                raise ValueError("ClientHello too long")
            if len(body) >= need:
                return _client_hello_fields(bytes(body[4:need]))


def _client_hello_fields(hello):
    if len(hello) < 35:
        raise ValueError("truncated ClientHello")
    session_id, at = _vector(hello, 34, 1)
    suites, at = _vector(hello, at, 2)
    _, at = _vector(hello, at, 1)  # compression methods
    ext = _extensions(hello, at)

    servername = None
    if 0 in ext:
        names, _ = _vector(ext[0], 0, 2)
        i = 0
        while i + 3 <= len(names):
            kind = names[i]
            name, i = _vector(names, i + 1, 2)
            if kind == 0:
                servername = name.decode("latin-1")
                break
    alpn = []
    if 16 in ext:
        wire, _ = _vector(ext[16], 0, 2)
        i = 0
        while i < len(wire):
            proto, i = _vector(wire, i, 1)
            alpn.append(proto)
    versions = []
    if 43 in ext:
        wire, _ = _vector(ext[43], 0, 1)
        versions = [_u16(wire, i) for i in range(0, len(wire) - 1, 2)]
    return {
        "version": _u16(hello, 0),
        "session_id": session_id,
        "servername": servername,
        "ocsp_request": 5 in ext and ext[5][:1] == b"\x01",
        "tls_ticket": bool(ext.get(35)),
        "alpn_protocols": alpn,
        "supported_versions": versions,
        "cipher_suites": [_u16(suites, i) for i in range(0, len(suites) - 1, 2)],
    }


class _ServerFlight:
    """The client's look at the server's first flight, while it is clear:
    the TLS 1.3 key_share group, or the TLS 1.2 ServerKeyExchange.

    ``feed`` returns True once nothing more is to be learnt (then the
    machine drops this object)."""

    def __init__(self):
        self._records = bytearray()
        self._messages = bytearray()
        self.tls13 = False
        self.group = None
        self.server_key_exchange = None

    def feed(self, data):
        self._records += data
        records = self._records
        at = 0
        try:
            while len(records) >= at + 5:
                kind = records[at]
                end = at + 5 + _u16(records, at + 3)
                if len(records) < end:
                    break
                payload = bytes(records[at + 5:end])
                at = end
                if kind == _HANDSHAKE:
                    if self._messages_done(payload):
                        return True
                elif kind == _CCS:
                    # In TLS 1.3 a CCS is only a compatibility dummy (it
                    # may follow a HelloRetryRequest); in 1.2 what follows
                    # it is encrypted.
                    if not self.tls13:
                        return True
                else:
                    return True
        except ValueError:
            return True
        del records[:at]
        return False

    def _messages_done(self, payload):
        self._messages += payload
        buf = self._messages
        while len(buf) >= 4:
            end = 4 + int.from_bytes(buf[1:4], "big")
            if len(buf) < end:
                return False
            kind, body = buf[0], bytes(buf[4:end])
            del buf[:end]
            if kind == 2 and self._server_hello(body):
                return True
            if kind == 12:
                self.server_key_exchange = body
                return True
            if kind == 14:
                return True
        return False

    def _server_hello(self, body):
        """Read a ServerHello; True when it settles the question."""
        retry = body[2:34] == _HRR_RANDOM
        _, at = _vector(body, 34, 1)
        ext = _extensions(body, at + 3)
        if 43 in ext and _u16(ext[43], 0) == 0x0304:
            self.tls13 = True
        if 51 in ext and len(ext[51]) >= 2:
            self.group = _u16(ext[51], 0)
        return self.tls13 and not retry


def _key_exchange_info(flight, cipher_name):
    """getEphemeralKeyInfo() from what the client read in clear."""
    if flight.tls13:
        info = _GROUPS.get(flight.group)
    else:
        ske = flight.server_key_exchange
        if ske is None:
            return {}
        at = 0
        if "PSK" in cipher_name:
            _, at = _vector(ske, 0, 2)  # psk_identity_hint
        if "ECDHE" in cipher_name or "AECDH" in cipher_name:
            if ske[at] != 3:  # named_curve
                return {}
            info = _GROUPS.get(_u16(ske, at + 1))
        elif "DHE" in cipher_name or "EDH" in cipher_name \
                or cipher_name.startswith("ADH"):
            prime, _ = _vector(ske, at, 2)
            return {"type": "DH",
                    "size": int.from_bytes(prime, "big").bit_length()}
        else:
            return {}
    if info is None:
        return {}
    kind, name, size = info
    return {"type": kind, "size": size} if name is None else \
        {"type": kind, "name": name, "size": size}


# ---------------------------------------------------------------------------
# The SSL_SESSION DER (OpenSSL's ASN.1 SSL_SESSION_ASN1): lib binds neither
# SSL_SESSION_get_id nor SSL_SESSION_get0_ticket, so both are read here.
#   SEQUENCE { version, ssl_version INTEGER, cipher, session_id,
#              master_key OCTET STRING, [1] time, [2] timeout, ...,
#              [10] ticket OCTET STRING, ... }  ([n] explicit)

def _der_item(data, at):
    """(tag, body start, body end) of the DER item at ``at``."""
    if at + 2 > len(data):
        raise ValueError("truncated DER")
    tag, size = data[at], data[at + 1]
    at += 2
    if size & 0x80:
        count = size & 0x7F
        if not 0 < count <= 4 or at + count > len(data):
            raise ValueError("bad DER length")
        size = int.from_bytes(data[at:at + count], "big")
        at += count
    if at + size > len(data):
        raise ValueError("truncated DER")
    return tag, at, at + size


def session_fields(der):
    """{'id': bytes, 'ticket': bytes or None} of a session's DER."""
    tag, at, end = _der_item(der, 0)
    if tag != 0x30:
        raise ValueError("not an SSL_SESSION")
    fields = {"id": None, "ticket": None}
    index = 0
    while at < end:
        tag, body, after = _der_item(der, at)
        if index == 3 and tag == 0x04:
            fields["id"] = bytes(der[body:after])
        elif tag == 0xAA:  # [10] EXPLICIT OCTET STRING
            inner, start, stop = _der_item(der, body)
            if inner == 0x04:
                fields["ticket"] = bytes(der[start:stop])
        at = after
        index += 1
    return fields


# ---------------------------------------------------------------------------

def _string(ptr):
    return None if ptr == ffi.NULL else ffi.string(ptr).decode("latin-1")


class TLSMachine:
    """One TLS connection, sans I/O (see the module docstring).

    ``context`` is a ``SecureContext``.  A client may give ``servername``
    (sent as SNI) and ``alpn_protocols`` (offered, as bytes); a server
    gives ``alpn_protocols`` as its preference list, ``request_cert`` and
    ``reject_unauthorized`` (defaults: the context's ``set_verify``), and
    ``sni_contexts(servername) -> SecureContext | None`` to switch
    certificates on SNI.  ``pause_on_client_hello`` makes a server stop
    before OpenSSL sees the ClientHello, until ``resume()``.

    ``alpn_no_overlap_fatal``: with no protocol in common, the Node 10
    docs give ``alpnProtocol === false`` and carry on (the default);
    Node 20 sends a fatal no_application_protocol alert (True).

    OCSP stapling: a client with ``request_ocsp`` sends status_request and
    reports what the server stapled (``ocsp_response`` event, bytes or
    None); a server staples ``ocsp_response`` when set before OpenSSL sees
    the ClientHello (so, while paused there).

    A client speaks first: its ClientHello is in ``pull()`` after its
    first ``advance()``; ``set_session`` must come before that."""

    def __init__(self, context, server_side, servername=None,
                 alpn_protocols=None, request_cert=None,
                 reject_unauthorized=None, sni_contexts=None,
                 pause_on_client_hello=False, alpn_no_overlap_fatal=False,
                 request_ocsp=False):
        self.context = context
        self.server_side = bool(server_side)
        self.sni_contexts = sni_contexts
        self.alpn_no_overlap_fatal = alpn_no_overlap_fatal
        self.max_send_fragment = MAX_FRAGMENT
        self.client_hello = None
        self._state = State.HANDSHAKING
        self._established = False
        self._events = []
        self._pending = []
        self._error = None
        self._callback_error = None
        self._sni_decided = False
        # Counted by secure_context._on_info; the handshake counts as far
        # as they were reported (renegotiations, _note_handshakes).
        self._state_exits = 0
        self._handshake_starts = self._handshakes_done = 0
        self._starts_seen = self._dones_seen = 0
        self.ocsp_response = None
        self._sessions_noted = 0
        # A client's sessions from OpenSSL's new-session callback, still to
        # report; None when that callback cannot be installed.
        self._client_sessions = [] if not server_side and \
            hidden("SSL_CTX_sess_set_new_cb") is not None else None
        # Server: report new sessions (newSession listeners); the session
        # a resumeSession listener handed over.
        self.session_events = False
        self._external_session = None

        self.conn = SSL.Connection(context.ssl_context, None)
        self._current = context
        self._ssl = self.conn._ssl
        self._into = self.conn._into_ssl
        self._from = self.conn._from_ssl
        register_connection(self._ssl, self)

        if request_cert is None:
            request_cert = context.request_cert
        if reject_unauthorized is None:
            reject_unauthorized = context.reject_unauthorized
        # A server that must refuse a client certificate that does not
        # verify (requestCert + rejectUnauthorized); see rejects_peer().
        self.must_verify_peer = bool(
            self.server_side and request_cert and reject_unauthorized)
        if self.server_side:
            self.alpn_protocols = self._protocols(alpn_protocols)
            self._set_verify(request_cert, reject_unauthorized)
            self.conn.set_accept_state()
            self._held = bytearray() if pause_on_client_hello else None
            self._flight = None
        else:
            # A client always asks OpenSSL to verify (it records the result;
            # Node decides what a failure means, after the handshake).
            self.alpn_protocols = self._protocols(alpn_protocols)
            context.ensure_ca()
            lib.SSL_set_verify(self._ssl, SSL.VERIFY_PEER, ffi.NULL)
            if servername:
                self.conn.set_tlsext_host_name(utf8(servername))
            protocols = self.alpn_protocols or context.alpn_protocols
            if protocols:
                self.conn.set_alpn_protos(protocols)
            if request_ocsp:
                lib.SSL_set_tlsext_status_type(self._ssl,
                                               lib.TLSEXT_STATUSTYPE_ocsp)
            self.conn.set_connect_state()
            self._held = None
            self._flight = _ServerFlight()
        # The flight reader while it still reads; None once it knows.
        self._scanning = self._flight

    def _set_verify(self, request_cert, reject_unauthorized):
        # A server's verify mode: OpenSSL asks for a certificate and, when
        # it must be refused, fails a handshake without one.
        mode = SSL.VERIFY_NONE
        if request_cert:
            mode = SSL.VERIFY_PEER
            if reject_unauthorized:
                mode |= SSL.VERIFY_FAIL_IF_NO_PEER_CERT
            self._current.ensure_ca()
        lib.SSL_set_verify(self._ssl, mode, ffi.NULL)

    @staticmethod
    def _protocols(protocols):
        if protocols is None:
            return None
        return [p if isinstance(p, bytes) else utf8(p) for p in protocols]

    # -- state ----------------------------------------------------------------

    @property
    def state(self):
        return self._state

    def _to(self, state):
        if state is self._state:
            return
        if state not in _NEXT[self._state]:
            raise AssertionError(f"TLS machine: {self._state} -> {state}")
        if state is State.OPEN:
            self._established = True
        self._state = state

    def _after_shutdown_change(self):
        bits = lib.SSL_get_shutdown(self._ssl)
        if bits & _SENT and bits & _RECEIVED:
            self._to(State.CLOSED)
        elif bits:
            self._to(State.CLOSING)

    # -- the byte pump --------------------------------------------------------

    def receive(self, ciphertext):
        """Hand the machine ciphertext that arrived from the peer."""
        if not ciphertext or self._state is State.CLOSED:
            return
        if self._held is not None:
            self._held += ciphertext
            if self.client_hello is None:
                self._look_at_client_hello()
            return
        if self._scanning is not None and self._scanning.feed(ciphertext):
            self._scanning = None
        self._bio_write(ciphertext)

    def _bio_write(self, data):
        view = ffi.from_buffer(data)
        at, size = 0, len(data)
        while at < size:
            written = lib.BIO_write(self._into, view + at, size - at)
            if written <= 0:
                raise MemoryError("BIO_write failed")
            at += written

    def _look_at_client_hello(self):
        try:
            hello = parse_client_hello(bytes(self._held))
        except ValueError:
            # Not a ClientHello (plain HTTP, say): OpenSSL judges it.
            self.resume(None, decided=False)
            return
        if hello is not None:
            self.client_hello = hello
            self._events.append(("client_hello", hello))

    def settle_context(self, context=None, decided=True):
        """A paused server's certificate choice, before it goes on.

        ``context``: an asynchronous SNICallback's answer.  ``decided``:
        whether a callback answered at all (``cb(null)`` keeps the default
        context); if not, the synchronous ``sni_contexts`` are still asked
        when OpenSSL reads the servername."""
        if context is not None:
            self._switch(context)
        self._sni_decided = self._sni_decided or decided

    def resume(self, context=None, decided=True):
        """Let a paused server go on (``settle_context`` first)."""
        if self._held is None:
            return
        self.settle_context(context, decided)
        data, self._held = bytes(self._held), None
        if data:
            self._bio_write(data)

    def advance(self):
        """Do what the received bytes allow; return the events, in order.

        ``('client_hello', dict)``, ``('handshake_done',)``,
        ``('plaintext', bytes)``, ``('session', bytes)`` (client: a
        session to resume with arrived), ``('ocsp_response', bytes or
        None)`` (client with ``request_ocsp``, before the handshake is
        done), ``('handshake_start', None)`` and ``('renegotiated',
        None)`` (a renegotiation began, ended), ``('close_notify',)``
        (the peer will send no more), ``('error', record)`` (fatal: the
        state is then CLOSED; ``pull()`` may still hold an alert to
        send)."""
        events, self._events = self._events, []
        if self._state is State.HANDSHAKING and self._held is None:
            self._handshake(events)
        if self._state is State.OPEN or self._state is State.CLOSING:
            # A client's session: TLS 1.2 settled it in the handshake, so it
            # is told before the data that came with the last flight; TLS
            # 1.3 tickets arrive among the data.
            if not self.server_side:
                self._note_session(events)
            self._read(events)
            if not self.server_side:
                self._note_session(events)
            if self._handshake_starts != self._starts_seen or \
                    self._handshakes_done != self._dones_seen:
                self._note_handshakes(events)
        if self._events:
            # What OpenSSL's callbacks reported in this turn.
            events += self._events
            self._events = []
        return events

    def _handshake(self, events):
        lib.ERR_clear_error()
        result = lib.SSL_do_handshake(self._ssl)
        if result != 1:
            code = lib.SSL_get_error(self._ssl, result)
            if code != _WANT_READ and code != _WANT_WRITE:
                self._fail(events)
            return
        self._to(State.OPEN)
        self._starts_seen = self._handshake_starts
        self._dones_seen = self._handshakes_done
        # A server's new session (newSession) is told before 'secure'.
        events += self._events
        self._events = []
        events.append(("handshake_done",))
        # TLS 1.2 settles its session in the handshake; 1.3 sends tickets
        # afterwards, each one exiting OpenSSL's state machine once.
        if self.protocol() == "TLSv1.3":
            self._sessions_noted = self._state_exits
        else:
            self._sessions_noted = -1
        pending, self._pending = self._pending, []
        for item in pending:
            if self._state is State.CLOSED:
                break
            if item is _CLOSE:
                self.close()
            else:
                self._write(item)
        events += self._events
        self._events = []

    def _read(self, events):
        ssl = self._ssl
        if lib.SSL_get_shutdown(ssl) & _RECEIVED:
            return
        buf = _buffers()[0]
        filled = 0
        lib.ERR_clear_error()
        while True:
            count = lib.SSL_read(ssl, buf + filled, READ_UNIT - filled)
            if count > 0:
                filled += count
                if filled == READ_UNIT:
                    events.append(("plaintext", ffi.buffer(buf, filled)[:]))
                    filled = 0
                continue
            code = lib.SSL_get_error(ssl, count)
            break
        if filled:
            events.append(("plaintext", ffi.buffer(buf, filled)[:]))
        if code == _WANT_READ or code == _WANT_WRITE:
            return
        if code == _ZERO_RETURN:
            # Tickets that came just before the close_notify are told
            # before it, while the socket still listens.
            if not self.server_side:
                self._note_session(events)
            events.append(("close_notify",))
            self._after_shutdown_change()
            return
        self._fail(events)

    def _note_session(self, events):
        # A client's new sessions, one event each, as OpenSSL's new-session
        # callback made them (a TLS 1.3 server sends two tickets: two
        # sessions, as Node reports).
        if self._client_sessions:
            events.extend(("session", der) for der in self._client_sessions)
            self._client_sessions.clear()
            return
        if self._client_sessions is not None:
            return
        # Without that callback (see secure_context.hidden), the session
        # is read after each turn that exited OpenSSL's state machine.
        # LIMITATION: then two tickets read in one turn are one event, and
        # a TLS 1.3 KeyUpdate reports the (unchanged) session once more.
        if self._state_exits != self._sessions_noted:
            self._sessions_noted = self._state_exits
            session = self.session()
            if session is not None:
                events.append(("session", session))

    def _note_handshakes(self, events):
        # Handshakes after the first are renegotiations (TLS 1.2 and
        # older).  TLS 1.3 has none: OpenSSL reports its post-handshake
        # messages (tickets, KeyUpdate) as handshakes too, ignored here.
        starts = self._handshake_starts - self._starts_seen
        dones = self._handshakes_done - self._dones_seen
        self._starts_seen = self._handshake_starts
        self._dones_seen = self._handshakes_done
        if self.protocol() == "TLSv1.3":
            return
        events.extend([("handshake_start", None)] * starts)
        if dones:
            events.append(("renegotiated", None))

    def renegotiate(self, request_cert=None, reject_unauthorized=None):
        """``tlsSocket.renegotiate()``: start a new handshake now (its
        first message is in the next ``pull()``; a ``renegotiated`` event
        tells its end).  A server may change whether it asks for, and
        insists on, a client certificate.  Raises HostError with
        OpenSSL's reason when it cannot (TLS 1.3: wrong ssl version)."""
        if self._state is not State.OPEN:
            raise HostError(*RENEGOTIATE_FAILED)
        if self.server_side and request_cert is not None:
            self.must_verify_peer = bool(request_cert and reject_unauthorized)
            self._set_verify(request_cert, reject_unauthorized)
        lib.ERR_clear_error()
        if lib.SSL_renegotiate(self._ssl) != 1:
            raise openssl_error(fallback=RENEGOTIATE_FAILED)
        result = lib.SSL_do_handshake(self._ssl)
        if result != 1:
            code = lib.SSL_get_error(self._ssl, result)
            if code != _WANT_READ and code != _WANT_WRITE:
                self._fail(self._events)

    def _on_ocsp_response(self, data):
        # Client: what the server stapled (None: nothing), before the
        # handshake is done.
        self._events.append(("ocsp_response", data))

    def ocsp_request(self):
        """Server paused at a ClientHello that asked for OCSP, after
        ``settle_context``: the certificate is chosen now (the synchronous
        SNI contexts are asked here, not later by OpenSSL); return the DER of it and of its
        issuer (None if unknown), for Node's 'OCSPRequest'."""
        name = (self.client_hello or {}).get("servername")
        if not self._sni_decided and name and self._on_servername(name):
            self._sni_decided = True
        return self._current.ocsp_certificates()

    def _fail(self, events):
        codes = take_errors()
        if self._callback_error is not None:
            record = self._callback_error
        elif codes:
            record = {"name": "Error", **error_record(codes[0])}
        else:
            record = {"name": "Error", "code": "ERR_SSL_INTERNAL_ERROR",
                      "message": "TLS connection failed without an "
                                 "OpenSSL error"}
        self._error = record
        self._pending = []
        self._to(State.CLOSED)
        events.append(("error", record))

    def pull(self):
        """The ciphertext to send to the peer now (b'' when none)."""
        chunks = []
        buf = _buffers()[1]
        while True:
            count = lib.BIO_read(self._from, buf, PULL_UNIT)
            if count <= 0:
                break
            chunks.append(ffi.buffer(buf, count)[:])
        if len(chunks) == 1:
            return chunks[0]
        return b"".join(chunks)

    def send(self, plaintext):
        """Queue plaintext (``tlsSocket.write``); held until the handshake
        is done.  Its records are in the next ``pull()``."""
        if self._state is State.HANDSHAKING:
            self._pending.append(bytes(plaintext))
            return
        if self._state is State.CLOSED or \
                lib.SSL_get_shutdown(self._ssl) & _SENT:
            raise HostError("ERR_STREAM_DESTROYED",
                            "Cannot call write after a stream was destroyed")
        self._write(plaintext)

    def _write(self, data):
        size = len(data)
        if not size:
            return
        view = ffi.from_buffer(data)
        step = self.max_send_fragment
        at = 0
        lib.ERR_clear_error()
        while at < size:
            # With partial writes off, one call writes every record of a
            # long buffer; a smaller fragment needs one call per record.
            count = lib.SSL_write(self._ssl, view + at,
                                  size - at if step >= MAX_FRAGMENT
                                  else min(step, size - at))
            if count <= 0:
                self._fail(self._events)
                return
            at += count

    def close(self):
        """Send close_notify (``tlsSocket.end()``); after queued plaintext
        when the handshake is still running."""
        if self._state is State.HANDSHAKING:
            self._pending.append(_CLOSE)
            return
        if self._state is State.CLOSED or \
                lib.SSL_get_shutdown(self._ssl) & _SENT:
            return
        lib.ERR_clear_error()
        if lib.SSL_shutdown(self._ssl) < 0:
            self._fail(self._events)
            return
        self._after_shutdown_change()

    # -- callbacks from OpenSSL (through secure_context) ----------------------

    def _switch(self, secure_context):
        self.conn.set_context(secure_context.ssl_context)
        self._current = secure_context

    def _on_servername(self, name):
        if self._sni_decided:
            return True
        pick = self.sni_contexts or self._current.sni_callback
        if pick is None:
            return True
        try:
            chosen = pick(name)
        except HostError as exc:
            self._callback_error = exc.record()
            return False
        except Exception as exc:  # noqa: BLE001 - reported as a TLS error
            self._callback_error = {
                "name": "Error", "code": "ERR_JSTLS_HOST",
                "message": f"SNI callback: {type(exc).__name__}: {exc}"}
            return False
        if chosen is not None:
            self._switch(chosen)
        return True

    def _select_alpn(self, offered):
        mine = self.alpn_protocols
        if mine is None:
            mine = self._current.alpn_protocols
        if not mine:
            return None
        for protocol in mine:
            if protocol in offered:
                return protocol
        return False if self.alpn_no_overlap_fatal else None

    # -- what Node's TLSSocket shows ------------------------------------------

    def protocol(self):
        """``getProtocol()``: 'TLSv1.2', 'TLSv1.3', ...; None before the
        handshake (SSL_get_version)."""
        if not self._established:
            return None
        return _string(lib.SSL_get_version(self._ssl))

    def cipher(self):
        """``getCipher()``: {name, standardName, version} or None.

        ``version`` is SSL_CIPHER_get_version, as Node 20 gives it (the
        Node 10 docs print the legacy 'TLSv1/SSLv3'; the caller chooses)."""
        cipher = lib.SSL_get_current_cipher(self._ssl)
        if cipher == ffi.NULL or not self._established:
            return None
        name = _string(lib.SSL_CIPHER_get_name(cipher))
        return {"name": name, "standardName": standard_cipher_name(name),
                "version": _string(lib.SSL_CIPHER_get_version(cipher))}

    def peer_certificate(self, detailed=False):
        """``getPeerCertificate(detailed)``: Node's object, ``{}`` if none.

        Byte fields are bytes and a self-issued end of the chain is
        ``issuerCertificate: 'self'`` (see x509.py)."""
        cert = self.conn.get_peer_certificate(as_cryptography=True)
        if cert is None:
            return {}
        chain = None
        if detailed:
            chain = self.conn.get_peer_cert_chain(as_cryptography=True) or []
        return certificate_object(cert, chain, detailed, self._trusted)

    def certificate(self):
        """``getCertificate()``: our own certificate's object, or None."""
        cert = self.conn.get_certificate(as_cryptography=True)
        return None if cert is None else certificate_object(cert)

    def _trusted(self):
        # OpenSSL's own chain first (it found the anchor), then the store.
        verified = self.conn.get_verified_chain(as_cryptography=True) or []
        return list(verified) + list(self._current.trusted_certificates())

    def rejects_peer(self):
        """Whether a server that must verify its client refuses it now.

        Asked when the handshake completes, before the server's last
        flight leaves: Node decides at that point and destroys the socket,
        so a refused client never completes its handshake."""
        return self.must_verify_peer and self.verify_error() is not None

    def verify_error(self):
        """``authorizationError`` code (Node's X509_V_ERR_* name) or None.

        Like Node: no peer certificate gives UNABLE_TO_GET_ISSUER_CERT,
        unless a TLS 1.3 session was resumed (it authenticated before)."""
        code = self._verify_result()
        if code == 0:
            return None
        return VERIFY_CODES.get(code, "UNSPECIFIED")

    def verify_error_message(self):
        """The text OpenSSL gives the verification result, or None."""
        code = self._verify_result()
        if code == 0:
            return None
        return _string(lib.X509_verify_cert_error_string(code))

    def _verify_result(self):
        peer = lib.SSL_get_peer_certificate(self._ssl)
        if peer != ffi.NULL:
            lib.X509_free(peer)
            return lib.SSL_get_verify_result(self._ssl)
        if self.protocol() == "TLSv1.3" and self.session_reused():
            return 0
        cipher = self.cipher()
        if cipher and "PSK" in cipher["name"]:
            return 0
        return _X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT

    def alpn_protocol(self):
        """``alpnProtocol``: the agreed protocol (str) or False."""
        data = ffi.new("const unsigned char **")
        size = ffi.new("unsigned int *")
        lib.SSL_get0_alpn_selected(self._ssl, data, size)
        if not size[0]:
            return False
        return ffi.buffer(data[0], size[0])[:].decode("latin-1")

    def servername(self):
        """Server: the SNI name the client sent, or False (Node's
        ``getServername``).  Client: the name it sent, or False."""
        name = lib.SSL_get_servername(self._ssl, lib.TLSEXT_NAMETYPE_host_name)
        return False if name == ffi.NULL else _string(name)

    def _finished(self, getter):
        buf = ffi.new("char[]", 128)
        size = getter(self._ssl, buf, 128)
        return ffi.buffer(buf, size)[:] if size > 0 else None

    def finished(self):
        """``getFinished()``: our last Finished message, or None."""
        return self._finished(lib.SSL_get_finished)

    def peer_finished(self):
        """``getPeerFinished()``: the peer's last Finished, or None."""
        return self._finished(lib.SSL_get_peer_finished)

    def ephemeral_key_info(self):
        """``getEphemeralKeyInfo()``: client {type, name?, size} or {};
        server None.

        Read from the server's first flight, in clear (key_share of a
        TLS 1.3 ServerHello, ServerKeyExchange of TLS 1.2), because lib
        does not bind SSL_get_peer_tmp_key."""
        if self.server_side:
            return None
        cipher = self.cipher()
        if cipher is None:
            return {}
        try:
            return _key_exchange_info(self._flight, cipher["name"])
        except (ValueError, IndexError):
            return {}  # a ServerKeyExchange we cannot read

    def session(self):
        """``getSession()``: the DER of the current session, or None
        (i2d_SSL_SESSION)."""
        session = lib.SSL_get_session(self._ssl)
        if session == ffi.NULL:
            return None
        size = lib.i2d_SSL_SESSION(session, ffi.NULL)
        if size <= 0:
            return None
        buf = ffi.new("unsigned char[]", size)
        lib.i2d_SSL_SESSION(session, ffi.new("unsigned char **", buf))
        return ffi.buffer(buf, size)[:]

    def set_session(self, der):
        """``setSession(session)`` / the ``session`` option of
        ``tls.connect``: resume with this DER, before the handshake.

        Returns False when the bytes are no session.  Works with a
        session from another context (d2i_SSL_SESSION + SSL_set_session;
        pyOpenSSL's set_session refuses that)."""
        data = ffi.new("unsigned char[]", bytes(der))
        session = lib.d2i_SSL_SESSION(
            ffi.NULL, ffi.new("unsigned char **", data), len(der))
        if session == ffi.NULL:
            take_errors()
            return False
        try:
            ok = lib.SSL_set_session(self._ssl, session) == 1
        finally:
            lib.SSL_SESSION_free(session)
        take_errors()
        return ok

    def ticket(self):
        """``getTLSTicket()``: a client's session ticket, or None (always
        None on a server, as in Node)."""
        if self.server_side:
            return None
        der = self.session()
        if der is None:
            return None
        try:
            return session_fields(der)["ticket"] or None
        except ValueError:
            return None

    # -- session callbacks (client sessions, newSession / resumeSession) ----

    def _on_new_session(self, session):
        # Called by OpenSSL once it made a session it would cache: a
        # client's to offer later, a server's for 'newSession' listeners.
        if self.server_side and not self.session_events:
            return
        size = lib.i2d_SSL_SESSION(session, ffi.NULL)
        if size <= 0:
            return
        buf = ffi.new("unsigned char[]", size)
        lib.i2d_SSL_SESSION(session, ffi.new("unsigned char **", buf))
        der = ffi.buffer(buf, size)[:]
        if not self.server_side:
            self._client_sessions.append(der)
            return
        try:
            session_id = session_fields(der)["id"]
        except ValueError:
            return
        if session_id:
            self._events.append(("new_session",
                                 {"id": session_id, "data": der}))

    def _on_get_session(self, session_id):
        # OpenSSL did not find ``session_id`` in its cache: the session a
        # resumeSession listener gave (set_external_session), if its id
        # is that one.
        der, self._external_session = self._external_session, None
        if der is None:
            return ffi.NULL
        data = ffi.new("unsigned char[]", der)
        session = lib.d2i_SSL_SESSION(
            ffi.NULL, ffi.new("unsigned char **", data), len(der))
        take_errors()
        return session

    def set_external_session(self, der):
        """The answer of a 'resumeSession' listener, before ``resume()``:
        the session OpenSSL is given if it asks for the ClientHello's id."""
        self._external_session = bytes(der) if der else None

    def session_reused(self):
        """``isSessionReused()`` (SSL_session_reused)."""
        return bool(lib.SSL_session_reused(self._ssl))

    def set_max_send_fragment(self, size):
        """``setMaxSendFragment(size)``: True when 512 <= size <= 16384.

        lib has no SSL_set_max_send_fragment, so each SSL_write is given
        at most ``size`` bytes: the plaintext of every record is then at
        most ``size``."""
        if not MIN_FRAGMENT <= size <= MAX_FRAGMENT:
            return False
        self.max_send_fragment = size
        return True

    def export_keying_material(self, length, label, context=None):
        """``exportKeyingMaterial(length, label[, context])``."""
        return self.conn.export_keying_material(
            utf8(label) if isinstance(label, str) else label, length, context)

    @property
    def established(self):
        """Whether the handshake completed (and the machine is not yet
        closed by a failure)."""
        return self._established and self._state is not State.CLOSED

    def has_events(self):
        """Whether events wait for the next ``advance()``."""
        return bool(self._events)

    @property
    def error(self):
        """The record of the fatal error, if one happened."""
        return self._error
