'use strict';

// The server's requestCert and rejectUnauthorized; the client's key and
// cert; what each end sees of the other's certificate.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const serverOptions = [
  ['requestCert, rejectUnauthorized false',
   { requestCert: true, rejectUnauthorized: false }],
  ['requestCert, rejectUnauthorized (default)', { requestCert: true }],
  ['no requestCert', {}],
];
const clients = [
  ['client cert', { key: read('client-key.pem'), cert: read('client-cert.pem') }],
  ['stranger cert', { key: read('stranger-key.pem'),
                      cert: read('stranger-cert.pem') }],
  ['no cert', {}],
];

const plan = [];
for (const s of serverOptions) {
  for (const c of clients) plan.push([s, c]);
}

function next() {
  const step = plan.shift();
  if (!step) return;
  const [[sTitle, sOpts], [cTitle, cOpts]] = step;
  const server = tls.createServer({
    key: read('server-key.pem'), cert: read('server-cert.pem'),
    ca: read('ca-cert.pem'), ...sOpts,
  }, (socket) => {
    const peer = socket.getPeerCertificate();
    console.log('  server: authorized', socket.authorized,
                'error', socket.authorizationError,
                'peer CN', peer.subject ? peer.subject.CN : '(none)');
    socket.end('ok');
  });
  server.on('tlsClientError', (err) => console.log('  tlsClientError',
                                                   err.code || err.message));
  server.listen(0, () => {
    console.log(`-- ${sTitle} / ${cTitle}`);
    const c = tls.connect({
      port: server.address().port, ca: read('ca-cert.pem'),
      servername: 'localhost', ...cOpts,
    });
    let got = '';
    c.on('data', (d) => got += d);
    c.on('error', (err) => console.log('  client error', err.code));
    c.on('close', () => {
      console.log('  client got', JSON.stringify(got));
      server.close(next);
    });
  });
}
next();
