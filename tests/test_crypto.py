"""``crypto`` under jstls, checked against Python's own implementations.

Digests and HMACs of random data (up to several MiB, fed whole and in
pieces) must equal hashlib's; keys jstls exports must load in
``cryptography`` and keys ``cryptography`` makes must work in jstls;
signatures must verify on the other side; errors must carry Node's codes
and classes.  Node-exact output is covered by tests/scripts/crypto/.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID

from jstls import Runtime


def run(source, expect_exit=0):
    result = Runtime(capture=True).run_script(source)
    assert result.exit_code == expect_exit, result.stderr
    return result.stdout


def run_json(source):
    return json.loads(run(source))


def js(value):
    return json.dumps(str(value))


@pytest.fixture(scope="module")
def blobs(tmp_path_factory):
    """Random files of awkward sizes: name -> (path, bytes)."""
    root = tmp_path_factory.mktemp("blobs")
    out = {}
    for size in (0, 1, 55, 64, 1000, 70_000, 3 * 1024 * 1024 + 7):
        data = os.urandom(size)
        path = root / f"blob{size}"
        path.write_bytes(data)
        out[size] = (path, data)
    return out


# ---------------------------------------------------------------------------
# Digests.

DIGESTS = {
    "md5": "md5", "sha1": "sha1", "sha224": "sha224", "sha256": "sha256",
    "sha384": "sha384", "sha512": "sha512", "sha512-256": "sha512_256",
    "sha3-256": "sha3_256", "blake2b512": "blake2b", "RSA-SHA256": "sha256",
}


@pytest.mark.parametrize("algorithm", sorted(DIGESTS))
def test_digests_match_hashlib(blobs, algorithm):
    files = {size: str(path) for size, (path, _data) in blobs.items()}
    got = run_json(f"""
const crypto = require('crypto');
const fs = require('fs');
const files = {json.dumps(files)};
const out = {{}};
for (const [size, file] of Object.entries(files)) {{
  const data = fs.readFileSync(file);
  const whole = crypto.createHash({js(algorithm)}).update(data).digest('hex');
  // The same bytes in pieces of every size from 1 byte to 64 KiB.
  const h = crypto.createHash({js(algorithm)});
  let offset = 0;
  for (let step = 1; offset < data.length; step = (step * 3 + 1) % 65536) {{
    h.update(data.subarray(offset, offset + step));
    offset += step;
  }}
  out[size] = [whole, h.digest('hex')];
}}
console.log(JSON.stringify(out));
""")
    for size, (_path, data) in blobs.items():
        want = hashlib.new(DIGESTS[algorithm], data).hexdigest()
        assert got[str(size)] == [want, want], size


def test_digest_encodings(blobs):
    _path, data = blobs[1000]
    got = run_json(f"""
const crypto = require('crypto');
const data = require('fs').readFileSync({js(blobs[1000][0])});
const d = (enc) => crypto.createHash('sha512').update(data).digest(enc);
console.log(JSON.stringify({{
  hex: d('hex'), base64: d('base64'), base64url: d('base64url'),
  latin1: d('latin1'), buffer: Array.from(d()),
}}));
""")
    raw = hashlib.sha512(data).digest()
    assert got["hex"] == raw.hex()
    assert got["base64"] == base64.b64encode(raw).decode()
    assert got["base64url"] == base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert got["latin1"] == raw.decode("latin-1")
    assert bytes(got["buffer"]) == raw


def test_string_updates_are_utf8():
    texts = ["", "plain", "caf\u00e9", "\u20ac" * 5000, "\U0001f600 astral",
             "x" * 100_000]
    got = run_json(f"""
const crypto = require('crypto');
const texts = {json.dumps(texts)};
const out = texts.map((t) => crypto.createHash('sha256').update(t)
  .digest('hex'));
