// TCP echo throughput and sequential connections per second, in one
// process (server and client), printed as JSON.  Runs unchanged under node
// and jstls: bench/net.py runs both and prints the ratios.
'use strict';

const net = require('net');

const TOTAL = Number(process.argv[2] || 64 * 1024 * 1024);
const CONNECTIONS = Number(process.argv[3] || 2000);
const chunk = Buffer.alloc(64 * 1024, 'x');

function echoThroughput(port, done) {
  const start = process.hrtime.bigint();
  let received = 0;
  let sent = 0;
  const c = net.connect(port, '127.0.0.1', () => {
    function pump() {
      while (sent < TOTAL) {
        sent += chunk.length;
        if (!c.write(chunk)) {
          c.once('drain', pump);
          return;
        }
      }
      c.end();
    }
    pump();
  });
  c.on('data', (d) => { received += d.length; });
  c.on('end', () => {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    done(received / 1e6 / seconds);
  });
}

function connectionsPerSecond(port, done) {
  const start = process.hrtime.bigint();
  let made = 0;
  function next() {
    if (made === CONNECTIONS) {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      done(CONNECTIONS / seconds);
      return;
    }
    const c = net.connect(port, '127.0.0.1', () => c.end());
    c.resume();
    c.on('close', () => { made++; next(); });
  }
  next();
}

const server = net.createServer((s) => s.pipe(s));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  echoThroughput(port, (mbps) => {
    connectionsPerSecond(port, (cps) => {
      console.log(JSON.stringify({ echo_MBps: +mbps.toFixed(1),
                                   connections_per_s: Math.round(cps) }));
      server.close();
    });
  });
});
