'use strict';

// (Copied from tests/scripts/tls/wrap_socket.js.)
// tls.connect({ socket }) over a net.Socket in each of its states: already
// connected (TLS goes on its host handle), still connecting (TLS starts
// once it is), and not connecting yet (a Duplex like any other: the
// ciphertext crosses into JS, and the socket connects afterwards).  The
// client reads with a 'data' listener, which must get the reply.
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
}, (socket) => {
  socket.setEncoding('utf8');
  socket.on('data', (text) => {
    socket.end(`echo ${text} (servername ${socket.servername})`);
  });
});

function attempt(title, raw, done) {
  console.log('--', title);
  console.log('raw connecting', raw.connecting, 'pending', raw.pending);
  const client = tls.connect({
    socket: raw, ca: read('ca-cert.pem'), servername: 'localhost',
  }, () => {
    console.log('secureConnect', client.authorized, client.getProtocol(),
                typeof client.remotePort);
    client.write(title);
  });
  client.setEncoding('utf8');
  client.on('data', (text) => console.log('data', text));
  client.on('end', () => console.log('end'));
  client.on('close', (hadError) => {
    console.log('close', hadError);
    done();
  });
}

server.listen(0, () => {
  const port = server.address().port;
  const steps = [
    (next) => {
      const raw = net.connect(port, () => attempt('connected', raw, next));
    },
    (next) => attempt('connecting', net.connect(port), next),
    (next) => {
      const raw = new net.Socket();
      setTimeout(() => raw.connect(port), 20);
      attempt('not connecting yet', raw, next);
    },
  ];
  function next() {
    const step = steps.shift();
    if (step) step(next); else server.close();
  }
  next();
});
