// `net`: Socket (a Duplex over a host stream handle), Server, connect(),
// createServer(), isIP().  The host handle (bindings/tcp.py) does the
// socket work; this file keeps Node's stream semantics on top: half-close
// and allowHalfOpen, pause/resume as read_stop/read_start (so a paused
// reader stops the host reading: backpressure end to end), write callbacks
// when the kernel took the bytes, 'close' in the close phase after 'error'.
//
// A Socket talks to its handle through a small set of methods (_hostCall),
// so a subclass can put another stream handle underneath; tls does.
'use strict';

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const loop = require('internal/loop');
const { codes, validateFunction } = require('internal/errors');
const { isIP, isIPv4, isIPv6 } = require('internal/net_address');
const debug = require('internal/debuglog').debuglog('net');

const kLastWriteQueueSize = Symbol('lastWriteQueueSize');

let nextWriteRequest = 1;

function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim() === '') ||
      +port !== (+port >>> 0) || port > 0xFFFF ||
      (port === 0 && !allowZero)) {
    throw new codes.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
}

function isPipeName(value) {
  return typeof value === 'string' && Number.isNaN(Number(value));
}

// connect() and createConnection() take (options[, cb]),
// (port[, host][, cb]) or (path[, cb]).
function normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') {
      options.host = args[1];
    }
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

class Socket extends stream.Duplex {
  constructor(options = {}) {
    if (typeof options === 'number') options = { fd: options };
    super({
      allowHalfOpen: Boolean(options.allowHalfOpen),
      emitClose: false,
      autoDestroy: true,
      decodeStrings: false,
      readableHighWaterMark: options.readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark,
    });
    this.connecting = false;
    this._hadError = false;
    this._handle = null;
    this._host = null;
    this._peer = null;
    this._sockname = null;
    this._writeCallbacks = new Map();
    this._shutdownCallback = null;
    this._timeoutMs = 0;
    this._timer = null;
    this._refed = true;
    this._bytesRead = 0;
    this._bytesDispatched = 0;
    this.server = null;
    this._server = null;
    this[kLastWriteQueueSize] = 0;

    if (options.handle !== undefined) {
      this._attach(options.handle, options.info);
      // An accepted socket reads at once (up to the high-water mark), so
      // the peer's FIN is seen even when nobody listens for 'data'.
      if (options.pauseOnConnect) {
        this.pause();
      } else {
        this.read(0);
      }
    } else if (options.fd !== undefined) {
      throw new codes.ERR_METHOD_NOT_IMPLEMENTED('new net.Socket({ fd })');
    }
    this.on('end', onReadableStreamEnd);
  }

  // -- the handle ----------------------------------------------------------

  _attach(id, info) {
    this._handle = id;
    loop.registerHandle(id, this);
    if (info) {
      this._peer = info.remote;
      this._sockname = info.local;
    }
    if (!this._refed) this._hostCall('ref', false);
  }

  _hostCall(method, ...args) {
    return host.call('tcp.' + method, this._handle, ...args);
  }

  onHostData(chunk) {
    this._bytesRead += chunk.length;
    this._touch();
    if (!this.push(chunk)) this._readStop();
  }

  onHostEvent(kind, detail) {
    switch (kind) {
      case 'end':
        debug('end');
        this.push(null);
        this.read(0);
        break;
      case 'written': {
        const callback = this._writeCallbacks.get(detail);
        this._writeCallbacks.delete(detail);
        this._touch();
        if (callback) callback();
        break;
      }
      case 'shutdown': {
        const callback = this._shutdownCallback;
        this._shutdownCallback = null;
        if (callback) callback();
        break;
      }
      case 'connect':
        this._afterConnect(detail);
        break;
      case 'connect_error':
      case 'error':
        this.destroy(host.fromRecord(detail));
        break;
      default:
        break;
    }
  }

  _readStart() {
    if (this._handle !== null && !this.connecting && !this.destroyed) {
      this._hostCall('read_start');
    }
  }

  _readStop() {
    if (this._handle !== null && !this.destroyed) this._hostCall('read_stop');
  }

  // -- stream.Duplex ------------------------------------------------------

  // Node 20 judges the buffer after _write() ran, so a chunk the kernel
  // took at once does not ask for 'drain' however large it was; the npm
  // port judges before.  A needless 'drain' may follow; nobody waits on it.
  write(chunk, encoding, callback) {
    const ok = super.write(chunk, encoding, callback);
    return ok || (!this.destroyed && !this.writableEnded &&
      this.writableLength < this.writableHighWaterMark);
  }

  _read() {
    if (this.connecting || this._handle === null) {
      this.once('connect', () => this._read());
      return;
    }
    this._readStart();
  }

