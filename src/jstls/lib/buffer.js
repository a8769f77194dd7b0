// `buffer`: npm's buffer@6 (Node's Buffer on Uint8Array), plus the module
// members Node has that the port lacks.
'use strict';

const vendor = globalThis.__jstlsVendor.buffer();
const { Buffer } = vendor;

const kMaxLength = vendor.kMaxLength;

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
