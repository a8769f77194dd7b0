// `buffer`: npm's buffer@6 (Node's Buffer on Uint8Array), plus the module
// members Node has that the port lacks, and fast paths for text.
//
// The port encodes and decodes text a byte at a time in JS, which QuickJS
// (as dukpy builds it) runs at a few MB/s: a 1 KiB session as latin1 took
// a quarter of a millisecond, a 64 KiB chunk decoded by setEncoding('utf8')
// tens of milliseconds.  So long texts take other roads: decoding through
// String.fromCharCode over whole slices and the engine's native escape()
// and decodeURIComponent(); encoding on the host (bindings/buffer.py).
// Anything else (other encodings, odd arguments, UTF-8 that is not well
// formed, which the port decodes with Node's replacements) stays with the
// port.
'use strict';

const vendor = globalThis.__jstlsVendor.buffer();
const { Buffer } = vendor;

const kMaxLength = vendor.kMaxLength;

// Below this many characters or bytes the port's own code is cheaper than
// the detour.
const FAST_MIN = 64;
const SLICE = 8192;  // arguments per String.fromCharCode call

// 'utf8' or 'latin1' for the encodings the fast paths take, else null.
// Writing 'ascii' is writing latin1 (each code unit's low byte), reading
// it is not (Node masks the high bit), so it counts only when `writing`.
function fastEncoding(encoding, writing) {
  if (encoding === undefined || encoding === 'utf8') return 'utf8';
  if (typeof encoding !== 'string') return null;
  switch (encoding.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return writing ? 'latin1' : null;
    default: return null;
  }
}

function latin1Text(bytes, from, to) {
  let text = '';
  for (let at = from; at < to; at += SLICE) {
    text += String.fromCharCode.apply(
      null, bytes.subarray(at, Math.min(at + SLICE, to)));
  }
  return text;
}

// Well-formed UTF-8 only: decodeURIComponent refuses anything else.
function utf8Text(bytes, from, to) {
  try {
    return decodeURIComponent(escape(latin1Text(bytes, from, to)));
  } catch {
    return null;
  }
}

const portFrom = Buffer.from;
Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string' && value.length >= FAST_MIN) {
    const encoding = fastEncoding(encodingOrOffset, true);
    if (encoding !== null) {
      // Loaded here: the host module needs Buffer itself.
      const host = require('internal/host');
      return host.bytesIn(host.call('buffer.encode', value, encoding));
    }
  }
  return portFrom(value, encodingOrOffset, length);
};

const portToString = Buffer.prototype.toString;
Buffer.prototype.toString = function toString(encoding, start, end) {
  const from = start === undefined ? 0 : start;
  const to = end === undefined ? this.length : end;
  if (Number.isInteger(from) && Number.isInteger(to) && from >= 0 &&
      to <= this.length && to - from >= FAST_MIN) {
    const kind = fastEncoding(encoding, false);
    if (kind === 'latin1') return latin1Text(this, from, to);
    if (kind === 'utf8') {
      const text = utf8Text(this, from, to);
      if (text !== null) return text;
    }
  }
  return portToString.call(this, encoding, start, end);
};

module.exports = {
  Buffer,
  SlowBuffer: vendor.SlowBuffer,
  INSPECT_MAX_BYTES: vendor.INSPECT_MAX_BYTES,
  kMaxLength,
  kStringMaxLength: 2 ** 29 - 24,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  atob: (text) => Buffer.from(String(text), 'base64').toString('latin1'),
  btoa: (text) => Buffer.from(String(text), 'latin1').toString('base64'),
  isUtf8: undefined,
};