  _write(chunk, encoding, callback) {
    if (this.connecting || this._handle === null) {
      this.once('connect', () => this._write(chunk, encoding, callback));
      return;
    }
    let queued;
    let length;
    try {
      if (typeof chunk === 'string' && (encoding === 'utf8' ||
          encoding === 'utf-8')) {
        length = Buffer.byteLength(chunk);
        const request = nextWriteRequest++;
        queued = this._hostCall('write_string', chunk, request);
        if (queued !== 0) this._writeCallbacks.set(request, callback);
      } else {
        const data = typeof chunk === 'string' ?
          Buffer.from(chunk, encoding) : chunk;
        length = data.length;
        const request = nextWriteRequest++;
        queued = this._hostCall('write', host.bytesOut(data), request);
        if (queued !== 0) this._writeCallbacks.set(request, callback);
      }
    } catch (err) {
      callback(err);
      return;
    }
    this._bytesDispatched += length;
    this[kLastWriteQueueSize] = queued;
    this._touch();
    if (queued === 0) callback();
  }

  _final(callback) {
    if (this.connecting || this._handle === null) {
      this.once('connect', () => this._final(callback));
      return;
    }
    debug('_final: shutdown');
    this._shutdownCallback = callback;
    try {
      this._hostCall('shutdown');
    } catch (err) {
      this._shutdownCallback = null;
      callback(err);
    }
  }

  _destroy(err, callback) {
    debug('destroy', err ? err.code || err.message : '');
    this.connecting = false;
    this._clearTimer();
    if (err) this._hadError = true;
    for (const cb of this._writeCallbacks.values()) {
      cb(err || new codes.ERR_STREAM_DESTROYED('write'));
    }
    this._writeCallbacks.clear();
    if (this._handle !== null) {
      // Keep the final counters: the handle is about to go.
      const id = this._handle;
      loop.unregisterHandle(id);
      this._hostCall('close');
      this._handle = null;
    }
    callback(err);
    loop.queueClose(() => {
      this.emit('close', this._hadError);
      if (this._server !== null) this._server._connectionClosed(this);
    });
  }

  // -- connecting ------------------------------------------------------------

  connect(...args) {
    const [options, cb] = normalizeArgs(args);
    if (this.destroyed) {
      // Reconnecting a destroyed socket starts over, as Node allows.
      this._undestroy();
      this._handle = null;
    }
    if (cb !== null) this.once('connect', cb);
    if (options.timeout) this.setTimeout(options.timeout);

    if (options.path !== undefined && options.path !== null) {
      if (typeof options.path !== 'string') {
        throw new codes.ERR_INVALID_ARG_TYPE('options.path', 'string',
                                             options.path);
      }
      this.connecting = true;
      this._startConnect({ path: options.path });
      return this;
    }

    const host_ = options.host === undefined || options.host === null ?
      'localhost' : options.host;
    if (typeof host_ !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('options.host', 'string', host_);
    }
    if (options.port === undefined || options.port === null) {
      throw new codes.ERR_MISSING_ARGS('options.port', 'options.path');
    }
    if (typeof options.port !== 'number' && typeof options.port !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'],
                                           options.port);
    }
    const port = validatePort(options.port);
    if (options.localAddress !== undefined && !isIP(options.localAddress)) {
      throw new codes.ERR_INVALID_IP_ADDRESS(options.localAddress);
    }
    if (options.localPort !== undefined) {
      validatePort(options.localPort, 'options.localPort');
    }
    this.connecting = true;
    this._host = host_;

