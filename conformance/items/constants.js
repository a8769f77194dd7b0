'use strict';

// The module-level constants and settings: the renegotiation limits,
// DEFAULT_ECDH_CURVE, DEFAULT_MAX_VERSION, DEFAULT_MIN_VERSION (its value
// differs between the Node 10 docs, 'TLSv1', and node 20, 'TLSv1.2', so
// only its form is printed) and tls.getCiphers().
const tls = require('tls');

console.log('CLIENT_RENEG_LIMIT', tls.CLIENT_RENEG_LIMIT);
console.log('CLIENT_RENEG_WINDOW', tls.CLIENT_RENEG_WINDOW);
console.log('DEFAULT_ECDH_CURVE', tls.DEFAULT_ECDH_CURVE);
console.log('DEFAULT_MAX_VERSION', tls.DEFAULT_MAX_VERSION);
console.log('DEFAULT_MIN_VERSION is a version',
            /^TLSv1(\.[0-3])?$/.test(tls.DEFAULT_MIN_VERSION));
tls.DEFAULT_MIN_VERSION = 'TLSv1.1';
console.log('DEFAULT_MIN_VERSION assignable', tls.DEFAULT_MIN_VERSION);

const ciphers = tls.getCiphers();
console.log('getCiphers is an array of strings', Array.isArray(ciphers),
            ciphers.every((c) => typeof c === 'string'));
console.log('lower case', ciphers.every((c) => c === c.toLowerCase()));
console.log('has aes128-sha', ciphers.includes('aes128-sha'),
            'has ecdhe-rsa-aes128-gcm-sha256',
            ciphers.includes('ecdhe-rsa-aes128-gcm-sha256'));
console.log('a copy each call', tls.getCiphers() !== ciphers);
