// The `timers` module: the loop's timer and immediate functions, with
// Node's argument checks.  The scheduling itself is internal/loop's.
'use strict';

const loop = require('internal/loop');

module.exports = {
  setTimeout: loop.setTimeout,
  clearTimeout: loop.clearTimeout,
  setInterval: loop.setInterval,
  clearInterval: loop.clearInterval,
  setImmediate: loop.setImmediate,
  clearImmediate: loop.clearImmediate,
};
