'use strict';

const b = Buffer.from('héllo wörld', 'utf8');
console.log(b.length, b.toString('hex'));
console.log(b.toString('base64'), Buffer.from(b.toString('base64'),
  'base64').equals(b));
console.log(Buffer.from('aGk=', 'base64').toString(), Buffer.from('ff00',
  'hex'));
console.log(Buffer.from('héllo', 'latin1'), Buffer.from('hi', 'utf16le'));
console.log(Buffer.from([256, -1, 3.7]), Buffer.byteLength('héllo'));
console.log(Buffer.alloc(4, 'ab'), Buffer.allocUnsafe(3).length);
const c = Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3);
console.log(c.toString(), Buffer.compare(Buffer.from('a'), Buffer.from('b')));
console.log(b.indexOf('wö'), b.includes('llo'), b.slice(1, 3),
            b.subarray(-3));
const w = Buffer.alloc(16);
w.writeUInt32BE(0xdeadbeef, 0);
w.writeInt16LE(-2, 4);
w.writeDoubleLE(1.5, 6);
w.writeBigUInt64BE(2n ** 63n, 8);
console.log(w.readUInt32BE(0).toString(16), w.readInt16LE(4),
            w.readBigUInt64BE(8));
console.log(JSON.stringify(Buffer.from('ab')));
console.log(Buffer.isBuffer(b), Buffer.isBuffer('x'),
            Buffer.isEncoding('latin1'), Buffer.isEncoding('nope'));
const f = Buffer.alloc(5).fill('xy');
console.log(f.toString(), Buffer.from('abc').copy(f, 1), f.toString());
console.log(Buffer.from('ascii\u00ff', 'ascii'), Buffer.from('bin',
  'binary'));
try {
  Buffer.alloc(-1);
} catch (err) {
  console.log(err.name);
}
try {
  Buffer.from({});
} catch (err) {
  console.log(err.name);
}
try {
  Buffer.alloc(2 ** 53);
} catch (err) {
  console.log('huge alloc:', err.name);
}
