'use strict';

// (Copied from tests/scripts/tls/sni_callback.js.)
// An asynchronous SNICallback: the handshake waits for cb, which may come
// later (setTimeout), with a context (its certificate is used), with none
// (the server's own), with an error (the handshake is aborted:
// 'tlsClientError' gets that error), or twice (ERR_MULTIPLE_CALLBACK).
// A client that sends no server name is not asked about.  The server's
// ALPNProtocols is a Buffer in the wire format.  Last, the same callback
// on a server TLSSocket over a Duplex pair.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { Duplex } = require('stream');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const ca = read('ca-cert.pem');
const contexts = {
  'a.example.com': tls.createSecureContext({
    key: read('sni-a-key.pem'), cert: read('sni-a-cert.pem'),
  }),
};

function SNICallback(servername, cb) {
  console.log('SNICallback', servername, typeof cb);
  if (servername === 'bad.example.com') {
    setTimeout(() => cb(new Error('no certificate for that name')), 10);
  } else if (servername === 'twice.example.com') {
    cb(null, null);
    cb(null, null);
  } else if (servername === 'none.example.com') {
    setTimeout(() => cb(null, undefined), 10);
  } else {
    setTimeout(() => cb(null, contexts[servername]), 10);
  }
}

const server = tls.createServer({
  key: read('server-key.pem'),
  cert: read('server-cert.pem'),
  ALPNProtocols: Buffer.from('\x02h2\x08http/1.1'),
  SNICallback,
}, (socket) => {
  console.log('secureConnection', socket.servername, socket.alpnProtocol);
  socket.end();
});
// An SNICallback replaces the addContext() list: this one is not used.
server.addContext('a.example.com', {
  key: read('server-key.pem'), cert: read('server-cert.pem'),
});
server.on('tlsClientError', (err, socket) => {
  console.log('tlsClientError', err.code, err.message,
              socket instanceof tls.TLSSocket);
});
console.log('server ALPNProtocols', server.ALPNProtocols);

const names = ['a.example.com', 'none.example.com', 'bad.example.com',
               'twice.example.com', undefined];

server.listen(0, () => {
  const port = server.address().port;
  function next() {
    if (names.length === 0) {
      server.close(overDuplex);
      return;
    }
    const servername = names.shift();
    const client = tls.connect({
      port, servername, ca, ALPNProtocols: ['http/1.1'],
      checkServerIdentity: () => undefined,
    }, () => {
      console.log('client', servername, 'CN',
                  client.getPeerCertificate().subject.CN,
                  'alpn', client.alpnProtocol);
    });
    client.on('error', (err) => console.log('client error', servername,
                                            err.code));
    client.resume();
    client.on('close', next);
  }
  next();
});

function overDuplex() {
  console.log('-- over a Duplex pair');
  const sides = [];
  for (let i = 0; i < 2; i++) {
    sides.push(new Duplex({
      read() {},
      write(chunk, encoding, callback) {
        sides[1 - i].push(chunk);
        callback();
      },
      final(callback) {
        sides[1 - i].push(null);
        callback();
      },
    }));
  }
  const serverSide = new tls.TLSSocket(sides[1], {
    isServer: true,
    secureContext: tls.createSecureContext({
      key: read('server-key.pem'), cert: read('server-cert.pem'),
    }),
    SNICallback,
  });
  serverSide.on('secure', () => {
    console.log('server secure', serverSide.servername);
    serverSide.end();
  });
  const client = tls.connect({
    socket: sides[0], servername: 'a.example.com', ca,
  }, () => {
    console.log('client CN', client.getPeerCertificate().subject.CN,
                'authorized', client.authorized);
  });
  client.resume();
  client.on('end', () => client.end());
}
