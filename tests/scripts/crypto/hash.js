// createHash, createHmac and crypto.hash: digests of fixed inputs in every
// encoding, copy(), XOFs, the stream interface, and Node's errors.
'use strict';
const crypto = require('crypto');

function show(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'threw', err.name, err.code, err.message);
  }
}

const input = Buffer.from(Array.from({ length: 1000 }, (_, i) => i * 7 & 255));

for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
  'sha512-224', 'sha512-256', 'sha3-256', 'sha3-512', 'ripemd160',
  'RSA-SHA256', 'SHA256', 'sha256WithRSAEncryption', 'blake2b512',
  'blake2s256', 'md5-sha1', 'SHA2-256', 'shake128', 'shake256']) {
  show(name, () => crypto.createHash(name).update(input).digest('hex'));
}

const h = () => crypto.createHash('sha256').update('The quick brown fox');
for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary',
  'HEX', 'Base64']) {
  show(`encoding ${enc}`, () => JSON.stringify(h().digest(enc)));
}
show('buffer', () => h().digest().toString('hex'));
show('buffer encoding', () => Buffer.isBuffer(h().digest('buffer')));
show('unknown encoding gives a Buffer', () => Buffer.isBuffer(
  h().digest('bogus')));
show('utf16le length', () => h().digest('utf16le').length);

// Input encodings and types.
show('latin1 in', () => crypto.createHash('sha1').update('caf\xe9', 'latin1')
  .digest('hex'));
show('utf8 in', () => crypto.createHash('sha1').update('caf\xe9')
  .digest('hex'));
show('hex in', () => crypto.createHash('sha1').update('00ff10', 'hex')
  .digest('hex'));
show('base64 in', () => crypto.createHash('sha1').update('AP8Q', 'base64')
  .digest('hex'));
show('lone surrogate', () => crypto.createHash('sha1').update('a\ud800b')
  .digest('hex'));
show('astral', () => crypto.createHash('sha1').update('\u{1F600}')
  .digest('hex'));
show('Uint16Array', () => crypto.createHash('sha1')
  .update(new Uint16Array([1, 2, 0xffff])).digest('hex'));
show('DataView', () => crypto.createHash('sha1')
  .update(new DataView(input.buffer, input.byteOffset + 10, 20))
  .digest('hex'));
show('subarray', () => crypto.createHash('sha1').update(input.subarray(5, 9))
  .digest('hex'));

// Many small updates equal one big one, in any mix of kinds.
{
  const a = crypto.createHash('sha256');
  const parts = [];
  for (let i = 0; i < 3000; i++) {
    const piece = i % 3 === 0 ? `s${i}` : Buffer.from([i & 255, i >> 8]);
    parts.push(Buffer.from(piece));
    a.update(piece);
  }
  const whole = crypto.createHash('sha256').update(Buffer.concat(parts));
  show('mixed updates', () => a.digest('hex') === whole.digest('hex'));
}
{
  // The caller may reuse its buffer right after update().
  const scratch = Buffer.from('abc');
  const a = crypto.createHash('sha1').update(scratch);
  scratch.fill(0);
  show('buffer reuse', () => a.digest('hex'));
}

// copy() and XOF lengths.
{
  const a = crypto.createHash('sha256').update('one');
  const b = a.copy();
  a.update('two');
  show('copy a', () => a.digest('hex'));
  show('copy b', () => b.update('two').digest('hex'));
  show('copy after digest', () => a.copy());
}
show('shake256 len 5', () => crypto.createHash('shake256', { outputLength: 5 })
  .update('x').digest('hex'));
show('shake256 len 0', () => crypto.createHash('shake256', { outputLength: 0 })
  .update('x').digest('hex'));
show('shake128 copy len 3', () => crypto.createHash('shake128').update('x')
  .copy({ outputLength: 3 }).digest('hex'));
show('sha256 len 32', () => crypto.createHash('sha256', { outputLength: 32 })
  .digest('hex'));
show('sha256 len 5', () => crypto.createHash('sha256', { outputLength: 5 }));

// Finalized objects.
{
  const a = crypto.createHash('sha1');
  a.digest();
  show('update after digest', () => a.update('x'));
  show('digest after digest', () => a.digest());
}

// crypto.hash one-shot.
show('hash()', () => crypto.hash('sha1', 'abc'));
show('hash() base64', () => crypto.hash('sha1', 'abc', 'base64'));
show('hash() buffer', () => crypto.hash('md5', Buffer.from('abc'), 'buffer')
  .toString('hex'));
show('hash() unknown', () => crypto.hash('nope', 'abc'));

// HMAC.
const secret = crypto.createSecretKey(Buffer.from('key'));
for (const [label, key] of [['string', 'key'], ['buffer', Buffer.from('key')],
  ['Uint8Array', new Uint8Array([107, 101, 121])], ['KeyObject', secret],
  ['ArrayBuffer', new Uint8Array([107, 101, 121]).buffer], ['empty', ''],
  ['long', 'k'.repeat(300)]]) {
  show(`hmac ${label}`, () => crypto.createHmac('sha256', key)
    .update('message').digest('hex'));
}
for (const name of ['md5', 'sha1', 'sha512', 'sha3-256', 'RSA-SHA384',
  'blake2b512']) {
  show(`hmac ${name}`, () => crypto.createHmac(name, 'k').update(input)
    .digest('base64'));
}
{
  const a = crypto.createHmac('sha1', 'k');
  a.digest();
  show('hmac second digest', () => JSON.stringify(a.digest('hex')));
  show('hmac update after digest', () => a.update('x'));
}

// Errors.
show('unknown hash', () => crypto.createHash('nope'));
show('md4', () => crypto.createHash('md4'));
show('python name', () => crypto.createHash('sha3_256'));
show('bad algorithm', () => crypto.createHash(42));
show('bad data', () => crypto.createHash('sha1').update(42));
show('ArrayBuffer data', () => crypto.createHash('sha1')
  .update(new ArrayBuffer(2)));
show('unknown hmac', () => crypto.createHmac('nope', 'k'));
show('hmac shake', () => crypto.createHmac('shake128', 'k'));
show('bad hmac name', () => crypto.createHmac(1, 'k'));
show('no hmac key', () => crypto.createHmac('sha1'));
show('bad hmac key', () => crypto.createHmac('sha1', 5));
show('private hmac key', () => crypto.createHmac('sha1',
  crypto.generateKeyPairSync('ed25519').privateKey));

// The stream side.
const stream = crypto.createHash('sha1');
stream.setEncoding('hex');
stream.on('data', (d) => console.log('stream data', d));
stream.on('end', () => console.log('stream end'));
stream.write('ab');
stream.end('c');
const hmacStream = crypto.createHmac('sha256', 'k');
hmacStream.on('readable', () => {
  const d = hmacStream.read();
  if (d !== null) console.log('hmac stream', d.toString('hex'));
});
hmacStream.end('data');
console.log('instanceof Transform',
            crypto.createHash('sha1') instanceof require('stream').Transform);
console.log('Hash() without new', crypto.Hash('sha1').constructor.name);
