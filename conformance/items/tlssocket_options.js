'use strict';
// A server TLSSocket made by hand is never checked: authorized stays false
// even for a good client certificate (only a tls.Server checks), as in Node.

// new tls.TLSSocket(socket, options) on the server side of accepted net
// sockets: isServer, server, secureContext, requestCert,
// rejectUnauthorized, ALPNProtocols, SNICallback.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');
const secureContext = tls.createSecureContext({
  key: read('server-key.pem'), cert: read('server-cert.pem'), ca,
});

const plain = net.createServer((raw) => {
  const s = new tls.TLSSocket(raw, {
    isServer: true, server: plain, secureContext,
    requestCert: true, rejectUnauthorized: false,
    ALPNProtocols: ['x-conformance', 'http/1.1'],
    SNICallback: (name, cb) => {
      console.log('server SNICallback', name);
      cb(null, secureContext);
    },
  });
  s.on('secure', () => {
    const peer = s.getPeerCertificate();
    console.log('server secure: authorized', s.authorized,
                'peer', peer.subject ? peer.subject.CN : '(none)',
                'alpn', s.alpnProtocol, 'servername', s.servername);
    s.end('hello from a wrapped socket');
  });
  s.on('error', (err) => console.log('server error', err.code));
});
console.log('new TLSSocket() without a socket', new tls.TLSSocket() instanceof
            net.Socket);

plain.listen(0, () => {
  const port = plain.address().port;
  const runs = [
    { key: read('client-key.pem'), cert: read('client-cert.pem'),
      ALPNProtocols: ['http/1.1'] },
    { ALPNProtocols: ['x-conformance'] },
  ];
  function next() {
    const opts = runs.shift();
    if (!opts) { plain.close(); return; }
    const c = tls.connect({ port, ca, servername: 'localhost', ...opts }, () => {
      console.log('client secure', c.authorized, 'alpn', c.alpnProtocol);
    });
    let got = '';
    c.on('data', (d) => got += d);
    c.on('close', () => {
      console.log('client got', got);
      next();
    });
  }
  next();
});
