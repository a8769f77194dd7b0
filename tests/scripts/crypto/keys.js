// KeyObject: loading PEM/DER/JWK (plain and encrypted, as OpenSSL writes
// them), details, exports (compared byte for byte with node's), key
// generation, and the errors of each.
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
    console.log(label, 'threw', err.name, err.code, err.message,
                err.library, err.reason);
  }
}

function describe(key) {
  return JSON.stringify({
    type: key.type,
    asymmetricKeyType: key.asymmetricKeyType,
    details: key.asymmetricKeyDetails,
    symmetricKeySize: key.symmetricKeySize,
  }, (k, v) => typeof v === 'bigint' ? `${v}n` : v);
}

const rsaKey = crypto.createPrivateKey(fixture('ca-key.pem'));
const ecKey = crypto.createPrivateKey(fixture('leaf-key.pem').toString());
const edKey = crypto.createPrivateKey({ key: fixture('ed-key.pem') });
const rsaPub = crypto.createPublicKey(rsaKey);
const ecPub = crypto.createPublicKey(fixture('leaf-cert.pem'));
const edPub = crypto.createPublicKey(edKey);

for (const [label, key] of [['rsa', rsaKey], ['ec', ecKey], ['ed', edKey],
  ['rsa pub', rsaPub], ['ec pub', ecPub], ['ed pub', edPub]]) {
  show(label, () => describe(key));
}
show('toString', () => String(rsaKey));
show('instanceof', () => rsaKey instanceof crypto.KeyObject);
show('class', () => rsaKey.constructor.name + ' ' + rsaPub.constructor.name);

// Exports: unencrypted ones are deterministic, so node's bytes must match.
const digest = (data) => crypto.createHash('sha256').update(data)
  .digest('hex').slice(0, 16);
for (const [label, key, options] of [
  ['rsa pkcs8 pem', rsaKey, { type: 'pkcs8', format: 'pem' }],
  ['rsa pkcs1 pem', rsaKey, { type: 'pkcs1', format: 'pem' }],
  ['rsa pkcs1 der', rsaKey, { type: 'pkcs1', format: 'der' }],
  ['rsa spki pem', rsaPub, { type: 'spki', format: 'pem' }],
  ['rsa pub pkcs1 pem', rsaPub, { type: 'pkcs1', format: 'pem' }],
  ['ec sec1 pem', ecKey, { type: 'sec1', format: 'pem' }],
  ['ec pkcs8 der', ecKey, { type: 'pkcs8', format: 'der' }],
  ['ec spki der', ecPub, { type: 'spki', format: 'der' }],
  ['ed pkcs8 pem', edKey, { type: 'pkcs8', format: 'pem' }],
  ['ed spki pem', edPub, { type: 'spki', format: 'pem' }],
]) {
  show(label, () => {
    const out = key.export(options);
    return `${typeof out === 'string' ? out.split('\n')[0] : 'Buffer'} ` +
      `${out.length} ${digest(out)}`;
  });
}
show('ec sec1 text', () => ecKey.export({ type: 'sec1', format: 'pem' }));
show('rsa jwk', () => JSON.stringify(rsaPub.export({ format: 'jwk' })));
show('ec jwk', () => JSON.stringify(ecKey.export({ format: 'jwk' })));
show('ed jwk', () => JSON.stringify(edKey.export({ format: 'jwk' })));
show('ed pub jwk', () => JSON.stringify(edPub.export({ format: 'jwk' })));

// Round trips through every encoding.
for (const [label, key, options] of [
  ['rsa pkcs1', rsaKey, { type: 'pkcs1', format: 'der' }],
  ['rsa pkcs8', rsaKey, { type: 'pkcs8', format: 'der' }],
  ['ec sec1', ecKey, { type: 'sec1', format: 'der' }],
  ['ed pkcs8', edKey, { type: 'pkcs8', format: 'der' }],
]) {
  show(`round trip ${label}`, () => crypto.createPrivateKey({
    key: key.export(options), format: 'der', type: options.type,
  }).equals(key));
}
show('round trip spki', () => crypto.createPublicKey({
  key: ecPub.export({ type: 'spki', format: 'der' }), format: 'der',
  type: 'spki' }).equals(ecPub));
show('round trip pub pkcs1', () => crypto.createPublicKey({
  key: rsaPub.export({ type: 'pkcs1', format: 'der' }), format: 'der',
  type: 'pkcs1' }).equals(rsaPub));
show('public from private der', () => crypto.createPublicKey({
  key: rsaKey.export({ type: 'pkcs1', format: 'der' }), format: 'der',
  type: 'pkcs1' }).equals(rsaPub));
show('public from private pem', () => crypto.createPublicKey(
  fixture('ca-key.pem')).equals(rsaPub));
show('round trip jwk', () => crypto.createPrivateKey({
  key: rsaKey.export({ format: 'jwk' }), format: 'jwk' }).equals(rsaKey));
