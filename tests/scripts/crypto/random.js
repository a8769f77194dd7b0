// randomBytes, randomFill(Sync), randomInt, randomUUID, getRandomValues and
// timingSafeEqual: shapes, ranges and errors (never the random values).
'use strict';
const crypto = require('crypto');

function show(label, fn) {
  try {
    console.log(label, fn());
  } catch (err) {
    console.log(label, 'threw', err.name, err.code, err.message);
  }
}

show('randomBytes 0', () => crypto.randomBytes(0).length);
show('randomBytes 16', () => crypto.randomBytes(16).length);
show('randomBytes 1.5', () => crypto.randomBytes(1.5).length);
show('randomBytes 1MiB', () => crypto.randomBytes(1 << 20).length);
show('is a Buffer', () => Buffer.isBuffer(crypto.randomBytes(4)));
show('differs', () => !crypto.randomBytes(16).equals(crypto.randomBytes(16)));
show('randomBytes -1', () => crypto.randomBytes(-1));
show('randomBytes NaN', () => crypto.randomBytes(NaN));
show('randomBytes str', () => crypto.randomBytes('8'));
show('randomBytes bad cb', () => crypto.randomBytes(4, 'cb'));

{
  const buf = Buffer.alloc(8);
  show('randomFillSync same', () => crypto.randomFillSync(buf) === buf);
  const zeros = Buffer.alloc(8);
  crypto.randomFillSync(zeros, 2, 3);
  show('randomFillSync range', () => [zeros[0], zeros[1], zeros[5], zeros[6],
    zeros[7]].join(','));
  const u32 = new Uint32Array(4);
  crypto.randomFillSync(u32, 1, 2);
  show('randomFillSync elements', () => u32[0] === 0 && u32[3] === 0);
  const ab = new ArrayBuffer(4);
  show('randomFillSync ArrayBuffer', () =>
    crypto.randomFillSync(ab) === ab);
  show('randomFillSync offset', () => crypto.randomFillSync(buf, 9));
  show('randomFillSync size', () => crypto.randomFillSync(buf, 1, 8));
  show('randomFillSync u32 size', () => crypto.randomFillSync(u32, 3, 2));
  show('randomFillSync string', () => crypto.randomFillSync('x'));
  show('randomFillSync bad offset', () => crypto.randomFillSync(buf, 'a'));
}

for (let i = 0; i < 200; i++) {
  const n = crypto.randomInt(3, 9);
  if (!(n >= 3 && n < 9 && Number.isInteger(n))) console.log('bad', n);
  const m = crypto.randomInt(5);
  if (!(m >= 0 && m < 5)) console.log('bad', m);
  const big = crypto.randomInt(-(2 ** 46), 2 ** 46);
  if (!Number.isSafeInteger(big)) console.log('bad', big);
}
{
  const seen = new Set();
  for (let i = 0; i < 500; i++) seen.add(crypto.randomInt(4));
  show('randomInt covers', () => [...seen].sort().join(','));
}
show('randomInt max <= min', () => crypto.randomInt(10, 5));
show('randomInt equal', () => crypto.randomInt(0));
show('randomInt range', () => crypto.randomInt(2 ** 48));
show('randomInt min range', () => crypto.randomInt(5, 5 + 2 ** 48));
show('randomInt float', () => crypto.randomInt(1.5));
show('randomInt unsafe', () => crypto.randomInt(-5, 2 ** 53));
show('randomInt string min', () => crypto.randomInt('1', 5));
show('randomInt bad cb', () => crypto.randomInt(1, 3, 'cb'));

const uuid =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
{
  let ok = true;
  const all = new Set();
  for (let i = 0; i < 300; i++) {
    const u = crypto.randomUUID();
    ok = ok && uuid.test(u);
    all.add(u);
  }
  show('randomUUID format', () => ok && all.size === 300);
}
show('randomUUID options', () => uuid.test(
  crypto.randomUUID({ disableEntropyCache: true })));
show('randomUUID bad option', () => crypto.randomUUID({
  disableEntropyCache: 1 }));
show('randomUUID bad options', () => crypto.randomUUID(1));

{
  const a = new Uint16Array(4);
  show('getRandomValues same', () => crypto.getRandomValues(a) === a);
  show('webcrypto.getRandomValues', () =>
    crypto.webcrypto.getRandomValues(new Int32Array(3)).length);
  show('getRandomValues 65536', () =>
    crypto.getRandomValues(new Uint8Array(65536)).length);
  for (const value of [new Float32Array(2), new Uint8Array(65537)]) {
    try {
      crypto.getRandomValues(value);
    } catch (err) {
      console.log('getRandomValues threw', err.name, err.message);
    }
  }
}

show('timingSafeEqual equal', () => crypto.timingSafeEqual(
  Buffer.from('abc'), Buffer.from('abc')));
show('timingSafeEqual differ', () => crypto.timingSafeEqual(
  Buffer.from('abc'), Buffer.from('abd')));
show('timingSafeEqual views', () => crypto.timingSafeEqual(
  new Uint16Array([1, 2]), Buffer.from([1, 0, 2, 0])));
show('timingSafeEqual ArrayBuffer', () => crypto.timingSafeEqual(
  new Uint8Array([7]).buffer, Buffer.from([7])));
show('timingSafeEqual empty', () => crypto.timingSafeEqual(
  Buffer.alloc(0), Buffer.alloc(0)));
show('timingSafeEqual length', () => crypto.timingSafeEqual(
  Buffer.alloc(2), Buffer.alloc(3)));
show('timingSafeEqual string', () => crypto.timingSafeEqual('ab',
                                                           Buffer.alloc(2)));
show('timingSafeEqual second', () => crypto.timingSafeEqual(Buffer.alloc(2),
                                                           null));

// The callback forms run later, one after another here so that the order
// printed does not depend on a thread pool.
console.log('before callbacks');
crypto.randomBytes(12, (err, buf) => {
  console.log('randomBytes cb', err, buf.length);
  crypto.randomFill(Buffer.alloc(5), 1, (err2, buf2) => {
    console.log('randomFill cb', err2, buf2.length, buf2[0]);
    crypto.randomInt(7, (err3, n) => {
      console.log('randomInt cb', err3, n >= 0 && n < 7);
    });
  });
});
console.log('after callbacks');
