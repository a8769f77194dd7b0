'use strict';

// (Copied from tests/scripts/tls/verify_errors.js.)

// Each way a server certificate can fail verification, with
// rejectUnauthorized (an 'error') and without (authorized false).
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const cases = [
  ['trusted', 'server', { ca: read('ca-cert.pem') }],
  ['self-signed', 'self', {}],
  ['self-signed, trusted', 'self', { ca: read('self-cert.pem') }],
  ['untrusted CA', 'stranger', {}],
  ['expired', 'expired', { ca: read('ca-cert.pem') }],
  ['wrong host', 'wrong-host', { ca: read('ca-cert.pem') }],
  ['IP in SAN', 'server', { ca: read('ca-cert.pem'), host: '127.0.0.1' }],
];

function runCase(index) {
  if (index === cases.length) return;
  const [label, name, clientOptions] = cases[index];
  const server = tls.createServer({
    key: read(`${name}-key.pem`), cert: read(`${name}-cert.pem`),
  }, (s) => s.end());
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1', () => {
    const port = server.address().port;
    // One connection at a time, so the order of the lines is fixed.
    const strict = tls.connect({ port, host: 'localhost', ...clientOptions },
                               () => {
      console.log(`${label}: strict ok, authorized ${strict.authorized}`);
      strict.end();
    });
    strict.on('error', (err) => {
      console.log(`${label}: strict error ${err.code}`);
    });
    strict.on('close', () => {
      const lax = tls.connect({ port, host: 'localhost', ...clientOptions,
                                rejectUnauthorized: false }, () => {
        console.log(`${label}: lax authorized ${lax.authorized} ` +
                    `${lax.authorizationError}`);
        lax.end();
      });
      lax.on('error', (err) => console.log(`${label}: lax error ${err.code}`));
      lax.on('close', () => {
        server.close();
        runCase(index + 1);
      });
    });
  });
}

runCase(0);
