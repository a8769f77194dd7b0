// Signatures: one-shot sign/verify and createSign/createVerify with RSA
// (PKCS#1 v1.5 and PSS), ECDSA (DER and IEEE P1363) and Ed25519.  RSA
// PKCS#1 v1.5 and Ed25519 signatures are deterministic, so they are printed
// and must be node's; the others are checked by verifying.
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

const rsaPem = fixture('ca-key.pem');
const rsaKey = crypto.createPrivateKey(rsaPem);
const rsaPub = crypto.createPublicKey(rsaKey);
const ecKey = crypto.createPrivateKey(fixture('leaf-key.pem'));
const ecPub = crypto.createPublicKey(fixture('leaf-cert.pem'));
const edKey = crypto.createPrivateKey(fixture('ed-key.pem'));
const edPub = crypto.createPublicKey(edKey);
const data = Buffer.from('data to be signed');
const short = (buf) => buf.toString('hex').slice(0, 32);
const { RSA_PKCS1_PSS_PADDING, RSA_PSS_SALTLEN_DIGEST } = crypto.constants;

for (const alg of ['sha1', 'sha256', 'sha384', 'sha512', 'RSA-SHA256',
  'sha3-256', 'md5', null]) {
  show(`rsa ${alg}`, () => {
    const sig = crypto.sign(alg, data, rsaKey);
    return `${sig.length} ${short(sig)} ` +
      crypto.verify(alg, data, rsaPub, sig);
  });
}
show('rsa pem key', () => short(crypto.sign('sha256', data, rsaPem)));
show('rsa key object option', () => short(crypto.sign('sha256', data,
                                                      { key: rsaKey })));
show('rsa string data', () => short(crypto.sign('sha256', 'text', rsaKey)));
show('rsa verify with private', () => crypto.verify('sha256', data, rsaKey,
  crypto.sign('sha256', data, rsaKey)));
show('rsa verify pem', () => crypto.verify('sha256', data,
  rsaPub.export({ type: 'spki', format: 'pem' }),
  crypto.sign('sha256', data, rsaKey)));
show('rsa verify cert pem', () => crypto.verify('sha256', data,
  fixture('ca-cert.pem'), crypto.sign('sha256', data, rsaKey)));
show('rsa wrong data', () => crypto.verify('sha256', Buffer.from('other'),
  rsaPub, crypto.sign('sha256', data, rsaKey)));
show('rsa wrong alg', () => crypto.verify('sha512', data, rsaPub,
  crypto.sign('sha256', data, rsaKey)));
show('rsa junk signature', () => crypto.verify('sha256', data, rsaPub,
  Buffer.alloc(3)));

for (const saltLength of [undefined, RSA_PSS_SALTLEN_DIGEST, 0, 20]) {
  show(`pss salt ${saltLength}`, () => {
    const opts = { padding: RSA_PKCS1_PSS_PADDING, saltLength };
    const sig = crypto.sign('sha256', data, { key: rsaKey, ...opts });
    return `${sig.length} ` +
      crypto.verify('sha256', data, { key: rsaPub, ...opts }, sig) + ' ' +
      crypto.verify('sha256', data, { key: rsaPub,
                                      padding: RSA_PKCS1_PSS_PADDING }, sig) +
      ' ' + crypto.verify('sha256', data, rsaPub, sig);
  });
}
show('pss deterministic with salt 0', () => short(crypto.sign('sha256', data,
  { key: rsaKey, padding: RSA_PKCS1_PSS_PADDING, saltLength: 0 })));

for (const alg of ['sha256', 'sha384', 'sha1', null]) {
  show(`ecdsa ${alg}`, () => {
    const sig = crypto.sign(alg, data, ecKey);
    return `${sig[0]} ${crypto.verify(alg, data, ecPub, sig)}`;
  });
}
show('ecdsa p1363', () => {
  const sig = crypto.sign('sha256', data, { key: ecKey,
                                            dsaEncoding: 'ieee-p1363' });
  return `${sig.length} ` +
    crypto.verify('sha256', data, { key: ecPub, dsaEncoding: 'ieee-p1363' },
                  sig) + ' ' + crypto.verify('sha256', data, ecPub, sig);
});

show('ed25519', () => crypto.sign(null, data, edKey).toString('base64'));
show('ed25519 undefined alg', () => crypto.sign(undefined, data, edKey)
  .length);
show('ed25519 verify', () => crypto.verify(null, data, edPub,
  crypto.sign(null, data, edKey)));
