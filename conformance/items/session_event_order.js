'use strict';

// The session a client keeps for the `session` option of tls.connect()
// arrives in a 'session' event.  In TLS 1.2 the session is settled by the
// handshake, so the event comes before any data, even when the server
// writes and ends at once.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => s.end('bye'));

server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({
    port: server.address().port, host: '127.0.0.1', ca: read('ca-cert.pem'),
    servername: 'localhost',
  }, () => console.log('secureConnect'));
  c.on('session', (s) => console.log('session', Buffer.isBuffer(s)));
  c.on('data', (d) => console.log('data', String(d)));
  c.on('end', () => {
    console.log('end');
    server.close();
  });
});
