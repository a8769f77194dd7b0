"""Host side of ``tls``: secure contexts and TLS on stream handles.

``create_context`` builds a SecureContext (bindings/secure_context.py) and
returns its id; ``start`` puts a TLSMachine (bindings/tls_machine.py) on a
connected stream handle of the tcp binding, which from then on reads and
writes plaintext for JS and ciphertext for the socket.  The ``get_*``
calls answer TLSSocket's questions (getPeerCertificate, getCipher, ...).

What it is not: verification policy.  The machine records OpenSSL's
verdict; lib/tls.js decides, as Node does, what rejectUnauthorized and
checkServerIdentity make of it.
"""

from __future__ import annotations

import base64

from . import HostError

# Byte fields of the certificate object, sent to JS as base64.
_CERT_BYTES = ("raw", "pubkey")


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


class TlsBinding:
    """The ``tls`` binding."""

    def __init__(self, runtime):
        self._runtime = runtime
        self._contexts = {}
        self._next_context = 1

    def _handle(self, handle_id):
        handle = self._runtime.loop.handles.get(handle_id)
        if handle is None or getattr(handle, "sock", None) is None:
            raise HostError("EBADF", "EBADF: bad file descriptor", errno=-9)
        return handle

    def _machine(self, handle_id):
        handle = self._handle(handle_id)
        if handle.tls is None:
            raise HostError("ERR_TLS_NOT_STARTED", "TLS is not started")
        return handle.tls

    def create_context(self, options, min_version, max_version):
        """tls.createSecureContext(options); returns the context id."""
        # pyOpenSSL loads on first use: scripts without TLS start faster.
        from .secure_context import SecureContext

        context = SecureContext.from_options(
            options, default_min_version=min_version,
            default_max_version=max_version,
        )
        context_id = self._next_context
        self._next_context += 1
        self._contexts[context_id] = context
        return [context_id, context.warnings]

    def get_ciphers(self):
        """tls.getCiphers(): OpenSSL's cipher names, lower case, sorted."""
        from OpenSSL import SSL

        ctx = SSL.Context(SSL.TLS_METHOD)
        conn = SSL.Connection(ctx, None)
        names = {name.lower() for name in conn.get_cipher_list()}
        return sorted(names)

    def release_context(self, context_id):
        self._contexts.pop(context_id, None)

    def start(self, handle_id, context_id, options):
        """Start TLS on a connected stream handle (client or server)."""
        handle = self._handle(handle_id)
        context = self._contexts[context_id]
        server = bool(options.get("isServer"))
        alpn = options.get("ALPNProtocols")
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
        )
        session = options.get("session")
        if session and not server:
            machine.set_session(session.encode("latin-1"))
        handle.start_tls(machine)

    def get_info(self, handle_id):
        """What 'secureConnect' needs at once, in one crossing."""
        machine = self._machine(handle_id)
        return {
            "protocol": machine.protocol(),
            "alpnProtocol": machine.alpn_protocol(),
            "servername": machine.servername(),
            "verifyError": machine.verify_error(),
            "verifyMessage": machine.verify_error_message(),
        }

    def get_peer_certificate(self, handle_id, detailed):
        return _certificate_json(self._machine(handle_id).peer_certificate(detailed))

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

    def is_session_reused(self, handle_id):
        return self._machine(handle_id).session_reused()

    def set_max_send_fragment(self, handle_id, size):
        return self._machine(handle_id).set_max_send_fragment(size)

    def disable_renegotiation(self, handle_id):
        self._machine(handle_id).disable_renegotiation()

    def export_keying_material(self, handle_id, length, label, context):
        data = self._machine(handle_id).export_keying_material(
            length, label, None if context is None else context.encode("latin-1"))
        return _latin1(data)


def _match_servername(pattern, servername):
    """Node's addContext() matching: '*.example.com' covers one label."""
    pattern = pattern.lower().rstrip(".")
    name = (servername or "").lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = name.partition(".")
        return bool(head) and rest == pattern[2:]
    return pattern == name