show('round trip ec jwk', () => crypto.createPublicKey({
  key: ecKey.export({ format: 'jwk' }), format: 'jwk' }).equals(ecPub));
show('round trip ed jwk', () => crypto.createPrivateKey({
  key: edKey.export({ format: 'jwk' }), format: 'jwk' }).equals(edKey));
show('equals private/public', () => rsaKey.equals(rsaPub));

// Keys that OpenSSL (node) encrypted.
const pass = 'secret';
show('pkcs8 aes-128', () => crypto.createPrivateKey({
  key: fixture('ca-key-pkcs8-aes128.pem'), passphrase: pass,
}).equals(rsaKey));
show('pkcs1 des3', () => crypto.createPrivateKey({
  key: fixture('ca-key-pkcs1-des3.pem'), passphrase: Buffer.from(pass),
}).equals(rsaKey));
show('sec1 aes-192', () => crypto.createPrivateKey({
  key: fixture('leaf-key-sec1-aes192.pem'), passphrase: pass,
}).equals(ecKey));
show('pkcs8 der aes-256', () => crypto.createPrivateKey({
  key: fixture('leaf-key-pkcs8-aes256.der'), format: 'der', type: 'pkcs8',
  passphrase: pass,
}).equals(ecKey));
show('no passphrase pem', () => crypto.createPrivateKey(
  fixture('ca-key-pkcs8-aes128.pem')));
show('no passphrase der', () => crypto.createPrivateKey({
  key: fixture('leaf-key-pkcs8-aes256.der'), format: 'der', type: 'pkcs8' }));
show('bad passphrase', () => crypto.createPrivateKey({
  key: fixture('ca-key-pkcs1-des3.pem'), passphrase: 'wrong' }));

// Keys we encrypt, read back.
for (const cipher of ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc',
  'des-ede3-cbc']) {
  for (const [key, type] of [[rsaKey, 'pkcs8'], [rsaKey, 'pkcs1'],
    [ecKey, 'sec1']]) {
    show(`encrypt ${type} ${cipher}`, () => {
      const pem = key.export({ format: 'pem', type, cipher,
                               passphrase: 'pw' });
      const back = crypto.createPrivateKey({ key: pem, passphrase: 'pw' });
      return `${pem.split('\n')[0]} ${back.equals(key)}`;
    });
  }
  show(`encrypt der ${cipher}`, () => crypto.createPrivateKey({
    key: ecKey.export({ format: 'der', type: 'pkcs8', cipher,
                        passphrase: 'pw' }),
    format: 'der', type: 'pkcs8', passphrase: 'pw',
  }).equals(ecKey));
}

// Secret keys.
const secret = crypto.createSecretKey(Buffer.from('0123456789'));
show('secret', () => describe(secret));
show('secret from string', () => crypto.createSecretKey('abcd', 'hex')
  .export().toString('hex'));
show('secret export', () => secret.export().toString());
show('secret buffer', () => secret.export({ format: 'buffer' }).length);
show('secret jwk', () => JSON.stringify(secret.export({ format: 'jwk' })));
show('secret pem', () => secret.export({ format: 'pem' }));
show('secret equals', () => secret.equals(
  crypto.createSecretKey(Buffer.from('0123456789'))));
show('generateKeySync hmac', () => describe(
  crypto.generateKeySync('hmac', { length: 64 })));
show('generateKeySync aes', () => describe(
  crypto.generateKeySync('aes', { length: 256 })));

// Generation.
for (const [type, options] of [
  ['rsa', { modulusLength: 1024 }],
  ['rsa', { modulusLength: 512 }],
  ['ec', { namedCurve: 'P-256' }],
  ['ec', { namedCurve: 'secp384r1' }],
  ['ec', { namedCurve: 'secp256k1' }],
  ['ed25519', undefined],
  ['x25519', undefined],
  ['ed448', {}],
]) {
  show(`generate ${type}`, () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(type,
                                                                 options);
    return `${describe(publicKey)} ${describe(privateKey)} ` +
      crypto.createPublicKey(privateKey).equals(publicKey);
  });
}
show('generate with encodings', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc',
                          passphrase: 'x' },
  });
  const priv = crypto.createPrivateKey({ key: privateKey, format: 'der',
                                         type: 'pkcs8', passphrase: 'x' });
  return `${publicKey.split('\n')[0]} ${Buffer.isBuffer(privateKey)} ` +
    crypto.createPublicKey(priv).equals(crypto.createPublicKey(publicKey));
});
show('generate jwk', () => Object.keys(crypto.generateKeyPairSync('ed25519', {
  publicKeyEncoding: { format: 'jwk' } }).publicKey).join());

// Errors.
show('garbage pem', () => crypto.createPrivateKey('garbage'));
show('garbage public', () => crypto.createPublicKey(Buffer.from('garbage')));
show('garbage der', () => crypto.createPrivateKey({
  key: Buffer.from('garbage'), format: 'der', type: 'pkcs8' }));
