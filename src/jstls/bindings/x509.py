"""Node's certificate object: what ``tlsSocket.getPeerCertificate()`` shows.

``certificate_object`` turns a ``cryptography`` certificate (and, for the
detailed form, the chain the peer sent plus the certificates we trust) into
the plain dict Node builds in C++: subject and issuer as objects whose
repeated fields are arrays, ``subjectaltname`` and ``infoAccess`` as OpenSSL
prints them, key facts, OpenSSL-style dates, fingerprints, serial number and
the DER bytes.  Key order is Node 20's, so ``console.log`` of the converted
object prints the same lines as Node.

What it is not: a JS object.  Byte fields (``raw``, ``pubkey``) are Python
``bytes`` and the issuer cycle of a self-signed root is the string
``'self'`` (``SELF``): the TLS binding turns both into Buffers and a real
cycle on the JS side.  Nor is it a chain verifier: issuers are matched by
name and key identifier, as OpenSSL's ``X509_check_issued`` does, never by
signature.

The text helpers (alt names, dates, fingerprints, key facts) are shared
with ``crypto.X509Certificate`` and live in ``bindings/crypto.py``.
"""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID

from .crypto import (
    _ACCESS_METHODS,
    _NAME_SHORT,
    _asn1_time,
    _fingerprint,
    _general_name,
    _is_ca,
    _legacy_key,
)

# The value of ``issuerCertificate`` on a certificate that issued itself:
# Node makes the object point at itself there.
SELF = "self"


def name_object(name):
    """A distinguished name as Node shows it: ``{CN: 'x', OU: ['a', 'b']}``.

    A field that occurs more than once becomes an array, in certificate
    order; unknown attribute types are keyed by their dotted OID."""
    out = {}
    for rdn in name.rdns:
        for attr in rdn:
            key = _NAME_SHORT.get(attr.oid.dotted_string, attr.oid.dotted_string)
            value = attr.value
            if not isinstance(value, str):
                value = bytes(value).decode("latin-1")
            if key not in out:
                out[key] = value
            elif isinstance(out[key], list):
                out[key].append(value)
            else:
                out[key] = [out[key], value]
    return out


def _extension(cert, oid):
    try:
        return cert.extensions.get_extension_for_oid(oid).value
    except x509.ExtensionNotFound:
        return None
    except ValueError:
        # LIMITATION: an extension cryptography cannot parse is left out,
        # where OpenSSL might still print something.
        return None


def _info_access(aia):
    out = {}
    for desc in aia:
        oid = desc.access_method.dotted_string
        method = _ACCESS_METHODS.get(oid, oid)
        prefix, _, value = _general_name(desc.access_location).partition(":")
        out.setdefault(f"{method} - {prefix}", []).append(value)
    return out


