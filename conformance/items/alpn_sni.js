'use strict';

// (Copied from tests/scripts/tls/alpn_sni.js.)
// ALPN agreement and SNI: the certificate chosen for each server name
// (addContext with a wildcard), as the client sees it.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');

const server = tls.createServer({
  key: read('server-key.pem'),
  cert: read('server-cert.pem'),
  ALPNProtocols: ['h2', 'http/1.1'],
}, (socket) => {
  console.log(`server: servername ${socket.servername}, ` +
              `alpn ${socket.alpnProtocol}`);
  socket.end();
});
server.addContext('a.example.com', {
  key: read('sni-a-key.pem'), cert: read('sni-a-cert.pem'),
});
server.addContext('*.b.example.com', tls.createSecureContext({
  key: read('sni-b-key.pem'), cert: read('sni-b-cert.pem'),
}));

const attempts = [
  ['localhost', ['http/1.1']],
  ['a.example.com', ['h2', 'http/1.1']],
  ['x.b.example.com', ['spdy/1', 'h2']],
];

server.listen(0, () => {
  const port = server.address().port;
  let i = 0;
  function next() {
    if (i === attempts.length) {
      server.close();
      return;
    }
    const [servername, ALPNProtocols] = attempts[i++];
    const c = tls.connect({ port, servername, ALPNProtocols, ca }, () => {
      console.log(`client ${servername}: CN ` +
                  `${c.getPeerCertificate().subject.CN}, ` +
                  `alpn ${c.alpnProtocol}, authorized ${c.authorized}`);
    });
    c.resume();
    c.on('close', next);
  }
  next();
});
