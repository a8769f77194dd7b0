'use strict';
// known-issue: server.connections (deprecated; removed in later Node) is not provided

const tls = require('tls');
const server = tls.createServer({});
console.log('connections', typeof server.connections);
