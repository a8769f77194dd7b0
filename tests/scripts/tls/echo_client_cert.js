'use strict';

// The docs' echo server with client-certificate authentication, and its
// client, in one process.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const options = {
  key: read('server-key.pem'),
  cert: read('server-cert.pem'),
  // This is necessary only if using client certificate authentication.
  requestCert: true,
  // This is necessary only if the client uses a self-signed certificate.
  ca: [read('ca-cert.pem')],
};

const server = tls.createServer(options, (socket) => {
  console.log('server connected',
              socket.authorized ? 'authorized' : 'unauthorized');
  const peer = socket.getPeerCertificate();
  console.log('client certificate CN:', peer.subject.CN);
  socket.write('welcome!\n');
  socket.setEncoding('utf8');
  socket.pipe(socket);
});
server.listen(0, () => {
  const client = tls.connect(server.address().port, {
    key: read('client-key.pem'),
    cert: read('client-cert.pem'),
    ca: [read('ca-cert.pem')],
    servername: 'localhost',
  }, () => {
    console.log('client connected',
                client.authorized ? 'authorized' : 'unauthorized');
    client.end('echo me\n');
  });
  client.setEncoding('utf8');
  let got = '';
  client.on('data', (data) => { got += data; });
  client.on('end', () => {
    console.log('client received', JSON.stringify(got));
    server.close();
  });
});
