'use strict';

// The jstls (or node) client of the interoperability matrix: makes
// `connections` tls.connect() connections, one after the other, to
// 127.0.0.1:$INTEROP_PORT with the options in $INTEROP_OPTIONS, offering
// each one the session of the one before.  Reports what each negotiated
// (or its error) as one JSON line on stdout.  The peer is a real server
// (openssl s_server, Python's ssl) driven by src/jstls/interop.py.  Not a
// conformance script: its output depends on the peer.
//
// Options: connections, servername, maxVersion, minVersion, ciphers,
// clientCert (present client-cert.pem), ALPNProtocols.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const opts = JSON.parse(process.env.INTEROP_OPTIONS || '{}');
const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const report = (record) => console.log(JSON.stringify(record));

const connectOptions = {
  port: Number(process.env.INTEROP_PORT), host: '127.0.0.1',
  ca: read('ca-cert.pem'), servername: opts.servername || 'localhost',
};
for (const name of ['maxVersion', 'minVersion', 'ciphers',
  'ALPNProtocols']) {
  if (opts[name] !== undefined) connectOptions[name] = opts[name];
}
if (opts.clientCert) {
  connectOptions.key = read('client-key.pem');
  connectOptions.cert = read('client-cert.pem');
}

const deadline = setTimeout(() => {
  report({ event: 'timeout' });
  process.exit(3);
}, 10000);

function connect(left, session) {
  if (left === 0) {
    clearTimeout(deadline);
    return;
  }
  let next;
  const socket = tls.connect({ ...connectOptions, session }, () => {
    const peer = socket.getPeerCertificate();
    report({
      event: 'secure', protocol: socket.getProtocol(),
      authorized: socket.authorized,
      peer: peer && peer.subject ? peer.subject.CN : null,
      alpn: socket.alpnProtocol, reused: socket.isSessionReused(),
      ticket: Boolean(socket.getTLSTicket()),
    });
    // A TLS 1.2 resumption brings no new session: nothing to wait for.
    if (socket.isSessionReused() && socket.getProtocol() !== 'TLSv1.3') {
      socket.end();
    }
  });
  // End once a session to offer next arrived (a TLS 1.3 ticket comes
  // after the handshake); whatever the server sends is read and dropped.
  socket.once('session', (data) => {
    next = data;
    socket.end();
  });
  socket.on('data', () => {});
  socket.on('error', (err) => report({ event: 'error', code: err.code }));
  socket.on('close', () => connect(left - 1, next));
}

connect(opts.connections || 1, undefined);
