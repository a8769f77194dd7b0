'use strict';
// OCSP stapling: a server's 'OCSPRequest' listener (answering later) and a
// client's requestOCSP / 'OCSPResponse', over a few connections.

const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');
const { X509Certificate } = require('crypto');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const response = read('ocsp-response.der');
const subject = (der) => new X509Certificate(der).subject;

// What the listener answers, connection by connection.
const answers = ['response', 'nothing', 'error', 'not a buffer'];

const server = tls.createServer({
  key: read('server-key.pem'),
  // The chain carries the issuer, which the listener then gets.
  cert: Buffer.concat([read('server-cert.pem'), read('ca-cert.pem')]),
}, (socket) => socket.end('hello'));
server.on('OCSPRequest', (certificate, issuer, callback) => {
  const answer = answers.shift();
  console.log('OCSPRequest:', subject(certificate), '/ issuer',
              issuer && subject(issuer), '/ answering', answer);
  setTimeout(() => {
    if (answer === 'error') {
      callback(new Error('no OCSP today'));
    } else if (answer === 'not a buffer') {
      // Refused at once; the handshake waits for a proper answer.
      try {
        callback(null, 'a string');
      } catch (err) {
        console.log('  callback threw:', err.name, err.code, err.message);
      }
      callback(null, null);
    } else {
      callback(null, answer === 'response' ? response : null);
    }
  }, 20);
});
server.on('tlsClientError', (err) => {
  console.log('tlsClientError:', err.message);
});

function connect(options, done) {
  const client = tls.connect({
    port: server.address().port, ca: read('ca-cert.pem'),
    servername: 'localhost', ...options,
  }, () => console.log('  secureConnect'));
  client.on('OCSPResponse', (resp) => {
    console.log('  OCSPResponse:', resp === null ? null :
                resp.equals(response) ? 'the stapled response' : resp);
  });
  client.on('data', (d) => console.log('  data:', String(d)));
  client.on('error', (err) => console.log('  client error:', err.code));
  client.on('close', done);
}

// new tls.TLSSocket() takes requestOCSP, but (in Node 20) sends no
// status_request: only tls.connect() asks.
function fromSocket(done) {
  const socket = net.connect(server.address().port, () => {
    const client = new tls.TLSSocket(socket, {
      requestOCSP: true, ca: read('ca-cert.pem'),
    });
    client.setServername('localhost');
    client.on('OCSPResponse', (resp) => {
      console.log('  TLSSocket OCSPResponse:', resp && resp.length > 0);
    });
    client.on('secure', () => console.log('  TLSSocket secure'));
    client.on('data', () => client.end());
    client.on('close', done);
    client.write('');
  });
}

server.listen(0, () => {
  connect({ requestOCSP: true }, () => {
    connect({ requestOCSP: true }, () => {
      connect({ requestOCSP: true }, () => connect({ requestOCSP: true }, () => {
        console.log('without requestOCSP:');
        connect({}, () => {
          answers.push('response');
          fromSocket(() => server.close());
        });
      }));
    });
  });
});
