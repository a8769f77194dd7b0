'use strict';

// A server made from ryans.pfx, the file the docs' `openssl pkcs12
// -export` command writes (commands.sh), and a client that trusts the
// self-signed ryans-cert.pem the way the docs' echo client trusts its
// server: `ca` holds the certificate, and checkServerIdentity accepts it
// although it names no host.  A wrong passphrase fails as the docs say.
const tls = require('tls');
const fs = require('fs');
const { X509Certificate } = require('crypto');

const PASSPHRASE = 'ryans-pfx-password';  // typed at the pkcs12 prompt

try {
  tls.createSecureContext({ pfx: fs.readFileSync('ryans.pfx'),
                            passphrase: 'not the password' });
  console.log('wrong passphrase: accepted');
} catch (err) {
  console.log('wrong passphrase:', err.name, err.message);
}

const server = tls.createServer({
  pfx: fs.readFileSync('ryans.pfx'), passphrase: PASSPHRASE,
}, (socket) => socket.end('hello from the pfx server\n'));

server.listen(0, '127.0.0.1', () => {
  const socket = tls.connect(server.address().port, '127.0.0.1', {
    ca: [fs.readFileSync('ryans-cert.pem')],
    checkServerIdentity: () => { return null; },
  }, () => {
    console.log('client connected',
                socket.authorized ? 'authorized' : 'unauthorized');
    const mine = new X509Certificate(fs.readFileSync('ryans-cert.pem'));
    console.log('server certificate is ryans-cert.pem:',
                socket.getPeerCertificate().fingerprint256 ===
                mine.fingerprint256);
  });
  socket.setEncoding('utf8');
  socket.on('data', (data) => process.stdout.write(data));
  socket.on('end', () => server.close());
});
