'use strict';

// The lookup and timeout options of tls.connect().
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  socket.on('data', () => {});
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const c = tls.connect({
    port, host: 'my-own-name.test', ca: read('ca-cert.pem'),
    servername: 'localhost', timeout: 100,
    lookup: (host, options, cb) => {
      console.log('lookup asked for', host);
      if (options.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    },
  }, () => console.log('secure', c.authorized));
  c.on('timeout', () => {
    console.log('timeout event');
    c.destroy();
  });
  c.on('close', () => server.close());
});
