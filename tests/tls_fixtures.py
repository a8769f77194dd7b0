"""The PEM files the TLS scripts read, written to a directory at test time.

tests/scripts/tls/*.js find them through the TLS_FIXTURES environment
variable, under jstls and under node alike; they print nothing that
depends on the particular keys, so their expected output is stable.
"""

from __future__ import annotations

import pathlib

import tls_certs


def write_fixtures(directory):
    """Write the fixture set into ``directory``; return it as a Path."""
    out = pathlib.Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    ca = tls_certs.make_ca()
    other_ca = tls_certs.make_ca("Other Test CA", key=tls_certs.rsa_key(5))
    server = tls_certs.make_leaf(ca)
    client = tls_certs.make_leaf(ca, "client", dns=(), ips=())
    stranger = tls_certs.make_leaf(other_ca, "stranger", dns=(), ips=())
    wrong_host = tls_certs.make_leaf(ca, "wrong.example",
                                     dns=("wrong.example",), ips=())
    sni_a = tls_certs.make_leaf(ca, "a.example.com", dns=("a.example.com",),
                                ips=())
    sni_b = tls_certs.make_leaf(ca, "*.b.example.com",
                                dns=("*.b.example.com",), ips=())
    expired = tls_certs.make_expired(ca)
    revoked = tls_certs.make_leaf(ca)
    self_signed = tls_certs.make_self_signed()
    sha1 = tls_certs.make_sha1_leaf(ca)
    ec_server = tls_certs.make_leaf(ca, key=tls_certs.ec_key())
    files = {
        "ca-cert.pem": ca.cert_pem,
        "server-key.pem": server.key_pem(),
        "server-cert.pem": server.cert_pem,
        "client-key.pem": client.key_pem(),
        "client-cert.pem": client.cert_pem,
        "stranger-key.pem": stranger.key_pem(),
        "stranger-cert.pem": stranger.cert_pem,
        "wrong-host-key.pem": wrong_host.key_pem(),
        "wrong-host-cert.pem": wrong_host.cert_pem,
        "sni-a-key.pem": sni_a.key_pem(),
        "sni-a-cert.pem": sni_a.cert_pem,
        "sni-b-key.pem": sni_b.key_pem(),
        "sni-b-cert.pem": sni_b.cert_pem,
        "revoked-key.pem": revoked.key_pem(),
        "revoked-cert.pem": revoked.cert_pem,
        "crl.pem": tls_certs.make_crl(ca, [revoked.cert.serial_number]),
        "expired-key.pem": expired.key_pem(),
        "expired-cert.pem": expired.cert_pem,
        "self-key.pem": self_signed.key_pem(),
        "self-cert.pem": self_signed.cert_pem,
        "server-key-encrypted.pem": server.key_pem("secret"),
        "ec-key.pem": ec_server.key_pem(),
        "ec-cert.pem": ec_server.cert_pem,
        "sha1-key.pem": sha1.key_pem(),
        "sha1-cert.pem": sha1.cert_pem,
        "dh1024.pem": tls_certs.modp1024_pem(),
        "dh2048.pem": tls_certs.ffdhe2048_pem(),
    }
    for name, text in files.items():
        (out / name).write_text(text)
    (out / "server.pfx").write_bytes(server.pfx("pfxpass"))
    # What a CA's OCSP responder would say about server-cert.pem.
    (out / "ocsp-response.der").write_bytes(
        tls_certs.make_ocsp_response(server, ca))
    return out
