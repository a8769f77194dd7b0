'use strict';

// tls.DEFAULT_MAX_VERSION, DEFAULT_MIN_VERSION, DEFAULT_CIPHERS and
// DEFAULT_ECDH_CURVE may be assigned; contexts made afterwards use the
// new values.  (DEFAULT_MIN_VERSION is not printed: the Node 10 docs
// jstls follows give 'TLSv1', node 20 has 'TLSv1.2'.)
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

console.log('max', tls.DEFAULT_MAX_VERSION, 'curve', tls.DEFAULT_ECDH_CURVE);
console.log('ciphers start', tls.DEFAULT_CIPHERS.split(':').slice(0, 4));

const steps = [
  ['DEFAULT_MAX_VERSION = TLSv1.3', () => {
    tls.DEFAULT_MAX_VERSION = 'TLSv1.3';
  }],
  ['back to TLSv1.2, one cipher', () => {
    tls.DEFAULT_MAX_VERSION = 'TLSv1.2';
    tls.DEFAULT_CIPHERS = 'ECDHE-RSA-AES256-GCM-SHA384';
  }],
  ['DEFAULT_ECDH_CURVE = P-384', () => {
    tls.DEFAULT_ECDH_CURVE = 'P-384';
  }],
  ['TLS 1.3 only; the cipher list names no TLS 1.3 suite', () => {
    tls.DEFAULT_MIN_VERSION = 'TLSv1.3';
    tls.DEFAULT_MAX_VERSION = 'TLSv1.3';
  }],
  ['a server at TLS 1.3 only, a client at most TLS 1.2', () => {}, {
    maxVersion: 'TLSv1.2', minVersion: 'TLSv1.2',
  }],
  ['a cipher list that matches nothing', () => {
    tls.DEFAULT_MIN_VERSION = 'TLSv1.2';
    tls.DEFAULT_MAX_VERSION = 'TLSv1.2';
    tls.DEFAULT_CIPHERS = 'nonsense';
  }],
];

function next() {
  if (steps.length === 0) return;
  const [title, change, clientOptions] = steps.shift();
  change();
  console.log(`-- ${title}`);
  let server;
  try {
    server = tls.createServer({
      key: read('server-key.pem'), cert: read('server-cert.pem'),
    }, (socket) => socket.end());
  } catch (err) {
    console.log('createServer', err.code);
    next();
    return;
  }
  server.on('tlsClientError', (err) => console.log('tlsClientError',
                                                   err.code));
  server.listen(0, () => {
    const client = tls.connect({
      port: server.address().port,
      ca: read('ca-cert.pem'),
      servername: 'localhost',
      ...clientOptions,
    }, () => {
      console.log(client.getProtocol(), client.getCipher().name,
                  client.getEphemeralKeyInfo().name);
    });
    client.on('error', (err) => console.log('client error', err.code));
    client.on('close', () => {
      server.close();
      next();
    });
    client.resume();
  });
}
next();
