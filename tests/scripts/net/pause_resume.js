'use strict';

// A paused socket stops reading; resuming delivers what waited, in order.
const net = require('net');

const server = net.createServer((sock) => {
  sock.pause();
  let total = 0;
  setTimeout(() => {
    console.log('server paused, isPaused', sock.isPaused());
    sock.on('data', (d) => { total += d.length; });
    sock.on('end', () => {
      console.log('server received', total);
      sock.end();
      server.close();
    });
    sock.resume();
  }, 30);
});
server.listen(0, () => {
  const c = net.connect(server.address().port, () => {
    const chunk = Buffer.alloc(100000, 'z');
    for (let i = 0; i < 5; i++) c.write(chunk);
    c.end();
  });
  c.on('close', () => console.log('client closed'));
});
