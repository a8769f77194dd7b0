// util.debuglog: `NODE_DEBUG=tls,net` switches sections on, printing
// `TLS 1234: message` to stderr as Node does.  The host reads the same
// variable for its own (Python-side) debug output.
'use strict';

let enabled = new Set();

function configure(sections) {
  enabled = new Set(sections.map((s) => s.toUpperCase()));
}

function enabledFor(section) {
  const upper = section.toUpperCase();
  if (enabled.has(upper)) return true;
  for (const pattern of enabled) {
    if (pattern.includes('*')) {
      const re = new RegExp('^' + pattern.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
        .replace(/\*/g, '.*') + '$');
      if (re.test(upper)) return true;
    }
  }
  return false;
}

function debuglog(section, callback) {
  let fn = null;
  function init() {
    if (!enabledFor(section)) {
      fn = noop;
      fn.enabled = false;
      return;
    }
    const { formatWithOptions } = require('internal/inspect');
    const prefix = `${section.toUpperCase()} ${process.pid}: `;
    fn = (...args) => {
      host.call('process.write', 2,
                prefix + formatWithOptions({ colors: false }, ...args) + '\n');
    };
    fn.enabled = true;
  }
  const logger = (...args) => {
    if (fn === null) {
      init();
      if (typeof callback === 'function') callback(fn);
    }
    fn(...args);
  };
  Object.defineProperty(logger, 'enabled', {
    get() {
      if (fn === null) init();
      return fn.enabled;
    },
    configurable: true,
  });
  return logger;
}

function noop() {}

module.exports = { configure, debuglog, enabledFor };
