"""Host side of ``crypto``: digests, HMAC, keys, signatures, X.509.

Everything stateful lives here, behind integer handle ids: a Hash, Hmac,
Sign or Verify object in JS holds the id of a ``hashlib``/``hmac`` context,
a KeyObject the id of a ``cryptography`` key (or the bytes of a secret
key), an X509Certificate the id of a parsed certificate.  digest() frees
its context at once; everything else is freed (``free``) by a
FinalizationRegistry when its JS wrapper is collected.  Bytes cross through the engine's codec;
a call that needs several byte strings gets them packed into one buffer
plus a list of lengths (``_unpack``).

Failures look like Node's: OpenSSL failures become ``ERR_OSSL_*`` errors
with ``library`` and ``reason`` (``_ossl``), Node's native checks become
plain coded errors.  The JS half (lib/crypto.js) turns both into the error
objects Node throws.

What it is not: ciphers (createCipheriv), Diffie-Hellman, WebCrypto's
subtle API, or a certificate chain verifier.  cryptography does not expose
OpenSSL's error queue, so the ``ERR_OSSL_*`` codes here are the ones Node
reports for the common failures (bad PEM, wrong passphrase, ...), not a
transcript of OpenSSL's.  LIMITATION: ``opensslErrorStack``, where Node has
one, holds only the final error.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import ipaddress
import os
import re
import warnings

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import (
    dsa,
    ec,
    ed448,
    ed25519,
    padding,
    rsa,
    x448,
    x25519,
)
from cryptography.hazmat.primitives.asymmetric import (
    utils as asym_utils,
)
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509.oid import ExtensionOID, NameOID

from . import HostError, utf8

# ---------------------------------------------------------------------------
# Names.

# OpenSSL digest names (lower-cased, as Node looks them up) -> the name
# hashlib knows the digest by.  Names not listed are asked of hashlib
# (which asks OpenSSL) as they are.
_DIGEST_ALIASES = {
    "rsa-md5": "md5", "md5withrsaencryption": "md5", "ssl3-md5": "md5",
    "rsa-sha1": "sha1", "rsa-sha1-2": "sha1", "sha1withrsaencryption": "sha1",
    "ssl3-sha1": "sha1", "sha-1": "sha1",
    "rsa-sha224": "sha224", "sha224withrsaencryption": "sha224",
    "sha-224": "sha224", "sha2-224": "sha224",
    "rsa-sha256": "sha256", "sha256withrsaencryption": "sha256",
    "sha-256": "sha256", "sha2-256": "sha256",
    "rsa-sha384": "sha384", "sha384withrsaencryption": "sha384",
    "sha-384": "sha384", "sha2-384": "sha384",
    "rsa-sha512": "sha512", "sha512withrsaencryption": "sha512",
    "sha-512": "sha512", "sha2-512": "sha512",
    "sha512-224": "sha512_224", "rsa-sha512/224": "sha512_224",
    "sha512-224withrsaencryption": "sha512_224", "sha2-512/224": "sha512_224",
    "sha-512/224": "sha512_224",
    "sha512-256": "sha512_256", "rsa-sha512/256": "sha512_256",
    "sha512-256withrsaencryption": "sha512_256", "sha2-512/256": "sha512_256",
    "sha-512/256": "sha512_256",
    "sha3-224": "sha3_224", "rsa-sha3-224": "sha3_224",
    "id-rsassa-pkcs1-v1_5-with-sha3-224": "sha3_224",
    "sha3-256": "sha3_256", "rsa-sha3-256": "sha3_256",
    "id-rsassa-pkcs1-v1_5-with-sha3-256": "sha3_256",
    "sha3-384": "sha3_384", "rsa-sha3-384": "sha3_384",
    "id-rsassa-pkcs1-v1_5-with-sha3-384": "sha3_384",
    "sha3-512": "sha3_512", "rsa-sha3-512": "sha3_512",
    "id-rsassa-pkcs1-v1_5-with-sha3-512": "sha3_512",
    "shake128": "shake_128", "shake-128": "shake_128",
    "shake256": "shake_256", "shake-256": "shake_256",
    "blake2b512": "blake2b", "blake2s256": "blake2s",
    "ripemd": "ripemd160", "rmd160": "ripemd160", "ripemd-160": "ripemd160",
    "rsa-ripemd160": "ripemd160", "ripemd160withrsa": "ripemd160",
    "rsa-sm3": "sm3", "sm3withrsaencryption": "sm3",
}

_LEGACY_DIGESTS = {"md4", "rsa-md4", "md4withrsaencryption", "mdc2",
                   "rsa-mdc2", "mdc2withrsa", "whirlpool"}

# Names that are hashlib's own spelling, not OpenSSL's: Node rejects them.
_PYTHON_ONLY = {"blake2b", "blake2s"}

# What Node 20 (OpenSSL 3.0) lists in getHashes(); filtered at run time to
# the digests this Python can compute.
_NODE_HASHES = (
    "RSA-MD5", "RSA-RIPEMD160", "RSA-SHA1", "RSA-SHA1-2", "RSA-SHA224",
    "RSA-SHA256", "RSA-SHA3-224", "RSA-SHA3-256", "RSA-SHA3-384",
    "RSA-SHA3-512", "RSA-SHA384", "RSA-SHA512", "RSA-SHA512/224",
    "RSA-SHA512/256", "RSA-SM3", "blake2b512", "blake2s256",
    "id-rsassa-pkcs1-v1_5-with-sha3-224", "id-rsassa-pkcs1-v1_5-with-sha3-256",
    "id-rsassa-pkcs1-v1_5-with-sha3-384", "id-rsassa-pkcs1-v1_5-with-sha3-512",
    "md5", "md5-sha1", "md5WithRSAEncryption", "ripemd", "ripemd160",
    "ripemd160WithRSA", "rmd160", "sha1", "sha1WithRSAEncryption", "sha224",
    "sha224WithRSAEncryption", "sha256", "sha256WithRSAEncryption",
    "sha3-224", "sha3-256", "sha3-384", "sha3-512", "sha384",
    "sha384WithRSAEncryption", "sha512", "sha512-224",
    "sha512-224WithRSAEncryption", "sha512-256", "sha512-256WithRSAEncryption",
    "sha512WithRSAEncryption", "shake128", "shake256", "sm3",
    "sm3WithRSAEncryption", "ssl3-md5", "ssl3-sha1",
)

# LIMITATION: getCiphers() is OpenSSL 3.0's default-provider list as Node
# 20 prints it; jstls itself has no createCipheriv.
_NODE_CIPHERS = (
    "aes-128-cbc", "aes-128-cbc-hmac-sha1", "aes-128-cbc-hmac-sha256",
    "aes-128-ccm", "aes-128-cfb", "aes-128-cfb1", "aes-128-cfb8",
    "aes-128-ctr", "aes-128-ecb", "aes-128-gcm", "aes-128-ocb", "aes-128-ofb",
    "aes-128-xts", "aes-192-cbc", "aes-192-ccm", "aes-192-cfb",
    "aes-192-cfb1", "aes-192-cfb8", "aes-192-ctr", "aes-192-ecb",
    "aes-192-gcm", "aes-192-ocb", "aes-192-ofb", "aes-256-cbc",
    "aes-256-cbc-hmac-sha1", "aes-256-cbc-hmac-sha256", "aes-256-ccm",
    "aes-256-cfb", "aes-256-cfb1", "aes-256-cfb8", "aes-256-ctr",
    "aes-256-ecb", "aes-256-gcm", "aes-256-ocb", "aes-256-ofb",
    "aes-256-xts", "aes128", "aes128-wrap", "aes192",
    "aes192-wrap", "aes256", "aes256-wrap",
    "aria-128-cbc", "aria-128-ccm", "aria-128-cfb",
    "aria-128-cfb1", "aria-128-cfb8", "aria-128-ctr", "aria-128-ecb",
    "aria-128-gcm", "aria-128-ofb", "aria-192-cbc", "aria-192-ccm",
    "aria-192-cfb", "aria-192-cfb1", "aria-192-cfb8", "aria-192-ctr",
    "aria-192-ecb", "aria-192-gcm", "aria-192-ofb", "aria-256-cbc",
    "aria-256-ccm", "aria-256-cfb", "aria-256-cfb1", "aria-256-cfb8",
    "aria-256-ctr", "aria-256-ecb", "aria-256-gcm", "aria-256-ofb",
    "aria128", "aria192", "aria256", "camellia-128-cbc", "camellia-128-cfb",
    "camellia-128-cfb1", "camellia-128-cfb8", "camellia-128-ctr",
    "camellia-128-ecb", "camellia-128-ofb", "camellia-192-cbc",
    "camellia-192-cfb", "camellia-192-cfb1", "camellia-192-cfb8",
    "camellia-192-ctr", "camellia-192-ecb", "camellia-192-ofb",
    "camellia-256-cbc", "camellia-256-cfb", "camellia-256-cfb1",
    "camellia-256-cfb8", "camellia-256-ctr", "camellia-256-ecb",
    "camellia-256-ofb", "camellia128", "camellia192", "camellia256",
    "chacha20", "chacha20-poly1305", "des-ede", "des-ede-cbc", "des-ede-cfb",
    "des-ede-ecb", "des-ede-ofb", "des-ede3", "des-ede3-cbc", "des-ede3-cfb",
    "des-ede3-cfb1", "des-ede3-cfb8", "des-ede3-ecb", "des-ede3-ofb",
    "des3", "des3-wrap", "id-aes128-CCM", "id-aes128-GCM", "id-aes128-wrap",
    "id-aes128-wrap-pad", "id-aes192-CCM", "id-aes192-GCM", "id-aes192-wrap",
    "id-aes192-wrap-pad", "id-aes256-CCM", "id-aes256-GCM", "id-aes256-wrap",
    "id-aes256-wrap-pad", "id-smime-alg-CMS3DESwrap", "sm4", "sm4-cbc",
    "sm4-cfb", "sm4-ctr", "sm4-ecb", "sm4-ofb",
)

# Ciphers a private key can be exported under (KeyObject.export({cipher})):
# name -> (OID for PBES2, cryptography algorithm factory, key length).
_KEY_CIPHERS = {
    "aes-128-cbc": ("2.16.840.1.101.3.4.1.2", algorithms.AES, 16),
    "aes128": ("2.16.840.1.101.3.4.1.2", algorithms.AES, 16),
    "aes-192-cbc": ("2.16.840.1.101.3.4.1.22", algorithms.AES, 24),
    "aes192": ("2.16.840.1.101.3.4.1.22", algorithms.AES, 24),
    "aes-256-cbc": ("2.16.840.1.101.3.4.1.42", algorithms.AES, 32),
    "aes256": ("2.16.840.1.101.3.4.1.42", algorithms.AES, 32),
}


def _triple_des():
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:  # cryptography < 43
        TripleDES = algorithms.TripleDES
    return TripleDES


for _name in ("des-ede3-cbc", "des3"):
    _KEY_CIPHERS[_name] = ("1.2.840.113549.3.7", lambda key: _triple_des()(key), 24)

# cryptography's curve names -> OpenSSL's (what Node reports).
_CURVE_TO_OPENSSL = {"secp256r1": "prime256v1", "secp192r1": "prime192v1"}
# Names Node accepts for a curve -> cryptography's curve class.
_CURVE_CLASSES = {
    "prime256v1": ec.SECP256R1, "secp256r1": ec.SECP256R1, "p-256": ec.SECP256R1,
    "secp384r1": ec.SECP384R1, "p-384": ec.SECP384R1,
    "secp521r1": ec.SECP521R1, "p-521": ec.SECP521R1,
    "secp224r1": ec.SECP224R1, "p-224": ec.SECP224R1,
    "prime192v1": ec.SECP192R1, "secp192r1": ec.SECP192R1, "p-192": ec.SECP192R1,
    "secp256k1": ec.SECP256K1,
    "brainpoolp256r1": ec.BrainpoolP256R1,
    "brainpoolp384r1": ec.BrainpoolP384R1,
    "brainpoolp512r1": ec.BrainpoolP512R1,
}
_NIST_NAMES = {
    "prime256v1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521",
    "secp224r1": "P-224", "prime192v1": "P-192",
}
_JWK_CURVES = {"prime256v1": "P-256", "secp384r1": "P-384",
               "secp521r1": "P-521", "secp256k1": "secp256k1"}

_CRYPTOGRAPHY_HASHES = {
    "md5": hashes.MD5, "sha1": hashes.SHA1, "sha224": hashes.SHA224,
    "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
    "sha512_224": hashes.SHA512_224, "sha512_256": hashes.SHA512_256,
    "sha3_224": hashes.SHA3_224, "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384, "sha3_512": hashes.SHA3_512,
}

_PRIVATE_PEM_LABELS = ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
                       "EC PRIVATE KEY", "DSA PRIVATE KEY")
_PUBLIC_PEM_LABELS = ("PUBLIC KEY", "RSA PUBLIC KEY")
_CERT_PEM_LABELS = ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE")

_PEM_BLOCK = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.DOTALL)

# OpenSSL's short names for the attributes of distinguished names.
_NAME_SHORT = {
    "2.5.4.3": "CN", "2.5.4.4": "SN", "2.5.4.5": "serialNumber",
    "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.9": "street",
    "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.12": "title",
    "2.5.4.13": "description", "2.5.4.15": "businessCategory",
    "2.5.4.16": "postalAddress", "2.5.4.17": "postalCode",
    "2.5.4.18": "postOfficeBox", "2.5.4.20": "telephoneNumber",
    "2.5.4.41": "name", "2.5.4.42": "GN", "2.5.4.43": "initials",
    "2.5.4.44": "generationQualifier", "2.5.4.45": "x500UniqueIdentifier",
    "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym",
    "2.5.4.97": "organizationIdentifier",
    "0.9.2342.19200300.100.1.1": "UID", "0.9.2342.19200300.100.1.25": "DC",
    "1.2.840.113549.1.9.1": "emailAddress",
    "1.2.840.113549.1.9.2": "unstructuredName",
    "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionL",
    "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionST",
    "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
}
_ACCESS_METHODS = {"1.3.6.1.5.5.7.48.1": "OCSP", "1.3.6.1.5.5.7.48.2": "CA Issuers"}
_UPN_OID = "1.3.6.1.4.1.311.20.2.3"

# ---------------------------------------------------------------------------
# Errors.

# (code suffix, packed OpenSSL code, library, reason)
_OSSL = {
    "decoder": ("UNSUPPORTED", "1E08010C", "DECODER routines", "unsupported"),
    "bad_decrypt": ("BAD_DECRYPT", "1C800064", "Provider routines", "bad decrypt"),
    "interrupted": ("CRYPTO_INTERRUPTED_OR_CANCELLED", "07880109",
                    "common libcrypto routines", "interrupted or cancelled"),
    "invalid_digest": ("INVALID_DIGEST", "1C80007A", "Provider routines",
                       "invalid digest"),
    "padding": ("ILLEGAL_OR_UNSUPPORTED_PADDING_MODE", "1C8000A5",
                "Provider routines", "illegal or unsupported padding mode"),
    "no_start_line": ("PEM_NO_START_LINE", "0480006C", "PEM routines",
                      "no start line"),
    "wrong_tag": ("ASN1_WRONG_TAG", "068000A8", "asn1 encoding routines",
                  "wrong tag"),
    "too_long": ("ASN1_TOO_LONG", "0680009B", "asn1 encoding routines",
                 "too long"),
    "not_enough_data": ("ASN1_NOT_ENOUGH_DATA", "0680008E",
                        "asn1 encoding routines", "not enough data"),
    "keytype": ("EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE", "03000096",
                "digital envelope routines",
                "operation not supported for this keytype"),
    "digest_too_big": ("DIGEST_TOO_BIG_FOR_RSA_KEY", "1C800071",
                       "Provider routines", "digest too big for rsa key"),
    "key_size": ("KEY_SIZE_TOO_SMALL", "1C8000AB", "Provider routines",
                 "key size too small"),
    "evp_unsupported": ("EVP_UNSUPPORTED", "0308010C",
                        "digital envelope routines", "unsupported"),
    "cipher_param": ("EVP_CIPHER_PARAMETER_ERROR", "0300007A",
                     "digital envelope routines", "cipher parameter error"),
}


_INTERRUPTED = "error:07880109:common libcrypto routines::interrupted or cancelled"
_CIPHER_PARAM = "error:0300007A:digital envelope routines::cipher parameter error"


def _ossl(kind, stack=None):
    """An OpenSSL failure as Node reports it: ERR_OSSL_*, library, reason."""
    suffix, packed, library, reason = _OSSL[kind]
    props = {"library": library, "reason": reason}
    if stack:
        props = {"opensslErrorStack": stack, **props}
    return HostError("ERR_OSSL_" + suffix,
                     f"error:{packed}:{library}::{reason}", **props)


def _native(code, message, name="Error"):
    """An error Node throws from C++: plain class, `code` property."""
    return HostError(code, message, name=name)


_utf8 = utf8


# ---------------------------------------------------------------------------
# A small DER writer and reader: encrypted PKCS#8 and legacy PEM encryption
# need structures cryptography does not build with a chosen cipher.

def _der_len(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv(tag, content):
    return bytes([tag]) + _der_len(len(content)) + content


def _der_seq(*items):
    return _tlv(0x30, b"".join(items))


def _der_int(n):
    return _tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def _der_oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    out = bytearray([40 * parts[0] + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7F]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7F))
            part >>= 7
        out += bytes(reversed(chunk))
    return _tlv(0x06, bytes(out))


def _der_header(data):
    """(tag, content length, header length) of the first TLV, or None."""
    if len(data) < 2:
        return None
    tag, first = data[0], data[1]
    if first < 0x80:
        return tag, first, 2
    count = first & 0x7F
    if count == 0 or count > 4 or len(data) < 2 + count:
        return None
    return tag, int.from_bytes(data[2:2 + count], "big"), 2 + count


def _der_error(data):
    """The OpenSSL error Node reports for DER it cannot parse."""
    header = _der_header(data)
    if header is None or header[1] + header[2] > len(data):
        return _ossl("not_enough_data")
    if header[0] != 0x30:
        return _ossl("wrong_tag")
    return _ossl("decoder")


def _pem(label, der):
    body = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def _cbc_encrypt(factory, key, iv, data):
    pad = 16 if factory is algorithms.AES else 8
    n = pad - len(data) % pad
    encryptor = Cipher(factory(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data + bytes([n]) * n) + encryptor.finalize()


def _encrypt_pkcs8(der, cipher, passphrase):
    """EncryptedPrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256, 2048 rounds)

    as OpenSSL 3 writes it for PEM_write_bio_PKCS8PrivateKey."""
    oid, factory, key_len = _KEY_CIPHERS[cipher]
    salt = os.urandom(8)
    iv = os.urandom(16 if factory is algorithms.AES else 8)
    rounds = 2048
    key = hashlib.pbkdf2_hmac("sha256", passphrase, salt, rounds, key_len)
    kdf = _der_seq(
        _der_oid("1.2.840.113549.1.5.12"),
        _der_seq(_tlv(0x04, salt), _der_int(rounds),
                 _der_seq(_der_oid("1.2.840.113549.2.9"), b"\x05\x00")))
    scheme = _der_seq(_der_oid(oid), _tlv(0x04, iv))
    algorithm = _der_seq(_der_oid("1.2.840.113549.1.5.13"), _der_seq(kdf, scheme))
    return _der_seq(algorithm, _tlv(0x04, _cbc_encrypt(factory, key, iv, der)))


def _encrypt_legacy_pem(label, der, cipher, passphrase):
    """OpenSSL's traditional encrypted PEM (Proc-Type/DEK-Info headers)."""
    _oid, factory, key_len = _KEY_CIPHERS[cipher]
    iv = os.urandom(16 if factory is algorithms.AES else 8)
    # EVP_BytesToKey with MD5, one round, the first 8 IV bytes as salt.
    key = b""
    block = b""
    while len(key) < key_len:
        block = hashlib.md5(block + passphrase + iv[:8]).digest()
        key += block
    body = _cbc_encrypt(factory, key[:key_len], iv, der)
    name = {"aes128": "aes-128-cbc", "aes192": "aes-192-cbc",
            "aes256": "aes-256-cbc", "des3": "des-ede3-cbc"}.get(cipher, cipher)
    text = base64.encodebytes(body).decode("ascii").replace("\n", "")
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return (f"-----BEGIN {label}-----\nProc-Type: 4,ENCRYPTED\n"
            f"DEK-Info: {name.upper()},{iv.hex().upper()}\n\n"
            + "\n".join(lines) + f"\n-----END {label}-----\n")