show('ed25519 bad', () => crypto.verify(null, data, edPub,
  Buffer.alloc(64)));
show('ed25519 with digest', () => crypto.sign('sha256', data, edKey));

// Streaming.
show('createSign rsa', () => crypto.createSign('sha256').update('data to ')
  .update('be signed').sign(rsaKey, 'hex').slice(0, 32));
show('createSign = sign()', () => crypto.createSign('SHA256').update(data)
  .sign(rsaKey).equals(crypto.sign('sha256', data, rsaKey)));
show('createSign pem', () => crypto.createSign('sha1').update(data)
  .sign(rsaPem, 'base64').slice(0, 20));
show('createVerify', () => {
  const sig = crypto.createSign('sha256').update(data).sign(ecKey);
  return crypto.createVerify('sha256').update(data).verify(ecPub, sig);
});
show('createVerify encoded', () => {
  const sig = crypto.createSign('sha384').update(data).sign(rsaKey, 'base64');
  return crypto.createVerify('sha384').update(data)
    .verify(rsaPub, sig, 'base64');
});
show('createVerify pss', () => {
  const key = { key: rsaKey, padding: RSA_PKCS1_PSS_PADDING };
  const sig = crypto.createSign('sha256').update(data).sign(key);
  return crypto.createVerify('sha256').update(data)
    .verify({ key: rsaPub, padding: RSA_PKCS1_PSS_PADDING }, sig);
});
show('createSign p1363', () => crypto.createSign('sha256').update(data)
  .sign({ key: ecKey, dsaEncoding: 'ieee-p1363' }).length);
show('createSign ed25519', () => crypto.createSign('sha256').update(data)
  .sign(edKey));
{
  const s = crypto.createSign('sha256');
  s.update(data);
  s.sign(rsaKey);
  show('sign twice', () => s.sign(rsaKey));
  show('update after sign', () => s.update('x'));
}
{
  const v = crypto.createVerify('sha256');
  v.update(data);
  v.verify(rsaPub, Buffer.alloc(2));
  show('verify twice', () => v.verify(rsaPub, Buffer.alloc(2)));
}

// Errors.
show('sign unknown digest', () => crypto.sign('nope', data, rsaKey));
show('createSign unknown', () => crypto.createSign('nope'));
show('sign public key', () => crypto.sign('sha256', data, rsaPub));
show('sign public pem', () => crypto.sign('sha256', data,
  rsaPub.export({ type: 'spki', format: 'pem' })));
show('sign secret key', () => crypto.sign('sha256', data,
  crypto.createSecretKey(Buffer.from('k'))));
show('verify secret key', () => crypto.verify('sha256', data,
  crypto.createSecretKey(Buffer.from('k')), Buffer.alloc(2)));
show('sign number data', () => crypto.sign('sha256', 5, rsaKey));
show('sign number key', () => crypto.sign('sha256', data, 5));
show('sign number alg', () => crypto.sign(5, data, rsaKey));
show('verify string sig', () => crypto.verify('sha256', data, rsaPub, 'x'));
show('bad padding', () => crypto.sign('sha256', data,
  { key: rsaKey, padding: 99 }));
show('bad saltLength', () => crypto.sign('sha256', data,
  { key: rsaKey, padding: RSA_PKCS1_PSS_PADDING, saltLength: 'x' }));
show('bad dsaEncoding', () => crypto.sign('sha256', data,
  { key: ecKey, dsaEncoding: 'x' }));
show('sign no key', () => crypto.createSign('sha256').update(data).sign());
show('verify no key', () => crypto.createVerify('sha256').update(data)
  .verify());
show('verify bad signature', () => crypto.createVerify('sha256')
  .update(data).verify(rsaPub, 5));
show('x25519 sign', () => crypto.sign(null, data,
  crypto.generateKeyPairSync('x25519').privateKey));

// Streams and callbacks.
const signer = crypto.createSign('sha256');
signer.write('data to ');
signer.end('be signed');
signer.on('finish', () => {
  const sig = signer.sign(rsaKey);
  console.log('stream sign', sig.equals(crypto.sign('sha256', data, rsaKey)));
  crypto.sign('sha256', data, ecKey, (err, sig2) => {
    console.log('sign cb', err, sig2[0]);
    crypto.verify('sha256', data, ecPub, sig2, (err2, ok) => {
      console.log('verify cb', err2, ok);
    });
  });
});