show('garbage spki', () => crypto.createPublicKey({
  key: Buffer.from('garbage'), format: 'der', type: 'spki' }));
show('spki as pkcs1', () => crypto.createPublicKey({
  key: ecPub.export({ format: 'der', type: 'spki' }), format: 'der',
  type: 'pkcs1' }));
show('der without type', () => crypto.createPrivateKey({
  key: Buffer.alloc(3), format: 'der' }));
show('bad format', () => crypto.createPrivateKey({ key: 'x',
                                                   format: 'foo' }));
show('bad type', () => crypto.createPrivateKey({ key: 'x', type: 'foo' }));
show('number key', () => crypto.createPrivateKey(42));
show('missing key.key', () => crypto.createPrivateKey({}));
show('public pem as private', () => crypto.createPrivateKey(
  rsaPub.export({ type: 'spki', format: 'pem' })));
show('cert as private', () => crypto.createPrivateKey(
  fixture('leaf-cert.pem')));
show('private KeyObject', () => crypto.createPrivateKey(rsaKey));
show('public KeyObject', () => crypto.createPrivateKey(rsaPub));
show('public of public', () => crypto.createPublicKey(rsaPub));
show('public of secret', () => crypto.createPublicKey(secret));
show('jwk not object', () => crypto.createPrivateKey({ key: 'x',
                                                       format: 'jwk' }));
show('jwk bad kty', () => crypto.createPrivateKey({ key: { kty: 'foo' },
                                                    format: 'jwk' }));
show('jwk missing n', () => crypto.createPrivateKey({ key: { kty: 'RSA' },
                                                      format: 'jwk' }));
show('jwk bad point', () => crypto.createPublicKey({ key: { kty: 'EC',
  crv: 'P-256', x: 'AA', y: 'AA' }, format: 'jwk' }));
show('export no options', () => rsaKey.export());
show('export no type', () => rsaKey.export({ format: 'pem' }));
show('export bad format', () => rsaKey.export({ format: 'foo',
                                                type: 'pkcs8' }));
show('export spki private', () => rsaKey.export({ format: 'pem',
                                                  type: 'spki' }));
show('export pkcs8 public', () => rsaPub.export({ format: 'pem',
                                                  type: 'pkcs8' }));
show('export sec1 rsa', () => rsaKey.export({ format: 'pem', type: 'sec1' }));
show('export pkcs1 ec', () => ecKey.export({ format: 'pem', type: 'pkcs1' }));
show('export no passphrase', () => rsaKey.export({ format: 'pem',
  type: 'pkcs8', cipher: 'aes-256-cbc' }));
show('export no cipher', () => rsaKey.export({ format: 'pem',
  type: 'pkcs8', passphrase: 'x' }));
show('export unknown cipher', () => rsaKey.export({ format: 'pem',
  type: 'pkcs8', cipher: 'nope', passphrase: 'x' }));
show('export der pkcs1 cipher', () => rsaKey.export({ format: 'der',
  type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'x' }));
show('export jwk unsupported curve', () => crypto.generateKeyPairSync('ec',
  { namedCurve: 'brainpoolP256r1' }).privateKey.export({ format: 'jwk' }));
show('generate bad type', () => crypto.generateKeyPairSync('nope', {}));
show('generate no type', () => crypto.generateKeyPairSync());
show('generate no modulus', () => crypto.generateKeyPairSync('rsa', {}));
show('generate no curve', () => crypto.generateKeyPairSync('ec', {}));
show('generate bad curve', () => crypto.generateKeyPairSync('ec',
  { namedCurve: 'nope' }));
show('generate bad encoding', () => crypto.generateKeyPairSync('ed25519',
  { privateKeyEncoding: 'pem' }));
show('generate encoding no format', () => crypto.generateKeyPairSync(
  'ed25519', { privateKeyEncoding: { type: 'pkcs8' } }));
show('generate no callback', () => crypto.generateKeyPair('ed25519', {}));
show('KeyObject constructor', () => new crypto.KeyObject('secret', {}));
show('equals non-key', () => rsaKey.equals('x'));
show('secret bad key', () => crypto.createSecretKey(5));

// Last: in node 20 this leaves an OpenSSL error queued that a later
// passphrase-protected load reports instead of its own result.
show('equals other key', () => rsaPub.equals(ecPub));

crypto.generateKeyPair('ec', { namedCurve: 'P-384' }, (err, pub, priv) => {
  console.log('generateKeyPair cb', err, pub.type, priv.type,
              JSON.stringify(priv.asymmetricKeyDetails));
  crypto.generateKeyPair('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
  }, (err2, pub2, priv2) => {
    console.log('generateKeyPair encoded', err2, pub2.length, priv2.type);
  });
});
