'use strict';

// (Copied from tests/scripts/tls/ciphers_curves.js.)

// getCipher, getProtocol and getEphemeralKeyInfo across key exchanges and
// curves; getFinished on each end equals getPeerFinished on the other.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const cases = [
  { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', ecdhCurve: 'prime256v1' },
  { ciphers: 'ECDHE-RSA-AES256-GCM-SHA384', ecdhCurve: 'secp384r1' },
  { ciphers: 'ECDHE-RSA-CHACHA20-POLY1305', ecdhCurve: 'X25519' },
  { ciphers: 'AES128-GCM-SHA256' },
  { ciphers: 'DHE-RSA-AES128-GCM-SHA256', dhparam: true },
  { maxVersion: 'TLSv1.3', ecdhCurve: 'P-256' },
];

function run(i) {
  if (i === cases.length) return;
  const { dhparam, ...options } = cases[i];
  let serverSocket = null;
  const server = tls.createServer({
    key: read('server-key.pem'),
    cert: read('server-cert.pem'),
    dhparam: dhparam ? read('dh2048.pem') : undefined,
    ...options,
  }, (s) => {
    serverSocket = s;
    s.resume();
  });
  server.listen(0, () => {
    const c = tls.connect({
      port: server.address().port,
      ca: read('ca-cert.pem'),
      servername: 'localhost',
      ...options,
    }, () => {
      const eph = c.getEphemeralKeyInfo();
      const cipher = c.getCipher();
      console.log(`${c.getProtocol()} ${cipher.name} ${cipher.version} ` +
                  `${JSON.stringify(eph)}`);
      setTimeout(() => {
        console.log('  finished cross-equal',
                    c.getFinished().equals(serverSocket.getPeerFinished()),
                    c.getPeerFinished().equals(serverSocket.getFinished()),
                    'server ephemeral', serverSocket.getEphemeralKeyInfo());
        c.end();
      }, 10);
    });
    c.on('close', () => {
      server.close();
      run(i + 1);
    });
  });
}

run(0);