// Lone surrogates become U+FFFD, as in Buffer.from(text).
out.push(crypto.createHash('sha256').update('a\\ud800b\\udc00').digest('hex'));
// Many small string and byte updates, mixed.
const h = crypto.createHash('sha1');
for (let i = 0; i < 5000; i++) {{
  h.update(i % 2 ? 'ab\u00e9' : Buffer.from([i & 255]));
}}
out.push(h.digest('hex'));
console.log(JSON.stringify(out));
""")
    for text, digest in zip(texts, got):
        assert digest == hashlib.sha256(text.encode()).hexdigest()
    assert got[len(texts)] == hashlib.sha256(
        "a\ufffdb\ufffd".encode()).hexdigest()
    mixed = hashlib.sha1()
    for i in range(5000):
        mixed.update("ab\u00e9".encode() if i % 2 else bytes([i & 255]))
    assert got[-1] == mixed.hexdigest()


def test_copy_keeps_state(blobs):
    _path, data = blobs[70_000]
    got = run_json(f"""
const crypto = require('crypto');
const data = require('fs').readFileSync({js(blobs[70_000][0])});
const a = crypto.createHash('sha256').update(data.subarray(0, 100));
const b = a.copy();
a.update(data.subarray(100));
console.log(JSON.stringify([a.digest('hex'), b.digest('hex')]));
""")
    assert got == [hashlib.sha256(data).hexdigest(),
                   hashlib.sha256(data[:100]).hexdigest()]


@pytest.mark.parametrize("key", ["k", "x" * 200, ""])
@pytest.mark.parametrize("algorithm", ["sha1", "sha256", "sha512", "md5"])
def test_hmac_matches_python(blobs, key, algorithm):
    path, data = blobs[70_000]
    got = run_json(f"""
const crypto = require('crypto');
const data = require('fs').readFileSync({js(path)});
const key = {js(key)};
const a = crypto.createHmac({js(algorithm)}, key).update(data).digest('hex');
const b = crypto.createHmac({js(algorithm)}, crypto.createSecretKey(
  Buffer.from(key))).update(data.subarray(0, 9)).update(data.subarray(9))
  .digest('hex');
console.log(JSON.stringify([a, b]));
""")
    want = hmac.new(key.encode(), data, algorithm).hexdigest()
    assert got == [want, want]


def test_kdfs_match_python():
    got = run_json("""
const crypto = require('crypto');
console.log(JSON.stringify({
  pbkdf2: crypto.pbkdf2Sync('pw', 'salt', 1000, 64, 'sha512').toString('hex'),
  scrypt: crypto.scryptSync('pw', 'salt', 32, { N: 1024, r: 8, p: 2 })
    .toString('hex'),
  hkdf: Buffer.from(crypto.hkdfSync('sha256', 'ikm', 'salt', 'info', 100))
    .toString('hex'),
}));
""")
    assert got["pbkdf2"] == hashlib.pbkdf2_hmac(
        "sha512", b"pw", b"salt", 1000, 64).hex()
    assert got["scrypt"] == hashlib.scrypt(
        b"pw", salt=b"salt", n=1024, r=8, p=2, dklen=32).hex()
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    want = HKDF(hashes.SHA256(), 100, b"salt", b"info").derive(b"ikm")
    assert got["hkdf"] == want.hex()


# ---------------------------------------------------------------------------
# Keys and signatures, across the two implementations.

def test_exported_keys_load_in_cryptography():
    got = run_json("""
