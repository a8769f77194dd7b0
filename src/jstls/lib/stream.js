// `stream`: npm's readable-stream@3 (Node 10's streams, the release the
// tls docs describe), with what later Node added that TLS code relies on:
// Readable.from(), stream/promises, and Stream as the module's export.
'use strict';

const vendor = globalThis.__jstlsVendor.stream();
const EventEmitter = require('events');

const { Readable, Writable, Duplex, Transform, PassThrough } = vendor;

// Node's legacy Stream: the common ancestor, with the old pipe().
function Stream(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Stream, EventEmitter);

// readable-stream's browser build roots its classes at EventEmitter; put
// Stream in between so `x instanceof Stream` holds as in Node.
for (const cls of [Readable, Writable]) {
  if (Object.getPrototypeOf(cls.prototype) === EventEmitter.prototype) {
    Object.setPrototypeOf(cls.prototype, Stream.prototype);
  }
}
Stream.prototype.pipe = Readable.prototype.pipe;

// The browser build's Readable.from() only throws; Node's takes any
// iterable or async iterable.
Readable.from = function from(iterable, options) {
  if (iterable === null || iterable === undefined ||
      (typeof iterable[Symbol.iterator] !== 'function' &&
       typeof iterable[Symbol.asyncIterator] !== 'function')) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  }
  if (typeof iterable === 'string' || iterable instanceof Uint8Array) {
    iterable = [iterable];
  }
  const iterator = typeof iterable[Symbol.asyncIterator] === 'function' ?
    iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
  let reading = false;
  const readable = new Readable({
    objectMode: true,
    highWaterMark: 1,
    ...options,
    read() {
      if (reading) return;
      reading = true;
      pump();
    },
    destroy(err, callback) {
      Promise.resolve(typeof iterator.return === 'function' ?
        iterator.return() : undefined).then(() => callback(err),
        (e) => callback(e || err));
    },
  });
  async function pump() {
    try {
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) {
          readable.push(null);
          break;
        }
        const chunk = await value;
        if (chunk === null) throw new TypeError('null chunk in Readable.from');
        if (!readable.push(chunk)) break;
      }
    } catch (err) {
      readable.destroy(err);
    }
    reading = false;
  }
  return readable;
};

const promises = {
  pipeline(...streams) {
    return new Promise((resolve, reject) => {
      vendor.pipeline(...streams, (err) => err ? reject(err) : resolve());
    });
  },
  finished(stream, options) {
    return new Promise((resolve, reject) => {
      vendor.finished(stream, options || {}, (err) => err ? reject(err) :
        resolve());
    });
  },
};

Object.assign(Stream, {
  Stream,
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  pipeline: vendor.pipeline,
  finished: vendor.finished,
  promises,
});

module.exports = Stream;
