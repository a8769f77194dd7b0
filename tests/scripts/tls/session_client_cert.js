'use strict';
// Resumption on a server that verifies its clients: OpenSSL resumes there
// only within a session id context, which a tls.Server has by default (a
// hash of the command line) or takes from sessionIdContext.

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

function run(serverExtra, done) {
  const store = new Map();
  const server = tls.createServer({
    key: read('server-key.pem'), cert: read('server-cert.pem'),
    ca: read('ca-cert.pem'), requestCert: true, ...serverExtra,
  }, (socket) => {
    console.log('  server: authorized', socket.authorized,
                'reused', socket.isSessionReused());
    socket.end();
  });
  server.on('newSession', (id, data, cb) => {
    store.set(id.toString('hex'), data);
    cb();
  });
  server.on('resumeSession', (id, cb) => {
    cb(null, store.get(id.toString('hex')) || null);
  });
  console.log('sessionIdContext:', serverExtra.sessionIdContext ||
              /^[0-9a-f]{32}$/.test(server.sessionIdContext));
  server.listen(0, () => {
    const connect = (session, next) => {
      const c = tls.connect({
        port: server.address().port, ca: read('ca-cert.pem'),
        servername: 'localhost', session,
        key: read('client-key.pem'), cert: read('client-cert.pem'),
      }, () => {
        console.log('  client: reused', c.isSessionReused());
      });
      let saved;
      c.on('session', (s) => { saved = s; });
      c.resume();
      c.on('close', () => next(saved));
    };
    connect(undefined, (session) => connect(session, () => server.close(done)));
  });
}

console.log('tickets:');
run({}, () => {
  console.log('session ids, own context:');
  run({ sessionIdContext: 'an-app', secureOptions:
        require('crypto').constants.SSL_OP_NO_TICKET }, () => {});
});
