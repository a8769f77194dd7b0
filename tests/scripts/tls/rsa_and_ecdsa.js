'use strict';
// One server context with an RSA and an ECDSA key pair (key and cert as
// arrays): each client gets the certificate its cipher suite can use, in
// TLS 1.2 by suite and in TLS 1.3 by signature algorithm.

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: [read('server-key.pem'), read('ec-key.pem')],
  cert: [read('server-cert.pem'), read('ec-cert.pem')],
  maxVersion: 'TLSv1.3',
}, (socket) => socket.end());

const clients = [
  { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' },
  { ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' },
  { maxVersion: 'TLSv1.3', minVersion: 'TLSv1.3', sigalgs: 'ECDSA+SHA256' },
  { maxVersion: 'TLSv1.3', minVersion: 'TLSv1.3',
    sigalgs: 'rsa_pss_rsae_sha256' },
];

function next() {
  const options = clients.shift();
  if (options === undefined) {
    server.close();
    return;
  }
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost', ...options }, () => {
    const cert = c.getPeerCertificate();
    console.log(c.getProtocol(), c.getCipher().name, c.authorized,
                cert.asn1Curve ? 'ECDSA ' + cert.asn1Curve : 'RSA ' + cert.bits);
    c.end();
  });
  c.on('close', next);
}

server.listen(0, next);
