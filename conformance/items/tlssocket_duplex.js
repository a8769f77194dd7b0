'use strict';

// (Copied from tests/scripts/tls/duplex.js.)
// TLS over plain JS Duplex streams (no socket anywhere): a pair of
// Duplexes wired to each other carries the ciphertext between a
// tls.connect({ socket }) client and a new tls.TLSSocket(..., { isServer })
// server.  Then a client made with new TLSSocket() (no verification, the
// handshake waits for its first write), a server fed something that is
// not TLS, and a transport that ends in the middle of the handshake.
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { Duplex } = require('stream');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const serverContext = tls.createSecureContext({
  key: read('server-key.pem'),
  cert: read('server-cert.pem'),
});

// Two Duplexes: what one is written, the other reads.
function duplexPair() {
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
  return sides;
}

// The stream events of each socket, printed once all have closed: how
// 'end' and 'finish' interleave with the other side's events depends on
// the order in which the two sides' callbacks happen to run.
function whenClosed(sockets, done) {
  const seen = sockets.map(() => []);
  let open = sockets.length;
  sockets.forEach(([, socket], i) => {
    for (const event of ['end', 'finish']) {
      socket.on(event, () => seen[i].push(event));
    }
    socket.on('close', (hadError) => {
      seen[i].sort();
      seen[i].push(`close ${hadError}`);
      if (--open > 0) return;
      sockets.forEach(([name], j) => {
        console.log(`${name}: ${seen[j].join(', ')}`);
      });
      done();
    });
  });
}

function conversation(done) {
  console.log('-- tls.connect({ socket }) and a server TLSSocket');
  const [clientSide, serverSide] = duplexPair();
  const server = new tls.TLSSocket(serverSide, {
    isServer: true,
    secureContext: serverContext,
    ALPNProtocols: ['h2', 'http/1.1'],
  });
  server.on('secure', () => {
    console.log('server secure', server.getProtocol(), server.servername,
                server.alpnProtocol);
  });
  server.setEncoding('utf8');
  server.on('data', (text) => {
    console.log('server data', text);
    server.write(text.toUpperCase());
  });
  server.on('end', () => server.end('bye'));

  const client = tls.connect({
    socket: clientSide,
    ca: read('ca-cert.pem'),
    servername: 'localhost',
    ALPNProtocols: ['http/1.1'],
  }, () => {
    console.log('client secureConnect', client.authorized,
                client.getProtocol(), client.alpnProtocol,
                client.getPeerCertificate().subject.CN);
    console.log('client encrypted', client.encrypted, 'remoteAddress',
                client.remoteAddress, 'address', client.address());
    client.write('ping');
  });
  client.setEncoding('utf8');
  let replies = 0;
  client.on('data', (text) => {
    console.log('client data', text);
    if (++replies === 1) client.end();
  });
  whenClosed([['client', client], ['server', server]], () => {
    console.log('duplexes destroyed', clientSide.destroyed,
                serverSide.destroyed);
    setImmediate(done);
  });
}

function plainClient(done) {
  console.log('-- a client made with new TLSSocket()');
  const [clientSide, serverSide] = duplexPair();
  const server = new tls.TLSSocket(serverSide, {
    isServer: true,
    secureContext: serverContext,
  });
  server.on('data', (data) => {
    console.log('server data', data.toString(), 'servername',
                server.servername);
    server.end();
  });
  const client = new tls.TLSSocket(clientSide, {
    secureContext: tls.createSecureContext({ ca: read('ca-cert.pem') }),
  });
  client.on('secureConnect', () => console.log('never: secureConnect'));
  client.on('secure', () => {
    console.log('client secure', client.authorized,
                client.authorizationError);
  });
  client.on('end', () => client.end());
  whenClosed([['client', client], ['server', server]], () => {
    setImmediate(done);
  });
  setTimeout(() => {
    console.log('nothing sent yet; write');
    client.write('hello');
  }, 20);
}

function notTls(done) {
  console.log('-- a server fed plain text');
  const [peer, serverSide] = duplexPair();
  const server = new tls.TLSSocket(serverSide, {
    isServer: true,
    secureContext: serverContext,
  });
  server.on('error', (err) => console.log('server error', err.code));
  server.on('close', (hadError) => {
    console.log('server close', hadError);
    setImmediate(done);
  });
  peer.write('GET / HTTP/1.0\r\n\r\n');
}

function endedEarly(done) {
  console.log('-- the transport ends in the middle of the handshake');
  const [clientSide, serverSide] = duplexPair();
  serverSide.once('data', () => serverSide.end());
  const client = tls.connect({ socket: clientSide });
  client.on('error', (err) => console.log('client error', err.code,
                                          err.message));
  client.on('close', () => {
    console.log('client close');
    setImmediate(done);
  });
}

const steps = [conversation, plainClient, notTls, endedEarly];
function next() {
  const step = steps.shift();
  if (step) step(next);
}
next();
