// `require('jstls/test')`: the helpers Node's own test scripts lean on
// (their test/common), for users' JS tests run by the pytest plugin:
// mustCall / mustCallAtLeast / mustNotCall, checked when the process
// exits, and the fixtures directory.  A failed check prints what was
// expected and sets a non-zero exit code, which fails the pytest item.
'use strict';

const path = require('path');
const { validateFunction } = require('internal/validators');

const checks = [];
let installed = false;

function noop() {}

function installExitCheck() {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    const failed = checks.filter((c) => !c.satisfied());
    for (const c of failed) {
      process.stderr.write(`Mismatched ${c.name} function calls. ` +
        `Expected ${c.expected}, actual ${c.actual}.\n    at ${c.where}\n`);
    }
    if (failed.length > 0 && !process.exitCode) process.exitCode = 1;
  });
}

function callerLocation() {
  const lines = String(new Error().stack).split('\n');
  // [0] header, [1] this function, [2] mustCall*, [3] the test.
  return (lines[3] || '').trim().replace(/^at /, '');
}

function track(fn, expected, atLeast) {
  if (fn === undefined) fn = noop;
  validateFunction(fn, 'fn');
  installExitCheck();
  const check = {
    name: fn.name || '<anonymous>',
    expected: atLeast ? `at least ${expected}` : `exactly ${expected}`,
    actual: 0,
    where: callerLocation(),
    satisfied() {
      return atLeast ? this.actual >= expected : this.actual === expected;
    },
  };
  checks.push(check);
  return function tracked(...args) {
    check.actual++;
    return Reflect.apply(fn, this, args);
  };
}

function mustCall(fn, times = 1) {
  if (typeof fn === 'number') return track(noop, fn, false);
  return track(fn, times, false);
}

function mustCallAtLeast(fn, minimum = 1) {
  if (typeof fn === 'number') return track(noop, fn, true);
  return track(fn, minimum, true);
}

function mustNotCall(message = 'function should not have been called') {
  const where = callerLocation();
  return function mustNotCall(...args) {
    const err = new Error(`${message} at ${where}`);
    err.arguments = args;
    throw err;
  };
}

// JSTLS_FIXTURES if set, else a `fixtures` folder beside the main script.
function fixturesDir() {
  if (process.env.JSTLS_FIXTURES) return process.env.JSTLS_FIXTURES;
  const main = process.argv[1] || process.cwd();
  return path.join(path.dirname(main), 'fixtures');
}

module.exports = {
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  get fixturesDir() {
    return fixturesDir();
  },
  fixture: (...parts) => path.join(fixturesDir(), ...parts),
};
