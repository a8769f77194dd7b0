// `stream`: npm's readable-stream@4, a port of Node 18's streams.  Its
// legacy Stream (the base of Readable and Writable, as in Node) carries
// Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
// promises and the rest, which is what Node's module exports.
//
// Readable.from() is ours: the port routes a sync iterable through an
// async function, so its values arrived a promise job later than Node 20
// delivers them; this one pushes sync values from _read() directly.
'use strict';

const vendor = globalThis.__jstlsVendor.stream();
const { Buffer } = require('buffer');
const { codes } = require('internal/errors');

const { Stream, Readable } = vendor;

Readable.from = function from(iterable, options) {
  if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
    return new Readable({
      objectMode: true,
      ...options,
      read() {
        this.push(iterable);
        this.push(null);
      },
    });
  }
  let iterator;
  let isAsync = false;
  if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
    iterator = iterable[Symbol.asyncIterator]();
    isAsync = true;
  } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
    iterator = iterable[Symbol.iterator]();
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  }

  let pulling = false;
  const readable = new Readable({
    objectMode: true,
    highWaterMark: 1,
    ...options,
    read() {
      if (pulling) return;
      pulling = true;
      if (isAsync) pullAsync();
      else pullSync();
    },
    destroy(err, callback) {
      settleIterator(err).then(() => process.nextTick(callback, err),
                               (e) => process.nextTick(callback, e || err));
    },
  });

  // Push one value; false when the reader wants no more for now.
  function deliver(value) {
    if (value === null) throw new codes.ERR_STREAM_NULL_VALUES();
    if (readable.push(value)) return true;
    pulling = false;
    return false;
  }

  function pullSync() {
    try {
      for (;;) {
        const { value, done } = iterator.next();
        if (done) {
          readable.push(null);
          return;
        }
        if (value !== null && typeof value === 'object' &&
            typeof value.then === 'function') {
          // A promise among the values: wait for it, then go on.
          value.then((settled) => {
            try {
              if (deliver(settled)) pullSync();
            } catch (err) {
              readable.destroy(err);
            }
          }, (err) => readable.destroy(err));
          return;
        }
        if (!deliver(value)) return;
      }
    } catch (err) {
      readable.destroy(err);
    }
  }

  async function pullAsync() {
    try {
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) {
          readable.push(null);
          return;
        }
        if (!deliver(await value)) return;
      }
    } catch (err) {
      readable.destroy(err);
    }
  }

  async function settleIterator(err) {
    if (err !== null && err !== undefined &&
        typeof iterator.throw === 'function') {
      const { done } = await iterator.throw(err);
      if (done) return;
    }
    if (typeof iterator.return === 'function') await iterator.return();
  }

  return readable;
};

module.exports = Stream;
