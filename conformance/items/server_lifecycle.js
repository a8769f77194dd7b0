'use strict';

// tls.Server from tls.createServer(options, secureConnectionListener):
// a net.Server; listen(), address(), 'secureConnection', close(callback).
// tls.connect(options, callback): a tls.TLSSocket; 'secureConnect'.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  console.log('listener: socket is a TLSSocket',
              socket instanceof tls.TLSSocket, 'encrypted', socket.encrypted);
  socket.end('bye');
});
console.log('Server is a net.Server', server instanceof tls.Server,
            server instanceof net.Server);
server.on('secureConnection', (socket) => {
  console.log('secureConnection event, authorized', socket.authorized,
              'servername', socket.servername);
});
const ret = server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  console.log('listen returns the server', ret === server);
  console.log('address', addr.address, addr.family, typeof addr.port);
  const client = tls.connect({
    host: '127.0.0.1', port: addr.port, ca: read('ca-cert.pem'),
    servername: 'localhost',
  }, () => {
    console.log('callback: secureConnect, authorized', client.authorized);
  });
  console.log('connect returns a TLSSocket', client instanceof tls.TLSSocket,
              client instanceof net.Socket);
  client.on('secureConnect', () => console.log('secureConnect event'));
  client.setEncoding('utf8');
  client.on('data', (d) => console.log('data', d));
  client.on('close', () => {
    const closed = server.close(() => console.log('close callback'));
    console.log('close returns the server', closed === server);
  });
});
