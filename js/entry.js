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
  // The "browser" field of readable-stream selects readable-browser.js, which
  // does not require Node's own 'stream'.
  stream: () => require('readable-stream'),
  string_decoder: () => require('string_decoder'),
  util: () => require('util'),
  assert: () => require('assert'),
};
