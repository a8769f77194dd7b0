'use strict';

// A server keeps sessions itself (the docs' store), a client resumes with
// the session option of tls.connect().
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  secureOptions: require('constants').SSL_OP_NO_TICKET,
}, (s) => s.end());
const store = {};
server.on('newSession', (id, data, cb) => {
  console.log('newSession', Buffer.isBuffer(id), Buffer.isBuffer(data));
  store[id.toString('hex')] = data;
  cb();
});
server.on('resumeSession', (id, cb) => {
  console.log('resumeSession, known', id.toString('hex') in store);
  cb(null, store[id.toString('hex')] || null);
});
server.listen(0, () => {
  const port = server.address().port;
  const opts = { port, ca: read('ca-cert.pem'), servername: 'localhost' };
  const first = tls.connect(opts, () => {
    const session = first.getSession();
    first.on('close', () => {
      const second = tls.connect({ ...opts, session }, () => {
        console.log('second reused', second.isSessionReused());
      });
      second.resume();
      second.on('close', () => server.close());
    });
  });
  first.resume();
});
