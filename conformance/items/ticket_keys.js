'use strict';

// Ticket keys: 48 bytes; a client resumes from a ticket; a server with
// the same ticketKeys accepts another's tickets; new keys refuse them.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));
const id = { key: read('server-key.pem'), cert: read('server-cert.pem') };
const keys = Buffer.alloc(48, 7);

const a = tls.createServer({ ...id, ticketKeys: keys }, (s) => s.end());
const b = tls.createServer({ ...id, ticketKeys: keys }, (s) => s.end());
console.log('getTicketKeys', a.getTicketKeys().equals(keys));

function connect(server, session, cb) {
  const c = tls.connect({ port: server.address().port, ca: read('ca-cert.pem'),
                          servername: 'localhost', session }, () => {
    console.log('  reused', c.isSessionReused(), 'ticket',
                Buffer.isBuffer(c.getTLSTicket()));
  });
  let ticketSession;
  c.on('session', (s) => { ticketSession = s; });
  c.resume();
  c.on('close', () => cb(ticketSession || c.getSession()));
}

a.listen(0, () => b.listen(0, () => {
  console.log('-- first connection to a');
  connect(a, undefined, (session) => {
    console.log('-- resume on b (same keys)');
    connect(b, session, () => {
      b.setTicketKeys(Buffer.alloc(48, 9));
      console.log('-- resume on b (new keys)');
      connect(b, session, () => { a.close(); b.close(); });
    });
  });
}));
