'use strict';

// Client-side verification: ca, rejectUnauthorized, authorized,
// authorizationError, the checkServerIdentity option.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => socket.end());
server.on('tlsClientError', () => {});

const cases = [
  ['trusted ca', { ca: read('ca-cert.pem'), servername: 'localhost' }],
  ['no ca, rejectUnauthorized false', { rejectUnauthorized: false,
                                        servername: 'localhost' }],
  ['no ca, rejected', { servername: 'localhost' }],
  ['wrong ca, rejected', { ca: read('stranger-cert.pem'),
                           servername: 'localhost' }],
  ['name mismatch', { ca: read('ca-cert.pem'), servername: 'other.test' }],
  ['checkServerIdentity accepts', {
    ca: read('ca-cert.pem'), servername: 'other.test',
    checkServerIdentity: (name, cert) => {
      console.log('checkServerIdentity called', name, cert.subject.CN);
      return undefined;
    },
  }],
  ['checkServerIdentity refuses', {
    ca: read('ca-cert.pem'), servername: 'localhost',
    checkServerIdentity: () => new Error('not this one'),
  }],
];

server.listen(0, () => {
  const port = server.address().port;
  function next() {
    const step = cases.shift();
    if (!step) { server.close(); return; }
    const [title, options] = step;
    const c = tls.connect({ port, ...options }, () => {
      console.log(title, '-> secure, authorized', c.authorized,
                  'authorizationError', c.authorizationError);
    });
    c.on('error', (err) => console.log(title, '-> error', err.code,
                                       err.message));
    c.on('close', next);
    c.resume();
  }
  next();
});
