'use strict';

// The crl option of tls.createSecureContext() (and so of tls.connect()):
// a server certificate its CA revoked fails with CERT_REVOKED; without the
// CRL, or for a certificate the CRL does not list, it verifies.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const cases = [
  ['revoked, with crl', 'revoked', { crl: read('crl.pem') }],
  ['revoked, without crl', 'revoked', {}],
  ['not revoked, with crl', 'server', { crl: read('crl.pem') }],
];

function run(i) {
  if (i === cases.length) return;
  const [label, name, extra] = cases[i];
  const server = tls.createServer({
    key: read(`${name}-key.pem`), cert: read(`${name}-cert.pem`),
  }, (s) => s.end());
  server.on('tlsClientError', () => {});
  server.listen(0, () => {
    const c = tls.connect({
      port: server.address().port, servername: 'localhost',
      ca: read('ca-cert.pem'), rejectUnauthorized: false, ...extra,
    }, () => {
      console.log(`${label}: authorized ${c.authorized} ` +
                  `${c.authorizationError}`);
      c.end();
    });
    c.resume();
    c.on('close', () => {
      server.close();
      run(i + 1);
    });
  });
}

run(0);
