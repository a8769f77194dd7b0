// `console` and its Console class: Node's methods, formatted with
// util.format/inspect, written to process.stdout / process.stderr (or the
// streams a Console was built with).
'use strict';

const { formatWithOptions, inspect } = require('internal/inspect');
const { codes } = require('internal/errors');

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kIndent = Symbol('indent');

class Console {
  constructor(stdout, stderr, ignoreErrors) {
    let options = stdout;
    if (options === null || typeof options !== 'object' ||
        typeof options.write === 'function') {
      options = { stdout, stderr, ignoreErrors };
    }
    if (!options.stdout || typeof options.stdout.write !== 'function') {
      throw new codes.ERR_INVALID_ARG_TYPE('stdout', 'WritableStream',
                                           options.stdout);
    }
    this._stdout = options.stdout;
    this._stderr = options.stderr || options.stdout;
    this._inspectOptions = options.inspectOptions || {};
    this[kCounts] = new Map();
    this[kTimers] = new Map();
    this[kIndent] = '';
    // Node's console methods work detached (`const { log } = console`).
    for (const name of Object.getOwnPropertyNames(Console.prototype)) {
      if (name !== 'constructor' && typeof this[name] === 'function') {
        this[name] = this[name].bind(this);
      }
    }
  }

  _write(stream, args) {
    let text = formatWithOptions(this._inspectOptions, ...args);
    if (this[kIndent] !== '') {
      text = this[kIndent] + text.split('\n').join('\n' + this[kIndent]);
    }
    stream.write(text + '\n');
  }

  log(...args) { this._write(this._stdout, args); }
  info(...args) { this._write(this._stdout, args); }
  debug(...args) { this._write(this._stdout, args); }
  warn(...args) { this._write(this._stderr, args); }
  error(...args) { this._write(this._stderr, args); }

  dir(object, options) {
    this._write(this._stdout, [inspect(object, {
      customInspect: false, ...this._inspectOptions, ...options,
    })]);
  }

  dirxml(...args) { this.log(...args); }

  trace(...args) {
    const err = new Error(formatWithOptions(this._inspectOptions, ...args));
    err.name = 'Trace';
    Error.captureStackTrace(err, this.trace);
    this._write(this._stderr, [err.stack]);
  }

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      this.warn(...args);
    }
  }

  count(label = 'default') {
    label = `${label}`;
    const count = (this[kCounts].get(label) || 0) + 1;
    this[kCounts].set(label, count);
    this.log(`${label}: ${count}`);
  }

  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  }

  group(...args) {
    if (args.length > 0) this.log(...args);
    this[kIndent] += '  ';
  }

  groupCollapsed(...args) { this.group(...args); }

  groupEnd() {
    this[kIndent] = this[kIndent].slice(0, -2);
  }

  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, process.hrtime());
  }

  timeEnd(label = 'default') {
    if (this._timeLog('timeEnd', `${label}`, [])) {
      this[kTimers].delete(`${label}`);
    }
  }

  timeLog(label = 'default', ...data) {
    this._timeLog('timeLog', `${label}`, data);
  }

  _timeLog(name, label, data) {
    const start = this[kTimers].get(label);
    if (start === undefined) {
      process.emitWarning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const [s, ns] = process.hrtime(start);
    const ms = s * 1000 + ns / 1e6;
    this.log(`${label}: ${formatTime(ms)}`, ...data);
    return true;
  }

  table(data) {
    // LIMITATION: no box drawing; tables print as inspected values.
    this.log(data);
  }
}

function formatTime(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
  return `${ms.toFixed(3)}ms`;
}

// The global console writes through whatever process.stdout/stderr are at
// call time, so a script that replaces them is still honoured.
const globalConsole = Object.create(Console.prototype);
Object.defineProperties(globalConsole, {
  _stdout: { get: () => process.stdout, configurable: true },
  _stderr: { get: () => process.stderr, configurable: true },
});
globalConsole._inspectOptions = {};
globalConsole[kCounts] = new Map();
globalConsole[kTimers] = new Map();
globalConsole[kIndent] = '';
for (const name of Object.getOwnPropertyNames(Console.prototype)) {
  if (name !== 'constructor' && typeof Console.prototype[name] === 'function') {
    globalConsole[name] = Console.prototype[name].bind(globalConsole);
  }
}
globalConsole.Console = Console;

module.exports = globalConsole;
