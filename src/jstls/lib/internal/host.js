// The JS half of the host boundary: calls into Python bindings, the bytes
// codec, and the translation of host error records into Node-style errors.
// Library modules receive this object as `host`; user code never sees it.
// It knows the wire format of the engine adapter (engine/dukpy_engine.py),
// nothing about any particular binding.
'use strict';

// dukpy re-installs `call_python` on every eval; keep our own reference so a
// script that shadows the global cannot break the library.
const callPython = globalThis.call_python;

const BYTES_OUT = '__jstlsBytesOut';
const BYTES_IN = '__jstlsBytesIn';

let native = true;
let makeError = null;
let BufferCtor = null;

function configure(options) {
  native = options.native;
  makeError = options.makeError;
  BufferCtor = options.Buffer;
}

// A host error record is {$jstlsError: {name, code, message, ...props}}.
function call(name, ...args) {
  const result = callPython(name, ...args);
  if (result !== null && typeof result === 'object' &&
      result.$jstlsError !== undefined) {
    throw fromRecord(result.$jstlsError);
  }
  return result;
}

// Like call(), but returns the error instead of throwing it: for callers
// that report failures through callbacks or 'error' events.
function tryCall(name, ...args) {
  const result = callPython(name, ...args);
  if (result !== null && typeof result === 'object' &&
      result.$jstlsError !== undefined) {
    return { error: fromRecord(result.$jstlsError) };
  }
  return { value: result };
}

function fromRecord(record) {
  if (makeError !== null) return makeError(record);
  const err = new Error(record.message);
  Object.assign(err, record);
  return err;
}

// Bytes to the host: the returned value is passed as the call's argument.
function bytesOut(view) {
  if (native) {
    globalThis[BYTES_OUT] = view;
    return 0;
  }
  let text = '';
  for (let i = 0; i < view.length; i += 8192) {
    text += String.fromCharCode.apply(null, view.subarray(i, i + 8192));
  }
  return text;
}

// Bytes from the host: `marker` is what the binding returned.
function bytesIn(marker) {
  if (typeof marker === 'string') {
    const out = BufferCtor.allocUnsafe(marker.length);
    for (let i = 0; i < marker.length; i++) out[i] = marker.charCodeAt(i);
    return out;
  }
  const buffer = globalThis[BYTES_IN];
  globalThis[BYTES_IN] = undefined;
  return BufferCtor.from(buffer, 0, marker);
}

module.exports = { call, tryCall, bytesOut, bytesIn, configure, fromRecord };
