'use strict';

const net = require('net');

console.log(net.isIP('127.0.0.1'), net.isIP('::1'), net.isIP('x'),
            net.isIPv4('1.2.3.4'), net.isIPv6('fe80::1%eth0'));
for (const port of [-1, 65536, 1.5, 'abc ', {}, true]) {
  try {
    net.connect({ port });
  } catch (err) {
    console.log(`${JSON.stringify(port)}: ${err.name} ${err.code}`);
  }
}
try {
  net.createServer().listen({ host: 'localhost' });
} catch (err) {
  console.log('listen without port:', err.code);
}
const s = new net.Socket();
console.log('fresh socket', s.pending, s.readyState, s.connecting,
            s.destroyed, s.bytesRead, s.bytesWritten);
try {
  s.setTimeout(-1);
} catch (err) {
  console.log('setTimeout(-1):', err.code);
}
const closed = net.createServer();
closed.close((err) => console.log('close when not listening:', err.code));
const server = net.createServer().listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  server.close(() => {
    const c = net.connect(port, '127.0.0.1');
    c.on('error', (err) => {
      console.log('refused:', err.code, err.syscall, err.address,
                  err.port === port, err.message === `connect ECONNREFUSED ` +
                  `127.0.0.1:${port}`);
    });
    c.on('close', (hadError) => console.log('close after error', hadError));
  });
});
server.getConnections((err, n) => console.log('connections', err, n));