def _decrypt_legacy_pem(block, passphrase):
    """The DER inside an OpenSSL traditional encrypted PEM block.

    Done here because cryptography reads only some DEK-Info ciphers."""
    text = block.decode("ascii", "replace")
    head, _, body = text.partition("\n\n")
    if not body:
        head, _, body = text.partition("\r\n\r\n")
    match = re.search(r"DEK-Info: *([A-Za-z0-9-]+) *, *([0-9A-Fa-f]+)", head)
    if match is None or match.group(1).lower() not in _KEY_CIPHERS:
        raise _ossl("decoder")
    _oid, factory, key_len = _KEY_CIPHERS[match.group(1).lower()]
    iv = bytes.fromhex(match.group(2))
    body = body.split("-----END")[0]
    data = base64.b64decode("".join(body.split()))
    key = b""
    chunk = b""
    while len(key) < key_len:
        chunk = hashlib.md5(chunk + passphrase + iv[:8]).digest()
        key += chunk
    decryptor = Cipher(factory(key[:key_len]), modes.CBC(iv)).decryptor()
    try:
        plain = decryptor.update(data) + decryptor.finalize()
    except ValueError as exc:
        raise _ossl("bad_decrypt") from exc
    pad = plain[-1] if plain else 0
    if not 1 <= pad <= len(iv) or plain[-pad:] != bytes([pad]) * pad:
        raise _ossl("bad_decrypt", [
            "error:1C800064:Provider routines::bad decrypt"])
    return plain[:-pad]


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_int(n, size=None):
    if size is None:
        size = max(1, (n.bit_length() + 7) // 8)
    return _b64url(n.to_bytes(size, "big"))


def _from_b64url(text):
    if not isinstance(text, str):
        raise TypeError("not a string")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------------------
# Handle entries.

class _Digest:
    __slots__ = ("ctx", "length", "name")

    def __init__(self, ctx, name, length=None):
        self.ctx = ctx
        self.name = name
        self.length = length


class _Key:
    __slots__ = ("key", "type")

    def __init__(self, type_, key):
        self.type = type_      # 'secret' | 'private' | 'public'
        self.key = key         # bytes for secret keys


def _asymmetric_type(key):
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        return "rsa"
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        return "ec"
    if isinstance(key, (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey)):
        return "ed25519"
    if isinstance(key, (ed448.Ed448PrivateKey, ed448.Ed448PublicKey)):
        return "ed448"
    if isinstance(key, (x25519.X25519PrivateKey, x25519.X25519PublicKey)):
        return "x25519"
    if isinstance(key, (x448.X448PrivateKey, x448.X448PublicKey)):
        return "x448"
    if isinstance(key, (dsa.DSAPrivateKey, dsa.DSAPublicKey)):
        return "dsa"
    return "dh"


def _generate_rsa(exponent, bits):
    # Node 20 reports these two without a code.
    if exponent < 3 or exponent % 2 == 0:
        raise _native("", "error:020000B2:rsa routines::pub exponent out of range")
    if bits < 512:
        raise _native("", "error:1C8000AB:Provider routines::key size too small")
    try:
        return rsa.generate_private_key(exponent, bits)
    except ValueError as exc:
        error = exc
    # cryptography's public API refuses keys under 1024 bits and exponents
    # other than 3 and 65537, which OpenSSL (and Node) make.
    # WORKAROUND: its Rust binding, one level down, passes them to OpenSSL;
    # pyOpenSSL can still make small keys with e = 65537 if that goes away.
    try:
        from cryptography.hazmat.bindings._rust import openssl as rust

        return rust.rsa.generate_private_key(exponent, bits)
    except (ImportError, AttributeError):
        pass
    except Exception as exc:  # OpenSSL said no
        raise _ossl("key_size") from exc
    if exponent == 65537 and 512 <= bits:
        from OpenSSL import crypto as ossl

        pkey = ossl.PKey()
        pkey.generate_key(ossl.TYPE_RSA, bits)
        return pkey.to_cryptography_key()
    raise _ossl("key_size") from error


def _curve_name(curve):
    return _CURVE_TO_OPENSSL.get(curve.name, curve.name)


def _public_of(key):
    return key.public_key() if hasattr(key, "private_bytes") else key


class CryptoBinding:
    """The ``crypto`` binding: handle tables for digests, keys and certs."""

    def __init__(self, runtime):
        self._runtime = runtime
        self._handles = {}
        self._next_id = 1
        self._hash_list = None

    # -- plumbing ------------------------------------------------------------

    def _add(self, entry):
        handle = self._next_id
        self._next_id += 1
        self._handles[handle] = entry
        return handle

    def _get(self, handle, kind):
        entry = self._handles.get(handle)
        if not isinstance(entry, kind):
            raise HostError("ERR_CRYPTO_INVALID_STATE", "Invalid state",
                            name="Error")
        return entry

    def _in(self, marker):
        return self._runtime.engine.bytes_from_js(marker)

    def _out(self, data):
        return self._runtime.engine.bytes_to_js(data)

    def _unpack(self, lengths, marker):
        data = self._in(marker)
        parts = []
        offset = 0
        for length in lengths:
            if length is None:
                parts.append(None)
                continue
            parts.append(data[offset:offset + length])
            offset += length
        return parts

    def free(self, handle):
        """Drop a handle (FinalizationRegistry callback of every wrapper)."""
        self._handles.pop(handle, None)

    def handle_count(self):
        """Live handles; for tests."""
        return len(self._handles)

    # -- random (randomBytes, randomFill, randomInt, randomUUID) -------------

    def random_bytes(self, size):
        """``crypto.randomBytes``: ``size`` bytes from the OS CSPRNG."""
        return self._out(os.urandom(int(size)))

    # -- digests (createHash, createHmac, hash) ------------------------------

    @staticmethod
    def _digest_name(algorithm):
        """hashlib's name for an OpenSSL digest name, or None."""
        lower = algorithm.lower()
        name = _DIGEST_ALIASES.get(lower)
        if name is None:
            if lower in _PYTHON_ONLY or "_" in lower or not lower:
                return None
            name = lower
        try:
            hashlib.new(name)
        except (ValueError, TypeError):
            return None
        return name

    def _new_digest(self, algorithm):
        name = self._digest_name(algorithm)
        return None if name is None else hashlib.new(name), name

    def hashes(self):
        """``crypto.getHashes``: Node's list, less what hashlib lacks."""
        if self._hash_list is None:
            self._hash_list = [n for n in _NODE_HASHES if self._digest_name(n)]
        return self._hash_list

    def ciphers(self):
        """``crypto.getCiphers``."""
        return list(_NODE_CIPHERS)

    def curves(self):
        """``crypto.getCurves``: OpenSSL's built-in curves, via pyOpenSSL."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from OpenSSL import crypto as ossl

                return sorted(c.name for c in ossl.get_elliptic_curves())
        except Exception:  # noqa: BLE001 - pyOpenSSL without the helper
            return sorted(ec._CURVE_TYPES)

    def hash_new(self, algorithm, length):
        """``createHash``: a digest context id, or None if unsupported."""
        ctx, name = self._new_digest(algorithm)
        if ctx is None:
            if algorithm.lower() in _LEGACY_DIGESTS:
                # OpenSSL 3 knows these names but keeps them in the
                # legacy provider, which Node does not load.
                raise _ossl("evp_unsupported", [
                    "error:0308010C:digital envelope routines::unsupported"])
            return None
        if length is not None and not name.startswith("shake"):
            if length != ctx.digest_size:
                raise _native("ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                              "error:030000B2:digital envelope routines::"
                              "not XOF or invalid length")
            length = None
        if length is None and name.startswith("shake"):
            length = {"shake_128": 16, "shake_256": 32}[name]
        return self._add(_Digest(ctx, name, length))

    def hmac_new(self, algorithm, key_handle, marker):
        """``createHmac``: key is a secret KeyObject id or raw bytes."""
        name = self._digest_name(algorithm)
        if name is None:
            raise _native("ERR_CRYPTO_INVALID_DIGEST",
                          f"Invalid digest: {algorithm}", "TypeError")
        if name.startswith("shake"):
            # What Node 20 reports, an empty OpenSSL error.
            raise _native("", "error:00000000:lib(0)::reason(0)")
        if key_handle is not None:
            key = self._get(key_handle, _Key).key
        else:
            key = self._in(marker)
        ctx = hmac.new(key, digestmod=lambda d=b"": hashlib.new(name, d)) \
            if name in ("blake2b", "blake2s") else hmac.new(key, digestmod=name)
        return self._add(_Digest(ctx, name))

    def hash_update(self, handle, text, marker):
        """update(): UTF-8 text (sent as a string, no Buffer built in JS)
        or bytes; JS gathers small updates into one call."""
        ctx = self._handles[handle].ctx
        if text is not None:
            ctx.update(_utf8(text))
        if marker is not None:
            ctx.update(self._in(marker))

    def hash_digest(self, handle, text, marker):
        """digest(), after the last pending input; frees the context."""
        self.hash_update(handle, text, marker)
        entry = self._handles.pop(handle)
        if entry.length is not None:
            return self._out(entry.ctx.digest(entry.length))
        return self._out(entry.ctx.digest())

    def hash_copy(self, handle, length):
        entry = self._handles[handle]
        if length is None:
            length = entry.length
        return self._add(_Digest(entry.ctx.copy(), entry.name, length))

    def hash_once(self, algorithm, marker):
        """``crypto.hash``: a one-shot digest; None if unsupported."""
        ctx, _name = self._new_digest(algorithm)
        if ctx is None:
            return None
        ctx.update(self._in(marker))
        if _name.startswith("shake"):
            return self._out(ctx.digest(16 if _name == "shake_128" else 32))
        return self._out(ctx.digest())

    # -- key derivation (pbkdf2, hkdf, scrypt) -------------------------------

    def _hmac_digest_name(self, digest):
        name = self._digest_name(digest)
        if name is None or name.startswith("shake"):
            raise _native("ERR_CRYPTO_INVALID_DIGEST", f"Invalid digest: {digest}",
                          "TypeError")
        return name

    def pbkdf2(self, digest, iterations, keylen, lengths, marker):
        """``pbkdf2Sync``: packed (password, salt)."""
        name = self._hmac_digest_name(digest)
        password, salt = self._unpack(lengths, marker)
        if keylen == 0:
            return self._out(b"")
        return self._out(hashlib.pbkdf2_hmac(name, password, salt, iterations, keylen))

    def hkdf(self, digest, key_handle, keylen, lengths, marker):
        """``hkdfSync`` (RFC 5869): packed (ikm, salt, info)."""
        name = self._hmac_digest_name(digest)
        ikm, salt, info = self._unpack(lengths, marker)
        if key_handle is not None:
            ikm = self._get(key_handle, _Key).key
        size = hashlib.new(name).digest_size
        if keylen > 255 * size:
            raise _native("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length",
                          "RangeError")
        prk = hmac.new(salt or bytes(size), ikm, name).digest()
        out = b""
        block = b""
        counter = 1
        while len(out) < keylen:
            block = hmac.new(prk, block + info + bytes([counter]), name).digest()
            out += block
            counter += 1
        return self._out(out[:keylen])

    def scrypt(self, keylen, n, r, p, maxmem, lengths, marker):
        """``scryptSync``: packed (password, salt)."""
        password, salt = self._unpack(lengths, marker)
        if n < 2 or n & (n - 1) or r < 1 or p < 1:
            raise _native("ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                          "Invalid scrypt params", "RangeError")
        if 128 * n * r + 128 * r * p > maxmem:
            raise _native("ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                          "Invalid scrypt params: error:030000AC:digital "
                          "envelope routines::memory limit exceeded",
                          "RangeError")
        if keylen == 0:
            return self._out(b"")
        try:
            out = hashlib.scrypt(password, salt=salt, n=n, r=r, p=p,
                                 maxmem=maxmem + 1024 * 1024, dklen=keylen)
        except ValueError as exc:
            raise _native("ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                          "Invalid scrypt params", "RangeError") from exc
        return self._out(out)

    # -- keys ----------------------------------------------------------------

    def _key_info(self, handle):
        entry = self._handles[handle]
        if entry.type == "secret":
            return {"id": handle, "type": "secret", "size": len(entry.key)}
        key = entry.key
        kind = _asymmetric_type(key)
        details = {}
        if kind == "rsa":
            numbers = _public_of(key).public_numbers()
            details = {"modulusLength": key.key_size,
                       "publicExponent": str(numbers.e)}
        elif kind == "ec":
            details = {"namedCurve": _curve_name(key.curve)}
        elif kind == "dsa":
            params = _public_of(key).public_numbers().parameter_numbers
            details = {"modulusLength": key.key_size,
                       "divisorLength": params.q.bit_length()}
        return {"id": handle, "type": entry.type, "asymmetricKeyType": kind,
                "details": details}

    def _add_key(self, type_, key):
        return self._key_info(self._add(_Key(type_, key)))

    def key_secret(self, marker):
        """``createSecretKey``."""
        return self._add_key("secret", self._in(marker))

    def key_public(self, handle):
        """``createPublicKey(privateKeyObject)``: the public half."""
        entry = self._get(handle, _Key)
        return self._add_key("public", _public_of(entry.key))

    def key_load(self, want, fmt, type_, lengths, marker):
        """``createPrivateKey``/``createPublicKey`` from PEM or DER.

        ``want`` is 'private' or 'public'; packed (data, passphrase).
        """
        data, passphrase = self._unpack(lengths, marker)
        if fmt == "pem":
            key, kind = self._load_pem(want, data, passphrase)
        else:
            key, kind = self._load_der(want, type_, data, passphrase)
        if want == "public" and kind == "private":
            key = key.public_key()
        return self._add_key(want, key)

    def _load_pem(self, want, data, passphrase):
        labels = _PRIVATE_PEM_LABELS
        if want == "public":
            labels = _PUBLIC_PEM_LABELS + _CERT_PEM_LABELS + _PRIVATE_PEM_LABELS
        for match in _PEM_BLOCK.finditer(data):
            label = match.group(1).decode("ascii")
            if label not in labels:
                continue
            block = match.group(0) + b"\n"
            try:
                if label in _CERT_PEM_LABELS:
                    return x509.load_pem_x509_certificate(block).public_key(), "public"
                if label in _PUBLIC_PEM_LABELS:
                    return serialization.load_pem_public_key(block), "public"
                encrypted = (label == "ENCRYPTED PRIVATE KEY"
                             or b"Proc-Type: 4,ENCRYPTED" in block)
                if encrypted and passphrase is None:
                    raise _ossl("interrupted", [_INTERRUPTED])
                if label != "ENCRYPTED PRIVATE KEY" and encrypted:
                    der = _decrypt_legacy_pem(block, passphrase)
                    return serialization.load_der_private_key(der, None), "private"
                return serialization.load_pem_private_key(
                    block, passphrase if encrypted else None), "private"
            except HostError:
                raise
            except TypeError as exc:
                raise _ossl("interrupted") from exc
            except ValueError as exc:
                if "decrypt" in str(exc).lower() or "password" in str(exc).lower():
                    raise _ossl("bad_decrypt", [
                    "error:1C800064:Provider routines::bad decrypt"]) from exc
                raise _ossl("decoder") from exc
            except UnsupportedAlgorithm as exc:
                raise _ossl("decoder") from exc
        raise _ossl("decoder")

    def _load_der(self, want, type_, data, passphrase):
        if want == "public" and type_ in ("spki", "pkcs1"):
            # SubjectPublicKeyInfo opens with a SEQUENCE (the algorithm),
            # PKCS#1 RSAPublicKey with an INTEGER (the modulus).
            header = _der_header(data)
            if header is None or header[1] + header[2] > len(data):
                raise _ossl("too_long", [
                    "error:0680009B:asn1 encoding routines::too long"])
            inner = data[header[2]:header[2] + 1]
            if inner != (b"\x30" if type_ == "spki" else b"\x02"):
                raise _ossl("wrong_tag", [
                    "error:068000A8:asn1 encoding routines::wrong tag"])
            try:
                return serialization.load_der_public_key(data), "public"
            except (ValueError, UnsupportedAlgorithm):
                if type_ == "spki":
                    raise _der_error(data) from None
        try:
            return serialization.load_der_private_key(data, passphrase), "private"
        except TypeError as exc:
            if passphrase is None:
                raise _native("ERR_MISSING_PASSPHRASE",
                              "Passphrase required for encrypted key",
                              "TypeError") from exc
            raise _der_error(data) from exc
        except ValueError as exc:
            text = str(exc).lower()
            if passphrase is not None and ("decrypt" in text or "password" in text):
                raise _ossl("bad_decrypt", [
                    "error:1C800064:Provider routines::bad decrypt"]) from exc
            raise _der_error(data) from exc
        except UnsupportedAlgorithm as exc:
            raise _ossl("decoder") from exc

    def key_export(self, handle, fmt, type_, cipher, lengths, marker):
        """``KeyObject.export`` to PEM (a string) or DER (bytes).

        The JS side has checked format, type and cipher against the key.
        """
        entry = self._get(handle, _Key)
        if entry.type == "secret":
            return self._out(entry.key)
        (passphrase,) = self._unpack(lengths, marker) if lengths else (None,)
        if cipher is not None and entry.type == "private":
            cipher = cipher.lower()
            if cipher not in _KEY_CIPHERS:
                if cipher in _NODE_CIPHERS:
                    # LIMITATION: keys are encrypted with AES-CBC or 3DES
                    # only; OpenSSL also takes the other CBC-like modes.
                    raise _ossl("cipher_param", [_CIPHER_PARAM])
                raise _native("ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher")
        elif entry.type == "public":
            cipher = None
        key = entry.key
        encoding = serialization.Encoding.PEM if fmt == "pem" else \
            serialization.Encoding.DER
        if entry.type == "public":
            form = serialization.PublicFormat.PKCS1 if type_ == "pkcs1" else \
                serialization.PublicFormat.SubjectPublicKeyInfo
            out = key.public_bytes(encoding, form)
            return out.decode("ascii") if fmt == "pem" else self._out(out)
        none = serialization.NoEncryption()
        if type_ == "pkcs8":
            der = key.private_bytes(serialization.Encoding.DER,
                                    serialization.PrivateFormat.PKCS8, none)
            if cipher is not None:
                der = _encrypt_pkcs8(der, cipher, passphrase)
                return _pem("ENCRYPTED PRIVATE KEY", der) if fmt == "pem" \
                    else self._out(der)
            return _pem("PRIVATE KEY", der) if fmt == "pem" else self._out(der)
        # pkcs1 (RSA) and sec1 (EC): OpenSSL's "traditional" formats.
        der = key.private_bytes(serialization.Encoding.DER,
                                serialization.PrivateFormat.TraditionalOpenSSL, none)
        label = "RSA PRIVATE KEY" if type_ == "pkcs1" else "EC PRIVATE KEY"
        if fmt == "der":
            return self._out(der)
        if cipher is not None:
            return _encrypt_legacy_pem(label, der, cipher, passphrase)
        return _pem(label, der)

    def key_export_jwk(self, handle):
        """``KeyObject.export({format: 'jwk'})``."""
        entry = self._get(handle, _Key)
        if entry.type == "secret":
            return {"kty": "oct", "k": _b64url(entry.key)}
        key = entry.key
        private = entry.type == "private"
        kind = _asymmetric_type(key)
        if kind == "rsa":
            pub = _public_of(key).public_numbers()
            out = {"kty": "RSA", "n": _b64url_int(pub.n), "e": _b64url_int(pub.e)}
            if private:
                priv = key.private_numbers()
                out.update(d=_b64url_int(priv.d), p=_b64url_int(priv.p),
                           q=_b64url_int(priv.q), dp=_b64url_int(priv.dmp1),
                           dq=_b64url_int(priv.dmq1), qi=_b64url_int(priv.iqmp))
            return out
        if kind == "ec":
            curve = _curve_name(key.curve)
            if curve not in _JWK_CURVES:
                raise _native("ERR_CRYPTO_JWK_UNSUPPORTED_CURVE",
                              f"Unsupported JWK EC curve: {curve}.")
            size = (key.curve.key_size + 7) // 8
            pub = _public_of(key).public_numbers()
            out = {"kty": "EC", "x": _b64url_int(pub.x, size),
                   "y": _b64url_int(pub.y, size), "crv": _JWK_CURVES[curve]}
            if private:
                out["d"] = _b64url_int(key.private_numbers().private_value, size)
            return out
        if kind in ("ed25519", "ed448", "x25519", "x448"):
            raw = serialization.Encoding.Raw
            crv = {"ed25519": "Ed25519", "ed448": "Ed448", "x25519": "X25519",
                   "x448": "X448"}[kind]
            x = _public_of(key).public_bytes(raw, serialization.PublicFormat.Raw)
            if private:
                d = key.private_bytes(raw, serialization.PrivateFormat.Raw,
                                      serialization.NoEncryption())
                return {"crv": crv, "d": _b64url(d), "x": _b64url(x), "kty": "OKP"}
            return {"crv": crv, "x": _b64url(x), "kty": "OKP"}
        raise _native("ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE",
                      "Unsupported JWK Key Type.")

    def key_import_jwk(self, want, jwk):
        """``createPrivateKey({key: jwk, format: 'jwk'})`` (and public)."""
        kty = jwk.get("kty")
        try:
            if kty == "RSA":
                n, e = (int.from_bytes(_from_b64url(jwk[k]), "big") for k in "ne")
                pub = rsa.RSAPublicNumbers(e, n)
                if want == "private":
                    vals = {k: int.from_bytes(_from_b64url(jwk[k]), "big")
                            for k in ("d", "p", "q", "dp", "dq", "qi")}
                    key = rsa.RSAPrivateNumbers(
                        vals["p"], vals["q"], vals["d"], vals["dp"], vals["dq"],
                        vals["qi"], pub).private_key()
                else:
                    key = pub.public_key()
            elif kty == "EC":
                names = {v: k for k, v in _JWK_CURVES.items()}
                curve = _CURVE_CLASSES[names[jwk["crv"]]]()
                x, y = (int.from_bytes(_from_b64url(jwk[k]), "big") for k in "xy")
                pub = ec.EllipticCurvePublicNumbers(x, y, curve)
                if want == "private":
                    d = int.from_bytes(_from_b64url(jwk["d"]), "big")
                    key = ec.EllipticCurvePrivateNumbers(d, pub).private_key()
                else:
                    key = pub.public_key()
            else:  # OKP
                classes = {
                    "Ed25519": (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey),
                    "Ed448": (ed448.Ed448PrivateKey, ed448.Ed448PublicKey),
                    "X25519": (x25519.X25519PrivateKey, x25519.X25519PublicKey),
                    "X448": (x448.X448PrivateKey, x448.X448PublicKey),
                }
                priv_cls, pub_cls = classes[jwk["crv"]]
                if want == "private":
                    key = priv_cls.from_private_bytes(_from_b64url(jwk["d"]))
                else:
                    key = pub_cls.from_public_bytes(_from_b64url(jwk["x"]))
        except (KeyError, ValueError, TypeError) as exc:
            raise _native("ERR_CRYPTO_INVALID_JWK", f"Invalid JWK {kty} key",
                          "TypeError") from exc
        return self._add_key(want, key)

    def key_equals(self, a, b):
        """``KeyObject.equals``."""
        ka, kb = self._get(a, _Key), self._get(b, _Key)
        if ka.type != kb.type:
            return False
        if ka.type == "secret":
            return hmac.compare_digest(ka.key, kb.key)
        der = serialization.Encoding.DER
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        try:
            if ka.type == "public":
                return ka.key.public_bytes(der, spki) == kb.key.public_bytes(der, spki)
            fmt = serialization.PrivateFormat.PKCS8
            none = serialization.NoEncryption()
            return ka.key.private_bytes(der, fmt, none) == \
                kb.key.private_bytes(der, fmt, none)
        except (ValueError, TypeError):
            return False

    def key_generate(self, type_, options):
        """``generateKeyPairSync``: [publicKeyInfo, privateKeyInfo]."""
        if type_ == "rsa":
            key = _generate_rsa(options["publicExponent"],
                                options["modulusLength"])
        elif type_ == "ec":
            curve = _CURVE_CLASSES.get(options["namedCurve"].lower())
            if curve is None:
                raise _native("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name",
                              "TypeError")
            key = ec.generate_private_key(curve())
        elif type_ == "dsa":
            key = dsa.generate_private_key(options["modulusLength"])
        else:
            key = {
                "ed25519": ed25519.Ed25519PrivateKey, "ed448": ed448.Ed448PrivateKey,
                "x25519": x25519.X25519PrivateKey, "x448": x448.X448PrivateKey,
            }[type_].generate()
        return [self._add_key("public", key.public_key()),
                self._add_key("private", key)]

    def key_generate_secret(self, length_bits):
        """``generateKeySync('hmac' | 'aes')``."""
        return self._add_key("secret", os.urandom(length_bits // 8))

    # -- signatures (sign, verify, createSign, createVerify) -----------------

    def sign_new(self, algorithm):
        """A Sign/Verify digest context; None for an unknown digest."""
        name = self._digest_name(algorithm)
        if name is None or name.startswith("shake"):
            return None
        return self._add(_Digest(hashlib.new(name), name))

    @staticmethod
    def _hash_algorithm(name):
        cls = _CRYPTOGRAPHY_HASHES.get(name)
        if cls is None:
            # LIMITATION: only the digests cryptography can sign with.
            raise _ossl("invalid_digest")
        return cls()

    @staticmethod
    def _rsa_padding(pad, salt_length, algorithm, signing):
        if pad is None or pad == 1:
            return padding.PKCS1v15()
        if pad != 6:
            raise _ossl("padding")
        if salt_length is None or salt_length == -2:
            salt = padding.PSS.MAX_LENGTH if signing else padding.PSS.AUTO
        elif salt_length == -1:
            salt = padding.PSS.DIGEST_LENGTH
        else:
            salt = salt_length
        return padding.PSS(mgf=padding.MGF1(algorithm), salt_length=salt)

    def _do_sign(self, key, name, data, prehashed, options):
        kind = _asymmetric_type(key)
        if kind in ("ed25519", "ed448"):
            if prehashed:
                raise _native("ERR_CRYPTO_UNSUPPORTED_OPERATION",
                              "Unsupported crypto operation")
            if name is not None:
                raise _ossl("invalid_digest")
            return key.sign(data)
        if kind not in ("rsa", "ec", "dsa"):
            raise _ossl("keytype")
        algorithm = self._hash_algorithm(name or "sha256")
        arg = asym_utils.Prehashed(algorithm) if prehashed else algorithm
        try:
            if kind == "rsa":
                pad = self._rsa_padding(options.get("padding"),
                                        options.get("saltLength"), algorithm, True)
                return key.sign(data, pad, arg)
            if kind == "ec":
                sig = key.sign(data, ec.ECDSA(arg))
            else:
                sig = key.sign(data, arg)
        except ValueError as exc:
            raise _ossl("digest_too_big") from exc
        if options.get("dsaEncoding") == "ieee-p1363":
            r, s = asym_utils.decode_dss_signature(sig)
            size = (key.curve.key_size + 7) // 8 if kind == "ec" else \
                (key.parameters().parameter_numbers().q.bit_length() + 7) // 8
            sig = r.to_bytes(size, "big") + s.to_bytes(size, "big")
        return sig

    def _do_verify(self, key, name, data, sig, prehashed, options):
        key = _public_of(key)
        kind = _asymmetric_type(key)
        try:
            if kind in ("ed25519", "ed448"):
                if prehashed:
                    raise _native("ERR_CRYPTO_UNSUPPORTED_OPERATION",
                                  "Unsupported crypto operation")
                if name is not None:
                    raise _ossl("invalid_digest")
                key.verify(sig, data)
                return True
            if kind not in ("rsa", "ec", "dsa"):
                raise _ossl("keytype")
            algorithm = self._hash_algorithm(name or "sha256")
            arg = asym_utils.Prehashed(algorithm) if prehashed else algorithm
            if kind == "rsa":
                pad = self._rsa_padding(options.get("padding"),
                                        options.get("saltLength"), algorithm, False)
                key.verify(sig, data, pad, arg)
                return True
            if options.get("dsaEncoding") == "ieee-p1363":
                size = (key.curve.key_size + 7) // 8 if kind == "ec" else \
                    (key.parameters().parameter_numbers().q.bit_length() + 7) // 8
                if len(sig) != 2 * size:
                    return False
                sig = asym_utils.encode_dss_signature(
                    int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big"))
            if kind == "ec":
                key.verify(sig, data, ec.ECDSA(arg))
            else:
                key.verify(sig, data, arg)
            return True
        except (InvalidSignature, ValueError):
            return False

    def sign_once(self, algorithm, key_handle, options, marker):
        """``crypto.sign(algorithm, data, key)``."""
        name = None
        if algorithm is not None:
            name = self._digest_name(algorithm)
            if name is None:
                raise _native("ERR_CRYPTO_INVALID_DIGEST",
                              f"Invalid digest: {algorithm}", "TypeError")
        entry = self._get(key_handle, _Key)
        return self._out(self._do_sign(entry.key, name, self._in(marker), False,
                                       options))

    def verify_once(self, algorithm, key_handle, options, lengths, marker):
        """``crypto.verify(algorithm, data, key, signature)``."""
        name = None
        if algorithm is not None:
            name = self._digest_name(algorithm)
            if name is None:
                raise _native("ERR_CRYPTO_INVALID_DIGEST",
                              f"Invalid digest: {algorithm}", "TypeError")
        data, sig = self._unpack(lengths, marker)
        entry = self._get(key_handle, _Key)
        return self._do_verify(entry.key, name, data, sig, False, options)

    def sign_final(self, handle, key_handle, options):
        """``Sign.sign``: signs the accumulated digest; frees the context."""
        digest = self._handles.pop(handle)
        entry = self._get(key_handle, _Key)
        return self._out(self._do_sign(entry.key, digest.name, digest.ctx.digest(),
                                       True, options))

    def verify_final(self, handle, key_handle, options, marker):
        """``Verify.verify``: checks the accumulated digest; frees it."""
        digest = self._handles.pop(handle)
        entry = self._get(key_handle, _Key)
        return self._do_verify(entry.key, digest.name, digest.ctx.digest(),
                               self._in(marker), True, options)

    # -- X509Certificate -----------------------------------------------------

    def x509_load(self, marker):
        """``new X509Certificate(buffer)``: [id, facts], PEM or DER."""
        data = self._in(marker)
        cert = None
        # LIMITATION: cryptography rejects some certificates OpenSSL reads
        # (e.g. negative serial numbers, some malformed extensions).
        if b"-----BEGIN" in data:
            for match in _PEM_BLOCK.finditer(data):
                if match.group(1).decode("ascii") in _CERT_PEM_LABELS:
                    try:
                        cert = x509.load_pem_x509_certificate(match.group(0))
                    except ValueError as exc:
                        raise _ossl("wrong_tag", [
                            "error:068000A8:asn1 encoding routines::wrong tag",
                        ]) from exc
                    break
        else:
            try:
                cert = x509.load_der_x509_certificate(data)
            except ValueError:
                cert = None
        if cert is None:
            raise _ossl("no_start_line", [
                "error:0480006C:PEM routines::no start line"])
        handle = self._add(cert)
        return [handle, self._x509_facts(cert)]

    def _x509_facts(self, cert):
        ext = {}
        for extension in cert.extensions:
            ext[extension.oid.dotted_string] = extension.value
        san = ext.get(ExtensionOID.SUBJECT_ALTERNATIVE_NAME.dotted_string)
        aia = ext.get(ExtensionOID.AUTHORITY_INFORMATION_ACCESS.dotted_string)
        eku = ext.get(ExtensionOID.EXTENDED_KEY_USAGE.dotted_string)
        der = cert.public_bytes(serialization.Encoding.DER)
        info_text = None
        info_legacy = None
        if aia is not None:
            lines = []
            info_legacy = {}
            for desc in aia:
                method = _ACCESS_METHODS.get(desc.access_method.dotted_string,
                                             desc.access_method.dotted_string)
                where = _general_name(desc.access_location)
                prefix, _, value = where.partition(":")
                lines.append(f"{method} - {where}")
                info_legacy.setdefault(f"{method} - {prefix}", []).append(value)
            info_text = "\n".join(lines)
        serial = cert.serial_number
        serial_hex = serial.to_bytes(max(1, (serial.bit_length() + 7) // 8),
                                     "big").hex().upper()
        return {
            "subject": _name_multiline(cert.subject),
            "issuer": _name_multiline(cert.issuer),
            "subjectObject": _name_object(cert.subject),
            "issuerObject": _name_object(cert.issuer),
            "subjectAltName": None if san is None else
            ", ".join(_general_name(n) for n in san),
            "infoAccess": info_text,
            "infoAccessObject": info_legacy,
            "validFrom": _asn1_time(cert.not_valid_before_utc),
            "validTo": _asn1_time(cert.not_valid_after_utc),
            "fingerprint": _fingerprint(hashlib.sha1(der)),
            "fingerprint256": _fingerprint(hashlib.sha256(der)),
            "fingerprint512": _fingerprint(hashlib.sha512(der)),
            "keyUsage": None if eku is None else
            [oid.dotted_string for oid in eku],
            "serialNumber": serial_hex,
            "ca": _is_ca(ext),
            "pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            "legacyKey": _legacy_key(cert.public_key()),
        }

    def x509_raw(self, handle):
        cert = self._get(handle, x509.Certificate)
        return self._out(cert.public_bytes(serialization.Encoding.DER))

    def x509_pubkey_bytes(self, handle):
        """The ``pubkey`` of toLegacyObject: SPKI for RSA, the point for EC."""
        key = self._get(handle, x509.Certificate).public_key()
        if isinstance(key, ec.EllipticCurvePublicKey):
            return self._out(key.public_bytes(
                serialization.Encoding.X962,
                serialization.PublicFormat.UncompressedPoint))
        return self._out(key.public_bytes(
            serialization.Encoding.DER,
            serialization.PublicFormat.SubjectPublicKeyInfo))

    def x509_public_key(self, handle):
        cert = self._get(handle, x509.Certificate)
        return self._add_key("public", cert.public_key())

    def x509_verify(self, handle, key_handle):
        """``X509Certificate.verify(publicKey)``: the signature only."""
        cert = self._get(handle, x509.Certificate)
        key = _public_of(self._get(key_handle, _Key).key)
        try:
            params = cert.signature_algorithm_parameters
            if isinstance(key, rsa.RSAPublicKey):
                key.verify(cert.signature, cert.tbs_certificate_bytes,
                           params if params is not None else padding.PKCS1v15(),
                           cert.signature_hash_algorithm)
            elif isinstance(key, ec.EllipticCurvePublicKey):
                key.verify(cert.signature, cert.tbs_certificate_bytes,
                           ec.ECDSA(cert.signature_hash_algorithm))
            elif isinstance(key, dsa.DSAPublicKey):
                key.verify(cert.signature, cert.tbs_certificate_bytes,
                           cert.signature_hash_algorithm)
            else:
                key.verify(cert.signature, cert.tbs_certificate_bytes)
            return True
        except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
            return False

    def x509_check_issued(self, handle, issuer_handle):
        """``checkIssued``: names and key identifiers line up (no signature)."""
        cert = self._get(handle, x509.Certificate)
        issuer = self._get(issuer_handle, x509.Certificate)
        if cert.issuer.public_bytes() != issuer.subject.public_bytes():
            return False
        try:
            akid = cert.extensions.get_extension_for_oid(
                ExtensionOID.AUTHORITY_KEY_IDENTIFIER).value
            skid = issuer.extensions.get_extension_for_oid(
                ExtensionOID.SUBJECT_KEY_IDENTIFIER).value
            if akid.key_identifier is not None and \
                    akid.key_identifier != skid.digest:
                return False
        except x509.ExtensionNotFound:
            pass
        try:
            usage = issuer.extensions.get_extension_for_oid(
                ExtensionOID.KEY_USAGE).value
            if cert.issuer != cert.subject and not usage.key_cert_sign:
                return False
        except x509.ExtensionNotFound:
            pass
        return True

    def x509_check_private_key(self, handle, key_handle):
        cert = self._get(handle, x509.Certificate)
        key = self._get(key_handle, _Key).key
        der = serialization.Encoding.DER
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        return cert.public_key().public_bytes(der, spki) == \
            key.public_key().public_bytes(der, spki)

    def x509_check_host(self, handle, name, subject, wildcards, partial):
        """``checkHost``: the matching name from the certificate, or None."""
        cert = self._get(handle, x509.Certificate)
        dns = []
        try:
            san = cert.extensions.get_extension_for_oid(
                ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
            dns = san.get_values_for_type(x509.DNSName)
        except x509.ExtensionNotFound:
            pass
        for pattern in dns:
            if _host_matches(pattern, name, wildcards, partial):
                return pattern
        if subject == "always" or (subject == "default" and not dns):
            for attr in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME):
                if isinstance(attr.value, str) and \
                        _host_matches(attr.value, name, wildcards, partial):
                    return attr.value
        return None

    def x509_check_email(self, handle, email, subject):
        cert = self._get(handle, x509.Certificate)
        emails = []
        try:
            san = cert.extensions.get_extension_for_oid(
                ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
            emails = san.get_values_for_type(x509.RFC822Name)
        except x509.ExtensionNotFound:
            pass
        candidates = list(emails)
        if subject == "always" or (subject == "default" and not emails):
            candidates += [a.value for a in
                           cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)]
        local, _, domain = email.rpartition("@")
        for candidate in candidates:
            c_local, _, c_domain = candidate.rpartition("@")
            if c_local == local and c_domain.lower() == domain.lower():
                return True
        return False

    def x509_check_ip(self, handle, ip):
        """``checkIP``; None for a string that is no IP address."""
        try:
            wanted = ipaddress.ip_address(ip)
        except ValueError:
            return None
        cert = self._get(handle, x509.Certificate)
        try:
            san = cert.extensions.get_extension_for_oid(
                ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        except x509.ExtensionNotFound:
            return False
        return wanted in san.get_values_for_type(x509.IPAddress)


# ---------------------------------------------------------------------------
# X.509 text, as OpenSSL prints it for Node.

def _escape_2253(value):
    """An attribute value with RFC 2253 escapes (and \\XX for controls)."""
    if not isinstance(value, str):
        return "#" + bytes(value).hex().upper()
    out = []
    last = len(value) - 1
    for i, ch in enumerate(value):
        code = ord(ch)
        if ch in ',+"\\<>;' or (i == 0 and ch in "# ") or (i == last and ch == " "):
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\{code:02X}")
        else:
            out.append(ch)
    return "".join(out)


def _attr_name(attr):
    return _NAME_SHORT.get(attr.oid.dotted_string, attr.oid.dotted_string)


def _name_multiline(name):
    lines = []
    for rdn in name.rdns:
        lines.append(" + ".join(f"{_attr_name(a)}={_escape_2253(a.value)}"
                                for a in rdn))
    return "\n".join(lines)


def _name_rfc2253(name):
    return ",".join("+".join(f"{_attr_name(a)}={_escape_2253(a.value)}" for a in rdn)
                    for rdn in reversed(name.rdns))


def _name_object(name):
    """toLegacyObject's subject/issuer: [[key, value], ...] in order."""
    out = []
    for rdn in name.rdns:
        for attr in rdn:
            value = attr.value if isinstance(attr.value, str) else \
                bytes(attr.value).decode("latin-1")
            out.append([_attr_name(attr), value])
    return out


def _quote_alt(value):
    """Node prints an alt name that could be misread as a quoted string.

    LIMITATION: the quoting of non-ASCII names (each UTF-8 byte as \\u00XX)
    is a guess; the ASCII cases match Node 20."""
    safe = all(0x20 <= ord(c) < 0x7F and c not in ',"\\' for c in value)
    if safe:
        return value
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= ord(ch) < 0x7F and ch != ",":
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append(f"\\u{byte:04x}")
    out.append('"')
    return "".join(out)


def _general_name(name):
    if isinstance(name, x509.DNSName):
        return "DNS:" + _quote_alt(name.value)
    if isinstance(name, x509.RFC822Name):
        return "email:" + _quote_alt(name.value)
    if isinstance(name, x509.UniformResourceIdentifier):
        return "URI:" + _quote_alt(name.value)
    if isinstance(name, x509.IPAddress):
        ip = name.value
        if isinstance(ip, ipaddress.IPv4Address):
            return f"IP Address:{ip}"
        if isinstance(ip, ipaddress.IPv6Address):
            packed = ip.packed
            groups = [int.from_bytes(packed[i:i + 2], "big") for i in range(0, 16, 2)]
            return "IP Address:" + ":".join(f"{g:X}" for g in groups)
        return "IP Address:<invalid>"
    if isinstance(name, x509.DirectoryName):
        return "DirName:" + _quote_alt(_name_rfc2253(name.value))
    if isinstance(name, x509.RegisteredID):
        return "Registered ID:" + name.value.dotted_string
    if isinstance(name, x509.OtherName):
        if name.type_id.dotted_string == _UPN_OID:
            value = name.value
            header = _der_header(value)
            if header is not None and header[0] == 0x0C:
                text = value[header[2]:header[2] + header[1]].decode("utf-8", "replace")
                return "othername:UPN:" + _quote_alt(text)
        # LIMITATION: of the other names, only UPN is decoded.
        return "othername:<unsupported>"
    return "<unsupported>"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
           "Oct", "Nov", "Dec")


