'use strict';

// Client-side session resumption: the session option, 'session' events,
// isSessionReused() and getTLSTicket(), for session tickets (TLS 1.2 and
// 1.3) and session ids (TLS 1.2, secureOptions: SSL_OP_NO_TICKET).
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { constants } = require('crypto');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

function serve(extra) {
  return new Promise((resolve) => {
    const server = tls.createServer({
      key: read('server-key.pem'), cert: read('server-cert.pem'), ...extra,
    }, (socket) => {
      socket.serverTicket = socket.getTLSTicket();
      server.seen.push({ reused: socket.isSessionReused(),
                         ticket: socket.getTLSTicket() });
      socket.end('hi');
    });
    server.seen = [];
    server.listen(0, () => resolve(server));
  });
}

function connect(server, maxVersion, session) {
  return new Promise((resolve, reject) => {
    const sessions = [];
    const c = tls.connect({
      port: server.address().port, ca: read('ca-cert.pem'),
      servername: 'localhost', maxVersion, session,
    });
    c.on('session', (s) => sessions.push(s));
    const out = { sessions };
    c.on('secureConnect', () => {
      out.reused = c.isSessionReused();
      out.protocol = c.getProtocol();
    });
    c.on('data', () => {});
    c.on('end', () => { out.ticket = c.getTLSTicket(); });
    c.on('error', reject);
    c.on('close', () => resolve(out));
  });
}

async function run(label, serverExtra, maxVersion) {
  const server = await serve(serverExtra);
  const first = await connect(server, maxVersion);
  const last = first.sessions[first.sessions.length - 1];
  const second = await connect(server, maxVersion, last);
  server.close();
  console.log(label, {
    protocol: first.protocol,
    sessionEvents: first.sessions.length > 0,
    sessionIsBuffer: Buffer.isBuffer(last),
    firstReused: first.reused,
    secondReused: second.reused,
    ticket: first.ticket === undefined ? 'none' :
      Buffer.isBuffer(first.ticket) && first.ticket.length > 0,
    serverSaw: server.seen,
  });
}

(async () => {
  await run('tls1.2 ticket', {}, 'TLSv1.2');
  await run('tls1.3 ticket', { maxVersion: 'TLSv1.3' }, 'TLSv1.3');
  await run('tls1.2 no ticket', { secureOptions: constants.SSL_OP_NO_TICKET },
            'TLSv1.2');
})().catch((err) => { console.log('failed', err); process.exitCode = 1; });