const crypto = require('crypto');
const out = {};
const pairs = {
  rsa: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
  ec: crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  ed25519: crypto.generateKeyPairSync('ed25519'),
};
const encode = (v) => typeof v === 'string' ? v : v.toString('base64');
for (const [kind, { publicKey, privateKey }] of Object.entries(pairs)) {
  const types = kind === 'rsa' ? ['pkcs8', 'pkcs1'] :
    kind === 'ec' ? ['pkcs8', 'sec1'] : ['pkcs8'];
  out[kind] = { private: {}, public: {} };
  for (const type of types) {
    for (const format of ['pem', 'der']) {
      out[kind].private[`${type}.${format}`] =
        encode(privateKey.export({ type, format }));
    }
    out[kind].private[`${type}.pem.enc`] = privateKey.export({
      type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'top secret' });
  }
  out[kind].private['pkcs8.der.enc'] = encode(privateKey.export({
    type: 'pkcs8', format: 'der', cipher: 'aes-128-cbc',
    passphrase: 'top secret' }));
  for (const type of kind === 'rsa' ? ['spki', 'pkcs1'] : ['spki']) {
    for (const format of ['pem', 'der']) {
      out[kind].public[`${type}.${format}`] =
        encode(publicKey.export({ type, format }));
    }
  }
}
console.log(JSON.stringify(out));
""")
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    for kind, exports in got.items():
        reference = None
        for name, text in exports["public"].items():
            data = text.encode() if name.endswith("pem") else base64.b64decode(text)
            loader = serialization.load_pem_public_key if name.endswith("pem") \
                else serialization.load_der_public_key
            public = loader(data).public_bytes(der, spki)
            assert reference in (None, public), (kind, name)
            reference = public
        for name, text in exports["private"].items():
            password = b"top secret" if name.endswith(".enc") else None
            if ".pem" in name:
                key = serialization.load_pem_private_key(text.encode(), password)
            else:
                key = serialization.load_der_private_key(base64.b64decode(text),
                                                         password)
            assert key.public_key().public_bytes(der, spki) == reference, \
                (kind, name)


@pytest.fixture(scope="module")
def python_keys():
    return {
        "rsa": rsa.generate_private_key(65537, 2048),
        "ec": ec.generate_private_key(ec.SECP256R1()),
        "ed25519": ed25519.Ed25519PrivateKey.generate(),
    }


def _pem(key, fmt=serialization.PrivateFormat.PKCS8, password=None):
    encryption = serialization.BestAvailableEncryption(password) if password \
        else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, fmt, encryption).decode()


def test_signatures_verify_in_cryptography(python_keys):
    keys = {
        "rsa": _pem(python_keys["rsa"], serialization.PrivateFormat.TraditionalOpenSSL),
        "ec": _pem(python_keys["ec"], password=b"pw"),
        "ed25519": _pem(python_keys["ed25519"]),
    }
    got = run_json(f"""
const crypto = require('crypto');
const keys = {json.dumps(keys)};
const data = Buffer.from('signed by jstls');
const rsa = crypto.createPrivateKey(keys.rsa);
const ec = crypto.createPrivateKey({{ key: keys.ec, passphrase: 'pw' }});
const ed = crypto.createPrivateKey(keys.ed25519);
const b64 = (b) => b.toString('base64');
console.log(JSON.stringify({{
  rsa: b64(crypto.sign('sha256', data, rsa)),
  pss: b64(crypto.sign('sha384', data, {{ key: rsa,
    padding: crypto.constants.RSA_PKCS1_PSS_PADDING }})),
  ecdsa: b64(crypto.createSign('sha256').update('signed by ')
    .update('jstls').sign(ec)),
  p1363: b64(crypto.sign('sha256', data, {{ key: ec,
                                            dsaEncoding: 'ieee-p1363' }})),
  ed25519: b64(crypto.sign(null, data, ed)),
}}));
""")
    data = b"signed by jstls"
    sig = {k: base64.b64decode(v) for k, v in got.items()}
    python_keys["rsa"].public_key().verify(sig["rsa"], data, padding.PKCS1v15(),
                                           hashes.SHA256())
    python_keys["rsa"].public_key().verify(
        sig["pss"], data,
        padding.PSS(padding.MGF1(hashes.SHA384()), padding.PSS.AUTO),
        hashes.SHA384())
    python_keys["ec"].public_key().verify(sig["ecdsa"], data,
                                          ec.ECDSA(hashes.SHA256()))
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    r, s = sig["p1363"][:32], sig["p1363"][32:]
    python_keys["ec"].public_key().verify(
        encode_dss_signature(int.from_bytes(r, "big"), int.from_bytes(s, "big")),
        data, ec.ECDSA(hashes.SHA256()))
    python_keys["ed25519"].public_key().verify(sig["ed25519"], data)


def test_cryptography_signatures_verify_in_jstls(python_keys):
    data = b"signed by cryptography"
    rsa_key, ec_key = python_keys["rsa"], python_keys["ec"]
    signatures = {
        "rsa": rsa_key.sign(data, padding.PKCS1v15(), hashes.SHA512()),
        "ecdsa": ec_key.sign(data, ec.ECDSA(hashes.SHA256())),
    }
    public = {
        name: key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        for name, key in (("rsa", rsa_key), ("ecdsa", ec_key))
    }
    got = run_json(f"""
