// Boot: wire the host, install Node's globals, build `process`, then hand
// the entry module to the loop.  The host calls boot() once per engine and
// runMain() once per program; evalForHost() and exposeGlobal() serve
// jstls.Runtime.eval() and expose().
'use strict';

const errors = require('internal/errors');

function boot(config) {
  errors.setLibraryTable(config.lineTable);
  errors.install();

  const { Buffer } = require('buffer');
  host.configure({
    native: config.native,
    makeError: errors.fromHostRecord,
    Buffer,
  });

  const loop = require('internal/loop');
  const { createProcess } = require('internal/process');
  const process = createProcess(config);
  defineGlobal('process', process);
  defineGlobal('global', globalThis);
  defineGlobal('Buffer', Buffer);
  loop.configure({
    process,
    exitCode: () => {
      const code = Number(process.exitCode);
      return Number.isInteger(code) ? code : 0;
    },
  });

  const timers = require('timers');
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'clearImmediate']) {
    defineGlobal(name, timers[name]);
  }
  defineGlobal('queueMicrotask', loop.queueMicrotask);

  const util = require('util');
  defineGlobal('TextEncoder', util.TextEncoder);
  defineGlobal('TextDecoder', util.TextDecoder);
  lazyGlobal('console', () => require('console'));
  lazyGlobal('URL', () => require('internal/url').URL);
  lazyGlobal('URLSearchParams', () => require('internal/url').URLSearchParams);
  lazyGlobal('structuredClone', () => (value) => util.structuredClone(value));
  lazyGlobal('atob', () => (text) => Buffer.from(String(text), 'base64')
    .toString('latin1'));
  lazyGlobal('btoa', () => (text) => Buffer.from(String(text), 'latin1')
    .toString('base64'));

  require('internal/debuglog').configure(config.debug);
}

function defineGlobal(name, value) {
  Object.defineProperty(globalThis, name, {
    value, writable: true, configurable: true, enumerable: false,
  });
}

function lazyGlobal(name, make) {
  Object.defineProperty(globalThis, name, {
    get() {
      const value = make();
      defineGlobal(name, value);
      return value;
    },
    set(value) {
      defineGlobal(name, value);
    },
    configurable: true,
    enumerable: false,
  });
}

function runMain(entry) {
  const loop = require('internal/loop');
  const Module = require('internal/modules');
  process.argv = [process.execPath, ...entry.argv];
  return loop.run(() => Module.runMain(entry));
}

// jstls.Runtime.eval(): a global-scope expression, its value as JSON.
function evalForHost(source) {
  const value = (0, eval)(source);
  return value === undefined ? null : value;
}

function exposeGlobal(name) {
  const qualified = 'expose.' + name;
  defineGlobal(name, (...args) => host.call(qualified, ...args));
}

globalThis.__jstls.boot = boot;
globalThis.__jstls.runMain = runMain;
globalThis.__jstls.evalForHost = evalForHost;
globalThis.__jstls.exposeGlobal = exposeGlobal;

module.exports = { boot, runMain };
