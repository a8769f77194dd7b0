'use strict';

// The jstls (or node) server of the interoperability matrix: a tls.Server
// configured from the JSON in $INTEROP_OPTIONS, that reports what each
// connection negotiated as one JSON line on stdout and closes after
// `connections` outcomes.  The peer is a real client (openssl s_client,
// Python's ssl, curl) driven by src/jstls/interop.py, which reads these
// lines.  Not a conformance script: its output depends on the peer.
//
// Options: connections, maxVersion, minVersion, ciphers, requestCert,
// rejectUnauthorized, sni (contexts for a.example.com and
// *.b.example.com), ALPNProtocols, noTicket, sessionStore (newSession /
// resumeSession listeners), http (answer one HTTP/1.1 request, for curl).
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { constants } = require('crypto');

const opts = JSON.parse(process.env.INTEROP_OPTIONS || '{}');
const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const report = (record) => console.log(JSON.stringify(record));

const serverOptions = {
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  ca: read('ca-cert.pem'),
};
for (const name of ['maxVersion', 'minVersion', 'ciphers', 'requestCert',
  'rejectUnauthorized', 'ALPNProtocols']) {
  if (opts[name] !== undefined) serverOptions[name] = opts[name];
}
if (opts.noTicket) serverOptions.secureOptions = constants.SSL_OP_NO_TICKET;

let left = opts.connections || 1;
// A connection that hangs must not hang the matrix.
const deadline = setTimeout(() => {
  report({ event: 'timeout' });
  process.exit(3);
}, 10000);

function settled() {
  left -= 1;
  if (left === 0) {
    server.close();
    clearTimeout(deadline);
  }
}

const server = tls.createServer(serverOptions, (socket) => {
  const peer = socket.getPeerCertificate();
  report({
    event: 'secure', protocol: socket.getProtocol(),
    authorized: socket.authorized,
    peer: peer && peer.subject ? peer.subject.CN : null,
    servername: socket.servername || null,
    alpn: socket.alpnProtocol, reused: socket.isSessionReused(),
  });
  socket.on('error', (err) => report({ event: 'socket error',
                                       code: err.code }));
  socket.on('close', settled);
  if (opts.http) {
    let request = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      request += chunk;
      if (request.includes('\r\n\r\n')) {
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n' +
                   'Connection: close\r\n\r\nok\n');
      }
    });
  } else {
    socket.on('data', () => {});
    socket.end('hello\n');
  }
});

if (opts.sni) {
  for (const [name, file] of [['a.example.com', 'sni-a'],
    ['*.b.example.com', 'sni-b']]) {
    server.addContext(name, {
      key: read(`${file}-key.pem`), cert: read(`${file}-cert.pem`),
    });
  }
}

if (opts.sessionStore) {
  const store = new Map();
  server.on('newSession', (id, data, cb) => {
    store.set(id.toString('hex'), data);
    cb();
  });
  server.on('resumeSession', (id, cb) => {
    cb(null, store.get(id.toString('hex')) || null);
  });
}

server.on('tlsClientError', (err) => {
  report({ event: 'tlsClientError', code: err.code });
  settled();
});

server.listen(0, '127.0.0.1', () => {
  report({ event: 'listening', port: server.address().port });
});
