'use strict';

const net = require('net');

const server = net.createServer((sock) => {
  sock.setTimeout(20);
  sock.on('timeout', () => {
    console.log('server: timeout, destroying');
    sock.destroy();
  });
});
server.listen(0, () => {
  const c = net.connect({ port: server.address().port, timeout: 5000 });
  c.on('timeout', () => console.log('client timeout: never'));
  c.on('end', () => console.log('client: end'));
  c.on('close', () => {
    console.log('client: close');
    server.close();
  });
  c.resume();
});
