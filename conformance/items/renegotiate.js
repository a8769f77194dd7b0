'use strict';
// renegotiate() with requestCert: the client offers its session again, so
// (as in Node) the renegotiation resumes and brings no certificate.

// The server asks for the client's certificate after the handshake.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  ca: read('ca-cert.pem'),
}, (s) => {
  console.log('before: peer', Object.keys(s.getPeerCertificate()).length);
  const ok = s.renegotiate({ requestCert: true, rejectUnauthorized: true },
                           (err) => {
    const peer = s.getPeerCertificate();
    console.log('renegotiated', err, 'peer', peer && peer.subject &&
                peer.subject.CN);
    s.end();
  });
  console.log('renegotiate returned', ok);
});
server.listen(0, () => {
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost',
                          key: read('client-key.pem'),
                          cert: read('client-cert.pem') });
  c.resume();
  c.on('close', () => server.close());
});
