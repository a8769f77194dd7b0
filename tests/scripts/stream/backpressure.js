'use strict';

const { Readable, Writable, Transform, PassThrough, pipeline, finished } =
  require('stream');

const order = [];
const w = new Writable({
  highWaterMark: 4,
  write(chunk, enc, cb) {
    order.push(`write ${chunk}`);
    setTimeout(cb, 1);
  },
});
console.log('write 1 ->', w.write('aa'));
console.log('write 2 ->', w.write('bbbb'));
w.once('drain', () => {
  order.push('drain');
  w.end('end', () => order.push('end callback'));
});
w.on('finish', () => {
  order.push('finish');
  console.log(order.join(', '));
});

let n = 0;
const src = new Readable({
  read() {
    n++;
    this.push(n <= 3 ? `chunk${n}\n` : null);
  },
});
const upper = new Transform({
  transform(chunk, enc, cb) {
    cb(null, chunk.toString().toUpperCase());
  },
});
let collected = '';
const sink = new Writable({
  write(chunk, enc, cb) {
    collected += chunk;
    cb();
  },
});
pipeline(src, upper, sink, (err) => {
  console.log('pipeline done', err, JSON.stringify(collected));
});

const pt = new PassThrough({ objectMode: true });
pt.on('data', (o) => console.log('object', o));
pt.write({ a: 1 });
pt.end({ b: 2 });
finished(pt, (err) => console.log('finished', err));

const r = new Readable({ read() {} });
r.setEncoding('utf8');
r.on('data', (d) => console.log('data', typeof d, d));
r.on('end', () => console.log('end event'));
r.on('close', () => console.log('close event'));
r.push(Buffer.from('héllo'));
r.pause();
console.log('paused', r.isPaused());
r.resume();
r.push(null);
Readable.from(['x', 'y']).on('data', (d) => console.log('from', d));
