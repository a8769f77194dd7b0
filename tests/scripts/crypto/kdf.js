// pbkdf2, hkdf and scrypt: fixed inputs, every input type, the errors.
'use strict';
const crypto = require('crypto');

function show(label, fn) {
  try {
    const out = fn();
    console.log(label, out instanceof ArrayBuffer ?
      `ArrayBuffer ${Buffer.from(out).toString('hex')}` : out);
  } catch (err) {
    console.log(label, 'threw', err.name, err.code, err.message);
  }
}

for (const digest of ['sha1', 'sha256', 'sha512', 'md5', 'SHA256',
  'sha3-256', 'RSA-SHA1']) {
  show(`pbkdf2 ${digest}`, () => crypto.pbkdf2Sync('password', 'salt', 10,
                                                    40, digest)
    .toString('hex'));
}
show('pbkdf2 buffers', () => crypto.pbkdf2Sync(Buffer.from('pw'),
  new Uint8Array([1, 2, 3]), 1, 16, 'sha256').toString('hex'));
show('pbkdf2 ArrayBuffer', () => crypto.pbkdf2Sync(
  new Uint8Array([112, 119]).buffer, '', 1, 8, 'sha1').toString('hex'));
show('pbkdf2 keylen 0', () => crypto.pbkdf2Sync('a', 'b', 1, 0, 'sha1')
  .length);
show('pbkdf2 unknown digest', () => crypto.pbkdf2Sync('a', 'b', 1, 8, 'nope'));
show('pbkdf2 no digest', () => crypto.pbkdf2Sync('a', 'b', 1, 8));
show('pbkdf2 iterations 0', () => crypto.pbkdf2Sync('a', 'b', 0, 8, 'sha1'));
show('pbkdf2 keylen -1', () => crypto.pbkdf2Sync('a', 'b', 1, -1, 'sha1'));
show('pbkdf2 float keylen', () => crypto.pbkdf2Sync('a', 'b', 1, 1.5,
                                                    'sha1'));
show('pbkdf2 bad password', () => crypto.pbkdf2Sync(1, 'b', 1, 8, 'sha1'));
show('pbkdf2 bad iterations', () => crypto.pbkdf2Sync('a', 'b', 'x', 8,
                                                      'sha1'));
show('pbkdf2 no callback', () => crypto.pbkdf2('a', 'b', 1, 8, 'sha1'));

for (const digest of ['sha256', 'sha512', 'sha1', 'md5']) {
  show(`hkdf ${digest}`, () => crypto.hkdfSync(digest, 'input key',
                                               'salt', 'info', 42));
}
show('hkdf empty salt', () => crypto.hkdfSync('sha256', 'ikm', '', '', 16));
show('hkdf key object', () => crypto.hkdfSync('sha256',
  crypto.createSecretKey(Buffer.from('ikm')), Buffer.alloc(4), 'i', 16));
show('hkdf max length', () => crypto.hkdfSync('sha256', 'k', 's', 'i',
                                              255 * 32).byteLength);
show('hkdf keylen 0', () => crypto.hkdfSync('sha256', 'k', 's', 'i', 0));
show('hkdf too long', () => crypto.hkdfSync('sha256', 'k', 's', 'i',
                                            255 * 32 + 1));
show('hkdf unknown digest', () => crypto.hkdfSync('nope', 'k', 's', 'i', 4));
show('hkdf bad ikm', () => crypto.hkdfSync('sha256', 5, 's', 'i', 4));

show('scrypt default', () => crypto.scryptSync('password', 'salt', 32)
  .toString('hex'));
show('scrypt N=1024', () => crypto.scryptSync('password', 'NaCl', 64,
  { N: 1024, r: 8, p: 16 }).toString('hex'));
show('scrypt long names', () => crypto.scryptSync('pw', 's', 16,
  { cost: 16, blockSize: 1, parallelization: 1 }).toString('hex'));
show('scrypt keylen 0', () => crypto.scryptSync('pw', 's', 0).length);
show('scrypt N not power of 2', () => crypto.scryptSync('pw', 's', 16,
                                                        { N: 3 }));
show('scrypt memory', () => crypto.scryptSync('pw', 's', 16,
                                              { N: 2 ** 20 }));
show('scrypt maxmem', () => crypto.scryptSync('pw', 's', 16,
  { N: 2 ** 15, maxmem: 64 * 1024 * 1024 }).length);
show('scrypt both names', () => crypto.scryptSync('pw', 's', 16,
                                                  { N: 16, cost: 16 }));

crypto.pbkdf2('pw', 'salt', 2, 8, 'sha256', (err, key) => {
  console.log('pbkdf2 cb', err, key.toString('hex'));
  crypto.hkdf('sha256', 'k', 's', 'i', 8, (err2, key2) => {
    console.log('hkdf cb', err2, Buffer.from(key2).toString('hex'));
    crypto.scrypt('pw', 'salt', 8, { N: 16 }, (err3, key3) => {
      console.log('scrypt cb', err3, key3.toString('hex'));
    });
  });
});
