// From the Node.js tls docs (seed 000_3bde6494d3ab8d39.txt), section
// "tls.getCiphers()": the example, unmodified below the require.
const tls = require('tls');
console.log(tls.getCiphers()); // ['AES128-SHA', 'AES256-SHA', ...]
