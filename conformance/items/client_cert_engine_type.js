'use strict';

// The clientCertEngine option must be a string, null or undefined: other
// types are a TypeError ERR_INVALID_ARG_TYPE, thrown before any engine is
// looked for.  tls.createServer() passes it on only when it is truthy, so
// an empty string is no engine there (createSecureContext() tries to load
// it and fails: node 20 with OpenSSL's error, jstls, whose OpenSSL has no
// engines, with ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED; only the class is
// printed for that case).
const tls = require('tls');

for (const value of [42, true, {}, '']) {
  for (const [label, make] of [
    ['createSecureContext', (o) => tls.createSecureContext(o)],
    ['createServer', (o) => tls.createServer(o)],
  ]) {
    try {
      make({ clientCertEngine: value });
      console.log(label, JSON.stringify(value), 'accepted');
    } catch (err) {
      console.log(label, JSON.stringify(value), err.name,
                  err instanceof TypeError ? err.code : '');
    }
  }
}
