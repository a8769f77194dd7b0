// Stands in for npm's `abort-controller`, which readable-stream@4 requires
// when `globalThis.AbortController` is missing (QuickJS has none, nor
// EventTarget or DOMException). The npm package's "browser" entry only
// re-exports the browser's own classes, and its Node entry predates
// `reason`; this follows Node 20 for what streams use: aborted, reason
// (default: an AbortError, as Node's DOMException), throwIfAborted(),
// onabort, add/removeEventListener('abort', fn | {handleEvent}, {once}),
// and AbortSignal.abort(reason).
'use strict';

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kListeners = Symbol('kListeners');
const kOnabort = Symbol('kOnabort');
const kSignal = Symbol('kSignal');
let creating = false;

function abortError() {
  const err = new Error('This operation was aborted');
  err.name = 'AbortError';
  err.code = 20;
  return err;
}

function createSignal() {
  creating = true;
  try {
    return new AbortSignal();
  } finally {
    creating = false;
  }
}

function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason === undefined ? abortError() : reason;
  const event = { type: 'abort', target: signal, currentTarget: signal, isTrusted: true };
  for (const entry of signal[kListeners].slice()) {
    if (entry.removed) continue;
    if (entry.once) signal.removeEventListener('abort', entry.listener);
    const { listener } = entry;
    if (typeof listener === 'function') listener.call(signal, event);
    else listener.handleEvent(event);
  }
}

class AbortSignal {
  constructor() {
    if (!creating) throw new TypeError('Illegal constructor');
    this[kAborted] = false;
    this[kReason] = undefined;
    this[kListeners] = [];
    this[kOnabort] = null;
  }

  get aborted() { return this[kAborted]; }

  get reason() { return this[kReason]; }

  throwIfAborted() {
    if (this[kAborted]) throw this[kReason];
  }

  addEventListener(type, listener, options) {
    if (type !== 'abort' || listener == null) return;
    if (this[kListeners].some((e) => e.listener === listener)) return;
    const once = Boolean(options && typeof options === 'object' && options.once);
    this[kListeners].push({ listener, once, removed: false });
  }

  removeEventListener(type, listener) {
    if (type !== 'abort') return;
    const i = this[kListeners].findIndex((e) => e.listener === listener);
    if (i !== -1) this[kListeners].splice(i, 1)[0].removed = true;
  }

  // An event handler attribute: one listener, registered where it was first
  // set, which calls whatever `onabort` holds at dispatch time.
  get onabort() { return this[kOnabort]; }

  set onabort(handler) {
    const first = this[kOnabort] === null;
    this[kOnabort] = typeof handler === 'function' ? handler : null;
    if (first && this[kOnabort] !== null) {
      this.addEventListener('abort', (event) => {
        if (this[kOnabort] !== null) this[kOnabort].call(this, event);
      });
    }
  }

  static abort(reason) {
    const signal = createSignal();
    abortSignal(signal, reason);
    return signal;
  }

  get [Symbol.toStringTag]() { return 'AbortSignal'; }
}

class AbortController {
  constructor() {
    this[kSignal] = createSignal();
  }

  get signal() { return this[kSignal]; }

  abort(reason) {
    abortSignal(this[kSignal], reason);
  }

  get [Symbol.toStringTag]() { return 'AbortController'; }
}

module.exports = AbortController;
module.exports.AbortController = AbortController;
module.exports.AbortSignal = AbortSignal;
module.exports.default = AbortController;
