// Loads jstls library modules (src/jstls/lib/<id>.js) under real Node, for
// comparing them with Node's own modules.  Each library file is a CommonJS
// body expecting (exports, require, module, host); `require` here resolves
// library ids, falling back to Node's built-ins for ids the test does not
// want to load from jstls (e.g. 'buffer').  `host` is whatever the test
// passes (a stub or nothing).
'use strict';

const fs = require('fs');
const nodePath = require('path');

const LIB = nodePath.join(__dirname, '..', '..', 'src', 'jstls', 'lib');

function makeLoader(options = {}) {
  const cache = new Map();
  const native = new Set(options.native || ['buffer', 'events', 'stream',
    'util', 'internal/inspect']);
  const hostObject = options.host || {};
  function load(id) {
    if (cache.has(id)) return cache.get(id).exports;
    if (id === 'internal/inspect') return require('util');
    if (native.has(id)) return require(id);
    const file = nodePath.join(LIB, id + '.js');
    const source = fs.readFileSync(file, 'utf8');
    const module = { exports: {} };
    cache.set(id, module);
    const fn = new Function('exports', 'require', 'module', 'host', source);
    fn(module.exports, load, module, hostObject);
    return module.exports;
  }
  globalThis.__jstls = globalThis.__jstls || { require: load };
  return load;
}

module.exports = { makeLoader };
