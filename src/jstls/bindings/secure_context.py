"""Node's ``tls.createSecureContext()`` on a pyOpenSSL ``Context``.

A ``SecureContext`` is built once from the options as they arrive from JS
(PEM as ``str`` or ``bytes``, lists of them, ``{pem, passphrase}`` keys and
``{buf, passphrase}`` PFX) and holds one ``OpenSSL.SSL.Context``.  The
steps follow Node's order, so that when several options are wrong the
first error reported is the one Node reports: protocol range and
secureOptions, then ca, cert, key, sigalgs, ciphers, ecdhCurve, dhparam,
crl, sessionIdContext, pfx.  Every failure is a ``HostError`` carrying
Node's code, message, and for OpenSSL failures ``library`` and ``reason``
read from OpenSSL's own error queue (``openssl_error``), so the packed
code in the message is the real one.

A pyOpenSSL Context cannot change once a Connection was made from it.
Everything that varies per connection therefore lives outside OpenSSL's
context: the verify mode is set on each SSL object, and the ALPN, SNI and
verify callbacks are installed on every context at build time as fixed C
callbacks that ask the connection's owner (the TLS machine, found through
``register_connection``) what to do.  The context-level defaults for
those (``set_alpn_protocols``, ``set_sni_callback``, ``set_verify``) are
plain Python attributes, so they may be changed at any time.  A change
that does need a new OpenSSL context goes through ``derive(**changes)``,
which builds (and caches) a sibling from the same options.

The default CA store (certifi's copy of Mozilla's list, as Node ships
Mozilla's) is loaded once per process, and only when a connection needs to
verify a peer (``ensure_ca``), then shared by every context that did not
get a ``ca`` option.

What it is not: a JS object (the lead's lib/tls.js wraps it), an option
validator for JS types beyond what a Python caller could get wrong, or a
session cache.
"""

from __future__ import annotations

import json
import re
import warnings
import weakref

from OpenSSL import SSL
from OpenSSL._util import ffi, lib

from . import HostError, utf8

# ---------------------------------------------------------------------------
# OpenSSL's error queue, the way Node reports it.

# ERR_LIB_* numbers Node names in its ERR_OSSL_<LIB>_<REASON> codes; a
# library not listed gives ERR_OSSL_<REASON>, and SSL gives ERR_SSL_<REASON>.
_LIB_NAMES = {
    2: "SYS", 3: "BN", 4: "RSA", 5: "DH", 6: "EVP", 7: "BUF", 8: "OBJ",
    9: "PEM", 10: "DSA", 11: "X509", 13: "ASN1", 14: "CONF", 15: "CRYPTO",
    16: "EC", 20: "SSL", 32: "BIO", 33: "PKCS7", 34: "X509V3", 35: "PKCS12",
    36: "RAND", 37: "DSO", 38: "ENGINE", 39: "OCSP", 40: "UI", 41: "COMP",
    42: "ECDSA", 43: "ECDH", 44: "OSSL_STORE", 45: "FIPS", 46: "CMS",
    47: "TS", 48: "HMAC", 50: "CT", 51: "ASYNC", 52: "KDF", 53: "SM2",
    128: "USER",
}
_ERR_LIB_SSL = 20
_ERR_LIB_PEM = 9
_PEM_R_NO_START_LINE = 108
_SYSTEM_FLAG = 0x80000000


def _text(ptr):
    return None if ptr == ffi.NULL else ffi.string(ptr).decode("latin-1")


def take_errors():
    """Empty OpenSSL's error queue; the packed codes, oldest first."""
    codes = []
    while True:
        code = lib.ERR_get_error()
        if not code:
            return codes
        codes.append(code)


def error_record(packed):
    """One packed OpenSSL error as Node's fields: code, message, library...

    The message is ``ERR_error_string_n``'s form without the function
    name, which OpenSSL 3 and later no longer record."""
    lib_no = 2 if packed & _SYSTEM_FLAG else (packed >> 23) & 0xFF
    library = _text(lib.ERR_lib_error_string(packed))
    reason = _text(lib.ERR_reason_error_string(packed))
    if lib_no == _ERR_LIB_SSL and reason and reason.startswith("tls alert "):
        # WORKAROUND: OpenSSL 4.0 renamed the alerts SSLv3 defined
        # ("sslv3 alert handshake failure" became "tls alert ..."); Node 20
        # (OpenSSL 3.0) reports ERR_SSL_SSLV3_ALERT_*.  The packed code is
        # unchanged.  Remove when the oracle's OpenSSL says "tls alert".
        reason = "sslv3 alert " + reason[len("tls alert "):]
    shown_library = library or f"lib({lib_no})"
    shown_reason = reason or f"reason({packed & 0x7FFFFF})"
    message = f"error:{packed:08X}:{shown_library}::{shown_reason}"
    record = {"message": message}
    if reason:
        suffix = reason.upper().replace(" ", "_")
        if lib_no == _ERR_LIB_SSL:
            record["code"] = "ERR_SSL_" + suffix
        elif lib_no in _LIB_NAMES:
            record["code"] = f"ERR_OSSL_{_LIB_NAMES[lib_no]}_{suffix}"
        else:
            record["code"] = "ERR_OSSL_" + suffix
    if library:
        record["library"] = library
    if reason:
        record["reason"] = reason
    return record


def openssl_error(codes=None, fallback=("ERR_SSL_INTERNAL", "internal error")):
    """A HostError for the oldest queued OpenSSL error (queue emptied).

    The later errors go to ``opensslErrorStack``, newest first, as Node
    lists them.  With an empty queue the ``fallback`` code and message
    are used."""
    if codes is None:
        codes = take_errors()
    if not codes:
        return HostError(*fallback)
    record = error_record(codes[0])
    props = {}
    if len(codes) > 1:
        props["opensslErrorStack"] = [
            error_record(c)["message"] for c in reversed(codes[1:])]
    for name in ("library", "reason"):
        if name in record:
            props[name] = record[name]
    return HostError(record.get("code"), record["message"], **props)


