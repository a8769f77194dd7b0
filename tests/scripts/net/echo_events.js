'use strict';

// The life of a connection, seen from both ends: event order, half-close
// without allowHalfOpen, byte counts, addresses.  Each end keeps its own
// log: how the two interleave depends on the kernel's timing, in node too.
const net = require('net');

const serverLog = [];
const clientLog = [];
let closes = 0;
function closed() {
  if (++closes < 3) return;
  console.log(serverLog.join('\n'));
  console.log(clientLog.join('\n'));
}
const server = net.createServer((sock) => {
  serverLog.push('server connection ' + sock.remoteAddress);
  sock.setEncoding('utf8');
  sock.on('data', (d) => {
    serverLog.push('server data ' + d);
    sock.write(d.toUpperCase());
  });
  sock.on('end', () => serverLog.push('server end'));
  sock.on('finish', () => serverLog.push('server finish'));
  sock.on('close', (hadError) => {
    serverLog.push(`server close ${hadError} read=${sock.bytesRead} ` +
             `written=${sock.bytesWritten}`);
    server.close(() => {
      serverLog.push('server closed');
      closed();
    });
    closed();
  });
});

server.on('listening', () => serverLog.push('listening'));
server.listen(0, '127.0.0.1', () => {
  const { port, family, address } = server.address();
  serverLog.push(`address ${address} ${family} ${port > 0}`);
  const client = net.connect({ port, host: '127.0.0.1' });
  client.on('connect', () => {
    clientLog.push(`client connect ${client.remotePort === port} ` +
             `${client.localAddress} ${client.remoteFamily}`);
  });
  client.on('ready', () => {
    clientLog.push('client ready');
    client.end('hello');
  });
  client.on('data', (d) => clientLog.push('client data ' + d));
  client.on('end', () => clientLog.push('client end'));
  client.on('close', () => {
    clientLog.push('client close');
    closed();
  });
  clientLog.push('connecting ' + client.connecting + ' ' + client.readyState);
});
