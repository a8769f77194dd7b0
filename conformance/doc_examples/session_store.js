'use strict';

// The Node tls docs, Class tls.Server, event 'resumeSession': the session
// store snippet (between the two marker lines, unmodified), in a minimal
// server and client around it.  Tickets are switched off, so the second
// connection can only resume through the store: the snippet's newSession
// listener keeps the first session under its id, its resumeSession
// listener gives it back when the client offers that id again.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { SSL_OP_NO_TICKET } = require('constants');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  secureOptions: SSL_OP_NO_TICKET,
}, (socket) => {
  console.log('server: connection, reused', socket.isSessionReused());
  socket.end();
});

// -- from the docs --
const tlsSessionStore = {};
server.on('newSession', (id, data, cb) => {
  tlsSessionStore[id.toString('hex')] = data;
  cb();
});
server.on('resumeSession', (id, cb) => {
  cb(null, tlsSessionStore[id.toString('hex')] || null);
});
// -- end of the docs' snippet --

function connect(port, session, done) {
  const socket = tls.connect({
    port, host: '127.0.0.1', ca: read('ca-cert.pem'), servername: 'localhost',
    session,
  }, () => {
    console.log('client: reused', socket.isSessionReused(),
                'sessions in the store', Object.keys(tlsSessionStore).length);
  });
  let kept;
  socket.on('session', (data) => kept = data);
  socket.resume();
  socket.on('close', () => done(kept));
}

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  connect(port, undefined, (session) => {
    connect(port, session, () => server.close());
  });
});
