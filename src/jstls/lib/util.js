// `util`: format and inspect are ours (internal/inspect, matching Node 20's
// output); the rest comes from npm's util@0.12, completed with what Node
// has and the port lacks: types for Node's own classes, TextEncoder and
// TextDecoder (the engine has neither), isDeepStrictEqual, stripVTControl-
// Characters.
'use strict';

const vendor = globalThis.__jstlsVendor.util();
const { Buffer } = require('buffer');
const { codes } = require('internal/errors');
const { debuglog } = require('internal/debuglog');

function inspectModule() {
  return require('internal/inspect');
}

function inspect(...args) {
  return inspectModule().inspect(...args);
}
Object.defineProperty(inspect, 'custom', {
  value: Symbol.for('nodejs.util.inspect.custom'), enumerable: true,
});
for (const name of ['defaultOptions', 'colors', 'styles']) {
  Object.defineProperty(inspect, name, {
    get() { return inspectModule().inspect[name]; },
    set(value) { inspectModule().inspect[name] = value; },
    enumerable: true,
  });
}

function format(...args) {
  return inspectModule().format(...args);
}

function formatWithOptions(options, ...args) {
  return inspectModule().formatWithOptions(options, ...args);
}

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input = '') {
    const bytes = Buffer.from(String(input), 'utf8');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  encodeInto(src, dest) {
    const bytes = Buffer.from(String(src), 'utf8');
    let read = 0;
    let written = 0;
    // Copy whole characters only, as the spec requires.
    for (const ch of String(src)) {
      const size = Buffer.byteLength(ch, 'utf8');
      if (written + size > dest.length) break;
      dest.set(bytes.subarray(written, written + size), written);
      written += size;
      read += ch.length;
    }
    return { read, written };
  }
}

const decoderEncodings = new Map([
  ['utf-8', 'utf8'], ['utf8', 'utf8'], ['unicode-1-1-utf-8', 'utf8'],
  ['utf-16le', 'utf16le'], ['utf-16', 'utf16le'], ['latin1', 'latin1'],
  ['iso-8859-1', 'latin1'], ['ascii', 'latin1'], ['us-ascii', 'latin1'],
  ['windows-1252', 'latin1'],
]);

class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const label = String(encoding).trim().toLowerCase();
    const internal = decoderEncodings.get(label);
    if (internal === undefined) {
      const err = new RangeError(`The "${encoding}" encoding is not supported`);
      err.code = 'ERR_ENCODING_NOT_SUPPORTED';
      throw err;
    }
    this._internal = internal;
    this._encoding = label.startsWith('utf-16') ? 'utf-16le' :
      internal === 'utf8' ? 'utf-8' : 'windows-1252';
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
    this._decoder = null;
    this._bomSeen = false;
  }

  get encoding() {
    return this._encoding;
  }

  decode(input, options = {}) {
    let bytes;
    if (input === undefined) {
      bytes = Buffer.alloc(0);
    } else if (ArrayBuffer.isView(input)) {
      bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    } else if (input instanceof ArrayBuffer) {
      bytes = Buffer.from(input);
    } else {
      throw new codes.ERR_INVALID_ARG_TYPE('input',
        ['ArrayBuffer', 'ArrayBufferView'], input);
    }
    if (this._decoder === null) {
      const { StringDecoder } = require('string_decoder');
      this._decoder = new StringDecoder(this._internal);
    }
    let text = this._decoder.write(bytes);
    if (!options.stream) {
      text += this._decoder.end();
      this._decoder = null;
    }
    if (this.fatal && this._internal === 'utf8' && text.includes('\ufffd') &&
        !bytes.includes(Buffer.from('\ufffd'))) {
      const err = new TypeError('The encoded data was not valid for ' +
        'encoding utf-8');
      err.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
      throw err;
    }
    if (!this.ignoreBOM && !this._bomSeen && text.charCodeAt(0) === 0xFEFF) {
      text = text.slice(1);
    }
    this._bomSeen = Boolean(options.stream) && text.length > 0;
    return text;
  }
}

function isDeepStrictEqual(a, b) {
  try {
    require('assert').deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

function deprecate(fn, message, code) {
  if (typeof fn !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('fn', 'function', fn);
  }
  let warned = false;
  function deprecated(...args) {
    if (!warned && !process.noDeprecation) {
      warned = true;
      process.emitWarning(message, 'DeprecationWarning', code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) :
      Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function promisify(original) {
  if (typeof original !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('original', 'function', original);
  }
  return vendor.promisify(original);
}
promisify.custom = vendor.promisify.custom;

function callbackify(original) {
  if (typeof original !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE('original', 'function', original);
  }
  return function callbackified(...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') {
      throw new codes.ERR_INVALID_ARG_TYPE('last argument', 'function',
                                           callback);
    }
    Reflect.apply(original, this, args).then(
      (value) => process.nextTick(callback, null, value),
      (reason) => {
        if (!reason) {
          const err = new codes.ERR_FALSY_VALUE_REJECTION();
          err.reason = reason;
          reason = err;
        }
        process.nextTick(callback, reason);
      });
  };
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  }
  if (superCtor === undefined || superCtor === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new codes.ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object',
                                         superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', {
    value: superCtor, writable: true, configurable: true,
  });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const types = Object.assign({}, vendor.types, {
  isNativeError: (value) => value instanceof Error,
  isKeyObject: (value) => value !== null && typeof value === 'object' &&
    value.constructor !== undefined && value.constructor.name === 'KeyObject',
  isCryptoKey: () => false,
});

function stripVTControlCharacters(text) {
  return inspectModule().stripVTControlCharacters(text);
}

function structuredClone(value) {
  // Enough for plain data: JSON-like values, Dates, Maps, Sets, buffers.
  const seen = new Map();
  function clone(v) {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    let out;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (ArrayBuffer.isView(v)) out = v.slice();
    else if (v instanceof Map) {
      out = new Map();
      seen.set(v, out);
      for (const [k, x] of v) out.set(clone(k), clone(x));
      return out;
    } else if (v instanceof Set) {
      out = new Set();
      seen.set(v, out);
      for (const x of v) out.add(clone(x));
      return out;
    } else {
      out = Array.isArray(v) ? [] : {};
      seen.set(v, out);
      for (const key of Object.keys(v)) out[key] = clone(v[key]);
      return out;
    }
    seen.set(v, out);
    return out;
  }
  return clone(value);
}

module.exports = {
  ...vendor,
  callbackify,
  debuglog,
  debug: debuglog,
  deprecate,
  format,
  formatWithOptions,
  inherits,
  inspect,
  isDeepStrictEqual,
  promisify,
  stripVTControlCharacters,
  structuredClone,
  TextDecoder,
  TextEncoder,
  types,
};
