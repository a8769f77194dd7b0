'use strict';

// tlsSocket.address(), localAddress, localPort, remoteAddress,
// remoteFamily, remotePort, on both ends of a loopback connection.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

let serverSide;
const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  serverSide = socket;
  socket.end();
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const c = tls.connect({ port, host: '127.0.0.1', ca: read('ca-cert.pem'),
                          servername: 'localhost' }, () => {
    const a = c.address();
    console.log('client address()', a.address, a.family,
                a.port === c.localPort);
    console.log('client local', c.localAddress, typeof c.localPort);
    console.log('client remote', c.remoteAddress, c.remoteFamily,
                c.remotePort === port);
    c.resume();
  });
  c.on('end', () => {
    console.log('server side remote', serverSide.remoteAddress,
                serverSide.remoteFamily,
                serverSide.remotePort === c.localPort);
    console.log('server side local', serverSide.localAddress,
                serverSide.localPort === port);
    server.close();
  });
});