def _serial_hex(serial):
    # BN_bn2hex: whole bytes, upper case, "0" for zero, a sign if negative.
    if serial == 0:
        return "0"
    sign = "-" if serial < 0 else ""
    serial = abs(serial)
    return sign + serial.to_bytes((serial.bit_length() + 7) // 8, "big").hex().upper()


def _public_key_bytes(key):
    """``pubkey``: SubjectPublicKeyInfo for RSA, the bare point for EC."""
    if isinstance(key, ec.EllipticCurvePublicKey):
        return key.public_bytes(serialization.Encoding.X962,
                                serialization.PublicFormat.UncompressedPoint)
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def identity_fields(cert):
    """Just what checkServerIdentity reads: subject and subjectaltname."""
    out = {"subject": name_object(cert.subject)}
    san = _extension(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    if san is not None:
        out["subjectaltname"] = ", ".join(_general_name(n) for n in san)
    return out


def _fields(cert):
    """One certificate's own fields, in Node's key order."""
    out = {"subject": name_object(cert.subject),
           "issuer": name_object(cert.issuer)}

    san = _extension(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
    if san is not None:
        out["subjectaltname"] = ", ".join(_general_name(n) for n in san)
    aia = _extension(cert, ExtensionOID.AUTHORITY_INFORMATION_ACCESS)
    if aia is not None:
        out["infoAccess"] = _info_access(aia)

    extensions = {}
    for oid in (ExtensionOID.BASIC_CONSTRAINTS, ExtensionOID.KEY_USAGE):
        value = _extension(cert, oid)
        if value is not None:
            extensions[oid.dotted_string] = value
    out["ca"] = _is_ca(extensions)

    try:
        key = cert.public_key()
    except (ValueError, TypeError):
        # cryptography refuses some key types OpenSSL knows (e.g. DSA with
        # odd parameters); Node then shows no key fields either way.
        key = None
    if key is not None:
        for name, value in _legacy_key(key).items():
            out[name] = _public_key_bytes(key) if name == "pubkey" else value

    der = cert.public_bytes(serialization.Encoding.DER)
    out["valid_from"] = _asn1_time(cert.not_valid_before_utc)
    out["valid_to"] = _asn1_time(cert.not_valid_after_utc)
    out["fingerprint"] = _fingerprint(hashlib.sha1(der))
    out["fingerprint256"] = _fingerprint(hashlib.sha256(der))
    out["fingerprint512"] = _fingerprint(hashlib.sha512(der))

    eku = _extension(cert, ExtensionOID.EXTENDED_KEY_USAGE)
    if eku is not None:
        out["ext_key_usage"] = [oid.dotted_string for oid in eku]
    out["serialNumber"] = _serial_hex(cert.serial_number)
    out["raw"] = der
    return out


def _key_id(cert, oid):
    value = _extension(cert, oid)
    if value is None:
        return None
    if oid == ExtensionOID.SUBJECT_KEY_IDENTIFIER:
        return value.digest
    return value.key_identifier


def issued(issuer, subject):
    """Whether ``issuer`` could have issued ``subject`` (X509_check_issued).

    The names must match; when both carry key identifiers they must match
    too, and an issuer with a key usage must be allowed to sign
    certificates.  Signatures are not checked, as OpenSSL does not check
    them here."""
    if issuer.subject != subject.issuer:
        return False
    usage = _extension(issuer, ExtensionOID.KEY_USAGE)
    if usage is not None and not usage.key_cert_sign:
        return False
    akid = _key_id(subject, ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
    skid = _key_id(issuer, ExtensionOID.SUBJECT_KEY_IDENTIFIER)
    return akid is None or skid is None or akid == skid


def certificate_object(cert, chain=None, detailed=False, trusted=None):
    """``getPeerCertificate(detailed)`` for ``cert``; ``{}`` when None.

    ``chain`` holds the other certificates the peer sent (the leaf may be
    among them); ``trusted`` is an iterable of the certificates we trust,
    or a callable returning one, consulted only when the sent chain runs
    out before a self-issued certificate, as Node looks in its CA store.
    Without ``detailed`` only the leaf is described."""
    if cert is None:
        return {}
    top = _fields(cert)
    if not detailed:
        return top

    # The order of steps is Node's: walk the certificates the peer sent,
    # taking each issuer out of the pool as it is used; then continue in
    # the trusted store; then close the loop on a self-issued end.
    leaf_der = top["raw"]
    pool = [c for c in (chain or ())
            if c.public_bytes(serialization.Encoding.DER) != leaf_der]
    current, obj = cert, top
    while True:
        for i, candidate in enumerate(pool):
            if issued(candidate, current):
                break
        else:
            break
        current = pool.pop(i)
        obj["issuerCertificate"] = _fields(current)
        obj = obj["issuerCertificate"]

    anchors = None
    seen = {obj["raw"]}
    while not issued(current, current):
        if anchors is None:
            anchors = list(trusted() if callable(trusted) else trusted or ())
        found = next((c for c in anchors if issued(c, current)), None)
        if found is None:
            break
        der = found.public_bytes(serialization.Encoding.DER)
        if der in seen:
            break
        seen.add(der)
        current = found
        obj["issuerCertificate"] = _fields(current)
        obj = obj["issuerCertificate"]

    if issued(current, current):
        obj["issuerCertificate"] = SELF
    return top
