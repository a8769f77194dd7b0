'use strict';

// new tls.TLSSocket(socket, { session }) on the client side: the session
// of a first connection made with tls.connect() is offered again over a
// net socket wrapped by hand.  Once with a session ticket, once with a
// session id the server keeps in a newSession / resumeSession store.  The
// server says whether it resumed; a wrapped socket with no session does
// not.  (A TLSSocket made by hand starts its handshake on its first
// write, and does not verify the server: tls.connect() does that.)
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');
const { constants } = require('crypto');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');

function serve(secureOptions, done) {
  const store = new Map();
  const server = tls.createServer({
    key: read('server-key.pem'), cert: read('server-cert.pem'), secureOptions,
  }, (s) => {
    s.on('data', () => {});
    s.on('end', () => {
      console.log('server: reused', s.isSessionReused());
      s.end();
    });
  });
  server.on('newSession', (id, data, cb) => {
    store.set(id.toString('hex'), data);
    cb();
  });
  server.on('resumeSession', (id, cb) => {
    console.log('server: resumeSession, id known',
                store.has(id.toString('hex')));
    cb(null, store.get(id.toString('hex')) || null);
  });
  server.listen(0, '127.0.0.1', () => done(server));
}

// One connection through a hand-made TLSSocket; calls done on 'close'.
function wrapped(port, session, done) {
  const raw = net.connect(port, '127.0.0.1', () => {
    const s = new tls.TLSSocket(raw, { session, ca, servername: 'localhost' });
    s.on('secure', () => {
      console.log('wrapped client: reused', s.isSessionReused());
      s.end();
    });
    s.resume();
    s.write('hello');
    s.on('close', done);
  });
}

function run(label, secureOptions, next) {
  console.log('--', label);
  serve(secureOptions, (server) => {
    const port = server.address().port;
    let session;
    const first = tls.connect({ port, host: '127.0.0.1', ca,
                                servername: 'localhost' });
    first.once('session', (s) => {
      session = s;
      first.end();
    });
    first.resume();
    first.on('close', () => {
      console.log('first client: session is a Buffer',
                  Buffer.isBuffer(session));
      wrapped(port, session, () => {
        wrapped(port, undefined, () => server.close(next));
      });
    });
  });
}

run('session ticket', 0, () => {
  run('session id', constants.SSL_OP_NO_TICKET, () => {});
});
