// Entry point for the vendored bundle (see build.mjs).
//
// Every module is exposed through a getter so that evaluating the bundle only
// defines the global `__jstlsVendor`: no module body runs (and nothing touches
// `process`, `Buffer`, timers, ...) until the host first asks for it.
// `require` here is esbuild's bundle-time require; each module is evaluated
// once and cached, so calling a getter twice returns the same object.
'use strict';

module.exports = {
  events: () => require('events'),
  buffer: () => require('buffer'),
  // readable-stream@4: Node 18's streams, unmodified. Its "browser"
  // field selects lib/ours/browser.js, which does not require Node's own
  // 'stream'. The export is Readable, carrying Readable, Writable, Duplex,
  // Transform, PassThrough, pipeline, finished, ...; its .Stream is the
  // legacy Stream (Readable's and Writable's base, as in Node) with the
  // same members plus promises: what Node's 'stream' module exports.
  // Its `process` and `abort-controller` imports go to js/shims/.
  stream: () => {
    // readable-stream defines Readable.prototype[EE.captureRejectionSymbol]
    // as it loads; events@3 lacks that symbol (Node's is this one), which
    // would make a property named "undefined".
    const EE = require('events');
    if (EE.captureRejectionSymbol === undefined) {
      EE.captureRejectionSymbol = Symbol.for('nodejs.rejection');
    }
    return require('readable-stream');
  },
  string_decoder: () => require('string_decoder'),
  util: () => require('util'),
  assert: () => require('assert'),
};