    const family = options.family === 'IPv6' ? 6 :
      options.family === 'IPv4' ? 4 : (options.family | 0);
    const literal = isIP(host_);
    if (literal !== 0) {
      loop.nextTick(() => this._startConnect({
        address: host_, port, localAddress: options.localAddress,
        localPort: options.localPort,
      }));
      return this;
    }
    const lookup = options.lookup || require('dns').lookup;
    validateFunction(lookup, 'options.lookup');
    lookup(host_, { family, hints: options.hints | 0 },
           (err, address, addressFamily) => {
             this.emit('lookup', err, address, addressFamily, host_);
             if (!this.connecting) return;
             if (err) {
               err.syscall = err.syscall || 'getaddrinfo';
               err.hostname = err.hostname || host_;
               this.destroy(err);
               return;
             }
             this._startConnect({
               address, port, localAddress: options.localAddress,
               localPort: options.localPort,
             });
           });
    return this;
  }

  _startConnect(target) {
    if (!this.connecting) return;
    debug('connect', target);
    try {
      this._attach(host.call('tcp.connect', target));
    } catch (err) {
      this.destroy(err);
    }
  }

  _afterConnect(info) {
    debug('afterConnect');
    this.connecting = false;
    this._peer = info.remote;
    this._sockname = info.local;
    this._touch();
    this.emit('connect');
    this.emit('ready');
    // Start reading unless paused, as Node's afterConnect does.
    if (this.readableFlowing !== false) this.read(0);
  }

  // -- timeouts, options, refs ------------------------------------------------

  setTimeout(ms, callback) {
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
      throw new codes.ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number',
                                       ms);
    }
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this._clearTimer();
    this._timeoutMs = ms;
    if (ms > 0) {
      this._timer = loop.setTimeout(() => this._onTimeout(), ms);
      this._timer.unref();
    }
    return this;
  }

  _onTimeout() {
    this._timer = null;
    debug('_onTimeout');
    this.emit('timeout');
  }

  _touch() {
    if (this._timer !== null) this._timer.refresh();
  }

  _clearTimer() {
    if (this._timer !== null) {
      loop.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  setNoDelay(enable = true) {
    if (this._handle !== null && !this.connecting) {
      this._hostCall('set_no_delay', Boolean(enable));
    }
    return this;
  }

  setKeepAlive(enable = false, initialDelay = 0) {
    if (this._handle !== null && !this.connecting) {
      this._hostCall('set_keep_alive', Boolean(enable),
                     Math.floor(initialDelay / 1000));
    }
    return this;
  }

  ref() {
    this._refed = true;
    if (this._handle !== null) this._hostCall('ref', true);
    return this;
  }

  unref() {
    this._refed = false;
    if (this._handle !== null) this._hostCall('ref', false);
    return this;
  }

  pause() {
    // A paused socket stops the host reading, so the peer feels it.
    if (!this.connecting) this._readStop();
    return super.pause();
  }

  resume() {
    if (!this.connecting && this._handle !== null &&
        this.readableLength < this.readableHighWaterMark) {
      this._readStart();
    }
    return super.resume();
  }

  // -- facts -------------------------------------------------------------------

  address() {
    if (this._sockname === null && this._handle !== null && !this.connecting) {
      this._sockname = this._hostCall('info').local;
    }
    return this._sockname || {};
  }

  get remoteAddress() {
    return this._peer ? this._peer.address : undefined;
  }

  get remoteFamily() {
    return this._peer ? this._peer.family : undefined;
  }

  get remotePort() {
    return this._peer ? this._peer.port : undefined;
  }

  get localAddress() {
    const address = this.address();
    return address.address;
  }

  get localPort() {
    const address = this.address();
    return address.port;
  }

  get localFamily() {
    return this.address().family;
  }

  get bytesRead() {
    return this._bytesRead;
  }

  get bytesWritten() {
    let pending = 0;
    for (const entry of this.writableBuffer || []) {
      pending += typeof entry.chunk === 'string' ?
        Buffer.byteLength(entry.chunk, entry.encoding) : entry.chunk.length;
    }
    return this._bytesDispatched + pending;
  }

  get bufferSize() {
    return this._handle !== null ? this.writableLength +
      this[kLastWriteQueueSize] : undefined;
  }

  get pending() {
    return this._handle === null || this.connecting;
  }

  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }

  get _connecting() {
    return this.connecting;
  }
}

