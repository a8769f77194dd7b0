// The smallest jstls program: the loop, timers, promises and process.
'use strict';

const { format } = require('util');

setTimeout(() => {
  console.log(format('hello from %s on OpenSSL %s', process.title,
                     process.versions.openssl));
}, 10);

Promise.resolve().then(() => console.log('promise jobs run first'));
process.on('exit', (code) => console.log(`exit code ${code}`));
