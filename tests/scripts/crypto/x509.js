// X509Certificate: the text Node shows for names, alt names and access
// info (escapes included), fingerprints, the legacy object tls uses, the
// check* methods and verify().
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const fixture = (name) => fs.readFileSync(path.join(__dirname, 'fixtures',
                                                    name));

function show(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'threw', err.name, err.code, err.message);
  }
}

const ca = new crypto.X509Certificate(fixture('ca-cert.pem'));
const leaf = new crypto.X509Certificate(fixture('leaf-cert.pem').toString());
const ed = new crypto.X509Certificate(fixture('ed-cert.pem'));
const edDer = new crypto.X509Certificate(fixture('ed-cert.der'));
const alt = new crypto.X509Certificate(fixture('dir-cert.pem'));

for (const [label, cert] of [['ca', ca], ['leaf', leaf], ['ed', ed],
  ['alt', alt]]) {
  for (const field of ['subject', 'issuer', 'subjectAltName', 'infoAccess',
    'serialNumber', 'validFrom', 'validTo', 'fingerprint', 'fingerprint256',
    'fingerprint512', 'keyUsage', 'ca', 'issuerCertificate']) {
    show(`${label} ${field}`, () => JSON.stringify(cert[field]));
  }
  show(`${label} raw`, () => `${cert.raw.length} ` +
    cert.raw.toString('hex').slice(0, 24));
  show(`${label} publicKey`, () => `${cert.publicKey.type} ` +
    cert.publicKey.asymmetricKeyType);
  show(`${label} toString`, () => cert.toString() === cert.toJSON() &&
    cert.toString().startsWith('-----BEGIN CERTIFICATE-----\n'));
  show(`${label} legacy`, () => {
    const o = cert.toLegacyObject();
    const out = {};
    for (const [k, v] of Object.entries(o)) {
      out[k] = Buffer.isBuffer(v) ? `<${v.length} ${v.toString('hex')
        .slice(0, 16)}>` : v;
    }
    return JSON.stringify(out);
  });
  show(`${label} legacy prototype`, () => Object.getPrototypeOf(
    cert.toLegacyObject().subject));
}
show('der equals pem', () => edDer.fingerprint256 === ed.fingerprint256);
show('pem text round trip', () => new crypto.X509Certificate(ca.toString())
  .serialNumber);
show('raw round trip', () => new crypto.X509Certificate(leaf.raw).subject
  === leaf.subject);

show('verify leaf by ca', () => leaf.verify(ca.publicKey));
show('verify leaf by itself', () => leaf.verify(leaf.publicKey));
show('verify ca', () => ca.verify(ca.publicKey));
show('verify ed25519', () => ed.verify(ed.publicKey));
show('verify ecdsa sha384', () => alt.verify(alt.publicKey));
show('checkIssued', () => [leaf.checkIssued(ca), ca.checkIssued(leaf),
  ca.checkIssued(ca)].join());
show('checkPrivateKey', () => [
  leaf.checkPrivateKey(crypto.createPrivateKey(fixture('leaf-key.pem'))),
  leaf.checkPrivateKey(crypto.createPrivateKey(fixture('ca-key.pem'))),
].join());

for (const host of ['localhost', 'LOCALHOST', 'a.example.com',
  'b.a.example.com', 'example.com', '.example.com', 'other', '127.0.0.1',
  'localhost.']) {
  show(`checkHost ${host}`, () => [leaf.checkHost(host),
    leaf.checkHost(host, { subject: 'always' }),
    leaf.checkHost(host, { wildcards: false })].join('|'));
}
show('checkHost CN when no SAN', () => ca.checkHost('jstls test CA'));
show('checkHost never', () => ca.checkHost('jstls test CA',
                                           { subject: 'never' }));
for (const ip of ['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '1.2.3.4']) {
  show(`checkIP ${ip}`, () => leaf.checkIP(ip));
}
for (const email of ['a@example.com', 'a@EXAMPLE.com', 'A@example.com',
  'admin@example.com']) {
  show(`checkEmail ${email}`, () => [leaf.checkEmail(email),
    leaf.checkEmail(email, { subject: 'always' })].join('|'));
}

show('garbage', () => new crypto.X509Certificate('garbage'));
show('empty', () => new crypto.X509Certificate(Buffer.alloc(0)));
show('bad pem body', () => new crypto.X509Certificate(
  '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
show('no argument', () => new crypto.X509Certificate());
show('checkHost number', () => leaf.checkHost(1));
show('checkHost bad subject', () => leaf.checkHost('x', { subject: 'x' }));
show('checkIP bad', () => leaf.checkIP('nope'));
show('verify string', () => leaf.verify('x'));
// (Codes only: the messages print the key with util.inspect.)
show('verify private', () => {
  try {
    leaf.verify(crypto.createPrivateKey(fixture('ca-key.pem')));
  } catch (err) {
    return `${err.name} ${err.code}`;
  }
});
show('checkPrivateKey public', () => {
  try {
    leaf.checkPrivateKey(leaf.publicKey);
  } catch (err) {
    return `${err.name} ${err.code}`;
  }
});
show('checkIssued string', () => leaf.checkIssued('x'));
