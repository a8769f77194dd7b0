// Node's error codes, the host-record translation, and stack traces.
//
// One registry: each code once, alphabetical, with its base class and its
// message.  Errors built here print like Node's internal errors:
// `TypeError [ERR_X]: message`, with `code` as an own property.
//
// Stack traces: the engine names every frame of the library bundle
// `<dukpy>` and every user module compiled with `new Function` `<input>`.
// The host gives each its own range of line numbers (the library from its
// bundle table; user modules by padding their source with newlines), so a
// frame's line number alone says which file it is in.  prepareStackTrace
// turns frames into Node's `    at fn (file:line:col)` lines.
'use strict';

const kLocation = Symbol('jstls.location');

// ---------------------------------------------------------------------------
// Line tables.

let libraryTable = [];            // [[firstLine, moduleId|null], ...]
const userModules = [];           // {first, last, filename, source}
let nextUserLine = 20000;         // below this: code the user eval()s

function setLibraryTable(table) {
  libraryTable = table;
}

// Reserve lines for a user module; returns the padding to put before it.
function registerUserSource(filename, source) {
  const lines = source.split('\n').length;
  // new Function() puts two lines of its own before the body.
  const first = nextUserLine + 3;
  userModules.push({ first, last: first + lines - 1, filename, source });
  const padding = '\n'.repeat(nextUserLine);
  nextUserLine += lines + 1;
  return padding;
}

function findLibrary(line) {
  let lo = 0;
  let hi = libraryTable.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (libraryTable[mid][0] <= line) lo = mid; else hi = mid - 1;
  }
  const entry = libraryTable[lo];
  if (entry === undefined || entry[0] > line || entry[1] === null) return null;
  return { name: displayName(entry[1]), line: line - entry[0] + 1 };
}

function findUser(line) {
  for (let i = userModules.length - 1; i >= 0; i--) {
    const m = userModules[i];
    if (line >= m.first && line <= m.last) {
      return { name: m.filename, line: line - m.first + 1, module: m };
    }
  }
  return null;
}

function displayName(id) {
  if (id.startsWith('internal/')) return 'node:' + id;
  return 'node:' + id;
}

function locate(fileName, line) {
  if (fileName === '<dukpy>') return findLibrary(line);
  if (fileName === '<input>') return findUser(line);
  return null;
}

// ---------------------------------------------------------------------------
// Stack formatting.

// V8's header: `name: message`, never a user's toString().  Coded errors
// get `TypeError [CODE]` by carrying that name while their stack is taken,
// as Node's (and npm assert's) do.
function errorHeader(err) {
  try {
    return Error.prototype.toString.call(err);
  } catch {
    return 'Error';
  }
}