def _asn1_time(when):
    when = when.astimezone(datetime.timezone.utc)
    return (f"{_MONTHS[when.month - 1]} {when.day:2d} "
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} {when.year} GMT")


def _fingerprint(digest):
    return ":".join(f"{b:02X}" for b in digest.digest())


def _is_ca(ext):
    constraints = ext.get(ExtensionOID.BASIC_CONSTRAINTS.dotted_string)
    if constraints is None or not constraints.ca:
        return False
    usage = ext.get(ExtensionOID.KEY_USAGE.dotted_string)
    return usage is None or usage.key_cert_sign


def _legacy_key(key):
    """The key facts toLegacyObject shows (bytes fetched separately)."""
    if isinstance(key, rsa.RSAPublicKey):
        numbers = key.public_numbers()
        return {"modulus": f"{numbers.n:X}", "bits": key.key_size,
                "exponent": f"0x{numbers.e:x}", "pubkey": True}
    if isinstance(key, ec.EllipticCurvePublicKey):
        curve = _curve_name(key.curve)
        out = {"bits": key.curve.key_size, "pubkey": True, "asn1Curve": curve}
        if curve in _NIST_NAMES:
            out["nistCurve"] = _NIST_NAMES[curve]
        return out
    return {}


def _host_matches(pattern, host, wildcards, partial):
    """X509_check_host's DNS-ID match: ASCII case-insensitive, wildcard

    only in the leftmost label, never across labels, and never for a
    pattern with fewer than two labels after it."""
    pattern = pattern.lower()
    host = host.lower()
    if not pattern or not host:
        return False
    if pattern == host:
        return True
    if host.startswith("."):
        # OpenSSL: a name with a leading dot asks for any subdomain.
        return len(pattern) > len(host) and pattern.endswith(host)
    if not wildcards or "*" not in pattern:
        return False
    p_labels = pattern.split(".")
    h_labels = host.split(".")
    first = p_labels[0]
    if "*" in ".".join(p_labels[1:]) or first.count("*") != 1:
        return False
    if len(p_labels) < 3 or len(p_labels) != len(h_labels):
        return False
    if p_labels[1:] != h_labels[1:]:
        return False
    if first != "*" and (not partial or first.startswith("xn--")):
        return False
    prefix, _, suffix = first.partition("*")
    label = h_labels[0]
    if label.startswith("xn--") and first != "*":
        return False
    return (len(label) >= len(prefix) + len(suffix)
            and label.startswith(prefix) and label.endswith(suffix)
            and len(label) > 0)
