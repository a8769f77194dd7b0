// getHashes, getCiphers, getCurves and crypto.constants, and what the
// module exports.
'use strict';
const crypto = require('crypto');

const hashes = crypto.getHashes();
console.log('hashes', hashes.length, hashes.join(' '));
console.log('hashes copy', crypto.getHashes() !== hashes);
for (const name of hashes) {
  crypto.createHash(name).update('x').digest();
}
console.log('every hash works');
const ciphers = crypto.getCiphers();
console.log('ciphers', ciphers.length, ciphers.includes('aes-256-gcm'),
            ciphers.includes('chacha20-poly1305'), ciphers[0]);
const curves = crypto.getCurves();
console.log('curves', curves.length, curves.slice(0, 4).join(' '),
            curves.includes('prime256v1'), curves.includes('secp384r1'));
const c = crypto.constants;
console.log('constants', Object.getPrototypeOf(c), c.RSA_PKCS1_PADDING,
            c.RSA_PKCS1_PSS_PADDING, c.RSA_PSS_SALTLEN_DIGEST,
            c.RSA_PSS_SALTLEN_MAX_SIGN, c.RSA_PSS_SALTLEN_AUTO,
            c.POINT_CONVERSION_UNCOMPRESSED, c.TLS1_2_VERSION,
            c.TLS1_3_VERSION, typeof c.defaultCipherList);
console.log('require(constants) agrees',
            require('constants').RSA_PKCS1_PSS_PADDING ===
            c.RSA_PKCS1_PSS_PADDING);
for (const name of ['createHash', 'createHmac', 'createSign', 'createVerify',
  'createPrivateKey', 'createPublicKey', 'createSecretKey', 'sign',
  'verify', 'randomBytes', 'randomFill', 'randomFillSync', 'randomInt',
  'randomUUID', 'getRandomValues', 'timingSafeEqual', 'pbkdf2',
  'pbkdf2Sync', 'hkdf', 'hkdfSync', 'scrypt', 'scryptSync',
  'generateKeyPair', 'generateKeyPairSync', 'generateKey',
  'generateKeySync', 'getHashes', 'getCiphers', 'getCurves', 'hash',
  'Hash', 'Hmac', 'Sign', 'Verify', 'KeyObject', 'X509Certificate']) {
  if (typeof crypto[name] !== 'function') console.log('missing', name);
}
console.log('getFips', crypto.getFips());
console.log('require node:crypto', require('node:crypto') === crypto);
