'use strict';

// Bad options throw at once with Node's codes; a client speaking plain
// HTTP to a TLS server is a 'tlsClientError', and the server keeps serving.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

function attempt(label, fn) {
  try {
    fn();
    console.log(`${label}: no error`);
  } catch (err) {
    console.log(`${label}: ${err.name} ${err.code}`);
  }
}

attempt('minVersion', () => tls.createSecureContext({ minVersion: 'TLSv9' }));
attempt('maxVersion', () => tls.createSecureContext({ maxVersion: 'SSLv3' }));
attempt('conflict', () => tls.createSecureContext({
  secureProtocol: 'TLSv1_2_method', minVersion: 'TLSv1.1' }));
attempt('garbage key', () => tls.createSecureContext({ key: 'garbage' }));
attempt('key mismatch', () => tls.createSecureContext({
  key: read('client-key.pem'), cert: read('server-cert.pem') }));
attempt('wrong passphrase', () => tls.createSecureContext({
  key: read('server-key-encrypted.pem'), passphrase: 'wrong' }));
attempt('right passphrase', () => tls.createSecureContext({
  key: read('server-key-encrypted.pem'), passphrase: 'secret',
  cert: read('server-cert.pem') }));
attempt('pfx', () => tls.createSecureContext({
  pfx: read('server.pfx'), passphrase: 'pfxpass' }));
attempt('unknown cipher', () => tls.createSecureContext({
  ciphers: 'NOT-A-CIPHER' }));
attempt('unknown curve', () => tls.createSecureContext({
  ecdhCurve: 'nocurve' }));
attempt('TLSSocket secureContext', () => new tls.TLSSocket(new net.Socket(),
  { secureContext: {} }));
attempt('connect secureContext', () => tls.connect({ port: 1,
  secureContext: 42 }));
process.on('warning', () => {});  // createSecurePair's deprecation
attempt('createSecurePair context', () => tls.createSecurePair(42));
attempt('handshakeTimeout type', () => tls.createServer({
  handshakeTimeout: 'soon' }));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  console.log('secure connection after the bad client');
  socket.end('fine');
});
server.on('tlsClientError', (err, socket) => {
  console.log('tlsClientError', err.code, socket instanceof tls.TLSSocket);
  const good = tls.connect({ port: server.address().port,
                             ca: read('ca-cert.pem'),
                             servername: 'localhost' });
  good.resume();
  good.on('end', () => server.close());
});
server.listen(0, () => {
  const plain = net.connect(server.address().port, () => {
    plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  });
  plain.on('error', () => {});
  plain.resume();
});
