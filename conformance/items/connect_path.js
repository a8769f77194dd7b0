'use strict';

// tls.connect(path[, options][, callback]): the positional path form over a
// Unix-domain socket.
const tls = require('tls');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const sock = path.join(os.tmpdir(), `jstls-conf-${process.pid}.sock`);

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (s) => s.end('hello over a path'));
server.listen(sock, () => {
  const c = tls.connect(sock, { ca: read('ca-cert.pem'),
                                servername: 'localhost' }, () => {
    console.log('secureConnect', c.authorized, c.getProtocol());
  });
  let got = '';
  c.on('data', (d) => got += d);
  c.on('end', () => {
    console.log(got);
    server.close();
  });
});