function formatFrames(err, frames) {
  const lines = [];
  let first = null;
  for (const frame of frames) {
    const fileName = frame.getFileName();
    const native = frame.isNative();
    let name = frame.getFunctionName() || '';
    let where;
    if (native || fileName === undefined || fileName === 'native') {
      continue;
    }
    const found = locate(fileName, frame.getLineNumber());
    if (found === null) {
      if (fileName === '<dukpy>' || fileName === '<input>') continue;
      where = `${fileName}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
    } else {
      where = `${found.name}:${found.line}:${frame.getColumnNumber()}`;
      if (first === null && found.module !== undefined) {
        first = { module: found.module, line: found.line,
                  column: frame.getColumnNumber() };
      }
    }
    if (name === 'anonymous' && found !== null && found.module !== undefined &&
        found.module.first === frame.getLineNumber() - found.line + 1) {
      name = 'Object.<anonymous>';
    }
    if (name === '<eval>' || name === '<anonymous>') name = '';
    lines.push(name ? `    at ${name} (${where})` : `    at ${where}`);
    if (lines.length >= (Error.stackTraceLimit || 10)) break;
  }
  if (first !== null && err !== null && typeof err === 'object') {
    try {
      Object.defineProperty(err, kLocation, {
        value: first, enumerable: false, configurable: true, writable: true,
      });
    } catch {
      // A frozen object keeps its stack; it just loses the code frame.
    }
  }
  return lines;
}

function prepareStackTrace(err, frames) {
  const lines = formatFrames(err, frames);
  const header = errorHeader(err);
  return lines.length === 0 ? header : header + '\n' + lines.join('\n');
}

// The `file:line\nsource\n    ^\n` block Node prints above an uncaught
// error, when the throw site is in a user file.
function codeFrame(err) {
  const location = err !== null && typeof err === 'object' ?
    err[kLocation] : undefined;
  if (location === undefined) return '';
  const text = location.module.source.split('\n')[location.line - 1];
  if (text === undefined) return '';
  const caret = ' '.repeat(Math.max(0, location.column - 1)) + '^';
  return `${location.module.filename}:${location.line}\n${text}\n${caret}\n\n`;
}

// ---------------------------------------------------------------------------
// Node-style errors with codes.

function describeReceived(value) {
  if (value === null || value === undefined) return ` Received ${value}`;
  if (typeof value === 'function') {
    return ` Received function ${value.name || '<anonymous>'}`;
  }
  if (typeof value === 'object') {
    const ctor = value.constructor;
    if (ctor && ctor.name) return ` Received an instance of ${ctor.name}`;
    return ` Received ${inspectShort(value)}`;
  }
  let shown = inspectShort(value);
  if (shown.length > 28) shown = shown.slice(0, 25) + '...';
  return ` Received type ${typeof value} (${shown})`;
}

function inspectShort(value) {
  const { inspect } = globalThis.__jstls.require('internal/inspect');
  return inspect(value, { colors: false, depth: -1 });
}

function formatList(items) {
  if (items.length <= 2) return items.join(' or ');
  return items.slice(0, -1).join(', ') + ', or ' + items[items.length - 1];
}

function invalidArgTypeMessage(name, expected, actual) {
  const types = [];
  const instances = [];
  for (const e of Array.isArray(expected) ? expected : [expected]) {
    if (/^[A-Z]/.test(e)) instances.push(e); else types.push(e);
  }
  const kind = name.includes('.') ? 'property' : 'argument';
  let msg = name.endsWith(' argument') ? `The ${name} ` :
    `The "${name}" ${kind} `;
  msg += 'must be ';
  const parts = [];
  if (types.length > 0) {
    parts.push(`${types.length > 1 ? 'one of type' : 'of type'} ` +
               formatList(types));
  }
  if (instances.length > 0) {
    parts.push(`an instance of ${formatList(instances)}`);
  }
  msg += parts.join(' or ') + '.';
  return msg + describeReceived(actual);
}

// code -> [base class, message (string or function of the arguments)]
const messages = {
  ERR_ASSERTION: [Error, (msg) => msg],
  ERR_BUFFER_OUT_OF_BOUNDS: [RangeError,
    (name) => name ? `"${name}" is outside of buffer bounds` :
      'Attempt to access memory outside buffer bounds'],
  ERR_CRYPTO_HASH_FINALIZED: [Error, () => 'Digest already called'],
  ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS: [Error, (encoding, reason) =>
    `The selected key encoding ${encoding} ${reason}.`],
  ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE: [TypeError, (type, expected) =>
    `Invalid key object type ${type}, expected ${expected}.`],
  ERR_CRYPTO_SCRYPT_INVALID_PARAMETER: [Error, () =>
    'Invalid scrypt parameter'],
  ERR_CRYPTO_SIGN_KEY_REQUIRED: [Error, () => 'No key provided to sign'],
  ERR_FALSY_VALUE_REJECTION: [Error, () => 'Promise was rejected with falsy value'],
  ERR_INTERNAL_ASSERTION: [Error, (message) =>
    (message === undefined ? '' : `${message}\n`) +
    'This is caused by either a bug in Node.js or incorrect usage of ' +
    'Node.js internals.\nPlease open an issue with this stack trace at ' +
    'https://github.com/nodejs/node/issues\n'],
  ERR_INVALID_ARG_TYPE: [TypeError, invalidArgTypeMessage],
  ERR_INVALID_ARG_VALUE: [TypeError, (name, value, reason = 'is invalid') => {
    const kind = name.includes('.') ? 'property' : 'argument';
    return `The ${kind} '${name}' ${reason}. Received ${inspectShort(value)}`;
  }],
  ERR_INVALID_CALLBACK: [TypeError, (value) =>
    `Callback must be a function. Received ${inspectShort(value)}`],
  ERR_INVALID_FILE_URL_HOST: [TypeError, (platform) =>
    `File URL host must be "localhost" or empty on ${platform}`],
  ERR_INVALID_FILE_URL_PATH: [TypeError, (reason) => `File URL path ${reason}`],
  ERR_INVALID_IP_ADDRESS: [TypeError, (ip) => `Invalid IP address: ${ip}`],
  ERR_INVALID_THIS: [TypeError, (type) => `Value of "this" must be of type ${type}`],
  ERR_INVALID_URL_SCHEME: [TypeError, (expected) =>
    `The URL must be of scheme ${expected}`],
  ERR_METHOD_NOT_IMPLEMENTED: [Error, (name) =>
    `The ${name} method is not implemented`],
  ERR_MISSING_ARGS: [TypeError, (...names) =>
    `The ${formatList(names.map((n) => `"${n}"`))} argument must be specified`],
  ERR_MULTIPLE_CALLBACK: [Error, () => 'Callback called multiple times'],
  ERR_OUT_OF_RANGE: [RangeError, (name, range, value) =>
    `The value of "${name}" is out of range. It must be ${range}. ` +
    `Received ${typeof value === 'number' ? addNumericalSeparator(value) :
      inspectShort(value)}`],
  ERR_SERVER_ALREADY_LISTEN: [Error, () =>
    'Listen method has been called more than once without closing.'],
  ERR_SERVER_NOT_RUNNING: [Error, () => 'Server is not running.'],
  ERR_SOCKET_BAD_PORT: [RangeError, (name, port, allowZero = true) =>
    `${name} should be ${allowZero ? '>= 0' : '> 0'} and < 65536. ` +
    `Received ${inspectShort(port)}.`],
  ERR_STREAM_DESTROYED: [Error, (name) =>
    `Cannot call ${name} after a stream was destroyed`],
  ERR_STREAM_NULL_VALUES: [TypeError, () => 'May not write null values to stream'],
  ERR_STREAM_WRAP: [Error, () =>
    'Stream has StringDecoder set or is in objectMode'],
  ERR_STREAM_WRITE_AFTER_END: [Error, () => 'write after end'],
  ERR_TLS_CERT_ALTNAME_INVALID: [Error, (reason) =>
    `Hostname/IP does not match certificate's altnames: ${reason}`],
  // Node 20's text names 2048 whatever minDHSize was (Node 10's named
  // 1024, then the default).
  ERR_TLS_DH_PARAM_SIZE: [Error, (size) =>
    `DH parameter size ${size} is less than 2048`],
  ERR_TLS_HANDSHAKE_TIMEOUT: [Error, () => 'TLS handshake timeout'],
  ERR_TLS_INVALID_CONTEXT: [TypeError, (name) =>
    `${name} must be a SecureContext`],
  ERR_TLS_INVALID_PROTOCOL_VERSION: [TypeError, (version, kind) =>
    `${JSON.stringify(version)} is not a valid ${kind} TLS protocol version`],
  ERR_TLS_RENEGOTIATION_DISABLED: [Error, () =>
    'TLS session renegotiation disabled for this socket'],
  ERR_TLS_SESSION_ATTACK: [Error, () =>
    'TLS session renegotiation attack detected'],
  ERR_TLS_SNI_FROM_SERVER: [Error, () =>
    'Cannot issue SNI from a TLS server-side socket'],
  ERR_UNHANDLED_ERROR: [Error, (err) => err === undefined ?
    'Unhandled error.' : `Unhandled error. (${inspectShort(err)})`],
  ERR_UNHANDLED_REJECTION: [Error, (reason) =>
    'This error originated either by throwing inside of an async ' +
    'function without a catch block, or by rejecting a promise which was ' +
    `not handled with .catch(). The promise rejected with the reason ` +
    `"${inspectShort(reason)}".`],
  ERR_UNKNOWN_ENCODING: [TypeError, (enc) => `Unknown encoding: ${enc}`],
  ERR_UNKNOWN_SIGNAL: [TypeError, (sig) => `Unknown signal: ${sig}`],
};

function addNumericalSeparator(value) {
  if (!Number.isInteger(value) || Math.abs(value) < 1000) return String(value);
  const s = String(Math.abs(value));
  let out = '';
  for (let i = s.length; i > 0; i -= 3) {
    out = s.slice(Math.max(0, i - 3), i) + (out ? '_' + out : '');
  }
  return (value < 0 ? '-' : '') + out;
}

const classCache = new Map();

function nodeErrorClass(Base, code) {
  const key = Base.name + ':' + code;
  let cls = classCache.get(key);
  if (cls !== undefined) return cls;
  cls = class NodeError extends Base {
    constructor(message) {
      super(message);
      Object.defineProperty(this, 'code', {
        value: code, enumerable: true, writable: true, configurable: true,
      });
      // Retake the stack under the name `TypeError [CODE]`, so its header
      // reads as Node's does; the name then reverts to the prototype's.
      Object.defineProperty(this, 'name', {
        value: `${Base.name} [${code}]`, configurable: true, writable: true,
      });
      Error.captureStackTrace(this, cls);
      delete this.name;
    }
    toString() {
      return `${this.name} [${code}]: ${this.message}`;
    }
  };
  Object.defineProperty(cls.prototype, 'name', {
    value: Base.name, enumerable: false, writable: true, configurable: true,
  });
  classCache.set(key, cls);
  return cls;
}

// new codes.ERR_X(...args) builds Node's error for that code.
const codes = {};
for (const [code, [Base, message]] of Object.entries(messages)) {
  const make = function (...args) {
    const text = typeof message === 'function' ? message(...args) : message;
    const Cls = nodeErrorClass(Base, code);
    return new Cls(text);
  };
  codes[code] = make;
}

// An error with a code that is not in the registry: host records and
// OpenSSL failures name codes we cannot enumerate in advance.
function errorWithCode(Base, code, message, props) {
  const Cls = nodeErrorClass(Base, code);
  const err = new Cls(message);
  if (props) Object.assign(err, props);
  return err;
}

const baseClasses = { Error, TypeError, RangeError, SyntaxError };

// A host error record: system errors (with errno) are plain Errors whose
// message already carries the code, like libuv's; others are coded errors.
function fromHostRecord(record) {
  const { name, code, message, ...props } = record;
  const Base = baseClasses[name] || Error;
  if (props.errno !== undefined || code === 'MODULE_NOT_FOUND') {
    // System errors carry their fields in Node's order: errno, code,
    // syscall, then the rest.
    const err = new Base(message);
    const { errno, syscall, ...rest } = props;
    if (errno !== undefined) err.errno = errno;
    err.code = code;
    if (syscall !== undefined) err.syscall = syscall;
    Object.assign(err, rest);
    return err;
  }
  if (code === undefined) {
    // An OpenSSL reason Node reports without a code.
    return Object.assign(new Base(message), props);
  }
  return errorWithCode(Base, code, message, props);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'function', value);
  }
}

function install() {
  Error.prepareStackTrace = prepareStackTrace;
}

module.exports = {
  codes,
  codeFrame,
  errorWithCode,
  fromHostRecord,
  install,
  registerUserSource,
  setLibraryTable,
  validateFunction,
  describeReceived,
  kLocation,
};
