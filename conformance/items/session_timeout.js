'use strict';

// The sessionTimeout option of tls.createServer(): a session older than
// that many seconds is not resumed.
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const dir = process.env.TLS_FIXTURES;
const read = (name) => fs.readFileSync(path.join(dir, name));

const server = tls.createServer({
  key: read('server-key.pem'), cert: read('server-cert.pem'),
  sessionTimeout: 2,
}, (s) => s.end());
server.listen(0, () => {
  const port = server.address().port;
  const options = { port, ca: read('ca-cert.pem'), servername: 'localhost' };
  let session;
  function attempt(label, delay, last) {
    setTimeout(() => {
      const c = tls.connect({ ...options, session }, () => {
        console.log(label, 'reused', c.isSessionReused());
      });
      c.once('session', (s) => { session = session || s; });
      c.resume();
      c.on('close', () => { if (last) server.close(); else next(); });
    }, delay);
  }
  const steps = [['first', 0], ['at once', 0], ['after 3.5 s', 3500]];
  function next() {
    const [label, delay] = steps.shift();
    attempt(label, delay, steps.length === 0);
  }
  next();
});

for (const value of ['x', -1, 1.5]) {
  try {
    tls.createServer({ sessionTimeout: value });
  } catch (err) {
    console.log(`sessionTimeout ${JSON.stringify(value)}:`, err.name,
                err.code);
  }
}
