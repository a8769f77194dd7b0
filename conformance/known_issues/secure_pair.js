'use strict';
// known-issue: the deprecated tls.createSecurePair() / SecurePair is not built

// A SecurePair on the server side, its encrypted stream piped to/from an
// accepted net.Socket; 'secure' once the handshake is done.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const context = tls.createSecureContext({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
});

const server = net.createServer((socket) => {
  const pair = tls.createSecurePair(context, true, false, false);
  pair.encrypted.pipe(socket);
  socket.pipe(pair.encrypted);
  pair.on('secure', () => {
    console.log('secure', pair.cleartext.authorized);
    pair.cleartext.end('from a SecurePair');
  });
});
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost' });
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => {
    console.log('client got', got);
    c.destroy();
    server.close();
  });
});
