'use strict';
// The deprecated tls.createSecurePair(): server and client pairs, the
// positional arguments and the options object, 'secure', and what the
// pair's streams are (Node 10 and later: a TLSSocket and a Duplex, no
// SecurePair or CryptoStream class exported).

const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const serverContext = tls.createSecureContext({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  ca: read('ca-cert.pem'),
});

process.on('warning', (w) => console.log('warning:', w.name, w.code,
                                         w.message));
console.log('exported:', typeof tls.SecurePair, typeof tls.CryptoStream);

// A server pair on each accepted socket; how it is made is up to the test.
function serverPair(makePair, clientOptions, next) {
  const server = net.createServer((socket) => {
    const pair = makePair(server);
    console.log('pair:', pair.constructor.name,
                pair.cleartext instanceof tls.TLSSocket,
                pair.server === server, pair.credentials !== undefined);
    pair.encrypted.pipe(socket);
    socket.pipe(pair.encrypted);
    pair.on('secure', () => {
      const peer = pair.cleartext.getPeerCertificate();
      console.log('server secure: authorized', pair.cleartext.authorized,
                  'peer', peer.subject ? peer.subject.CN : null,
                  'servername', pair.cleartext.servername,
                  'alpn', pair.cleartext.alpnProtocol);
      pair.cleartext.end('from a SecurePair');
    });
    pair.cleartext.on('error', (err) => console.log('server error', err.code));
  });
  server.listen(0, () => {
    const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                            servername: 'localhost', ...clientOptions });
    let got = '';
    c.on('data', (d) => got += d);
    c.on('error', (err) => console.log('client error', err.code));
    c.on('close', () => {
      console.log('client got:', got);
      server.close(next);
    });
  });
}

// A client pair: its encrypted stream goes to a tls server.
function clientPair(options, next) {
  const server = tls.createServer({
    key: read('server-key.pem'), cert: read('server-cert.pem'),
    ALPNProtocols: ['b', 'a'],
  }, (s) => s.end('hello ' + s.alpnProtocol));
  server.listen(0, () => {
    const socket = net.connect(server.address().port, () => {
      const pair = tls.createSecurePair(
        tls.createSecureContext({ ca: read('ca-cert.pem') }), false, false,
        false, options);
      pair.encrypted.pipe(socket);
      socket.pipe(pair.encrypted);
      pair.on('secure', () => {
        console.log('client secure:', pair.cleartext.getProtocol(),
                    'reused', pair.cleartext.isSessionReused());
      });
      pair.cleartext.on('OCSPResponse', () => console.log('OCSPResponse'));
      pair.cleartext.setEncoding('utf8');
      pair.cleartext.on('data', (d) => {
        console.log('client pair got:', d);
        // What the docs' CryptoStream.bytesWritten was: the cleartext
        // stream counts what was written through it.
        console.log('bytesWritten:', pair.cleartext.bytesWritten,
                    pair.encrypted.bytesWritten);
        const session = pair.cleartext.getSession();
        pair.destroy();
        socket.destroy();
        server.close(() => next(session));
      });
      pair.cleartext.write('ping');  // a client pair starts on its first write
    });
  });
}

serverPair(() => tls.createSecurePair(serverContext, true, false, false),
           {}, () => {
  serverPair((server) => tls.createSecurePair(serverContext, true, true, true,
                                              { server }),
             { key: read('client-key.pem'), cert: read('client-cert.pem') },
             () => {
    serverPair(() => tls.createSecurePair(null, true, false, false, {
      ALPNProtocols: ['x', 'y'],
      SNICallback: (name, cb) => cb(null, serverContext),
    }), { ALPNProtocols: ['y'] }, () => {
      clientPair({ ALPNProtocols: ['a'], requestOCSP: true }, (session) => {
        clientPair({ session }, () => {});
      });
    });
  });
});
