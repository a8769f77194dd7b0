'use strict';

// tls.createSecureContext() options, each shown by a handshake: key+cert,
// pfx with passphrase, an encrypted key with passphrase, key objects,
// ciphers, honorCipherOrder, ecdhCurve, minVersion/maxVersion,
// secureProtocol, secureOptions, sessionIdContext; and a secureContext
// passed to connect().
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { constants } = require('crypto');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');
const id = { key: read('server-key.pem'), cert: read('server-cert.pem') };

const cases = [
  ['key and cert', id, {}],
  ['pfx and passphrase', { pfx: read('server.pfx'), passphrase: 'pfxpass' }, {}],
  ['encrypted key and passphrase',
   { key: read('server-key-encrypted.pem'), passphrase: 'secret',
     cert: read('server-cert.pem') }, {}],
  ['key objects', { key: [{ pem: read('server-key-encrypted.pem'),
                            passphrase: 'secret' }],
                    cert: read('server-cert.pem') }, {}],
  ['server ciphers', { ...id, ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' }, {}],
  ['honorCipherOrder', { ...id, honorCipherOrder: true,
                         ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256' },
   { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384' }],
  ['client order', { ...id, honorCipherOrder: false,
                     ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256' },
   { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384' }],
  ['ecdhCurve', { ...id, ecdhCurve: 'secp384r1' }, {}],
  ['maxVersion TLSv1.2 / minVersion TLSv1.2', { ...id, maxVersion: 'TLSv1.2' },
   { minVersion: 'TLSv1.2' }],
  ['secureProtocol TLSv1_2_method', { ...id, secureProtocol: 'TLSv1_2_method' }, {}],
  ['secureOptions NO_TLSv1_2 on the client', id,
   { secureOptions: constants.SSL_OP_NO_TLSv1_2, minVersion: 'TLSv1.2' }],
  ['sessionIdContext', { ...id, sessionIdContext: 'conformance' }, {}],
  ['a client secureContext', id,
   { secureContext: tls.createSecureContext({ ca }) }],
];

function next() {
  const step = cases.shift();
  if (!step) return;
  const [title, serverOpts, clientOpts] = step;
  const server = tls.createServer(serverOpts, (s) => s.end());
  server.on('tlsClientError', () => {});
  server.listen(0, () => {
    const c = tls.connect({ port: server.address().port, ca,
                            servername: 'localhost', ...clientOpts }, () => {
      console.log(title, '->', c.authorized, c.getProtocol(),
                  c.getCipher().name, c.getEphemeralKeyInfo().name);
    });
    c.on('error', (err) => console.log(title, '-> error', err.code));
    c.on('close', () => server.close(next));
    c.resume();
  });
}
console.log('SecureContext object', typeof tls.createSecureContext(id),
            typeof tls.createSecureContext(id).context);
next();