const crypto = require('crypto');
const data = Buffer.from({js(data.decode())});
const sig = {json.dumps({k: base64.b64encode(v).decode()
                         for k, v in signatures.items()})};
const pub = {json.dumps(public)};
const s = (k) => Buffer.from(sig[k], 'base64');
console.log(JSON.stringify([
  crypto.verify('sha512', data, pub.rsa, s('rsa')),
  crypto.createVerify('sha256').update(data).verify(pub.ecdsa, s('ecdsa')),
  crypto.verify('sha256', data, pub.rsa, s('rsa')),
  crypto.verify('sha256', Buffer.from('other'), pub.ecdsa, s('ecdsa')),
]));
""")
    assert got == [True, True, False, False]


# ---------------------------------------------------------------------------
# X509Certificate against cryptography's view of the same certificate.

def test_x509_fields(python_keys):
    key = python_keys["ec"]
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NZ"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Acme, Ltd"),
        x509.NameAttribute(NameOID.COMMON_NAME, "acme.test"),
    ])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(0x0123456789ABCDEF)
        .not_valid_before(datetime.datetime(2023, 3, 4, 5, 6, 7))
        .not_valid_after(datetime.datetime(2033, 12, 25, 0, 0, 0))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("acme.test"), x509.DNSName("*.acme.test")]),
            critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    got = run_json(f"""
const {{ X509Certificate }} = require('crypto');
const c = new X509Certificate({js(pem)});
console.log(JSON.stringify({{
  subject: c.subject, issuer: c.issuer, san: c.subjectAltName,
  serial: c.serialNumber, from: c.validFrom, to: c.validTo,
  fp256: c.fingerprint256, raw: c.raw.toString('base64'),
  host: c.checkHost('www.acme.test'), nohost: c.checkHost('a.b.acme.test'),
  verify: c.verify(c.publicKey), ca: c.ca,
}}));
""")
    der = cert.public_bytes(serialization.Encoding.DER)
    assert got["subject"] == "C=NZ\nO=Acme\\, Ltd\nCN=acme.test"
    assert got["issuer"] == got["subject"]
    assert got["san"] == "DNS:acme.test, DNS:*.acme.test"
    assert got["serial"] == "0123456789ABCDEF"
    assert got["from"] == "Mar  4 05:06:07 2023 GMT"
    assert got["to"] == "Dec 25 00:00:00 2033 GMT"
    assert got["fp256"] == ":".join(
        f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))
    assert base64.b64decode(got["raw"]) == der
    assert got["host"] == "*.acme.test"
    assert "nohost" not in got      # undefined: JSON leaves it out
    assert got["verify"] is True
    assert got["ca"] is False


# ---------------------------------------------------------------------------
# Errors: Node's class, code and printed form.

ERRORS = [
    ("crypto.createHash('nope')", "Error", None,
     "Error: Digest method not supported"),
    ("const h = crypto.createHash('sha1'); h.digest(); h.update('x')",
     "Error", "ERR_CRYPTO_HASH_FINALIZED",
     "Error [ERR_CRYPTO_HASH_FINALIZED]: Digest already called"),
    ("crypto.createHash('sha1').update(1)", "TypeError", "ERR_INVALID_ARG_TYPE",
     "TypeError [ERR_INVALID_ARG_TYPE]: The \"data\" argument"),
    ("crypto.createHmac('nope', 'k')", "TypeError", "ERR_CRYPTO_INVALID_DIGEST",
     "TypeError: Invalid digest: nope"),
    ("crypto.timingSafeEqual(Buffer.alloc(1), Buffer.alloc(2))", "RangeError",
     "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
     "RangeError: Input buffers must have the same byte length"),
    ("crypto.randomBytes(-1)", "RangeError", "ERR_OUT_OF_RANGE",
     "RangeError [ERR_OUT_OF_RANGE]"),
    ("crypto.createPrivateKey('not a key')", "Error", "ERR_OSSL_UNSUPPORTED",
     "Error: error:1E08010C:DECODER routines::unsupported"),
    (("crypto.createPublicKey({key: Buffer.from('x'), format: 'der', "
      "type: 'spki'})"), "Error", "ERR_OSSL_ASN1_TOO_LONG",
     "Error: error:0680009B:asn1 encoding routines::too long"),
    ("crypto.generateKeyPairSync('ec', {namedCurve: 'nope'})", "TypeError",
     "ERR_CRYPTO_INVALID_CURVE", "TypeError: Invalid EC curve name"),
    (("crypto.generateKeyPairSync('ed25519').privateKey.export({format: 'pem', "
      "type: 'sec1'})"), "Error", "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
     ("Error [ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS]: The selected key encoding "
      "sec1 can only be used for EC keys.")),
    (("crypto.sign('sha256', Buffer.from('x'), "
      "crypto.generateKeyPairSync('ed25519').publicKey)"), "TypeError",
     "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
     ("TypeError [ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE]: Invalid key object type "
      "public, expected private.")),
    ("new crypto.X509Certificate('nope')", "Error", "ERR_OSSL_PEM_NO_START_LINE",
     "Error: error:0480006C:PEM routines::no start line"),
    ("crypto.scryptSync('a', 'b', 8, {N: 3})", "RangeError",
     "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "RangeError: Invalid scrypt params"),
]


@pytest.mark.parametrize("source,name,code,text", ERRORS,
                         ids=[e[0][:40] for e in ERRORS])
def test_errors_like_node(source, name, code, text):
    got = run_json(f"""
