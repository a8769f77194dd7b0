// TLS echo throughput, sequential full and resumed (session ticket; session
// id under TLS 1.2) handshakes per second (RSA-2048) and the round trip of a small message,
// server and client in one process, printed as JSON.  Runs unchanged under
// node and jstls: bench/tls.py runs both and prints the ratios.
'use strict';

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const TOTAL = Number(process.argv[3] || 32 * 1024 * 1024);
const HANDSHAKES = Number(process.argv[4] || 300);
const ROUND_TRIPS = Number(process.argv[5] || 2000);
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

// The first connection waits for its session (under TLS 1.3 the ticket
// comes after the handshake); every later one offers it, so each is an
// abbreviated handshake.  One that is not resumed stops the benchmark.
function resumedHandshakesPerSecond(port, done) {
  let session;
  let made = -1;
  let start;
  function next() {
    if (made === 0) start = process.hrtime.bigint();
    if (made === HANDSHAKES) {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      done(HANDSHAKES / seconds);
      return;
    }
    const c = tls.connect({ port, ca, servername: 'localhost', session }, () => {
      if (made < 0) return;
      if (!c.isSessionReused()) {
        throw new Error('handshake ' + made + ' was not resumed');
      }
      c.end();
    });
    if (made < 0) {
      c.once('session', (s) => {
        session = s;
        c.end();
      });
    }
    c.resume();
    c.on('close', () => { made++; next(); });
  }
  next();
}

// Latency: one small message, its echo back, then the next, on one
// connection; the mean round trip in microseconds.
function roundTripMicros(port, done) {
  const message = Buffer.alloc(32, 'r');
  let left = ROUND_TRIPS;
  let pending = 0;
  let start;
  const c = tls.connect({ port, ca, servername: 'localhost' }, () => {
    start = process.hrtime.bigint();
    pending = message.length;
    c.write(message);
  });
  c.on('data', (d) => {
    pending -= d.length;
    if (pending > 0) return;
    if (--left > 0) {
      pending = message.length;
      c.write(message);
      return;
    }
    const micros = Number(process.hrtime.bigint() - start) / 1e3;
    c.end();
    done(micros / ROUND_TRIPS);
  });
}

const identity = {
  key: fs.readFileSync(path.join(dir, 'key.pem')),
  cert: fs.readFileSync(path.join(dir, 'cert.pem')),
};
const server = tls.createServer(identity, (s) => s.pipe(s));

// Resumption by session id: no tickets, the server's sessions in a store
// ('newSession'/'resumeSession').  TLS 1.2 only: neither node nor jstls
// resumes session ids in TLS 1.3.
const idServer = tls.createServer({
  ...identity, secureOptions: require('crypto').constants.SSL_OP_NO_TICKET,
}, (s) => s.resume());
const store = new Map();
idServer.on('newSession', (id, data, cb) => {
  store.set(id.toString('hex'), data);
  cb();
});
idServer.on('resumeSession', (id, cb) => {
  cb(null, store.get(id.toString('hex')) || null);
});

function resumedByIdPerSecond(done) {
  if (tls.DEFAULT_MAX_VERSION === 'TLSv1.3') {
    done(undefined);
    return;
  }
  idServer.listen(0, '127.0.0.1', () => {
    resumedHandshakesPerSecond(idServer.address().port, (rps) => {
      idServer.close();
      done(rps);
    });
  });
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  echoThroughput(port, (mbps) => {
    handshakesPerSecond(port, (hps) => {
      resumedHandshakesPerSecond(port, (rps) => {
        resumedByIdPerSecond((ids) => {
          roundTripMicros(port, (rtt) => {
            console.log(JSON.stringify({
              echo_MBps: +mbps.toFixed(1),
              handshakes_per_s: Math.round(hps),
              resumed_per_s: Math.round(rps),
              ...(ids === undefined ? {} :
                { resumed_id_per_s: Math.round(ids) }),
              round_trip_us: Math.round(rtt),
            }));
            server.close();
          });
        });
      });
    });
  });
});
