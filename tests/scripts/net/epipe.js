'use strict';

// Writing to a peer that is gone: EPIPE from the write, after its FIN.
const net = require('net');
const server = net.createServer((s) => s.destroy());
server.listen(0, '127.0.0.1', () => {
  const c = net.connect({ port: server.address().port, allowHalfOpen: true }, () => {
    setTimeout(() => {
      const big = Buffer.alloc(1 << 20);
      c.write(big);
      c.write(big);
    }, 50);
  });
  c.on('error', (e) => { console.log('error', e.code, e.syscall); server.close(); });
  c.on('end', () => console.log('end'));
});
