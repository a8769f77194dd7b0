'use strict';
// A server socket that disabled renegotiation refuses a client's attempt
// with an 'error'; the client only sees the connection close.

const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => {
  s.disableRenegotiation();
  s.on('error', (err) => {
    console.log('server error', err.code);
    s.destroy();
  });
  s.resume();
});
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost' }, () => {
    c.renegotiate({}, (err) => {
      console.log('client callback', err && err.code);
      c.destroy();
    });
  });
  c.on('error', (err) => console.log('client error', err.code));
  c.on('close', () => server.close());
  c.resume();
});