const crypto = require('crypto');
try {{
  {source};
  console.log('null');
}} catch (err) {{
  console.log(JSON.stringify({{ name: err.name, code: err.code,
    text: String(err), instance: err instanceof Error,
    stack: err.stack.split('\\n')[0] }}));
}}
""")
    assert got is not None, "no error thrown"
    assert got["name"] == name
    assert got.get("code") == code
    assert got["text"].startswith(text)
    assert got["stack"].startswith(text)
    assert got["instance"] is True


def test_openssl_errors_carry_library_and_reason():
    got = run_json("""
const crypto = require('crypto');
const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = privateKey.export({ format: 'pem', type: 'pkcs8',
                                cipher: 'aes-128-cbc', passphrase: 'a' });
try {
  crypto.createPrivateKey({ key: pem, passphrase: 'b' });
} catch (err) {
  console.log(JSON.stringify({ keys: Object.keys(err), library: err.library,
                               reason: err.reason, code: err.code }));
}
""")
    assert got["code"] == "ERR_OSSL_BAD_DECRYPT"
    assert got["library"] == "Provider routines"
    assert got["reason"] == "bad decrypt"
    assert got["keys"][-3:] == ["library", "reason", "code"]


# ---------------------------------------------------------------------------
# Lifetimes and scheduling.

def test_host_handles_are_released():
    runtime = Runtime(capture=True)

    def handles():
        # A wrapper's handle goes when the engine collects the wrapper:
        # QuickJS frees most at once, SpiderMonkey (like V8) when it runs
        # a collection, so the count is taken after one.
        runtime.engine.collect()
        return runtime.engine.function("crypto.handle_count")()

    runtime.expose("handles", handles)
    result = runtime.run_script("""
const crypto = require('crypto');
const before = handles();
for (let i = 0; i < 500; i++) crypto.createHash('sha256').update('x');
for (let i = 0; i < 500; i++) crypto.createHash('sha256').digest();
for (let i = 0; i < 50; i++) crypto.createSecretKey(Buffer.from('k'));
const kept = [crypto.createHash('sha1'), crypto.createHmac('sha1', 'k')];
setTimeout(() => console.log(before, handles(), kept.length), 1);
""")
    assert result.exit_code == 0, result.stderr
    before, after, kept = map(int, result.stdout.split())
    assert after - before == kept


def test_callbacks_run_after_the_current_turn():
    out = run("""
const crypto = require('crypto');
crypto.randomBytes(8, (err, buf) => console.log('bytes', err, buf.length));
crypto.pbkdf2('a', 'b', 1, 4, 'sha1', (err, key) => console.log('pbkdf2',
  err, key.length));
crypto.generateKeyPair('ed25519', {}, (err, pub, priv) => console.log('pair',
  err, pub.type, priv.type));
process.nextTick(() => console.log('tick'));
console.log('sync');
""")
    lines = out.splitlines()
    assert lines[:2] == ["sync", "tick"]
    assert sorted(lines[2:]) == ["bytes null 8", "pair null public private",
                                 "pbkdf2 null 4"]
