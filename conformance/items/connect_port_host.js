'use strict';

// tls.connect(port[, host][, options][, callback]): the positional forms,
// and options that take precedence over the arguments.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => socket.end());
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const forms = [
    ['(port, options, cb)', (cb) => tls.connect(port, { ca, servername: 'localhost' }, cb)],
    ['(port, host, options, cb)',
     (cb) => tls.connect(port, '127.0.0.1', { ca, servername: 'localhost' }, cb)],
    ['(port, host, options) + secureConnect',
     (cb) => tls.connect(port, '127.0.0.1', { ca, servername: 'localhost' })
       .on('secureConnect', cb)],
    ['option port beats argument',
     (cb) => tls.connect(1, '127.0.0.1', { port, ca, servername: 'localhost' }, cb)],
    ['option host beats argument',
     (cb) => tls.connect(port, 'no-such-host.invalid',
                         { host: '127.0.0.1', ca, servername: 'localhost' }, cb)],
  ];
  function next() {
    const form = forms.shift();
    if (!form) { server.close(); return; }
    const c = form[1](() => {
      console.log(form[0], 'secure', c.authorized, c.remotePort === port);
    });
    c.on('error', (err) => console.log(form[0], 'error', err.code));
    c.on('close', next);
    c.resume();
  }
  next();
});
