// flags: --tls-cipher-list=ECDHE-RSA-AES128-GCM-SHA256:!RC4
'use strict';

// The Node tls docs, "Modifying the Default TLS Cipher Suite":
//   node --tls-cipher-list="ECDHE-RSA-AES128-GCM-SHA256:!RC4" server.js
// run as written (the flags line above; jstls takes it after `run`).  The
// docs give no server.js; this one shows the flag at work: a server and a
// client that name no ciphers both take the new default, agree on the one
// suite it leaves, and a client offering only another suite is refused.
// The `ciphers` option still overrides the default on the client.
// cipher_list_env.js runs this file with the NODE_OPTIONS form.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');

console.log('tls.DEFAULT_CIPHERS', tls.DEFAULT_CIPHERS);

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => s.end());
server.on('tlsClientError', (err) => console.log('server: refused', err.code));

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const runs = [{}, { ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' }];
  function next() {
    const options = runs.shift();
    if (!options) {
      server.close();
      return;
    }
    const label = options.ciphers || '(default)';
    const c = tls.connect({ port, host: '127.0.0.1', ca,
                            servername: 'localhost', ...options }, () => {
      console.log('client', label, 'cipher', c.getCipher().name);
    });
    c.resume();
    c.on('error', (err) => console.log('client', label, 'error', err.code));
    c.on('close', next);
  }
  next();
});