def _check(result, fallback=None):
    if result != 1:
        raise openssl_error(fallback=fallback or ("ERR_SSL_INTERNAL", "failed"))


# ---------------------------------------------------------------------------
# Node's constants.

# crypto.constants.defaultCipherList of Node 20 (tls.DEFAULT_CIPHERS).
DEFAULT_CIPHERS = (
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
    "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:"
    "DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:"
    "HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA"
)

# WORKAROUND: cryptography 50 carries OpenSSL 4.0, whose defaults differ
# from the OpenSSL 3.0 inside Node 20 in two ways users can see.  Its
# security level is 2 (Node's is 1: 1024-bit RSA keys load there), and its
# default groups put the X25519MLKEM768 hybrid first (Node 20 negotiates
# X25519, and getEphemeralKeyInfo() reports it).  Both are pinned to Node
# 20's values here; drop these once the oracle moves to OpenSSL >= 3.5.
# An OPENSSL_CONF CipherString with @SECLEVEL still wins (applied later).
NODE_SECURITY_LEVEL = 1
AUTO_GROUPS = (b"X25519:P-256:X448:P-521:P-384:"
               b"ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192")

# SSL_OP_BIT(8) of OpenSSL >= 3.0; lib does not name it.
SSL_OP_ALLOW_CLIENT_RENEGOTIATION = 0x100

_VERSIONS = {
    "TLSv1": SSL.TLS1_VERSION,
    "TLSv1.1": SSL.TLS1_1_VERSION,
    "TLSv1.2": SSL.TLS1_2_VERSION,
    "TLSv1.3": SSL.TLS1_3_VERSION,
}

# secureProtocol -> (pyOpenSSL method, minimum, maximum).  A minimum of
# None keeps the caller's minimum (Node: SSLv23_method only caps the top).
_KEEP = None
_METHODS = {}
for _suffix, _method in (("", SSL.TLS_METHOD),
                         ("_server", SSL.TLS_SERVER_METHOD),
                         ("_client", SSL.TLS_CLIENT_METHOD)):
    _METHODS[f"TLS{_suffix}_method"] = (_method, 0, SSL.TLS1_3_VERSION)
    _METHODS[f"SSLv23{_suffix}_method"] = (_method, _KEEP, SSL.TLS1_2_VERSION)
    for _name, _v in (("TLSv1", SSL.TLS1_VERSION),
                      ("TLSv1_1", SSL.TLS1_1_VERSION),
                      ("TLSv1_2", SSL.TLS1_2_VERSION)):
        _METHODS[f"{_name}{_suffix}_method"] = (_method, _v, _v)

_PEM_BLOCK = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?-----END \1-----", re.DOTALL)

_ROOT_STORE = None  # X509_STORE * of the default CAs, made on first need
_ROOT_CERTS = None  # the same, parsed by cryptography (getPeerCertificate)


# ---------------------------------------------------------------------------
# The per-connection callbacks.  One C callback of each kind serves every
# context; it finds the connection's owner by the SSL pointer.

_OWNERS = weakref.WeakValueDictionary()


def _address(ssl):
    return int(ffi.cast("uintptr_t", ssl))


def register_connection(ssl, owner):
    """Route the callbacks of SSL object ``ssl`` to ``owner``.

    The owner defines ``_on_servername(name)``, ``_select_alpn(offered)``
    and a ``_state_exits`` counter; it is held weakly."""
    _OWNERS[_address(ssl)] = owner


@ffi.callback("int(int, X509_STORE_CTX *)")
def _accept_any(preverify_ok, store_ctx):
    # Node verifies after the handshake and decides itself whether to
    # reject, so OpenSSL only records the result (SSL_get_verify_result).
    return 1


@ffi.callback("int(SSL *, int *, void *)",
              error=lib.SSL_TLSEXT_ERR_ALERT_FATAL)
def _on_servername(ssl, alert, arg):
    owner = _OWNERS.get(_address(ssl))
    name = lib.SSL_get_servername(ssl, lib.TLSEXT_NAMETYPE_host_name)
    if owner is None or name == ffi.NULL:
        return lib.SSL_TLSEXT_ERR_OK
    if owner._on_servername(ffi.string(name).decode("latin-1")):
        return lib.SSL_TLSEXT_ERR_OK
    alert[0] = 80  # internal_error, as Node's failed SNI callback does
    return lib.SSL_TLSEXT_ERR_ALERT_FATAL


@ffi.callback("void(SSL *, int, int)")
def _on_info(ssl, where, ret):
    # Counted for the owner, which reads the counts after each turn:
    # exits of OpenSSL's state machine (after the handshake each one is a
    # post-handshake message handled, for a TLS 1.3 client a
    # NewSessionTicket: a new session to offer), and handshake starts and
    # ends (after the first, renegotiations).
    if not where & (lib.SSL_CB_EXIT | lib.SSL_CB_HANDSHAKE_START
                    | lib.SSL_CB_HANDSHAKE_DONE):
        return
    owner = _OWNERS.get(_address(ssl))
    if owner is None:
        return
    if where & lib.SSL_CB_EXIT and ret == 1:
        owner._state_exits += 1
    if where & lib.SSL_CB_HANDSHAKE_START:
        owner._handshake_starts += 1
    # Sending a HelloRequest is a handshake of its own to OpenSSL, started
    # and done at once; a renegotiation is done when none is pending.
    if where & lib.SSL_CB_HANDSHAKE_DONE and \
            not lib.SSL_renegotiate_pending(ssl):
        owner._handshakes_done += 1