// Without allowHalfOpen, the end of the readable side ends the writable
// side too (Node's onReadableStreamEnd).
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) {
    return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  }
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const err = new Error('This socket has been ended by the other party');
  err.code = 'EPIPE';
  if (typeof cb === 'function') loop.nextTick(cb, err);
  this.destroy(err);
  return false;
}

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    } else if (typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    if (connectionListener !== undefined) {
      this.on('connection', connectionListener);
    }
    this._handle = null;
    this._connections = 0;
    this._sockets = new Set();
    this._refed = true;
    this._pipeName = null;
    this.allowHalfOpen = Boolean(options.allowHalfOpen);
    this.pauseOnConnect = Boolean(options.pauseOnConnect);
    this.maxConnections = undefined;
  }

  get listening() {
    return this._handle !== null;
  }

  listen(...args) {
    let [options, cb] = normalizeListenArgs(args);
    if (cb !== null) this.once('listening', cb);
    if (this._handle !== null) {
      throw new codes.ERR_SERVER_ALREADY_LISTEN();
    }
    const backlog = options.backlog;
    if (options.path !== undefined && options.path !== null) {
      this._listenOn({ path: String(options.path), backlog });
      return this;
    }
    if (options.port === undefined && options.path === undefined &&
        args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
      throw new codes.ERR_INVALID_ARG_VALUE('options', args[0],
        'must have the property "port" or "path"');
    }
    const port = options.port === undefined || options.port === null ?
      0 : validatePort(options.port, 'options.port');
    const listenOptions = { port, backlog, ipv6Only: options.ipv6Only };
    const hostname = options.host;
    if (hostname === undefined || hostname === null || hostname === '') {
      this._listenOn(listenOptions);
    } else if (isIP(hostname)) {
      this._listenOn({ ...listenOptions, host: hostname });
    } else {
      require('dns').lookup(hostname, (err, address) => {
        if (err) {
          this.emit('error', err);
          return;
        }
        this._listenOn({ ...listenOptions, host: address });
      });
    }
    return this;
  }

  _listenOn(options) {
    let result;
    try {
      result = host.call('tcp.listen', options);
    } catch (err) {
      loop.nextTick(() => this.emit('error', err));
      return;
    }
    const [id, address] = result;
    this._handle = id;
    this._address = address;
    if (options.path !== undefined) this._pipeName = options.path;
    loop.registerHandle(id, this);
    if (!this._refed) host.call('tcp.ref', id, false);
    debug('listening', address);
    loop.nextTick(() => this.emit('listening'));
  }

  onHostEvent(kind, clientId, info) {
    if (kind === 'error') {
      this.emit('error', host.fromRecord(clientId));
      return;
    }
    if (kind !== 'connection') return;
    if (this.maxConnections !== undefined &&
        this._connections >= this.maxConnections) {
      host.call('tcp.close', clientId);
      return;
    }
    const socket = this._makeSocket(clientId, info);
    this._connections++;
    this._sockets.add(socket);
    socket.server = this;
    socket._server = this;
    debug('connection', info.remote);
    this.emit('connection', socket);
  }

  _makeSocket(clientId, info) {
    return new Socket({
      handle: clientId,
      info,
      allowHalfOpen: this.allowHalfOpen,
      pauseOnConnect: this.pauseOnConnect,
    });
  }

  _connectionClosed(socket) {
    if (this._sockets.delete(socket)) this._connections--;
    this._maybeEmitClose();
  }

  _maybeEmitClose() {
    if (this._handle === null && this._connections === 0 &&
        this._closing) {
      this._closing = false;
      loop.nextTick(() => this.emit('close'));
    }
  }

  address() {
    if (this._handle === null) return null;
    return this._pipeName !== null ? this._pipeName : this._address;
  }

  close(callback) {
    if (typeof callback === 'function') {
      if (this._handle === null) {
        this.once('close', () => callback(new codes.ERR_SERVER_NOT_RUNNING()));
      } else {
        this.once('close', callback);
      }
    }
    if (this._handle !== null) {
      loop.unregisterHandle(this._handle);
      host.call('tcp.close', this._handle);
      this._handle = null;
    }
    this._closing = true;
    this._maybeEmitClose();
    return this;
  }

  getConnections(callback) {
    validateFunction(callback, 'callback');
    loop.nextTick(callback, null, this._connections);
    return this;
  }

  // Deprecated in the docs (DEP0020) and gone from node 20; the Node 10
  // docs are the reference here, so it stays, with Node 10's warning.
  get connections() {
    if (!warnedConnections) {
      warnedConnections = true;
      process.emitWarning('Server.connections property is deprecated. ' +
        'Use Server.getConnections method instead.', 'DeprecationWarning',
        'DEP0020');
    }
    return this._connections;
  }

  ref() {
    this._refed = true;
    if (this._handle !== null) host.call('tcp.ref', this._handle, true);
    return this;
  }

  unref() {
    this._refed = false;
    if (this._handle !== null) host.call('tcp.ref', this._handle, false);
    return this;
  }
}

let warnedConnections = false;

// listen() takes (port[, host][, backlog][, cb]), (path[, backlog][, cb]),
// (options[, cb]) or (handle[, backlog][, cb]).
function normalizeListenArgs(args) {
  const cb = typeof args[args.length - 1] === 'function' ?
    args[args.length - 1] : null;
  const rest = cb !== null ? args.slice(0, -1) : args;
  if (rest.length === 0) return [{}, cb];
  const first = rest[0];
  if (first !== null && typeof first === 'object') {
    return [first, cb];
  }
  if (isPipeName(first)) {
    return [{ path: first, backlog: toNumber(rest[1]) }, cb];
  }
  const options = { port: first };
  if (rest.length > 1 && typeof rest[1] === 'string') {
    options.host = rest[1];
    options.backlog = toNumber(rest[2]);
  } else {
    options.backlog = toNumber(rest[1]);
  }
  return [options, cb];
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : undefined;
}

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const [options, cb] = normalizeArgs(args);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(options, cb);
}

module.exports = {
  Server,
  Socket,
  Stream: Socket,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  _normalizeArgs: normalizeArgs,
  _validatePort: validatePort,
};
