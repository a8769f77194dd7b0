// A TLS echo server and a client that trusts its self-signed certificate,
// in one program: `jstls run examples/tls_echo.js` (or `node` the same).
// The certificate in certs/ is for examples only: its key is public.
'use strict';

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const certs = path.join(__dirname, 'certs');
const key = fs.readFileSync(path.join(certs, 'localhost-key.pem'));
const cert = fs.readFileSync(path.join(certs, 'localhost-cert.pem'));

const server = tls.createServer({ key, cert }, (socket) => {
  socket.pipe(socket);
});

server.listen(0, '127.0.0.1', () => {
  const client = tls.connect({
    port: server.address().port, host: '127.0.0.1', servername: 'localhost',
    ca: cert,
  }, () => {
    console.log('connected:', client.getProtocol(), client.getCipher().name,
                'authorized:', client.authorized);
    client.end('hello over TLS');
  });
  client.setEncoding('utf8');
  client.on('data', (text) => console.log('echoed:', text));
  client.on('close', () => server.close());
});
