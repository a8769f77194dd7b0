// `require('constants')`: Node's deprecated merged constants table: dlopen,
// errno, priority, signals, fs and crypto constants in one frozen object,
// in Node's order.  The numbers come from the host (bindings/os.py): the
// errno/signal/fs values of this system and the SSL_OP_* values of the
// OpenSSL that the `cryptography` package loaded.
//
// What it is not: the per-module tables; os.constants and fs.constants are
// built by their modules from the same host call.
'use strict';

const raw = host.call('os.constants');
const constants = Object.create(null);
for (const group of ['dlopen', 'errno', 'priority', 'signals', 'fs',
  'crypto']) {
  for (const [name, value] of raw[group]) constants[name] = value;
}

module.exports = Object.freeze(constants);
