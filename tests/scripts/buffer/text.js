'use strict';
// Text in and out of Buffers, long and short (jstls takes other roads for
// long texts): every encoding that has a fast path, odd characters (lone
// surrogates, astral ones, NUL, '%'), bytes that are not UTF-8, and
// start/end arguments.  Printed as hashes so that long outputs stay short.

const crypto = require('crypto');
const { StringDecoder } = require('string_decoder');

const digest = (x) => crypto.createHash('sha256').update(x).digest('hex')
  .slice(0, 16);
const show = (label, value) => console.log(label.padEnd(40),
                                           `${value.length} ${digest(value)}`);

const texts = {
  ascii: 'The quick brown fox. '.repeat(20),
  short: 'short text',
  latin1: 'caf\u00e9 \u00fc\u00df\u00ff '.repeat(30),
  bmp: 'snow \u2603 and \u20ac euro '.repeat(30),
  astral: 'grin \u{1F600} face '.repeat(30),
  loneHigh: 'a\ud800b'.repeat(40),
  loneLow: 'x\udc00y'.repeat(40),
  pairEnd: 'z'.repeat(70) + '\ud83d',
  controls: '\u0000%25%%\u0001+/?'.repeat(20),
  edge63: 'e'.repeat(63),
  edge64: '\u00e9'.repeat(64),
};
for (const [name, text] of Object.entries(texts)) {
  for (const encoding of ['utf8', 'utf-8', 'UTF8', 'latin1', 'binary',
                          'ascii']) {
    const buf = Buffer.from(text, encoding);
    show(`${name} from ${encoding}`, buf);
    show(`${name} ${encoding} round trip`, buf.toString(encoding));
  }
  show(`${name} default`, Buffer.from(text).toString());
}

// Bytes that are not well-formed UTF-8, long enough for the fast path.
const bad = [
  Buffer.concat([Buffer.alloc(80, 0x61), Buffer.from([0xc3])]),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(80, 0x62)]),
  Buffer.concat([Buffer.alloc(40, 0x63), Buffer.from([0xed, 0xa0, 0x80]),
                 Buffer.alloc(40, 0x63)]),
  Buffer.concat([Buffer.alloc(70, 0x64), Buffer.from([0xc0, 0xaf])]),
  Buffer.concat([Buffer.alloc(70, 0x65),
                 Buffer.from([0xf4, 0x90, 0x80, 0x80])]),
];
bad.forEach((buf, i) => {
  show(`bad ${i} utf8`, buf.toString('utf8'));
  show(`bad ${i} latin1`, buf.toString('latin1'));
  show(`bad ${i} ascii`, buf.toString('ascii'));
});

// Ranges.
const all = Buffer.from(texts.bmp);
for (const [start, end] of [[0, 64], [1, 100], [10], [undefined, 90],
                            [0, all.length], [5, 4], [-3, 70], [0, 1e9],
                            ['2', 80], [1.5, 90]]) {
  show(`range ${start},${end}`, all.toString('utf8', start, end));
  show(`range ${start},${end} latin1`, all.toString('latin1', start, end));
}

// Streaming decoders split multi-byte characters across chunks.
const decoder = new StringDecoder('utf8');
let streamed = '';
const astral = Buffer.from(texts.astral.repeat(10));
for (let i = 0; i < astral.length; i += 97) {
  streamed += decoder.write(astral.subarray(i, i + 97));
}
streamed += decoder.end();
show('string_decoder astral', streamed);
console.log('matches', streamed === texts.astral.repeat(10));
show('TextDecoder', new TextDecoder().decode(Buffer.from(texts.bmp)));
show('TextEncoder', new TextEncoder().encode(texts.astral));
