'use strict';
// More of renegotiate(): a full renegotiation (no tickets) that fetches the
// client's certificate, the client-initiated limit (tls.CLIENT_RENEG_LIMIT
// is assignable), TLS 1.3 (no renegotiation there) and bad arguments.

const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { SSL_OP_NO_TICKET } = require('crypto').constants;

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const serverOptions = {
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  ca: read('ca-cert.pem'), secureOptions: SSL_OP_NO_TICKET,
};
const clientOptions = {
  ca: read('ca-cert.pem'), servername: 'localhost',
  key: read('client-key.pem'), cert: read('client-cert.pem'),
};

function fetchCertificate(next) {
  const server = tls.createServer(serverOptions, (s) => {
    s.on('secure', () => console.log('server: secure again'));
    const ok = s.renegotiate({ requestCert: true, rejectUnauthorized: true },
                             (err) => {
      console.log('server: renegotiated', err, s.getPeerCertificate().subject,
                  s.authorized, s.authorizationError);
      s.end('done');
    });
    console.log('server: renegotiate returned', ok);
  });
  server.listen(0, () => {
    const c = tls.connect({ port: server.address().port, ...clientOptions });
    let secures = 0;
    c.on('secure', () => secures++);
    c.on('data', (d) => console.log('client:', String(d)));
    c.on('close', () => {
      console.log('client: secure events', secures);
      server.close(next);
    });
  });
}

function limit(next) {
  tls.CLIENT_RENEG_LIMIT = 2;
  const server = tls.createServer(serverOptions, (s) => {
    s.on('error', (err) => {
      console.log('server error:', err.code, err.message);
      s.destroy();
    });
    s.resume();
  });
  server.listen(0, () => {
    const c = tls.connect({ port: server.address().port, ...clientOptions },
                          () => {
      let n = 0;
      const again = () => c.renegotiate({}, (err) => {
        console.log('client: renegotiation', ++n, err);
        again();
      });
      again();
    });
    c.on('error', (err) => console.log('client error:', err.code));
    c.on('close', () => {
      tls.CLIENT_RENEG_LIMIT = 3;
      server.close(next);
    });
  });
}

function tls13(next) {
  const server = tls.createServer({ ...serverOptions, maxVersion: 'TLSv1.3' },
                                  (s) => {
    const ok = s.renegotiate({}, (err) => {
      console.log('TLS 1.3 callback:', err.code, err.message);
      s.end();
    });
    console.log('TLS 1.3 renegotiate returned', ok);
  });
  server.listen(0, () => {
    const c = tls.connect({ port: server.address().port, ...clientOptions,
                            maxVersion: 'TLSv1.3' });
    c.resume();
    c.on('close', () => server.close(next));
  });
}

function badArguments() {
  const socket = new tls.TLSSocket();
  for (const args of [[], [null], ['x'], [{}, 'not a function']]) {
    try {
      socket.renegotiate(...args);
    } catch (err) {
      console.log(err.name, err.code, err.message);
    }
  }
  socket.destroy();
  console.log('destroyed:', socket.renegotiate({}, () => {}));
}

fetchCertificate(() => limit(() => tls13(badArguments)));
