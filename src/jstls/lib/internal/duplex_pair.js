// Two Duplex streams joined crosswise: what is written to one is read from
// the other.  The deprecated tls.createSecurePair() hands one end out as
// its encrypted stream and runs a TLSSocket over the other.  A write
// completes only when the other end's reader asks for more, so a slow
// reader holds the writer back (backpressure), as Node's pair does.
'use strict';

const { Duplex } = require('stream');

const kPeer = Symbol('peer');
const kWriteDone = Symbol('writeDone');

class PairEnd extends Duplex {
  constructor(options) {
    super(options);
    this[kPeer] = null;
    this[kWriteDone] = null;
  }

  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      process.nextTick(callback);
      return;
    }
    this[kWriteDone] = callback;
    this[kPeer].push(chunk);
  }

  _final(callback) {
    this[kPeer].push(null);
    callback();
  }

  // The peer's pending write is done once this end wants more.
  _read() {
    const peer = this[kPeer];
    const done = peer[kWriteDone];
    if (done) {
      peer[kWriteDone] = null;
      done();
    }
  }
}

function duplexPair(options) {
  const first = new PairEnd(options);
  const second = new PairEnd(options);
  first[kPeer] = second;
  second[kPeer] = first;
  return [first, second];
}

module.exports = { duplexPair };
