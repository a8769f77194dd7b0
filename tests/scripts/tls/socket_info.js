'use strict';

// What a TLSSocket tells about itself before, during and after a session:
// getProtocol, getCipher, getEphemeralKeyInfo, getPeerCertificate,
// getFinished, getPeerFinished, getSession, isSessionReused,
// setMaxSendFragment, encrypted.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  console.log('server: ephemeral', socket.getEphemeralKeyInfo(),
              'encrypted', socket.encrypted);
  socket.on('data', () => {});
  socket.on('end', () => socket.end());
});
server.listen(0, () => {
  const c = tls.connect({
    port: server.address().port,
    ca: read('ca-cert.pem'),
    servername: 'localhost',
    ciphers: 'ECDHE-RSA-AES256-GCM-SHA384',
  }, () => {
    console.log('protocol', c.getProtocol());
    const cipher = c.getCipher();
    console.log('cipher', cipher.name);
    const eph = c.getEphemeralKeyInfo();
    console.log('ephemeral', eph.type, eph.name, eph.size);
    const cert = c.getPeerCertificate(true);
    console.log('subject', cert.subject, 'issuer CN', cert.issuer.CN);
    console.log('valid_from format', /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/
      .test(cert.valid_from));
    console.log('fingerprint256 format',
                /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(cert.fingerprint256));
    console.log('exponent', cert.exponent, 'bits', cert.bits,
                'serial hex', /^[0-9A-F]+$/.test(cert.serialNumber));
    console.log('chain ends at root', cert.issuerCertificate.subject.CN,
                cert.issuerCertificate.issuerCertificate ===
                cert.issuerCertificate);
    console.log('finished', c.getFinished().length, c.getPeerFinished().length);
    console.log('session is a Buffer', Buffer.isBuffer(c.getSession()));
    console.log('reused', c.isSessionReused());
    console.log('setMaxSendFragment', c.setMaxSendFragment(1024),
                c.setMaxSendFragment(100));
    c.end();
  });
  // (getProtocol() before the handshake: the docs say null for a socket
  // not connected yet; node 20 answers its maximum version.)
  console.log('before handshake', c.authorized, c.encrypted);
  c.on('close', () => {
    console.log('after close', c.getProtocol());
    server.close();
  });
});
