'use strict';
// known-issue: OpenSSL 4 (cryptography's) staples only well-formed OCSP responses; Node 20 (OpenSSL 3.0) staples any bytes

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => s.end());
server.on('OCSPRequest', (cert, issuer, cb) => {
  console.log('OCSPRequest', Buffer.isBuffer(cert), issuer === null ||
              Buffer.isBuffer(issuer));
  cb(null, Buffer.from('not really an OCSP response'));
});
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost', requestOCSP: true }, () => {
    console.log('secure');
  });
  c.on('OCSPResponse', (resp) => console.log('OCSPResponse', String(resp)));
  c.resume();
  c.on('close', () => server.close());
});
