'use strict';
// TLS 1.3 sessions: the server sends two tickets after the handshake and
// the client hears one 'session' per ticket, even when it ends inside its
// 'secureConnect' listener.  (On a resumed connection the count differs:
// OpenSSL 4 sends a fresh ticket, node 20's OpenSSL 3.0 none.)

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  maxVersion: 'TLSv1.3',
}, (s) => s.resume());

function connect(session, done) {
  let sessions = 0;
  let latest;
  const c = tls.connect({
    port: server.address().port, ca: read('ca-cert.pem'),
    servername: 'localhost', maxVersion: 'TLSv1.3', session,
  }, () => {
    console.log(c.getProtocol(), 'reused', c.isSessionReused());
    c.end();
  });
  c.on('session', (s) => {
    sessions++;
    latest = s;
  });
  c.resume();
  c.on('close', () => {
    if (session === undefined) console.log('sessions', sessions);
    done(latest);
  });
}

server.listen(0, () => {
  connect(undefined, (session) => {
    connect(session, () => server.close());
  });
});
