'use strict';

// The clientCertEngine option of tls.createSecureContext() and
// tls.createServer(): the name of an OpenSSL engine that provides the
// client certificate.  Left out (undefined or null) it changes nothing;
// naming an engine this OpenSSL cannot load throws an Error.  Which
// Error differs: node 20 passes on OpenSSL's engine error (no code),
// jstls's OpenSSL (4.0, from cryptography) has no engines and throws
// ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED, so only the class is printed.
// (Its type check: known_issues/client_cert_engine_type.js.)
const tls = require('tls');

for (const value of [undefined, null, 'jstls-no-such-engine']) {
  for (const [label, make] of [
    ['createSecureContext', (o) => tls.createSecureContext(o)],
    ['createServer', (o) => tls.createServer(o)],
  ]) {
    try {
      make({ clientCertEngine: value });
      console.log(label, String(value), 'accepted');
    } catch (err) {
      console.log(label, String(value), 'throws', err instanceof Error,
                  err.name);
    }
  }
}
