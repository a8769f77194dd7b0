'use strict';

// (Copied from tests/scripts/tls/min_dh_size.js.)
// minDHSize: a client refuses a DHE server whose group is smaller
// (ERR_TLS_DH_PARAM_SIZE, as an 'error' event after the handshake, then
// 'close' without error), and tls.connect() checks the option itself.
// The server's group is RFC 2409's 1024-bit one (Node warns about it on
// stderr: below 2048 bits).
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'),
  cert: read('server-cert.pem'),
  dhparam: read('dh1024.pem'),
  ciphers: 'DHE-RSA-AES128-GCM-SHA256',
}, (socket) => socket.end());
server.on('tlsClientError', (err) => console.log('tlsClientError', err.code));

server.listen(0, () => {
  const port = server.address().port;
  for (const minDHSize of ['1024', 0, -1, null, NaN, undefined]) {
    try {
      tls.connect({ port, minDHSize });
    } catch (err) {
      console.log(`minDHSize ${minDHSize}:`, err.code,
                  err.message.split('\n')[0]);
    }
  }

  const sizes = [1024, 1025, 2048];
  function next() {
    if (sizes.length === 0) {
      server.close();
      return;
    }
    const minDHSize = sizes.shift();
    const client = tls.connect({
      port, ca: read('ca-cert.pem'), servername: 'localhost', minDHSize,
    }, () => {
      console.log(`minDHSize ${minDHSize}: secureConnect`,
                  client.getEphemeralKeyInfo(), client.getCipher().name);
      client.end();
    });
    client.on('error', (err) => {
      console.log(`minDHSize ${minDHSize}: error`, err.code, err.message,
                  'destroyed', client.destroyed);
    });
    client.on('close', (hadError) => {
      console.log(`minDHSize ${minDHSize}: close`, hadError);
      next();
    });
  }
  next();
});