@ffi.callback("int(SSL *, void *)", error=lib.SSL_TLSEXT_ERR_NOACK)
def _on_ocsp_status(ssl, arg):
    # OpenSSL asks a server what to staple (client sent status_request),
    # and shows a client what was stapled (it asked: requestOCSP).  The
    # return values differ: a server's is an SSL_TLSEXT_ERR_* code, a
    # client's 1 for "go on" (Node judges the response, not OpenSSL).
    owner = _OWNERS.get(_address(ssl))
    if owner is None:
        return lib.SSL_TLSEXT_ERR_NOACK
    if owner.server_side:
        # LIMITATION: OpenSSL 3.6 and later (multi-stapling) parse what is
        # stapled as a DER OCSPResponse and drop anything else, where Node
        # 20 (OpenSSL 3.0) sends any bytes: a response that is not an OCSP
        # response reaches the client as no response.
        data = owner.ocsp_response
        if not data:
            return lib.SSL_TLSEXT_ERR_NOACK
        # OpenSSL frees the stapled response itself: its own allocator.
        buf = ffi.cast("unsigned char *", lib.OPENSSL_malloc(len(data)))
        ffi.memmove(buf, data, len(data))
        lib.SSL_set_tlsext_status_ocsp_resp(ssl, buf, len(data))
        return lib.SSL_TLSEXT_ERR_OK
    out = ffi.new("unsigned char **")
    size = lib.SSL_get_tlsext_status_ocsp_resp(ssl, out)
    owner._on_ocsp_response(
        ffi.buffer(out[0], size)[:] if size > 0 and out[0] != ffi.NULL
        else None)
    return 1


@ffi.callback("int(SSL *, const unsigned char **, unsigned char *, "
              "const unsigned char *, unsigned int, void *)",
              error=lib.SSL_TLSEXT_ERR_ALERT_FATAL)
def _select_alpn(ssl, out, outlen, client_list, client_len, arg):
    wire = ffi.buffer(client_list, client_len)[:]
    offered = []
    at = 0
    while at < len(wire):
        size = wire[at]
        offered.append((wire[at + 1:at + 1 + size], at + 1))
        at += 1 + size
    owner = _OWNERS.get(_address(ssl))
    if owner is None:
        return lib.SSL_TLSEXT_ERR_NOACK
    chosen = owner._select_alpn([p for p, _ in offered])
    if chosen is None:
        return lib.SSL_TLSEXT_ERR_NOACK
    if chosen is False:
        return lib.SSL_TLSEXT_ERR_ALERT_FATAL
    for proto, offset in offered:
        if proto == chosen:
            # OpenSSL copies the answer; pointing into its own list is safe.
            out[0] = client_list + offset
            outlen[0] = len(proto)
            return lib.SSL_TLSEXT_ERR_OK
    return lib.SSL_TLSEXT_ERR_NOACK


# ---------------------------------------------------------------------------
# OpenSSL functions lib does not bind.
#
# cryptography links its OpenSSL statically into _rust.abi3.so and exports
# none of it, so neither lib nor ctypes can name SSL_CTX_ctrl (the
# ticket-key setter), SSL_CTX_sess_set_new_cb / _get_cb or
# SSL_CTX_add_session.  The wheel keeps its ELF symbol table (.symtab),
# though: a function's address is the module's load address (from
# /proc/self/maps) plus the symbol's value there.  That is checked before
# use: the cffi wrapper ``_cffi_d_i2d_SSL_SESSION`` must sit exactly where
# ffi.addressof says it does, or nothing is resolved (``hidden`` returns
# None and the callers fall back, see their LIMITATION notes).

_HIDDEN_TYPES = {
    "SSL_CTX_ctrl": "long(*)(SSL_CTX *, int, long, void *)",
    "SSL_CTX_sess_set_new_cb":
        "void(*)(SSL_CTX *, int(*)(SSL *, SSL_SESSION *))",
    "SSL_CTX_sess_set_get_cb":
        "void(*)(SSL_CTX *, SSL_SESSION *(*)(SSL *, const unsigned char *,"
        " int, int *))",
}
_hidden_table = None


def _elf_symbols(path, names):
    """{name: st_value} of the wanted local or global symbols of an ELF64
    little-endian file, from its .symtab."""
    import struct

    with open(path, "rb") as handle:
        data = handle.read()
    if data[:6] != b"\x7fELF\x02\x01":
        return {}
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    found = {}
    for sec in sections:
        if sec[1] != 2:  # SHT_SYMTAB
            continue
        strtab = sections[sec[6]]
        strings = data[strtab[4]:strtab[4] + strtab[5]]
        wanted = {}
        for name in names:
            at = strings.find(b"\0" + name.encode() + b"\0")
            if at >= 0:
                wanted[at + 1] = name
        symbols = data[sec[4]:sec[4] + sec[5]]
        for st_name, _, _, _, value, _ in struct.iter_unpack("<IBBHQQ",
                                                             symbols):
            if st_name in wanted and value:
                found[wanted[st_name]] = value
    return found


def _load_hidden():
    try:
        from cryptography.hazmat.bindings import _rust
        from cryptography.hazmat.bindings._rust import _openssl

        path = _rust.__file__
        base = None
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                if len(fields) >= 6 and fields[5] == path and \
                        int(fields[2], 16) == 0:
                    base = int(fields[0].split("-")[0], 16)
                    break
        if base is None:
            return {}
        check = "_cffi_d_i2d_SSL_SESSION"
        symbols = _elf_symbols(path, [check, *_HIDDEN_TYPES])
        real = int(ffi.cast("uintptr_t", _openssl.ffi.addressof(
            _openssl.lib, "i2d_SSL_SESSION")))
        if symbols.get(check) is None or base + symbols[check] != real:
            return {}
        return {name: ffi.cast(ctype, base + symbols[name])
                for name, ctype in _HIDDEN_TYPES.items() if name in symbols}
    except Exception:  # noqa: BLE001 - any surprise: do without
        return {}


