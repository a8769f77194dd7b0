'use strict';

// Server side of resumption: ticketKeys shared between servers,
// getTicketKeys()/setTicketKeys(), and the session-id events newSession /
// resumeSession with an external store (tickets off).
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
    }, (socket) => socket.end('hi'));
    server.listen(0, () => resolve(server));
  });
}

function connect(server, session, maxVersion = 'TLSv1.2') {
  return new Promise((resolve, reject) => {
    const out = { sessions: [] };
    const c = tls.connect({
      port: server.address().port, ca: read('ca-cert.pem'),
      servername: 'localhost', session, maxVersion,
    }, () => { out.reused = c.isSessionReused(); });
    c.on('session', (s) => out.sessions.push(s));
    c.on('data', () => {});
    c.on('error', reject);
    c.on('close', () => {
      out.session = out.sessions[out.sessions.length - 1];
      resolve(out);
    });
  });
}

(async () => {
  const keys = Buffer.alloc(48, 7);
  const a = await serve({ ticketKeys: keys, maxVersion: 'TLSv1.3' });
  const b = await serve({ ticketKeys: keys, maxVersion: 'TLSv1.3' });
  const other = await serve({ maxVersion: 'TLSv1.3' });
  console.log('getTicketKeys', a.getTicketKeys().equals(keys),
              other.getTicketKeys().length);
  for (const version of ['TLSv1.2', 'TLSv1.3']) {
    const first = await connect(a, undefined, version);
    console.log(version, 'same keys',
                (await connect(b, first.session, version)).reused,
                'other keys',
                (await connect(other, first.session, version)).reused);
  }
  const first = await connect(a);
  a.setTicketKeys(Buffer.alloc(48, 9));
  console.log('after setTicketKeys', (await connect(a, first.session)).reused,
              a.getTicketKeys()[0]);
  try {
    a.setTicketKeys(Buffer.alloc(10));
  } catch (err) {
    console.log('short keys throw', err instanceof Error);
  }
  a.close(); b.close(); other.close();

  // Session ids kept by the application.
  const store = new Map();
  const events = [];
  const s = await serve({ secureOptions: constants.SSL_OP_NO_TICKET });
  s.on('newSession', (id, data, cb) => {
    events.push(['newSession', id.length, Buffer.isBuffer(data)]);
    store.set(id.toString('hex'), data);
    cb();
  });
  s.on('resumeSession', (id, cb) => {
    events.push(['resumeSession', store.has(id.toString('hex'))]);
    cb(null, store.get(id.toString('hex')) || null);
  });
  const one = await connect(s);
  const two = await connect(s, one.session);
  const three = await connect(s, Buffer.from(one.session));
  console.log('session ids', one.reused, two.reused, three.reused);
  console.log(events);
  s.close();
})().catch((err) => { console.log('failed', err); process.exitCode = 1; });
