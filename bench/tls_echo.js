// TLS echo throughput and sequential handshakes per second (RSA-2048: full,
// resumed with a ticket, resumed with a session id), server and client in
// one process, printed as JSON.  Runs unchanged under
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

// Sequential handshakes; `resume` makes each client offer the session the
// previous one got (a ticket, or a session id the server's store keeps).
function handshakesPerSecond(port, resume, done) {
  const start = process.hrtime.bigint();
  let made = 0;
  let reused = 0;
  let session;
  function next() {
    if (made === HANDSHAKES) {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // A resumption benchmark that did not resume measures nothing.
      if (resume && reused < HANDSHAKES - 1) {
        throw new Error(`only ${reused} of ${HANDSHAKES} resumed`);
      }
      done(HANDSHAKES / seconds);
      return;
    }
    // TLS 1.3 sends its tickets after the handshake: a client that has
    // none to offer yet waits for one before it hangs up.
    let secure = false;
    let fresh = false;
    const finish = () => {
      if (secure && (fresh || !resume || c.isSessionReused() ||
                     c.getProtocol() !== 'TLSv1.3')) {
        c.end();
      }
    };
    const c = tls.connect({ port, ca, servername: 'localhost',
                            session: resume ? session : undefined }, () => {
      if (c.isSessionReused()) reused++;
      secure = true;
      finish();
    });
    c.on('session', (s) => {
      session = s;
      fresh = true;
      finish();
    });
    c.resume();
    c.on('close', () => { made++; next(); });
  }
  next();
}

const identity = {
  key: fs.readFileSync(path.join(dir, 'key.pem')),
  cert: fs.readFileSync(path.join(dir, 'cert.pem')),
};
const server = tls.createServer(identity, (s) => s.pipe(s));
// Session ids only: no tickets, a store of the server's sessions.
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

server.listen(0, '127.0.0.1', () => idServer.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const idPort = idServer.address().port;
  echoThroughput(port, (mbps) => {
    handshakesPerSecond(port, false, (full) => {
      handshakesPerSecond(port, true, (tickets) => {
        const report = (ids) => {
          console.log(JSON.stringify({
            echo_MBps: +mbps.toFixed(1),
            handshakes_per_s: Math.round(full),
            resumed_ticket_per_s: Math.round(tickets),
            ...(ids === undefined ? {} :
              { resumed_id_per_s: Math.round(ids) }),
          }));
          server.close();
          idServer.close();
        };
        // TLS 1.3 resumes with tickets only (node and jstls alike).
        if (tls.DEFAULT_MAX_VERSION === 'TLSv1.3') report();
        else handshakesPerSecond(idPort, true, report);
      });
    });
  });
}));
