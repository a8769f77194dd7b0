'use strict';

// new tls.TLSSocket(socket, options) with no secureContext: the options
// themselves go to tls.createSecureContext().  The server side wraps
// accepted net sockets with key, cert, ca and ciphers; the client side
// wraps a net socket with a client certificate, a minimum version and
// ciphers of its own; a bad cipher list throws from the constructor, as
// createSecureContext() does.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = net.createServer((raw) => {
  const s = new tls.TLSSocket(raw, {
    isServer: true, server,
    key: read('server-key.pem'), cert: read('server-cert.pem'),
    ca: read('ca-cert.pem'), requestCert: true, rejectUnauthorized: false,
    ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256',
    honorCipherOrder: true,
  });
  s.on('secure', () => {
    const peer = s.getPeerCertificate();
    console.log('server: peer', peer.subject ? peer.subject.CN : '(none)',
                'cipher', s.getCipher().name, 'protocol', s.getProtocol());
    s.end('bye');
  });
  s.on('error', (err) => console.log('server: error', err.code));
});

try {
  new tls.TLSSocket(new net.Socket(), { ciphers: 'NO-SUCH-CIPHER' });
  console.log('bad ciphers: accepted');
} catch (err) {
  console.log('bad ciphers:', err.name, err.code);
}

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const runs = [
    { key: read('client-key.pem'), cert: read('client-cert.pem'),
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384' },
    { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', minVersion: 'TLSv1.2' },
  ];
  function next() {
    const options = runs.shift();
    if (!options) {
      server.close();
      return;
    }
    const raw = net.connect(port, '127.0.0.1', () => {
      const c = new tls.TLSSocket(raw, options);
      c.on('secure', () => {
        console.log('client: cipher', c.getCipher().name);
      });
      let got = '';
      c.on('data', (d) => got += d);
      c.on('close', () => {
        console.log('client: got', got);
        next();
      });
      c.write('hello');
    });
  }
  next();
});