def hidden(name):
    """An OpenSSL function lib does not bind, as a cffi function pointer,
    or None when it cannot be found safely."""
    global _hidden_table
    if _hidden_table is None:
        _hidden_table = _load_hidden()
    return _hidden_table.get(name)


_SSL_CTRL_GET_TLSEXT_TICKET_KEYS = 58
_SSL_CTRL_SET_TLSEXT_TICKET_KEYS = 59


def _openssl_ticket_keys(keys):
    """OpenSSL's 80 bytes (name 16, HMAC key 32, AES key 32) from Node's
    48 (name 16, HMAC 16, AES 16): the two secrets are stretched with
    SHA-256, so equal Node keys give equal OpenSSL keys in any process."""
    import hashlib

    name, hmac_key, aes_key = keys[:16], keys[16:32], keys[32:48]
    return (name + hashlib.sha256(b"jstls ticket hmac" + hmac_key).digest()
            + hashlib.sha256(b"jstls ticket aes" + aes_key).digest())


# Server session callbacks (newSession / resumeSession), routed to the
# connection's owner like the others.  OpenSSL gets a new reference from
# the new-session callback only when it returns 1; 0 leaves it its own.

@ffi.callback("int(SSL *, SSL_SESSION *)", error=0)
def _on_new_session(ssl, session):
    owner = _OWNERS.get(_address(ssl))
    if owner is not None:
        owner._on_new_session(session)
    return 0


@ffi.callback("SSL_SESSION *(SSL *, const unsigned char *, int, int *)",
              error=ffi.NULL)
def _on_get_session(ssl, session_id, size, copy):
    owner = _OWNERS.get(_address(ssl))
    copy[0] = 0  # the session returned is OpenSSL's to free
    if owner is None:
        return ffi.NULL
    return owner._on_get_session(ffi.buffer(session_id, size)[:])


# ---------------------------------------------------------------------------
# Reading PEM and friends straight through OpenSSL, so that failures carry
# OpenSSL's packed codes as Node's do.

def _bytes(value, what):
    """Bytes of a PEM/DER option: a str from JS is latin-1 (a Buffer the
    binding turned into a string) or, failing that, UTF-8."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return utf8(value)
    raise _invalid_type(what, value)


def _describe(value):
    if value is None:
        return "Received null"
    if isinstance(value, bool):
        return f"Received type boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"Received type number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 28 else value[:25] + "..."
        return f"Received type string ('{shown}')"
    if isinstance(value, dict):
        return "Received an instance of Object"
    if isinstance(value, (list, tuple)):
        return "Received an instance of Array"
    return f"Received type {type(value).__name__}"


def _invalid_type(what, value):
    return HostError(
        "ERR_INVALID_ARG_TYPE",
        f'The "{what}" property must be of type string or an instance of '
        f"Buffer, TypedArray, or DataView. {_describe(value)}",
        name="TypeError")


def _absent(value):
    """Whether JS would find the option falsy (Node tests `if (option)`)."""
    return value is None or value is False or value == ""


def _passphrase(value):
    if value is None:
        return None
    if isinstance(value, str):
        return utf8(value)
    return bytes(value)


class _Bio:
    """A read-only memory BIO over ``data`` (kept alive with it)."""

    def __init__(self, data):
        self._data = ffi.new("char[]", data)
        self.bio = ffi.gc(lib.BIO_new_mem_buf(self._data, len(data)),
                          lib.BIO_free)


def _read_certs(data):
    """Every certificate in a PEM string, as X509 pointers, and the error
    codes left behind (empty when reading stopped at a clean end)."""
    bio = _Bio(data)
    certs = []
    while True:
        x509 = lib.PEM_read_bio_X509(bio.bio, ffi.NULL, ffi.NULL, ffi.NULL)
        if x509 == ffi.NULL:
            break
        certs.append(ffi.gc(x509, lib.X509_free))
    codes = take_errors()
    if codes and _is_clean_end(codes[-1]):
        codes = [] if certs else codes
    return certs, codes


def _is_clean_end(code):
    return ((code >> 23) & 0xFF == _ERR_LIB_PEM
            and code & 0x7FFFFF == _PEM_R_NO_START_LINE)


def _read_key(data, passphrase):
    bio = _Bio(data)
    # With no callback OpenSSL takes the last argument as the passphrase;
    # an empty one makes an encrypted key fail with "bad decrypt" rather
    # than prompt on a terminal.
    secret = ffi.new("char[]", passphrase or b"")
    pkey = lib.PEM_read_bio_PrivateKey(bio.bio, ffi.NULL, ffi.NULL, secret)
    if pkey == ffi.NULL:
        raise openssl_error(fallback=("ERR_OSSL_UNSUPPORTED", "unsupported"))
    take_errors()
    return ffi.gc(pkey, lib.EVP_PKEY_free)


def _der_length_problem(data):
    """What OpenSSL's ASN.1 reader says first about a non-PKCS#12 blob."""
    if len(data) < 2:
        return "not enough data"
    size = data[1]
    at = 2
    if size & 0x80:
        count = size & 0x7F
        if len(data) < 2 + count:
            return "not enough data"
        size = int.from_bytes(data[2:2 + count], "big")
        at += count
    if at + size > len(data):
        return "not enough data"
    if data[0] != 0x30:
        return "wrong tag"
    return None


