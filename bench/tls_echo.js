// TLS echo throughput and sequential full handshakes per second (RSA-2048),
// server and client in one process, printed as JSON.  Runs unchanged under
// node and jstls: bench/tls.py runs both and prints the ratios.
'use strict';

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const TOTAL = Number(process.argv[3] || 32 * 1024 * 1024);
const HANDSHAKES = Number(process.argv[4] || 300);
const ca = fs.readFileSync(path.join(dir, 'cert.pem'));
const chunk = Buffer.alloc(64 * 1024, 'x');

function echoThroughput(port, done) {
  const start = process.hrtime.bigint();
  let received = 0;
  let sent = 0;
  const c = tls.connect({ port, ca, servername: 'localhost' }, () => {
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

function handshakesPerSecond(port, done) {
  const start = process.hrtime.bigint();
  let made = 0;
  function next() {
    if (made === HANDSHAKES) {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      done(HANDSHAKES / seconds);
      return;
    }
    const c = tls.connect({ port, ca, servername: 'localhost' },
                          () => c.end());
    c.resume();
    c.on('close', () => { made++; next(); });
  }
  next();
}

const server = tls.createServer({
  key: fs.readFileSync(path.join(dir, 'key.pem')),
  cert: fs.readFileSync(path.join(dir, 'cert.pem')),
}, (s) => s.pipe(s));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  echoThroughput(port, (mbps) => {
    handshakesPerSecond(port, (hps) => {
      console.log(JSON.stringify({ echo_MBps: +mbps.toFixed(1),
                                   handshakes_per_s: Math.round(hps) }));
      server.close();
    });
  });
});
