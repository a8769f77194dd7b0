'use strict';

// TLS inside TLS: a TLSSocket is a Duplex like any other, so a second
// connection can run through the first, on both sides (a client's
// tls.connect({ socket: tlsSocket }), a server's new TLSSocket(tlsSocket)).
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const serverOptions = {
  key: read('server-key.pem'), cert: read('server-cert.pem'),
};

const server = tls.createServer(serverOptions, (outer) => {
  const inner = new tls.TLSSocket(outer, {
    isServer: true,
    secureContext: tls.createSecureContext(serverOptions),
  });
  inner.on('secure', () => {
    console.log('inner server secure', inner.getProtocol());
  });
  inner.setEncoding('utf8');
  inner.on('data', (text) => inner.end(`inner echo ${text}`));
  inner.on('close', () => server.close());
});

server.listen(0, () => {
  const outer = tls.connect({
    port: server.address().port, ca: read('ca-cert.pem'),
    servername: 'localhost',
  }, () => {
    console.log('outer secureConnect', outer.authorized);
    const inner = tls.connect({
      socket: outer, ca: read('ca-cert.pem'), servername: 'localhost',
    }, () => {
      console.log('inner secureConnect', inner.authorized,
                  inner.getProtocol());
      inner.write('hi');
    });
    inner.setEncoding('utf8');
    inner.on('data', (text) => console.log(text));
    inner.on('end', () => {
      console.log('inner end');
      inner.end();
    });
    inner.on('close', (hadError) => console.log('inner close', hadError));
  });
  outer.on('close', (hadError) => console.log('outer close', hadError));
});
