// The JS half of the SpiderMonkey adapter (engine/spidermonkey_engine.py):
// what SpiderMonkey lacks that the library expects of its engine, and the
// helpers the adapter calls.  It is evaluated once per process, as one
// expression whose value is the helper object; nothing here is a module,
// and nothing here knows Node: it makes SpiderMonkey look like the engine
// the library was written against (V8's stack API, as QuickJS-NG offers
// it, a monotonic `performance.now()`, `queueMicrotask`) and no more.
//
// The stack API.  The library formats stacks in Error.prepareStackTrace
// (lib/internal/errors.js), called with V8 CallSite objects.  SpiderMonkey
// records a stack on every Error as text, `name@file:line:column` a line,
// behind an accessor on Error.prototype.  We replace that accessor: the
// first read of `err.stack` parses SpiderMonkey's text into CallSites,
// hands them to Error.prepareStackTrace, and keeps the result as the
// error's own `stack`.  Error.captureStackTrace does the same at once.
(function makeSpiderMonkeyPrelude() {
  'use strict';

  const native = {
    stack: Object.getOwnPropertyDescriptor(Error.prototype, 'stack'),
  };
  const rawStack = native.stack.get;
  const defineProperty = Object.defineProperty;
  const apply = Reflect.apply;

  // -------------------------------------------------------------------------
  // Frames.  SpiderMonkey writes code made by eval() or new Function() as
  // `<outer file> line N > eval` (or `> Function`), with line numbers of its
  // own; the library names such code `<input>`, as QuickJS does, and knows
  // its lines (internal/errors pads user modules to lines of their own).

  const framePattern = /^(.*?)@(.*):(\d+):(\d+)$/;
  const generatedCode = / line \d+ > (?:eval|Function|Function\.prototype)/;

  function parseFrames(text) {
    const frames = [];
    if (typeof text !== 'string') return frames;
    for (const line of text.split('\n')) {
      const match = framePattern.exec(line);
      if (match === null) continue;
      const rawFile = match[2];
      frames.push({
        name: functionName(match[1]),
        file: generatedCode.test(rawFile) ? '<input>' : rawFile,
        rawFile,
        line: Number(match[3]),
        column: Number(match[4]),
      });
    }
    return frames;
  }

  // SpiderMonkey shows inferred names V8 does not (`outer/<`, `obj.f/g`);
  // V8 shows those functions without a name.  An async frame is marked
  // `name*`... in some builds; the mark is dropped.
  function functionName(name) {
    if (name === '' || /[/<]/.test(name)) return '';
    return name.endsWith('*') ? name.slice(0, -1) : name;
  }

  // The V8 CallSite methods the library and user code call.
  class CallSite {
    constructor(frame) {
      this._frame = frame;
    }
    getFileName() { return this._frame.file; }
    getScriptNameOrSourceURL() { return this._frame.file; }
    getLineNumber() { return this._frame.line; }
    getColumnNumber() { return this._frame.column; }
    getFunctionName() { return this._frame.name || null; }
    getMethodName() { return null; }
    getTypeName() { return null; }
    getThis() { return undefined; }
    getFunction() { return undefined; }
    getEvalOrigin() { return undefined; }
    isNative() { return this._frame.file === 'self-hosted'; }
    isEval() { return false; }
    isConstructor() { return false; }
    isToplevel() { return this._frame.name === ''; }
    isAsync() { return false; }
    isPromiseAll() { return false; }
    getPromiseIndex() { return null; }
    toString() {
      const f = this._frame;
      const where = `${f.file}:${f.line}:${f.column}`;
      return f.name ? `${f.name} (${where})` : where;
    }
  }

  function headerOf(err) {
    try {
      return Error.prototype.toString.call(err);
    } catch {
      return 'Error';
    }
  }

  // What V8 prints when no prepareStackTrace is set.
  function defaultFormat(err, sites) {
    const lines = sites.map((site) => `    at ${site}`);
    return [headerOf(err), ...lines].join('\n');
  }

  function format(err, frames) {
    const limit = Error.stackTraceLimit;
    if (typeof limit === 'number' && limit >= 0) {
      frames = frames.slice(0, limit);
    }
    const sites = frames.map((frame) => new CallSite(frame));
    const prepare = Error.prepareStackTrace;
    if (typeof prepare === 'function') return prepare(err, sites);
    return defaultFormat(err, sites);
  }

  // A SyntaxError from new Function() or eval() is positioned where the
  // bad code is, not where it was compiled from: V8 puts that place first.
  // SpiderMonkey names such code by the file that compiled it, with the
  // generated code's own line numbers, so a SyntaxError positioned away
  // from its first frame came from generated code.  One built or thrown by
  // JS (JSON.parse, `throw new SyntaxError`) is positioned at that frame.
  function syntaxFrame(err, frames) {
    if (!(err instanceof SyntaxError)) return null;
    const own = Object.getOwnPropertyDescriptor(err, 'fileName');
    if (own === undefined || typeof own.value !== 'string') return null;
    const first = frames[0];
    const line = err.lineNumber;
    if (first !== undefined && first.rawFile === own.value &&
        first.line === line) {
      return null;
    }
    const generated = generatedCode.test(own.value) ||
      (first !== undefined && first.rawFile === own.value);
    const file = generated ? '<input>' : own.value;
    return { name: '', file, rawFile: own.value, line,
             column: err.columnNumber };
  }

  function ownStack(target, value) {
    defineProperty(target, 'stack', {
      value, writable: true, configurable: true, enumerable: false,
    });
  }

  defineProperty(Error.prototype, 'stack', {
    get() {
      let text;
      try {
        text = apply(rawStack, this, []);
      } catch {
        return undefined;
      }
      const frames = parseFrames(text);
      const first = syntaxFrame(this, frames);
      if (first !== null) frames.unshift(first);
      const value = format(this, frames);
      try {
        ownStack(this, value);
      } catch {
        // A frozen error: format again on every read.
      }
      return value;
    },
    set(value) {
      ownStack(this, value);
    },
    configurable: true,
    enumerable: false,
  });

  // Error.captureStackTrace(target, fn): the stack from here, without the
  // frames from `fn` up.  SpiderMonkey frames carry names, not functions,
  // so `fn` is found by its name; an unnamed `fn` hides nothing.
  function captureStackTrace(target, fn) {
    if (target === null || typeof target !== 'object') {
      throw new TypeError('Invalid argument');
    }
    let frames = parseFrames(apply(rawStack, new Error(), [])).slice(1);
    if (typeof fn === 'function' && fn.name) {
      const index = frames.findIndex((frame) => frame.name === fn.name);
      if (index >= 0) frames = frames.slice(index + 1);
    }
    ownStack(target, format(target, frames));
  }

  // -------------------------------------------------------------------------
  // Helpers for the adapter.

  // Globals that stay from one Runtime to the next: ECMAScript's, plus
  // DOMException, which node and QuickJS also have.  Everything else on the
  // global object belongs to a program, to this adapter, or to the
  // PythonMonkey package (console, timers, URL, XMLHttpRequest, python...),
  // whose versions must not shadow the library's.  LIMITATION: PythonMonkey's
  // `debuggerGlobal` is permanent and read-only, so it stays (not
  // enumerable: Object.keys(globalThis) does not show it).
  const standard = new Set([
    'AggregateError', 'Array', 'ArrayBuffer', 'Atomics', 'BigInt',
    'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView', 'Date',
    'DOMException', 'Error', 'EvalError', 'FinalizationRegistry',
    'Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Infinity',
    'Int16Array', 'Int32Array', 'Int8Array', 'InternalError', 'Intl',
    'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise',
    'Proxy', 'RangeError', 'ReferenceError', 'Reflect', 'RegExp', 'Set',
    'SharedArrayBuffer', 'String', 'Symbol', 'SyntaxError', 'TypeError',
    'URIError', 'Uint16Array', 'Uint32Array', 'Uint8Array',
    'Uint8ClampedArray', 'WeakMap', 'WeakRef', 'WeakSet', 'WebAssembly',
    'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
    'escape', 'eval', 'globalThis', 'isFinite', 'isNaN', 'parseFloat',
    'parseInt', 'undefined', 'unescape',
  ]);

  // The first claim keeps what PythonMonkey put there, to give it back.
  let stashed = null;

  // Built-ins outlive a program (see the adapter's LIMITATION), but the
  // stack hooks a program sets on Error are reset: each library instance
  // installs its own, and a bare engine has none.
  function claimGlobal() {
    const taken = clearGlobal();
    if (stashed === null) stashed = taken;
    delete Error.prepareStackTrace;
  }

  function releaseGlobal() {
    clearGlobal();
    if (stashed !== null) {
      for (const [name, desc] of stashed) defineProperty(globalThis, name, desc);
      stashed = null;
    }
  }

  // A global `var` of a script (the library's vendor bundle has one) cannot
  // be deleted; it is emptied instead, and the next script's `var` reuses it.
  function clearGlobal() {
    const taken = new Map();
    for (const name of Reflect.ownKeys(globalThis)) {
      if (typeof name === 'string' && standard.has(name)) continue;
      taken.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      if (!Reflect.deleteProperty(globalThis, name)) {
        try {
          globalThis[name] = undefined;
        } catch {
          // Read-only and permanent: nothing more can be done.
        }
      }
    }
    return taken;
  }

  function defineHidden(name, value) {
    defineProperty(globalThis, name, {
      value, writable: true, configurable: true, enumerable: false,
    });
  }

  // What a fresh Runtime finds, on top of ECMAScript: the same globals the
  // library finds in QuickJS.
  function installGlobals(dispatch, now) {
    defineHidden('call_python', makeCallPython(dispatch));
    defineHidden('performance', Object.freeze({ now }));
    defineHidden('queueMicrotask', function queueMicrotask(callback) {
      Promise.resolve().then(callback);
    });
    if (typeof Error.captureStackTrace !== 'function') {
      defineProperty(Error, 'captureStackTrace', {
        value: captureStackTrace, writable: true, configurable: true,
        enumerable: false,
      });
    }
    Error.stackTraceLimit = 10;
  }

  // call_python(name, ...args), as the library's host module calls it.
  // Arguments go to Python as they are, except objects, which travel as
  // JSON text (their toJSON() matters, and a Python view of a live JS
  // object is slower to walk than the text is to parse): `mask` says which.
  // What JSON would make null (null, NaN, the infinities, functions) goes
  // as undefined, which Python receives as None.  Python returns a list or
  // dict as JSON text and a string as [text]: results that are containers
  // (poll batches, error records) are the more frequent.
  function makeCallPython(dispatch) {
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    return function call_python(name, ...args) {
      let mask = 0;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        switch (typeof arg) {
          case 'object':
            if (arg === null) {
              args[i] = undefined;
            } else {
              args[i] = stringify(arg);
              mask |= 1 << i;
            }
            break;
          case 'number':
            if (arg - arg !== 0) args[i] = undefined;
            break;
          case 'function':
          case 'symbol':
            args[i] = undefined;
            break;
        }
      }
      const result = dispatch(name, mask, ...args);
      if (typeof result === 'string') return parse(result);
      if (typeof result === 'object' && result !== null) return result[0];
      return result;
    };
  }

  function setHostArguments(name, json) {
    defineHidden(name, parse(json));
  }

  // A bytearray arrives as a Uint8Array over its memory; the library's host
  // module wants the ArrayBuffer (lib/internal/host.js bytesIn).
  function parkBytes(name, view) {
    globalThis[name] = view.buffer;
  }

  // A fresh ArrayBuffer of `size` bytes in the slot, for the host to fill.
  function allocBytes(name, size) {
    const view = new Uint8Array(size);
    globalThis[name] = view.buffer;
    return view;
  }

  function parse(json) {
    return JSON.parse(json);
  }

  function toJSON(value) {
    return JSON.stringify(value);
  }

  // An uncaught error's text for the host: its stack when it has one.
  function describe(err) {
    try {
      if (err !== null && typeof err === 'object' &&
          typeof err.stack === 'string' && err.stack !== '') {
        const stack = err.stack;
        const header = headerOf(err);
        return stack.startsWith(header) ? stack : header + '\n' + stack;
      }
      return 'Uncaught ' + String(err);
    } catch {
      return 'Uncaught exception';
    }
  }

  // The rejection tracker's record, [state, promise, ...] in order (0:
  // rejected with no handler, 1: a handler came later), reduced to the
  // promises still unhandled, stored as [promise, reason, ...] in `slot`.
  function settleRejections(events, slot, promiseDetails) {
    const pending = new Map();
    for (let i = 0; i < events.length; i += 2) {
      const promise = events[i + 1];
      if (events[i] === 0) {
        pending.set(promise, true);
      } else {
        pending.delete(promise);
      }
    }
    const out = globalThis[slot];
    for (const promise of pending.keys()) {
      out.push(promise, promiseDetails(promise)[1]);
    }
    return pending.size;
  }

  return {
    claimGlobal,
    releaseGlobal,
    installGlobals,
    setHostArguments,
    parkBytes,
    allocBytes,
    toJSON,
    describe,
    settleRejections,
  };
})()