def _dh_prime_bits(data):
    """The size of p in PEM "DH PARAMETERS" (PKCS #3), or None.

    Read from the DER directly: lib binds no DH_bits, and cryptography's
    DH API is deprecated (and checks more than OpenSSL does here)."""
    import base64

    match = re.search(rb"-----BEGIN DH PARAMETERS-----(.*?)-----END DH "
                      rb"PARAMETERS-----", data, re.DOTALL)
    if match is None:
        return None
    try:
        der = base64.b64decode(b"".join(match.group(1).split()), validate=True)
        if der[:1] != b"\x30":
            return None
        at = 2 + (der[1] & 0x7F if der[1] & 0x80 else 0)
        if der[at:at + 1] != b"\x02":
            return None
        size = der[at + 1]
        at += 2
        if size & 0x80:
            count = size & 0x7F
            size = int.from_bytes(der[at:at + count], "big")
            at += count
        return int.from_bytes(der[at:at + size], "big").bit_length()
    except (ValueError, IndexError):
        return None


# ---------------------------------------------------------------------------

class SecureContext:
    """One ``tls.createSecureContext()`` result: an OpenSSL context and the
    per-connection defaults that go with it."""

    def __init__(self, options, default_min_version, default_max_version):
        self.options = dict(options)
        self.default_min_version = default_min_version
        self.default_max_version = default_max_version
        # Node tests `if (ca)`: an empty string counts as no option, an
        # empty list or Buffer as "trust nothing".
        self.default_ca_used = _absent(self.options.get("ca"))
        # (message, type) pairs for process.emitWarning, as Node warns.
        self.warnings = []
        # Server defaults for connections that do not say otherwise.
        self.alpn_protocols = None
        self.sni_callback = None
        self.request_cert = False
        self.reject_unauthorized = True
        self._ca_pem = []
        self._extra_trusted = []
        self._ca_ready = False
        self._trusted_cache = None
        self._derived = {}
        self.ssl_context = self._build()

    @classmethod
    def from_options(cls, options=None, *, default_min_version="TLSv1",
                     default_max_version="TLSv1.2"):
        """``tls.createSecureContext(options)``.

        The defaults stand for ``tls.DEFAULT_MIN_VERSION`` and
        ``tls.DEFAULT_MAX_VERSION`` (the Node 10 docs' values unless the
        caller passes the live ones)."""
        return cls(options or {}, default_min_version, default_max_version)

    # -- building -------------------------------------------------------------

    def _build(self):
        o = self.options
        method, min_version, max_version = self._protocol_range()
        ctx = SSL.Context(method)
        raw = ctx._context

        # One SSL_write call may then write many records: the machine
        # bounds record sizes itself (setMaxSendFragment).
        ctx.clear_mode(lib.SSL_MODE_ENABLE_PARTIAL_WRITE)
        lib.SSL_CTX_set_cipher_list(
            raw, b"DEFAULT:@SECLEVEL=%d" % NODE_SECURITY_LEVEL)
        conf = o.get("openssl_conf") or {}
        if conf.get("cipher_string"):
            _check(lib.SSL_CTX_set_cipher_list(
                raw, conf["cipher_string"].encode("ascii")))
        if conf.get("min_protocol") and o.get("minVersion") is None \
                and not o.get("secureProtocol"):
            floor = _VERSIONS.get(conf["min_protocol"])
            if floor is not None:
                min_version = floor
        _check(lib.SSL_CTX_set_min_proto_version(raw, min_version))
        _check(lib.SSL_CTX_set_max_proto_version(raw, max_version))

        options = o.get("secureOptions") or 0
        if not isinstance(options, int) or isinstance(options, bool):
            raise HostError(
                "ERR_INVALID_ARG_TYPE",
                'The "secureOptions" argument must be of type number. '
                + _describe(options), name="TypeError")
        if o.get("honorCipherOrder"):
            options |= SSL.OP_CIPHER_SERVER_PREFERENCE
        # OpenSSL 3 refuses renegotiations a client starts; Node lets them
        # through and limits them itself (tls.CLIENT_RENEG_LIMIT, in JS).
        options |= SSL_OP_ALLOW_CLIENT_RENEGOTIATION
        lib.SSL_CTX_set_options(raw, options)

        self._load_ca(ctx)
        self._load_certs_and_keys(ctx)
        self._set_sigalgs(raw)
        self._set_ciphers(raw)
        self._set_curves(raw, max_version)
        self._set_dhparam(raw)
        self._load_crl(ctx)
        self._set_session_id_context(raw)
        self._set_session_timeout(raw)
        self._load_pfx(ctx)
        # privateKeyEngine means something only with privateKeyIdentifier.
        engines = ["clientCertEngine"]
        if o.get("privateKeyIdentifier") is not None:
            engines.append("privateKeyEngine")
        for engine in engines:
            if o.get(engine) is not None:
                # LIMITATION: OpenSSL 4.0 has no engines; Node reports the
                # same error when its OpenSSL is built without them.
                raise HostError("ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED",
                                "Custom engines not supported by this OpenSSL")

        lib.SSL_CTX_set_verify(raw, SSL.VERIFY_NONE, _accept_any)
        lib.SSL_CTX_set_tlsext_servername_callback(raw, _on_servername)
        lib.SSL_CTX_set_alpn_select_cb(raw, _select_alpn, ffi.NULL)
        lib.SSL_CTX_set_info_callback(raw, _on_info)
        lib.SSL_CTX_set_tlsext_status_cb(raw, _on_ocsp_status)
        # Node's cache mode: OpenSSL keeps no session-id cache of its own;
        # a server resumes session ids only through newSession /
        # resumeSession listeners (tickets need no cache).
        lib.SSL_CTX_set_session_cache_mode(
            raw, lib.SSL_SESS_CACHE_CLIENT | lib.SSL_SESS_CACHE_SERVER
            | lib.SSL_SESS_CACHE_NO_INTERNAL
            | lib.SSL_SESS_CACHE_NO_AUTO_CLEAR)
        set_new = hidden("SSL_CTX_sess_set_new_cb")
        set_get = hidden("SSL_CTX_sess_set_get_cb")
        if set_new is not None and set_get is not None:
            # They act only for connections whose owner asks (newSession
            # / resumeSession listeners): the others find None there.
            set_new(raw, _on_new_session)
            set_get(raw, _on_get_session)
        return ctx

    def _protocol_range(self):
        o = self.options
        secure_protocol = o.get("secureProtocol")
        min_v, max_v = o.get("minVersion"), o.get("maxVersion")
        if secure_protocol and (min_v is not None or max_v is not None):
            raise HostError(
                "ERR_TLS_PROTOCOL_VERSION_CONFLICT",
                f'TLS protocol version "{min_v if min_v is not None else max_v}"'
                f' conflicts with secureProtocol "{secure_protocol}"',
                name="TypeError")

        def version(which, value, default):
            value = default if value is None else value
            if value not in _VERSIONS:
                raise HostError(
                    "ERR_TLS_INVALID_PROTOCOL_VERSION",
                    f'"{value}" is not a valid {which} TLS protocol version',
                    name="TypeError")
            return _VERSIONS[value]

        low = version("minimum", min_v, self.default_min_version)
        high = version("maximum", max_v, self.default_max_version)
        if not secure_protocol or not isinstance(secure_protocol, str):
            return SSL.TLS_METHOD, low, high
        for legacy in ("SSLv2", "SSLv3"):
            if secure_protocol.startswith(legacy + "_"):
                raise HostError("ERR_TLS_INVALID_PROTOCOL_METHOD",
                                f"{legacy} methods disabled", name="TypeError")
        if secure_protocol not in _METHODS:
            raise HostError("ERR_TLS_INVALID_PROTOCOL_METHOD",
                            f"Unknown method: {secure_protocol}",
                            name="TypeError")
        method, method_low, method_high = _METHODS[secure_protocol]
        return method, low if method_low is _KEEP else method_low, method_high

    @staticmethod
    def _list(value):
        if _absent(value):
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def _load_ca(self, ctx):
        # Node: a ca option replaces the default CAs altogether (docs).
        # Unparsable text adds nothing and is no error, as in Node.
        if self.default_ca_used:
            return
        store = lib.SSL_CTX_get_cert_store(ctx._context)
        for item in self._list(self.options["ca"]):
            data = _bytes(item, "options.ca")
            self._ca_pem.append(data)
            certs, _ = _read_certs(data)
            for x509 in certs:
                lib.X509_STORE_add_cert(store, x509)
                lib.SSL_CTX_add_client_CA(ctx._context, x509)
        take_errors()
        self._ca_ready = True

    def _load_certs_and_keys(self, ctx):
        o = self.options
        raw = ctx._context
        for item in self._list(o.get("cert")):
            certs, codes = _read_certs(_bytes(item, "options.cert"))
            if not certs or codes:
                raise openssl_error(codes, fallback=(
                    "ERR_OSSL_PEM_NO_START_LINE", "no start line"))
            _check(lib.SSL_CTX_use_certificate(raw, certs[0]))
            for extra in certs[1:]:
                # LIMITATION: lib has no SSL_CTX_add1_chain_cert, so the
                # intermediates of all cert chains share one list
                # (extra_certs) and are sent whichever key is chosen.
                _check(lib.SSL_CTX_add_extra_chain_cert(
                    raw, lib.X509_dup(extra)))

        key = o.get("key")
        if isinstance(key, dict):
            raise _invalid_type("options.key", key)
        shared = _passphrase(o.get("passphrase"))
        for item in self._list(key):
            pem, secret = item, shared
            if isinstance(item, dict):
                pem = item.get("pem")
                if item.get("passphrase") is not None:
                    secret = _passphrase(item["passphrase"])
            pkey = _read_key(_bytes(pem, "options.key"), secret)
            _check(lib.SSL_CTX_use_PrivateKey(raw, pkey))

    def _set_sigalgs(self, raw):
        sigalgs = self.options.get("sigalgs")
        if sigalgs is None:
            return
        if sigalgs == "":
            raise HostError("ERR_INVALID_ARG_VALUE",
                            "The property 'options.sigalgs' is invalid. "
                            "Received ''", name="TypeError")
        _check(lib.SSL_CTX_set1_sigalgs_list(raw, sigalgs.encode("ascii")))

    def _set_ciphers(self, raw):
        ciphers = self.options.get("ciphers") or DEFAULT_CIPHERS
        parts = ciphers.split(":")
        tls12 = ":".join(p for p in parts if p and not p.startswith("TLS_"))
        tls13 = ":".join(p for p in parts if p and p.startswith("TLS_"))
        if not tls12 and not tls13:
            shown = ", ".join(repr(p) for p in parts)
            raise HostError("ERR_INVALID_ARG_VALUE",
                            "The property 'options.ciphers' is invalid. "
                            f"Received [ {shown} ]", name="TypeError")
        # Like Node: a list naming no TLS 1.3 suite leaves OpenSSL's
        # TLS 1.3 suites as they are.
        if tls13:
            _check(lib.SSL_CTX_set_ciphersuites(raw, tls13.encode("ascii")))
        if lib.SSL_CTX_set_cipher_list(raw, tls12.encode("ascii")) != 1:
            codes = take_errors()
            # Like Node: an empty TLS 1.2 list on purpose ("TLS 1.3 only")
            # is not an error, a list that matches nothing is.
            if tls12:
                raise openssl_error(codes)

    def _set_curves(self, raw, max_version):
        curve = self.options.get("ecdhCurve") or "auto"
        names = AUTO_GROUPS if curve == "auto" else curve.encode("ascii")
        if curve == "auto" and max_version < SSL.TLS1_3_VERSION:
            # WORKAROUND: OpenSSL 4.0 negotiates the ffdhe groups in TLS 1.2
            # too (RFC 7919), so a DHE server would ignore its dhparam and
            # a client would meet a 2048-bit group where Node 20 (OpenSSL
            # 3.0, ffdhe in TLS 1.3 only) meets the server's own.  Below
            # TLS 1.3 they are left out, as OpenSSL 3.0 leaves them out
            # (node --tls-max-v1.2 offers none).  Goes with AUTO_GROUPS.
            # LIMITATION: a TLS 1.3-capable server still answers a TLS 1.2
            # client that offers ffdhe with that group, not its dhparam.
            names = b":".join(n for n in names.split(b":")
                              if not n.startswith(b"ffdhe"))
        if lib.SSL_CTX_set1_curves_list(raw, names) != 1:
            take_errors()
            raise HostError("ERR_CRYPTO_OPERATION_FAILED",
                            "Failed to set ECDH curve")

    def _set_dhparam(self, raw):
        dhparam = self.options.get("dhparam")
        if dhparam is None or dhparam == "auto":
            # LIMITATION: 'auto' (Node >= 20.?) needs SSL_CTX_set_dh_auto,
            # which lib lacks; as in Node 10 it counts as invalid: ignored.
            return
        data = _bytes(dhparam, "options.dhparam")
        bits = _dh_prime_bits(data)
        if bits is None:
            return  # the docs: invalid parameters are silently discarded
        if bits < 1024:
            # Node 10 threw 'DH parameter is less than 1024 bits'; Node 20
            # adds this code and class.
            raise HostError("ERR_INVALID_ARG_VALUE",
                            "DH parameter is less than 1024 bits",
                            name="TypeError")
        if bits < 2048:
            self.warnings.append(("DH parameter is less than 2048 bits",
                                  "SecurityWarning"))
        bio = _Bio(data)
        dh = lib.PEM_read_bio_DHparams(bio.bio, ffi.NULL, ffi.NULL, ffi.NULL)
        if dh == ffi.NULL:
            take_errors()
            return
        try:
            _check(lib.SSL_CTX_set_tmp_dh(raw, dh))
        finally:
            lib.DH_free(dh)

    def _load_crl(self, ctx):
        crls = self._list(self.options.get("crl"))
        if not crls:
            return
        from cryptography import x509

        store = ctx.get_cert_store()
        for item in crls:
            data = _bytes(item, "options.crl")
            try:
                crl = x509.load_pem_x509_crl(data)
            except ValueError:
                raise HostError("ERR_CRYPTO_OPERATION_FAILED",
                                "Failed to parse CRL") from None
            store.add_crl(crl)
        store.set_flags(lib.X509_V_FLAG_CRL_CHECK
                        | lib.X509_V_FLAG_CRL_CHECK_ALL)

    def _set_session_id_context(self, raw):
        sid = self.options.get("sessionIdContext")
        if sid is None:
            return
        data = utf8(sid) if isinstance(sid, str) else bytes(sid)
        _check(lib.SSL_CTX_set_session_id_context(raw, data, len(data)))

    def _set_session_timeout(self, raw):
        """tls.createServer's ``sessionTimeout`` (seconds): how long a
        session, ticket or id, may be resumed (SSL_CTX_set_timeout)."""
        timeout = self.options.get("sessionTimeout")
        if timeout is None:
            return
        if not isinstance(timeout, int) or isinstance(timeout, bool) or \
                timeout < 0:
            raise HostError(
                "ERR_INVALID_ARG_TYPE",
                'The "options.sessionTimeout" property must be of type '
                "number. " + _describe(timeout), name="TypeError")
        lib.SSL_CTX_set_timeout(raw, timeout)

    def _load_pfx(self, ctx):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs12

        shared = _passphrase(self.options.get("passphrase"))
        for item in self._list(self.options.get("pfx")):
            blob, secret = item, shared
            if isinstance(item, dict):
                blob = item.get("buf")
                if item.get("passphrase") is not None:
                    secret = _passphrase(item["passphrase"])
            data = _bytes(blob, "options.pfx")
            loaded = None
            for attempt in ((secret,) if secret is not None else (None, b"")):
                try:
                    loaded = pkcs12.load_key_and_certificates(data, attempt)
                    break
                except (ValueError, TypeError):
                    continue
            if loaded is None:
                # Node throws OpenSSL's reason as a plain Error, no code.
                # LIMITATION: cryptography reports no reason, so it is
                # rebuilt: an ASN.1 complaint, else the MAC check failed.
                raise HostError(None, _der_length_problem(data)
                                or "mac verify failure")
            key, cert, extra = loaded
            if cert is not None:
                self._pfx_certs = [cert, *(extra or ())]
            pem = serialization.Encoding.PEM
            if cert is not None:
                certs, _ = _read_certs(cert.public_bytes(pem))
                _check(lib.SSL_CTX_use_certificate(ctx._context, certs[0]))
            store = lib.SSL_CTX_get_cert_store(ctx._context)
            for other in extra or ():
                certs, _ = _read_certs(other.public_bytes(pem))
                _check(lib.SSL_CTX_add_extra_chain_cert(
                    ctx._context, lib.X509_dup(certs[0])))
                # Node also trusts the PFX's CA certificates.
                lib.X509_STORE_add_cert(store, certs[0])
                lib.SSL_CTX_add_client_CA(ctx._context, certs[0])
                self._extra_trusted.append(other)
            if key is not None:
                key_pem = key.private_bytes(
                    pem, serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption())
                _check(lib.SSL_CTX_use_PrivateKey(
                    ctx._context, _read_key(key_pem, None)))

    # -- CA store -------------------------------------------------------------

    def ensure_ca(self):
        """Make the default CAs available before a peer is verified.

        A no-op when the ``ca`` option was given.  The store is shared by
        reference count, so the context may already be in use."""
        global _ROOT_STORE
        if self._ca_ready:
            return
        self._ca_ready = True
        import certifi

        raw = self.ssl_context._context
        path = certifi.where().encode()
        if not _absent(self.options.get("crl")) or self._extra_trusted:
            # CRLs or a PFX's CAs went into this context's own store: the
            # roots join them there (Node copies its root store likewise).
            lib.SSL_CTX_load_verify_locations(raw, path, ffi.NULL)
            take_errors()
            return
        if _ROOT_STORE is None:
            store = lib.X509_STORE_new()
            lib.X509_STORE_load_locations(store, path, ffi.NULL)
            take_errors()
            _ROOT_STORE = store
        lib.X509_STORE_up_ref(_ROOT_STORE)
        lib.SSL_CTX_set_cert_store(raw, _ROOT_STORE)

    def trusted_certificates(self):
        """The CA certificates (cryptography objects) of this context, for
        the issuer chain of ``getPeerCertificate(true)``."""
        global _ROOT_CERTS
        from cryptography import x509

        if not self.default_ca_used:
            if self._trusted_cache is not None:
                return self._trusted_cache
            found = []
            for data in self._ca_pem:
                for match in _PEM_BLOCK.finditer(data):
                    if match.group(1) in (b"CERTIFICATE", b"X509 CERTIFICATE"):
                        block = match.group(0).replace(
                            b"X509 CERTIFICATE", b"CERTIFICATE")
                        try:
                            found.append(x509.load_pem_x509_certificate(block))
                        except ValueError:
                            pass
            self._trusted_cache = found + self._extra_trusted
            return self._trusted_cache
        if _ROOT_CERTS is None:
            import certifi

            # Some of Mozilla's old roots have serial numbers cryptography
            # warns about; a user of tls should not see that.
            with open(certifi.where(), "rb") as handle, \
                    warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _ROOT_CERTS = x509.load_pem_x509_certificates(handle.read())
        return _ROOT_CERTS + self._extra_trusted

    def ocsp_certificates(self):
        """What Node's 'OCSPRequest' shows: the DER of this context's
        certificate and of its issuer (None when not found).

        As in Node, the certificate is the last one loaded (a pfx after
        ``cert``), and its issuer is looked for in the chain that came
        with it, then among the trusted CAs.  Read from the options on
        demand: only a server whose clients ask for OCSP needs it."""
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.serialization import Encoding

        chain = []
        for item in self._list(self.options.get("cert")):
            chain = x509.load_pem_x509_certificates(_bytes(item, "cert"))
        chain = getattr(self, "_pfx_certs", None) or chain
        if not chain:
            return None, None
        leaf = chain[0]
        issuer = None
        for candidate in [*chain[1:], *self.trusted_certificates()]:
            if candidate.subject != leaf.issuer:
                continue
            try:
                leaf.verify_directly_issued_by(candidate)
            except (ValueError, TypeError, InvalidSignature):
                continue
            issuer = candidate
            break
        return (leaf.public_bytes(Encoding.DER),
                None if issuer is None else issuer.public_bytes(Encoding.DER))

    # -- per-connection defaults ----------------------------------------------

    def set_alpn_protocols(self, protocols):
        """Server-side ALPN preference list (``ALPNProtocols``), as bytes."""
        self.alpn_protocols = None if protocols is None else [
            p if isinstance(p, bytes) else utf8(p) for p in protocols]

    def set_sni_callback(self, fn):
        """``fn(servername) -> SecureContext | None``, called synchronously
        from the ClientHello for connections that have no callback."""
        self.sni_callback = fn

    def set_verify(self, request_cert, reject_unauthorized):
        """Default ``requestCert`` / ``rejectUnauthorized`` for servers."""
        self.request_cert = bool(request_cert)
        self.reject_unauthorized = bool(reject_unauthorized)

    # -- session tickets ----------------------------------------------------

    def set_ticket_keys(self, keys):
        """``server.setTicketKeys(keys)`` / the ``ticketKeys`` option: 48
        bytes, Node's layout.  Returns False when OpenSSL's setter cannot
        be reached (see ``hidden``).

        OpenSSL takes new keys at any time, even on a context connections
        were made from (pyOpenSSL's guard is its own, not OpenSSL's), so
        this changes the live context: tickets made with the old keys are
        refused from now on, as in Node."""
        keys = bytes(keys)
        if len(keys) != 48:
            raise HostError("ERR_INVALID_ARG_VALUE",
                            "Session ticket keys must be a 48-byte buffer",
                            name="TypeError")
        ctrl = hidden("SSL_CTX_ctrl")
        if ctrl is None:
            return False
        wire = ffi.new("unsigned char[]", _openssl_ticket_keys(keys))
        ok = ctrl(self.ssl_context._context, _SSL_CTRL_SET_TLSEXT_TICKET_KEYS,
                  80, wire) == 1
        take_errors()
        if ok:
            self.ticket_keys = keys
        return ok

    def get_ticket_keys(self):
        """``server.getTicketKeys()``: the 48 bytes last set.  A context
        whose keys OpenSSL chose itself (random, unreadable in Node's
        layout) is given random keys of ours first; None when the setter
        cannot be reached."""
        keys = getattr(self, "ticket_keys", None)
        if keys is None:
            import os

            if not self.set_ticket_keys(os.urandom(48)):
                return None
            keys = self.ticket_keys
        return keys

    def derive(self, **changes):
        """A context built from these options plus ``changes`` (cached).

        The way to "change" a context that connections already use."""
        key = json.dumps(changes, sort_keys=True, default=repr)
        derived = self._derived.get(key)
        if derived is None:
            derived = SecureContext({**self.options, **changes},
                                    self.default_min_version,
                                    self.default_max_version)
            derived.alpn_protocols = self.alpn_protocols
            derived.sni_callback = self.sni_callback
            derived.request_cert = self.request_cert
            derived.reject_unauthorized = self.reject_unauthorized
            self._derived[key] = derived
        return derived
