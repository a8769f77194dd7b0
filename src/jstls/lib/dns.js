// `dns`: lookup() only, as TLS code uses it (and net's `lookup` option).
// getaddrinfo runs on a host thread, so the loop never waits for it; an IP
// address answers at once, still asynchronously, as in Node.
'use strict';

const loop = require('internal/loop');
const { codes, validateFunction } = require('internal/errors');
const { isIP } = require('internal/net_address');

const pending = new Map();

function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  } else if (options === undefined || options === null) {
    options = {};
  }
  validateFunction(callback, 'callback');
  if (hostname !== undefined && hostname !== null &&
      typeof hostname !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  const family = options.family === 'IPv4' ? 4 :
    options.family === 'IPv6' ? 6 : (options.family | 0);
  if (family !== 0 && family !== 4 && family !== 6) {
    throw new codes.ERR_INVALID_ARG_VALUE('options.family', options.family,
                                          'must be one of: 0, 4, 6');
  }
  const all = Boolean(options.all);

  if (!hostname) {
    const address = family === 6 ? '::' : null;
    loop.nextTick(callback, null, all ? [] : address, family === 6 ? 6 : 4);
    return {};
  }
  const literal = isIP(hostname);
  if (literal !== 0) {
    loop.nextTick(callback, null, all ? [{ address: hostname,
      family: literal }] : hostname, literal);
    return {};
  }

  const id = host.call('tcp.lookup', hostname, family, all, options.hints | 0);
  pending.set(id, (kind, result) => {
    pending.delete(id);
    loop.unregisterHandle(id);
    if (kind === 'lookup_error') {
      callback(host.fromRecord(result));
    } else if (all) {
      callback(null, result.map(([address, fam]) => ({ address,
        family: fam })));
    } else {
      callback(null, result[0][0], result[0][1]);
    }
  });
  loop.registerHandle(id, { onHostEvent: pending.get(id) });
  return {};
}

const promises = {
  lookup(hostname, options) {
    return new Promise((resolve, reject) => {
      lookup(hostname, options, (err, address, family) => {
        if (err) reject(err);
        else if (Array.isArray(address)) resolve(address);
        else resolve({ address, family });
      });
    });
  },
};

module.exports = {
  lookup,
  promises,
  ADDRCONFIG: 1024,
  V4MAPPED: 2048,
  ALL: 256,
  NOTFOUND: 'ENOTFOUND',
};
