"""Keys and certificates for the TLS tests, made on the spot.

Nothing here is committed as an opaque blob: every CA, leaf, expired or
revoked certificate, PFX and DH group is generated from code when a test
asks for it.  RSA keys are the slow part, so a small pool of them is made
once per process and reused.

What it is not: a fixture provider (the tests build what they need with
these helpers) or anything the package itself uses.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)
DAY = datetime.timedelta(days=1)


@functools.cache
def rsa_key(slot=0, bits=2048):
    """An RSA key; the same ``slot`` gives the same key within a run."""
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def ec_key(curve=ec.SECP256R1):
    return ec.generate_private_key(curve())


@dataclass
class Identity:
    """A certificate with its key (and issuer), with PEM views."""

    cert: x509.Certificate
    key: object
    issuer: Identity | None = None

    @property
    def cert_pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM).decode()

    @property
    def chain_pem(self):
        """Leaf then intermediates, without the self-signed root."""
        out, node = self.cert_pem, self.issuer
        while node is not None and node.issuer is not None:
            out += node.cert_pem
            node = node.issuer
        return out

    def key_pem(self, passphrase=None):
        encryption = serialization.NoEncryption() if passphrase is None else \
            serialization.BestAvailableEncryption(passphrase.encode())
        return self.key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      encryption).decode()

    def pfx(self, passphrase=None):
        extra = []
        node = self.issuer
        while node is not None:
            extra.append(node.cert)
            node = node.issuer
        encryption = serialization.NoEncryption() if passphrase is None else \
            serialization.BestAvailableEncryption(passphrase.encode())
        return pkcs12.serialize_key_and_certificates(
            b"test", self.key, self.cert, extra or None, encryption)

    def options(self, **extra):
        """``key``/``cert`` options for createSecureContext."""
        return {"key": self.key_pem(), "cert": self.chain_pem, **extra}


def _name(cn, **fields):
    attrs = [x509.NameAttribute(getattr(NameOID, k), v) for k, v in fields.items()]
    return x509.Name(attrs + [x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_cert(cn, issuer=None, key=None, *, ca=False, dns=(), ips=(),
              not_before=None, not_after=None, serial=None, eku=None,
              name_fields=None, hash_algorithm=None, path_length=None):
    """A certificate for ``cn``, signed by ``issuer`` (an Identity) or by
    itself.  ``dns``/``ips`` go to subjectAltName."""
    key = key or rsa_key(1 if ca else 2)
    subject = _name(cn, **(name_fields or {}))
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer.cert.subject if issuer else subject)
               .public_key(key.public_key())
               .serial_number(serial or x509.random_serial_number())
               .not_valid_before(not_before or NOW - DAY)
               .not_valid_after(not_after or NOW + 30 * DAY))
    builder = builder.add_extension(
        x509.BasicConstraints(ca=ca, path_length=path_length if ca else None),
        critical=True)
    builder = builder.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
        critical=False)
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                issuer.key.public_key()), critical=False)
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=False,
                          key_encipherment=False, data_encipherment=False,
                          key_agreement=False, key_cert_sign=True,
                          crl_sign=True, encipher_only=False,
                          decipher_only=False), critical=True)
    names = [x509.DNSName(d) for d in dns]
    names += [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    if names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(names), critical=False)
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku),
                                        critical=False)
    signer = issuer.key if issuer else key
    algorithm = hash_algorithm or hashes.SHA256()
    cert = builder.sign(signer, algorithm)
    return Identity(cert, key, issuer)


def make_ca(cn="jstls Test CA", key=None, issuer=None):
    return make_cert(cn, issuer, key or rsa_key(1 if issuer is None else 3),
                     ca=True)


def make_leaf(ca, cn="localhost", *, dns=("localhost",), ips=("127.0.0.1",),
              key=None, **kwargs):
    eku = kwargs.pop("eku", [ExtendedKeyUsageOID.SERVER_AUTH,
                             ExtendedKeyUsageOID.CLIENT_AUTH])
    return make_cert(cn, ca, key or rsa_key(2), dns=dns, ips=ips, eku=eku,
                     **kwargs)


def make_expired(ca, cn="localhost"):
    return make_leaf(ca, cn, not_before=NOW - 30 * DAY,
                     not_after=NOW - 2 * DAY)


def make_not_yet_valid(ca, cn="localhost"):
    return make_leaf(ca, cn, not_before=NOW + 2 * DAY,
                     not_after=NOW + 30 * DAY)


def make_self_signed(cn="localhost", key=None):
    return make_cert(cn, None, key or rsa_key(4), dns=(cn,))


def make_crl(ca, revoked_serials):
    builder = (x509.CertificateRevocationListBuilder()
               .issuer_name(ca.cert.subject)
               .last_update(NOW - DAY)
               .next_update(NOW + 30 * DAY))
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial).revocation_date(NOW - DAY).build())
    crl = builder.sign(ca.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.PEM).decode()


def _euler_fixed(bits):
    """floor(e * 2**bits), from the series sum of 1/k!."""
    one = 1 << (bits + 64)
    total, term, k = 0, one, 0
    while term:
        total += term
        k += 1
        term //= k
    return total >> 64


def _pi_fixed(bits):
    """floor(pi * 2**bits), from Machin's formula."""
    scale = 1 << (bits + 64)

    def arctan_inverse(x):
        total, term, k, sign = 0, scale // x, 1, 1
        while term:
            total += sign * (term // k)
            term //= x * x
            k += 2
            sign = -sign
        return total

    return (16 * arctan_inverse(5) - 4 * arctan_inverse(239)) >> 64


def _dh_parameters_pem(p, g=2):
    """PEM "DH PARAMETERS" (PKCS #3) of the group (p, g)."""
    assert pow(g, p - 1, p) == 1

    def der_int(n):
        body = n.to_bytes((n.bit_length() + 8) // 8, "big")
        return b"\x02" + _der_len(len(body)) + body

    seq = der_int(p) + der_int(g)
    der = b"\x30" + _der_len(len(seq)) + seq
    import base64
    b64 = base64.encodebytes(der).decode().replace("\n", "")
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN DH PARAMETERS-----\n" + "\n".join(lines) + \
        "\n-----END DH PARAMETERS-----\n"


@functools.cache
def ffdhe2048_pem():
    """RFC 7919's ffdhe2048 group as PEM "DH PARAMETERS", computed from
    its definition (p = 2^2048 - 2^1984 + (floor(2^1918 e) + 560316) 2^64
    - 1, g = 2) rather than pasted."""
    p = (1 << 2048) - (1 << 1984) + ((_euler_fixed(1918) + 560316) << 64) - 1
    return _dh_parameters_pem(p)


@functools.cache
def modp1024_pem():
    """RFC 2409's 1024-bit MODP group (Oakley group 2) as PEM, from its
    definition: p = 2^1024 - 2^960 - 1 + (floor(2^894 pi) + 129093) 2^64,
    g = 2.  The smallest group Node's servers take (with a warning)."""
    p = (1 << 1024) - (1 << 960) - 1 + ((_pi_fixed(894) + 129093) << 64)
    return _dh_parameters_pem(p)


# sha256WithRSAEncryption and sha1WithRSAEncryption AlgorithmIdentifiers
# (OID and NULL parameters): the same length, so one can replace the other.
_SHA256_RSA = bytes.fromhex("06092a864886f70d01010b0500")
_SHA1_RSA = bytes.fromhex("06092a864886f70d0101050500")


def make_sha1_leaf(ca, cn="localhost"):
    """A leaf ``ca`` signs with SHA-1, which OpenSSL takes only at
    security level 0.

    cryptography no longer signs certificates with SHA-1, so the leaf is
    built with SHA-256, its to-be-signed part re-labelled SHA-1 and signed
    again with ``ca``'s key, and the DER put together here."""
    from cryptography.hazmat.primitives.asymmetric import padding

    draft = make_leaf(ca, cn)
    tbs = draft.cert.tbs_certificate_bytes
    assert tbs.count(_SHA256_RSA) == 1
    tbs = tbs.replace(_SHA256_RSA, _SHA1_RSA)
    signature = ca.key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    algorithm = b"\x30" + _der_len(len(_SHA1_RSA)) + _SHA1_RSA
    bits = b"\x03" + _der_len(len(signature) + 1) + b"\x00" + signature
    body = tbs + algorithm + bits
    cert = x509.load_der_x509_certificate(
        b"\x30" + _der_len(len(body)) + body)
    return Identity(cert, draft.key, ca)


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def make_ocsp_response(leaf, ca, status="good"):
    """A DER OCSP response from ``ca`` about ``leaf`` (what a server
    staples), valid for a day."""
    from cryptography.x509 import ocsp

    now = datetime.datetime.now(datetime.timezone.utc)
    revoked = status == "revoked"
    builder = ocsp.OCSPResponseBuilder().add_response(
        cert=leaf.cert, issuer=ca.cert, algorithm=hashes.SHA1(),
        cert_status=(ocsp.OCSPCertStatus.REVOKED if revoked
                     else ocsp.OCSPCertStatus.GOOD),
        this_update=now, next_update=now + datetime.timedelta(days=1),
        revocation_time=now if revoked else None,
        revocation_reason=None,
    ).responder_id(ocsp.OCSPResponderEncoding.HASH, ca.cert)
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(
        serialization.Encoding.DER)
