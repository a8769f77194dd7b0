'use strict';

// (Copied from tests/scripts/tls/unix_path.js.)
// tls.createServer().listen(path) and tls.connect({ path }): TLS over a
// Unix-domain socket.
const tls = require('tls');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const sock = path.join(os.tmpdir(), `jstls-tls-${process.pid}.sock`);

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => s.end('over a unix socket'));
server.listen(sock, () => {
  console.log('address is the path', server.address() === sock);
  const c = tls.connect({ path: sock, ca: read('ca-cert.pem'),
                          servername: 'localhost' }, () => {
    console.log('secure', c.authorized, c.getProtocol());
  });
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => {
    console.log(got);
    server.close(() => console.log('socket file removed',
                                   !fs.existsSync(sock)));
  });
});
