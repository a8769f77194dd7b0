'use strict';
// known-issue: node 20 removed server.connections; jstls keeps the Node 10 docs' deprecated count (with the DEP0020 warning)

const tls = require('tls');
const server = tls.createServer({});
console.log('connections', typeof server.connections);
