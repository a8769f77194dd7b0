'use strict';

// 'tlsClientError' (exception, tlsSocket) for a client that is not TLS,
// and for one that says nothing past handshakeTimeout.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  handshakeTimeout: 200,
}, () => console.log('secureConnection (not expected)'));

let current = null;
const steps = [
  ['plain text', (port, done) => {
    const raw = current = net.connect(port,
                                      () => raw.write('GET / HTTP/1.0\r\n\r\n'));
    raw.on('error', () => {});
    raw.on('close', done);
    raw.resume();
  }],
  ['silence', (port, done) => {
    const raw = current = net.connect(port);
    raw.on('error', () => {});
    raw.on('close', done);
  }],
];

server.on('tlsClientError', (err, socket) => {
  console.log('tlsClientError', err instanceof Error, err.code || err.message,
              socket instanceof tls.TLSSocket);
  current.destroy();
});
server.listen(0, () => {
  const port = server.address().port;
  function next() {
    const step = steps.shift();
    if (!step) { server.close(); return; }
    console.log('--', step[0]);
    step[1](port, next);
  }
  next();
});
